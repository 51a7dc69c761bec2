"""The site's SQLite store: one file, WAL, synchronous=FULL, foreign keys on, numbered migrations."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from sle_desktop.domain.text import msg


class StoreError(Exception):
    """A store problem explained in words a site user can act on."""


class StoreVersionError(StoreError):
    """The database was written by a newer version of the application."""


def _restrict_permissions(path: Path) -> None:
    """Make a file readable and writable by its owner only, where the OS supports it."""
    try:
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
    except OSError:
        pass


class KeyedConnection(sqlite3.Connection):
    """A connection that can carry the unlocked audit key (set by `store.audit.unlock`)."""

    audit_key: bytes | None = None


class Store:
    """An open site database. Use `Store.open(path)` or `Store.memory()`."""

    dialect = "sqlite"
    IntegrityError = sqlite3.IntegrityError
    Error = sqlite3.Error

    def __init__(self, conn: sqlite3.Connection, path: Path | None):
        self.conn = conn
        self.path = path
        self._db = None
        self._depth = 0

    @property
    def db(self):
        """A sqlite_utils view of the connection, imported on first use (the import costs ~0.2 s at start-up)."""
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn)
        return self._db

    # -- opening -------------------------------------------------------------
    @classmethod
    def open(cls, path: str | os.PathLike, *, migrate: bool = True, backup: bool = True) -> Store:
        """Open (creating if absent) the database at `path` and bring its schema up to date."""
        from sle_desktop.store import migrations

        path = Path(path)
        if path.exists() and path.is_dir():
            raise StoreError(msg("{path} is a folder, not a database file.", path=str(path)))
        if not path.parent.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
        is_new = not path.exists() or path.stat().st_size == 0
        try:
            conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=30,
                                   factory=KeyedConnection)
        except sqlite3.Error as exc:
            raise StoreError(msg("Cannot open the database {path}: {error}", path=str(path), error=str(exc))) from exc
        store = cls(conn, path)
        try:
            store._configure()
            if is_new:
                _restrict_permissions(path)
            if migrate:
                version = migrations.current_version(store)
                if version > migrations.LATEST:
                    raise StoreVersionError(msg(
                        "The database {name} was written by a newer version of sle_desktop "
                        "(schema version {version}; this program knows up to {latest}). "
                        "Install the newer version of the program; the database has not been changed.",
                        name=path.name, version=version, latest=migrations.LATEST))
                if version < migrations.LATEST and version > 0 and backup:
                    store.backup_copy(f"before-migration-v{version}")
                migrations.migrate(store)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(msg(
                "{path} is not a readable sle_desktop database ({error}). "
                "It may be damaged or a different kind of file; restore it from a backup.",
                path=str(path), error=str(exc))) from exc
        except BaseException:
            conn.close()
            raise
        return store

    @classmethod
    def memory(cls) -> Store:
        """A fresh in-memory store with the current schema (tests and self-test)."""
        from sle_desktop.store import migrations

        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False, factory=KeyedConnection)
        store = cls(conn, None)
        store._configure()
        migrations.migrate(store)
        return store

    def clone(self) -> Store:
        """A second connection to the same file, for a background thread (in-memory stores return self)."""
        if self.path is None:
            return self
        other = Store.open(self.path, migrate=False)
        other.conn.audit_key = getattr(self.conn, "audit_key", None)
        return other

    def _configure(self) -> None:
        self.conn.execute("PRAGMA foreign_keys = ON")
        if self.path is not None:
            mode = self.conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StoreError(msg("Cannot switch {path} to WAL mode (got {mode}).", path=str(self.path),
                                     mode=str(mode)))
        self.conn.execute("PRAGMA synchronous = FULL")
        self.conn.execute("PRAGMA busy_timeout = 30000")
        # Touch the schema so a file that is not SQLite fails here, inside open().
        self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()

    def close(self) -> None:
        """Close the connection (checkpointing the WAL)."""
        try:
            self.conn.close()
        except sqlite3.Error:
            pass

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- transactions --------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE); nested use joins the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        self.conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield self.conn
        except BaseException:
            self._depth = 0
            self.conn.execute("ROLLBACK")
            raise
        self._depth = 0
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")
            raise StoreError(msg("The change could not be saved: {error}. Nothing was written.",
                                 error=str(exc))) from exc

    @property
    def in_transaction(self) -> bool:
        return self._depth > 0

    # -- queries -------------------------------------------------------------
    def query(self, sql: str, params: tuple | dict = ()) -> list[dict]:
        """Rows as plain dicts."""
        cur = self.conn.execute(sql, params)
        cols = [c[0] for c in cur.description or ()]
        return [dict(zip(cols, row)) for row in cur.fetchall()]

    def query_one(self, sql: str, params: tuple | dict = ()) -> dict | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params: tuple | dict = ()):
        row = self.conn.execute(sql, params).fetchone()
        return row[0] if row else None

    # -- what differs between SQLite and PostgreSQL (see store/pg.py) --------
    @property
    def name(self) -> str:
        return str(self.path) if self.path is not None else ":memory:"

    def table_exists(self, name: str) -> bool:
        return bool(self.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)))

    def table_names(self) -> list[str]:
        return [r["name"] for r in self.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]

    def columns(self, table: str) -> list[str]:
        return [r["name"] for r in self.query("SELECT name FROM pragma_table_info(?)", (table,))]

    @staticmethod
    def json_text(column: str, key: str) -> str:
        """SQL for a top-level JSON field of a TEXT column."""
        return f"json_extract({column}, '$.{key}')"

    @staticmethod
    def json_is_one(column: str, key: str) -> str:
        """SQL true when a JSON field is 1 or true."""
        return f"json_extract({column}, '$.{key}') = 1"

    @staticmethod
    def indexed_by(index: str) -> str:
        return f"INDEXED BY {index}"

    row_lock = ""  # see store.pg.PgStore.row_lock: BEGIN IMMEDIATE already holds every row

    def lock(self, name: str) -> None:
        """Nothing to do: a write transaction (BEGIN IMMEDIATE) already excludes every other writer."""

    @staticmethod
    def batch():
        """Nothing to batch in-process (see store.pg.PgStore.batch)."""
        return contextlib.nullcontext()

    def integrity_ok(self) -> bool:
        """True when `PRAGMA integrity_check` reports ok."""
        return self.scalar("PRAGMA integrity_check") == "ok"

    # -- backups -------------------------------------------------------------
    def backup_copy(self, label: str) -> Path | None:
        """A consistent copy of the database beside it (SQLite backup API); returns its path."""
        if self.path is None:
            return None
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = self.path.with_name(f"{self.path.stem}.{label}.{stamp}.sqlite")
        dest = sqlite3.connect(str(target))
        try:
            self.conn.backup(dest)
        finally:
            dest.close()
        _restrict_permissions(target)
        return target

