"""The SELENA Flare Index inputs and results travel in the bundle as clinical columns and reach every sponsor
export: the CSV form files with their data dictionary, and the ODM ItemDefs and ItemData."""

from __future__ import annotations

import csv
import json
from datetime import date

from odm_check import check_odm, item_groups
from sync_helpers import TODAY, import_one, register

from sle_desktop.app import visits
from sle_desktop.app.session import Session
from sle_desktop.sponsor import operations as sponsor

FLARE_COLUMNS = ("flare", "flare_index", "flare_index_reasons", "flare_index_complete", "flare_manifestations",
                 "added_nsaid_or_hcq", "new_immunosuppressant", "hospitalised_for_sle", "prednisone_mg_per_kg_day",
                 "flare_sources")


def test_flare_index_columns_reach_the_csv_and_odm_exports(make_site, sponsor_db, sponsor_keys, tmp_path):
    site = make_site("BY01", subjects=6, seed=3)
    inv = Session(site.store, "demo.investigator", "Dr", "investigator", site.session.data_key)
    subject = site.store.scalar("SELECT subject_uuid FROM visits WHERE visit_code = 'baseline' ORDER BY visit_date "
                                "LIMIT 1")
    last = site.store.query_one("SELECT visit_date FROM visits WHERE subject_uuid = ? ORDER BY visit_date DESC LIMIT 1",
                                (subject,))
    when = date.fromisoformat(last["visit_date"])
    cm = visits.add_con_med(inv, subject, drug="Endoxan", drug_class="cyclophosphamide", dose=750, dose_unit="mg",
                            start_date=when, today=TODAY)
    v = visits.record_visit(inv, subject, "unscheduled", when, weight_kg=64.5, today=TODAY).uuid
    codes = visits.get_sledai(inv, site.store.scalar(
        "SELECT visit_uuid FROM sledai_assessments a JOIN visits v ON v.uuid = a.visit_uuid WHERE a.subject_uuid = ? "
        "ORDER BY v.visit_date DESC LIMIT 1", (subject,)))
    saved = visits.save_sledai(inv, v, codes.codes, codes.pga, flare=visits.FlareInputs(
        new_immunosuppressant=True, new_manifestations=frozenset({"nephritis"})))
    assert saved.flare_index == "severe"

    register(site, sponsor_db)
    assert import_one(sponsor_db, sponsor_keys, site.export().path).status == "imported"

    # CSV: the columns in the form files, each described in the data dictionary
    out = tmp_path / "csv"
    sponsor.export_csv(sponsor_db, out)
    with open(out / "sledai_assessments.csv", newline="", encoding="utf-8") as fh:
        row = next(r for r in csv.DictReader(fh) if r["uuid"] == saved.uuid)
    assert row["flare_index"] == "severe" and row["flare_index_complete"] == "1" and row["flare"] == "none"
    assert json.loads(row["flare_index_reasons"]) == list(saved.flare_reasons)
    assert {"new_manifestation:nephritis", "new_immunosuppressant"} <= set(saved.flare_reasons)
    assert json.loads(row["flare_manifestations"]) == ["nephritis"]
    with open(out / "con_meds.csv", newline="", encoding="utf-8") as fh:
        assert next(r for r in csv.DictReader(fh) if r["uuid"] == cm)["drug_class"] == "cyclophosphamide"
    with open(out / "visits.csv", newline="", encoding="utf-8") as fh:
        assert next(r for r in csv.DictReader(fh) if r["uuid"] == v)["weight_kg"] == "64.5"
    with open(out / "data_dictionary.csv", newline="", encoding="utf-8") as fh:
        dictionary = {(d["file"], d["column"]): d for d in csv.DictReader(fh)}
    for column in FLARE_COLUMNS:
        assert ("sledai_assessments.csv", column) in dictionary, column
    assert "SELENA Flare Index" in dictionary[("sledai_assessments.csv", "flare_index")]["label"]
    assert "SLEDAI/PGA parts" in dictionary[("sledai_assessments.csv", "flare")]["label"]
    assert "recorded before" in dictionary[("sledai_assessments.csv", "flare_index_complete")]["label"]
    assert "Drug class" in dictionary[("con_meds.csv", "drug_class")]["label"]
    assert dictionary[("visits.csv", "weight_kg")]["label"] == "Body weight at the visit (kg)"
    assert dictionary[("sledai_assessments.csv", "prednisone_mg_per_kg_day")]["data_type"] == "float"

    # ODM: ItemDefs with the same labels, ItemData as at the site
    odm_file = tmp_path / "study.xml"
    sponsor.export_odm(sponsor_db, odm_file)
    root = check_odm(odm_file)
    values = item_groups(root, "IG.SLEDAI")[saved.uuid]
    assert values["I.SLEDAI.FLARE_INDEX"] == "severe" and values["I.SLEDAI.FLARE_INDEX_COMPLETE"] == "1"
    assert values["I.SLEDAI.NEW_IMMUNOSUPPRESSANT"] == "1"
    text = odm_file.read_text("utf-8")
    assert 'OID="I.SLEDAI.FLARE_INDEX"' in text and "SELENA Flare Index vs the previous assessment" in text
    assert 'OID="I.CONMED.DRUG_CLASS"' in text and 'OID="I.VISIT.WEIGHT_KG"' in text
