"""Screening, eligibility as saved, gapless IDs, enrolment and identifiers encrypted at rest."""

from datetime import date

import pytest

from testkit import TODAY, eligible_form
from sle_desktop.app import subjects
from sle_desktop.app.errors import ConflictError, PermissionDenied, ValidationError


def test_eligible_screen_is_saved_and_enrolled_with_gapless_ids(investigator, store):
    first = subjects.screen_subject(investigator, eligible_form(), today=TODAY)
    failed = subjects.screen_subject(investigator, eligible_form(can_follow_procedures=False), today=TODAY)
    second = subjects.screen_subject(investigator, eligible_form(full_name="Anna Ivanova", sex="F"), today=TODAY)
    assert (first.screening_number, failed.screening_number, second.screening_number) == ("BY01-S0001", "BY01-S0002", "BY01-S0003")
    assert first.eligible and second.eligible and not failed.eligible
    assert subjects.enrol_patient(investigator, first.subject_uuid, arm="msc", reason="decision") == "BY01-0001"
    assert subjects.enrol_patient(investigator, second.subject_uuid, arm="standard", reason="patient preference") == "BY01-0002"
    row = subjects.get_subject(investigator, first.subject_uuid)
    assert (row.status, row.arm, row.arm_assigned_by) == ("enrolled", "msc", "inv")
    assert row.arm_assigned_at


def test_screen_failure_is_kept_with_named_criteria(investigator, store):
    outcome = subjects.screen_subject(
        investigator, eligible_form(sledai_codes=frozenset({"proteinuria"}), needs_dialysis=True), today=TODAY)
    assert not outcome.eligible and outcome.failed == ["sledai_min", "dialysis"]
    assert len(outcome.messages) == 2
    saved = store.query_one("SELECT eligible, failed_criteria FROM screenings WHERE subject_uuid = ?", (outcome.subject_uuid,))
    assert saved == {"eligible": 0, "failed_criteria": '["sledai_min","dialysis"]'}
    assert subjects.get_subject(investigator, outcome.subject_uuid).status == "screen_failed"
    with pytest.raises(ConflictError):
        subjects.enrol_patient(investigator, outcome.subject_uuid, arm="msc", reason="x")


def test_enrolling_twice_is_refused_and_does_not_burn_an_id(investigator):
    outcome = subjects.screen_subject(investigator, eligible_form(), today=TODAY)
    subjects.enrol_patient(investigator, outcome.subject_uuid, arm="msc", reason="x")
    with pytest.raises(ConflictError):
        subjects.enrol_patient(investigator, outcome.subject_uuid, arm="msc", reason="x")
    other = subjects.screen_subject(investigator, eligible_form(), today=TODAY)
    assert subjects.enrol_patient(investigator, other.subject_uuid, arm="standard", reason="x") == "BY01-0002"


@pytest.mark.parametrize("overrides,field", [
    ({"consent_date": None}, "consent_date"),
    ({"consent_date": date(2030, 1, 1)}, "consent_date"),
    ({"consent_date": date(1900, 1, 1)}, "consent_date"),
    ({"date_of_birth": date(1890, 1, 1)}, "date_of_birth"),
    ({"date_of_birth": date(2026, 2, 1)}, "date_of_birth"),
    ({"full_name": "  "}, "full_name"),
    ({"full_name": "x" * 5000}, "full_name"),
    ({"full_name": "bad\x00name"}, "full_name"),
    ({"sex": "X"}, "sex"),
    ({"sex": "F", "childbearing_potential": True, "pregnancy_test": None}, "pregnancy_test"),
    ({"acr_criteria": frozenset({"malar_rash", "not_a_criterion"})}, "acr_criteria"),
    ({"sledai_codes": frozenset({"DROP TABLE"})}, "sledai_codes"),
    ({"screening_date": date(2026, 1, 1)}, "screening_date"),
    ({"proteinuria_g_per_day": -1.0}, "proteinuria_g_per_day"),
    ({"high_risk_condition": True, "high_risk_text": ""}, "high_risk_text"),
    ({"biopsy_class": "VII"}, "biopsy_class"),
])
def test_bad_input_names_the_field_and_saves_nothing(investigator, store, overrides, field):
    with pytest.raises(ValidationError) as err:
        subjects.screen_subject(investigator, eligible_form(**overrides), today=TODAY)
    assert field in err.value.errors and err.value.errors[field]
    assert store.scalar("SELECT count(*) FROM subjects") == 0
    assert store.scalar("SELECT value FROM counters WHERE name = 'screening_number'") == 0


def test_positive_pregnancy_test_excludes(investigator):
    outcome = subjects.screen_subject(
        investigator, eligible_form(sex="F", childbearing_potential=True, pregnancy_test="positive"), today=TODAY)
    assert outcome.failed == ["pregnancy_lactation"]


def test_identifiers_encrypted_at_rest_and_readable_when_logged_in(tmp_path):
    from testkit import PASSWORD
    from sle_desktop.app import site
    from sle_desktop.store.db import Store

    path = tmp_path / "site.sqlite"
    with Store.open(path) as store:
        admin = site.create_site(store, code="BY01", name="S", admin_username="admin", admin_name="A", admin_password=PASSWORD)
        site.create_user(admin, username="inv", display_name="I", role="investigator", password=PASSWORD)
        inv = site.login(store, "inv", PASSWORD)
        outcome = subjects.screen_subject(
            inv, eligible_form(full_name="Zinaida Unforgettable", national_id="NAT-ID-998877", phone="+375 44 7654321"), today=TODAY)
        assert subjects.identifiers(inv, outcome.subject_uuid)["full_name"] == "Zinaida Unforgettable"
        assert subjects.list_subjects(inv, today=TODAY)[0].initials == "ZU"
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("site.sqlite*"))
    for secret in ("Zinaida", "Unforgettable", "NAT-ID-998877", "7654321"):
        assert secret.encode() not in raw and secret.encode("utf-16-le") not in raw


def test_list_subjects_shows_status_last_sledai_and_next_visit(enrolled):
    from sle_desktop.app import visits

    session, uuid, sid = enrolled
    visit = session.store.query_one("SELECT uuid FROM visits WHERE subject_uuid = ?", (uuid,))["uuid"]
    visits.save_sledai(session, visit, {"proteinuria", "hematuria"}, 1.4)
    row = [s for s in subjects.list_subjects(session, today=date(2026, 2, 15)) if s.uuid == uuid][0]
    assert (row.subject_id, row.status, row.arm, row.last_sledai) == (sid, "enrolled", "msc", 8)
    assert row.next_visit == "month_1" and row.next_visit_due == "2026-02-19" and row.next_visit_status == "open"
    assert row.initials == "IPS" and not row.overdue_sae


def test_coordinator_cannot_assign_arm(coordinator):
    outcome = subjects.screen_subject(coordinator, eligible_form(), today=TODAY)
    with pytest.raises(PermissionDenied):
        subjects.enrol_patient(coordinator, outcome.subject_uuid, arm="msc", reason="x")
