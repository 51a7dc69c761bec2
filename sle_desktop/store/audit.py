"""Append-only, hash-chained and keyed audit trail.

Each row holds `seq, at_utc, at_local, user, table, row_id, field, old, new, reason,
prev_hash, hash` with `hash = SHA-256(prev_hash ‖ canonical JSON of the row without hash)`.
The audit sequence number is also the site's change sequence: every clinical row carries
the `seq` of the last audit row that touched it (`change_seq`).

The SHA-256 chain is public (the sponsor checks it); anyone holding the file could recompute
it. So every row also carries `mac = HMAC-SHA-256(audit key, hash)`, the audit key being
derived (HKDF) from the site data key, which exists only wrapped under user passwords and
the machine key file. Because `hash` chains over every earlier row, one valid MAC vouches
for the whole trail before it. Two MAC'd settings pin the keyed part: `audit_keyed_from`
(the first keyed row: 1 for a new site, the migration's marker row for an upgraded one)
and `audit_head` (the newest keyed row), so cutting rows off the end is noticed too.
A few log-in rows may be written before any key is unlocked (a wrong password on a PC
without its machine key file); they carry no MAC and are vouched for by the next keyed row.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from json.encoder import encode_basestring as _quote

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from sle_desktop.domain.text import msg
from sle_desktop.store.db import KeyedConnection, StoreError  # noqa: F401 - KeyedConnection re-exported

GENESIS_HASH = "0" * 64
AUDIT_FIELDS = ("seq", "at_utc", "at_local", "user", "table", "row_id", "field", "old", "new", "reason", "prev_hash")


# Rows that may be written while no key is unlocked: failed log-ins and the lock they cause.
UNKEYED_FIELDS = frozenset({"failed_login", "locked_until"})
KEYED_FROM = "audit_keyed_from"
HEAD = "audit_head"
MARKER_TABLE, MARKER_FIELD = "audit", "keyed_from"


_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def canonical_json(value) -> str:
    """Deterministic JSON: sorted keys, no whitespace, UTF-8 kept as is."""
    return _CANONICAL.encode(value)  # = json.dumps(value, sort_keys=True, ...), without building an encoder per call


def utc_now() -> datetime:
    """The clock used for audit timestamps (patched in tests)."""
    return datetime.now(UTC)


_TEXT_FIELDS = tuple(sorted(set(AUDIT_FIELDS) - {"seq"}))


def row_hash(row: dict) -> str:
    """Hash of one audit row given its fields (the `hash` field itself is ignored)."""
    spelled = _spelled(row)
    body = canonical_json({k: row[k] for k in AUDIT_FIELDS}) if spelled is None else spelled[0] + spelled[1]
    return hashlib.sha256((row["prev_hash"] + body).encode("utf-8")).hexdigest()


def line_and_hash(row: dict) -> tuple[str, str] | None:
    """(the canonical JSON of audit row `row` with its `hash`, its `row_hash`) when its fields are text (or null)
    and its number an int, as the site writes every row, else None; one pass instead of two encodes (the sponsor
    checks that a bundle's audit line is exactly this text, see `bundle.iter_payload_lines`)."""
    spelled = _spelled(row)
    if spelled is None or len(row) != len(AUDIT_FIELDS) + 1 or type(stated := row.get("hash")) is not str:
        return None
    head, tail = spelled
    return (f'{head}"hash":{_quote(stated)},{tail}',
            hashlib.sha256((row["prev_hash"] + head + tail).encode("utf-8")).hexdigest())


def _spelled(row: dict) -> tuple[str, str] | None:
    """The canonical JSON of the row's AUDIT_FIELDS spelled out, split where "hash" would sort in (same bytes as
    canonical_json, ~2x faster: verify-audit's loop), or None when a field is not text (or null) or seq not an
    int (then only the general encoder can say what it is)."""
    seq = row["seq"]
    if type(seq) is not int:
        return None
    try:  # _quote refuses anything but text
        parts = ["null" if (v := row[k]) is None else _quote(v) for k in _TEXT_FIELDS]
    except TypeError:
        return None
    return (f'{{"at_local":{parts[0]},"at_utc":{parts[1]},"field":{parts[2]},',
            f'"new":{parts[3]},"old":{parts[4]},"prev_hash":{parts[5]},"reason":{parts[6]},"row_id":{parts[7]},'
            f'"seq":{seq},"table":{parts[8]},"user":{parts[9]}}}')


def derive_key(data_key: bytes, purpose: bytes = b"audit") -> bytes:
    """A 32-byte HMAC key for `purpose` derived (HKDF-SHA-256) from the site data key."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=b"sle_desktop " + purpose + b" v1").derive(data_key)


def mac(key: bytes, text: str) -> str:
    """HMAC-SHA-256 of `text` under `key`, hex."""
    return hmac.digest(key, text.encode("utf-8"), "sha256").hex()


def key_of(conn) -> bytes | None:
    """The audit key unlocked on this connection, or None."""
    return getattr(conn, "audit_key", None)


def _setting(conn, name: str):
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (name,)).fetchone()
    if row is None:
        return None
    try:
        value = json.loads(row[0])
        return value if isinstance(value, dict) else {}
    except ValueError:
        return {}


def setting_missing(conn, name: str) -> bool:
    return _setting(conn, name) is None


def _pin(conn, key: bytes, name: str, seq: int, hash_: str) -> None:
    value = {"seq": seq, "hash": hash_, "mac": mac(key, f"{name}:{seq}:{hash_}")}
    conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (name, canonical_json(value)))


def _pinned(conn, key: bytes, name: str) -> tuple[int, str] | None:
    """(seq, hash) of a MAC'd setting, None when absent; ValueError when altered."""
    value = _setting(conn, name)
    if value is None:
        return None
    seq, hash_ = value.get("seq"), value.get("hash")
    if not isinstance(seq, int) or isinstance(seq, bool) or not isinstance(hash_, str) or not isinstance(
            value.get("mac"), str) or not hmac.compare_digest(value["mac"], mac(key, f"{name}:{seq}:{hash_}")):
        raise ValueError(name)
    return seq, hash_


def unlock(conn, data_key: bytes) -> None:
    """Unlock the audit key on this connection; on first use, pin where the keyed trail starts."""
    key = derive_key(data_key)
    conn.audit_key = key
    if _setting(conn, KEYED_FROM) is not None:
        return
    marker = conn.execute('SELECT seq, hash FROM audit WHERE "table" = ? AND field = ? ORDER BY seq DESC LIMIT 1',
                          (MARKER_TABLE, MARKER_FIELD)).fetchone()
    seq, hash_ = head(conn)
    if marker is not None:  # the marker itself was written keyless; the first keyed row after it vouches for it
        _pin(conn, key, KEYED_FROM, marker[0] + 1, marker[1])
    elif seq == 0:
        _pin(conn, key, KEYED_FROM, 1, GENESIS_HASH)
    # else: rows but neither pin nor marker - the pin was removed; `verify_audit` says so.


def row_authentic(conn, seq: int) -> bool:
    """True when audit row `seq` recomputes to its hash and carries a valid MAC under the unlocked key."""
    key = key_of(conn)
    cur = conn.execute(_SELECT + ", mac FROM audit WHERE seq = ?", (seq,))
    values = cur.fetchone()
    if key is None or values is None:
        return False
    row = dict(zip([c[0] for c in cur.description], values))
    try:
        recomputed = row_hash(row)
    except (KeyError, TypeError, ValueError):
        return False
    return recomputed == row["hash"] and isinstance(row["mac"], str) and hmac.compare_digest(row["mac"],
                                                                                             mac(key, recomputed))


def lock(conn) -> None:
    """Forget the audit key on this connection."""
    conn.audit_key = None


def head(conn) -> tuple[int, str]:
    """(seq, hash) of the newest audit row, or (0, genesis)."""
    last = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    return (last[0], last[1]) if last else (0, GENESIS_HASH)


def append(conn, *, user: str, table: str, row_id: str, field: str, old, new, reason: str | None) -> int:
    """Append one audit row inside the caller's transaction; returns its seq.

    `old` and `new` are stored as canonical JSON so their types survive the round trip.
    """
    seq, prev = head(conn)
    key = key_of(conn)
    if key is None and not (table == "users" and field in UNKEYED_FIELDS):
        raise AuditLocked(msg("The site key is locked, so nothing can be recorded; log in again."))
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
    row["mac"] = None if key is None else mac(key, row["hash"])
    conn.execute(
        'INSERT INTO audit (seq, at_utc, at_local, user, "table", row_id, field, old, new, reason, prev_hash, hash, mac)'
        " VALUES (:seq, :at_utc, :at_local, :user, :table, :row_id, :field, :old, :new, :reason, :prev_hash, :hash,"
        " :mac)",
        row,
    )
    if key is not None:
        _pin(conn, key, HEAD, row["seq"], row["hash"])
    return row["seq"]


class AuditLocked(StoreError):
    """An audit row was to be written without the site key unlocked."""


@dataclass(frozen=True)
class ChainCheck:
    """Result of walking the audit chain."""

    ok: bool
    rows_checked: int
    head_seq: int
    head_hash: str
    broken_seq: int | None = None
    message: str = ""


def _broken(checked: int, seq: int, prev: str, broken: int, message) -> ChainCheck:
    return ChainCheck(False, checked, seq, prev, broken, message)


def verify_rows(rows, *, start_seq: int = 0, start_hash: str = GENESIS_HASH, key: bytes | None = None,
                keyed_from: int = 1, hashes: list | None = None) -> ChainCheck:
    """Walk audit rows (dicts, ascending seq) continuing a chain whose head is (start_seq, start_hash).

    With `key` (the site), every row from `keyed_from` on must also carry its MAC, except the
    log-in rows written while no key was unlocked. Without it (the sponsor) only the chain is checked.
    `hashes`, beside `rows`, holds each row's `row_hash` where another process already computed it (None: here).
    """
    expected_seq, prev = start_seq, start_hash
    checked = 0
    for index, row in enumerate(rows):
        expected_seq += 1
        seq = row.get("seq")
        if seq != expected_seq:
            kind = msg("missing") if isinstance(seq, int) and seq > expected_seq else msg("out of order or duplicated")
            return _broken(checked, expected_seq - 1, prev, expected_seq,
                           msg("Audit trail broken at row {seq}: row {kind} (found row {found}).",
                               seq=expected_seq, kind=kind, found=seq))
        if row.get("prev_hash") != prev:
            return _broken(checked, expected_seq - 1, prev, seq,
                           msg("Audit trail broken at row {seq}: it does not follow row {previous} "
                               "(a row before it was changed, removed or inserted).", seq=seq, previous=seq - 1))
        try:
            recomputed = (hashes[index] if hashes is not None else None) or row_hash(row)
            if not isinstance(row["user"], str) or not isinstance(row["prev_hash"], str):
                raise TypeError("user and prev_hash are text")
        except (KeyError, TypeError, ValueError):
            return _broken(checked, expected_seq - 1, prev, seq,
                           msg("Audit trail broken at row {seq}: malformed row.", seq=seq))
        if recomputed != row.get("hash"):
            return _broken(checked, expected_seq - 1, prev, seq,
                           msg("Audit trail broken at row {seq}: its content was changed after it was written.",
                               seq=seq))
        if key is not None and seq >= keyed_from:
            code = row.get("mac")
            if code is None:
                if not (row["table"] == "users" and row["field"] in UNKEYED_FIELDS):
                    return _broken(checked, expected_seq - 1, prev, seq, msg(
                        "Audit trail broken at row {seq}: it has no authentication code, so it was written "
                        "outside the application.", seq=seq))
            elif not isinstance(code, str) or not hmac.compare_digest(code, mac(key, recomputed)):
                return _broken(checked, expected_seq - 1, prev, seq, msg(
                    "Audit trail broken at row {seq}: its authentication code does not match, so it was written, "
                    "changed or recomputed outside the application.", seq=seq))
        prev = recomputed
        checked += 1
    return ChainCheck(True, checked, expected_seq, prev, None, msg("Audit trail intact: {n} rows verified.", n=checked))


_SELECT = 'SELECT seq, at_utc, at_local, user, "table", row_id, field, old, new, reason, prev_hash, hash'


def iter_rows(conn, since_seq: int = 0, batch: int = 5000, *, with_mac: bool = False):
    """Audit rows as dicts in seq order, streamed in batches (`with_mac`: also the site-only `mac`)."""
    cur = conn.execute(_SELECT + (", mac" if with_mac else "") + " FROM audit WHERE seq > ? ORDER BY seq",
                       (since_seq,))
    cols = [c[0] for c in cur.description]
    while True:
        chunk = cur.fetchmany(batch)
        if not chunk:
            return
        for r in chunk:
            yield dict(zip(cols, r))


# Columns the store writes itself; the audit rows of a record do not list them.
MANAGED = frozenset({"uuid", "change_seq", "created_at", "created_by", "updated_at", "updated_by"})


def _stream(cur, batch: int = 5000):
    while True:
        chunk = cur.fetchmany(batch)
        if not chunk:
            return
        yield from chunk


_scan_json = json.JSONDecoder().scan_once


def _loads(text: str):
    """json.loads for the audit's stored JSON values without its per-call wrapping (a third of its time here)."""
    try:
        value, end = _scan_json(text, len(text) - len(text.lstrip()))
    except StopIteration:
        raise ValueError("not JSON") from None
    if end != len(text) and text[end:].strip():
        raise ValueError("extra data after the JSON value")
    return value


def check_records(conn, table: str, head_seq: int, head_hash: str, checked: int) -> ChainCheck | None:
    """Each record of `table` against its audit rows: its last change is audited and every audited value is
    the current one; a record with audit rows but missing is named too. None when all agree.

    One ordered pass over the records and one over their audit rows (both by uuid), tuples not dicts:
    this is most of verify-audit's time at 10 000 subjects.
    """
    # sorted by SQLite rather than read through the uuid index: one random page read per record otherwise
    recs = conn.execute(f'SELECT * FROM "{table}" NOT INDEXED ORDER BY uuid')
    index = {c[0]: i for i, c in enumerate(recs.description)}
    compared = {name: i for name, i in index.items() if name not in MANAGED}
    at_uuid, at_change = index["uuid"], index["change_seq"]
    trail = _stream(conn.execute('SELECT row_id, seq, field, new FROM audit WHERE "table" = ? ORDER BY row_id, seq',
                                 (table,)))
    pending = next(trail, None)
    loads = _loads

    def broken(seq, message) -> ChainCheck:
        return ChainCheck(False, checked, head_seq, head_hash, seq, message)

    def missing(row) -> ChainCheck:
        return broken(row[1], msg(
            "Audit trail and records disagree: {table} record {uuid} has audit rows (from row {seq}) but the "
            "record is missing; it was deleted outside the application.", table=table, uuid=row[0], seq=row[1]))

    for values in _stream(recs):
        uuid, change_seq = values[at_uuid], values[at_change]
        if pending is not None and pending[0] < uuid:
            return missing(pending)
        first_seq, audited, malformed, expected = None, False, False, {}
        while pending is not None and pending[0] == uuid:
            _row_id, seq, field, new = pending
            first_seq = seq if first_seq is None else first_seq
            audited = audited or seq == change_seq
            try:
                value = None if new is None else loads(new)
                if field == "*":
                    expected.update(value)
                else:
                    expected[field] = value
            except (ValueError, TypeError, AttributeError):
                malformed = True
            pending = next(trail, None)
        if not audited:
            return broken(change_seq, msg(
                "Audit trail incomplete: {table} record {uuid} was last changed at row {seq}, "
                "but the audit trail has no such row for it.", table=table, uuid=uuid, seq=change_seq))
        if malformed:
            return broken(first_seq, msg("Audit rows of {table} record {uuid} are malformed.", table=table,
                                         uuid=uuid))
        for field, value in expected.items():
            i = compared.get(field)
            if i is not None and values[i] != value:
                return broken(change_seq, msg(
                    "Record changed outside the application: {table} record {uuid}, field {field} is {found} but "
                    "its audit trail says {expected}.", table=table, uuid=uuid, field=field,
                    found=repr(values[i])[:60], expected=repr(value)[:60]))
    if pending is not None:
        return missing(pending)
    return None


def _keyed_state(conn):
    """(key, keyed_from, pinned head) or a failed ChainCheck."""
    key = key_of(conn)
    if key is None:
        return ChainCheck(False, 0, 0, GENESIS_HASH, None,
                          msg("The audit trail cannot be verified: the site key is not unlocked."))
    try:
        keyed_from = _pinned(conn, key, KEYED_FROM)
        pinned_head = _pinned(conn, key, HEAD)
    except ValueError:
        return ChainCheck(False, 0, 0, GENESIS_HASH, None, msg(
            "The audit trail's keyed start or end marker was changed outside the application."))
    if keyed_from is None:
        return ChainCheck(False, 0, 0, GENESIS_HASH, None, msg(
            "The audit trail's keyed start marker is missing: it was removed outside the application."))
    return key, keyed_from[0], pinned_head


def _check_end(conn, result: ChainCheck, keyed_from: int, pinned_head) -> ChainCheck:
    if pinned_head is not None:
        seq, hash_ = pinned_head
        stored = conn.execute("SELECT hash FROM audit WHERE seq = ?", (seq,)).fetchone()
        if stored is None or stored[0] != hash_:
            return ChainCheck(False, result.rows_checked, result.head_seq, result.head_hash, seq, msg(
                "Audit trail broken at row {seq}: the site last wrote row {seq}, but the trail ends at row {head} "
                "(rows were removed from its end).", seq=seq, head=result.head_seq))
    elif result.head_seq >= keyed_from:
        return ChainCheck(False, result.rows_checked, result.head_seq, result.head_hash, None, msg(
            "The audit trail's keyed end marker is missing: it was removed outside the application."))
    return result


def verify_since(conn, since_seq: int) -> ChainCheck:
    """The keyed chain from row `since_seq` on (before an export: what has not been sent must be genuine)."""
    state = _keyed_state(conn)
    if isinstance(state, ChainCheck):
        return state
    key, keyed_from, pinned_head = state
    start = GENESIS_HASH if since_seq == 0 else conn.execute("SELECT hash FROM audit WHERE seq = ?",
                                                             (since_seq,)).fetchone()
    if start is None:
        return ChainCheck(False, 0, since_seq, GENESIS_HASH, since_seq, msg(
            "Audit trail broken at row {seq}: row {kind} (found row {found}).", seq=since_seq, kind=msg("missing"),
            found=None))
    start_hash = start if since_seq == 0 else start[0]
    result = verify_rows(iter_rows(conn, since_seq, with_mac=True), start_seq=since_seq, start_hash=start_hash,
                         key=key, keyed_from=keyed_from)
    return _check_end(conn, result, keyed_from, pinned_head) if result.ok else result


def verify_audit(store, clinical_tables=()) -> ChainCheck:
    """Verify the whole keyed chain, then every clinical record against its audit rows.

    Names the first broken row. Needs the audit key unlocked on `store.conn` (see `unlock`).
    """
    conn = store.conn
    state = _keyed_state(conn)
    if isinstance(state, ChainCheck):
        return state
    key, keyed_from, pinned_head = state
    result = verify_rows(iter_rows(conn, with_mac=True), key=key, keyed_from=keyed_from)
    if not result.ok:
        return result
    result = _check_end(conn, result, keyed_from, pinned_head)
    if not result.ok:
        return result
    for table in clinical_tables:
        problem = check_records(conn, table, result.head_seq, result.head_hash, result.rows_checked)
        if problem is not None:
            return problem
    return result
