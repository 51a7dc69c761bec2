"""Form-field checks shared by the use cases; each problem becomes a clinician-readable message."""

from __future__ import annotations

import math
from datetime import date, timedelta

from sle_desktop.domain.text import msg

EARLIEST_STUDY_DATE = date(2015, 1, 1)  # no trial procedure can predate the protocol
MAX_TEXT = 2000
MAX_SHORT_TEXT = 200


class Problems(dict):
    """field -> message, filled by the checks below; raise ValidationError(problems) when non-empty."""

    def text(self, field: str, value, label: str, *, required: bool = False, max_len: int = MAX_SHORT_TEXT) -> str | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self[field] = msg("{label} is required.", label=label)
            return None
        if not isinstance(value, str):
            self[field] = msg("{label} must be text.", label=label)
            return None
        value = value.strip()
        if len(value) > max_len:
            self[field] = msg("{label} is too long ({n} characters; at most {max_len}).", label=label, n=len(value),
                                  max_len=max_len)
            return None
        if "\x00" in value or any(ord(c) < 32 and c not in "\n\t" for c in value):
            self[field] = msg("{label} contains control characters; retype it.", label=label)
            return None
        return value

    def clinical_date(self, field: str, value, label: str, *, today: date, required: bool = True,
                      earliest: date = EARLIEST_STUDY_DATE) -> date | None:
        if value is None:
            if required:
                self[field] = msg("{label} is required.", label=label)
            return None
        if not isinstance(value, date):
            self[field] = msg("{label} is not a valid date.", label=label)
            return None
        if value > today:
            self[field] = msg("{label} ({value:%d.%m.%Y}) is in the future.", label=label, value=value)
            return None
        if value < earliest:
            self[field] = msg("{label} ({value:%d.%m.%Y}) is before {earliest:%d.%m.%Y}; check the year.", label=label,
                               value=value, earliest=earliest)
            return None
        return value

    def birth_date(self, field: str, value, label: str, *, today: date) -> date | None:
        return self.clinical_date(field, value, label, today=today, earliest=today - timedelta(days=int(120 * 365.25)))

    def number(self, field: str, value, label: str, *, lo: float, hi: float, unit: str = "",
               required: bool = False) -> float | None:
        if value is None or value == "":
            if required:
                self[field] = msg("{label} is required.", label=label)
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            self[field] = msg("{label} must be a number.", label=label)
            return None
        if not lo <= value <= hi:
            if unit:
                self[field] = msg("{label} {value:g} {unit} is outside the possible range {lo:g}–{hi:g} {unit}.",
                                  label=label, value=value, unit=unit, lo=lo, hi=hi)
            else:
                self[field] = msg("{label} {value:g} is outside the possible range {lo:g}–{hi:g}.",
                                  label=label, value=value, lo=lo, hi=hi)
            return None
        return float(value)

    def choice(self, field: str, value, label: str, choices, *, required: bool = True):
        if value is None or value == "":
            if required:
                self[field] = msg("{label} is required.", label=label)
            return None
        if value not in choices:
            self[field] = msg("{label}: \"{value}\" is not one of {choices}.", label=label, value=str(value),
                              choices=", ".join(map(str, choices)))
            return None
        return value
