"""Sync messages from the app and sync layers appear in the interface language.

Driven through the real widgets: a damaged and a forged return bundle in the import-return dialog, an export to
a folder that is gone or read-only in the export dialog, an interrupted export reported in the main window's
banner, and a study-definition update in the main window. With Russian installed the text shown is Russian (no
word of the English template is left); with English it is exactly the original English text.
"""

from __future__ import annotations

import errno
import re
import shutil

import pytest
from PySide6.QtCore import Qt
from sponsor_link import linked_sponsor

from sle_desktop.app import returns, site, study_updates, sync_site
from sle_desktop.app.errors import ValidationError
from sle_desktop.app.session import Session
from sle_desktop.domain.text import Msg, msg
from sle_desktop.sponsor import operations as sponsor
from sle_desktop.sponsor import queries as sponsor_queries
from sle_desktop.sync import atomic
from sle_desktop.sync.errors import BundleRejected
from sle_desktop.ui import i18n
from sle_desktop.ui.export_dialog import ExportDialog
from sle_desktop.ui.import_return_dialog import ImportReturnDialog
from sle_desktop.ui.main import build_main_window

CYRILLIC = re.compile("[а-яА-ЯёЁ]")
# Latin words a Russian message keeps: codes, file and command names
KEPT = {"USB", "SLEDAI", "sle_desktop", "sle", "desktop"}


@pytest.fixture(params=["ru", "en"])
def language(request, qapp):
    i18n.install(request.param)
    yield request.param
    i18n.install("en")


def _english_words(message: Msg) -> set[str]:
    """The words of a message's English templates (its own and those of the messages it is built from)."""
    words = set(re.findall(r"[A-Za-z]{3,}", re.sub(r"\{[^}]*\}", " ", message.template))) - KEPT
    for value in message.params.values():
        if isinstance(value, Msg):
            words |= _english_words(value)
    return words


def assert_shown_in(language: str, shown: str, message: Msg) -> None:
    if language == "en":
        assert str(message) in shown
        return
    assert CYRILLIC.search(shown), shown
    left = {w for w in _english_words(message) if re.search(rf"\b{w}\b", shown)}
    assert not left, f"English words {sorted(left)} in {shown!r}"


def _return_bundle(store, tmp_path):
    """A genuine return bundle for the demo site on a 'USB drive', and the sponsor's keys."""
    link = linked_sponsor(store, tmp_path)
    return sponsor_queries.write_return_bundle(link.db, site="BY01", out_dir=link.usb,
                                               key_file=link.keys.key_path).path, link.cli


def _refusal(session, path) -> Msg:
    with pytest.raises(BundleRejected) as refused:
        returns.import_return(session, path)
    return refused.value.args[0]


def _import_in_dialog(qtbot, session, path, tmp_path) -> str:
    dialog = ImportReturnDialog(session, roots=[tmp_path / "no-drives"])
    qtbot.addWidget(dialog)
    dialog.add_file(path)
    with qtbot.waitSignal(dialog.failed, timeout=30000) as failed:
        qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    assert failed.args[0] in dialog.result_label.text()
    return dialog.result_label.text()


def test_damaged_and_forged_return_bundles_are_refused_in_the_interface_language(language, qtbot, demo_site,
                                                                                  tmp_path):
    path, cli = _return_bundle(demo_site, tmp_path)
    damaged = tmp_path / "copy" / path.name
    damaged.parent.mkdir()
    data = path.read_bytes().rstrip(b"\0")
    damaged.write_bytes(data[:-100])  # the stick was pulled while the encrypted data was being copied
    message = _refusal(cli, damaged)
    assert message.template.startswith("{name} is truncated or damaged")
    assert_shown_in(language, _import_in_dialog(qtbot, cli, damaged, tmp_path), message)

    other = sponsor.keygen(tmp_path / "impostor")  # the site now trusts another signing key: the signature fails
    returns.set_sponsor_signing_key(cli, other.signing_public_path.read_text())
    message = _refusal(cli, path)
    assert "forged" in message
    assert_shown_in(language, _import_in_dialog(qtbot, cli, path, tmp_path), message)
    assert returns.last_return(cli) is None


def test_export_to_a_missing_or_read_only_folder_fails_in_the_interface_language(language, qtbot, demo_site,
                                                                                 tmp_path, monkeypatch):
    cli = site.cli_session(demo_site)
    sync_site.set_sponsor_recipients(cli, sponsor.keygen(tmp_path / "sponsor").public_path.read_text())
    gone = tmp_path / "pulled-stick"
    gone.mkdir()
    dialog = ExportDialog(cli, roots=[tmp_path / "no-drives"])
    qtbot.addWidget(dialog)
    dialog.set_target(gone)
    gone.rmdir()
    with qtbot.waitSignal(dialog.failed, timeout=30000):
        qtbot.mouseClick(dialog.export_button, Qt.LeftButton)
    with pytest.raises(ValidationError) as refused:  # the same refusal, straight from the use case
        sync_site.export_bundle(cli, gone)
    assert_shown_in(language, dialog.result_label.text(), refused.value.errors["target"])

    read_only = tmp_path / "locked-stick"
    read_only.mkdir()

    def refuse(final, _write):
        raise OSError(errno.EROFS, "Read-only file system", str(final))

    monkeypatch.setattr(atomic, "write_temp", refuse)
    dialog.set_target(read_only)
    with qtbot.waitSignal(dialog.failed, timeout=30000):
        qtbot.mouseClick(dialog.export_button, Qt.LeftButton)
    message = atomic.explain_os_error(OSError(errno.EROFS, "Read-only file system"), msg("the bundle"),
                                      read_only).args[0]
    assert_shown_in(language, dialog.result_label.text(), message)
    assert str(read_only) in dialog.result_label.text() and not any(read_only.iterdir())
    assert demo_site.scalar("SELECT count(*) FROM exports") == 0


def _main_window(qtbot, session):
    window = build_main_window(session, autolock=False)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: not window._loading, timeout=5000)
    return window


def test_interrupted_export_is_reported_in_the_interface_language(language, qtbot, demo_site, tmp_path):
    cli = site.cli_session(demo_site)
    sync_site.set_sponsor_recipients(cli, sponsor.keygen(tmp_path / "sponsor").public_path.read_text())
    usb = tmp_path / "usb"
    usb.mkdir()
    sync_site.export_bundle(cli, usb)
    demo_site.conn.execute("UPDATE exports SET status = 'pending'")  # the program stopped, then the stick was lost
    shutil.rmtree(usb)
    [outcome] = sync_site.reconcile_exports(cli)
    assert outcome.action == "unresolved"
    admin = Session(demo_site, "demo.admin", "demo.admin", "admin", cli.data_key)
    window = _main_window(qtbot, admin)
    assert_shown_in(language, window.banner.text(), outcome.message)


def test_study_definition_changes_are_listed_in_the_interface_language(language, qtbot, demo_site):
    from sle_desktop.resources import resource_path

    text = resource_path("study", "sle-msc.toml").read_text("utf-8").replace('version = "1.0"', 'version = "1.1"', 1)
    text = text.replace("min_sledai = 6 ", "min_sledai = 8 ", 1)
    demo_site.conn.execute("INSERT INTO study_updates (version, definition, status, received_at, return_seq) "
                           "VALUES ('1.1', ?, 'pending', '2026-06-01T10:00:00+00:00', 1)", (text,))
    admin = Session(demo_site, "demo.admin", "demo.admin", "admin", site.cli_session(demo_site).data_key)
    [change] = study_updates.study_update_summary(admin).changes
    assert change == "Eligibility: min sledai changes from 6 to 8."
    box = _main_window(qtbot, admin).study_update()
    assert_shown_in(language, box.text(), change)
    if language == "ru":
        assert "Критерии включения: минимальный балл SLEDAI — было 6, станет 8." in box.text()
    box.reject()
