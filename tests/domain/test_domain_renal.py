"""CKD-EPI 2021 eGFR and UPCR (clinical-reference §4)."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sle_desktop.domain import renal
from sle_desktop.domain.renal import egfr_ckd_epi_2021 as egfr


# Reference values worked by hand from the published equation
# 142 × min(Scr/κ,1)^α × max(Scr/κ,1)^−1.200 × 0.9938^age × 1.012 [female], e.g.
# M, 50 y, 1.0 mg/dL: Scr/κ = 1.1111; 1.1111^−1.2 = 0.881234; 0.9938^50 = 0.732759;
# 142 × 0.881234 × 0.732759 = 91.69 (NKF calculator: 92).
@pytest.mark.parametrize(
    "scr,age,sex,expected",
    [
        (1.0, 50, "F", 68.6335),   # κ 0.7: 1.4286^−1.2 = 0.651779 -> ×0.732759×1.012×142
        (1.0, 50, "M", 91.6915),
        (0.7, 50, "F", 105.2976),  # at κ: 142 × 0.9938^50 × 1.012
        (0.9, 50, "M", 104.0490),  # at κ: 142 × 0.9938^50
        (0.5, 30, "F", 129.3170),  # below κ: (0.5/0.7)^−0.241
        (0.6, 40, "M", 125.1491),  # below κ: (0.6/0.9)^−0.302
        (2.5, 65, "M", 27.8154),
        (4.0, 70, "F", 11.4827),
        (1.2, 18, "M", 89.8967),
        (0.8, 120, "F", 58.0440),
    ],
)
def test_reference_values(scr, age, sex, expected):
    assert egfr(scr, age, sex) == pytest.approx(expected, abs=1e-3)


def test_published_rounded_examples():
    assert round(egfr(1.0, 50, "M")) == 92
    assert round(egfr(1.0, 50, "F")) == 69  # 68.6


def test_kappa_boundary_is_continuous():
    for sex, kappa in (("F", 0.7), ("M", 0.9)):
        at = egfr(kappa, 50, sex)
        assert at == pytest.approx(142 * 0.9938**50 * (1.012 if sex == "F" else 1.0), rel=1e-12)
        assert egfr(kappa - 1e-9, 50, sex) == pytest.approx(at, rel=1e-6)
        assert egfr(kappa + 1e-9, 50, sex) == pytest.approx(at, rel=1e-6)
        assert egfr(kappa - 0.01, 50, sex) > at > egfr(kappa + 0.01, 50, sex)


def test_female_factor_and_age_factor():
    # Same Scr/κ ratio: the only differences are α/κ and the 1.012 factor.
    assert egfr(1.4, 40, "F") / egfr(1.8, 40, "M") == pytest.approx(1.012, rel=1e-12)
    assert egfr(1.0, 51, "M") / egfr(1.0, 50, "M") == pytest.approx(0.9938, rel=1e-12)


@settings(max_examples=200, deadline=None)
@given(
    st.floats(min_value=0.1, max_value=29.0),
    st.floats(min_value=0.05, max_value=1.0),
    st.integers(min_value=18, max_value=119),
    st.sampled_from(["F", "M"]),
)
def test_property_monotone_decreasing(scr, delta, age, sex):
    assert egfr(scr + delta, age, sex) < egfr(scr, age, sex)
    assert egfr(scr, age + 1, sex) < egfr(scr, age, sex)
    assert 0 < egfr(scr, age, sex) < 250


@pytest.mark.parametrize("sex", ["f", "m", "X", "", None, "Female", 1, True])
def test_sex_must_be_F_or_M(sex):
    with pytest.raises(ValueError, match="sex must be 'F' or 'M'"):
        egfr(1.0, 50, sex)


@pytest.mark.parametrize("scr", [0, -1, 30.01, 88.4, math.nan, math.inf, -math.inf])
def test_bad_creatinine(scr):
    with pytest.raises(ValueError, match="creatinine"):
        egfr(scr, 50, "F")


def test_creatinine_upper_bound_inclusive_and_hint():
    assert egfr(30, 50, "M") > 0
    with pytest.raises(ValueError, match="µmol/L"):
        egfr(88.4, 50, "M")


@pytest.mark.parametrize("age", [17, 17.9, 120.5, -1, math.nan])
def test_bad_age(age):
    with pytest.raises(ValueError, match="age"):
        egfr(1.0, age, "F")


@pytest.mark.parametrize("bad", ["1.0", None, True, False, [1.0]])
def test_non_numbers_rejected(bad):
    with pytest.raises(ValueError):
        egfr(bad, 50, "F")
    with pytest.raises(ValueError):
        egfr(1.0, bad, "F")


def test_age_bounds_inclusive():
    assert egfr(1.0, 18, "F") > egfr(1.0, 120, "F") > 0


def test_creatinine_conversion():
    assert renal.creatinine_umol_to_mg_dl(88.4) == pytest.approx(1.0)
    assert renal.creatinine_umol_to_mg_dl(61.88) == pytest.approx(0.7)
    assert renal.creatinine_mg_dl_to_umol(1.0) == pytest.approx(88.4)
    with pytest.raises(ValueError):
        renal.creatinine_umol_to_mg_dl(0)
    with pytest.raises(ValueError):
        renal.creatinine_umol_to_mg_dl("88")


def test_egfr_from_umol():
    assert renal.egfr_from_umol(88.4, 50, "M") == pytest.approx(91.6915, abs=1e-3)
    assert renal.egfr_from_umol(61.88, 50, "F") == pytest.approx(105.2976, abs=1e-3)
    with pytest.raises(ValueError, match="implausible"):
        renal.egfr_from_umol(3000, 50, "M")  # 33.9 mg/dL
    with pytest.raises(ValueError, match="sex"):
        renal.egfr_from_umol(88.4, 50, None)


def test_upcr():
    assert renal.upcr_g_per_g(50, 100) == pytest.approx(0.5)
    assert renal.upcr_g_per_g(0, 100) == 0
    assert renal.upcr_g_per_g(300, 120) == pytest.approx(2.5)
    with pytest.raises(ValueError, match="urine creatinine"):
        renal.upcr_g_per_g(50, 0)
    with pytest.raises(ValueError, match="urine protein"):
        renal.upcr_g_per_g(-1, 100)
    with pytest.raises(ValueError):
        renal.upcr_g_per_g(math.nan, 100)


def test_upcr_unit_conversion():
    assert renal.UPCR_MG_MMOL_PER_G_G == 113.12
    assert renal.upcr_g_g_to_mg_mmol(1.0) == pytest.approx(113.12)
    assert renal.upcr_g_g_to_mg_mmol(0.5) == pytest.approx(56.56)
    assert renal.upcr_mg_mmol_to_g_g(113.12) == pytest.approx(1.0)
    assert renal.upcr_mg_mmol_to_g_g(renal.upcr_g_g_to_mg_mmol(0.37)) == pytest.approx(0.37)
    with pytest.raises(ValueError):
        renal.upcr_g_g_to_mg_mmol(-0.1)
    with pytest.raises(ValueError):
        renal.upcr_g_g_to_mg_mmol(True)
