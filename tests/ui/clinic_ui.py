"""Helpers for driving the clinician windows like a user: type, click, walk the wizard."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractSpinBox, QApplication, QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QRadioButton,
    QWidget, QWizard,
)


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


# ------------------------------------------------------------------ keyboard-only driving
def focused() -> QWidget:
    w = QApplication.focusWidget()
    assert w is not None, "nothing has the keyboard focus"
    return w


def press(qtbot, key, modifier=Qt.NoModifier) -> None:
    qtbot.keyClick(focused(), key, modifier)


def type_text(qtbot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def is_input(w: QWidget) -> bool:
    return isinstance(w, (QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QCheckBox))


def tab_to(qtbot, target: QWidget, *, limit: int = 60) -> int:
    """Press Tab until `target` (or the line edit inside a DateField) has the focus; returns how many presses."""
    target = getattr(target, "edit", target)
    for n in range(limit):
        if focused() is target:
            return n
        press(qtbot, Qt.Key_Tab)
    raise AssertionError(f"Tab never reached {target.objectName()!r}")


def tab_cycle(qtbot, page: QWidget, *, limit: int = 80) -> list[QWidget]:
    """The inputs of `page` in the order Tab visits them (one full round from the current focus)."""
    seen: list[QWidget] = []
    start = focused()
    for _ in range(limit):
        w = focused()
        if page.isAncestorOf(w) and is_input(w) and w not in seen:
            seen.append(w)
        press(qtbot, Qt.Key_Tab)
        if focused() is start:
            break
    return seen


def assert_reading_order(page: QWidget, chain: list[QWidget]) -> None:
    """Tab visits the page's inputs top to bottom (then left to right) as they are laid out."""
    def pos(w):
        p = w.mapTo(page, w.rect().topLeft())
        return (p.y() // 8, p.x())  # same row within a few pixels
    first = min(range(len(chain)), key=lambda i: pos(chain[i]))
    chain = chain[first:] + chain[:first]  # the round started wherever the focus was
    positions = [pos(w) for w in chain]
    # column layouts (SLEDAI grid) go down each column first: check per column
    by_column: dict[int, list] = {}
    for (row, x), w in zip(positions, chain):
        by_column.setdefault(x // 40, []).append(row)
    for col, rows in by_column.items():
        assert rows == sorted(rows), f"Tab order jumps back up in column {col}: " + ", ".join(
            w.objectName() or type(w).__name__ for w in chain)


def accessible(chain: list[QWidget]) -> None:
    unnamed = [w.objectName() or type(w).__name__ for w in chain
               if not (w.accessibleName() or (isinstance(w, QAbstractButton) and w.text())
                       or (w.parentWidget() and w.parentWidget().accessibleName()))]
    assert not unnamed, f"inputs without an accessible name: {unnamed}"
