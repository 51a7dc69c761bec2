"""Renal function: CKD-EPI 2021 creatinine eGFR and UPCR (clinical-reference §4).

eGFR = 142 × min(Scr/κ, 1)^α × max(Scr/κ, 1)^−1.200 × 0.9938^age × 1.012 [female]
with κ = 0.7 (F) / 0.9 (M), α = −0.241 (F) / −0.302 (M), Scr in mg/dL.
Sex is biological sex at birth; when it is unknown the eGFR is not computed.
"""

from __future__ import annotations

from ._checks import finite_number
from .text import msg

CREATININE_UMOL_PER_MG_DL = 88.4
UPCR_MG_MMOL_PER_G_G = 113.12
"""1 g/g = 113.12 mg/mmol (≈ 113): 1 g creatinine = 1000/113.12 mmol."""

MAX_CREATININE_MG_DL = 30.0
MIN_AGE = 18
MAX_AGE = 120

_KAPPA = {"F": 0.7, "M": 0.9}
_ALPHA = {"F": -0.241, "M": -0.302}


def _check_sex(sex: object) -> str:
    if not isinstance(sex, str) or sex not in ("F", "M"):
        raise ValueError(
            f"sex must be 'F' or 'M' (biological sex at birth) to compute eGFR, got {sex!r}"
        )
    return sex


def _check_creatinine_mg_dl(x: object) -> float:
    v = finite_number(x, "serum creatinine (mg/dL)")
    if v <= 0:
        raise ValueError(f"serum creatinine must be greater than 0 mg/dL, got {x!r}")
    if v > MAX_CREATININE_MG_DL:
        raise ValueError(msg("serum creatinine {value:g} mg/dL is implausible (above {limit:g} mg/dL); "
                             "was it entered in µmol/L?", value=v, limit=MAX_CREATININE_MG_DL))
    return v


def egfr_ckd_epi_2021(creatinine_mg_dl: float, age_years: float, sex: str) -> float:
    """CKD-EPI 2021 (race-free) eGFR in mL/min/1.73 m²; ValueError on bad input.

    ``sex`` must be "F" or "M"; creatinine in (0, 30] mg/dL; age 18-120 years.
    """
    s = _check_sex(sex)
    scr = _check_creatinine_mg_dl(creatinine_mg_dl)
    age = finite_number(age_years, "age (years)")
    if not MIN_AGE <= age <= MAX_AGE:
        raise ValueError(msg("age must be between {lo} and {hi} years for CKD-EPI 2021, got {age!r}", lo=MIN_AGE,
                             hi=MAX_AGE, age=age_years))
    ratio = scr / _KAPPA[s]
    egfr = 142.0 * min(ratio, 1.0) ** _ALPHA[s] * max(ratio, 1.0) ** -1.200 * 0.9938**age
    if s == "F":
        egfr *= 1.012
    return egfr


def creatinine_umol_to_mg_dl(creatinine_umol_l: float) -> float:
    """Serum creatinine µmol/L -> mg/dL (÷ 88.4)."""
    v = finite_number(creatinine_umol_l, "serum creatinine (µmol/L)")
    if v <= 0:
        raise ValueError(msg("serum creatinine must be greater than 0 µmol/L, got {value!r}",
                             value=creatinine_umol_l))
    return v / CREATININE_UMOL_PER_MG_DL


def creatinine_mg_dl_to_umol(creatinine_mg_dl: float) -> float:
    """Serum creatinine mg/dL -> µmol/L (× 88.4)."""
    v = finite_number(creatinine_mg_dl, "serum creatinine (mg/dL)")
    if v <= 0:
        raise ValueError(f"serum creatinine must be greater than 0 mg/dL, got {creatinine_mg_dl!r}")
    return v * CREATININE_UMOL_PER_MG_DL


def egfr_from_umol(creatinine_umol_l: float, age_years: float, sex: str) -> float:
    """CKD-EPI 2021 eGFR from creatinine in µmol/L."""
    return egfr_ckd_epi_2021(creatinine_umol_to_mg_dl(creatinine_umol_l), age_years, sex)


def upcr_g_per_g(protein_mg_dl: float, creatinine_mg_dl: float) -> float:
    """Urine protein/creatinine ratio in g/g: protein (mg/dL) ÷ creatinine (mg/dL)."""
    p = finite_number(protein_mg_dl, "urine protein (mg/dL)")
    c = finite_number(creatinine_mg_dl, "urine creatinine (mg/dL)")
    if p < 0:
        raise ValueError(f"urine protein cannot be negative, got {protein_mg_dl!r}")
    if c <= 0:
        raise ValueError(f"urine creatinine must be greater than 0 mg/dL, got {creatinine_mg_dl!r}")
    return p / c


def upcr_g_g_to_mg_mmol(upcr_g_g: float) -> float:
    """UPCR g/g -> mg/mmol (× 113.12; 1 g/g ≈ 113 mg/mmol)."""
    v = finite_number(upcr_g_g, "UPCR (g/g)")
    if v < 0:
        raise ValueError(f"UPCR cannot be negative, got {upcr_g_g!r}")
    return v * UPCR_MG_MMOL_PER_G_G


def upcr_mg_mmol_to_g_g(upcr_mg_mmol: float) -> float:
    """UPCR mg/mmol -> g/g (÷ 113.12)."""
    v = finite_number(upcr_mg_mmol, "UPCR (mg/mmol)")
    if v < 0:
        raise ValueError(f"UPCR cannot be negative, got {upcr_mg_mmol!r}")
    return v / UPCR_MG_MMOL_PER_G_G
