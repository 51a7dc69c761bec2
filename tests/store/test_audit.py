"""The audit trail: append-only, hash-chained, tampering named by row."""

import pytest

from sle_desktop.app import audit_trail
from sle_desktop.store import audit, records


@pytest.fixture
def filled(store):
    for n in range(5):
        uuid = records.insert(store, "subjects", {"screening_number": f"BY01-S{n:04d}", "status": "screened"}, user="u1")
    records.update(store, "subjects", uuid, {"status": "screen_failed"}, user="u2", reason="wrong ACR count")
    return store


def test_chain_verifies_and_links_each_row(filled):
    rows = list(audit.iter_rows(filled.conn))
    assert [r["seq"] for r in rows] == list(range(1, len(rows) + 1))
    assert rows[0]["prev_hash"] == audit.GENESIS_HASH
    for prev, row in zip(rows, rows[1:]):
        assert row["prev_hash"] == prev["hash"]
    check = audit_trail.verify(filled)
    assert check.ok and check.rows_checked == len(rows) and check.head_hash == rows[-1]["hash"]


def test_update_row_keeps_old_new_user_reason_and_times(filled):
    row = filled.query_one("SELECT * FROM audit WHERE field = 'status'")
    assert (row["old"], row["new"], row["user"], row["reason"]) == ('"screened"', '"screen_failed"', "u2", "wrong ACR count")
    assert row["at_utc"].endswith("Z") and ("+" in row["at_local"][10:] or "-" in row["at_local"][10:])


@pytest.mark.parametrize("sql", ["UPDATE audit SET new = '\"x\"' WHERE seq = 3", "DELETE FROM audit WHERE seq = 3"])
def test_application_cannot_change_the_audit_trail(filled, sql):
    import sqlite3

    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        filled.conn.execute(sql)


def _drop_triggers(store):
    store.conn.execute("DROP TRIGGER audit_no_update")
    store.conn.execute("DROP TRIGGER audit_no_delete")


def test_edited_row_is_named(filled):
    _drop_triggers(filled)
    filled.conn.execute("UPDATE audit SET new = '\"tampered\"' WHERE seq = 3")
    check = audit_trail.verify(filled)
    assert not check.ok and check.broken_seq == 3 and "row 3" in check.message


def test_deleted_row_is_named(filled):
    _drop_triggers(filled)
    filled.conn.execute("DELETE FROM audit WHERE seq = 2")
    check = audit_trail.verify(filled)
    assert not check.ok and check.broken_seq == 2


def test_inserted_row_is_named(filled):
    _drop_triggers(filled)
    last = filled.query_one("SELECT * FROM audit ORDER BY seq DESC LIMIT 1")
    forged = dict(last, seq=last["seq"] + 1, new='"forged"')
    forged["prev_hash"] = "f" * 64
    forged["hash"] = audit.row_hash(forged)
    filled.conn.execute(
        'INSERT INTO audit (seq, at_utc, at_local, user, "table", row_id, field, old, new, reason, prev_hash, hash) '
        'VALUES (:seq, :at_utc, :at_local, :user, :table, :row_id, :field, :old, :new, :reason, :prev_hash, :hash)',
        forged,
    )
    check = audit_trail.verify(filled)
    assert not check.ok and check.broken_seq == forged["seq"]


def test_removing_the_newest_rows_is_detected_through_the_records(filled):
    _drop_triggers(filled)
    last = filled.scalar("SELECT max(seq) FROM audit")
    filled.conn.execute("DELETE FROM audit WHERE seq = ?", (last,))
    check = audit_trail.verify(filled)
    assert not check.ok and check.broken_seq == last and "removed from its end" in check.message


def test_canonical_json_is_stable():
    assert audit.canonical_json({"b": 1, "a": [1, "é"]}) == '{"a":[1,"é"],"b":1}'
