"""GUI start-up: QApplication, open the store, first-run set-up or log-in, then the main window.

`run_gui(db_path, demo)` is what `sle-desktop` runs; `build_main_window(session)` gives tests and
screenshot scripts a ready main window for a session.
"""

from __future__ import annotations

import atexit
import os
import signal
import sys
import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QStyleFactory

from sle_desktop import __version__
from sle_desktop.app import logs, site
from sle_desktop.app.errors import AppError, StoreError
from sle_desktop.ui import i18n
from sle_desktop.ui.background import run_on_store
from sle_desktop.ui.login import LoginDialog
from sle_desktop.ui.main_window import MainWindow
from sle_desktop.ui.messages import plain_message
from sle_desktop.ui.setup import SetupDialog

DEMO_SUBJECTS = 60
DEMO_SEED = 7
MIN_POINT_SIZE = 10


def _t(text: str) -> str:
    return QCoreApplication.translate("Startup", text)


def application() -> QApplication:
    """The QApplication, created and configured once (name, organisation, style, readable font)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    QCoreApplication.setApplicationName("sle_desktop")
    QCoreApplication.setOrganizationName("sle_desktop")
    QCoreApplication.setApplicationVersion(__version__)
    if "Fusion" in QStyleFactory.keys():
        app.setStyle("Fusion")
    font = app.font()
    if 0 < font.pointSize() < MIN_POINT_SIZE:
        font.setPointSize(MIN_POINT_SIZE)
        app.setFont(font)
    if not app.property("sle_language_installed"):
        # the system locale (Russian → ru) or the choice under View → Language…; once per process, so a
        # test or a screenshot script that installed a language itself keeps it
        i18n.install()
        app.setProperty("sle_language_installed", True)
    return app


def build_main_window(session, *, demo: bool = False, today: date | None = None, autolock: bool = True,
                      lock_minutes: float | None = None) -> MainWindow:
    """A main window for a logged-in session (the subject list starts loading at once)."""
    application()
    return MainWindow(session, demo=demo, today=today, autolock=autolock, lock_minutes=lock_minutes)


class GuiController(QObject):
    """Drives set-up → log-in → main window → log-out, without blocking dialogs."""

    def __init__(self, app: QApplication, store, *, demo: bool = False):
        super().__init__()
        self.app, self.store, self.demo = app, store, demo
        self.window: MainWindow | None = None
        self.login: LoginDialog | None = None
        self.setup: SetupDialog | None = None
        self.progress: QProgressDialog | None = None
        self.exit_code = 0
        self._job = None
        self._logging_out = False

    def start(self) -> None:
        if self.demo:
            self._generate_demo()
        elif not site.is_set_up(self.store):
            self.show_setup()
        else:
            self.show_login()

    # -- demo ----------------------------------------------------------------------------
    def _generate_demo(self) -> None:
        self.progress = QProgressDialog(
            _t("Creating the demo site: {0} synthetic patients with visits, labs and adverse events…").format(
                DEMO_SUBJECTS), "", 0, 0)
        self.progress.setObjectName("demoProgress")
        self.progress.setWindowTitle(_t("sle_desktop – demo"))
        self.progress.setCancelButton(None)
        self.progress.setMinimumDuration(0)
        self.progress.setWindowModality(Qt.ApplicationModal)
        self.progress.show()
        from sle_desktop.app import demo as demo_uc

        self._job = run_on_store(self.store, demo_uc.make_demo, subjects_count=DEMO_SUBJECTS, seed=DEMO_SEED,
                                 on_finished=self._demo_ready, on_failed=self._demo_failed)

    def _demo_ready(self, _summary) -> None:
        from sle_desktop.app import demo as demo_uc

        self.progress.close()
        self.show_login(username=demo_uc.DEMO_USERS[0][0], password=demo_uc.DEMO_PASSWORD)

    def _demo_failed(self, exc) -> None:
        self.progress.close()
        QMessageBox.critical(None, _t("sle_desktop – demo"), _t("The demo site could not be created: {0}")
                             .format(plain_message(exc)))
        self.exit_code = 1
        self.app.quit()

    # -- set-up and log-in ---------------------------------------------------------------
    def show_setup(self) -> None:
        self.setup = SetupDialog(self.store)
        self.setup.site_created.connect(self._site_created)
        self.setup.restore_requested.connect(self.show_restore)
        self.setup.rejected.connect(self.app.quit)
        self.setup.show()

    def show_restore(self) -> None:
        """First run on a replacement PC: restore the site from its backup into this (still empty) database."""
        from sle_desktop.ui.paper import RestoreDialog

        self.restore_dialog = RestoreDialog(self._restore_here, self.setup)
        self.restore_dialog.restored.connect(self._restored)
        self.restore_dialog.open()

    def _restore_here(self, backup_file: Path, *, admin: str | None, password: str | None):
        """Close the empty database, restore the backup in its place, open the result (the empty one on failure)."""
        from sle_desktop.app import backup

        path = self.store.path
        self.store.close()
        try:
            return backup.restore(backup_file, path, admin=admin, password=password, replace_empty=True)
        finally:
            self.store = site.open_database(path)

    def _restored(self, result) -> None:
        from sle_desktop.ui.paper import restore_summary

        self.setup.site_created.disconnect()
        self.setup.rejected.disconnect()
        self.setup.close()
        self.show_login(notice=restore_summary(result))

    def _site_created(self, session) -> None:
        warning = self.setup.warning
        self.show_login(username=session.username, notice=warning)

    def show_login(self, *, username: str = "", password: str = "", notice: str = "") -> None:
        hint = ""
        if self.demo:
            from sle_desktop.app import demo as demo_uc

            hint = _t("DEMO – synthetic data.\nAccounts: {0}\nPassword for all: {1}").format(
                ", ".join(u for u, _n, _r in demo_uc.DEMO_USERS), demo_uc.DEMO_PASSWORD)
        self.login = LoginDialog(self.store, username=username, password=password, demo_hint=hint)
        if notice:
            self.login.message.setText(notice)
            self.login.message.setVisible(True)
        self.login.logged_in.connect(self._logged_in)
        self.login.rejected.connect(self._login_cancelled)
        self.login.show()

    def _login_cancelled(self) -> None:
        if self.window is None:
            self.app.quit()

    def _logged_in(self, session) -> None:
        if self.login is not None:
            self.login.deleteLater()  # it accepts right after this signal; deleted once back in the loop
            self.login = None
        try:
            self.window = MainWindow(session, demo=self.demo)
        except (AppError, StoreError) as exc:
            self.show_login(username=session.username, notice=plain_message(exc))
            return
        self._show_window()

    def _show_window(self, *, like: MainWindow | None = None) -> None:
        self.window.logout_requested.connect(self.logout)
        self.window.closed.connect(self._window_closed)
        self.window.language_switched.connect(self.rebuild_window)
        screen = self.window.screen().availableGeometry() if self.window.screen() else None
        if like is not None:
            self.window.setGeometry(like.geometry())
            self.window.showMaximized() if like.isMaximized() else self.window.show()
        elif screen is not None and (screen.width() <= 1440 or screen.height() <= 900):
            self.window.showMaximized()
        else:
            self.window.show()

    def rebuild_window(self) -> None:
        """After a language switch: the same session in a new main window, with the same subjects open."""
        old = self.window
        if old is None:
            return
        reopen, current = old.open_subject_uuids(), old.current_subject_uuid()
        self.window = MainWindow(old.session, demo=self.demo, today=old.today)
        for uuid_ in reopen:
            self.window.open_subject(uuid_)
        if current in reopen:
            self.window.open_subject(current)
        self._show_window(like=old)
        self._retire(old)

    def _retire(self, window: MainWindow) -> None:
        """Close a main window of this session without ending the program or asking about unsaved changes."""
        self._logging_out = True
        try:
            if window.autolock is not None:
                window.autolock.stop()
            window._close_confirmed = True
            window.close()
            window.deleteLater()
        finally:
            self._logging_out = False

    def _window_closed(self) -> None:
        """Closing the main window (not logging out) ends the program."""
        if not self._logging_out:
            self.app.quit()

    def logout(self) -> None:
        """Close every window of the session and show the log-in again."""
        window, self.window = self.window, None
        if window is not None:
            for w in QApplication.topLevelWidgets():
                if w is not window and w.isWindow() and w.isVisible():
                    w.hide()
            self._retire(window)  # the user chose to log out: no unsaved-changes question now
        self.show_login()


def _end_on_sigterm(app: QApplication) -> None:
    """SIGTERM (a log-out, `kill`) ends the event loop like closing the window, so the clean-up below runs.

    Python handles signals only when it runs, so a timer gives it a moment several times a second."""
    def stop(_signum, _frame):
        app.setProperty("sle_terminated", True)
        app.quit()

    signal.signal(signal.SIGTERM, stop)
    timer = QTimer(app)
    timer.timeout.connect(lambda: None)
    timer.start(200)


def run_gui(db_path: Path | None, demo: bool) -> int:
    """Start the GUI on `db_path` (or a temporary demo site); returns the exit status."""
    app = application()
    app.setQuitOnLastWindowClosed(False)
    logs.configure()  # failures of background jobs are written here (user data folder/logs)
    tmp = None
    if demo:
        tmp = tempfile.TemporaryDirectory(prefix="sle_desktop_demo_")
        db_path = Path(tmp.name) / "demo.sqlite"
        os.environ["SLE_DESKTOP_KEY_DIR"] = str(Path(tmp.name) / "keys")  # the demo's key file dies with it
        _end_on_sigterm(app)
        atexit.register(tmp.cleanup)  # also when the program ends some other way
    if db_path is None:
        from sle_desktop.app.paths import default_db_path

        db_path = default_db_path()
    try:
        store = site.open_database(db_path)
    except StoreError as exc:
        QMessageBox.critical(None, _t("sle_desktop – cannot open the database"), plain_message(exc))
        if tmp is not None:
            tmp.cleanup()
        return 1
    controller = GuiController(app, store, demo=demo)
    controller.start()
    try:
        code = 0 if app.property("sle_terminated") else app.exec()
    finally:
        QThreadPool.globalInstance().waitForDone(60_000)  # let a running job finish before its store closes
        controller.store.close()  # (a restore on first run replaces the store the controller started with)
        if tmp is not None:
            tmp.cleanup()
    return controller.exit_code or code
