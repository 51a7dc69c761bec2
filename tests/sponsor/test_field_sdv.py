"""Field-level SDV at the sponsor (SQLite and PostgreSQL): the migration that keys marks by site and field, marks of
one value made at the sponsor (use case and `sle-sponsor sdv --field`) or merged from the site's monitor, carried in
the return bundle and shown at the site; and two sites sending the same subject and record UUIDs, kept apart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from return_helpers import link, return_bundle, send, sponsor_query, user
from two_sites import return_lines, shared_record

from sle_desktop.app import queries as site_queries
from sle_desktop.app import returns as site_returns
from sle_desktop.app import sdv as site_sdv
from sle_desktop.app import site as site_app
from sle_desktop.app import visits
from sle_desktop.app.demo import DEMO_PASSWORD
from sle_desktop.sponsor import accounts, review
from sle_desktop.sponsor import casebook as cases
from sle_desktop.sponsor import db as sponsor_store
from sle_desktop.sponsor import queries as sponsor_queries
from sle_desktop.sponsor import returns as sponsor_returns
from sle_desktop.store import migrations as runner
from sle_desktop.store.records import field_content_hash
from sle_desktop.sync.errors import SyncError

PASSWORD = "correct horse battery"


def _sledai(site, subject_id: str = None) -> dict:
    sql = ("SELECT a.uuid, a.subject_uuid, a.visit_uuid, a.pga, s.subject_id FROM sledai_assessments a JOIN visits v "
           "ON v.uuid = a.visit_uuid JOIN subjects s ON s.uuid = a.subject_uuid WHERE v.visit_code = 'baseline' AND "
           "a.deleted = 0")
    if subject_id:
        return site.store.query_one(sql + " AND s.subject_id = ?", (subject_id,))
    return site.store.query_one(sql + " ORDER BY s.subject_id LIMIT 1")


def _dm(db):
    store = sponsor_store.open_sponsor_store(db)
    if accounts.needs_first_user(store):
        accounts.create_first_data_manager(store, username="dana", display_name="Dana Manager", password=PASSWORD)
    return accounts.login(store, "dana", PASSWORD)


def _record(book, table, uuid):
    [rec] = [r for r in book.records if (r.table, r.uuid) == (table, uuid)]
    return rec


# -- the migration ---------------------------------------------------------------------------------------------------
def test_an_old_sponsor_database_with_marks_migrates_to_marks_per_site_and_field(sponsor_db, make_site, sponsor_keys,
                                                                              monkeypatch):
    """A sponsor database one step before the field-SDV migration (found by its description), holding a whole-record
    mark and a field mark a site monitor made (received, but not merged by that release), opens migrated: the mark is
    kept (field ''), the site's field mark joins it (audited), and a field mark can be stored beside them."""
    before = [m[1] for m in sponsor_store.MIGRATIONS].index(sponsor_store.FIELD_SDV_MIGRATION)
    old_set = runner.MigrationSet("sponsor", "sponsor_schema", sponsor_store.MIGRATIONS[:before])
    site = make_site("BY01", subjects=3, seed=3)
    a = _sledai(site)
    mon = site_app.login(site.store, "demo.monitor", DEMO_PASSWORD)
    with monkeypatch.context() as m:  # the previous release: its migrations only, and it merged no field marks
        m.setattr(sponsor_store, "SPONSOR", old_set)
        m.setattr(sponsor_store, "LATEST", old_set.latest)
        merge = sponsor_returns.merge_site_monitoring
        m.setattr(sponsor_returns, "merge_site_monitoring", lambda conn, su, touched, **kw: merge(
            conn, su, [(t, r) for t, r in touched if t != "site_sdv"], **kw))
        link(site, sponsor_db, sponsor_keys)
        send(site, sponsor_db, sponsor_keys)
        site_sdv.mark_verified(mon, "sledai_assessments", a["uuid"], "pga")
        send(site, sponsor_db, sponsor_keys)
        rec = sponsor_query(sponsor_db, "SELECT site_uuid, data, change_seq FROM records WHERE tbl = "
                                        "'sledai_assessments' AND uuid = ?", (a["uuid"],))[0]
        old = sponsor_store.open_sponsor_store(sponsor_db)
        try:
            assert "field" not in old.columns("sdv_marks")
            with old.transaction() as conn:
                conn.execute("INSERT INTO sdv_marks (site_uuid, record_table, record_uuid, content_hash, change_seq, "
                             "monitor, marked_at, source) VALUES (?, 'sledai_assessments', ?, ?, ?, 'mona', "
                             "'2026-06-01T10:00:00+00:00', 'sponsor')",
                             (rec["site_uuid"], a["uuid"], sponsor_returns.content_hash_of(
                                 "sledai_assessments", json.loads(rec["data"])), rec["change_seq"]))
        finally:
            old.close()
    store = sponsor_store.open_sponsor_store(sponsor_db)
    try:
        recorded = store.query("SELECT version, description FROM sponsor_schema ORDER BY version")
        assert recorded[-1] == {"version": sponsor_store.LATEST, "description": sponsor_store.FIELD_SDV_MIGRATION}
        kept, merged = store.query("SELECT * FROM sdv_marks ORDER BY field")
        assert (kept["field"], kept["monitor"], kept["source"], kept["record_uuid"]) == ("", "mona", "sponsor",
                                                                                       a["uuid"])
        assert (merged["field"], merged["monitor"], merged["source"]) == ("pga", "demo.monitor", "site")
        [row] = store.query("SELECT * FROM sponsor_audit WHERE \"table\" = 'sdv_marks'")
        assert (row["user"], row["field"], row["reason"]) == (
            "sponsor migration", "pga", "source data verified by a monitor at the site, received in bundle 2")
        assert sponsor_returns.verify_audit(store).ok
        dm = _dm(sponsor_db)
        try:
            rec = _record(cases.casebook(dm, a["subject_uuid"], "BY01"), "sledai_assessments", a["uuid"])
            assert rec.sdv and rec.sdv_by == "mona"
            assert [(f.field, f.monitor, f.valid) for f in rec.field_sdv] == [("pga", "demo.monitor", True)]
            cases.mark_sdv(dm, "sledai_assessments", a["uuid"], site_code="BY01", field_name="score")
            assert store.scalar("SELECT count(*) FROM sdv_marks") == 3
        finally:
            dm.store.close()
        if isinstance(sponsor_db, Path):  # SQLite: the copy taken before migrating
            assert list(sponsor_db.parent.glob(f"{sponsor_db.stem}.before-sponsor-migration-v{before}.*"))
    finally:
        store.close()
    # opening again applies nothing
    with sponsor_store.open_sponsor_store(sponsor_db) as again:
        assert sponsor_store.migrate(again) == []


def test_a_site_database_with_sponsor_marks_migrates_keeping_them(tmp_path):
    from sle_desktop.store.db import Store

    before = [m[1] for m in runner.MIGRATIONS].index(runner.SPONSOR_FIELD_SDV_MIGRATION)
    path = tmp_path / "old-site.sqlite"
    with Store.open(path, migrate=False) as store:
        runner.migrate(store, target=runner.MIGRATIONS[before - 1][0])
        with store.transaction() as conn:
            conn.execute("INSERT INTO sdv_marks (record_table, record_uuid, content_hash, monitor, marked_at, "
                         "return_seq) VALUES ('labs', 'L1', ?, 'mona', '2026-06-01T10:00:00+00:00', 3)", ("a" * 64,))
    with Store.open(path) as store:
        assert runner.current_version(store) == runner.LATEST
        assert store.query("SELECT record_table, record_uuid, field, monitor, return_seq FROM sdv_marks") == [
            {"record_table": "labs", "record_uuid": "L1", "field": "", "monitor": "mona", "return_seq": 3}]


# -- field marks: at the sponsor, in the return bundle, at the site ----------------------------------------------
def test_a_field_mark_at_the_sponsor_travels_to_the_site_and_drops_when_its_value_changes(
        sponsor_db, make_site, sponsor_keys, tmp_path, capsys):
    from sle_desktop.cli import sponsor_main

    site = make_site("BY01", subjects=3, seed=3)
    link(site, sponsor_db, sponsor_keys)
    send(site, sponsor_db, sponsor_keys)
    a = _sledai(site)
    audit_before = sponsor_query(sponsor_db, "SELECT count(*) AS n FROM sponsor_audit")[0]["n"]
    # bad input: a field the record does not have, and a bookkeeping column: refused, nothing written
    for bad in ("no_such_field", "change_seq", "subject_uuid"):
        with pytest.raises(SyncError, match=f"has no data field '{bad}'; nothing was marked"):
            sponsor_queries.mark_sdv(sponsor_db, site="BY01", record=a["uuid"], field=bad, user="mona")
    assert sponsor_query(sponsor_db, "SELECT count(*) AS n FROM sdv_marks")[0]["n"] == 0
    assert sponsor_query(sponsor_db, "SELECT count(*) AS n FROM sponsor_audit")[0]["n"] == audit_before
    # the command line: --field marks one value; without it the record, exactly as before
    code = sponsor_main(["sdv", "--db", str(sponsor_db), "--site", "BY01", "--record", a["uuid"], "--field", "pga"])
    out = capsys.readouterr().out
    assert code == 0 and f"field pga of sledai_assessments record {a['uuid']} marked source-data-verified" in out
    [mark] = sponsor_query(sponsor_db, "SELECT * FROM sdv_marks")
    assert (mark["field"], mark["source"]) == ("pga", "sponsor")
    assert mark["content_hash"] == field_content_hash("sledai_assessments", a["uuid"], "pga", a["pga"])
    [row] = sponsor_query(sponsor_db, "SELECT * FROM sponsor_audit WHERE \"table\" = 'sdv_marks'")
    assert (row["row_id"], row["field"]) == (a["uuid"], "pga") and '"field":"pga"' in row["new"]
    assert sponsor_queries.sponsor_audit_check(sponsor_db).ok
    # the whole record is not SDV'd by a field mark: progress and the not-SDV'd filter as before
    dm = _dm(sponsor_db)
    try:
        rec = _record(cases.casebook(dm, a["subject_uuid"], "BY01"), "sledai_assessments", a["uuid"])
        assert not rec.sdv and [(f.field, f.valid, f.monitor) for f in rec.field_sdv] == [("pga", True, mark["monitor"])]
        [subject] = [r for r in review.subject_rows(dm) if r.subject_uuid == a["subject_uuid"]]
        assert subject.verified == 0
    finally:
        dm.store.close()
    # the return bundle: the field line carries `field`; a whole-record line has none (as earlier releases read it)
    code = sponsor_main(["sdv", "--db", str(sponsor_db), "--site", "BY01", "--record", a["subject_uuid"]])
    assert code == 0 and f"subjects record {a['subject_uuid']} marked source-data-verified" in capsys.readouterr().out
    ret = return_bundle(sponsor_db, sponsor_keys, tmp_path / "r1")
    assert ret.sdv_marks == 2
    lines = {(line["record_uuid"], line.get("field")): line for line in return_lines(site, ret.path)
             if line["type"] == "sdv"}
    assert set(lines) == {(a["uuid"], "pga"), (a["subject_uuid"], None)}
    assert "field" not in lines[(a["subject_uuid"], None)]
    # the site shows the sponsor's field mark as it shows its own monitor's
    result = site_returns.import_return(site.session, ret.path)
    assert result.sdv_marks == 2
    mon = site_app.login(site.store, "demo.monitor", DEMO_PASSWORD)
    status = site_sdv.sdv_status(mon, "sledai_assessments", a["uuid"], "pga")
    assert status is not None and status.valid and status.field == "pga"
    assert site_sdv.sdv_status(mon, "sledai_assessments", a["uuid"]) is None  # no whole-record mark
    assert site_sdv.sdv_status(mon, "subjects", a["subject_uuid"]).valid
    site_mark = site_sdv.mark_verified(mon, "sledai_assessments", a["uuid"], "score")
    shown = site_sdv.field_verifications(mon, "sledai_assessments", a["uuid"])
    assert {f: (v.valid, v.by_sponsor) for f, v in shown.items()} == {"pga": (True, True), "score": (True, False)}
    assert site_mark.valid
    assert any(i.record_uuid == a["uuid"] for i in site_sdv.monitoring_queue(mon))  # the record itself still waits
    assert site_returns.import_return(site.session, return_bundle(sponsor_db, sponsor_keys, tmp_path / "r2").path
                                      ).sdv_marks == 0  # cumulative: the same marks again change nothing
    # the PGA value changes at the site: the field mark drops at the site, and at the sponsor once the change arrives
    inv = user(site, "demo.investigator", "investigator")
    visits.save_sledai(inv, a["visit_uuid"], {"rash"}, 2.5, reason="PGA corrected from the source")
    assert not site_sdv.sdv_status(mon, "sledai_assessments", a["uuid"], "pga").valid
    assert not site_sdv.field_verifications(mon, "sledai_assessments", a["uuid"])["pga"].valid
    send(site, sponsor_db, sponsor_keys)
    dm = _dm(sponsor_db)
    try:
        rec = _record(cases.casebook(dm, a["subject_uuid"], "BY01"), "sledai_assessments", a["uuid"])
        marks = {f.field: f for f in rec.field_sdv}
        assert not marks["pga"].valid
        assert marks["score"].monitor == "demo.monitor"  # the site monitor's field mark merged at the sponsor
    finally:
        dm.store.close()
    merged = sponsor_query(sponsor_db, "SELECT field, source FROM sdv_marks WHERE record_uuid = ? ORDER BY field",
                           (a["uuid"],))
    assert merged == [{"field": "pga", "source": "sponsor"}, {"field": "score", "source": "site"}]
    # the sponsor's return does not echo the site's own mark back
    lines = [x for x in return_lines(site, return_bundle(sponsor_db, sponsor_keys, tmp_path / "r3").path)
             if x["type"] == "sdv"]
    assert sorted((x["record_uuid"], x.get("field")) for x in lines) == sorted([(a["uuid"], "pga"),
                                                                                (a["subject_uuid"], None)])


def test_a_field_mark_holds_while_other_fields_of_the_record_change(sponsor_db, make_site, sponsor_keys):
    site = make_site("BY01", subjects=3, seed=3)
    link(site, sponsor_db, sponsor_keys)
    send(site, sponsor_db, sponsor_keys)
    a = _sledai(site)
    sponsor_queries.mark_sdv(sponsor_db, site="BY01", record=a["uuid"], table="sledai_assessments", field="pga",
                             user="mona")
    sponsor_queries.mark_sdv(sponsor_db, site="BY01", record=a["uuid"], table="sledai_assessments", user="mona")
    inv = user(site, "demo.investigator", "investigator")
    visits.save_sledai(inv, a["visit_uuid"], {"rash", "fever"}, a["pga"], reason="fever missed")
    send(site, sponsor_db, sponsor_keys)
    dm = _dm(sponsor_db)
    try:
        rec = _record(cases.casebook(dm, a["subject_uuid"], "BY01"), "sledai_assessments", a["uuid"])
        assert not rec.sdv  # the record changed: the whole-record mark no longer holds
        assert [(f.field, f.valid) for f in rec.field_sdv] == [("pga", True)]  # the PGA value did not
    finally:
        dm.store.close()


# -- the same record UUID at two sites ----------------------------------------------------------------------------
def test_two_sites_with_the_same_record_uuid_are_kept_apart(sponsor_db, make_site, sponsor_keys, tmp_path):
    """Two sites send a record under the same UUID: both are imported, and a query or SDV mark on one site's record
    never shows on, or travels to, the other site's."""
    first, second = make_site("BY01", subjects=4, seed=3), make_site("BY02", subjects=4, seed=4)
    shared, subject1, subject2 = shared_record(first, second)
    for s in (first, second):
        link(s, sponsor_db, sponsor_keys)
        send(s, sponsor_db, sponsor_keys)
    held = sponsor_query(sponsor_db, "SELECT s.code FROM records r JOIN sites s USING (site_uuid) WHERE r.tbl = "
                                     "'con_meds' AND r.uuid = ? ORDER BY s.code", (shared,))
    assert [h["code"] for h in held] == ["BY01", "BY02"]
    dm = _dm(sponsor_db)
    try:
        with pytest.raises(Exception, match="Two sites have a record"):
            cases.mark_sdv(dm, "con_meds", shared)
        # the data manager acts on BY02's record only: a query, a field mark and a record mark
        q = cases.raise_query(dm, "con_meds", shared, "drug", "Which aspirin dose?", site_code="BY02")
        cases.mark_sdv(dm, "con_meds", shared, site_code="BY02", field_name="drug")
        cases.mark_sdv(dm, "con_meds", shared, site_code="BY02")
        one = _record(cases.casebook(dm, subject1, "BY01"), "con_meds", shared)
        two = _record(cases.casebook(dm, subject2, "BY02"), "con_meds", shared)
        assert (one.sdv, one.field_sdv, one.queries) == (False, (), ())
        assert two.sdv and [f.field for f in two.field_sdv] == ["drug"] and [x.uuid for x in two.queries] == [q.uuid]
        rows = {r.subject_uuid: r for r in review.subject_rows(dm)}
        assert (rows[subject1].site_code, rows[subject1].open_queries, rows[subject1].verified) == ("BY01", 0, 0)
        assert (rows[subject2].site_code, rows[subject2].open_queries, rows[subject2].verified) == ("BY02", 1, 1)
        assert {o.code: o.open_queries for o in review.sites_overview(dm)} == {"BY01": 0, "BY02": 1}
    finally:
        dm.store.close()
    # the return bundles: BY02's carries the query and both marks, BY01's none of them
    ret1 = return_bundle(sponsor_db, sponsor_keys, tmp_path / "r-by01", site_code="BY01")
    ret2 = return_bundle(sponsor_db, sponsor_keys, tmp_path / "r-by02", site_code="BY02")
    assert (ret1.queries, ret1.sdv_marks, ret2.queries, ret2.sdv_marks) == (0, 0, 1, 2)
    assert not [x for x in return_lines(first, ret1.path) if x["type"] in ("query", "sdv")]
    assert sorted((x["type"], x.get("field", "")) for x in return_lines(second, ret2.path)
                  if x["type"] in ("query", "sdv")) == [("query", ""), ("sdv", ""), ("sdv", "drug")]
    # each site takes only its own return bundle, and only its record is marked and queried
    with pytest.raises(Exception, match="is addressed to site BY02, not to this site"):
        site_returns.import_return(first.session, ret2.path)
    site_returns.import_return(first.session, ret1.path)
    site_returns.import_return(second.session, ret2.path)
    assert first.store.scalar("SELECT count(*) FROM queries") == 0
    assert first.store.scalar("SELECT count(*) FROM sdv_marks") == 0
    mon = site_app.login(second.store, "demo.monitor", DEMO_PASSWORD)
    assert site_sdv.sdv_status(mon, "con_meds", shared, "drug").valid
    assert site_sdv.sdv_status(mon, "con_meds", shared).valid
    assert site_queries.get_query(mon, q.uuid).status == "open"
