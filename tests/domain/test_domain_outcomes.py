"""Derived outcomes: change, SLEDAI-4, SRI-4 (without BILAG), SELENA flare, remission."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sle_desktop.domain import outcomes
from sle_desktop.domain.outcomes import (
    change_from_baseline,
    clinical_remission,
    clinical_sledai,
    selena_flare,
    sledai4_response,
    sri4_without_bilag,
)

scores = st.integers(min_value=0, max_value=105)
pgas = st.integers(min_value=0, max_value=30).map(lambda t: t / 10)


def test_label_says_without_bilag():
    assert outcomes.SRI4_LABEL == "SRI-4 (without BILAG)"
    assert outcomes.SELENA_FLARE_LABEL == "SELENA flare (SLEDAI/PGA parts)"
    assert outcomes.FLARE_INDEX_LABEL == "SELENA Flare Index"


def test_change_from_baseline():
    assert change_from_baseline(12, 8) == -4
    assert change_from_baseline(8, 12) == 4
    assert change_from_baseline(0, 0) == 0
    assert change_from_baseline(105, 0) == -105


@pytest.mark.parametrize(
    "baseline,score,expected",
    [(12, 8, True), (12, 9, False), (12, 0, True), (4, 0, True), (3, 0, False), (8, 12, False),
     (10, 10, False)],
)
def test_sledai4_response(baseline, score, expected):
    assert sledai4_response(baseline, score) is expected


@pytest.mark.parametrize(
    "baseline,score,bpga,pga,expected",
    [
        (12, 8, 1.0, 1.0, True),    # reduction 4, PGA unchanged
        (12, 9, 1.0, 1.0, False),   # reduction 3
        (12, 8, 1.0, 1.2, True),    # PGA +0.2 < 0.3
        (12, 8, 1.0, 1.3, False),   # PGA +0.3 is not < 0.3
        (12, 8, 0.9, 1.2, False),   # exactly +0.3 on one-decimal values
        (12, 8, 0.9, 1.1, True),    # +0.2
        (12, 8, 2.0, 0.5, True),    # PGA improved
        (12, 9, 2.0, 0.5, False),   # PGA improved but SLEDAI reduction only 3
        (4, 0, 0.0, 0.2, True),
        (4, 0, 0.0, 0.3, False),
        (12, 8, 0.1, 0.4, False),   # 0.1 -> 0.4 is +0.3 (float 0.30000000000000004)
        (12, 8, 0.7, 1.0, False),   # +0.3 (float 0.30000000000000004)
        (12, 8, 2.7, 3.0, False),
    ],
)
def test_sri4_without_bilag(baseline, score, bpga, pga, expected):
    assert sri4_without_bilag(baseline, score, bpga, pga) is expected


@pytest.mark.parametrize("bad", [2.55, 1.04, 1.25, 1.249, 0.05, 2.999])
def test_pga_not_given_to_one_decimal_is_refused_not_rounded(bad):
    # 2.5 -> 2.55 used to round to 2.6 and become a severe flare; now it is refused.
    with pytest.raises(ValueError, match=r"one decimal place \(e\.g\. 2\.5\), got " + repr(bad).replace(".", r"\.")):
        outcomes.pga_tenths(bad)
    with pytest.raises(ValueError, match="one decimal place"):
        selena_flare(4, 4, 2.5, bad)
    with pytest.raises(ValueError, match="one decimal place"):
        sri4_without_bilag(12, 8, bad, 1.0)


def test_sri4_compares_one_decimal_values():
    assert outcomes.pga_tenths(0.1 + 0.2) == 3  # float noise is not a second decimal
    assert outcomes.pga_tenths(1.2) == 12
    assert outcomes.pga_tenths(0.9) == 9
    assert outcomes.pga_tenths(3) == 30


@pytest.mark.parametrize(
    "prev,score,ppga,pga,expected",
    [
        # SLEDAI part only (PGA unchanged)
        (4, 6, 1.0, 1.0, "none"),           # +2
        (4, 7, 1.0, 1.0, "mild_moderate"),  # +3, new score 7
        (9, 12, 1.0, 1.0, "mild_moderate"), # +3 to 12: still mild/moderate
        (10, 13, 1.0, 1.0, "severe"),       # +3 to 13: severe
        (9, 13, 1.0, 1.0, "severe"),
        (11, 13, 1.0, 1.0, "none"),         # +2 to 13: no flare (rise < 3)
        (20, 18, 1.0, 1.0, "none"),         # decrease
        (0, 105, 0.0, 0.0, "severe"),
        # PGA part only (SLEDAI unchanged)
        (4, 4, 1.0, 1.9, "none"),           # +0.9
        (4, 4, 1.0, 2.0, "mild_moderate"),  # +1.0 to 2.0
        (4, 4, 1.5, 2.5, "mild_moderate"),  # +1.0 to exactly 2.5
        (4, 4, 1.6, 2.5, "none"),           # +0.9 to 2.5
        (4, 4, 2.5, 2.6, "severe"),         # any rise to > 2.5
        (4, 4, 2.9, 3.0, "severe"),
        (4, 4, 0.0, 2.6, "severe"),
        (4, 4, 2.6, 2.6, "none"),           # no rise, even though > 2.5
        (4, 4, 3.0, 2.8, "none"),           # decrease
        (4, 4, 0.1, 1.1, "mild_moderate"),  # +1.0 (float 1.0000000000000002)
        (4, 4, 0.7, 1.7, "mild_moderate"),  # +1.0 (float 0.9999999999999999)
        # both parts: the more severe wins
        (4, 7, 1.0, 2.0, "mild_moderate"),
        (4, 7, 2.5, 2.6, "severe"),
        (10, 13, 1.0, 2.0, "severe"),
        (4, 5, 2.0, 2.7, "severe"),
    ],
)
def test_selena_flare(prev, score, ppga, pga, expected):
    assert selena_flare(prev, score, ppga, pga) == expected


@settings(max_examples=200, deadline=None)
@given(scores, scores, pgas, pgas)
def test_property_flare_is_max_of_parts(prev, score, ppga, pga):
    result = selena_flare(prev, score, ppga, pga)
    assert result in outcomes.FLARE_LEVELS
    sledai_only = selena_flare(prev, score, ppga, ppga)
    pga_only = selena_flare(prev, prev, ppga, pga)
    order = outcomes.FLARE_LEVELS.index
    assert order(result) == max(order(sledai_only), order(pga_only))
    if score - prev < 3 and pga <= ppga:
        assert result == "none"


@settings(max_examples=200, deadline=None)
@given(scores, scores, pgas, pgas)
def test_property_sri4_implies_sledai4(baseline, score, bpga, pga):
    if sri4_without_bilag(baseline, score, bpga, pga):
        assert sledai4_response(baseline, score)
        assert round((pga - bpga) * 10) < 3
    assert sledai4_response(baseline, score) is (baseline - score >= 4)


@pytest.mark.parametrize("bad", [-1, 106, 4.0, "4", None, True, False, math.nan])
def test_bad_scores_rejected(bad):
    for call in (
        lambda: change_from_baseline(bad, 4),
        lambda: change_from_baseline(4, bad),
        lambda: sledai4_response(bad, 4),
        lambda: sri4_without_bilag(8, bad, 1.0, 1.0),
        lambda: selena_flare(bad, 4, 1.0, 1.0),
        lambda: selena_flare(4, bad, 1.0, 1.0),
    ):
        with pytest.raises(ValueError, match="score"):
            call()


@pytest.mark.parametrize("bad", [-0.1, 3.01, 3.1, math.nan, math.inf, "1.0", None, True])
def test_bad_pga_rejected(bad):
    with pytest.raises(ValueError, match="PGA"):
        sri4_without_bilag(12, 8, bad, 1.0)
    with pytest.raises(ValueError, match="PGA"):
        sri4_without_bilag(12, 8, 1.0, bad)
    with pytest.raises(ValueError, match="PGA"):
        selena_flare(4, 4, bad, 1.0)
    with pytest.raises(ValueError, match="PGA"):
        selena_flare(4, 4, 1.0, bad)


def test_error_messages_are_clear():
    with pytest.raises(ValueError, match="between 0 and 105, got 106"):
        change_from_baseline(0, 106)
    with pytest.raises(ValueError, match=r"between 0.0 and 3.0, got 3.5"):
        selena_flare(0, 0, 1.0, 3.5)
    with pytest.raises(ValueError, match="whole number"):
        change_from_baseline(True, 1)


def test_pga_bounds_inclusive_and_int_accepted():
    assert selena_flare(0, 0, 0, 3) == "severe"
    assert sri4_without_bilag(10, 0, 0.0, 0.0) is True


def test_clinical_sledai_and_remission():
    assert clinical_sledai([]) == 0
    assert clinical_remission([]) is True
    assert clinical_sledai(["low_complement", "increased_dna_binding"]) == 0
    assert clinical_remission(["low_complement", "increased_dna_binding"]) is True
    assert clinical_sledai(["low_complement", "fever"]) == 1
    assert clinical_remission(["fever"]) is False
    assert clinical_remission(["low_complement", "proteinuria"]) is False
    with pytest.raises(ValueError, match="'bogus'"):
        clinical_remission(["bogus"])
