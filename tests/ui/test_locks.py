"""Locks through the windows: the subject view's lock/unlock actions (typed reasons, clicks), the lock shown in the
subject list and the subject view, a locked visit opening read-only with the reason, and the buttons per role."""

from __future__ import annotations

from clinic_ui import click
from PySide6.QtCore import Qt
from sponsor_link import linked_sponsor

from sle_desktop.app import locks, site
from sle_desktop.app.demo import DEMO_PASSWORD
from sle_desktop.ui.main_window import MainWindow
from sle_desktop.ui.subject_view import SubjectView


def _login(store, username):
    return site.login(store, username, DEMO_PASSWORD)


def _enrolled(store) -> str:
    return store.scalar("SELECT uuid FROM subjects WHERE status = 'enrolled' ORDER BY subject_id LIMIT 1")


def _lock_rows(store, subject):
    return store.query("SELECT * FROM locks WHERE subject_uuid = ? ORDER BY locked_at", (subject,))


def test_investigator_locks_and_admin_unlocks_through_the_subject_view(qtbot, windows, demo_site):
    subject = _enrolled(demo_site)
    inv = _login(demo_site, "demo.investigator")
    view = windows(SubjectView(inv, subject))
    assert "Casebook open" in view.casebook_state.text()
    assert view.lock_button.isVisible() and not view.unlock_button.isVisible()
    dialog = view.lock_casebook()
    dialog.text.setPlainText("")
    qtbot.keyClicks(dialog.text, "All data entered and checked")
    click(qtbot, dialog.ok_button)
    [row] = _lock_rows(demo_site, subject)
    assert (row["lock_reason"], row["locked_by"], row["visit_uuid"]) == ("All data entered and checked",
                                                                         "demo.investigator", None)
    assert "Casebook locked" in view.casebook_state.text() and "All data entered" in view.casebook_state.text()
    assert not view.visit_button.isEnabled() and not view.ae_button.isEnabled() and not view.lock_button.isVisible()
    assert not view.unlock_button.isVisible()  # an investigator cannot unlock
    # the administrator unlocks; an empty reason is refused in the dialog and nothing changes
    admin_view = windows(SubjectView(_login(demo_site, "demo.admin"), subject))
    assert admin_view.unlock_button.isVisible()
    dialog = admin_view.unlock()
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible() and "reason for unlocking" in dialog.error.text()
    assert _lock_rows(demo_site, subject)[0]["unlocked_at"] is None
    qtbot.keyClicks(dialog.text, "Late laboratory result")
    click(qtbot, dialog.ok_button)
    row = _lock_rows(demo_site, subject)[0]
    assert (row["unlocked_by"], row["unlock_reason"]) == ("demo.admin", "Late laboratory result")
    assert "Casebook open" in admin_view.casebook_state.text()


def test_a_locked_visit_opens_read_only_with_the_reason(qtbot, windows, demo_site):
    subject = _enrolled(demo_site)
    inv = _login(demo_site, "demo.investigator")
    view = windows(SubjectView(inv, subject))
    view.visits_table.selectRow(0)
    visit = view.visits_table.item(0, 0).data(Qt.UserRole)
    dialog = view.lock_visit()
    qtbot.keyClicks(dialog.text, " - monitored")
    click(qtbot, dialog.ok_button)
    [row] = _lock_rows(demo_site, subject)
    assert row["visit_uuid"] == visit and row["lock_reason"] == "Visit data complete - monitored"
    assert view.visits_table.item(0, 7).text() == "locked"
    form = view.open_visit(visit)
    windows(form)
    assert not form.save_button.isVisible()
    assert "this visit is locked" in form.banner.text() and "Visit data complete - monitored" in form.banner.text()
    # the other visits stay open
    if view.visits_table.rowCount() > 1:
        other = windows(view.open_visit(view.visits_table.item(1, 0).data(Qt.UserRole)))
        assert other.save_button.isVisible()


def test_lock_actions_per_role(windows, demo_site):
    subject = _enrolled(demo_site)
    shown = {}
    for username in ("demo.investigator", "demo.coordinator", "demo.monitor", "demo.admin"):
        view = windows(SubjectView(_login(demo_site, username), subject))
        shown[username] = (view.lock_button.isVisible(), view.lock_visit_button.isVisible(),
                           view.sign_off_button.isVisible())
    assert shown == {"demo.investigator": (True, True, True), "demo.coordinator": (False, False, False),
                     "demo.monitor": (False, False, False), "demo.admin": (True, True, False)}


def test_the_subject_list_shows_locked_and_signed_casebooks(qtbot, windows, demo_site):
    subject = _enrolled(demo_site)
    inv = _login(demo_site, "demo.investigator")
    locks.lock_casebook(inv, subject, reason="done")
    locks.sign_casebook(inv, subject, password=DEMO_PASSWORD)
    window = windows(MainWindow(inv, autolock=False))
    qtbot.waitUntil(lambda: window.subject_list.model.rowCount() > 0)
    model = window.subject_list.model
    col = model.headers and list(model.headers).index("casebook")
    row = model.row_of(subject)
    assert model.data(model.index(row, col)) == "locked, signed"
    others = [model.data(model.index(r, col)) for r in range(model.rowCount()) if r != row]
    assert set(others) == {""}


def test_sponsor_requested_lock_arrives_through_the_import_dialog(qtbot, windows, demo_site, tmp_path):
    from sle_desktop.sponsor import queries as sponsor_queries
    from sle_desktop.ui.import_return_dialog import ImportReturnDialog

    link = linked_sponsor(demo_site, tmp_path)
    keys, cli, db, usb = link.keys, link.cli, link.db, link.usb
    subject = _enrolled(demo_site)
    subject_id = demo_site.scalar("SELECT subject_id FROM subjects WHERE uuid = ?", (subject,))
    sponsor_queries.write_return_bundle(db, site="BY01", out_dir=usb, key_file=keys.key_path, lock=[subject_id],
                                        user="dm.petrova")
    dialog = ImportReturnDialog(cli, roots=[tmp_path])
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.imported, timeout=30000) as blocker:
        click(qtbot, dialog.import_button)
    assert blocker.args[0].casebooks_locked == 1
    assert "1 casebook(s) locked at the sponsor's request" in dialog.result_label.text()
    [row] = _lock_rows(demo_site, subject)
    assert row["requested_by"] == "dm.petrova" and row["unlocked_at"] is None
    view = windows(SubjectView(_login(demo_site, "demo.investigator"), subject))
    assert "at the sponsor's request (dm.petrova" in view.casebook_state.text()
    assert not view.visit_button.isEnabled()
