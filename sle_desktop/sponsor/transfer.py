"""`sle-sponsor migrate-db`: copy a sponsor database (typically the SQLite file) into another (typically PostgreSQL),
in one transaction, verified before it is committed: row counts of every table, every site's audit chain and the
sponsor's own, and the ODM export of both databases compared byte for byte (apart from its creation time)."""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sle_desktop.sponsor import db as sponsor_store
from sle_desktop.sponsor import odm, returns
from sle_desktop.sponsor.operations import sponsor_user
from sle_desktop.store import audit
from sle_desktop.store.db import StoreError

# Parents before children (foreign keys); every table of the sponsor schema except its migration record.
TABLES = ("sites", "bundles", "site_columns", "records", "audit", "sponsor_log", "queries", "sdv_marks",
          "return_bundles", "sponsor_audit")
_BATCH = 5000
_STAMP = re.compile(rb'(FileOID="sle_desktop\.sponsor\.|CreationDateTime=")[^"]*"')


@dataclass(frozen=True)
class TransferResult:
    source: str
    target: str
    rows: dict[str, int]
    sites: int
    odm_bytes: int


def _chains_ok(store) -> None:
    for s in store.query("SELECT site_uuid, code, head_seq, head_hash FROM sites ORDER BY code"):
        cur = store.conn.execute('SELECT seq, at_utc, at_local, "user", "table", row_id, field, old, new, reason, '
                                 "prev_hash, hash FROM audit WHERE site_uuid = ? ORDER BY seq", (s["site_uuid"],))
        cols = [c[0] for c in cur.description]
        check = audit.verify_rows(dict(zip(cols, r)) for r in cur)
        if not check.ok or (check.head_seq, check.head_hash) != (s["head_seq"], s["head_hash"]):
            raise StoreError(f"After the copy the audit trail of site {s['code']} does not verify ({check.message}); "
                             "nothing was written.")
    check = returns.verify_audit(store)
    if not check.ok:
        raise StoreError(f"After the copy the sponsor's own audit trail does not verify ({check.message}); "
                         "nothing was written.")


def _odm_bytes(store, folder: Path, name: str) -> bytes:
    path = folder / name
    odm.write_odm(store, path)
    return _STAMP.sub(rb'\1"', path.read_bytes())


def migrate_db(source, target) -> TransferResult:
    """Copy the sponsor database `source` into the empty database `target` and verify it; all or nothing."""
    if sponsor_store.describe(source) == sponsor_store.describe(target):
        raise StoreError("The source and the target are the same database.")
    src = sponsor_store.open_sponsor_store(source)
    try:
        dst = sponsor_store.open_sponsor_store(target, create=True)
        try:
            return _copy(src, dst, source, target)
        finally:
            dst.close()
    finally:
        src.close()


def _copy(src, dst, source, target) -> TransferResult:
    held = [t for t in TABLES if dst.scalar(f"SELECT count(*) FROM {t}")]
    if held:
        raise StoreError(f"The target {sponsor_store.describe(target)} already holds sponsor data ({', '.join(held)}); "
                         "copy only into a new, empty database. Nothing was written.")
    rows: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="sle-migrate-db-") as tmp, dst.transaction() as conn:
        dst.lock("migrate-db")
        for table in TABLES:
            columns = tuple(src.columns(table))
            names = ", ".join(f'"{c}"' for c in columns)
            cur = src.conn.execute(f"SELECT {names} FROM {table}")
            rows[table] = 0
            while batch := cur.fetchmany(_BATCH):
                batch = [tuple(bytes(v) if isinstance(v, memoryview) else v for v in r) for r in batch]
                conn.copy_rows(table, columns, batch)
                rows[table] += len(batch)
        if dst.dialect == "postgresql":  # the next log entry numbers on from the copied ones
            conn.execute("SELECT setval(pg_get_serial_sequence('sponsor_log', 'id'), "
                         "(SELECT coalesce(max(id), 0) + 1 FROM sponsor_log), false)")
        for table in TABLES:
            copied = dst.scalar(f"SELECT count(*) FROM {table}")
            if copied != src.scalar(f"SELECT count(*) FROM {table}") or copied != rows[table]:
                raise StoreError(f"After the copy {table} holds {copied} rows, the source {rows[table]}; nothing was "
                                 "written.")
        _chains_ok(dst)
        sites = rows["sites"]
        odm_size = 0
        if sites:
            expected = _odm_bytes(src, Path(tmp), "source.xml")
            if _odm_bytes(dst, Path(tmp), "target.xml") != expected:
                raise StoreError("The ODM export of the copy differs from that of the source; nothing was written.")
            odm_size = len(expected)
        sponsor_store.log(conn, user=sponsor_user(), action="migrate_db", site_uuid=None,
                          detail=f"copied from {sponsor_store.describe(source)}: "
                                 + ", ".join(f"{t} {n}" for t, n in rows.items()))
    return TransferResult(sponsor_store.describe(source), sponsor_store.describe(target), rows, sites, odm_size)

