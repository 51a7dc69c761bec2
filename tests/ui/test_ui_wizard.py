"""The enrolment wizard driven by typing and clicking: eligible → enrolled, ineligible → screen failure,
invalid input blocked next to the field, Back keeps data, coordinators cannot assign the arm."""

from __future__ import annotations

import json

import pytest
from clinic_ui import choose, click, commit, fill_consent, next_page, tick, type_into, walk_to_summary
from PySide6.QtWidgets import QWizard
from testkit import TODAY

from sle_desktop.app import subjects
from sle_desktop.domain import sledai
from sle_desktop.ui.enrolment import EnrolmentWizard


@pytest.fixture
def wizard_for(qtbot):
    def make(session):
        w = EnrolmentWizard(session, today=TODAY)
        qtbot.addWidget(w)
        w.show()
        return w
    return make


def test_eligible_patient_is_screened_enrolled_and_gets_a_subject_id(qtbot, investigator, wizard_for):
    wizard = wizard_for(investigator)
    walk_to_summary(qtbot, wizard)
    assert wizard.currentId() == EnrolmentWizard.SUMMARY
    assert wizard.summary.decision.text().startswith("ELIGIBLE"), wizard.summary.failed.text()
    assert investigator.store.scalar("SELECT count(*) FROM subjects") == 0  # nothing saved before the commit
    with qtbot.waitSignal(wizard.screened):
        commit(qtbot, wizard)
    assert wizard.currentId() == EnrolmentWizard.ARM
    click(qtbot, wizard.arm.arm.buttons["msc"])
    type_into(qtbot, wizard.arm.arm.reason, "Investigator's decision: refractory nephritis")
    with qtbot.waitSignal(wizard.enrolled) as enrolled:
        commit(qtbot, wizard)
    subject_uuid, subject_id = enrolled.args
    assert subject_id == "BY01-0001"
    assert wizard.currentId() == EnrolmentWizard.RESULT
    assert "BY01-0001" in wizard.result.message.text()
    row = subjects.get_subject(investigator, subject_uuid)
    assert (row.status, row.arm, row.arm_assigned_by) == ("enrolled", "msc", "inv")
    assert row.arm_reason == "Investigator's decision: refractory nephritis"
    assert (row.sex, row.year_of_birth) == ("F", 1980)
    screening = investigator.store.query_one("SELECT * FROM screenings WHERE subject_uuid = ?", (subject_uuid,))
    assert screening["eligible"] == 1
    assert set(json.loads(screening["sledai_codes"])) == {"proteinuria", "hematuria", "low_complement"}
    assert screening["sledai_score"] == sledai.score({"proteinuria", "hematuria", "low_complement"})
    assert screening["proteinuria_g_per_day"] == 1.2  # typed with a decimal comma
    assert screening["pregnancy_test"] == "negative"
    ident = subjects.identifiers(investigator, subject_uuid)
    assert ident["full_name"] == "Anna Petrovna Ivanova" and ident["date_of_birth"] == "1980-05-05"
    consent = investigator.store.query_one("SELECT consent_date, version FROM consents")
    assert consent == {"consent_date": "2026-01-10", "version": "2.1"}
    click(qtbot, wizard.button(QWizard.FinishButton))
    assert not wizard.isVisible()


def test_ineligible_patient_is_saved_as_a_screen_failure_with_named_criteria(qtbot, investigator, wizard_for):
    wizard = wizard_for(investigator)
    # 3 ACR criteria, SLEDAI 4 and aged 17 at consent: three named failures
    walk_to_summary(qtbot, wizard, acr=("malar_rash", "arthritis", "renal_disorder"), sledai=("proteinuria",),
                    dob="20.06.2008")
    summary = wizard.summary
    assert summary.decision.text().startswith("NOT ELIGIBLE")
    failed_html = summary.failed.text()
    for name in ("age", "acr_criteria", "sledai_min"):
        assert f"({name})" in failed_html
    assert "17 years" in failed_html
    assert "SCREEN FAILURE" in summary.note.text()
    commit(qtbot, wizard)
    assert wizard.currentId() == EnrolmentWizard.RESULT  # no arm page for a screen failure
    assert "screen failure" in wizard.result.message.text()
    row = investigator.store.query_one("SELECT uuid, status, subject_id, screening_number FROM subjects")
    assert (row["status"], row["subject_id"], row["screening_number"]) == ("screen_failed", None, "BY01-S0001")
    failed = json.loads(investigator.store.scalar("SELECT failed_criteria FROM screenings"))
    assert failed == ["age", "acr_criteria", "sledai_min"]


def test_invalid_date_shows_the_message_next_to_the_field_and_saves_nothing(qtbot, investigator, wizard_for):
    wizard = wizard_for(investigator)
    fill_consent(qtbot, wizard, consent="31.02.2026")
    next_page(qtbot, wizard)
    assert wizard.currentId() == EnrolmentWizard.CONSENT  # Next was refused
    label = wizard.consent.errors.label("consent_date")
    assert label.isVisible()
    assert "not a calendar date" in label.text()
    type_into(qtbot, wizard.consent.consent_date, "10.01.2030")  # a future consent date: the app's rule
    next_page(qtbot, wizard)
    assert wizard.currentId() == EnrolmentWizard.CONSENT
    assert "in the future" in label.text()
    assert investigator.store.scalar("SELECT count(*) FROM subjects") == 0
    assert investigator.store.scalar("SELECT count(*) FROM audit WHERE \"table\" = 'subjects'") == 0
    type_into(qtbot, wizard.consent.consent_date, "10.01.2026")
    next_page(qtbot, wizard)
    assert wizard.currentId() == EnrolmentWizard.DEMOGRAPHICS
    assert not label.isVisible()


def test_required_fields_are_named_on_their_page(qtbot, investigator, wizard_for):
    wizard = wizard_for(investigator)
    fill_consent(qtbot, wizard)
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)  # demographics left empty
    assert wizard.currentId() == EnrolmentWizard.DEMOGRAPHICS
    errors = wizard.demographics.errors.visible_messages()
    assert "full_name" in errors and "is required" in errors["full_name"]
    assert "date_of_birth" in errors and "sex" in errors


def test_back_and_next_keep_what_was_typed(qtbot, investigator, wizard_for):
    wizard = wizard_for(investigator)
    fill_consent(qtbot, wizard)
    next_page(qtbot, wizard)
    type_into(qtbot, wizard.demographics.full_name, "Olga Smirnova")
    type_into(qtbot, wizard.demographics.dob, "01.02.1985")
    choose(wizard.demographics.sex, "F")
    next_page(qtbot, wizard)
    tick(qtbot, wizard.acr.boxes, ("malar_rash", "serositis"))
    assert wizard.acr.count.text().startswith("2 of 11")
    click(qtbot, wizard.button(QWizard.BackButton))
    click(qtbot, wizard.button(QWizard.BackButton))
    assert wizard.consent.consent_date.text() == "10.01.2026"
    next_page(qtbot, wizard)
    assert wizard.demographics.full_name.text() == "Olga Smirnova"
    assert wizard.demographics.age.text() == "40 years"
    next_page(qtbot, wizard)
    assert wizard.acr.selected() == {"malar_rash", "serositis"}


def test_pregnancy_test_is_required_for_a_woman_of_child_bearing_potential(qtbot, investigator, wizard_for):
    wizard = wizard_for(investigator)
    walk_to_summary(qtbot, wizard, pregnancy_test=None)
    assert wizard.currentId() == EnrolmentWizard.EXCLUSIONS
    label = wizard.exclusions.errors.label("pregnancy_test")
    assert label.isVisible() and "pregnancy test result is required" in label.text()


def test_wizard_sledai_page_total_matches_the_score_rule(qtbot, investigator, wizard_for):
    wizard = wizard_for(investigator)
    widget = wizard.sledai.sledai
    tick(qtbot, widget.checkboxes, ("arthritis", "rash"))
    assert widget.total() == 6
    assert "not met" not in widget.requirement.text()
    click(qtbot, widget.checkboxes["rash"])
    assert "not met" in widget.requirement.text()


def test_coordinator_screens_but_the_arm_is_left_to_an_investigator(qtbot, coordinator, wizard_for):
    wizard = wizard_for(coordinator)
    walk_to_summary(qtbot, wizard)
    commit(qtbot, wizard)
    assert wizard.currentId() == EnrolmentWizard.RESULT
    assert "investigator must now assign" in wizard.result.message.text()
    assert coordinator.store.scalar("SELECT status FROM subjects") == "screened"
