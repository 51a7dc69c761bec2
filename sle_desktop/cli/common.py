"""What the site and sponsor commands share: one-line errors, opening a store, the CLI session, key files."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path


class CommandError(Exception):
    """A failure to report in one line, exit status 1."""


def open_store(path, *, must_exist: bool = True):
    """The site store at `path` (migrated); CommandError when it must exist and does not.

    Only the default location's folder (the program's own data folder) is created when missing; any other
    database goes into a folder that exists."""
    from sle_desktop.app.paths import prepare_default_folder
    from sle_desktop.store.db import Store

    path = Path(path)
    if must_exist and not path.exists():
        raise CommandError(f"No database at {path}.")
    prepare_default_folder(path)
    return Store.open(path, create=not must_exist)


@contextlib.contextmanager
def new_file_guard(*paths: Path):
    """Remove those of `paths` (and a database's side files) that did not exist before, when the block fails."""
    fresh = [p for p in map(Path, paths) if not p.exists()]
    try:
        yield
    except BaseException:
        for p in fresh:
            for side in (p, p.with_name(p.name + "-wal"), p.with_name(p.name + "-shm"),
                         p.with_name(p.name + "-journal")):
                with contextlib.suppress(OSError):
                    side.unlink()
        raise


def cli_session(store):
    """The session of a headless command: the OS account as `cli:NAME`, keys from the machine key file."""
    from sle_desktop.app import site

    return site.cli_session(store)


def read_key_file(path: Path, what: str, wanted: str) -> str:
    """The text of a small key file given on the command line; CommandError naming the problem."""
    try:
        if path.stat().st_size > 64 * 1024:
            raise CommandError(f"{path} is too large to be a {what}.")
        return path.read_text("utf-8")
    except UnicodeDecodeError:
        raise CommandError(f"{path} is not a text file, so it is not a {what}.") from None
    except FileNotFoundError:
        raise CommandError(f"No file {path}: give the sponsor's {wanted}.") from None
    except IsADirectoryError:
        raise CommandError(f"{path} is a folder, not a {what}: give the sponsor's {wanted}.") from None
    except PermissionError:
        raise CommandError(f"Cannot read {path}: it is not readable by you.") from None
    except OSError as exc:
        raise CommandError(f"Cannot read {path}: {exc.strerror or exc}.") from None


def run(handler, args) -> int:
    """Call a command handler: print its one line (exit 0) or its error (exit 1); an int is the exit status."""
    from sle_desktop.app.errors import AppError
    from sle_desktop.store.db import StoreError

    try:
        message = handler(args)
    except (CommandError, AppError, StoreError, OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if isinstance(message, int):
        return message
    print(message)
    return 0
