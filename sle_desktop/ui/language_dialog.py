"""View → Language…: English, Russian or the system's language; applied at the next start."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QRadioButton, QVBoxLayout

from sle_desktop.ui import i18n


class LanguageDialog(QDialog):
    """Stores the choice under the QSettings key `ui/language`; a restart applies it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("languageDialog")
        self.setWindowTitle(self.tr("Interface language"))
        lay = QVBoxLayout(self)
        self.buttons_by_code: dict[str, QRadioButton] = {}
        for code, text in (("system", self.tr("&As the system (%1)").replace("%1", "Русский" if i18n.system_language() == "ru" else "English")),
                           ("en", "&English"), ("ru", "&Русский")):
            rb = QRadioButton(text, self)
            rb.setObjectName(f"language_{code}")
            rb.setAccessibleName(text.replace("&", ""))
            self.buttons_by_code[code] = rb
            lay.addWidget(rb)
        self.buttons_by_code[i18n.chosen_language()].setChecked(True)
        note = QLabel(self.tr("The new language applies when the program is started again."), self)
        note.setWordWrap(True)
        lay.addWidget(note)
        box = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        lay.addWidget(box)

    def choice(self) -> str:
        return next(code for code, rb in self.buttons_by_code.items() if rb.isChecked())

    def accept(self) -> None:
        i18n.set_chosen_language(self.choice())
        super().accept()
