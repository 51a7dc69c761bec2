"""The main window's sync helpers: the administrator's next-step hint after set-up, File → Sync settings…, and
Administration → Study definition update…. Kept out of main_window.py; texts stay in the "MainWindow" context."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from sle_desktop.app import site, study_updates
from sle_desktop.app.errors import AppError, StoreError
from sle_desktop.ui.common import translated
from sle_desktop.ui.messages import report, show_info


def show_next_step(window) -> None:
    """A site administrator just after set-up has nothing to screen: say what to do next."""
    if window.session.role != "admin" or window.banner.isVisible():
        return
    try:
        others = [u for u in site.list_users(window.session) if u.role != "admin" and u.active]
    except (AppError, StoreError):
        return
    if not others:
        window.banner.show_message(QCoreApplication.translate("MainWindow",
            "Next step: create the accounts of the investigators and coordinators (Administration → Users…). "
            "Screening and data entry are done under their accounts; import the sponsor's key files under "
            "File → Sync settings…."), "info")


def open_sync_settings(window):
    """File → Sync settings…: the sponsor's key files (also reached from the export and import dialogs)."""
    from sle_desktop.ui.sync_settings import SyncSettingsDialog

    dialog = window._keep(SyncSettingsDialog(window.session, window))
    dialog.changed.connect(lambda: (window.update_actions(), window.banner.clear()))
    dialog.open()
    return dialog


def show_study_update(window):
    """Show a pending study-definition update; an administrator may accept it."""
    session = window.session
    summary = study_updates.study_update_summary(session)
    if summary is None:
        return show_info(window, QCoreApplication.translate("MainWindow", "Study definition"),
                         QCoreApplication.translate("MainWindow", "No study-definition update is waiting."))
    text = QCoreApplication.translate(
        "MainWindow", "The sponsor sent study definition {0} (this site works to {1}). It changes:").format(
        summary.new_version, summary.current_version) + "\n\n• " + "\n• ".join(map(translated, summary.changes))
    text += "\n\n" + QCoreApplication.translate("MainWindow", "Nothing already entered is changed.")
    title = QCoreApplication.translate("MainWindow", "Study definition update")
    box = QMessageBox(QMessageBox.Question, title, text, parent=window)
    accept = box.addButton(QCoreApplication.translate("MainWindow", "&Accept update"), QMessageBox.AcceptRole)
    box.addButton(QCoreApplication.translate("MainWindow", "&Not now"), QMessageBox.RejectRole)
    accept.setEnabled(session.role == "admin")
    if session.role != "admin":
        box.setInformativeText(QCoreApplication.translate("MainWindow", "Only a site administrator can accept it."))

    def done(_r):
        if box.clickedButton() is accept:
            try:
                version = study_updates.accept_study_update(session)
            except (AppError, StoreError) as exc:
                report(exc, parent=window, title=title)
                return
            window.banner.show_message(
                QCoreApplication.translate("MainWindow", "Study definition {0} is now in force.").format(version), "ok")
            window.update_actions()
            window.refresh()

    box.finished.connect(done)
    window._keep(box)
    box.open()
    return box
