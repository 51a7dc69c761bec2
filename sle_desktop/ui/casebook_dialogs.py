"""Closing the casebook from the subject view: lock and unlock with a reason, the investigator's sign-off.

Each dialog calls one use case of `app.locks`; a refusal (no reason, wrong password, no permission) is shown in
the dialog in one sentence and nothing is changed.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout

from sle_desktop.app import locks
from sle_desktop.app.errors import AppError, StoreError
from sle_desktop.ui.common import error_label, fmt_date, heading, name_inputs
from sle_desktop.ui.messages import plain_message
from sle_desktop.ui.screen_fit import grow_with_contents


def describe_lock(lock: locks.LockInfo) -> str:
    """What is locked, by whom, when and why, in the interface language."""
    if lock.requested_by:
        text = QCoreApplication.translate("CasebookDialogs", "Locked on {0} at the sponsor's request ({1}, {2}): {3}")
        text = text.format(fmt_date(lock.locked_at), lock.requested_by, fmt_date(lock.requested_at), lock.reason)
    else:
        text = QCoreApplication.translate("CasebookDialogs", "Locked by {0} on {1}: {2}")
        text = text.format(lock.locked_by, fmt_date(lock.locked_at), lock.reason)
    return text if text.endswith(".") else text + "."


class LockReasonDialog(QDialog):
    """Asks for the reason of a lock or an unlock, then runs `action(reason)`; emits `done` on success."""

    done = Signal(object)

    def __init__(self, parent, *, title: str, prompt: str, ok_text: str, action, default: str = ""):
        super().__init__(parent)
        self.setObjectName("lockReasonDialog")
        self.setWindowTitle(title)
        self._action = action
        lay = QVBoxLayout(self)
        lay.addWidget(heading(title, self, size_delta=1))
        info = QLabel(prompt, self)
        info.setWordWrap(True)
        lay.addWidget(info)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("lockReason")
        self.text.setAccessibleName(self.tr("Reason"))
        self.text.setPlaceholderText(self.tr("Reason (kept in the audit trail)"))
        self.text.setTabChangesFocus(True)
        self.text.setPlainText(default)
        self.text.moveCursor(QTextCursor.End)  # typing adds to the suggested reason
        self.text.setMaximumHeight(90)
        lay.addWidget(self.text)
        self.error = error_label(self)
        self.error.setObjectName("lockError")
        lay.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.Cancel, self)
        self.ok_button = buttons.addButton(ok_text, QDialogButtonBox.AcceptRole)
        self.ok_button.setObjectName("lockOk")
        self.ok_button.setDefault(True)
        buttons.accepted.connect(self.run)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.setMinimumWidth(480)
        name_inputs(self)
        grow_with_contents(self)

    def run(self) -> None:
        try:
            result = self._action(self.text.toPlainText())
        except (AppError, StoreError) as exc:
            self.error.setText(plain_message(exc))
            self.error.setVisible(True)
            return
        self.done.emit(result)
        self.accept()


class SignOffDialog(QDialog):
    """The investigator's sign-off of a whole casebook: re-entered password -> `locks.sign_casebook`."""

    signed = Signal(object)

    def __init__(self, session, subject_uuid: str, subject_label: str, parent=None):
        super().__init__(parent)
        self.setObjectName("signOffDialog")
        self.session, self.subject_uuid = session, subject_uuid
        self.setWindowTitle(self.tr("Sign off casebook"))
        lay = QVBoxLayout(self)
        lay.addWidget(heading(self.tr("Investigator's sign-off"), self, size_delta=1))
        text = QLabel(self.tr(
            "You, {0}, approve the whole casebook of {1}: every visit, form, adverse event, infusion and medication "
            "as recorded now. Any later change invalidates this sign-off until you sign again.").format(
                session.display_name, subject_label), self)
        text.setWordWrap(True)
        lay.addWidget(text)
        lay.addWidget(QLabel(self.tr("Enter your password to sign:"), self))
        self.password = QLineEdit(self)
        self.password.setObjectName("signOffPassword")
        self.password.setAccessibleName(self.tr("Your password"))
        self.password.setEchoMode(QLineEdit.Password)
        lay.addWidget(self.password)
        self.error = error_label(self)
        self.error.setObjectName("signOffError")
        lay.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.Cancel, self)
        self.sign_button = buttons.addButton(self.tr("&Sign off"), QDialogButtonBox.AcceptRole)
        self.sign_button.setObjectName("signOffButton")
        self.sign_button.setDefault(True)
        buttons.accepted.connect(self.sign)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.setMinimumWidth(480)
        name_inputs(self)
        grow_with_contents(self)

    def sign(self) -> None:
        try:
            result = locks.sign_casebook(self.session, self.subject_uuid, password=self.password.text())
        except (AppError, StoreError) as exc:
            self.error.setText(plain_message(exc))
            self.error.setVisible(True)
            self.password.clear()
            return
        self.signed.emit(result)
        self.accept()
