"""Helpers for the sync tests (imported by the tests and by conftest.py)."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

TODAY = date(2026, 6, 1)


@dataclass
class Site:
    store: object
    session: object
    path: Path
    usb: Path

    def export(self, **kw):
        from sle_desktop.app import sync_site

        return sync_site.export_bundle(self.session, self.usb, **kw)

    def export_unchecked(self, **kw):
        """Export without the site's own check of the keyed trail (as the release before it did), so a test
        can show what the sponsor finds in a tampered trail by itself."""
        from unittest import mock

        from sle_desktop.store import audit

        passed = audit.ChainCheck(True, 0, 0, audit.GENESIS_HASH)
        with mock.patch.object(audit, "verify_since", lambda conn, since: passed):
            return self.export(**kw)


def register(site: Site, sponsor_db: Path):
    """Register a site's public key in the sponsor database (through the use cases, as the CLI does)."""
    from sle_desktop.app import sync_site
    from sle_desktop.sponsor import operations as sponsor

    key_file = site.usb.parent / f"{site.session.store.path.stem}.sitekey"
    key_file.write_text(sync_site.site_public_key(site.session), "utf-8")
    return sponsor.register_site(sponsor_db, key_file)


def import_one(sponsor_db: Path, sponsor_keys, path, **kw):
    """Import one bundle; returns the ImportResult or raises its BundleRejected."""
    from sle_desktop.sponsor import operations as sponsor

    [outcome] = sponsor.import_bundles(sponsor_db, sponsor_keys.key_path, [path], **kw)
    if outcome.error is not None:
        raise outcome.error
    return outcome.result


def db_state(path: Path | str) -> tuple[list[str], bytes]:
    """(SQL dump, file bytes) of a closed database: row-for-row and byte-for-byte comparison (PostgreSQL: every
    row of every table, and no bytes)."""
    if isinstance(path, str) and path.startswith("postgresql:"):
        return pg_rows(path), b""
    conn = sqlite3.connect(path)
    try:
        dump = list(conn.iterdump())
    finally:
        conn.close()
    return dump, path.read_bytes()


def pg_rows(url: str) -> list[str]:
    """Every row of every table of a PostgreSQL database, in a fixed order, as text."""
    import psycopg

    out = []
    with psycopg.connect(url) as conn:
        tables = [r[0] for r in conn.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = "
                                             "current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name")]
        for t in tables:
            cur = conn.execute(f'SELECT * FROM "{t}"')
            rows = sorted(repr(row) for row in cur.fetchall())
            out.append(f"{t}: {[c.name for c in cur.description]}")
            out.extend(f"{t} {r}" for r in rows)
    return out


def _pg_admin(url: str):
    import psycopg

    base, _, query = url.partition("?")
    return psycopg.connect(base.rsplit("/", 1)[0] + "/postgres" + (f"?{query}" if query else ""), autocommit=True)


def _pg_name(url: str) -> str:
    return url.partition("?")[0].rsplit("/", 1)[1]


def copy_db(source: Path | str, dest: Path | str) -> Path | str:
    """Copy a closed sponsor database: a file to the file `dest`, or a PostgreSQL database to a new database
    named after `dest`'s file stem (CREATE DATABASE … TEMPLATE); returns the copy's path or URL."""
    if isinstance(source, str) and source.startswith("postgresql:"):
        name = f"{_pg_name(source)}_{Path(dest).stem}".replace("-", "_")
        with _pg_admin(source) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {name} TEMPLATE {_pg_name(source)} STRATEGY FILE_COPY")
        base, _, query = source.partition("?")
        return base.rsplit("/", 1)[0] + "/" + name + (f"?{query}" if query else "")
    import shutil

    for extra in ("-wal", "-shm"):
        Path(str(dest) + extra).unlink(missing_ok=True)
    shutil.copyfile(source, dest)
    return Path(dest)


def restore_db(copy: Path | str, target: Path | str) -> None:
    """Put a copy made by `copy_db` back in place of the (closed) database `target`."""
    if isinstance(target, str) and target.startswith("postgresql:"):
        with _pg_admin(target) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {_pg_name(target)} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {_pg_name(target)} TEMPLATE {_pg_name(copy)} STRATEGY FILE_COPY")
        return
    copy_db(copy, target)


def add_sae(site: Site) -> str:
    """Record a serious adverse event for the first enrolled subject of a demo site."""
    from sle_desktop.app import safety
    from sle_desktop.app.session import Session

    subject = site.store.scalar("SELECT uuid FROM subjects WHERE status = 'enrolled' ORDER BY subject_id LIMIT 1")
    inv = Session(site.store, "demo.investigator", "Dr Alena Kovalenko", "investigator", site.session.data_key)
    return safety.record_adverse_event(inv, subject, safety.AdverseEventForm(
        term="Pneumonia", onset_date=date(2026, 5, 20), grade=3, serious=True, serious_criteria=("hospitalisation",),
        relationship="unlikely", action_taken="hospitalised", outcome="recovering",
        aware_at=datetime(2026, 5, 20, 9, 0, tzinfo=timezone.utc)), today=TODAY)


def crafted_bundle(site: Site, lines: list[bytes], *, recipients: list[str], manifest_overrides: dict | None = None,
                   signing_key=None) -> bytes:
    """A bundle signed with the site's real key but carrying an arbitrary payload (attack simulations)."""
    from sle_desktop.app import sync_site
    from sle_desktop.store import audit
    from sle_desktop.sync import bundle, keys

    key = signing_key or sync_site._signing_key(site.session)
    payload = bundle.PayloadWriter()
    for line in lines:
        payload.add_raw(line)
    head_seq, head_hash = audit.head(site.store.conn)
    info = site.session.store.query_one("SELECT site_uuid, code, name, study_id, study_version FROM site")
    fields = {
        "site_uuid": info["site_uuid"], "site_code": info["code"], "site_name": info["name"],
        "study_id": info["study_id"], "study_version": info["study_version"], "bundle_seq": 1, "from_seq": 0,
        "to_seq": head_seq, "prev_bundle_hash": audit.GENESIS_HASH, "chain_start_hash": audit.GENESIS_HASH,
        "chain_head_hash": head_hash, "counts": {}, "created_at": "2026-06-01T10:00:00+00:00",
        "created_by": "attacker", "app_version": "0",
    }
    built = bundle.build_bundle(fields, payload, keys.age_recipients(recipients), key,
                                [keys.fingerprint(r) for r in recipients])
    if manifest_overrides:
        built.manifest.update(manifest_overrides)
        built.manifest_bytes, built.signature = bundle.sign_manifest(built.manifest, key)
    return built.to_bytes()


def header_line(site: Site) -> bytes:
    """A payload header matching `crafted_bundle`'s manifest (bundle 1, changes 1 to the site's head)."""
    from sle_desktop.store.audit import canonical_json
    from sle_desktop.sync import site_export

    to_seq = site.store.scalar("SELECT max(seq) FROM audit")
    info = site.store.query_one("SELECT site_uuid, code, study_id, study_version FROM site")
    return (canonical_json({
        "type": "header", "format": "sle_desktop-payload", "version": 1, "site_uuid": info["site_uuid"],
        "site_code": info["code"], "bundle_seq": 1, "from_seq": 0, "to_seq": to_seq, "study_id": info["study_id"],
        "study_version": info["study_version"], "tables": site_export.table_columns(site.store),
    }) + "\n").encode()


@pytest.fixture(params=["read in the importer", "read by a forked helper", "read by a helper interpreter"])
def payload_reader(request, monkeypatch):
    """Run a test three times: with every payload read by the importer itself, and with every payload (the first
    bundle too) decrypted and parsed by the helper process (`sponsor.prefetch`), forked from the importer or started
    as a new interpreter, whose answers must then be used for every import that reaches its payload, never dropped
    for an inline read."""
    from sle_desktop.sponsor import prefetch

    if request.param.startswith("read in"):
        monkeypatch.setattr(prefetch, "MIN_BYTES", 10 ** 15)
        monkeypatch.setattr(prefetch, "MIN_BYTES_FORKED", 10 ** 15)
        yield "inline"
        return
    if request.param.endswith("forked helper") and not hasattr(os, "fork"):
        pytest.skip("no fork on this system: its helpers are new interpreters")
    monkeypatch.setattr(prefetch, "START", "fork" if request.param.endswith("forked helper") else "spawn")
    monkeypatch.setattr(prefetch, "MIN_BYTES", 0)
    monkeypatch.setattr(prefetch, "MIN_BYTES_FORKED", 0)
    monkeypatch.setattr(prefetch, "FIRST_INLINE", False)
    taken = []
    real_take = prefetch.Prefetcher.take
    monkeypatch.setattr(prefetch.Prefetcher, "take", lambda self, i, c: taken.append(real_take(self, i, c)) or taken[-1])
    yield "helper"
    assert None not in taken, "an import read its payload inline although the helper was running"
