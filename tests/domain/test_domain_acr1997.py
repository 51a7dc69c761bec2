"""ACR 1997 classification criteria."""

import pytest

from sle_desktop.domain import acr1997


def test_criteria_codes_in_contract_order():
    assert acr1997.CRITERIA == (
        "malar_rash", "discoid_rash", "photosensitivity", "oral_ulcers", "arthritis",
        "serositis", "renal_disorder", "neurologic_disorder", "hematologic_disorder",
        "immunologic_disorder", "antinuclear_antibody",
    )
    assert acr1997.MIN_CRITERIA == 4


def test_labels_and_definitions_cover_every_criterion():
    assert list(acr1997.LABELS) == list(acr1997.CRITERIA)
    assert list(acr1997.DEFINITIONS) == list(acr1997.CRITERIA)
    assert all(acr1997.LABELS[c] and acr1997.DEFINITIONS[c] for c in acr1997.CRITERIA)
    assert "0.5 g/day" in acr1997.DEFINITIONS["renal_disorder"]
    assert "< 100 ×10⁹/L" in acr1997.DEFINITIONS["hematologic_disorder"]
    assert "Pleuritis or pericarditis" in acr1997.DEFINITIONS["serositis"]


@pytest.mark.parametrize("n", range(0, 12))
def test_count_and_classification(n):
    chosen = acr1997.CRITERIA[:n]
    assert acr1997.count(chosen) == n
    assert acr1997.meets_classification(chosen) is (n >= 4)


def test_duplicates_count_once():
    assert acr1997.count(["malar_rash"] * 5) == 1
    assert not acr1997.meets_classification(["malar_rash", "malar_rash", "arthritis", "arthritis"])


def test_unknown_codes_named():
    with pytest.raises(ValueError, match=r"unknown ACR 1997 criterion code\(s\): 'lupus', 'rash'"):
        acr1997.validate(["rash", "malar_rash", "lupus"])


def test_bare_string_and_non_iterable_rejected():
    with pytest.raises(ValueError, match="single string"):
        acr1997.count("arthritis")
    with pytest.raises(ValueError, match="collection"):
        acr1997.count(None)  # type: ignore[arg-type]


def test_validate_returns_frozenset():
    assert acr1997.validate(["arthritis", "serositis"]) == frozenset({"arthritis", "serositis"})
