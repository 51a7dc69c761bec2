"""CSV exports of the sponsor database: one CSV per form, a data dictionary, the audit trail, the SAE listing.

Each form file starts with `site_code`, `subject_key` and (where the form belongs to a visit)
`visit_code`, then every column the sites sent, in the sites' order. Deleted records are
kept with `deleted` = 1 so analysts can see them. Files are UTF-8, comma-separated, with a
header row, written atomically and owner-only.

Text a spreadsheet would run as a formula (a cell beginning with =, +, -, @, a tab or a carriage
return) is written with a leading apostrophe, as OWASP recommends against CSV injection; numbers
are written as numbers. The data dictionary says so in its last row.
"""

from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sle_desktop.sponsor import dataset, odm
from sle_desktop.store.records import CLINICAL_TABLES
from sle_desktop.sync import atomic
from sle_desktop.sync.errors import SyncError

_PREFIX = ("site_code", "subject_key")
_VISIT_TABLES_EXTRA = "visit_code"
SAE_COLUMNS = (
    "site_code", "subject_key", "ae_uuid", "term", "onset_date", "stop_date", "grade", "serious_criteria",
    "relationship", "action_taken", "outcome", "aware_at", "sae_exported_at", "received_by_sponsor_at",
    "first_bundle", "hours_from_awareness_to_sponsor",
)


@dataclass(frozen=True)
class CsvResult:
    folder: Path
    files: list[str]
    rows: int


def _csv_text(header, rows) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NEUTRALISED = ("Text cells beginning with = + - @, a tab or a carriage return are written with a leading apostrophe "
               "(') so that spreadsheet programs show them instead of running them as formulas; remove that one "
               "apostrophe to get the text as the site sent it. Numbers are written as numbers.")


def _cell(value) -> str:
    """A CSV cell: numbers as numbers, text neutralised when a spreadsheet would run it (see the module docstring)."""
    if value is None:
        return ""
    if isinstance(value, float):
        return odm.odm_value(value, "float")
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_START) else value
    return str(value)


def _has_visit(ds: dataset.Dataset, table: str) -> bool:
    return table == "visits" or any(c == "visit_uuid" for c, _ in ds.columns.get(table, []))


def write_csv(store, out_dir: str | os.PathLike) -> CsvResult:
    """Write one CSV per form plus data_dictionary.csv and audit_trail.csv into `out_dir` (created if its parent
    folder exists)."""
    ds = dataset.load(store)
    if not ds.sites:
        raise SyncError("The sponsor database has no sites yet; register a site and import its bundles first.")
    out = atomic.ensure_folder(out_dir, "the CSV files")
    codes = {s["site_uuid"]: s["code"] for s in ds.sites}
    files, total = [], 0
    dictionary = []
    for table in CLINICAL_TABLES:
        cols = [c for c, _ in ds.columns.get(table, [])]
        visit = _has_visit(ds, table)
        header = [*_PREFIX, *([_VISIT_TABLES_EXTRA] if visit else []), *cols]
        rows = []
        for rec in ds.records.get(table, []):
            subject = dataset.subject_of(rec)
            v = dataset.visit_of(rec)
            prefix = [codes.get(rec.site_uuid, ""), ds.subject_keys.get(subject, "") if subject else ""]
            if visit:
                prefix.append(str(ds.visits.get(v, {}).get("visit_code", "")) if v else "")
            rows.append([_cell(p) for p in prefix] + [_cell(rec.row.get(c)) for c in cols])
        atomic.atomic_write_text(out / f"{table}.csv", _csv_text(header, rows), what=f"{table}.csv")
        files.append(f"{table}.csv")
        total += len(rows)
        form = dataset.form_title(table)
        dictionary.append([f"{table}.csv", form, "site_code", "text", "", "Site code (ODM LocationOID LOC.<code>)"])
        dictionary.append([f"{table}.csv", form, "subject_key", "text", "",
                           "Subject ID, or screening number for screen failures (ODM SubjectKey)"])
        if visit:
            dictionary.append([f"{table}.csv", form, "visit_code", "text", "", "Visit of the record"])
        for c, decl in ds.columns.get(table, []):
            dictionary.append([f"{table}.csv", form, c, dataset.data_type(c, decl),
                               odm.item_oid(table, c) if c not in dataset.PLACEMENT_COLUMNS else "",
                               dataset.item_label(table, c)])
    dictionary.append(["*", "", "*", "text", "", NEUTRALISED])
    atomic.atomic_write_text(out / "data_dictionary.csv", _csv_text(
        ["file", "form", "column", "data_type", "odm_item_oid", "label"], dictionary), what="data_dictionary.csv")
    files.append("data_dictionary.csv")
    audit_rows = [[codes.get(r["site_uuid"], ""), *[_cell(r[k]) for k in (
        "seq", "at_utc", "at_local", "user", "table", "row_id", "field", "old", "new", "reason", "prev_hash", "hash",
        "bundle_seq")]] for r in store.query("SELECT a.* FROM audit a JOIN sites s ON s.site_uuid = a.site_uuid "
                                             "ORDER BY s.code, a.seq")]
    atomic.atomic_write_text(out / "audit_trail.csv", _csv_text(
        ["site_code", "seq", "at_utc", "at_local", "user", "table", "row_id", "field", "old", "new", "reason",
         "prev_hash", "hash", "bundle_seq"], audit_rows), what="audit_trail.csv")
    files.append("audit_trail.csv")
    return CsvResult(out, files, total)


def sae_rows(store) -> list[dict]:
    """Every serious adverse event held by the sponsor, oldest awareness first, with time to reach the sponsor."""
    out = []
    for r in store.query(
        "SELECT r.uuid, r.data, r.received_at, r.first_bundle_seq, s.code, r.site_uuid, r.subject_uuid FROM records r "
        "JOIN sites s ON s.site_uuid = r.site_uuid WHERE r.tbl = 'adverse_events' AND r.deleted = 0 "
        f"AND {store.json_is_one('r.data', 'serious')}"
    ):
        row = json.loads(r["data"])
        subject = store.query_one("SELECT data FROM records WHERE site_uuid = ? AND tbl = 'subjects' AND uuid = ?",
                                  (r["site_uuid"], r["subject_uuid"]))
        sdata = json.loads(subject["data"]) if subject else {}
        hours = ""
        try:
            delta = datetime.fromisoformat(r["received_at"]) - datetime.fromisoformat(row["aware_at"])
            hours = round(delta.total_seconds() / 3600, 1)
        except (TypeError, ValueError, KeyError):
            pass
        try:
            criteria = ", ".join(json.loads(row.get("serious_criteria") or "[]"))
        except (TypeError, ValueError):
            criteria = str(row.get("serious_criteria") or "")
        out.append({
            "site_code": r["code"], "subject_key": sdata.get("subject_id") or sdata.get("screening_number") or "",
            "ae_uuid": r["uuid"], "term": row.get("term"), "onset_date": row.get("onset_date"),
            "stop_date": row.get("stop_date"), "grade": row.get("grade"), "serious_criteria": criteria,
            "relationship": row.get("relationship"), "action_taken": row.get("action_taken"),
            "outcome": row.get("outcome"), "aware_at": row.get("aware_at"), "sae_exported_at": row.get("sae_exported_at"),
            "received_by_sponsor_at": r["received_at"], "first_bundle": r["first_bundle_seq"],
            "hours_from_awareness_to_sponsor": hours,
        })
    out.sort(key=lambda d: (str(d["aware_at"]), d["site_code"], d["subject_key"]))
    return out


def sae_csv(store) -> str:
    """The SAE listing as CSV text."""
    return _csv_text(SAE_COLUMNS, [[_cell(r[c]) for c in SAE_COLUMNS] for r in sae_rows(store)])
