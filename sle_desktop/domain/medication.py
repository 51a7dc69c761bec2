"""Concomitant medication as the SELENA Flare Index reads it: coded drug classes,
prednisone equivalence and the daily prednisone-equivalent dose per kg (pure, no I/O).

Drug classes (``DRUG_CLASSES``, stable codes): ``corticosteroid`` (with the agent, one of
``STEROIDS``), the index's immunosuppressants ``cyclophosphamide, azathioprine,
methotrexate, mycophenolate``, ``nsaid``, ``hydroxychloroquine`` and ``other``.

Prednisone equivalence (``DEFAULT_EQUIVALENCE``, study-configurable in the study
definition's ``[prednisone_equivalence]``): the mg of each agent that equal 5 mg of
prednisone — prednisone 5, prednisolone 5, methylprednisolone 4, dexamethasone 0.75,
hydrocortisone 20 — so the factor to prednisone is 5 / that value (methylprednisolone
1.25, dexamethasone 6.67, hydrocortisone 0.25).

The daily dose is dose (mg) × doses per day (``FREQUENCIES``); mg/kg/day is that
divided by the body weight, rounded to 4 decimals so that 30 mg at 60 kg is exactly 0.5.
It is computed, never typed: an active corticosteroid with an unknown dose, unit or
frequency, or an unknown weight, makes the dose unknown (None).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from ._checks import finite_number, is_number

DRUG_CLASSES: tuple[str, ...] = (
    "corticosteroid", "cyclophosphamide", "azathioprine", "methotrexate", "mycophenolate",
    "nsaid", "hydroxychloroquine", "other",
)
DRUG_CLASS_LABELS: dict[str, str] = {
    "corticosteroid": "Corticosteroid",
    "cyclophosphamide": "Cyclophosphamide",
    "azathioprine": "Azathioprine",
    "methotrexate": "Methotrexate",
    "mycophenolate": "Mycophenolate",
    "nsaid": "NSAID",
    "hydroxychloroquine": "Hydroxychloroquine",
    "other": "Other",
}
IMMUNOSUPPRESSANTS: tuple[str, ...] = ("cyclophosphamide", "azathioprine", "methotrexate", "mycophenolate")
NSAID_OR_HCQ: tuple[str, ...] = ("nsaid", "hydroxychloroquine")
STEROIDS: tuple[str, ...] = ("prednisone", "prednisolone", "methylprednisolone", "dexamethasone", "hydrocortisone")
STEROID_LABELS: dict[str, str] = {
    "prednisone": "Prednisone",
    "prednisolone": "Prednisolone",
    "methylprednisolone": "Methylprednisolone",
    "dexamethasone": "Dexamethasone",
    "hydrocortisone": "Hydrocortisone",
}
DEFAULT_EQUIVALENCE: dict[str, float] = {
    "prednisone": 5.0, "prednisolone": 5.0, "methylprednisolone": 4.0, "dexamethasone": 0.75,
    "hydrocortisone": 20.0,
}
"""mg of each agent equivalent to 5 mg prednisone."""
PREDNISONE_REFERENCE_MG = 5.0
FREQUENCIES: dict[str, float] = {
    "once_daily": 1.0, "twice_daily": 2.0, "three_times_daily": 3.0, "four_times_daily": 4.0,
    "alternate_days": 0.5,
}
"""Coded frequency -> doses per day."""
FREQUENCY_LABELS: dict[str, str] = {
    "once_daily": "Once daily",
    "twice_daily": "Twice daily",
    "three_times_daily": "Three times daily",
    "four_times_daily": "Four times daily",
    "alternate_days": "Every other day",
}
DOSE_UNIT_MG = "mg"
MIN_WEIGHT_KG = 20.0
MAX_WEIGHT_KG = 300.0


def check_drug_class(code: object) -> str:
    """The drug class code; ValueError for anything else."""
    if not isinstance(code, str) or code not in DRUG_CLASSES:
        raise ValueError(f"unknown drug class {code!r} (use one of: {', '.join(DRUG_CLASSES)})")
    return code


def check_steroid(code: object) -> str:
    """The corticosteroid agent code; ValueError for anything else."""
    if not isinstance(code, str) or code not in STEROIDS:
        raise ValueError(f"unknown corticosteroid {code!r} (use one of: {', '.join(STEROIDS)})")
    return code


def check_weight(value: object) -> float:
    """Body weight in kg (20-300); ValueError otherwise."""
    v = finite_number(value, "Body weight")
    if not MIN_WEIGHT_KG <= v <= MAX_WEIGHT_KG:
        raise ValueError(f"Body weight must be between {MIN_WEIGHT_KG:g} and {MAX_WEIGHT_KG:g} kg, got {value!r}")
    return v


def check_equivalence(table: Mapping) -> dict[str, float]:
    """A validated equivalence table (every agent, positive finite mg, prednisone = 5); ValueError naming the key."""
    if not isinstance(table, Mapping):
        raise ValueError(f"the prednisone equivalence must be a table, got {type(table).__name__}")
    unknown = [k for k in table if k not in STEROIDS]
    if unknown:
        raise ValueError(f"unknown corticosteroid(s) {', '.join(map(repr, unknown))} (known: {', '.join(STEROIDS)})")
    missing = [k for k in STEROIDS if k not in table]
    if missing:
        raise ValueError(f"missing corticosteroid(s): {', '.join(missing)}")
    out = {}
    for k in STEROIDS:
        v = table[k]
        if not is_number(v) or not math.isfinite(v) or not 0 < v <= 1000:
            raise ValueError(f"{k}: must be a positive number of mg (at most 1000), got {v!r}")
        out[k] = float(v)
    if out["prednisone"] != PREDNISONE_REFERENCE_MG:
        raise ValueError(f"prednisone: the reference is 5 mg prednisone, got {out['prednisone']:g}")
    return out


def prednisone_factor(steroid: str, equivalence: Mapping[str, float] = DEFAULT_EQUIVALENCE) -> float:
    """mg prednisone per mg of the agent (methylprednisolone 1.25, dexamethasone 6.67, hydrocortisone 0.25)."""
    return PREDNISONE_REFERENCE_MG / equivalence[check_steroid(steroid)]


@dataclass(frozen=True)
class Medication:
    """One concomitant medication record as the index reads it (None = not recorded)."""

    drug_class: str | None
    steroid: str | None = None
    dose: float | None = None
    dose_unit: str | None = None
    frequency: str | None = None
    start_date: date | None = None
    stop_date: date | None = None

    def active_on(self, day: date) -> bool:
        """Taken on ``day``: started on or before it (or start unknown) and not stopped before it."""
        return (self.start_date is None or self.start_date <= day) and (self.stop_date is None or self.stop_date >= day)

    def daily_mg(self) -> float | None:
        """Daily dose in mg of the agent; None when dose, unit or frequency is unknown."""
        if self.dose is None or (self.dose_unit or "").strip().lower() != DOSE_UNIT_MG:
            return None
        per_day = FREQUENCIES.get(self.frequency or "")
        return None if per_day is None else self.dose * per_day


def prednisone_mg_per_day(meds: Iterable[Medication], on: date,
                          equivalence: Mapping[str, float] = DEFAULT_EQUIVALENCE) -> float | None:
    """Total daily prednisone-equivalent mg on ``on`` (0.0 when no corticosteroid is active); None if any is unknown."""
    total = 0.0
    for m in meds:
        if m.drug_class != "corticosteroid" or not m.active_on(on):
            continue
        mg = m.daily_mg()
        if mg is None or m.steroid not in STEROIDS:
            return None
        total += mg * prednisone_factor(m.steroid, equivalence)
    return total


def prednisone_mg_per_kg_day(meds: Iterable[Medication], on: date, weight_kg: float | None,
                             equivalence: Mapping[str, float] = DEFAULT_EQUIVALENCE) -> float | None:
    """Daily prednisone-equivalent mg/kg on ``on`` (4 decimals); None when the dose or the weight is unknown."""
    if weight_kg is None:
        return None
    weight = check_weight(weight_kg)
    mg = prednisone_mg_per_day(meds, on, equivalence)
    return None if mg is None else round(mg / weight, 4)


def newly_started(meds: Iterable[Medication], classes: Iterable[str], since: date, on: date) -> tuple[str, ...]:
    """Drug classes among ``classes`` started after ``since`` (the previous assessment) and on or before ``on``,
    that were not already being taken on ``since``."""
    meds = list(meds)
    wanted = tuple(classes)
    before = {m.drug_class for m in meds if m.drug_class in wanted and m.active_on(since)}
    now = {m.drug_class for m in meds if m.drug_class in wanted and m.start_date is not None
           and since < m.start_date <= on}
    return tuple(c for c in wanted if c in now and c not in before)
