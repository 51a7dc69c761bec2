"""View → Language…: English, Russian or the system's language; the main window switches at once."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QRadioButton, QVBoxLayout

from sle_desktop.ui import i18n


class LanguageDialog(QDialog):
    """Stores the choice under the QSettings key `ui/language`; `language()` is the language it stands for."""

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
        note = QLabel(self.tr("The windows are rebuilt in the new language at once (save or close open forms "
                              "first); it is also used at every start."), self)
        note.setWordWrap(True)
        lay.addWidget(note)
        box = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        lay.addWidget(box)

    def choice(self) -> str:
        return next(code for code, rb in self.buttons_by_code.items() if rb.isChecked())

    def language(self) -> str:
        """"en" or "ru": the chosen language, with "as the system" resolved."""
        choice = self.choice()
        return i18n.system_language() if choice == "system" else choice

    def accept(self) -> None:
        i18n.set_chosen_language(self.choice())
        super().accept()
