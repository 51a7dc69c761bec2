"""`sle-desktop`: the GUI by default, or a site command (make-demo, verify-audit, keys, export, returns, bench)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sle_desktop import __version__
from sle_desktop.app.paths import default_db_path
from sle_desktop.cli.common import CommandError, cli_session, new_file_guard, open_store, read_key_file, run

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks" / "bench.py"


def _cmd_make_demo(args) -> str:
    from sle_desktop.app import demo

    if args.subjects < 0 or args.subjects > 100_000:
        raise CommandError("--subjects must be between 0 and 100000.")
    recipients = None
    if args.sponsor_recipient:  # checked before anything is written
        from sle_desktop.sync import keys
        from sle_desktop.sync.errors import SyncError

        recipients = read_key_file(Path(args.sponsor_recipient), "sponsor key file", "key file sponsor.pub")
        try:
            keys.parse_recipients(recipients)
        except SyncError as exc:
            raise CommandError(f"{args.sponsor_recipient}: {exc}") from None
    _refuse_unless_demo(Path(args.db))
    with new_file_guard(Path(args.db)), open_store(args.db, must_exist=False) as store:
        summary = demo.make_demo(store, subjects_count=args.subjects, seed=args.seed)
        if recipients is not None:
            from sle_desktop.app import sync_site

            sync_site.set_sponsor_recipients(cli_session(store), recipients)
    return (f"demo site at {args.db}: {summary.subjects} screened, {summary.enrolled} enrolled, "
            f"{summary.screen_failures} screen failures, {summary.visits} visits, {summary.adverse_events} adverse events")


def _refuse_unless_demo(path: Path) -> None:
    """An existing file must already be a demo site of this version: checked before anything can be written."""
    from sle_desktop.app import site
    from sle_desktop.store import migrations
    from sle_desktop.store.db import Store, StoreError

    if not path.exists() or (path.is_file() and path.stat().st_size == 0):
        return
    refused = CommandError(f"{path} exists and is not a demo database; make-demo only creates a new demo site or "
                           "extends one. Nothing was changed.")
    try:
        store = Store.open(path, migrate=False)
    except StoreError as exc:
        raise CommandError(f"{exc} It is not a demo database; make-demo only creates a new demo site or extends "
                           "one. Nothing was changed.") from None
    try:
        if migrations.current_version(store) != migrations.LATEST or not site.is_set_up(store):
            raise refused
        cli_session(store)
        if not site.is_demo(store):
            raise refused
    except StoreError as exc:  # e.g. no machine key file for it on this PC
        raise CommandError(f"{path} exists and cannot be checked to be a demo database ({exc}) Nothing was "
                           "changed.") from None
    except Exception as exc:  # noqa: BLE001 - a file that is not a site database at all
        if isinstance(exc, CommandError):
            raise
        raise refused from None
    finally:
        store.close()


def _read_password(args) -> str:
    """The new administrator's password: the first line of --password-file, or typed twice on standard input."""
    if args.password_file:
        try:
            lines = Path(args.password_file).read_text("utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read the password file {args.password_file}: {exc}.") from None
        if not lines or not lines[0]:
            raise CommandError(f"The password file {args.password_file} is empty.")
        return lines[0]
    first, second = sys.stdin.readline().rstrip("\r\n"), sys.stdin.readline().rstrip("\r\n")
    if not first:
        raise CommandError("No password given: type it twice on standard input, or use --password-file FILE.")
    if first != second:
        raise CommandError("The two passwords differ; nothing was created.")
    return first


def _cmd_init_site(args) -> str:
    from sle_desktop.app import site
    from sle_desktop.app.errors import ValidationError

    path = Path(args.db)
    if path.exists():
        raise CommandError(f"{path} already exists; init-site only creates a new site database. Nothing was changed.")
    password = _read_password(args)
    errors = site.validate_new_site(args.site, args.name, args.admin, args.admin_name, password)
    if errors:
        raise CommandError(str(ValidationError(errors)))
    with open_store(path, must_exist=False) as store:
        created = site.create_site(store, code=args.site, name=args.name, admin_username=args.admin,
                                   admin_name=args.admin_name, admin_password=password)
        info = site.site_info(created.store)
    return f"site {info.code} ({info.name}) created at {path} with administrator {args.admin}"


def _cmd_verify_audit(args) -> str:
    from sle_desktop.app import audit_trail

    with open_store(args.db) as store:
        cli_session(store)  # unlocks the keyed trail with this PC's machine key file
        result = audit_trail.verify(store)
    if not result.ok:
        raise CommandError(result.message)
    return result.message


def _cmd_site_key(args) -> str:
    from sle_desktop.app import sync_site
    from sle_desktop.sync import atomic, keys

    with open_store(args.db) as store:
        text = sync_site.site_public_key(cli_session(store))
    out = Path(args.out)
    atomic.atomic_write_text(out, text, what="the site key file")
    key = keys.parse_site_key(text)
    return f"site key of {key.code} written to {out} (fingerprint {key.fingerprint}); give it to the sponsor"


def _cmd_set_sponsor(args) -> str:
    from sle_desktop.app import sync_site

    text = read_key_file(Path(args.recipient_file), "sponsor key file", "key file sponsor.pub")
    with open_store(args.db) as store:
        saved = sync_site.set_sponsor_recipients(cli_session(store), text)
    shown = "; ".join(f"{k.fingerprint}" + (f" ({k.label})" if k.label else "") for k in saved)
    return f"{len(saved)} sponsor key(s) set: {shown} - confirm the fingerprint(s) with the sponsor by phone"


def _cmd_export(args) -> str:
    from sle_desktop.app import sync_site

    with open_store(args.db) as store:
        result = sync_site.export_bundle(cli_session(store), Path(args.to), since_seq=args.since)
    return str(result.path)


def _cmd_set_sponsor_signing_key(args) -> str:
    from sle_desktop.app import returns

    text = read_key_file(Path(args.key_file), "sponsor signing key file", "sponsor-signing.pub")
    with open_store(args.db) as store:
        key = returns.set_sponsor_signing_key(cli_session(store), text)
    return f"sponsor signing key set, fingerprint {key.fingerprint} - confirm it with the sponsor by phone"


def _cmd_import_return(args) -> str:
    """Each return bundle on its own (all or nothing per file): one that is refused never stops the others."""
    from sle_desktop.app import returns
    from sle_desktop.sync.errors import SyncError

    done, refused = [], []
    with open_store(args.db) as store:
        session = cli_session(store)
        for file in args.file:
            try:
                done.append(returns.import_return(session, Path(file)).message)
            except SyncError as exc:
                refused.append(str(exc))
    if refused:
        raise CommandError("; ".join(refused + done))
    return "; ".join(done)


def _find_subject(session, label: str) -> str:
    from sle_desktop.app import ui_queries

    wanted = label.strip()
    for uuid_, shown in ui_queries.subject_labels(session):
        if shown == wanted:
            return uuid_
    raise CommandError(f"No subject {wanted} in this database (give the subject ID, e.g. BY01-0007, or the screening "
                       "number).")


def _cmd_casebook(args) -> str:
    from sle_desktop.app import casebook
    from sle_desktop.ui.printing import paged
    from sle_desktop.ui.printing.casebook import write_casebook_pdf

    with open_store(args.db) as store:
        session = cli_session(store)
        book = casebook.subject_casebook(session, _find_subject(session, args.subject),
                                         include_identifiers=args.identifiers)
    paged.ensure_gui_application()
    _install_language(args.lang)
    pages = write_casebook_pdf(book, Path(args.out))
    kind = "with direct identifiers" if args.identifiers else "pseudonymous"
    return f"casebook of {book.subject_label} written to {args.out}: {pages} pages, {kind}"


def _cmd_blank_crf(args) -> str:
    from sle_desktop.app import blank_crf
    from sle_desktop.ui.printing import paged
    from sle_desktop.ui.printing.blank_crf import write_blank_crf_pdf

    db = Path(args.db)
    if db.exists():
        with open_store(db) as store:
            crf = blank_crf.blank_crf(cli_session(store), visit_code=args.visit)
    else:
        crf = blank_crf.blank_crf(None, visit_code=args.visit)
    paged.ensure_gui_application()
    _install_language(args.lang)
    pages = write_blank_crf_pdf(crf, Path(args.out))
    return f"blank CRF ({', '.join(v.code for v in crf.visits)}) written to {args.out}: {pages} pages"


def _cmd_backup(args) -> str:
    from sle_desktop.app import backup

    with open_store(args.db) as store:
        r = backup.backup(cli_session(store), Path(args.to))
    return (f"backup written to {r.path} ({r.size / 1_000_000:.1f} MB): audit trail up to change {r.head_seq}, "
            f"last bundle {r.last_bundle_seq}; encrypted to the site key and {r.sponsor_keys} sponsor key(s)")


def _cmd_restore(args) -> str:
    from sle_desktop.app import backup

    password = None
    if args.admin:
        source = Path(args.password_file).read_text("utf-8") if args.password_file else sys.stdin.readline()
        password = source.rstrip("\r\n")
        if not password:
            raise CommandError("No password given: pass it on standard input or with --password-file FILE.")
    r = backup.restore(Path(args.from_file), Path(args.db), admin=args.admin, password=password)
    return (f"restored site {r.site_code} into {r.path} (unlocked with the {r.unlocked_by}): the data reach change "
            f"{r.head_seq} of the audit trail and bundle {r.last_bundle_seq}, as backed up at {r.created_at}; "
            f"re-enter anything recorded after that")


def _install_language(lang: str) -> None:
    from sle_desktop.ui import i18n

    i18n.install(lang)


def _cmd_gui(args) -> int:
    from sle_desktop.ui.main import run_gui

    return run_gui(db_path=None if args.demo else Path(args.db), demo=args.demo)


def _cmd_self_test(args) -> str:
    from sle_desktop.ui import self_test

    return self_test.run()


def _cmd_bench(args) -> int:
    """The benchmarks live outside the installed package (`benchmarks/bench.py` of a source checkout)."""
    if not BENCHMARKS.is_file():
        raise CommandError("The benchmarks are not part of this installation: run them from a source checkout "
                           "(python3 -m venv .venv && .venv/bin/python -m pip install -e '.[test]' && "
                           ".venv/bin/sle-desktop bench --quick), or python benchmarks/bench.py there.")
    import importlib.util

    spec = importlib.util.spec_from_file_location("sle_desktop_benchmarks", BENCHMARKS)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module.main(args.bench_args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sle-desktop", description="sle_desktop: offline EDC for the SLE MSC trial.")
    parser.add_argument("--version", action="version", version=f"sle_desktop {__version__}")
    parser.add_argument("--db", default=str(default_db_path()), help="site database file (default: %(default)s)")
    parser.add_argument("--demo", action="store_true", help="open a synthetic demo site in a temporary database")
    parser.add_argument("--self-test", action="store_true", help="headless check of this installation; exits 0 when OK")
    sub = parser.add_subparsers(dest="command")

    def command(name, handler, help_, *, db: bool = True, **options):
        p = sub.add_parser(name, help=help_, description=help_, **options)
        if db:
            p.add_argument("--db", default=argparse.SUPPRESS, help="site database file")
        p.set_defaults(handler=handler)
        return p

    p = command("make-demo", _cmd_make_demo, "create a synthetic site (tests, training, benchmarks)")
    p.add_argument("--subjects", type=int, default=40)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--sponsor-recipient", metavar="FILE", help="the sponsor's age recipient file")
    command("verify-audit", _cmd_verify_audit, "walk the audit chain; names the first broken row")
    p = command("init-site", _cmd_init_site, "create a new (real) site database with its first administrator")
    p.add_argument("--site", required=True, metavar="CODE", help="site code, e.g. BY01")
    p.add_argument("--name", required=True, help="site name")
    p.add_argument("--admin", required=True, metavar="USER", help="the first administrator's user name")
    p.add_argument("--admin-name", required=True, metavar="FULL NAME", help="the administrator's full name")
    p.add_argument("--password-file", metavar="FILE",
                   help="read the password from the first line of FILE (default: typed twice on standard input)")
    p = command("site-key", _cmd_site_key, "write the site's public signing key file for the sponsor")
    p.add_argument("--out", required=True, metavar="FILE", help="where to write the site key file")
    p = command("set-sponsor", _cmd_set_sponsor, "set the sponsor's age public key(s) bundles are encrypted to")
    p.add_argument("recipient_file", metavar="RECIPIENT_FILE", help="the sponsor's sponsor.pub (one age1... key per line)")
    p = command("export", _cmd_export, "write the next sync bundle into a folder (e.g. a USB stick); prints its path")
    p.add_argument("--to", required=True, metavar="DIR", help="folder to write the bundle into")
    p.add_argument("--since", type=int, metavar="SEQ", default=None,
                   help="include every change after this change number (default: since the last export)")
    p = command("set-sponsor-signing-key", _cmd_set_sponsor_signing_key,
                "register the sponsor's public signing key (sponsor-signing.pub) that signs return bundles")
    p.add_argument("key_file", metavar="FILE")
    p = command("import-return", _cmd_import_return, "verify and apply a return bundle from the sponsor")
    p.add_argument("file", metavar="FILE", nargs="+", help="the return bundle(s) (*.slereturn)")
    p = command("casebook", _cmd_casebook, "write one subject's casebook as PDF (pseudonymous unless --identifiers)")
    p.add_argument("--subject", required=True, metavar="ID", help="subject ID (BY01-0007) or screening number")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.add_argument("--identifiers", action="store_true", help="include the direct identifiers (every page says so)")
    p.add_argument("--lang", choices=("en", "ru"), default="en")
    p = command("blank-crf", _cmd_blank_crf, "write blank CRFs for paper entry (the study definition in force)")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.add_argument("--visit", metavar="CODE", default=None, help="one visit (default: every visit)")
    p.add_argument("--lang", choices=("en", "ru"), default="en")
    p = command("backup", _cmd_backup, "write an encrypted, signed backup of the site database into a folder")
    p.add_argument("--to", required=True, metavar="DIR", help="folder to write the backup into (e.g. a USB stick)")
    p = command("restore", _cmd_restore, "restore a backup into a NEW database file (never over an existing one)")
    p.add_argument("--from", dest="from_file", required=True, metavar="FILE", help="the *.slebackup file")
    p.add_argument("--admin", metavar="USER", help="unlock with this site administrator's password (read from "
                   "standard input or --password-file) instead of this PC's machine key file")
    p.add_argument("--password-file", metavar="FILE", default=None)
    command("bench", _cmd_bench, "benchmarks at site and sponsor scale (source checkout only; "
            "its options: sle-desktop bench --help)", db=False, add_help=False)
    return parser


def main(argv: list[str] | None = None) -> int:
    """`sle-desktop`: the GUI by default, or one of the site commands."""
    parser = _parser()
    args, extra = parser.parse_known_args(argv)
    handler = getattr(args, "handler", None)
    if handler is _cmd_bench:
        args.bench_args = extra
    elif extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if args.self_test:
        return run(_cmd_self_test, args)
    if handler is None:
        return _cmd_gui(args)
    return run(handler, args)


if __name__ == "__main__":
    sys.exit(main())
