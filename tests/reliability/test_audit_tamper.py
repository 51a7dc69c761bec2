"""Changing, deleting or inserting an audit row by raw SQL (triggers dropped first) is detected and the row named:
at the site by `sle-desktop verify-audit`, and at the sponsor when the bundle carrying it is imported."""

from __future__ import annotations

import pytest
from sync_helpers import db_state, import_one, register

from sle_desktop import cli
from sle_desktop.app.errors import ConflictError
from sle_desktop.store import audit
from sle_desktop.sync.errors import BundleRejected

COLS = ("seq", "at_utc", "at_local", "user", "table", "row_id", "field", "old", "new", "reason", "prev_hash", "hash")


def _row(conn, seq):
    r = conn.execute(f"SELECT {', '.join(chr(34) + c + chr(34) for c in COLS)} FROM audit WHERE seq = ?",
                     (seq,)).fetchone()
    return dict(zip(COLS, r))


def _renumber(conn, start: int, delta: int) -> None:
    """Shift the seq of every row from `start` on by `delta` (in an order that never collides)."""
    order = "DESC" if delta > 0 else "ASC"
    for (seq,) in conn.execute(f"SELECT seq FROM audit WHERE seq >= ? ORDER BY seq {order}", (start,)).fetchall():
        conn.execute("UPDATE audit SET seq = ? WHERE seq = ?", (seq + delta, seq))


def tamper(conn, kind: str, p: int) -> int:
    """Apply the tampering at row p; returns the row number the checks must name."""
    conn.execute("DROP TRIGGER IF EXISTS audit_no_update")
    conn.execute("DROP TRIGGER IF EXISTS audit_no_delete")
    if kind == "change":
        conn.execute("UPDATE audit SET reason = 'corrected quietly', user = 'mallory' WHERE seq = ?", (p,))
        return p
    if kind == "change_and_rehash":  # the attacker also recomputes this row's own hash
        row = _row(conn, p)
        row["new"] = '"forged"'
        conn.execute("UPDATE audit SET new = ?, hash = ? WHERE seq = ?", (row["new"], audit.row_hash(row), p))
        return p + 1
    if kind == "delete_gap":
        conn.execute("DELETE FROM audit WHERE seq = ?", (p,))
        return p
    if kind == "delete_renumbered":  # the gap closed by renumbering the later rows
        conn.execute("DELETE FROM audit WHERE seq = ?", (p,))
        _renumber(conn, p + 1, -1)
        return p
    if kind == "insert":  # a well-formed forged row (correct prev_hash and own hash) slipped in at p
        prev = _row(conn, p - 1)["hash"] if p > 1 else audit.GENESIS_HASH
        _renumber(conn, p, +1)
        forged = {"seq": p, "at_utc": "2026-01-01T00:00:00.000000Z", "at_local": "2026-01-01T00:00:00+00:00",
                  "user": "mallory", "table": "subjects", "row_id": "x", "field": "status", "old": None,
                  "new": '"enrolled"', "reason": "backdated", "prev_hash": prev}
        forged["hash"] = audit.row_hash(forged)
        conn.execute('INSERT INTO audit (seq, at_utc, at_local, user, "table", row_id, field, old, new, reason, '
                     "prev_hash, hash) VALUES (:seq, :at_utc, :at_local, :user, :table, :row_id, :field, :old, :new, "
                     ":reason, :prev_hash, :hash)", forged)
        return p + 1
    raise AssertionError(kind)


POSITIONS = {"first": lambda head: 1, "middle": lambda head: head // 2, "last_but_one": lambda head: head - 1}
KINDS = ("change", "change_and_rehash", "delete_gap", "delete_renumbered", "insert")


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("where", list(POSITIONS))
def test_tampering_is_detected_at_site_and_sponsor_naming_the_row(make_site, sponsor_db, sponsor_keys, capsys,
                                                                  kind, where):
    site = make_site("BY01", subjects=3, seed=5)
    register(site, sponsor_db)
    head = site.store.scalar("SELECT max(seq) FROM audit")
    p = POSITIONS[where](head)
    named = tamper(site.store.conn, kind, p)
    # the keyed trail names the row itself (its MAC no longer matches, or it has none); the sponsor, which
    # checks the public SHA-256 chain, names the first row whose link breaks
    at_site = p if kind in ("change_and_rehash", "insert") else named

    # at the site: the headless command exits non-zero and names the row
    capsys.readouterr()
    assert cli.main(["verify-audit", "--db", str(site.path)]) == 1
    err = capsys.readouterr().err
    assert f"row {at_site}:" in err and "Traceback" not in err, err

    # the site's export refuses the tampered trail, naming the row
    with pytest.raises(ConflictError, match=f"row {at_site}:"):
        site.export()
    if kind == "delete_gap":
        return
    # at the sponsor, even from a site that did not check (the release before the keyed trail): refused, named
    exported = site.export_unchecked()
    before = db_state(sponsor_db)
    with pytest.raises(BundleRejected) as info:
        import_one(sponsor_db, sponsor_keys, exported.path)
    assert info.value.reason == "chain", str(info.value)
    assert f"row {named}" in str(info.value) and "BY01" in str(info.value)
    assert db_state(sponsor_db) == before


def test_untouched_trail_verifies(make_site, capsys):
    site = make_site("BY01", subjects=3, seed=5)
    assert cli.main(["verify-audit", "--db", str(site.path)]) == 0
    assert "intact" in capsys.readouterr().out
