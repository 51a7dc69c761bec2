"""`sle-sponsor migrate-db`: an existing SQLite sponsor database copied into PostgreSQL, verified, all or nothing."""

from __future__ import annotations

import pytest
from sync_helpers import add_sae, import_one, register

from sle_desktop import cli
from sle_desktop.sponsor import db as sponsor_store, operations as sponsor, queries as sponsor_queries, transfer
from sle_desktop.store.db import StoreError


@pytest.fixture
def filled_sqlite(tmp_path, make_site, sponsor_keys):
    """A SQLite sponsor database with two sites, two bundles of one, an SAE, a query and an SDV mark."""
    path = tmp_path / "sponsor.sqlite"
    a, b = make_site("BY01", subjects=5, seed=1), make_site("BY02", subjects=3, seed=2)
    for s in (a, b):
        register(s, path)
        import_one(path, sponsor_keys, s.export().path)
    add_sae(a)
    import_one(path, sponsor_keys, a.export().path)
    q = sponsor_queries.raise_query(path, site="BY01", form="subjects", field="sex", text="Please confirm.",
                                    record=a.store.scalar("SELECT uuid FROM subjects ORDER BY subject_id LIMIT 1"))
    sponsor_queries.close_query(path, q["uuid"], reason="confirmed by phone")
    sponsor_queries.mark_sdv(path, site="BY02", record=b.store.scalar("SELECT uuid FROM visits LIMIT 1"))
    return path


def test_a_sqlite_sponsor_database_is_copied_to_postgresql_and_verified(filled_sqlite, pg_url, capsys, tmp_path):
    assert cli.sponsor_main(["migrate-db", "--from", str(filled_sqlite), "--to", pg_url]) == 0
    out = capsys.readouterr().out
    assert "verified: 2 site(s), 3 bundle(s)" in out and "agree" in out
    with sponsor_store.open_sponsor_store(filled_sqlite) as src, sponsor_store.open_sponsor_store(pg_url) as dst:
        for table in transfer.TABLES:
            n = src.scalar(f"SELECT count(*) FROM {table}")
            assert dst.scalar(f"SELECT count(*) FROM {table}") == n + (table == "sponsor_log"), table
        assert src.scalar("SELECT count(*) FROM sponsor_audit") >= 3
        assert dst.query("SELECT * FROM records ORDER BY tbl, uuid") == src.query("SELECT * FROM records ORDER BY tbl, uuid")
    copied = [(s.code, s.last_bundle_seq, s.head_seq, s.chain_ok, s.subjects, s.records, s.saes)
              for s in sponsor.status(pg_url)]
    assert copied == [(s.code, s.last_bundle_seq, s.head_seq, s.chain_ok, s.subjects, s.records, s.saes)
                      for s in sponsor.status(filled_sqlite)]
    assert [c[:2] for c in copied] == [("BY01", 2), ("BY02", 1)] and all(c[3] for c in copied) and copied[0][6] >= 1
    [q] = sponsor_queries.list_queries(pg_url)
    assert q["status"] == "closed"
    # the copy works on: new sponsor actions are logged and audited after the copied ones
    mark = sponsor_queries.mark_sdv(pg_url, site="BY01", record=q["record_uuid"])
    assert mark["record_uuid"] == q["record_uuid"]
    assert sponsor_queries.sponsor_audit_check(pg_url).ok


def test_a_target_holding_data_is_refused_and_left_unchanged(filled_sqlite, pg_url, capsys):
    assert cli.sponsor_main(["migrate-db", "--from", str(filled_sqlite), "--to", pg_url]) == 0
    with sponsor_store.open_sponsor_store(pg_url) as dst:
        before = dst.scalar("SELECT count(*) FROM records"), dst.scalar("SELECT count(*) FROM sponsor_log")
    capsys.readouterr()
    assert cli.sponsor_main(["migrate-db", "--from", str(filled_sqlite), "--to", pg_url]) == 1
    assert "already holds sponsor data" in capsys.readouterr().err
    with sponsor_store.open_sponsor_store(pg_url) as dst:
        assert (dst.scalar("SELECT count(*) FROM records"), dst.scalar("SELECT count(*) FROM sponsor_log")) == before


def test_a_copy_that_does_not_verify_writes_nothing(filled_sqlite, pg_url, monkeypatch):
    real = transfer._odm_bytes
    monkeypatch.setattr(transfer, "_odm_bytes", lambda store, folder, name: real(store, folder, name) +
                        (b"x" if name == "target.xml" else b""))
    with pytest.raises(StoreError, match="ODM export of the copy differs"):
        transfer.migrate_db(filled_sqlite, pg_url)
    with sponsor_store.open_sponsor_store(pg_url) as dst:
        assert all(dst.scalar(f"SELECT count(*) FROM {t}") == 0 for t in transfer.TABLES)


def test_copying_a_database_onto_itself_is_refused(filled_sqlite):
    with pytest.raises(StoreError, match="same database"):
        transfer.migrate_db(filled_sqlite, f"sqlite:///{filled_sqlite}")
