"""Laboratory catalogue, plausibility checks and SELENA-SLEDAI descriptor suggestions.

Values are stored in one canonical unit per test (``LabTest.unit``); ``to_canonical``
converts from the alternative units laboratories commonly report. Suggestions are
only suggestions: the clinician confirms every descriptor (clinical-reference §1).
Thresholds use the strict inequalities of the SELENA wording (platelets < 100,
WBC < 3, temperature > 38.0, urine RBC/WBC > 5/HPF, proteinuria rise > 0.5).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from . import sledai
from ._checks import finite_number
from .text import Msg, join, msg


@dataclass(frozen=True)
class LabTest:
    """One catalogue entry: canonical unit and the physically plausible range (inclusive).

    ``alt_units`` maps another unit to the factor that converts it to the canonical
    unit (value_canonical = value_alt * factor).
    """

    code: str
    label: str
    unit: str
    plausible_min: float
    plausible_max: float
    alt_units: tuple[tuple[str, float], ...] = ()


TESTS: tuple[LabTest, ...] = (
    LabTest("platelets", "Platelets", "×10⁹/L", 0, 2000),
    LabTest("wbc", "WBC", "×10⁹/L", 0, 500),
    LabTest("lymphocytes", "Lymphocytes", "×10⁹/L", 0, 500),
    LabTest("hemoglobin", "Haemoglobin", "g/L", 10, 250, (("g/dL", 10.0),)),
    LabTest("temperature", "Temperature", "°C", 25, 45),
    LabTest("c3", "C3", "g/L", 0, 10, (("mg/dL", 0.01),)),
    LabTest("c4", "C4", "g/L", 0, 5, (("mg/dL", 0.01),)),
    LabTest("anti_dsdna", "Anti-dsDNA", "IU/mL", 0, 100000),
    LabTest("urine_rbc_hpf", "Urine RBC", "/HPF", 0, 1000),
    LabTest("urine_wbc_hpf", "Urine WBC", "/HPF", 0, 1000),
    LabTest("urine_casts", "Heme-granular/RBC casts", "(0 absent, 1 present)", 0, 1),
    LabTest("protein_24h", "24 h urine protein", "g/24 h", 0, 50, (("mg/24 h", 0.001),)),
    LabTest("upcr", "UPCR", "g/g", 0, 50, (("mg/mmol", 1 / 113.12), ("mg/mg", 1.0))),
    LabTest("creatinine", "Serum creatinine", "µmol/L", 5, 2650, (("mg/dL", 88.4),)),
    LabTest("cpk", "CPK", "U/L", 0, 500000),
)

BY_CODE: dict[str, LabTest] = {t.code: t for t in TESTS}

# Panel fields that are laboratory reference limits or previous values, checked
# against the plausible range of the test they belong to.
_FIELD_TEST: dict[str, str] = {
    "c3_lln": "c3",
    "c4_lln": "c4",
    "anti_dsdna_uln": "anti_dsdna",
    "previous_protein_24h": "protein_24h",
    "previous_upcr": "upcr",
}

PLATELETS_BELOW = 100.0
WBC_BELOW = 3.0
FEVER_ABOVE = 38.0
URINE_RBC_ABOVE = 5.0
URINE_WBC_ABOVE = 5.0
PROTEINURIA_RISE_ABOVE = 0.5


def lab_test(code: str) -> LabTest:
    """The catalogue entry for ``code``; ValueError for an unknown code."""
    try:
        return BY_CODE[code]
    except (KeyError, TypeError):
        raise ValueError(f"unknown laboratory test code: {code!r}") from None


def check_value(code: str, value: float) -> None:
    """Raise ValueError (clinician-readable) if ``value`` is not plausible for ``code``.

    Example message: "Platelets 5000 ×10⁹/L is outside the plausible range 0–2000".
    """
    t = lab_test(code)
    v = finite_number(value, t.label)
    if code == "urine_casts" and v not in (0.0, 1.0):
        raise ValueError(msg("{label} must be 0 (absent) or 1 (present), got {value:g}", label=t.label, value=v))
    if not t.plausible_min <= v <= t.plausible_max:
        raise ValueError(msg("{label} {value:g} {unit} is outside the plausible range {lo:g}–{hi:g}", label=t.label,
                             value=v, unit=t.unit, lo=t.plausible_min, hi=t.plausible_max))


def to_canonical(code: str, value: float, unit: str) -> float:
    """Convert ``value`` in ``unit`` to the test's canonical unit (then check it)."""
    t = lab_test(code)
    v = finite_number(value, t.label)
    if unit == t.unit:
        result = v
    else:
        factors = dict(t.alt_units)
        if unit not in factors:
            known = ", ".join([t.unit, *factors])
            raise ValueError(f"{t.label}: unit {unit!r} is not supported (use one of: {known})")
        result = v * factors[unit]
    check_value(code, result)
    return result


@dataclass
class LabPanel:
    """Lab values of one assessment in canonical units; None = not done.

    ``c3_lln``/``c4_lln``/``anti_dsdna_uln`` are the normal limits reported by the
    testing laboratory; ``previous_*`` are the patient's previous values (for the
    proteinuria "recent increase" rule).
    """

    platelets: float | None = None
    wbc: float | None = None
    lymphocytes: float | None = None
    hemoglobin: float | None = None
    temperature: float | None = None
    c3: float | None = None
    c4: float | None = None
    anti_dsdna: float | None = None
    urine_rbc_hpf: float | None = None
    urine_wbc_hpf: float | None = None
    urine_casts: float | None = None
    protein_24h: float | None = None
    upcr: float | None = None
    creatinine: float | None = None
    cpk: float | None = None
    c3_lln: float | None = None
    c4_lln: float | None = None
    anti_dsdna_uln: float | None = None
    previous_protein_24h: float | None = None
    previous_upcr: float | None = None


def panel_problems(panel: LabPanel) -> list[str]:
    """Every implausible value in the panel, one message each (empty list = all plausible)."""
    problems: list[str] = []
    for f in fields(panel):
        value = getattr(panel, f.name)
        if value is None:
            continue
        code = _FIELD_TEST.get(f.name, f.name)
        try:
            check_value(code, value)
        except ValueError as exc:
            problem = str(exc)
            if f.name in _FIELD_TEST:
                problem = f"{f.name}: {problem}"
            problems.append(problem)
    return problems


def check_panel(panel: LabPanel) -> None:
    """Raise ValueError listing every implausible value of the panel."""
    problems = panel_problems(panel)
    if problems:
        raise ValueError("; ".join(problems))


@dataclass(frozen=True)
class Suggestion:
    """A descriptor suggested by the lab values, with the reason (a translatable ``text.Msg``)."""

    code: str
    reason: Msg


def _rise(current: float, previous: float) -> float:
    # Lab values carry at most a few decimals: round the difference so that
    # 1.1 - 0.6 is exactly 0.5 (not 0.5000000000000001).
    return round(current - previous, 9)


def _proteinuria_reason(panel: LabPanel) -> Msg | None:
    candidates = (
        ("24 h urine protein", msg("g/24 h"), panel.protein_24h, panel.previous_protein_24h),
        ("UPCR", msg("g/g"), panel.upcr, panel.previous_upcr),
    )
    for label, unit, current, previous in candidates:
        if current is None:
            continue  # UPCR is the surrogate only when 24 h protein is absent
        if previous is None:
            if current > PROTEINURIA_RISE_ABOVE:
                return msg("New onset: {label} {value:g} {unit} > {limit:g} (no previous value)", label=label,
                           value=current, unit=unit, limit=PROTEINURIA_RISE_ABOVE)
            return None
        if previous <= PROTEINURIA_RISE_ABOVE < current:
            return msg("New onset: {label} {value:g} {unit} > {limit:g} (previously {previous:g})", label=label,
                       value=current, unit=unit, limit=PROTEINURIA_RISE_ABOVE, previous=previous)
        rise = _rise(current, previous)
        if rise > PROTEINURIA_RISE_ABOVE:
            return msg("Recent increase: {label} {value:g} {unit}, up {rise:g} from {previous:g} (> {limit:g})",
                       label=label, value=current, unit=unit, rise=rise, previous=previous,
                       limit=PROTEINURIA_RISE_ABOVE)
        return None
    return None


def suggest_descriptors(panel: LabPanel) -> list[Suggestion]:
    """Descriptors the lab values support, in SELENA-SLEDAI form order.

    Raises ValueError if any value in the panel is implausible.
    """
    check_panel(panel)
    reasons: dict[str, Msg] = {}

    if panel.platelets is not None and panel.platelets < PLATELETS_BELOW:
        reasons["thrombocytopenia"] = msg("Platelets {value:g} ×10⁹/L < {limit:g}", value=panel.platelets,
                                          limit=PLATELETS_BELOW)
    if panel.wbc is not None and panel.wbc < WBC_BELOW:
        reasons["leukopenia"] = msg("WBC {value:g} ×10⁹/L < {limit:g}", value=panel.wbc, limit=WBC_BELOW)
    if panel.temperature is not None and panel.temperature > FEVER_ABOVE:
        reasons["fever"] = msg("Temperature {value:g} °C > {limit:.1f}", value=panel.temperature, limit=FEVER_ABOVE)

    low = []
    if panel.c3 is not None and panel.c3_lln is not None and panel.c3 < panel.c3_lln:
        low.append(msg("C3 {value:g} g/L < lower limit of normal {lln:g}", value=panel.c3, lln=panel.c3_lln))
    if panel.c4 is not None and panel.c4_lln is not None and panel.c4 < panel.c4_lln:
        low.append(msg("C4 {value:g} g/L < lower limit of normal {lln:g}", value=panel.c4, lln=panel.c4_lln))
    if low:
        reasons["low_complement"] = join(low, "; ")

    if (
        panel.anti_dsdna is not None
        and panel.anti_dsdna_uln is not None
        and panel.anti_dsdna > panel.anti_dsdna_uln
    ):
        reasons["increased_dna_binding"] = msg("Anti-dsDNA {value:g} IU/mL > upper limit of normal {uln:g}",
                                               value=panel.anti_dsdna, uln=panel.anti_dsdna_uln)
    if panel.urine_rbc_hpf is not None and panel.urine_rbc_hpf > URINE_RBC_ABOVE:
        reasons["hematuria"] = msg("Urine RBC {value:g}/HPF > {limit:g}", value=panel.urine_rbc_hpf,
                                   limit=URINE_RBC_ABOVE)
    if panel.urine_wbc_hpf is not None and panel.urine_wbc_hpf > URINE_WBC_ABOVE:
        reasons["pyuria"] = msg("Urine WBC {value:g}/HPF > {limit:g}", value=panel.urine_wbc_hpf, limit=URINE_WBC_ABOVE)
    if panel.urine_casts is not None and panel.urine_casts >= 1:
        reasons["urinary_casts"] = msg("Heme-granular or RBC casts present in the urine sediment")
    proteinuria = _proteinuria_reason(panel)
    if proteinuria is not None:
        reasons["proteinuria"] = proteinuria

    return [Suggestion(d.code, reasons[d.code]) for d in sledai.DESCRIPTORS if d.code in reasons]
