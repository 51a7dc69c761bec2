"""A run of write transactions made durable together (`commits_grouped`, as a sponsor import of several bundles
uses it): each stays atomic and is written as it commits, the run is on the disk when it ends, and the settings are
what they were before. SQLite, and PostgreSQL on a throw-away server."""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading

import pytest

from sle_desktop.store import db as store_db
from sle_desktop.store.db import Store, StoreError

_ROW = "x" * 2000  # a few hundred rows: a few hundred pages of WAL


@pytest.fixture
def grouped_file(tmp_path):
    s = Store.open(tmp_path / "grouped.sqlite")
    s.conn.execute("PRAGMA wal_autocheckpoint = 0")  # only the grouped run's checkpoints copy the WAL into the file
    s.conn.execute("CREATE TABLE bundle_rows (bundle INTEGER, body TEXT)")
    yield s
    s.close()


def _commit_bundle(s: Store, bundle: int, rows: int = 300) -> None:
    with s.transaction() as conn:
        conn.executemany("INSERT INTO bundle_rows VALUES (?, ?)", [(bundle, _ROW)] * rows)


def _synchronous(s: Store) -> int:
    return s.conn.execute("PRAGMA synchronous").fetchone()[0]


def test_sqlite_commits_without_a_sync_each_and_restores_full_sync(grouped_file):
    assert _synchronous(grouped_file) == 2  # FULL
    with grouped_file.commits_grouped() as checkpoints:
        assert _synchronous(grouped_file) == 1  # NORMAL: the WAL is synced once, at the end
        _commit_bundle(grouped_file, 1)
        checkpoints.kick()
    assert _synchronous(grouped_file) == 2
    assert grouped_file.scalar("SELECT count(*) FROM bundle_rows") == 300


def test_sqlite_run_ends_with_the_wal_on_disk(grouped_file, monkeypatch):
    synced = []
    real_fsync = os.fsync

    def fsync(fd):
        synced.append(os.readlink(f"/proc/self/fd/{fd}") if os.path.exists("/proc/self/fd") else fd)
        real_fsync(fd)

    monkeypatch.setattr(store_db.os, "fsync", fsync)
    with grouped_file.commits_grouped():
        _commit_bundle(grouped_file, 1)
        _commit_bundle(grouped_file, 2)
        synced.clear()  # what counts is the sync after the last commit
    if os.path.exists("/proc/self/fd"):
        assert synced == [f"{grouped_file.path}-wal"]
    else:
        assert len(synced) == 1


def test_sqlite_checkpoints_copy_each_commit_into_the_file_itself(grouped_file, tmp_path):
    """While the run goes on, the database file alone (without its WAL, as a careless copy would take it) holds what
    was committed before the last checkpoint."""
    with grouped_file.commits_grouped() as checkpoints:
        _commit_bundle(grouped_file, 1)
        checkpoints.kick()
        checkpoints.wait()  # that checkpoint has ended
        shutil.copy(grouped_file.path, tmp_path / "copy.sqlite")  # the file only
        _commit_bundle(grouped_file, 2)  # committed after it: still in the WAL only
        shutil.copy(grouped_file.path, tmp_path / "later.sqlite")
    with sqlite3.connect(tmp_path / "copy.sqlite") as copy:
        assert copy.execute("SELECT bundle, count(*) FROM bundle_rows GROUP BY bundle").fetchall() == [(1, 300)]
    with sqlite3.connect(tmp_path / "later.sqlite") as later:
        assert later.execute("SELECT DISTINCT bundle FROM bundle_rows").fetchall() == [(1,)]
    assert grouped_file.scalar("SELECT count(*) FROM bundle_rows") == 600


def test_sqlite_the_run_ends_once_durable_and_its_last_copy_into_the_file_goes_on_behind(grouped_file, tmp_path,
                                                                                         monkeypatch):
    """The run waits for the WAL's sync, not for the copy of its last commits into the file: until that copy ends
    the file alone lacks them (the database, WAL and all, has them); once it ends, the file alone has them too."""
    copying = threading.Event()
    real_connect = store_db.WalCheckpointer._connect

    def slow_disk(self):
        assert copying.wait(30)
        return real_connect(self)

    monkeypatch.setattr(store_db.WalCheckpointer, "_connect", slow_disk)
    grouped_file.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the empty table in the file itself
    with grouped_file.commits_grouped() as checkpoints:
        _commit_bundle(grouped_file, 1)
    shutil.copy(grouped_file.path, tmp_path / "before.sqlite")
    assert grouped_file.scalar("SELECT count(*) FROM bundle_rows") == 300
    copying.set()
    checkpoints.wait()
    shutil.copy(grouped_file.path, tmp_path / "after.sqlite")
    with sqlite3.connect(tmp_path / "before.sqlite") as before:
        assert before.execute("SELECT count(*) FROM sqlite_master WHERE name = 'bundle_rows'").fetchone()[0] == 1
        assert before.execute("SELECT count(*) FROM bundle_rows").fetchone()[0] == 0
    with sqlite3.connect(tmp_path / "after.sqlite") as after:
        assert after.execute("SELECT count(*) FROM bundle_rows").fetchone()[0] == 300


def test_sqlite_a_failed_transaction_in_the_run_leaves_the_others(grouped_file):
    with pytest.raises(RuntimeError), grouped_file.commits_grouped() as checkpoints:
        _commit_bundle(grouped_file, 1)
        checkpoints.kick()
        with grouped_file.transaction() as conn:
            conn.execute("INSERT INTO bundle_rows VALUES (2, 'half')")
            raise RuntimeError("refused half-way")
    assert _synchronous(grouped_file) == 2
    assert grouped_file.query("SELECT bundle, count(*) AS n FROM bundle_rows GROUP BY bundle") == [{"bundle": 1, "n": 300}]


def test_sqlite_a_sync_that_fails_is_reported_in_words(grouped_file, monkeypatch):
    def broken_disk(fd):
        raise OSError(5, "Input/output error")

    with pytest.raises(StoreError, match="could not be confirmed on the disk") as raised, \
            grouped_file.commits_grouped():
        _commit_bundle(grouped_file, 1)
        monkeypatch.setattr(store_db.os, "fsync", broken_disk)
    assert "Input/output error" in str(raised.value)
    assert _synchronous(grouped_file) == 2


def test_a_background_checkpoint_that_fails_only_warns(tmp_path, caplog):
    """Nothing is lost: the WAL keeps every commit until a checkpoint succeeds."""
    checkpoints = store_db.WalCheckpointer(tmp_path / "missing-folder" / "none.sqlite")
    checkpoints.kick()
    checkpoints.wait()
    assert "background WAL checkpoint" in caplog.text
    assert not (tmp_path / "missing-folder").exists()  # and nothing was created in its place


def test_an_in_memory_store_groups_nothing():
    s = Store.memory()
    with s.commits_grouped() as checkpoints:
        assert checkpoints is None
    s.close()


# -- PostgreSQL --------------------------------------------------------------------------------------------------
@pytest.fixture
def pg_grouped(pg_url):
    from sle_desktop.store.pg import PgStore

    s = PgStore.connect(pg_url)
    s.conn.raw.execute("CREATE TABLE bundle_rows (bundle INTEGER, body TEXT)")
    yield s
    s.close()


def _setting(s) -> str:
    return s.conn.raw.execute("SHOW synchronous_commit").fetchone()[0]


def test_postgresql_commits_without_waiting_for_the_log_and_restores_the_setting(pg_grouped):
    pg_grouped.conn.raw.execute("SET synchronous_commit = local")  # whatever the session had, it has again
    with pg_grouped.commits_grouped():
        assert _setting(pg_grouped) == "off"
        for bundle in (1, 2):
            with pg_grouped.transaction() as conn:
                conn.execute("INSERT INTO bundle_rows VALUES (?, ?)", (bundle, _ROW))
    assert _setting(pg_grouped) == "local"
    assert pg_grouped.scalar("SELECT count(*) FROM bundle_rows") == 2


def test_postgresql_a_failed_transaction_in_the_run_leaves_the_others(pg_grouped):
    before = _setting(pg_grouped)
    with pytest.raises(RuntimeError), pg_grouped.commits_grouped():
        with pg_grouped.transaction() as conn:
            conn.execute("INSERT INTO bundle_rows VALUES (1, 'kept')")
        with pg_grouped.transaction() as conn:
            conn.execute("INSERT INTO bundle_rows VALUES (2, 'half')")
            raise RuntimeError("refused half-way")
    assert _setting(pg_grouped) == before
    assert pg_grouped.query("SELECT bundle FROM bundle_rows") == [{"bundle": 1}]


def test_postgresql_a_run_the_server_cannot_confirm_is_reported_in_words(pg_grouped, pg_url):
    import psycopg

    with pytest.raises(StoreError, match="did not confirm"), pg_grouped.commits_grouped():
        with pg_grouped.transaction() as conn:
            conn.execute("INSERT INTO bundle_rows VALUES (1, 'sent')")
        pid = pg_grouped.conn.raw.info.backend_pid
        with psycopg.connect(pg_url, autocommit=True) as other:  # the server ends the session (a restart, a crash)
            other.execute("SELECT pg_terminate_backend(%s)", (pid,))
