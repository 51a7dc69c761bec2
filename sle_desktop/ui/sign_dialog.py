"""Electronic signature: meaning + re-entered password -> `signatures.sign_record`."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
)

from sle_desktop.app import signatures
from sle_desktop.app.errors import AppError, StoreError
from sle_desktop.ui.common import catalog, error_label, heading, name_inputs
from sle_desktop.ui.messages import plain_message


class SignDialog(QDialog):
    """Signs one saved record; emits `signed(signature_uuid)` and accepts on success."""

    signed = Signal(str)

    def __init__(self, session, table: str, record_uuid: str, *, description: str = "", parent=None):
        super().__init__(parent)
        self.setObjectName("signDialog")
        self.session, self.table, self.record_uuid = session, table, record_uuid
        self.setWindowTitle(self.tr("Sign record"))
        lay = QVBoxLayout(self)
        lay.addWidget(heading(self.tr("Electronic signature"), self, size_delta=1))
        text = QLabel(self.tr(
            "You are signing {0} as {1}. Your signature is bound to the record's current content; "
            "any later change invalidates it.").format(description or self.tr("this record"), session.display_name), self)
        text.setWordWrap(True)
        lay.addWidget(text)
        self.meanings = QButtonGroup(self)
        for meaning in signatures.MEANINGS:
            rb = QRadioButton(catalog(signatures.MEANING_LABELS[meaning]), self)
            rb.setObjectName(f"meaning_{meaning}")
            if meaning == "approved" and session.role != "investigator":
                rb.setEnabled(False)
                rb.setToolTip(self.tr("Only an investigator can approve a record."))
            self.meanings.addButton(rb)
            rb.setProperty("meaning", meaning)
            lay.addWidget(rb)
        self.meanings.buttons()[0].setChecked(True)
        lay.addWidget(QLabel(self.tr("Enter your password to sign:"), self))
        self.password = QLineEdit(self)
        self.password.setObjectName("signPassword")
        self.password.setAccessibleName(self.tr("Your password"))
        self.password.setEchoMode(QLineEdit.Password)
        lay.addWidget(self.password)
        self.error = error_label(self)
        self.error.setObjectName("signError")
        lay.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.Cancel, self)
        self.sign_button = buttons.addButton(self.tr("&Sign"), QDialogButtonBox.AcceptRole)
        self.sign_button.setDefault(True)
        self.sign_button.setObjectName("signButton")
        buttons.accepted.connect(self.sign)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.setMinimumWidth(460)
        self.signature_uuid = None
        name_inputs(self)  # accessible names/buddies from the row labels

    def meaning(self) -> str:
        return self.meanings.checkedButton().property("meaning")

    def sign(self) -> None:
        try:
            self.signature_uuid = signatures.sign_record(self.session, self.table, self.record_uuid,
                                                         password=self.password.text(), meaning=self.meaning())
        except (AppError, StoreError) as exc:
            self.error.setText(plain_message(exc))
            self.error.setVisible(True)
            self.password.clear()
            return
        self.signed.emit(self.signature_uuid)
        self.accept()
