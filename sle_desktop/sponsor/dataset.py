"""The sponsor database read back as analysis data: sites, forms, columns, records grouped by subject and visit.

Shared by the ODM, CSV and SAE exports so that all three describe the data the same way.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from sle_desktop.domain import sledai
from sle_desktop.store.records import CLINICAL_TABLES

# table -> (short name used in OIDs and labels, form title)
FORMS: dict[str, tuple[str, str]] = {
    "subjects": ("SUBJECT", "Subject status and demographics"),
    "consents": ("CONSENT", "Informed consent"),
    "screenings": ("ELIGIBILITY", "Screening and eligibility"),
    "visits": ("VISIT", "Visit"),
    "sledai_assessments": ("SLEDAI", "SELENA-SLEDAI and physician's global assessment"),
    "labs": ("LAB", "Laboratory result"),
    "adverse_events": ("AE", "Adverse event"),
    "infusions": ("MSC_INFUSION", "MSC infusion"),
    "con_meds": ("CONMED", "Concomitant medication"),
    "deviations": ("DEVIATION", "Protocol deviation"),
    "signatures": ("ESIG", "Electronic signature"),
}
# Columns that place a record (subject, visit) rather than describe it.
PLACEMENT_COLUMNS = ("subject_uuid", "visit_uuid")
_SLEDAI = {d.code: d for d in sledai.DESCRIPTORS}
_LABELS = {
    "uuid": "Record identifier (UUID)", "change_seq": "Site change number of the last change",
    "created_at": "Created at (UTC)", "created_by": "Created by", "updated_at": "Last changed at (UTC)",
    "updated_by": "Last changed by", "deleted": "Deleted (1 = yes)", "score": "SELENA-SLEDAI total score (0-105)",
    "renal_score": "Renal SELENA-SLEDAI items (0-16)", "pga": "Physician's global assessment (0-3)",
    "subject_id": "Subject ID", "screening_number": "Screening number", "year_of_birth": "Year of birth",
    "sex": "Sex (F/M)", "arm": "Treatment arm", "visit_code": "Visit", "visit_date": "Visit date",
    "study_day": "Study day (baseline = 0)", "window_status": "Visit window status",
}


def form_short(table: str) -> str:
    return FORMS.get(table, (re.sub(r"[^A-Z0-9]", "_", table.upper()), ""))[0]


def form_title(table: str) -> str:
    return FORMS.get(table, ("", table.replace("_", " ").capitalize()))[1]


def item_label(table: str, column: str) -> str:
    """A human label for a column (SELENA-SLEDAI descriptors get their published names)."""
    if table == "sledai_assessments" and column in _SLEDAI:
        d = _SLEDAI[column]
        return f"{d.label} (SELENA-SLEDAI, weight {d.weight})"
    return _LABELS.get(column, column.replace("_", " ").capitalize())


def data_type(column: str, decl_type: str) -> str:
    """The ODM DataType of a column: integer, float, date or text."""
    decl = decl_type.upper()
    if "INT" in decl:
        return "integer"
    if "REAL" in decl or "FLOA" in decl or "DOUB" in decl:
        return "float"
    if column.endswith("_date"):
        return "date"
    return "text"


@dataclass
class Record:
    table: str
    site_uuid: str
    uuid: str
    row: dict
    received_at: str
    first_bundle_seq: int


@dataclass
class Dataset:
    sites: list[dict]
    columns: dict[str, list[tuple[str, str]]]
    records: dict[str, list[Record]] = field(default_factory=dict)
    subject_keys: dict[str, str] = field(default_factory=dict)
    visits: dict[str, dict] = field(default_factory=dict)

    def site(self, site_uuid: str) -> dict:
        return next(s for s in self.sites if s["site_uuid"] == site_uuid)

    def item_columns(self, table: str) -> list[tuple[str, str]]:
        """The columns of a table that become ItemData (placement columns excluded)."""
        return [(c, t) for c, t in self.columns.get(table, []) if c not in PLACEMENT_COLUMNS]


def load(store) -> Dataset:
    """Everything the exports need from the sponsor database (current versions of records)."""
    sites = store.query("SELECT site_uuid, code, name, study_id, study_version, fingerprint, last_bundle_seq, "
                        "head_seq, last_import_at FROM sites ORDER BY code")
    first: dict[tuple[str, str], dict] = {}  # each column at its earliest position over the sites
    for r in store.query("SELECT tbl, name, decl_type, position FROM site_columns ORDER BY tbl, position, name, "
                         "site_uuid"):
        first.setdefault((r["tbl"], r["name"]), r)
    columns: dict[str, list[tuple[str, str]]] = {}
    for r in sorted(first.values(), key=lambda r: (r["tbl"], r["position"], r["name"])):
        columns.setdefault(r["tbl"], []).append((r["name"], r["decl_type"]))
    ds = Dataset(sites, {t: columns.get(t, []) for t in CLINICAL_TABLES})
    for table in CLINICAL_TABLES:
        ds.records[table] = [
            Record(table, r["site_uuid"], r["uuid"], json.loads(r["data"]), r["received_at"], r["first_bundle_seq"])
            for r in store.query("SELECT r.site_uuid, r.uuid, r.data, r.received_at, r.first_bundle_seq FROM records r "
                                 "JOIN sites s ON s.site_uuid = r.site_uuid WHERE r.tbl = ? ORDER BY s.code, r.change_seq, "
                                 "r.uuid", (table,))
        ]
    for rec in ds.records["subjects"]:
        ds.subject_keys[rec.uuid] = rec.row.get("subject_id") or rec.row.get("screening_number") or rec.uuid
    for rec in ds.records["visits"]:
        ds.visits[rec.uuid] = rec.row
    return ds


def subject_of(rec: Record) -> str | None:
    return rec.uuid if rec.table == "subjects" else rec.row.get("subject_uuid")


def visit_of(rec: Record) -> str | None:
    return rec.uuid if rec.table == "visits" else rec.row.get("visit_uuid")
