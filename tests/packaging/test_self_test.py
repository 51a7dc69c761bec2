"""`sle-desktop --self-test` in-process: every step passes on a good installation, and a failing
step is named in the message and makes the command exit 1."""

from __future__ import annotations

import os
import re

import pytest

from sle_desktop import cli
from sle_desktop.app import self_check
from sle_desktop.ui import self_test
from sle_desktop.app.errors import AppError
from sle_desktop.store import migrations


def test_all_steps_pass_and_the_summary_is_one_line():
    message = self_test.run()
    assert re.fullmatch(rf"self-test OK: store v{migrations.LATEST}, site, SLEDAI 19, study SLE-MSC-BY 1\.0, bundle [1-9]\d* records, "
                        r"icon, plot \d+x\d+ \(\d+\.\d s\)", message), message


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

    _with_step(monkeypatch, "bundle", broken_bundle)
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
    _with_step(monkeypatch, "study", lambda ctx: 1 / 0)
    with pytest.raises(self_test.SelfTestFailed, match=r"^self-test failed at step 'study': ZeroDivisionError"):
        self_test.run()
    assert os.environ["SLE_DESKTOP_KEY_DIR"] == before


def test_a_wrong_sledai_is_reported_at_the_site_step(monkeypatch):
    monkeypatch.setattr(self_check, "KNOWN_SLEDAI_SCORE", 20)
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


def test_a_signature_check_that_accepts_anything_fails_the_bundle_step(monkeypatch):
    import json

    from sle_desktop.sync import bundle

    def accept_anything(container, public_key, *, site_code):
        return json.loads(container.manifest_bytes)

    monkeypatch.setattr(bundle, "verify_container", accept_anything)
    with pytest.raises(self_test.SelfTestFailed) as info:
        self_test.run()
    assert info.value.step == "bundle"
    assert "tampered manifest passed" in str(info.value)


def _with_step(monkeypatch, name, step):
    monkeypatch.setattr(self_test, "STEPS", tuple((n, step if n == name else s) for n, s in self_test.STEPS))
