"""Fixtures for the sync tests: demo sites on files, sponsor keys, a sponsor database, snapshots, crafted bundles."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from sync_helpers import TODAY, Site


@pytest.fixture
def sponsor_keys(tmp_path):
    """The sponsor's keys (sponsor.key, sponsor.pub) made with the keygen use case."""
    from sle_desktop.sponsor import operations as sponsor

    return sponsor.keygen(tmp_path / "sponsor-keys")


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """Demo site databases built once per test session (make_demo hashes passwords: slow), copied per test."""
    from sle_desktop.app import demo
    from sle_desktop.store.db import Store

    cache: dict[tuple, tuple[Path, Path]] = {}
    root = tmp_path_factory.mktemp("demo-templates")

    def get(code: str, subjects: int, seed: int) -> tuple[Path, Path]:
        key = (code, subjects, seed)
        if key not in cache:
            folder = root / f"{code}-{subjects}-{seed}"
            folder.mkdir()
            previous = os.environ.get("SLE_DESKTOP_KEY_DIR")
            os.environ["SLE_DESKTOP_KEY_DIR"] = str(folder / "keys")
            try:
                with Store.open(folder / "site.sqlite") as store:
                    demo.make_demo(store, subjects_count=subjects, seed=seed, today=TODAY, site_code=code,
                                   site_name=f"Demo site {code}")
                    site_uuid = store.scalar("SELECT site_uuid FROM site")
            finally:
                if previous is None:
                    os.environ.pop("SLE_DESKTOP_KEY_DIR", None)
                else:
                    os.environ["SLE_DESKTOP_KEY_DIR"] = previous
            cache[key] = (folder / "site.sqlite", folder / "keys" / f"{site_uuid}.key")
        return cache[key]

    return get


@pytest.fixture
def make_site(tmp_path, sponsor_keys, demo_template):
    """Factory: a demo site in a file database (with its machine key), the sponsor key set; closed at teardown."""
    from sle_desktop.app import site, sync_site
    from sle_desktop.store import keys
    from sle_desktop.store.db import Store

    opened = []

    def factory(code: str = "BY01", subjects: int = 8, seed: int = 1, *, recipients: bool = True) -> Site:
        db_file, key_file = demo_template(code, subjects, seed)
        name = code if not (tmp_path / f"site-{code}.sqlite").exists() else f"{code}-{len(opened)}"
        path = tmp_path / f"site-{name}.sqlite"
        shutil.copyfile(db_file, path)
        keys.key_dir().mkdir(parents=True, exist_ok=True)
        shutil.copyfile(key_file, keys.key_dir() / key_file.name)
        store = Store.open(path)
        opened.append(store)
        session = site.cli_session(store)
        if recipients:
            sync_site.set_sponsor_recipients(session, sponsor_keys.public_path.read_text("utf-8"))
        usb = tmp_path / f"usb-{name}"
        usb.mkdir()
        return Site(store, session, path, usb)

    yield factory
    for s in opened:
        s.close()

