"""Adverse events (with the SAE 24 h clock) and MSC infusion records."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

from sle_desktop.app.errors import ConflictError, NotFound, ValidationError
from sle_desktop.app.session import Session
from sle_desktop.app.subject_lookup import get_subject
from sle_desktop.app.validation import Problems
from sle_desktop.domain import safety as rules
from sle_desktop.domain.text import msg
from sle_desktop.store import audit, records


@dataclass
class AdverseEventForm:
    term: str = ""
    onset_date: date | None = None
    stop_date: date | None = None
    grade: int | None = None
    serious: bool = False
    serious_criteria: tuple = ()
    relationship: str | None = None
    action_taken: str = ""
    outcome: str | None = None
    aware_at: datetime | None = None  # when the site learned of it; starts the SAE clock
    from_paper: bool = False  # transcribed from a paper CRF
    hospitalised_for_sle: bool = False  # an SAE with hospitalisation for SLE activity (SELENA Flare Index, severe)


def _validate_ae(form: AdverseEventForm, today: date) -> Problems:
    p = Problems()
    p.text("term", form.term, msg("Adverse event term"), required=True)
    onset = p.clinical_date("onset_date", form.onset_date, msg("Onset date"), today=today)
    stop = p.clinical_date("stop_date", form.stop_date, msg("Stop date"), today=today, required=False)
    if onset and stop and stop < onset:
        p["stop_date"] = msg("The stop date is before the onset date.")
    p.choice("grade", form.grade, msg("CTCAE grade"), rules.CTCAE_GRADES)
    p.choice("relationship", form.relationship, msg("Relationship to the MSC product"), rules.RELATIONSHIPS)
    p.choice("outcome", form.outcome, msg("Outcome"), rules.OUTCOMES)
    p.text("action_taken", form.action_taken, msg("Action taken"), max_len=500)
    unknown = [c for c in form.serious_criteria if c not in rules.SERIOUS_CRITERIA]
    if unknown:
        p["serious_criteria"] = msg("Unknown seriousness criteria: {criteria}.", criteria=", ".join(map(str, unknown)))
    elif form.serious and not form.serious_criteria:
        p["serious_criteria"] = msg("A serious adverse event needs at least one seriousness criterion.")
    elif not form.serious and form.serious_criteria:
        p["serious_criteria"] = msg("Seriousness criteria are given but the event is not marked serious.")
    if form.grade == 5 and form.outcome not in (None, "fatal"):
        p["outcome"] = msg("A grade 5 event is fatal: set the outcome to fatal.")
    if form.outcome == "fatal" and form.grade not in (None, 5):
        p["grade"] = msg("A fatal outcome is CTCAE grade 5.")
    if form.outcome == "fatal" and "death" not in form.serious_criteria:
        p["serious_criteria"] = msg("A fatal event is serious with the criterion 'death'.")
    if not isinstance(form.hospitalised_for_sle, bool):
        p["hospitalised_for_sle"] = msg("Hospitalisation for SLE activity must be yes or no.")
    elif form.hospitalised_for_sle and not (form.serious and "hospitalisation" in form.serious_criteria):
        p["hospitalised_for_sle"] = msg("Hospitalisation for SLE activity is a serious adverse event with the "
                                        "criterion 'hospitalisation': mark it serious and tick that criterion.")
    if form.aware_at is not None and form.aware_at.tzinfo is None:
        p["aware_at"] = msg("The awareness time must include the time zone.")
    return p


def _ae_values(form: AdverseEventForm) -> dict:
    aware = form.aware_at or audit.utc_now()
    return {
        "term": form.term.strip(), "onset_date": form.onset_date, "stop_date": form.stop_date, "grade": form.grade,
        "serious": form.serious, "serious_criteria": sorted(form.serious_criteria), "relationship": form.relationship,
        "action_taken": form.action_taken.strip() or None, "outcome": form.outcome,
        "aware_at": aware.astimezone(UTC).isoformat(timespec="seconds"),
        "hospitalised_for_sle": form.hospitalised_for_sle is True,
    }


def record_adverse_event(session: Session, subject_uuid: str, form: AdverseEventForm, *, ae_uuid: str | None = None,
                         reason: str | None = None, infusion_uuid: str | None = None, today: date | None = None) -> str:
    """Record a new AE, or correct a saved one (`ae_uuid` + reason for change)."""
    session.require("enter_data")
    p = _validate_ae(form, today or date.today())
    if p:
        raise ValidationError(p)
    store = session.store
    get_subject(session, subject_uuid)  # the subject must exist
    values = _ae_values(form)
    if ae_uuid:
        current = records.get(store, "adverse_events", ae_uuid)
        if current is None or current["subject_uuid"] != subject_uuid:
            raise NotFound(msg("No such adverse event for this subject."))
        values["aware_at"] = current["aware_at"] if form.aware_at is None else values["aware_at"]
        records.update(store, "adverse_events", ae_uuid, values, user=session.username, reason=reason)
        return ae_uuid
    values.update(subject_uuid=subject_uuid, infusion_uuid=infusion_uuid, **records.paper_source(form.from_paper))
    return records.insert(store, "adverse_events", values, user=session.username,
                          reason=records.PAPER_CRF if form.from_paper else None)


@dataclass(frozen=True)
class SaeStatus:
    ae_uuid: str
    subject_uuid: str
    subject_label: str
    term: str
    aware_at: datetime
    deadline: datetime
    overdue: bool
    hours_left: float
    exported_at: str | None
    acknowledged_at: str | None


def sae_clocks(session: Session, *, now: datetime | None = None) -> list[SaeStatus]:
    """Every SAE with its 24 h reporting clock; overdue until it has left the site in a bundle."""
    session.require("view")
    now = now or audit.utc_now()
    out = []
    for r in session.store.query(
        "SELECT a.uuid, a.subject_uuid, a.term, a.aware_at, a.sae_exported_at, a.sae_acknowledged_at, "
        "coalesce(s.subject_id, s.screening_number) AS label FROM adverse_events a JOIN subjects s "
        "ON s.uuid = a.subject_uuid WHERE a.serious = 1 AND a.deleted = 0 ORDER BY a.aware_at"
    ):
        aware = datetime.fromisoformat(r["aware_at"])
        exported = datetime.fromisoformat(r["sae_exported_at"]) if r["sae_exported_at"] else None
        clock = rules.sae_clock(aware, now, exported)
        out.append(SaeStatus(r["uuid"], r["subject_uuid"], r["label"], r["term"], aware, clock.deadline,
                             clock.overdue, clock.hours_left, r["sae_exported_at"], r["sae_acknowledged_at"]))
    return out


def subjects_with_overdue_sae(session: Session, *, now: datetime | None = None) -> set[str]:
    return {s.subject_uuid for s in sae_clocks(session, now=now) if s.overdue}


@dataclass(frozen=True)
class AdverseEvent:
    """One recorded adverse event as the site sees it."""

    uuid: str
    subject_uuid: str
    term: str
    onset_date: date
    stop_date: date | None
    grade: int
    serious: bool
    serious_criteria: tuple[str, ...]
    hospitalised_for_sle: bool
    relationship: str
    action_taken: str | None
    outcome: str | None
    aware_at: datetime
    infusion_uuid: str | None
    sae_exported_at: str | None
    sae_acknowledged_at: str | None
    entry_source: str  # "direct" | "paper_crf"


def _adverse_event(r: dict) -> AdverseEvent:
    return AdverseEvent(
        r["uuid"], r["subject_uuid"], r["term"], date.fromisoformat(r["onset_date"]),
        date.fromisoformat(r["stop_date"]) if r["stop_date"] else None, r["grade"], bool(r["serious"]),
        tuple(json.loads(r["serious_criteria"] or "[]")), bool(r["hospitalised_for_sle"]), r["relationship"],
        r["action_taken"], r["outcome"], datetime.fromisoformat(r["aware_at"]), r["infusion_uuid"],
        r["sae_exported_at"], r["sae_acknowledged_at"], r["entry_source"])


def list_adverse_events(session: Session, subject_uuid: str) -> list[AdverseEvent]:
    """A subject's adverse events in order of onset."""
    session.require("view")
    return [_adverse_event(r) for r in session.store.query(
        "SELECT * FROM adverse_events WHERE subject_uuid = ? AND deleted = 0 ORDER BY onset_date", (subject_uuid,))]


@dataclass
class InfusionForm:
    infusion_date: date | None = None
    start_time: time | None = None
    end_time: time | None = None
    lot_number: str = ""
    cells_per_kg_million: float | None = None
    total_cells: float | None = None
    viability_pct: float | None = None
    volume_ml: float | None = None
    route: str = "IV"
    weight_kg: float | None = None
    premedication: str = ""
    pre_vitals: dict = field(default_factory=dict)   # bp_systolic, bp_diastolic, heart_rate, temperature, spo2
    post_vitals: dict = field(default_factory=dict)
    reaction: bool = False
    reaction_event: AdverseEventForm | None = None
    administered_by: str = ""
    from_paper: bool = False  # transcribed from a paper CRF


_VITALS = {
    "bp_systolic": (msg("systolic blood pressure"), 50, 260, "mmHg"),
    "bp_diastolic": (msg("diastolic blood pressure"), 20, 160, "mmHg"),
    "heart_rate": (msg("heart rate"), 20, 250, "/min"),
    "temperature": (msg("temperature"), 30, 43, "°C"),
    "spo2": (msg("SpO₂"), 50, 100, "%"),
}


def _validate_infusion(form: InfusionForm, today: date) -> Problems:
    p = Problems()
    p.clinical_date("infusion_date", form.infusion_date, msg("Infusion date"), today=today)
    if form.start_time and form.end_time and form.end_time < form.start_time:
        p["end_time"] = msg("The infusion end time is before its start time.")
    p.text("lot_number", form.lot_number, msg("Product lot number"), required=True, max_len=60)
    per_kg = p.number("cells_per_kg_million", form.cells_per_kg_million, msg("Cells per kg"), lo=0.01, hi=100,
                      unit="×10⁶/kg", required=True)
    total = p.number("total_cells", form.total_cells, msg("Total cells"), lo=1e5, hi=1e11, required=True)
    p.number("viability_pct", form.viability_pct, msg("Viability"), lo=0, hi=100, unit="%", required=True)
    p.number("volume_ml", form.volume_ml, msg("Volume"), lo=1, hi=1000, unit="mL", required=True)
    p.choice("route", form.route, msg("Route"), ("IV",))
    weight = p.number("weight_kg", form.weight_kg, msg("Body weight used for dosing"), lo=25, hi=350, unit="kg",
                      required=True)
    p.text("premedication", form.premedication, msg("Premedication"), max_len=500)
    p.text("administered_by", form.administered_by, msg("Administering clinician"), required=True)
    for when, vitals in (("pre", form.pre_vitals), ("post", form.post_vitals)):
        for key, value in vitals.items():
            if key not in _VITALS:
                p[f"{when}_{key}"] = msg("Unknown vital sign {key}.", key=repr(key))
                continue
            vital, lo, hi, unit = _VITALS[key]
            if when == "pre":
                label = msg("Pre-infusion {vital}", vital=vital)
            else:
                label = msg("Post-infusion {vital}", vital=vital)
            p.number(f"{when}_{key}", value, label, lo=lo, hi=hi, unit=unit)
    if per_kg is not None and total is not None and weight is not None:
        dose = rules.check_dose(total, weight, per_kg)
        if not dose.ok:
            p["cells_per_kg_million"] = dose.message
    if form.reaction and form.reaction_event is None:
        p["reaction"] = msg("An infusion reaction must be recorded as an adverse event.")
    if form.reaction_event is not None:
        for k, v in _validate_ae(form.reaction_event, today).items():
            p[f"reaction_{k}"] = v
    return p


def record_infusion(session: Session, subject_uuid: str, form: InfusionForm, *, visit_uuid: str | None = None,
                    infusion_uuid: str | None = None, reason: str | None = None, today: date | None = None) -> str:
    """Record an MSC infusion (msc arm only), with the dose-per-kg check and any reaction as a linked AE; or
    correct a saved one (`infusion_uuid` + reason for change; its reaction AE is corrected with the same reason)."""
    session.require("enter_data")
    p = _validate_infusion(form, today or date.today())
    if p:
        raise ValidationError(p)
    store = session.store
    subject = get_subject(session, subject_uuid)
    if subject.status != "enrolled" or subject.arm != "msc":
        raise ConflictError(msg("MSC infusions are recorded only for enrolled subjects in the MSC arm."))
    values = {
        "visit_uuid": visit_uuid, "infusion_date": form.infusion_date,
        "start_time": form.start_time.isoformat(timespec="minutes") if form.start_time else None,
        "end_time": form.end_time.isoformat(timespec="minutes") if form.end_time else None,
        "lot_number": form.lot_number.strip(), "cells_per_kg_million": form.cells_per_kg_million,
        "total_cells": form.total_cells, "viability_pct": form.viability_pct, "volume_ml": form.volume_ml,
        "route": form.route, "weight_kg": form.weight_kg, "premedication": form.premedication.strip() or None,
        "reaction": form.reaction, "administered_by": form.administered_by.strip(), "subject_uuid": subject_uuid,
    }
    for when, vitals in (("pre", form.pre_vitals), ("post", form.post_vitals)):
        for key, value in vitals.items():
            values[f"{when}_{key}"] = value
    if infusion_uuid:
        with store.transaction():
            current = records.get(store, "infusions", infusion_uuid)
            if current is None or current["subject_uuid"] != subject_uuid:
                raise NotFound(msg("No such MSC infusion for this subject."))
            del values["subject_uuid"]
            values["visit_uuid"] = visit_uuid or current["visit_uuid"]
            if form.reaction_event is not None:
                if current["reaction_ae_uuid"]:
                    record_adverse_event(session, subject_uuid, form.reaction_event, ae_uuid=current["reaction_ae_uuid"],
                                         reason=reason, today=today)
                else:
                    values["reaction_ae_uuid"] = record_adverse_event(
                        session, subject_uuid, form.reaction_event, infusion_uuid=infusion_uuid, today=today)
            records.update(store, "infusions", infusion_uuid, values, user=session.username, reason=reason)
        return infusion_uuid
    infusion_uuid = records.new_uuid()
    with store.transaction():
        if form.reaction_event is not None:
            values["reaction_ae_uuid"] = record_adverse_event(
                session, subject_uuid, form.reaction_event, infusion_uuid=infusion_uuid, today=today)
        records.insert(store, "infusions", dict(values, **records.paper_source(form.from_paper)),
                       user=session.username, record_uuid=infusion_uuid,
                       reason=records.PAPER_CRF if form.from_paper else None)
    return infusion_uuid


def list_infusions(session: Session, subject_uuid: str) -> list[dict]:
    session.require("view")
    return session.store.query(
        "SELECT * FROM infusions WHERE subject_uuid = ? AND deleted = 0 ORDER BY infusion_date", (subject_uuid,)
    )


def month1_safety(session: Session, subject_uuid: str) -> bool:
    """Secondary endpoint: no AE possibly/probably/definitely related within 30 days after an infusion."""
    infusions = [date.fromisoformat(r["infusion_date"]) for r in list_infusions(session, subject_uuid)]
    events = [{"onset_date": r.onset_date, "relationship": r.relationship}
              for r in list_adverse_events(session, subject_uuid)]
    return rules.absence_of_adverse_reactions(infusions, events)
