"""Reason for change: asked whenever a saved record is edited (ICH E6 / Part 11 audit trail)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout

from sle_desktop.ui.common import error_label, heading, name_inputs


class ReasonDialog(QDialog):
    """Asks why a saved record is being changed; OK stays disabled until a reason is given.

    Use `open()` and connect `accepted`; read `reason()`.
    """

    def __init__(self, parent=None, *, what: str = ""):
        super().__init__(parent)
        self.setObjectName("reasonDialog")
        self.setWindowTitle(self.tr("Reason for change"))
        lay = QVBoxLayout(self)
        lay.addWidget(heading(self.tr("Why is this saved record being changed?"), self, size_delta=1))
        info = QLabel(self.tr(
            "The old value, the new value, your name, the time and this reason are kept in the audit trail.")
            + (("\n" + what) if what else ""), self)
        info.setWordWrap(True)
        lay.addWidget(info)
        self.common = QComboBox(self)
        self.common.setObjectName("commonReasons")
        self.common.setAccessibleName(self.tr("Common reasons for change"))
        self.common.addItem(self.tr("Choose a common reason, or type one below…"), "")
        for text in (self.tr("Transcription error corrected"), self.tr("Source document updated"),
                     self.tr("Late laboratory result received"), self.tr("Clarified with the patient"),
                     self.tr("Correction after monitor query")):
            self.common.addItem(text, text)
        self.common.currentIndexChanged.connect(self._pick)
        lay.addWidget(self.common)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("reasonText")
        self.text.setAccessibleName(self.tr("Reason for change (required)"))
        self.text.setPlaceholderText(self.tr("Reason for change (required)"))
        self.text.setTabChangesFocus(True)
        self.text.textChanged.connect(self._update)
        lay.addWidget(self.text)
        self.error = error_label(self)
        lay.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.ok_button = self.buttons.button(QDialogButtonBox.Ok)
        self.ok_button.setText(self.tr("Save with this reason"))
        self.ok_button.setObjectName("reasonOk")
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self._update()
        name_inputs(self)  # accessible names/buddies from the row labels

    def _pick(self, index: int) -> None:
        text = self.common.itemData(index)
        if text:
            self.text.setPlainText(text)

    def _update(self) -> None:
        self.ok_button.setEnabled(bool(self.reason()))

    def reason(self) -> str:
        return self.text.toPlainText().strip()

    def _accept(self) -> None:
        if not self.reason():
            self.error.setText(self.tr("A reason for change is required."))
            self.error.setVisible(True)
            return
        self.accept()
