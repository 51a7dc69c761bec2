"""The treatment-arm choice (non-randomised, investigator's decision): in the wizard and in the subject view."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QLabel, QPlainTextEdit, QRadioButton, QVBoxLayout, QWidget

from sle_desktop.app import subjects
from sle_desktop.app.errors import AppError, StoreError
from sle_desktop.ui.common import Banner, catalog, error_label
from sle_desktop.ui.messages import FieldErrors, report


class ArmWidget(QWidget):
    """Arm choice + reason (non-randomised, investigator's decision)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.errors = FieldErrors()
        lay = QVBoxLayout(self)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for arm in subjects.ARMS:
            rb = QRadioButton(catalog(subjects.ARM_LABELS[arm]), self)
            rb.setObjectName(f"arm_{arm}")
            self.group.addButton(rb)
            self.buttons[arm] = rb
            lay.addWidget(rb)
        lay.addWidget(self.errors.register("arm", error_label(self)))
        lay.addWidget(QLabel(self.tr("Reason for this arm (required):"), self))
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("armReason")
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(self.reason.fontMetrics().lineSpacing() * 4 + 12)
        lay.addWidget(self.reason)
        lay.addWidget(self.errors.register("arm_reason", error_label(self)))
        lay.addStretch(1)

    def arm(self) -> str | None:
        return next((a for a, rb in self.buttons.items() if rb.isChecked()), None)

    def enrol(self, session, subject_uuid: str, banner: Banner, today=None) -> str | None:
        """Call `subjects.enrol_patient`; returns the subject ID, or None with the messages shown."""
        self.errors.clear()
        banner.clear()
        try:
            return subjects.enrol_patient(session, subject_uuid, arm=self.arm(), reason=self.reason.toPlainText(),
                                          today=today)
        except (AppError, StoreError) as exc:
            report(exc, fields=self.errors, banner=banner)
        return None

