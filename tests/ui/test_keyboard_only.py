"""Keyboard-only data entry: the enrolment wizard (an eligible patient, through to the subject ID) and a
SELENA-SLEDAI form (descriptors ticked with Space, PGA typed, saved with Ctrl+S), using nothing but key presses
sent to whichever widget has the focus (Tab, Space, Enter, arrows, Alt+mnemonic, Ctrl+S) — no mouse, no setters.
Then the store is checked. Along the way: every wizard page's Tab order follows the visual top-to-bottom order,
and every input has an accessible name for screen readers.
"""

from __future__ import annotations

import json

import pytest
from clinic_ui import accessible, assert_reading_order, dispose, focused, press, tab_cycle, tab_to, type_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from testkit import TODAY

from sle_desktop.domain import sledai
from sle_desktop.ui import i18n


@pytest.fixture
def language():
    yield i18n.install
    i18n.install("en")


def test_enrolment_wizard_by_keyboard_only(qtbot, investigator):
    from sle_desktop.ui.enrolment import EnrolmentWizard

    wizard = EnrolmentWizard(investigator, today=TODAY)
    wizard.show()
    wizard.activateWindow()
    qtbot.waitActive(wizard)
    enrolled = []
    wizard.enrolled.connect(lambda uuid, sid: enrolled.append((uuid, sid)))
    try:
        def check_page(page):
            chain = tab_cycle(qtbot, page)
            assert chain, f"no input reachable with Tab on {page.title()}"
            assert_reading_order(page, chain)
            accessible(chain)

        def next_page():
            before = wizard.currentId()
            press(qtbot, Qt.Key_Return)  # Enter = the wizard's default button (Next / Save screening / Enrol)
            assert wizard.currentId() != before, wizard.currentPage().findChildren(QWidget, "")  # pragma: no cover

        # 1. consent — the focus starts in the first field
        page = wizard.consent
        qtbot.waitUntil(lambda: page.isAncestorOf(QApplication.focusWidget()))
        check_page(page)
        tab_to(qtbot, page.consent_date)
        type_text(qtbot, "10.01.2026")
        press(qtbot, Qt.Key_Tab)
        type_text(qtbot, "2.1")
        tab_to(qtbot, page.can_follow)
        press(qtbot, Qt.Key_Space)
        next_page()

        # 2. demographics
        page = wizard.demographics
        tab_to(qtbot, page.full_name)
        type_text(qtbot, "Anna Petrovna Ivanova")
        for widget, text in ((page.national_id, "3120580A001PB1"), (page.phone, "+375 29 123-45-67"),
                             (page.address, "Minsk, ul. Lenina 1"), (page.dob, "05.05.1980")):
            press(qtbot, Qt.Key_Tab)
            assert focused() is getattr(widget, "edit", widget), f"Tab did not go on to {widget.objectName()}"
            type_text(qtbot, text)
        press(qtbot, Qt.Key_Tab)
        assert focused() is page.sex
        press(qtbot, Qt.Key_Down)  # Choose… -> Female
        press(qtbot, Qt.Key_Tab)
        assert focused() is page.childbearing
        press(qtbot, Qt.Key_Space)
        check_page(page)
        next_page()

        # 3. ACR 1997: Tab through the criteria, Space on five of them
        page = wizard.acr
        check_page(page)
        for code in ("malar_rash", "arthritis", "renal_disorder", "immunologic_disorder", "antinuclear_antibody"):
            tab_to(qtbot, page.boxes[code])
            press(qtbot, Qt.Key_Space)
        next_page()

        # 4. anti-dsDNA
        page = wizard.anti_dsdna
        check_page(page)
        tab_to(qtbot, page.value)
        type_text(qtbot, "120")
        press(qtbot, Qt.Key_Tab)
        type_text(qtbot, "25")
        next_page()

        # 5. SELENA-SLEDAI at screening: 4 + 4 + 2 = 10
        page = wizard.sledai
        check_page(page)
        for code in ("hematuria", "proteinuria", "low_complement"):
            tab_to(qtbot, page.sledai.checkboxes[code])
            press(qtbot, Qt.Key_Space)
        assert page.sledai.total() == 10
        next_page()

        # 6. nephritis: biopsy class with the arrow keys, date, proteinuria with a decimal
        page = wizard.nephritis
        check_page(page)
        tab_to(qtbot, page.biopsy_class)
        for _ in range(4):  # No biopsy -> I -> II -> III -> IV
            press(qtbot, Qt.Key_Down)
        assert page.biopsy_class.currentData() == "IV"
        press(qtbot, Qt.Key_Tab)
        type_text(qtbot, "01.12.2025")
        press(qtbot, Qt.Key_Tab)
        type_text(qtbot, "1.2")
        tab_to(qtbot, page.sediment)
        press(qtbot, Qt.Key_Space)
        press(qtbot, Qt.Key_Tab)
        assert focused() is page.confirm
        press(qtbot, Qt.Key_Space)
        next_page()

        # 7. exclusions: a negative pregnancy test
        page = wizard.exclusions
        check_page(page)
        tab_to(qtbot, page.pregnancy_test)
        press(qtbot, Qt.Key_Down)
        assert page.pregnancy_test.currentData() == "negative"
        next_page()

        # 8. summary: eligible; Enter saves the screening
        assert wizard.currentPage() is wizard.summary
        assert wizard.summary.result.eligible, wizard.summary.result.messages
        next_page()

        # 9. arm: arrow onto the MSC arm, type the reason, Alt+E (&Enrol)
        page = wizard.arm
        assert wizard.currentPage() is page
        tab_to(qtbot, page.arm.buttons["msc"])
        press(qtbot, Qt.Key_Space)
        press(qtbot, Qt.Key_Tab)
        assert focused() is page.arm.reason
        type_text(qtbot, "investigator decision")
        press(qtbot, Qt.Key_E, Qt.AltModifier)
        qtbot.waitUntil(lambda: wizard.currentPage() is wizard.result)
    finally:
        dispose(wizard)

    assert len(enrolled) == 1
    subject_uuid, subject_id = enrolled[0]
    assert subject_id == "BY01-0001"
    row = investigator.store.query_one("SELECT subject_id, status, arm, sex FROM subjects WHERE uuid = ?",
                                       (subject_uuid,))
    assert dict(row) == {"subject_id": "BY01-0001", "status": "enrolled", "arm": "msc", "sex": "F"}
    screening = investigator.store.query_one("SELECT * FROM screenings WHERE subject_uuid = ?", (subject_uuid,))
    assert screening["eligible"] == 1
    assert set(json.loads(screening["sledai_codes"])) == {"hematuria", "proteinuria", "low_complement"}
    assert screening["proteinuria_g_per_day"] == 1.2


@pytest.mark.parametrize("lang, pga_typed", [("en", "2.4"), ("ru", "2,4")])
def test_sledai_form_by_keyboard_only(qtbot, enrolled, language, lang, pga_typed):
    """Tick descriptors with Space, type the PGA with the decimal separator of the language, Ctrl+S."""
    from sle_desktop.ui.visit_form import VisitForm

    language(lang)
    session, uuid, _sid = enrolled
    visit = session.store.scalar("SELECT uuid FROM visits WHERE subject_uuid = ? AND visit_code = 'baseline'", (uuid,))
    form = VisitForm(session, uuid, visit, today=TODAY)
    form.show()
    form.activateWindow()
    qtbot.waitActive(form)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    try:
        assert focused() is form.sledai.checkboxes["seizure"]  # the form opens with the focus on the first descriptor
        ticked = ("arthritis", "proteinuria", "rash", "low_complement")
        for code in ticked:
            tab_to(qtbot, form.sledai.checkboxes[code])
            press(qtbot, Qt.Key_Space)
            assert form.sledai.checkboxes[code].isChecked()
        # Space again un-ticks, Space once more ticks
        press(qtbot, Qt.Key_Space)
        assert not form.sledai.checkboxes["low_complement"].isChecked()
        press(qtbot, Qt.Key_Space)
        tab_to(qtbot, form.sledai.pga.spin)
        press(qtbot, Qt.Key_A, Qt.ControlModifier)
        type_text(qtbot, pga_typed)
        press(qtbot, Qt.Key_Tab)  # leave the spin box: the typed text is interpreted
        assert form.sledai.pga.value() == 2.4
        assert form.sledai.total() == sledai.score(ticked) == 12
        press(qtbot, Qt.Key_S, Qt.ControlModifier)
        qtbot.waitUntil(lambda: not form.dirty)
    finally:
        dispose(form)
    row = session.store.query_one("SELECT * FROM sledai_assessments WHERE visit_uuid = ?", (visit,))
    assert row is not None, "Ctrl+S did not save the SLEDAI"
    assert row["pga"] == 2.4
    assert row["score"] == 12
    stored_codes = {c for c in sledai.CODES if row[c]} if "seizure" in row.keys() else set(json.loads(row["codes"]))
    assert stored_codes == set(ticked)
