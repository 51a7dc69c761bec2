"""Migration 4 (two-phase exports): a version-3 database with recorded exports keeps them as done exports."""

import sqlite3

from sle_desktop.store import migrations
from sle_desktop.store.db import Store


def test_v3_exports_become_done_exports_and_the_chain_continues(tmp_path):
    path = tmp_path / "site.sqlite"
    store = Store.open(path, migrate=False)
    migrations.migrate(store, target=3)
    store.conn.execute(
        "INSERT INTO exports (bundle_seq, from_seq, to_seq, file_name, bundle_hash, size_bytes, created_at, created_by)"
        " VALUES (1, 0, 40, 'BY01-bundle-0001.slebundle', ?, 1234, '2026-05-01T10:00:00+00:00', 'inv')", ("a" * 64,))
    store.close()
    with Store.open(path) as store:
        assert migrations.current_version(store) == migrations.LATEST >= 4
        row = store.query_one("SELECT * FROM exports")
        assert row["status"] == "done" and row["sae_uuids"] == "[]" and row["folder"] is None
        assert row["bundle_hash"] == "a" * 64 and row["to_seq"] == 40
        from sle_desktop.app import sync_site

        assert sync_site._plan(store, None)[:3] == (2, "a" * 64, 40)  # the next export follows the old one
    backups = list(tmp_path.glob("site.before-migration-v3.*.sqlite"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as old:
        assert "status" not in [r[1] for r in old.execute("PRAGMA table_info(exports)")]


def test_status_is_constrained(tmp_path):
    with Store.open(tmp_path / "site.sqlite") as store:
        try:
            store.conn.execute("INSERT INTO exports (bundle_seq, from_seq, to_seq, file_name, bundle_hash, size_bytes, "
                               "created_at, created_by, status) VALUES (1, 0, 1, 'f', 'h', 1, 't', 'u', 'half-done')")
        except sqlite3.IntegrityError:
            pass
        else:
            raise AssertionError("an export status other than pending/done was accepted")
