"""Migration 6: the subject list's per-subject summary kept by triggers.

The summary (visits done, last SELENA-SLEDAI and its visit date) must always equal what a full scan of
visits and assessments gives, after any write and after migrating a database that already holds data.
"""

import shutil
from datetime import date
from pathlib import Path

import pytest

from sle_desktop.app import demo, site, subjects, visits
from sle_desktop.store import migrations, records
from sle_desktop.store.db import Store

TODAY = date(2026, 6, 1)


def _scanned(store) -> dict:
    """The summary computed from scratch: {subject: (sorted done codes, last score, its visit date)}."""
    done, visit_date = {}, {}
    for v in store.query("SELECT uuid, subject_uuid, visit_code, visit_date FROM visits WHERE deleted = 0"):
        done.setdefault(v["subject_uuid"], []).append(v["visit_code"])
        visit_date[v["uuid"]] = v["visit_date"]
    last = {}
    for a in store.query("SELECT subject_uuid, visit_uuid, score, created_at FROM sledai_assessments "
                         "WHERE deleted = 0 ORDER BY rowid"):
        when = visit_date.get(a["visit_uuid"])
        if when is None:
            continue
        if a["subject_uuid"] not in last or (when, a["created_at"]) >= last[a["subject_uuid"]][0]:
            last[a["subject_uuid"]] = ((when, a["created_at"]), a["score"], when)
    out = {}
    for (s,) in store.conn.execute("SELECT uuid FROM subjects"):
        score, when = (last[s][1], last[s][2]) if s in last else (None, None)
        out[s] = (sorted(done.get(s, [])), score, when)
    return out


def _listed(store) -> dict:
    out = {}
    for r in store.query("SELECT s.uuid, l.done_codes, l.last_sledai, l.last_sledai_date FROM subjects s "
                         "LEFT JOIN subject_listing l ON l.subject_uuid = s.uuid"):
        codes = sorted(r["done_codes"].split(" ")) if r["done_codes"] else []
        out[r["uuid"]] = (codes, r["last_sledai"], r["last_sledai_date"])
    return out


OLD_SITE = Path(__file__).parent / "data" / "old-site-v5.sqlite"


def _demo_session(store):
    return site.login(store, demo.DEMO_USERS[0][0], demo.DEMO_PASSWORD)


def test_migrating_a_site_with_data_fills_the_summary_from_its_visits(tmp_path):
    path = tmp_path / "site.sqlite"
    shutil.copyfile(OLD_SITE, path)  # written by the release before the listing (schema 5), with data
    store = Store.open(path, migrate=False)
    assert migrations.current_version(store) == 5
    expected = _scanned(store)
    assert any(score is not None for _c, score, _w in expected.values())
    store.close()
    with Store.open(path) as store:
        assert migrations.current_version(store) >= 6
        assert _listed(store) == expected


def test_every_kind_of_write_keeps_the_summary_equal_to_a_full_scan(store):
    demo.make_demo(store, subjects_count=8, seed=5, today=TODAY)
    session = _demo_session(store)
    assert _listed(store) == _scanned(store)
    enrolled = [s for s in subjects.list_subjects(session, today=TODAY) if s.status == "enrolled" and s.last_sledai_date]
    first, second = enrolled[0], enrolled[1]
    user = session.username

    # a correction of the latest assessment
    latest_visit = store.query_one("SELECT uuid FROM visits WHERE subject_uuid = ? AND visit_date = ? AND deleted = 0",
                                   (first.uuid, first.last_sledai_date))["uuid"]
    current = visits.get_sledai(session, latest_visit)
    new_codes = frozenset({"arthritis"}) if current.codes != frozenset({"arthritis"}) else frozenset({"rash"})
    visits.save_sledai(session, latest_visit, new_codes, 1.0, reason="transcription error")
    assert _listed(store)[first.uuid][1] == 4
    assert _listed(store) == _scanned(store)

    # a new, later visit with its own assessment becomes the last one
    later = visits.record_visit(session, first.uuid, "unscheduled", TODAY, today=TODAY)
    visits.save_sledai(session, later.uuid, frozenset({"proteinuria", "hematuria"}), 1.5)
    assert _listed(store)[first.uuid][1:] == (8, TODAY.isoformat())
    assert "unscheduled" in _listed(store)[first.uuid][0]
    assert _listed(store) == _scanned(store)

    # the visit is deleted (soft delete): the summary falls back to the previous assessment
    records.update(store, "visits", later.uuid, {"deleted": 1}, user=user, reason="entered on the wrong patient")
    assert _listed(store)[first.uuid][1:] == (4, first.last_sledai_date)
    assert _listed(store) == _scanned(store)

    # a corrected visit date reorders the assessments
    oldest = store.query_one("SELECT v.uuid FROM visits v JOIN sledai_assessments a ON a.visit_uuid = v.uuid "
                             "WHERE v.subject_uuid = ? AND v.deleted = 0 ORDER BY v.visit_date LIMIT 1", (second.uuid,))
    records.update(store, "visits", oldest["uuid"], {"visit_date": "2026-05-31"}, user=user, reason="date typed wrong")
    assert _listed(store)[second.uuid][2] == "2026-05-31"
    assert _listed(store) == _scanned(store)

    # an assessment deleted outright
    a = store.query_one("SELECT uuid FROM sledai_assessments WHERE subject_uuid = ? AND deleted = 0", (second.uuid,))
    records.update(store, "sledai_assessments", a["uuid"], {"deleted": 1}, user=user, reason="duplicate entry")
    assert _listed(store) == _scanned(store)


def test_a_rolled_back_write_leaves_the_summary_as_it_was(store):
    demo.make_demo(store, subjects_count=4, seed=9, today=TODAY)
    session = _demo_session(store)
    before = _listed(store)
    subject = next(s for s in subjects.list_subjects(session, today=TODAY) if s.status == "enrolled")
    with pytest.raises(RuntimeError), store.transaction():
        v = visits.record_visit(session, subject.uuid, "unscheduled", TODAY, today=TODAY)
        visits.save_sledai(session, v.uuid, frozenset({"seizure"}), 3.0)
        raise RuntimeError("power cut")
    assert _listed(store) == before == _scanned(store)


def test_the_subject_list_reads_the_summary(store):
    """list_subjects shows the last SLEDAI and the next visit from the kept summary."""
    demo.make_demo(store, subjects_count=6, seed=2, today=TODAY)
    session = _demo_session(store)
    scanned = _scanned(store)
    for row in subjects.list_subjects(session, today=TODAY):
        _codes, score, when = scanned[row.uuid]
        assert (row.last_sledai, row.last_sledai_date) == (score, when)
