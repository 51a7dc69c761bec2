"""Round trip: demo site -> bundle -> sponsor import -> ODM/CSV; everything arrives unchanged, field by field."""

from __future__ import annotations

import csv
import gzip
import json

from odm_check import check_odm, item_groups
from sync_helpers import add_sae, import_one, register

from sle_desktop.app import subjects, sync_site
from sle_desktop.sponsor import operations as sponsor
from sle_desktop.domain import sledai
from sle_desktop.store import audit
from sle_desktop.store.records import CLINICAL_TABLES
from sle_desktop.sync import bundle, keys
from sle_desktop.sponsor import db as sponsor_store

AUDIT_COLS = ("seq", "at_utc", "at_local", "user", "table", "row_id", "field", "old", "new", "reason", "prev_hash", "hash")


def site_records(store) -> dict:
    out = {}
    for table in CLINICAL_TABLES:
        for row in store.query(f'SELECT * FROM "{table}"'):
            out[(table, row["uuid"])] = row
    return out


def site_audit(store, upto: int) -> list[dict]:
    return store.query('SELECT seq, at_utc, at_local, user, "table", row_id, field, old, new, reason, prev_hash, hash '
                       "FROM audit WHERE seq <= ? ORDER BY seq", (upto,))


def sponsor_records(path) -> dict:
    store = sponsor_store.open_sponsor_store(path)
    try:
        return {(r["tbl"], r["uuid"]): json.loads(r["data"]) for r in store.query("SELECT tbl, uuid, data FROM records")}
    finally:
        store.close()


def sponsor_audit(path, site_uuid) -> list[dict]:
    store = sponsor_store.open_sponsor_store(path)
    try:
        return store.query('SELECT seq, at_utc, at_local, "user", "table", row_id, field, old, new, reason, prev_hash, hash '
                           "FROM audit WHERE site_uuid = ? ORDER BY seq", (site_uuid,))
    finally:
        store.close()


def decrypted_payload(path, sponsor_keys) -> str:
    container = bundle.read_container(path)
    identities = keys.parse_identities(sponsor_keys.key_path.read_text())
    return gzip.decompress(bundle.decrypt(container, identities)).decode("utf-8")


def test_round_trip_every_field_and_audit_row_arrives_unchanged(make_site, sponsor_db, sponsor_keys, tmp_path):
    site = make_site("BY01", subjects=12, seed=7)
    sae_uuid = add_sae(site)
    register(site, sponsor_db)
    before = site_records(site.store)
    assert sum(1 for t, _ in before if t == "sledai_assessments") > 5

    first = site.export()
    assert first.path.exists() and first.verified and first.from_seq == 0
    assert first.sae_marked == 1
    result = import_one(sponsor_db, sponsor_keys, first.path)
    assert result.status == "imported" and result.records_added == len(before)

    # every subject, visit, SELENA-SLEDAI value and every other record: field by field
    received = sponsor_records(sponsor_db)
    assert set(received) == set(before)
    for key, row in before.items():
        assert received[key] == row, key
    site_uuid = site.store.scalar("SELECT site_uuid FROM site")
    assert sponsor_audit(sponsor_db, site_uuid) == site_audit(site.store, first.to_seq)
    for (table, uuid), row in before.items():
        if table == "sledai_assessments":
            assert all(received[(table, uuid)][d.code] == row[d.code] for d in sledai.DESCRIPTORS)
            assert (received[(table, uuid)]["score"], received[(table, uuid)]["pga"]) == (row["score"], row["pga"])

    # the SAE's 24 h clock stopped at the site, audited with the reason; it reaches the sponsor in bundle 2
    sae = site.store.query_one("SELECT sae_exported_at FROM adverse_events WHERE uuid = ?", (sae_uuid,))
    assert sae["sae_exported_at"]
    assert site.store.query_one("SELECT reason FROM audit WHERE \"table\" = 'adverse_events' AND row_id = ? "
                                "AND field = 'sae_exported_at'", (sae_uuid,))["reason"] == "included in bundle 1"
    exports = site.store.query("SELECT * FROM exports")
    assert [e["bundle_seq"] for e in exports] == [1] and exports[0]["bundle_hash"] == first.bundle_hash
    assert site.store.query_one("SELECT 1 FROM audit WHERE \"table\" = 'exports' AND row_id = '1'")

    before2 = site_records(site.store)
    second = site.export()
    assert (second.bundle_seq, second.from_seq) == (2, first.to_seq)
    result2 = import_one(sponsor_db, sponsor_keys, second.path)
    assert result2.records_updated == 1  # the SAE row with its export time
    received = sponsor_records(sponsor_db)
    assert all(received[k] == v for k, v in before2.items())
    assert sponsor_audit(sponsor_db, site_uuid) == site_audit(site.store, second.to_seq)

    # ODM: well-formed, structurally valid, SELENA-SLEDAI values as at the site
    odm_file = tmp_path / "study.xml"
    odm_result = sponsor.export_odm(sponsor_db, odm_file)
    root = check_odm(odm_file)
    assert odm_result.subjects == sum(1 for t, _ in before2 if t == "subjects")
    assert odm_result.file_type == "Snapshot" and odm_result.audit_records == 0  # audit records: export-odm --audit
    odm_sledai = item_groups(root, "IG.SLEDAI")
    for (table, uuid), row in before2.items():
        if table == "sledai_assessments":
            values = odm_sledai[uuid]
            assert values["I.SLEDAI.SCORE"] == str(row["score"])
            assert float(values["I.SLEDAI.PGA"]) == row["pga"]
            assert all(values[f"I.SLEDAI.{d.code.upper()}"] == str(row[d.code]) for d in sledai.DESCRIPTORS)
    odm_visits = item_groups(root, "IG.VISIT")
    assert {u for t, u in before2 if t == "visits"} == set(odm_visits)

    # CSV: one file per form, a data dictionary, the SAE listing
    csv_dir = tmp_path / "csv"
    csv_result = sponsor.export_csv(sponsor_db, csv_dir)
    assert {f"{t}.csv" for t in CLINICAL_TABLES} | {"data_dictionary.csv", "audit_trail.csv", "codelists.csv"} == \
        set(csv_result.files)
    with open(csv_dir / "sledai_assessments.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    by_uuid = {r["uuid"]: r for r in rows}
    for (table, uuid), row in before2.items():
        if table == "sledai_assessments":
            assert by_uuid[uuid]["score"] == str(row["score"]) and by_uuid[uuid]["subject_key"].startswith("BY01-")
    with open(csv_dir / "data_dictionary.csv", newline="", encoding="utf-8") as fh:
        dictionary = list(csv.DictReader(fh))
    assert {"file", "column", "data_type", "odm_item_oid", "label"} <= set(dictionary[0])
    assert any(d["column"] == "seizure" and "Seizure" in d["label"] for d in dictionary)
    count, text = sponsor.sae_listing(sponsor_db)
    assert count == 1 and "Pneumonia" in text and sae_uuid in text


def test_identifiers_never_leave_the_site(make_site, sponsor_keys):
    site = make_site("BY01", subjects=10, seed=3)
    exported = site.export()
    payload = decrypted_payload(exported.path, sponsor_keys)
    raw = exported.path.read_bytes()
    subject_uuids = [r["uuid"] for r in site.store.query("SELECT uuid FROM subjects")]
    assert len(subject_uuids) == 10
    for uuid in subject_uuids:
        ident = subjects.identifiers(site.session, uuid)
        for field in ("full_name", "national_id", "phone", "address"):
            assert ident[field] and ident[field] not in payload, (field, ident[field])
            assert ident[field].encode() not in raw
    assert '"identifiers"' not in payload.replace('"table":"identifiers"', "")
    lines = [json.loads(x) for x in payload.splitlines()]
    assert {x["type"] for x in lines} == {"header", "row", "audit", "end"}
    assert {x["table"] for x in lines if x["type"] == "row"} <= set(CLINICAL_TABLES)
    assert all(x["row"]["new"] == '"(encrypted)"' for x in lines if x["type"] == "audit" and x["row"]["table"] == "identifiers")
    assert not any(k in payload for k in ("password_hash", "wrapped_data_key", "encrypted_private_key"))


def test_incremental_bundles_and_resend_from_an_earlier_change(make_site, sponsor_db, sponsor_keys):
    from sle_desktop.app import visits
    from sle_desktop.app.session import Session

    site = make_site("BY01", subjects=6, seed=2)
    register(site, sponsor_db)
    first = site.export()
    import_one(sponsor_db, sponsor_keys, first.path)
    inv = Session(site.store, "demo.investigator", "Dr Alena Kovalenko", "investigator", site.session.data_key)
    sledai_row = site.store.query_one("SELECT uuid, visit_uuid, pga FROM sledai_assessments LIMIT 1")
    codes = [d.code for d in sledai.DESCRIPTORS
             if site.store.scalar(f"SELECT {d.code} FROM sledai_assessments WHERE uuid = ?", (sledai_row["uuid"],))]
    visits.save_sledai(inv, sledai_row["visit_uuid"], set(codes) | {"fever"}, sledai_row["pga"],
                       reason="fever was missed at entry")
    second = site.export()
    result = import_one(sponsor_db, sponsor_keys, second.path)
    assert result.records_updated >= 1
    received = sponsor_records(sponsor_db)
    assert received[("sledai_assessments", sledai_row["uuid"])]["fever"] == 1
    # a bundle that starts earlier (e.g. the sponsor lost data) overlaps what was received; still accepted
    third = site.export(since_seq=0)
    assert third.from_seq == 0 and third.bundle_seq == 3
    result3 = import_one(sponsor_db, sponsor_keys, third.path)
    assert result3.status == "imported" and result3.records_added == 0
    assert sponsor_records(sponsor_db) == site_records(site.store)
    statuses = sponsor.status(sponsor_db)
    assert statuses[0].chain_ok and statuses[0].last_bundle_seq == 3


def test_two_sites_into_one_sponsor_database(make_site, sponsor_db, sponsor_keys, tmp_path):
    a = make_site("BY01", subjects=6, seed=11)
    b = make_site("BY02", subjects=5, seed=11)
    register(a, sponsor_db)
    register(b, sponsor_db)
    ra, rb = site_records(a.store), site_records(b.store)  # as exported (an export may then mark SAEs as sent)
    ba, bb = a.export(), b.export()
    outcomes = sponsor.import_bundles(sponsor_db, sponsor_keys.key_path, [bb.path, ba.path])
    assert [o.error for o in outcomes] == [None, None]
    received = sponsor_records(sponsor_db)
    assert not set(ra) & set(rb)
    assert len(received) == len(ra) + len(rb)
    assert all(received[k] == v for k, v in (ra | rb).items())
    store = sponsor_store.open_sponsor_store(sponsor_db)
    try:
        per_site = {r["code"]: r["n"] for r in store.query(
            "SELECT s.code, count(*) AS n FROM records r JOIN sites s USING (site_uuid) WHERE r.tbl = 'subjects' GROUP BY s.code")}
        keys_ = [json.loads(r["data"]).get("subject_id") for r in store.query("SELECT data FROM records WHERE tbl = 'subjects'")]
    finally:
        store.close()
    assert per_site == {"BY01": 6, "BY02": 5}
    enrolled = [k for k in keys_ if k]
    assert len(enrolled) == len(set(enrolled)) and {k[:4] for k in enrolled} == {"BY01", "BY02"}
    odm_file = tmp_path / "two.xml"
    sponsor.export_odm(sponsor_db, odm_file)
    root = check_odm(odm_file)
    ns = "{http://www.cdisc.org/ns/odm/v1.3}"
    assert {loc.get("OID") for loc in root.iter(ns + "Location")} == {"LOC.BY01", "LOC.BY02"}
    statuses = {s.code: s for s in sponsor.status(sponsor_db)}
    assert statuses["BY01"].chain_ok and statuses["BY02"].chain_ok
    assert statuses["BY01"].head_seq == ba.to_seq and statuses["BY02"].head_seq == bb.to_seq


def test_audit_chain_recorded_at_sponsor_is_verifiable(make_site, sponsor_db, sponsor_keys):
    site = make_site("BY01", subjects=4, seed=5)
    register(site, sponsor_db)
    exported = site.export()
    import_one(sponsor_db, sponsor_keys, exported.path)
    site_uuid = site.store.scalar("SELECT site_uuid FROM site")
    check = audit.verify_rows(sponsor_audit(sponsor_db, site_uuid))
    assert check.ok and check.head_seq == exported.to_seq
    assert check.head_hash == bundle.read_container(exported.path).manifest["chain_head_hash"]


def test_preview_counts_match_the_export(make_site):
    site = make_site("BY01", subjects=5, seed=9)
    preview = sync_site.export_preview(site.session)
    assert preview.bundle_seq == 1 and preview.since_seq == 0 and preview.changes == preview.head_seq
    assert preview.estimated_bytes > 0 and preview.sponsor_keys
    result = site.export()
    assert result.changes == preview.changes and result.records == preview.records
    assert sync_site.last_export(site.session).bundle_seq == 1
    after = sync_site.export_preview(site.session)
    assert after.bundle_seq == 2 and after.since_seq == result.to_seq and after.changes >= 1
