"""The full SELENA Flare Index (clinical-reference §2): every criterion, both levels, the boundaries."""

import dataclasses
import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sle_desktop.domain import outcomes
from sle_desktop.domain.outcomes import FlareAssessment, FlareResult, selena_flare, selena_flare_index

A = FlareAssessment


def fi(prev, cur):
    return selena_flare_index(prev, cur)


def test_contract_shape_and_defaults():
    a = A(sledai=4, pga=1.0)
    assert (a.prednisone_mg_per_kg_day, a.new_manifestations, a.added_nsaid_or_hydroxychloroquine,
            a.new_immunosuppressant, a.hospitalised_for_sle) == (None, frozenset(), False, False, False)
    r = fi(a, a)
    assert r == FlareResult("none", ())
    assert isinstance(r.reasons, tuple)
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.level = "severe"
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.sledai = 5


def test_label():
    assert outcomes.FLARE_INDEX_LABEL == "SELENA Flare Index"


# --------------------------------------------------------------------------- SLEDAI part

@pytest.mark.parametrize("prev,cur,expected", [
    (4, 6, ("none", ())),
    (4, 7, ("mild_moderate", ("sledai_increase",))),
    (9, 12, ("mild_moderate", ("sledai_increase",))),        # to exactly 12: mild/moderate
    (10, 13, ("severe", ("sledai_increase_to_gt12",))),      # to 13: severe
    (11, 13, ("none", ())),                                  # +2 only
    (20, 17, ("none", ())),
    (0, 105, ("severe", ("sledai_increase_to_gt12",))),
])
def test_sledai_part(prev, cur, expected):
    r = fi(A(prev, 1.0), A(cur, 1.0))
    assert (r.level, r.reasons) == expected


# --------------------------------------------------------------------------- PGA part

@pytest.mark.parametrize("prev,cur,expected", [
    (1.0, 1.9, ("none", ())),
    (1.0, 2.0, ("mild_moderate", ("pga_increase",))),
    (1.5, 2.5, ("mild_moderate", ("pga_increase",))),        # +1.0 to exactly 2.5
    (1.6, 2.5, ("none", ())),                                # +0.9 to 2.5
    (2.5, 2.6, ("severe", ("pga_increase_to_gt2_5",))),      # any rise to > 2.5
    (0.0, 3.0, ("severe", ("pga_increase_to_gt2_5",))),
    (2.6, 2.6, ("none", ())),
    (3.0, 2.7, ("none", ())),
    (0.7, 1.7, ("mild_moderate", ("pga_increase",))),        # float 0.9999999999999999
])
def test_pga_part(prev, cur, expected):
    r = fi(A(4, prev), A(4, cur))
    assert (r.level, r.reasons) == expected


def test_pga_2_5_to_2_55_is_refused_not_a_severe_flare():
    with pytest.raises(ValueError, match="one decimal place"):
        A(4, 2.55)


# --------------------------------------------------------------------------- manifestations

@pytest.mark.parametrize("code", outcomes.MILD_MANIFESTATIONS)
def test_each_mild_manifestation(code):
    r = fi(A(4, 1.0), A(4, 1.0, new_manifestations=frozenset({code})))
    assert r == FlareResult("mild_moderate", ("new_manifestation:" + code,))


@pytest.mark.parametrize("code", outcomes.SEVERE_MANIFESTATIONS)
def test_each_severe_manifestation(code):
    r = fi(A(4, 1.0), A(4, 1.0, new_manifestations=frozenset({code})))
    assert r == FlareResult("severe", ("new_manifestation:" + code,))


def test_manifestation_codes_are_the_contract():
    assert outcomes.MILD_MANIFESTATIONS == ("discoid", "photosensitive", "profundus", "cutaneous_vasculitis", "bullous",
                                            "nasopharyngeal_ulcers", "pleuritis", "pericarditis", "arthritis", "fever")
    assert outcomes.SEVERE_MANIFESTATIONS == ("cns_lupus", "vasculitis", "nephritis", "myositis",
                                              "thrombocytopenia_lt60", "hemolytic_anemia")


def test_manifestations_are_read_from_the_current_assessment_only():
    old = A(4, 1.0, new_manifestations=frozenset({"nephritis"}))
    assert fi(old, A(4, 1.0)) == FlareResult("none", ())


@pytest.mark.parametrize("bad", [{"discoid", "bogus"}, {"rash"}, {3}, "discoid", 5])
def test_unknown_manifestation_code_raises(bad):
    with pytest.raises(ValueError, match="manifestation"):
        A(4, 1.0, new_manifestations=bad)


def test_manifestations_accept_any_collection_and_become_a_frozenset():
    a = A(4, 1.0, new_manifestations=["fever", "fever"])
    assert a.new_manifestations == frozenset({"fever"})


# --------------------------------------------------------------------------- steroids (§2 "Steroid rules exactly")

@pytest.mark.parametrize("prev,cur,reasons", [
    (0.1, 0.2, ("prednisone_increase", "prednisone_doubled")),   # doubled at <= 0.5: still severe
    (0.2, 0.3, ("prednisone_increase",)),
    (0.4, 0.5, ("prednisone_increase",)),                         # to exactly 0.5: mild/moderate
    (0.4, 0.51, ("prednisone_gt0_5",)),                           # above 0.5: severe
    (0.3, 0.6, ("prednisone_gt0_5", "prednisone_doubled")),
    (0.6, 0.7, ("prednisone_gt0_5",)),                            # already above 0.5, increased again
    (0.7, 0.7, ()),                                               # > 0.5 but not increased
    (0.8, 0.6, ()),                                               # decreased
    (0.0, 0.1, ("prednisone_increase",)),                         # started: previous 0 cannot "double"
    (0.0, 0.6, ("prednisone_gt0_5",)),
    (0.0, 0.0, ()),
    (0.25, 0.5, ("prednisone_increase", "prednisone_doubled")),   # exactly 2x
    (0.26, 0.5, ("prednisone_increase",)),                        # just under 2x
])
def test_steroid_rules(prev, cur, reasons):
    r = fi(A(4, 1.0, prednisone_mg_per_kg_day=prev), A(4, 1.0, prednisone_mg_per_kg_day=cur))
    assert r.reasons == reasons
    expected = "none" if not reasons else ("mild_moderate" if reasons == ("prednisone_increase",) else "severe")
    assert r.level == expected


@pytest.mark.parametrize("prev,cur", [(None, 0.8), (0.1, None), (None, None)])
def test_unknown_dose_on_either_side_skips_the_steroid_part(prev, cur):
    r = fi(A(4, 1.0, prednisone_mg_per_kg_day=prev), A(4, 1.0, prednisone_mg_per_kg_day=cur))
    assert r == FlareResult("none", ())


@pytest.mark.parametrize("bad", [-0.1, 100.5, math.nan, math.inf, "0.5", True])
def test_bad_dose_raises(bad):
    with pytest.raises(ValueError, match="dose"):
        A(4, 1.0, prednisone_mg_per_kg_day=bad)


# --------------------------------------------------------------------------- drugs and hospitalisation

def test_nsaid_or_hcq_added_is_mild_moderate():
    assert fi(A(4, 1.0), A(4, 1.0, added_nsaid_or_hydroxychloroquine=True)) == \
        FlareResult("mild_moderate", ("nsaid_or_hcq_added",))


def test_new_immunosuppressant_is_severe():
    assert fi(A(4, 1.0), A(4, 1.0, new_immunosuppressant=True)) == FlareResult("severe", ("new_immunosuppressant",))


def test_hospitalisation_for_sle_is_severe():
    assert fi(A(4, 1.0), A(4, 1.0, hospitalised_for_sle=True)) == FlareResult("severe", ("hospitalised_for_sle",))


def test_flags_are_read_from_the_current_assessment_only():
    prev = A(4, 1.0, added_nsaid_or_hydroxychloroquine=True, new_immunosuppressant=True, hospitalised_for_sle=True)
    assert fi(prev, A(4, 1.0)) == FlareResult("none", ())


@pytest.mark.parametrize("field", ["added_nsaid_or_hydroxychloroquine", "new_immunosuppressant",
                                   "hospitalised_for_sle"])
@pytest.mark.parametrize("bad", [1, "yes", None])
def test_flags_must_be_booleans(field, bad):
    with pytest.raises(ValueError, match=field):
        A(4, 1.0, **{field: bad})


# --------------------------------------------------------------------------- combined, ordering, bad input

def test_severe_by_treatment_only_with_sledai_and_pga_unchanged():
    prev = A(10, 1.5, prednisone_mg_per_kg_day=0.2)
    cur = A(10, 1.5, prednisone_mg_per_kg_day=0.2, new_immunosuppressant=True)
    assert selena_flare(10, 10, 1.5, 1.5) == "none"
    assert fi(prev, cur) == FlareResult("severe", ("new_immunosuppressant",))


def test_every_part_together_reports_every_reason_in_the_stable_order():
    prev = A(10, 1.5, prednisone_mg_per_kg_day=0.3)
    cur = A(14, 2.6, prednisone_mg_per_kg_day=0.6, new_manifestations=frozenset({"nephritis", "discoid"}),
            added_nsaid_or_hydroxychloroquine=True, new_immunosuppressant=True, hospitalised_for_sle=True)
    r = fi(prev, cur)
    assert r.level == "severe"
    assert r.reasons == ("sledai_increase_to_gt12", "pga_increase_to_gt2_5", "new_manifestation:discoid",
                         "new_manifestation:nephritis", "prednisone_gt0_5", "prednisone_doubled",
                         "nsaid_or_hcq_added", "new_immunosuppressant", "hospitalised_for_sle")


def test_mild_parts_together_stay_mild():
    prev = A(4, 1.0, prednisone_mg_per_kg_day=0.3)
    cur = A(7, 2.0, prednisone_mg_per_kg_day=0.4, new_manifestations=frozenset({"arthritis"}),
            added_nsaid_or_hydroxychloroquine=True)
    assert fi(prev, cur) == FlareResult("mild_moderate", ("sledai_increase", "pga_increase",
                                                          "new_manifestation:arthritis", "prednisone_increase",
                                                          "nsaid_or_hcq_added"))


@pytest.mark.parametrize("kwargs,match", [
    (dict(sledai=106, pga=1.0), "between 0 and 105"),
    (dict(sledai=-1, pga=1.0), "between 0 and 105"),
    (dict(sledai=4.0, pga=1.0), "whole number"),
    (dict(sledai=True, pga=1.0), "whole number"),
    (dict(sledai=4, pga=3.1), "between 0.0 and 3.0"),
    (dict(sledai=4, pga=-0.1), "between 0.0 and 3.0"),
    (dict(sledai=4, pga=math.nan), "finite"),
    (dict(sledai=4, pga="1.0"), "number"),
])
def test_out_of_range_sledai_or_pga_raises(kwargs, match):
    with pytest.raises(ValueError, match=match):
        A(**kwargs)


def test_non_assessment_arguments_raise():
    with pytest.raises(ValueError, match="FlareAssessment"):
        selena_flare_index((4, 1.0), A(4, 1.0))
    with pytest.raises(ValueError, match="FlareAssessment"):
        selena_flare_index(A(4, 1.0), None)


def test_reason_catalogue_is_complete_and_labelled():
    assert set(outcomes.REASON_LABELS) == set(outcomes.REASONS)
    assert all(r == r.lower() and " " not in r for r in outcomes.REASONS)
    assert outcomes.flare_level([]) == "none"
    with pytest.raises(ValueError, match="reason"):
        outcomes.flare_level(["bogus"])


# --------------------------------------------------------------------------- properties

scores = st.integers(0, 105)
pgas = st.integers(0, 30).map(lambda t: t / 10)
doses = st.one_of(st.none(), st.integers(0, 300).map(lambda h: h / 100))
manifestations = st.frozensets(st.sampled_from(outcomes.MANIFESTATIONS), max_size=4)
assessments = st.builds(A, sledai=scores, pga=pgas, prednisone_mg_per_kg_day=doses,
                        new_manifestations=manifestations, added_nsaid_or_hydroxychloroquine=st.booleans(),
                        new_immunosuppressant=st.booleans(), hospitalised_for_sle=st.booleans())
ORDER = outcomes.FLARE_LEVELS.index


@settings(max_examples=300, deadline=None)
@given(assessments, assessments)
def test_property_level_is_the_max_over_the_parts(prev, cur):
    r = fi(prev, cur)
    assert r.level == outcomes.flare_level(r.reasons)
    base = A(prev.sledai, prev.pga)
    parts = [
        fi(base, A(cur.sledai, cur.pga)).level,  # SLEDAI/PGA parts
        selena_flare(prev.sledai, cur.sledai, prev.pga, cur.pga),
        fi(A(4, 1.0, prednisone_mg_per_kg_day=prev.prednisone_mg_per_kg_day),
           A(4, 1.0, prednisone_mg_per_kg_day=cur.prednisone_mg_per_kg_day)).level,
        *(outcomes.MANIFESTATION_LEVEL[m] for m in cur.new_manifestations),
        "mild_moderate" if cur.added_nsaid_or_hydroxychloroquine else "none",
        "severe" if cur.new_immunosuppressant or cur.hospitalised_for_sle else "none",
    ]
    assert parts[0] == parts[1]  # the index's SLEDAI/PGA parts are selena_flare
    assert ORDER(r.level) == max(ORDER(p) for p in parts)
    assert len(set(r.reasons)) == len(r.reasons)
    assert list(r.reasons) == sorted(r.reasons, key=outcomes.REASONS.index)


@settings(max_examples=300, deadline=None)
@given(assessments, assessments, st.sampled_from(outcomes.MANIFESTATIONS), st.booleans(), st.booleans())
def test_property_adding_findings_never_lowers_the_level(prev, cur, extra, imm, hosp):
    worse = dataclasses.replace(cur, new_manifestations=cur.new_manifestations | {extra},
                                new_immunosuppressant=cur.new_immunosuppressant or imm,
                                hospitalised_for_sle=cur.hospitalised_for_sle or hosp)
    assert ORDER(fi(prev, worse).level) >= ORDER(fi(prev, cur).level)
    assert set(fi(prev, cur).reasons) <= set(fi(prev, worse).reasons)


@settings(max_examples=300, deadline=None)
@given(assessments, st.integers(0, 105))
def test_property_higher_current_sledai_never_lowers_the_level(prev, higher):
    cur = A(prev.sledai, prev.pga)
    assume(higher >= cur.sledai)
    assert ORDER(fi(prev, dataclasses.replace(cur, sledai=higher)).level) >= ORDER(fi(prev, cur).level)


@settings(max_examples=300, deadline=None)
@given(assessments)
def test_property_nothing_new_is_no_flare(a):
    same = A(a.sledai, a.pga, prednisone_mg_per_kg_day=a.prednisone_mg_per_kg_day)
    assert fi(a, same) == FlareResult("none", ())
