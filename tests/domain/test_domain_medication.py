"""Coded concomitant medication, prednisone equivalence, mg/kg/day and flare suggestions (pure)."""

from datetime import date

import pytest

from sle_desktop.domain import flare_inputs, medication, study
from sle_desktop.domain.medication import Medication

D0, D1 = date(2026, 3, 1), date(2026, 4, 1)


def steroid(agent, dose, freq="once_daily", start=date(2026, 1, 1), stop=None, unit="mg"):
    return Medication("corticosteroid", agent, dose, unit, freq, start, stop)


@pytest.mark.parametrize("agent,factor", [("prednisone", 1.0), ("prednisolone", 1.0), ("methylprednisolone", 1.25),
                                          ("dexamethasone", 5 / 0.75), ("hydrocortisone", 0.25)])
def test_prednisone_factors(agent, factor):
    assert medication.prednisone_factor(agent) == pytest.approx(factor)


def test_equivalent_doses_are_equal():
    # 4 mg methylprednisolone = 0.75 mg dexamethasone = 20 mg hydrocortisone = 5 mg prednisone
    for med in (steroid("methylprednisolone", 4), steroid("dexamethasone", 0.75), steroid("hydrocortisone", 20),
                steroid("prednisolone", 5)):
        assert medication.prednisone_mg_per_day([med], D1) == pytest.approx(5.0)


def test_mg_per_kg_day_sums_active_steroids_and_uses_frequency():
    meds = [steroid("prednisolone", 10, "twice_daily"), steroid("methylprednisolone", 8),
            steroid("prednisone", 50, stop=date(2026, 2, 1)),        # stopped: not counted
            Medication("hydroxychloroquine", None, 200, "mg", "once_daily", date(2026, 1, 1))]
    assert medication.prednisone_mg_per_day(meds, D1) == pytest.approx(30.0)
    assert medication.prednisone_mg_per_kg_day(meds, D1, 60) == 0.5  # exactly, at the 0.5 boundary


def test_alternate_days_halves_the_daily_dose():
    assert medication.prednisone_mg_per_day([steroid("prednisone", 20, "alternate_days")], D1) == 10.0


def test_no_steroid_is_zero_and_unknowns_make_the_dose_unknown():
    assert medication.prednisone_mg_per_kg_day([], D1, 70) == 0.0
    assert medication.prednisone_mg_per_kg_day([steroid("prednisone", 10)], D1, None) is None
    for bad in (steroid("prednisone", None), steroid("prednisone", 10, freq=None), steroid("prednisone", 10, unit="g"),
                Medication("corticosteroid", None, 10, "mg", "once_daily", D0)):
        assert medication.prednisone_mg_per_kg_day([bad], D1, 70) is None


def test_start_and_stop_dates():
    m = steroid("prednisone", 10, start=D0, stop=D1)
    assert m.active_on(D0) and m.active_on(D1) and not m.active_on(date(2026, 2, 28))
    assert not m.active_on(date(2026, 4, 2))
    assert Medication("nsaid").active_on(D0)  # no dates: taken


@pytest.mark.parametrize("bad", [10, 19.9, 301, float("nan"), "70", None])
def test_bad_weight(bad):
    with pytest.raises(ValueError, match="weight"):
        medication.check_weight(bad)


def test_codes_are_checked():
    assert medication.check_drug_class("mycophenolate") == "mycophenolate"
    with pytest.raises(ValueError, match="drug class"):
        medication.check_drug_class("steroids")
    with pytest.raises(ValueError, match="corticosteroid"):
        medication.check_steroid("betamethasone")


def test_newly_started_needs_a_start_in_the_interval_and_not_taken_before():
    cyc = Medication("cyclophosphamide", None, 500, "mg", None, date(2026, 3, 15), date(2026, 3, 15))
    assert medication.newly_started([cyc], medication.IMMUNOSUPPRESSANTS, D0, D1) == ("cyclophosphamide",)
    old_mmf = Medication("mycophenolate", None, 1000, "mg", "twice_daily", date(2026, 1, 1), date(2026, 3, 10))
    new_mmf = Medication("mycophenolate", None, 1500, "mg", "twice_daily", date(2026, 3, 11))
    assert medication.newly_started([old_mmf, new_mmf], medication.IMMUNOSUPPRESSANTS, D0, D1) == ()  # dose change
    assert medication.newly_started([Medication("azathioprine")], medication.IMMUNOSUPPRESSANTS, D0, D1) == ()
    later = Medication("methotrexate", start_date=date(2026, 4, 2))
    assert medication.newly_started([later], medication.IMMUNOSUPPRESSANTS, D0, D1) == ()


def test_equivalence_table_validation():
    assert medication.check_equivalence(medication.DEFAULT_EQUIVALENCE) == medication.DEFAULT_EQUIVALENCE
    for table, match in (({**medication.DEFAULT_EQUIVALENCE, "betamethasone": 0.6}, "betamethasone"),
                         ({"prednisone": 5}, "missing"),
                         ({**medication.DEFAULT_EQUIVALENCE, "dexamethasone": 0}, "dexamethasone"),
                         ({**medication.DEFAULT_EQUIVALENCE, "prednisone": 4}, "reference")):
        with pytest.raises(ValueError, match=match):
            medication.check_equivalence(table)


def test_custom_equivalence_changes_the_dose():
    table = {**medication.DEFAULT_EQUIVALENCE, "dexamethasone": 0.5}
    assert medication.prednisone_mg_per_day([steroid("dexamethasone", 1)], D1, table) == 10.0


# --------------------------------------------------------------------------- study definition

def _study_text(extra: str) -> str:
    from pathlib import Path
    text = (Path(__file__).resolve().parents[2] / "resources" / "study" / "sle-msc.toml").read_text("utf-8")
    start = text.index("[prednisone_equivalence]")
    end = text.index("[[sites]]")
    return text[:start] + extra + "\n" + text[end:]


def test_study_definition_carries_the_equivalence_table():
    s = study.parse_toml(_study_text("[prednisone_equivalence]\nprednisone = 5\nprednisolone = 5\n"
                                     "methylprednisolone = 4\ndexamethasone = 0.5\nhydrocortisone = 20\n"))
    assert s.equivalence["dexamethasone"] == 0.5
    assert study.parse_toml(_study_text("")).equivalence == medication.DEFAULT_EQUIVALENCE  # optional


@pytest.mark.parametrize("table,match", [
    ("[prednisone_equivalence]\nprednisone = 5\n", "prednisone_equivalence: missing"),
    ("[prednisone_equivalence]\nprednisone = 5\nprednisolone = 5\nmethylprednisolone = 4\ndexamethasone = -1\n"
     "hydrocortisone = 20\n", "prednisone_equivalence: dexamethasone"),
    ("prednisone_equivalence = 3\n", "prednisone_equivalence: must be a table"),
])
def test_study_definition_refuses_a_bad_table(table, match):
    text = table + _study_text("") if not table.startswith("[") else _study_text(table)  # a bare key goes on top
    with pytest.raises(study.StudyDefinitionError, match=match):
        study.parse_toml(text)


# --------------------------------------------------------------------------- suggestions

def items(**kw):
    kw.setdefault("codes", ())
    kw.setdefault("previous_codes", ())
    return [s.item for s in flare_inputs.suggest(**kw)]


def test_sledai_descriptors_newly_present():
    assert items(previous_codes={"hematuria"}, codes={"hematuria", "proteinuria", "seizure", "arthritis", "rash"}) == \
        ["arthritis", "cns_lupus", "nephritis"]
    assert items(previous_codes={"pleurisy", "fever"}, codes={"pleurisy", "fever"}) == []
    assert items(previous_codes=None, codes={"seizure"}) == []  # a first assessment has nothing "new"
    assert items(previous_codes=(), codes={"mucosal_ulcers", "pleurisy", "pericarditis", "fever", "vasculitis",
                                           "myositis"}) == ["nasopharyngeal_ulcers", "pleuritis", "pericarditis",
                                                            "fever", "vasculitis", "myositis"]


@pytest.mark.parametrize("prev,cur,expected", [(80, 59, True), (60, 59.9, True), (80, 60, False), (55, 50, False),
                                               (None, 40, True), (None, 60, False)])
def test_platelets_crossing_60(prev, cur, expected):
    assert (items(previous_platelets=prev, platelets=cur) == ["thrombocytopenia_lt60"]) is expected


@pytest.mark.parametrize("prev,cur,expected", [(120, 89, True), (120, 90, False), (None, 69, True), (None, 70, False),
                                               (75, 69.5, True)])
def test_haemoglobin_fall_or_low(prev, cur, expected):
    assert (items(previous_hemoglobin=prev, hemoglobin=cur) == ["hemolytic_anemia"]) is expected


def test_drug_and_hospitalisation_suggestions():
    meds = [Medication("cyclophosphamide", start_date=date(2026, 3, 20)),
            Medication("hydroxychloroquine", start_date=date(2026, 3, 5))]
    got = flare_inputs.suggest(previous_codes=(), codes=(), meds=meds, previous_date=D0, on=D1,
                               sle_hospitalisations=["Lupus nephritis flare"])
    assert [s.item for s in got] == ["added_nsaid_or_hydroxychloroquine", "new_immunosuppressant",
                                     "hospitalised_for_sle"]
    assert "Cyclophosphamide" in got[1].reason and "Lupus nephritis flare" in got[2].reason
    assert items(meds=meds) == []  # without the dates nothing is "since the previous assessment"


def test_suggest_rejects_unknown_codes_and_items():
    with pytest.raises(ValueError, match="bogus"):
        flare_inputs.suggest(previous_codes=(), codes={"bogus"})
    with pytest.raises(ValueError, match="bogus"):
        flare_inputs.check_items({"bogus"})
    assert flare_inputs.check_items({"fever", "new_immunosuppressant"}) == {"fever", "new_immunosuppressant"}
