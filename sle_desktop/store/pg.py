"""PostgreSQL (15 or newer, through psycopg 3) behind the same interface as the SQLite `Store`.

The sponsor's code writes its SQL once, with `?` or `:name` placeholders and the SQL both servers
understand; `PgStore.conn` translates placeholders for psycopg, and the few spellings that differ
(JSON field access, index hints, locks) come from methods both stores have (`json_text`,
`json_is_one`, `indexed_by`, `lock`). psycopg is imported only when a PostgreSQL URL is opened, so
the site application never loads it.
"""

from __future__ import annotations

import contextlib
import re
import zlib
from collections.abc import Iterator
from functools import lru_cache
from urllib.parse import urlsplit, urlunsplit

from sle_desktop.store.db import StoreError, ending_with

URL_SCHEMES = ("postgresql://", "postgres://")


def is_postgres_url(target) -> bool:
    """True when `target` names a PostgreSQL database (postgresql://… or postgres://…)."""
    return isinstance(target, str) and target.startswith(URL_SCHEMES)


def redacted(url: str) -> str:
    """The URL without its password, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


@lru_cache(maxsize=512)
def to_psycopg(sql: str) -> str:
    """`?` -> `%s`, `:name` -> `%(name)s` and `%` -> `%%` outside quoted strings and names (`::` casts kept)."""
    out: list[str] = []
    i, n = 0, len(sql)
    quote = None
    while i < n:
        ch = sql[i]
        if quote:
            out.append(ch)
            if ch == quote:
                quote = None
        elif ch in ("'", '"'):
            quote = ch
            out.append(ch)
        elif ch == "?":
            out.append("%s")
        elif ch == "%":
            out.append("%%")
        elif ch == ":" and i + 1 < n and sql[i + 1] == ":":
            out.append("::")
            i += 1
        elif ch == ":" and (i == 0 or sql[i - 1] != ":") and i + 1 < n and (sql[i + 1].isalpha() or sql[i + 1] == "_"):
            m = re.match(r"[A-Za-z_][A-Za-z0-9_]*", sql[i + 1:])
            out.append(f"%({m.group(0)})s")
            i += len(m.group(0))
        else:
            out.append(ch)
        i += 1
    return "".join(out)


class PgConnection:
    """The part of a sqlite3 connection the sponsor code uses, on a psycopg connection."""

    dialect = "postgresql"

    def __init__(self, raw):
        self.raw = raw

    def execute(self, sql: str, params=None):
        cur = self.raw.cursor()
        if params:
            cur.execute(to_psycopg(sql), params)
        else:
            cur.execute(sql)
        return cur

    def executemany(self, sql: str, seq) -> None:
        seq = list(seq)
        if seq:
            with self.raw.cursor() as cur:
                cur.executemany(to_psycopg(sql), seq)

    def lock(self, name: str) -> None:
        """Hold a named lock until the end of the current transaction (other writers of `name` wait)."""
        self.execute("SELECT pg_advisory_xact_lock(?)", (lock_key(name),))

    def copy_rows(self, table: str, columns: tuple[str, ...], rows) -> None:
        """Bulk-load rows with COPY … FROM STDIN (the fastest way into PostgreSQL)."""
        names = ", ".join(f'"{c}"' for c in columns)
        with self.raw.cursor() as cur, cur.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


class PgStore:
    """An open PostgreSQL database with the interface of `store.db.Store` (query, scalar, transaction…)."""

    dialect = "postgresql"
    path = None

    def __init__(self, raw, url: str):
        import psycopg

        self.conn = PgConnection(raw)
        self.url = url
        self._depth = 0
        self._cursors = 0
        self.IntegrityError = psycopg.errors.IntegrityError
        self.Error = psycopg.Error

    @classmethod
    def connect(cls, url: str) -> PgStore:
        """Connect (autocommit between explicit transactions, like the SQLite store); StoreError if it fails."""
        try:
            import psycopg
        except ImportError:
            raise StoreError("PostgreSQL support is not installed: install sle-desktop with its 'sponsor' extra "
                             "(pip install 'sle-desktop[sponsor]').") from None
        try:
            raw = psycopg.connect(url, autocommit=True, connect_timeout=30, client_encoding="UTF8")
        except psycopg.Error as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise StoreError(f"Cannot connect to the sponsor database {redacted(url)}: {reason}") from None
        return cls(raw, url)

    def __str__(self) -> str:
        return redacted(self.url)

    def clone(self) -> PgStore:
        """A second connection to the same database (for a worker thread)."""
        return PgStore.connect(self.url)

    @property
    def name(self) -> str:
        return redacted(self.url)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.conn.raw.close()

    def __enter__(self) -> PgStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[PgConnection]:
        """One transaction; nested use joins the outer one (as `Store.transaction`)."""
        if self._depth:
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        raw = self.conn.raw
        raw.execute("BEGIN")
        self._depth = 1
        try:
            yield self.conn
        except BaseException:
            self._depth = 0
            with contextlib.suppress(Exception):
                raw.execute("ROLLBACK")
            raise
        self._depth = 0
        try:
            raw.execute("COMMIT")
        except self.Error as exc:
            with contextlib.suppress(Exception):
                raw.execute("ROLLBACK")
            raise StoreError(f"The change could not be saved: {exc}. Nothing was written.") from exc

    @contextlib.contextmanager
    def commits_grouped(self) -> Iterator[None]:
        """A run of write transactions made durable together when the run ends: each commits without waiting for
        the server to flush its log (synchronous_commit off), then one synchronous commit flushes the log up to
        it, and so all of them. Each stays atomic; a server crash during the run loses only its last commits."""
        raw = self.conn.raw
        previous = raw.execute("SHOW synchronous_commit").fetchone()[0]
        raw.execute("SET synchronous_commit = off")
        with ending_with(lambda: self._flush_log(previous)):
            yield None

    def _flush_log(self, setting: str) -> None:
        raw = self.conn.raw
        try:
            raw.execute("SET synchronous_commit = on")
            with raw.transaction():
                raw.execute("SELECT pg_current_xact_id()")  # a transaction id: its commit is logged, and flushed
            raw.execute("SELECT set_config('synchronous_commit', %s, false)", (setting,))
        except self.Error as exc:
            raise StoreError(f"The database server did not confirm that the changes just made are on its disk ({exc}). "
                             "Check what it holds (sle-sponsor status) once it runs again.") from exc

    @property
    def in_transaction(self) -> bool:
        return self._depth > 0

    @contextlib.contextmanager
    def read_snapshot(self) -> Iterator[None]:
        """Every read inside sees one snapshot of the database (a read-only REPEATABLE READ transaction); nested use
        joins the outer transaction."""
        if self._depth:
            yield
            return
        raw = self.conn.raw
        raw.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        self._depth = 1
        try:
            yield
        finally:
            self._depth = 0
            with contextlib.suppress(Exception):
                raw.execute("COMMIT")

    def stream(self, sql: str, params: tuple = (), *, size: int = 2000) -> Iterator[tuple]:
        """Rows as tuples through a server-side cursor, `size` at a time (never the whole result in memory)."""
        self._cursors += 1
        with self.read_snapshot():  # a server-side cursor lives in a transaction
            cur = self.conn.raw.cursor(name=f"sle_stream_{self._cursors}")
            try:
                cur.execute(to_psycopg(sql) if params else sql, params or None)
                while rows := cur.fetchmany(size):
                    yield from rows
            finally:
                with contextlib.suppress(Exception):  # an abandoned stream may be closed after its connection
                    cur.close()

    def query(self, sql: str, params=()) -> list[dict]:
        cur = self.conn.execute(sql, params)
        cols = [c[0] for c in cur.description or ()]
        return [dict(zip(cols, row)) for row in cur.fetchall()]

    def query_one(self, sql: str, params=()) -> dict | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params=()):
        row = self.conn.execute(sql, params).fetchone()
        return row[0] if row else None

    # -- what differs between the servers ------------------------------------------------
    # the catalog itself, not information_schema: its views cost a new connection ~5 ms to plan (every command opens one)
    _TABLES = "SELECT relname FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relkind IN ('r', 'p')"

    def table_exists(self, name: str) -> bool:
        return self.scalar(f"SELECT count(*) FROM ({self._TABLES} AND relname = ?) t", (name,)) > 0

    def table_names(self) -> list[str]:
        return [r["relname"] for r in self.query(self._TABLES + " ORDER BY relname")]

    def columns(self, table: str) -> list[str]:
        """The table's column names in order ([] when there is no such table)."""
        return [r["attname"] for r in self.query(
            "SELECT attname FROM pg_attribute WHERE attrelid = to_regclass(?) AND attnum > 0 AND NOT attisdropped "
            "ORDER BY attnum", (table,))]

    @staticmethod
    def json_text(column: str, key: str) -> str:
        """SQL for the text of a top-level JSON field of a TEXT column."""
        return f"({column}::jsonb ->> '{key}')"

    @staticmethod
    def json_is_one(column: str, key: str) -> str:
        """SQL true when a JSON field is 1 or true (SQLite's json_extract(…) = 1)."""
        return f"(({column}::jsonb -> '{key}') IN ('1'::jsonb, 'true'::jsonb))"

    @staticmethod
    def indexed_by(index: str) -> str:
        return ""

    # a SELECT suffix that locks the rows read until the end of the transaction, waiting for another holder and
    # then reading the row as it committed (SQLite: the write transaction already excludes every other writer)
    row_lock = " FOR UPDATE"

    def lock(self, name: str) -> None:
        """Hold a named lock until the end of the current transaction (other writers of `name` wait)."""
        self.conn.lock(name)

    def batch(self):
        """Statements inside are sent together (psycopg pipeline mode): one round trip for several writes."""
        return self.conn.raw.pipeline()

    def integrity_ok(self) -> bool:
        return self.scalar("SELECT 1") == 1

    def backup_copy(self, label: str):
        """No file copy on a server: its backups are the server's (pg_dump); each migration is one transaction."""
        return None


def lock_key(name: str) -> int:
    """A stable signed 64-bit advisory-lock key for a name."""
    return zlib.crc32(f"sle_desktop:{name}".encode()) | (0x5E1E << 32)


_TRIGGER = re.compile(r"CREATE TRIGGER (\w+) BEFORE (UPDATE|DELETE) ON (\w+)\s+BEGIN SELECT RAISE\(ABORT, '([^']*)'\); END;?\s*$",
                      re.S)
_APPEND_ONLY_FUNCTION = ("CREATE OR REPLACE FUNCTION sle_append_only() RETURNS trigger LANGUAGE plpgsql AS "
                         "$$ BEGIN RAISE EXCEPTION '%', TG_ARGV[0]; END $$")


def postgres_ddl(statement: str) -> list[str]:
    """The PostgreSQL statements for one SQLite DDL statement of a migration (one schema text for both servers).

    INTEGER -> BIGINT (an INTEGER PRIMARY KEY becomes an identity), BLOB -> BYTEA, TEXT compares byte-wise
    (COLLATE "C", as SQLite does, so every ORDER BY gives the same order on both), the column `user` is quoted
    (a reserved word there), and the append-only triggers call one PL/pgSQL function.
    """
    statement = statement.strip().rstrip(";")
    m = _TRIGGER.match(statement + ";")
    if m:
        name, event, table, message = m.groups()
        return [_APPEND_ONLY_FUNCTION,
                f"CREATE TRIGGER {name} BEFORE {event} ON {table} FOR EACH ROW EXECUTE FUNCTION sle_append_only('{message}')"]
    s = re.sub(r"\bINTEGER PRIMARY KEY\b", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", statement)
    s = re.sub(r"\bINTEGER\b", "BIGINT", s)
    s = re.sub(r"\bBLOB\b", "BYTEA", s)
    s = re.sub(r"\bTEXT\b", 'TEXT COLLATE "C"', s)
    s = re.sub(r"(^|[\s(,])user(?=[\s,)])", r'\1"user"', s)
    return [s]
