"""The study definition (visits, windows, forms, eligibility convention, sites) as data.

``parse_toml(text)`` / ``parse_mapping(data)`` validate a definition and return a
``StudyDefinition``; every problem raises ``StudyDefinitionError`` naming the
offending key (e.g. ``visits[2] (month_1).window_days``). Reading the file is the
caller's job: the domain does no I/O.

Layout (see ``resources/study/sle-msc.toml``)::

    study_id = "SLE-MSC-BY"          version = "1.0"        title = "..."
    sae_report_hours = 24
    [eligibility]  min_age, max_age, min_acr_criteria, min_sledai,
                   biopsy_lookback_months, malignancy_lookback_years,
                   min_proteinuria_g_per_day, min_upcr_g_per_g   (all optional)
    [[sites]]      code = "BY01", name = "..."
    [[visits]]     code, label, target_day, window_days, earliest_day, forms, scheduled
    [prednisone_equivalence]  mg of each corticosteroid equal to 5 mg prednisone
                   (optional; every agent of ``medication.STEROIDS``, prednisone = 5)

Rules: visit codes are unique snake_case; a ``screening`` visit (window-less period
``earliest_day`` … ``target_day`` ≤ 0) and a ``baseline`` visit (day 0, no window) are
required; other scheduled visits have a target day > 0 and a window that stays after
day 0, in increasing target order, without overlapping windows; unscheduled visits
have neither target nor window; forms come from ``schedule.FORMS``.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields

from . import medication
from ._checks import is_number
from .eligibility import EligibilityRules
from .schedule import FORMS, VisitDef

MAX_TEXT_CHARS = 256 * 1024
MAX_VISITS = 100
MAX_SITES = 500
SITE_CODE_RE = re.compile(r"^[A-Z]{2}\d{2}$")
STUDY_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
VISIT_CODE_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
MAX_DAY = 3660  # ten years of follow-up


class StudyDefinitionError(ValueError):
    """The study definition is malformed; the message names the offending key."""


@dataclass(frozen=True)
class StudyDefinition:
    """A validated study definition."""

    study_id: str
    version: str
    title: str
    visits: tuple[VisitDef, ...]
    eligibility: EligibilityRules
    sae_report_hours: int
    sites: tuple[tuple[str, str], ...]
    backup_reminder_days: int = 7  # remind the site when its last backup is older than this
    prednisone_equivalence: tuple[tuple[str, float], ...] = tuple(medication.DEFAULT_EQUIVALENCE.items())

    @property
    def equivalence(self) -> dict[str, float]:
        """Corticosteroid -> mg equal to 5 mg prednisone (for ``medication.prednisone_mg_per_kg_day``)."""
        return dict(self.prednisone_equivalence)

    def visit(self, code: str) -> VisitDef:
        """The visit with this code; KeyError if there is none."""
        for v in self.visits:
            if v.code == code:
                return v
        raise KeyError(code)

    def site_name(self, code: str) -> str:
        """The name of the site with this code; KeyError if there is none."""
        for c, name in self.sites:
            if c == code:
                return name
        raise KeyError(code)


_TOP_KEYS = ("study_id", "version", "title", "sae_report_hours", "backup_reminder_days", "eligibility", "sites",
             "visits", "prednisone_equivalence")
_VISIT_KEYS = ("code", "label", "target_day", "window_days", "earliest_day", "forms", "scheduled")
_SITE_KEYS = ("code", "name")
_RULE_FIELDS = {f.name: f for f in fields(EligibilityRules)}


def _err(key: str, problem: str) -> StudyDefinitionError:
    return StudyDefinitionError(f"{key}: {problem}")


def _type_name(value: object) -> str:
    return {bool: "a boolean", int: "an integer", float: "a number", str: "text",
            list: "a list", dict: "a table"}.get(type(value), type(value).__name__)


def _unknown_keys(data: Mapping, allowed: tuple[str, ...], where: str) -> None:
    extra = [k for k in data if k not in allowed]
    if extra:
        shown = ", ".join(repr(k) for k in extra[:5])
        prefix = f"{where}: " if where else ""
        raise StudyDefinitionError(
            f"{prefix}unknown key(s) {shown} (allowed: {', '.join(allowed)})"
        )


def _required(data: Mapping, key: str, where: str) -> object:
    if key not in data:
        raise _err(where + key, "missing (required)")
    return data[key]


def _text(value: object, key: str, max_len: int = 200) -> str:
    if not isinstance(value, str):
        raise _err(key, f"must be text, got {_type_name(value)} {value!r:.60}")
    if not value.strip():
        raise _err(key, "must not be empty")
    if len(value) > max_len:
        raise _err(key, f"is too long ({len(value)} characters, at most {max_len})")
    if any(ord(ch) < 32 for ch in value):
        raise _err(key, "must not contain control characters")
    return value


def _int(value: object, key: str, lo: int, hi: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _err(key, f"must be a whole number, got {_type_name(value)} {value!r:.60}")
    if not lo <= value <= hi:
        raise _err(key, f"must be between {lo} and {hi}, got {value}")
    return value


def _table(value: object, key: str) -> Mapping:
    if not isinstance(value, Mapping):
        raise _err(key, f"must be a table, got {_type_name(value)}")
    return value


def _array(value: object, key: str, max_items: int) -> list:
    if not isinstance(value, (list, tuple)):
        raise _err(key, f"must be an array of tables ([[{key}]]), got {_type_name(value)}")
    if len(value) > max_items:
        raise _err(key, f"too many entries ({len(value)}, at most {max_items})")
    return list(value)


def _parse_rules(value: object) -> EligibilityRules:
    data = _table(value, "eligibility")
    _unknown_keys(data, tuple(_RULE_FIELDS), "eligibility")
    kwargs = {}
    for name, raw in data.items():
        key = f"eligibility.{name}"
        default = _RULE_FIELDS[name].default
        if isinstance(default, int):
            kwargs[name] = _int(raw, key, 0, 10_000)
        else:
            if not is_number(raw) or not math.isfinite(raw) or raw <= 0:
                raise _err(key, f"must be a positive number, got {raw!r:.60}")
            kwargs[name] = float(raw)
    try:
        return EligibilityRules(**kwargs)
    except ValueError as exc:
        raise StudyDefinitionError(f"eligibility: {exc}") from None


def _parse_sites(value: object) -> tuple[tuple[str, str], ...]:
    items = _array(value, "sites", MAX_SITES)
    if not items:
        raise _err("sites", "at least one site is required")
    sites: list[tuple[str, str]] = []
    seen: set[str] = set()
    for i, raw in enumerate(items):
        where = f"sites[{i}]"
        data = _table(raw, where)
        _unknown_keys(data, _SITE_KEYS, where)
        code = _text(_required(data, "code", where + "."), where + ".code", 4)
        if not SITE_CODE_RE.match(code):
            raise _err(where + ".code", f"{code!r} is not a site code like 'BY01' (two capital "
                                        "letters and two digits)")
        if code in seen:
            raise _err(where + ".code", f"duplicate site code {code!r}")
        seen.add(code)
        name = _text(_required(data, "name", where + "."), where + ".name")
        sites.append((code, name))
    return tuple(sites)


def _parse_equivalence(value: object) -> tuple[tuple[str, float], ...]:
    data = _table(value, "prednisone_equivalence")
    try:
        table = medication.check_equivalence(data)
    except ValueError as exc:
        raise StudyDefinitionError(f"prednisone_equivalence: {exc}") from None
    return tuple(table.items())


def _parse_visit(raw: object, i: int) -> VisitDef:
    where = f"visits[{i}]"
    data = _table(raw, where)
    code_raw = _required(data, "code", where + ".")
    code = _text(code_raw, where + ".code", 40)
    if not VISIT_CODE_RE.match(code):
        raise _err(where + ".code", f"{code!r} must be snake_case (a-z, 0-9, _), e.g. 'month_1'")
    where = f"visits[{i}] ({code})"
    _unknown_keys(data, _VISIT_KEYS, where)
    label = _text(_required(data, "label", where + "."), where + ".label", 100)
    scheduled_raw = _required(data, "scheduled", where + ".")
    if not isinstance(scheduled_raw, bool):
        raise _err(where + ".scheduled", f"must be true or false, got {scheduled_raw!r:.60}")
    target = data.get("target_day")
    window = data.get("window_days")
    earliest = data.get("earliest_day")
    if target is not None:
        target = _int(target, where + ".target_day", -MAX_DAY, MAX_DAY)
    if window is not None:
        window = _int(window, where + ".window_days", 0, MAX_DAY)
    if earliest is not None:
        earliest = _int(earliest, where + ".earliest_day", -MAX_DAY, MAX_DAY)
    forms_raw = _required(data, "forms", where + ".")
    if not isinstance(forms_raw, (list, tuple)):
        raise _err(where + ".forms", f"must be a list of form names, got {_type_name(forms_raw)}")
    if not forms_raw:
        raise _err(where + ".forms", "must list at least one form")
    forms: list[str] = []
    for j, form in enumerate(forms_raw):
        if not isinstance(form, str) or form not in FORMS:
            raise _err(
                f"{where}.forms[{j}]",
                f"unknown form {form!r:.60} (known forms: {', '.join(FORMS)})",
            )
        if form in forms:
            raise _err(f"{where}.forms[{j}]", f"form {form!r} is listed twice")
        forms.append(form)

    if not scheduled_raw:
        for key, value in (("target_day", target), ("window_days", window),
                           ("earliest_day", earliest)):
            if value is not None:
                raise _err(f"{where}.{key}", "an unscheduled visit has no " + key)
    else:
        if target is None:
            raise _err(where + ".target_day", "missing (required for a scheduled visit)")
        if earliest is not None:
            if window is not None:
                raise _err(where + ".earliest_day",
                           "a visit has either a period (earliest_day … target_day) or a "
                           "window (window_days), not both")
            if earliest > target:
                raise _err(where + ".earliest_day",
                           f"earliest_day {earliest} is after target_day {target}")
    return VisitDef(code, label, target, window, tuple(forms), scheduled_raw, earliest)


def _check_schedule(visits: tuple[VisitDef, ...]) -> None:
    by_code: dict[str, int] = {}
    for i, v in enumerate(visits):
        if v.code in by_code:
            raise _err(f"visits[{i}].code",
                       f"duplicate visit code {v.code!r} (also visits[{by_code[v.code]}])")
        by_code[v.code] = i
    for required in ("screening", "baseline"):
        if required not in by_code:
            raise _err("visits", f"a {required!r} visit is required")

    i = by_code["screening"]
    s = visits[i]
    where = f"visits[{i}] (screening)"
    if not s.scheduled:
        raise _err(where + ".scheduled", "screening must be a scheduled visit")
    if s.window_days is not None:
        raise _err(where + ".window_days", "screening is a period (earliest_day … target_day), "
                                           "not a windowed visit")
    if s.earliest_day is None:
        raise _err(where + ".earliest_day", "missing (the first day of the screening period, "
                                            "e.g. -28)")
    if s.target_day > 0:  # type: ignore[operator]
        raise _err(where + ".target_day", f"the screening period must end on or before day 0 "
                                          f"(baseline), got {s.target_day}")
    screening_end = s.target_day

    i = by_code["baseline"]
    b = visits[i]
    where = f"visits[{i}] (baseline)"
    if not b.scheduled or b.target_day != 0:
        raise _err(where + ".target_day", f"baseline must be a scheduled visit on day 0, got "
                                          f"{b.target_day!r}")
    if b.window_days is not None or b.earliest_day is not None:
        raise _err(where + ".window_days", "baseline defines day 0 and has no window")

    previous: tuple[int, VisitDef] | None = None
    for i, v in enumerate(visits):
        if v.code in ("screening", "baseline") or not v.scheduled:
            continue
        where = f"visits[{i}] ({v.code})"
        if v.earliest_day is not None:
            raise _err(where + ".earliest_day", "only the screening visit is a period")
        if v.window_days is None:
            raise _err(where + ".window_days", "missing (required for a scheduled follow-up visit)")
        start = v.target_day - v.window_days  # type: ignore[operator]
        if v.target_day <= screening_end or start <= 0:  # type: ignore[operator]
            raise _err(where + ".target_day",
                       f"target day {v.target_day} ± {v.window_days} reaches day {start}, inside "
                       f"the screening period or baseline; follow-up windows must start after "
                       f"day 0")
        if previous is not None:
            j, p = previous
            if v.target_day <= p.target_day:  # type: ignore[operator]
                raise _err(where + ".target_day",
                           f"target day {v.target_day} is not after visits[{j}] ({p.code}) "
                           f"target day {p.target_day}; list follow-up visits in order")
            p_end = p.target_day + p.window_days  # type: ignore[operator]
            if start <= p_end:
                raise _err(where + ".window_days",
                           f"window (days {start}–{v.target_day + v.window_days}) overlaps "
                           f"visits[{j}] ({p.code}) window ending on day {p_end}")
        previous = (i, v)


def parse_mapping(data: Mapping) -> StudyDefinition:
    """Validate an already-decoded study definition (TOML or JSON) and build it."""
    if not isinstance(data, Mapping):
        raise StudyDefinitionError(f"the study definition must be a table, got {_type_name(data)}")
    _unknown_keys(data, _TOP_KEYS, "")
    study_id = _text(_required(data, "study_id", ""), "study_id", 64)
    if not STUDY_ID_RE.match(study_id):
        raise _err("study_id", f"{study_id!r} may contain only letters, digits, '.', '_' and '-'")
    version = _text(_required(data, "version", ""), "version", 32)
    title = _text(_required(data, "title", ""), "title", 300)
    hours = _int(_required(data, "sae_report_hours", ""), "sae_report_hours", 1, 168)
    rules = _parse_rules(_required(data, "eligibility", ""))
    sites = _parse_sites(_required(data, "sites", ""))
    raw_visits = _array(_required(data, "visits", ""), "visits", MAX_VISITS)
    visits = tuple(_parse_visit(raw, i) for i, raw in enumerate(raw_visits))
    _check_schedule(visits)
    backup_days = _int(data.get("backup_reminder_days", 7), "backup_reminder_days", 1, 90)
    equivalence = (_parse_equivalence(data["prednisone_equivalence"]) if "prednisone_equivalence" in data
                   else tuple(medication.DEFAULT_EQUIVALENCE.items()))
    return StudyDefinition(study_id, version, title, visits, rules, hours, sites, backup_days, equivalence)


def parse_toml(text: str | bytes) -> StudyDefinition:
    """Parse and validate a study definition from TOML text (UTF-8 bytes accepted)."""
    if isinstance(text, (bytes, bytearray)):
        if len(text) > MAX_TEXT_CHARS * 4:
            raise StudyDefinitionError(f"the study definition is too large ({len(text)} bytes)")
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise StudyDefinitionError(f"the study definition is not UTF-8 text: {exc}") from None
    if not isinstance(text, str):
        raise StudyDefinitionError(f"the study definition must be TOML text, got {_type_name(text)}")
    if len(text) > MAX_TEXT_CHARS:
        raise StudyDefinitionError(
            f"the study definition is too large ({len(text)} characters, at most {MAX_TEXT_CHARS})"
        )
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # The message carries the position, e.g. "... (at line 3, column 7)".
        raise StudyDefinitionError(f"the study definition is not valid TOML: {exc}") from None
    except RecursionError:
        raise StudyDefinitionError("the study definition is not valid TOML: nested too deeply") from None
    return parse_mapping(data)
