"""Adverse events, the SAE clock, infusions with the dose check, month-1 safety endpoint."""

from datetime import date, datetime, time, timedelta, timezone

import pytest

from testkit import TODAY
from sle_desktop.app import safety, subjects
from sle_desktop.app.errors import ConflictError, ValidationError


def _sae(**kw):
    values = dict(term="Pneumonia", onset_date=date(2026, 2, 1), grade=3, serious=True, serious_criteria=("hospitalisation",),
                  relationship="unrelated", outcome="recovering", aware_at=datetime(2026, 2, 2, 8, 0, tzinfo=timezone.utc))
    values.update(kw)
    return safety.AdverseEventForm(**values)


def test_sae_is_overdue_after_24h_until_exported(enrolled):
    session, uuid, _ = enrolled
    ae = safety.record_adverse_event(session, uuid, _sae(), today=TODAY)
    aware = datetime(2026, 2, 2, 8, 0, tzinfo=timezone.utc)
    on_time = safety.sae_clocks(session, now=aware + timedelta(hours=23, minutes=59))[0]
    assert not on_time.overdue and on_time.hours_left > 0 and on_time.deadline == aware + timedelta(hours=24)
    late = safety.sae_clocks(session, now=aware + timedelta(hours=25))[0]
    assert late.overdue and safety.subjects_with_overdue_sae(session, now=aware + timedelta(hours=25)) == {uuid}
    from sle_desktop.store import records

    records.update(session.store, "adverse_events", ae, {"sae_exported_at": (aware + timedelta(hours=26)).isoformat()},
                   user="cli:test", reason="included in bundle 1")
    assert not safety.sae_clocks(session, now=aware + timedelta(hours=30))[0].overdue


@pytest.mark.parametrize("kw,field", [
    ({"serious_criteria": ()}, "serious_criteria"),
    ({"serious": False}, "serious_criteria"),
    ({"grade": 6}, "grade"),
    ({"relationship": "maybe"}, "relationship"),
    ({"grade": 5, "outcome": "recovered"}, "outcome"),
    ({"stop_date": date(2026, 1, 1)}, "stop_date"),
    ({"term": ""}, "term"),
    ({"onset_date": date(2031, 1, 1)}, "onset_date"),
])
def test_ae_validation(enrolled, kw, field):
    session, uuid, _ = enrolled
    with pytest.raises(ValidationError) as err:
        safety.record_adverse_event(session, uuid, _sae(**kw), today=TODAY)
    assert field in err.value.errors
    assert session.store.scalar("SELECT count(*) FROM adverse_events") == 0


def test_ae_correction_needs_reason_and_keeps_awareness_time(enrolled):
    from sle_desktop.store.records import ReasonRequired

    session, uuid, _ = enrolled
    ae = safety.record_adverse_event(session, uuid, _sae(), today=TODAY)
    form = _sae(grade=4, aware_at=None)
    with pytest.raises(ReasonRequired):
        safety.record_adverse_event(session, uuid, form, ae_uuid=ae, today=TODAY)
    safety.record_adverse_event(session, uuid, form, ae_uuid=ae, reason="ICU admission", today=TODAY)
    row = safety.list_adverse_events(session, uuid)[0]
    assert row.grade == 4 and row.aware_at.isoformat() == "2026-02-02T08:00:00+00:00"


def _infusion(**kw):
    values = dict(infusion_date=date(2026, 1, 20), start_time=time(10), end_time=time(10, 40), lot_number="OM-1",
                  cells_per_kg_million=1.0, total_cells=70e6, viability_pct=92, volume_ml=100, weight_kg=70,
                  administered_by="Dr A", pre_vitals={"bp_systolic": 120, "spo2": 98})
    values.update(kw)
    return safety.InfusionForm(**values)


def test_infusion_recorded_with_dose_check(enrolled):
    session, uuid, _ = enrolled
    safety.record_infusion(session, uuid, _infusion(), today=TODAY)
    row = safety.list_infusions(session, uuid)[0]
    assert (row["total_cells"], row["weight_kg"], row["pre_spo2"], row["route"]) == (70e6, 70, 98, "IV")
    with pytest.raises(ValidationError) as err:
        safety.record_infusion(session, uuid, _infusion(cells_per_kg_million=2.0), today=TODAY)
    assert "1" in err.value.errors["cells_per_kg_million"]


def test_infusion_reaction_creates_linked_ae_and_month1_safety(enrolled):
    session, uuid, _ = enrolled
    assert safety.month1_safety(session, uuid) is True
    reaction = safety.AdverseEventForm(term="Infusion-related fever", onset_date=date(2026, 1, 20), grade=1,
                                       relationship="probable", outcome="recovered")
    with pytest.raises(ValidationError, match="adverse event"):
        safety.record_infusion(session, uuid, _infusion(reaction=True), today=TODAY)
    inf = safety.record_infusion(session, uuid, _infusion(reaction=True, reaction_event=reaction), today=TODAY)
    ae = safety.list_adverse_events(session, uuid)[0]
    assert ae.infusion_uuid == inf and safety.list_infusions(session, uuid)[0]["reaction_ae_uuid"] == ae.uuid
    assert safety.month1_safety(session, uuid) is False


def test_infusion_only_in_msc_arm(investigator):
    from testkit import eligible_form

    outcome = subjects.screen_subject(investigator, eligible_form(), today=TODAY)
    subjects.enrol_patient(investigator, outcome.subject_uuid, arm="standard", reason="x")
    with pytest.raises(ConflictError, match="MSC arm"):
        safety.record_infusion(investigator, outcome.subject_uuid, _infusion(), today=TODAY)


def test_exporting_a_signed_sae_keeps_its_signature(enrolled):
    from testkit import PASSWORD
    from sle_desktop.app import signatures
    from sle_desktop.store import records

    session, uuid, _ = enrolled
    ae = safety.record_adverse_event(session, uuid, _sae(), today=TODAY)
    signatures.sign_record(session, "adverse_events", ae, password=PASSWORD, meaning="approved")
    records.update(session.store, "adverse_events", ae, {"sae_exported_at": "2026-02-03T08:00:00+00:00"},
                   user="cli:test", reason="included in bundle 1")
    assert [s.valid for s in signatures.signatures_for(session, "adverse_events", ae)] == [True]
    safety.record_adverse_event(session, uuid, _sae(grade=4, aware_at=None), ae_uuid=ae, reason="ICU", today=TODAY)
    assert [s.valid for s in signatures.signatures_for(session, "adverse_events", ae)] == [False]
