"""Where the site database lives when no `--db` is given."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def default_db_path() -> Path:
    """`SLE_DESKTOP_DB`, else site.sqlite in the platform's per-user data folder (never Program Files)."""
    env = os.environ.get("SLE_DESKTOP_DB")
    if env:
        return Path(env)
    return user_data_dir() / "site.sqlite"


def prepare_default_folder(path) -> None:
    """Create the program's own data folder when `path` is the default database location and it is missing.

    Only this folder is ever created for a database: any other path must be in a folder that exists."""
    path = Path(path)
    if path == default_db_path() and not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700)


def user_data_dir() -> Path:
    """The per-user data folder (databases, logs)."""
    return Path(platformdirs.user_data_dir("sle_desktop", appauthor=False))
