"""The sponsor's side of the way back: data queries, SDV marks, its own audit trail, return bundles.

Query life cycle (sponsor): open → answered (the site's answer arrived in a bundle) → closed,
and answered/closed → reopened (with a follow-up question) → answered … Every transition
(raise, answer received, close, reopen, SDV) is a row of `sponsor_audit`, hash-chained like the
site's audit trail (`store.audit.row_hash`, checked with `store.audit.verify_rows`).

`version` counts the sponsor's own transitions (raise = 1, every close/reopen +1). The site keeps
the version it last received; a site answer counts only if it was given to the current version,
so an answer to an old question never re-answers a re-opened query.
"""

from __future__ import annotations

import json
import uuid as uuidlib
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sle_desktop import __version__
from sle_desktop.domain import study as study_def
from sle_desktop.sponsor import db as sponsor_store
from sle_desktop.sponsor.sponsor_audit import append_audit, hold_chain, merge_site_mark
from sle_desktop.store import audit as audit_mod
from sle_desktop.store.records import CASEBOOK_TABLES, field_content_hash, row_content_hash
from sle_desktop.sync import atomic, bundle, return_bundle
from sle_desktop.sync.errors import SyncError
from sle_desktop.sync.keys import fingerprint

STATUSES = ("open", "answered", "closed", "reopened")
MAX_TEXT = 2000
# Tables a query may point at (queries, signatures, locks and SDV marks are not data points).
QUERYABLE = CASEBOOK_TABLES


def _now() -> str:
    return audit_mod.utc_now().astimezone(UTC).isoformat(timespec="seconds")


# -- sponsor audit trail ----------------------------------------------------------------------
def verify_audit(store) -> audit_mod.ChainCheck:
    """Walk the sponsor's own audit trail; names the first broken row."""
    cur = store.conn.execute('SELECT seq, at_utc, at_local, "user", "table", row_id, field, old, new, reason, prev_hash, '
                             "hash FROM sponsor_audit ORDER BY seq")
    cols = [c[0] for c in cur.description]
    return audit_mod.verify_rows(dict(zip(cols, r)) for r in cur)


def audit_rows(store, row_id: str | None = None) -> list[dict]:
    """Sponsor audit rows (all, or those of one query / SDV mark)."""
    if row_id is None:
        return store.query("SELECT * FROM sponsor_audit ORDER BY seq")
    return store.query("SELECT * FROM sponsor_audit WHERE row_id = ? ORDER BY seq", (row_id,))


# -- helpers ----------------------------------------------------------------------------------
def content_hash_of(table: str, row: dict) -> str:
    """SHA-256 of a record's canonical content, computed exactly as the site does (`records.content_hash`)."""
    return row_content_hash(table, row)


def _text(value, what: str, *, required: bool = True) -> str | None:
    text = (value or "").strip()
    if not text:
        if required:
            raise SyncError(f"{what} is required.")
        return None
    if len(text) > MAX_TEXT:
        raise SyncError(f"{what} is too long ({len(text)} characters, at most {MAX_TEXT}).")
    if any(ord(c) < 32 and c not in "\n\t" for c in text):
        raise SyncError(f"{what} contains control characters.")
    return text


def site_by_code(store, code: str) -> dict:
    row = store.query_one("SELECT * FROM sites WHERE code = ?", ((code or "").strip().upper(),))
    if row is None:
        raise SyncError(f"No site {code!r} is registered in this sponsor database.")
    return row


def _record(store, table: str, uuid: str, site_uuid: str) -> dict | None:
    row = store.query_one("SELECT * FROM records WHERE site_uuid = ? AND tbl = ? AND uuid = ?", (site_uuid, table, uuid))
    if row is None:
        return None
    return dict(row, row=json.loads(row["data"]))


def _columns(store, site_uuid: str, table: str) -> set[str]:
    return {r["name"] for r in store.query("SELECT name FROM site_columns WHERE site_uuid = ? AND tbl = ?",
                                           (site_uuid, table))}


def resolve_record(store, site: dict, *, table: str, subject_id: str | None = None, visit_code: str | None = None,
                   record_uuid: str | None = None) -> dict:
    """The record a query or SDV mark points at: given by UUID, or found from subject, visit and form."""
    if table not in QUERYABLE:
        raise SyncError(f"{table!r} is not a form a query can point at (forms: {', '.join(QUERYABLE)}).")
    if record_uuid:
        rec = _record(store, table, record_uuid.strip(), site["site_uuid"])
        if rec is None or rec["site_uuid"] != site["site_uuid"]:
            raise SyncError(f"Site {site['code']} has sent no {table} record {record_uuid}.")
        return rec
    if not subject_id:
        raise SyncError("Name the subject (--subject) or the record (--record).")
    subj = store.query_one("SELECT uuid FROM records WHERE tbl = 'subjects' AND site_uuid = ? AND deleted = 0 AND "
                           f"({store.json_text('data', 'subject_id')} = ? OR {store.json_text('data', 'screening_number')} = ?)",
                           (site["site_uuid"], subject_id, subject_id))
    if subj is None:
        raise SyncError(f"Site {site['code']} has sent no subject {subject_id}.")
    if table == "subjects":
        return _record(store, "subjects", subj["uuid"], site["site_uuid"])
    sql = "SELECT uuid, data FROM records WHERE tbl = ? AND site_uuid = ? AND subject_uuid = ? AND deleted = 0"
    params: list = [table, site["site_uuid"], subj["uuid"]]
    if visit_code:
        visits = store.query("SELECT uuid FROM records WHERE site_uuid = ? AND tbl = 'visits' AND subject_uuid = ? "
                             f"AND deleted = 0 AND {store.json_text('data', 'visit_code')} = ?",
                             (site["site_uuid"], subj["uuid"], visit_code))
        if not visits:
            raise SyncError(f"Subject {subject_id} has no {visit_code} visit at the sponsor.")
        if table == "visits":
            if len(visits) > 1:
                raise SyncError(f"Subject {subject_id} has {len(visits)} {visit_code} visits; name the record (--record).")
            return _record(store, "visits", visits[0]["uuid"], site["site_uuid"])
        sql += f" AND visit_uuid IN ({', '.join('?' for _ in visits)})"
        params += [v["uuid"] for v in visits]
    found = store.query(sql, tuple(params))
    if not found:
        where = f" at the {visit_code} visit" if visit_code else ""
        raise SyncError(f"Subject {subject_id} has no {table} record{where}.")
    if len(found) > 1:
        raise SyncError(f"Subject {subject_id} has {len(found)} {table} records"
                        f"{' at that visit' if visit_code else ''}; name the one meant with --record UUID.")
    return _record(store, table, found[0]["uuid"], site["site_uuid"])


def _subject_and_visit(store, rec: dict) -> tuple[str | None, str | None, str | None, str | None]:
    """(subject uuid, subject ID, visit uuid, visit code) of a record."""
    table, row = rec["tbl"], rec["row"]
    subject_uuid = rec["uuid"] if table == "subjects" else row.get("subject_uuid")
    visit_uuid = rec["uuid"] if table == "visits" else row.get("visit_uuid")
    subject_id = visit_code = None
    if subject_uuid:
        s = _record(store, "subjects", subject_uuid, rec["site_uuid"])
        if s:
            subject_id = s["row"].get("subject_id") or s["row"].get("screening_number")
    if visit_uuid:
        v = _record(store, "visits", visit_uuid, rec["site_uuid"])
        if v:
            visit_code = v["row"].get("visit_code")
    return subject_uuid, subject_id, visit_uuid, visit_code


def _history(q: dict, event: dict) -> str:
    items = json.loads(q.get("history") or "[]")
    items.append(event)
    return audit_mod.canonical_json(items)


def _query(store, query_uuid: str) -> dict:
    q = store.query_one("SELECT * FROM queries WHERE uuid = ?", ((query_uuid or "").strip(),))
    if q is None:
        raise SyncError(f"No query {query_uuid!r} in this sponsor database.")
    return q


# -- queries ----------------------------------------------------------------------------------
def raise_query(store, *, site_code: str, table: str, field: str, text: str, user: str, subject_id: str | None = None,
                visit_code: str | None = None, record_uuid: str | None = None) -> dict:
    """Raise a query on one data point (audited); returns the stored query."""
    text = _text(text, "The query text")
    site = site_by_code(store, site_code)
    rec = resolve_record(store, site, table=table, subject_id=subject_id, visit_code=visit_code, record_uuid=record_uuid)
    cols = _columns(store, site["site_uuid"], table) or set(rec["row"])
    if field not in cols or field in ("uuid", "change_seq", "created_at", "created_by", "updated_at", "updated_by"):
        raise SyncError(f"{table} has no data field {field!r}.")
    subject_uuid, sid, visit_uuid, vcode = _subject_and_visit(store, rec)
    now = _now()
    q = {
        "uuid": str(uuidlib.uuid4()), "site_uuid": site["site_uuid"], "subject_uuid": subject_uuid, "subject_id": sid,
        "visit_uuid": visit_uuid, "visit_code": vcode, "record_table": table, "record_uuid": rec["uuid"],
        "field": field, "value_at_raise": audit_mod.canonical_json(rec["row"].get(field)), "text": text,
        "status": "open", "version": 1, "raised_by": user, "raised_at": now, "updated_at": now,
    }
    q["history"] = audit_mod.canonical_json([{"at": now, "by": user, "event": "raised", "text": text}])
    with store.transaction() as conn:
        names = ", ".join(q)
        conn.execute(f"INSERT INTO queries ({names}) VALUES ({', '.join('?' for _ in q)})", tuple(q.values()))
        append_audit(conn, user=user, table="queries", row_id=q["uuid"], field="*", old=None,
                     new={k: q[k] for k in ("site_uuid", "subject_id", "visit_code", "record_table", "record_uuid",
                                            "field", "value_at_raise", "text", "status", "version")}, reason=None)
    return _query(store, q["uuid"])


def list_queries(store, *, site_code: str | None = None, status: str | None = None) -> list[dict]:
    """Queries (optionally of one site and/or in one status), oldest first, with the site code."""
    if status is not None and status not in STATUSES:
        raise SyncError(f"Unknown query status {status!r} (one of {', '.join(STATUSES)}).")
    sql = "SELECT q.*, s.code AS site_code FROM queries q JOIN sites s ON s.site_uuid = q.site_uuid WHERE 1 = 1"
    params: list = []
    if site_code:
        sql += " AND q.site_uuid = ?"
        params.append(site_by_code(store, site_code)["site_uuid"])
    if status:
        sql += " AND q.status = ?"
        params.append(status)
    return store.query(sql + " ORDER BY q.raised_at, q.uuid", tuple(params))


def _transition(store, q: dict, *, user: str, changes: dict, event: dict, reason: str | None) -> dict:
    now = _now()
    changes = dict(changes, updated_at=now, history=_history(q, dict(event, at=now, by=user)))
    with store.transaction() as conn:
        hold_chain(conn)
        current = _query(store, q["uuid"])
        if current != q:  # closed, re-opened or answered (an import) since it was read: decided on what it was
            raise SyncError(f"Query {q['uuid']} was changed at the same moment by someone else (it is "
                            f"{current['status']} now); nothing was changed. Look at it again.")
        sets = ", ".join(f"{k} = ?" for k in changes)
        conn.execute(f"UPDATE queries SET {sets} WHERE uuid = ?", (*changes.values(), q["uuid"]))
        for k, v in changes.items():
            if k not in ("updated_at", "history") and q.get(k) != v:
                append_audit(conn, user=user, table="queries", row_id=q["uuid"], field=k, old=q.get(k), new=v,
                             reason=reason)
    return _query(store, q["uuid"])


def close_query(store, query_uuid: str, *, user: str, reason: str | None = None) -> dict:
    """Close a query (open, answered or re-opened); audited."""
    q = _query(store, query_uuid)
    if q["status"] == "closed":
        raise SyncError(f"Query {q['uuid']} is already closed.")
    reason = _text(reason, "The reason", required=False) or "closed by data management"
    return _transition(store, q, user=user, reason=reason, event={"event": "closed", "text": reason}, changes={
        "status": "closed", "version": q["version"] + 1, "closed_by": user, "closed_at": _now(), "close_reason": reason})


def reopen_query(store, query_uuid: str, *, user: str, text: str) -> dict:
    """Re-open an answered or closed query with a follow-up question; audited."""
    q = _query(store, query_uuid)
    text = _text(text, "The follow-up question")
    if q["status"] not in ("answered", "closed"):
        raise SyncError(f"Query {q['uuid']} is {q['status']}; only an answered or closed query can be re-opened.")
    return _transition(store, q, user=user, reason=text, event={"event": "reopened", "text": text}, changes={
        "status": "reopened", "version": q["version"] + 1, "followup": text, "closed_by": None, "closed_at": None,
        "close_reason": None})


def apply_site_answers(conn, site_uuid: str, touched, *, user: str, bundle_seq: int) -> int:
    """Inside a bundle import: take the site's answers from the `queries` records it sent (audited).

    An answer counts when the site gave it to the query's current version and it is new.
    Returns how many queries changed.
    """
    changed = 0
    for table, row in touched:
        if table != "queries":
            continue
        hold_chain(conn)  # before reading the query: a data manager closing it at this moment waits, or this import
        cur = conn.execute("SELECT * FROM queries WHERE uuid = ? AND site_uuid = ?", (row.get("uuid"), site_uuid))
        found = cur.fetchone()
        if found is None:
            continue
        q = dict(zip([c[0] for c in cur.description], found))
        answer = row.get("answer")
        if row.get("status") != "answered" or not isinstance(answer, str) or not answer.strip():
            continue
        if row.get("sponsor_version") != q["version"] or q["status"] not in ("open", "reopened"):
            continue
        values = {"status": "answered", "answer": answer[:MAX_TEXT], "answered_by": str(row.get("answered_by"))[:200],
                  "answered_at": str(row.get("answered_at"))[:40],
                  "correction": row.get("correction") if isinstance(row.get("correction"), str) else None}
        now = _now()
        history = _history(q, {"at": now, "by": values["answered_by"], "event": "answered", "text": values["answer"],
                               "bundle_seq": bundle_seq})
        conn.execute("UPDATE queries SET status = ?, answer = ?, answered_by = ?, answered_at = ?, correction = ?, "
                     "history = ?, updated_at = ? WHERE uuid = ?",
                     (*values.values(), history, now, q["uuid"]))
        for k, v in values.items():
            if q.get(k) != v:
                append_audit(conn, user=user, table="queries", row_id=q["uuid"], field=k, old=q.get(k), new=v,
                             reason=f"answer received from the site in bundle {bundle_seq}")
        changed += 1
    return changed


# -- source-data verification -----------------------------------------------------------------
_NOT_DATA = {"uuid", "change_seq", "created_at", "created_by", "updated_at", "updated_by", "deleted", "subject_uuid",
             "visit_uuid"}


def mark_sdv(store, *, site_code: str, record_uuid: str, user: str, table: str | None = None,
             field: str | None = None) -> dict:
    """Mark a record (or, with `field`, one value of it) source-data-verified as it is now; audited.

    A whole-record mark keeps the record's content hash and is stored with field ''; a field mark keeps the hash
    of that value (`records.field_content_hash`, as the site's monitor marks), so it no longer holds once that
    value changes."""
    site = site_by_code(store, site_code)
    if table:
        rec = resolve_record(store, site, table=table, record_uuid=record_uuid)
    else:
        rows = store.query("SELECT tbl FROM records WHERE uuid = ? AND site_uuid = ?", ((record_uuid or "").strip(),
                                                                                          site["site_uuid"]))
        if len(rows) != 1:
            raise SyncError(f"Site {site['code']} has sent no record {record_uuid}" if not rows else
                            f"Record {record_uuid} is ambiguous; name its form with --table.")
        rec = resolve_record(store, site, table=rows[0]["tbl"], record_uuid=record_uuid)
    field = (field or "").strip()
    if field:
        cols = _columns(store, site["site_uuid"], rec["tbl"]) or set(rec["row"])
        if field not in cols or field in _NOT_DATA:
            raise SyncError(f"{rec['tbl']} has no data field {field!r}; nothing was marked.")
        content_hash = field_content_hash(rec["tbl"], rec["uuid"], field, rec["row"].get(field))
    else:
        content_hash = content_hash_of(rec["tbl"], rec["row"])
    mark = {"site_uuid": site["site_uuid"], "record_table": rec["tbl"], "record_uuid": rec["uuid"], "field": field,
            "content_hash": content_hash, "change_seq": rec["change_seq"], "monitor": user, "marked_at": _now()}
    with store.transaction() as conn:
        hold_chain(conn)  # the mark replaced is read as it is, not as another monitor's mark of this moment left it
        old = store.query_one("SELECT content_hash, change_seq, monitor, marked_at FROM sdv_marks WHERE site_uuid = ? "
                              "AND record_table = ? AND record_uuid = ? AND field = ?",
                              (site["site_uuid"], rec["tbl"], rec["uuid"], field))
        conn.execute("INSERT INTO sdv_marks (site_uuid, record_table, record_uuid, field, content_hash, change_seq, "
                     "monitor, marked_at) VALUES (:site_uuid, :record_table, :record_uuid, :field, :content_hash, "
                     ":change_seq, :monitor, :marked_at) ON CONFLICT (site_uuid, record_table, record_uuid, field) "
                     "DO UPDATE SET content_hash = excluded.content_hash, change_seq = excluded.change_seq, "
                     "monitor = excluded.monitor, marked_at = excluded.marked_at, source = 'sponsor'", mark)
        append_audit(conn, user=user, table="sdv_marks", row_id=rec["uuid"], field=field or "*", old=old,
                     new={k: mark[k] for k in ("site_uuid", "record_table", "field", "content_hash", "change_seq")},
                     reason="source data verified" + (f" (field {field})" if field else ""))
    return mark


def sdv_marks(store, site_uuid: str) -> list[dict]:
    """The SDV marks of one site (whole-record marks have field '')."""
    return store.query("SELECT * FROM sdv_marks WHERE site_uuid = ? ORDER BY marked_at, record_uuid, field",
                       (site_uuid,))


# -- return bundles ---------------------------------------------------------------------------
@dataclass(frozen=True)
class ReturnWritten:
    path: Path
    site_code: str
    return_seq: int
    bundle_hash: str
    acked_bundles: int
    sae_acks: int
    queries: int
    sdv_marks: int
    study_version: str | None
    lock_requests: tuple = ()  # the requests made with this bundle: (action, subject IDs or "all")


def _query_line(q: dict) -> dict:
    keys = ("uuid", "subject_uuid", "visit_uuid", "record_table", "record_uuid", "field", "text", "followup", "status",
            "version", "raised_by", "raised_at", "closed_by", "closed_at", "close_reason")
    return {"type": "query", "query": {k: q[k] for k in keys}}


def write_return_bundle(store, *, site_code: str, signing_key: Ed25519PrivateKey, out_dir, user: str,
                        study_text: str | None = None, study_version: str | None = None,
                        lock: list[str] | None = None, lock_all: bool = False,
                        unlock: list[str] | None = None) -> ReturnWritten:
    """Write the next return bundle for one site into `out_dir` (atomically) and record it (audited).

    `study_text`/`study_version`: a new study definition to offer (already validated by the caller). Without
    it, the last definition offered is carried again until the site's bundles report that version.
    `lock` / `lock_all` / `unlock`: ask the site to lock the casebooks of the listed subjects (or of all its
    subjects: the end-of-study lock), or to unlock them; the request is recorded with this bundle and sent in
    every later one, and the site applies it once.
    """
    site = site_by_code(store, site_code)
    new_requests = lock_requests_for(store, site, lock=lock, lock_all=lock_all, unlock=unlock, user=user)
    recipient = site.get("return_recipient")
    if not recipient:
        raise SyncError(f"Site {site['code']} has no return key registered: ask the site for a new site key file "
                        "(sle-desktop site-key) and register it again (sle-sponsor register-site).")
    out = Path(out_dir)
    problem = atomic.folder_problem(out)
    if problem:
        raise SyncError(problem)
    su = site["site_uuid"]
    with store.transaction():
        # one writer of this site's return bundles at a time (two data managers at once): the second reads the
        # first one's bundle as the last, so the two are numbered one after the other and chained
        store.lock(f"return-bundle:{su}")
        site = site_by_code(store, site_code)  # its chain head as of now, beside the bundles acknowledged below
        last = store.query_one("SELECT return_seq, bundle_hash, study_version, study_definition FROM return_bundles "
                               "WHERE site_uuid = ? ORDER BY return_seq DESC LIMIT 1", (su,))
        seq = (last["return_seq"] if last else 0) + 1
        prev = last["bundle_hash"] if last else audit_mod.GENESIS_HASH
        if study_text is not None:
            try:
                definition = study_def.parse_toml(study_text)
            except study_def.StudyDefinitionError as exc:
                raise SyncError(f"The study definition is not valid: {exc}") from None
            if definition.study_id != site["study_id"]:
                raise SyncError(f"The study definition is for study {definition.study_id}, but site {site['code']} takes "
                                f"part in {site['study_id']}.")
            study_version = definition.version
        elif last and last["study_definition"] and last["study_version"] != site["study_version"]:
            study_text, study_version = last["study_definition"], last["study_version"]  # offered again until accepted
        payload = bundle.PayloadWriter()
        payload.add({"type": "header", "format": return_bundle.PAYLOAD_FORMAT, "version": 1, "site_uuid": su,
                     "return_seq": seq})
        counts = {"ack": 0, "sae_ack": 0, "query": 0, "sdv": 0, "study": 0}
        acked = store.query("SELECT b.bundle_seq, b.bundle_hash, b.to_seq, b.imported_at, a.hash AS chain_hash "
                            "FROM bundles b LEFT JOIN audit a ON a.site_uuid = b.site_uuid AND a.seq = b.to_seq "
                            "WHERE b.site_uuid = ? ORDER BY b.bundle_seq", (su,))
        for b in acked:
            payload.add({"type": "ack", "bundle_seq": b["bundle_seq"], "bundle_hash": b["bundle_hash"], "to_seq": b["to_seq"],
                         "chain_hash": b["chain_hash"] or audit_mod.GENESIS_HASH, "imported_at": b["imported_at"]})
            counts["ack"] += 1
        for r in store.query("SELECT uuid, first_bundle_seq, received_at FROM records WHERE site_uuid = ? AND "
                             f"tbl = 'adverse_events' AND deleted = 0 AND {store.json_is_one('data', 'serious')} ORDER BY uuid",
                             (su,)):
            payload.add({"type": "sae_ack", "uuid": r["uuid"], "bundle_seq": r["first_bundle_seq"],
                         "received_at": r["received_at"]})
            counts["sae_ack"] += 1
        queries = store.query("SELECT * FROM queries WHERE site_uuid = ? ORDER BY raised_at, uuid", (su,))
        for q in queries:
            payload.add(_query_line(q))
            counts["query"] += 1
        marks = [m for m in sdv_marks(store, su) if m.get("source", "sponsor") != "site"]  # the site has its own
        for m in marks:
            line = {"type": "sdv", "record_table": m["record_table"], "record_uuid": m["record_uuid"],
                    "content_hash": m["content_hash"], "monitor": m["monitor"], "marked_at": m["marked_at"]}
            if m["field"]:  # whole-record lines stay as before, so a site of the earlier release still reads them
                line["field"] = m["field"]
            payload.add(line)
            counts["sdv"] += 1
        if study_text is not None:
            payload.add({"type": "study", "version": study_version, "definition": study_text})
            counts["study"] = 1
        counts["lock"] = 0
        for r in [*store.query("SELECT * FROM lock_requests WHERE site_uuid = ? ORDER BY requested_at, uuid", (su,)),
                  *new_requests]:
            payload.add(_lock_line(r))
            counts["lock"] += 1
        payload.add({"type": "end", **counts})
        acked_seq = acked[-1]["bundle_seq"] if acked else 0
        acked_hash = acked[-1]["bundle_hash"] if acked else audit_mod.GENESIS_HASH
        fields = {
            "site_uuid": su, "site_code": site["code"], "study_id": site["study_id"], "return_seq": seq,
            "prev_return_hash": prev, "acked_bundle_seq": acked_seq, "acked_bundle_hash": acked_hash,
            "chain_head_seq": site["head_seq"], "chain_head_hash": site["head_hash"], "counts": counts,
            "created_at": _now(), "created_by": user, "app_version": __version__,
        }
        built = return_bundle.build(fields, payload, recipient, signing_key)
        final = out / return_bundle.file_name(site["code"], seq)
        if final.exists():
            raise SyncError(f"{final} already exists; choose another folder or move the old file away.")
        tmp = None
        try:
            tmp = atomic.write_temp(final, built.write)
            with store.transaction() as conn:
                conn.execute(
                    "INSERT INTO return_bundles (site_uuid, return_seq, bundle_hash, prev_return_hash, file_name, created_at,"
                    " created_by, acked_bundle_seq, chain_head_seq, chain_head_hash, queries, sdv_marks, study_version, "
                    "study_definition) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (su, seq, built.bundle_hash, prev, final.name, fields["created_at"], user, acked_seq, site["head_seq"],
                     site["head_hash"], counts["query"], counts["sdv"], study_version, study_text))
                for r in new_requests:
                    _store_lock_request(conn, r)
                append_audit(conn, user=user, table="return_bundles", row_id=f"{site['code']}:{seq}", field="*", old=None,
                             new={"bundle_hash": built.bundle_hash, "acked_bundle_seq": acked_seq, "counts": counts,
                                  "study_version": study_version}, reason=None)
                sponsor_store.log(conn, user=user, action="return_bundle", site_uuid=su,
                                  detail=f"return bundle {seq} ({final.name}): {counts['ack']} bundles acknowledged, "
                                         f"{counts['query']} queries, {counts['sdv']} SDV marks")
                atomic.publish(tmp, final)
        except OSError as exc:
            if tmp is not None and tmp.exists():
                tmp.unlink()
            raise atomic.explain_os_error(exc, "the return bundle", out) from exc
        except BaseException:
            if tmp is not None and tmp.exists():
                tmp.unlink()
            raise
    return ReturnWritten(final, site["code"], seq, built.bundle_hash, counts["ack"], counts["sae_ack"], counts["query"],
                         counts["sdv"], study_version,
                         tuple((r["action"], "all" if r["scope"] == "all" else
                                tuple(x["subject_id"] for x in json.loads(r["subjects"]))) for r in new_requests))


def store_return_recipient(conn, site_uuid: str, recipient: str | None, *, user: str) -> str:
    """Register (or confirm) a site's return key at registration: 'added', 'same', 'none'; refuses a different one."""
    if not recipient:
        return "none"
    current = conn.execute("SELECT return_recipient, code FROM sites WHERE site_uuid = ?", (site_uuid,)).fetchone()
    if current is None:
        raise SyncError("The site is not registered.")
    if current[0] == recipient:
        return "same"
    if current[0]:
        raise SyncError(f"Site {current[1]} already has a different return key registered; the new one was refused.")
    conn.execute("UPDATE sites SET return_recipient = ? WHERE site_uuid = ?", (recipient, site_uuid))
    sponsor_store.log(conn, user=user, action="return_key", site_uuid=site_uuid,
                      detail=f"return key registered, fingerprint {fingerprint(recipient)}")
    return "added"



# -- lock requests -----------------------------------------------------------------------------------------------
def _subject_ref(store, site: dict, subject_id: str) -> dict:
    sid = (subject_id or "").strip()
    subj = store.query_one("SELECT uuid FROM records WHERE tbl = 'subjects' AND site_uuid = ? AND deleted = 0 AND "
                           f"({store.json_text('data', 'subject_id')} = ? OR "
                           f"{store.json_text('data', 'screening_number')} = ?)", (site["site_uuid"], sid, sid))
    if subj is None:
        raise SyncError(f"Site {site['code']} has sent no subject {sid!r}; no lock request was made and no return "
                        "bundle was written.")
    return {"uuid": subj["uuid"], "subject_id": sid}


def lock_requests_for(store, site: dict, *, lock: list[str] | None, lock_all: bool, unlock: list[str] | None,
                      user: str) -> list[dict]:
    """The lock/unlock requests asked for (checked: every subject known from the site); not stored yet."""
    lock, unlock = list(lock or []), list(unlock or [])
    if lock_all and lock:
        raise SyncError("Ask to lock listed subjects or all of them (--lock or --lock-all), not both.")
    both = set(lock) & set(unlock)
    if both:
        raise SyncError(f"Subject {sorted(both)[0]} is asked to be both locked and unlocked; nothing was written.")
    now = _now()
    out = []
    for action, ids, everyone in (("lock", lock, lock_all), ("unlock", unlock, False)):
        if not ids and not everyone:
            continue
        subjects = [] if everyone else [_subject_ref(store, site, s) for s in dict.fromkeys(ids)]
        out.append({"uuid": str(uuidlib.uuid4()), "site_uuid": site["site_uuid"], "action": action,
                    "scope": "all" if everyone else "subjects", "subjects": audit_mod.canonical_json(subjects),
                    "reason": "end-of-study database lock" if everyone else None, "requested_by": user,
                    "requested_at": now})
    return out


def _store_lock_request(conn, r: dict) -> None:
    conn.execute("INSERT INTO lock_requests (uuid, site_uuid, action, scope, subjects, reason, requested_by, "
                 "requested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", tuple(r[k] for k in (
                     "uuid", "site_uuid", "action", "scope", "subjects", "reason", "requested_by", "requested_at")))
    append_audit(conn, user=r["requested_by"], table="lock_requests", row_id=r["uuid"], field="*", old=None,
                 new={k: r[k] for k in ("site_uuid", "action", "scope", "subjects", "reason")}, reason=r["reason"])


def _lock_line(r: dict) -> dict:
    return {"type": "lock", "request_uuid": r["uuid"], "action": r["action"], "scope": r["scope"],
            "subjects": json.loads(r["subjects"]), "reason": r["reason"], "requested_by": r["requested_by"],
            "requested_at": r["requested_at"]}


def lock_requests(store, site_code: str | None = None) -> list[dict]:
    """The lock requests made (of one site or all), oldest first, with the site code."""
    sql = "SELECT r.*, s.code AS site_code FROM lock_requests r JOIN sites s ON s.site_uuid = r.site_uuid"
    params: tuple = ()
    if site_code:
        sql += " WHERE r.site_uuid = ?"
        params = (site_by_code(store, site_code)["site_uuid"],)
    return store.query(sql + " ORDER BY r.requested_at, r.uuid", params)


# -- the monitor's visit at the site: its SDV marks and queries arrive in the site's bundle ----------------------
def merge_site_monitoring(conn, site_uuid: str, touched, *, user: str, bundle_seq: int) -> tuple[int, int]:
    """Inside a bundle import: queries a monitor raised at the site become sponsor queries (same uuid, so never
    twice), and SDV marks made at the site (of whole records and of single fields) join the sponsor's marks (the
    newer mark of a record or field wins). Returns (queries added, marks merged)."""
    added = merged = 0
    for table, row in touched:
        if table == "queries" and row.get("origin") == "site":
            if conn.execute("SELECT 1 FROM queries WHERE uuid = ?", (row.get("uuid"),)).fetchone():
                continue
            added += _add_site_query(conn, site_uuid, row, user=user, bundle_seq=bundle_seq)
        elif table == "site_sdv" and not row.get("deleted") and isinstance(row.get("field") or "", str):
            merged += merge_site_mark(conn, site_uuid, row, user=user, bundle_seq=bundle_seq)
    return added, merged


def _data_of(conn, site_uuid: str, table: str, uuid) -> dict | None:
    found = conn.execute("SELECT data FROM records WHERE site_uuid = ? AND tbl = ? AND uuid = ?",
                         (site_uuid, table, uuid)).fetchone()
    return json.loads(found[0]) if found else None


def _add_site_query(conn, site_uuid: str, row: dict, *, user: str, bundle_seq: int) -> int:
    text = str(row.get("question") or "").strip()[:MAX_TEXT]
    if not text or not isinstance(row.get("record_table"), str) or not isinstance(row.get("field"), str):
        return 0
    subject = _data_of(conn, site_uuid, "subjects", row.get("subject_uuid")) or {}
    visit = _data_of(conn, site_uuid, "visits", row.get("visit_uuid")) or {}
    target = _data_of(conn, site_uuid, row["record_table"], row.get("record_uuid")) or {}
    raised_by = str(row.get("raised_by"))[:200]
    history = [{"at": str(row.get("raised_at")), "by": raised_by, "event": "raised at the site", "text": text,
                "bundle_seq": bundle_seq}]
    answered = row.get("status") == "answered" and isinstance(row.get("answer"), str) and row["answer"].strip()
    q = {"uuid": row["uuid"], "site_uuid": site_uuid, "subject_uuid": row.get("subject_uuid"),
         "subject_id": subject.get("subject_id") or subject.get("screening_number"),
         "visit_uuid": row.get("visit_uuid"), "visit_code": visit.get("visit_code"),
         "record_table": row["record_table"], "record_uuid": str(row.get("record_uuid")), "field": row["field"],
         "value_at_raise": audit_mod.canonical_json(target.get(row["field"])), "text": text, "status": "open",
         "version": 0, "raised_by": raised_by, "raised_at": str(row.get("raised_at"))[:40], "origin": "site"}
    if answered:
        q.update(status="answered", answer=row["answer"][:MAX_TEXT], answered_by=str(row.get("answered_by"))[:200],
                 answered_at=str(row.get("answered_at"))[:40],
                 correction=row.get("correction") if isinstance(row.get("correction"), str) else None)
        history.append({"at": q["answered_at"], "by": q["answered_by"], "event": "answered", "text": q["answer"],
                        "bundle_seq": bundle_seq})
    q["history"] = audit_mod.canonical_json(history)
    q["updated_at"] = _now()
    conn.execute(f"INSERT INTO queries ({', '.join(q)}) VALUES ({', '.join('?' for _ in q)})", tuple(q.values()))
    append_audit(conn, user=user, table="queries", row_id=q["uuid"], field="*", old=None,
                 new={k: q[k] for k in ("site_uuid", "subject_id", "visit_code", "record_table", "record_uuid", "field",
                                        "text", "status", "version", "raised_by", "origin")},
                 reason=f"query raised by a monitor at the site, received in bundle {bundle_seq}")
    return 1
