"""The sponsor database on both backends: URLs, the one migration runner, old databases, the append-only trails."""

from __future__ import annotations

import sqlite3

import pytest
from sync_helpers import import_one, register

from sle_desktop import cli
from sle_desktop.sponsor import db as sponsor_store, operations as sponsor
from sle_desktop.store import migrations
from sle_desktop.store.db import Store, StoreError
from sle_desktop.store.pg import postgres_ddl, redacted, to_psycopg


def _old_bookkeeping(path, table: str) -> None:
    """Give a database the record table as released before migration sets were named (version, description,
    applied_at; no migration_set)."""
    with sqlite3.connect(path) as conn:
        conn.executescript(f"""
            CREATE TABLE old_{table} (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL);
            INSERT INTO old_{table} SELECT version, description, applied_at FROM {table};
            DROP TABLE {table};
            ALTER TABLE old_{table} RENAME TO {table};""")


@pytest.fixture
def released_sponsor_db(tmp_path, make_site, sponsor_keys):
    """A sponsor database as the released code left it: schema 1 only, old record table, one site's bundle."""
    path = tmp_path / "released-sponsor.sqlite"
    site = make_site("BY01", subjects=3, seed=2)
    register(site, path)
    import_one(path, sponsor_keys, site.export().path)
    with sqlite3.connect(path) as conn:
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("records", "audit", "bundles")}
    store = Store.open(path, migrate=False, kind="sponsor")
    # back to schema 1: what migration 2 and later added goes (the released v1 file had none of it); migration 3
    # (records keyed per site) rebuilds the records table whatever its key, so only its bookkeeping row goes
    for sql in ("DROP TABLE queries", "DROP TABLE sdv_marks", "DROP TABLE return_bundles", "DROP TABLE sponsor_audit",
                "ALTER TABLE sites DROP COLUMN return_recipient", "DROP TABLE lock_requests", "DROP TABLE sponsor_users",
                "DROP INDEX records_subject_sdv", "DELETE FROM sponsor_schema WHERE version >= 2"):
        store.conn.execute(sql)
    store.close()
    _old_bookkeeping(path, "sponsor_schema")
    return path, counts


def test_a_released_sponsor_database_migrates_with_its_data_and_a_backup(released_sponsor_db, tmp_path):
    path, counts = released_sponsor_db
    with sponsor_store.open_sponsor_store(path) as store:
        rows = store.query("SELECT migration_set, version, description FROM sponsor_schema ORDER BY version")
        assert [(r["migration_set"], r["version"]) for r in rows] == [("sponsor", v) for v, _d, _s in
                                                                     sponsor_store.MIGRATIONS]
        assert [r["description"] for r in rows] == [d for _v, d, _s in sponsor_store.MIGRATIONS]
        for table, n in counts.items():
            assert store.scalar(f"SELECT count(*) FROM {table}") == n
        assert store.table_exists("sponsor_audit") and "return_recipient" in store.columns("sites")
    assert len(list(tmp_path.glob("released-sponsor.before-sponsor-migration-v1.*.sqlite"))) == 1
    [s] = sponsor.status(path)
    assert s.chain_ok and s.last_bundle_seq == 1


def test_a_site_database_with_the_old_record_table_is_recorded_as_the_site_set(tmp_path):
    path = tmp_path / "site.sqlite"
    store = Store.open(path, migrate=False)
    migrations.migrate(store, target=migrations.LATEST - 1)
    store.close()
    _old_bookkeeping(path, "schema_migrations")
    with Store.open(path) as store:
        assert migrations.current_version(store) == migrations.LATEST
        sets = store.query("SELECT DISTINCT migration_set FROM schema_migrations")
        assert sets == [{"migration_set": "site"}]
        assert store.scalar("SELECT description FROM schema_migrations WHERE version = ?", (migrations.LATEST,)) == \
            migrations.MIGRATIONS[-1][1]


def test_migrations_are_recorded_alike_on_both_backends(sponsor_db, make_site):
    register(make_site("BY01", subjects=2, seed=3), sponsor_db)
    with sponsor_store.open_sponsor_store(sponsor_db) as store:
        recorded = store.query("SELECT migration_set, version, description FROM sponsor_schema ORDER BY version")
        assert recorded == [{"migration_set": "sponsor", "version": v, "description": d}
                            for v, d, _s in sponsor_store.MIGRATIONS]
        assert sponsor_store.current_version(store) == sponsor_store.LATEST
        assert {"sites", "bundles", "records", "audit", "sponsor_audit", "queries"} <= set(store.table_names())
    # opening again applies nothing
    with sponsor_store.open_sponsor_store(sponsor_db) as store:
        assert sponsor_store.migrate(store) == []


def test_both_audit_trails_are_append_only_on_both_backends(sponsor_db, make_site, sponsor_keys):
    site = make_site("BY01", subjects=2, seed=3)
    register(site, sponsor_db)
    import_one(sponsor_db, sponsor_keys, site.export().path)
    with sponsor_store.open_sponsor_store(sponsor_db) as store:
        assert store.scalar("SELECT count(*) FROM sponsor_log") >= 2
        for table in ("audit", "sponsor_audit"):
            if table == "sponsor_audit":
                with store.transaction() as conn:
                    from sle_desktop.sponsor import returns

                    returns.append_audit(conn, user="t", table="queries", row_id="q1", field="*", old=None, new={"a": 1},
                                         reason=None)
            for sql in (f"UPDATE {table} SET field = 'x'", f"DELETE FROM {table}"):
                with pytest.raises(store.Error, match="append-only"):
                    with store.transaction() as conn:
                        conn.execute(sql)
            assert store.scalar(f"SELECT count(*) FROM {table}") > 0
        assert returns.verify_audit(store).ok


def test_sqlite_url_and_plain_path_name_the_same_file(tmp_path, make_site):
    path = tmp_path / "sp.sqlite"
    register(make_site("BY01", subjects=2, seed=3), path)
    assert [s.code for s in sponsor.status(f"sqlite:///{path}")] == ["BY01"]
    with pytest.raises(StoreError, match="not a SQLite URL"):
        sponsor.status("sqlite:/relative")


def test_an_unreachable_server_is_a_one_line_message_without_the_password(capsys, tmp_path):
    url = f"postgresql://sponsor:s3cret@/trial?host={tmp_path}/no-server"
    assert cli.sponsor_main(["status", "--db", url]) == 1
    err = capsys.readouterr().err
    assert "Cannot connect to the sponsor database" in err and "s3cret" not in err and "Traceback" not in err
    assert redacted(url) == f"postgresql://sponsor:***@/trial?host={tmp_path}/no-server"


def test_an_empty_postgresql_database_is_not_taken_for_a_sponsor_database(pg_url, capsys):
    assert cli.sponsor_main(["status", "--db", pg_url]) == 1
    assert "holds no sponsor data yet" in capsys.readouterr().err


def test_a_site_database_is_refused_as_a_sponsor_database_on_postgresql(pg_url):
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE schema_migrations (version integer)")
    with pytest.raises(StoreError, match="is a site database"):
        sponsor_store.open_sponsor_store(pg_url)


def test_placeholders_are_translated_outside_strings_and_casts():
    assert to_psycopg("SELECT '?', \"a:b\", x::jsonb FROM t WHERE a = ? AND b = :name AND c LIKE 'x%'") == \
        "SELECT '?', \"a:b\", x::jsonb FROM t WHERE a = %s AND b = %(name)s AND c LIKE 'x%'"
    assert to_psycopg("SELECT 5 % 2 WHERE a = ?") == "SELECT 5 %% 2 WHERE a = %s"


def test_one_schema_text_serves_postgresql():
    [table] = postgres_ddl("CREATE TABLE t (id INTEGER PRIMARY KEY, user TEXT NOT NULL, key BLOB, n INTEGER)")
    assert table == ('CREATE TABLE t (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "user" TEXT COLLATE "C" '
                     'NOT NULL, key BYTEA, n BIGINT)')
    function, trigger = postgres_ddl(migrations.append_only_sql("t", "no way").split("\n", 2)[0] + "\n" +
                                     migrations.append_only_sql("t", "no way").split("\n")[1])
    assert "plpgsql" in function and trigger.endswith("EXECUTE FUNCTION sle_append_only('no way')")


def test_a_sponsor_file_checkpoints_its_wal_less_often_than_a_site(tmp_path, file_store):
    """Bundle-by-bundle imports: the sponsor's SQLite file copies its WAL back every 16 000 pages (a page changed by
    several bundles is written into the file once); the site's database keeps SQLite's 1 000."""
    store = sponsor_store.open_sponsor_store(tmp_path / "sponsor.sqlite", create=True)
    try:
        assert store.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == sponsor_store.WAL_CHECKPOINT_PAGES
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        store.close()
    assert file_store.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
