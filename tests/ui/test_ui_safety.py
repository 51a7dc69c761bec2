"""Adverse event dialog (SAE highlighted with its 24 h clock, correction with a reason) and the MSC infusion
dialog (live dose-per-kg check, MSC arm only, reaction recorded as an AE)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from clinic_ui import choose, click, dispose, type_into
from PySide6.QtCore import QDateTime
from testkit import TODAY, eligible_form

from sle_desktop.app import safety, subjects
from sle_desktop.ui.ae_dialog import AdverseEventDialog
from sle_desktop.ui.infusion_dialog import InfusionDialog


@pytest.fixture
def opened(qtbot):
    made = []

    def keep(w):
        made.append(w)
        w.open()
        return w
    yield keep
    dispose(*made)


def fill_ae(qtbot, fields, *, term="Pneumonia", onset="01.05.2026", grade=3, relationship="unlikely",
            outcome="recovering"):
    type_into(qtbot, fields.term, term)
    type_into(qtbot, fields.onset, onset)
    choose(fields.grade, grade)
    choose(fields.relationship, relationship)
    choose(fields.action, "not_applicable")
    choose(fields.outcome, outcome)


def test_serious_event_is_highlighted_with_the_24h_clock_and_saved(qtbot, enrolled, opened):
    session, uuid, _sid = enrolled
    dialog = opened(AdverseEventDialog(session, uuid, today=TODAY))
    fields = dialog.fields
    fill_ae(qtbot, fields)
    assert fields.clock_text() == ""
    assert not fields.criteria["hospitalisation"].isEnabled()
    click(qtbot, fields.serious)
    assert "border: 2px solid" in fields.serious_box.styleSheet()  # SAE frame
    assert "must reach the sponsor within 24 hours" in fields.clock_text()
    assert "23 h" in fields.clock_text()
    click(qtbot, dialog.save_button)  # no criterion ticked yet
    assert fields.errors.label("serious_criteria").isVisible()
    assert safety.list_adverse_events(session, uuid) == []
    click(qtbot, fields.criteria["hospitalisation"])
    with qtbot.waitSignal(dialog.saved) as saved:
        click(qtbot, dialog.save_button)
    row = safety.list_adverse_events(session, uuid)[0]
    assert row.uuid == saved.args[0]
    assert (row.term, row.onset_date, row.grade, row.serious) == ("Pneumonia", date(2026, 5, 1), 3, True)
    assert row.serious_criteria == ("hospitalisation",)
    assert (row.relationship, row.outcome, row.action_taken) == ("unlikely", "recovering", "not_applicable")
    clock = [c for c in safety.sae_clocks(session) if c.ae_uuid == row.uuid][0]
    assert not clock.overdue and 23 < clock.hours_left <= 24


def test_an_sae_known_for_two_days_shows_overdue(qtbot, enrolled, opened):
    session, uuid, _sid = enrolled
    dialog = opened(AdverseEventDialog(session, uuid, today=TODAY))
    fill_ae(qtbot, dialog.fields)
    click(qtbot, dialog.fields.serious)
    click(qtbot, dialog.fields.criteria["life_threatening"])
    dialog.fields.aware.setDateTime(QDateTime.currentDateTime().addDays(-2))
    assert "OVERDUE" in dialog.fields.clock_text()
    click(qtbot, dialog.save_button)
    assert uuid in safety.subjects_with_overdue_sae(session)


def test_correcting_a_saved_event_asks_for_a_reason(qtbot, enrolled, opened):
    session, uuid, _sid = enrolled
    ae_uuid = safety.record_adverse_event(session, uuid, safety.AdverseEventForm(
        term="Headache", onset_date=date(2026, 2, 1), grade=1, relationship="unlikely", outcome="recovered",
        aware_at=datetime(2026, 2, 1, 9, 0, tzinfo=timezone.utc)), today=TODAY)
    dialog = opened(AdverseEventDialog(session, uuid, ae_uuid, today=TODAY))
    assert dialog.fields.term.text() == "Headache"
    choose(dialog.fields.grade, 2)
    click(qtbot, dialog.save_button)
    reason = dialog.reason_dialog
    assert reason is not None and reason.isVisible()
    assert reason.changes_label.text().splitlines()[1:] == ["CTCAE grade: Grade 1 – mild → Grade 2 – moderate"]
    type_into(qtbot, reason.text, "Grade corrected after source review")
    click(qtbot, reason.ok_button)
    row = safety.list_adverse_events(session, uuid)[0]
    assert row.grade == 2
    assert row.aware_at.isoformat().startswith("2026-02-01T09:00")  # awareness time untouched by the correction
    audit = session.store.query_one(
        "SELECT old, new, reason FROM audit WHERE row_id = ? AND field = 'grade'", (ae_uuid,))
    assert audit == {"old": "1", "new": "2", "reason": "Grade corrected after source review"}


def fill_infusion(qtbot, dialog, *, weight="70", total="84", per_kg="1.2"):
    type_into(qtbot, dialog.infusion_date, "20.01.2026")
    type_into(qtbot, dialog.start_time, "10:00")
    type_into(qtbot, dialog.end_time, "10:45")
    type_into(qtbot, dialog.lot, "OM-MSC-101")
    type_into(qtbot, dialog.viability, "93.5")
    type_into(qtbot, dialog.volume, "100")
    type_into(qtbot, dialog.weight, weight)
    type_into(qtbot, dialog.total_cells, total)
    type_into(qtbot, dialog.per_kg, per_kg)
    type_into(qtbot, dialog.vitals["pre_bp_systolic"], "125")
    type_into(qtbot, dialog.vitals["pre_temperature"], "36.6")
    type_into(qtbot, dialog.vitals["post_heart_rate"], "80")


def test_infusion_dose_check_is_live_and_a_wrong_dose_is_not_saved(qtbot, enrolled, opened):
    session, uuid, _sid = enrolled
    dialog = opened(InfusionDialog(session, uuid, today=TODAY))
    fill_infusion(qtbot, dialog, per_kg="1.5")  # 84e6 / 70 kg = 1.2e6/kg
    assert "differs from the computed 1.20" in dialog.dose_check.text()
    click(qtbot, dialog.save_button)
    error = dialog.errors.label("cells_per_kg_million")
    assert error.isVisible() and "differs from the computed" in error.text()
    assert safety.list_infusions(session, uuid) == []
    type_into(qtbot, dialog.per_kg, "1.2")
    assert "agrees with the computed 1.20" in dialog.dose_check.text()
    with qtbot.waitSignal(dialog.saved):
        click(qtbot, dialog.save_button)
    row = safety.list_infusions(session, uuid)[0]
    assert (row["infusion_date"], row["start_time"], row["end_time"]) == ("2026-01-20", "10:00", "10:45")
    assert (row["total_cells"], row["weight_kg"], row["cells_per_kg_million"]) == (84e6, 70, 1.2)
    assert (row["pre_bp_systolic"], row["pre_temperature"], row["post_heart_rate"]) == (125, 36.6, 80)
    assert row["administered_by"] == "Investigator User" and row["reaction"] == 0


def test_infusion_reaction_is_recorded_as_a_linked_adverse_event(qtbot, enrolled, opened):
    session, uuid, _sid = enrolled
    dialog = opened(InfusionDialog(session, uuid, today=TODAY))
    fill_infusion(qtbot, dialog)
    click(qtbot, dialog.reaction)
    assert dialog.reaction_event.isVisible()
    click(qtbot, dialog.save_button)  # reaction AE incomplete
    assert dialog.reaction_event.errors.label("reaction_term").isVisible()
    fill_ae(qtbot, dialog.reaction_event, term="Infusion-related fever", onset="20.01.2026", grade=1,
            relationship="probable", outcome="recovered")
    click(qtbot, dialog.save_button)
    infusion = safety.list_infusions(session, uuid)[0]
    ae = safety.list_adverse_events(session, uuid)[0]
    assert infusion["reaction"] == 1 and infusion["reaction_ae_uuid"] == ae.uuid
    assert (ae.term, ae.relationship, ae.infusion_uuid) == ("Infusion-related fever", "probable",
                                                                     infusion["uuid"])


def test_infusion_cannot_be_saved_for_the_standard_arm(qtbot, investigator, opened):
    outcome = subjects.screen_subject(investigator, eligible_form(), today=TODAY)
    subjects.enrol_patient(investigator, outcome.subject_uuid, arm="standard", reason="comparator")
    dialog = opened(InfusionDialog(investigator, outcome.subject_uuid, today=TODAY))
    assert not dialog.save_button.isEnabled()
    assert "MSC arm" in dialog.banner.text()


def test_monitor_cannot_record_adverse_events(qtbot, enrolled, monitor, opened):
    _session, uuid, _sid = enrolled
    dialog = opened(AdverseEventDialog(monitor, uuid, today=TODAY))
    assert not dialog.save_button.isVisible()
    assert not dialog.fields.grade.isEnabled()
    assert dialog.fields.term.isReadOnly()


def test_awareness_time_defaults_to_now(qtbot, enrolled, opened):
    session, uuid, _sid = enrolled
    dialog = opened(AdverseEventDialog(session, uuid, today=TODAY))
    aware = dialog.fields.aware_at()
    assert abs(aware - datetime.now(timezone.utc)) < timedelta(minutes=2)


def test_a_saved_infusion_is_opened_and_corrected_with_a_reason(qtbot, enrolled, opened):
    from sle_desktop.ui.subject_view import SubjectView

    session, uuid, _sid = enrolled
    dialog = opened(InfusionDialog(session, uuid, today=TODAY))
    fill_infusion(qtbot, dialog)
    with qtbot.waitSignal(dialog.saved):
        click(qtbot, dialog.save_button)
    view = SubjectView(session, uuid, today=TODAY)
    qtbot.addWidget(view)
    view.infusion_table.selectRow(0)
    again = opened(view.edit_infusion())
    assert again.windowTitle().startswith("Correct MSC infusion")
    assert (again.lot.text(), again.weight.text(), again.total_cells.text()) == ("OM-MSC-101", "70", "84")
    assert again.vitals["pre_bp_systolic"].text() == "125"
    type_into(qtbot, again.lot, "LOT-8")
    click(qtbot, again.save_button)
    reason = again.reason_dialog
    assert reason is not None and reason.isVisible()
    assert safety.list_infusions(session, uuid)[0]["lot_number"] == "OM-MSC-101"  # nothing until the reason is given
    type_into(qtbot, reason.text, "Lot number misread from the label")
    with qtbot.waitSignal(again.saved):
        click(qtbot, reason.ok_button)
    assert safety.list_infusions(session, uuid)[0]["lot_number"] == "LOT-8"
    assert session.store.query_one("SELECT old, new, reason FROM audit WHERE \"table\" = 'infusions' AND "
                                   "field = 'lot_number'") == {"old": '"OM-MSC-101"', "new": '"LOT-8"',
                                                                "reason": "Lot number misread from the label"}


def test_an_error_goes_as_soon_as_its_field_is_filled(qtbot, enrolled, opened):
    session, uuid, _sid = enrolled
    dialog = opened(AdverseEventDialog(session, uuid, today=TODAY))
    click(qtbot, dialog.save_button)
    term_error = dialog.fields.errors.label("term")
    assert term_error.isVisible() and dialog.fields.errors.label("grade").isVisible()
    type_into(qtbot, dialog.fields.term, "Pneumonia")
    assert not term_error.isVisible()  # no "is required" left under a filled field
    assert dialog.fields.errors.label("grade").isVisible()  # the others stay until they are filled
    assert safety.list_adverse_events(session, uuid) == []


def test_after_saving_an_sae_the_subject_view_says_to_export_it(qtbot, enrolled, opened):
    from sle_desktop.ui.subject_view import SubjectView

    session, uuid, _sid = enrolled
    view = SubjectView(session, uuid, today=TODAY)
    qtbot.addWidget(view)
    view.show()
    dialog = opened(view.new_adverse_event())
    fill_ae(qtbot, dialog.fields)
    click(qtbot, dialog.fields.serious)
    click(qtbot, dialog.fields.criteria["hospitalisation"])
    with qtbot.waitSignal(dialog.saved):
        click(qtbot, dialog.save_button)
    assert view.banner.isVisible() and view.banner.kind == "warning"
    assert "export a sync bundle now" in view.banner.text() and "Export bundle" in view.banner.text()
    assert safety.list_adverse_events(session, uuid)[0].serious is True
