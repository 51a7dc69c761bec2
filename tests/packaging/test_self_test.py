"""`sle-desktop --self-test` in-process: every step passes on a good installation, and a failing
step is named in the message and makes the command exit 1."""

from __future__ import annotations

import os
import re

import pytest

from sle_desktop import cli
from sle_desktop.ui import self_test
from sle_desktop.app.errors import AppError
from sle_desktop.store import migrations


def test_all_steps_pass_and_the_summary_is_one_line():
    message = self_test.run()
    assert re.fullmatch(rf"self-test OK: store v{migrations.LATEST}, site, SLEDAI 19, study SLE-MSC-BY 1\.0, bundle [1-9]\d* records, "
                        r"icon, plot \d+x\d+ \(\d+\.\d s\)", message), message


def test_without_the_sync_modules_the_primitives_are_checked(monkeypatch):
    real_find_spec = self_test.importlib.util.find_spec
    monkeypatch.setattr(self_test.importlib.util, "find_spec",
                        lambda name, *a: None if name.startswith(("sle_desktop.sync", "sle_desktop.app.sync_site"))
                        else real_find_spec(name, *a))
    assert ", bundle (primitives), " in self_test.run()


def test_a_bundle_that_opens_with_any_key_fails_the_bundle_step(monkeypatch):
    # The step decrypts with a second, fresh key and expects a refusal; make that key the sponsor's.
    import pyrage

    one = pyrage.x25519.Identity.generate()
    monkeypatch.setattr(pyrage.x25519.Identity, "generate", staticmethod(lambda: one))
    with pytest.raises(self_test.SelfTestFailed) as info:
        self_test.run()
    assert info.value.step == "bundle"
    assert "decrypted with a key it was not encrypted for" in str(info.value)


def test_key_dir_is_restored_and_nothing_is_left_behind(tmp_path):
    before = os.environ["SLE_DESKTOP_KEY_DIR"]  # set per test by tests/conftest.py
    self_test.run()
    assert os.environ["SLE_DESKTOP_KEY_DIR"] == before
    assert not os.path.exists(before), "the self-test wrote into the caller's key folder"


def test_cli_prints_ok_and_exits_0(capsys):
    assert cli.main(["--self-test"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("self-test OK: ") and out.count("\n") == 1
    assert err == ""


def test_a_failing_step_is_named_and_the_cli_exits_1(monkeypatch, capsys):
    def broken_bundle(ctx):
        raise RuntimeError("pyrage is missing")

    monkeypatch.setattr(self_test, "_step_bundle", broken_bundle)
    with pytest.raises(self_test.SelfTestFailed) as info:
        self_test.run()
    assert str(info.value) == "self-test failed at step 'bundle': RuntimeError: pyrage is missing"
    assert info.value.step == "bundle"
    assert isinstance(info.value, AppError)

    assert cli.main(["--self-test"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "error: self-test failed at step 'bundle': RuntimeError: pyrage is missing\n"


def test_key_dir_is_restored_after_a_failure(monkeypatch):
    before = os.environ["SLE_DESKTOP_KEY_DIR"]
    monkeypatch.setattr(self_test, "_step_study", lambda ctx: 1 / 0)
    with pytest.raises(self_test.SelfTestFailed, match=r"^self-test failed at step 'study': ZeroDivisionError"):
        self_test.run()
    assert os.environ["SLE_DESKTOP_KEY_DIR"] == before


def test_a_wrong_sledai_is_reported_at_the_site_step(monkeypatch):
    monkeypatch.setattr(self_test, "KNOWN_SLEDAI_SCORE", 20)
    with pytest.raises(self_test.SelfTestFailed) as info:
        self_test.run()
    assert info.value.step == "site"
    assert "is 19, expected 20" in str(info.value)


def test_the_plot_check_sees_a_missing_curve(monkeypatch):
    # A white curve on the white background: the image is not blank (axes, labels), but the curve is gone.
    monkeypatch.setattr(self_test, "PLOT_PEN", (255, 255, 255))
    with pytest.raises(self_test.SelfTestFailed) as info:
        self_test.run()
    assert info.value.step == "plot"
    assert "curve is missing" in str(info.value)


def test_a_missing_icon_is_reported(monkeypatch):
    monkeypatch.setattr(self_test, "ICON_FILE", ("icons", "no-such-icon.svg"))
    with pytest.raises(self_test.SelfTestFailed, match=r"^self-test failed at step 'icon': the application icon .* is missing"):
        self_test.run()


def test_primitives_catch_a_signature_check_that_accepts_anything(monkeypatch):
    # If signature verification accepted anything, the bundle step must fail rather than pass.
    from cryptography.hazmat.primitives.asymmetric import ed25519

    monkeypatch.setattr(self_test, "_step_bundle", self_test._bundle_primitives)
    monkeypatch.setattr(ed25519.Ed25519PublicKey, "from_public_bytes",
                        classmethod(lambda cls, raw: _AcceptAll()), raising=True)
    with pytest.raises(self_test.SelfTestFailed) as info:
        self_test.run()
    assert info.value.step == "bundle"
    assert "tampered manifest passed" in str(info.value)


class _AcceptAll:
    def verify(self, signature, data):
        return None
