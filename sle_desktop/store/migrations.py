"""Numbered schema migrations: each runs in one transaction and is recorded in `schema_migrations`.

Migrations are frozen once released: never edit one, add the next number instead.
Their DDL is spelled out here (not generated from the domain catalogue) so that an
old database always migrates through exactly the same steps.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sle_desktop.store import migration_flare


def _run_script(conn, script: str) -> None:
    """Execute statements one by one: `executescript` would commit the migration's transaction."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            conn.execute(pending)
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete SQL statement in migration: {pending.strip()[:80]}")

# The audit trail's row shape, one definition for the site's `audit`, the sponsor's copy of every site's trail
# and the sponsor's own `sponsor_audit`: the fields `store.audit.row_hash` covers, then the row's hash.
AUDIT_COLUMNS = (
    ("at_utc", "TEXT NOT NULL"), ("at_local", "TEXT NOT NULL"), ("user", "TEXT NOT NULL"), ('"table"', "TEXT NOT NULL"),
    ("row_id", "TEXT NOT NULL"), ("field", "TEXT NOT NULL"), ("old", "TEXT"), ("new", "TEXT"), ("reason", "TEXT"),
    ("prev_hash", "TEXT NOT NULL"), ("hash", "TEXT NOT NULL"),
)


def audit_columns_sql(seq: str = "INTEGER PRIMARY KEY") -> str:
    """The column definitions of an audit table (SQLite DDL; `store.pg.postgres_ddl` converts it)."""
    return ",\n    ".join([f"seq {seq}", *(f"{name} {decl}" for name, decl in AUDIT_COLUMNS)])


def append_only_sql(table: str, message: str) -> str:
    """Triggers refusing every UPDATE and DELETE of an audit table."""
    return "\n".join(f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table}\n"
                     f"BEGIN SELECT RAISE(ABORT, '{message}'); END;" for event in ("UPDATE", "DELETE"))


# The 24 SELENA-SLEDAI descriptor columns of sledai_assessments, as released in v1.
_SLEDAI_V1 = (
    "seizure", "psychosis", "organic_brain_syndrome", "visual_disturbance", "cranial_nerve_disorder",
    "lupus_headache", "cva", "vasculitis", "arthritis", "myositis", "urinary_casts", "hematuria",
    "proteinuria", "pyuria", "rash", "alopecia", "mucosal_ulcers", "pleurisy", "pericarditis",
    "low_complement", "increased_dna_binding", "fever", "thrombocytopenia", "leukopenia",
)

# Columns every clinical table carries.
_CLINICAL = """
    uuid TEXT PRIMARY KEY,
    change_seq INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT,
    updated_by TEXT,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
"""


def _v1_core(conn) -> None:
    sledai_cols = ",\n".join(f"    {c} INTEGER NOT NULL DEFAULT 0 CHECK ({c} IN (0, 1))" for c in _SLEDAI_V1)
    _run_script(conn,
        f"""
CREATE TABLE site (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    site_uuid TEXT NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    study_id TEXT NOT NULL,
    study_version TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT INTO counters (name, value) VALUES ('subject_number', 0), ('screening_number', 0);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE users (
    username TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('investigator', 'coordinator', 'monitor', 'admin')),
    password_hash TEXT NOT NULL,
    kdf_salt BLOB NOT NULL,
    kdf_params TEXT NOT NULL,
    wrapped_data_key BLOB NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);
-- The site data key wrapped for headless use by a key file kept outside the database.
CREATE TABLE machine_keys (
    key_id TEXT PRIMARY KEY,
    wrapped_data_key BLOB NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE audit (
    {audit_columns_sql()}
);
CREATE INDEX audit_row ON audit ("table", row_id);
CREATE INDEX audit_user ON audit (user);
{append_only_sql("audit", "the audit trail is append-only")}

CREATE TABLE subjects (
    {_CLINICAL},
    screening_number TEXT NOT NULL UNIQUE,
    subject_id TEXT UNIQUE,
    status TEXT NOT NULL CHECK (status IN ('screened', 'screen_failed', 'enrolled', 'withdrawn', 'completed')),
    sex TEXT CHECK (sex IN ('F', 'M')),
    year_of_birth INTEGER,
    arm TEXT CHECK (arm IN ('msc', 'standard')),
    arm_reason TEXT,
    arm_assigned_by TEXT,
    arm_assigned_at TEXT,
    baseline_date TEXT,
    withdrawn_reason TEXT
);
CREATE TABLE identifiers (
    subject_uuid TEXT PRIMARY KEY REFERENCES subjects (uuid),
    ciphertext BLOB NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE consents (
    {_CLINICAL},
    subject_uuid TEXT NOT NULL REFERENCES subjects (uuid),
    consent_date TEXT NOT NULL,
    version TEXT NOT NULL,
    obtained_by TEXT
);
CREATE TABLE screenings (
    {_CLINICAL},
    subject_uuid TEXT NOT NULL REFERENCES subjects (uuid),
    screening_date TEXT NOT NULL,
    age_at_consent INTEGER,
    acr_criteria TEXT NOT NULL,
    anti_dsdna_positive INTEGER NOT NULL,
    anti_dsdna_value REAL,
    anti_dsdna_uln REAL,
    sledai_codes TEXT NOT NULL,
    sledai_score INTEGER NOT NULL,
    biopsy_class TEXT,
    biopsy_date TEXT,
    proteinuria_g_per_day REAL,
    upcr_g_per_g REAL,
    active_sediment INTEGER NOT NULL,
    investigator_confirms_nephritis INTEGER NOT NULL,
    can_follow_procedures INTEGER NOT NULL,
    needs_dialysis INTEGER NOT NULL,
    planned_transplant INTEGER NOT NULL,
    high_risk_condition INTEGER NOT NULL,
    high_risk_text TEXT,
    pregnant_or_lactating INTEGER NOT NULL,
    pregnancy_test TEXT,
    chronic_infection INTEGER NOT NULL,
    infection_details TEXT,
    last_malignancy_date TEXT,
    eligible INTEGER NOT NULL,
    failed_criteria TEXT NOT NULL
);
CREATE TABLE visits (
    {_CLINICAL},
    subject_uuid TEXT NOT NULL REFERENCES subjects (uuid),
    visit_code TEXT NOT NULL,
    visit_date TEXT NOT NULL,
    study_day INTEGER,
    window_status TEXT,
    notes TEXT
);
CREATE TABLE sledai_assessments (
    {_CLINICAL},
    subject_uuid TEXT NOT NULL REFERENCES subjects (uuid),
    visit_uuid TEXT NOT NULL REFERENCES visits (uuid),
{sledai_cols},
    sources TEXT NOT NULL DEFAULT '{{}}',
    score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 105),
    renal_score INTEGER NOT NULL CHECK (renal_score BETWEEN 0 AND 16),
    pga REAL NOT NULL CHECK (pga BETWEEN 0 AND 3),
    flare TEXT
);
CREATE TABLE labs (
    {_CLINICAL},
    subject_uuid TEXT NOT NULL REFERENCES subjects (uuid),
    visit_uuid TEXT REFERENCES visits (uuid),
    sample_date TEXT NOT NULL,
    test TEXT NOT NULL,
    value REAL NOT NULL,
    unit TEXT NOT NULL,
    lln REAL,
    uln REAL
);
CREATE TABLE adverse_events (
    {_CLINICAL},
    subject_uuid TEXT NOT NULL REFERENCES subjects (uuid),
    term TEXT NOT NULL,
    onset_date TEXT NOT NULL,
    stop_date TEXT,
    grade INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 5),
    serious INTEGER NOT NULL CHECK (serious IN (0, 1)),
    serious_criteria TEXT NOT NULL DEFAULT '[]',
    relationship TEXT NOT NULL,
    action_taken TEXT,
    outcome TEXT,
    aware_at TEXT NOT NULL,
    infusion_uuid TEXT,
    sae_exported_at TEXT,
    sae_acknowledged_at TEXT
);
CREATE TABLE infusions (
    {_CLINICAL},
    subject_uuid TEXT NOT NULL REFERENCES subjects (uuid),
    visit_uuid TEXT REFERENCES visits (uuid),
    infusion_date TEXT NOT NULL,
    start_time TEXT,
    end_time TEXT,
    lot_number TEXT NOT NULL,
    cells_per_kg_million REAL NOT NULL,
    total_cells REAL NOT NULL,
    viability_pct REAL NOT NULL,
    volume_ml REAL NOT NULL,
    route TEXT NOT NULL DEFAULT 'IV',
    weight_kg REAL NOT NULL,
    premedication TEXT,
    pre_bp_systolic INTEGER, pre_bp_diastolic INTEGER, pre_heart_rate INTEGER,
    pre_temperature REAL, pre_spo2 INTEGER,
    post_bp_systolic INTEGER, post_bp_diastolic INTEGER, post_heart_rate INTEGER,
    post_temperature REAL, post_spo2 INTEGER,
    reaction INTEGER NOT NULL DEFAULT 0,
    reaction_ae_uuid TEXT REFERENCES adverse_events (uuid),
    administered_by TEXT NOT NULL
);
CREATE TABLE con_meds (
    {_CLINICAL},
    subject_uuid TEXT NOT NULL REFERENCES subjects (uuid),
    drug TEXT NOT NULL,
    dose REAL,
    dose_unit TEXT,
    route TEXT,
    frequency TEXT,
    start_date TEXT,
    stop_date TEXT,
    indication TEXT
);
CREATE TABLE deviations (
    {_CLINICAL},
    subject_uuid TEXT NOT NULL REFERENCES subjects (uuid),
    visit_uuid TEXT REFERENCES visits (uuid),
    kind TEXT NOT NULL,
    description TEXT NOT NULL,
    detected_on TEXT NOT NULL
);
CREATE TABLE signatures (
    {_CLINICAL},
    record_table TEXT NOT NULL,
    record_uuid TEXT NOT NULL,
    subject_uuid TEXT REFERENCES subjects (uuid),
    meaning TEXT NOT NULL CHECK (meaning IN ('authored', 'reviewed', 'approved')),
    signer TEXT NOT NULL,
    signer_name TEXT NOT NULL,
    signed_at TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    invalidated_at TEXT,
    invalidated_reason TEXT
);
"""
    )


def _v2_indexes(conn) -> None:
    _run_script(conn,
        """
CREATE INDEX subjects_change ON subjects (change_seq);
CREATE INDEX visits_subject ON visits (subject_uuid, visit_code);
CREATE INDEX sledai_visit ON sledai_assessments (visit_uuid);
CREATE INDEX sledai_subject ON sledai_assessments (subject_uuid);
CREATE INDEX labs_visit ON labs (visit_uuid, test);
CREATE INDEX labs_subject ON labs (subject_uuid, test);
CREATE INDEX ae_subject ON adverse_events (subject_uuid);
CREATE INDEX infusions_subject ON infusions (subject_uuid);
CREATE INDEX con_meds_subject ON con_meds (subject_uuid);
CREATE INDEX signatures_record ON signatures (record_table, record_uuid);
"""
    )


def _v3_sync(conn) -> None:
    _run_script(conn,
        """
-- The site's Ed25519 signing key; the private half is encrypted under the site data key.
CREATE TABLE site_signing_key (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    public_key BLOB NOT NULL,
    encrypted_private_key BLOB NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE sponsor_recipients (
    recipient TEXT PRIMARY KEY,
    label TEXT,
    fingerprint TEXT NOT NULL,
    added_at TEXT NOT NULL,
    added_by TEXT NOT NULL
);
CREATE TABLE exports (
    bundle_seq INTEGER PRIMARY KEY,
    from_seq INTEGER NOT NULL,
    to_seq INTEGER NOT NULL,
    file_name TEXT NOT NULL,
    bundle_hash TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    acknowledged_at TEXT
);
"""
    )


def _v4_two_phase_exports(conn) -> None:
    _run_script(conn,
        """
-- Two-phase export: a row is recorded as 'pending' (with where the file goes and its hash)
-- before the bundle is renamed to its final name, and marked 'done' afterwards. A crash in
-- between is reconciled from these columns at the next start or export.
ALTER TABLE exports ADD COLUMN status TEXT NOT NULL DEFAULT 'done' CHECK (status IN ('pending', 'done'));
ALTER TABLE exports ADD COLUMN folder TEXT;
ALTER TABLE exports ADD COLUMN file_sha256 TEXT;
ALTER TABLE exports ADD COLUMN sae_uuids TEXT NOT NULL DEFAULT '[]';
"""
    )


def _v5_returns(conn) -> None:
    _run_script(conn,
        f"""
-- Data queries raised by the sponsor; a clinical table, so answers travel back in the next bundle.
-- The record uuid is the sponsor's query identifier.
CREATE TABLE queries (
    {_CLINICAL},
    subject_uuid TEXT,
    visit_uuid TEXT,
    record_table TEXT NOT NULL,
    record_uuid TEXT NOT NULL,
    field TEXT NOT NULL,
    question TEXT NOT NULL,
    followup TEXT,
    status TEXT NOT NULL CHECK (status IN ('open', 'answered', 'closed', 'reopened')),
    sponsor_version INTEGER NOT NULL,
    raised_by TEXT NOT NULL,
    raised_at TEXT NOT NULL,
    answer TEXT,
    answered_by TEXT,
    answered_at TEXT,
    correction TEXT,
    closed_by TEXT,
    closed_at TEXT,
    close_reason TEXT
);
CREATE INDEX queries_subject ON queries (subject_uuid, status);
CREATE INDEX queries_record ON queries (record_table, record_uuid);
-- The site's age identity for return bundles; the private half is encrypted under the site data key.
CREATE TABLE return_identity (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    recipient TEXT NOT NULL,
    encrypted_identity BLOB NOT NULL,
    created_at TEXT NOT NULL
);
-- The sponsor's Ed25519 public key that signs return bundles.
CREATE TABLE sponsor_signing_key (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    public_key BLOB NOT NULL,
    fingerprint TEXT NOT NULL,
    added_at TEXT NOT NULL,
    added_by TEXT NOT NULL
);
CREATE TABLE return_imports (
    return_seq INTEGER PRIMARY KEY,
    bundle_hash TEXT NOT NULL,
    prev_return_hash TEXT NOT NULL,
    file_name TEXT NOT NULL,
    sponsor_created_at TEXT NOT NULL,
    sponsor_created_by TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    summary TEXT NOT NULL
);
-- Source-data verification marks received from the sponsor's monitors (latest per record).
CREATE TABLE sdv_marks (
    record_table TEXT NOT NULL,
    record_uuid TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    monitor TEXT NOT NULL,
    marked_at TEXT NOT NULL,
    return_seq INTEGER NOT NULL,
    PRIMARY KEY (record_table, record_uuid)
);
-- Study-definition versions sent by the sponsor: pending until a site administrator accepts one.
CREATE TABLE study_updates (
    version TEXT PRIMARY KEY,
    definition TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'superseded')),
    previous_version TEXT,
    received_at TEXT NOT NULL,
    return_seq INTEGER NOT NULL,
    accepted_by TEXT,
    accepted_at TEXT
);
"""
    )


# The subject list's per-subject summary, kept by triggers in the same transaction as every write to
# visits and SELENA-SLEDAI assessments, so listing 10 000 subjects reads one small row each instead of
# scanning every visit and assessment (measured: ~4x faster list at 10 000 subjects).
_LISTING_REFRESH = """
INSERT OR REPLACE INTO subject_listing (subject_uuid, done_codes, last_sledai, last_sledai_date)
SELECT {s},
       (SELECT group_concat(visit_code, ' ') FROM visits WHERE subject_uuid = {s} AND deleted = 0),
       last.score, last.visit_date
FROM (SELECT 1) LEFT JOIN (
    SELECT a.score, v.visit_date FROM sledai_assessments a
    JOIN visits v ON v.uuid = a.visit_uuid AND v.deleted = 0
    WHERE a.subject_uuid = {s} AND a.deleted = 0
    ORDER BY v.visit_date DESC, a.created_at DESC, a.rowid DESC LIMIT 1
) AS last;"""


def _v6_subject_listing(conn) -> None:
    _run_script(conn, """
CREATE TABLE subject_listing (
    subject_uuid TEXT PRIMARY KEY,
    done_codes TEXT,
    last_sledai INTEGER,
    last_sledai_date TEXT
);
""")
    for table in ("visits", "sledai_assessments"):
        for name, event, row in (("insert", "INSERT", "NEW"), ("update", "UPDATE", "NEW"), ("delete", "DELETE", "OLD"),
                                 ("moved", "UPDATE", "OLD")):
            when = " WHEN OLD.subject_uuid IS NOT NEW.subject_uuid" if name == "moved" else ""
            conn.execute(f"CREATE TRIGGER {table}_listing_{name} AFTER {event} ON {table}{when} "
                         f"BEGIN{_LISTING_REFRESH.format(s=f'{row}.subject_uuid')}\nEND")
    for (subject_uuid,) in conn.execute("SELECT uuid FROM subjects").fetchall():
        conn.execute(_LISTING_REFRESH.format(s="?"), (subject_uuid,) * 3)


PAPER_SOURCE_TABLES = ("visits", "adverse_events", "infusions")


def _v7_paper_crf_source(conn) -> None:
    for table in PAPER_SOURCE_TABLES:
        conn.execute(f"ALTER TABLE {table} ADD COLUMN entry_source TEXT NOT NULL DEFAULT 'direct' "
                     "CHECK (entry_source IN ('direct', 'paper_crf'))")


def _v8_keyed_trail(conn) -> None:
    """Keyed audit trail, per-account MACs and signing keys, cryptographic e-signatures.

    Runs without any key (the database is opened before log-in), so it only adds columns and, when the
    trail already holds rows, a marker row saying from which row on it is keyed; the first unlock pins
    that row with a MAC (`audit.unlock`). Earlier rows and signatures stay as they were: legacy.
    """
    import hashlib
    import json

    _run_script(conn, """
ALTER TABLE audit ADD COLUMN mac TEXT;
ALTER TABLE users ADD COLUMN sign_public_key BLOB;
ALTER TABLE users ADD COLUMN wrapped_sign_key BLOB;
ALTER TABLE users ADD COLUMN mac TEXT;
ALTER TABLE signatures ADD COLUMN signature TEXT;
ALTER TABLE site ADD COLUMN demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1));
""")
    last = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    if last is None:
        return
    # The lockout state restarts with the keyed trail (it is checked against the keyed rows from here on).
    conn.execute("UPDATE users SET failed_attempts = 0, locked_until = NULL")
    seq, prev = last[0] + 1, last[1]
    now = datetime.now(UTC)
    row = {"seq": seq, "at_utc": now.isoformat(timespec="microseconds").replace("+00:00", "Z"),
           "at_local": now.astimezone().isoformat(timespec="seconds"), "user": "migration", "table": "audit",
           "row_id": "trail", "field": "keyed_from", "old": None, "new": json.dumps(seq),
           "reason": "audit trail keyed from this row on (schema migration)", "prev_hash": prev}
    body = json.dumps(row, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    row["hash"] = hashlib.sha256((prev + body).encode("utf-8")).hexdigest()
    conn.execute('INSERT INTO audit (seq, at_utc, at_local, user, "table", row_id, field, old, new, reason, prev_hash,'
                 " hash) VALUES (:seq, :at_utc, :at_local, :user, :table, :row_id, :field, :old, :new, :reason,"
                 " :prev_hash, :hash)", row)


def _v_locks_signoff_monitoring(conn) -> None:
    """Locks of visits and casebooks (and the sponsor's lock requests applied), the site monitor's SDV marks,
    and where a data query was raised (the sponsor, or a monitor at the site)."""
    _run_script(conn, f"""
-- A lock freezes a visit (visit_uuid set) or a subject's whole casebook (visit_uuid NULL) until an administrator
-- unlocks it with a reason; a clinical table, so every lock and unlock is audited and travels to the sponsor.
CREATE TABLE locks (
    {_CLINICAL},
    subject_uuid TEXT NOT NULL REFERENCES subjects (uuid),
    visit_uuid TEXT REFERENCES visits (uuid),
    locked_at TEXT NOT NULL,
    locked_by TEXT NOT NULL,
    lock_reason TEXT NOT NULL,
    requested_by TEXT,
    requested_at TEXT,
    request_uuid TEXT,
    unlocked_at TEXT,
    unlocked_by TEXT,
    unlock_reason TEXT,
    unlock_request_uuid TEXT
);
CREATE INDEX locks_subject ON locks (subject_uuid, unlocked_at);
-- Source-data verification by a monitor at the site: a whole record (field '') or one field, as it was then.
CREATE TABLE site_sdv (
    {_CLINICAL},
    subject_uuid TEXT,
    visit_uuid TEXT,
    record_table TEXT NOT NULL,
    record_uuid TEXT NOT NULL,
    field TEXT NOT NULL DEFAULT '',
    content_hash TEXT NOT NULL,
    monitor TEXT NOT NULL,
    monitor_name TEXT NOT NULL,
    marked_at TEXT NOT NULL,
    UNIQUE (record_table, record_uuid, field)
);
CREATE INDEX site_sdv_subject ON site_sdv (subject_uuid);
ALTER TABLE queries ADD COLUMN origin TEXT NOT NULL DEFAULT 'sponsor' CHECK (origin IN ('sponsor', 'site'));
-- Lock and unlock requests from the sponsor's return bundles, each applied once (return bundles are cumulative).
CREATE TABLE lock_requests (
    request_uuid TEXT PRIMARY KEY,
    action TEXT NOT NULL CHECK (action IN ('lock', 'unlock')),
    scope TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    return_seq INTEGER NOT NULL,
    applied_at TEXT NOT NULL,
    outcome TEXT NOT NULL
);
""")


# verify-audit compares every record with its audit rows in record order: with the values in the index it reads
# them in one sequential pass instead of one table lookup per audit row (1.8 s -> 0.5 s at 10 000 subjects);
# the index it replaces is its prefix.
_V11_AUDIT_BY_RECORD = """
CREATE INDEX audit_record_values ON audit ("table", row_id, seq, field, new);
DROP INDEX audit_row;
"""

# The sponsor's SDV marks per field (a sponsor monitor may verify one value, as a monitor at the site does): field ''
# is a whole-record mark, as in site_sdv; the marks already received are kept as whole-record marks.
SPONSOR_FIELD_SDV_MIGRATION = "sponsor SDV marks per field (field '' marks the whole record)"
_V_SPONSOR_FIELD_SDV = """
CREATE TABLE sdv_marks_by_field (
    record_table TEXT NOT NULL,
    record_uuid TEXT NOT NULL,
    field TEXT NOT NULL DEFAULT '',
    content_hash TEXT NOT NULL,
    monitor TEXT NOT NULL,
    marked_at TEXT NOT NULL,
    return_seq INTEGER NOT NULL,
    PRIMARY KEY (record_table, record_uuid, field)
);
INSERT INTO sdv_marks_by_field (record_table, record_uuid, field, content_hash, monitor, marked_at, return_seq)
SELECT record_table, record_uuid, '', content_hash, monitor, marked_at, return_seq FROM sdv_marks;
DROP TABLE sdv_marks;
ALTER TABLE sdv_marks_by_field RENAME TO sdv_marks;
"""

MIGRATIONS: tuple[tuple[int, str, Callable], ...] = (
    (1, "core schema: site, users, subjects, clinical forms, audit trail", _v1_core),
    (2, "indexes for subject lists and per-subject forms", _v2_indexes),
    (3, "sync: site signing key, sponsor recipients, export log", _v3_sync),
    (4, "sync: two-phase export records (pending/done, folder, file hash, SAEs)", _v4_two_phase_exports),
    (5, "return bundles: data queries, SDV marks, sponsor signing key, study updates", _v5_returns),
    (6, "subject list summary kept by triggers (visits done, last SELENA-SLEDAI)", _v6_subject_listing),
    (7, "paper CRFs: visits, adverse events and infusions say when they were entered from paper", _v7_paper_crf_source),
    (8, "keyed audit trail (HMAC), account MACs and signing keys, cryptographic e-signatures, demo mark",
     _v8_keyed_trail),
    (9, "SELENA Flare Index inputs: coded con-meds, visit weight, SAE hospitalisation for SLE, flare index "
        "columns (earlier assessments partial)", lambda conn: migration_flare.v9_flare_index(conn, _run_script)),
    (10, "locks of visits and casebooks, sponsor lock requests, monitor SDV at the site, site-raised queries",
     _v_locks_signoff_monitoring),
    (11, "audit rows by record with their values, so verify-audit reads the trail of every record from the index",
     lambda conn: _run_script(conn, _V11_AUDIT_BY_RECORD)),
    (12, SPONSOR_FIELD_SDV_MIGRATION, lambda conn: _run_script(conn, _V_SPONSOR_FIELD_SDV)),
)
LATEST = MIGRATIONS[-1][0]


# -- the one migration runner (site and sponsor databases, SQLite and PostgreSQL) ---------------------------------
@dataclass(frozen=True)
class MigrationSet:
    """Named, numbered migrations recorded in `table` as (migration_set, version, description, applied_at)."""

    name: str
    table: str
    steps: tuple[tuple[int, str, Callable], ...]

    @property
    def latest(self) -> int:
        return self.steps[-1][0]


def site_set() -> MigrationSet:
    """The site database's migrations (read at call time, so tests can stand in a broken step)."""
    return MigrationSet("site", "schema_migrations", MIGRATIONS)


def recorded(db, mset: MigrationSet) -> tuple[int, bool]:
    """(highest version of `mset` recorded, whether its table has the migration_set column) in two queries."""
    columns = db.columns(mset.table)
    if not columns:
        return 0, False
    if "migration_set" not in columns:  # recorded before migration sets were named
        return db.scalar(f"SELECT coalesce(max(version), 0) FROM {mset.table}") or 0, False
    version = db.scalar(f"SELECT coalesce(max(version), 0) FROM {mset.table} WHERE migration_set = ?", (mset.name,))
    return version or 0, True


def recorded_version(db, mset: MigrationSet) -> int:
    """The highest version of `mset` recorded in the database (0 when none)."""
    return recorded(db, mset)[0]


def _prepare(db, mset: MigrationSet) -> None:
    """Create the record table, or give an older one its migration_set column."""
    with db.transaction() as conn:
        db.lock(f"migrations:{mset.table}")
        columns = db.columns(mset.table)
        if not columns:
            conn.execute(f"CREATE TABLE {mset.table} (migration_set TEXT NOT NULL, version INTEGER NOT NULL, "
                         "description TEXT NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY (migration_set, version))")
        elif "migration_set" not in columns:
            conn.execute(f"ALTER TABLE {mset.table} ADD COLUMN migration_set TEXT NOT NULL DEFAULT '{mset.name}'")


def apply(db, mset: MigrationSet, target: int | None = None) -> list[int]:
    """Apply every pending migration of `mset` up to `target` (default: latest), each in its own transaction.

    `db` is a `store.db.Store` or a `store.pg.PgStore`; a lock held in each migration's transaction lets two
    processes opening the same new PostgreSQL database migrate it once. An up-to-date database costs two queries."""
    target = mset.latest if target is None else target
    version, named = recorded(db, mset)
    if not named:
        _prepare(db, mset)
    elif not any(version < v <= target for v, _d, _s in mset.steps):
        return []
    applied = []
    for version, description, step in mset.steps:
        if version > target or version <= recorded_version(db, mset):
            continue
        with db.transaction() as conn:
            db.lock(f"migrations:{mset.table}")
            if version <= recorded_version(db, mset):
                continue
            step(conn)
            conn.execute(
                f"INSERT INTO {mset.table} (migration_set, version, description, applied_at) VALUES (?, ?, ?, ?)",
                (mset.name, version, description, datetime.now(UTC).isoformat(timespec="seconds")),
            )
        applied.append(version)
    return applied


def current_version(store) -> int:
    """Site schema version recorded in the database (0 for an empty database)."""
    return recorded_version(store, site_set())


def migrate(store, target: int | None = None) -> list[int]:
    """Apply every pending site migration up to `target` (default: latest), each in its own transaction."""
    return apply(store, site_set(), target)
