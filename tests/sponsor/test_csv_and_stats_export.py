"""CSV export (unique columns, a dictionary row for every column, code lists) and the statistics files (SPSS, Stata,
SAS transport) read back with pyreadstat: values, variable labels and value labels equal the CSV and the code lists."""

from __future__ import annotations

import csv
import math
from datetime import UTC, date, datetime, time

import pytest

from sle_desktop.domain.errors import ValidationError
from sle_desktop.sponsor import metadata, stats
from sle_desktop.sponsor import operations as sponsor


def _read_csv(path) -> tuple[list[str], list[dict]]:
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        return header, [dict(zip(header, r)) for r in reader]


@pytest.fixture(scope="module")
def csv_dir(full_sponsor, tmp_path_factory):
    out = tmp_path_factory.mktemp("csv")
    sponsor.export_csv(full_sponsor.db, out)
    return out


@pytest.fixture(scope="module")
def stats_dirs(full_sponsor, tmp_path_factory):
    en, ru = tmp_path_factory.mktemp("stats-en"), tmp_path_factory.mktemp("stats-ru")
    sponsor.export_stats(full_sponsor.db, en)
    sponsor.export_stats(full_sponsor.db, ru, lang="ru", formats="sav,dta")
    return {"en": en, "ru": ru}


@pytest.fixture(scope="module")
def md():
    from sle_desktop.app.study import load_study

    return metadata.build(load_study())


def test_csv_columns_unique_and_every_column_in_the_dictionary(csv_dir):
    files = sorted(p.name for p in csv_dir.glob("*.csv"))
    assert {"data_dictionary.csv", "codelists.csv", "audit_trail.csv", "visits.csv"} <= set(files)
    _, dictionary = _read_csv(csv_dir / "data_dictionary.csv")
    described = [(d["file"], d["column"]) for d in dictionary if d["file"] != "*"]  # "*": the CSV-injection note
    assert len(described) == len(set(described))
    columns = []
    for name in files:
        header, _ = _read_csv(csv_dir / name)
        assert len(header) == len(set(header)), (name, header)
        columns += [(name, c) for c in header]
    assert set(described) == set(columns)
    visits_header, _ = _read_csv(csv_dir / "visits.csv")
    assert visits_header.count("visit_code") == 1
    by_key = {(d["file"], d["column"]): d for d in dictionary}
    assert by_key[("sledai_assessments.csv", "seizure")]["codelist_oid"] == "CL.PRESENT"
    assert by_key[("subjects.csv", "sex")]["label_ru"] == "Пол"
    assert by_key[("labs.csv", "value")]["units"].split() and by_key[("labs.csv", "value")]["odm_item_oid"] == "I.LAB.VALUE"
    assert by_key[("audit_trail.csv", "reason")]["label"] == "Reason for change"
    assert by_key[("subjects.csv", "arm_assigned_by")]["stats_variable"] == ""  # staff names stay out of stats files


def test_codelists_csv_holds_every_decode(csv_dir, md):
    _, rows = _read_csv(csv_dir / "codelists.csv")
    got = {}
    for r in rows:
        got.setdefault(r["codelist_oid"], []).append((r["coded_value"], r["decode_en"], r["decode_ru"]))
    assert set(got) == {c.oid for c in md.codelists}
    for cl in md.codelists:
        assert [(c, en) for c, en, _ru in got[cl.oid]] == list(cl.items)
        assert all(ru_ for _c, _en, ru_ in got[cl.oid])
    assert ("F", "Female", "Женский") in got["CL.SEX"]
    assert ("msc", "MSC + standard treatment", "МСК + стандартная терапия") in got["CL.ARM"]


def _expected(value: str, data_type: str):
    if value == "":
        return None
    if data_type in ("integer", "float"):
        return float(value)
    if data_type == "date":
        return date.fromisoformat(value[:10])
    if data_type == "datetime":
        return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC).replace(tzinfo=None)
    if data_type == "time":
        return time.fromisoformat(value)
    return value


def _got(value, data_type: str):
    import pandas as pd

    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return None
    if data_type == "datetime":
        return value.to_pydatetime() if hasattr(value, "to_pydatetime") else value
    if data_type not in ("integer", "float", "date", "time") and value == "":
        return None
    return value


def _reader(fmt):
    import pyreadstat

    return {"sav": pyreadstat.read_sav, "dta": pyreadstat.read_dta, "xpt": pyreadstat.read_xport}[fmt]


@pytest.mark.parametrize("fmt", ["sav", "dta", "xpt"])
def test_statistics_files_equal_the_csv_and_the_code_lists(fmt, stats_dirs, csv_dir, md):
    folder = stats_dirs["en"]
    checked = 0
    for form in md.forms:
        variables = stats.variables(md, form.table)
        df, meta = _reader(fmt)(str(folder / f"{form.table}.{fmt}"))
        names = [v.sas_name for v in variables] if fmt == "xpt" else [v.name for v in variables]
        assert list(df.columns) == names
        _, rows = _read_csv(csv_dir / f"{form.table}.csv")
        rows = [r for r in rows if r["deleted"] == "0"]
        assert len(df) == len(rows) > 0, form.table
        labels = meta.column_names_to_labels
        for v, name in zip(variables, names):
            if fmt == "xpt":
                assert len(name) <= 8 and labels[name] == metadata.sas_label(v.label_en) and len(labels[name]) <= 40
            else:
                assert labels[name] == v.label_en
            codes = None
            if v.codelist and fmt != "xpt":
                value_labels = meta.variable_value_labels.get(name)
                if fmt == "dta" and v.codelist.data_type == "text":
                    if v.codelist.closed:
                        codes = {n: c for n, (c, _l) in enumerate(v.codelist.items, 1)}
                        assert value_labels == {n: label for n, (_c, label) in enumerate(v.codelist.items, 1)}
                    else:
                        assert value_labels is None
                elif v.codelist.data_type == "integer":
                    assert {int(k): x for k, x in value_labels.items()} == {int(c): x for c, x in v.codelist.items}
                else:
                    assert value_labels == dict(v.codelist.items)
            for i, r in enumerate(rows):
                expected = _expected(r[v.name], v.data_type)
                if fmt == "xpt" and isinstance(expected, str):
                    expected = expected[:stats.XPT_MAX_TEXT]
                got = _got(df[name].iloc[i], v.data_type)
                if codes is not None and got is not None:
                    got = codes[int(got)]
                assert got == expected, (fmt, form.table, v.name, i, got, expected)
                checked += 1
        for v, name in zip(variables, names):
            kind = meta.original_variable_types[name]
            if v.data_type == "date":
                assert kind in ("DATE11", "%td", "DATE9", "DATE9.", "DATE"), (fmt, v.name, kind)
            elif v.data_type == "datetime":
                assert kind in ("DATETIME20", "%tc", "DATETIME"), (fmt, v.name, kind)
    assert checked > 15000


def test_russian_labels(stats_dirs, md):
    import pyreadstat

    df, meta = pyreadstat.read_sav(str(stats_dirs["ru"] / "subjects.sav"))
    assert meta.column_names_to_labels["sex"] == "Пол"
    assert meta.variable_value_labels["sex"] == {"F": "Женский", "M": "Мужской"}
    _, meta = pyreadstat.read_dta(str(stats_dirs["ru"] / "sledai_assessments.dta"))
    assert meta.column_names_to_labels["seizure"] == "Судороги (SELENA-SLEDAI, вес 8)"
    assert meta.variable_value_labels["seizure"] == {1: "Есть", 0: "Нет"}
    assert not list(stats_dirs["ru"].glob("*.xpt"))  # --format sav,dta


def test_no_identifiers_in_the_statistics_files(stats_dirs, full_sponsor):
    import sqlite3

    import pyreadstat

    conn = sqlite3.connect(full_sponsor.db)
    uuids = {r[0] for r in conn.execute("SELECT uuid FROM records")}
    logins = {r[0] for r in conn.execute("SELECT DISTINCT user FROM audit")}
    names = {"Dr Alena Kovalenko", "Maria Sidorova", "Pavel Monitorov", "Demo Administrator"}
    conn.close()
    for path in stats_dirs["en"].glob("*.sav"):
        df, meta = pyreadstat.read_sav(str(path))
        assert not {"uuid", "created_by", "updated_by", "subject_uuid", "visit_uuid"} & set(df.columns)
        values = {str(x) for col in df.columns for x in df[col].tolist()}
        assert not values & (uuids | logins | names), path.name
    text = (stats_dirs["en"] / "variables.csv").read_text("utf-8")
    assert "obtained_by" not in text and "administered_by" not in text


def test_xpt_name_mapping_recorded_in_the_dictionaries(stats_dirs, csv_dir, md):
    _, variables = _read_csv(stats_dirs["en"] / "variables.csv")
    _, dictionary = _read_csv(csv_dir / "data_dictionary.csv")
    mapped = {(d["file"].removesuffix(".csv"), d["stats_variable"]): d["sas_name"] for d in dictionary if d["stats_variable"]}
    for v in variables:
        assert mapped[(v["dataset"], v["variable"])] == v["sas_name"]
        assert len(v["sas_name"]) <= 8 and len(v["sas_label"]) <= 40 and v["sas_label"].isascii()
    per_dataset = {}
    for v in variables:
        per_dataset.setdefault(v["dataset"], []).append(v["sas_name"])
    assert all(len(n) == len(set(n)) for n in per_dataset.values())
    long_name = next(v for v in variables if v["variable"] == "investigator_confirms_nephritis")
    assert long_name["sas_name"] == "INVESTIG"
    assert next(v for v in variables if v["variable"] == "sources")["xpt_text_cut_at"] == "200"
    formats = (stats_dirs["en"] / "formats.sas").read_text("utf-8")  # codes such as µg are UTF-8
    assert "value $SEXF 'F'='Female' 'M'='Male';" in formats and "format " in formats


def test_bad_options_are_refused_and_nothing_written(full_sponsor, tmp_path, capsys):
    from sle_desktop.cli.sponsor import sponsor_main

    with pytest.raises(ValidationError, match="choose from sav, dta, xpt"):
        sponsor.export_stats(full_sponsor.db, tmp_path / "a", formats="sav,csv")
    with pytest.raises(ValidationError, match="choose en or ru"):
        sponsor.export_stats(full_sponsor.db, tmp_path / "b", lang="de")
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()
    assert sponsor_main(["export-stats", "--db", str(full_sponsor.db), "--out", str(tmp_path / "c"), "--format", "xls"]) == 1
    assert "sav, dta, xpt" in capsys.readouterr().err and not (tmp_path / "c").exists()
    assert sponsor_main(["export-stats", "--db", str(full_sponsor.db), "--out", str(tmp_path / "d"), "--format", "xpt"]) == 0
    assert "10 datasets" in capsys.readouterr().out
    assert sorted(p.suffix for p in (tmp_path / "d").iterdir()) == [".csv", ".sas"] + [".xpt"] * 10
