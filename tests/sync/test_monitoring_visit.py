"""Closing the casebook, end to end: the monitor's visit at the site (SDV and queries offline, merged at the
sponsor without duplicates), locks and the sign-off travelling in the bundle, the sponsor's lock and unlock
requests in a return bundle, and the ODM export of the lock state (valid against the official schema)."""

from __future__ import annotations

from pathlib import Path

import pytest
from return_helpers import link, return_bundle, send, sponsor_query, user

from sle_desktop.app import locks, queries, returns, sdv, site, visits
from sle_desktop.app.demo import DEMO_PASSWORD
from sle_desktop.app.errors import PermissionDenied
from sle_desktop.sponsor import operations as sponsor
from sle_desktop.sponsor import queries as sponsor_queries
from sle_desktop.sync.errors import BundleRejected, SyncError


def _login(s, username):
    return site.login(s.store, username, DEMO_PASSWORD)


def _sledai(s, subject_id: str, visit_code: str = "baseline") -> dict:
    return s.store.query_one(
        "SELECT a.uuid, a.subject_uuid, a.visit_uuid, a.pga FROM sledai_assessments a JOIN visits v ON v.uuid = a.visit_uuid "
        "JOIN subjects s ON s.uuid = a.subject_uuid WHERE s.subject_id = ? AND v.visit_code = ? AND a.deleted = 0",
        (subject_id, visit_code))


def test_site_sdv_and_queries_make_the_round_trip(make_site, sponsor_db, sponsor_keys, tmp_path):
    s = make_site("BY01", subjects=4, seed=3)
    link(s, sponsor_db, sponsor_keys)
    send(s, sponsor_db, sponsor_keys)
    mon, inv = _login(s, "demo.monitor"), _login(s, "demo.investigator")
    a = _sledai(s, "BY01-0001")
    # the monitor verifies a record and one field, and raises a query; clinical data stays out of reach
    whole = sdv.mark_verified(mon, "sledai_assessments", a["uuid"])
    field = sdv.mark_verified(mon, "sledai_assessments", a["uuid"], "pga")
    assert whole.valid and field.valid and whole.monitor == "demo.monitor"
    with pytest.raises(PermissionDenied):
        visits.save_sledai(mon, a["visit_uuid"], {"rash"}, 1.0, reason="x")
    q = queries.raise_query(mon, "sledai_assessments", a["uuid"], "pga", "PGA differs from the source notes.")
    assert (q.status, q.raised_by) == ("open", "demo.monitor")
    assert all(i.record_uuid != a["uuid"] for i in sdv.monitoring_queue(mon))
    # a clinician answers at the site; both travel in the next bundle and merge at the sponsor
    queries.answer_query(inv, q.uuid, "Checked: the source says 1.0.")
    send(s, sponsor_db, sponsor_keys)
    [sq] = sponsor_query(sponsor_db, "SELECT * FROM queries WHERE uuid = ?", (q.uuid,))
    assert (sq["origin"], sq["status"], sq["version"], sq["answer"]) == ("site", "answered", 0,
                                                                         "Checked: the source says 1.0.")
    marks = sponsor_query(sponsor_db, "SELECT * FROM sdv_marks WHERE record_uuid = ? ORDER BY field", (a["uuid"],))
    assert [(m["field"], m["source"], m["monitor"]) for m in marks] == [("", "site", "demo.monitor"),
                                                                        ("pga", "site", "demo.monitor")]
    # the same bundle content again adds nothing (no duplicates); the return bundle does not echo the site mark
    ret = return_bundle(sponsor_db, sponsor_keys, tmp_path / "r1")
    assert ret.sdv_marks == 0
    assert returns.import_return(s.session, ret.path).queries_updated == 0
    assert queries.get_query(inv, q.uuid).status == "answered"  # answered at the site: not closed until the sponsor
    send(s, sponsor_db, sponsor_keys)
    assert len(sponsor_query(sponsor_db, "SELECT uuid FROM queries WHERE uuid = ?", (q.uuid,))) == 1
    # the sponsor closes it: closed at the site after the next return bundle
    sponsor_queries.close_query(sponsor_db, q.uuid, reason="resolved")
    ret = return_bundle(sponsor_db, sponsor_keys, tmp_path / "r2")
    assert returns.import_return(s.session, ret.path).queries_updated == 1
    assert queries.get_query(inv, q.uuid).status == "closed"
    # the verified value changes: the mark drops, visibly, and the record returns to the monitor's queue
    visits.save_sledai(inv, a["visit_uuid"], {"rash", "fever"}, a["pga"], reason="fever missed")
    dropped = {m.field: m.valid for m in sdv.site_sdv_marks(mon)}
    assert dropped == {"": False, "pga": True}  # the record changed; the PGA value itself did not
    [item] = [i for i in sdv.monitoring_queue(mon) if i.record_uuid == a["uuid"]]
    assert (item.state, item.verified_by) == ("changed", "demo.monitor")


def test_monitor_actions_are_the_monitors_only(make_site):
    s = make_site("BY01", subjects=2, seed=3)
    a = _sledai(s, "BY01-0001")
    for who in (_login(s, "demo.investigator"), _login(s, "demo.coordinator"), _login(s, "demo.admin")):
        with pytest.raises(PermissionDenied):
            sdv.mark_verified(who, "sledai_assessments", a["uuid"])
        with pytest.raises(PermissionDenied):
            queries.raise_query(who, "sledai_assessments", a["uuid"], "pga", "?")
    assert s.store.scalar("SELECT count(*) FROM site_sdv") == 0


def _window_overview_shows(sponsor_db, expected: dict) -> None:
    """The sponsor window's sites overview (as a data manager) carries these casebook columns."""
    from testkit import PASSWORD

    from sle_desktop.sponsor import accounts, review
    from sle_desktop.sponsor import db as sponsor_store

    store = sponsor_store.open_sponsor_store(sponsor_db)
    try:
        dm = accounts.create_first_data_manager(store, username="dana", display_name="Dana Manager", password=PASSWORD)
        [o] = review.sites_overview(dm)
        assert dict(o.extra) == expected
    finally:
        store.close()


def test_locks_and_sign_off_travel_and_show_at_the_sponsor(make_site, sponsor_db, sponsor_keys, tmp_path, odm_schema):
    s = make_site("BY01", subjects=3, seed=3)
    link(s, sponsor_db, sponsor_keys)
    inv = _login(s, "demo.investigator")
    a = _sledai(s, "BY01-0001")
    locks.sign_casebook(inv, a["subject_uuid"], password=DEMO_PASSWORD)
    locks.lock_casebook(inv, a["subject_uuid"], reason="casebook complete")
    b = _sledai(s, "BY01-0002")
    locks.lock_visit(inv, b["visit_uuid"], reason="baseline monitored")
    send(s, sponsor_db, sponsor_keys)
    books = {c.subject_id: c for c in sponsor.casebooks(sponsor_db)}
    assert (books["BY01-0001"].sign_off, books["BY01-0001"].casebook_locked) == ("signed", True)
    assert (books["BY01-0002"].sign_off, books["BY01-0002"].locked_visits) == (None, 1)
    [st] = sponsor.status(sponsor_db)
    assert (st.casebooks_signed, st.casebooks_locked, st.casebooks_invalidated) == (1, 1, 0)
    _window_overview_shows(sponsor_db, {"Casebooks signed off · locked / subjects": "1 · 1 / 3"})
    odm = sponsor.export_odm(sponsor_db, tmp_path / "study.xml")
    assert odm_schema.validate(_parse(tmp_path / "study.xml")), odm_schema.error_log
    text = (tmp_path / "study.xml").read_text("utf-8")
    assert text.count('CodeListOID="CL.LOCK_STATE">locked<') == 2 and "SD.APPROVED" in text
    assert odm.path if hasattr(odm, "path") else True
    # unlocked and changed at the site: the sponsor shows the sign-off invalidated
    admin = _login(s, "demo.admin")
    locks.unlock(admin, locks.subject_locks(admin, a["subject_uuid"]).casebook.uuid, reason="late correction")
    visits.save_sledai(inv, a["visit_uuid"], {"rash", "fever"}, 1.0, reason="fever missed")
    send(s, sponsor_db, sponsor_keys)
    books = {c.subject_id: c for c in sponsor.casebooks(sponsor_db)}
    assert (books["BY01-0001"].sign_off, books["BY01-0001"].casebook_locked) == ("invalidated", False)
    sponsor.export_odm(sponsor_db, tmp_path / "study2.xml")
    assert odm_schema.validate(_parse(tmp_path / "study2.xml")), odm_schema.error_log
    assert "signoff_invalidated" in (tmp_path / "study2.xml").read_text("utf-8")


def test_sponsor_requested_lock_and_unlock(make_site, sponsor_db, sponsor_keys, tmp_path):
    s = make_site("BY01", subjects=3, seed=3)
    link(s, sponsor_db, sponsor_keys)
    send(s, sponsor_db, sponsor_keys)
    ret = return_bundle(sponsor_db, sponsor_keys, tmp_path / "r1", lock=["BY01-0001"])
    assert ret.lock_requests == (("lock", ("BY01-0001",)),)
    result = returns.import_return(s.session, ret.path)
    assert result.casebooks_locked == 1
    subject = s.store.scalar("SELECT uuid FROM subjects WHERE subject_id = 'BY01-0001'")
    inv = _login(s, "demo.investigator")
    book = locks.subject_locks(inv, subject).casebook
    assert book.requested_by == ret_user(sponsor_db) and book.requested_at
    assert "sponsor's request" in book.description
    # cumulative return bundles: the request is not applied twice (the admin's unlock stands)
    locks.unlock(_login(s, "demo.admin"), book.uuid, reason="query to answer")
    ret = return_bundle(sponsor_db, sponsor_keys, tmp_path / "r2")
    assert returns.import_return(s.session, ret.path).casebooks_locked == 0
    assert locks.subject_locks(inv, subject).casebook is None
    # end-of-study lock: every casebook
    ret = return_bundle(sponsor_db, sponsor_keys, tmp_path / "r3", lock_all=True)
    assert returns.import_return(s.session, ret.path).casebooks_locked == 3
    send(s, sponsor_db, sponsor_keys)
    assert all(c.casebook_locked and c.lock_requested_by for c in sponsor.casebooks(sponsor_db))
    # the sponsor's unlock request
    ret = return_bundle(sponsor_db, sponsor_keys, tmp_path / "r4", unlock=["BY01-0002"])
    assert returns.import_return(s.session, ret.path).casebooks_unlocked == 1
    other = s.store.scalar("SELECT uuid FROM subjects WHERE subject_id = 'BY01-0002'")
    assert locks.subject_locks(inv, other).casebook is None


def ret_user(sponsor_db) -> str:
    return sponsor_query(sponsor_db, "SELECT requested_by FROM lock_requests")[0]["requested_by"]


def test_lock_request_for_a_subject_the_site_does_not_have(make_site, sponsor_db, sponsor_keys, tmp_path):
    """At the sponsor an unknown subject is refused before anything is written; a return bundle that asks a site to
    lock a subject it does not have (another site's, or forged by the sponsor's tools) is refused whole."""
    s = make_site("BY01", subjects=2, seed=3)
    link(s, sponsor_db, sponsor_keys)
    send(s, sponsor_db, sponsor_keys)
    with pytest.raises(SyncError, match="has sent no subject 'BY01-0099'"):
        return_bundle(sponsor_db, sponsor_keys, tmp_path / "r0", lock=["BY01-0099"])
    assert sponsor_query(sponsor_db, "SELECT count(*) AS n FROM lock_requests")[0]["n"] == 0
    assert not list((tmp_path / "r0").iterdir())
    # a request naming a subject uuid this site never had (written straight into the sponsor database)
    import json
    import sqlite3

    su = sponsor_query(sponsor_db, "SELECT site_uuid FROM sites")[0]["site_uuid"]
    if isinstance(sponsor_db, Path):
        with sqlite3.connect(sponsor_db) as conn:
            conn.execute("INSERT INTO lock_requests VALUES ('11111111-2222-3333-4444-555555555555', ?, 'lock', "
                         "'subjects', ?, NULL, 'dm', '2026-06-01T00:00:00+00:00')",
                         (su, json.dumps([{"uuid": "99999999-0000-0000-0000-000000000000", "subject_id": "XX-1"}])))
        ret = return_bundle(sponsor_db, sponsor_keys, tmp_path / "r1")
        before = list(s.store.conn.iterdump())
        with pytest.raises(BundleRejected, match="subject XX-1, which this site does not have"):
            returns.import_return(s.session, ret.path)
        assert list(s.store.conn.iterdump()) == before


def test_return_bundle_lock_options_on_the_command_line(make_site, sponsor_db, sponsor_keys, tmp_path, capsys):
    from sle_desktop.cli import sponsor_main

    s = make_site("BY01", subjects=2, seed=3)
    link(s, sponsor_db, sponsor_keys)
    send(s, sponsor_db, sponsor_keys)
    out = tmp_path / "cli"
    out.mkdir()
    code = sponsor_main(["return-bundle", "--db", str(sponsor_db), "--key", str(sponsor_keys.key_path), "--site", "BY01",
                         "--out", str(out), "--lock", "BY01-0001", "BY01-0002"])
    assert code == 0 and "asks to lock BY01-0001 BY01-0002" in capsys.readouterr().out
    code = sponsor_main(["return-bundle", "--db", str(sponsor_db), "--key", str(sponsor_keys.key_path), "--site", "BY01",
                         "--out", str(out), "--unlock", "BY01-0001"])
    assert code == 0 and "asks to unlock BY01-0001" in capsys.readouterr().out
    code = sponsor_main(["return-bundle", "--db", str(sponsor_db), "--key", str(sponsor_keys.key_path), "--site", "BY01",
                         "--out", str(out), "--lock-all"])
    assert code == 0 and "asks to lock all casebooks" in capsys.readouterr().out
    code = sponsor_main(["return-bundle", "--db", str(sponsor_db), "--key", str(sponsor_keys.key_path), "--site", "BY01",
                         "--out", str(out), "--lock", "NOPE-1"])
    assert code != 0 and "has sent no subject 'NOPE-1'" in capsys.readouterr().err
    code = sponsor_main(["status", "--db", str(sponsor_db)])
    assert code == 0 and "casebooks: 0 signed" in capsys.readouterr().out


def _parse(path):
    from lxml import etree

    return etree.parse(str(path))


@pytest.fixture
def odm_schema():
    import odmlib
    from lxml import etree

    return etree.XMLSchema(etree.parse(str(Path(odmlib.__file__).parent / "schemas" / "odm" / "1.3.2" / "ODM1-3-2.xsd")))
