"""Paper and backup through the real windows: print a casebook, a blank CRF, back up to USB, the reminder, the
question at log-out, a visit transcribed from paper, and the first-run restore on a replacement PC."""

from __future__ import annotations

import re

import pypdf
from clinic_ui import choose, click, type_into
from PySide6.QtWidgets import QPushButton
from testkit import PASSWORD, TODAY, casebook_subject

from sle_desktop.app import backup, site
from sle_desktop.store.db import Store
from sle_desktop.ui import main as gui_main
from sle_desktop.ui.main import build_main_window


def _text(path) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in pypdf.PdfReader(str(path)).pages))


def _window(qtbot, windows, session):
    w = windows(build_main_window(session, today=TODAY, autolock=False))
    qtbot.waitUntil(lambda: not w._loading)
    return w


def test_print_casebook_from_the_file_menu(qtbot, investigator, windows, tmp_path):
    uuid = casebook_subject(investigator)
    w = _window(qtbot, windows, investigator)
    assert w.select_subject(uuid)
    dialog = w.paper.print_casebook()
    assert dialog.to_pdf.isChecked() and not dialog.identifiers.isChecked()
    target = tmp_path / "book.pdf"
    dialog.file.edit.setText(str(target))
    click(qtbot, dialog.ok)
    qtbot.waitUntil(lambda: dialog.result.isVisible() and "Casebook saved" in dialog.result.text())
    text = _text(target)
    label = investigator.store.scalar("SELECT subject_id FROM subjects WHERE uuid = ?", (uuid,))
    assert f"Casebook {label}" in text and "Olga" not in text


def test_blank_crf_dialog_in_russian_for_one_visit(qtbot, investigator, windows, tmp_path):
    w = _window(qtbot, windows, investigator)
    dialog = w.paper.blank_crf()
    choose(dialog.visit, "month_6")
    choose(dialog.language, "ru")
    dialog.file.edit.setText(str(tmp_path / "crf.pdf"))
    click(qtbot, dialog.ok)
    assert "Blank CRF saved" in dialog.result.text()
    text = _text(tmp_path / "crf.pdf")
    assert "Судороги" in text and "Month 6" not in text
    assert w.action("logout").text() == "Log &out"  # the window itself stays in English


def test_backup_to_usb_clears_the_reminder_and_the_logout_question(qtbot, investigator, windows, tmp_path):
    casebook_subject(investigator)
    w = _window(qtbot, windows, investigator)
    assert w.paper.banner.isVisible() and "Last backup to USB: never" in w.paper.banner.text()
    usb = tmp_path / "usb"
    usb.mkdir()
    dialog = w.paper.backup()
    dialog.folder.edit.setText(str(usb))
    click(qtbot, dialog.ok)
    qtbot.waitUntil(lambda: "Backup written and verified" in dialog.result.text())
    [made] = list(usb.glob("*.slebackup"))
    assert backup.verify_backup_file(made)["site_code"] == "BY01"
    assert not w.paper.banner.isVisible()
    with qtbot.waitSignal(w.logout_requested):
        w.action("logout").trigger()  # nothing new since the backup: no question


def test_backup_into_a_missing_folder_says_so(qtbot, investigator, windows, tmp_path):
    w = _window(qtbot, windows, investigator)
    dialog = w.paper.backup()
    dialog.folder.edit.setText(str(tmp_path / "gone"))
    click(qtbot, dialog.ok)
    qtbot.waitUntil(lambda: "does not exist" in dialog.result.text())
    assert not (tmp_path / "gone").exists()


def test_logout_question_offers_a_backup_first(qtbot, investigator, windows):
    w = _window(qtbot, windows, investigator)
    casebook_subject(investigator)
    with qtbot.assertNotEmitted(w.logout_requested):
        w.action("logout").trigger()
    box = w.backup_box
    back_up = next(b for b in box.findChildren(QPushButton) if b.text() == "&Back up…")
    click(qtbot, back_up)
    assert any(getattr(x, "objectName", lambda: "")() == "backupDialog" and x.isVisible() for x in w.windows)


def test_a_visit_transcribed_from_paper_is_marked_and_audited(qtbot, enrolled, windows):
    from sle_desktop.store import records

    session, uuid, _sid = enrolled
    w = _window(qtbot, windows, session)
    form = windows(w.open_subject(uuid).record_visit())
    choose(form.visit_combo, "month_1")
    type_into(qtbot, form.visit_date.edit, "19.02.2026")
    click(qtbot, form.sledai.checkboxes["fever"])
    form.sledai.pga.slider.setValue(10)
    click(qtbot, form.from_paper)
    click(qtbot, form.save_button)
    row = session.store.query_one("SELECT uuid, entry_source FROM visits WHERE visit_code = 'month_1'")
    assert row["entry_source"] == "paper_crf" and not form.from_paper.isEnabled()
    reason = session.store.scalar("SELECT reason FROM audit WHERE row_id = ? AND field = '*'", (row["uuid"],))
    assert reason == records.PAPER_CRF


def test_first_run_restores_the_site_of_a_failed_pc(qtbot, tmp_path, monkeypatch):
    import shutil

    from sle_desktop.store import keys

    old_pc = tmp_path / "old.sqlite"
    with Store.open(old_pc) as store:
        admin = site.create_site(store, code="BY01", name="Test site", admin_username="admin",
                                 admin_name="Site Administrator", admin_password=PASSWORD)
        site.create_user(admin, username="inv", display_name="Investigator", role="investigator", password=PASSWORD)
        casebook_subject(site.login(store, "inv", PASSWORD))
        usb = tmp_path / "usb"
        usb.mkdir()
        made = backup.backup(site.cli_session(store), usb)
    shutil.rmtree(keys.key_dir())
    new_pc = tmp_path / "new.sqlite"
    store = Store.open(new_pc)  # what run_gui opens on a new PC: an empty database
    controller = gui_main.GuiController(gui_main.application(), store)
    controller.start()
    assert controller.setup.isVisible()
    click(qtbot, controller.setup.restore_button)
    dialog = controller.restore_dialog
    type_into(qtbot, dialog.file, str(made.path))
    click(qtbot, dialog.restore_button)
    assert "password does not unlock" not in dialog.message.text()
    assert "no key file for site BY01" in dialog.message.text()  # the PC's key file is gone: it asks for a password
    type_into(qtbot, dialog.admin, "admin")
    type_into(qtbot, dialog.password, PASSWORD)
    click(qtbot, dialog.restore_button)
    login = controller.login
    assert login is not None and login.isVisible()
    assert f"the data reach change {made.head_seq}" in login.message.text()
    type_into(qtbot, login.username, "inv")
    type_into(qtbot, login.password, PASSWORD)
    click(qtbot, login.login_button)
    window = controller.window
    qtbot.waitUntil(lambda: not window._loading)
    assert window.subject_list.model.rowCount() == 1
    window.autolock and window.autolock.stop()
    window.hide()
    controller.store.close()
