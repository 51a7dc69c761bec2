"""Data queries at the site: the sponsor's questions about recorded values, answered here.

Queries are clinical records (`queries` table), brought by return bundles (`app.returns`): every change
is audited and travels back to the sponsor in the next bundle. A clinician answers with `answer_query`;
a value is corrected through the normal use cases with a reason for change, and the answer then
references that change.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sle_desktop.app.errors import ConflictError, NotFound, ValidationError
from sle_desktop.app.session import Session
from sle_desktop.domain.text import msg
from sle_desktop.store import audit, records

STATUSES = ("open", "answered", "closed", "reopened")
OPEN_STATUSES = ("open", "reopened")
MAX_TEXT = 2000
FORM_LABELS = {
    "subjects": "Subject", "consents": "Informed consent", "screenings": "Screening and eligibility",
    "visits": "Visit", "sledai_assessments": "SELENA-SLEDAI", "labs": "Laboratory result",
    "adverse_events": "Adverse event", "infusions": "MSC infusion", "con_meds": "Concomitant medication",
    "deviations": "Protocol deviation",
}


@dataclass(frozen=True)
class Correction:
    """The audited change of a queried value that an answer refers to."""

    seq: int
    at: str
    by: str
    old: object
    new: object
    reason: str | None


@dataclass(frozen=True)
class QueryView:
    """One data query as the site sees it."""

    uuid: str
    subject_uuid: str | None
    subject_label: str
    visit_uuid: str | None
    visit_code: str | None
    record_table: str
    form_label: str
    record_uuid: str
    field: str
    question: str
    followup: str | None
    status: str
    raised_by: str
    raised_at: str
    answer: str | None
    answered_by: str | None
    answered_at: str | None
    correction: Correction | None
    closed_at: str | None
    close_reason: str | None
    origin: str = "sponsor"  # or "site": raised by a monitor at the site

    @property
    def text(self) -> str:
        """The question, with the sponsor's follow-up when the query was re-opened."""
        if not self.followup:
            return self.question
        return msg("{question}\nFollow-up: {followup}", question=self.question, followup=self.followup)


_VIEW_SQL = ("SELECT q.*, coalesce(s.subject_id, s.screening_number) AS subject_label, v.visit_code "
             "FROM queries q LEFT JOIN subjects s ON s.uuid = q.subject_uuid LEFT JOIN visits v ON v.uuid = q.visit_uuid "
             "WHERE q.deleted = 0")


def _view(r: dict) -> QueryView:
    try:
        correction = Correction(**json.loads(r["correction"])) if r["correction"] else None
    except (ValueError, TypeError):
        correction = None
    return QueryView(r["uuid"], r["subject_uuid"], r["subject_label"] or "", r["visit_uuid"], r["visit_code"],
                     r["record_table"], FORM_LABELS.get(r["record_table"], r["record_table"]), r["record_uuid"],
                     r["field"], r["question"], r["followup"], r["status"], r["raised_by"], r["raised_at"], r["answer"],
                     r["answered_by"], r["answered_at"], correction, r["closed_at"], r["close_reason"],
                     r.get("origin") or "sponsor")


def open_queries(session: Session, subject_uuid: str | None = None) -> list[QueryView]:
    """Queries waiting for the site's answer (open or re-opened), oldest first; optionally of one subject."""
    session.require("view")
    sql = _VIEW_SQL + " AND q.status IN ('open', 'reopened')"
    params: tuple = ()
    if subject_uuid is not None:
        sql += " AND q.subject_uuid = ?"
        params = (subject_uuid,)
    return [_view(r) for r in session.store.query(sql + " ORDER BY q.raised_at, q.uuid", params)]


def queries_for_record(session: Session, table: str, record_uuid: str) -> list[QueryView]:
    """Every query on one record (any status), oldest first — for markers on the record's fields."""
    session.require("view")
    return [_view(r) for r in session.store.query(
        _VIEW_SQL + " AND q.record_table = ? AND q.record_uuid = ? ORDER BY q.raised_at, q.uuid", (table, record_uuid))]


def get_query(session: Session, query_uuid: str) -> QueryView:
    session.require("view")
    row = session.store.query_one(_VIEW_SQL + " AND q.uuid = ?", (query_uuid,))
    if row is None:
        raise NotFound(msg("No such query."))
    return _view(row)


def _correction(store, q: dict) -> dict | None:
    """The latest audited change of the queried field made after the query (its current version) arrived."""
    arrived = store.scalar("SELECT max(seq) FROM audit WHERE \"table\" = 'queries' AND row_id = ? AND field IN "
                           "('*', 'sponsor_version')", (q["uuid"],)) or 0
    row = store.query_one('SELECT seq, at_utc, user, old, new, reason FROM audit WHERE "table" = ? AND row_id = ? '
                          "AND field = ? AND seq > ? ORDER BY seq DESC LIMIT 1",
                          (q["record_table"], q["record_uuid"], q["field"], arrived))
    if row is None:
        return None
    return {"seq": row["seq"], "at": row["at_utc"], "by": row["user"], "old": row["old"], "new": row["new"],
            "reason": row["reason"]}


def answer_query(session: Session, query_uuid: str, text: str) -> QueryView:
    """Answer an open or re-opened query (audited; travels to the sponsor in the next bundle).

    If the queried value was corrected (through the normal forms, with a reason for change) after the
    query arrived, the answer references that audited change.
    """
    session.require("enter_data")
    text = (text or "").strip()
    if not text:
        raise ValidationError({"answer": msg("Write an answer to the query.")})
    if len(text) > MAX_TEXT:
        raise ValidationError({"answer": msg("The answer is too long (at most {max} characters).", max=MAX_TEXT)})
    store = session.store
    with store.transaction():
        q = records.get(store, "queries", query_uuid)
        if q is None or q["deleted"]:
            raise NotFound(msg("No such query."))
        if q["status"] not in OPEN_STATUSES:
            status = {"answered": msg("answered"), "closed": msg("closed")}.get(q["status"], q["status"])
            raise ConflictError(msg("This query is {status}; only open or re-opened queries can be answered.",
                                    status=status))
        correction = _correction(store, q)
        records.update(store, "queries", query_uuid, {
            "status": "answered", "answer": text, "answered_by": session.username,
            "answered_at": audit.utc_now().isoformat(timespec="seconds"),
            "correction": audit.canonical_json(correction) if correction else None,
        }, user=session.username, reason="query answered")
    return get_query(session, query_uuid)


def raise_query(session: Session, table: str, record_uuid: str, field: str, text: str) -> QueryView:
    """A monitor at the site raises a query on one data point (offline); audited, sent to the sponsor in the next
    bundle, where it merges with the sponsor's queries; it closes only when the sponsor closes it."""
    session.require("raise_query")
    text = (text or "").strip()
    if not text:
        raise ValidationError({"question": msg("Write the question of the query.")})
    if len(text) > MAX_TEXT:
        raise ValidationError({"question": msg("The question is too long (at most {max} characters).", max=MAX_TEXT)})
    store = session.store
    with store.transaction():
        row = records.get(store, table, record_uuid) if table in records.CASEBOOK_TABLES else None
        if row is None or row["deleted"]:
            raise NotFound(msg("The record to query does not exist."))
        if field not in row or field in ("uuid", "change_seq", "created_at", "created_by", "updated_at", "updated_by",
                                         "deleted"):
            raise ValidationError({"field": msg("{table} has no data field {field}.", table=table, field=field)})
        subject, visit = records.subject_and_visit(table, record_uuid, row)
        uuid = records.insert(store, "queries", {
            "subject_uuid": subject, "visit_uuid": visit, "record_table": table, "record_uuid": record_uuid,
            "field": field, "question": text, "status": "open", "sponsor_version": 0, "raised_by": session.username,
            "raised_at": audit.utc_now().isoformat(timespec="seconds"), "origin": "site"}, user=session.username,
            reason="query raised by the monitor at the site")
    return get_query(session, uuid)
