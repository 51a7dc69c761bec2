"""Visits, SELENA-SLEDAI assessments with the SELENA Flare Index, and labs (con-meds: `app.con_meds`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sle_desktop.app.con_meds import ConMed, add_con_med, list_con_meds  # noqa: F401 (visits.* API)
from sle_desktop.app.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from sle_desktop.app.session import Session
from sle_desktop.app.study import study_in_force
from sle_desktop.app.subjects import identifiers
from sle_desktop.app.validation import Problems
from sle_desktop.domain import eligibility, flare_inputs, medication, outcomes, renal, schedule, sledai
from sle_desktop.domain import labs as lab_rules
from sle_desktop.domain.text import Msg, msg
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


def _check_weight(p: Problems, weight_kg) -> float | None:
    return p.number("weight_kg", weight_kg, msg("Body weight"), lo=medication.MIN_WEIGHT_KG,
                    hi=medication.MAX_WEIGHT_KG, unit="kg")


def record_visit(session: Session, subject_uuid: str, visit_code: str, visit_date: date, *, notes: str = "",
                 weight_kg: float | None = None, today: date | None = None, from_paper: bool = False) -> VisitResult:
    """Record that a visit took place; out-of-window visits are allowed and logged as protocol deviations.

    `from_paper`: the visit's forms are transcribed from a paper CRF (marked, and said in the audit trail)."""
    session.require("enter_data")
    today = today or date.today()
    defs = _visit_defs(session.store)
    p = Problems()
    p.choice("visit_code", visit_code, msg("Visit"), [c for c in defs if c != "screening"])
    when = p.clinical_date("visit_date", visit_date, msg("Visit date"), today=today)
    notes = p.text("notes", notes, msg("Notes"), max_len=2000) or None
    weight = _check_weight(p, weight_kg)
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
            "window_status": status, "notes": notes, "weight_kg": weight, **records.paper_source(from_paper),
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


def set_visit_weight(session: Session, visit_uuid: str, weight_kg: float | None, *, reason: str | None = None) -> list[str]:
    """Record (or correct, with a reason) the body weight measured at a visit; returns the changed fields."""
    session.require("enter_data")
    p = Problems()
    weight = _check_weight(p, weight_kg)
    if p:
        raise ValidationError(p)
    with session.store.transaction():
        visit = _visit(session, visit_uuid)
        if visit["weight_kg"] is None and weight is not None:
            reason = reason or "body weight recorded"
        return records.update(session.store, "visits", visit_uuid, {"weight_kg": weight}, user=session.username,
                              reason=reason)


@dataclass(frozen=True)
class Weight:
    """The body weight that applies on a visit: measured then, or the latest one before (visit or infusion)."""

    kg: float | None
    measured_on: date | None
    source: str | None  # "this_visit", "earlier_visit", "infusion" or None (no weight on record)


def weight_on(session: Session, subject_uuid: str, on: date, visit_uuid: str | None = None) -> Weight:
    """The latest body weight on or before `on` (this visit's own first, then visits, then MSC infusions)."""
    session.require("view")
    store = session.store
    if visit_uuid is not None:
        own = store.scalar("SELECT weight_kg FROM visits WHERE uuid = ? AND deleted = 0", (visit_uuid,))
        if own is not None:
            return Weight(own, on, "this_visit")
    row = store.query_one(
        "SELECT kg, day, source FROM ("
        " SELECT weight_kg AS kg, visit_date AS day, 'earlier_visit' AS source, created_at FROM visits"
        " WHERE subject_uuid = ? AND deleted = 0 AND weight_kg IS NOT NULL AND visit_date <= ?"
        " UNION ALL SELECT weight_kg, infusion_date, 'infusion', created_at FROM infusions"
        " WHERE subject_uuid = ? AND deleted = 0 AND infusion_date <= ?"
        ") ORDER BY day DESC, created_at DESC LIMIT 1",
        (subject_uuid, on.isoformat(), subject_uuid, on.isoformat()))
    if row is None:
        return Weight(None, None, None)
    return Weight(row["kg"], date.fromisoformat(row["day"]), row["source"])


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
    weight_kg: float | None = None
    flare_index: str | None = None  # SELENA Flare Index; None before it was recorded or for the first assessment
    flare_index_reasons: str = "[]"  # JSON list of the reasons
    flare_index_complete: int | None = None  # 0: recorded before the index (SLEDAI/PGA parts only)


def list_visits(session: Session, subject_uuid: str) -> list[VisitRow]:
    """The subject's visits with their SLEDAI summary (score, PGA, both flare measures), by date."""
    session.require("view")
    return [VisitRow(**r) for r in session.store.query(
        "SELECT v.uuid, v.subject_uuid, v.visit_code, v.visit_date, v.study_day, v.window_status, v.entry_source, "
        "v.weight_kg, s.uuid AS sledai_uuid, s.score AS sledai_score, s.pga, s.flare, s.flare_index, "
        "s.flare_index_reasons, s.flare_index_complete FROM visits v "
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
    flare: str | None  # "SELENA flare (SLEDAI/PGA parts)"; None for the first assessment
    changed_fields: list[str]
    flare_index: str | None = None  # "SELENA Flare Index"; None for the first assessment
    flare_reasons: tuple[str, ...] = ()
    prednisone_mg_per_kg_day: float | None = None


@dataclass(frozen=True)
class FlareInputs:
    """What the clinician confirms for the SELENA Flare Index (new or worse since the previous assessment).

    ``suggested``: the items (manifestation codes or ``flare_inputs.FLAG_ITEMS``) that came from a suggestion.
    """

    new_manifestations: frozenset = frozenset()
    added_nsaid_or_hydroxychloroquine: bool = False
    new_immunosuppressant: bool = False
    hospitalised_for_sle: bool = False
    suggested: frozenset = frozenset()

    def items(self) -> frozenset[str]:
        """Every confirmed item: manifestation codes and the flags that are set."""
        flags = {"added_nsaid_or_hydroxychloroquine": self.added_nsaid_or_hydroxychloroquine,
                 "new_immunosuppressant": self.new_immunosuppressant,
                 "hospitalised_for_sle": self.hospitalised_for_sle}
        return frozenset(self.new_manifestations) | {k for k, v in flags.items() if v}


def _check_pga(p: Problems, pga) -> float | None:
    value = p.number("pga", pga, msg("Physician's Global Assessment"), lo=0.0, hi=3.0, required=True)
    if value is None:
        return None
    try:
        return outcomes.pga_tenths(value) / 10
    except ValueError:
        p["pga"] = msg("Physician's Global Assessment {value} has more than one decimal place: record it to one "
                       "decimal (e.g. 2.5), as on the visual-analogue scale.", value=repr(value))
        return None


def _previous_assessment(store, visit: dict) -> dict | None:
    return store.query_one(
        "SELECT s.*, v.visit_date FROM sledai_assessments s JOIN visits v ON v.uuid = s.visit_uuid "
        "WHERE s.subject_uuid = ? AND s.deleted = 0 AND v.deleted = 0 AND s.visit_uuid != ? "
        "AND (v.visit_date < ? OR (v.visit_date = ? AND v.created_at < ?)) "
        "ORDER BY v.visit_date DESC, v.created_at DESC LIMIT 1",
        (visit["subject_uuid"], visit["uuid"], visit["visit_date"], visit["visit_date"], visit["created_at"]),
    )


def _medications(store, subject_uuid: str) -> list[medication.Medication]:
    d = lambda t: date.fromisoformat(t) if t else None  # noqa: E731
    return [medication.Medication(r["drug_class"], r["steroid"], r["dose"], r["dose_unit"], r["frequency_code"],
                                  d(r["start_date"]), d(r["stop_date"]))
            for r in store.query("SELECT drug_class, steroid, dose, dose_unit, frequency_code, start_date, stop_date "
                                 "FROM con_meds WHERE subject_uuid = ? AND deleted = 0", (subject_uuid,))]


@dataclass(frozen=True)
class SteroidDose:
    """The computed prednisone-equivalent dose on a visit (never typed); ``why`` says why it is unknown."""

    mg_per_day: float | None
    weight: Weight
    mg_per_kg_day: float | None
    why: str | None


def steroid_dose(session: Session, visit_uuid: str | None = None, *, subject_uuid: str | None = None,
                 on: date | None = None, weight_kg: float | None = None) -> SteroidDose:
    """Prednisone-equivalent mg/day and mg/kg/day on the visit date, from the coded con-meds and the weight.

    For a visit not saved yet give ``subject_uuid`` and ``on``; ``weight_kg`` is a weight typed on the form
    (it wins over the one on record)."""
    session.require("view")
    if visit_uuid is not None:
        visit = _visit(session, visit_uuid)
        subject_uuid, on = visit["subject_uuid"], date.fromisoformat(visit["visit_date"])
    meds = _medications(session.store, subject_uuid)
    mg = medication.prednisone_mg_per_day(meds, on, study_in_force(session.store).equivalence)
    if weight_kg is not None:
        weight = Weight(medication.check_weight(weight_kg), on, "this_visit")
    else:
        weight = weight_on(session, subject_uuid, on, visit_uuid)
    if mg is None:
        return SteroidDose(None, weight, None, msg("a corticosteroid taken on the visit date has no dose in mg, "
                                                   "agent or coded frequency"))
    if weight.kg is None:
        return SteroidDose(mg, weight, None, msg("no body weight on record"))
    return SteroidDose(mg, weight, round(mg / weight.kg, 4), None)


def _flare_assessment(row: dict) -> outcomes.FlareAssessment:
    return outcomes.FlareAssessment(
        row["score"], row["pga"], row["prednisone_mg_per_kg_day"],
        frozenset(json.loads(row["flare_manifestations"] or "[]")), bool(row["added_nsaid_or_hcq"]),
        bool(row["new_immunosuppressant"]), bool(row["hospitalised_for_sle"]))


def save_sledai(session: Session, visit_uuid: str, codes, pga: float, *, suggested=frozenset(),
                reason: str | None = None, flare: FlareInputs | None = None) -> SledaiResult:
    """Save (or correct, with a reason) the SELENA-SLEDAI of a visit with what the clinician confirmed for the
    SELENA Flare Index; computes score, renal score, the prednisone-equivalent dose and both flare measures."""
    session.require("enter_data")
    flare = flare or FlareInputs()
    p = Problems()
    try:
        present = sledai.validate_codes(codes)
        suggested_codes = sledai.validate_codes(suggested)
    except ValueError as exc:
        raise ValidationError({"descriptors": exc.args[0]}) from None  # the message itself (str() drops a Msg)
    try:
        manifestations = outcomes.validate_manifestations(flare.new_manifestations)
        flare_suggested = flare_inputs.check_items(flare.suggested)
    except ValueError as exc:
        raise ValidationError({"flare": exc.args[0]}) from None
    flags = (flare.added_nsaid_or_hydroxychloroquine, flare.new_immunosuppressant, flare.hospitalised_for_sle)
    if not all(isinstance(f, bool) for f in flags):
        raise ValidationError({"flare": msg("The SELENA Flare Index answers must be yes or no.")})
    pga_value = _check_pga(p, pga)
    if p:
        raise ValidationError(p)
    store = session.store
    with store.transaction():
        visit = _visit(session, visit_uuid)
        score = sledai.score(present)
        dose = steroid_dose(session, visit_uuid).mg_per_kg_day
        current = outcomes.FlareAssessment(score, pga_value, dose, manifestations, *flags)
        previous = _previous_assessment(store, visit)
        if previous:
            flare_sp = outcomes.selena_flare(previous["score"], score, previous["pga"], pga_value)
            index = outcomes.selena_flare_index(_flare_assessment(previous), current)
        else:
            flare_sp, index = None, None
        values = {code: code in present for code in sledai.CODES}
        confirmed = flare.items()
        values.update({
            "sources": {c: ("suggested" if c in suggested_codes else "entered") for c in sorted(present)},
            "score": score, "renal_score": sledai.renal_score(present), "pga": pga_value, "flare": flare_sp,
            "flare_manifestations": sorted(manifestations), "added_nsaid_or_hcq": flags[0],
            "new_immunosuppressant": flags[1], "hospitalised_for_sle": flags[2], "prednisone_mg_per_kg_day": dose,
            "flare_sources": {i: ("suggested" if i in flare_suggested else "entered") for i in sorted(confirmed)},
            "flare_index": index.level if index else None,
            "flare_index_reasons": list(index.reasons) if index else [],
            "flare_index_complete": True,
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
    return SledaiResult(uuid_, score, sledai.renal_score(present), pga_value, flare_sp, changed,
                        index.level if index else None, index.reasons if index else (), dose)


@dataclass(frozen=True)
class SledaiView:
    """A visit's saved SELENA-SLEDAI: present codes, sources, scores, PGA, both flare measures and the index
    inputs. ``flare_index_complete`` is False for assessments recorded before the index."""

    uuid: str
    codes: frozenset[str]
    sources: dict[str, str]  # descriptor -> "entered" | "suggested"
    score: int
    renal_score: int
    pga: float
    flare: str | None
    flare_inputs: FlareInputs
    prednisone_mg_per_kg_day: float | None
    flare_index: str | None
    flare_index_reasons: tuple[str, ...]
    flare_index_complete: bool


def get_sledai(session: Session, visit_uuid: str) -> SledaiView | None:
    """The visit's assessment; None if not entered yet."""
    session.require("view")
    row = session.store.query_one("SELECT * FROM sledai_assessments WHERE visit_uuid = ? AND deleted = 0", (visit_uuid,))
    if row is None:
        return None
    return SledaiView(
        uuid=row["uuid"], codes=frozenset(c for c in sledai.CODES if row[c]), sources=json.loads(row["sources"]),
        score=row["score"], renal_score=row["renal_score"], pga=row["pga"], flare=row["flare"],
        flare_inputs=FlareInputs(frozenset(json.loads(row["flare_manifestations"])), bool(row["added_nsaid_or_hcq"]),
                                 bool(row["new_immunosuppressant"]), bool(row["hospitalised_for_sle"]),
                                 frozenset(i for i, src in json.loads(row["flare_sources"]).items()
                                           if src == "suggested")),
        prednisone_mg_per_kg_day=row["prednisone_mg_per_kg_day"], flare_index=row["flare_index"],
        flare_index_reasons=tuple(json.loads(row["flare_index_reasons"])),
        flare_index_complete=bool(row["flare_index_complete"]),
    )


@dataclass(frozen=True)
class LabEntry:
    """One lab result as entered: value in `unit` (canonical or an accepted alternative), lab normal limits."""

    value: float
    unit: str | None = None
    lln: float | None = None
    uln: float | None = None


def _canonical_labs(results: dict[str, LabEntry], p: Problems) -> dict[str, tuple]:
    """Each result in its test's canonical unit; what is impossible or unknown goes to `p` by test."""
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
    return canonical


def check_lab_entries(results: dict[str, LabEntry]) -> dict[str, Msg]:
    """test -> message for every result that would be refused (unit, plausible range, limits), saving nothing."""
    p = Problems()
    _canonical_labs(results, p)
    return dict(p)


def save_labs(session: Session, visit_uuid: str, sample_date: date, results: dict[str, LabEntry], *,
              reason: str | None = None, today: date | None = None) -> list[str]:
    """Save lab results of a visit in canonical units; changing a saved value needs a reason."""
    session.require("enter_data")
    today = today or date.today()
    p = Problems()
    when = p.clinical_date("sample_date", sample_date, msg("Sample date"), today=today)
    canonical = _canonical_labs(results, p)
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


@dataclass(frozen=True)
class LabValue:
    """One saved laboratory result of a visit (canonical unit); ``out_of_range`` is "low", "high" or None."""

    uuid: str
    value: float
    unit: str
    lln: float | None
    uln: float | None
    out_of_range: str | None


def visit_labs(session: Session, visit_uuid: str) -> dict[str, LabValue]:
    """test -> its saved result for one visit."""
    session.require("view")
    out = {}
    for r in session.store.query("SELECT * FROM labs WHERE visit_uuid = ? AND deleted = 0", (visit_uuid,)):
        flag = None
        if r["lln"] is not None and r["value"] < r["lln"]:
            flag = "low"
        elif r["uln"] is not None and r["value"] > r["uln"]:
            flag = "high"
        out[r["test"]] = LabValue(r["uuid"], r["value"], r["unit"], r["lln"], r["uln"], flag)
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
        **{t: v.value for t, v in current.items() if hasattr(lab_rules.LabPanel, t)},
        c3_lln=current["c3"].lln if "c3" in current else None, c4_lln=current["c4"].lln if "c4" in current else None,
        anti_dsdna_uln=current["anti_dsdna"].uln if "anti_dsdna" in current else None,
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
        value = renal.egfr_from_umol(labs["creatinine"].value, age, subject["sex"])
    except ValueError as exc:
        return None, exc.args[0]
    return value, f"CKD-EPI 2021, age {age}, sex {subject['sex']}"
