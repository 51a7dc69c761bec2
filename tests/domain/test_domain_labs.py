"""Lab catalogue, plausibility checks and descriptor suggestions."""

import math

import pytest

from sle_desktop.domain import labs, sledai
from sle_desktop.domain.labs import LabPanel, Suggestion, suggest_descriptors


def codes(panel):
    return [s.code for s in suggest_descriptors(panel)]


def only(panel):
    got = suggest_descriptors(panel)
    assert len(got) == 1, got
    return got[0]


# --------------------------------------------------------------------------- catalogue


REQUIRED = {
    "platelets": "×10⁹/L", "wbc": "×10⁹/L", "lymphocytes": "×10⁹/L", "hemoglobin": "g/L",
    "temperature": "°C", "c3": "g/L", "c4": "g/L", "anti_dsdna": "IU/mL",
    "urine_rbc_hpf": "/HPF", "urine_wbc_hpf": "/HPF", "urine_casts": None,
    "protein_24h": "g/24 h", "upcr": "g/g", "creatinine": "µmol/L", "cpk": "U/L",
}


def test_catalogue_has_every_required_test_with_its_unit():
    for code, unit in REQUIRED.items():
        t = labs.BY_CODE[code]
        assert t.code == code
        if unit is not None:
            assert t.unit == unit
        assert t.plausible_min < t.plausible_max
        assert t.label
    assert len({t.code for t in labs.TESTS}) == len(labs.TESTS)


def test_panel_has_a_field_for_every_test():
    panel_fields = set(LabPanel.__dataclass_fields__)
    assert {t.code for t in labs.TESTS} <= panel_fields
    assert {"c3_lln", "c4_lln", "anti_dsdna_uln", "previous_protein_24h", "previous_upcr"} <= panel_fields
    assert all(v is None for v in LabPanel().__dict__.values())


def test_check_value_message_is_clinician_readable():
    with pytest.raises(ValueError) as exc:
        labs.check_value("platelets", 5000)
    assert str(exc.value) == "Platelets 5000 ×10⁹/L is outside the plausible range 0–2000"


@pytest.mark.parametrize(
    "code,bad",
    [
        ("platelets", -1), ("platelets", 2000.1), ("wbc", -0.1), ("temperature", 60),
        ("temperature", 20), ("hemoglobin", 5), ("hemoglobin", 400), ("c3", -0.1),
        ("c4", 6), ("anti_dsdna", -5), ("urine_rbc_hpf", -1), ("urine_wbc_hpf", 5000),
        ("protein_24h", -0.1), ("protein_24h", 80), ("upcr", -1), ("creatinine", 0),
        ("creatinine", 10000), ("cpk", -1), ("lymphocytes", 900),
    ],
)
def test_implausible_values_rejected(code, bad):
    with pytest.raises(ValueError, match="outside the plausible range"):
        labs.check_value(code, bad)


@pytest.mark.parametrize(
    "code,good",
    [
        ("platelets", 0), ("platelets", 2000), ("platelets", 250), ("wbc", 6.5),
        ("temperature", 36.6), ("temperature", 41.5), ("hemoglobin", 130), ("c3", 0.9),
        ("c4", 0.1), ("anti_dsdna", 350), ("urine_rbc_hpf", 0), ("protein_24h", 3.2),
        ("upcr", 0.5), ("creatinine", 80), ("cpk", 150), ("urine_casts", 0), ("urine_casts", 1),
    ],
)
def test_plausible_values_accepted(code, good):
    assert labs.check_value(code, good) is None


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf, True, "85", None])
def test_non_numbers_rejected(bad):
    with pytest.raises(ValueError, match="Platelets"):
        labs.check_value("platelets", bad)


def test_casts_must_be_zero_or_one():
    with pytest.raises(ValueError, match="0 \\(absent\\) or 1 \\(present\\)"):
        labs.check_value("urine_casts", 0.5)
    with pytest.raises(ValueError, match="0 \\(absent\\) or 1 \\(present\\)"):
        labs.check_value("urine_casts", 3)


def test_unknown_test_code():
    with pytest.raises(ValueError, match="unknown laboratory test code: 'sodium'"):
        labs.check_value("sodium", 140)
    with pytest.raises(ValueError, match="unknown laboratory test code"):
        labs.lab_test(None)  # type: ignore[arg-type]


def test_unit_conversion():
    assert labs.to_canonical("creatinine", 1.0, "mg/dL") == pytest.approx(88.4)
    assert labs.to_canonical("creatinine", 88.4, "µmol/L") == 88.4
    assert labs.to_canonical("hemoglobin", 12.5, "g/dL") == pytest.approx(125)
    assert labs.to_canonical("c3", 90, "mg/dL") == pytest.approx(0.9)
    assert labs.to_canonical("upcr", 113.12, "mg/mmol") == pytest.approx(1.0)
    assert labs.to_canonical("protein_24h", 500, "mg/24 h") == pytest.approx(0.5)
    with pytest.raises(ValueError, match="unit 'mmol/L' is not supported"):
        labs.to_canonical("creatinine", 1.0, "mmol/L")
    with pytest.raises(ValueError, match="outside the plausible range"):
        labs.to_canonical("hemoglobin", 125, "g/dL")  # 1250 g/L: entered in the wrong unit


def test_panel_problems_lists_every_bad_value():
    panel = LabPanel(platelets=-3, temperature=60, c3_lln=-1, wbc=5)
    problems = labs.panel_problems(panel)
    assert len(problems) == 3
    assert any(p.startswith("Platelets -3") for p in problems)
    assert any(p.startswith("Temperature 60 °C") for p in problems)
    assert any(p.startswith("c3_lln: C3 -1") for p in problems)
    assert labs.panel_problems(LabPanel(platelets=150)) == []
    with pytest.raises(ValueError, match="Platelets -3"):
        labs.check_panel(panel)


def test_suggest_rejects_implausible_panel():
    with pytest.raises(ValueError, match="Platelets -5"):
        suggest_descriptors(LabPanel(platelets=-5))


# --------------------------------------------------------------------------- suggestions


def test_empty_panel_suggests_nothing():
    assert suggest_descriptors(LabPanel()) == []


def test_normal_panel_suggests_nothing():
    panel = LabPanel(
        platelets=250, wbc=6, temperature=36.8, c3=1.1, c3_lln=0.9, c4=0.2, c4_lln=0.1,
        anti_dsdna=10, anti_dsdna_uln=100, urine_rbc_hpf=1, urine_wbc_hpf=2, urine_casts=0,
        protein_24h=0.1, previous_protein_24h=0.1, creatinine=70, cpk=100,
    )
    assert suggest_descriptors(panel) == []


def test_platelets_threshold_both_sides():
    assert only(LabPanel(platelets=85)) == Suggestion("thrombocytopenia", "Platelets 85 ×10⁹/L < 100")
    assert codes(LabPanel(platelets=99.9)) == ["thrombocytopenia"]
    assert codes(LabPanel(platelets=100)) == []
    assert codes(LabPanel(platelets=100.1)) == []


def test_wbc_threshold_both_sides():
    assert only(LabPanel(wbc=2.9)) == Suggestion("leukopenia", "WBC 2.9 ×10⁹/L < 3")
    assert codes(LabPanel(wbc=3.0)) == []
    assert codes(LabPanel(wbc=3.1)) == []


def test_fever_threshold_both_sides():
    assert only(LabPanel(temperature=38.1)) == Suggestion("fever", "Temperature 38.1 °C > 38.0")
    assert codes(LabPanel(temperature=38.0)) == []
    assert codes(LabPanel(temperature=37.9)) == []


def test_c3_against_lab_lln_both_sides():
    s = only(LabPanel(c3=0.89, c3_lln=0.9))
    assert s.code == "low_complement"
    assert "C3 0.89 g/L" in s.reason and "0.9" in s.reason
    assert codes(LabPanel(c3=0.9, c3_lln=0.9)) == []
    assert codes(LabPanel(c3=0.91, c3_lln=0.9)) == []


def test_c4_against_lab_lln_both_sides():
    s = only(LabPanel(c4=0.09, c4_lln=0.1))
    assert s.code == "low_complement" and "C4 0.09 g/L" in s.reason
    assert codes(LabPanel(c4=0.1, c4_lln=0.1)) == []


def test_complement_without_lln_is_not_judged():
    assert codes(LabPanel(c3=0.1)) == []
    assert codes(LabPanel(c4=0.01)) == []
    assert codes(LabPanel(c3_lln=0.9, c4=0.01)) == []


def test_both_complements_low_give_one_suggestion_naming_both():
    s = only(LabPanel(c3=0.5, c3_lln=0.9, c4=0.05, c4_lln=0.1))
    assert s.code == "low_complement"
    assert "C3 0.5" in s.reason and "C4 0.05" in s.reason


def test_anti_dsdna_against_uln_both_sides():
    s = only(LabPanel(anti_dsdna=101, anti_dsdna_uln=100))
    assert s == Suggestion(
        "increased_dna_binding", "Anti-dsDNA 101 IU/mL > upper limit of normal 100"
    )
    assert codes(LabPanel(anti_dsdna=100, anti_dsdna_uln=100)) == []
    assert codes(LabPanel(anti_dsdna=99, anti_dsdna_uln=100)) == []
    assert codes(LabPanel(anti_dsdna=5000)) == []  # no ULN: not judged


def test_hematuria_threshold_both_sides():
    assert only(LabPanel(urine_rbc_hpf=6)) == Suggestion("hematuria", "Urine RBC 6/HPF > 5")
    assert codes(LabPanel(urine_rbc_hpf=5.5)) == ["hematuria"]
    assert codes(LabPanel(urine_rbc_hpf=5)) == []


def test_pyuria_threshold_both_sides():
    assert only(LabPanel(urine_wbc_hpf=6)) == Suggestion("pyuria", "Urine WBC 6/HPF > 5")
    assert codes(LabPanel(urine_wbc_hpf=5)) == []


def test_casts_present_or_absent():
    assert codes(LabPanel(urine_casts=1)) == ["urinary_casts"]
    assert "casts" in only(LabPanel(urine_casts=1)).reason
    assert codes(LabPanel(urine_casts=0)) == []


def test_proteinuria_new_onset_both_sides():
    s = only(LabPanel(protein_24h=0.6))
    assert s.code == "proteinuria"
    assert s.reason == "New onset: 24 h urine protein 0.6 g/24 h > 0.5 (no previous value)"
    assert codes(LabPanel(protein_24h=0.5)) == []
    assert codes(LabPanel(protein_24h=0.51)) == ["proteinuria"]


def test_proteinuria_recent_increase_both_sides():
    s = only(LabPanel(protein_24h=1.7, previous_protein_24h=1.0))
    assert s.reason == (
        "Recent increase: 24 h urine protein 1.7 g/24 h, up 0.7 from 1 (> 0.5)"
    )
    assert codes(LabPanel(protein_24h=1.1, previous_protein_24h=0.6)) == []  # +0.5 from abnormal: not > 0.5
    # new onset: from a normal value (≤ 0.5) to above 0.5, whatever the size of the rise
    assert only(LabPanel(protein_24h=0.6, previous_protein_24h=0.2)).reason == (
        "New onset: 24 h urine protein 0.6 g/24 h > 0.5 (previously 0.2)")
    assert codes(LabPanel(protein_24h=1.0, previous_protein_24h=0.5)) == ["proteinuria"]
    assert codes(LabPanel(protein_24h=0.5, previous_protein_24h=0.2)) == []  # 0.5 is not > 0.5
    assert codes(LabPanel(protein_24h=1.01, previous_protein_24h=0.5)) == ["proteinuria"]
    assert codes(LabPanel(protein_24h=3.0, previous_protein_24h=3.2)) == []  # decrease
    assert codes(LabPanel(protein_24h=3.0, previous_protein_24h=2.6)) == []  # high but stable


def test_proteinuria_rise_exactly_half_is_not_a_float_artefact():
    # 1.1 - 0.6 == 0.5000000000000001 in binary floating point
    assert codes(LabPanel(protein_24h=1.1, previous_protein_24h=0.6)) == []
    assert codes(LabPanel(upcr=1.1, previous_upcr=0.6)) == []


def test_upcr_is_the_surrogate_when_24h_protein_absent():
    s = only(LabPanel(upcr=0.8))
    assert s.code == "proteinuria" and "UPCR 0.8 g/g" in s.reason and "New onset" in s.reason
    assert codes(LabPanel(upcr=0.5)) == []
    assert codes(LabPanel(upcr=1.6, previous_upcr=1.0)) == ["proteinuria"]
    assert codes(LabPanel(upcr=1.5, previous_upcr=1.0)) == []
    assert "UPCR 1.6 g/g, up 0.6 from 1" in only(LabPanel(upcr=1.6, previous_upcr=1.0)).reason


def test_24h_protein_takes_precedence_over_upcr():
    # 24 h protein stable -> no suggestion even though the UPCR rose.
    assert codes(LabPanel(protein_24h=1.0, previous_protein_24h=0.9, upcr=2.0, previous_upcr=0.5)) == []
    s = only(LabPanel(protein_24h=2.0, previous_protein_24h=0.9, upcr=0.1))
    assert "24 h urine protein" in s.reason


def test_full_panel_in_descriptor_order():
    panel = LabPanel(
        platelets=85, wbc=2.5, temperature=38.5, c3=0.5, c3_lln=0.9, anti_dsdna=200,
        anti_dsdna_uln=100, urine_rbc_hpf=10, urine_wbc_hpf=8, urine_casts=1,
        protein_24h=1.2, previous_protein_24h=0.5,
    )
    got = codes(panel)
    assert got == [
        "urinary_casts", "hematuria", "proteinuria", "pyuria", "low_complement",
        "increased_dna_binding", "fever", "thrombocytopenia", "leukopenia",
    ]
    assert got == [c for c in sledai.CODES if c in got]
    assert all(isinstance(s, Suggestion) and s.reason for s in suggest_descriptors(panel))
