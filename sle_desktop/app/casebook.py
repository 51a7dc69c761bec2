"""One subject's casebook as plain values: every form in visit order, derived scores, safety, signatures, queries
and the audit trail of each record. The windows and `sle-desktop casebook` print it (ui/printing).

Pseudonymous by default; direct identifiers only when asked (and the printout then says so on every page).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import date

from sle_desktop.app import signatures as signatures_uc
from sle_desktop.app import trends
from sle_desktop.app.errors import NotFound
from sle_desktop.app.session import Session
from sle_desktop.app.site import site_info
from sle_desktop.app.study import study_in_force
from sle_desktop.app.subjects import identifiers as read_identifiers
from sle_desktop.app.visits import visit_egfr
from sle_desktop.domain import labs as lab_catalogue
from sle_desktop.domain import sledai
from sle_desktop.domain.text import msg
from sle_desktop.store import audit

# Fields shown for each kind of record, in order, with their English label (the printout translates them).
RECORD_FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    "subjects": (("screening_number", "Screening number"), ("subject_id", "Subject ID"), ("status", "Status"),
                 ("sex", "Sex"), ("year_of_birth", "Year of birth"), ("arm", "Arm"), ("arm_reason", "Reason for arm"),
                 ("arm_assigned_by", "Arm assigned by"), ("baseline_date", "Baseline date"),
                 ("withdrawn_reason", "Reason for withdrawal")),
    "consents": (("consent_date", "Consent date"), ("version", "Consent version"), ("obtained_by", "Obtained by")),
    "screenings": (("screening_date", "Screening date"), ("age_at_consent", "Age at consent"),
                   ("sledai_score", "Screening SELENA-SLEDAI"), ("biopsy_class", "Biopsy class (ISN/RPS)"),
                   ("biopsy_date", "Biopsy date"), ("proteinuria_g_per_day", "Proteinuria (g/24 h)"),
                   ("upcr_g_per_g", "UPCR (g/g)"), ("eligible", "Eligible"), ("failed_criteria", "Failed criteria")),
    "visits": (("visit_date", "Visit date"), ("study_day", "Study day"), ("window_status", "Visit window"),
               ("notes", "Notes"), ("entry_source", "Source")),
    "adverse_events": (("term", "Term"), ("onset_date", "Onset"), ("stop_date", "Stop"), ("grade", "CTCAE grade"),
                       ("serious", "Serious"), ("serious_criteria", "Seriousness criteria"),
                       ("relationship", "Relationship to MSC product"), ("action_taken", "Action taken"),
                       ("outcome", "Outcome"), ("aware_at", "Site aware at"), ("sae_exported_at", "Sent to sponsor"),
                       ("entry_source", "Source")),
    "infusions": (("infusion_date", "Infusion date"), ("start_time", "Start"), ("end_time", "End"),
                  ("lot_number", "Product lot"), ("cells_per_kg_million", "Cells per kg (×10⁶)"),
                  ("total_cells", "Total cells"), ("viability_pct", "Viability (%)"), ("volume_ml", "Volume (mL)"),
                  ("route", "Route"), ("weight_kg", "Body weight (kg)"), ("premedication", "Premedication"),
                  ("reaction", "Infusion reaction"), ("administered_by", "Administered by"), ("entry_source", "Source")),
    "con_meds": (("drug", "Drug"), ("dose", "Dose"), ("dose_unit", "Unit"), ("route", "Route"),
                 ("frequency", "Frequency"), ("start_date", "Start"), ("stop_date", "Stop"), ("indication", "Indication")),
    "deviations": (("kind", "Kind"), ("description", "Description"), ("detected_on", "Detected on")),
}
LAB_FIELD_LABELS = ("Value", "Unit", "Lower limit of normal", "Upper limit of normal", "Sample date", "Test")
IDENTIFIER_FIELDS = (("full_name", "Name"), ("national_id", "National ID"), ("phone", "Phone"), ("address", "Address"),
                     ("date_of_birth", "Date of birth"))


@dataclass(frozen=True)
class AuditLine:
    seq: int
    at_utc: str
    at_local: str
    user: str
    field: str
    old: str
    new: str
    reason: str


@dataclass(frozen=True)
class QueryLine:
    field: str
    question: str
    status: str
    raised_by: str
    raised_at: str
    answer: str


@dataclass(frozen=True)
class RecordTrail:
    """One saved record: its shown fields, signatures with validity, queries and audit rows."""

    table: str
    uuid: str
    fields: tuple[tuple[str, str], ...]
    signatures: tuple[signatures_uc.SignatureStatus, ...]
    queries: tuple[QueryLine, ...]
    audit: tuple[AuditLine, ...]


@dataclass(frozen=True)
class Descriptor:
    code: str
    label: str
    weight: int
    source: str  # "entered" or "suggested"


@dataclass(frozen=True)
class SledaiBlock:
    score: int
    renal_score: int
    pga: float
    descriptors: tuple[Descriptor, ...]
    change_from_baseline: int | None
    sledai4_response: bool | None
    sri4_without_bilag: bool | None
    flare: str | None
    record: RecordTrail


@dataclass(frozen=True)
class LabLine:
    test: str
    label: str
    value: float
    unit: str
    lln: float | None
    uln: float | None
    flag: str  # "L" below the lower limit, "H" above the upper, "" otherwise
    record: RecordTrail


@dataclass(frozen=True)
class CasebookVisit:
    code: str
    label: str
    visit_date: str
    record: RecordTrail
    sledai: SledaiBlock | None
    labs: tuple[LabLine, ...]
    egfr: float | None
    egfr_reason: str


@dataclass(frozen=True)
class Casebook:
    study_id: str
    study_version: str
    study_title: str
    site_code: str
    site_name: str
    subject_label: str
    subject: RecordTrail
    identifiers: tuple[tuple[str, str], ...] | None  # None: pseudonymous
    consents: tuple[RecordTrail, ...]
    screenings: tuple[RecordTrail, ...]
    visits: tuple[CasebookVisit, ...]
    adverse_events: tuple[RecordTrail, ...]
    infusions: tuple[RecordTrail, ...]
    con_meds: tuple[RecordTrail, ...]
    deviations: tuple[RecordTrail, ...]
    made_at_utc: str
    made_by: str
    chain_head_seq: int
    chain_head_hash: str


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, dict)):
        return ", ".join(map(str, value)) if isinstance(value, list) else json.dumps(value, ensure_ascii=False)
    return str(value)


def _audit_value(raw: str | None, field: str) -> str:
    if raw is None:
        return ""
    value = json.loads(raw)
    if field == "*" and isinstance(value, dict):
        return "; ".join(f"{k}={_text(v)}" for k, v in sorted(value.items()) if v not in (None, "", 0, "[]", "{}"))
    return _text(value)


class _Reader:
    """Reads each record's signatures, queries and audit rows for one subject in a few queries."""

    def __init__(self, session: Session, subject_uuid: str, record_ids: dict[str, list[str]]):
        self.session = session
        store = session.store
        self.audit: dict[str, list[AuditLine]] = {}
        rows = []
        for table, ids in record_ids.items():  # by table: the audit index is ("table", row_id)
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                rows += store.query(f'SELECT seq, at_utc, at_local, user, field, old, new, reason, row_id FROM audit '
                                    f'WHERE "table" = ? AND row_id IN ({", ".join("?" for _ in chunk)})',
                                    (table, *chunk))
        for r in sorted(rows, key=lambda r: r["seq"]):
            self.audit.setdefault(r["row_id"], []).append(AuditLine(
                r["seq"], r["at_utc"], r["at_local"] or "", r["user"], r["field"], _audit_value(r["old"], r["field"]),
                _audit_value(r["new"], r["field"]), r["reason"] or ""))
        self.queries: dict[str, list[QueryLine]] = {}
        for q in store.query("SELECT * FROM queries WHERE subject_uuid = ? AND deleted = 0 ORDER BY raised_at",
                             (subject_uuid,)):
            self.queries.setdefault(q["record_uuid"], []).append(QueryLine(
                q["field"], q["question"] + (f" / {q['followup']}" if q["followup"] else ""), q["status"],
                q["raised_by"], q["raised_at"], q["answer"] or ""))

    def trail(self, table: str, row: dict) -> RecordTrail:
        fields = tuple((label, _text(row.get(name))) for name, label in RECORD_FIELDS.get(table, ())
                       if row.get(name) not in (None, "", "[]"))
        signed = tuple(signatures_uc.signatures_for(self.session, table, row["uuid"]))
        return RecordTrail(table, row["uuid"], fields, signed, tuple(self.queries.get(row["uuid"], ())),
                           tuple(self.audit.get(row["uuid"], ())))


def _flag(value: float, lln: float | None, uln: float | None) -> str:
    if lln is not None and value < lln:
        return "L"
    if uln is not None and value > uln:
        return "H"
    return ""


def subject_casebook(session: Session, subject_uuid: str, *, include_identifiers: bool = False,
                     today: date | None = None) -> Casebook:
    """Everything recorded for one subject, in visit order, with derived scores and each record's trail."""
    session.require("view")
    store = session.store
    subject = store.query_one("SELECT * FROM subjects WHERE uuid = ? AND deleted = 0", (subject_uuid,))
    if subject is None:
        raise NotFound(msg("No such subject."))
    rows = {table: store.query(f'SELECT * FROM "{table}" WHERE subject_uuid = ? AND deleted = 0', (subject_uuid,))
            for table in ("consents", "screenings", "visits", "sledai_assessments", "labs", "adverse_events",
                          "infusions", "con_meds", "deviations")}
    record_ids = {"subjects": [subject_uuid], "identifiers": [subject_uuid],  # identifier changes: "(encrypted)"
                  **{table: [r["uuid"] for r in table_rows] for table, table_rows in rows.items()}}
    reader = _Reader(session, subject_uuid, record_ids)
    study = study_in_force(store)
    labels = {v.code: v.label for v in study.visits}
    derived = trends.patient_trends(session, subject_uuid)
    by_visit = {u: i for i, u in enumerate(derived.visit_uuid)}
    visits = []
    ordered = sorted(rows["visits"], key=lambda v: (v["visit_date"], v["created_at"]))
    for v in ordered:
        sledai_row = next((s for s in rows["sledai_assessments"] if s["visit_uuid"] == v["uuid"]), None)
        block = None
        if sledai_row is not None:
            sources = json.loads(sledai_row["sources"] or "{}")
            present = tuple(Descriptor(d.code, d.label, d.weight, sources.get(d.code, "entered"))
                            for d in sledai.DESCRIPTORS if sledai_row[d.code])
            i = by_visit.get(v["uuid"])
            change = None if i is None or math.isnan(derived.change[i]) else int(derived.change[i])
            block = SledaiBlock(sledai_row["score"], sledai_row["renal_score"], sledai_row["pga"], present, change,
                                None if i is None else derived.sledai4[i], None if i is None else derived.sri4[i],
                                sledai_row["flare"], reader.trail("sledai_assessments", sledai_row))
        lab_lines = []
        order = {t.code: n for n, t in enumerate(lab_catalogue.TESTS)}
        for lab in sorted((x for x in rows["labs"] if x["visit_uuid"] == v["uuid"]),
                          key=lambda x: order.get(x["test"], 99)):
            test = lab_catalogue.BY_CODE.get(lab["test"])
            lab_lines.append(LabLine(lab["test"], test.label if test else lab["test"], lab["value"], lab["unit"],
                                     lab["lln"], lab["uln"], _flag(lab["value"], lab["lln"], lab["uln"]),
                                     reader.trail("labs", lab)))
        egfr, reason = visit_egfr(session, v["uuid"])
        visits.append(CasebookVisit(v["visit_code"], labels.get(v["visit_code"], v["visit_code"]), v["visit_date"],
                                    reader.trail("visits", v), block, tuple(lab_lines), egfr, str(reason or "")))
    identifiers = None
    if include_identifiers:
        found = read_identifiers(session, subject_uuid)
        identifiers = tuple((label, _text(found.get(name))) for name, label in IDENTIFIER_FIELDS if found.get(name))
    info = site_info(store)
    head = store.query_one("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1") or {"seq": 0, "hash": ""}

    def trails(table, key):
        return tuple(reader.trail(table, r) for r in sorted(rows[table], key=lambda r: (r.get(key) or "", r["created_at"])))

    return Casebook(
        study.study_id, study.version, study.title, info.code, info.name,
        subject["subject_id"] or subject["screening_number"], reader.trail("subjects", subject), identifiers,
        trails("consents", "consent_date"), trails("screenings", "screening_date"), tuple(visits),
        trails("adverse_events", "onset_date"), trails("infusions", "infusion_date"), trails("con_meds", "start_date"),
        trails("deviations", "detected_on"),
        audit.utc_now().isoformat(timespec="seconds").replace("+00:00", "Z"), session.username,
        head["seq"], head["hash"])

