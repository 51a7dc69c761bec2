"""Eligibility: every criterion passes and fails, every boundary (clinical-reference §3)."""

from dataclasses import replace
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sle_desktop.domain import eligibility
from sle_desktop.domain.eligibility import (
    CRITERIA,
    EligibilityRules,
    Result,
    Screening,
    age_on,
    evaluate,
    months_before,
    years_before,
)

CONSENT = date(2024, 6, 15)

ELIGIBLE = Screening(
    consent_date=CONSENT,
    date_of_birth=date(1990, 3, 10),
    sex="F",
    acr_criteria=frozenset({"malar_rash", "arthritis", "renal_disorder", "immunologic_disorder"}),
    anti_dsdna_positive=True,
    sledai_codes=frozenset({"hematuria", "proteinuria"}),  # 8
    biopsy_class="IV",
    biopsy_date=date(2024, 3, 1),
    proteinuria_g_per_day=1.2,
    upcr_g_per_g=None,
    active_sediment=True,
    investigator_confirms_nephritis=True,
    can_follow_procedures=True,
)

# Nephritis evidence only through the biopsy route / only through the lab route.
BIOPSY_ONLY = replace(ELIGIBLE, proteinuria_g_per_day=None, active_sediment=False)
LABS_ONLY = replace(ELIGIBLE, biopsy_class=None, biopsy_date=None)


def failed(s, rules=None):
    return evaluate(s, rules).failed


def assert_only(s, criterion):
    result = evaluate(s)
    assert result.failed == [criterion], result.messages
    assert result.eligible is False
    assert len(result.messages) == 1
    return result.messages[0]


# --------------------------------------------------------------------------- whole screening


def test_fully_eligible_fixture_has_no_failures():
    result = evaluate(ELIGIBLE)
    assert result == Result(eligible=True, failed=[], messages=[])
    assert evaluate(BIOPSY_ONLY).eligible
    assert evaluate(LABS_ONLY).eligible


def test_empty_screening_fails_everything_it_can_and_in_order():
    result = evaluate(Screening())
    assert result.eligible is False
    assert result.failed == [
        "age", "acr_criteria", "anti_dsdna", "sledai_min", "active_nephritis", "consent",
        "can_follow_procedures",
    ]
    assert len(result.messages) == len(result.failed)


def test_every_field_has_a_default():
    s = Screening()
    assert s.consent_date is None and s.date_of_birth is None and s.sex is None
    assert s.acr_criteria == frozenset() and s.sledai_codes == frozenset()
    assert s.biopsy_class is None and s.last_malignancy_date is None
    assert s.needs_dialysis is False and s.anti_dsdna_positive is False


def test_multiple_failures_reported_together_in_contract_order():
    s = replace(
        ELIGIBLE,
        last_malignancy_date=date(2023, 1, 1),
        chronic_infection=True,
        needs_dialysis=True,
        anti_dsdna_positive=False,
        date_of_birth=date(2010, 1, 1),
        sledai_codes=frozenset({"rash"}),
        can_follow_procedures=False,
    )
    result = evaluate(s)
    assert result.failed == [
        "age", "anti_dsdna", "sledai_min", "can_follow_procedures", "dialysis",
        "chronic_infection", "malignancy_5y",
    ]
    assert result.failed == [c for c in CRITERIA if c in result.failed]
    assert result.messages[0].startswith("Age:")
    assert result.messages[1].startswith("Anti-dsDNA:")
    assert result.messages[2].startswith("SELENA-SLEDAI:")
    assert result.messages[-1].startswith("Malignancy in the last 5 years:")


def test_criteria_names_are_the_contract():
    assert CRITERIA == (
        "age", "acr_criteria", "anti_dsdna", "sledai_min", "active_nephritis", "consent",
        "can_follow_procedures", "dialysis", "planned_transplant", "high_risk_condition",
        "pregnancy_lactation", "chronic_infection", "malignancy_5y",
    )
    assert set(eligibility.CRITERION_LABELS) == set(CRITERIA)
    assert eligibility.INCLUSION + eligibility.EXCLUSION == CRITERIA


def test_evaluate_does_not_mutate_the_screening():
    s = replace(ELIGIBLE, needs_dialysis=1)
    evaluate(s)
    assert s.needs_dialysis == 1 and type(s.needs_dialysis) is int


# --------------------------------------------------------------------------- helpers


def test_years_before():
    assert years_before(date(2024, 6, 15), 5) == date(2019, 6, 15)
    assert years_before(date(2024, 2, 29), 5) == date(2019, 2, 28)
    assert years_before(date(2024, 2, 29), 4) == date(2020, 2, 29)
    assert years_before(date(2024, 2, 29), 1) == date(2023, 2, 28)
    assert years_before(date(2023, 3, 1), 1) == date(2022, 3, 1)
    assert years_before(date(2024, 1, 1), 0) == date(2024, 1, 1)
    with pytest.raises(ValueError):
        years_before(date(2024, 1, 1), -1)
    with pytest.raises(ValueError):
        years_before(date(2024, 1, 1), 1.5)  # type: ignore[arg-type]


def test_months_before():
    assert months_before(date(2024, 6, 15), 12) == date(2023, 6, 15)
    assert months_before(date(2024, 3, 31), 1) == date(2024, 2, 29)
    assert months_before(date(2023, 3, 31), 1) == date(2023, 2, 28)
    assert months_before(date(2024, 1, 15), 1) == date(2023, 12, 15)
    assert months_before(date(2024, 2, 29), 12) == date(2023, 2, 28)
    assert months_before(date(2024, 2, 29), 24) == date(2022, 2, 28)
    assert months_before(date(2024, 2, 29), 48) == date(2020, 2, 29)


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), st.integers(0, 50))
def test_property_years_before_matches_months_before_and_keeps_month(d, n):
    earlier = years_before(d, n)
    assert earlier == months_before(d, 12 * n)
    assert earlier.year == d.year - n and earlier.month == d.month
    assert earlier.day == d.day or (d.month, d.day, earlier.day) == (2, 29, 28)


def test_age_on_basic():
    assert age_on(date(2000, 6, 15), date(2018, 6, 15)) == 18
    assert age_on(date(2000, 6, 15), date(2018, 6, 14)) == 17
    assert age_on(date(2000, 6, 15), date(2000, 6, 15)) == 0
    with pytest.raises(ValueError, match="before the date of birth"):
        age_on(date(2000, 6, 15), date(2000, 6, 14))


def test_age_on_29_february_births():
    dob = date(2000, 2, 29)
    assert age_on(dob, date(2018, 2, 28)) == 17  # non-leap year: birthday is 1 March
    assert age_on(dob, date(2018, 3, 1)) == 18
    assert age_on(dob, date(2020, 2, 28)) == 19  # leap year: birthday is 29 February
    assert age_on(dob, date(2020, 2, 29)) == 20


def test_age_on_rejects_datetimes():
    with pytest.raises(ValueError, match="calendar date"):
        age_on(datetime(2000, 1, 1), date(2020, 1, 1))  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2050, 12, 31)), st.integers(0, 20000))
def test_property_age_is_completed_years(dob, days):
    on = date.fromordinal(dob.toordinal() + days)
    age = age_on(dob, on)
    assert 0 <= age <= days // 365
    # The age-th birthday (29 Feb -> 1 Mar) is on or before `on`, the next one after it.
    def birthday(year):
        try:
            return date(year, dob.month, dob.day)
        except ValueError:
            return date(year, 3, 1)
    assert birthday(dob.year + age) <= on
    if dob.year + age + 1 <= 9999:
        assert birthday(dob.year + age + 1) > on


def test_rules_defaults_and_validation():
    r = EligibilityRules()
    assert (r.min_age, r.max_age, r.min_acr_criteria, r.min_sledai) == (18, 75, 4, 6)
    assert (r.biopsy_lookback_months, r.malignancy_lookback_years) == (12, 5)
    assert (r.min_proteinuria_g_per_day, r.min_upcr_g_per_g) == (0.5, 0.5)
    with pytest.raises(ValueError, match="min_age"):
        EligibilityRules(min_age=80, max_age=75)
    with pytest.raises(ValueError, match="min_sledai"):
        EligibilityRules(min_sledai=-1)
    with pytest.raises(ValueError, match="min_acr_criteria"):
        EligibilityRules(min_acr_criteria=12)
    with pytest.raises(ValueError, match="min_upcr_g_per_g"):
        EligibilityRules(min_upcr_g_per_g=0)
    with pytest.raises(ValueError, match="min_age"):
        EligibilityRules(min_age=True)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- age


def with_dob(dob, consent=CONSENT):
    return replace(ELIGIBLE, date_of_birth=dob, consent_date=consent,
                   biopsy_date=min(ELIGIBLE.biopsy_date, consent))


def test_age_18_on_the_birthday_is_eligible():
    assert evaluate(with_dob(date(2006, 6, 15))).eligible


def test_age_17_the_day_before_the_18th_birthday_fails():
    msg = assert_only(with_dob(date(2006, 6, 16)), "age")
    assert msg == "Age: 17 years at consent; the protocol requires 18–75."


def test_age_75_on_the_day_before_the_76th_birthday_is_eligible():
    assert evaluate(with_dob(date(1948, 6, 16))).eligible


def test_age_76_on_the_76th_birthday_fails():
    msg = assert_only(with_dob(date(1948, 6, 15)), "age")
    assert msg == "Age: 76 years at consent; the protocol requires 18–75."


def test_born_29_february_turning_18_in_a_non_leap_year():
    # 2004 + 18 = 2022 is not a leap year: the 18th birthday is 1 March 2022.
    dob = date(2004, 2, 29)
    msg = assert_only(with_dob(dob, date(2022, 2, 28)), "age")
    assert msg == "Age: 17 years at consent; the protocol requires 18–75."
    assert evaluate(with_dob(dob, date(2022, 3, 1))).eligible


def test_born_29_february_turning_76_in_a_leap_year():
    # 1948 + 76 = 2024 is a leap year: the 76th birthday is 29 February 2024.
    dob = date(1948, 2, 29)
    assert evaluate(with_dob(dob, date(2024, 2, 28))).eligible  # 75
    msg = assert_only(with_dob(dob, date(2024, 2, 29)), "age")
    assert msg == "Age: 76 years at consent; the protocol requires 18–75."


def test_born_29_february_in_a_leap_year_consent_between_birthdays():
    dob = date(1996, 2, 29)
    assert age_on(dob, date(2024, 2, 28)) == 27
    assert age_on(dob, date(2024, 2, 29)) == 28
    assert age_on(dob, date(2023, 2, 28)) == 26
    assert age_on(dob, date(2023, 3, 1)) == 27
    # Century rule: 1900 was not a leap year, so the birthday fell on 1 March.
    assert age_on(date(1824, 2, 29), date(1900, 2, 28)) == 75
    assert age_on(date(1824, 2, 29), date(1900, 3, 1)) == 76


def test_missing_date_of_birth_fails_age():
    msg = assert_only(replace(ELIGIBLE, date_of_birth=None), "age")
    assert "date of birth missing" in msg


def test_date_of_birth_after_consent_fails_age():
    msg = assert_only(with_dob(date(2025, 1, 1)), "age")
    assert msg == "Age: date of birth 01.01.2025 is after the consent date 15.06.2024."


def test_missing_consent_fails_age_consent_and_nephritis_biopsy():
    s = replace(BIOPSY_ONLY, consent_date=None)
    result = evaluate(s)
    assert result.failed == ["age", "active_nephritis", "consent"]
    assert "consent date missing" in result.messages[0]
    assert "consent date missing" in result.messages[2]
    # Through the lab route the nephritis criterion does not need the consent date.
    assert failed(replace(LABS_ONLY, consent_date=None)) == ["age", "consent"]


def test_age_rule_thresholds_come_from_rules():
    rules = EligibilityRules(min_age=16, max_age=80)
    s = with_dob(date(2007, 6, 15))  # 17
    assert "age" in failed(s)
    assert failed(s, rules) == []
    assert "the protocol requires 16–80." in evaluate(with_dob(date(1940, 1, 1)), rules).messages[0]


# --------------------------------------------------------------------------- ACR, anti-dsDNA, SLEDAI


def test_acr_three_fails_four_passes():
    three = frozenset({"malar_rash", "arthritis", "renal_disorder"})
    msg = assert_only(replace(ELIGIBLE, acr_criteria=three), "acr_criteria")
    assert msg == "ACR 1997 criteria: 3 of 11 present; the protocol requires at least 4."
    assert evaluate(replace(ELIGIBLE, acr_criteria=three | {"serositis"})).eligible


def test_acr_accepts_any_iterable():
    assert evaluate(replace(ELIGIBLE, acr_criteria=["malar_rash", "arthritis", "serositis",
                                                     "oral_ulcers"])).eligible


def test_acr_unknown_code_raises():
    with pytest.raises(ValueError, match="'lupus_band'"):
        evaluate(replace(ELIGIBLE, acr_criteria=ELIGIBLE.acr_criteria | {"lupus_band"}))


def test_anti_dsdna_negative_fails():
    msg = assert_only(replace(ELIGIBLE, anti_dsdna_positive=False), "anti_dsdna")
    assert msg.startswith("Anti-dsDNA:") and "positive" in msg


def test_sledai_5_fails_6_passes():
    five = frozenset({"arthritis", "fever"})  # 4 + 1
    msg = assert_only(replace(ELIGIBLE, sledai_codes=five), "sledai_min")
    assert msg == "SELENA-SLEDAI: screening score 5; the protocol requires at least 6."
    six = frozenset({"arthritis", "rash"})  # 4 + 2
    assert evaluate(replace(ELIGIBLE, sledai_codes=six)).eligible


def test_sledai_unknown_code_raises():
    with pytest.raises(ValueError, match="'nephritis'"):
        evaluate(replace(ELIGIBLE, sledai_codes=frozenset({"nephritis"})))


def test_bare_string_codes_raise():
    with pytest.raises(ValueError):
        evaluate(replace(ELIGIBLE, sledai_codes="seizure"))  # type: ignore[arg-type]


# --------------------------------------------------------------------------- nephritis


@pytest.mark.parametrize(
    "cls", ["III", "IV", "V", "III+V", "IV+V", "II+III", "II+IV", "ii + iv", " iv ", "iii+v",
            "IV-G (A)", "IV-S (A/C) + V", "III (A)", "Class IV", "VI+IV"],
)
def test_biopsy_classes_that_count(cls):
    assert evaluate(replace(BIOPSY_ONLY, biopsy_class=cls)).eligible
    assert eligibility.biopsy_class_is_active_nephritis(cls)


@pytest.mark.parametrize("cls", ["I", "II", "VI", "ii", "I+II", "II+VI"])
def test_biopsy_classes_that_do_not_count(cls):
    msg = assert_only(replace(BIOPSY_ONLY, biopsy_class=cls), "active_nephritis")
    assert "is not class III, IV or V" in msg
    assert not eligibility.biopsy_class_is_active_nephritis(cls)


@pytest.mark.parametrize("cls", ["", "  ", "VII", "foo", "III+", "+V", "4", "IIII"])
def test_unrecognised_biopsy_class_is_not_evidence(cls):
    result = evaluate(replace(BIOPSY_ONLY, biopsy_class=cls))
    assert result.failed == ["active_nephritis"]


def test_parse_biopsy_class():
    assert eligibility.parse_biopsy_class("III+V") == frozenset({"III", "V"})
    assert eligibility.parse_biopsy_class("iv-g (a/c)") == frozenset({"IV"})
    with pytest.raises(ValueError, match="not an ISN/RPS class"):
        eligibility.parse_biopsy_class("VII")
    with pytest.raises(ValueError):
        eligibility.parse_biopsy_class(4)  # type: ignore[arg-type]


def test_biopsy_exactly_12_months_before_consent_counts():
    assert evaluate(replace(BIOPSY_ONLY, biopsy_date=date(2023, 6, 15))).eligible


def test_biopsy_12_months_and_one_day_before_consent_does_not_count():
    msg = assert_only(replace(BIOPSY_ONLY, biopsy_date=date(2023, 6, 14)), "active_nephritis")
    assert "more than 12 months before consent" in msg
    assert "14.06.2023" in msg


def test_biopsy_on_consent_day_counts_and_after_consent_does_not():
    assert evaluate(replace(BIOPSY_ONLY, biopsy_date=CONSENT)).eligible
    msg = assert_only(replace(BIOPSY_ONLY, biopsy_date=date(2024, 6, 16)), "active_nephritis")
    assert "after consent" in msg


def test_biopsy_without_date_does_not_count():
    msg = assert_only(replace(BIOPSY_ONLY, biopsy_date=None), "active_nephritis")
    assert "has no date" in msg


def test_biopsy_lookback_with_29_february_consent():
    consent = date(2024, 2, 29)
    s = replace(BIOPSY_ONLY, consent_date=consent)
    assert evaluate(replace(s, biopsy_date=date(2023, 2, 28))).eligible
    assert failed(replace(s, biopsy_date=date(2023, 2, 27))) == ["active_nephritis"]


def test_biopsy_lookback_from_rules():
    s = replace(BIOPSY_ONLY, biopsy_date=date(2023, 1, 1))
    assert failed(s) == ["active_nephritis"]
    assert failed(s, EligibilityRules(biopsy_lookback_months=24)) == []


@pytest.mark.parametrize(
    "protein,upcr,sediment,ok",
    [
        (0.5, None, True, True),
        (0.49, None, True, False),
        (0.5, None, False, False),
        (None, 0.5, True, True),
        (None, 0.49, True, False),
        (None, 0.5, False, False),
        (0.49, 0.49, True, False),
        (0.49, 0.5, True, True),
        (0.5, 0.49, True, True),
        (3.0, 2.0, False, False),
        (None, None, True, False),
        (0.0, 0.0, True, False),
    ],
)
def test_proteinuria_and_upcr_thresholds_with_and_without_sediment(protein, upcr, sediment, ok):
    s = replace(LABS_ONLY, proteinuria_g_per_day=protein, upcr_g_per_g=upcr, active_sediment=sediment)
    assert (failed(s) == []) is ok
    if not ok:
        assert failed(s) == ["active_nephritis"]


def test_evidence_without_confirmation_fails():
    msg = assert_only(replace(ELIGIBLE, investigator_confirms_nephritis=False), "active_nephritis")
    assert "evidence present" in msg and "not confirmed by the investigator" in msg


def test_confirmation_without_evidence_fails():
    s = replace(LABS_ONLY, proteinuria_g_per_day=0.3)
    msg = assert_only(s, "active_nephritis")
    assert "confirmed by the investigator but no qualifying evidence" in msg
    assert "proteinuria 0.3 g/24 h < 0.5 (active sediment present)" in msg
    assert "no biopsy recorded" in msg


def test_neither_evidence_nor_confirmation_fails():
    s = replace(LABS_ONLY, proteinuria_g_per_day=None, investigator_confirms_nephritis=False)
    msg = assert_only(s, "active_nephritis")
    assert "no qualifying evidence" in msg and "not confirmed" in msg


def test_high_proteinuria_without_sediment_message():
    s = replace(LABS_ONLY, active_sediment=False)
    msg = assert_only(s, "active_nephritis")
    assert "proteinuria 1.2 g/24 h but no active sediment" in msg


def test_old_biopsy_but_lab_evidence_is_eligible():
    assert evaluate(replace(ELIGIBLE, biopsy_date=date(2020, 1, 1))).eligible


def test_nephritis_thresholds_from_rules():
    s = replace(LABS_ONLY, proteinuria_g_per_day=0.4)
    assert failed(s) == ["active_nephritis"]
    assert failed(s, EligibilityRules(min_proteinuria_g_per_day=0.3)) == []


@pytest.mark.parametrize("bad", [-0.1, float("nan"), float("inf"), "1.2", True])
def test_malformed_proteinuria_raises(bad):
    with pytest.raises(ValueError, match="proteinuria_g_per_day"):
        evaluate(replace(ELIGIBLE, proteinuria_g_per_day=bad))
    with pytest.raises(ValueError, match="upcr_g_per_g"):
        evaluate(replace(ELIGIBLE, upcr_g_per_g=bad))


# --------------------------------------------------------------------------- consent, procedures


def test_missing_consent_date_fails_consent():
    result = evaluate(replace(LABS_ONLY, consent_date=None))
    assert "consent" in result.failed
    msg = result.messages[result.failed.index("consent")]
    assert msg.startswith("Consent: consent date missing")


def test_cannot_follow_procedures_fails():
    msg = assert_only(replace(ELIGIBLE, can_follow_procedures=False), "can_follow_procedures")
    assert "read, understand and follow" in msg


# --------------------------------------------------------------------------- exclusions


@pytest.mark.parametrize(
    "field,criterion,word",
    [
        ("needs_dialysis", "dialysis", "Dialysis"),
        ("planned_transplant", "planned_transplant", "transplant"),
        ("high_risk_condition", "high_risk_condition", "High-risk"),
        ("pregnant_or_lactating", "pregnancy_lactation", "pregnant"),
        ("chronic_infection", "chronic_infection", "Chronic infection"),
    ],
)
def test_each_exclusion_flag(field, criterion, word):
    msg = assert_only(replace(ELIGIBLE, **{field: True}), criterion)
    assert word in msg and "(exclusion)" in msg
    assert evaluate(replace(ELIGIBLE, **{field: False})).eligible


def test_flags_accept_sqlite_zero_one_but_not_strings():
    assert failed(replace(ELIGIBLE, needs_dialysis=1)) == ["dialysis"]
    assert evaluate(replace(ELIGIBLE, needs_dialysis=0)).eligible
    with pytest.raises(ValueError, match="needs_dialysis"):
        evaluate(replace(ELIGIBLE, needs_dialysis="no"))
    with pytest.raises(ValueError, match="anti_dsdna_positive"):
        evaluate(replace(ELIGIBLE, anti_dsdna_positive=None))


def test_malignancy_none_is_ok():
    assert evaluate(replace(ELIGIBLE, last_malignancy_date=None)).eligible


def test_malignancy_exactly_5_years_before_consent_excludes():
    msg = assert_only(replace(ELIGIBLE, last_malignancy_date=date(2019, 6, 15)), "malignancy_5y")
    assert "15.06.2019" in msg and "on or after 15.06.2019" in msg


def test_malignancy_5_years_and_one_day_before_consent_is_ok():
    assert evaluate(replace(ELIGIBLE, last_malignancy_date=date(2019, 6, 14))).eligible


def test_malignancy_after_consent_excludes():
    msg = assert_only(replace(ELIGIBLE, last_malignancy_date=date(2024, 7, 1)), "malignancy_5y")
    assert "after consent" in msg


def test_malignancy_on_consent_day_excludes():
    assert failed(replace(ELIGIBLE, last_malignancy_date=CONSENT)) == ["malignancy_5y"]


def test_malignancy_window_with_29_february_consent():
    s = replace(ELIGIBLE, consent_date=date(2024, 2, 29), biopsy_date=date(2024, 2, 1))
    assert failed(replace(s, last_malignancy_date=date(2019, 2, 28))) == ["malignancy_5y"]
    assert failed(replace(s, last_malignancy_date=date(2019, 2, 27))) == []
    assert failed(replace(s, last_malignancy_date=date(2019, 3, 1))) == ["malignancy_5y"]


def test_malignancy_without_consent_date_is_not_assumed_old():
    s = replace(LABS_ONLY, consent_date=None, last_malignancy_date=date(2000, 1, 1))
    assert "malignancy_5y" in failed(s)


def test_malignancy_window_from_rules():
    s = replace(ELIGIBLE, last_malignancy_date=date(2016, 1, 1))
    assert failed(s) == []
    result = evaluate(s, EligibilityRules(malignancy_lookback_years=10))
    assert result.failed == ["malignancy_5y"]
    assert result.messages[0].startswith("Malignancy in the last 10 years:")


# --------------------------------------------------------------------------- input hygiene


def test_datetime_instead_of_date_rejected():
    with pytest.raises(ValueError, match="consent_date"):
        evaluate(replace(ELIGIBLE, consent_date=datetime(2024, 6, 15, 10, 0)))


def test_non_screening_rejected():
    with pytest.raises(ValueError):
        evaluate({"consent_date": CONSENT})  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        evaluate(ELIGIBLE, rules={"min_age": 18})  # type: ignore[arg-type]


@settings(max_examples=100, deadline=None)
@given(
    st.sets(st.sampled_from(CRITERIA[7:12])),
    st.booleans(),
    st.booleans(),
)
def test_property_failed_and_messages_align(exclusions, dsdna, confirm):
    mapping = {
        "dialysis": "needs_dialysis", "planned_transplant": "planned_transplant",
        "high_risk_condition": "high_risk_condition", "pregnancy_lactation": "pregnant_or_lactating",
        "chronic_infection": "chronic_infection",
    }
    s = replace(ELIGIBLE, anti_dsdna_positive=dsdna, investigator_confirms_nephritis=confirm,
                **{mapping[c]: True for c in exclusions})
    result = evaluate(s)
    expected = set(exclusions) | ({"anti_dsdna"} if not dsdna else set()) | (
        {"active_nephritis"} if not confirm else set())
    assert set(result.failed) == expected
    assert result.failed == [c for c in CRITERIA if c in expected]
    assert len(result.messages) == len(result.failed)
    assert result.eligible is (not expected)
    labels = [eligibility.CRITERION_LABELS[c] for c in result.failed]
    assert all(m.startswith(label) for m, label in zip(result.messages, labels))


def test_anti_dsdna_positivity_is_one_rule():
    from sle_desktop.domain.eligibility import anti_dsdna_positive

    assert anti_dsdna_positive(value=120, uln=25) and anti_dsdna_positive(qualitative=True)
    assert not anti_dsdna_positive(value=25, uln=25)  # at the upper limit is not above it
    assert not anti_dsdna_positive(value=120) and not anti_dsdna_positive(uln=25) and not anti_dsdna_positive()
    assert anti_dsdna_positive(qualitative=True, value=10, uln=25)  # a qualitative positive stands on its own
