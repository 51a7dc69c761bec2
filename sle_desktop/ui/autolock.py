"""Idle auto-lock for shared ward PCs: after N idle minutes every window is covered and the password asked.

Windows are covered, not closed, so whatever was typed into a form is still there after unlocking.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sle_desktop.app import site
from sle_desktop.ui.common import error_label, heading, name_inputs

DEFAULT_MINUTES = 10
SETTINGS_KEY = "security/idle_lock_minutes"
MAX_UNLOCK_ATTEMPTS = 5
_ACTIVITY = {
    QEvent.KeyPress, QEvent.MouseButtonPress, QEvent.MouseMove, QEvent.Wheel, QEvent.TouchBegin,
    QEvent.MouseButtonDblClick,
}


def configured_minutes() -> int:
    """The idle time before locking (QSettings, default 10 minutes; 1–240)."""
    try:
        value = int(QSettings().value(SETTINGS_KEY, DEFAULT_MINUTES))
    except (TypeError, ValueError):
        value = DEFAULT_MINUTES
    return min(max(value, 1), 240)


def save_minutes(minutes: int) -> None:
    QSettings().setValue(SETTINGS_KEY, int(min(max(minutes, 1), 240)))


class Curtain(QWidget):
    """An opaque cover over one window while the screen is locked (hides patient data)."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.setObjectName("lockCurtain")
        self.setAttribute(Qt.WA_StyledBackground, True)
        self.setStyleSheet("#lockCurtain { background: #37474f; } QLabel { color: white; }")
        label = QLabel(self.tr("Locked"), self)
        f = label.font()
        f.setPointSize(f.pointSize() + 6)
        label.setFont(f)
        hint = QLabel(self.tr("Enter the password in the lock window to continue."), self)
        lay = QVBoxLayout(self)
        lay.addStretch(1)
        lay.addWidget(label, 0, Qt.AlignCenter)
        lay.addWidget(hint, 0, Qt.AlignCenter)
        lay.addStretch(1)
        window.installEventFilter(self)
        self.setGeometry(window.rect())
        self.raise_()
        self.show()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Resize:
            self.setGeometry(obj.rect())
            self.raise_()
        return False


class LockDialog(QDialog):
    """Asks the logged-in user's password; another person can log out instead."""

    unlocked = Signal()
    logout_requested = Signal()

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.setObjectName("lockDialog")
        self.session = session
        self.attempts = 0
        self.setWindowTitle(self.tr("Screen locked – sle_desktop"))
        self.setWindowModality(Qt.ApplicationModal)
        self.setWindowFlag(Qt.WindowCloseButtonHint, False)
        lay = QVBoxLayout(self)
        lay.addWidget(heading(self.tr("The screen is locked"), self))
        info = QLabel(self.tr("{0} ({1}) is logged in. Enter the password to continue; unsaved entries are "
                              "kept.").format(session.display_name, session.username), self)
        info.setWordWrap(True)
        lay.addWidget(info)
        self.password = QLineEdit(self)
        self.password.setObjectName("unlockPassword")
        self.password.setEchoMode(QLineEdit.Password)
        self.password.returnPressed.connect(self.try_unlock)
        lay.addWidget(self.password)
        self.error = error_label(self)
        self.error.setObjectName("unlockError")
        lay.addWidget(self.error)
        row = QHBoxLayout()
        self.logout_button = QPushButton(self.tr("Log &out (unsaved entries are lost)"), self)
        self.logout_button.setObjectName("lockLogout")
        self.logout_button.clicked.connect(self._logout)
        self.unlock_button = QPushButton(self.tr("&Unlock"), self)
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.try_unlock)
        row.addWidget(self.logout_button)
        row.addStretch(1)
        row.addWidget(self.unlock_button)
        lay.addLayout(row)
        self.setMinimumWidth(440)
        name_inputs(self)  # accessible names/buddies from the row labels

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Escape must not dismiss the lock
        if event.key() == Qt.Key_Escape:
            return
        super().keyPressEvent(event)

    def reject(self) -> None:  # closing the lock is only possible by unlocking or logging out
        return

    def try_unlock(self) -> None:
        if site.verify_password(self.session, self.password.text()):
            self.password.clear()
            self.unlocked.emit()
            self.done(QDialog.Accepted)
            return
        self.attempts += 1
        self.password.clear()
        if self.attempts >= MAX_UNLOCK_ATTEMPTS:
            self.error.setText(self.tr("Too many wrong passwords: logging out."))
            self.error.setVisible(True)
            self._logout()
            return
        self.error.setText(self.tr("Wrong password ({0} of {1} attempts).").format(self.attempts, MAX_UNLOCK_ATTEMPTS))
        self.error.setVisible(True)

    def _logout(self) -> None:
        self.logout_requested.emit()
        self.done(QDialog.Rejected)


class AutoLock(QObject):
    """Event filter on the QApplication: user activity restarts the idle timer; timeout locks."""

    locked = Signal()
    unlocked = Signal()
    logout_requested = Signal()

    def __init__(self, session, parent=None, *, minutes: int | None = None):
        super().__init__(parent)
        self.session = session
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock_now)
        self.dialog: LockDialog | None = None
        self.curtains: list[Curtain] = []
        self.set_minutes(minutes if minutes is not None else configured_minutes())
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.timer.start()

    def set_minutes(self, minutes: float) -> None:
        self.set_timeout_ms(int(minutes * 60_000))

    def set_timeout_ms(self, ms: int) -> None:
        self.timer.setInterval(max(int(ms), 50))
        if self.timer.isActive():
            self.timer.start()

    def is_locked(self) -> bool:
        return self.dialog is not None

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() in _ACTIVITY and self.dialog is None:
            self.timer.start()
        return False

    def lock_now(self) -> None:
        """Cover every visible window and ask for the password."""
        if self.dialog is not None:
            return
        self.timer.stop()
        app = QApplication.instance()
        for w in app.topLevelWidgets():
            if w.isVisible() and w.windowType() in (Qt.Window, Qt.Dialog) and not isinstance(w, LockDialog):
                self.curtains.append(Curtain(w))
        self.dialog = LockDialog(self.session)
        self.dialog.unlocked.connect(self._unlocked)
        self.dialog.logout_requested.connect(self._logout)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        self.dialog.password.setFocus()
        self.locked.emit()

    def _remove_curtains(self) -> None:
        for c in self.curtains:
            try:
                c.parentWidget().removeEventFilter(c)
                c.deleteLater()
            except RuntimeError:  # the window was deleted meanwhile
                pass
        self.curtains = []

    def _unlocked(self) -> None:
        self._remove_curtains()
        self.dialog.deleteLater()
        self.dialog = None
        self.timer.start()
        self.unlocked.emit()

    def _logout(self) -> None:
        self._remove_curtains()
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None
        self.logout_requested.emit()

    def stop(self) -> None:
        """Stop watching (log-out / window closed)."""
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
