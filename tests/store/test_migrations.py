"""Numbered migrations: from empty, from every earlier version, refusal of newer databases, backups."""

import sqlite3

import pytest

from sle_desktop.store import migrations
from sle_desktop.store.db import Store, StoreError, StoreVersionError


def _tables(store):
    return {r["name"] for r in store.query("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_empty_database_migrates_to_latest_and_records_each_step(tmp_path):
    with Store.open(tmp_path / "site.sqlite") as store:
        versions = [r["version"] for r in store.query("SELECT version FROM schema_migrations ORDER BY version")]
        assert versions == [m[0] for m in migrations.MIGRATIONS]
        assert migrations.current_version(store) == migrations.LATEST
        assert {"subjects", "audit", "sledai_assessments", "exports"} <= _tables(store)


def test_pragmas_wal_full_sync_foreign_keys(file_store):
    assert file_store.scalar("PRAGMA journal_mode") == "wal"
    assert file_store.scalar("PRAGMA synchronous") == 2  # FULL
    assert file_store.scalar("PRAGMA foreign_keys") == 1


@pytest.mark.parametrize("old_version", range(1, migrations.LATEST))
def test_each_earlier_version_migrates_with_data_kept_and_a_backup(tmp_path, old_version):
    path = tmp_path / "site.sqlite"
    store = Store.open(path, migrate=False)
    migrations.migrate(store, target=old_version)
    store.conn.execute(
        "INSERT INTO site (id, site_uuid, code, name, study_id, study_version, created_at) "
        "VALUES (1, 'u', 'BY01', 'Old site', 'S', '1', '2025-01-01')"
    )
    store.close()
    with Store.open(path) as store:
        assert migrations.current_version(store) == migrations.LATEST
        assert store.scalar("SELECT name FROM site") == "Old site"
    backups = list(tmp_path.glob(f"site.before-migration-v{old_version}.*.sqlite"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as old:
        assert old.execute("SELECT max(version) FROM schema_migrations").fetchone()[0] == old_version


def test_newer_database_is_refused_and_left_unchanged(tmp_path):
    path = tmp_path / "site.sqlite"
    Store.open(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO schema_migrations (migration_set, version, description, applied_at) "
                     "VALUES ('site', ?, 'from the future', '2030-01-01')", (migrations.LATEST + 1,))
    before = path.read_bytes()
    with pytest.raises(StoreVersionError, match="newer version"):
        Store.open(path)
    assert path.read_bytes() == before


def test_failed_migration_rolls_back_entirely(tmp_path, monkeypatch):
    path = tmp_path / "site.sqlite"
    store = Store.open(path, migrate=False)
    migrations.migrate(store, target=1)
    store.close()

    def broken(conn):
        conn.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("disk pulled")

    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:1] + ((2, "broken", broken),))
    monkeypatch.setattr(migrations, "LATEST", 2)
    with pytest.raises(RuntimeError):
        Store.open(path)
    with Store.open(path, migrate=False) as store:
        assert migrations.current_version(store) == 1
        assert "half_done" not in _tables(store)


@pytest.mark.parametrize("content", [b"this is not a database at all" * 10, b"SQLite format 3\x00" + b"\xff" * 600])
def test_damaged_file_gives_a_clear_message(tmp_path, content):
    path = tmp_path / "site.sqlite"
    path.write_bytes(content)
    with pytest.raises(StoreError, match="not a readable sle_desktop database|not an SQLite file"):
        Store.open(path)
    assert path.read_bytes() == content


def test_database_file_is_private_to_its_owner(tmp_path):
    import os
    import stat

    if os.name != "posix":
        pytest.skip("POSIX permissions only")
    path = tmp_path / "site.sqlite"
    Store.open(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
