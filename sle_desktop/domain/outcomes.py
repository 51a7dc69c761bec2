"""Derived outcomes, computed and never typed (clinical-reference §2).

Scores are SELENA-SLEDAI totals (int 0-105); PGA values are 0.0-3.0 and are
compared on their one-decimal values, as recorded (0.9 -> 1.2 is exactly +0.3).
Out-of-range or malformed input raises ValueError.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from . import sledai
from ._checks import finite_number

SRI4_LABEL = "SRI-4 (without BILAG)"
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
    """A PGA (0.0-3.0) as integer tenths of its one-decimal value (half-up): 1.2 -> 12."""
    v = finite_number(value, what)
    if not 0.0 <= v <= 3.0:
        raise ValueError(f"{what} must be between 0.0 and 3.0, got {value!r}")
    return int(Decimal(repr(v)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) * 10)


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
    """SELENA flare vs the previous assessment: "none", "mild_moderate" or "severe".

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


def clinical_sledai(codes: Iterable[str]) -> int:
    """SELENA-SLEDAI without the serology descriptors (low_complement, increased_dna_binding)."""
    return sledai.clinical_score(codes)


def clinical_remission(codes: Iterable[str]) -> bool:
    """Clinical remission marker (site convention): clinical SLEDAI = 0."""
    return clinical_sledai(codes) == 0
