"""The keyed audit trail, row by row: every branch of `store/audit.py` with its exact results (these tests are
what the mutation run over audit.py checks; README "Reliability and security" gives the score)."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import sqlite3
import time
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sle_desktop.store import audit, records
from sle_desktop.store.db import Store

KEY = bytes(range(32))


@pytest.fixture
def keyed():
    s = Store.memory()
    audit.unlock(s.conn, KEY)
    yield s
    s.close()


def _append(store, n=1, **kw):
    values = dict(user="u1", table="subjects", row_id="r1", field="status", old="a", new="b", reason="why")
    values.update(kw)
    with store.transaction() as conn:
        return [audit.append(conn, **values) for _ in range(n)][-1]


def _rows(store, **kw):
    return list(audit.iter_rows(store.conn, with_mac=True, **kw))


# -- constants that existing databases depend on -------------------------------------------------------------
def test_key_derivation_and_mac_have_fixed_known_answers():
    assert audit.derive_key(bytes(32)).hex() == "c8d23d7206136b298c3c9bbe3e8ca7a58dcd5c0507ed9d89cb8a81389b63cfd1"
    assert audit.derive_key(bytes(32), b"x").hex() == \
        "00aa8ed721e515e3cb0628be5b071b3b4325f5157d41553681de38ec60fafee6"
    assert audit.mac(bytes(32), "abc") == "fd7adb152c05ef80dccf50a1fa4c05d5a3ec6da95575fc312ae7c5d091836351"
    assert audit.mac(bytes(32), "abc") == hmac.new(bytes(32), b"abc", hashlib.sha256).hexdigest()
    assert audit.GENESIS_HASH == "0" * 64
    assert audit.AUDIT_FIELDS == ("seq", "at_utc", "at_local", "user", "table", "row_id", "field", "old", "new",
                                  "reason", "prev_hash")
    assert audit.UNKEYED_FIELDS == {"failed_login", "locked_until"}


def test_canonical_json_is_sorted_compact_unicode_and_refuses_nan():
    assert audit.canonical_json({"b": 1, "a": [1, "é"]}) == '{"a":[1,"é"],"b":1}'
    with pytest.raises(ValueError):
        audit.canonical_json(float("nan"))


def test_row_hash_is_sha256_of_prev_hash_and_the_canonical_row():
    row = {k: k for k in audit.AUDIT_FIELDS} | {"seq": 1, "prev_hash": "p" * 64, "hash": "ignored"}
    body = json.dumps({k: row[k] for k in audit.AUDIT_FIELDS}, sort_keys=True, separators=(",", ":"))
    assert audit.row_hash(row) == hashlib.sha256(("p" * 64 + body).encode()).hexdigest()


# -- appending -----------------------------------------------------------------------------------------------
def test_append_chains_macs_and_pins_the_head(keyed):
    first = _append(keyed)
    second = _append(keyed, user="u2", old=None, new=None, reason=None)
    assert (first, second) == (1, 2)
    rows = _rows(keyed)
    assert rows[0]["prev_hash"] == audit.GENESIS_HASH and rows[1]["prev_hash"] == rows[0]["hash"]
    key = audit.derive_key(KEY)
    for r in rows:
        assert r["hash"] == audit.row_hash(r) and r["mac"] == audit.mac(key, r["hash"])
    assert audit.head(keyed.conn) == (2, rows[1]["hash"])
    pinned = json.loads(keyed.scalar("SELECT value FROM settings WHERE key = ?", (audit.HEAD,)))
    assert (pinned["seq"], pinned["hash"]) == (2, rows[1]["hash"])
    assert pinned["mac"] == audit.mac(key, f"{audit.HEAD}:2:{rows[1]['hash']}")


def test_none_is_stored_as_null_and_values_as_canonical_json(keyed):
    _append(keyed, old=None, new=None, reason=None)
    _append(keyed, old=0, new={"b": [1], "a": ""}, reason="r")
    nulls, values = keyed.query("SELECT old, new, reason FROM audit ORDER BY seq")
    assert nulls == {"old": None, "new": None, "reason": None}
    assert values == {"old": "0", "new": '{"a":"","b":[1]}', "reason": "r"}


def test_timestamps_are_utc_whatever_the_machine_time_zone(keyed, monkeypatch):
    """at_utc must be UTC even on a machine in another zone (a local-time bug passes on a UTC machine)."""
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    try:
        moment = datetime(2026, 3, 1, 23, 30, 15, 123456, tzinfo=UTC)
        monkeypatch.setattr(audit, "utc_now", lambda: moment)
        _append(keyed)
        row = keyed.query_one("SELECT at_utc, at_local FROM audit")
        assert row["at_utc"] == "2026-03-01T23:30:15.123456Z"
        assert row["at_local"] == "2026-03-02T08:30:15+09:00"
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_utc_now_is_aware_and_utc():
    now = audit.utc_now()
    assert now.utcoffset() == timedelta(0) and abs((datetime.now(UTC) - now).total_seconds()) < 5


def test_without_a_key_only_log_in_rows_may_be_written():
    s = Store.memory()
    with s.transaction() as conn:
        assert audit.append(conn, user="u", table="users", row_id="u", field="failed_login", old=None, new=1,
                            reason=None) == 1
        assert audit.append(conn, user="u", table="users", row_id="u", field="locked_until", old=None, new="t",
                            reason=None) == 2
    for table, field in (("users", "login"), ("users", "role"), ("subjects", "failed_login")):
        with pytest.raises(audit.AuditLocked, match="site key is locked"):
            with s.transaction() as conn:
                audit.append(conn, user="u", table=table, row_id="u", field=field, old=None, new=1, reason=None)
    assert s.query("SELECT seq, mac FROM audit") == [{"seq": 1, "mac": None}, {"seq": 2, "mac": None}]
    assert s.scalar("SELECT count(*) FROM settings WHERE key = ?", (audit.HEAD,)) == 0


# -- unlocking and the pins ------------------------------------------------------------------------------------
def test_unlock_pins_the_start_once():
    s = Store.memory()
    assert audit.key_of(s.conn) is None and audit.setting_missing(s.conn, audit.KEYED_FROM)
    audit.unlock(s.conn, KEY)
    assert audit.key_of(s.conn) == audit.derive_key(KEY)
    start = json.loads(s.scalar("SELECT value FROM settings WHERE key = ?", (audit.KEYED_FROM,)))
    assert (start["seq"], start["hash"]) == (1, audit.GENESIS_HASH)
    _append(s)
    audit.unlock(s.conn, KEY)  # again: the pin is kept
    assert json.loads(s.scalar("SELECT value FROM settings WHERE key = ?", (audit.KEYED_FROM,))) == start
    audit.lock(s.conn)
    assert audit.key_of(s.conn) is None


def test_unlock_after_a_migration_pins_the_row_after_its_marker():
    s = Store.memory()
    with s.transaction() as conn:
        audit.append(conn, user="u", table="users", row_id="u", field="failed_login", old=None, new=1, reason=None)
    s.conn.audit_key = b"k" * 32  # write the marker as the migration would (keyless rows are not otherwise allowed)
    _append(s, user="migration", table="audit", row_id="trail", field="keyed_from", old=None, new=2)
    s.conn.audit_key = None
    s.conn.execute("DELETE FROM settings")
    marker_hash = s.scalar("SELECT hash FROM audit WHERE seq = 2")
    audit.unlock(s.conn, KEY)
    start = json.loads(s.scalar("SELECT value FROM settings WHERE key = ?", (audit.KEYED_FROM,)))
    assert (start["seq"], start["hash"]) == (3, marker_hash)


def test_unlock_does_not_pin_a_trail_whose_pin_was_removed():
    s = Store.memory()
    audit.unlock(s.conn, KEY)
    _append(s)
    s.conn.execute("DELETE FROM settings WHERE key = ?", (audit.KEYED_FROM,))
    audit.unlock(s.conn, KEY)
    assert audit.setting_missing(s.conn, audit.KEYED_FROM)
    check = audit.verify_audit(s)
    assert not check.ok and "start marker is missing" in check.message


# -- verify_rows: every outcome with its exact fields ---------------------------------------------------------
def test_an_intact_chain_reports_its_head(keyed):
    _append(keyed, 3)
    rows = _rows(keyed)
    check = audit.verify_rows(rows, key=audit.key_of(keyed.conn))
    assert check == audit.ChainCheck(True, 3, 3, rows[-1]["hash"], None, "Audit trail intact: 3 rows verified.")
    assert audit.verify_rows([]) == audit.ChainCheck(True, 0, 0, audit.GENESIS_HASH, None,
                                                     "Audit trail intact: 0 rows verified.")


def _expect_broken(check, rows_checked, head_seq, head_hash, broken, text):
    assert (check.ok, check.rows_checked, check.head_seq, check.head_hash, check.broken_seq) == \
        (False, rows_checked, head_seq, head_hash, broken), check
    assert text in check.message and f"row {broken}" in check.message, check.message


def test_a_missing_row_reports_the_chain_up_to_it(keyed):
    _append(keyed, 4)
    rows = _rows(keyed)
    check = audit.verify_rows([rows[0], rows[2], rows[3]])
    _expect_broken(check, 1, 1, rows[0]["hash"], 2, "row missing (found row 3)")


def test_a_duplicated_or_reordered_row_is_named(keyed):
    _append(keyed, 3)
    rows = _rows(keyed)
    check = audit.verify_rows([rows[0], rows[0]])
    _expect_broken(check, 1, 1, rows[0]["hash"], 2, "out of order or duplicated (found row 1)")
    check = audit.verify_rows([rows[0], dict(rows[1], seq="2")])
    _expect_broken(check, 1, 1, rows[0]["hash"], 2, "out of order or duplicated")


def test_a_row_that_does_not_follow_is_named(keyed):
    _append(keyed, 3)
    rows = _rows(keyed)
    check = audit.verify_rows([rows[0], dict(rows[1], prev_hash="f" * 64)])
    _expect_broken(check, 1, 1, rows[0]["hash"], 2, "it does not follow row 1")


@pytest.mark.parametrize("damage", [lambda r: r.pop("user"), lambda r: r.update(user=None),
                                    lambda r: r.update(user=7), lambda r: r.pop("reason"),
                                    lambda r: r.update(old=float("nan"))])
def test_a_malformed_row_is_never_reported_intact(keyed, damage):
    _append(keyed, 2)
    rows = _rows(keyed)
    bad = dict(rows[1])
    damage(bad)
    try:
        bad["hash"] = audit.row_hash(bad)  # even with a matching hash
    except (KeyError, TypeError, ValueError):
        pass
    check = audit.verify_rows([rows[0], bad])
    _expect_broken(check, 1, 1, rows[0]["hash"], 2, "malformed row")


def test_a_changed_row_is_named_with_the_chain_before_it(keyed):
    _append(keyed, 3)
    rows = _rows(keyed)
    check = audit.verify_rows([rows[0], dict(rows[1], reason="other")], start_seq=0)
    _expect_broken(check, 1, 1, rows[0]["hash"], 2, "its content was changed after it was written")


def test_verification_continues_from_a_given_head(keyed):
    _append(keyed, 3)
    rows = _rows(keyed)
    check = audit.verify_rows(rows[1:], start_seq=1, start_hash=rows[0]["hash"])
    assert (check.ok, check.rows_checked, check.head_seq, check.head_hash) == (True, 2, 3, rows[2]["hash"])
    check = audit.verify_rows(rows[1:], start_seq=1, start_hash="e" * 64)
    _expect_broken(check, 0, 1, "e" * 64, 2, "does not follow")


def test_a_recomputed_chain_fails_its_macs(keyed):
    _append(keyed, 3)
    rows = _rows(keyed)
    key = audit.key_of(keyed.conn)
    forged = dict(rows[1], reason="rewritten")
    forged["hash"] = audit.row_hash(forged)
    later = dict(rows[2], prev_hash=forged["hash"])
    later["hash"] = audit.row_hash(later)
    assert audit.verify_rows([rows[0], forged, later]).ok  # the public chain alone is fooled
    check = audit.verify_rows([rows[0], forged, later], key=key)
    _expect_broken(check, 1, 1, rows[0]["hash"], 2, "authentication code does not match")


@pytest.mark.parametrize("code", [None, 12345, "0" * 64])
def test_a_row_without_a_valid_mac_is_named(keyed, code):
    _append(keyed, 2)
    rows = _rows(keyed)
    check = audit.verify_rows([rows[0], dict(rows[1], mac=code)], key=audit.key_of(keyed.conn))
    _expect_broken(check, 1, 1, rows[0]["hash"], 2, "authentication code")


def test_only_log_in_rows_may_lack_a_mac(keyed):
    _append(keyed, table="users", field="failed_login")
    _append(keyed, table="users", field="locked_until")
    _append(keyed, table="subjects", field="failed_login")
    rows = [dict(r, mac=None) for r in _rows(keyed)]
    key = audit.key_of(keyed.conn)
    assert audit.verify_rows(rows[:2], key=key).ok
    _expect_broken(audit.verify_rows(rows, key=key), 2, 2, rows[1]["hash"], 3, "no authentication code")


def test_rows_before_the_keyed_start_need_no_mac(keyed):
    _append(keyed, 3)
    rows = [dict(r, mac=None) for r in _rows(keyed)]
    key = audit.key_of(keyed.conn)
    assert audit.verify_rows(rows, key=key, keyed_from=4).ok
    _expect_broken(audit.verify_rows(rows, key=key, keyed_from=3), 2, 2, rows[1]["hash"], 3, "no authentication")


def test_iter_rows_streams_in_batches_with_or_without_the_mac(keyed):
    _append(keyed, 5)
    streamed = list(audit.iter_rows(keyed.conn, 1, batch=2))
    assert [r["seq"] for r in streamed] == [2, 3, 4, 5] and "mac" not in streamed[0]
    assert set(streamed[0]) == set(audit.AUDIT_FIELDS) | {"hash"}
    assert all("mac" in r for r in audit.iter_rows(keyed.conn, batch=2, with_mac=True))


# -- verify_audit and verify_since -----------------------------------------------------------------------------
def test_verify_audit_needs_the_key():
    s = Store.memory()
    check = audit.verify_audit(s)
    assert not check.ok and "not unlocked" in check.message


@pytest.mark.parametrize("name", [audit.KEYED_FROM, audit.HEAD])
@pytest.mark.parametrize("value", ['{"seq": 9, "hash": "h", "mac": "m"}', "not json", "[1, 2]",
                                   '{"seq": "1", "hash": "h", "mac": "m"}', '{"seq": true, "hash": "h", "mac": "m"}',
                                   '{"seq": 1, "hash": 5, "mac": "m"}', '{"seq": 1, "hash": "h"}'])
def test_altered_pins_are_reported(keyed, name, value):
    _append(keyed, 2)
    keyed.conn.execute("UPDATE settings SET value = ? WHERE key = ?", (value, name))
    for check in (audit.verify_audit(keyed), audit.verify_since(keyed.conn, 0)):
        assert not check.ok and "marker was changed outside the application" in check.message


def test_a_cut_off_end_is_reported_with_both_row_numbers(keyed):
    _append(keyed, 5)
    keyed.conn.execute("DROP TRIGGER audit_no_delete")
    keyed.conn.execute("DELETE FROM audit WHERE seq > 3")
    for check in (audit.verify_audit(keyed), audit.verify_since(keyed.conn, 2)):
        assert (check.ok, check.broken_seq, check.head_seq, check.rows_checked > 0) == (False, 5, 3, True)
        assert "last wrote row 5, but the trail ends at row 3" in check.message


def test_a_removed_end_pin_is_reported(keyed):
    _append(keyed)
    keyed.conn.execute("DELETE FROM settings WHERE key = ?", (audit.HEAD,))
    check = audit.verify_audit(keyed)
    assert not check.ok and "end marker is missing" in check.message
    empty = Store.memory()
    audit.unlock(empty.conn, KEY)
    assert audit.verify_audit(empty).ok  # nothing written yet: no end pin needed


def test_verify_since_checks_only_the_unsent_rows(keyed):
    _append(keyed, 4)
    keyed.conn.execute("DROP TRIGGER audit_no_update")
    keyed.conn.execute("UPDATE audit SET reason = 'x' WHERE seq = 2")
    assert audit.verify_since(keyed.conn, 2).ok
    check = audit.verify_since(keyed.conn, 1)
    assert not check.ok and check.broken_seq == 2 and check.head_seq == 1
    assert not audit.verify_since(keyed.conn, 0).ok
    missing = audit.verify_since(keyed.conn, 9)
    assert not missing.ok and missing.broken_seq == 9 and "row missing" in missing.message
    assert not audit.verify_since(Store.memory().conn, 0).ok  # no key


def test_row_authentic(keyed):
    _append(keyed, 2)
    assert audit.row_authentic(keyed.conn, 1) and audit.row_authentic(keyed.conn, 2)
    assert not audit.row_authentic(keyed.conn, 3)
    keyed.conn.execute("DROP TRIGGER audit_no_update")
    keyed.conn.execute("UPDATE audit SET reason = 'x' WHERE seq = 1")
    keyed.conn.execute("UPDATE audit SET mac = NULL WHERE seq = 2")
    assert not audit.row_authentic(keyed.conn, 1) and not audit.row_authentic(keyed.conn, 2)
    s = Store.memory()
    audit.unlock(s.conn, KEY)
    _append(s)
    audit.lock(s.conn)
    assert not audit.row_authentic(s.conn, 1)


# -- records against their audit rows -------------------------------------------------------------------------
@pytest.fixture
def filed(keyed):
    ids = [records.insert(keyed, "subjects", {"screening_number": f"S{n}", "status": "screened", "sex": "F"},
                          user="u") for n in range(3)]
    records.update(keyed, "subjects", ids[1], {"status": "screen_failed"}, user="u", reason="r")
    return keyed, sorted(ids)


def test_records_that_agree_with_their_trail_verify(filed):
    store, _ids = filed
    check = audit.verify_audit(store, ("subjects",))
    assert check.ok and check.rows_checked == 4


def test_a_value_changed_without_an_audit_row_is_named(filed):
    store, ids = filed
    store.conn.execute("UPDATE subjects SET sex = 'M' WHERE uuid = ?", (ids[2],))
    check = audit.verify_audit(store, ("subjects",))
    assert not check.ok and check.rows_checked == 4 and check.head_seq == 4
    assert f"subjects record {ids[2]}, field sex is 'M' but its audit trail says 'F'" in check.message


def test_managed_columns_are_not_compared(filed):
    store, ids = filed
    store.conn.execute("UPDATE subjects SET updated_by = 'someone', created_at = 'x' WHERE uuid = ?", (ids[0],))
    assert audit.verify_audit(store, ("subjects",)).ok


@pytest.mark.parametrize("which", [0, 2])
def test_a_record_deleted_without_an_audit_row_is_named(filed, which):
    store, ids = filed
    store.conn.execute("DELETE FROM subjects WHERE uuid = ?", (ids[which],))
    check = audit.verify_audit(store, ("subjects",))
    assert not check.ok and f"subjects record {ids[which]} has audit rows" in check.message
    assert check.broken_seq is not None and check.head_seq == 4


def test_a_record_inserted_without_an_audit_row_is_named(filed):
    store, _ids = filed
    store.conn.execute("INSERT INTO subjects (uuid, change_seq, created_at, created_by, screening_number, status) "
                       "VALUES ('zzzz-forged', 4, 't', 'u', 'S9', 'screened')")
    check = audit.verify_audit(store, ("subjects",))
    assert not check.ok and check.broken_seq == 4 and "zzzz-forged was last changed at row 4" in check.message


def test_malformed_audit_values_of_a_record_are_reported(keyed):
    s = keyed
    uuid = records.insert(s, "subjects", {"screening_number": "S1", "status": "screened"}, user="u")
    with s.transaction() as conn:
        seq = audit.append(conn, user="u", table="subjects", row_id=uuid, field="*", old=None, new=[1], reason=None)
        conn.execute("UPDATE subjects SET change_seq = ? WHERE uuid = ?", (seq, uuid))
    check = audit.verify_audit(s, ("subjects",))
    assert not check.ok and "malformed" in check.message and check.broken_seq == 1


def test_the_last_audited_value_of_each_field_counts(keyed):
    uuid = records.insert(keyed, "subjects", {"screening_number": "S1", "status": "screened", "arm_reason": "a"},
                          user="u")
    records.update(keyed, "subjects", uuid, {"arm_reason": "b"}, user="u", reason="r")
    records.update(keyed, "subjects", uuid, {"arm_reason": None}, user="u", reason="r")
    assert audit.verify_audit(keyed, ("subjects",)).ok
    keyed.conn.execute("UPDATE subjects SET arm_reason = 'b' WHERE uuid = ?", (uuid,))
    check = audit.verify_audit(keyed, ("subjects",))
    assert not check.ok and "field arm_reason is 'b' but its audit trail says None" in check.message


def test_keyed_connection_carries_no_key_by_default(tmp_path):
    conn = sqlite3.connect(":memory:", factory=audit.KeyedConnection)
    assert audit.key_of(conn) is None and audit.key_of(sqlite3.connect(":memory:")) is None
    with Store.open(tmp_path / "s.sqlite") as s:
        audit.unlock(s.conn, os.urandom(32))
        clone = s.clone()
        assert audit.key_of(clone.conn) == audit.key_of(s.conn)
        clone.close()


@settings(max_examples=300, deadline=None)
@given(st.fixed_dictionaries({k: st.one_of(st.none(), st.text()) for k in audit.AUDIT_FIELDS if k != "seq"}),
       st.integers(min_value=0, max_value=2**40))
def test_the_fast_row_hash_is_the_canonical_one(fields, seq):
    row = dict(fields, seq=seq, prev_hash=fields["prev_hash"] or "")
    body = json.dumps({k: row[k] for k in audit.AUDIT_FIELDS}, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False)
    try:
        expected = hashlib.sha256((row["prev_hash"] + body).encode("utf-8")).hexdigest()
    except UnicodeEncodeError:  # lone surrogates cannot be stored as UTF-8 text at all
        with pytest.raises(UnicodeEncodeError):
            audit.row_hash(row)
        return
    assert audit.row_hash(row) == expected


@pytest.mark.parametrize("odd", [{"old": 5}, {"new": 2.5}, {"reason": True}, {"new": ["a", 1]}, {"seq": "7"}])
def test_a_row_with_values_other_than_text_hashes_as_its_canonical_json(odd):
    """Rows from a hostile bundle may carry numbers or lists where text belongs: the general path hashes them."""
    row = {k: k for k in audit.AUDIT_FIELDS} | {"seq": 7, "prev_hash": "p" * 64} | odd
    body = json.dumps({k: row[k] for k in audit.AUDIT_FIELDS}, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False)
    assert audit.row_hash(row) == hashlib.sha256(("p" * 64 + body).encode("utf-8")).hexdigest()


@pytest.mark.parametrize(("stored", "malformed"), [(' "screened"', False), ('"screened"  ', False),
                                                    ('"screened" x', True), ('"screened"]', True), ("", True)])
def test_stored_audit_values_are_read_as_whole_json_values(keyed, stored, malformed):
    uuid = records.insert(keyed, "subjects", {"screening_number": "S1", "status": "screened"}, user="u")
    records.update(keyed, "subjects", uuid, {"status": "screen_failed"}, user="u", reason="r")
    keyed.conn.execute("DROP TRIGGER audit_no_update")  # the chain breaks too: the records are checked directly
    keyed.conn.execute("UPDATE audit SET new = ? WHERE field = 'status'", (stored,))
    keyed.conn.execute("UPDATE subjects SET status = 'screened'")  # what the (whitespace-padded) value says
    check = audit.check_records(keyed.conn, "subjects", 2, "h", 2)
    if malformed:
        assert check is not None and check.message == f"Audit rows of subjects record {uuid} are malformed."
    else:
        assert check is None


# -- exact results of every failure (what a user reads, and the ChainCheck fields scripts use) ------------------
def _recomputed(store, seq):
    """Rewrite row `seq` and recompute the public chain after it, as someone without the key can."""
    store.conn.execute("DROP TRIGGER IF EXISTS audit_no_update")
    rows = list(audit.iter_rows(store.conn))
    prev = rows[seq - 2]["hash"] if seq > 1 else audit.GENESIS_HASH
    for r in rows[seq - 1:]:
        if r["seq"] == seq:
            r["reason"] = "rewritten"
        r["prev_hash"] = prev
        r["hash"] = audit.row_hash(r)
        store.conn.execute("UPDATE audit SET reason = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                           (r["reason"], r["prev_hash"], r["hash"], r["seq"]))
        prev = r["hash"]
    return rows


def test_exact_messages_of_the_chain_checks(keyed):
    _append(keyed, 3)
    rows = _rows(keyed)
    key = audit.key_of(keyed.conn)
    h1 = rows[0]["hash"]
    cases = [
        ([rows[0], rows[2]], "Audit trail broken at row 2: row missing (found row 3)."),
        ([rows[0], rows[0]], "Audit trail broken at row 2: row out of order or duplicated (found row 1)."),
        ([rows[0], dict(rows[1], prev_hash="f")], "Audit trail broken at row 2: it does not follow row 1 (a row "
                                                  "before it was changed, removed or inserted)."),
        ([rows[0], dict(rows[1], user=None)], "Audit trail broken at row 2: malformed row."),
        ([rows[0], dict(rows[1], reason="x")], "Audit trail broken at row 2: its content was changed after it was "
                                               "written."),
        ([rows[0], dict(rows[1], mac=None)], "Audit trail broken at row 2: it has no authentication code, so it was "
                                             "written outside the application."),
        ([rows[0], dict(rows[1], mac="0")], "Audit trail broken at row 2: its authentication code does not match, so "
                                            "it was written, changed or recomputed outside the application."),
    ]
    for walked, message in cases:
        assert audit.verify_rows(walked, key=key) == audit.ChainCheck(False, 1, 1, h1, 2, message), message


def test_the_first_row_is_keyed_by_default(keyed):
    _append(keyed)
    [row] = _rows(keyed)
    check = audit.verify_rows([dict(row, mac=None)], key=audit.key_of(keyed.conn))
    assert check == audit.ChainCheck(False, 0, 0, audit.GENESIS_HASH, 1, "Audit trail broken at row 1: it has no "
                                     "authentication code, so it was written outside the application.")


def test_exact_results_of_the_end_checks(keyed):
    _append(keyed, 3)
    rows = _rows(keyed)
    keyed.conn.execute("DROP TRIGGER audit_no_delete")
    keyed.conn.execute("DELETE FROM audit WHERE seq = 3")
    assert audit.verify_audit(keyed) == audit.ChainCheck(
        False, 2, 2, rows[1]["hash"], 3,
        "Audit trail broken at row 3: the site last wrote row 3, but the trail ends at row 2 (rows were removed from "
        "its end).")
    keyed.conn.execute("DELETE FROM settings WHERE key = ?", (audit.HEAD,))
    assert audit.verify_audit(keyed) == audit.ChainCheck(
        False, 2, 2, rows[1]["hash"], None,
        "The audit trail's keyed end marker is missing: it was removed outside the application.")


def test_an_end_pin_pointing_at_a_different_row_is_reported(keyed):
    _append(keyed, 3)
    key = audit.key_of(keyed.conn)
    audit._pin(keyed.conn, key, audit.HEAD, 2, "e" * 64)
    check = audit.verify_audit(keyed)
    assert (check.ok, check.broken_seq) == (False, 2) and "the site last wrote row 2" in check.message


def test_exact_results_of_verify_since(keyed):
    _append(keyed, 4)
    rows = _rows(keyed)
    assert audit.verify_since(keyed.conn, 0) == audit.ChainCheck(True, 4, 4, rows[3]["hash"], None,
                                                                 "Audit trail intact: 4 rows verified.")
    assert audit.verify_since(keyed.conn, 1) == audit.ChainCheck(True, 3, 4, rows[3]["hash"], None,
                                                                 "Audit trail intact: 3 rows verified.")
    assert audit.verify_since(keyed.conn, 9) == audit.ChainCheck(
        False, 0, 9, audit.GENESIS_HASH, 9, "Audit trail broken at row 9: row missing (found row None).")
    _recomputed(keyed, 1)  # consistent: only the MAC tells
    for since in (0,):
        check = audit.verify_since(keyed.conn, since)
        assert (check.ok, check.broken_seq, check.rows_checked) == (False, 1, 0) and "authentication code" in \
            check.message
    keyed.conn.execute("DROP TRIGGER IF EXISTS audit_no_delete")
    keyed.conn.execute("DELETE FROM audit WHERE seq = 4")
    check = audit.verify_since(keyed.conn, 3)
    assert (check.ok, check.broken_seq) == (False, 4) and "removed from its end" in check.message


def test_verify_since_uses_the_keyed_start(keyed):
    _append(keyed, 3)
    keyed.conn.execute("DROP TRIGGER audit_no_update")
    keyed.conn.execute("UPDATE audit SET mac = NULL WHERE seq = 3")
    assert not audit.verify_since(keyed.conn, 2).ok
    audit._pin(keyed.conn, audit.key_of(keyed.conn), audit.KEYED_FROM, 4, "x")
    assert audit.verify_since(keyed.conn, 2).ok  # row 3 is before the keyed start now


def _records_case(keyed):
    uuid = records.insert(keyed, "subjects", {"screening_number": "S1", "status": "screened", "arm_reason": "F"},
                          user="u")
    return uuid, audit.head(keyed.conn)


def test_exact_results_of_the_record_checks(keyed):
    uuid, (seq, hash_) = _records_case(keyed)
    keyed.conn.execute("UPDATE subjects SET arm_reason = ? WHERE uuid = ?", ("x" * 80, uuid))
    expected = ("Record changed outside the application: subjects record " + uuid + ", field arm_reason is '" +
                "x" * 59 + " but its audit trail says 'F'.")
    assert audit.verify_audit(keyed, ("subjects",)) == audit.ChainCheck(False, 1, seq, hash_, 1, expected)
    keyed.conn.execute("UPDATE subjects SET arm_reason = 'F', change_seq = 7 WHERE uuid = ?", (uuid,))
    assert audit.verify_audit(keyed, ("subjects",)) == audit.ChainCheck(
        False, 1, seq, hash_, 7, f"Audit trail incomplete: subjects record {uuid} was last changed at row 7, but the "
                                 "audit trail has no such row for it.")


def test_exact_results_for_a_long_expected_value(keyed):
    uuid = records.insert(keyed, "subjects", {"screening_number": "S1", "status": "screened", "arm_reason": "y" * 80},
                          user="u")
    seq, hash_ = audit.head(keyed.conn)
    keyed.conn.execute("UPDATE subjects SET arm_reason = 'z' WHERE uuid = ?", (uuid,))
    assert audit.verify_audit(keyed, ("subjects",)) == audit.ChainCheck(
        False, 1, seq, hash_, 1, f"Record changed outside the application: subjects record {uuid}, field arm_reason is "
                                 f"'z' but its audit trail says '{'y' * 59}.")


@pytest.mark.parametrize("position", ["before", "after"])
def test_exact_results_for_a_missing_record(keyed, position):
    first = records.insert(keyed, "subjects", {"screening_number": "S1", "status": "screened"}, user="u",
                           record_uuid="m-0001")
    records.insert(keyed, "subjects", {"screening_number": "S2", "status": "screened"}, user="u", record_uuid="m-0002")
    records.update(keyed, "subjects", "m-0001", {"status": "enrolled"}, user="u", reason="r")
    seq, hash_ = audit.head(keyed.conn)
    gone = first if position == "before" else "m-0002"
    first_row = 1 if position == "before" else 2
    keyed.conn.execute("DELETE FROM subjects WHERE uuid = ?", (gone,))
    assert audit.verify_audit(keyed, ("subjects",)) == audit.ChainCheck(
        False, 3, seq, hash_, first_row, f"Audit trail and records disagree: subjects record {gone} has audit rows "
                                         f"(from row {first_row}) but the record is missing; it was deleted outside "
                                         "the application.")


def test_exact_results_for_malformed_record_rows(keyed):
    uuid, _ = _records_case(keyed)
    keyed.conn.execute("DROP TRIGGER audit_no_update")
    keyed.conn.execute("UPDATE audit SET new = '[1]' WHERE seq = 1")  # chain now broken too: check records directly
    check = audit.check_records(keyed.conn, "subjects", 1, "h", 1)
    assert check == audit.ChainCheck(False, 1, 1, "h", 1, f"Audit rows of subjects record {uuid} are malformed.")


def test_the_pin_messages(keyed):
    _append(keyed)
    keyed.conn.execute("UPDATE settings SET value = 'x' WHERE key = ?", (audit.HEAD,))
    assert audit.verify_audit(keyed) == audit.ChainCheck(
        False, 0, 0, audit.GENESIS_HASH, None,
        "The audit trail's keyed start or end marker was changed outside the application.")
    _append(keyed)  # pins a genuine end again
    keyed.conn.execute("DELETE FROM settings WHERE key = ?", (audit.KEYED_FROM,))
    assert audit.verify_audit(keyed) == audit.ChainCheck(
        False, 0, 0, audit.GENESIS_HASH, None,
        "The audit trail's keyed start marker is missing: it was removed outside the application.")
    assert audit.verify_audit(Store.memory()) == audit.ChainCheck(
        False, 0, 0, audit.GENESIS_HASH, None, "The audit trail cannot be verified: the site key is not unlocked.")


def test_setting_missing_reads_the_named_setting(keyed):
    assert not audit.setting_missing(keyed.conn, audit.KEYED_FROM)
    assert audit.setting_missing(keyed.conn, audit.HEAD)
    _append(keyed)
    assert not audit.setting_missing(keyed.conn, audit.HEAD)


def test_a_row_that_cannot_be_hashed_is_not_authentic(keyed):
    _append(keyed, 2)
    keyed.conn.execute("DROP TRIGGER audit_no_update")
    keyed.conn.execute("UPDATE audit SET new = X'00ff' WHERE seq = 2")
    assert audit.row_authentic(keyed.conn, 1) is True and audit.row_authentic(keyed.conn, 2) is False


def test_verify_audit_names_the_first_recomputed_row(keyed):
    _append(keyed, 4)
    rows = _rows(keyed)
    _recomputed(keyed, 3)
    assert audit.verify_audit(keyed, ("subjects",)) == audit.ChainCheck(
        False, 2, 2, rows[1]["hash"], 3, "Audit trail broken at row 3: its authentication code does not match, so it "
                                         "was written, changed or recomputed outside the application.")


def test_a_second_unlock_never_repairs_an_altered_start_pin():
    s = Store.memory()
    s.conn.audit_key = b"k" * 32
    _append(s, user="migration", table="audit", row_id="trail", field="keyed_from", old=None, new=1)
    s.conn.audit_key = None
    s.conn.execute("DELETE FROM settings")
    audit.unlock(s.conn, KEY)
    _append(s)
    s.conn.execute("UPDATE settings SET value = 'altered' WHERE key = ?", (audit.KEYED_FROM,))
    audit.unlock(s.conn, KEY)
    assert s.scalar("SELECT value FROM settings WHERE key = ?", (audit.KEYED_FROM,)) == "altered"
    assert not audit.verify_audit(s).ok


def test_the_locked_message_is_exact():
    s = Store.memory()
    with pytest.raises(audit.AuditLocked) as info:
        _append(s)
    assert str(info.value) == "The site key is locked, so nothing can be recorded; log in again."


def test_rows_before_the_keyed_start_verify_without_macs_through_verify_audit(keyed):
    _append(keyed, 2)
    keyed.conn.execute("DROP TRIGGER audit_no_update")
    keyed.conn.execute("UPDATE audit SET mac = NULL")  # legacy rows of an upgraded site
    audit._pin(keyed.conn, audit.key_of(keyed.conn), audit.KEYED_FROM, 3, "x")
    _append(keyed)
    assert audit.verify_audit(keyed).ok and audit.verify_since(keyed.conn, 0).ok


def test_verify_since_reports_a_missing_end_pin(keyed):
    _append(keyed, 2)
    keyed.conn.execute("DELETE FROM settings WHERE key = ?", (audit.HEAD,))
    check = audit.verify_since(keyed.conn, 0)
    assert not check.ok and check.message == ("The audit trail's keyed end marker is missing: it was removed outside "
                                              "the application.")
