"""Two `sle-sponsor import` processes at the same time, on each backend: different sites both import; the same
bundle twice = one import and one "already imported" after waiting; never a half import, a duplicate or a gap."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from sync_helpers import register
from testkit import meet_there, side_by_side

from sle_desktop.sponsor import db as sponsor_store
from sle_desktop.sponsor import operations as sponsor


def _start(sponsor_db, sponsor_keys, bundle_path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "sle_desktop.cli.sponsor", "import", "--db", str(sponsor_db), "--key",
         str(sponsor_keys.key_path), str(bundle_path)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ))


def _finish(proc: subprocess.Popen) -> tuple[int, str]:
    out, err = proc.communicate(timeout=120)
    return proc.returncode, (out + err).strip()


def _state(sponsor_db) -> dict:
    with sponsor_store.open_sponsor_store(sponsor_db) as store:
        return {
            "bundles": store.query("SELECT site_uuid, bundle_seq FROM bundles ORDER BY site_uuid, bundle_seq"),
            "records": store.scalar("SELECT count(*) FROM records"),
            "audit": store.scalar("SELECT count(*) FROM audit"),
            "gaps": store.scalar("SELECT count(*) FROM sites s WHERE head_seq <> (SELECT coalesce(max(seq), 0) "
                                 "FROM audit a WHERE a.site_uuid = s.site_uuid) OR head_seq <> (SELECT count(*) "
                                 "FROM audit a WHERE a.site_uuid = s.site_uuid)"),
        }


def _hold_import_lock(sponsor_db, site_uuid: str):
    """Hold what an import of `site_uuid` must take first (SQLite: the write lock; PostgreSQL: the site's row)."""
    store = sponsor_store.open_sponsor_store(sponsor_db)
    tx = store.transaction()
    tx.__enter__()
    assert store.query_one("SELECT code FROM sites WHERE site_uuid = ?" + store.row_lock, (site_uuid,))
    return store, tx


def test_two_sites_imported_at_the_same_time_both_succeed(make_site, sponsor_db, sponsor_keys):
    a, b = make_site("BY01", subjects=6, seed=1), make_site("BY02", subjects=6, seed=2)
    register(a, sponsor_db)
    register(b, sponsor_db)
    ea, eb = a.export(), b.export()
    procs = [_start(sponsor_db, sponsor_keys, ea.path), _start(sponsor_db, sponsor_keys, eb.path)]
    results = [_finish(p) for p in procs]
    assert all(code == 0 and "imported 1 bundle" in text for code, text in results), results
    state = _state(sponsor_db)
    assert len(state["bundles"]) == 2 and state["gaps"] == 0
    assert state["audit"] == ea.to_seq + eb.to_seq
    assert all(s.chain_ok for s in sponsor.status(sponsor_db))


def test_while_one_site_imports_another_site_is_not_held_up_on_postgresql(make_site, pg_url, sponsor_keys):
    a, b = make_site("BY01", subjects=3, seed=1), make_site("BY02", subjects=3, seed=2)
    register(a, pg_url)
    register(b, pg_url)
    ea, eb = a.export(), b.export()
    holder, tx = _hold_import_lock(pg_url, a.store.scalar("SELECT site_uuid FROM site"))
    try:
        waiting = _start(pg_url, sponsor_keys, ea.path)
        code, text = _finish(_start(pg_url, sponsor_keys, eb.path))
        assert code == 0 and "BY02 #1" in text, text
        assert waiting.poll() is None  # BY01's import still waits for its site
    finally:
        tx.__exit__(None, None, None)
        holder.close()
    code, text = _finish(waiting)
    assert code == 0 and "BY01 #1" in text, text


def test_the_same_bundle_twice_at_once_is_imported_once(make_site, sponsor_db, sponsor_keys):
    site = make_site("BY01", subjects=6, seed=1)
    register(site, sponsor_db)
    exported = site.export()
    site_uuid = site.store.scalar("SELECT site_uuid FROM site")
    holder, tx = _hold_import_lock(sponsor_db, site_uuid)
    try:  # both processes reach the import and wait, then go one after the other
        procs = [_start(sponsor_db, sponsor_keys, exported.path) for _ in range(2)]
        time.sleep(2.0)
        assert all(p.poll() is None for p in procs), [_finish(p) for p in procs if p.poll() is not None]
    finally:
        tx.__exit__(None, None, None)
        holder.close()
    results = sorted(_finish(p) for p in procs)
    assert [code for code, _t in results] == [0, 0], results
    texts = " | ".join(t for _c, t in results)
    assert texts.count("imported 1 bundle") == 1 and texts.count("already imported") == 1, texts
    state = _state(sponsor_db)
    assert len(state["bundles"]) == 1 and state["audit"] == exported.to_seq and state["gaps"] == 0


def test_two_bundles_of_one_site_at_once_never_leave_a_gap(make_site, sponsor_db, sponsor_keys):
    site = make_site("BY01", subjects=4, seed=1)
    register(site, sponsor_db)
    first = site.export()
    from sle_desktop.app import demo

    demo.make_demo(site.store, subjects_count=2, seed=9, today=__import__("datetime").date(2026, 6, 1))
    second = site.export()
    procs = [_start(sponsor_db, sponsor_keys, second.path), _start(sponsor_db, sponsor_keys, first.path)]
    results = [_finish(p) for p in procs]
    assert results[1][0] == 0, results  # bundle 1 always imports
    state = _state(sponsor_db)
    assert state["gaps"] == 0
    if results[0][0] == 0:
        assert [b["bundle_seq"] for b in state["bundles"]] == [1, 2]
    else:  # bundle 2 came first and was refused as a gap, clearly; nothing of it was written
        assert "missing bundle 1" in results[0][1] and "Traceback" not in results[0][1]
        assert [b["bundle_seq"] for b in state["bundles"]] == [1]
        assert sponsor.import_bundles(sponsor_db, sponsor_keys.key_path, [second.path])[0].result.status == "imported"
    assert all(s.chain_ok for s in sponsor.status(sponsor_db))


def test_two_sites_sending_one_subject_uuid_at_the_same_time_cannot_both_keep_it(make_site, sponsor_db, sponsor_keys,
                                                                                   monkeypatch):
    """An insider at BY01 gives a new subject the UUID of BY02's subject, and both bundles are imported at the same
    moment: each import's check for another site's UUID runs before either commits (a barrier holds both there).
    One bundle is imported and the other refused, and no subject UUID ends up at both sites."""
    from sle_desktop.sponsor import importer
    from sle_desktop.store import records
    from sle_desktop.sync.errors import BundleRejected

    a, b = make_site("BY01", subjects=2, seed=1), make_site("BY02", subjects=2, seed=2)
    register(a, sponsor_db)
    register(b, sponsor_db)
    theirs = b.store.scalar("SELECT uuid FROM subjects ORDER BY subject_id LIMIT 1")
    records.insert(a.store, "subjects", {"screening_number": "BY01-S9999", "status": "screened", "sex": "F",
                                         "year_of_birth": 1990}, user="demo.investigator", record_uuid=theirs)
    paths = [a.export().path, b.export().path]
    # where both imports have looked and neither has committed (or, with the fix, the other waits)
    meet_there(monkeypatch, importer, "uuid_clash", after=True)
    outcomes: dict = {}

    def run(path):
        [outcomes[path]] = sponsor.import_bundles(sponsor_db, sponsor_keys.key_path, [path])

    side_by_side(run, paths)
    assert len(outcomes) == 2
    refused = [o for o in outcomes.values() if o.error is not None]
    assert len(refused) == 1, [o.error or o.result.message for o in outcomes.values()]
    assert isinstance(refused[0].error, BundleRejected) and refused[0].error.reason == "foreign"
    assert f"subjects record {theirs} has the UUID of another site's record" in str(refused[0].error)
    with sponsor_store.open_sponsor_store(sponsor_db) as store:
        assert store.scalar("SELECT count(*) FROM records WHERE tbl = 'subjects' AND uuid = ?", (theirs,)) == 1
        assert store.scalar("SELECT count(*) FROM bundles") == 1


def test_two_site_databases_registering_one_site_code_at_the_same_moment_one_is_refused(make_site, sponsor_db,
                                                                                         monkeypatch):
    """Two installations both calling themselves BY01 are registered at the same moment: one is registered, the
    other refused with the usual sentence (not the database's duplicate-key error)."""
    from sle_desktop.domain.errors import ConflictError

    first, second = make_site("BY01", subjects=1, seed=1), make_site("BY01", subjects=1, seed=2)
    assert first.store.scalar("SELECT site_uuid FROM site") != second.store.scalar("SELECT site_uuid FROM site")
    sponsor_store.open_sponsor_store(sponsor_db, create=True).close()
    # each has found the code free and written its site (unless one waits for the other)
    meet_there(monkeypatch, sponsor_store, "log", when=lambda conn, **kw: kw.get("action") == "register_site")
    registered, refused = [], []

    def run(site):
        try:
            registered.append(register(site, sponsor_db).code)
        except ConflictError as exc:
            refused.append(str(exc))
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            refused.append(f"unexpected {type(exc).__name__}: {exc}")

    side_by_side(run, (first, second))
    assert registered == ["BY01"] and len(refused) == 1, (registered, refused)
    assert "Site code BY01 is already registered for another site database" in refused[0]
    with sponsor_store.open_sponsor_store(sponsor_db) as store:
        assert store.scalar("SELECT count(*) FROM sites") == 1
