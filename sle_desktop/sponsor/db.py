"""The sponsor's database: registered sites, imported bundles, every site's records and audit trail.

One SQLite file (WAL, synchronous=FULL, foreign keys) opened through `store.db.Store`, or a
PostgreSQL database (`postgresql://…`) opened through `store.pg.PgStore`: the same SQL and the same
code on both. Its numbered migrations are the "sponsor" set of the one migration runner
(`store.migrations.apply`), recorded in `sponsor_schema` (a different table from the site's
`schema_migrations`, so neither kind of database can be mistaken for the other); on PostgreSQL the
same migration text is converted statement by statement (`store.pg.postgres_ddl`).

Tables (migration 1):
  sites         one row per registered site: code, UUID, Ed25519 public key, fingerprint, and the
                import state (last bundle number and hash, audit-chain head seq and hash)
  bundles       one row per imported bundle: manifest, signature, seq range, who/when, counts
  site_columns  the columns of each clinical table as the site last described them (for exports)
  records       the current version of every clinical record of every site, as canonical JSON,
                keyed by (table, uuid), with site, subject and visit for fast grouping
  audit         every site's audit trail, row for row (append-only, hash chain kept per site)
  sponsor_log   what was done here: site registrations and imports (who, when, what)

Migration 2 (the way back, see sponsor_returns.py): sites.return_recipient, queries, sdv_marks,
return_bundles, and sponsor_audit (the sponsor's own hash-chained, append-only audit trail).
Migration 3: records keyed by (site_uuid, tbl, uuid), so UUIDs are scoped per site.

Sponsor accounts (sponsor/accounts.py): sponsor_users, the people who log in to `sle-sponsor gui`; and an
index covering the sponsor window's per-subject record counts (SDV progress).
Field-level SDV: sdv_marks keyed (site_uuid, record_table, record_uuid, field), field '' for a whole-record mark
(as the site's site_sdv); a field mark keeps that value's hash (`store.records.field_content_hash`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from sle_desktop.store import migrations as runner
from sle_desktop.store.db import Store, StoreError, StoreVersionError
from sle_desktop.store.migrations import append_only_sql, audit_columns_sql
from sle_desktop.store.pg import PgStore, is_postgres_url, postgres_ddl


def _run_script(conn, script: str) -> None:
    """Execute statements one by one inside the migration's transaction (executescript would commit);
    on PostgreSQL each is first converted by `postgres_ddl`."""
    pg = getattr(conn, "dialect", "sqlite") == "postgresql"
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            for statement in postgres_ddl(pending) if pg else (pending,):
                conn.execute(statement)
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete SQL statement in sponsor migration: {pending.strip()[:80]}")


def _v1(conn) -> None:
    _run_script(conn, f"""
CREATE TABLE sites (
    site_uuid TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    study_id TEXT NOT NULL,
    study_version TEXT,
    public_key BLOB NOT NULL,
    fingerprint TEXT NOT NULL,
    registered_at TEXT NOT NULL,
    registered_by TEXT NOT NULL,
    last_bundle_seq INTEGER NOT NULL DEFAULT 0,
    last_bundle_hash TEXT NOT NULL,
    head_seq INTEGER NOT NULL DEFAULT 0,
    head_hash TEXT NOT NULL,
    last_import_at TEXT
);
CREATE TABLE bundles (
    site_uuid TEXT NOT NULL REFERENCES sites (site_uuid),
    bundle_seq INTEGER NOT NULL,
    bundle_hash TEXT NOT NULL,
    prev_bundle_hash TEXT NOT NULL,
    from_seq INTEGER NOT NULL,
    to_seq INTEGER NOT NULL,
    file_name TEXT NOT NULL,
    file_sha256 TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    manifest TEXT NOT NULL,
    signature TEXT NOT NULL,
    site_created_at TEXT NOT NULL,
    site_created_by TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    records_added INTEGER NOT NULL,
    records_updated INTEGER NOT NULL,
    audit_added INTEGER NOT NULL,
    PRIMARY KEY (site_uuid, bundle_seq)
);
CREATE TABLE site_columns (
    site_uuid TEXT NOT NULL REFERENCES sites (site_uuid),
    tbl TEXT NOT NULL,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    decl_type TEXT NOT NULL,
    PRIMARY KEY (site_uuid, tbl, name)
);
CREATE TABLE records (
    tbl TEXT NOT NULL,
    uuid TEXT NOT NULL,
    site_uuid TEXT NOT NULL REFERENCES sites (site_uuid),
    subject_uuid TEXT,
    visit_uuid TEXT,
    change_seq INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    data TEXT NOT NULL,
    first_bundle_seq INTEGER NOT NULL,
    last_bundle_seq INTEGER NOT NULL,
    received_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (tbl, uuid)
);
CREATE INDEX records_site ON records (site_uuid, tbl);
CREATE INDEX records_subject ON records (subject_uuid);
CREATE TABLE audit (
    site_uuid TEXT NOT NULL REFERENCES sites (site_uuid),
    {audit_columns_sql("INTEGER NOT NULL")},
    bundle_seq INTEGER NOT NULL,
    PRIMARY KEY (site_uuid, seq)
);
CREATE INDEX audit_row ON audit (site_uuid, "table", row_id);
{append_only_sql("audit", "the imported audit trail is append-only")}
CREATE TABLE sponsor_log (
    id INTEGER PRIMARY KEY,
    at_utc TEXT NOT NULL,
    user TEXT NOT NULL,
    action TEXT NOT NULL,
    site_uuid TEXT,
    detail TEXT NOT NULL
);
""")


def _v2_returns(conn) -> None:
    _run_script(conn, f"""
ALTER TABLE sites ADD COLUMN return_recipient TEXT;
CREATE TABLE queries (
    uuid TEXT PRIMARY KEY,
    site_uuid TEXT NOT NULL REFERENCES sites (site_uuid),
    subject_uuid TEXT,
    subject_id TEXT,
    visit_uuid TEXT,
    visit_code TEXT,
    record_table TEXT NOT NULL,
    record_uuid TEXT NOT NULL,
    field TEXT NOT NULL,
    value_at_raise TEXT,
    text TEXT NOT NULL,
    followup TEXT,
    status TEXT NOT NULL CHECK (status IN ('open', 'answered', 'closed', 'reopened')),
    version INTEGER NOT NULL,
    raised_by TEXT NOT NULL,
    raised_at TEXT NOT NULL,
    answer TEXT,
    answered_by TEXT,
    answered_at TEXT,
    correction TEXT,
    closed_by TEXT,
    closed_at TEXT,
    close_reason TEXT,
    history TEXT NOT NULL DEFAULT '[]',
    updated_at TEXT NOT NULL
);
CREATE INDEX queries_site ON queries (site_uuid, status);
CREATE TABLE sdv_marks (
    site_uuid TEXT NOT NULL REFERENCES sites (site_uuid),
    record_table TEXT NOT NULL,
    record_uuid TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    change_seq INTEGER NOT NULL,
    monitor TEXT NOT NULL,
    marked_at TEXT NOT NULL,
    PRIMARY KEY (record_table, record_uuid)
);
CREATE TABLE return_bundles (
    site_uuid TEXT NOT NULL REFERENCES sites (site_uuid),
    return_seq INTEGER NOT NULL,
    bundle_hash TEXT NOT NULL,
    prev_return_hash TEXT NOT NULL,
    file_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    acked_bundle_seq INTEGER NOT NULL,
    chain_head_seq INTEGER NOT NULL,
    chain_head_hash TEXT NOT NULL,
    queries INTEGER NOT NULL,
    sdv_marks INTEGER NOT NULL,
    study_version TEXT,
    study_definition TEXT,
    PRIMARY KEY (site_uuid, return_seq)
);
CREATE TABLE sponsor_audit (
    {audit_columns_sql()}
);
CREATE INDEX sponsor_audit_row ON sponsor_audit ("table", row_id);
{append_only_sql("sponsor_audit", "the sponsor audit trail is append-only")}
""")


def _v3_records_per_site(conn) -> None:
    """Records keyed by (site, table, uuid): a UUID one site reuses can never block another site's records."""
    _run_script(conn, """
CREATE TABLE records_v3 (
    site_uuid TEXT NOT NULL REFERENCES sites (site_uuid),
    tbl TEXT NOT NULL,
    uuid TEXT NOT NULL,
    subject_uuid TEXT,
    visit_uuid TEXT,
    change_seq INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    data TEXT NOT NULL,
    first_bundle_seq INTEGER NOT NULL,
    last_bundle_seq INTEGER NOT NULL,
    received_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (site_uuid, tbl, uuid)
);
INSERT INTO records_v3 (site_uuid, tbl, uuid, subject_uuid, visit_uuid, change_seq, deleted, data, first_bundle_seq,
    last_bundle_seq, received_at, updated_at)
SELECT site_uuid, tbl, uuid, subject_uuid, visit_uuid, change_seq, deleted, data, first_bundle_seq, last_bundle_seq,
    received_at, updated_at FROM records;
DROP TABLE records;
ALTER TABLE records_v3 RENAME TO records;
CREATE INDEX records_site ON records (site_uuid, tbl);
CREATE INDEX records_subject ON records (subject_uuid);
CREATE INDEX records_uuid ON records (tbl, uuid);
""")


def _v_lock_requests(conn) -> None:
    # idempotent: a database whose bookkeeping lost this step's row runs it again harmlessly
    _run_script(conn, """
-- Lock and unlock requests for a site's casebooks (listed subjects, or all: the end-of-study lock), sent in every
-- return bundle from then on; the site applies each once.
CREATE TABLE IF NOT EXISTS lock_requests (
    uuid TEXT PRIMARY KEY,
    site_uuid TEXT NOT NULL REFERENCES sites (site_uuid),
    action TEXT NOT NULL CHECK (action IN ('lock', 'unlock')),
    scope TEXT NOT NULL CHECK (scope IN ('all', 'subjects')),
    subjects TEXT NOT NULL,
    reason TEXT,
    requested_by TEXT NOT NULL,
    requested_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS lock_requests_site ON lock_requests (site_uuid, requested_at);
""")
    for table, column in (("queries", "origin"), ("sdv_marks", "source")):
        cur = conn.execute(f"SELECT * FROM {table} LIMIT 0")
        if column not in [c[0] for c in cur.description]:
            _run_script(conn, f"ALTER TABLE {table} ADD COLUMN {column} TEXT NOT NULL DEFAULT 'sponsor';\n")


MIGRATIONS: tuple[tuple[int, str, Callable], ...] = (
    (1, "sponsor schema: sites, bundles, records, audit trail, log", _v1),
    (2, "the way back: queries, SDV marks, return bundles, sponsor audit trail", _v2_returns),
    (3, "records keyed per site: (site, table, uuid)", _v3_records_per_site),
    (4, "lock requests for site casebooks; queries and SDV marks say whether they came from the site", _v_lock_requests),
)


def _v_accounts(conn) -> None:
    # IF NOT EXISTS: a database whose bookkeeping row was lost (restored from a copy) runs it again safely
    _run_script(conn, """
CREATE TABLE IF NOT EXISTS sponsor_users (
    username TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('data_manager', 'monitor', 'safety_officer', 'statistician')),
    password_hash TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS records_subject_sdv ON records (site_uuid, subject_uuid, deleted, tbl);
""")


# Appended, numbered after whatever precedes it.
ACCOUNTS_MIGRATION = "sponsor accounts: users of the sponsor window (argon2id, lockout)"
MIGRATIONS += ((len(MIGRATIONS) + 1, ACCOUNTS_MIGRATION, _v_accounts),)


def _v_field_sdv(conn) -> None:
    """SDV marks keyed (site, form, record, field): field '' is a whole-record mark, a field name marks that one
    value. Every existing mark is kept as a whole-record mark of its site, and the field marks monitors made at the
    sites (received earlier, but not merged then) join them, audited."""
    if "field" in [c[0] for c in conn.execute("SELECT * FROM sdv_marks LIMIT 0").description]:
        return  # already rebuilt (a database whose bookkeeping row was lost runs this again harmlessly)
    _rekey_sdv_marks(conn)
    from sle_desktop.sponsor.sponsor_audit import merge_site_mark

    for site_uuid, data, bundle_seq in conn.execute("SELECT site_uuid, data, last_bundle_seq FROM records WHERE "
                                                     "tbl = 'site_sdv' AND deleted = 0 ORDER BY site_uuid, uuid"
                                                     ).fetchall():
        row = json.loads(data)
        if isinstance(row.get("field"), str) and row["field"] and row.get("content_hash"):
            merge_site_mark(conn, site_uuid, row, user="sponsor migration", bundle_seq=bundle_seq)


def _rekey_sdv_marks(conn) -> None:
    if getattr(conn, "dialect", "sqlite") == "postgresql":
        # altered in place, so the day-to-day role's grants on the table (README "PostgreSQL") stay as they are
        pkey = conn.execute("SELECT conname FROM pg_constraint WHERE conrelid = 'sdv_marks'::regclass "
                            "AND contype = 'p'").fetchone()[0]
        _run_script(conn, f"""
ALTER TABLE sdv_marks ADD COLUMN field TEXT NOT NULL DEFAULT '';
ALTER TABLE sdv_marks DROP CONSTRAINT {pkey};
ALTER TABLE sdv_marks ADD PRIMARY KEY (site_uuid, record_table, record_uuid, field);
""")
        return
    _run_script(conn, """
CREATE TABLE sdv_marks_by_field (
    site_uuid TEXT NOT NULL REFERENCES sites (site_uuid),
    record_table TEXT NOT NULL,
    record_uuid TEXT NOT NULL,
    field TEXT NOT NULL DEFAULT '',
    content_hash TEXT NOT NULL,
    change_seq INTEGER NOT NULL,
    monitor TEXT NOT NULL,
    marked_at TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT 'sponsor',
    PRIMARY KEY (site_uuid, record_table, record_uuid, field)
);
INSERT INTO sdv_marks_by_field (site_uuid, record_table, record_uuid, field, content_hash, change_seq, monitor,
    marked_at, source)
SELECT site_uuid, record_table, record_uuid, '', content_hash, change_seq, monitor, marked_at, source FROM sdv_marks;
DROP TABLE sdv_marks;
ALTER TABLE sdv_marks_by_field RENAME TO sdv_marks;
""")


FIELD_SDV_MIGRATION = "SDV marks per site and per field (field '' marks the whole record)"
MIGRATIONS += ((len(MIGRATIONS) + 1, FIELD_SDV_MIGRATION, _v_field_sdv),)
SPONSOR = runner.MigrationSet("sponsor", "sponsor_schema", MIGRATIONS)
LATEST = SPONSOR.latest


def current_version(store) -> int:
    return runner.recorded_version(store, SPONSOR)


def migrate(store, target: int | None = None) -> list[int]:
    """Apply pending sponsor migrations, each in its own transaction."""
    return runner.apply(store, SPONSOR, target)


def sqlite_path(target) -> Path:
    """The file of a SQLite target: a path, or sqlite:///PATH (sqlite:////abs/path for an absolute one)."""
    if isinstance(target, str) and target.startswith("sqlite:"):
        if not target.startswith("sqlite:///") or len(target) == len("sqlite:///"):
            raise StoreError(f"{target!r} is not a SQLite URL: write sqlite:///PATH (or just the file path).")
        return Path(target[len("sqlite:///"):])
    return Path(target)


def describe(target) -> str:
    """The database named in messages (PostgreSQL URLs without their password)."""
    from sle_desktop.store.pg import redacted

    return redacted(target) if is_postgres_url(target) else str(sqlite_path(target))


WAL_CHECKPOINT_PAGES = 16_000  # 64 MB of WAL; 100 sites imported ~1 s faster (29.1 against 30.6 s, 4 runs each)


def open_sponsor_store(target, *, create: bool = False):
    """Open the sponsor database (creating its schema when `create`), refusing a site database or a newer schema.

    `target`: a file path or sqlite:///PATH (SQLite), or postgresql://user@host:port/dbname (also
    postgresql:///dbname?host=/socket/dir) for a PostgreSQL database that already exists (the server's
    administrator creates it; this program creates and migrates the tables in it)."""
    if is_postgres_url(target):
        store = PgStore.connect(target)
        where = store.name
    else:
        path = sqlite_path(target)
        if not path.exists() and not create:
            raise StoreError(f"No sponsor database at {path}. Register a site first (sle-sponsor register-site) to "
                             "create it.")
        store = Store.open(path, migrate=False, kind="sponsor")
        # an import commits bundle by bundle: checkpointing the WAL every WAL_CHECKPOINT_PAGES instead of SQLite's
        # 1 000 copies an index page that several bundles change into the file once, not once a bundle
        store.conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES}")
        where = str(path)
    try:
        tables = store.table_names()
        if "schema_migrations" in tables:
            raise StoreError(f"{where} is a site database, not a sponsor database. Use a separate file for the sponsor.")
        version, named = runner.recorded(store, SPONSOR)
        if tables and version == 0:
            raise StoreError(f"{where} is not an sle_desktop sponsor database.")
        if not tables and not create:
            raise StoreError(f"The database {where} holds no sponsor data yet. Register a site first "
                             "(sle-sponsor register-site) to create the sponsor tables in it.")
        if version > LATEST:
            raise StoreVersionError(
                f"The sponsor database {Path(where).name if store.path else where} was written by a newer version of "
                f"sle_desktop (schema {version}; this program knows up to {LATEST}). Install the newer version; "
                "nothing was changed.")
        if 0 < version < LATEST:
            store.backup_copy(f"before-sponsor-migration-v{version}")
        if version < LATEST or not named:
            migrate(store)
    except BaseException:
        store.close()
        raise
    return store


DEMO_ACTION = "demo_database"


def is_demo(store: Store) -> bool:
    """A demo sponsor database: marked so (sponsor_log) when a demo site was the first site registered in it."""
    return store.scalar("SELECT count(*) FROM sponsor_log WHERE action = ?", (DEMO_ACTION,)) > 0


def log(conn, *, user: str, action: str, site_uuid: str | None, detail: str) -> None:
    """Record a sponsor-side action (inside the caller's transaction)."""
    conn.execute(
        'INSERT INTO sponsor_log (at_utc, "user", action, site_uuid, detail) VALUES (?, ?, ?, ?, ?)',
        (datetime.now(UTC).isoformat(timespec="seconds"), user, action, site_uuid, detail),
    )
