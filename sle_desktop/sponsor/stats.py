"""Statistics files of the sponsor database: one dataset per form as SPSS .sav, Stata .dta and SAS transport .xpt.

Written with pyreadstat (ReadStat), imported only here, so the site installer never needs it. Each
dataset holds the current (not deleted) records of one form with `site_code`, `subject_key` and,
for visit forms, `visit_code` first; record identifiers and staff names are left out, so subjects
appear only by their pseudonymous subject ID. Variable labels come from the export metadata (English
or Russian), value labels from its code lists; dates, times and date-times are real date types;
a missing value is system-missing (numbers) or empty (text).

Format limits handled here (and listed in `variables.csv`):
* Stata value labels need numbers: a text variable with a closed code list (sex, arm...) is stored in
  the .dta as the code's position in the list (1, 2, ...) labelled with its decode.
* SAS transport v5: 8-character variable names (`metadata.sas_names`), 40-character ASCII labels
  (always English), text values of at most 200 characters (longer ones are cut), no value labels in
  the file: `formats.sas` holds them as PROC FORMAT code.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path

from sle_desktop.sponsor import dataset, metadata
from sle_desktop.sync import atomic
from sle_desktop.sync.errors import SyncError

FORMATS = ("sav", "dta", "xpt")
LANGS = ("en", "ru")
XPT_MAX_TEXT = 200


@dataclass(frozen=True)
class StatsResult:
    folder: Path
    files: list[str]
    datasets: int
    rows: int


@dataclass(frozen=True)
class Variable:
    name: str
    data_type: str
    label_en: str
    label_ru: str
    codelist: metadata.CodeList | None
    sas_name: str

    def label(self, lang: str) -> str:
        return self.label_ru if lang == "ru" else self.label_en


def parse_formats(text: str | None) -> tuple[str, ...]:
    """`sav,dta,xpt` -> ("sav", "dta", "xpt"); ValueError naming an unknown format."""
    if not text:
        return FORMATS
    chosen = tuple(dict.fromkeys(p.strip().lower().lstrip(".") for p in text.split(",") if p.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise ValueError(f"Unknown statistics format {', '.join(unknown) or text!r}; choose from sav, dta, xpt.")
    return chosen


def variables(md: metadata.StudyMetadata, table: str) -> list[Variable]:
    """The variables of a form's dataset, in order (no identifiers)."""
    form = md.form(table)
    sas = metadata.sas_names(table)
    out = [Variable("site_code", "text", "Site code", "Код центра", None, sas["site_code"]),
           Variable("subject_key", "text", "Subject ID (or screening number)", "Номер участника (или номер скрининга)",
                    None, sas["subject_key"])]
    if table in metadata.VISIT_TABLES and table != "visits":
        out.append(Variable("visit_code", "text", "Visit", "Визит", md.codelist("CL.VISIT"), sas["visit_code"]))
    for item in form.items:
        if item.identifying:
            continue
        out.append(Variable(item.column, item.data_type, item.label, item.label_ru,
                            md.codelist(item.codelist) if item.codelist else None, sas[item.column]))
    return out


def _typed(value, data_type: str):
    """A stored value as the Python object pyreadstat writes with the right type (None when missing)."""
    if value is None or value == "":
        return None
    try:
        if data_type in ("integer", "float"):
            return float(value)
        if data_type == "date":
            return date.fromisoformat(str(value)[:10])
        if data_type == "datetime":
            dt = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
            return (dt.astimezone(UTC) if dt.tzinfo else dt).replace(tzinfo=None)
        if data_type == "time":
            return time.fromisoformat(str(value))
    except (TypeError, ValueError):
        return None
    return str(value)


def dataset_columns(store, ds: dataset.Dataset, table: str, variables_: list[Variable]) -> dict[str, list]:
    """The current records of one form as typed columns (same order as the CSV file, deleted records left out),
    streamed from the database: only this form's variables are kept."""
    columns: dict[str, list] = {v.name: [] for v in variables_}
    targets = [(v.name, v.data_type, columns[v.name]) for v in variables_]
    for site in ds.sites:
        for rec in dataset.records(store, site["site_uuid"], table):
            row = rec.row
            if row.get("deleted"):
                continue
            subject = dataset.subject_of(rec)
            visit = dataset.visit_of(rec)
            context = {"site_code": site["code"], "subject_key": (rec.subject_key or "") if subject else "",
                       "visit_code": ("" if rec.visit_code is None else str(rec.visit_code)) if visit else ""}
            for name, data_type, column in targets:
                column.append(_typed(context[name] if name in context and name not in row else row.get(name),
                                     data_type))
    return columns


def _stata_codes(v: Variable, column: list) -> dict[str, int] | None:
    """code -> number for a closed text code list whose every value is in the list (else None: kept as text)."""
    if v.codelist is None or v.codelist.data_type != "text" or not v.codelist.closed:
        return None
    numbers = {code: n for n, (code, _label) in enumerate(v.codelist.items, 1)}
    return numbers if all(x is None or x in numbers for x in column) else None


def _frame(pd, variables_: list[Variable], columns: dict[str, list], *, names: list[str] | None = None,
           text_limit=None):
    data = {}
    for i, v in enumerate(variables_):
        column = columns[v.name]
        if v.data_type in ("integer", "float"):
            series = pd.Series([float("nan") if x is None else x for x in column], dtype="float64")
        elif v.data_type == "datetime":
            series = pd.Series(pd.to_datetime(column), dtype="datetime64[ns]")
        elif v.data_type in ("date", "time"):
            # all missing: pyreadstat would infer text, so write numbers with a date/time display format instead
            series = pd.Series(column, dtype="object") if any(x is not None for x in column) else \
                pd.Series([float("nan")] * len(column), dtype="float64")
        else:
            texts = ["" if x is None else str(x) for x in column]
            if text_limit:
                texts = [t[:text_limit] for t in texts]
            series = pd.Series(texts, dtype="object")
        data[(names or [x.name for x in variables_])[i]] = series
    return pd.DataFrame(data)


def _value_labels(v: Variable, lang: str, numeric_codes: dict[str, int] | None = None) -> dict | None:
    if v.codelist is None:
        return None
    if numeric_codes is not None:
        return {n: v.codelist.decode(code, lang) for code, n in numeric_codes.items()}
    if v.codelist.data_type == "integer":
        return {float(code): v.codelist.decode(code, lang) for code, _l in v.codelist.items}
    return {code: v.codelist.decode(code, lang) for code, _l in v.codelist.items}


_EMPTY_FORMATS = {"sav": {"date": "DATE11", "time": "TIME8"}, "dta": {"date": "%td", "time": "%tcHH:MM:SS"},
                  "xpt": {"date": "DATE9", "time": "TIME8"}}


def _empty_date_formats(fmt: str, variables_: list[Variable], columns: dict[str, list], names=None) -> dict[str, str]:
    """Display formats for date and time variables with no value at all (so they stay dates, not text)."""
    out = {}
    for i, v in enumerate(variables_):
        if v.data_type in ("date", "time") and all(x is None for x in columns[v.name]):
            out[(names or [x.name for x in variables_])[i]] = _EMPTY_FORMATS[fmt][v.data_type]
    return out


def _spss_format(item: metadata.Item | None, v: Variable) -> str | None:
    if v.data_type == "integer":
        return f"F{max(item.length or 8, 1) if item else 8}.0"
    if v.data_type == "float" and item is not None:
        digits = item.digits or 0
        return f"F{min(40, (item.length or 12) + 1)}.{min(digits, 16)}"
    return None


def write_stats(store, out_dir: str | os.PathLike, *, formats=FORMATS, lang: str = "en") -> StatsResult:
    """Write one dataset per form in each format into `out_dir`, with variables.csv and formats.sas."""
    if lang not in LANGS:
        raise ValueError(f"Unknown language {lang!r}; choose en or ru.")
    formats = parse_formats(",".join(formats)) if not isinstance(formats, str) else parse_formats(formats)
    try:
        import pandas as pd
        import pyreadstat
    except ImportError:
        raise SyncError("The statistics export needs the sponsor extras: pip install 'sle-desktop[sponsor]'.") from None
    with store.read_snapshot():
        return _write_stats(store, out_dir, formats, lang, pd, pyreadstat)


def _write_stats(store, out_dir, formats, lang: str, pd, pyreadstat) -> StatsResult:
    ds = dataset.load(store)
    if not ds.sites:
        raise SyncError("The sponsor database has no sites yet; register a site and import its bundles first.")
    md = dataset.metadata_in_force(store, ds)
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise atomic.explain_os_error(exc, "the statistics files", out) from exc
    files, total, catalogue = [], 0, []
    for form in md.forms:
        vs = variables(md, form.table)
        columns = dataset_columns(store, ds, form.table, vs)
        total += len(columns[vs[0].name])
        stata = {v.name: _stata_codes(v, columns[v.name]) for v in vs}
        for fmt in formats:
            target = out / f"{form.table}.{fmt}"
            if fmt == "sav":
                df = _frame(pd, vs, columns)
                labels = {v.name: _value_labels(v, lang) for v in vs if v.codelist}
                spss = {v.name: f for v in vs if (f := _spss_format(form.item(v.name), v))}
                spss.update(_empty_date_formats("sav", vs, columns))
                _write(target, lambda p, df=df, vs=vs, labels=labels, spss=spss: pyreadstat.write_sav(
                    df, p, column_labels=[v.label(lang) for v in vs], variable_value_labels=labels,
                    variable_format=spss))
            elif fmt == "dta":
                coded = {v.name: [stata[v.name].get(x, x) for x in columns[v.name]] if stata[v.name] else columns[v.name]
                         for v in vs}
                typed = [Variable(v.name, "integer", v.label_en, v.label_ru, v.codelist, v.sas_name)
                         if stata[v.name] else v for v in vs]
                df = _frame(pd, typed, coded)
                labels = {v.name: _value_labels(v, lang, stata[v.name]) for v in vs
                          if v.codelist and (stata[v.name] or v.codelist.data_type == "integer")}
                empty = _empty_date_formats("dta", vs, columns)
                _write(target, lambda p, df=df, vs=vs, labels=labels, empty=empty: pyreadstat.write_dta(
                    df, p, column_labels=[v.label(lang) for v in vs], variable_value_labels=labels, version=15,
                    variable_format=empty or None))
            else:
                names = [v.sas_name for v in vs]
                df = _frame(pd, vs, columns, names=names, text_limit=XPT_MAX_TEXT)
                empty = _empty_date_formats("xpt", vs, columns, names)
                _write(target, lambda p, df=df, vs=vs, form=form, empty=empty: pyreadstat.write_xport(
                    df, p, file_format_version=5, table_name=metadata.sas_dataset_name(form.table),
                    column_labels=[metadata.sas_label(v.label_en) for v in vs], variable_format=empty or None))
            files.append(target.name)
        for v in vs:
            item = form.item(v.name)
            catalogue.append([
                form.table, metadata.sas_dataset_name(form.table), v.name, v.sas_name, v.data_type, v.label_en,
                v.label_ru, metadata.sas_label(v.label_en), v.codelist.oid if v.codelist else "",
                "numeric codes 1..n" if stata[v.name] else ("text" if v.codelist and v.codelist.data_type == "text"
                                                            else ""),
                XPT_MAX_TEXT if v.data_type == "text" and item is not None and (item.length or 0) > XPT_MAX_TEXT
                else "",
            ])
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["dataset", "sas_dataset", "variable", "sas_name", "data_type", "label_en", "label_ru",
                     "sas_label", "codelist_oid", "stata_storage", "xpt_text_cut_at"])
    writer.writerows(catalogue)
    atomic.atomic_write_text(out / "variables.csv", buf.getvalue(), what="variables.csv")
    atomic.atomic_write_text(out / "formats.sas", _sas_formats(md), what="formats.sas")
    files += ["variables.csv", "formats.sas"]
    return StatsResult(out, files, len(md.forms), total)


def _write(target: Path, writer) -> None:
    """pyreadstat writes to a path: it writes a hidden owner-only file beside the target, which is flushed to disk and
    then renamed into place (atomic; an interrupted export leaves no file under the final name)."""
    tmp = None
    try:
        tmp = atomic.write_temp(target, lambda fh: None)  # created owner-only; pyreadstat writes over it
        writer(str(tmp))
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        atomic.publish(tmp, target)
    except OSError as exc:
        raise atomic.explain_os_error(exc, target.name, target.parent) from exc
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)


def sas_format_name(cl: metadata.CodeList) -> str:
    """The SAS format of a code list: $NAME. for text codes, NAME. for numbers (at most 8 characters)."""
    base = cl.oid.removeprefix("CL.").replace("_", "")[:6]
    return ("$" if cl.data_type == "text" else "") + base + "F"


def _sas_formats(md: metadata.StudyMetadata) -> str:
    lines = ["/* Value labels of the sle_desktop code lists for the .xpt datasets (English).",
             "   libname in xport 'subjects.xpt'; proc copy in=in out=work; run;  then %include 'formats.sas'; */",
             "proc format;"]
    for cl in md.codelists:
        name = sas_format_name(cl)
        pairs = " ".join((f"'{c}'" if cl.data_type == "text" else c) + "='" + metadata.sas_label(label).replace("'", "''")
                         + "'" for c, label in cl.items)
        lines.append(f"  value {name} {pairs};")
    lines.append("run;")
    for form in md.forms:
        assigned = [f"{v.sas_name} {sas_format_name(v.codelist)}." for v in variables(md, form.table) if v.codelist]
        if assigned:
            lines.append(f"data work.{metadata.sas_dataset_name(form.table)}; set work.{metadata.sas_dataset_name(form.table)}; "
                         f"format {' '.join(assigned)}; run;")
    return "\n".join(lines) + "\n"
