"""Audited writes of clinical records: every insert and change writes its audit rows in the same transaction."""

from __future__ import annotations

import hashlib
import uuid as uuidlib
from datetime import date, datetime

from sle_desktop.domain.text import msg
from sle_desktop.store import audit
from sle_desktop.store.db import StoreError

CLINICAL_TABLES = (
    "subjects", "consents", "screenings", "visits", "sledai_assessments", "labs",
    "adverse_events", "infusions", "con_meds", "deviations", "signatures", "queries",
)
# Columns the store manages itself; callers never set them.
_MANAGED = ("uuid", "change_seq", "created_at", "created_by", "updated_at", "updated_by")
# Transmission bookkeeping: audited like any field, but not part of what a signature covers,
# so exporting a signed SAE does not invalidate the investigator's signature.
BOOKKEEPING = {"adverse_events": frozenset({"sae_exported_at", "sae_acknowledged_at"})}
# Columns added to signed record types by a later migration (7: SELENA Flare Index inputs), with their
# migration default. Left at that default a column is not part of the record's content, so signatures and
# SDV marks made before the migration stay valid; once set it is.
ADDED_DEFAULTS: dict[str, dict[str, object]] = {
    "visits": {"weight_kg": None},
    "con_meds": {"drug_class": None, "steroid": None, "frequency_code": None},
    "adverse_events": {"hospitalised_for_sle": 0},
    "sledai_assessments": {
        "flare_manifestations": "[]", "added_nsaid_or_hcq": 0, "new_immunosuppressant": 0,
        "hospitalised_for_sle": 0, "prednisone_mg_per_kg_day": None, "flare_sources": "{}", "flare_index": None,
        "flare_index_reasons": "[]", "flare_index_complete": 0,
    },
}


class ReasonRequired(StoreError):
    """A change to a saved record was attempted without a reason for change."""


class RecordNotFound(StoreError):
    """No record with that identifier."""


def columns(store, table: str) -> tuple[str, ...]:
    """Column names of a clinical table (validated against the whitelist).

    Cached per connection and schema version (a migration or a new connection re-reads them: keying on
    id(conn) alone returned an old database's columns for a new connection that reused the id)."""
    if table not in CLINICAL_TABLES:
        raise StoreError(f"unknown record type {table!r}")
    conn = store.conn
    cache = getattr(store, "_record_columns", None)
    version = conn.execute("PRAGMA schema_version").fetchone()[0]
    if cache is None or cache[0] is not conn or cache[1] != version:
        cache = (conn, version, {})
        store._record_columns = cache
    cols = cache[2]
    if table not in cols:
        cols[table] = tuple(r[1] for r in conn.execute(f'PRAGMA table_info("{table}")'))
    return cols[table]


def to_db(value):
    """Plain storage form: dates as ISO text, booleans as 0/1, collections as canonical JSON."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple, set, frozenset)):
        return audit.canonical_json(sorted(value) if isinstance(value, (set, frozenset)) else list(value))
    if isinstance(value, dict):
        return audit.canonical_json(value)
    return value


def _checked_values(store, table: str, values: dict) -> dict:
    cols = columns(store, table)
    unknown = [k for k in values if k not in cols or k in _MANAGED]
    if unknown:
        raise StoreError(f"{table} has no writable field(s) {', '.join(map(repr, unknown))}")
    return {k: to_db(v) for k, v in values.items()}


def _now_text() -> str:
    return audit.utc_now().isoformat(timespec="seconds").replace("+00:00", "Z")


def new_uuid() -> str:
    return str(uuidlib.uuid4())


PAPER_CRF = "Entered from a paper CRF"


def paper_source(from_paper: bool) -> dict:
    """The `entry_source` value of a record transcribed from paper (the column defaults to 'direct')."""
    return {"entry_source": "paper_crf"} if from_paper else {}


def insert(store, table: str, values: dict, *, user: str, record_uuid: str | None = None,
           reason: str | None = None) -> str:
    """Insert one record and its creation audit row (with `reason`, e.g. PAPER_CRF); returns the record's UUID."""
    data = _checked_values(store, table, values)
    record_uuid = record_uuid or new_uuid()
    with store.transaction() as conn:
        seq = audit.append(conn, user=user, table=table, row_id=record_uuid, field="*", old=None, new=data,
                           reason=reason)
        row = dict(data, uuid=record_uuid, change_seq=seq, created_at=_now_text(), created_by=user)
        names = ", ".join(f'"{k}"' for k in row)
        marks = ", ".join("?" for _ in row)
        conn.execute(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', tuple(row.values()))
    return record_uuid


def get(store, table: str, record_uuid: str) -> dict | None:
    columns(store, table)
    return store.query_one(f'SELECT * FROM "{table}" WHERE uuid = ?', (record_uuid,))


def update(store, table: str, record_uuid: str, changes: dict, *, user: str, reason: str | None) -> list[str]:
    """Change fields of a saved record. A reason for change is required; returns the changed fields.

    Unchanged values write nothing. Valid signatures on the record are invalidated (audited).
    """
    data = _checked_values(store, table, changes)
    with store.transaction() as conn:
        current = get(store, table, record_uuid)
        if current is None:
            raise RecordNotFound(msg("No {table} record {uuid}.", table=table, uuid=record_uuid))
        changed = {k: v for k, v in data.items() if current.get(k) != v}
        if not changed:
            return []
        if not reason or not str(reason).strip():
            raise ReasonRequired(msg("A reason for change is required to change a saved record."))
        reason = str(reason).strip()
        seq = 0
        for field, new in changed.items():
            seq = audit.append(conn, user=user, table=table, row_id=record_uuid, field=field,
                               old=current.get(field), new=new, reason=reason)
        sets = ", ".join(f'"{k}" = ?' for k in changed)
        conn.execute(
            f'UPDATE "{table}" SET {sets}, change_seq = ?, updated_at = ?, updated_by = ? WHERE uuid = ?',
            (*changed.values(), seq, _now_text(), user, record_uuid),
        )
        if table != "signatures" and not set(changed) <= BOOKKEEPING.get(table, frozenset()):
            invalidate_signatures(store, table, record_uuid, user=user, reason=f"record changed: {reason}")
    return list(changed)


def content_hash(store, table: str, record_uuid: str) -> str:
    """SHA-256 of a record's canonical content (its data fields, not bookkeeping columns)."""
    row = get(store, table, record_uuid)
    if row is None:
        raise RecordNotFound(msg("No {table} record {uuid}.", table=table, uuid=record_uuid))
    return row_content_hash(table, row)


def row_content_hash(table: str, row: dict) -> str:
    """`content_hash` of a record given as a dict of all its columns (the sponsor holds records so)."""
    skip = {"change_seq", "updated_at", "updated_by"} | BOOKKEEPING.get(table, frozenset())
    added = ADDED_DEFAULTS.get(table, {})
    body = {k: v for k, v in row.items() if k not in skip and not (k in added and v == added[k])}
    body["__table__"] = table
    return hashlib.sha256(audit.canonical_json(body).encode("utf-8")).hexdigest()


def invalidate_signatures(store, table: str, record_uuid: str, *, user: str, reason: str) -> int:
    """Mark valid signatures on a record as invalidated; returns how many."""
    rows = store.query(
        "SELECT uuid FROM signatures WHERE record_table = ? AND record_uuid = ? AND invalidated_at IS NULL",
        (table, record_uuid),
    )
    for r in rows:
        update(store, "signatures", r["uuid"], {"invalidated_at": _now_text(), "invalidated_reason": reason},
               user=user, reason=reason)
    return len(rows)
