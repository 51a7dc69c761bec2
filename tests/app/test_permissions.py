"""A monitor account cannot change data through any app function (enforced in the app layer)."""

import inspect
from datetime import date

import pytest

from testkit import PASSWORD, TODAY, eligible_form
from sle_desktop.app import safety, signatures, site, subjects, visits
from sle_desktop.app.errors import PermissionDenied


def test_every_write_use_case_refuses_a_monitor(enrolled, monitor):
    session, uuid, _ = enrolled
    visit = session.store.query_one("SELECT uuid FROM visits WHERE subject_uuid = ?", (uuid,))["uuid"]
    sledai = visits.save_sledai(session, visit, {"rash"}, 1.0)
    writes = {
        "screen_subject": lambda: subjects.screen_subject(monitor, eligible_form(), today=TODAY),
        "enrol_patient": lambda: subjects.enrol_patient(monitor, uuid, arm="msc", reason="x"),
        "withdraw_subject": lambda: subjects.withdraw_subject(monitor, uuid, reason="x"),
        "record_visit": lambda: visits.record_visit(monitor, uuid, "month_1", date(2026, 2, 19), today=TODAY),
        "save_sledai": lambda: visits.save_sledai(monitor, visit, {"rash", "fever"}, 1.0, reason="x"),
        "save_labs": lambda: visits.save_labs(monitor, visit, date(2026, 1, 20), {"platelets": visits.LabEntry(200)}),
        "add_con_med": lambda: visits.add_con_med(monitor, uuid, drug="Prednisolone"),
        "set_visit_weight": lambda: visits.set_visit_weight(monitor, visit, 60.0, reason="x"),
        "record_adverse_event": lambda: safety.record_adverse_event(monitor, uuid, safety.AdverseEventForm()),
        "record_infusion": lambda: safety.record_infusion(monitor, uuid, safety.InfusionForm()),
        "sign_record": lambda: signatures.sign_record(monitor, "sledai_assessments", sledai.uuid, password=PASSWORD, meaning="reviewed"),
        "create_user": lambda: site.create_user(monitor, username="m2", display_name="M", role="admin", password=PASSWORD),
        "set_user_active": lambda: site.set_user_active(monitor, "inv", False, reason="x"),
    }
    public_writers = {
        name for module in (subjects, visits, safety, signatures, site)
        for name, fn in inspect.getmembers(module, inspect.isfunction)
        if fn.__module__ == module.__name__ and name.split("_")[0] in ("screen", "enrol", "withdraw", "record", "save", "add", "sign", "create", "set")
    } - {"create_site"}
    assert public_writers <= set(writes), f"write use cases without a monitor test: {public_writers - set(writes)}"
    before = session.store.scalar("SELECT max(seq) FROM audit")
    for name, call in writes.items():
        with pytest.raises(PermissionDenied):
            call()
    assert session.store.scalar("SELECT max(seq) FROM audit") == before
