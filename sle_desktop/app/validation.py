"""Form-field checks shared by the use cases; each problem becomes a clinician-readable message."""

from __future__ import annotations

import math
from datetime import date, timedelta

EARLIEST_STUDY_DATE = date(2015, 1, 1)  # no trial procedure can predate the protocol
MAX_TEXT = 2000
MAX_SHORT_TEXT = 200


class Problems(dict):
    """field -> message, filled by the checks below; raise ValidationError(problems) when non-empty."""

    def text(self, field: str, value, label: str, *, required: bool = False, max_len: int = MAX_SHORT_TEXT) -> str | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self[field] = f"{label} is required."
            return None
        if not isinstance(value, str):
            self[field] = f"{label} must be text."
            return None
        value = value.strip()
        if len(value) > max_len:
            self[field] = f"{label} is too long ({len(value)} characters; at most {max_len})."
            return None
        if "\x00" in value or any(ord(c) < 32 and c not in "\n\t" for c in value):
            self[field] = f"{label} contains control characters; retype it."
            return None
        return value

    def clinical_date(self, field: str, value, label: str, *, today: date, required: bool = True,
                      earliest: date = EARLIEST_STUDY_DATE) -> date | None:
        if value is None:
            if required:
                self[field] = f"{label} is required."
            return None
        if not isinstance(value, date):
            self[field] = f"{label} is not a valid date."
            return None
        if value > today:
            self[field] = f"{label} ({value:%d.%m.%Y}) is in the future."
            return None
        if value < earliest:
            self[field] = f"{label} ({value:%d.%m.%Y}) is before {earliest:%d.%m.%Y}; check the year."
            return None
        return value

    def birth_date(self, field: str, value, label: str, *, today: date) -> date | None:
        return self.clinical_date(field, value, label, today=today, earliest=today - timedelta(days=int(120 * 365.25)))

    def number(self, field: str, value, label: str, *, lo: float, hi: float, unit: str = "",
               required: bool = False) -> float | None:
        if value is None or value == "":
            if required:
                self[field] = f"{label} is required."
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            self[field] = f"{label} must be a number."
            return None
        if not lo <= value <= hi:
            u = f" {unit}" if unit else ""
            self[field] = f"{label} {value:g}{u} is outside the possible range {lo:g}–{hi:g}{u}."
            return None
        return float(value)

    def choice(self, field: str, value, label: str, choices, *, required: bool = True):
        if value is None or value == "":
            if required:
                self[field] = f"{label} is required."
            return None
        if value not in choices:
            self[field] = f"{label}: {value!r} is not one of {', '.join(map(str, choices))}."
            return None
        return value
