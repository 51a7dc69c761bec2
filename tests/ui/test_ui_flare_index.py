"""The SELENA Flare Index in the visit window, driven through the real widgets: a severe flare recorded by
treatment alone, the PGA precision refusal, a partial (pre-index) assessment, the SAE check box."""

from __future__ import annotations

import json
from datetime import date

import pytest
from clinic_ui import choose, click, dispose, type_into
from testkit import TODAY

from sle_desktop.app import subjects, visits
from sle_desktop.ui.ae_dialog import AdverseEventDialog


@pytest.fixture
def assessed(enrolled):
    """Baseline: SLEDAI 8 (proteinuria, haematuria), PGA 1.5, 60 kg, prednisolone 15 mg/day."""
    session, uuid, sid = enrolled
    base = session.store.scalar("SELECT uuid FROM visits WHERE subject_uuid = ? AND visit_code = 'baseline'", (uuid,))
    visits.set_visit_weight(session, base, 60.0)
    visits.add_con_med(session, uuid, drug="Prednisolone", drug_class="corticosteroid", steroid="prednisolone",
                       dose=15, dose_unit="mg", frequency_code="once_daily", start_date=date(2025, 9, 1), today=TODAY)
    visits.save_sledai(session, base, {"proteinuria", "hematuria"}, 1.5)
    return session, uuid, sid


def _pga(qtbot, form, text):
    type_into(qtbot, form.sledai.pga.spin.lineEdit(), text)
    form.sledai.pga.spin.interpretText()


def test_a_severe_flare_recorded_by_treatment_only(qtbot, assessed, form_for):
    session, uuid, _sid = assessed
    form = form_for(session, uuid, visit_code="month_1")
    type_into(qtbot, form.visit_date, "19.02.2026")
    for code in ("proteinuria", "hematuria"):  # SLEDAI unchanged
        click(qtbot, form.sledai.checkboxes[code])
    _pga(qtbot, form, "1.5")  # PGA unchanged

    # the new cyclophosphamide goes into the concomitant medication, coded
    form.tabs.setCurrentWidget(form.con_meds)
    cm = form.con_meds
    type_into(qtbot, cm.drug, "Endoxan")
    choose(cm.drug_class, "cyclophosphamide")
    assert not cm.steroid.isEnabled()  # an agent is asked only for corticosteroids
    type_into(qtbot, cm.dose, "750")
    type_into(qtbot, cm.dose_unit, "mg")
    type_into(qtbot, cm.start, "12.02.2026")
    click(qtbot, cm.add_button)
    assert cm.banner.kind == "ok"
    assert session.store.query_one("SELECT drug, drug_class FROM con_meds WHERE drug = 'Endoxan'") == \
        {"drug": "Endoxan", "drug_class": "cyclophosphamide"}

    # the index tab suggests it; the clinician confirms
    form.tabs.setCurrentWidget(form.flare)
    marker = form.flare.markers["new_immunosuppressant"]
    qtbot.waitUntil(lambda: marker.isVisible(), timeout=3000)
    assert "Cyclophosphamide" in marker.toolTip()
    assert "0.25 mg/kg/day" in form.flare.dose_label.text()  # 15 mg at the baseline weight (60 kg), computed
    assert "60 kg" in form.flare.weight_note.text()
    assert "no flare" in form.flare.result_label.text()
    click(qtbot, form.flare.checkboxes["new_immunosuppressant"])
    qtbot.waitUntil(lambda: "severe flare" in form.flare.result_label.text(), timeout=3000)
    assert "SELENA flare (SLEDAI/PGA parts): no flare" in form.flare.sledai_pga_label.text()
    assert "severe flare" in form.sledai.flare_label.text()  # next to the score

    with qtbot.waitSignal(form.saved) as saved:
        click(qtbot, form.save_button)
    row = session.store.query_one("SELECT * FROM sledai_assessments WHERE visit_uuid = ?", (saved.args[0],))
    assert (row["score"], row["pga"], row["flare"]) == (8, 1.5, "none")
    assert (row["flare_index"], json.loads(row["flare_index_reasons"]), row["flare_index_complete"]) == \
        ("severe", ["new_immunosuppressant"], 1)
    assert row["new_immunosuppressant"] == 1 and json.loads(row["flare_sources"]) == {"new_immunosuppressant": "suggested"}
    assert row["prednisone_mg_per_kg_day"] == 0.25
    assert form.banner.kind == "warning" and "severe flare" in form.banner.text()
    listed = {s.uuid: s for s in subjects.list_subjects(session, today=TODAY)}[uuid]
    assert (listed.last_flare, listed.last_flare_complete) == ("severe", True)


def test_pga_with_a_second_decimal_is_refused_at_the_form(qtbot, assessed, form_for):
    session, uuid, _sid = assessed
    form = form_for(session, uuid, visit_code="month_1")
    type_into(qtbot, form.visit_date, "19.02.2026")
    _pga(qtbot, form, "2.55")
    assert form.sledai.pga.spin.text() == "2.55"  # kept as typed, not rounded to 2.6
    assert form.sledai.pga.error.isVisible()
    assert "more than one decimal place" in form.sledai.pga.error.text()
    click(qtbot, form.save_button)
    assert form.banner.kind == "error"
    assert "PGA 2.55 has more than one decimal place" in form.sledai.pga.error.text()
    assert session.store.scalar("SELECT count(*) FROM visits WHERE visit_code = 'month_1'") == 0
    _pga(qtbot, form, "2.5")
    assert not form.sledai.pga.error.isVisible() and form.sledai.pga.value() == 2.5


def test_weight_typed_on_the_form_is_saved_with_the_visit(qtbot, assessed, form_for):
    session, uuid, _sid = assessed
    form = form_for(session, uuid, visit_code="month_1")
    type_into(qtbot, form.visit_date, "19.02.2026")
    _pga(qtbot, form, "1.5")
    type_into(qtbot, form.flare.weight, "75")
    qtbot.waitUntil(lambda: "0.2 mg/kg/day" in form.flare.dose_label.text(), timeout=3000)  # 15 mg / 75 kg
    type_into(qtbot, form.flare.weight, "7")
    click(qtbot, form.save_button)
    assert "Body weight 7 kg is outside" in form.flare.weight_error.text()
    assert session.store.scalar("SELECT count(*) FROM visits WHERE visit_code = 'month_1'") == 0
    type_into(qtbot, form.flare.weight, "75")
    with qtbot.waitSignal(form.saved) as saved:
        click(qtbot, form.save_button)
    assert session.store.scalar("SELECT weight_kg FROM visits WHERE uuid = ?", (saved.args[0],)) == 75


def test_an_assessment_recorded_before_the_index_is_shown_as_partial(qtbot, assessed, form_for):
    session, uuid, _sid = assessed
    v = visits.record_visit(session, uuid, "month_1", date(2026, 2, 19), today=TODAY).uuid
    visits.save_sledai(session, v, {"proteinuria", "hematuria", "arthritis"}, 1.5)  # 8 -> 12
    # as migrated from before the index: only the SLEDAI/PGA parts (mild/moderate here), marked partial
    session.store.conn.execute("UPDATE sledai_assessments SET flare_index = NULL, flare_index_reasons = '[]', "
                               "flare_index_complete = 0 WHERE visit_uuid = ?", (v,))
    form = form_for(session, uuid, v)
    text = form.sledai.flare_label.text()
    assert "SELENA flare (SLEDAI/PGA parts): mild/moderate flare" in text and "partial" in text


def test_sae_form_says_hospitalisation_for_sle_activity(qtbot, assessed):
    session, uuid, _sid = assessed
    dialog = AdverseEventDialog(session, uuid, today=TODAY)
    try:
        dialog.show()
        w = dialog.fields
        assert not w.sle_hospitalisation.isEnabled()
        type_into(qtbot, w.term, "Lupus nephritis flare")
        type_into(qtbot, w.onset, "03.02.2026")
        choose(w.grade, 3)
        choose(w.relationship, "unrelated")
        choose(w.outcome, "recovering")
        click(qtbot, w.serious)
        click(qtbot, w.criteria["hospitalisation"])
        click(qtbot, w.sle_hospitalisation)
        click(qtbot, dialog.save_button)
        row = session.store.query_one("SELECT serious, hospitalised_for_sle FROM adverse_events")
        assert row == {"serious": 1, "hospitalised_for_sle": 1}
    finally:
        dispose(dialog)
