"""Append-only, hash-chained audit trail.

Each row holds `seq, at_utc, at_local, user, table, row_id, field, old, new, reason,
prev_hash, hash` with `hash = SHA-256(prev_hash ‖ canonical JSON of the row without hash)`.
The audit sequence number is also the site's change sequence: every clinical row carries
the `seq` of the last audit row that touched it (`change_seq`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sle_desktop.domain.text import msg

GENESIS_HASH = "0" * 64
AUDIT_FIELDS = ("seq", "at_utc", "at_local", "user", "table", "row_id", "field", "old", "new", "reason", "prev_hash")


_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def canonical_json(value) -> str:
    """Deterministic JSON: sorted keys, no whitespace, UTF-8 kept as is."""
    return _CANONICAL.encode(value)  # = json.dumps(value, sort_keys=True, ...), without building an encoder per call


def utc_now() -> datetime:
    """The clock used for audit timestamps (patched in tests)."""
    return datetime.now(UTC)


def row_hash(row: dict) -> str:
    """Hash of one audit row given its fields (the `hash` field itself is ignored)."""
    body = {k: row[k] for k in AUDIT_FIELDS}
    return hashlib.sha256((row["prev_hash"] + canonical_json(body)).encode("utf-8")).hexdigest()


def head(conn) -> tuple[int, str]:
    """(seq, hash) of the newest audit row, or (0, genesis)."""
    last = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    return (last[0], last[1]) if last else (0, GENESIS_HASH)


def append(conn, *, user: str, table: str, row_id: str, field: str, old, new, reason: str | None) -> int:
    """Append one audit row inside the caller's transaction; returns its seq.

    `old` and `new` are stored as canonical JSON so their types survive the round trip.
    """
    seq, prev = head(conn)
    now = utc_now()
    row = {
        "seq": seq + 1,
        "at_utc": now.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z"),
        "at_local": now.astimezone().isoformat(timespec="seconds"),
        "user": user,
        "table": table,
        "row_id": row_id,
        "field": field,
        "old": None if old is None else canonical_json(old),
        "new": None if new is None else canonical_json(new),
        "reason": reason,
        "prev_hash": prev,
    }
    row["hash"] = row_hash(row)
    conn.execute(
        'INSERT INTO audit (seq, at_utc, at_local, user, "table", row_id, field, old, new, reason, prev_hash, hash)'
        " VALUES (:seq, :at_utc, :at_local, :user, :table, :row_id, :field, :old, :new, :reason, :prev_hash, :hash)",
        row,
    )
    return row["seq"]


@dataclass(frozen=True)
class ChainCheck:
    """Result of walking the audit chain."""

    ok: bool
    rows_checked: int
    head_seq: int
    head_hash: str
    broken_seq: int | None = None
    message: str = ""


def verify_rows(rows, *, start_seq: int = 0, start_hash: str = GENESIS_HASH) -> ChainCheck:
    """Walk audit rows (dicts, ascending seq) continuing a chain whose head is (start_seq, start_hash)."""
    expected_seq, prev = start_seq, start_hash
    checked = 0
    for row in rows:
        expected_seq += 1
        seq = row.get("seq")
        if seq != expected_seq:
            kind = msg("missing") if isinstance(seq, int) and seq > expected_seq else msg("out of order or duplicated")
            return ChainCheck(False, checked, expected_seq - 1, prev, expected_seq,
                              msg("Audit trail broken at row {seq}: row {kind} (found row {found}).",
                                  seq=expected_seq, kind=kind, found=seq))
        if row.get("prev_hash") != prev:
            return ChainCheck(False, checked, expected_seq - 1, prev, seq,
                              msg("Audit trail broken at row {seq}: it does not follow row {previous} "
                                  "(a row before it was changed, removed or inserted).", seq=seq, previous=seq - 1))
        try:
            recomputed = row_hash(row)
        except (KeyError, TypeError, ValueError):
            return ChainCheck(False, checked, expected_seq - 1, prev, seq,
                              msg("Audit trail broken at row {seq}: malformed row.", seq=seq))
        if recomputed != row.get("hash"):
            return ChainCheck(False, checked, expected_seq - 1, prev, seq,
                              msg("Audit trail broken at row {seq}: its content was changed after it was written.",
                                  seq=seq))
        prev = row["hash"]
        checked += 1
    return ChainCheck(True, checked, expected_seq, prev, None, msg("Audit trail intact: {n} rows verified.", n=checked))


def iter_rows(conn, since_seq: int = 0, batch: int = 5000):
    """Audit rows as dicts in seq order, streamed in batches."""
    cur = conn.execute(
        'SELECT seq, at_utc, at_local, user, "table", row_id, field, old, new, reason, prev_hash, hash '
        "FROM audit WHERE seq > ? ORDER BY seq",
        (since_seq,),
    )
    cols = [c[0] for c in cur.description]
    while True:
        chunk = cur.fetchmany(batch)
        if not chunk:
            return
        for r in chunk:
            yield dict(zip(cols, r))


def verify_audit(store, clinical_tables=()) -> ChainCheck:
    """Verify the whole chain, then that each clinical row's last change has its audit row.

    Names the first broken row. Deleting the newest audit rows leaves records whose
    `change_seq` no longer matches an audit row for them, which is reported too.
    """
    result = verify_rows(iter_rows(store.conn))
    if not result.ok:
        return result
    for table in clinical_tables:
        orphan = store.conn.execute(
            f'SELECT t.uuid, t.change_seq FROM "{table}" t LEFT JOIN audit a '
            f"ON a.seq = t.change_seq AND a.\"table\" = ? AND a.row_id = t.uuid WHERE a.seq IS NULL LIMIT 1",
            (table,),
        ).fetchone()
        if orphan:
            return ChainCheck(False, result.rows_checked, result.head_seq, result.head_hash, orphan[1],
                              msg("Audit trail incomplete: {table} record {uuid} was last changed at row {seq}, "
                                  "but the audit trail has no such row for it.", table=table, uuid=orphan[0],
                                  seq=orphan[1]))
    return result
