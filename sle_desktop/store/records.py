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
    "adverse_events", "infusions", "con_meds", "deviations", "signatures", "queries", "locks", "site_sdv",
)
# The subject's clinical data: what a lock freezes and a casebook sign-off covers.
CASEBOOK_TABLES = (
    "subjects", "consents", "screenings", "visits", "sledai_assessments", "labs", "adverse_events", "infusions",
    "con_meds", "deviations",
)
CASEBOOK = "casebook"  # the record_table of a casebook sign-off (its record_uuid is the subject's uuid)
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


class RecordLocked(StoreError):
    """The record belongs to a locked visit or casebook."""


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
        if table in CASEBOOK_TABLES:
            refuse_if_locked(store, table, record_uuid, data)
        seq = audit.append(conn, user=user, table=table, row_id=record_uuid, field="*", old=None, new=data,
                           reason=reason)
        row = dict(data, uuid=record_uuid, change_seq=seq, created_at=_now_text(), created_by=user)
        names = ", ".join(f'"{k}"' for k in row)
        marks = ", ".join("?" for _ in row)
        conn.execute(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', tuple(row.values()))
        if table in CASEBOOK_TABLES:
            invalidate_casebook_signoffs(store, table, record_uuid, data, user=user,
                                         reason=f"{table} record added after the casebook was signed")
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
        data_change = not set(changed) <= BOOKKEEPING.get(table, frozenset())
        if table in CASEBOOK_TABLES and data_change:
            refuse_if_locked(store, table, record_uuid, current)
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
        if table != "signatures" and data_change:
            invalidate_signatures(store, table, record_uuid, user=user, reason=f"record changed: {reason}")
        if table in CASEBOOK_TABLES and data_change:
            invalidate_casebook_signoffs(store, table, record_uuid, current, user=user,
                                         reason=f"{table} record changed after the casebook was signed: {reason}")
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


def field_content_hash(table: str, record_uuid: str, field: str, value) -> str:
    """SHA-256 of one field's value of one record: what a field-level SDV mark keeps (site and sponsor alike), so
    the mark drops when that value changes and holds when other fields of the record change."""
    return hashlib.sha256(audit.canonical_json({"table": table, "uuid": record_uuid, "field": field,
                                                "value": value}).encode("utf-8")).hexdigest()


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


# -- locks and casebook sign-offs ---------------------------------------------------------------------------------
def subject_and_visit(table: str, record_uuid: str, row: dict) -> tuple[str | None, str | None]:
    """(subject uuid, visit uuid) a casebook record belongs to."""
    subject = record_uuid if table == "subjects" else row.get("subject_uuid")
    visit = record_uuid if table == "visits" else row.get("visit_uuid")
    return subject, visit


def _has_table(store, name: str) -> bool:
    return bool(columns(store, name))  # databases being migrated step by step may not have the table yet


def active_lock(store, subject_uuid: str | None, visit_uuid: str | None = None) -> dict | None:
    """The lock in force on a subject's casebook, or else on the visit (None when neither is locked)."""
    if not subject_uuid or not _has_table(store, "locks"):
        return None
    return store.query_one(
        "SELECT * FROM locks WHERE subject_uuid = ? AND deleted = 0 AND unlocked_at IS NULL AND "
        "(visit_uuid IS NULL OR visit_uuid = ?) ORDER BY visit_uuid IS NOT NULL, locked_at LIMIT 1",
        (subject_uuid, visit_uuid))


def lock_message(lock: dict) -> str:
    """Why a record cannot be changed, in one sentence."""
    what = msg("the casebook") if lock.get("visit_uuid") is None else msg("the visit")
    return msg("This record cannot be changed: {what} was locked by {user} on {at} ({reason}); an administrator "
               "must unlock it first.", what=what, user=lock["locked_by"], at=str(lock["locked_at"])[:10],
               reason=lock["lock_reason"])


def refuse_if_locked(store, table: str, record_uuid: str, row: dict) -> None:
    """RecordLocked when the record's visit or casebook is locked."""
    subject, visit = subject_and_visit(table, record_uuid, row)
    lock = active_lock(store, subject, visit)
    if lock is not None:
        raise RecordLocked(lock_message(lock))


def casebook_hash_of(pairs) -> str:
    """SHA-256 over the content hashes of every record of a casebook, given as (table, row) pairs."""
    items = sorted([t, r["uuid"], row_content_hash(t, r)] for t, r in pairs)
    return hashlib.sha256(audit.canonical_json({"v": 1, "records": items}).encode("utf-8")).hexdigest()


def casebook_rows(store, subject_uuid: str) -> list[tuple[str, dict]]:
    """Every record of a subject's casebook (deleted ones too: a deletion is a change), as (table, row)."""
    out = []
    for table in CASEBOOK_TABLES:
        where = "uuid = ?" if table == "subjects" else "subject_uuid = ?"
        out += [(table, r) for r in store.query(f'SELECT * FROM "{table}" WHERE {where}', (subject_uuid,))]
    return out


def casebook_hash(store, subject_uuid: str) -> str:
    """The content hash a casebook sign-off covers."""
    return casebook_hash_of(casebook_rows(store, subject_uuid))


def invalidate_casebook_signoffs(store, table: str, record_uuid: str, row: dict, *, user: str, reason: str) -> int:
    """Mark the subject's valid casebook sign-offs invalidated after a change of one of its records."""
    subject, _visit = subject_and_visit(table, record_uuid, row)
    if not subject:
        return 0
    rows = store.query("SELECT uuid FROM signatures WHERE record_table = ? AND record_uuid = ? AND "
                       "invalidated_at IS NULL AND deleted = 0", (CASEBOOK, subject))
    for r in rows:
        update(store, "signatures", r["uuid"], {"invalidated_at": _now_text(), "invalidated_reason": reason},
               user=user, reason=reason)
    return len(rows)
