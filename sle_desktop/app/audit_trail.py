"""Reading and verifying the audit trail (it can never be edited through the application)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sle_desktop.app.session import Session
from sle_desktop.domain.text import msg
from sle_desktop.store import accounts, audit, records


def verify(session_or_store) -> audit.ChainCheck:
    """Walk the keyed chain, cross-check clinical rows with their audit rows, then the accounts and the
    e-signatures; names the first broken row, record, account or signature. Needs the key unlocked
    (a session, or `site.cli_session`, which uses the machine key file)."""
    from dataclasses import replace

    from sle_desktop.app import signatures

    store = getattr(session_or_store, "store", session_or_store)
    if audit.key_of(store.conn) is None:
        from sle_desktop.app import site
        from sle_desktop.store import keys

        try:
            site.cli_session(store)  # the key the way headless commands unlock it: this PC's machine key file
        except (keys.KeyUnavailable, site.SetupError) as exc:
            return audit.ChainCheck(False, 0, 0, audit.GENESIS_HASH, None, msg(
                "The audit trail cannot be verified: {reason}", reason=str(exc)))
    result = audit.verify_audit(store, records.CLINICAL_TABLES)
    if not result.ok:
        return result
    changed = accounts.verify_accounts(store.conn)
    if changed is not None:
        return replace(result, ok=False, message=changed[1])
    forged = signatures.first_invalid(store)
    if forged is not None:
        return replace(result, ok=False, message=msg("E-signature {uuid} is invalid: {reason}.", uuid=forged[0],
                                                     reason=forged[1]))
    return result


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
