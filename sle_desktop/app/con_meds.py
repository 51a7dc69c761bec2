"""Concomitant (standard-treatment) medication, coded for the SELENA Flare Index."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sle_desktop.app.errors import NotFound, ValidationError
from sle_desktop.app.session import Session
from sle_desktop.app.validation import Problems
from sle_desktop.domain import medication
from sle_desktop.domain.text import msg
from sle_desktop.store import records


def _subject(session: Session, subject_uuid: str) -> dict:
    row = records.get(session.store, "subjects", subject_uuid)
    if row is None or row["deleted"]:
        raise NotFound(msg("No such subject."))
    return row


def add_con_med(session: Session, subject_uuid: str, *, drug: str, drug_class: str | None = None,
                steroid: str | None = None, dose: float | None = None, dose_unit: str = "", route: str = "",
                frequency: str = "", frequency_code: str | None = None, start_date: date | None = None,
                stop_date: date | None = None, indication: str = "", today: date | None = None) -> str:
    """Record a concomitant (standard-treatment) medication with its coded drug class.

    A corticosteroid needs its agent, a dose in mg and a coded frequency (``medication.FREQUENCIES``): the
    prednisone-equivalent dose of the SELENA Flare Index is computed from them.
    """
    session.require("enter_data")
    today = today or date.today()
    p = Problems()
    drug = p.text("drug", drug, msg("Drug"), required=True)
    p.choice("drug_class", drug_class, msg("Drug class"), medication.DRUG_CLASSES)
    p.number("dose", dose, msg("Dose"), lo=0, hi=100000)
    p.choice("frequency_code", frequency_code, msg("Frequency"), tuple(medication.FREQUENCIES), required=False)
    if drug_class == "corticosteroid":
        p.choice("steroid", steroid, msg("Corticosteroid"), medication.STEROIDS)
        if dose is None and "dose" not in p:
            p["dose"] = msg("The dose of a corticosteroid is required (the prednisone-equivalent dose is computed "
                            "from it).")
        if (dose_unit or "").strip().lower() != medication.DOSE_UNIT_MG and "dose_unit" not in p:
            p["dose_unit"] = msg("Give the corticosteroid dose in mg.")
        if frequency_code is None and "frequency_code" not in p:
            p["frequency_code"] = msg("Choose how often the corticosteroid is taken.")
    elif steroid not in (None, ""):
        p["steroid"] = msg("A corticosteroid agent is given but the drug class is not corticosteroid.")
        steroid = None
    else:
        steroid = None
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
        "drug_class": drug_class, "steroid": steroid, "frequency_code": frequency_code,
    }
    if frequency_code and not frequency:
        values["frequency"] = medication.FREQUENCY_LABELS.get(frequency_code)
    if p:
        raise ValidationError(p)
    _subject(session, subject_uuid)
    return records.insert(session.store, "con_meds", dict(values, subject_uuid=subject_uuid), user=session.username)


@dataclass(frozen=True)
class ConMed:
    """One concomitant medication of a subject (with drug class, corticosteroid agent and coded frequency)."""

    uuid: str
    drug: str
    dose: float | None
    dose_unit: str | None
    route: str | None
    frequency: str | None
    start_date: str | None
    stop_date: str | None
    indication: str | None
    drug_class: str | None = None
    steroid: str | None = None
    frequency_code: str | None = None


def list_con_meds(session: Session, subject_uuid: str) -> list[ConMed]:
    """The subject's concomitant medications (with drug class, agent and coded frequency), by start date."""
    session.require("view")
    return [ConMed(**r) for r in session.store.query(
        "SELECT uuid, drug, dose, dose_unit, route, frequency, start_date, stop_date, indication, drug_class, steroid, "
        "frequency_code FROM con_meds WHERE subject_uuid = ? AND deleted = 0 ORDER BY start_date", (subject_uuid,)
    )]
