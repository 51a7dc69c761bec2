"""CDISC ODM 1.3.2 export of the sponsor database, valid against CDISC's own schema (no vendor extension).

Two kinds of file, as ODM intends them:

* Snapshot (default): the current value of every field, with the metadata and the administrative
  data. Deleted records are left out, there are no audit records (ODM says they have no meaning in a
  snapshot); valid e-signatures are `Signature` elements on the signed record, data queries
  `Annotation`s on the queried item.
* Transactional (`audit=True`): the history. One `SubjectData` per change of a clinical record, in
  the order of each site's audit trail; every typed item (`ItemDataString`, `ItemDataInteger`...)
  carries its `TransactionType` and the `AuditRecordID` of the site audit row that made the change
  (user, site, UTC time, reason for change, source row). A signature is a `Signature` on the
  signed record at the moment it was applied. Accounts, keys and bundle bookkeeping are not clinical
  data and stay out (they remain in the CSV audit trail).

The metadata comes from the study definition (`sponsor.metadata`), one `MetaDataVersion` per version
the sites work to, so it is identical for the same version whatever the data.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sle_desktop import __version__
from sle_desktop.sponsor import dataset, metadata, odm_xml
from sle_desktop.sponsor.odm_xml import ODM_NS, escaped_attr, escaped_text, item_oid, odm_value, utc_z
from sle_desktop.store.records import CASEBOOK
from sle_desktop.sync import atomic
from sle_desktop.sync.errors import SyncError

_TYPED = {"text": "ItemDataString", "integer": "ItemDataInteger", "float": "ItemDataDouble", "date": "ItemDataDate",
          "time": "ItemDataTime", "datetime": "ItemDataDatetime"}
USER_TYPES = {"investigator": "Investigator", "monitor": "Sponsor", "coordinator": "Other", "admin": "Other"}
MEANINGS = {
    "authored": ("Authored", "I am the author of this record"),
    "reviewed": ("Reviewed", "I have reviewed this record"),
    "approved": ("Approved", "I approve this record"),
}
_MEANING_RANK = {"approved": 3, "reviewed": 2, "authored": 1}


@dataclass(frozen=True)
class OdmResult:
    path: Path
    sites: int
    subjects: int
    forms: int
    items: int
    audit_records: int
    unplaced: int  # records that fit no event of their study version (kept in the CSV export)
    file_type: str = "Snapshot"
    signatures: int = 0
    annotations: int = 0


# -- administrative data -----------------------------------------------------------------------------------------------
class _Users:
    """User OIDs for every (site, login) named in the audit trails, with the account's role."""

    def __init__(self, store, sites: list[dict]):
        accounts = dataset.site_accounts(store)
        codes = {s["site_uuid"]: s["code"] for s in sites}
        self.by_key: dict[tuple[str, str], dict] = {}
        used: set[str] = set()
        for site_uuid, login in sorted(set(dataset.audit_users(store)) | set(accounts)):
            if site_uuid not in codes:
                continue
            base = f"USR.{odm_xml.oid_part(codes[site_uuid])}.{odm_xml.oid_part(login)}"
            oid, n = base, 1
            while oid in used:
                n += 1
                oid = f"{base}.{n}"
            used.add(oid)
            acct = accounts.get((site_uuid, login), {})
            self.by_key[(site_uuid, login)] = {"oid": oid, "login": login, "display": acct.get("display_name"),
                                               "role": acct.get("role"), "site": codes[site_uuid]}

    def oid(self, site_uuid: str, login: str) -> str:
        return self.by_key[(site_uuid, login)]["oid"]


def _write_admin(w: odm_xml.Writer, study_id: str, sites: list[dict], users: _Users) -> None:
    site_ids = {s["site_uuid"] for s in sites}
    w.start("AdminData", {"StudyOID": odm_xml.oid_part(study_id)})
    for (site_uuid, _login), u in users.by_key.items():
        if site_uuid not in site_ids:
            continue
        role = u["role"] or ("headless command" if u["login"].startswith("cli:") else "unknown")
        w.start("User", {"OID": u["oid"], "UserType": USER_TYPES.get(u["role"] or "", "Other")})
        w.text("LoginName", u["login"])
        w.text("DisplayName", f"{u['display'] or u['login']} ({role})")
        w.text("Organization", f"site {u['site']}")
        w.empty("LocationRef", {"LocationOID": odm_xml.loc_oid(u["site"])})
        w.end()
    for s in sites:
        w.start("Location", {"OID": odm_xml.loc_oid(s["code"]), "Name": f"{s['code']} {s['name']}", "LocationType": "Site"})
        w.empty("MetaDataVersionRef", {"StudyOID": odm_xml.oid_part(study_id),
                                       "MetaDataVersionOID": odm_xml.mdv_oid(study_id, s["_version"]),
                                       "EffectiveDate": (s["last_import_at"] or "1970-01-01")[:10]})
        w.end()
    for meaning, (name, legal) in MEANINGS.items():
        w.start("SignatureDef", {"OID": f"SD.{meaning.upper()}", "Methodology": "Electronic"})
        w.text("Meaning", name)
        w.text("LegalReason", f"{legal}: re-entered password, bound to the SHA-256 of the record's content "
                              "(21 CFR Part 11 electronic signature)")
        w.end()
    w.end()


# -- placing records ---------------------------------------------------------------------------------------------------
class _Placement:
    """Where a record goes in ClinicalData: (event code, repeat key) under its subject, per the metadata."""

    def __init__(self, md: metadata.StudyMetadata):
        self.md = md
        self.events = {e.code: e for e in md.events}
        self.event_forms = {e.code: {t for t, _m in e.forms} for e in md.events}
        self.log_forms = self.event_forms[metadata.LOGS]

    def place(self, rec: dataset.Record) -> tuple[str, str | None] | None:
        table = rec.table
        if table in metadata.SCREENING_TABLES:
            return ("screening", None)
        visit = dataset.visit_of(rec)
        if visit:
            code = str(rec.visit_code) if rec.visit_known else None
            event = self.events.get(code or "")
            if event is None or code == "screening" or table not in self.event_forms[code]:
                return None
            return (code, visit if event.repeating else None)
        if table in self.log_forms:
            return (metadata.LOGS, None)
        return None


def _event_order(md: metadata.StudyMetadata):
    index = {e.code: n for n, e in enumerate(md.events)}
    return lambda key: (index[key[0]], key[1] or "")


def _signatures_by_record(recs: list[dataset.Record]) -> dict[str, list[dict]]:
    """Valid signatures per signed record uuid, the most significant first."""
    out: dict[str, list[dict]] = {}
    for rec in recs:
        row = rec.row
        if rec.table != "signatures" or row.get("deleted") or row.get("invalidated_at") \
                or row.get("record_table") == CASEBOOK:
            continue
        out.setdefault(str(row.get("record_uuid")), []).append(dict(row, site_uuid=rec.site_uuid, uuid=rec.uuid))
    for sigs in out.values():
        sigs.sort(key=lambda s: (-_MEANING_RANK.get(s.get("meaning"), 0), str(s.get("signed_at")), s["uuid"]))
    return out


def _write_signature(w: odm_xml.Writer, sig: dict, users: _Users, code: str) -> None:
    w.start("Signature", {"ID": f"SG.{sig['uuid']}"})
    w.empty("UserRef", {"UserOID": users.oid(sig["site_uuid"], sig["signer"])})
    w.empty("LocationRef", {"LocationOID": odm_xml.loc_oid(code)})
    w.empty("SignatureRef", {"SignatureOID": f"SD.{str(sig['meaning']).upper()}"})
    w.text("DateTimeStamp", utc_z(sig["signed_at"]))
    w.end()


def _write_annotations(w: odm_xml.Writer, queries: list[dict]) -> int:
    for n, q in enumerate(queries, 1):
        w.start("Annotation", {"SeqNum": n, "ID": f"QRY.{q['uuid']}"})
        text = f"Data query ({q['status']}), raised {utc_z(q['raised_at'])} by {q['raised_by']}: {q['text']}"
        if q.get("followup"):
            text += f" | follow-up: {q['followup']}"
        if q.get("answer"):
            text += f" | answer by {q.get('answered_by')} at {utc_z(q.get('answered_at'))}: {q['answer']}"
        if q.get("close_reason") or q["status"] == "closed":
            text += f" | closed by {q.get('closed_by')}: {q.get('close_reason') or ''}".rstrip(": ")
        w.text("Comment", text, {"SponsorOrSite": "Sponsor"})
        w.start("Flag")
        w.text("FlagValue", q["status"], {"CodeListOID": "CL.QUERY_STATUS"})
        w.end()
        w.end()
    return len(queries)


def _closing_state(recs: list[dataset.Record]):
    """(locks in force per subject uuid and per visit uuid, latest casebook sign-off per subject uuid)."""
    subject_locks: dict[str, dict] = {}
    visit_locks: dict[str, dict] = {}
    sign_offs: dict[str, dict] = {}
    for rec in recs:
        row = rec.row
        if rec.table == "locks":
            if row.get("deleted") or row.get("unlocked_at"):
                continue
            if row.get("visit_uuid"):
                visit_locks[str(row["visit_uuid"])] = row
            else:
                subject_locks[str(row.get("subject_uuid"))] = row
        elif rec.table == "signatures" and not row.get("deleted") and row.get("record_table") == CASEBOOK:
            prev = sign_offs.get(str(row.get("record_uuid")))
            if prev is None or str(row.get("signed_at")) >= str(prev.get("signed_at")):
                sign_offs[str(row.get("record_uuid"))] = dict(row, site_uuid=rec.site_uuid, uuid=rec.uuid)
    return subject_locks, visit_locks, sign_offs


def _write_lock_note(w: odm_xml.Writer, n: int, lock: dict, what: str) -> None:
    w.start("Annotation", {"SeqNum": n, "ID": f"LCK.{lock['uuid']}"})
    text = f"{what} locked {utc_z(lock['locked_at'])} by {lock['locked_by']}: {lock['lock_reason']}"
    if lock.get("requested_by"):
        text += f" | requested by the sponsor ({lock['requested_by']}, {utc_z(lock.get('requested_at'))})"
    w.text("Comment", text, {"SponsorOrSite": "Site"})
    w.start("Flag")
    w.text("FlagValue", "locked", {"CodeListOID": "CL.LOCK_STATE"})
    w.end()
    w.end()


# -- clinical data: snapshot -------------------------------------------------------------------------------------------
_SUBJECT_TABLES = (*metadata.FORM_TABLES, "signatures", "locks")
_FORM_SET = frozenset(metadata.FORM_TABLES)


def _write_snapshot(w: odm_xml.Writer, store, md: metadata.StudyMetadata, *, sites: list[dict], users: _Users,
                    queries: list[dict], counts: dict) -> None:
    """Subject by subject (site by site, by subject key), each subject's records read on their own."""
    site_uuids = {s["site_uuid"] for s in sites}
    placement = _Placement(md)
    by_item: dict[tuple[str, str], list[dict]] = {}
    for q in queries:
        if q["site_uuid"] in site_uuids:
            by_item.setdefault((q["record_uuid"], q["field"]), []).append(q)
    table_rank = {t: n for n, t in enumerate(metadata.FORM_TABLES)}
    w.start("ClinicalData", {"StudyOID": odm_xml.oid_part(md.study_id), "MetaDataVersionOID": odm_xml.mdv_oid(md.study_id, md.version)})
    for site in sites:
        site_uuid, code = site["site_uuid"], site["code"]
        counts["unplaced"] += dataset.orphans(store, site_uuid, metadata.FORM_TABLES)
        loose = dataset.subject_records(store, site_uuid, None, ("signatures", "locks"))  # of no subject: normally none
        for subject, subject_key in dataset.subjects(store, site_uuid):
            recs = dataset.subject_records(store, site_uuid, subject, _SUBJECT_TABLES)
            events: dict[tuple, list[dataset.Record]] = {}
            for rec in recs:
                if rec.table not in _FORM_SET or rec.row.get("deleted"):
                    continue
                where = placement.place(rec)
                if where is None:
                    counts["unplaced"] += 1
                    continue
                events.setdefault(where, []).append(rec)
            if not events:
                continue
            context = recs + loose
            _write_subject(w, md, subject, subject_key, code, events, context, placement, users, by_item, table_rank,
                           counts)
    w.end()


_PLANS: dict[int, tuple[metadata.Form, tuple]] = {}  # by id: hashing a frozen Form hashes all of its items


def _item_plan(form: metadata.Form) -> tuple:
    """(column, data type, ItemOID, units, the only unit) of each item of a form, worked out once."""
    known = _PLANS.get(id(form))
    if known is None or known[0] is not form:
        known = _PLANS[id(form)] = (form, tuple(
            (item.column, item.data_type, item_oid(form.table, item.column), item.units,
             item.units[0] if len(item.units) == 1 else None) for item in form.items))
    return known[1]


def _write_subject(w, md, subject, subject_key, code, events, context, placement, users, by_item, table_rank,
                   counts) -> None:
    signatures = _signatures_by_record(context)
    subject_locks, visit_locks, sign_offs = _closing_state(context)
    locked_events = {placement.place(rec): visit_locks[rec.uuid] for rec in context
                     if rec.table == "visits" and rec.uuid in visit_locks
                     and rec.row.get("subject_uuid") == subject}
    counts["subjects"] += 1
    w.start("SubjectData", {"SubjectKey": subject_key})
    sign_off = sign_offs.get(subject)
    if sign_off is not None and not sign_off.get("invalidated_at"):  # the investigator approved the casebook
        _write_signature(w, sign_off, users, code)
        counts["signatures"] += 1
    w.empty("SiteRef", {"LocationOID": odm_xml.loc_oid(code)})
    notes = 0
    if subject in subject_locks:
        notes += 1
        _write_lock_note(w, notes, subject_locks[subject], "Casebook")
    if sign_off is not None and sign_off.get("invalidated_at"):
        notes += 1
        w.start("Annotation", {"SeqNum": notes, "ID": f"SGX.{sign_off['uuid']}"})
        w.text("Comment", f"Casebook sign-off by {sign_off.get('signer')} at {utc_z(sign_off.get('signed_at'))} "
                          f"invalidated {utc_z(sign_off['invalidated_at'])}: {sign_off.get('invalidated_reason')}",
               {"SponsorOrSite": "Site"})
        w.start("Flag")
        w.text("FlagValue", "signoff_invalidated", {"CodeListOID": "CL.LOCK_STATE"})
        w.end()
        w.end()
    counts["locks"] += notes
    for key in sorted(events, key=_event_order(md)):
        w.start("StudyEventData", {"StudyEventOID": metadata.event_oid(key[0]), "StudyEventRepeatKey": key[1]})
        if key in locked_events:
            _write_lock_note(w, 1, locked_events[key], "Visit")
            counts["locks"] += 1
        for rec in sorted(events[key], key=lambda r: (table_rank[r.table], str(r.row.get("created_at")), r.uuid)):
            form = md.form(rec.table)
            sigs = signatures.get(rec.uuid, [])
            w.start("FormData", {"FormOID": form.oid, "FormRepeatKey": rec.uuid if form.repeating else None})
            if len(sigs) > 1:  # ODM allows one Signature per element: the second one signs the form instance
                _write_signature(w, sigs[1], users, code)
                counts["signatures"] += 1
            w.start("ItemGroupData", {"ItemGroupOID": form.group_oid})
            if sigs:
                _write_signature(w, sigs[0], users, code)
                counts["signatures"] += 1
            counts["unplaced_signatures"] += max(0, len(sigs) - 2)
            row, uuid = rec.row, rec.uuid
            indent = "  " * len(w.stack)
            labs = rec.table == "labs"
            for column, data_type, oid, units, single_unit in _item_plan(form):
                value = odm_value(uuid if column == "uuid" else row.get(column), data_type)
                notes = by_item.get((uuid, column), ()) if by_item else ()
                if value is None:
                    counts["query_without_value"] += len(notes)
                    continue
                unit = metadata.unit_oid(row.get("unit")) if labs and units else None
                if unit is None:
                    unit = single_unit
                if unit or notes:
                    w.start("ItemData", {"ItemOID": oid, "Value": value})
                    if unit:
                        w.empty("MeasurementUnitRef", {"MeasurementUnitOID": unit})
                    counts["annotations"] += _write_annotations(w, notes)
                    w.end()
                else:  # w.empty("ItemData", ...) without its per-call overhead (an OID needs no escaping)
                    w.out(f'{indent}<ItemData ItemOID="{oid}" Value={escaped_attr(value)}/>\n')
                counts["items"] += 1
            w.end()
            w.end()
            counts["forms"] += 1
        w.end()
    w.end()


# -- clinical data: transactional --------------------------------------------------------------------------------------
_PENDING = 1000  # transactions whose records are looked up together


def _write_transactional(w: odm_xml.Writer, store, md: metadata.StudyMetadata, *, sites: list[dict], users: _Users,
                         counts: dict, spool_dir: Path) -> None:
    """Site by site in audit-trail order; the AuditRecords (after every SubjectData, as ODM orders them) are
    collected in a temporary file (deleted when closed) and copied in at the end."""
    placement = _Placement(md)
    w.start("ClinicalData", {"StudyOID": odm_xml.oid_part(md.study_id), "MetaDataVersionOID": odm_xml.mdv_oid(md.study_id, md.version)})
    with tempfile.TemporaryFile(dir=spool_dir) as spool:
        audit = odm_xml.Writer(spool)
        audit.stack = ["ODM", "ClinicalData", "AuditRecords"]
        for s in sites:
            created: set[tuple[str, tuple]] = set()  # (subject, event key) already written: later ones are Context
            rows = dataset.audit_rows(store, s["site_uuid"], (*metadata.FORM_TABLES, "signatures"))
            pending: list[list[tuple]] = []
            batch: list[tuple] = []
            for row in rows:
                if batch and (row[3] != batch[-1][3] or row[4] != batch[-1][4] or row[5] == "*" or batch[-1][5] == "*"
                              or row[0] != batch[-1][0] + 1):
                    pending.append(batch)
                    batch = []
                    if len(pending) >= _PENDING:
                        _transactions(w, audit, store, pending, site=s, placement=placement, users=users,
                                      created=created, counts=counts)
                        pending = []
                batch.append(tuple(row))
            if batch:
                pending.append(batch)
            _transactions(w, audit, store, pending, site=s, placement=placement, users=users, created=created,
                          counts=counts)
        audit.flush()
        w.start("AuditRecords")
        w.flush()
        spool.seek(0)
        shutil.copyfileobj(spool, w.fh, 1 << 20)
    w.end()
    w.end()


def _transactions(w, audit, store, pending, *, site, placement, users, created, counts) -> None:
    """Write a run of transactions of one site, their records looked up together."""
    site_uuid = site["site_uuid"]
    signed = dataset.records_by_uuid(store, site_uuid, ("signatures",),
                                     [b[0][4] for b in pending if b[0][3] == "signatures" and b[0][5] == "*"])
    wanted: dict[str, list[str]] = {}  # a changed record is looked up in its own table
    for b in pending:
        if b[0][3] != "signatures":
            wanted.setdefault(b[0][3], []).append(b[0][4])
    by_uuid = dataset.records_by_uuid(store, site_uuid, metadata.FORM_TABLES,
                                      [str(rec.row.get("record_uuid")) for rec in signed.values()])
    for table, uuids in wanted.items():
        by_uuid.update(dataset.records_by_uuid(store, site_uuid, (table,), uuids))
    for batch in pending:
        _transaction(w, audit, batch, site=site, by_uuid=by_uuid, signed=signed, placement=placement, users=users,
                     created=created, counts=counts)


def _write_audit_record(audit: odm_xml.Writer, users: _Users, site_uuid: str, code: str, row: tuple) -> None:
    seq, at_utc, user, table, row_id, fld, reason = row
    audit.start("AuditRecord", {"ID": f"AR.{odm_xml.oid_part(code)}.{seq}"})
    audit.empty("UserRef", {"UserOID": users.oid(site_uuid, user)})
    audit.empty("LocationRef", {"LocationOID": odm_xml.loc_oid(code)})
    audit.text("DateTimeStamp", utc_z(at_utc))
    if reason:
        audit.text("ReasonForChange", reason)
    audit.text("SourceID", f"site {code} audit trail row {seq} ({table}.{fld} of record {row_id})")
    audit.end()


def _transaction(w, audit, batch, *, site, by_uuid, signed, placement, users, created, counts) -> None:
    """One change of one record (consecutive audit rows of the same record) as a nested SubjectData."""
    table, row_id = batch[0][3], batch[0][4]
    code = site["code"]
    if table == "signatures":
        if batch[0][5] != "*" or row_id not in signed:
            return  # an invalidation: the later change of the signed record is what the trail shows
        sig = dict(signed[row_id].row, uuid=row_id, site_uuid=site["site_uuid"])
        target = by_uuid.get(str(sig.get("record_uuid")))
        try:
            inserted = json.loads(batch[0][7])
            sig.update(meaning=inserted.get("meaning"), signer=inserted.get("signer"), signed_at=inserted.get("signed_at"))
        except (TypeError, ValueError, AttributeError):
            return
        if target is None or sig["meaning"] not in MEANINGS or (site["site_uuid"], sig["signer"]) not in users.by_key:
            return
        rec, kind = target, "signature"
    else:
        rec, kind = by_uuid.get(row_id), "data"
        if rec is None:
            return
    subject = dataset.subject_of(rec)
    where = placement.place(rec) if rec.subject_key is not None else None
    if where is None:
        counts["unplaced"] += 1
        return
    form = placement.md.form(rec.table)
    items = []
    group_tt = "Context"
    if kind == "data":
        for row in batch:
            fld, old, new = row[5], row[6], row[7]
            try:
                new_value = json.loads(new) if new is not None else None
                old_value = json.loads(old) if old is not None else None
            except ValueError:
                continue
            if fld == "*":
                group_tt = "Insert"
                values = dict(new_value or {}, uuid=rec.uuid)
                for item in form.items:
                    raw = values.get(item.column, item.site_default)  # a column the insert left to its DEFAULT
                    v = odm_value(raw, item.data_type)
                    if v is not None:
                        items.append((item, "Insert", v, row))
            elif fld == "deleted" and new_value:
                group_tt = "Remove"
                items.append((form.item("uuid"), "Remove", rec.uuid, row))
            else:
                item = form.item(fld)
                if item is None:
                    continue
                group_tt = "Update" if group_tt == "Context" else group_tt
                v, old_v = odm_value(new_value, item.data_type), odm_value(old_value, item.data_type)
                if v is not None:
                    items.append((item, "Insert" if old_v is None else "Update", v, row))
                elif old_v is not None:
                    items.append((item, "Remove", old_v, row))
        if not items:
            return
    subject_tt = "Insert" if rec.table == "subjects" and group_tt == "Insert" else "Context"
    if subject not in counts["_subjects"]:
        counts["_subjects"].add(subject)
        counts["subjects"] += 1
    event_key = (subject, where)
    event_tt = "Context" if event_key in created else "Insert"
    created.add(event_key)
    w.start("SubjectData", {"SubjectKey": rec.subject_key, "TransactionType": subject_tt})
    w.empty("SiteRef", {"LocationOID": odm_xml.loc_oid(code)})
    w.start("StudyEventData", {"StudyEventOID": metadata.event_oid(where[0]), "StudyEventRepeatKey": where[1],
                               "TransactionType": event_tt})
    w.start("FormData", {"FormOID": form.oid, "FormRepeatKey": rec.uuid if form.repeating else None,
                         "TransactionType": "Insert" if group_tt == "Insert" else "Context"})
    w.start("ItemGroupData", {"ItemGroupOID": form.group_oid, "TransactionType": group_tt})
    if kind == "signature":
        _write_signature(w, sig, users, code)
        counts["signatures"] += 1
    seen_rows = set()
    indent = "  " * len(w.stack)
    audit_id = f"AR.{odm_xml.oid_part(code)}."
    for item, tt, value, row in items:
        if row[0] not in seen_rows:
            seen_rows.add(row[0])
            _write_audit_record(audit, users, site["site_uuid"], code, (*row[:6], row[8]))  # old/new: in the items
            counts["audit"] += 1
        unit = ""
        if rec.table == "labs" and item.units:
            unit_oid = metadata.unit_oid(rec.row.get("unit"))
            unit = f" MeasurementUnitOID={escaped_attr(unit_oid)}" if unit_oid is not None else ""
        elif len(item.units) == 1:
            unit = f" MeasurementUnitOID={escaped_attr(item.units[0])}"
        tag = _TYPED[item.data_type]  # as w.text(tag, value, {...}); OIDs, transaction types and numbers need no escaping
        w.out(f'{indent}<{tag} ItemOID="{item_oid(rec.table, item.column)}" TransactionType="{tt}" '
              f'AuditRecordID="{audit_id}{row[0]}"{unit}>{escaped_text(value)}</{tag}>\n')
        counts["items"] += 1
    w.end()
    w.end()
    w.end()
    w.end()
    counts["forms"] += 1


# -- the file ----------------------------------------------------------------------------------------------------------
def write_odm(store, out_path: str | os.PathLike, *, audit: bool = False) -> OdmResult:
    """Write the sponsor database as one ODM 1.3.2 file (atomically): a Snapshot, or with `audit` the Transactional
    history. Records are streamed (subject by subject, or in audit-trail order): memory does not grow with the data."""
    with store.read_snapshot():
        return _write_odm(store, Path(out_path), audit=audit)


def _write_odm(store, out_path: Path, *, audit: bool) -> OdmResult:
    ds = dataset.load(store)
    if not ds.sites:
        raise SyncError("The sponsor database has no sites yet; register a site and import its bundles first.")
    definitions = dataset.study_definitions(store)
    default = next(iter(definitions.values()))
    studies: dict[str, dict[str, list[dict]]] = {}
    for s in ds.sites:
        version = s["study_version"] or (default.version if s["study_id"] == default.study_id else "1.0")
        studies.setdefault(s["study_id"], {}).setdefault(version, []).append(dict(s, _version=version))
    counts = dict.fromkeys(("subjects", "forms", "items", "audit", "unplaced", "signatures", "annotations",
                            "unplaced_signatures", "query_without_value", "locks"), 0)
    counts["_subjects"] = set()
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    file_type = "Transactional" if audit else "Snapshot"
    users = _Users(store, ds.sites)
    queries = [] if audit else dataset.sponsor_queries(store)

    def meta(study_id: str, version: str) -> metadata.StudyMetadata:
        definition = definitions.get((study_id, version))
        if definition is None:
            raise SyncError(f"Sites report study {study_id} version {version}, but the sponsor database holds no such "
                            "study definition; send it to the sites with return-bundle --study-definition first.")
        return metadata.build(definition)

    mds = {(sid, v): meta(sid, v) for sid, versions in studies.items() for v in sorted(versions)}

    def write(fh) -> None:
        w = odm_xml.Writer(fh)
        w.out('<?xml version="1.0" encoding="UTF-8"?>\n')
        w.start("ODM", {
            "xmlns": ODM_NS, "FileType": file_type, "Granularity": "All",
            "Description": "sle_desktop sponsor export: " + ("the full history of every clinical record (audit trail)"
                                                             if audit else "current data, metadata and administrative data"),
            "FileOID": f"sle_desktop.sponsor.{file_type.lower()}.{now}", "CreationDateTime": now, "ODMVersion": "1.3.2",
            "Originator": "sle_desktop sponsor", "SourceSystem": "sle_desktop", "SourceSystemVersion": __version__,
        })
        for study_id, versions in studies.items():
            odm_xml.write_study(w, study_id, [mds[(study_id, v)] for v in sorted(versions)])
        for study_id, versions in studies.items():
            _write_admin(w, study_id, [s for v in sorted(versions) for s in versions[v]], users)
        for study_id, versions in studies.items():
            for version in sorted(versions):
                md = mds[(study_id, version)]
                if audit:
                    _write_transactional(w, store, md, sites=versions[version], users=users, counts=counts,
                                         spool_dir=out_path.parent)
                else:
                    _write_snapshot(w, store, md, sites=versions[version], users=users, queries=queries, counts=counts)
        w.end()
        w.flush()

    atomic.atomic_write(out_path, write, what="the ODM file")
    return OdmResult(out_path, len(ds.sites), counts["subjects"], counts["forms"], counts["items"], counts["audit"],
                     counts["unplaced"], file_type, counts["signatures"], counts["annotations"])
