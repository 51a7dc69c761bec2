"""Screening, enrolment, arm assignment, identifiers and the subject list."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sle_desktop.app import safety as safety_uc
from sle_desktop.app.errors import ConflictError, NotFound, ValidationError
from sle_desktop.app.session import Session
from sle_desktop.app.site import site_info
from sle_desktop.app.study import load_study, study_in_force
from sle_desktop.app.subject_lookup import get_subject
from sle_desktop.app.validation import Problems
from sle_desktop.domain import acr1997, eligibility, schedule, sledai
from sle_desktop.domain.text import msg
from sle_desktop.store import audit, crypto, records
from sle_desktop.store.db import StoreError

ARMS = ("msc", "standard")
ARM_LABELS = {"msc": "MSC + standard treatment", "standard": "Standard treatment"}
STATUS_LABELS = {
    "screened": "Screened (eligible)",
    "screen_failed": "Screen failure",
    "enrolled": "Enrolled",
    "withdrawn": "Withdrawn",
    "completed": "Completed",
}
_STATUS_IN_SENTENCE = {  # STATUS_LABELS as they read inside a sentence
    "screened": msg("screened (eligible)"),
    "screen_failed": msg("screen failure"),
    "enrolled": msg("enrolled"),
    "withdrawn": msg("withdrawn"),
    "completed": msg("completed"),
}
PREGNANCY_TESTS = ("negative", "positive", "not_applicable")
BIOPSY_CLASSES = ("I", "II", "III", "IV", "V", "VI", "III+V", "IV+V", "II+V")


@dataclass
class ScreeningForm:
    """Everything the enrolment wizard collects before the eligibility decision."""

    consent_date: date | None = None
    consent_version: str = ""
    screening_date: date | None = None
    full_name: str = ""
    national_id: str = ""
    phone: str = ""
    address: str = ""
    date_of_birth: date | None = None
    sex: str | None = None
    childbearing_potential: bool = False
    acr_criteria: frozenset = frozenset()
    anti_dsdna_positive: bool = False
    anti_dsdna_value: float | None = None
    anti_dsdna_uln: float | None = None
    sledai_codes: frozenset = frozenset()
    biopsy_class: str | None = None
    biopsy_date: date | None = None
    proteinuria_g_per_day: float | None = None
    upcr_g_per_g: float | None = None
    active_sediment: bool = False
    investigator_confirms_nephritis: bool = False
    can_follow_procedures: bool = False
    needs_dialysis: bool = False
    planned_transplant: bool = False
    high_risk_condition: bool = False
    high_risk_text: str = ""
    pregnant_or_lactating: bool = False
    pregnancy_test: str | None = None
    chronic_infection: bool = False
    infection_details: str = ""
    last_malignancy_date: date | None = None


@dataclass(frozen=True)
class ScreeningOutcome:
    subject_uuid: str
    screening_number: str
    eligible: bool
    failed: list[str]
    messages: list[str]
    sledai_score: int


def _today(today: date | None) -> date:
    return today or date.today()


def validate_screening(form: ScreeningForm, *, today: date | None = None) -> Problems:
    """Field-level problems of a screening form (empty when it can be evaluated and saved)."""
    today = _today(today)
    p = Problems()
    consent = p.clinical_date("consent_date", form.consent_date, msg("Consent date"), today=today)
    p.text("consent_version", form.consent_version, msg("Consent form version"), required=True, max_len=40)
    screening = p.clinical_date("screening_date", form.screening_date or consent, msg("Screening date"), today=today)
    if consent and screening and screening < consent:
        p["screening_date"] = msg("Screening procedures cannot predate the signed consent; check both dates.")
    p.text("full_name", form.full_name, msg("Patient's full name"), required=True)
    p.text("national_id", form.national_id, msg("National ID"), max_len=40)
    p.text("phone", form.phone, msg("Phone"), max_len=40)
    p.text("address", form.address, msg("Address"), max_len=300)
    dob = p.birth_date("date_of_birth", form.date_of_birth, msg("Date of birth"), today=today)
    if dob and consent and dob >= consent:
        p["date_of_birth"] = msg("Date of birth must be before the consent date.")
    sex = p.choice("sex", form.sex, msg("Sex (biological, at birth)"), ("F", "M"))
    if sex == "F" and form.childbearing_potential:
        if form.pregnancy_test not in ("negative", "positive"):
            p["pregnancy_test"] = msg("A pregnancy test result is required for a woman of child-bearing potential.")
    elif form.pregnancy_test not in (None, "", *PREGNANCY_TESTS):
        p["pregnancy_test"] = msg("Pregnancy test must be negative, positive or not applicable.")
    try:
        acr1997.validate(form.acr_criteria)
    except ValueError as exc:
        p["acr_criteria"] = exc.args[0]  # the message itself: a translatable Msg, which str(exc) is not
    try:
        sledai.validate_codes(form.sledai_codes)
    except ValueError as exc:
        p["sledai_codes"] = exc.args[0]
    p.number("anti_dsdna_value", form.anti_dsdna_value, msg("Anti-dsDNA"), lo=0, hi=100000, unit="IU/mL")
    p.number("anti_dsdna_uln", form.anti_dsdna_uln, msg("Anti-dsDNA upper limit"), lo=0, hi=100000, unit="IU/mL")
    if form.biopsy_class not in (None, ""):
        p.choice("biopsy_class", form.biopsy_class, msg("Biopsy class (ISN/RPS)"), BIOPSY_CLASSES)
        p.clinical_date("biopsy_date", form.biopsy_date, msg("Biopsy date"), today=today, earliest=date(2000, 1, 1))
    p.number("proteinuria_g_per_day", form.proteinuria_g_per_day, msg("Proteinuria"), lo=0, hi=50, unit="g/24 h")
    p.number("upcr_g_per_g", form.upcr_g_per_g, msg("UPCR"), lo=0, hi=50, unit="g/g")
    if form.high_risk_condition:
        p.text("high_risk_text", form.high_risk_text, msg("Description of the high-risk condition"), required=True,
               max_len=2000)
    if form.chronic_infection:
        p.text("infection_details", form.infection_details, msg("Which chronic infection"), required=True, max_len=500)
    if form.last_malignancy_date is not None:
        p.clinical_date("last_malignancy_date", form.last_malignancy_date, msg("Date of the last malignancy"),
                        today=today, earliest=date(1900, 1, 1))
    return p


def evaluate_screening(form: ScreeningForm, store=None) -> eligibility.Result:
    """The eligibility decision for a (validated) form, under the convention of the study in force."""
    pregnant = form.pregnant_or_lactating or form.pregnancy_test == "positive"
    anti_dsdna = eligibility.anti_dsdna_positive(qualitative=form.anti_dsdna_positive, value=form.anti_dsdna_value,
                                                 uln=form.anti_dsdna_uln)
    screening = eligibility.Screening(
        consent_date=form.consent_date, date_of_birth=form.date_of_birth, sex=form.sex,
        acr_criteria=frozenset(form.acr_criteria), anti_dsdna_positive=anti_dsdna,
        sledai_codes=frozenset(form.sledai_codes), biopsy_class=form.biopsy_class or None,
        biopsy_date=form.biopsy_date, proteinuria_g_per_day=form.proteinuria_g_per_day,
        upcr_g_per_g=form.upcr_g_per_g, active_sediment=form.active_sediment,
        investigator_confirms_nephritis=form.investigator_confirms_nephritis,
        can_follow_procedures=form.can_follow_procedures, needs_dialysis=form.needs_dialysis,
        planned_transplant=form.planned_transplant, high_risk_condition=form.high_risk_condition,
        pregnant_or_lactating=pregnant, chronic_infection=form.chronic_infection,
        last_malignancy_date=form.last_malignancy_date,
    )
    study = study_in_force(store) if store is not None else load_study()
    return eligibility.evaluate(screening, study.eligibility)


def _next_number(conn, counter: str) -> int:
    conn.execute("UPDATE counters SET value = value + 1 WHERE name = ?", (counter,))
    return conn.execute("SELECT value FROM counters WHERE name = ?", (counter,)).fetchone()[0]


def _identifier_aad(subject_uuid: str) -> bytes:
    return b"sle_desktop identifiers:" + subject_uuid.encode()


def screen_subject(session: Session, form: ScreeningForm, *, today: date | None = None) -> ScreeningOutcome:
    """Validate, decide eligibility and save the screen (eligible or screen failure) with its identifiers."""
    session.require("screen")
    problems = validate_screening(form, today=today)
    if problems:
        raise ValidationError(problems)
    result = evaluate_screening(form, session.store)
    store = session.store
    site = site_info(store)
    age = eligibility.age_on(form.date_of_birth, form.consent_date)
    with store.transaction() as conn:
        number = f"{site.code}-S{_next_number(conn, 'screening_number'):04d}"
        subject_uuid = records.insert(store, "subjects", {
            "screening_number": number, "status": "screened" if result.eligible else "screen_failed",
            "sex": form.sex, "year_of_birth": form.date_of_birth.year,
        }, user=session.username)
        _save_identifiers(session, subject_uuid, form)
        records.insert(store, "consents", {
            "subject_uuid": subject_uuid, "consent_date": form.consent_date,
            "version": form.consent_version.strip(), "obtained_by": session.username,
        }, user=session.username)
        records.insert(store, "screenings", {
            "subject_uuid": subject_uuid, "screening_date": form.screening_date or form.consent_date,
            "age_at_consent": age, "acr_criteria": sorted(form.acr_criteria),
            "anti_dsdna_positive": form.anti_dsdna_positive, "anti_dsdna_value": form.anti_dsdna_value,
            "anti_dsdna_uln": form.anti_dsdna_uln, "sledai_codes": sorted(form.sledai_codes),
            "sledai_score": sledai.score(form.sledai_codes), "biopsy_class": form.biopsy_class or None,
            "biopsy_date": form.biopsy_date, "proteinuria_g_per_day": form.proteinuria_g_per_day,
            "upcr_g_per_g": form.upcr_g_per_g, "active_sediment": form.active_sediment,
            "investigator_confirms_nephritis": form.investigator_confirms_nephritis,
            "can_follow_procedures": form.can_follow_procedures, "needs_dialysis": form.needs_dialysis,
            "planned_transplant": form.planned_transplant, "high_risk_condition": form.high_risk_condition,
            "high_risk_text": form.high_risk_text.strip() or None,
            "pregnant_or_lactating": form.pregnant_or_lactating or form.pregnancy_test == "positive",
            "pregnancy_test": form.pregnancy_test or None, "chronic_infection": form.chronic_infection,
            "infection_details": form.infection_details.strip() or None,
            "last_malignancy_date": form.last_malignancy_date, "eligible": result.eligible,
            "failed_criteria": list(result.failed),
        }, user=session.username)
    return ScreeningOutcome(subject_uuid, number, result.eligible, list(result.failed), list(result.messages),
                            sledai.score(form.sledai_codes))


def _save_identifiers(session: Session, subject_uuid: str, form: ScreeningForm) -> None:
    """Encrypt direct identifiers under the site data key; the audit trail records only that they changed."""
    payload = {
        "full_name": form.full_name.strip(), "national_id": form.national_id.strip(), "phone": form.phone.strip(),
        "address": form.address.strip(), "date_of_birth": form.date_of_birth.isoformat() if form.date_of_birth else None,
    }
    blob = crypto.seal_json(session.require_key(), payload, _identifier_aad(subject_uuid))
    with session.store.transaction() as conn:
        exists = conn.execute("SELECT 1 FROM identifiers WHERE subject_uuid = ?", (subject_uuid,)).fetchone()
        conn.execute(
            "INSERT OR REPLACE INTO identifiers (subject_uuid, ciphertext, updated_at) VALUES (?, ?, ?)",
            (subject_uuid, blob, datetime.now(UTC).isoformat(timespec="seconds")),
        )
        audit.append(conn, user=session.username, table="identifiers", row_id=subject_uuid, field="*",
                     old="(encrypted)" if exists else None, new="(encrypted)", reason=None)


def identifiers(session: Session, subject_uuid: str) -> dict:
    """Decrypted direct identifiers of one subject (for the logged-in site user only)."""
    session.require("view")
    row = session.store.query_one("SELECT ciphertext FROM identifiers WHERE subject_uuid = ?", (subject_uuid,))
    if row is None:
        raise NotFound(msg("This subject has no identifiers on file."))
    return crypto.open_json(session.require_key(), row["ciphertext"], _identifier_aad(subject_uuid))


_PRIVACY_KINDS = {
    "email": msg("an e-mail address"), "phone": msg("a phone number"),
    "national_id": msg("a national ID or passport number"), "identifier": msg("one of the patient's own identifiers"),
}


def free_text_warnings(session: Session, subject_uuid: str, texts: dict[str, str]) -> list[str]:
    """A warning per finding when free text (field label -> text) looks like it identifies the patient: a phone
    number, a national ID, an e-mail address or one of the subject's own identifiers. Empty when nothing does.

    Free text travels to the sponsor; the clinician may still save after confirming."""
    from sle_desktop.domain import privacy

    try:
        own = identifiers(session, subject_uuid)
    except (NotFound, crypto.CryptoError, StoreError):
        own = {}
    warnings = []
    for label, text in texts.items():
        for finding in privacy.identifying(text, own):
            warnings.append(msg("{field}: “{text}” looks like {kind}.", field=label, text=finding.text[:60],
                                kind=_PRIVACY_KINDS[finding.kind]))
    return warnings


def initials(full_name: str) -> str:
    parts = [p for p in full_name.replace("-", " ").split() if p]
    return "".join(p[0].upper() for p in parts[:3])


def enrol_patient(session: Session, subject_uuid: str, *, arm: str, reason: str, today: date | None = None) -> str:
    """Enrol an eligible screened subject: allocate the subject ID (gapless) and record the investigator's arm."""
    session.require("assign_arm")
    p = Problems()
    p.choice("arm", arm, msg("Treatment arm"), ARMS)
    p.text("arm_reason", reason, msg("Reason for the arm assignment"), required=True, max_len=1000)
    if p:
        raise ValidationError(p)
    store = session.store
    with store.transaction() as conn:
        subject = get_subject(session, subject_uuid)
        if subject.status != "screened":
            raise ConflictError(msg("{number} cannot be enrolled: status is {status}.",
                                    number=subject.screening_number, status=_STATUS_IN_SENTENCE[subject.status]))
        subject_id = f"{site_info(store).code}-{_next_number(conn, 'subject_number'):04d}"
        records.update(store, "subjects", subject_uuid, {
            "subject_id": subject_id, "status": "enrolled", "arm": arm, "arm_reason": reason.strip(),
            "arm_assigned_by": session.username,
            "arm_assigned_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }, user=session.username, reason="enrolment and arm assignment")
    return subject_id


def withdraw_subject(session: Session, subject_uuid: str, *, reason: str) -> None:
    session.require("enter_data")
    p = Problems()
    p.text("withdrawn_reason", reason, msg("Reason for withdrawal"), required=True, max_len=1000)
    if p:
        raise ValidationError(p)
    subject = get_subject(session, subject_uuid)
    if subject.status != "enrolled":
        raise ConflictError(msg("Only an enrolled subject can be withdrawn."))
    records.update(session.store, "subjects", subject_uuid, {"status": "withdrawn", "withdrawn_reason": reason.strip()},
                   user=session.username, reason=reason)


@dataclass
class SubjectSummary:
    """One row of the main window's subject list."""

    uuid: str
    subject_id: str | None
    screening_number: str
    initials: str
    sex: str | None
    arm: str | None
    status: str
    baseline_date: str | None
    last_sledai: int | None
    last_sledai_date: str | None
    next_visit: str | None
    next_visit_due: str | None
    next_visit_status: str | None
    overdue_sae: bool
    failed_criteria: list[str] = field(default_factory=list)
    next_visit_label: str | None = None  # in the study definition in force
    last_flare: str | None = None  # the last assessment's SELENA Flare Index, or its SLEDAI/PGA parts when partial
    last_flare_complete: bool | None = None  # False: recorded before the index (SLEDAI/PGA parts only)

    @property
    def label(self) -> str:
        return self.subject_id or self.screening_number


def list_subjects(session: Session, *, today: date | None = None) -> list[SubjectSummary]:
    """Every subject with status, last SLEDAI, next visit due and overdue-SAE flag (a handful of queries)."""
    session.require("view")
    store = session.store
    today = _today(today)
    key = session.data_key
    names = {}
    if key is not None:
        aead = crypto.aead(key)  # one cipher object for the whole list
        for subject_uuid, blob in store.conn.execute("SELECT subject_uuid, ciphertext FROM identifiers"):
            try:
                names[subject_uuid] = initials(crypto.open_json(aead, blob, _identifier_aad(subject_uuid))["full_name"])
            except (crypto.CryptoError, KeyError, TypeError, ValueError):
                names[subject_uuid] = "?"
    failed = {s: json.loads(f) for s, f in store.conn.execute(
        "SELECT subject_uuid, failed_criteria FROM screenings WHERE failed_criteria != '[]'")}
    overdue = safety_uc.subjects_with_overdue_sae(session)
    visits = study_in_force(store).visits
    out = []
    # subject_listing (migration 6) is kept by triggers in the same transaction as every visit/SLEDAI write.
    for r in store.conn.execute(
        "SELECT s.uuid, s.subject_id, s.screening_number, s.sex, s.arm, s.status, s.baseline_date, "
        "l.done_codes, l.last_sledai, l.last_sledai_date, l.last_flare, l.last_flare_index, l.last_flare_complete "
        "FROM subjects s LEFT JOIN subject_listing l ON l.subject_uuid = s.uuid WHERE s.deleted = 0 "
        "ORDER BY coalesce(s.subject_id, s.screening_number)"
    ):
        uuid_, sid, scr, sex, arm, status, baseline, done_codes, score, when, flare_sp, flare_index, complete = r
        nxt = None
        if status == "enrolled" and baseline:
            done = done_codes.split(" ") if done_codes else ()
            nxt = schedule.next_due(date.fromisoformat(baseline), done, today, visits)
        out.append(SubjectSummary(
            uuid=uuid_, subject_id=sid, screening_number=scr, initials=names.get(uuid_, ""), sex=sex, arm=arm,
            status=status, baseline_date=baseline, last_sledai=score, last_sledai_date=when,
            next_visit=nxt[0].code if nxt else None, next_visit_label=nxt[0].label if nxt else None,
            next_visit_due=nxt[2].isoformat() if nxt else None,
            next_visit_status=nxt[4] if nxt else None, overdue_sae=uuid_ in overdue,
            failed_criteria=failed.get(uuid_, []),
            last_flare=flare_index if complete else flare_sp, last_flare_complete=None if complete is None else bool(complete),
        ))
    return out


