"""The site's SQLite store: one file, WAL, synchronous=FULL, foreign keys on, numbered migrations."""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import stat
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from sle_desktop.domain.text import msg

log = logging.getLogger(__name__)


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


def create_private_file(path: Path) -> None:
    """Create an empty file readable and writable by its owner only (FileExistsError when it exists).

    SQLite gives a database's -wal, -shm and -journal files the mode of the database file, so a
    database created this way keeps all its side files owner-only too."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, stat.S_IRUSR | stat.S_IWUSR))


SQLITE_MAGIC = b"SQLite format 3\0"
# the table that marks each kind of sle_desktop database, and how to name it
KINDS = {"site": "schema_migrations", "sponsor": "sponsor_schema"}


def check_folder(folder: Path, what: str) -> None:
    """StoreError in one sentence when `folder` (where `what` is to be created) is missing or not a folder."""
    if folder.is_dir():
        return
    if folder.exists():
        raise StoreError(msg("Cannot create {what} in {folder}: {folder} is a file, not a folder.", what=what,
                             folder=str(folder)))
    raise StoreError(msg("Cannot create {what}: the folder {folder} does not exist. Create it first, or choose "
                         "another place.", what=what, folder=str(folder)))


def foreign_file_problem(path: Path, kind: str = "site") -> str | None:
    """Why the existing file at `path` is not an sle_desktop database of `kind`, or None when it is one.

    Only reads the file (no SQLite connection that could switch its journal mode or add tables)."""
    other = "sponsor" if kind == "site" else "site"
    try:
        with open(path, "rb") as fh:
            head = fh.read(100)
    except OSError as exc:
        return msg("{path} cannot be read ({error}).", path=str(path), error=exc.strerror or str(exc))
    if not head:
        return msg("{path} is an empty file, not an sle_desktop database; it was left unchanged. To start a new "
                   "database, give the name of a file that does not exist yet.", path=str(path))
    if not head.startswith(SQLITE_MAGIC):
        return msg("{path} is not an sle_desktop database (it is not an SQLite file); it was left unchanged.",
                   path=str(path))
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, isolation_level=None)
        try:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return msg("{path} is not a readable sle_desktop database ({error}). It may be damaged or a different kind "
                   "of file; it was left unchanged.", path=str(path), error=str(exc))
    if KINDS[kind] in names:
        return None
    if KINDS[other] in names and kind == "site":
        return msg("{path} is an sle_desktop sponsor database, not a site database; it was left unchanged.",
                   path=str(path))
    if KINDS[other] in names:
        return msg("{path} is an sle_desktop site database, not a sponsor database; it was left unchanged.",
                   path=str(path))
    if kind == "site":
        return msg("{path} is another program's SQLite database, not an sle_desktop site database; it was left "
                   "unchanged.", path=str(path))
    return msg("{path} is another program's SQLite database, not an sle_desktop sponsor database; it was left "
               "unchanged.", path=str(path))


def _remove_new(path: Path) -> None:
    """Remove a database this open created and could not finish (and its side files): no half-made file stays."""
    for side in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"),
                 path.with_name(path.name + "-journal")):
        with contextlib.suppress(OSError):
            side.unlink()


class KeyedConnection(sqlite3.Connection):
    """A connection that can carry the unlocked audit key (set by `store.audit.unlock`)."""

    audit_key: bytes | None = None

    def copy_rows(self, table: str, columns: tuple[str, ...], rows) -> None:
        """Bulk-load rows with one executemany (the counterpart of `store.pg.PgConnection.copy_rows`'s COPY)."""
        names = ", ".join(f'"{c}"' for c in columns)
        self.executemany(f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})", rows)


@contextlib.contextmanager
def ending_with(end) -> Iterator[None]:
    """Call `end()` after the body, whatever happens; when the body raised, a failure of `end` is dropped so that the
    body's error is the one that propagates."""
    try:
        yield
    except BaseException:
        with contextlib.suppress(Exception):
            end()
        raise
    end()


def _sync_file(path: Path) -> None:
    """What was written to `path` is on disk (nothing to do when it does not exist)."""
    try:
        fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))  # Windows flushes a handle open for writing only
    except FileNotFoundError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


_CHECKPOINT_THREAD = "sqlite-wal-checkpoint"


def wait_for_checkpoints() -> None:
    """Wait for every background WAL checkpoint of this process to end (`WalCheckpointer`)."""
    for thread in threading.enumerate():
        if thread.name == _CHECKPOINT_THREAD:
            thread.join()


class WalCheckpointer:
    """Copies what a run of write transactions committed to a database file's WAL into the file itself, from a second
    connection on a thread of its own, while the writer goes on: otherwise the writer does it, the next time its
    commit finds the WAL long (`PRAGMA wal_autocheckpoint`) or when it closes the database. The copy is mostly
    waiting for the disk; a PASSIVE checkpoint never blocks the writer (and does what it can when it meets it).

    `kick` after a commit; `finish` when the run has ended and is durable: the copy of its last commits then goes on
    in the background (the thread is not a daemon: the interpreter waits for it before it exits), and the writer's
    own close skips its checkpoint while it runs. `wait` for it. Nothing is lost if a copy fails, is cut short or
    never runs: the WAL holds every committed transaction until one succeeds."""

    def __init__(self, path: Path):
        self._path = path
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._again = False  # one more copy once the running one ends (`finish`)

    def kick(self) -> None:
        """Start a checkpoint of everything committed so far, unless one is still running."""
        self._start(again=False)

    def finish(self) -> None:
        """A last checkpoint of everything committed so far, in the background (after the running one, if any)."""
        self._start(again=True)

    def _start(self, again: bool) -> None:
        with self._lock:
            if self._thread is not None:
                self._again = self._again or again
                return
            self._thread = threading.Thread(target=self._run, name=_CHECKPOINT_THREAD, daemon=False)
            self._thread.start()

    def _run(self) -> None:
        try:
            conn = self._connect()
            try:
                while True:
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                    with self._lock:
                        if not self._again:
                            self._thread = None
                            return
                        self._again = False
            finally:
                conn.close()
        except sqlite3.Error as exc:
            log.warning("a background WAL checkpoint of %s failed (%s); the next one copies it", self._path, exc)
        with self._lock:
            self._thread, self._again = None, False

    def _connect(self) -> sqlite3.Connection:
        # read-write, never create: a file removed meanwhile is not made again, empty
        return sqlite3.connect(self._path.resolve().as_uri() + "?mode=rw", uri=True, isolation_level=None)

    def wait(self) -> None:
        """Wait for the copies started so far to end."""
        with self._lock:
            thread = self._thread
        if thread is not None:
            thread.join()


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
        self.kind = "site"

    @property
    def db(self):
        """A sqlite_utils view of the connection, imported on first use (the import costs ~0.2 s at start-up)."""
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn)
        return self._db

    # -- opening -------------------------------------------------------------
    @classmethod
    def open(cls, path: str | os.PathLike, *, migrate: bool = True, backup: bool = True, create: bool = True,
             kind: str = "site") -> Store:
        """Open the sle_desktop database of `kind` ("site" or "sponsor") at `path` and bring its schema up to date.

        A path that does not exist yet is a new database (when `create`; created owner-only, in an existing
        folder only); an existing file that is not such a database (empty, another program's, garbage) is
        refused with StoreError and left byte for byte unchanged."""
        from sle_desktop.store import migrations

        path = Path(path)
        if path.is_dir():
            raise StoreError(msg("{path} is a folder, not a database file.", path=str(path)))
        is_new = not path.exists()
        if is_new:
            if not create:
                raise StoreError(msg("No database at {path}.", path=str(path)))
            check_folder(path.parent, msg("the database {name}", name=path.name))
            try:
                create_private_file(path)
            except FileExistsError:
                is_new = False
            except OSError as exc:
                raise StoreError(msg("Cannot create the database {path}: {error}.", path=str(path),
                                     error=exc.strerror or str(exc))) from None
        if not is_new:
            problem = foreign_file_problem(path, kind)
            if problem:
                raise StoreError(problem)
        try:
            conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=30,
                                   factory=KeyedConnection)
        except sqlite3.Error as exc:
            raise StoreError(msg("Cannot open the database {path}: {error}", path=str(path), error=str(exc))) from exc
        store = cls(conn, path)
        store.kind = kind
        try:
            for side in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                if side.exists():
                    _restrict_permissions(side)
            store._configure()
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
            if is_new:
                _remove_new(path)
            raise StoreError(msg(
                "{path} is not a readable sle_desktop database ({error}). "
                "It may be damaged or a different kind of file; restore it from a backup.",
                path=str(path), error=str(exc))) from exc
        except BaseException:
            conn.close()
            if is_new:
                _remove_new(path)
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
        other = Store.open(self.path, migrate=False, create=False, kind=self.kind)
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

    @contextlib.contextmanager
    def commits_grouped(self) -> Iterator[WalCheckpointer | None]:
        """A run of write transactions made durable together when the run ends (one sync of the WAL then, not one
        per commit: synchronous=NORMAL meanwhile). Each stays atomic; a power cut during the run leaves the
        database as one of them left it, never half of one. Yields a WalCheckpointer to `kick` after each commit
        (None for an in-memory store)."""
        if self.path is None:
            yield None
            return
        checkpoints = WalCheckpointer(self.path)
        self.conn.execute("PRAGMA synchronous = NORMAL")
        with ending_with(lambda: self._end_grouped(checkpoints)):
            yield checkpoints

    def _end_grouped(self, checkpoints: WalCheckpointer) -> None:
        try:
            self.conn.execute("PRAGMA synchronous = FULL")
            _sync_file(Path(f"{self.path}-wal"))
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(msg("The changes just made to {path} could not be confirmed on the disk ({error}). Check "
                                 "the disk, then what the database holds.", path=str(self.path),
                                 error=getattr(exc, "strerror", None) or str(exc))) from exc
        checkpoints.finish()  # durable now: the last commits are copied into the file while the caller goes on

    def close(self) -> None:
        """Close the connection (checkpointing the WAL, unless a background checkpoint still runs: it does then)."""
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

    @contextlib.contextmanager
    def read_snapshot(self) -> Iterator[None]:
        """Every read inside sees the database as of the first one (a deferred read transaction: in WAL mode writers
        go on meanwhile); nested use joins the outer transaction."""
        if self._depth:
            yield
            return
        self.conn.execute("BEGIN")
        self._depth = 1
        try:
            yield
        finally:
            self._depth = 0
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("COMMIT")

    # -- queries -------------------------------------------------------------
    def stream(self, sql: str, params: tuple = (), *, size: int = 2000) -> Iterator[tuple]:
        """Rows as tuples, fetched `size` at a time (never the whole result in memory)."""
        cur = self.conn.execute(sql, params)
        try:
            while rows := cur.fetchmany(size):
                yield from rows
        finally:
            with contextlib.suppress(sqlite3.Error):  # an abandoned stream may be closed after its connection
                cur.close()

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
        create_private_file(target)
        dest = sqlite3.connect(str(target))
        try:
            self.conn.backup(dest)
        finally:
            dest.close()
        _restrict_permissions(target)
        return target

