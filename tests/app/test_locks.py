"""Locks of visits and casebooks through the app layer: who may lock and unlock, the audit trail, and that no
application function changes a locked record."""

import inspect
from datetime import UTC, date, datetime, time

import pytest

from testkit import PASSWORD, TODAY, eligible_form
from sle_desktop.app import con_meds, locks, safety, signatures, subjects, visits
from sle_desktop.app.errors import ConflictError, PermissionDenied, ValidationError
from sle_desktop.store.records import RecordLocked


def _visit(session, uuid):
    return session.store.query_one("SELECT uuid FROM visits WHERE subject_uuid = ?", (uuid,))["uuid"]


def _audit_max(store):
    return store.scalar("SELECT max(seq) FROM audit")


def _ae(session, uuid):
    return safety.record_adverse_event(session, uuid, safety.AdverseEventForm(
        term="Headache", onset_date=date(2026, 2, 1), grade=1, serious=False, relationship="unrelated", outcome="recovered",
        aware_at=datetime(2026, 2, 1, 9, 0, tzinfo=UTC)), today=TODAY)


def test_lock_and_unlock_a_casebook_are_audited(enrolled, admin):
    inv, uuid, _ = enrolled
    lock = locks.lock_casebook(inv, uuid, reason="all data entered")
    assert (lock.scope, lock.locked_by, lock.reason, lock.unlocked_at) == ("casebook", "inv", "all data entered", None)
    assert locks.subject_locks(inv, uuid).casebook == lock
    assert inv.store.query_one('SELECT reason FROM audit WHERE "table" = \'locks\' AND row_id = ? AND field = \'*\'',
                               (lock.uuid,))["reason"] == "all data entered"
    with pytest.raises(ConflictError):
        locks.lock_casebook(inv, uuid, reason="again")
    lifted = locks.unlock(admin, lock.uuid, reason="late lab result to enter")
    assert (lifted.unlocked_by, lifted.unlock_reason) == ("admin", "late lab result to enter")
    assert locks.subject_locks(inv, uuid).casebook is None
    fields = {r["field"]: r["reason"] for r in inv.store.query(
        'SELECT field, reason FROM audit WHERE "table" = \'locks\' AND row_id = ?', (lock.uuid,))}
    assert fields["unlock_reason"] == "late lab result to enter"
    # unlocked: data can be changed again
    visits.add_con_med(inv, uuid, drug="Prednisolone", drug_class="other")
    assert [x.uuid for x in locks.lock_history(inv, uuid)] == [lock.uuid]


def test_unlock_without_reason_changes_nothing(enrolled, admin):
    inv, uuid, _ = enrolled
    lock = locks.lock_casebook(inv, uuid, reason="done")
    before = _audit_max(inv.store)
    for reason in ("", "   ", None):
        with pytest.raises(ValidationError) as err:
            locks.unlock(admin, lock.uuid, reason=reason)
        assert "reason for unlocking" in str(err.value.problems if hasattr(err.value, "problems") else err.value)
    assert _audit_max(inv.store) == before
    assert locks.subject_locks(inv, uuid).casebook is not None


def test_a_visit_lock_freezes_the_visit_and_its_forms_only(enrolled):
    inv, uuid, _ = enrolled
    visit = _visit(inv, uuid)
    sledai = visits.save_sledai(inv, visit, {"rash"}, 1.0)
    lock = locks.lock_visit(inv, visit, reason="visit monitored")
    assert locks.visit_lock(inv, visit) == lock and lock.scope == "visit"
    with pytest.raises(RecordLocked, match="the visit was locked by inv"):
        visits.save_sledai(inv, visit, {"rash", "fever"}, 1.0, reason="typo")
    with pytest.raises(RecordLocked):
        visits.save_labs(inv, visit, date(2026, 1, 20), {"platelets": visits.LabEntry(200)})
    assert visits.get_sledai(inv, visit).codes == {"rash"}
    # the rest of the casebook stays open
    visits.add_con_med(inv, uuid, drug="Prednisolone", drug_class="other")
    with pytest.raises(ConflictError):
        locks.lock_visit(inv, visit)
    assert sledai.uuid


def test_roles_lock_investigator_and_admin_unlock_admin_only(enrolled, admin, coordinator, monitor):
    inv, uuid, _ = enrolled
    before = _audit_max(inv.store)
    for who in (coordinator, monitor):
        with pytest.raises(PermissionDenied):
            locks.lock_casebook(who, uuid)
        with pytest.raises(PermissionDenied):
            locks.lock_visit(who, _visit(inv, uuid))
    assert _audit_max(inv.store) == before
    lock = locks.lock_casebook(admin, uuid, reason="site close-out")
    before = _audit_max(inv.store)
    for who in (inv, coordinator, monitor):
        with pytest.raises(PermissionDenied):
            locks.unlock(who, lock.uuid, reason="x")
    assert _audit_max(inv.store) == before
    locks.unlock(admin, lock.uuid, reason="reopened for a correction")


def test_no_application_function_changes_a_locked_casebook(enrolled, admin):
    """Every write use case of the clinical modules refuses a record of a locked casebook, the raw
    corrections, deletions and safety forms included; nothing is written."""
    inv, uuid, _ = enrolled
    visit = _visit(inv, uuid)
    sledai = visits.save_sledai(inv, visit, {"rash"}, 1.0)
    con_med = visits.add_con_med(inv, uuid, drug="Prednisolone", drug_class="other")
    ae = _ae(inv, uuid)
    locks.lock_casebook(inv, uuid, reason="end of study")
    screened = subjects.screen_subject(inv, eligible_form(full_name="Anna Orlova", sex="F"), today=TODAY).subject_uuid
    locks.lock_casebook(inv, screened, reason="screening reviewed")
    from sle_desktop.store import records

    writes = {
        "enrol_patient": lambda: subjects.enrol_patient(inv, screened, arm="msc", reason="x"),
        "withdraw_subject": lambda: subjects.withdraw_subject(inv, uuid, reason="x"),
        "record_visit": lambda: visits.record_visit(inv, uuid, "month_1", date(2026, 2, 19), today=TODAY),
        "save_sledai": lambda: visits.save_sledai(inv, visit, {"rash", "fever"}, 1.0, reason="x"),
        "save_labs": lambda: visits.save_labs(inv, visit, date(2026, 1, 20), {"platelets": visits.LabEntry(200)}),
        "add_con_med": lambda: visits.add_con_med(inv, uuid, drug="Methotrexate", drug_class="other"),
        "record_adverse_event": lambda: _ae(inv, uuid),
        "record_infusion": lambda: safety.record_infusion(inv, uuid, safety.InfusionForm(
            infusion_date=date(2026, 1, 21), start_time=time(10), end_time=time(11), lot_number="L1",
            cells_per_kg_million=1.0, total_cells=70e6, viability_pct=95, volume_ml=100, weight_kg=70,
            administered_by="nurse"), today=TODAY),
        "correction": lambda: records.update(inv.store, "con_meds", con_med, {"dose": 5.0}, user="inv", reason="x"),
        "ae_update": lambda: safety.record_adverse_event(inv, uuid, safety.AdverseEventForm(
            term="Headache", onset_date=date(2026, 2, 1), grade=2, relationship="unrelated", outcome="recovered",
            aware_at=datetime(2026, 2, 1, 9, 0, tzinfo=UTC)), ae_uuid=ae, today=TODAY),
        "ae_raw_update": lambda: records.update(inv.store, "adverse_events", ae, {"grade": 2}, user="inv", reason="x"),
        "deletion": lambda: records.update(inv.store, "sledai_assessments", sledai.uuid, {"deleted": 1}, user="inv",
                                           reason="entered in error"),
        "subject_change": lambda: records.update(inv.store, "subjects", uuid, {"sex": "F"}, user="inv", reason="x"),
        "set_visit_weight": lambda: visits.set_visit_weight(inv, visit, 64.0, reason="weighed"),
    }
    extra = {name for module in (subjects, visits, safety, con_meds)
             for name, fn in inspect.getmembers(module, inspect.isfunction)
             if fn.__module__ == module.__name__ and name.split("_")[0] in ("enrol", "withdraw", "record", "save",
                                                                             "add", "update", "delete", "correct",
                                                                             "set", "stop")}
    extra -= {"record_sae_export"}  # bookkeeping of the SAE clock, not clinical data (checked below)
    assert extra <= set(writes), f"write use cases without a locked-casebook test: {extra - set(writes)}"
    before = _audit_max(inv.store)
    for name, call in writes.items():
        with pytest.raises(RecordLocked, match="the casebook was locked by inv"):
            call()
    assert _audit_max(inv.store) == before
    # signing a locked record is still possible (a signature does not change it)
    signatures.sign_record(inv, "sledai_assessments", sledai.uuid, password=PASSWORD, meaning="approved")


def test_locked_records_still_take_sponsor_bookkeeping(enrolled):
    """The SAE acknowledgement of a return bundle is bookkeeping, not a change of the locked data."""
    inv, uuid, _ = enrolled
    ae = safety.record_adverse_event(inv, uuid, safety.AdverseEventForm(
        term="Pneumonia", onset_date=date(2026, 2, 1), grade=3, serious=True, serious_criteria=("hospitalisation",),
        relationship="unrelated", outcome="recovered", aware_at=datetime(2026, 2, 1, 9, 0, tzinfo=UTC)), today=TODAY)
    locks.lock_casebook(inv, uuid, reason="done")
    from sle_desktop.store import records

    records.update(inv.store, "adverse_events", ae, {"sae_acknowledged_at": "2026-02-02T10:00:00Z"}, user="cli:x",
                   reason="receipt confirmed")
    assert records.get(inv.store, "adverse_events", ae)["sae_acknowledged_at"]


def test_every_lock_use_case_is_role_checked(enrolled, monitor, coordinator):
    """The locks module's public writers all refuse a monitor and a coordinator (extends test_permissions)."""
    inv, uuid, _ = enrolled
    lock = locks.lock_casebook(inv, uuid, reason="x")
    writes = {
        "lock_casebook": lambda who: locks.lock_casebook(who, uuid),
        "lock_visit": lambda who: locks.lock_visit(who, _visit(inv, uuid)),
        "unlock": lambda who: locks.unlock(who, lock.uuid, reason="x"),
        "sign_casebook": lambda who: locks.sign_casebook(who, uuid, password=PASSWORD),
    }
    public = {name for name, fn in inspect.getmembers(locks, inspect.isfunction)
              if fn.__module__ == locks.__name__ and not name.startswith("_")
              and name.split("_")[0] in ("lock", "unlock", "sign")} - {"lock_history"}
    assert public <= set(writes), public - set(writes)
    before = _audit_max(inv.store)
    for who in (monitor, coordinator):
        for call in writes.values():
            with pytest.raises(PermissionDenied):
                call(who)
    assert _audit_max(inv.store) == before


def test_casebook_states_for_the_subject_list(enrolled):
    inv, uuid, _ = enrolled
    assert locks.casebook_states(inv) == {}
    locks.lock_visit(inv, _visit(inv, uuid), reason="x")
    assert locks.casebook_states(inv)[uuid] == locks.CasebookState(False, 1, None)
    locks.lock_casebook(inv, uuid, reason="x")
    assert locks.casebook_states(inv)[uuid].casebook_locked


def test_a_locked_visit_does_not_count_as_a_locked_casebook(enrolled):
    inv, uuid, _ = enrolled
    visit_lock = locks.lock_visit(inv, _visit(inv, uuid), reason="visit complete")
    casebook = locks.lock_casebook(inv, uuid, reason="all data entered")
    assert casebook.uuid != visit_lock.uuid and locks.subject_locks(inv, uuid).casebook == casebook
    with pytest.raises(ConflictError, match="already locked"):
        locks.lock_casebook(inv, uuid, reason="again")
