"""Shared helpers of the reliability suite (imported as `from reliability_kit import ...`).

`SLE_RELIABILITY_FULL=1` selects the full campaign sizes of issue 8 (100 kills, >= 1 000 hostile
bundles); `SLE_RELIABILITY_REPORT=FILE` appends each campaign's figures to FILE as JSON lines.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path

FULL = os.environ.get("SLE_RELIABILITY_FULL", "") not in ("", "0")


def size(default: int, full: int, env: str | None = None) -> int:
    """A campaign size: `env` overrides, else the full size with SLE_RELIABILITY_FULL=1, else the default."""
    if env and os.environ.get(env):
        return int(os.environ[env])
    return full if FULL else default


def report(campaign: str, figures: dict) -> None:
    """Print a campaign's figures (visible with -s) and append them to $SLE_RELIABILITY_REPORT when set."""
    line = json.dumps({"campaign": campaign, "full": FULL, **figures}, sort_keys=True)
    print(f"\n[reliability] {line}")
    target = os.environ.get("SLE_RELIABILITY_REPORT")
    if target:
        with open(target, "a", encoding="utf-8") as fh:
            fh.write(line + "\n")


def fingerprint(conn) -> tuple:
    """A cheap fingerprint of a database: per table row count and max rowid, plus a hash of bundles/sites/audit heads
    (a sqlite3 connection, or a sponsor store's PostgreSQL connection: row counts there)."""
    if getattr(conn, "dialect", "sqlite") == "postgresql":
        return _pg_fingerprint(conn)
    out = []
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    for t in tables:
        count, top = conn.execute(f'SELECT count(*), max(rowid) FROM "{t}"').fetchone() if _has_rowid(conn, t) \
            else (conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0], None)
        out.append((t, count, top))
    digest = hashlib.sha256()
    for sql in ("SELECT * FROM bundles ORDER BY site_uuid, bundle_seq", "SELECT * FROM sites ORDER BY site_uuid",
                "SELECT site_uuid, max(seq), count(*) FROM audit GROUP BY site_uuid ORDER BY site_uuid"):
        try:
            for row in conn.execute(sql):
                digest.update(repr(row).encode())
        except sqlite3.OperationalError:
            pass
    return tuple(out), digest.hexdigest()


def _pg_fingerprint(conn) -> tuple:
    tables = [r[0] for r in conn.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = "
                                         "current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name")]
    out = [(t, conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in tables]
    digest = hashlib.sha256()
    for sql in ("SELECT * FROM bundles ORDER BY site_uuid, bundle_seq", "SELECT * FROM sites ORDER BY site_uuid",
                "SELECT site_uuid, max(seq), count(*) FROM audit GROUP BY site_uuid ORDER BY site_uuid"):
        for row in conn.execute(sql):
            digest.update(repr(tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)).encode())
    return tuple(out), digest.hexdigest()


def _has_rowid(conn, table: str) -> bool:
    try:
        conn.execute(f'SELECT rowid FROM "{table}" LIMIT 1')
        return True
    except sqlite3.OperationalError:
        return False


def full_dump(path: Path | str) -> list[str]:
    """Every row of a closed database (SQLite: its SQL dump)."""
    if isinstance(path, str) and path.startswith("postgresql:"):
        from sync_helpers import pg_rows

        return pg_rows(path)
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()
