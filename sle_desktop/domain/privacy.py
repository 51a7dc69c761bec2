"""Does free text look like it identifies a patient? (Free-text fields travel to the sponsor.)

`identifying(text, identifiers)` finds what looks like a phone number, a national identity or
passport number, an e-mail address, or one of the subject's own identifiers (a part of the name,
the national ID, the phone number, the date of birth as written at the site). It only warns: the
clinician decides. Pure functions, no project imports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

KINDS = ("email", "phone", "national_id", "identifier")

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# +375 29 123-45-67, 8 (029) 123 45 67, 80291234567, 123-45-67
_PHONE = re.compile(r"(?<![\w.])\+?\d[\d ()\-]{5,}\d(?![\w.])")
_LOCAL_PHONE = re.compile(r"^\d{3}-\d{2}-\d{2}$")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NATIONAL_IDS = (
    re.compile(r"\b\d{7}[A-Z]\d{3}[A-Z]{2}\d\b", re.IGNORECASE),  # Belarusian personal number 3120592A001PB5
    re.compile(r"\b[A-Z]{2}\d{7}\b"),                              # Belarusian passport MP1234567
    re.compile(r"\b\d{3}-\d{3}-\d{3}[ -]\d{2}\b"),                 # Russian SNILS 123-456-789 01
    re.compile(r"\b\d{2} ?\d{2} \d{6}\b"),                         # Russian passport 45 03 123456
    re.compile(r"\b\d{3}-\d{2}-\d{4}\b"),                          # US SSN-style 123-45-6789
)
_MIN_NAME_PART = 3  # shorter name parts ("Li", initials) match too much ordinary text


@dataclass(frozen=True)
class Finding:
    kind: str   # one of KINDS
    text: str   # the part of the text that looks identifying


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def _phones(text: str) -> list[str]:
    found = []
    for m in _PHONE.finditer(text):
        candidate = m.group().strip()
        digits = _digits(candidate)
        if _ISO_DATE.search(candidate):  # dates written one after another are not a phone number
            continue
        if (candidate.startswith("+") and digits >= 7) or digits >= 9 or _LOCAL_PHONE.match(candidate):
            found.append(candidate)
    return found


def _identifier_parts(identifiers: dict) -> list[list[str]]:
    """Groups of ways one identifier can appear in text (one finding per group at most)."""
    groups: list[list[str]] = []
    for key, value in identifiers.items():
        if not value:
            continue
        if isinstance(value, date):
            value = value.isoformat()
        value = str(value).strip()
        if key == "date_of_birth":
            try:
                born = date.fromisoformat(value)
            except ValueError:
                continue
            groups.append([born.strftime("%d.%m.%Y"), born.isoformat(), born.strftime("%d/%m/%Y")])
        elif key in ("full_name", "name", "first_name", "last_name", "patronymic", "address"):
            groups += [[p] for p in re.split(r"[\s,.\-]+", value) if len(p) >= _MIN_NAME_PART and not p.isdigit()]
        elif len(value) >= 4:
            groups.append([value])
    return groups


def _contains(text: str, part: str) -> bool:
    if _digits(part) >= 4:  # a number: compare the digits, whatever the separators
        digits = re.sub(r"\D", "", part)
        return digits in re.sub(r"\D", "", text) if len(digits) >= 6 else part in text
    return re.search(r"(?<!\w)" + re.escape(part) + r"(?!\w)", text, re.IGNORECASE) is not None


def identifying(text: str, identifiers: dict | None = None) -> tuple[Finding, ...]:
    """What in `text` looks like it identifies a person (empty when nothing does), in the order of KINDS.

    `identifiers`: the subject's own identifiers (full_name, national_id, phone, address, date_of_birth...)."""
    text = text or ""
    if not text.strip():
        return ()
    found: list[Finding] = []
    emails = _EMAIL.findall(text)
    found += [Finding("email", e) for e in emails]
    rest = _EMAIL.sub(" ", text)
    ids = [m.group() for pattern in _NATIONAL_IDS for m in pattern.finditer(rest)]
    found += [Finding("phone", p) for p in _phones(rest) if not any(p in i or i in p for i in ids)]
    found += [Finding("national_id", i) for i in dict.fromkeys(ids)]
    for group in _identifier_parts(identifiers or {}):
        match = next((part for part in group if _contains(text, part)), None)
        if match is not None and not any(f.text == match for f in found):
            found.append(Finding("identifier", match))
    return tuple(found)
