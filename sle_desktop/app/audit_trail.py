"""Reading and verifying the audit trail (it can never be edited through the application).

`audit_entries` gives each audit row in a clinician's or monitor's terms: the subject, the visit, the form and the
field by their labels (English catalogue text the windows translate), the time as an aware datetime, values typed
(`AuditValue`: yes/no, numbers, dates, coded answers by their label), who and why.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sle_desktop.app.errors import ValidationError
from sle_desktop.app.queries import FORM_LABELS
from sle_desktop.app.session import ROLE_LABELS, Session
from sle_desktop.app.signatures import MEANING_LABELS
from sle_desktop.app.study import study_in_force
from sle_desktop.app.subjects import ARM_LABELS, STATUS_LABELS
from sle_desktop.domain import acr1997, eligibility, labs, medication, outcomes, schedule, sledai
from sle_desktop.domain import safety as safety_rules
from sle_desktop.domain.text import Msg, msg
from sle_desktop.store import accounts, audit, records


def verify(session_or_store) -> audit.ChainCheck:
    """Walk the keyed chain, cross-check clinical rows with their audit rows, then the accounts and the
    e-signatures; names the first broken row, record, account or signature. Needs the key unlocked
    (a session, or `site.cli_session`, which uses the machine key file)."""
    from dataclasses import replace

    from sle_desktop.app import signatures

    store = getattr(session_or_store, "store", session_or_store)
    if audit.key_of(store.conn) is None:
        from sle_desktop.app import site
        from sle_desktop.store import keys

        try:
            site.cli_session(store)  # the key the way headless commands unlock it: this PC's machine key file
        except (keys.KeyUnavailable, site.SetupError) as exc:
            return audit.ChainCheck(False, 0, 0, audit.GENESIS_HASH, None, msg(
                "The audit trail cannot be verified: {reason}", reason=str(exc)))
    result = audit.verify_audit(store, records.CLINICAL_TABLES)
    if not result.ok:
        return result
    changed = accounts.verify_accounts(store.conn)
    if changed is not None:
        return replace(result, ok=False, message=changed[1])
    forged = signatures.first_invalid(store)
    if forged is not None:
        return replace(result, ok=False, message=msg("E-signature {uuid} is invalid: {reason}.", uuid=forged[0],
                                                     reason=forged[1]))
    return result


# -- labels ---------------------------------------------------------------------------------------------
FORMS = dict(FORM_LABELS, signatures="Electronic signature", queries="Data query", users="User account",
             site="Site", identifiers="Patient identifiers", site_signing_key="Site signing key",
             exports="Sync bundle", locks="Lock", site_sdv="Source-data verification at the site",
             lock_requests="Sponsor's lock request")

_FIELDS: dict[str, Msg] = {
    "screening_number": msg("Screening number"), "subject_id": msg("Subject ID"), "status": msg("Status"),
    "sex": msg("Sex"), "year_of_birth": msg("Year of birth"), "arm": msg("Treatment arm"),
    "arm_reason": msg("Reason for the arm"), "arm_assigned_by": msg("Arm assigned by"),
    "arm_assigned_at": msg("Arm assigned at"), "baseline_date": msg("Baseline date"),
    "withdrawn_reason": msg("Reason for withdrawal"), "consent_date": msg("Date consent signed"),
    "version": msg("Consent form version"), "obtained_by": msg("Consent obtained by"),
    "screening_date": msg("Screening date"), "age_at_consent": msg("Age at consent"),
    "acr_criteria": msg("ACR 1997 criteria"), "anti_dsdna_positive": msg("Anti-dsDNA positive"),
    "anti_dsdna_value": msg("Anti-dsDNA result"), "anti_dsdna_uln": msg("Anti-dsDNA upper limit"),
    "sledai_codes": msg("SELENA-SLEDAI descriptors"), "sledai_score": msg("SELENA-SLEDAI score"),
    "biopsy_class": msg("Biopsy class (ISN/RPS)"), "biopsy_date": msg("Biopsy date"),
    "proteinuria_g_per_day": msg("Proteinuria (g/24 h)"), "upcr_g_per_g": msg("UPCR (g/g)"),
    "active_sediment": msg("Active urinary sediment"),
    "investigator_confirms_nephritis": msg("Investigator confirms active nephritis"),
    "can_follow_procedures": msg("Can follow the study procedures"), "needs_dialysis": msg("Needs dialysis"),
    "planned_transplant": msg("Planned transplant"), "high_risk_condition": msg("High-risk condition"),
    "high_risk_text": msg("High-risk condition details"), "pregnant_or_lactating": msg("Pregnant or lactating"),
    "pregnancy_test": msg("Pregnancy test"), "chronic_infection": msg("Chronic infection"),
    "infection_details": msg("Infection details"), "last_malignancy_date": msg("Last malignancy"),
    "eligible": msg("Eligible"), "failed_criteria": msg("Failed criteria"), "visit_code": msg("Visit"),
    "visit_date": msg("Visit date"), "study_day": msg("Study day"), "window_status": msg("Visit window"),
    "notes": msg("Notes"), "sources": msg("Descriptors confirmed from lab suggestions"), "score": msg("SELENA-SLEDAI score"),
    "renal_score": msg("Renal SLEDAI"), "pga": msg("Physician's Global Assessment"), "flare": msg("SELENA flare"),
    "sample_date": msg("Sample date"), "test": msg("Test"), "value": msg("Result"), "unit": msg("Unit"),
    "lln": msg("Lower limit"), "uln": msg("Upper limit"), "term": msg("Adverse event term"),
    "onset_date": msg("Onset date"), "stop_date": msg("Stop date"), "grade": msg("CTCAE grade"),
    "serious": msg("Serious"), "serious_criteria": msg("Seriousness criteria"),
    "relationship": msg("Relationship to MSC product"), "action_taken": msg("Action taken with MSC"),
    "outcome": msg("Outcome"), "aware_at": msg("Site became aware on"), "sae_exported_at": msg("SAE sent to the sponsor"),
    "sae_acknowledged_at": msg("SAE acknowledged by the sponsor"), "infusion_date": msg("Infusion date"),
    "start_time": msg("Start time"), "end_time": msg("End time"), "lot_number": msg("Product lot number"),
    "cells_per_kg_million": msg("Dose (×10⁶ cells/kg)"), "total_cells": msg("Total cells"),
    "viability_pct": msg("Viability (%)"), "volume_ml": msg("Volume (mL)"), "route": msg("Route"),
    "weight_kg": msg("Body weight (kg)"), "premedication": msg("Premedication"),
    "pre_bp_systolic": msg("Systolic BP before (mmHg)"), "pre_bp_diastolic": msg("Diastolic BP before (mmHg)"),
    "pre_heart_rate": msg("Heart rate before (/min)"), "pre_temperature": msg("Temperature before (°C)"),
    "pre_spo2": msg("SpO₂ before (%)"), "post_bp_systolic": msg("Systolic BP after (mmHg)"),
    "post_bp_diastolic": msg("Diastolic BP after (mmHg)"), "post_heart_rate": msg("Heart rate after (/min)"),
    "post_temperature": msg("Temperature after (°C)"), "post_spo2": msg("SpO₂ after (%)"),
    "reaction": msg("Infusion reaction"), "administered_by": msg("Administering clinician"), "drug": msg("Drug"),
    "dose": msg("Dose"), "dose_unit": msg("Dose unit"), "frequency": msg("Frequency"), "start_date": msg("Start date"),
    "indication": msg("Indication"), "kind": msg("Kind"), "description": msg("Description"),
    "detected_on": msg("Detected on"), "meaning": msg("Meaning"), "signer": msg("Signed by"),
    "signer_name": msg("Signer's name"), "signed_at": msg("Signed at"), "content_hash": msg("Signed content"),
    "invalidated_at": msg("Invalidated at"), "invalidated_reason": msg("Reason invalidated"),
    "question": msg("Question"), "followup": msg("Follow-up"), "answer": msg("Answer"), "answered_by": msg("Answered by"),
    "answered_at": msg("Answered at"), "correction": msg("Correction"), "closed_by": msg("Closed by"),
    "closed_at": msg("Closed at"), "close_reason": msg("Reason closed"), "raised_by": msg("Raised by"),
    "raised_at": msg("Raised at"), "field": msg("Field"), "display_name": msg("Full name"), "role": msg("Role"),
    "active": msg("Active"), "code": msg("Site code"), "name": msg("Site name"), "study_id": msg("Study"),
    "study_version": msg("Study definition version"), "public_key": msg("Public key"), "sign_public_key": msg("Signing public key"), "demo": msg("Demo site"), "login": msg("Log-in"), "last_login": msg("Last log-in"),
    "failed_attempts": msg("Failed log-ins"), "failed_login": msg("Failed log-in"), "locked_until": msg("Locked until"), "*": msg("Record"),
    # SELENA Flare Index inputs and results
    "drug_class": msg("Drug class"), "steroid": msg("Corticosteroid"), "frequency_code": msg("Frequency (coded)"),
    "hospitalised_for_sle": msg("Hospitalisation for SLE activity"),
    "flare_manifestations": msg("New or worse manifestations (SELENA Flare Index)"),
    "added_nsaid_or_hcq": msg("NSAID or hydroxychloroquine added"),
    "new_immunosuppressant": msg("New immunosuppressant"),
    "prednisone_mg_per_kg_day": msg("Prednisone equivalent (mg/kg/day)"),
    "flare_sources": msg("Flare index items confirmed from suggestions"), "flare_index": msg("SELENA Flare Index"),
    "flare_index_reasons": msg("SELENA Flare Index reasons"), "flare_index_complete": msg("SELENA Flare Index complete"),
}
# links between records and bookkeeping: not shown in the summary of a new record
_LINKS = {"subject_uuid", "visit_uuid", "infusion_uuid", "record_uuid", "reaction_ae_uuid", "record_table",
          "sponsor_version", "content_hash"}
_BOOLEAN = {"anti_dsdna_positive", "active_sediment", "investigator_confirms_nephritis", "can_follow_procedures",
            "needs_dialysis", "planned_transplant", "high_risk_condition", "pregnant_or_lactating",
            "chronic_infection", "eligible", "serious", "reaction", "active", "hospitalised_for_sle",
            "added_nsaid_or_hcq", "new_immunosuppressant", "flare_index_complete", *sledai.BY_CODE}
_DATES = {"baseline_date", "consent_date", "screening_date", "biopsy_date", "last_malignancy_date", "visit_date",
          "sample_date", "onset_date", "stop_date", "infusion_date", "start_date", "detected_on"}
_TIMES = {"arm_assigned_at", "aware_at", "sae_exported_at", "sae_acknowledged_at", "signed_at", "invalidated_at",
          "answered_at", "closed_at", "raised_at"}
_CODED: dict[str, dict] = {
    "arm": ARM_LABELS, "status": STATUS_LABELS, "role": ROLE_LABELS, "meaning": MEANING_LABELS,
    "grade": safety_rules.GRADE_LABELS, "relationship": safety_rules.RELATIONSHIP_LABELS,
    "action_taken": safety_rules.ACTION_LABELS, "outcome": safety_rules.OUTCOME_LABELS,
    "test": {t.code: t.label for t in labs.TESTS}, "sex": {"F": "female", "M": "male"},
    "window_status": {"in_window": "in window", "early": "early (deviation)", "late": "late (deviation)"},
    "flare": {"none": "no flare", "mild_moderate": "mild/moderate", "severe": "severe"},
    "flare_index": {"none": "no flare", "mild_moderate": "mild/moderate", "severe": "severe"},
    "drug_class": medication.DRUG_CLASS_LABELS, "steroid": medication.STEROID_LABELS,
    "frequency_code": medication.FREQUENCY_LABELS,
    "pregnancy_test": {"negative": "Negative", "positive": "Positive", "not_applicable": "Not applicable"},
}
# reasons the application itself writes (the clinician's own reasons are shown as typed), as messages
_SYSTEM_REASONS = (
    (r"baseline visit recorded", lambda: msg("baseline visit recorded")),
    (r"enrolment and arm assignment", lambda: msg("enrolment and arm assignment")),
    (r"query answered", lambda: msg("query answered")),
    (r"sponsor key file replaced", lambda: msg("sponsor key file replaced")),
    (r"sponsor signing key replaced", lambda: msg("sponsor signing key replaced")),
    (r"accepted by the site administrator", lambda: msg("accepted by the site administrator")),
    (r"study definition update accepted", lambda: msg("study definition update accepted")),
    (r"export finished after an interruption", lambda: msg("export finished after an interruption")),
    (r"(\d+) failed log-ins", lambda n: msg("{n} failed log-ins", n=int(n))),
    (r"receipt confirmed by the sponsor in return bundle (\d+)",
     lambda seq: msg("receipt confirmed by the sponsor in return bundle {seq}", seq=int(seq))),
    (r"query closed by the sponsor \(return bundle (\d+)\)",
     lambda seq: msg("query closed by the sponsor (return bundle {seq})", seq=int(seq))),
    (r"query re-opened by the sponsor \(return bundle (\d+)\)",
     lambda seq: msg("query re-opened by the sponsor (return bundle {seq})", seq=int(seq))),
    (r"query updated by the sponsor \(return bundle (\d+)\)",
     lambda seq: msg("query updated by the sponsor (return bundle {seq})", seq=int(seq))),
    (r"source data verified \(return bundle (\d+)\)",
     lambda seq: msg("source data verified (return bundle {seq})", seq=int(seq))),
    (r"newer study definition (.+) received", lambda v: msg("newer study definition {version} received", version=v)),
    (r"study definition (.+) accepted", lambda v: msg("study definition {version} accepted", version=v)),
    (r"included in bundle (\d+)", lambda seq: msg("included in bundle {seq}", seq=int(seq))),
)


def reason_text(reason: str | None) -> Msg | str:
    """A reason as a message when the application wrote it (so it is shown in the interface language), else as typed."""
    if not reason:
        return ""
    inner = re.fullmatch(r"record changed: (.*)", reason, re.S)
    if inner:
        return msg("record changed: {reason}", reason=reason_text(inner.group(1)))
    for pattern, message in _SYSTEM_REASONS:
        m = re.fullmatch(pattern, reason)
        if m:
            return message(*m.groups())
    return reason
_CODE_LISTS: dict[str, dict] = {
    "acr_criteria": acr1997.LABELS, "sledai_codes": {d.code: d.label for d in sledai.DESCRIPTORS},
    "failed_criteria": eligibility.CRITERION_LABELS, "serious_criteria": safety_rules.SERIOUS_CRITERIA_LABELS,
    "flare_manifestations": outcomes.MANIFESTATION_LABELS, "flare_index_reasons": outcomes.REASON_LABELS,
}


@dataclass(frozen=True)
class AuditValue:
    """A value as recorded, typed for display.

    kind: "none" | "text" (as typed) | "number" | "bool" | "date" (ISO) | "datetime" (aware) | "label" (a
    catalogue label: translate it) | "labels" (several catalogue labels) | "hidden" (encrypted) | "key" (a key or
    hash, not shown).
    """

    kind: str
    value: object = None


@dataclass(frozen=True)
class FieldValue:
    label: Msg | str            # a message, or a catalogue label
    value: AuditValue


@dataclass(frozen=True)
class AuditEntry:
    """One audit row in the clinician's terms."""

    seq: int
    at: datetime                # aware, in UTC; show it in local time
    user: str                   # account name, or "cli:NAME" for a headless command
    user_name: str              # the account's full name ("" for headless commands)
    subject_uuid: str | None
    subject: str | None         # subject ID or screening number
    visit: str | None           # the visit's catalogue label ("Month 1")
    form: str                   # record table
    form_label: str             # catalogue label of the form
    record: str | None          # which record of the form: the lab test's label, the AE term, the drug…
    field: str
    field_label: Msg | str      # a message, or a catalogue label (a SELENA-SLEDAI descriptor)
    action: str                 # "created" | "changed" | "deleted"
    old: AuditValue
    new: AuditValue
    values: tuple[FieldValue, ...]  # a new record's fields (empty and link fields left out)
    reason: str                 # as recorded
    reason_text: Msg | str      # the application's own reasons as messages (translate them), others as typed


def _typed(field: str, value) -> AuditValue:
    if value is None or value == "":
        return AuditValue("none")
    if field in ("ciphertext",) or value == "(encrypted)":
        return AuditValue("hidden")
    if field in ("public_key", "sign_public_key", "content_hash", "bundle_hash"):
        return AuditValue("key")
    if field in _BOOLEAN and value in (0, 1, True, False):
        return AuditValue("bool", bool(value))
    if field in _CODED:
        label = _CODED[field].get(value)
        if label is None and isinstance(value, int):
            label = _CODED[field].get(str(value))
        return AuditValue("label", label) if label else AuditValue("text", str(value))
    if field == "visit_code":
        return AuditValue("label", visit_label(value))
    if field == "sources" and isinstance(value, (dict, str)):  # descriptor -> entered | suggested
        try:
            sources = json.loads(value) if isinstance(value, str) else value
        except ValueError:
            sources = {}
        return AuditValue("labels", tuple(sledai.BY_CODE[c].label for c, how in sorted(sources.items())
                                          if how == "suggested" and c in sledai.BY_CODE))
    if field == "flare_sources" and isinstance(value, (dict, str)):  # flare index item -> entered | suggested
        try:
            sources = json.loads(value) if isinstance(value, str) else value
        except ValueError:
            sources = {}
        flags = {"added_nsaid_or_hydroxychloroquine": outcomes.REASON_LABELS["nsaid_or_hcq_added"],
                 "new_immunosuppressant": outcomes.REASON_LABELS["new_immunosuppressant"],
                 "hospitalised_for_sle": outcomes.REASON_LABELS["hospitalised_for_sle"]}
        return AuditValue("labels", tuple(outcomes.MANIFESTATION_LABELS.get(i) or flags.get(i, i)
                                          for i, how in sorted(sources.items()) if how == "suggested"))
    if field in _CODE_LISTS:
        try:
            codes = json.loads(value) if isinstance(value, str) else value
        except ValueError:
            return AuditValue("text", str(value))
        if isinstance(codes, list):
            return AuditValue("labels", tuple(_CODE_LISTS[field].get(c, c) for c in codes))
    if field in _DATES and isinstance(value, str):
        return AuditValue("date", value)
    if field in _TIMES and isinstance(value, str):
        try:
            return AuditValue("datetime", datetime.fromisoformat(value.replace("Z", "+00:00")))
        except ValueError:
            return AuditValue("text", value)
    if isinstance(value, bool):
        return AuditValue("bool", value)
    if isinstance(value, (int, float)):
        return AuditValue("number", value)
    if isinstance(value, (dict, list)):
        return AuditValue("text", json.dumps(value, ensure_ascii=False, sort_keys=True))
    return AuditValue("text", str(value))


def visit_label(code: str | None) -> str | None:
    """The catalogue label of a visit code of the shipped schedule (a stored visit_code value)."""
    if code is None:
        return None
    return next((v.label for v in schedule.default_visits() if v.code == code), code)


def _visit_labels(store) -> dict[str, str]:
    """Visit labels of the study definition in force."""
    return {v.code: v.label for v in study_in_force(store).visits}


def field_label(table: str, field: str) -> Msg | str:
    """The label of a form field: a message, or a catalogue label (str) for a SELENA-SLEDAI descriptor."""
    if table == "sledai_assessments" and field in sledai.BY_CODE:
        return sledai.BY_CODE[field].label
    return _FIELDS.get(field, field.replace("_", " ").capitalize())


def record_field_label(session: Session, table: str, record_uuid: str, field: str) -> Msg | str:
    """A field named so a clinician knows which one it is: "Serum creatinine: Result" for a lab value."""
    session.require("view")
    label = field_label(table, field)
    if table == "labs":
        test = session.store.scalar("SELECT test FROM labs WHERE uuid = ?", (record_uuid,))
        if test in labs.BY_CODE:
            return msg("{test}: {field}", test=labs.BY_CODE[test].label, field=label)
    return label


# -- reading ----------------------------------------------------------------------------------------------
_RECORD_COLUMN = {"labs": "test", "adverse_events": "term", "con_meds": "drug", "infusions": "infusion_date",
                  "deviations": "kind", "signatures": "meaning", "queries": "field"}


def _context(store, rows: list[dict]) -> dict[str, dict]:
    """row_id -> {subject_uuid, visit_uuid, record} for the rows' clinical records (one query per table)."""
    by_table: dict[str, set[str]] = {}
    for r in rows:
        by_table.setdefault(r["table"], set()).add(r["row_id"])
    out: dict[str, dict] = {}
    for table, ids in by_table.items():
        if table not in records.CLINICAL_TABLES and table != "identifiers":
            continue
        columns = {c["name"] for c in store.query(f'PRAGMA table_info("{table}")')}
        key = "subject_uuid" if table == "identifiers" else "uuid"
        subject = "uuid" if table == "subjects" else "subject_uuid"
        visit = "visit_uuid" if "visit_uuid" in columns else ("uuid" if table == "visits" else "NULL")
        record = _RECORD_COLUMN.get(table, "NULL")
        ids = sorted(ids)
        for i in range(0, len(ids), 900):
            chunk = ids[i:i + 900]
            for row in store.query(f'SELECT {key} AS id, {subject} AS subject_uuid, {visit} AS visit_uuid, '
                                   f'{record} AS record FROM "{table}" WHERE {key} IN ({",".join("?" * len(chunk))})',
                                   tuple(chunk)):
                out[row["id"]] = row
    return out


def _subject_rows(store, subject_uuid: str) -> set[str]:
    ids = {subject_uuid}
    for table in records.CLINICAL_TABLES:
        if table == "subjects":
            continue
        ids.update(r[0] for r in store.conn.execute(f'SELECT uuid FROM "{table}" WHERE subject_uuid = ?', (subject_uuid,)))
    return ids


def audit_forms(session: Session) -> list[tuple[str, str]]:
    """(form code, catalogue label) of every form that has audit rows, for the filter list."""
    session.require("view")
    present = [r["table"] for r in session.store.query('SELECT DISTINCT "table" FROM audit ORDER BY 1')]
    return [(t, FORMS.get(t, t)) for t in present]


def _local_midnight_utc(day: date) -> str:
    return datetime(day.year, day.month, day.day).astimezone().astimezone(UTC).isoformat(timespec="seconds")


def audit_entries(session: Session, *, subject_uuid: str | None = None, user: str | None = None,
                  form: str | None = None, date_from: date | None = None, date_to: date | None = None,
                  limit: int = 5000) -> list[AuditEntry]:
    """Audit rows, newest first, filtered by subject, user, form and local date range (both days included)."""
    session.require("view")
    if date_from and date_to and date_from > date_to:
        raise ValidationError({"date_to": msg("The end date is before the start date.")})
    where, params = [], []
    if user:
        where.append("user = ?")
        params.append(user)
    if form:
        where.append('"table" = ?')
        params.append(form)
    if date_from:
        where.append("at_utc >= ?")
        params.append(_local_midnight_utc(date_from))
    if date_to:
        where.append("at_utc < ?")
        params.append(_local_midnight_utc(date.fromordinal(date_to.toordinal() + 1)))
    if subject_uuid:
        ids = sorted(_subject_rows(session.store, subject_uuid))
        where.append(f"row_id IN ({', '.join('?' for _ in ids)})")
        params.extend(ids)
    sql = 'SELECT seq, at_utc, user, "table", row_id, field, old, new, reason FROM audit'
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY seq DESC LIMIT ?"
    rows = session.store.query(sql, (*params, int(limit)))
    store = session.store
    context = _context(store, rows)
    subjects = {}
    visits = {}
    subject_ids = {c["subject_uuid"] for c in context.values() if c["subject_uuid"]}
    visit_ids = {c["visit_uuid"] for c in context.values() if c["visit_uuid"]}
    for chunk in _chunks(sorted(subject_ids)):
        for r in store.query("SELECT uuid, coalesce(subject_id, screening_number) AS label FROM subjects WHERE uuid IN "
                             f"({','.join('?' * len(chunk))})", tuple(chunk)):
            subjects[r["uuid"]] = r["label"]
    for chunk in _chunks(sorted(visit_ids)):
        for r in store.query(f"SELECT uuid, visit_code FROM visits WHERE uuid IN ({','.join('?' * len(chunk))})",
                             tuple(chunk)):
            visits[r["uuid"]] = r["visit_code"]
    names = {r["username"]: r["display_name"] for r in store.query("SELECT username, display_name FROM users")}
    labels = _visit_labels(store)
    return [_entry(r, context.get(r["row_id"], {}), subjects, visits, names, labels) for r in rows]


def _chunks(items: list, size: int = 900):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _entry(r: dict, ctx: dict, subjects: dict, visits: dict, names: dict, labels: dict) -> AuditEntry:
    table, field = r["table"], r["field"]
    old = None if r["old"] is None else json.loads(r["old"])
    new = None if r["new"] is None else json.loads(r["new"])
    created = field == "*" and old is None
    deleted = field == "deleted" and new in (1, True)
    values: tuple[FieldValue, ...] = ()
    if created and isinstance(new, dict):
        values = tuple(FieldValue(field_label(table, k), _typed(k, v)) for k, v in new.items()
                       if k not in _LINKS and v not in (None, "", "[]", "{}")
                       and not (table == "sledai_assessments" and k in sledai.BY_CODE and not v))
    subject_uuid = ctx.get("subject_uuid")
    record = ctx.get("record")
    if table == "labs" and record in labs.BY_CODE:
        record = labs.BY_CODE[record].label
    elif table == "signatures" and record in MEANING_LABELS:
        record = MEANING_LABELS[record]
    visit_uuid = ctx.get("visit_uuid")
    return AuditEntry(
        seq=r["seq"], at=datetime.fromisoformat(r["at_utc"].replace("Z", "+00:00")), user=r["user"],
        user_name=names.get(r["user"], ""), subject_uuid=subject_uuid, subject=subjects.get(subject_uuid),
        visit=labels.get(visits.get(visit_uuid), visits.get(visit_uuid)) if visit_uuid else None, form=table,
        form_label=FORMS.get(table, table), record=str(record) if record is not None else None, field=field,
        field_label=field_label(table, field), action="created" if created else "deleted" if deleted else "changed",
        old=_typed(field, old) if not created else AuditValue("none"),
        new=_typed(field, new) if not (created and isinstance(new, dict)) else AuditValue("none"),
        values=values, reason=r["reason"] or "", reason_text=reason_text(r["reason"]))


def write_csv(path, header: list[str], rows: list[list[str]]) -> Path:
    """Write the rows a window shows (already in the interface language) as CSV (UTF-8 with BOM for Excel)."""
    path = Path(path)
    if not rows:
        raise ValidationError({"rows": msg("There are no rows to export.")})
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with tmp.open("w", encoding="utf-8-sig", newline="") as f:
            w = csv.writer(f)
            w.writerow(header)
            w.writerows(rows)
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ValidationError({"path": msg("The file could not be written: {error}", error=exc.strerror or str(exc))}) \
            from None
    return path
