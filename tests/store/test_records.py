"""Audited writes: one transaction with their audit rows; reason for change; unknown fields refused."""

import pytest

from sle_desktop.store import records
from sle_desktop.store.db import StoreError


def test_insert_writes_the_row_and_one_audit_row_in_step(store):
    uuid = records.insert(store, "subjects", {"screening_number": "BY01-S0001", "status": "screened"}, user="inv")
    row = records.get(store, "subjects", uuid)
    audit_row = store.query_one("SELECT * FROM audit WHERE row_id = ?", (uuid,))
    assert row["change_seq"] == audit_row["seq"] and row["created_by"] == "inv"
    assert audit_row["field"] == "*" and '"BY01-S0001"' in audit_row["new"]


def test_update_requires_a_reason_and_writes_nothing_without_one(store):
    uuid = records.insert(store, "subjects", {"screening_number": "BY01-S0001", "status": "screened"}, user="inv")
    before = store.scalar("SELECT count(*) FROM audit")
    for reason in (None, "", "   "):
        with pytest.raises(records.ReasonRequired):
            records.update(store, "subjects", uuid, {"status": "withdrawn"}, user="inv", reason=reason)
    assert records.get(store, "subjects", uuid)["status"] == "screened"
    assert store.scalar("SELECT count(*) FROM audit") == before


def test_unchanged_values_write_nothing(store):
    uuid = records.insert(store, "subjects", {"screening_number": "BY01-S0001", "status": "screened"}, user="inv")
    before = store.scalar("SELECT count(*) FROM audit")
    assert records.update(store, "subjects", uuid, {"status": "screened"}, user="inv", reason=None) == []
    assert store.scalar("SELECT count(*) FROM audit") == before


def test_failure_inside_a_transaction_leaves_neither_row_nor_audit(store):
    before = store.scalar("SELECT count(*) FROM audit")
    with pytest.raises(RuntimeError):
        with store.transaction():
            records.insert(store, "subjects", {"screening_number": "BY01-S0001", "status": "screened"}, user="inv")
            raise RuntimeError("power cut")
    assert store.scalar("SELECT count(*) FROM subjects") == 0
    assert store.scalar("SELECT count(*) FROM audit") == before


@pytest.mark.parametrize("values", [{"no_such_field": 1}, {"uuid": "x"}, {"change_seq": 5}])
def test_unknown_or_managed_fields_are_refused(store, values):
    with pytest.raises(StoreError, match="no writable field"):
        records.insert(store, "subjects", dict(values, screening_number="S", status="screened"), user="inv")


def test_unknown_table_is_refused(store):
    with pytest.raises(StoreError, match="unknown record type"):
        records.insert(store, "audit; DROP TABLE subjects", {}, user="inv")


def test_sql_metacharacters_and_unicode_are_stored_verbatim(store):
    nasty = "Robert'); DROP TABLE subjects;-- \u202eبيانات 🧪"
    uuid = records.insert(store, "subjects", {"screening_number": nasty, "status": "screened"}, user="inv")
    assert records.get(store, "subjects", uuid)["screening_number"] == nasty
