"""SELENA-SLEDAI descriptors and scoring (clinical-reference §1)."""

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sle_desktop.domain import sledai

EXPECTED = [
    ("seizure", 8, "Seizure", "CNS"),
    ("psychosis", 8, "Psychosis", "CNS"),
    ("organic_brain_syndrome", 8, "Organic brain syndrome", "CNS"),
    ("visual_disturbance", 8, "Visual disturbance", "CNS"),
    ("cranial_nerve_disorder", 8, "Cranial nerve disorder", "CNS"),
    ("lupus_headache", 8, "Lupus headache", "CNS"),
    ("cva", 8, "CVA", "CNS"),
    ("vasculitis", 8, "Vasculitis", "Vascular"),
    ("arthritis", 4, "Arthritis", "Musculoskeletal"),
    ("myositis", 4, "Myositis", "Musculoskeletal"),
    ("urinary_casts", 4, "Urinary casts", "Renal"),
    ("hematuria", 4, "Haematuria", "Renal"),
    ("proteinuria", 4, "Proteinuria", "Renal"),
    ("pyuria", 4, "Pyuria", "Renal"),
    ("rash", 2, "Rash", "Mucocutaneous"),
    ("alopecia", 2, "Alopecia", "Mucocutaneous"),
    ("mucosal_ulcers", 2, "Mucosal ulcers", "Mucocutaneous"),
    ("pleurisy", 2, "Pleurisy", "Serosal"),
    ("pericarditis", 2, "Pericarditis", "Serosal"),
    ("low_complement", 2, "Low complement", "Immunological"),
    ("increased_dna_binding", 2, "Increased DNA binding", "Immunological"),
    ("fever", 1, "Fever", "Constitutional"),
    ("thrombocytopenia", 1, "Thrombocytopenia", "Haematological"),
    ("leukopenia", 1, "Leukopenia", "Haematological"),
]

codes_strategy = st.frozensets(st.sampled_from(sledai.CODES))


def test_descriptor_table_matches_reference_exactly():
    actual = [(d.code, d.weight, d.label, d.organ_system) for d in sledai.DESCRIPTORS]
    assert actual == EXPECTED
    assert len(sledai.DESCRIPTORS) == 24


def test_weight_distribution_and_maximum():
    assert Counter(d.weight for d in sledai.DESCRIPTORS) == {8: 8, 4: 6, 2: 7, 1: 3}
    assert sum(d.weight for d in sledai.DESCRIPTORS) == 105 == sledai.MAX_SCORE
    assert sledai.score(sledai.CODES) == 105


def test_definitions_present_and_key_thresholds_quoted():
    for d in sledai.DESCRIPTORS:
        assert d.definition.strip().endswith(".")
        assert len(d.definition) > 20
    assert "Recent onset" in sledai.BY_CODE["seizure"].definition
    assert ">5 RBC/high-power field" in sledai.BY_CODE["hematuria"].definition
    assert "more than 0.5 g/24 h" in sledai.BY_CODE["proteinuria"].definition
    assert "Platelets <100" in sledai.BY_CODE["thrombocytopenia"].definition
    assert "WBC <3" in sledai.BY_CODE["leukopenia"].definition
    assert ">38 °C" in sledai.BY_CODE["fever"].definition
    assert ">25% binding by Farr assay" in sledai.BY_CODE["increased_dna_binding"].definition


def test_lookup_tables():
    assert sledai.CODES == tuple(e[0] for e in EXPECTED)
    assert set(sledai.BY_CODE) == set(sledai.CODES)
    assert all(sledai.BY_CODE[c].code == c for c in sledai.CODES)
    assert sledai.RENAL_CODES == ("urinary_casts", "hematuria", "proteinuria", "pyuria")
    assert sledai.SEROLOGY_CODES == ("low_complement", "increased_dna_binding")
    assert sledai.ORGAN_SYSTEMS == (
        "CNS", "Vascular", "Musculoskeletal", "Renal", "Mucocutaneous", "Serosal",
        "Immunological", "Constitutional", "Haematological",
    )
    assert sledai.RENAL_MAX == 16


def test_descriptor_is_frozen():
    with pytest.raises(AttributeError):
        sledai.DESCRIPTORS[0].weight = 1  # type: ignore[misc]


def test_by_organ_system_groups_in_form_order():
    groups = sledai.by_organ_system()
    assert list(groups) == list(sledai.ORGAN_SYSTEMS)
    assert [d.code for g in groups.values() for d in g] == list(sledai.CODES)
    assert [d.code for d in groups["Renal"]] == list(sledai.RENAL_CODES)


@pytest.mark.parametrize("code,weight", [(e[0], e[1]) for e in EXPECTED])
def test_each_descriptor_alone_scores_its_weight(code, weight):
    assert sledai.score([code]) == weight
    assert sledai.score({code}) == weight
    assert sledai.score((code, code)) == weight  # duplicates count once
    expected_renal = weight if code in sledai.RENAL_CODES else 0
    assert sledai.renal_score([code]) == expected_renal
    expected_clinical = 0 if code in sledai.SEROLOGY_CODES else weight
    assert sledai.clinical_score([code]) == expected_clinical


def test_empty_scores_zero():
    assert sledai.score([]) == 0
    assert sledai.renal_score(set()) == 0
    assert sledai.clinical_score(()) == 0


def test_renal_sub_score():
    assert sledai.renal_score(sledai.RENAL_CODES) == 16
    assert sledai.renal_score(["hematuria", "proteinuria", "rash", "seizure"]) == 8
    assert sledai.score(["hematuria", "proteinuria", "rash", "seizure"]) == 18


def test_clinical_score_excludes_serology():
    codes = ["low_complement", "increased_dna_binding", "arthritis"]
    assert sledai.score(codes) == 8
    assert sledai.clinical_score(codes) == 4
    assert sledai.clinical_score(sledai.CODES) == 101


def test_duplicates_count_once():
    assert sledai.score(["rash", "rash", "rash", "fever"]) == 3


def test_generator_input_accepted():
    assert sledai.score(c for c in ["seizure", "fever"]) == 9


def test_unknown_code_error_names_the_code():
    with pytest.raises(ValueError, match=r"unknown SELENA-SLEDAI descriptor code\(s\): 'foo'"):
        sledai.score(["rash", "foo"])


def test_unknown_codes_all_named():
    with pytest.raises(ValueError) as exc:
        sledai.score(["bar", "rash", "foo", "Seizure"])
    message = str(exc.value)
    for bad in ("'bar'", "'foo'", "'Seizure'"):
        assert bad in message
    assert "'rash'" not in message


@pytest.mark.parametrize("fn", [sledai.score, sledai.renal_score, sledai.clinical_score,
                                sledai.validate_codes])
def test_every_entry_point_rejects_unknown_codes(fn):
    with pytest.raises(ValueError, match="'nephritis'"):
        fn(["nephritis"])


def test_non_string_code_rejected():
    with pytest.raises(ValueError, match="unknown"):
        sledai.score(["rash", 8])
    with pytest.raises(ValueError, match="None"):
        sledai.score([None])


def test_bare_string_is_rejected_not_iterated():
    with pytest.raises(ValueError, match="single string 'rash'"):
        sledai.score("rash")
    with pytest.raises(ValueError, match="single string"):
        sledai.validate_codes("seizure")


def test_non_iterable_rejected():
    with pytest.raises(ValueError, match="collection"):
        sledai.score(None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="collection"):
        sledai.score(5)  # type: ignore[arg-type]


def test_validate_codes_returns_frozenset():
    assert sledai.validate_codes(["rash", "rash", "fever"]) == frozenset({"rash", "fever"})
    assert isinstance(sledai.validate_codes([]), frozenset)


def test_descriptors_in_keeps_form_order():
    got = sledai.descriptors_in(["leukopenia", "seizure", "rash"])
    assert [d.code for d in got] == ["seizure", "rash", "leukopenia"]


@settings(max_examples=150, deadline=None)
@given(codes_strategy)
def test_property_score_in_range_and_sums_weights(codes):
    total = sledai.score(codes)
    assert 0 <= total <= 105
    assert total == sum(sledai.BY_CODE[c].weight for c in codes)
    assert 0 <= sledai.renal_score(codes) <= min(total, 16)
    assert sledai.clinical_score(codes) <= total


@settings(max_examples=150, deadline=None)
@given(codes_strategy, st.sampled_from(sledai.CODES))
def test_property_adding_a_code_never_lowers_the_score(codes, extra):
    assert sledai.score(codes | {extra}) >= sledai.score(codes)
    if extra not in codes:
        assert sledai.score(codes | {extra}) == sledai.score(codes) + sledai.BY_CODE[extra].weight


@settings(max_examples=150, deadline=None)
@given(codes_strategy, codes_strategy)
def test_property_subadditive_and_monotone(a, b):
    assert sledai.score(a | b) <= sledai.score(a) + sledai.score(b)
    assert sledai.score(a | b) >= max(sledai.score(a), sledai.score(b))
    assert sledai.score(a | b) == sledai.score(a) + sledai.score(b) - sledai.score(a & b)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(sledai.CODES), max_size=40))
def test_property_duplicates_irrelevant(codes):
    assert sledai.score(codes) == sledai.score(set(codes))
