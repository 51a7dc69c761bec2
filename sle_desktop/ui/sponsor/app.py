"""`sle-sponsor gui`: open the sponsor database, log in (or create the first data manager), show the window."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QMessageBox

from sle_desktop.domain.errors import AppError
from sle_desktop.sponsor import db as sponsor_db
from sle_desktop.ui import i18n
from sle_desktop.ui.main import application
from sle_desktop.ui.messages import plain_message
from sle_desktop.ui.sponsor.login import SponsorLoginDialog
from sle_desktop.ui.sponsor.window import SponsorWindow


def open_database(target):
    """The sponsor database (created when it is a new SQLite file)."""
    return sponsor_db.open_sponsor_store(target, create=True)


def run_sponsor_gui(target, *, key_file: str = "") -> int:
    """The sponsor window's event loop; returns the exit code."""
    app = application()
    try:
        store = open_database(target)
    except Exception as exc:  # noqa: BLE001 - any failure to open is shown as a plain message
        QMessageBox.critical(None, "sle-sponsor", plain_message(exc))
        return 1
    try:
        where = sponsor_db.describe(target)
        login = SponsorLoginDialog(store, where)
        if login.exec() != QDialog.Accepted or login.session is None:
            return 0
        window = SponsorWindow(login.session, where=where, key_file=key_file, language=i18n.current_language())
        window.show()
        return app.exec()
    except AppError as exc:
        QMessageBox.critical(None, "sle-sponsor", plain_message(exc))
        return 1
    finally:
        store.close()
