"""SELENA Flare Index at the site: what is recorded, what is suggested from each source, what is saved."""

from datetime import UTC, date, datetime

import pytest
from testkit import TODAY

from sle_desktop.app import flare_preview, safety, subjects, trends, visits
from sle_desktop.app.errors import ValidationError

M1 = date(2026, 2, 19)


def _baseline(session, uuid):
    return session.store.scalar("SELECT uuid FROM visits WHERE subject_uuid = ? AND visit_code = 'baseline'", (uuid,))


def _steroid(session, uuid, dose, agent="prednisolone", start=date(2025, 6, 1), stop=None, freq="once_daily"):
    return visits.add_con_med(session, uuid, drug=agent.title(), drug_class="corticosteroid", steroid=agent, dose=dose,
                              dose_unit="mg", frequency_code=freq, start_date=start, stop_date=stop, today=TODAY)


@pytest.fixture
def with_baseline(enrolled):
    """Baseline SLEDAI 8, PGA 1.5 at 60 kg on prednisolone 15 mg/day (0.25 mg/kg/day)."""
    session, uuid, _ = enrolled
    visits.set_visit_weight(session, _baseline(session, uuid), 60.0)
    _steroid(session, uuid, 15, stop=date(2026, 2, 1))
    saved = visits.save_sledai(session, _baseline(session, uuid), {"proteinuria", "hematuria"}, 1.5)
    assert saved.prednisone_mg_per_kg_day == 0.25 and saved.flare_index is None  # first assessment
    return session, uuid


def _month1(session, uuid, **kw):
    return visits.record_visit(session, uuid, "month_1", M1, today=TODAY, **kw).uuid


def _items(session, visit, codes=None):
    return [s.item for s in flare_preview.flare_suggestions(session, visit, codes).suggestions]


# --------------------------------------------------------------------------- suggestions, one per source

def test_suggested_from_sledai_descriptors_newly_present(with_baseline):
    session, uuid = with_baseline
    v = _month1(session, uuid)
    assert _items(session, v, {"proteinuria", "hematuria", "seizure", "pleurisy"}) == ["pleuritis", "cns_lupus"]
    assert _items(session, v, {"proteinuria", "hematuria"}) == []  # nothing new


def test_suggested_from_platelets_crossing_60(with_baseline):
    session, uuid = with_baseline
    visits.save_labs(session, _baseline(session, uuid), date(2026, 1, 20), {"platelets": visits.LabEntry(150)},
                     today=TODAY)
    v = _month1(session, uuid)
    visits.save_labs(session, v, M1, {"platelets": visits.LabEntry(55)}, today=TODAY)
    got = flare_preview.flare_suggestions(session, v).suggestions
    assert [s.item for s in got] == ["thrombocytopenia_lt60"] and "150 → 55" in got[0].reason


def test_suggested_from_a_haemoglobin_fall(with_baseline):
    session, uuid = with_baseline
    visits.save_labs(session, _baseline(session, uuid), date(2026, 1, 20), {"hemoglobin": visits.LabEntry(125)},
                     today=TODAY)
    v = _month1(session, uuid)
    visits.save_labs(session, v, M1, {"hemoglobin": visits.LabEntry(9.0, "g/dL")}, today=TODAY)  # 90 g/L: fall 35
    assert _items(session, v) == ["hemolytic_anemia"]


def test_suggested_from_a_new_immunosuppressant_and_hcq_in_the_con_meds(with_baseline):
    session, uuid = with_baseline
    visits.add_con_med(session, uuid, drug="Cyclophosphamide", drug_class="cyclophosphamide", dose=500, dose_unit="mg",
                       start_date=date(2026, 2, 10), stop_date=date(2026, 2, 10), today=TODAY)
    visits.add_con_med(session, uuid, drug="Plaquenil", drug_class="hydroxychloroquine", dose=200, dose_unit="mg",
                       start_date=date(2026, 2, 5), today=TODAY)
    v = _month1(session, uuid)
    assert _items(session, v) == ["added_nsaid_or_hydroxychloroquine", "new_immunosuppressant"]


def test_suggested_from_an_sae_hospitalisation_for_sle(with_baseline):
    session, uuid = with_baseline
    form = safety.AdverseEventForm(term="Lupus nephritis flare", onset_date=date(2026, 2, 3), grade=3, serious=True,
                                   serious_criteria=("hospitalisation",), relationship="unrelated",
                                   outcome="recovering", hospitalised_for_sle=True,
                                   aware_at=datetime(2026, 2, 3, 9, tzinfo=UTC))
    safety.record_adverse_event(session, uuid, form, today=TODAY)
    v = _month1(session, uuid)
    got = flare_preview.flare_suggestions(session, v).suggestions
    assert [s.item for s in got] == ["hospitalised_for_sle"] and "Lupus nephritis flare" in got[0].reason


def test_sae_hospitalisation_for_sle_must_be_a_serious_hospitalisation(enrolled):
    session, uuid, _ = enrolled
    form = safety.AdverseEventForm(term="Flare", onset_date=date(2026, 2, 3), grade=2, relationship="unrelated",
                                   outcome="recovering", hospitalised_for_sle=True)
    with pytest.raises(ValidationError, match="criterion 'hospitalisation'"):
        safety.record_adverse_event(session, uuid, form, today=TODAY)
    assert session.store.scalar("SELECT count(*) FROM adverse_events") == 0


def test_steroid_dose_is_computed_from_con_meds_and_weight_and_gives_the_steroid_part(with_baseline):
    session, uuid = with_baseline
    _steroid(session, uuid, 24, agent="methylprednisolone", start=date(2026, 2, 2))  # 30 mg prednisone
    v = _month1(session, uuid)  # no weight measured: the baseline one (60 kg) applies
    dose = flare_preview.flare_suggestions(session, v).dose
    assert (dose.mg_per_day, dose.weight.kg, dose.weight.source, dose.mg_per_kg_day) == (30.0, 60.0, "earlier_visit",
                                                                                          0.5)
    result = visits.save_sledai(session, v, {"proteinuria", "hematuria"}, 1.5)
    # 0.25 -> 0.5: increased but not > 0.5 (mild/moderate), and doubled (severe)
    assert result.flare == "none"
    assert (result.flare_index, result.flare_reasons) == ("severe", ("prednisone_increase", "prednisone_doubled"))


def test_weight_measured_at_the_visit_wins(with_baseline):
    session, uuid = with_baseline
    _steroid(session, uuid, 40, start=date(2026, 2, 2))
    v = _month1(session, uuid, weight_kg=80.0)
    dose = flare_preview.flare_suggestions(session, v).dose
    assert (dose.weight.kg, dose.weight.source, dose.mg_per_kg_day) == (80.0, "this_visit", 0.5)


def test_no_weight_on_record_makes_the_dose_unknown_and_skips_the_steroid_part(enrolled):
    session, uuid, _ = enrolled
    _steroid(session, uuid, 10)
    base = visits.save_sledai(session, _baseline(session, uuid), set(), 1.0)
    assert base.prednisone_mg_per_kg_day is None
    assert visits.steroid_dose(session, _baseline(session, uuid)).why == "no body weight on record"
    _steroid(session, uuid, 60, start=date(2026, 2, 1))
    v = _month1(session, uuid, weight_kg=50.0)  # 70 mg at 50 kg = 1.4 mg/kg/day, previous unknown
    result = visits.save_sledai(session, v, set(), 1.0)
    assert result.prednisone_mg_per_kg_day == 1.4 and (result.flare_index, result.flare_reasons) == ("none", ())


def test_weight_from_an_infusion(enrolled):
    session, uuid, _ = enrolled
    from datetime import time

    safety.record_infusion(session, uuid, safety.InfusionForm(
        infusion_date=date(2026, 1, 20), start_time=time(10), end_time=time(11), lot_number="L1",
        cells_per_kg_million=1.0, total_cells=72e6, viability_pct=95, volume_ml=100, weight_kg=72,
        administered_by="nurse"), today=TODAY)
    w = visits.weight_on(session, uuid, M1)
    assert (w.kg, w.source, w.measured_on) == (72, "infusion", date(2026, 1, 20))


@pytest.mark.parametrize("weight", [10, 301, "70", float("nan")])
def test_bad_weight_refused_and_nothing_written(enrolled, weight):
    session, uuid, _ = enrolled
    before = session.store.scalar("SELECT count(*) FROM visits")
    with pytest.raises(ValidationError, match="Body weight"):
        _month1(session, uuid, weight_kg=weight)
    assert session.store.scalar("SELECT count(*) FROM visits") == before


# --------------------------------------------------------------------------- saving

def test_severe_flare_by_treatment_only(with_baseline):
    session, uuid = with_baseline
    visits.add_con_med(session, uuid, drug="Endoxan", drug_class="cyclophosphamide", dose=750, dose_unit="mg",
                       start_date=date(2026, 2, 12), today=TODAY)
    v = _month1(session, uuid)
    assert _items(session, v) == ["new_immunosuppressant"]
    result = visits.save_sledai(session, v, {"proteinuria", "hematuria"}, 1.5,
                                flare=visits.FlareInputs(new_immunosuppressant=True,
                                                         suggested=frozenset({"new_immunosuppressant"})))
    assert result.flare == "none"  # SLEDAI/PGA parts unchanged
    assert (result.flare_index, result.flare_reasons) == ("severe", ("new_immunosuppressant",))
    row = session.store.query_one("SELECT * FROM sledai_assessments WHERE visit_uuid = ?", (v,))
    assert (row["flare"], row["flare_index"], row["flare_index_complete"], row["new_immunosuppressant"],
            row["flare_sources"]) == ("none", "severe", 1, 1, '{"new_immunosuppressant":"suggested"}')
    saved = visits.get_sledai(session, v)
    assert saved.flare_index_reasons == ("new_immunosuppressant",) and saved.flare_index_complete is True
    assert saved.flare_inputs.new_immunosuppressant and saved.flare_inputs.suggested == {"new_immunosuppressant"}
    listed = {s.uuid: s for s in subjects.list_subjects(session, today=TODAY)}[uuid]
    assert (listed.last_flare, listed.last_flare_complete) == ("severe", True)
    t = trends.patient_trends(session, uuid)
    assert t.flare == [None, "none"] and t.flare_index == [None, "severe"]
    assert t.flare_reasons[1] == ("new_immunosuppressant",) and t.flare_complete == [True, True]
    assert t.flare_shown == [None, "severe"]
    v_row = [r for r in visits.list_visits(session, uuid) if r.uuid == v][0]
    assert v_row.flare_index == "severe"


def test_manifestations_saved_and_corrected_with_a_reason(with_baseline):
    session, uuid = with_baseline
    v = _month1(session, uuid)
    r = visits.save_sledai(session, v, {"proteinuria", "hematuria"}, 1.5,
                           flare=visits.FlareInputs(new_manifestations=frozenset({"discoid"})))
    assert (r.flare_index, r.flare_reasons) == ("mild_moderate", ("new_manifestation:discoid",))
    r = visits.save_sledai(session, v, {"proteinuria", "hematuria"}, 1.5, reason="source: no discoid rash",
                           flare=visits.FlareInputs())
    assert (r.flare_index, r.flare_reasons) == ("none", ())
    assert set(r.changed_fields) >= {"flare_manifestations", "flare_index", "flare_index_reasons"}


@pytest.mark.parametrize("flare,match", [
    (visits.FlareInputs(new_manifestations=frozenset({"rash"})), "manifestation"),
    (visits.FlareInputs(suggested=frozenset({"bogus"})), "bogus"),
    (visits.FlareInputs(hospitalised_for_sle=1), "yes or no"),
])
def test_bad_flare_inputs_refused_and_nothing_written(with_baseline, flare, match):
    session, uuid = with_baseline
    v = _month1(session, uuid)
    with pytest.raises(ValidationError, match=match):
        visits.save_sledai(session, v, set(), 1.0, flare=flare)
    assert session.store.scalar("SELECT count(*) FROM sledai_assessments WHERE visit_uuid = ?", (v,)) == 0


@pytest.mark.parametrize("pga", [2.55, 1.25, 0.05])
def test_pga_not_to_one_decimal_refused_with_a_clear_message(with_baseline, pga):
    session, uuid = with_baseline
    v = _month1(session, uuid)
    with pytest.raises(ValidationError) as err:
        visits.save_sledai(session, v, set(), pga)
    assert "more than one decimal place" in err.value.errors["pga"]
    assert str(pga) in err.value.errors["pga"]
    assert session.store.scalar("SELECT count(*) FROM sledai_assessments WHERE visit_uuid = ?", (v,)) == 0


# --------------------------------------------------------------------------- coded con-meds

@pytest.mark.parametrize("kwargs,field", [
    (dict(drug="Medrol"), "drug_class"),
    (dict(drug="Medrol", drug_class="steroid"), "drug_class"),
    (dict(drug="Medrol", drug_class="corticosteroid", dose=8, dose_unit="mg", frequency_code="once_daily"), "steroid"),
    (dict(drug="Medrol", drug_class="corticosteroid", steroid="betamethasone", dose=8, dose_unit="mg",
          frequency_code="once_daily"), "steroid"),
    (dict(drug="Medrol", drug_class="corticosteroid", steroid="methylprednisolone", dose_unit="mg",
          frequency_code="once_daily"), "dose"),
    (dict(drug="Medrol", drug_class="corticosteroid", steroid="methylprednisolone", dose=8, dose_unit="g",
          frequency_code="once_daily"), "dose_unit"),
    (dict(drug="Medrol", drug_class="corticosteroid", steroid="methylprednisolone", dose=8, dose_unit="mg"),
     "frequency_code"),
    (dict(drug="Medrol", drug_class="corticosteroid", steroid="methylprednisolone", dose=8, dose_unit="mg",
          frequency_code="hourly"), "frequency_code"),
    (dict(drug="Aspirin", drug_class="nsaid", steroid="prednisone"), "steroid"),
])
def test_con_med_coding_checked_and_nothing_written(enrolled, kwargs, field):
    session, uuid, _ = enrolled
    with pytest.raises(ValidationError) as err:
        visits.add_con_med(session, uuid, today=TODAY, **kwargs)
    assert field in err.value.errors
    assert session.store.scalar("SELECT count(*) FROM con_meds") == 0


def test_coded_con_med_saved(enrolled):
    session, uuid, _ = enrolled
    _steroid(session, uuid, 4, agent="dexamethasone", freq="twice_daily")
    med = visits.list_con_meds(session, uuid)[0]
    assert (med.drug_class, med.steroid, med.frequency_code, med.frequency) == \
        ("corticosteroid", "dexamethasone", "twice_daily", "Twice daily")


# --------------------------------------------------------------------------- previews for the form (not saved yet)

def test_preview_for_a_visit_not_saved_yet(with_baseline):
    from sle_desktop.app import ui_queries

    session, uuid = with_baseline
    visits.add_con_med(session, uuid, drug="Endoxan", drug_class="cyclophosphamide", dose=750, dose_unit="mg",
                       start_date=date(2026, 2, 12), today=TODAY)
    before = session.store.scalar("SELECT count(*) FROM audit")
    view = ui_queries.preview_flare_index(
        session, uuid, None, M1, codes={"proteinuria", "hematuria", "seizure"}, pga=1.5,
        flare=visits.FlareInputs(new_immunosuppressant=True),
        entries={"platelets": visits.LabEntry(50), "hemoglobin": visits.LabEntry(6.5, "g/dL")}, weight_kg=50.0)
    assert [s.item for s in view.suggestions.suggestions] == ["cns_lupus", "thrombocytopenia_lt60", "hemolytic_anemia",
                                                              "new_immunosuppressant"]
    # prednisolone stopped on 1 February: 0 mg/kg/day at the typed 50 kg (a decrease from 0.25: no steroid part)
    assert view.suggestions.dose.mg_per_kg_day == 0.0 and view.suggestions.dose.weight.source == "this_visit"
    assert view.preview.flare == "severe"  # 8 -> 16
    assert view.preview.index.level == "severe"
    assert view.preview.index.reasons == ("sledai_increase_to_gt12", "new_immunosuppressant")
    assert session.store.scalar("SELECT count(*) FROM audit") == before  # a preview writes nothing


def test_preview_without_a_valid_pga_or_a_previous_assessment(enrolled, with_baseline):
    session, uuid = with_baseline
    p = flare_preview.preview_flare(session, None, {"rash"}, 2.55, visits.FlareInputs(), subject_uuid=uuid, on=M1)
    assert p.has_previous and p.index is None
    first = flare_preview.preview_flare(session, _baseline(session, uuid), {"rash"}, 1.0, visits.FlareInputs())
    assert not first.has_previous and first.index is None and first.flare is None
    with pytest.raises(ValidationError, match="Visit date"):
        flare_preview.flare_suggestions(session, None, set(), subject_uuid=uuid)


def test_flare_shown_prefers_the_complete_index():
    assert flare_preview.flare_shown("severe", 1, "none") == ("severe", False)
    assert flare_preview.flare_shown(None, 0, "mild_moderate") == ("mild_moderate", True)
    assert flare_preview.flare_shown(None, 0, None) == (None, False)
