"""Safety: adverse-event vocabularies, the 24 h SAE clock, the month-1 safety endpoint
and the MSC dose check (clinical-reference §6, §7).

Datetimes for the SAE clock must be timezone-aware; the 24 hours are elapsed hours
(computed in UTC), so a daylight-saving change does not shift the deadline.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from ._checks import finite_number, optional_date, plain_date, plain_int
from .text import Msg, msg

CTCAE_GRADES: tuple[int, ...] = (1, 2, 3, 4, 5)
GRADE_LABELS: dict[int, str] = {
    1: "Grade 1 – mild",
    2: "Grade 2 – moderate",
    3: "Grade 3 – severe or medically significant",
    4: "Grade 4 – life-threatening",
    5: "Grade 5 – death related to AE",
}

SERIOUS_CRITERIA: tuple[str, ...] = (
    "death",
    "life_threatening",
    "hospitalisation",
    "disability",
    "congenital_anomaly",
    "other_important",
)
SERIOUS_CRITERIA_LABELS: dict[str, str] = {
    "death": "Results in death",
    "life_threatening": "Life-threatening",
    "hospitalisation": "Requires hospitalisation or prolongs hospitalisation",
    "disability": "Persistent or significant disability/incapacity",
    "congenital_anomaly": "Congenital anomaly/birth defect",
    "other_important": "Other important medical event",
}

RELATIONSHIPS: tuple[str, ...] = ("unrelated", "unlikely", "possible", "probable", "definite")
RELATIONSHIP_LABELS: dict[str, str] = {
    "unrelated": "Unrelated",
    "unlikely": "Unlikely related",
    "possible": "Possibly related",
    "probable": "Probably related",
    "definite": "Definitely related",
}
RELATED: frozenset[str] = frozenset({"possible", "probable", "definite"})

ACTIONS: tuple[str, ...] = (
    "dose_not_changed",
    "infusion_interrupted",
    "infusion_stopped",
    "not_applicable",
    "unknown",
)
"""Action taken with the MSC product (after CDISC AEACN, adapted to a single infusion)."""
ACTION_LABELS: dict[str, str] = {
    "dose_not_changed": "Dose not changed",
    "infusion_interrupted": "Infusion interrupted",
    "infusion_stopped": "Infusion stopped (product withdrawn)",
    "not_applicable": "Not applicable",
    "unknown": "Unknown",
}

OUTCOMES: tuple[str, ...] = (
    "recovered",
    "recovering",
    "not_recovered",
    "recovered_with_sequelae",
    "fatal",
    "unknown",
)
OUTCOME_LABELS: dict[str, str] = {
    "recovered": "Recovered/resolved",
    "recovering": "Recovering/resolving",
    "not_recovered": "Not recovered/not resolved",
    "recovered_with_sequelae": "Recovered/resolved with sequelae",
    "fatal": "Fatal",
    "unknown": "Unknown",
}

SAE_REPORT_HOURS = 24
ADVERSE_REACTION_WINDOW_DAYS = 30
MAX_WEIGHT_KG = 350.0


# --------------------------------------------------------------------------- SAE clock


def _aware(dt: object, what: str) -> datetime:
    if not isinstance(dt, datetime):
        raise ValueError(f"{what} must be a date and time, got {dt!r}")
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError(f"{what} must be timezone-aware (e.g. UTC), got the naive {dt.isoformat()}")
    return dt


def sae_deadline(aware_at: datetime, hours: int = SAE_REPORT_HOURS) -> datetime:
    """When the SAE must have reached the sponsor: ``hours`` elapsed hours after awareness
    (returned in the same time zone as ``aware_at``)."""
    start = _aware(aware_at, "awareness time")
    h = plain_int(hours, "reporting hours")
    if h <= 0:
        raise ValueError(f"reporting hours must be positive, got {h}")
    deadline_utc = start.astimezone(UTC) + timedelta(hours=h)
    return deadline_utc.astimezone(start.tzinfo)


@dataclass(frozen=True)
class SaeClock:
    """State of one SAE's reporting clock.

    ``overdue``: not reported and ``now`` is past the deadline (the deadline instant itself
    is still in time). ``hours_left``: hours from ``now`` to the deadline (negative when
    overdue); once reported, the margin left at the time of reporting (negative if late).
    """

    deadline: datetime
    overdue: bool
    hours_left: float
    reported: bool
    reported_late: bool = False


def sae_clock(
    aware_at: datetime,
    now: datetime,
    reported_at: datetime | None = None,
    hours: int = SAE_REPORT_HOURS,
) -> SaeClock:
    """The 24 h SAE clock at ``now``; ``reported_at`` = when it left in a bundle (or None)."""
    deadline = sae_deadline(aware_at, hours)
    # Python compares and subtracts datetimes sharing one tzinfo by wall clock; work in UTC
    # so that elapsed time is right across a daylight-saving change.
    deadline_utc = deadline.astimezone(UTC)
    current = _aware(now, "current time").astimezone(UTC)
    if reported_at is None:
        left = (deadline_utc - current).total_seconds() / 3600.0
        return SaeClock(deadline, current > deadline_utc, left, False, False)
    reported = _aware(reported_at, "reporting time").astimezone(UTC)
    if reported < aware_at.astimezone(UTC):
        raise ValueError(
            f"the SAE cannot be reported ({reported.isoformat()}) before the site became aware "
            f"of it ({aware_at.isoformat()})"
        )
    margin = (deadline_utc - reported).total_seconds() / 3600.0
    return SaeClock(deadline, False, margin, True, reported > deadline_utc)


# --------------------------------------------------------------------------- safety endpoint


def _field(ae: object, name: str) -> object:
    if isinstance(ae, Mapping):
        if name not in ae:
            raise ValueError(f"adverse event {ae!r} has no {name!r}")
        return ae[name]
    if not hasattr(ae, name):
        raise ValueError(f"adverse event {ae!r} has no {name!r}")
    return getattr(ae, name)


def adverse_reactions(
    infusion_dates: Iterable[date], adverse_events: Iterable[object]
) -> list[object]:
    """The adverse events that count as adverse reactions for the safety endpoint.

    An AE counts when its relationship to the MSC product is possible, probable or
    definite (or not yet assessed: None) and its onset is within 30 days after an
    infusion, infusion day included (infusion date ≤ onset ≤ infusion date + 30 days).
    A related AE with no onset date counts (it cannot be shown to be outside the window).
    ``adverse_events`` are mappings or objects with ``onset_date`` and ``relationship``.
    """
    infusions = [plain_date(d, "infusion date") for d in infusion_dates]
    window = timedelta(days=ADVERSE_REACTION_WINDOW_DAYS)
    found = []
    for ae in adverse_events:
        relationship = _field(ae, "relationship")
        onset = optional_date(_field(ae, "onset_date"), "AE onset date")
        if relationship is not None and relationship not in RELATIONSHIPS:
            raise ValueError(
                f"unknown relationship {relationship!r} (use one of: {', '.join(RELATIONSHIPS)})"
            )
        if not infusions:
            continue
        if relationship is not None and relationship not in RELATED:
            continue
        if onset is None or any(d <= onset <= d + window for d in infusions):
            found.append(ae)
    return found


def absence_of_adverse_reactions(
    infusion_dates: Iterable[date], adverse_events: Iterable[object]
) -> bool:
    """Month-1 safety endpoint: no AE related to MSC (possible/probable/definite) with
    onset from an infusion day to 30 days after it (inclusive).

    With no infusions (standard-treatment arm) there is nothing to react to: True.
    An AE whose relationship is not yet assessed (None) or whose onset date is unknown
    is counted conservatively as a reaction (see ``adverse_reactions``).
    """
    return not adverse_reactions(infusion_dates, adverse_events)


def ae_problems(
    grade: int,
    serious: bool,
    serious_criteria: Iterable[str] = (),
    outcome: str | None = None,
    relationship: str | None = None,
    action: str | None = None,
    onset_date: date | None = None,
    stop_date: date | None = None,
) -> list[str]:
    """Consistency problems of one AE record (empty list = consistent), for form validation."""
    problems: list[str] = []
    if isinstance(grade, bool) or grade not in CTCAE_GRADES:
        problems.append(f"CTCAE grade must be 1–5, got {grade!r}")
    if not isinstance(serious, bool):
        problems.append(f"serious must be yes or no, got {serious!r}")
    if isinstance(serious_criteria, (str, bytes)):
        serious_criteria = (serious_criteria,)  # type: ignore[assignment]
    criteria = list(serious_criteria)
    unknown = [c for c in criteria if c not in SERIOUS_CRITERIA]
    if unknown:
        problems.append("unknown seriousness criteria: " + ", ".join(map(repr, unknown)))
    if serious is True and not criteria:
        problems.append("a serious AE needs at least one seriousness criterion")
    if serious is False and criteria:
        problems.append("seriousness criteria are recorded but the AE is not marked serious")
    if outcome is not None and outcome not in OUTCOMES:
        problems.append(f"unknown outcome {outcome!r}")
    if relationship is not None and relationship not in RELATIONSHIPS:
        problems.append(f"unknown relationship {relationship!r}")
    if action is not None and action not in ACTIONS:
        problems.append(f"unknown action taken {action!r}")
    if grade == 5 and not isinstance(grade, bool):
        if outcome is not None and outcome != "fatal":
            problems.append("grade 5 (death) requires the outcome 'fatal'")
        if "death" not in criteria:
            problems.append("grade 5 (death) requires serious = yes with the criterion 'death'")
    if outcome == "fatal" and "death" not in criteria:
        problems.append("outcome 'fatal' requires the seriousness criterion 'death'")
    if "death" in criteria and outcome not in (None, "fatal"):
        problems.append("seriousness criterion 'death' requires the outcome 'fatal'")
    try:
        onset = optional_date(onset_date, "onset date")
        stop = optional_date(stop_date, "stop date")
    except ValueError as exc:
        problems.append(str(exc))
    else:
        if onset is not None and stop is not None and stop < onset:
            problems.append(f"stop date {stop.isoformat()} is before onset date {onset.isoformat()}")
    return problems


# --------------------------------------------------------------------------- dose


def _positive(x: object, what: Msg) -> float:
    v = finite_number(x, what)
    if v <= 0:
        raise ValueError(msg("{what} must be greater than 0, got {value!r}", what=what, value=x))
    return v


def _weight(x: object) -> float:
    w = _positive(x, msg("body weight (kg)"))
    if w > MAX_WEIGHT_KG:
        raise ValueError(msg("body weight {value:g} kg is implausible (above {limit:g} kg)", value=w,
                             limit=MAX_WEIGHT_KG))
    return w


def dose_per_kg_million(total_cells: float, weight_kg: float) -> float:
    """Dose in ×10⁶ cells/kg: total cells ÷ body weight (kg) ÷ 10⁶."""
    cells = _positive(total_cells, msg("total cells"))
    return cells / _weight(weight_kg) / 1e6


@dataclass(frozen=True)
class DoseCheck:
    """Computed vs entered dose (×10⁶ cells/kg) and whether they agree."""

    computed: float
    entered: float
    ok: bool
    message: Msg


def check_dose(
    total_cells: float,
    weight_kg: float,
    entered_per_kg_million: float,
    tolerance: float = 0.05,
) -> DoseCheck:
    """Compare the entered dose with the one computed from total cells and weight.

    ``tolerance`` is relative to the computed dose (0.05 = ±5 %, edges included).
    """
    computed = dose_per_kg_million(total_cells, weight_kg)
    entered = _positive(entered_per_kg_million, msg("entered dose (×10⁶ cells/kg)"))
    tol = finite_number(tolerance, "tolerance")
    if not 0 <= tol < 1:
        raise ValueError(f"tolerance must be between 0 and 1 (a fraction), got {tolerance!r}")
    diff = abs(entered - computed)
    # A hair of slack so that a difference of exactly the tolerance (e.g. 2.1 vs 2.0 at 5 %)
    # is not rejected by binary floating-point rounding.
    ok = diff <= tol * computed * (1 + 1e-9) + 1e-12
    weight = float(weight_kg)  # type: ignore[arg-type]
    source = msg("{cells} cells / {weight:g} kg", cells=_cells(total_cells), weight=weight)
    if ok:
        message = msg("Entered dose {entered:.2f} ×10⁶ cells/kg agrees with the computed {computed:.2f} ×10⁶ "
                      "cells/kg ({source}).", entered=entered, computed=computed, source=source)
    else:
        message = msg("Entered dose {entered:.2f} ×10⁶ cells/kg differs from the computed {computed:.2f} ×10⁶ "
                      "cells/kg ({source}) by {pct:.1f}%; the tolerance is {tolerance:g}%.", entered=entered,
                      computed=computed, source=source, pct=100.0 * diff / computed, tolerance=100 * tol)
    return DoseCheck(computed, entered, ok, message)


def _cells(total: object) -> str:
    v = float(total)  # type: ignore[arg-type]
    exponent = int(math.floor(math.log10(v)))
    mantissa = v / 10**exponent
    return f"{mantissa:.3g}×10^{exponent}"
