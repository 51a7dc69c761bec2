"""Small use cases the clinician windows need on top of subjects/visits/safety.

Read-only helpers (visit choices, window preview, lab limits, suggestion and eGFR
previews, filter lists) plus one write: `save_visit_forms`, which saves a visit, its
labs and its SELENA-SLEDAI in ONE transaction through the existing use cases, so a
failed save leaves nothing half-written.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
from dataclasses import dataclass
from datetime import date

from sle_desktop.app import flare_preview, visits
from sle_desktop.app.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from sle_desktop.app.session import Session
from sle_desktop.app.study import study_in_force
from sle_desktop.app.subjects import identifiers
from sle_desktop.domain import eligibility, renal, schedule
from sle_desktop.domain import labs as lab_rules
from sle_desktop.domain import study as study_def
from sle_desktop.domain.text import msg


@contextlib.contextmanager
def background_store(store):
    """A second connection to the same database (for a worker thread); closed afterwards.

    An in-memory store has only its own connection: it is given back as is (see `uses_own_connection`).
    """
    clone = store.clone()
    try:
        yield clone
    finally:
        if clone is not store:
            clone.close()


@contextlib.contextmanager
def background_session(session: Session):
    """The same user on a second connection to the store (for a worker thread); closed afterwards."""
    with background_store(session.store) as clone:
        yield dataclasses.replace(session, store=clone)


def uses_own_connection(session_or_store) -> bool:
    """True when `background_session`/`background_store` give a separate connection (a file or server database)."""
    store = getattr(session_or_store, "store", session_or_store)
    return getattr(store, "path", None) is not None or getattr(store, "url", None) is not None


# -- visits ------------------------------------------------------------------------------
@dataclass(frozen=True)
class VisitChoice:
    code: str
    label: str
    recorded: bool  # a scheduled visit already on file cannot be recorded twice


def visit_choices(session: Session, subject_uuid: str) -> list[VisitChoice]:
    """The study's visits after screening, each marked when already recorded for the subject."""
    session.require("view")
    done = {v.visit_code for v in visits.list_visits(session, subject_uuid)}
    out = []
    for v in study_in_force(session.store).visits:
        if v.code == "screening":
            continue
        out.append(VisitChoice(v.code, v.label, v.scheduled and v.code in done))
    return out


def study_definition(session: Session) -> study_def.StudyDefinition:
    """The study definition in force (visits and their forms, eligibility rules) for the windows."""
    session.require("view")
    return study_in_force(session.store)


VISIT_FORMS = ("sledai", "labs")
"""The forms of a visit the visit window shows (as listed in `visits[].forms`); con-meds belong to the subject."""


def visit_forms(session: Session, visit_code: str, visit_uuid: str | None = None) -> frozenset[str]:
    """Which of the visit window's forms ("sledai", "labs") a visit shows: those its definition in force lists,
    plus any already recorded for it (data entered under an earlier definition stays visible)."""
    session.require("view")
    try:
        listed = set(study_in_force(session.store).visit(visit_code).forms)
    except KeyError:
        listed = set()
    if visit_uuid is not None:
        if session.store.scalar("SELECT 1 FROM sledai_assessments WHERE visit_uuid = ? AND deleted = 0", (visit_uuid,)):
            listed.add("sledai")
        if session.store.scalar("SELECT 1 FROM labs WHERE visit_uuid = ? AND deleted = 0 LIMIT 1", (visit_uuid,)):
            listed.add("labs")
    return frozenset(f for f in VISIT_FORMS if f in listed)


def visit_label(session: Session, code: str) -> str:
    """The label of a visit code in the study definition in force (the code itself if unknown)."""
    for v in study_in_force(session.store).visits:
        if v.code == code:
            return v.label
    return code


@dataclass(frozen=True)
class WindowPreview:
    study_day: int | None
    status: str | None            # "early" | "in_window" | "late" | None (no window)
    earliest: date | None
    target: date | None
    latest: date | None
    problem: str | None = None    # why the visit cannot be recorded on that date


def visit_window_preview(session: Session, subject_uuid: str, visit_code: str, on: date) -> WindowPreview:
    """Study day and window status a visit on `on` would get (what `record_visit` will compute)."""
    session.require("view")
    subject = session.store.query_one("SELECT baseline_date, status FROM subjects WHERE uuid = ?", (subject_uuid,))
    if subject is None:
        raise NotFound(msg("No such subject."))
    if visit_code == "baseline":
        return WindowPreview(0, None, None, on, None)
    if not subject["baseline_date"]:
        return WindowPreview(None, None, None, None, None,
                             msg("Record the baseline (day 0) visit first: study days count from it."))
    day0 = date.fromisoformat(subject["baseline_date"])
    day = schedule.study_day(day0, on)
    if on < day0:
        return WindowPreview(day, None, None, None, None,
                             msg("The visit date is before baseline ({day0:%d.%m.%Y}).", day0=day0))
    study_visits = study_in_force(session.store).visits
    vdef = next((v for v in study_visits if v.code == visit_code), None)
    if vdef is None or vdef.window_days is None:
        return WindowPreview(day, None, None, None, None)
    earliest, target, latest = schedule.visit_window(visit_code, day0, study_visits)
    return WindowPreview(day, schedule.window_status(visit_code, day0, on, study_visits), earliest, target, latest)


def get_visit(session: Session, visit_uuid: str) -> visits.VisitRow:
    """One visit row with its SLEDAI summary (as in `visits.list_visits`)."""
    session.require("view")
    row = session.store.query_one("SELECT subject_uuid FROM visits WHERE uuid = ? AND deleted = 0", (visit_uuid,))
    if row is None:
        raise NotFound(msg("No such visit."))
    for v in visits.list_visits(session, row["subject_uuid"]):
        if v.uuid == visit_uuid:
            return v
    raise NotFound(msg("No such visit."))


def lab_sample_date(session: Session, visit_uuid: str) -> date | None:
    """The sample date of a visit's saved labs (None when no lab is on file)."""
    session.require("view")
    value = session.store.scalar(
        "SELECT sample_date FROM labs WHERE visit_uuid = ? AND deleted = 0 ORDER BY created_at LIMIT 1", (visit_uuid,))
    return date.fromisoformat(value) if value else None


def previous_lab_limits(session: Session, subject_uuid: str) -> dict[str, tuple[float | None, float | None]]:
    """test -> (lln, uln) most recently entered for this subject (pre-fills the next lab form)."""
    session.require("view")
    out: dict[str, tuple[float | None, float | None]] = {}
    for r in session.store.query(
        "SELECT test, lln, uln FROM labs WHERE subject_uuid = ? AND deleted = 0 AND (lln IS NOT NULL OR uln IS NOT NULL) "
        "ORDER BY sample_date, created_at", (subject_uuid,)
    ):
        out[r["test"]] = (r["lln"], r["uln"])
    return out


@dataclass(frozen=True)
class FlareView:
    """The visit form's SELENA Flare Index panel: suggestions with the computed dose, and the live result."""

    suggestions: flare_preview.FlareSuggestions
    preview: flare_preview.FlarePreview


def preview_flare_index(session: Session, subject_uuid: str, visit_uuid: str | None, on: date, *, codes, pga,
                        flare: visits.FlareInputs, entries: dict[str, visits.LabEntry],
                        weight_kg: float | None) -> FlareView:
    """Suggestions and result of the SELENA Flare Index for the values as typed on the visit form.

    Lab values that do not convert and a weight outside 20–300 kg are left out rather than raising.
    """
    session.require("view")
    labs = {}
    for test, e in entries.items():
        try:
            labs[test] = lab_rules.to_canonical(test, e.value, e.unit or lab_rules.lab_test(test).unit)
        except (ValueError, TypeError):
            continue
    if visit_uuid is not None:  # saved values the form does not show again stay in force
        labs = {**{t: v.value for t, v in visits.visit_labs(session, visit_uuid).items()}, **labs}
    if weight_kg is not None and not 20 <= weight_kg <= 300:
        weight_kg = None
    kwargs = dict(subject_uuid=subject_uuid, on=on, weight_kg=weight_kg)
    found = flare_preview.flare_suggestions(session, visit_uuid, codes, labs=labs, **kwargs)
    preview = flare_preview.preview_flare(session, visit_uuid, codes, pga, flare, **kwargs)
    return FlareView(found, preview)


def preview_lab_suggestions(session: Session, subject_uuid: str, on: date,
                            entries: dict[str, visits.LabEntry]) -> list[lab_rules.Suggestion]:
    """SLEDAI descriptors the labs being typed would suggest (same rule as `visits.lab_suggestions`).

    Values that do not convert (unknown unit, implausible) are left out rather than raising.
    """
    session.require("view")
    current: dict[str, tuple[float, float | None, float | None]] = {}
    for test, e in entries.items():
        try:
            t = lab_rules.lab_test(test)
            unit = e.unit or t.unit
            value = lab_rules.to_canonical(test, e.value, unit)
            lln = None if e.lln is None else lab_rules.to_canonical(test, e.lln, unit)
            uln = None if e.uln is None else lab_rules.to_canonical(test, e.uln, unit)
        except (ValueError, TypeError):
            continue
        current[test] = (value, lln, uln)
    previous = {
        r["test"]: r["value"] for r in session.store.query(
            "SELECT l.test, l.value FROM labs l JOIN visits v ON v.uuid = l.visit_uuid WHERE l.subject_uuid = ? "
            "AND l.deleted = 0 AND v.deleted = 0 AND v.visit_date < ? AND l.test IN ('protein_24h', 'upcr') "
            "ORDER BY v.visit_date", (subject_uuid, on.isoformat()))
    }
    panel = lab_rules.LabPanel(
        **{t: v[0] for t, v in current.items() if hasattr(lab_rules.LabPanel, t)},
        c3_lln=current.get("c3", (None, None, None))[1], c4_lln=current.get("c4", (None, None, None))[1],
        anti_dsdna_uln=current.get("anti_dsdna", (None, None, None))[2],
        previous_protein_24h=previous.get("protein_24h"), previous_upcr=previous.get("upcr"),
    )
    try:
        return lab_rules.suggest_descriptors(panel)
    except ValueError:
        return []


def egfr_preview(session: Session, subject_uuid: str, creatinine_umol_l: float, on: date) -> tuple[float | None, str]:
    """(eGFR, explanation) for a creatinine being typed, as `visits.visit_egfr` computes it once saved."""
    session.require("view")
    subject = session.store.query_one("SELECT uuid, sex, year_of_birth FROM subjects WHERE uuid = ?", (subject_uuid,))
    if subject is None:
        raise NotFound(msg("No such subject."))
    if subject["sex"] not in ("F", "M"):
        return None, "sex unknown: eGFR not computed"
    try:
        dob = identifiers(session, subject_uuid).get("date_of_birth")
    except (NotFound, PermissionDenied):
        dob = None
    age = eligibility.age_on(date.fromisoformat(dob), on) if dob else on.year - subject["year_of_birth"]
    try:
        value = renal.egfr_from_umol(creatinine_umol_l, age, subject["sex"])
    except ValueError as exc:
        return None, exc.args[0]
    return value, f"CKD-EPI 2021, age {age}, sex {subject['sex']}"


@dataclass(frozen=True)
class VisitSave:
    visit_uuid: str
    created: bool
    window_status: str | None
    sledai: visits.SledaiResult | None


def save_visit_forms(session: Session, subject_uuid: str, *, visit_uuid: str | None = None,
                     visit_code: str | None = None, visit_date: date | None = None,
                     labs: dict[str, visits.LabEntry] | None = None, sample_date: date | None = None,
                     codes=None, pga: float | None = None, suggested=frozenset(), reason: str | None = None,
                     weight_kg: float | None = None, flare: visits.FlareInputs | None = None,
                     today: date | None = None, from_paper: bool = False) -> VisitSave:
    """Record the visit (when new) with its body weight, then its labs and SLEDAI with the SELENA Flare Index
    inputs, all in one transaction.

    Raises what the underlying use cases raise (ValidationError, ReasonRequired, ...); then nothing is saved.
    """
    session.require("enter_data")
    created, status = False, None
    result = None
    with session.store.transaction():
        if visit_uuid is None:
            if visit_code is None:
                raise ConflictError(msg("Choose the visit first."))
            recorded = visits.record_visit(session, subject_uuid, visit_code, visit_date, weight_kg=weight_kg,
                                           today=today, from_paper=from_paper)
            visit_uuid, created, status = recorded.uuid, True, recorded.window_status
        else:
            visits.set_visit_weight(session, visit_uuid, weight_kg, reason=reason)
        code = visit_code if created else session.store.scalar("SELECT visit_code FROM visits WHERE uuid = ?",
                                                                (visit_uuid,))
        forms = visit_forms(session, code, None if created else visit_uuid)
        for form, given, field in (("labs", bool(labs), "labs"), ("sledai", codes is not None, "pga")):
            if given and form not in forms:
                raise ValidationError({field: msg("The visit {visit} has no {form} form in study definition "
                                                  "{version}; nothing was saved.", visit=code,
                                                  form=schedule.FORMS[form], version=study_in_force(session.store).version)})
        if labs:
            visits.save_labs(session, visit_uuid, sample_date, labs, reason=reason, today=today)
        if codes is not None:
            result = visits.save_sledai(session, visit_uuid, codes, pga, suggested=suggested, reason=reason,
                                        flare=flare)
    return VisitSave(visit_uuid, created, status, result)


def screening_result(session: Session, subject_uuid: str) -> dict | None:
    """The saved screening decision: screening_date, eligible, failed (criterion names), sledai_score."""
    session.require("view")
    row = session.store.query_one(
        "SELECT screening_date, eligible, failed_criteria, sledai_score FROM screenings WHERE subject_uuid = ? "
        "AND deleted = 0", (subject_uuid,))
    if row is None:
        return None
    return {"screening_date": row["screening_date"], "eligible": bool(row["eligible"]),
            "failed": json.loads(row["failed_criteria"]), "sledai_score": row["sledai_score"]}


# -- filter lists --------------------------------------------------------------------------
def subject_labels(session: Session) -> list[tuple[str, str]]:
    """(uuid, subject ID or screening number) of every subject, for pick lists."""
    session.require("view")
    return [(r["uuid"], r["label"]) for r in session.store.query(
        "SELECT uuid, coalesce(subject_id, screening_number) AS label FROM subjects WHERE deleted = 0 ORDER BY label")]


def audit_user_names(session: Session) -> list[str]:
    """Every user name that appears in the audit trail (accounts and headless `cli:` actors)."""
    session.require("view")
    return [r["user"] for r in session.store.query("SELECT DISTINCT user FROM audit ORDER BY user")]
