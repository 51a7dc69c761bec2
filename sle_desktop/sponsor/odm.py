"""CDISC ODM 1.3.2 export of the sponsor database (Snapshot: current values plus the full audit trail).

Structure written:

    ODM (FileType=Snapshot, ODMVersion=1.3.2)
      Study (one per study id)
        GlobalVariables
        MetaDataVersion (one per study version seen)
          Protocol / StudyEventRef…
          StudyEventDef  SE.SCREENING, SE.<VISIT CODE>…, SE.LOGS (subject-level logs)
          FormDef        F.<FORM>         one per clinical table
          ItemGroupDef   IG.<FORM>        one per form
          ItemDef        I.<FORM>.<COLUMN>
      AdminData (one per study): User (audit-trail users), Location (sites)
      ClinicalData (one per study version)
        SubjectData (SubjectKey = subject ID, or screening number for screen failures)
          SiteRef / StudyEventData / FormData / ItemGroupData / ItemData
        AuditRecords / AuditRecord ID=AR.<SITE>.<SEQ>: UserRef, LocationRef, DateTimeStamp,
          ReasonForChange, SourceID; the audited table, record, field, old and new value and the
          hash chain are carried as attributes in the namespace urn:sle-desktop:odm-extension:1.

Every OID is unique in the file and every reference points at a definition in the same
MetaDataVersion (the tests parse the file and check this). Deleted records are left out of
ClinicalData (a snapshot holds current data) but their history stays in AuditRecords.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from sle_desktop import __version__
from sle_desktop.sponsor import dataset
from sle_desktop.store.records import CLINICAL_TABLES
from sle_desktop.sync import atomic
from sle_desktop.sync.errors import SyncError

ODM_NS = "http://www.cdisc.org/ns/odm/v1.3"
EXT_NS = "urn:sle-desktop:odm-extension:1"
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ATTR_ENTITIES = {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
_OID_SAFE = re.compile(r"[^A-Za-z0-9._-]")


@dataclass(frozen=True)
class OdmResult:
    path: Path
    sites: int
    subjects: int
    forms: int
    items: int
    audit_records: int
    unplaced: int  # records without a subject (kept in the CSV export, not in ClinicalData)


def _clean(text: str) -> str:
    return _BAD_XML.sub("\ufffd", text)


def _oid_part(text: str) -> str:
    return _OID_SAFE.sub("_", text) or "_"


def odm_value(value, dtype: str) -> str:
    """An ItemData Value in ODM's lexical form."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if dtype == "integer" and value.is_integer():
            return str(int(value))
        text = repr(value)
        return format(Decimal(text), "f") if "e" in text or "E" in text else text
    return str(value)


class _Writer:
    """A small streaming XML writer with indentation (the export may be large)."""

    def __init__(self, fh):
        self.fh = fh
        self.stack: list[str] = []
        self.buf: list[str] = []
        self.size = 0

    def _out(self, text: str) -> None:
        self.buf.append(text)
        self.size += len(text)
        if self.size > 1_000_000:
            self.flush()

    def flush(self) -> None:
        self.fh.write("".join(self.buf).encode("utf-8"))
        self.buf, self.size = [], 0

    @staticmethod
    def _attrs(attrs: dict | None) -> str:
        if not attrs:
            return ""
        return "".join(f" {k}={quoteattr(_clean(str(v)), _ATTR_ENTITIES)}" for k, v in attrs.items() if v is not None)

    def start(self, tag: str, attrs: dict | None = None) -> None:
        self._out(f"{'  ' * len(self.stack)}<{tag}{self._attrs(attrs)}>\n")
        self.stack.append(tag)

    def end(self) -> None:
        tag = self.stack.pop()
        self._out(f"{'  ' * len(self.stack)}</{tag}>\n")

    def empty(self, tag: str, attrs: dict | None = None) -> None:
        self._out(f"{'  ' * len(self.stack)}<{tag}{self._attrs(attrs)}/>\n")

    def text(self, tag: str, text: str, attrs: dict | None = None) -> None:
        self._out(f"{'  ' * len(self.stack)}<{tag}{self._attrs(attrs)}>{escape(_clean(str(text)))}</{tag}>\n")

    def translated(self, tag: str, text: str) -> None:
        self.start(tag)
        self.text("TranslatedText", text, {"xml:lang": "en"})
        self.end()


def _event_sort_key(code: str) -> tuple:
    if code == "screening":
        return (0, 0, code)
    if code == "baseline":
        return (1, 0, code)
    m = re.match(r"^(month|week|day)_(\d+)$", code)
    if m:
        return (2, {"day": 1, "week": 7, "month": 30}[m.group(1)] * int(m.group(2)), code)
    if code == "unscheduled":
        return (4, 0, code)
    return (3, 0, code)


class _Plan:
    """Where every record goes in ClinicalData, and which definitions that needs."""

    def __init__(self, ds: dataset.Dataset, site_uuids: set[str]):
        self.ds = ds
        self.subjects: dict[str, dict] = {}  # subject uuid -> {"site": uuid, "events": {(code, key): [(table, rec)]}}
        self.event_codes: set[str] = {"screening"}
        self.event_forms: dict[str, list[str]] = {}
        self.repeating_events: set[str] = {"unscheduled"}
        self.repeating_forms: set[str] = set()
        self.unplaced = 0
        visit_keys = self._visit_keys(site_uuids)
        for table in CLINICAL_TABLES:
            for rec in ds.records.get(table, []):
                if rec.site_uuid not in site_uuids:
                    continue
                if rec.row.get("deleted"):
                    continue
                subject = dataset.subject_of(rec)
                if subject is None or subject not in ds.subject_keys:
                    self.unplaced += 1
                    continue
                event = self._event_for(rec, visit_keys)
                entry = self.subjects.setdefault(subject, {"site": rec.site_uuid, "events": {}})
                entry["events"].setdefault(event, []).append((table, rec))
                forms = self.event_forms.setdefault(event[0], [])
                if table not in forms:
                    forms.append(table)
        for entry in self.subjects.values():
            for (_code, _key), items in entry["events"].items():
                seen: dict[str, int] = {}
                for table, _rec in items:
                    seen[table] = seen.get(table, 0) + 1
                self.repeating_forms.update(t for t, n in seen.items() if n > 1)
        for code in self.event_forms:
            self.event_forms[code].sort(key=CLINICAL_TABLES.index)

    def _visit_keys(self, site_uuids: set[str]) -> dict[str, tuple[str, str | None]]:
        """visit uuid -> (visit code, repeat key or None)."""
        by_subject: dict[tuple[str, str], list[dataset.Record]] = {}
        for rec in self.ds.records.get("visits", []):
            if rec.site_uuid in site_uuids and not rec.row.get("deleted"):
                code = str(rec.row.get("visit_code") or "unscheduled")
                by_subject.setdefault((rec.row.get("subject_uuid"), code), []).append(rec)
        for (_s, code), recs in by_subject.items():
            if len(recs) > 1:
                self.repeating_events.add(code)
        out = {}
        for (_s, code), recs in by_subject.items():
            recs.sort(key=lambda r: (str(r.row.get("visit_date")), r.uuid))
            for n, rec in enumerate(recs, 1):
                out[rec.uuid] = (code, str(n) if code in self.repeating_events else None)
        return out

    def _event_for(self, rec: dataset.Record, visit_keys) -> tuple[str, str | None]:
        if rec.table in ("subjects", "consents", "screenings"):
            return ("screening", None)
        visit = dataset.visit_of(rec)
        if visit in visit_keys:
            code, key = visit_keys[visit]
            self.event_codes.add(code)
            return (code, key)
        self.event_codes.add("logs")
        return ("logs", None)

    def ordered_events(self) -> list[str]:
        codes = sorted((c for c in self.event_codes if c != "logs"), key=_event_sort_key)
        return codes + (["logs"] if "logs" in self.event_codes else [])


def _event_oid(code: str) -> str:
    return f"SE.{_oid_part(code.upper())}"


def _event_name(code: str) -> str:
    if code == "logs":
        return "Subject-level logs (adverse events, medication, infusions, deviations, signatures)"
    return code.replace("_", " ").capitalize()


def item_oid(table: str, column: str) -> str:
    """The ItemDef OID of a column of a clinical table."""
    return f"I.{dataset.form_short(table)}.{_oid_part(column.upper())}"


def write_odm(store, out_path: str | os.PathLike) -> OdmResult:
    """Write the whole sponsor database as one ODM 1.3.2 file (atomically)."""
    ds = dataset.load(store)
    if not ds.sites:
        raise SyncError("The sponsor database has no sites yet; register a site and import its bundles first.")
    out_path = Path(out_path)
    counts = {"subjects": 0, "forms": 0, "items": 0, "audit": 0, "unplaced": 0}
    now = datetime.now(UTC).isoformat(timespec="seconds")

    def write(fh) -> None:
        w = _Writer(fh)
        w._out('<?xml version="1.0" encoding="UTF-8"?>\n')
        w.start("ODM", {
            "xmlns": ODM_NS, "xmlns:sle": EXT_NS, "FileType": "Snapshot", "Granularity": "All",
            "FileOID": f"sle_desktop.sponsor.{now}", "CreationDateTime": now, "ODMVersion": "1.3.2",
            "Originator": "sle_desktop sponsor", "SourceSystem": "sle_desktop", "SourceSystemVersion": __version__,
        })
        studies: dict[str, dict[str, list[dict]]] = {}
        for s in ds.sites:
            studies.setdefault(s["study_id"], {}).setdefault(s["study_version"] or "unknown", []).append(s)
        plans: dict[tuple[str, str], _Plan] = {}
        for study_id, versions in studies.items():
            for version, sites in versions.items():
                plans[(study_id, version)] = _Plan(ds, {s["site_uuid"] for s in sites})
        users = _users(store)
        for study_id, versions in studies.items():
            _write_study(w, ds, study_id, versions, plans)
            _write_admin(w, study_id, versions, users)
        for study_id, versions in studies.items():
            for version, sites in versions.items():
                _write_clinical(w, ds, store, study_id, version, sites, plans[(study_id, version)], users, counts)
                counts["unplaced"] += plans[(study_id, version)].unplaced
        w.end()
        w.flush()

    atomic.atomic_write(out_path, write, what="the ODM file")
    return OdmResult(out_path, len(ds.sites), counts["subjects"], counts["forms"], counts["items"], counts["audit"],
                     counts["unplaced"])


def _mdv_oid(study_id: str, version: str) -> str:
    return f"MDV.{_oid_part(study_id)}.{_oid_part(version)}"


def _write_study(w: _Writer, ds: dataset.Dataset, study_id: str, versions: dict, plans: dict) -> None:
    w.start("Study", {"OID": _oid_part(study_id)})
    w.start("GlobalVariables")
    w.text("StudyName", study_id)
    w.text("StudyDescription", f"{study_id}: data of {sum(len(v) for v in versions.values())} site(s) exported by sle_desktop")
    w.text("ProtocolName", study_id)
    w.end()
    for version in versions:
        plan = plans[(study_id, version)]
        w.start("MetaDataVersion", {"OID": _mdv_oid(study_id, version), "Name": f"{study_id} version {version}"})
        events = plan.ordered_events()
        w.start("Protocol")
        for n, code in enumerate(events, 1):
            w.empty("StudyEventRef", {"StudyEventOID": _event_oid(code), "OrderNumber": n, "Mandatory": "No"})
        w.end()
        for code in events:
            kind = "Common" if code == "logs" else ("Unscheduled" if code == "unscheduled" else "Scheduled")
            w.start("StudyEventDef", {"OID": _event_oid(code), "Name": _event_name(code),
                                      "Repeating": "Yes" if code in plan.repeating_events else "No", "Type": kind})
            for n, table in enumerate(plan.event_forms.get(code, []), 1):
                w.empty("FormRef", {"FormOID": f"F.{dataset.form_short(table)}", "OrderNumber": n, "Mandatory": "No"})
            w.end()
        for table in CLINICAL_TABLES:
            short = dataset.form_short(table)
            w.start("FormDef", {"OID": f"F.{short}", "Name": dataset.form_title(table),
                                "Repeating": "Yes" if table in plan.repeating_forms else "No"})
            w.empty("ItemGroupRef", {"ItemGroupOID": f"IG.{short}", "Mandatory": "Yes"})
            w.end()
        for table in CLINICAL_TABLES:
            short = dataset.form_short(table)
            w.start("ItemGroupDef", {"OID": f"IG.{short}", "Name": dataset.form_title(table), "Repeating": "No",
                                     "SASDatasetName": short[:8]})
            for n, (column, _t) in enumerate(ds.item_columns(table), 1):
                w.empty("ItemRef", {"ItemOID": item_oid(table, column), "OrderNumber": n,
                                    "Mandatory": "Yes" if column == "uuid" else "No"})
            w.end()
        for table in CLINICAL_TABLES:
            for column, decl in ds.item_columns(table):
                w.start("ItemDef", {"OID": item_oid(table, column), "Name": column,
                                    "DataType": dataset.data_type(column, decl)})
                w.translated("Question", dataset.item_label(table, column))
                w.end()
        w.end()
    w.end()


def _users(store) -> dict[tuple[str, str], dict]:
    """(site uuid, user) -> {"oid", "login", "display"} for every user named in an audit trail."""
    names: dict[tuple[str, str], str] = {}
    for r in store.query("SELECT site_uuid, row_id, new FROM audit WHERE \"table\" = 'users' AND field = '*'"):
        try:
            value = json.loads(r["new"] or "null")
        except ValueError:
            continue
        if isinstance(value, dict) and isinstance(value.get("display_name"), str):
            names[(r["site_uuid"], r["row_id"])] = value["display_name"]
    codes = {r["site_uuid"]: r["code"] for r in store.query("SELECT site_uuid, code FROM sites")}
    out: dict[tuple[str, str], dict] = {}
    used: set[str] = set()
    for r in store.query('SELECT DISTINCT site_uuid, "user" FROM audit ORDER BY site_uuid, "user"'):
        base = f"USR.{_oid_part(codes.get(r['site_uuid'], 'SITE'))}.{_oid_part(r['user'])}"
        oid, n = base, 1
        while oid in used:
            n += 1
            oid = f"{base}.{n}"
        used.add(oid)
        out[(r["site_uuid"], r["user"])] = {"oid": oid, "login": r["user"], "display": names.get((r["site_uuid"], r["user"]))}
    return out


def _write_admin(w: _Writer, study_id: str, versions: dict, users: dict) -> None:
    sites = [s for v in versions.values() for s in v]
    site_ids = {s["site_uuid"] for s in sites}
    w.start("AdminData", {"StudyOID": _oid_part(study_id)})
    for (site_uuid, _user), u in users.items():
        if site_uuid not in site_ids:
            continue
        w.start("User", {"OID": u["oid"], "UserType": "Other"})
        w.text("LoginName", u["login"])
        if u["display"]:
            w.text("DisplayName", u["display"])
        w.end()
    for version, vsites in versions.items():
        for s in vsites:
            w.start("Location", {"OID": f"LOC.{_oid_part(s['code'])}", "Name": f"{s['code']} {s['name']}",
                                 "LocationType": "Site"})
            w.empty("MetaDataVersionRef", {"StudyOID": _oid_part(study_id), "MetaDataVersionOID": _mdv_oid(study_id, version),
                                           "EffectiveDate": (s["last_import_at"] or "1970-01-01")[:10]})
            w.end()
    w.end()


def _write_clinical(w: _Writer, ds: dataset.Dataset, store, study_id: str, version: str, sites: list[dict],
                    plan: _Plan, users: dict, counts: dict) -> None:
    w.start("ClinicalData", {"StudyOID": _oid_part(study_id), "MetaDataVersionOID": _mdv_oid(study_id, version)})
    codes = {s["site_uuid"]: s["code"] for s in sites}
    types = {t: dict(ds.item_columns(t)) for t in CLINICAL_TABLES}
    order = sorted(plan.subjects, key=lambda u: (codes[plan.subjects[u]["site"]], ds.subject_keys[u]))
    for subject in order:
        entry = plan.subjects[subject]
        counts["subjects"] += 1
        w.start("SubjectData", {"SubjectKey": ds.subject_keys[subject]})
        w.empty("SiteRef", {"LocationOID": f"LOC.{_oid_part(codes[entry['site']])}"})
        events = sorted(entry["events"], key=lambda e: (_event_sort_key(e[0]) if e[0] != "logs" else (9, 0, ""),
                                                         int(e[1] or 0)))
        for code, key in events:
            w.start("StudyEventData", {"StudyEventOID": _event_oid(code), "StudyEventRepeatKey": key})
            numbers: dict[str, int] = {}
            for table, rec in sorted(entry["events"][(code, key)], key=lambda tr: CLINICAL_TABLES.index(tr[0])):
                numbers[table] = numbers.get(table, 0) + 1
                short = dataset.form_short(table)
                w.start("FormData", {"FormOID": f"F.{short}",
                                     "FormRepeatKey": str(numbers[table]) if table in plan.repeating_forms else None})
                w.start("ItemGroupData", {"ItemGroupOID": f"IG.{short}"})
                for column, dtype in types[table].items():
                    value = rec.row.get(column)
                    if value is None or value == "":
                        continue
                    w.empty("ItemData", {"ItemOID": item_oid(table, column),
                                         "Value": odm_value(value, dataset.data_type(column, dtype))})
                    counts["items"] += 1
                w.end()
                w.end()
                counts["forms"] += 1
            w.end()
        w.end()
    w.start("AuditRecords")
    for s in sites:
        code = _oid_part(s["code"])
        cur = store.conn.execute(
            'SELECT seq, at_utc, at_local, "user", "table", row_id, field, old, new, reason, prev_hash, hash '
            "FROM audit WHERE site_uuid = ? ORDER BY seq", (s["site_uuid"],))
        for a in cur:
            seq, at_utc, at_local, user, table, row_id, fld, old, new, reason, prev_hash, hsh = a
            w.start("AuditRecord", {
                "ID": f"AR.{code}.{seq}", "EditPoint": "Site", "sle:Seq": seq, "sle:Table": table, "sle:RowID": row_id,
                "sle:Field": fld, "sle:OldValue": old, "sle:NewValue": new, "sle:LocalTime": at_local,
                "sle:PrevHash": prev_hash, "sle:Hash": hsh,
            })
            w.empty("UserRef", {"UserOID": users[(s["site_uuid"], user)]["oid"]})
            w.empty("LocationRef", {"LocationOID": f"LOC.{code}"})
            w.text("DateTimeStamp", at_utc)
            if reason:
                w.text("ReasonForChange", reason)
            w.text("SourceID", f"{s['code']} audit row {seq}: {table}.{fld} of {row_id}")
            w.end()
            counts["audit"] += 1
    w.end()
    w.end()
