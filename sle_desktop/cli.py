"""Entry points: `sle-desktop` (the GUI and site commands) and `sle-sponsor` (sponsor commands).

Every command takes `--db PATH`, prints a one-line result and exits non-zero with a
clear message on failure. Headless commands never prompt; they act as `cli:<OS user>`.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import platformdirs

from sle_desktop import __version__


def default_db_path() -> Path:
    """`SLE_DESKTOP_DB`, else site.sqlite in the platform's per-user data folder (never Program Files)."""
    env = os.environ.get("SLE_DESKTOP_DB")
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir("sle_desktop", appauthor=False)) / "site.sqlite"


class CommandError(Exception):
    """A failure to report in one line, exit status 1."""


def _open_store(path, *, must_exist: bool = True):
    from sle_desktop.store.db import Store

    path = Path(path)
    if must_exist and not path.exists():
        raise CommandError(f"No database at {path}.")
    return Store.open(path)


# -- site commands -------------------------------------------------------------------------
def _cmd_make_demo(args) -> str:
    from sle_desktop.app import demo

    if args.subjects < 0 or args.subjects > 100_000:
        raise CommandError("--subjects must be between 0 and 100000.")
    with _open_store(args.db, must_exist=False) as store:
        summary = demo.make_demo(store, subjects_count=args.subjects, seed=args.seed)
        if args.sponsor_recipient:
            from sle_desktop.app import sync_site

            sync_site.set_sponsor_recipients(_cli_session(store), Path(args.sponsor_recipient).read_text("utf-8"))
    return (f"demo site at {args.db}: {summary.subjects} screened, {summary.enrolled} enrolled, "
            f"{summary.screen_failures} screen failures, {summary.visits} visits, {summary.adverse_events} adverse events")


def _cmd_verify_audit(args) -> str:
    from sle_desktop.app import audit_trail

    with _open_store(args.db) as store:
        result = audit_trail.verify(store)
    if not result.ok:
        raise CommandError(result.message)
    return result.message


def _cli_session(store):
    from sle_desktop.app import site

    return site.cli_session(store)


def _read_key_file(path: Path, what: str, wanted: str) -> str:
    """The text of a small key file given on the command line; CommandError naming the problem."""
    try:
        if path.stat().st_size > 64 * 1024:
            raise CommandError(f"{path} is too large to be a {what}.")
        return path.read_text("utf-8")
    except UnicodeDecodeError:
        raise CommandError(f"{path} is not a text file, so it is not a {what}.") from None
    except FileNotFoundError:
        raise CommandError(f"No file {path}: give the sponsor's {wanted}.") from None


def _cmd_gui(args) -> int:
    from sle_desktop.ui.main import run_gui

    return run_gui(db_path=None if args.demo else Path(args.db), demo=args.demo)


def _cmd_self_test(args) -> str:
    from sle_desktop.app import self_test

    return self_test.run()


def _cmd_bench(args) -> int:
    from sle_desktop import bench

    return bench.run_from_args(args)


def _site_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sle-desktop", description="sle_desktop: offline EDC for the SLE MSC trial.")
    parser.add_argument("--version", action="version", version=f"sle_desktop {__version__}")
    parser.add_argument("--db", default=str(default_db_path()), help="site database file (default: %(default)s)")
    parser.add_argument("--demo", action="store_true", help="open a synthetic demo site in a temporary database")
    parser.add_argument("--self-test", action="store_true", help="headless check of this installation; exits 0 when OK")
    sub = parser.add_subparsers(dest="command")

    def command(name, handler, help_):
        p = sub.add_parser(name, help=help_)
        p.add_argument("--db", default=argparse.SUPPRESS, help="site database file")
        p.set_defaults(handler=handler)
        return p

    p = command("make-demo", _cmd_make_demo, "create a synthetic site (tests, training, benchmarks)")
    p.add_argument("--subjects", type=int, default=40)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--sponsor-recipient", metavar="FILE", help="the sponsor's age recipient file")
    command("verify-audit", _cmd_verify_audit, "walk the audit chain; names the first broken row")
    from sle_desktop import bench  # standard library only at import time

    p = sub.add_parser("bench", help="benchmarks at site and sponsor scale (sle_desktop/bench.py)",
                       description="Benchmarks at site and sponsor scale.")
    bench.add_arguments(p)
    p.set_defaults(handler=_cmd_bench)
    _register_site_sync_commands(command)
    return parser


# -- sync commands (site side) ---------------------------------------------------------------
def _register_site_sync_commands(command) -> None:
    """site-key, set-sponsor, export (see sle_desktop/app/sync_site.py)."""
    from sle_desktop import cli_sync

    cli_sync.register_site(command)


def _run(handler, args) -> int:
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


def main(argv: list[str] | None = None) -> int:
    """`sle-desktop`: the GUI by default, or one of the site commands."""
    args = _site_parser().parse_args(argv)
    if args.self_test:
        return _run(_cmd_self_test, args)
    handler = getattr(args, "handler", None)
    if handler is None:
        return _cmd_gui(args)
    return _run(handler, args)


# -- sponsor ----------------------------------------------------------------------------------
def sponsor_main(argv: list[str] | None = None) -> int:
    """`sle-sponsor`: key generation, site registration, bundle import and analysis exports."""
    from sle_desktop import cli_sync

    parser = argparse.ArgumentParser(prog="sle-sponsor", description="Sponsor side of sle_desktop.")
    parser.add_argument("--version", action="version", version=f"sle_desktop {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    cli_sync.register_sponsor(sub)
    args = parser.parse_args(argv)
    return _run(args.handler, args)


if __name__ == "__main__":
    sys.exit(main())
