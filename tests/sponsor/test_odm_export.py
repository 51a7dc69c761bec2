"""ODM 1.3.2 export: valid against CDISC's schema, loadable by odmlib with its OID checks, values equal to the sponsor
database, metadata fixed by the study definition, Snapshot and Transactional as ODM intends them."""

from __future__ import annotations

import json
import re
import sqlite3
import warnings
from collections import Counter

import pytest
from lxml import etree
from odm_check import check_odm

from sle_desktop.sponsor import metadata, odm
from sle_desktop.sponsor import operations as sponsor

NS = "{http://www.cdisc.org/ns/odm/v1.3}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _records(db) -> dict[str, dict]:
    conn = sqlite3.connect(db)
    try:
        return {uuid: dict(json.loads(data), _table=tbl, _deleted=deleted)
                for tbl, uuid, data, deleted in conn.execute("SELECT tbl, uuid, data, deleted FROM records")}
    finally:
        conn.close()


def _odmlib_load(path):
    import odmlib.loader as loader_mod
    from odmlib import odm_loader
    from odmlib.oid_generator import create_oid_checker

    loader = loader_mod.ODMLoader(odm_loader.XMLODMLoader(model_package="odm_1_3_2", ns_uri="http://www.cdisc.org/ns/odm/v1.3"))
    loader.open_odm_document(str(path))
    doc = loader.load_odm()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the current (not deprecated) checker
        assert doc.verify_oids(create_oid_checker("odm_1_3_2")) is True
    return doc


@pytest.fixture(scope="module")
def snapshot(full_sponsor, tmp_path_factory):
    path = tmp_path_factory.mktemp("odm") / "study.xml"
    result = sponsor.export_odm(full_sponsor.db, path)
    return path, result


@pytest.fixture(scope="module")
def transactional(full_sponsor, tmp_path_factory):
    path = tmp_path_factory.mktemp("odm-audit") / "history.xml"
    result = sponsor.export_odm(full_sponsor.db, path, audit=True)
    return path, result


@pytest.mark.parametrize("kind", ["snapshot", "transactional"])
def test_valid_against_the_official_schema_and_loaded_by_odmlib(kind, request, odm_schema):
    path, result = request.getfixturevalue(kind)
    doc = etree.parse(str(path))
    valid = odm_schema.validate(doc)
    errors = [f"{e.line}: {e.message}" for e in odm_schema.error_log]
    assert valid and errors == [], errors[:10]
    assert b"xmlns:sle" not in path.read_bytes()  # no vendor extension at all
    loaded = _odmlib_load(path)
    assert loaded.FileType == result.file_type == ("Snapshot" if kind == "snapshot" else "Transactional")
    assert loaded.ODMVersion == "1.3.2"
    assert len(loaded.Study[0].MetaDataVersion) == 1


def test_snapshot_holds_current_data_and_no_audit_records(snapshot, full_sponsor):
    path, result = snapshot
    root = check_odm(path)
    assert root.find(f".//{NS}AuditRecord") is None and root.find(f".//{NS}AuditRecords") is None
    assert result.audit_records == 0 and result.subjects == 40
    text = path.read_text("utf-8")
    assert "+00:00" not in text  # every time stamp in UTC with Z
    offsets = re.findall(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(Z|[+-]\d\d:?\d\d)?", text)
    assert offsets and set(offsets) == {"Z"}, Counter(offsets)
    # every form of the study is there, with the SAE and the MSC infusions
    forms = Counter(f.get("FormOID") for f in root.iter(f"{NS}FormData"))
    assert set(forms) == {f.oid for f in metadata.FORMS}
    groups = {g.get("ItemGroupOID") for g in root.iter(f"{NS}ItemGroupData")}
    assert groups == {f.group_oid for f in metadata.FORMS}  # no accounts, keys, recipients, signatures or queries
    ae = [g for g in root.iter(f"{NS}ItemGroupData") if g.get("ItemGroupOID") == "IG.AE"]
    assert any(i.get("ItemOID") == "I.AE.SERIOUS" and i.get("Value") == "1" for g in ae for i in g)
    assert forms["F.MSC_INFUSION"] >= 1
    times = [i.get("Value") for i in root.iter(f"{NS}ItemData") if i.get("ItemOID") == "I.MSC_INFUSION.START_TIME"]
    assert times and all(re.fullmatch(r"\d\d:\d\d:\d\d", t) for t in times)


def test_every_item_value_equals_the_sponsor_database(snapshot, full_sponsor):
    path, _ = snapshot
    root = etree.parse(str(path)).getroot()
    db = _records(full_sponsor.db)
    seen = set()
    checked = 0
    for group in root.iter(f"{NS}ItemGroupData"):
        form = next(f for f in metadata.FORMS if f.group_oid == group.get("ItemGroupOID"))
        values = {i.get("ItemOID"): i.get("Value") for i in group.iter(f"{NS}ItemData")}
        uuid = values[odm.item_oid(form.table, "uuid")]
        row = db[uuid]
        assert row["_table"] == form.table and not row["_deleted"]
        seen.add(uuid)
        for item in form.items:
            expected = odm.odm_value(uuid if item.column == "uuid" else row.get(item.column), item.data_type)
            got = values.get(odm.item_oid(form.table, item.column))
            assert got == expected, (form.table, uuid, item.column, got, expected)
            if got is not None and item.data_type == "float":
                assert float(got) == pytest.approx(float(row[item.column]), rel=0, abs=0)
            if got is not None and item.data_type in ("integer", "text", "date") and item.column != "uuid":
                assert got == (str(int(row[item.column])) if item.data_type == "integer" else str(row[item.column]))
            checked += got is not None
    current = {u for u, r in db.items() if not r["_deleted"] and r["_table"] in metadata.FORM_TABLES}
    assert seen == current and checked > 10000


def test_metadata_from_the_study_definition(snapshot):
    path, _ = snapshot
    root = etree.parse(str(path)).getroot()
    [mdv] = root.iter(f"{NS}MetaDataVersion")
    assert mdv.get("OID") == "MDV.SLE-MSC-BY.1.0"
    events = [e.get("OID") for e in mdv.iter(f"{NS}StudyEventDef")]
    assert events == ["SE.SCREENING", "SE.BASELINE", "SE.MONTH_1", "SE.MONTH_3", "SE.MONTH_6", "SE.UNSCHEDULED", "SE.LOGS"]
    unscheduled = next(e for e in mdv.iter(f"{NS}StudyEventDef") if e.get("OID") == "SE.UNSCHEDULED")
    assert unscheduled.get("Repeating") == "Yes" and unscheduled.get("Type") == "Unscheduled"
    items = {i.get("OID"): i for i in mdv.iter(f"{NS}ItemDef")}
    codelists = {c.get("OID"): c for c in mdv.iter(f"{NS}CodeList")}
    coded = {oid for oid, i in items.items() if i.find(f"{NS}CodeListRef") is not None}
    must = {"I.SUBJECT.SEX", "I.SUBJECT.ARM", "I.SUBJECT.STATUS", "I.VISIT.VISIT_CODE", "I.VISIT.WINDOW_STATUS",
            "I.SLEDAI.FLARE", "I.MSC_INFUSION.ROUTE", "I.CONMED.ROUTE", "I.CONMED.DOSE_UNIT", "I.AE.SERIOUS",
            "I.MSC_INFUSION.REACTION", "I.ELIGIBILITY.ELIGIBLE", "I.ELIGIBILITY.NEEDS_DIALYSIS"}
    must |= {f"I.SLEDAI.{c.upper()}" for c in ("seizure", "psychosis", "fever", "leukopenia", "low_complement")}
    assert must <= coded and len(coded) >= 54, sorted(must - coded)
    flare_index = {f"I.SLEDAI.{c.upper()}" for c in ("flare", "flare_index", "flare_index_complete", "added_nsaid_or_hcq",
                                                     "new_immunosuppressant", "hospitalised_for_sle")}
    assert len([o for o in coded if o.startswith("I.SLEDAI.") and o not in flare_index]) == 24
    for cl in codelists.values():
        for decode in cl.iter(f"{NS}Decode"):
            langs = {t.get(XML_LANG): t.text for t in decode.iter(f"{NS}TranslatedText")}
            assert set(langs) == {"en", "ru"} and all(langs.values())
    sex = {c.get("CodedValue"): {t.get(XML_LANG): t.text for t in c.iter(f"{NS}TranslatedText")}
           for c in codelists["CL.SEX"].iter(f"{NS}CodeListItem")}
    assert sex == {"F": {"en": "Female", "ru": "Женский"}, "M": {"en": "Male", "ru": "Мужской"}}
    seizure = {c.get("CodedValue"): c for c in codelists["CL.PRESENT"].iter(f"{NS}CodeListItem")}
    assert set(seizure) == {"0", "1"}
    visit = [c.get("CodedValue") for c in codelists["CL.VISIT"].iter(f"{NS}CodeListItem")]
    assert visit == ["baseline", "month_1", "month_3", "month_6", "unscheduled"]
    for oid, item in items.items():
        dtype = item.get("DataType")
        assert dtype in ("text", "integer", "float", "date", "time", "datetime"), oid
        if dtype in ("text", "integer", "float"):
            assert int(item.get("Length")) > 0, oid
        if dtype == "float":
            assert item.get("SignificantDigits") is not None, oid
        assert len(item.get("SASFieldName")) <= 8
        question = {t.get(XML_LANG): t.text for t in item.iter(f"{NS}TranslatedText")}
        assert set(question) == {"en", "ru"}, oid
    assert items["I.SUBJECT.ARM_ASSIGNED_AT"].get("DataType") == "datetime"
    assert items["I.AE.AWARE_AT"].get("DataType") == "datetime"
    assert items["I.MSC_INFUSION.START_TIME"].get("DataType") == "time"
    units = {u.get("OID") for u in root.iter(f"{NS}MeasurementUnit")}
    lab_units = {r.get("MeasurementUnitOID") for r in items["I.LAB.VALUE"].iter(f"{NS}MeasurementUnitRef")}
    assert {"MU.G_L", "MU.UMOL_L", "MU.10E9_L"} <= lab_units <= units
    # lab values carry the unit they were measured in
    lab_refs = [i.find(f"{NS}MeasurementUnitRef") for i in root.iter(f"{NS}ItemData") if i.get("ItemOID") == "I.LAB.VALUE"]
    assert lab_refs and all(r is not None and r.get("MeasurementUnitOID") in units for r in lab_refs)
    # closed code lists: every value in the data is one of the codes
    closed = {m.oid: {c for c, _ in m.items} for m in metadata._STATIC_CODELISTS if m.closed}
    refs = {oid: i.find(f"{NS}CodeListRef").get("CodeListOID") for oid, i in items.items() if oid in coded}
    for data in root.iter(f"{NS}ItemData"):
        cl = refs.get(data.get("ItemOID"))
        if cl in closed:
            assert data.get("Value") in closed[cl], (data.get("ItemOID"), data.get("Value"))


def test_users_signatures_and_queries(snapshot, full_sponsor):
    path, result = snapshot
    root = etree.parse(str(path)).getroot()
    users = {u.findtext(f"{NS}LoginName"): u for u in root.iter(f"{NS}User")}
    assert users["demo.investigator"].get("UserType") == "Investigator"
    assert users["demo.monitor"].get("UserType") == "Sponsor"
    assert users["demo.coordinator"].get("UserType") == "Other"
    assert "(coordinator)" in users["demo.coordinator"].findtext(f"{NS}DisplayName")
    assert {s.get("OID") for s in root.iter(f"{NS}SignatureDef")} == {"SD.AUTHORED", "SD.REVIEWED", "SD.APPROVED"}
    by_record = {}
    for group in root.iter(f"{NS}ItemGroupData"):
        uuid = next(i.get("Value") for i in group.iter(f"{NS}ItemData") if i.get("ItemOID").endswith(".UUID"))
        sigs = [s.find(f"{NS}SignatureRef").get("SignatureOID") for s in (group.find(f"{NS}Signature"),
                group.getparent().find(f"{NS}Signature")) if s is not None]
        if sigs:
            by_record[uuid] = sigs
    sae = next(u for t, u, m in full_sponsor.signed if t == "adverse_events")
    invalidated = next(u for t, u, m in full_sponsor.signed if t == "sledai_assessments")
    assert sorted(by_record[sae]) == ["SD.APPROVED", "SD.AUTHORED"]
    assert invalidated not in by_record  # the SELENA-SLEDAI was corrected after signing: no valid signature left
    db = _records(full_sponsor.db)
    valid = Counter(r["record_uuid"] for r in db.values() if r["_table"] == "signatures" and not r.get("invalidated_at"))
    assert result.signatures == sum(min(n, 2) for n in valid.values()) >= 2  # ODM: one per element (group, form)
    oids = {u.get("OID") for u in users.values()}
    assert all(s.find(f"{NS}UserRef").get("UserOID") in oids for s in root.iter(f"{NS}Signature"))
    notes = {}
    for data in root.iter(f"{NS}ItemData"):
        for a in data.iter(f"{NS}Annotation"):
            notes[data.get("ItemOID")] = (a.findtext(f"{NS}Comment"), a.find(f"{NS}Flag").findtext(f"{NS}FlagValue"))
    q1, q2 = full_sponsor.queries
    assert notes["I.SLEDAI.PGA"][1] == "closed" and q1["text"] in notes["I.SLEDAI.PGA"][0]
    assert "the PGA is correct" in notes["I.SLEDAI.PGA"][0]
    assert notes["I.AE.TERM"] == (notes["I.AE.TERM"][0], "open") and q2["text"] in notes["I.AE.TERM"][0]
    assert result.annotations == 2


def test_transactional_history_links_every_item_to_its_audit_record(transactional, snapshot, full_sponsor):
    path, result = transactional
    root = etree.parse(str(path)).getroot()
    assert root.get("FileType") == "Transactional"
    audit = {a.get("ID"): a for a in root.iter(f"{NS}AuditRecord")}
    assert len(audit) == result.audit_records > 1000
    for a in audit.values():
        assert a.find(f"{NS}UserRef") is not None and a.find(f"{NS}LocationRef") is not None
        assert a.findtext(f"{NS}DateTimeStamp").endswith("Z") and a.findtext(f"{NS}SourceID")
        assert a.get("EditPoint") is None
    typed = [e for e in root.iter() if isinstance(e.tag, str) and e.tag.startswith(f"{NS}ItemData")]
    assert typed and all(e.tag != f"{NS}ItemData" for e in typed)
    referenced = set()
    for e in typed:
        assert e.get("TransactionType") in ("Insert", "Update", "Remove")
        assert e.get("AuditRecordID") in audit
        referenced.add(e.get("AuditRecordID"))
    assert referenced == set(audit)  # no audit record of accounts, keys or bundle bookkeeping
    for group in root.iter(f"{NS}ItemGroupData"):
        assert group.get("TransactionType") in ("Insert", "Update", "Remove", "Context")
    # the correction with its reason for change
    reason = "fever 38.4 °C recorded in the nursing notes was missed at entry"
    [fever] = [e for e in typed if e.get("ItemOID") == "I.SLEDAI.FEVER" and e.get("TransactionType") == "Update"]
    assert fever.text == "1" and audit[fever.get("AuditRecordID")].findtext(f"{NS}ReasonForChange") == reason
    # signatures as applied, the later-invalidated one included
    signatures = sum(1 for r in _records(full_sponsor.db).values() if r["_table"] == "signatures")
    assert result.signatures == signatures == len(list(root.iter(f"{NS}Signature"))) >= 3
    # replaying the history gives the snapshot
    state: dict[tuple[str, str], str] = {}
    removed = set()
    for group in root.iter(f"{NS}ItemGroupData"):
        form = next(f for f in metadata.FORMS if f.group_oid == group.get("ItemGroupOID"))
        fdata = group.getparent()
        key = fdata.get("FormRepeatKey") or (group.getparent().getparent().getparent().get("SubjectKey"),
                                              fdata.getparent().get("StudyEventOID"),
                                              fdata.getparent().get("StudyEventRepeatKey"), form.oid)
        for e in group:
            if not e.tag.startswith(f"{NS}ItemData"):
                continue
            if e.get("TransactionType") == "Remove":
                if e.get("ItemOID").endswith(".UUID"):
                    removed.add(key)
                state.pop((key, e.get("ItemOID")), None)
            else:
                state[(key, e.get("ItemOID"))] = e.text
    snap = etree.parse(str(snapshot[0])).getroot()
    expected = {}
    for group in snap.iter(f"{NS}ItemGroupData"):
        form = next(f for f in metadata.FORMS if f.group_oid == group.get("ItemGroupOID"))
        fdata = group.getparent()
        key = fdata.get("FormRepeatKey") or (fdata.getparent().getparent().get("SubjectKey"),
                                              fdata.getparent().get("StudyEventOID"),
                                              fdata.getparent().get("StudyEventRepeatKey"), form.oid)
        for i in group.iter(f"{NS}ItemData"):
            expected[(key, i.get("ItemOID"))] = i.get("Value")
    replayed = {k: v for k, v in state.items() if k[0] not in removed}
    assert replayed == expected


def test_metadata_identical_whatever_the_data(full_sponsor, small_sponsor, tmp_path):
    big, small = tmp_path / "big.xml", tmp_path / "small.xml"
    sponsor.export_odm(full_sponsor.db, big)
    sponsor.export_odm(small_sponsor.db, small)
    audit = tmp_path / "small-audit.xml"
    sponsor.export_odm(small_sponsor.db, audit, audit=True)

    def study(path):
        text = path.read_text("utf-8")
        return text[text.index("<Study "):text.index("</Study>")]

    assert study(big) == study(small) == study(audit)
    assert "<MetaDataVersion " in study(big) and study(big).count("<ItemDef ") > 130


def test_cli_export_odm_audit(full_sponsor, tmp_path, capsys, odm_schema):
    from sle_desktop.cli.sponsor import sponsor_main

    assert sponsor_main(["export-odm", "--db", str(full_sponsor.db), "--out", str(tmp_path / "h.xml"), "--audit"]) == 0
    out = capsys.readouterr().out
    assert "Transactional" in out and "audit records" in out
    assert odm_schema.validate(etree.parse(str(tmp_path / "h.xml")))
    assert sponsor_main(["export-odm", "--db", str(full_sponsor.db), "--out", str(tmp_path / "s.xml")]) == 0
    assert "Snapshot" in capsys.readouterr().out


def test_unknown_study_version_is_refused_and_nothing_written(full_sponsor, tmp_path):
    import shutil

    from sle_desktop.sync.errors import SyncError

    db = tmp_path / "copy.sqlite"
    shutil.copyfile(full_sponsor.db, db)
    conn = sqlite3.connect(db)
    conn.execute("UPDATE sites SET study_version = '9.9'")
    conn.commit()
    conn.close()
    with pytest.raises(SyncError, match="version 9.9"):
        sponsor.export_odm(db, tmp_path / "x.xml")
    assert not (tmp_path / "x.xml").exists()
