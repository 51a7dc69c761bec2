"""Derived outcomes, computed and never typed (clinical-reference §2).

Scores are SELENA-SLEDAI totals (int 0-105); PGA values are 0.0-3.0 given to one
decimal place and compared on those values (0.9 -> 1.2 is exactly +0.3). A PGA with
a second decimal (2.55) is refused, never rounded. Out-of-range or malformed input
raises ValueError.

Two flare measures:

- ``selena_flare``: "SELENA flare (SLEDAI/PGA parts)", the SLEDAI and PGA parts alone.
- ``selena_flare_index``: the full "SELENA Flare Index" (Petri 2005, Buyon 2005), the
  most severe part that applies. Its reasons are stable snake_case strings, in this
  order (level in brackets):

  ``sledai_increase`` (mild/moderate)      SLEDAI +3 or more to a score ≤ 12
  ``sledai_increase_to_gt12`` (severe)     SLEDAI +3 or more to a score > 12
  ``pga_increase`` (mild/moderate)         PGA +1.0 or more to a PGA ≤ 2.5
  ``pga_increase_to_gt2_5`` (severe)       any PGA increase to a PGA > 2.5
  ``new_manifestation:<code>``             a new or worse manifestation (``MANIFESTATIONS``;
                                           mild/moderate or severe by ``MANIFESTATION_LEVEL``)
  ``prednisone_increase`` (mild/moderate)  dose increased, current ≤ 0.5 mg/kg/day
  ``prednisone_gt0_5`` (severe)            dose increased to > 0.5 mg/kg/day
  ``prednisone_doubled`` (severe)          previous dose > 0 and current ≥ 2 × previous
  ``nsaid_or_hcq_added`` (mild/moderate)   NSAID or hydroxychloroquine added for SLE activity
  ``new_immunosuppressant`` (severe)       new cyclophosphamide, azathioprine, methotrexate
                                           or mycophenolate
  ``hospitalised_for_sle`` (severe)        hospitalisation for SLE activity

Doses are prednisone-equivalent mg/kg/day; an unknown dose on either side skips the
steroid part. Manifestations, added drugs and hospitalisation are read from the
current assessment (they are "since the previous one").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from . import sledai
from ._checks import finite_number

SRI4_LABEL = "SRI-4 (without BILAG)"
SELENA_FLARE_LABEL = "SELENA flare (SLEDAI/PGA parts)"
FLARE_INDEX_LABEL = "SELENA Flare Index"
SLEDAI_RESPONSE_POINTS = 4
SRI4_MAX_PGA_INCREASE_TENTHS = 3  # PGA increase must be < 0.3
FLARE_SLEDAI_RISE = 3
FLARE_SEVERE_ABOVE_SCORE = 12
FLARE_PGA_RISE_TENTHS = 10  # >= 1.0
FLARE_PGA_SEVERE_ABOVE_TENTHS = 25  # > 2.5

FLARE_LEVELS: tuple[str, ...] = ("none", "mild_moderate", "severe")
FLARE_LABELS: dict[str, str] = {
    "none": "No flare",
    "mild_moderate": "Mild/moderate flare",
    "severe": "Severe flare",
}


def check_score(value: object, what: str = "SELENA-SLEDAI score") -> int:
    """Return the score if it is an int 0-105 (bool rejected), else raise ValueError."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{what} must be a whole number 0–{sledai.MAX_SCORE}, got {value!r}")
    if not 0 <= value <= sledai.MAX_SCORE:
        raise ValueError(f"{what} must be between 0 and {sledai.MAX_SCORE}, got {value}")
    return value


def pga_tenths(value: object, what: str = "PGA") -> int:
    """A PGA (0.0-3.0, one decimal place) as integer tenths: 1.2 -> 12.

    A value with a second decimal (2.55) raises ValueError: it is refused, not rounded.
    Float noise from arithmetic (0.1 + 0.2) is not a second decimal.
    """
    v = finite_number(value, what)
    if not 0.0 <= v <= 3.0:
        raise ValueError(f"{what} must be between 0.0 and 3.0, got {value!r}")
    tenths = round(v * 10)
    if abs(v * 10 - tenths) > 1e-6:
        raise ValueError(f"{what} must be given to one decimal place (e.g. 2.5), got {value!r}")
    return int(tenths)


def change_from_baseline(baseline_score: int, score: int) -> int:
    """SLEDAI(visit) − SLEDAI(baseline); negative = improvement."""
    return check_score(score, "score") - check_score(baseline_score, "baseline score")


def sledai4_response(baseline_score: int, score: int) -> bool:
    """SLEDAI-4 response: reduction from baseline of at least 4 points."""
    return -change_from_baseline(baseline_score, score) >= SLEDAI_RESPONSE_POINTS


def sri4_without_bilag(baseline_score: int, score: int, baseline_pga: float, pga: float) -> bool:
    """SRI-4 (without BILAG): SLEDAI reduction ≥ 4 and PGA increase < 0.3 (one-decimal values)."""
    responded = sledai4_response(baseline_score, score)
    pga_rise = pga_tenths(pga, "PGA") - pga_tenths(baseline_pga, "baseline PGA")
    return responded and pga_rise < SRI4_MAX_PGA_INCREASE_TENTHS


def _sledai_flare(previous_score: int, score: int) -> str:
    if score - previous_score >= FLARE_SLEDAI_RISE:
        return "severe" if score > FLARE_SEVERE_ABOVE_SCORE else "mild_moderate"
    return "none"


def _pga_flare(previous_tenths: int, tenths: int) -> str:
    rise = tenths - previous_tenths
    if tenths > FLARE_PGA_SEVERE_ABOVE_TENTHS and rise > 0:
        return "severe"
    if tenths <= FLARE_PGA_SEVERE_ABOVE_TENTHS and rise >= FLARE_PGA_RISE_TENTHS:
        return "mild_moderate"
    return "none"


def selena_flare(previous_score: int, score: int, previous_pga: float, pga: float) -> str:
    """SELENA flare (SLEDAI/PGA parts) vs the previous assessment: "none", "mild_moderate" or "severe".

    SLEDAI part: rise ≥ 3 -> mild_moderate if the new score ≤ 12, severe if > 12.
    PGA part: rise ≥ 1.0 to a PGA ≤ 2.5 -> mild_moderate; any rise to a PGA > 2.5 -> severe.
    The result is the more severe of the two parts.
    """
    prev = check_score(previous_score, "previous score")
    cur = check_score(score, "score")
    prev_t = pga_tenths(previous_pga, "previous PGA")
    cur_t = pga_tenths(pga, "PGA")
    parts = (_sledai_flare(prev, cur), _pga_flare(prev_t, cur_t))
    return max(parts, key=FLARE_LEVELS.index)


# --------------------------------------------------------------------------- SELENA Flare Index

MILD_MANIFESTATIONS: tuple[str, ...] = (
    "discoid", "photosensitive", "profundus", "cutaneous_vasculitis", "bullous",
    "nasopharyngeal_ulcers", "pleuritis", "pericarditis", "arthritis", "fever",
)
SEVERE_MANIFESTATIONS: tuple[str, ...] = (
    "cns_lupus", "vasculitis", "nephritis", "myositis", "thrombocytopenia_lt60", "hemolytic_anemia",
)
MANIFESTATIONS: tuple[str, ...] = MILD_MANIFESTATIONS + SEVERE_MANIFESTATIONS
"""The index's manifestation codes (contract), mild/moderate first, in form order."""
MANIFESTATION_LEVEL: dict[str, str] = {
    **{c: "mild_moderate" for c in MILD_MANIFESTATIONS},
    **{c: "severe" for c in SEVERE_MANIFESTATIONS},
}
MANIFESTATION_LABELS: dict[str, str] = {
    "discoid": "Discoid lupus rash",
    "photosensitive": "Photosensitive lupus rash",
    "profundus": "Lupus profundus",
    "cutaneous_vasculitis": "Cutaneous vasculitis",
    "bullous": "Bullous lupus",
    "nasopharyngeal_ulcers": "Nasopharyngeal ulcers",
    "pleuritis": "Pleuritis",
    "pericarditis": "Pericarditis",
    "arthritis": "Arthritis",
    "fever": "Fever (SLE)",
    "cns_lupus": "CNS lupus",
    "vasculitis": "Vasculitis",
    "nephritis": "Nephritis",
    "myositis": "Myositis",
    "thrombocytopenia_lt60": "Platelets < 60 ×10⁹/L",
    "hemolytic_anemia": "Haemolytic anaemia (Hb below 70 g/L or a fall of more than 30 g/L)",
}
PREDNISONE_SEVERE_ABOVE_MG_PER_KG_DAY = 0.5
MAX_PREDNISONE_MG_PER_KG_DAY = 100.0
"""Plausibility bound (a 1 g methylprednisolone pulse at 30 kg is about 42 mg/kg/day)."""

REASON_MANIFESTATION_PREFIX = "new_manifestation:"
REASON_LEVEL: dict[str, str] = {
    "sledai_increase": "mild_moderate",
    "sledai_increase_to_gt12": "severe",
    "pga_increase": "mild_moderate",
    "pga_increase_to_gt2_5": "severe",
    **{REASON_MANIFESTATION_PREFIX + c: MANIFESTATION_LEVEL[c] for c in MANIFESTATIONS},
    "prednisone_increase": "mild_moderate",
    "prednisone_gt0_5": "severe",
    "prednisone_doubled": "severe",
    "nsaid_or_hcq_added": "mild_moderate",
    "new_immunosuppressant": "severe",
    "hospitalised_for_sle": "severe",
}
"""Every reason the index can give, in the order they are reported, with its level."""
REASONS: tuple[str, ...] = tuple(REASON_LEVEL)
REASON_LABELS: dict[str, str] = {
    "sledai_increase": "SELENA-SLEDAI up by 3 or more (to ≤ 12)",
    "sledai_increase_to_gt12": "SELENA-SLEDAI up by 3 or more to > 12",
    "pga_increase": "PGA up by 1.0 or more (to ≤ 2.5)",
    "pga_increase_to_gt2_5": "PGA increased to > 2.5",
    **{REASON_MANIFESTATION_PREFIX + c: MANIFESTATION_LABELS[c] for c in MANIFESTATIONS},
    "prednisone_increase": "Prednisone (equivalent) increased, ≤ 0.5 mg/kg/day",
    "prednisone_gt0_5": "Prednisone (equivalent) increased to > 0.5 mg/kg/day",
    "prednisone_doubled": "Prednisone (equivalent) doubled",
    "nsaid_or_hcq_added": "NSAID or hydroxychloroquine added for SLE activity",
    "new_immunosuppressant": "New cyclophosphamide, azathioprine, methotrexate or mycophenolate",
    "hospitalised_for_sle": "Hospitalisation for SLE activity",
}


def validate_manifestations(codes: Iterable[str]) -> frozenset[str]:
    """The set of manifestation codes; ValueError naming every unknown code (a bare string is refused)."""
    if isinstance(codes, (str, bytes)):
        raise ValueError(f"expected a collection of flare manifestation codes, got the single string {codes!r}")
    try:
        items = list(codes)
    except TypeError:
        raise ValueError(f"expected a collection of flare manifestation codes, got {codes!r}") from None
    unknown = sorted({repr(c) for c in items if not (isinstance(c, str) and c in MANIFESTATION_LEVEL)})
    if unknown:
        raise ValueError("unknown SELENA Flare Index manifestation code(s): " + ", ".join(unknown))
    return frozenset(items)


def check_dose(value: object, what: str = "prednisone-equivalent dose") -> float | None:
    """A prednisone-equivalent dose in mg/kg/day (0-100) or None (unknown); ValueError otherwise."""
    if value is None:
        return None
    v = finite_number(value, what)
    if not 0.0 <= v <= MAX_PREDNISONE_MG_PER_KG_DAY:
        raise ValueError(f"{what} must be between 0 and {MAX_PREDNISONE_MG_PER_KG_DAY:g} mg/kg/day, got {value!r}")
    return v


def _flag(value: object, what: str) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{what} must be True or False, got {value!r}")
    return value


@dataclass(frozen=True)
class FlareAssessment:
    """One assessment as the SELENA Flare Index sees it; validated on construction (ValueError)."""

    sledai: int
    pga: float
    prednisone_mg_per_kg_day: float | None = None
    new_manifestations: frozenset[str] = frozenset()
    added_nsaid_or_hydroxychloroquine: bool = False
    new_immunosuppressant: bool = False
    hospitalised_for_sle: bool = False

    def __post_init__(self) -> None:
        check_score(self.sledai, "SELENA-SLEDAI score")
        pga_tenths(self.pga, "PGA")
        check_dose(self.prednisone_mg_per_kg_day)
        object.__setattr__(self, "new_manifestations", validate_manifestations(self.new_manifestations))
        _flag(self.added_nsaid_or_hydroxychloroquine, "added_nsaid_or_hydroxychloroquine")
        _flag(self.new_immunosuppressant, "new_immunosuppressant")
        _flag(self.hospitalised_for_sle, "hospitalised_for_sle")


@dataclass(frozen=True)
class FlareResult:
    """The index: ``level`` ("none", "mild_moderate", "severe") and the ``reasons`` that apply (``REASONS`` order)."""

    level: str
    reasons: tuple[str, ...]


def flare_level(reasons: Iterable[str]) -> str:
    """The most severe level among the reasons ("none" when there are none); ValueError for an unknown reason."""
    level = "none"
    for r in reasons:
        if r not in REASON_LEVEL:
            raise ValueError(f"unknown SELENA Flare Index reason {r!r}")
        level = max(level, REASON_LEVEL[r], key=FLARE_LEVELS.index)
    return level


def _steroid_reasons(previous: float | None, current: float | None) -> list[str]:
    if previous is None or current is None:
        return []  # an unknown dose on either side skips the steroid part
    out = []
    if previous < current <= PREDNISONE_SEVERE_ABOVE_MG_PER_KG_DAY:
        out.append("prednisone_increase")
    if current > PREDNISONE_SEVERE_ABOVE_MG_PER_KG_DAY and current > previous:
        out.append("prednisone_gt0_5")
    if previous > 0 and current >= 2 * previous:
        out.append("prednisone_doubled")
    return out


def _as_assessment(value: object, what: str) -> FlareAssessment:
    if not isinstance(value, FlareAssessment):
        raise ValueError(f"{what} must be a FlareAssessment, got {type(value).__name__}")
    return value


def selena_flare_index(previous: FlareAssessment, current: FlareAssessment) -> FlareResult:
    """The SELENA Flare Index of ``current`` compared with ``previous`` (clinical-reference §2).

    The level is the most severe part that applies; ``reasons`` lists every part that applies.
    """
    prev = _as_assessment(previous, "previous")
    cur = _as_assessment(current, "current")
    reasons: list[str] = []
    sledai_part = _sledai_flare(prev.sledai, cur.sledai)
    if sledai_part != "none":
        reasons.append("sledai_increase" if sledai_part == "mild_moderate" else "sledai_increase_to_gt12")
    pga_part = _pga_flare(pga_tenths(prev.pga), pga_tenths(cur.pga))
    if pga_part != "none":
        reasons.append("pga_increase" if pga_part == "mild_moderate" else "pga_increase_to_gt2_5")
    reasons += [REASON_MANIFESTATION_PREFIX + c for c in MANIFESTATIONS if c in cur.new_manifestations]
    reasons += _steroid_reasons(prev.prednisone_mg_per_kg_day, cur.prednisone_mg_per_kg_day)
    if cur.added_nsaid_or_hydroxychloroquine:
        reasons.append("nsaid_or_hcq_added")
    if cur.new_immunosuppressant:
        reasons.append("new_immunosuppressant")
    if cur.hospitalised_for_sle:
        reasons.append("hospitalised_for_sle")
    ordered = tuple(r for r in REASONS if r in reasons)
    return FlareResult(flare_level(ordered), ordered)


def clinical_sledai(codes: Iterable[str]) -> int:
    """SELENA-SLEDAI without the serology descriptors (low_complement, increased_dna_binding)."""
    return sledai.clinical_score(codes)


def clinical_remission(codes: Iterable[str]) -> bool:
    """Clinical remission marker (site convention): clinical SLEDAI = 0."""
    return clinical_sledai(codes) == 0
