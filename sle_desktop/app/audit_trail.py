"""Reading and verifying the audit trail (it can never be edited through the application)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sle_desktop.app.session import Session
from sle_desktop.store import audit, records


def verify(session_or_store) -> audit.ChainCheck:
    """Walk the hash chain and cross-check clinical rows; names the first broken row."""
    store = getattr(session_or_store, "store", session_or_store)
    return audit.verify_audit(store, records.CLINICAL_TABLES)


def _subject_rows(store, subject_uuid: str) -> set[str]:
    ids = {subject_uuid}
    for table in records.CLINICAL_TABLES:
        if table == "subjects":
            continue
        ids.update(r[0] for r in store.conn.execute(f'SELECT uuid FROM "{table}" WHERE subject_uuid = ?', (subject_uuid,)))
    return ids


@dataclass(frozen=True)
class AuditEntry:
    """One audit row as the viewer shows it (old/new decoded from JSON)."""

    seq: int
    at_utc: str
    at_local: str | None
    user: str
    table: str
    row_id: str
    field: str
    old: object
    new: object
    reason: str | None


def audit_entries(session: Session, *, subject_uuid: str | None = None, user: str | None = None,
                  date_from: date | None = None, date_to: date | None = None, limit: int = 5000) -> list[AuditEntry]:
    """Audit rows, newest first, filtered by subject, user and UTC date range; old/new decoded from JSON."""
    session.require("view")
    where, params = [], []
    if user:
        where.append("user = ?")
        params.append(user)
    if date_from:
        where.append("at_utc >= ?")
        params.append(date_from.isoformat())
    if date_to:
        where.append("at_utc < date(?, '+1 day')")
        params.append(date_to.isoformat())
    if subject_uuid:
        ids = sorted(_subject_rows(session.store, subject_uuid))
        where.append(f"row_id IN ({', '.join('?' for _ in ids)})")
        params.extend(ids)
    sql = 'SELECT seq, at_utc, at_local, user, "table", row_id, field, old, new, reason FROM audit'
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY seq DESC LIMIT ?"
    return [AuditEntry(r["seq"], r["at_utc"], r["at_local"], r["user"], r["table"], r["row_id"], r["field"],
                       None if r["old"] is None else json.loads(r["old"]),
                       None if r["new"] is None else json.loads(r["new"]), r["reason"])
            for r in session.store.query(sql, (*params, int(limit)))]
