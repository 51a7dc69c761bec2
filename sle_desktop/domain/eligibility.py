"""Eligibility of a screened patient (clinical-reference §3; protocol inclusion/exclusion).

``evaluate(screening)`` checks every criterion and reports each failed one by its
stable name, in the order of ``CRITERIA``, with one clinician-readable message
per failed criterion (``messages[i]`` explains ``failed[i]``). The thresholds are
an ``EligibilityRules`` value so a study definition can change them.
"""

from __future__ import annotations

import calendar
import math
import re
from dataclasses import dataclass, field
from datetime import date

from . import acr1997, sledai
from ._checks import is_number, optional_date, plain_int
from .text import Msg, msg

CRITERIA: tuple[str, ...] = (
    "age",
    "acr_criteria",
    "anti_dsdna",
    "sledai_min",
    "active_nephritis",
    "consent",
    "can_follow_procedures",
    "dialysis",
    "planned_transplant",
    "high_risk_condition",
    "pregnancy_lactation",
    "chronic_infection",
    "malignancy_5y",
)
INCLUSION: tuple[str, ...] = CRITERIA[:7]
EXCLUSION: tuple[str, ...] = CRITERIA[7:]

CRITERION_LABELS: dict[str, str] = {
    "age": "Age",
    "acr_criteria": "ACR 1997 criteria",
    "anti_dsdna": "Anti-dsDNA",
    "sledai_min": "SELENA-SLEDAI",
    "active_nephritis": "Active lupus nephritis",
    "consent": "Consent",
    "can_follow_procedures": "Ability to follow procedures",
    "dialysis": "Dialysis",
    "planned_transplant": "Planned renal transplantation",
    "high_risk_condition": "High-risk medical condition",
    "pregnancy_lactation": "Pregnancy or lactation",
    "chronic_infection": "Chronic infection",
    "malignancy_5y": "Malignancy in the last 5 years",
}

NEPHRITIS_BIOPSY_CLASSES: tuple[str, ...] = ("III", "IV", "V")
ISN_RPS_CLASSES: tuple[str, ...] = ("I", "II", "III", "IV", "V", "VI")


@dataclass(frozen=True)
class EligibilityRules:
    """The study's eligibility thresholds (defaults = the site convention)."""

    min_age: int = 18
    max_age: int = 75
    min_acr_criteria: int = 4
    min_sledai: int = 6
    biopsy_lookback_months: int = 12
    malignancy_lookback_years: int = 5
    min_proteinuria_g_per_day: float = 0.5
    min_upcr_g_per_g: float = 0.5

    def __post_init__(self) -> None:
        for name in (
            "min_age", "max_age", "min_acr_criteria", "min_sledai",
            "biopsy_lookback_months", "malignancy_lookback_years",
        ):
            value = getattr(self, name)
            plain_int(value, name)
            if value < 0:
                raise ValueError(f"{name} must not be negative, got {value}")
        for name in ("min_proteinuria_g_per_day", "min_upcr_g_per_g"):
            value = getattr(self, name)
            if not is_number(value) or not math.isfinite(value) or value <= 0:
                raise ValueError(f"{name} must be a positive number, got {value!r}")
        if not 0 < self.min_age <= self.max_age <= 130:
            raise ValueError(
                f"min_age/max_age must satisfy 0 < min_age <= max_age <= 130, "
                f"got {self.min_age}/{self.max_age}"
            )
        if self.min_acr_criteria > len(acr1997.CRITERIA):
            raise ValueError(
                f"min_acr_criteria cannot exceed {len(acr1997.CRITERIA)}, got {self.min_acr_criteria}"
            )
        if self.min_sledai > sledai.MAX_SCORE:
            raise ValueError(f"min_sledai cannot exceed {sledai.MAX_SCORE}, got {self.min_sledai}")
        if not 1 <= self.biopsy_lookback_months <= 120:
            raise ValueError(
                f"biopsy_lookback_months must be 1-120, got {self.biopsy_lookback_months}"
            )
        if not 1 <= self.malignancy_lookback_years <= 100:
            raise ValueError(
                f"malignancy_lookback_years must be 1-100, got {self.malignancy_lookback_years}"
            )


DEFAULT_RULES = EligibilityRules()


@dataclass
class Screening:
    """What the enrolment wizard knows about the patient; every field has a default."""

    consent_date: date | None = None
    date_of_birth: date | None = None
    sex: str | None = None
    acr_criteria: frozenset[str] = frozenset()
    anti_dsdna_positive: bool = False
    sledai_codes: frozenset[str] = frozenset()
    biopsy_class: str | None = None
    biopsy_date: date | None = None
    proteinuria_g_per_day: float | None = None
    upcr_g_per_g: float | None = None
    active_sediment: bool = False
    investigator_confirms_nephritis: bool = False
    can_follow_procedures: bool = False
    needs_dialysis: bool = False
    planned_transplant: bool = False
    high_risk_condition: bool = False
    pregnant_or_lactating: bool = False
    chronic_infection: bool = False
    last_malignancy_date: date | None = None


@dataclass
class Result:
    """Outcome of ``evaluate``: ``messages[i]`` explains ``failed[i]`` (a translatable ``text.Msg``)."""

    eligible: bool
    failed: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- dates


def anti_dsdna_positive(*, qualitative: bool = False, value: float | None = None, uln: float | None = None) -> bool:
    """Anti-dsDNA is positive: a qualitative positive result, or a value above the laboratory's upper limit."""
    return bool(qualitative) or (value is not None and uln is not None and value > uln)


def months_before(d: date, months: int) -> date:
    """The same calendar date ``months`` months earlier; a missing day becomes the month's last
    (31 May - 3 months = 28/29 Feb; 29 Feb 2024 - 12 months = 28 Feb 2023)."""
    plain_int(months, "months")
    if months < 0:
        raise ValueError(f"months must not be negative, got {months}")
    index = d.year * 12 + (d.month - 1) - months
    year, month0 = divmod(index, 12)
    if year < 1:
        raise ValueError(f"{months} months before {d.isoformat()} is before year 1")
    month = month0 + 1
    day = min(d.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def years_before(d: date, years: int) -> date:
    """The same calendar date ``years`` years earlier (29 February -> 28 February)."""
    plain_int(years, "years")
    if years < 0:
        raise ValueError(f"years must not be negative, got {years}")
    return months_before(d, 12 * years)


def age_on(date_of_birth: date, on: date) -> int:
    """Age in completed years on ``on``. Someone born on 29 February has the birthday on
    1 March in non-leap years. ValueError if ``on`` is before the date of birth."""
    dob = optional_date(date_of_birth, "date of birth")
    day = optional_date(on, "date")
    if dob is None or day is None:
        raise ValueError("date of birth and reference date are both required")
    if day < dob:
        raise ValueError(f"date {day.isoformat()} is before the date of birth {dob.isoformat()}")
    # Comparing (month, day) tuples puts a 29 Feb birthday after 28 Feb, so in
    # non-leap years it is reached on 1 March.
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


# --------------------------------------------------------------------------- biopsy

_CLASS_RE = re.compile(r"^(?:CLASS)?(VI|IV|V|III|II|I)(?![A-Z])")


def parse_biopsy_class(text: str) -> frozenset[str]:
    """The ISN/RPS classes in a biopsy class such as "IV", "III+V", "iv-g (a) + v".

    Parts are separated by '+'; case and spaces are ignored; subclass suffixes
    ("IV-G (A/C)") are allowed. ValueError if any part is not class I-VI.
    """
    if not isinstance(text, str):
        raise ValueError(f"biopsy class must be text such as 'IV' or 'III+V', got {text!r}")
    compact = re.sub(r"\s+", "", text.upper())
    parts = compact.split("+")
    classes = set()
    for part in parts:
        m = _CLASS_RE.match(part)
        if not m:
            raise ValueError(msg("biopsy class {text!r} is not an ISN/RPS class (I–VI, e.g. 'IV' or 'III+V')",
                                 text=text))
        classes.add(m.group(1))
    return frozenset(classes)


def biopsy_class_is_active_nephritis(text: str) -> bool:
    """True when the biopsy class includes III, IV or V (± II); "II", "I", "VI" alone are not."""
    return bool(parse_biopsy_class(text) & set(NEPHRITIS_BIOPSY_CLASSES))


# --------------------------------------------------------------------------- input checks


def _flag(value: object, name: str) -> bool:
    # Accept bool, or 0/1 as stored by SQLite; anything else is a caller error
    # (a truthy string such as "no" must never count as True).
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    raise ValueError(f"{name} must be True or False, got {value!r}")


def _amount(value: object, name: str) -> float | None:
    if value is None:
        return None
    if not is_number(value) or not math.isfinite(float(value)) or value < 0:  # type: ignore[operator,arg-type]
        raise ValueError(f"{name} must be a non-negative number or None, got {value!r}")
    return float(value)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- criteria


def _check_age(s: Screening, r: EligibilityRules) -> Msg | None:
    if s.date_of_birth is None and s.consent_date is None:
        return msg("Age: date of birth and consent date missing; age at consent cannot be determined.")
    if s.date_of_birth is None:
        return msg("Age: date of birth missing; age at consent cannot be determined.")
    if s.consent_date is None:
        return msg("Age: consent date missing; age at consent cannot be determined.")
    if s.date_of_birth > s.consent_date:
        return msg("Age: date of birth {dob:%d.%m.%Y} is after the consent date {consent:%d.%m.%Y}.", dob=s.date_of_birth,
                   consent=s.consent_date)
    age = age_on(s.date_of_birth, s.consent_date)
    if not r.min_age <= age <= r.max_age:
        if age == 1:
            return msg("Age: {age} year at consent; the protocol requires {lo}–{hi}.", age=age, lo=r.min_age,
                       hi=r.max_age)
        return msg("Age: {age} years at consent; the protocol requires {lo}–{hi}.", age=age, lo=r.min_age,
                   hi=r.max_age)
    return None


def _check_acr(acr: frozenset[str], r: EligibilityRules) -> Msg | None:
    if len(acr) < r.min_acr_criteria:
        return msg("ACR 1997 criteria: {n} of {total} present; the protocol requires at least {min}.", n=len(acr),
                   total=len(acr1997.CRITERIA), min=r.min_acr_criteria)
    return None


def _check_sledai(codes: frozenset[str], r: EligibilityRules) -> Msg | None:
    total = sledai.score(codes)
    if total < r.min_sledai:
        return msg("SELENA-SLEDAI: screening score {score}; the protocol requires at least {min}.", score=total,
                   min=r.min_sledai)
    return None


def _biopsy_evidence(s: Screening, r: EligibilityRules) -> tuple[bool, Msg]:
    """(counts, description) for the biopsy route."""
    text = s.biopsy_class
    if text is None or (isinstance(text, str) and not text.strip()):
        return False, msg("no biopsy recorded")
    try:
        classes = parse_biopsy_class(text)
    except ValueError as exc:
        return False, exc.args[0]
    shown = text.strip()
    if not classes & set(NEPHRITIS_BIOPSY_CLASSES):
        return False, msg("biopsy class {biopsy_class} is not class III, IV or V", biopsy_class=shown)
    if s.biopsy_date is None:
        return False, msg("biopsy class {biopsy_class} has no date", biopsy_class=shown)
    if s.consent_date is None:
        return False, msg("biopsy class {biopsy_class} cannot be dated against a missing consent date",
                          biopsy_class=shown)
    if s.biopsy_date > s.consent_date:
        return False, msg("biopsy class {biopsy_class} on {on:%d.%m.%Y} is after consent on {consent:%d.%m.%Y}", biopsy_class=shown,
                          on=s.biopsy_date, consent=s.consent_date)
    earliest = months_before(s.consent_date, r.biopsy_lookback_months)
    if s.biopsy_date < earliest:
        return False, msg("biopsy class {biopsy_class} on {on:%d.%m.%Y} is more than {months} months before consent "
                          "(earliest {earliest:%d.%m.%Y})", biopsy_class=shown, on=s.biopsy_date,
                          months=r.biopsy_lookback_months, earliest=earliest)
    return True, msg("biopsy class {biopsy_class} on {on:%d.%m.%Y}", biopsy_class=shown, on=s.biopsy_date)


def _both(parts: list[Msg]) -> Msg:
    """One finding, or the two (proteinuria and UPCR) joined by "and"."""
    return parts[0] if len(parts) == 1 else msg("{a} and {b}", a=parts[0], b=parts[1])


def _lab_evidence(
    s: Screening, r: EligibilityRules, protein: float | None, upcr: float | None
) -> tuple[bool, Msg]:
    """(counts, description) for the proteinuria + active sediment route."""
    high = []
    if protein is not None and protein >= r.min_proteinuria_g_per_day:
        high.append(msg("proteinuria {value:g} g/24 h", value=protein))
    if upcr is not None and upcr >= r.min_upcr_g_per_g:
        high.append(msg("UPCR {value:g} g/g", value=upcr))
    if high and s.active_sediment:
        return True, msg("{found} with active sediment", found=_both(high))
    if high:
        return False, msg("{found} but no active sediment", found=_both(high))
    if protein is None and upcr is None:
        if s.active_sediment:
            return False, msg("no proteinuria or UPCR recorded (active sediment present)")
        return False, msg("no proteinuria or UPCR recorded, no active sediment")
    below = []
    if protein is not None:
        below.append(msg("proteinuria {value:g} g/24 h < {min:g}", value=protein, min=r.min_proteinuria_g_per_day))
    if upcr is not None:
        below.append(msg("UPCR {value:g} g/g < {min:g}", value=upcr, min=r.min_upcr_g_per_g))
    if s.active_sediment:
        return False, msg("{found} (active sediment present)", found=_both(below))
    return False, msg("{found}, no active sediment", found=_both(below))


def _check_nephritis(
    s: Screening, r: EligibilityRules, protein: float | None, upcr: float | None, confirmed: bool
) -> Msg | None:
    biopsy_ok, biopsy_note = _biopsy_evidence(s, r)
    lab_ok, lab_note = _lab_evidence(s, r, protein, upcr)
    evidence = biopsy_ok or lab_ok
    if evidence and confirmed:
        return None
    if evidence:
        return msg("Active lupus nephritis: evidence present ({evidence}) but not confirmed by the investigator.",
                   evidence=biopsy_note if biopsy_ok else lab_note)
    requirement = msg(
        "the protocol requires biopsy class III, IV or V within {months} months before consent, or proteinuria "
        "≥ {protein:g} g/24 h or UPCR ≥ {upcr:g} g/g with active sediment, confirmed by the investigator.",
        months=r.biopsy_lookback_months, protein=r.min_proteinuria_g_per_day, upcr=r.min_upcr_g_per_g,
    )
    if confirmed:
        return msg("Active lupus nephritis: confirmed by the investigator but no qualifying evidence "
                   "({biopsy}; {labs}); {requirement}", biopsy=biopsy_note, labs=lab_note, requirement=requirement)
    return msg("Active lupus nephritis: no qualifying evidence ({biopsy}; {labs}) and not confirmed by the "
               "investigator; {requirement}", biopsy=biopsy_note, labs=lab_note, requirement=requirement)


def _check_malignancy(s: Screening, r: EligibilityRules) -> Msg | None:
    m = s.last_malignancy_date
    if m is None:
        return None
    years = r.malignancy_lookback_years
    # The catalogue label when the window is the usual 5 years, so the wizard can show it as the heading.
    label = (CRITERION_LABELS["malignancy_5y"] if years == 5
             else msg("Malignancy in the last {years} years", years=years))
    if s.consent_date is None:
        return msg("{label}: consent date missing, so the malignancy diagnosed on {date:%d.%m.%Y} cannot be shown to be "
                   "outside the {years}-year window.", label=label, date=m, years=years)
    if m > s.consent_date:
        return msg("{label}: malignancy diagnosed on {date:%d.%m.%Y}, after consent on {consent:%d.%m.%Y}.", label=label, date=m,
                   consent=s.consent_date)
    cutoff = years_before(s.consent_date, years)
    if m >= cutoff:
        return msg("{label}: malignancy diagnosed on {date:%d.%m.%Y}, on or after {cutoff:%d.%m.%Y} ({years} years before consent "
                   "on {consent:%d.%m.%Y}).", label=label, date=m, cutoff=cutoff, years=years, consent=s.consent_date)
    return None


_EXCLUSION_FLAGS: tuple[tuple[str, str, Msg], ...] = (
    ("dialysis", "needs_dialysis", msg("Dialysis: the patient needs dialysis (exclusion).")),
    (
        "planned_transplant", "planned_transplant",
        msg("Planned renal transplantation: a renal transplant is planned (exclusion)."),
    ),
    (
        "high_risk_condition", "high_risk_condition",
        msg("High-risk medical condition: the investigator recorded a condition with high risk for the patient "
            "(exclusion)."),
    ),
    (
        "pregnancy_lactation", "pregnant_or_lactating",
        msg("Pregnancy or lactation: the patient is pregnant or lactating (exclusion)."),
    ),
    (
        "chronic_infection", "chronic_infection",
        msg("Chronic infection: the patient has a chronic infection such as hepatitis B/C, tuberculosis or HIV "
            "(exclusion)."),
    ),
)


def evaluate(screening: Screening, rules: EligibilityRules | None = None) -> Result:
    """Check every inclusion and exclusion criterion.

    Returns ``Result(eligible, failed, messages)`` with the failed criterion names in
    ``CRITERIA`` order. Raises ValueError for unknown ACR 1997 or SELENA-SLEDAI codes
    and for malformed input (wrong types, negative proteinuria, ...).
    """
    r = DEFAULT_RULES if rules is None else rules
    if not isinstance(r, EligibilityRules):
        raise ValueError(f"rules must be EligibilityRules, got {type(r).__name__}")
    s = screening
    if not isinstance(s, Screening):
        raise ValueError(f"screening must be a Screening, got {type(s).__name__}")

    # Validate everything first, so a malformed screening raises instead of half-evaluating.
    optional_date(s.consent_date, "consent_date")
    optional_date(s.date_of_birth, "date_of_birth")
    optional_date(s.biopsy_date, "biopsy_date")
    optional_date(s.last_malignancy_date, "last_malignancy_date")
    acr = acr1997.validate(s.acr_criteria)
    codes = sledai.validate_codes(s.sledai_codes)
    protein = _amount(s.proteinuria_g_per_day, "proteinuria_g_per_day")
    upcr = _amount(s.upcr_g_per_g, "upcr_g_per_g")
    if s.biopsy_class is not None and not isinstance(s.biopsy_class, str):
        raise ValueError(f"biopsy_class must be text or None, got {s.biopsy_class!r}")
    flags = {
        name: _flag(getattr(s, name), name)
        for name in (
            "anti_dsdna_positive", "active_sediment", "investigator_confirms_nephritis",
            "can_follow_procedures", "needs_dialysis", "planned_transplant",
            "high_risk_condition", "pregnant_or_lactating", "chronic_infection",
        )
    }
    # Flags enter the criteria below through this normalised copy.
    s = Screening(**{**s.__dict__, **flags})

    checks: dict[str, Msg | None] = {
        "age": _check_age(s, r),
        "acr_criteria": _check_acr(acr, r),
        "anti_dsdna": None if s.anti_dsdna_positive else msg(
            "Anti-dsDNA: not recorded as positive; the protocol requires positive anti-dsDNA."
        ),
        "sledai_min": _check_sledai(codes, r),
        "active_nephritis": _check_nephritis(
            s, r, protein, upcr, s.investigator_confirms_nephritis
        ),
        "consent": None if s.consent_date is not None else msg(
            "Consent: consent date missing; written informed consent must be signed and dated "
            "before any study procedure."
        ),
        "can_follow_procedures": None if s.can_follow_procedures else msg(
            "Ability to follow procedures: the investigator has not confirmed that the patient "
            "can read, understand and follow the procedures."
        ),
    }
    for name, attr, message in _EXCLUSION_FLAGS:
        checks[name] = message if getattr(s, attr) else None
    checks["malignancy_5y"] = _check_malignancy(s, r)

    failed = [name for name in CRITERIA if checks[name] is not None]
    messages = [checks[name] for name in failed]
    return Result(eligible=not failed, failed=failed, messages=messages)  # type: ignore[arg-type]
