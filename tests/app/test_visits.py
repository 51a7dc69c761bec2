"""Visits with window status and deviations; SLEDAI save, correction with reason, flare; labs; con meds."""

from datetime import date

import pytest

from testkit import TODAY
from sle_desktop.app import signatures, visits
from sle_desktop.app.errors import ConflictError, ValidationError
from sle_desktop.domain import sledai
from sle_desktop.store import records


def _baseline_visit(session, uuid):
    return session.store.query_one("SELECT uuid FROM visits WHERE subject_uuid = ? AND visit_code = 'baseline'", (uuid,))["uuid"]


@pytest.mark.parametrize("visit_date,status", [
    (date(2026, 2, 11), "early"), (date(2026, 2, 12), "in_window"), (date(2026, 2, 19), "in_window"),
    (date(2026, 2, 26), "in_window"), (date(2026, 2, 27), "late"),
])
def test_month1_window_edges_and_deviation(enrolled, visit_date, status):
    session, uuid, _ = enrolled  # baseline 2026-01-20, month_1 target day 30 ± 7
    result = visits.record_visit(session, uuid, "month_1", visit_date, today=TODAY)
    assert result.window_status == status and result.study_day == (visit_date - date(2026, 1, 20)).days
    deviations = session.store.query("SELECT * FROM deviations WHERE visit_uuid = ?", (result.uuid,))
    assert (len(deviations) == 1) == (status != "in_window")
    if deviations:
        assert deviations[0]["kind"] == "visit_out_of_window" and status in deviations[0]["description"]


def test_scheduled_visit_only_once_and_not_before_baseline(enrolled):
    session, uuid, _ = enrolled
    visits.record_visit(session, uuid, "month_1", date(2026, 2, 19), today=TODAY)
    with pytest.raises(ConflictError, match="already recorded"):
        visits.record_visit(session, uuid, "month_1", date(2026, 2, 20), today=TODAY)
    with pytest.raises(ValidationError):
        visits.record_visit(session, uuid, "unscheduled", date(2026, 1, 1), today=TODAY)
    visits.record_visit(session, uuid, "unscheduled", date(2026, 2, 20), today=TODAY)
    visits.record_visit(session, uuid, "unscheduled", date(2026, 2, 21), today=TODAY)


def test_visit_needs_baseline_first(investigator):
    from testkit import eligible_form
    from sle_desktop.app import subjects

    outcome = subjects.screen_subject(investigator, eligible_form(), today=TODAY)
    subjects.enrol_patient(investigator, outcome.subject_uuid, arm="standard", reason="x")
    with pytest.raises(ConflictError, match="baseline"):
        visits.record_visit(investigator, outcome.subject_uuid, "month_1", date(2026, 2, 19), today=TODAY)


@pytest.mark.parametrize("descriptor", sledai.DESCRIPTORS, ids=lambda d: d.code)
def test_each_descriptor_saved_with_its_weight(enrolled, descriptor):
    session, uuid, _ = enrolled
    result = visits.save_sledai(session, _baseline_visit(session, uuid), {descriptor.code}, 1.0)
    saved = visits.get_sledai(session, _baseline_visit(session, uuid))
    assert result.score == descriptor.weight == saved.score and saved.codes == {descriptor.code}


def test_correction_needs_reason_and_is_audited(enrolled):
    session, uuid, _ = enrolled
    visit = _baseline_visit(session, uuid)
    first = visits.save_sledai(session, visit, {"proteinuria", "rash"}, 1.5, suggested={"proteinuria"})
    assert first.score == 6 and visits.get_sledai(session, visit).sources == {"proteinuria": "suggested", "rash": "entered"}
    with pytest.raises(records.ReasonRequired):
        visits.save_sledai(session, visit, {"proteinuria"}, 1.5)
    assert visits.get_sledai(session, visit).score == 6
    second = visits.save_sledai(session, visit, {"proteinuria"}, 1.5, reason="rash was drug-induced")
    assert second.score == 4 and "rash" in second.changed_fields
    audit_row = session.store.query_one("SELECT * FROM audit WHERE row_id = ? AND field = 'rash'", (first.uuid,))
    assert (audit_row["old"], audit_row["new"], audit_row["reason"]) == ("1", "0", "rash was drug-induced")


@pytest.mark.parametrize("pga", [-0.1, 3.1, float("nan"), None, "2"])
def test_pga_out_of_range_refused(enrolled, pga):
    session, uuid, _ = enrolled
    with pytest.raises(ValidationError):
        visits.save_sledai(session, _baseline_visit(session, uuid), set(), pga)


def test_unknown_descriptor_refused(enrolled):
    session, uuid, _ = enrolled
    with pytest.raises(ValidationError, match="bogus"):
        visits.save_sledai(session, _baseline_visit(session, uuid), {"bogus"}, 1.0)


def test_flare_computed_against_previous_assessment(enrolled):
    session, uuid, _ = enrolled
    visits.save_sledai(session, _baseline_visit(session, uuid), {"proteinuria", "hematuria"}, 1.0)  # 8
    m1 = visits.record_visit(session, uuid, "month_1", date(2026, 2, 19), today=TODAY)
    result = visits.save_sledai(session, m1.uuid, {"proteinuria", "hematuria", "pyuria", "seizure"}, 1.2)  # 20
    assert result.flare == "severe"
    m3 = visits.record_visit(session, uuid, "month_3", date(2026, 4, 21), today=TODAY)
    assert visits.save_sledai(session, m3.uuid, {"proteinuria"}, 1.0).flare == "none"


def test_labs_canonical_units_limits_and_suggestions(enrolled):
    session, uuid, _ = enrolled
    visit = _baseline_visit(session, uuid)
    visits.save_labs(session, visit, date(2026, 1, 20), {
        "platelets": visits.LabEntry(85), "c3": visits.LabEntry(60, "mg/dL", lln=90, uln=180),
        "creatinine": visits.LabEntry(1.0, "mg/dL"), "urine_rbc_hpf": visits.LabEntry(12),
    }, today=TODAY)
    labs = visits.visit_labs(session, visit)
    assert labs["c3"].value == pytest.approx(0.6) and labs["c3"].unit == "g/L" and labs["c3"].out_of_range == "low"
    assert labs["creatinine"].value == pytest.approx(88.4)
    codes = {s.code for s in visits.lab_suggestions(session, visit)}
    assert {"thrombocytopenia", "low_complement", "hematuria"} <= codes
    egfr, why = visits.visit_egfr(session, visit)
    # man aged 45, Scr 1.0 mg/dL: 142 × (1.0/0.9)^-1.200 × 0.9938^45 = 94.59
    assert egfr == pytest.approx(94.59, abs=0.01) and "CKD-EPI" in why


@pytest.mark.parametrize("entry", [visits.LabEntry(-5), visits.LabEntry(5000), visits.LabEntry(1, "furlongs")])
def test_implausible_lab_refused_with_message(enrolled, entry):
    session, uuid, _ = enrolled
    with pytest.raises(ValidationError) as err:
        visits.save_labs(session, _baseline_visit(session, uuid), date(2026, 1, 20), {"platelets": entry}, today=TODAY)
    assert "Platelets" in err.value.errors["platelets"]
    assert session.store.scalar("SELECT count(*) FROM labs") == 0


def test_editing_a_signed_record_invalidates_the_signature_visibly(enrolled):
    from testkit import PASSWORD

    session, uuid, _ = enrolled
    visit = _baseline_visit(session, uuid)
    result = visits.save_sledai(session, visit, {"proteinuria"}, 1.0)
    signatures.sign_record(session, "sledai_assessments", result.uuid, password=PASSWORD, meaning="approved")
    assert [s.valid for s in signatures.signatures_for(session, "sledai_assessments", result.uuid)] == [True]
    visits.save_sledai(session, visit, {"proteinuria", "rash"}, 1.0, reason="rash missed")
    status = signatures.signatures_for(session, "sledai_assessments", result.uuid)
    assert [s.valid for s in status] == [False] and "rash missed" in status[0].reason
    assert session.store.scalar("SELECT count(*) FROM audit WHERE \"table\" = 'signatures' AND field = 'invalidated_at'") == 1


def test_signature_requires_the_right_password_and_meaning(enrolled):
    from sle_desktop.app.errors import AuthenticationFailed

    session, uuid, _ = enrolled
    result = visits.save_sledai(session, _baseline_visit(session, uuid), set(), 0.0)
    with pytest.raises(AuthenticationFailed):
        signatures.sign_record(session, "sledai_assessments", result.uuid, password="nope", meaning="authored")
    with pytest.raises(ValidationError):
        signatures.sign_record(session, "sledai_assessments", result.uuid, password="x", meaning="liked")
    assert session.store.scalar("SELECT count(*) FROM signatures") == 0


def test_con_med_dates_checked(enrolled):
    session, uuid, _ = enrolled
    visits.add_con_med(session, uuid, drug="Hydroxychloroquine", drug_class="hydroxychloroquine", dose=200, dose_unit="mg",
                       start_date=date(2025, 1, 1), today=TODAY)
    with pytest.raises(ValidationError, match="before the start"):
        visits.add_con_med(session, uuid, drug="Prednisolone", drug_class="other", start_date=date(2026, 1, 1),
                           stop_date=date(2025, 1, 1), today=TODAY)
    assert [m.drug for m in visits.list_con_meds(session, uuid)] == ["Hydroxychloroquine"]
