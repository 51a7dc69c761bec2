"""Small input checks shared by the domain modules (internal; pure, no I/O)."""

from __future__ import annotations

import math
from datetime import date, datetime
from numbers import Real


def is_number(x: object) -> bool:
    """True for int/float-like reals, False for bool (True is not a score)."""
    return isinstance(x, Real) and not isinstance(x, bool)


def finite_number(x: object, what: str) -> float:
    """Return ``x`` as a float, or raise ValueError if it is not a finite real number."""
    if not is_number(x):
        raise ValueError(f"{what} must be a number, got {x!r}")
    value = float(x)  # type: ignore[arg-type]
    if not math.isfinite(value):
        raise ValueError(f"{what} must be a finite number, got {x!r}")
    return value


def plain_int(x: object, what: str) -> int:
    """Return ``x`` if it is an int (not bool), else raise ValueError."""
    if isinstance(x, bool) or not isinstance(x, int):
        raise ValueError(f"{what} must be a whole number, got {x!r}")
    return x


def plain_date(x: object, what: str) -> date:
    """Return ``x`` if it is a calendar date (not a datetime), else raise ValueError."""
    if isinstance(x, datetime) or not isinstance(x, date):
        raise ValueError(f"{what} must be a calendar date, got {x!r}")
    return x


def optional_date(x: object, what: str) -> date | None:
    """Like :func:`plain_date` but None is allowed."""
    return None if x is None else plain_date(x, what)


def fmt(x: float) -> str:
    """A number as a clinician would write it: 85, 2.5, 0.07 (no trailing zeros)."""
    return f"{x:g}"
