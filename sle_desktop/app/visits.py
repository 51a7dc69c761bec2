"""Visits, SELENA-SLEDAI assessments, labs and concomitant medication."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sle_desktop.app.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from sle_desktop.app.session import Session
from sle_desktop.app.study import study_in_force
from sle_desktop.app.subjects import identifiers
from sle_desktop.app.validation import Problems
from sle_desktop.domain import eligibility, outcomes, renal, schedule, sledai
from sle_desktop.domain import labs as lab_rules
from sle_desktop.domain.text import msg
from sle_desktop.store import records


@dataclass(frozen=True)
class VisitResult:
    uuid: str
    visit_code: str
    study_day: int | None
    window_status: str | None
    deviation_uuid: str | None


def _visit_defs(store) -> dict:
    return {v.code: v for v in study_in_force(store).visits}


def _subject(session: Session, subject_uuid: str) -> dict:
    row = records.get(session.store, "subjects", subject_uuid)
    if row is None or row["deleted"]:
        raise NotFound(msg("No such subject."))
    return row


def _visit(session: Session, visit_uuid: str) -> dict:
    row = records.get(session.store, "visits", visit_uuid)
    if row is None or row["deleted"]:
        raise NotFound(msg("No such visit."))
    return row


def record_visit(session: Session, subject_uuid: str, visit_code: str, visit_date: date, *, notes: str = "",
                 today: date | None = None, from_paper: bool = False) -> VisitResult:
    """Record that a visit took place; out-of-window visits are allowed and logged as protocol deviations.

    `from_paper`: the visit's forms are transcribed from a paper CRF (marked, and said in the audit trail)."""
    session.require("enter_data")
    today = today or date.today()
    defs = _visit_defs(session.store)
    p = Problems()
    p.choice("visit_code", visit_code, msg("Visit"), [c for c in defs if c != "screening"])
    when = p.clinical_date("visit_date", visit_date, msg("Visit date"), today=today)
    notes = p.text("notes", notes, msg("Notes"), max_len=2000) or None
    if p:
        raise ValidationError(p)
    store = session.store
    with store.transaction():
        subject = _subject(session, subject_uuid)
        if subject["status"] != "enrolled":
            raise ConflictError(msg("Visits can be recorded only for enrolled subjects ({number} is not).",
                                    number=subject["screening_number"]))
        vdef = defs[visit_code]
        if vdef.scheduled and store.scalar(
            "SELECT count(*) FROM visits WHERE subject_uuid = ? AND visit_code = ? AND deleted = 0",
            (subject_uuid, visit_code),
        ):
            raise ConflictError(msg("The {visit} visit is already recorded for {subject}.", visit=vdef.label,
                                    subject=subject["subject_id"]))
        baseline = subject["baseline_date"]
        if visit_code == "baseline":
            screening = store.scalar("SELECT screening_date FROM screenings WHERE subject_uuid = ?", (subject_uuid,))
            if screening and when < date.fromisoformat(screening):
                raise ValidationError({"visit_date": msg("The baseline visit cannot be before the screening date.")})
            records.update(store, "subjects", subject_uuid, {"baseline_date": when}, user=session.username,
                           reason="baseline visit recorded")
            baseline = when.isoformat()
        elif not baseline:
            raise ConflictError(msg("Record the baseline (day 0) visit first: study days count from it."))
        day0 = date.fromisoformat(baseline)
        if when < day0:
            raise ValidationError({"visit_date": msg("The visit date is before baseline ({day0:%d.%m.%Y}).",
                                                     day0=day0)})
        day = schedule.study_day(day0, when)
        status = schedule.window_status(visit_code, day0, when, study_in_force(store).visits) if vdef.window_days is not None else None
        visit_uuid = records.insert(store, "visits", {
            "subject_uuid": subject_uuid, "visit_code": visit_code, "visit_date": when, "study_day": day,
            "window_status": status, "notes": notes, **records.paper_source(from_paper),
        }, user=session.username, reason=records.PAPER_CRF if from_paper else None)
        deviation = None
        if status in ("early", "late"):
            earliest, target, latest = schedule.visit_window(visit_code, day0, study_in_force(store).visits)
            deviation = records.insert(store, "deviations", {
                "subject_uuid": subject_uuid, "visit_uuid": visit_uuid, "kind": "visit_out_of_window",
                "description": f"{vdef.label} on study day {day} is {status}: window {earliest:%d.%m.%Y}–{latest:%d.%m.%Y}.",
                "detected_on": today,
            }, user=session.username)
    return VisitResult(visit_uuid, visit_code, day, status, deviation)


@dataclass(frozen=True)
class VisitRow:
    """One recorded visit with its SLEDAI summary (None when no assessment is on file)."""

    uuid: str
    subject_uuid: str
    visit_code: str
    visit_date: str
    study_day: int | None
    window_status: str | None
    sledai_uuid: str | None
    sledai_score: int | None
    pga: float | None
    flare: str | None
    entry_source: str = "direct"  # "paper_crf" when transcribed from a paper CRF


def list_visits(session: Session, subject_uuid: str) -> list[VisitRow]:
    """The subject's visits by date."""
    session.require("view")
    return [VisitRow(**r) for r in session.store.query(
        "SELECT v.uuid, v.subject_uuid, v.visit_code, v.visit_date, v.study_day, v.window_status, v.entry_source, "
        "s.uuid AS sledai_uuid, s.score AS sledai_score, s.pga, s.flare FROM visits v "
        "LEFT JOIN sledai_assessments s ON s.visit_uuid = v.uuid AND s.deleted = 0 "
        "WHERE v.subject_uuid = ? AND v.deleted = 0 ORDER BY v.visit_date, v.created_at",
        (subject_uuid,),
    )]


@dataclass(frozen=True)
class SledaiResult:
    uuid: str
    score: int
    renal_score: int
    pga: float
    flare: str | None
    changed_fields: list[str]


def _check_pga(p: Problems, pga) -> float | None:
    value = p.number("pga", pga, msg("Physician's Global Assessment"), lo=0.0, hi=3.0, required=True)
    return None if value is None else round(value, 1)


def save_sledai(session: Session, visit_uuid: str, codes, pga: float, *, suggested=frozenset(),
                reason: str | None = None) -> SledaiResult:
    """Save (or correct, with a reason) the SELENA-SLEDAI of a visit; computes score, renal score and flare."""
    session.require("enter_data")
    p = Problems()
    try:
        present = sledai.validate_codes(codes)
        suggested_codes = sledai.validate_codes(suggested)
    except ValueError as exc:
        raise ValidationError({"descriptors": exc.args[0]}) from None  # the message itself (str() drops a Msg)
    pga_value = _check_pga(p, pga)
    if p:
        raise ValidationError(p)
    store = session.store
    with store.transaction():
        visit = _visit(session, visit_uuid)
        score = sledai.score(present)
        previous = store.query_one(
            "SELECT s.score, s.pga FROM sledai_assessments s JOIN visits v ON v.uuid = s.visit_uuid "
            "WHERE s.subject_uuid = ? AND s.deleted = 0 AND v.deleted = 0 AND s.visit_uuid != ? "
            "AND (v.visit_date < ? OR (v.visit_date = ? AND v.created_at < ?)) "
            "ORDER BY v.visit_date DESC, v.created_at DESC LIMIT 1",
            (visit["subject_uuid"], visit_uuid, visit["visit_date"], visit["visit_date"], visit["created_at"]),
        )
        flare = outcomes.selena_flare(previous["score"], score, previous["pga"], pga_value) if previous else None
        values = {code: code in present for code in sledai.CODES}
        values.update({
            "sources": {c: ("suggested" if c in suggested_codes else "entered") for c in sorted(present)},
            "score": score, "renal_score": sledai.renal_score(present), "pga": pga_value, "flare": flare,
        })
        existing = store.query_one(
            "SELECT uuid FROM sledai_assessments WHERE visit_uuid = ? AND deleted = 0", (visit_uuid,)
        )
        if existing:
            changed = records.update(store, "sledai_assessments", existing["uuid"], values, user=session.username,
                                     reason=reason)
            uuid_ = existing["uuid"]
        else:
            uuid_ = records.insert(store, "sledai_assessments",
                                   dict(values, subject_uuid=visit["subject_uuid"], visit_uuid=visit_uuid),
                                   user=session.username)
            changed = ["*"]
    return SledaiResult(uuid_, score, sledai.renal_score(present), pga_value, flare, changed)


def get_sledai(session: Session, visit_uuid: str) -> dict | None:
    """The visit's assessment: present codes, sources, score, PGA, flare; None if not entered yet."""
    session.require("view")
    row = session.store.query_one("SELECT * FROM sledai_assessments WHERE visit_uuid = ? AND deleted = 0", (visit_uuid,))
    if row is None:
        return None
    return {
        "uuid": row["uuid"], "codes": frozenset(c for c in sledai.CODES if row[c]),
        "sources": json.loads(row["sources"]), "score": row["score"], "renal_score": row["renal_score"],
        "pga": row["pga"], "flare": row["flare"],
    }


@dataclass(frozen=True)
class LabEntry:
    """One lab result as entered: value in `unit` (canonical or an accepted alternative), lab normal limits."""

    value: float
    unit: str | None = None
    lln: float | None = None
    uln: float | None = None


def save_labs(session: Session, visit_uuid: str, sample_date: date, results: dict[str, LabEntry], *,
              reason: str | None = None, today: date | None = None) -> list[str]:
    """Save lab results of a visit in canonical units; changing a saved value needs a reason."""
    session.require("enter_data")
    today = today or date.today()
    p = Problems()
    when = p.clinical_date("sample_date", sample_date, msg("Sample date"), today=today)
    canonical = {}
    for test, entry in results.items():
        try:
            t = lab_rules.lab_test(test)
            value = lab_rules.to_canonical(test, entry.value, entry.unit or t.unit)
            lln = None if entry.lln is None else lab_rules.to_canonical(test, entry.lln, entry.unit or t.unit)
            uln = None if entry.uln is None else lab_rules.to_canonical(test, entry.uln, entry.unit or t.unit)
            if lln is not None and uln is not None and lln > uln:
                raise ValueError(msg("{test}: the lower normal limit is above the upper one", test=t.label))
            canonical[test] = (value, t.unit, lln, uln)
        except (ValueError, TypeError) as exc:
            p[test] = exc.args[0]
    if p:
        raise ValidationError(p)
    store = session.store
    saved = []
    with store.transaction():
        visit = _visit(session, visit_uuid)
        for test, (value, unit, lln, uln) in canonical.items():
            existing = store.query_one(
                "SELECT uuid FROM labs WHERE visit_uuid = ? AND test = ? AND deleted = 0", (visit_uuid, test)
            )
            values = {"sample_date": when, "value": value, "unit": unit, "lln": lln, "uln": uln}
            if existing:
                records.update(store, "labs", existing["uuid"], values, user=session.username, reason=reason)
                saved.append(existing["uuid"])
            else:
                saved.append(records.insert(store, "labs", dict(values, subject_uuid=visit["subject_uuid"],
                                                                visit_uuid=visit_uuid, test=test), user=session.username))
    return saved


def visit_labs(session: Session, visit_uuid: str) -> dict[str, dict]:
    """test -> {uuid, value, unit, lln, uln, out_of_range: 'low'|'high'|None} for one visit."""
    session.require("view")
    out = {}
    for r in session.store.query("SELECT * FROM labs WHERE visit_uuid = ? AND deleted = 0", (visit_uuid,)):
        flag = None
        if r["lln"] is not None and r["value"] < r["lln"]:
            flag = "low"
        elif r["uln"] is not None and r["value"] > r["uln"]:
            flag = "high"
        out[r["test"]] = {"uuid": r["uuid"], "value": r["value"], "unit": r["unit"], "lln": r["lln"], "uln": r["uln"],
                          "out_of_range": flag}
    return out


def lab_suggestions(session: Session, visit_uuid: str) -> list:
    """SLEDAI descriptors suggested by this visit's labs (the clinician confirms each)."""
    session.require("view")
    visit = _visit(session, visit_uuid)
    current = visit_labs(session, visit_uuid)
    prev = session.store.query(
        "SELECT l.test, l.value FROM labs l JOIN visits v ON v.uuid = l.visit_uuid WHERE l.subject_uuid = ? "
        "AND l.deleted = 0 AND v.visit_date < ? AND l.test IN ('protein_24h', 'upcr') ORDER BY v.visit_date",
        (visit["subject_uuid"], visit["visit_date"]),
    )
    previous = {r["test"]: r["value"] for r in prev}
    panel = lab_rules.LabPanel(
        **{t: v["value"] for t, v in current.items() if hasattr(lab_rules.LabPanel, t)},
        c3_lln=current.get("c3", {}).get("lln"), c4_lln=current.get("c4", {}).get("lln"),
        anti_dsdna_uln=current.get("anti_dsdna", {}).get("uln"),
        previous_protein_24h=previous.get("protein_24h"), previous_upcr=previous.get("upcr"),
    )
    return lab_rules.suggest_descriptors(panel)


def visit_egfr(session: Session, visit_uuid: str) -> tuple[float | None, str]:
    """(eGFR, explanation) from the visit's creatinine, the subject's age at the visit and sex."""
    session.require("view")
    visit = _visit(session, visit_uuid)
    labs = visit_labs(session, visit_uuid)
    if "creatinine" not in labs:
        return None, "no creatinine result"
    subject = _subject(session, visit["subject_uuid"])
    if subject["sex"] not in ("F", "M"):
        return None, "sex unknown: eGFR not computed"
    try:
        dob = identifiers(session, subject["uuid"]).get("date_of_birth")
    except (NotFound, PermissionDenied):  # no identifiers on file or key locked: year of birth will do
        dob = None
    on = date.fromisoformat(visit["visit_date"])
    if dob:
        age = eligibility.age_on(date.fromisoformat(dob), on)
    else:
        age = on.year - subject["year_of_birth"]
    try:
        value = renal.egfr_from_umol(labs["creatinine"]["value"], age, subject["sex"])
    except ValueError as exc:
        return None, exc.args[0]
    return value, f"CKD-EPI 2021, age {age}, sex {subject['sex']}"


def add_con_med(session: Session, subject_uuid: str, *, drug: str, dose: float | None = None, dose_unit: str = "",
                route: str = "", frequency: str = "", start_date: date | None = None, stop_date: date | None = None,
                indication: str = "", today: date | None = None) -> str:
    """Record a concomitant (standard-treatment) medication."""
    session.require("enter_data")
    today = today or date.today()
    p = Problems()
    drug = p.text("drug", drug, msg("Drug"), required=True)
    p.number("dose", dose, msg("Dose"), lo=0, hi=100000)
    start = p.clinical_date("start_date", start_date, msg("Start date"), today=today, required=False,
                            earliest=date(1950, 1, 1))
    stop = p.clinical_date("stop_date", stop_date, msg("Stop date"), today=today, required=False,
                           earliest=date(1950, 1, 1))
    if start and stop and stop < start:
        p["stop_date"] = msg("The stop date is before the start date.")
    values = {
        "drug": drug, "dose": dose, "dose_unit": p.text("dose_unit", dose_unit, msg("Dose unit"), max_len=20),
        "route": p.text("route", route, msg("Route"), max_len=40),
        "frequency": p.text("frequency", frequency, msg("Frequency"), max_len=60),
        "start_date": start, "stop_date": stop, "indication": p.text("indication", indication, msg("Indication")),
    }
    if p:
        raise ValidationError(p)
    _subject(session, subject_uuid)
    return records.insert(session.store, "con_meds", dict(values, subject_uuid=subject_uuid), user=session.username)


@dataclass(frozen=True)
class ConMed:
    """One concomitant medication of a subject."""

    uuid: str
    drug: str
    dose: float | None
    dose_unit: str | None
    route: str | None
    frequency: str | None
    start_date: str | None
    stop_date: str | None
    indication: str | None


def list_con_meds(session: Session, subject_uuid: str) -> list[ConMed]:
    """The subject's concomitant medications by start date."""
    session.require("view")
    return [ConMed(**r) for r in session.store.query(
        "SELECT uuid, drug, dose, dose_unit, route, frequency, start_date, stop_date, indication FROM con_meds "
        "WHERE subject_uuid = ? AND deleted = 0 ORDER BY start_date", (subject_uuid,)
    )]
