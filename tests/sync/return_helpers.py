"""Helpers for the return-bundle tests: a site linked to the sponsor both ways, site user sessions, sponsor reads."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sync_helpers import Site, import_one, register


def link(site: Site, sponsor_db: Path, sponsor_keys) -> None:
    """Register the site at the sponsor (with its return key) and the sponsor's signing key at the site."""
    from sle_desktop.app import returns

    register(site, sponsor_db)
    returns.set_sponsor_signing_key(site.session, sponsor_keys.signing_public_path.read_text("utf-8"))


def send(site: Site, sponsor_db: Path, sponsor_keys):
    """Export the next bundle and import it at the sponsor."""
    result = site.export()
    import_one(sponsor_db, sponsor_keys, result.path)
    return result


def user(site: Site, username: str, role: str):
    """A logged-in-like session of a demo site user (demo.investigator, demo.coordinator, demo.admin ...)."""
    from sle_desktop.app.session import Session

    return Session(site.store, username, username, role, site.session.data_key)


def return_bundle(sponsor_db: Path, sponsor_keys, out: Path, site_code: str = "BY01", **kw):
    from sle_desktop.sponsor import queries as sponsor_queries

    out.mkdir(exist_ok=True)
    return sponsor_queries.write_return_bundle(sponsor_db, site=site_code, out_dir=out, key_file=sponsor_keys.key_path,
                                               **kw)


def sponsor_query(sponsor_db: Path, sql: str, params: tuple = ()) -> list[dict]:
    from sle_desktop.sponsor import db as sponsor_store

    store = sponsor_store.open_sponsor_store(sponsor_db)
    try:
        return store.query(sql, params)
    finally:
        store.close()


def site_dump(store) -> list[str]:
    """The site database as an SQL dump (row-for-row comparison)."""
    return list(store.conn.iterdump())


def sqlite_dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()
