"""Visit schedule, study days and visit windows (clinical-reference §5).

Study day = calendar days since the baseline date (baseline = day 0, negative
before). A windowed visit is in window when
``target − window ≤ study day ≤ target + window`` (edges included).

Visit status semantics (``visit_status``), for a visit that is not done:

* ``not_yet_open`` – today is before the window opens (before target − window);
* ``open``         – from the window's first day up to and including the target day;
* ``overdue``      – after the target day but still within the window (last day included);
* ``missed``       – after the window's last day. The visit can still be done late (a
  protocol deviation); ``missed`` only says the window has passed.

A visit that is done is ``done`` whatever the date.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from ._checks import plain_date

FORMS: dict[str, str] = {
    "consent": "Informed consent",
    "eligibility": "Eligibility",
    "demographics": "Demographics",
    "sledai": "SELENA-SLEDAI and PGA",
    "labs": "Laboratory results",
    "arm": "Arm assignment",
    "msc_infusion": "MSC infusion",
    "adverse_events": "Adverse events",
}
"""Form codes a visit can list, with their labels (the SLEDAI form records the PGA too)."""

WINDOW_STATUSES: tuple[str, ...] = ("early", "in_window", "late")
VISIT_STATUSES: tuple[str, ...] = ("done", "not_yet_open", "open", "overdue", "missed")


@dataclass(frozen=True)
class VisitDef:
    """One visit of the study schedule.

    ``target_day`` is the study day of the visit (None for unscheduled visits);
    ``window_days`` the allowed ± days (None: no window, e.g. screening, baseline).
    ``earliest_day`` is only used for a period such as screening (−28 … target 0).
    """

    code: str
    label: str
    target_day: int | None
    window_days: int | None
    forms: tuple[str, ...]
    scheduled: bool
    earliest_day: int | None = None


_default_source: Callable[[], Iterable[VisitDef]] | None = None
_default_table: tuple[VisitDef, ...] | None = None


def use_default_visits(source: Callable[[], Iterable[VisitDef]]) -> None:
    """Where the visit table comes from when a caller passes none: ``source()`` is asked once, at first need.

    The package root points it at the study definition shipped with the program, so this module keeps no
    copy of the schedule (callers that know the definition in force pass its visits).
    """
    global _default_source, _default_table
    _default_source, _default_table = source, None


def default_visits() -> tuple[VisitDef, ...]:
    """The visit table of the shipped study definition (used when no ``visits`` are passed)."""
    global _default_table
    if _default_table is None:
        if _default_source is None:
            raise ValueError("no study definition is known: pass the visits of the definition in force")
        _default_table = tuple(_default_source())
    return _default_table


def _visits(visits: Iterable[VisitDef] | None) -> tuple[VisitDef, ...]:
    return default_visits() if visits is None else tuple(visits)


def get_visit(visit: str | VisitDef, visits: Iterable[VisitDef] | None = None) -> VisitDef:
    """The visit definition for a code (or the VisitDef itself); ValueError if unknown."""
    if isinstance(visit, VisitDef):
        return visit
    table = _visits(visits)
    for v in table:
        if v.code == visit:
            return v
    known = ", ".join(v.code for v in table)
    raise ValueError(f"unknown visit {visit!r} (known visits: {known})")


def _windowed(visit: str | VisitDef, visits: Iterable[VisitDef] | None) -> VisitDef:
    v = get_visit(visit, visits)
    if v.window_days is None or v.target_day is None:
        raise ValueError(f"visit {v.code!r} has no visit window")
    return v


def study_day(day0: date, on: date) -> int:
    """Calendar days from the baseline date ``day0`` (day 0) to ``on``; negative before."""
    return (plain_date(on, "date") - plain_date(day0, "baseline date")).days


def visit_window(
    visit: str | VisitDef, day0: date, visits: Iterable[VisitDef] | None = None
) -> tuple[date, date, date]:
    """(earliest, target, latest) calendar dates of a windowed visit, edges included."""
    v = _windowed(visit, visits)
    base = plain_date(day0, "baseline date")
    target = base + timedelta(days=v.target_day)  # type: ignore[arg-type]
    window = timedelta(days=v.window_days)  # type: ignore[arg-type]
    return target - window, target, target + window


def window_status(
    visit: str | VisitDef, day0: date, on: date, visits: Iterable[VisitDef] | None = None
) -> str:
    """"early", "in_window" or "late" for a visit done on ``on`` (edges are in window)."""
    v = _windowed(visit, visits)
    day = study_day(day0, on)
    if day < v.target_day - v.window_days:  # type: ignore[operator]
        return "early"
    if day > v.target_day + v.window_days:  # type: ignore[operator]
        return "late"
    return "in_window"


def visit_status(
    visit: str | VisitDef,
    day0: date,
    today: date,
    done: bool,
    visits: Iterable[VisitDef] | None = None,
) -> str:
    """"done", "not_yet_open", "open", "overdue" or "missed" (see the module docstring)."""
    earliest, target, latest = visit_window(visit, day0, visits)
    plain_date(today, "today")
    if done:
        return "done"
    if today < earliest:
        return "not_yet_open"
    if today <= target:
        return "open"
    if today <= latest:
        return "overdue"
    return "missed"


_IN_ORDER: list[tuple[tuple[VisitDef, ...], tuple[VisitDef, ...]]] = []


def _windowed_in_order(table: tuple[VisitDef, ...]) -> tuple[VisitDef, ...]:
    """The scheduled windowed visits by target day. The last table's answer is kept (by identity, as
    hashing the definitions costs more than sorting them): the subject list asks once per subject."""
    if _IN_ORDER and _IN_ORDER[0][0] is table:
        return _IN_ORDER[0][1]
    ordered = tuple(sorted(
        (v for v in table if v.scheduled and v.window_days is not None and v.target_day is not None),
        key=lambda v: v.target_day,  # type: ignore[arg-type,return-value]
    ))
    _IN_ORDER[:] = [(table, ordered)]
    return ordered


def next_due(
    day0: date,
    done_codes: Iterable[str],
    today: date,
    visits: Iterable[VisitDef] | None = None,
) -> tuple[VisitDef, date, date, date, str] | None:
    """The first scheduled windowed visit (by target day) not yet done, with its window and
    status: ``(visit, earliest, target, latest, status)``; None when all are done.

    A visit whose window has passed is still returned (status "missed") until it is
    recorded as done, so a forgotten visit is never skipped silently.
    """
    if isinstance(done_codes, (str, bytes)):
        raise ValueError(f"done_codes must be a collection of visit codes, got {done_codes!r}")
    plain_date(day0, "baseline date")
    plain_date(today, "today")
    done = frozenset(done_codes)
    table = _visits(visits)
    for v in _windowed_in_order(table):
        if v.code in done:
            continue
        earliest, target, latest = visit_window(v, day0)
        return v, earliest, target, latest, visit_status(v, day0, today, False)
    return None
