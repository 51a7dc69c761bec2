"""Helpers for driving the clinician windows like a user: type, click, walk the wizard."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QCheckBox, QComboBox, QRadioButton, QWizard


def dispose(*widgets) -> None:
    """Delete windows now, before the test's store is closed (their timers must not fire on a closed store)."""
    for w in widgets:
        try:
            w.hide()
            w.deleteLater()
        except RuntimeError:  # already deleted
            pass
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)


def type_into(qtbot, widget, text: str) -> None:
    """Focus a line edit (or DateField) and type `text` key by key, replacing what was there."""
    edit = getattr(widget, "edit", widget)
    edit.selectAll() if hasattr(edit, "selectAll") else None
    if hasattr(edit, "clear"):
        edit.clear()
    qtbot.keyClicks(edit, text)


def click(qtbot, button: QAbstractButton) -> None:
    """Click a button; check boxes and radio buttons on their indicator (the only part that reacts)."""
    assert button.isEnabled(), f"{button.objectName() or button.text()} is disabled"
    if isinstance(button, (QCheckBox, QRadioButton)):
        pos = QPoint(min(8, button.width() // 2), button.height() // 2)
    else:
        pos = button.rect().center()
    qtbot.mouseClick(button, Qt.LeftButton, pos=pos)


def choose(combo: QComboBox, data) -> None:
    """Pick the combo entry whose data is `data` (as a user selecting from the list)."""
    index = combo.findData(data)
    assert index >= 0, f"{data!r} is not offered"
    combo.setCurrentIndex(index)


def next_page(qtbot, wizard) -> None:
    click(qtbot, wizard.button(QWizard.NextButton))


def commit(qtbot, wizard) -> None:
    click(qtbot, wizard.button(QWizard.CommitButton))


def fill_consent(qtbot, wizard, *, consent="10.01.2026", version="2.1", can_follow=True) -> None:
    page = wizard.consent
    type_into(qtbot, page.consent_date, consent)
    type_into(qtbot, page.consent_version, version)
    if can_follow != page.can_follow.isChecked():
        click(qtbot, page.can_follow)


def fill_demographics(qtbot, wizard, *, name="Anna Petrovna Ivanova", dob="05.05.1980", sex="F",
                      childbearing=True) -> None:
    page = wizard.demographics
    type_into(qtbot, page.full_name, name)
    type_into(qtbot, page.national_id, "3120580A001PB1")
    type_into(qtbot, page.phone, "+375 29 123-45-67")
    type_into(qtbot, page.address, "Minsk, ul. Lenina 1")
    type_into(qtbot, page.dob, dob)
    choose(page.sex, sex)
    if childbearing and sex == "F":
        click(qtbot, page.childbearing)


def tick(qtbot, boxes: dict, codes) -> None:
    for code in codes:
        click(qtbot, boxes[code])


def walk_to_summary(qtbot, wizard, *, acr=("malar_rash", "arthritis", "renal_disorder", "immunologic_disorder",
                                            "antinuclear_antibody"), sledai=("proteinuria", "hematuria",
                                                                              "low_complement"),
                    dob="05.05.1980", pregnancy_test="negative") -> None:
    """Type a whole screening (eligible by default) and stop on the summary page."""
    fill_consent(qtbot, wizard)
    next_page(qtbot, wizard)
    fill_demographics(qtbot, wizard, dob=dob)
    next_page(qtbot, wizard)
    tick(qtbot, wizard.acr.boxes, acr)
    next_page(qtbot, wizard)
    type_into(qtbot, wizard.anti_dsdna.value, "120")
    type_into(qtbot, wizard.anti_dsdna.uln, "25")
    next_page(qtbot, wizard)
    tick(qtbot, wizard.sledai.sledai.checkboxes, sledai)
    next_page(qtbot, wizard)
    page = wizard.nephritis
    choose(page.biopsy_class, "IV")
    type_into(qtbot, page.biopsy_date, "01.12.2025")
    type_into(qtbot, page.protein, "1,2")
    click(qtbot, page.sediment)
    click(qtbot, page.confirm)
    next_page(qtbot, wizard)
    choose(wizard.exclusions.pregnancy_test, pregnancy_test)
    next_page(qtbot, wizard)
