"""Clinical explanations from the domain layer (eligibility, lab plausibility, lab suggestions) are shown in the
interface language: Russian with the Russian translator installed, the original English otherwise."""

from __future__ import annotations

import re

import pytest
from clinic_ui import choose, click, dispose, next_page, type_into, walk_to_summary
from PySide6.QtWidgets import QWizard
from testkit import TODAY

from sle_desktop.ui import i18n
from sle_desktop.ui.visit_form import VisitForm
from sle_desktop.ui.enrolment import EnrolmentWizard

CYRILLIC = re.compile("[а-яА-ЯёЁ]")


def english_words(text: str, template: str) -> set[str]:
    """Words of the English template (not its placeholders) that appear in `text`."""
    words = set(re.findall(r"[A-Za-z]{3,}", re.sub(r"\{[^}]*\}", " ", template)))
    return {w for w in words if re.search(rf"\b{w}\b", text)} - {"SELENA", "SLEDAI", "ACR", "UPCR"}


@pytest.fixture
def wizard(qtbot, investigator, language):
    """The enrolment wizard, built in the test's language."""
    w = EnrolmentWizard(investigator, today=TODAY)
    qtbot.addWidget(w)
    w.show()
    return w


@pytest.fixture
def visit_form(qtbot, enrolled, language):
    """A new month-1 visit window for the enrolled subject (built in the test's language), its date typed."""
    session, subject_uuid, _sid = enrolled
    form = VisitForm(session, subject_uuid, None, today=TODAY, visit_code="month_1")
    form.show()
    type_into(qtbot, form.visit_date, "19.02.2026")
    yield form
    dispose(form)


@pytest.fixture(params=["ru", "en"])
def language(request, qapp):
    i18n.install(request.param)
    yield request.param
    i18n.install("en")


def test_ineligible_patient_sees_the_eligibility_explanations_in_the_interface_language(qtbot, language, wizard):
    # aged 17 at consent (10.01.2026) and screening SELENA-SLEDAI 4 (< 6)
    walk_to_summary(qtbot, wizard, sledai=("proteinuria",), dob="20.06.2008")
    assert wizard.currentId() == EnrolmentWizard.SUMMARY
    assert wizard.summary.result.failed == ["age", "sledai_min"]
    shown = wizard.summary.failed.text()
    age = wizard.summary.result.messages[0]
    assert age == "Age: 17 years at consent; the protocol requires 18–75."
    if language == "en":
        assert "<b>Age</b> (age): 17 years at consent; the protocol requires 18–75." in shown
        assert "<b>SELENA-SLEDAI</b> (sledai_min): screening score 4; the protocol requires at least 6." in shown
    else:
        assert CYRILLIC.search(shown)
        assert "<b>Возраст</b> (age): полных лет на момент подписания согласия — 17; " \
               "по протоколу допускается возраст (лет) 18–75." in shown  # the label is not repeated
        assert "<b>SELENA-SLEDAI</b> (sledai_min): балл при скрининге — 4; по протоколу требуется не менее 6." in shown
        for message in wizard.summary.result.messages:
            assert not english_words(shown, message.template), message.template


def test_nephritis_explanation_is_translated_with_its_findings_and_the_requirement(qtbot, language, wizard):
    walk_to_summary(qtbot, wizard)
    for _ in range(2):  # back to the nephritis page: biopsy class II, no sediment, not confirmed
        click(qtbot, wizard.button(QWizard.BackButton))
    page = wizard.nephritis
    choose(page.biopsy_class, "II")
    click(qtbot, page.sediment)
    click(qtbot, page.confirm)
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    assert wizard.summary.result.failed == ["active_nephritis"]
    shown = wizard.summary.failed.text()
    if language == "en":
        assert "(active_nephritis): no qualifying evidence (biopsy class II is not class III, IV or V; " \
               "proteinuria 1.2 g/24 h but no active sediment) and not confirmed by the investigator; " \
               "the protocol requires" in shown
    else:
        assert "<b>Активный волчаночный нефрит</b> (active_nephritis): нет оснований, отвечающих критериям (класс по " \
               "биопсии II не относится к классам III, IV или V; протеинурия 1,2 г/сут, но без активного мочевого " \
               "осадка), и нет подтверждения исследователем; по протоколу требуется биопсия почки" in shown
        assert not re.search(r"\b(biopsy|proteinuria|sediment|investigator|protocol|requires|and)\b", shown)


def test_implausible_lab_value_is_explained_on_the_labs_tab_in_the_interface_language(qtbot, language, visit_form):
    form = visit_form
    form.sledai.pga.set_value(1.0)
    type_into(qtbot, form.labs.values["platelets"], "5000")
    click(qtbot, form.save_button)
    error = form.labs.errors["platelets"]
    assert error.isVisible()
    if language == "en":
        assert error.text() == "Platelets 5000 ×10⁹/L is outside the plausible range 0–2000"
    else:
        assert error.text() == "Тромбоциты: 5000 ×10⁹/L — вне диапазона возможных значений 0–2000"
        assert not english_words(error.text(), "{label} {value:g} {unit} is outside the plausible range {lo:g}–{hi:g}")
    assert form.session.store.scalar("SELECT count(*) FROM visits WHERE visit_code = 'month_1'") == 0


def test_lab_suggestion_reason_is_in_the_interface_language(qtbot, language, visit_form):
    form = visit_form
    type_into(qtbot, form.labs.values["urine_rbc_hpf"], "12")
    marker = form.sledai.markers["hematuria"]
    qtbot.waitUntil(marker.isVisible)
    if language == "en":
        assert "Urine RBC 12/HPF > 5" in marker.toolTip()
    else:
        assert "Эритроциты в моче 12 в п/зр > 5" in marker.toolTip()
        assert "Urine" not in marker.toolTip()
