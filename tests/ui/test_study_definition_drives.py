"""The study definition in force drives the windows: an amended definition, accepted at the site, changes which
forms a visit shows and the thresholds the enrolment wizard states and applies."""

from __future__ import annotations

from datetime import date

import pytest
from clinic_ui import choose, commit, walk_to_summary
from testkit import TODAY

from sle_desktop.app import study_updates, ui_queries, visits
from sle_desktop.app.errors import ValidationError
from sle_desktop.resources import resource_path
from sle_desktop.ui.enrolment import EnrolmentWizard
from sle_desktop.ui.visit_form import VisitForm

AMENDED = {
    # month 3 loses its laboratory form
    'code = "month_3"\nlabel = "Month 3"\ntarget_day = 91\nwindow_days = 14\nforms = ["sledai", "labs"]':
        'code = "month_3"\nlabel = "Month 3"\ntarget_day = 91\nwindow_days = 14\nforms = ["sledai"]',
    "min_sledai = 6 ": "min_sledai = 12 ",
    "biopsy_lookback_months = 12 ": "biopsy_lookback_months = 6 ",
    "min_proteinuria_g_per_day = 0.5 ": "min_proteinuria_g_per_day = 1.0 ",
    'version = "1.0"': 'version = "1.1"',
}


def _accept_amendment(admin) -> None:
    """The sponsor's amended definition arrives (as a return bundle leaves it) and the administrator accepts it."""
    text = resource_path("study", "sle-msc.toml").read_text("utf-8")
    for old, new in AMENDED.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    admin.store.conn.execute("INSERT INTO study_updates (version, definition, status, received_at, return_seq) "
                             "VALUES ('1.1', ?, 'pending', '2026-06-01T10:00:00+00:00', 1)", (text,))
    assert study_updates.accept_study_update(admin) == "1.1"


def _tabs(form: VisitForm) -> list[str]:
    return [form.tabs.tabText(i) for i in range(form.tabs.count()) if form.tabs.isTabVisible(i)]


def test_visit_forms_follow_the_definition_in_force(qtbot, admin, enrolled, windows):
    session, uuid, _sid = enrolled
    new = windows(VisitForm(session, uuid, today=TODAY, visit_code="month_3"))
    assert _tabs(new) == ["SELENA-SLEDAI and PGA", "Laboratory", "Concomitant medication", "SELENA Flare Index"]  # the shipped study
    visits.record_visit(session, uuid, "month_1", date(2026, 2, 19), today=TODAY)
    _accept_amendment(admin)

    new = windows(VisitForm(session, uuid, today=TODAY, visit_code="month_3"))
    assert _tabs(new) == ["SELENA-SLEDAI and PGA", "Concomitant medication", "SELENA Flare Index"]
    choose(new.visit_combo, "month_6")  # other visits keep their laboratory form
    assert _tabs(new) == ["SELENA-SLEDAI and PGA", "Laboratory", "Concomitant medication", "SELENA Flare Index"]
    choose(new.visit_combo, "month_3")
    assert _tabs(new) == ["SELENA-SLEDAI and PGA", "Concomitant medication", "SELENA Flare Index"]
    new.sledai.checkboxes["rash"].setChecked(True)
    new.sledai.pga.set_value(1.0)
    new.visit_date.set_date(date(2026, 4, 21))
    assert new.save(), new.banner.text()
    saved = ui_queries.get_visit(session, new.visit_uuid)
    assert saved.visit_code == "month_3" and visits.visit_labs(session, new.visit_uuid) == {}
    # the use case refuses what the definition has no form for, whatever the window shows
    with pytest.raises(ValidationError):
        ui_queries.save_visit_forms(session, uuid, visit_uuid=new.visit_uuid,
                                    labs={"platelets": visits.LabEntry(210)}, sample_date=date(2026, 4, 21))
    assert visits.visit_labs(session, new.visit_uuid) == {}


def test_the_wizard_states_and_applies_the_amended_thresholds(qtbot, admin, investigator, windows):
    _accept_amendment(admin)
    wizard = windows(EnrolmentWizard(investigator, today=TODAY))
    assert wizard.sledai.subTitle() == "A screening score of at least 12 is required."
    subtitle = wizard.nephritis.subTitle()
    assert "within 6 months before consent" in subtitle and "proteinuria ≥ 1 g/24 h" in subtitle
    walk_to_summary(qtbot, wizard)  # SLEDAI 10: enough for the shipped study, not for the amendment
    assert "Screening requirement: at least 12 – not met" in wizard.sledai.sledai.requirement.text()
    assert wizard.summary.decision.text().startswith("NOT ELIGIBLE")
    failed = wizard.summary.failed.text()  # the amended criterion, by its name and threshold, never its code
    assert "SELENA-SLEDAI" in failed and "at least 12" in failed and "sledai_min" not in failed
    with qtbot.waitSignal(wizard.screened) as screened:
        commit(qtbot, wizard)
    assert not screened.args[0].eligible
