"""The sponsor window's use cases (sponsor.accounts, sponsor.review) on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import shutil
from datetime import timedelta

import pytest
from sync_helpers import add_sae, crafted_bundle, payload_reader, register  # noqa: F401 (a fixture)

from sle_desktop.domain.errors import AccountLocked, AuthenticationFailed, PermissionDenied, ValidationError
from sle_desktop.sponsor import accounts, review
from sle_desktop.sponsor import casebook as cases
from sle_desktop.sponsor import db as sponsor_db_mod
from sle_desktop.sponsor import returns as sponsor_returns
from sle_desktop.sponsor import safety_reports as sponsor_reports

PASSWORD = "correct horse battery"


def _open(db):
    return sponsor_db_mod.open_sponsor_store(db, create=True)


def test_sponsor_migrations_are_numbered_in_order_with_accounts_and_field_sdv_appended():
    descriptions = [m[1] for m in sponsor_db_mod.MIGRATIONS]
    assert descriptions.index(sponsor_db_mod.ACCOUNTS_MIGRATION) < descriptions.index(
        sponsor_db_mod.FIELD_SDV_MIGRATION)
    assert sponsor_db_mod.MIGRATIONS[-1][0] == sponsor_db_mod.LATEST
    assert [m[0] for m in sponsor_db_mod.MIGRATIONS] == list(range(1, len(sponsor_db_mod.MIGRATIONS) + 1))


def test_first_data_manager_login_and_lockout_are_audited(sponsor_db, monkeypatch):
    store = _open(sponsor_db)
    try:
        assert accounts.needs_first_user(store)
        dm = accounts.create_first_data_manager(store, username="dana", display_name="Dana Manager", password=PASSWORD)
        assert dm.role == "data_manager" and not accounts.needs_first_user(store)
        with pytest.raises(Exception, match="already exists"):
            accounts.create_first_data_manager(store, username="eve", display_name="Eve", password=PASSWORD)
        with pytest.raises(ValidationError, match="at least 10"):
            accounts.create_user(dm, username="stan", display_name="Stan", role="statistician", password="short")
        accounts.create_user(dm, username="stan", display_name="Stan Stat", role="statistician", password=PASSWORD)
        stan = accounts.login(store, "stan", PASSWORD)
        with pytest.raises(PermissionDenied):
            cases.raise_query(stan, "subjects", "x", "arm", "why?")
        for _ in range(4):
            with pytest.raises(AuthenticationFailed):
                accounts.login(store, "stan", "wrong password!")
        with pytest.raises(AccountLocked):
            accounts.login(store, "stan", "wrong password!")
        with pytest.raises(AccountLocked):  # the right password is refused while locked
            accounts.login(store, "stan", PASSWORD)
        [row] = [u for u in accounts.list_users(dm) if u.username == "stan"]
        assert row.failed_attempts == 5 and row.locked_until
        from sle_desktop.store import audit as audit_mod

        real = audit_mod.utc_now()
        monkeypatch.setattr(audit_mod, "utc_now", lambda: real + timedelta(minutes=16))
        assert accounts.login(store, "stan", PASSWORD).username == "stan"
        trail = sponsor_returns.audit_rows(store, "stan")
        fields = [r["field"] for r in trail]
        assert fields.count("failed_login") == 5 and fields.count("login") == 2 and "locked_until" in fields
        assert fields[0] == "*"
        assert sponsor_returns.verify_audit(store).ok
        with pytest.raises(AuthenticationFailed):
            accounts.login(store, "nobody", PASSWORD)
    finally:
        store.close()


def _import_setup(tmp_path, make_site, sponsor_keys, sponsor_db):
    site = make_site("BY01", subjects=6)
    register(site, sponsor_db)
    add_sae(site)
    good = site.export().path
    folder = tmp_path / "usb-in"
    folder.mkdir()
    shutil.copyfile(good, folder / "a-good.slebundle")
    shutil.copyfile(good, folder / "b-replayed.slebundle")
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from sle_desktop.store.audit import canonical_json

    forged = crafted_bundle(site, [canonical_json({"kind": "header"}).encode()],
                            recipients=[sponsor_keys.recipient],
                            signing_key=Ed25519PrivateKey.generate())
    (folder / "c-forged.slebundle").write_bytes(forged)
    (folder / "notes.txt").write_text("not a bundle")
    return site, folder


def test_import_folder_good_replayed_forged_and_overview(tmp_path, make_site, sponsor_keys, sponsor_db, payload_reader):
    site, folder = _import_setup(tmp_path, make_site, sponsor_keys, sponsor_db)
    store = _open(sponsor_db)
    try:
        dm = accounts.create_first_data_manager(store, username="dana", display_name="Dana", password=PASSWORD)
        seen = []
        results = review.import_folder(dm, folder, sponsor_keys.key_path, report=lambda d, t: seen.append((d, t)))
        assert [r.name for r in results] == ["a-good.slebundle", "b-replayed.slebundle", "c-forged.slebundle"]
        assert [r.status for r in results] == ["imported", "already_imported", "refused"]
        assert "signature" in results[2].message.lower()
        assert seen[0] == (0, 3) and seen[-1] == (3, 3)
        [o] = review.sites_overview(dm)
        subjects = [json.loads(r["data"]) for r in store.query(
            "SELECT data FROM records WHERE tbl = 'subjects' AND deleted = 0")]
        site_subjects = site.store.query("SELECT arm, status FROM subjects")
        assert o.code == "BY01" and o.last_bundle_seq == 1 and o.gaps == () and o.chain_ok
        assert o.subjects == len(subjects) == len(site_subjects)
        arms = {}
        for s in site_subjects:
            if s["arm"] and s["status"] in ("enrolled", "completed", "withdrawn"):
                arms[s["arm"]] = arms.get(s["arm"], 0) + 1
        assert dict(o.enrolled_by_arm) == arms
        saes = site.store.scalar("SELECT count(*) FROM adverse_events WHERE serious = 1")
        assert o.saes == saes >= 1 and o.saes_within_24h + o.saes_late == saes
        oow = site.store.scalar("SELECT count(*) FROM visits WHERE window_status IN ('early', 'late')")
        assert o.visits_out_of_window == oow
        assert o.last_return_seq == 0 and o.open_queries == 0
        rows = review.subject_rows(dm)
        assert len(rows) == len(site_subjects)
        assert review.filter_subjects(rows, arm="msc") == tuple(r for r in rows if r.arm == "msc")
        assert review.filter_subjects(rows, not_sdv=True) == rows
    finally:
        store.close()


def test_query_raise_answer_by_bundle_close_and_sdv(tmp_path, make_site, sponsor_keys, sponsor_db):
    from return_helpers import link, user
    from sync_helpers import import_one

    from sle_desktop.app import queries as site_queries
    from sle_desktop.app import returns as site_returns

    site = make_site("BY01", subjects=4)
    link(site, sponsor_db, sponsor_keys)
    import_one(sponsor_db, sponsor_keys, site.export().path)
    store = _open(sponsor_db)
    try:
        dm = accounts.create_first_data_manager(store, username="dana", display_name="Dana", password=PASSWORD)
        rows = review.subject_rows(dm)
        book = cases.casebook(dm, rows[0].subject_uuid)
        rec = next(r for r in book.records if r.table == "subjects")
        q = cases.raise_query(dm, rec.table, rec.uuid, "year_of_birth", "Please check the year of birth.")
        assert q.status == "open"
        assert review.subject_rows(dm)[0].open_queries == 1
        assert cases.mark_sdv(dm, rec.table, rec.uuid) == "dana"
        book = cases.casebook(dm, rows[0].subject_uuid)
        rec = next(r for r in book.records if r.table == "subjects")
        assert rec.sdv and rec.sdv_by == "dana" and rec.queries[0].uuid == q.uuid
        out = tmp_path / "to-site"
        out.mkdir()
        written = cases.write_return_bundle(dm, "BY01", out, sponsor_keys.key_path.parent)
        assert written.queries == 1 and written.sdv_marks == 1
        site_returns.import_return(site.session, written.path)
        inv = user(site, "demo.investigator", "investigator")
        site_queries.answer_query(inv, q.uuid, "Checked: correct as entered.")
        store.close()
        import_one(sponsor_db, sponsor_keys, site.export().path)
        store = _open(sponsor_db)
        dm = accounts.login(store, "dana", PASSWORD)
        [line] = cases.casebook(dm, rows[0].subject_uuid).queries
        assert line.status == "answered" and "correct" in line.answer
        assert cases.close_query(dm, q.uuid, "answer accepted").status == "closed"
        assert cases.reopen_query(dm, q.uuid, "Source says otherwise.").status == "reopened"
        users = {r["user"] for r in sponsor_returns.audit_rows(store, q.uuid)}
        assert "dana" in users
        assert sponsor_returns.verify_audit(store).ok
    finally:
        store.close()


def test_safety_reports_and_exports(tmp_path, make_site, sponsor_keys, sponsor_db):
    site, folder = _import_setup(tmp_path, make_site, sponsor_keys, sponsor_db)
    store = _open(sponsor_db)
    try:
        dm = accounts.create_first_data_manager(store, username="dana", display_name="Dana", password=PASSWORD)
        review.import_folder(dm, folder, sponsor_keys.key_path)
        s = sponsor_reports.safety_summary(dm)
        assert len(s.saes) == site.store.scalar("SELECT count(*) FROM adverse_events WHERE serious = 1")
        assert sum(n for *_k, n in s.ae_counts) == site.store.scalar("SELECT count(*) FROM adverse_events")
        enrolled = site.store.scalar("SELECT count(*) FROM subjects WHERE arm IS NOT NULL AND status IN "
                                     "('enrolled', 'completed', 'withdrawn')")
        assert sum(e.subjects for e in s.endpoint) == enrolled
        r = sponsor_reports.reports(dm)
        assert sum(n for *_k, n in r.enrolment) == enrolled
        assert sponsor_reports.trend_points(dm)
        done = sponsor_reports.export(dm, "csv", tmp_path / "csv")
        assert done.kind == "csv" and (tmp_path / "csv" / "data_dictionary.csv").exists()
        sponsor_reports.export(dm, "odm", tmp_path / "study.xml")
        assert (tmp_path / "study.xml").stat().st_size > 1000
    finally:
        store.close()


def test_overview_chain_status_quick_and_full(tmp_path, make_site, sponsor_keys, sponsor_db):
    site, folder = _import_setup(tmp_path, make_site, sponsor_keys, sponsor_db)
    store = _open(sponsor_db)
    try:
        dm = accounts.create_first_data_manager(store, username="dana", display_name="Dana", password=PASSWORD)
        review.import_folder(dm, folder, sponsor_keys.key_path)
        assert review.sites_overview(dm)[0].chain_ok
        assert review.verify_chains(dm) == (("BY01", True, review.verify_chains(dm)[0][2]),)
        with store.transaction() as conn:  # someone edits the recorded head: both checks see it
            conn.execute("UPDATE sites SET head_hash = ?", ("0" * 64,))
        [o] = review.sites_overview(dm)
        assert not o.chain_ok and "altered" in o.chain_message
        [(code, ok, message)] = review.verify_chains(dm)
        assert code == "BY01" and not ok and "altered" in message
    finally:
        store.close()


def test_overview_takes_more_facts_per_site(tmp_path, make_site, sponsor_keys, sponsor_db, monkeypatch):
    site, folder = _import_setup(tmp_path, make_site, sponsor_keys, sponsor_db)
    store = _open(sponsor_db)
    try:
        dm = accounts.create_first_data_manager(store, username="dana", display_name="Dana", password=PASSWORD)
        review.import_folder(dm, folder, sponsor_keys.key_path)
        uuid = store.scalar("SELECT site_uuid FROM sites")
        monkeypatch.setattr(review, "OVERVIEW_EXTRAS", [lambda s: {uuid: (("Signed casebooks", "2 of 6"),)}])
        assert review.sites_overview(dm)[0].extra == (("Signed casebooks", "2 of 6"),)
    finally:
        store.close()


def test_casebook_signatures_are_checked_against_the_record(tmp_path, make_site, sponsor_keys, sponsor_db):
    from sync_helpers import import_one

    site = make_site("BY01", subjects=8)
    register(site, sponsor_db)
    import_one(sponsor_db, sponsor_keys, site.export().path)
    sig = site.store.query_one("SELECT subject_uuid, record_uuid FROM signatures WHERE invalidated_at IS NULL "
                               "AND record_uuid NOT IN (SELECT record_uuid FROM signatures WHERE invalidated_at "
                               "IS NOT NULL) LIMIT 1")
    assert sig, "the demo site has a signature in force"
    store = _open(sponsor_db)
    try:
        dm = accounts.create_first_data_manager(store, username="dana", display_name="Dana", password=PASSWORD)

        def lines():
            return [s for s in cases.casebook(dm, sig["subject_uuid"]).signatures
                    if s.record_uuid == sig["record_uuid"]]

        assert lines() and all(s.valid and s.note == "valid" for s in lines())
        # the same record altered in the sponsor database no longer matches its signature
        data = json.loads(store.scalar("SELECT data FROM records WHERE uuid = ?", (sig["record_uuid"],)))
        key = next(k for k, v in data.items() if isinstance(v, str) and not k.endswith("uuid") and k != "uuid"
                   and k not in ("created_at", "created_by", "updated_at", "updated_by"))
        data[key] += " (changed)"
        with store.transaction() as conn:
            conn.execute("UPDATE records SET data = ? WHERE uuid = ?", (json.dumps(data), sig["record_uuid"]))
        assert lines() and all(not s.valid and s.note == "changed" for s in lines())
    finally:
        store.close()
