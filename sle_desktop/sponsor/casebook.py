"""The sponsor window's data review of one subject: the casebook, queries raised by selecting a value, SDV marks
and the return bundle that carries them to the site (as the logged-in sponsor user)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from sle_desktop.domain import outcomes, sledai
from sle_desktop.domain.errors import NotFound, ValidationError
from sle_desktop.domain.text import msg
from sle_desktop.sponsor import metadata
from sle_desktop.sponsor import returns as sponsor_returns
from sle_desktop.sponsor.accounts import SponsorSession
from sle_desktop.sponsor.operations import SIGNING_KEY_FILE
from sle_desktop.store.records import field_content_hash


# -- data review: one subject's casebook -----------------------------------------------------
@dataclass(frozen=True)
class QueryLine:
    uuid: str
    record_table: str
    record_uuid: str
    field: str
    status: str
    text: str
    followup: str
    answer: str
    raised_by: str
    raised_at: str


@dataclass(frozen=True)
class FieldSdv:
    """A source-data verification of one value of a record (at the sponsor or by a monitor at the site)."""

    field: str
    monitor: str
    marked_at: str
    valid: bool  # False once the value changed after it was verified


@dataclass(frozen=True)
class CaseRecord:
    table: str
    uuid: str
    visit_code: str
    when: str
    fields: tuple[tuple[str, str, str, bool], ...]  # (column, English label, value, value is an English decode)
    sdv: bool
    sdv_by: str
    queries: tuple[QueryLine, ...]
    detail: str = ""  # e.g. the SELENA-SLEDAI descriptors present and the derived outcomes
    name: str = ""  # which record of its form: the laboratory test (English label), the AE term, the drug
    field_sdv: tuple[FieldSdv, ...] = ()  # the record's field-level marks, by field


@dataclass(frozen=True)
class SignatureLine:
    record_table: str
    record_uuid: str
    meaning: str
    signer: str
    signed_at: str
    valid: bool
    note: str  # "valid" (the record is as signed), "changed" (since signed), "invalidated" (at the site), "missing"
    reason: str = ""  # the site's reason when it invalidated the signature


@dataclass(frozen=True)
class AuditLine:
    seq: int
    at_utc: str
    user: str
    table: str
    field: str
    old: str
    new: str
    reason: str


@dataclass(frozen=True)
class Casebook:
    site_code: str
    subject_uuid: str
    subject_key: str
    arm: str
    status: str
    records: tuple[CaseRecord, ...]
    signatures: tuple[SignatureLine, ...]
    audit: tuple[AuditLine, ...]
    queries: tuple[QueryLine, ...] = field(default=())


_CASEBOOK_TABLES = ("subjects", "consents", "screenings", "visits", "sledai_assessments", "labs", "adverse_events",
                    "infusions", "con_meds", "deviations")
_HIDDEN = {"uuid", "change_seq", "subject_uuid", "visit_uuid", "sources", "created_by", "updated_by", "created_at",
           "deleted"}  # deleted records are not in the casebook
_CODES = {d.code for d in sledai.DESCRIPTORS}


def _query_line(q: dict) -> QueryLine:
    return QueryLine(q["uuid"], q["record_table"], q["record_uuid"], q["field"], q["status"], q["text"],
                     q.get("followup") or "", q.get("answer") or "", q["raised_by"], q["raised_at"])


def _sledai_detail(row: dict, baseline: dict | None) -> str:
    present = [d.label for d in sledai.DESCRIPTORS if row.get(d.code) in (1, True, "1")]
    parts = [f"SLEDAI {row.get('score')} (renal {row.get('renal_score')}), PGA {row.get('pga')}"]
    parts.append("descriptors: " + (", ".join(present) if present else "none"))
    if row.get("flare"):
        parts.append(f"flare: {row['flare']}")
    if baseline is not None and baseline is not row:
        try:
            sri = outcomes.sri4_without_bilag(int(baseline["score"]), int(row["score"]), float(baseline["pga"]),
                                              float(row["pga"]))
            parts.append(f"SRI-4 (without BILAG) vs baseline: {'yes' if sri else 'no'}")
        except (KeyError, TypeError, ValueError):
            pass
    return "; ".join(parts)


def _field(table: str, column: str, value) -> tuple[str, str, str, bool]:
    decoded = metadata.decode(table, column, value)
    shown = decoded if decoded is not None else "" if value is None else str(value)
    return column, metadata.column_info(table, column)[1], shown, decoded is not None


def casebook(session: SponsorSession, subject_uuid: str, site_code: str | None = None) -> Casebook:
    """One subject's casebook: every form by visit, with SDV marks, queries, signatures and the audit trail.

    `site_code` picks the site when two sites used the same subject UUID (UUIDs are unique within a site)."""
    session.require("view")
    store = session.store
    found = store.query("SELECT r.site_uuid, r.data, s.code FROM records r JOIN sites s ON s.site_uuid = r.site_uuid "
                        "WHERE r.tbl = 'subjects' AND r.uuid = ?", (subject_uuid,))
    found = [f for f in found if site_code is None or f["code"] == site_code]
    if not found:
        raise NotFound(msg("No subject {id} at the sponsor.", id=subject_uuid))
    if len(found) > 1:
        raise ValidationError({"site": msg("Two sites have a subject {id}; choose the site.", id=subject_uuid)})
    subj = found[0]
    sdata = json.loads(subj["data"])
    rows = store.query("SELECT tbl, uuid, data, change_seq FROM records WHERE site_uuid = ? AND deleted = 0 AND "
                       "(uuid = ? OR subject_uuid = ?) ORDER BY change_seq", (subj["site_uuid"], subject_uuid, subject_uuid))
    by_uuid = {r["uuid"]: (r["tbl"], json.loads(r["data"]), r["change_seq"]) for r in rows}
    visit_code = {u: d.get("visit_code") for u, (t, d, _c) in by_uuid.items() if t == "visits"}
    visit_date = {u: d.get("visit_date") for u, (t, d, _c) in by_uuid.items() if t == "visits"}
    marks, field_marks = {}, {}
    for m in store.query("SELECT record_table, record_uuid, field, content_hash, change_seq, monitor, marked_at "
                         "FROM sdv_marks WHERE site_uuid = ? ORDER BY field", (subj["site_uuid"],)):
        if m["field"]:
            field_marks.setdefault((m["record_table"], m["record_uuid"]), []).append(m)
        else:
            marks[(m["record_table"], m["record_uuid"])] = m
    qs = [_query_line(q) for q in store.query("SELECT * FROM queries WHERE site_uuid = ? AND subject_uuid = ? "
                                             "ORDER BY raised_at", (subj["site_uuid"], subject_uuid))]
    baseline = None
    for _u, (t, d, _c) in by_uuid.items():
        if t == "sledai_assessments" and visit_code.get(d.get("visit_uuid")) == "baseline":
            baseline = d
    order = {t: i for i, t in enumerate(_CASEBOOK_TABLES)}
    records = []
    for uuid, (table, data, change_seq) in by_uuid.items():
        if table not in order:
            continue
        vu = uuid if table == "visits" else data.get("visit_uuid")
        when = data.get("visit_date") or data.get("sample_date") or data.get("onset_date") or \
            data.get("infusion_date") or data.get("consent_date") or visit_date.get(vu) or ""
        fields = tuple(_field(table, k, v) for k, v in data.items()
                       if k not in _HIDDEN and not (table == "sledai_assessments" and k in _CODES))
        name = metadata.decode("labs", "test", data.get("test")) or data.get("test") if table == "labs" else \
            data.get("term") or data.get("drug") or ""
        mark = marks.get((table, uuid))
        current = mark is not None and mark["change_seq"] == change_seq
        detail = _sledai_detail(data, baseline) if table == "sledai_assessments" else ""
        by_field = tuple(FieldSdv(m["field"], m["monitor"], m["marked_at"], m["content_hash"] == field_content_hash(
            table, uuid, m["field"], data.get(m["field"]))) for m in field_marks.get((table, uuid), ()))
        records.append(CaseRecord(table, uuid, visit_code.get(vu) or "", str(when), fields, current,
                                  mark["monitor"] if current else "",
                                  tuple(q for q in qs if q.record_uuid == uuid), detail, str(name or ""), by_field))
    records.sort(key=lambda r: (order[r.table], r.when, r.uuid))
    sigs = []
    for table, d, _c in by_uuid.values():
        if table != "signatures":
            continue
        target = by_uuid.get(d.get("record_uuid"))
        same = target is not None and sponsor_returns.content_hash_of(target[0], target[1]) == d.get("content_hash")
        valid = same and not d.get("invalidated_at")
        if d.get("invalidated_at"):
            note = "invalidated"
        elif target is None:
            note = "missing"
        elif not same:
            note = "changed"
        else:
            note = "valid"
        sigs.append(SignatureLine(d.get("record_table") or "", d.get("record_uuid") or "", d.get("meaning") or "",
                                  d.get("signer_name") or d.get("signer") or "", d.get("signed_at") or "", valid,
                                  note, d.get("invalidated_reason") or ""))
    ids = list(by_uuid)
    trail = []
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        trail += store.query('SELECT seq, at_utc, "user", "table", field, old, new, reason FROM audit WHERE '
                             f"site_uuid = ? AND row_id IN ({', '.join('?' for _ in chunk)})",
                             (subj["site_uuid"], *chunk))
    trail.sort(key=lambda a: a["seq"])
    audit = tuple(AuditLine(a["seq"], a["at_utc"], a["user"], a["table"], a["field"], a["old"] or "", a["new"] or "",
                            a["reason"] or "") for a in trail)
    return Casebook(subj["code"], subject_uuid, sdata.get("subject_id") or sdata.get("screening_number") or "",
                    sdata.get("arm") or "", sdata.get("status") or "", tuple(records), tuple(sigs), audit, tuple(qs))


# -- data review: queries, SDV, the return bundle --------------------------------------------
def _site_code_of(store, record_table: str, record_uuid: str, site_code: str | None) -> str:
    if site_code:
        return site_code
    rows = store.query("SELECT s.code FROM records r JOIN sites s ON s.site_uuid = r.site_uuid "
                       "WHERE r.tbl = ? AND r.uuid = ?", (record_table, record_uuid))
    if not rows:
        raise NotFound(msg("No {table} record {uuid} at the sponsor.", table=record_table, uuid=record_uuid))
    if len(rows) > 1:
        raise ValidationError({"site": msg("Two sites have a record {uuid}; choose the site.", uuid=record_uuid)})
    return rows[0]["code"]


def raise_query(session: SponsorSession, record_table: str, record_uuid: str, field_name: str, text: str, *,
                site_code: str | None = None) -> QueryLine:
    """Raise a query on one value of a record (as the logged-in user)."""
    session.require("query")
    code = _site_code_of(session.store, record_table, record_uuid, site_code)
    q = sponsor_returns.raise_query(session.store, site_code=code, table=record_table, field=field_name, text=text,
                                    user=session.username, record_uuid=record_uuid)
    return _query_line(q)


def close_query(session: SponsorSession, query_uuid: str, reason: str | None = None) -> QueryLine:
    session.require("query")
    return _query_line(sponsor_returns.close_query(session.store, query_uuid, user=session.username, reason=reason))


def reopen_query(session: SponsorSession, query_uuid: str, text: str) -> QueryLine:
    session.require("query")
    return _query_line(sponsor_returns.reopen_query(session.store, query_uuid, user=session.username, text=text))


def mark_sdv(session: SponsorSession, record_table: str, record_uuid: str, *, site_code: str | None = None,
             field_name: str | None = None) -> str:
    """Mark a record (or, with `field_name`, one value of it) source-data-verified as it is now; returns the monitor
    recorded."""
    session.require("sdv")
    code = _site_code_of(session.store, record_table, record_uuid, site_code)
    m = sponsor_returns.mark_sdv(session.store, site_code=code, record_uuid=record_uuid, table=record_table,
                                 user=session.username, field=field_name)
    return m["monitor"]


def write_return_bundle(session: SponsorSession, site_code: str, out_dir, key_dir) -> sponsor_returns.ReturnWritten:
    """Write the next return bundle for a site (acknowledgements, queries, SDV marks), signed with
    KEY_DIR/sponsor-signing.key."""
    from sle_desktop.sponsor.queries import load_signing_key

    session.require("return_bundle")
    signing = load_signing_key(Path(key_dir) / SIGNING_KEY_FILE)
    return sponsor_returns.write_return_bundle(session.store, site_code=site_code, signing_key=signing,
                                               out_dir=out_dir, user=session.username)
