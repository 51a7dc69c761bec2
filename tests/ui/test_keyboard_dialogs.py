"""Keyboard use of every dialog beyond the wizard and the visit form, and the toolbar at 1366 px in Russian.

For the adverse-event, infusion, log-in, reason, signature, users and export dialogs: Tab visits every input in
reading order, every input has an accessible name for screen readers, every button has a mnemonic or is the
default/cancel button, and Escape closes the dialog without saving anything.
"""

from __future__ import annotations

import pytest
from clinic_ui import accessible, assert_reading_order, dispose, tab_cycle
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QPushButton
from testkit import PASSWORD, TODAY

from sle_desktop.ui import i18n


def _open(qtbot, dialog: QDialog) -> QDialog:
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and dialog.isAncestorOf(QApplication.focusWidget()))
    return dialog


def _check_keyboard(qtbot, dialog: QDialog, *, min_inputs: int) -> None:
    chain = tab_cycle(qtbot, dialog)
    assert len(chain) >= min_inputs, [w.objectName() or type(w).__name__ for w in chain]
    if chain:
        assert_reading_order(dialog, chain)
        accessible(chain)
    boxes = dialog.findChildren(QDialogButtonBox)
    standard = {b for box in boxes for b in box.buttons()}
    for button in dialog.findChildren(QPushButton):
        if button.isVisible() and button not in standard and button.isEnabled():
            assert "&" in button.text() or button.isDefault(), f"button {button.text()!r} has no keyboard mnemonic"


def _check_and_escape(qtbot, dialog: QDialog, *, min_inputs: int) -> None:
    """Open `dialog`, check its keyboard use, then close it with Escape."""
    _open(qtbot, dialog)
    try:
        _check_keyboard(qtbot, dialog, min_inputs=min_inputs)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Escape)
        qtbot.waitUntil(lambda: not dialog.isVisible())
    finally:
        dispose(dialog)


def test_adverse_event_dialog_by_keyboard(qtbot, enrolled):
    from sle_desktop.ui.ae_dialog import AdverseEventDialog

    session, uuid, _sid = enrolled
    before = session.store.scalar("SELECT count(*) FROM adverse_events")
    _check_and_escape(qtbot, AdverseEventDialog(session, uuid, today=TODAY), min_inputs=6)
    assert session.store.scalar("SELECT count(*) FROM adverse_events") == before


def test_infusion_dialog_by_keyboard(qtbot, enrolled):
    from sle_desktop.ui.infusion_dialog import InfusionDialog

    session, uuid, _sid = enrolled
    _check_and_escape(qtbot, InfusionDialog(session, uuid, today=TODAY), min_inputs=5)
    assert session.store.scalar("SELECT count(*) FROM infusions") == 0


def test_login_dialog_by_keyboard_enter_logs_in(qtbot, admin):
    from sle_desktop.ui.login import LoginDialog

    dialog = _open(qtbot, LoginDialog(admin.store))
    sessions = []
    dialog.logged_in.connect(sessions.append)
    try:
        _check_keyboard(qtbot, dialog, min_inputs=2)
        dialog.username.setFocus()
        qtbot.keyClicks(dialog.username, "admin")
        qtbot.keyClick(dialog.username, Qt.Key_Tab)
        qtbot.keyClicks(QApplication.focusWidget(), PASSWORD)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
        qtbot.waitUntil(lambda: bool(sessions), timeout=10000)
    finally:
        dispose(dialog)
    assert sessions[0].username == "admin"


def test_reason_and_signature_dialogs_by_keyboard(qtbot, enrolled):
    from sle_desktop.ui.reason_dialog import ReasonDialog
    from sle_desktop.ui.sign_dialog import SignDialog

    session, uuid, _sid = enrolled
    _check_and_escape(qtbot, ReasonDialog(what="SELENA-SLEDAI"), min_inputs=1)
    _check_and_escape(qtbot, SignDialog(session, "subjects", uuid, description="BY01-0001"), min_inputs=1)
    assert session.store.scalar("SELECT count(*) FROM signatures") == 0


def test_users_and_export_dialogs_by_keyboard(qtbot, admin, tmp_path):
    from sle_desktop.ui.export_dialog import ExportDialog
    from sle_desktop.ui.users_dialog import UsersDialog

    _check_and_escape(qtbot, UsersDialog(admin), min_inputs=3)
    export = ExportDialog(admin, roots=[tmp_path])
    assert export.targets.accessibleName()
    _check_and_escape(qtbot, export, min_inputs=0)  # a list of drives and buttons
    assert admin.store.scalar("SELECT count(*) FROM exports") == 0


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_toolbar_button_fits_at_1366_px(qtbot, investigator, lang):
    from sle_desktop.ui.main_window import MainWindow

    i18n.install(lang)
    try:
        w = MainWindow(investigator, today=TODAY, autolock=False)
        qtbot.addWidget(w)
        w.resize(1366, 768)
        w.show()
        qtbot.waitUntil(lambda: not w._loading)
        tb = w.toolbar
        hidden = [a.iconText() for a in tb.actions()
                  if not a.isSeparator() and a.isVisible() and not tb.widgetForAction(a).isVisible()]
        assert not hidden, f"pushed into the toolbar overflow at 1366 px ({lang}): {hidden}"
        # the short label on the button, the full name (or the explanation) in its tooltip
        assert w.named_actions["cohort_trends"].toolTip() != w.named_actions["cohort_trends"].iconText()
    finally:
        i18n.install("en")
