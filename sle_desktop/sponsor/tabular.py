"""CSV exports of the sponsor database: one CSV per form, a data dictionary, the audit trail, the SAE listing.

Each form file starts with `site_code`, `subject_key` and (where the form belongs to a visit)
`visit_code`, then every other column the sites sent, in the sites' order (each column name once).
`data_dictionary.csv` has a row for every column of every file (labels in English and Russian,
code list, ODM item, the variable names of the statistics files); `codelists.csv` the decodes. Deleted records are
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

from sle_desktop.sponsor import dataset, metadata, odm
from sle_desktop.sponsor.translations import ru
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
_FORMULA_CHARS = frozenset(FORMULA_START)
NEUTRALISED = ("Text cells beginning with = + - @, a tab or a carriage return are written with a leading apostrophe "
               "(') so that spreadsheet programs show them instead of running them as formulas; remove that one "
               "apostrophe to get the text as the site sent it. Numbers are written as numbers.")


def _stream_csv(path: Path, header, rows, *, what: str) -> None:
    """Write a large CSV atomically without holding it in memory (the audit trail has millions of rows)."""
    def write(fh) -> None:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            if buf.tell() > 1 << 18:
                fh.write(buf.getvalue().encode("utf-8"))
                buf.seek(0)
                buf.truncate()
        fh.write(buf.getvalue().encode("utf-8"))

    atomic.atomic_write(path, write, what=what)


def _cell(value) -> str:
    """A CSV cell: numbers as numbers, text neutralised when a spreadsheet would run it (see the module docstring)."""
    if value is None:
        return ""
    kind = type(value)
    if kind is str:
        return "'" + value if value and value[0] in _FORMULA_CHARS else value
    if kind is int:
        return str(value)
    if isinstance(value, float):
        return odm.odm_value(value, "float")
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_START) else value
    return str(value)


def _has_visit(ds: dataset.Dataset, table: str) -> bool:
    return table == "visits" or any(c == "visit_uuid" for c, _ in ds.columns.get(table, []))


AUDIT_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("site_code", "text", "Site code"), ("seq", "integer", "Position in the site's audit trail"),
    ("at_utc", "datetime", "When (UTC)"), ("at_local", "datetime", "When (site local time, with its offset)"),
    ("user", "text", "Who (user login, or cli:<account> for a headless command)"),
    ("table", "text", "Table changed"), ("row_id", "text", "Record changed (UUID or key)"),
    ("field", "text", "Field changed (* = the record was created)"), ("old", "text", "Old value (JSON)"),
    ("new", "text", "New value (JSON)"), ("reason", "text", "Reason for change"),
    ("prev_hash", "text", "Hash of the previous audit row"),
    ("hash", "text", "SHA-256 of prev_hash and this row (hash chain)"),
    ("bundle_seq", "integer", "Bundle that brought the row to the sponsor"),
)
CODELIST_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("codelist_oid", "text", "Code list (ODM CodeList OID)"), ("codelist_name", "text", "Code list name"),
    ("data_type", "text", "Data type of the coded values"), ("order", "integer", "Order in the list"),
    ("coded_value", "text", "Coded value as stored in the data"), ("decode_en", "text", "Meaning (English)"),
    ("decode_ru", "text", "Meaning (Russian)"),
    ("closed", "integer", "1 = the site accepts only these values; 0 = other (free-text) values also occur"),
)
DICTIONARY_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("file", "text", "CSV file"), ("form", "text", "Form"), ("column", "text", "Column of the file"),
    ("data_type", "text", "ODM data type: text, integer, float, date, time, datetime"),
    ("odm_item_oid", "text", "ODM ItemDef OID (form fields only)"), ("label", "text", "Label (English)"),
    ("label_ru", "text", "Label (Russian)"), ("codelist_oid", "text", "Code list of the values (see codelists.csv)"),
    ("length", "integer", "Maximum length (ODM Length)"),
    ("significant_digits", "integer", "Digits after the decimal point (ODM SignificantDigits)"),
    ("units", "text", "Measurement units (ODM MeasurementUnit OIDs)"),
    ("stats_variable", "text", "Variable in the SPSS/Stata files of export-stats (empty: not exported there)"),
    ("sas_name", "text", "Variable name in the SAS transport (XPT v5, 8 characters) file"),
)


def write_csv(store, out_dir: str | os.PathLike) -> CsvResult:
    """Write one CSV per form plus data_dictionary.csv, codelists.csv and audit_trail.csv into `out_dir`
    (created if its parent folder exists). Records are streamed site by site: memory does not grow with the data."""
    with store.read_snapshot():
        return _write_csv(store, out_dir)


def _form_rows(store, ds: dataset.Dataset, table: str, visit: bool, cols: list[str], count: list[int]):
    for site in ds.sites:
        code = site["code"]
        for rec in dataset.records(store, site["site_uuid"], table):
            subject = dataset.subject_of(rec)
            line = [code, (rec.subject_key or "") if subject else ""]
            if visit:
                line.append(("" if rec.visit_code is None else str(rec.visit_code)) if dataset.visit_of(rec) else "")
            count[0] += 1
            row = rec.row
            yield [_cell(p) for p in line] + [_cell(row.get(c)) for c in cols]


def _write_csv(store, out_dir) -> CsvResult:
    ds = dataset.load(store)
    if not ds.sites:
        raise SyncError("The sponsor database has no sites yet; register a site and import its bundles first.")
    out = atomic.ensure_folder(out_dir, "the CSV files")
    md = dataset.metadata_in_force(store, ds)
    files, total = [], 0
    dictionary = []
    for table in CLINICAL_TABLES:
        visit = _has_visit(ds, table)
        prefix = [*_PREFIX, *([_VISIT_TABLES_EXTRA] if visit else [])]
        cols = [c for c, _ in ds.columns.get(table, []) if c not in prefix]
        header = [*prefix, *cols]
        count = [0]
        _stream_csv(out / f"{table}.csv", header, _form_rows(store, ds, table, visit, cols, count), what=f"{table}.csv")
        files.append(f"{table}.csv")
        total += count[0]
        form = metadata.form_of(table)
        title = form.title if form else dataset.form_title(table)
        sas = metadata.sas_names(table) if form else {}
        prefix_labels = {c: label for c, _n, label in metadata.STATS_PREFIX}
        for c in header:
            if c in prefix_labels:
                dtype, label, item = "text", prefix_labels[c], None
                codelist = "CL.VISIT" if c == "visit_code" else ""
            else:
                dtype, label, item = metadata.column_info(table, c)
                codelist = item.codelist if item and item.codelist else ""
            in_stats = form is not None and (item is None and c in prefix_labels or item is not None
                                             and not item.identifying)
            dictionary.append([
                f"{table}.csv", title, c, dtype, odm.item_oid(table, c) if item else "", label,
                (item.label_ru if item else ru(label)), codelist, item.length if item and item.length else "",
                item.digits if item and item.digits is not None else "", " ".join(item.units) if item else "",
                c if in_stats else "", sas.get(c, "") if in_stats else "",
            ])
    audit_rows = ([row[0], *(_cell(v) for v in row[1:])] for row in dataset.audit_trail(store, ds.sites))
    _stream_csv(out / "audit_trail.csv", [c for c, _t, _l in AUDIT_COLUMNS], audit_rows, what="audit_trail.csv")
    files.append("audit_trail.csv")
    code_rows = [[cl.oid, cl.name, cl.data_type, n, code, label, ru(label), int(cl.closed)]
                 for cl in md.codelists for n, (code, label) in enumerate(cl.items, 1)]
    atomic.atomic_write_text(out / "codelists.csv", _csv_text([c for c, _t, _l in CODELIST_COLUMNS], code_rows),
                             what="codelists.csv")
    files.append("codelists.csv")
    for name, columns in (("audit_trail.csv", AUDIT_COLUMNS), ("codelists.csv", CODELIST_COLUMNS),
                          ("data_dictionary.csv", DICTIONARY_COLUMNS)):
        for c, dtype, label in columns:
            dictionary.append([name, "", c, dtype, "", label, ru(label), "", "", "", "", "", ""])
    dictionary.append(["*", "", "*", "text", "", NEUTRALISED, ru(NEUTRALISED), "", "", "", "", "", ""])
    atomic.atomic_write_text(out / "data_dictionary.csv", _csv_text([c for c, _t, _l in DICTIONARY_COLUMNS], dictionary),
                             what="data_dictionary.csv")
    files.insert(len(files) - 2, "data_dictionary.csv")
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
