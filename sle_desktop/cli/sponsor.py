"""`sle-sponsor`: keys, site registration, bundle import, status, exports, queries, SDV marks, return bundles.

Each handler returns the one line to print (exit 0) or raises an error whose message is
printed (exit 1); see `cli.common.run`.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from sle_desktop import __version__
from sle_desktop.app.paths import user_data_dir
from sle_desktop.cli.common import CommandError, run


def default_sponsor_db() -> str:
    """`SLE_SPONSOR_DB` (a path or a database URL), else sponsor.sqlite in the platform's per-user data folder."""
    env = os.environ.get("SLE_SPONSOR_DB")
    if env:
        return env
    return str(user_data_dir() / "sponsor.sqlite")


def _cmd_keygen(args) -> str:
    from sle_desktop.sponsor import operations as sponsor

    r = sponsor.keygen(Path(args.out))
    return (f"sponsor key written to {r.key_path} (secret, keep it safe; back it up offline); give {r.public_path} to "
            f"the sites - fingerprint {r.fingerprint}")


def _cmd_register_site(args) -> str:
    from sle_desktop.sponsor import operations as sponsor

    r = sponsor.register_site(args.db, Path(args.site_key_file))
    if r.status == "already_registered":
        return f"site {r.code} ({r.name}) is already registered with this key (fingerprint {r.fingerprint}); nothing changed"
    if r.status == "return_key_added":
        return f"site {r.code} ({r.name}): return-bundle key added (site key fingerprint {r.fingerprint})"
    return f"site {r.code} ({r.name}) registered, key fingerprint {r.fingerprint} - confirm it with the site by phone"


def _cmd_import(args) -> str:
    from sle_desktop.sponsor import operations as sponsor

    outcomes = sponsor.import_bundles(args.db, Path(args.key), [Path(b) for b in args.bundles],
                                      max_bundle_mb=args.max_bundle_mb)
    imported = [o.result for o in outcomes if o.result and o.result.status == "imported"]
    repeated = [o.result for o in outcomes if o.result and o.result.status == "already_imported"]
    failed = [o for o in outcomes if o.error is not None]
    parts = []
    if imported:
        names = ", ".join(f"{r.site_code} #{r.bundle_seq}" for r in imported)
        parts.append(f"imported {len(imported)} bundle(s) ({names}): {sum(r.records_added for r in imported)} records "
                     f"added, {sum(r.records_updated for r in imported)} updated, "
                     f"{sum(r.audit_added for r in imported)} audit rows")
    if repeated:
        parts.append(f"{len(repeated)} already imported, nothing changed ("
                     + ", ".join(f"{r.site_code} #{r.bundle_seq}" for r in repeated) + ")")
    if failed:
        first = failed[0]
        done = "; ".join(parts) if parts else "nothing imported"
        more = f" (and {len(failed) - 1} more refused)" if len(failed) > 1 else ""
        raise CommandError(f"{first.error}{more} [{done}]")
    return "; ".join(parts)


def _cmd_status(args) -> str:
    from sle_desktop.sponsor import operations as sponsor

    sites = sponsor.status(args.db)
    if not sites:
        return "no sites registered"
    parts = []
    for s in sites:
        last = f"bundle {s.last_bundle_seq} imported {s.last_import_at[:16]}" if s.last_bundle_seq else "no bundle yet"
        chain = "audit chain OK" if s.chain_ok else f"AUDIT CHAIN BROKEN: {s.chain_message}"
        books = (f", casebooks: {s.casebooks_signed} signed, {s.casebooks_invalidated} sign-off(s) invalidated, "
                 f"{s.casebooks_locked} locked")
        parts.append(f"{s.code}: {last}, changes 1-{s.head_seq}, {chain}, {s.subjects} subjects, {s.saes} SAEs{books}; "
                     f"next expected bundle {s.last_bundle_seq + 1}")
    line = f"{len(sites)} site(s): " + " | ".join(parts)
    if not all(s.chain_ok for s in sites):
        raise CommandError(line)
    return line


def _cmd_export_odm(args) -> str:
    from sle_desktop.sponsor import operations as sponsor

    r = sponsor.export_odm(args.db, Path(args.out), audit=args.audit)
    if r.file_type == "Transactional":
        return (f"ODM 1.3.2 (Transactional: the history) written to {r.path}: {r.sites} site(s), {r.subjects} subjects, "
                f"{r.forms} changes of records, {r.items} item values, {r.audit_records} audit records")
    return (f"ODM 1.3.2 (Snapshot: current data) written to {r.path}: {r.sites} site(s), {r.subjects} subjects, "
            f"{r.forms} forms, {r.items} items, {r.signatures} signatures, {r.annotations} query annotations")


def _cmd_export_csv(args) -> str:
    from sle_desktop.sponsor import operations as sponsor

    r = sponsor.export_csv(args.db, Path(args.out))
    return f"{len(r.files)} CSV files written to {r.folder} ({r.rows} records, with data_dictionary.csv and audit_trail.csv)"


def _cmd_export_stats(args) -> str:
    from sle_desktop.sponsor import operations as sponsor

    r = sponsor.export_stats(args.db, Path(args.out), formats=args.format, lang=args.lang)
    kinds = sorted({Path(f).suffix for f in r.files if Path(f).suffix in (".sav", ".dta", ".xpt")})
    return (f"{r.datasets} datasets ({', '.join(kinds)}; {r.rows} records) written to {r.folder}, "
            "with variables.csv and formats.sas")


def _cmd_sae_listing(args) -> str:
    from sle_desktop.sponsor import operations as sponsor

    if args.out:
        count, _text = sponsor.sae_listing(args.db, Path(args.out))
        return f"{count} serious adverse event(s) listed in {args.out}"
    _count, text = sponsor.sae_listing(args.db)
    return text.rstrip("\n")


def _cmd_raise_query(args) -> str:
    from sle_desktop.sponsor import queries as sponsor_queries

    q = sponsor_queries.raise_query(args.db, site=args.site, form=args.form, field=args.field, text=args.text,
                                    subject=args.subject, visit=args.visit, record=args.record)
    where = " ".join(x for x in (q["subject_id"], q["visit_code"]) if x)
    return f"query {q['uuid']} raised on {where} {q['record_table']}.{q['field']} (record {q['record_uuid']})"


def _cmd_queries(args) -> str:
    from sle_desktop.sponsor import queries as sponsor_queries

    rows = sponsor_queries.list_queries(args.db, site=args.site, status=args.status)
    if not rows:
        return "no queries"
    lines = [f"{len(rows)} quer{'y' if len(rows) == 1 else 'ies'}:"]
    for q in rows:
        where = " ".join(x for x in (q["site_code"], q["subject_id"], q["visit_code"]) if x)
        line = f"{q['uuid']}  {q['status']:<8}  {where} {q['record_table']}.{q['field']}: {q['text']}"
        if q["followup"]:
            line += f" | follow-up: {q['followup']}"
        if q["answer"]:
            line += f" | answer ({q['answered_by']}): {q['answer']}"
        lines.append(line.replace("\n", " "))
    return "\n".join(lines)


def _cmd_close_query(args) -> str:
    from sle_desktop.sponsor import queries as sponsor_queries

    q = sponsor_queries.close_query(args.db, args.query_id, reason=args.reason)
    return f"query {q['uuid']} closed"


def _cmd_reopen_query(args) -> str:
    from sle_desktop.sponsor import queries as sponsor_queries

    q = sponsor_queries.reopen_query(args.db, args.query_id, text=args.text)
    return f"query {q['uuid']} re-opened"


def _cmd_sdv(args) -> str:
    from sle_desktop.sponsor import queries as sponsor_queries

    m = sponsor_queries.mark_sdv(args.db, site=args.site, record=args.record, table=args.table, field=args.field)
    what = f"field {m['field']} of {m['record_table']} record" if m["field"] else f"{m['record_table']} record"
    return f"{what} {m['record_uuid']} marked source-data-verified by {m['monitor']}"


def _cmd_return_bundle(args) -> str:
    from sle_desktop.sponsor import queries as sponsor_queries

    r = sponsor_queries.write_return_bundle(
        args.db, site=args.site, out_dir=Path(args.out), key_file=Path(args.key) if args.key else None,
        signing_key_file=Path(args.signing_key) if args.signing_key else None,
        study_file=Path(args.study_definition) if args.study_definition else None,
        lock=args.lock, lock_all=args.lock_all, unlock=args.unlock)
    study = f", study definition {r.study_version}" if r.study_version else ""
    asked = "".join(f", asks to {action} {'all casebooks' if who == 'all' else ' '.join(who)}"
                    for action, who in r.lock_requests)
    return (f"{r.path}: return bundle {r.return_seq} for {r.site_code}: {r.acked_bundles} bundle(s) acknowledged, "
            f"{r.sae_acks} SAE(s), {r.queries} queries, {r.sdv_marks} SDV mark(s){study}{asked}")


def _cmd_migrate_db(args) -> str:
    from sle_desktop.sponsor import transfer

    r = transfer.migrate_db(getattr(args, "from"), args.to)
    return (f"sponsor database copied from {r.source} to {r.target} and verified: {r.rows['sites']} site(s), "
            f"{r.rows['bundles']} bundle(s), {r.rows['records']} records, {r.rows['audit']} audit rows, "
            f"{r.rows['sponsor_audit']} sponsor audit rows; row counts, audit chains and the ODM export agree")


def _cmd_gui(args) -> int:
    from sle_desktop.ui.sponsor.app import run_sponsor_gui

    return run_sponsor_gui(args.db, key_file=args.key or "")  # the exit status


def register_sponsor(sub) -> None:
    """Add every `sle-sponsor` command to the subparsers `sub`."""

    def command(name, handler, help_, *, db: bool = True):
        p = sub.add_parser(name, help=help_, description=help_)
        if db:
            p.add_argument("--db", default=default_sponsor_db(), metavar="URL",
                           help="sponsor database: a file path or sqlite:///PATH, or postgresql://user@host:port/dbname "
                                "(postgresql:///dbname?host=/socket/dir for a Unix socket); default: %(default)s")
        p.set_defaults(handler=handler)
        return p

    p = command("keygen", _cmd_keygen, "create the sponsor's keys: DIR/sponsor.key (secret) and DIR/sponsor.pub", db=False)
    p.add_argument("--out", required=True, metavar="DIR")
    p = command("register-site", _cmd_register_site, "register a site's public signing key (creates the database)")
    p.add_argument("site_key_file", metavar="SITE_KEY_FILE")
    p = command("import", _cmd_import, "verify, decrypt and import bundles (all-or-nothing per bundle)")
    p.add_argument("--key", required=True, metavar="FILE", help="the sponsor's private key file sponsor.key")
    p.add_argument("--max-bundle-mb", type=float, default=None, metavar="MB",
                   help="refuse bundle files larger than this (default 512 MB)")
    p.add_argument("bundles", nargs="+", metavar="BUNDLE")
    command("status", _cmd_status, "per site: last bundle, changes received, audit chain check")
    p = command("export-odm", _cmd_export_odm,
                "write CDISC ODM 1.3.2 XML: a Snapshot of the current data, or with --audit the Transactional history")
    p.add_argument("--out", required=True, metavar="FILE")
    p.add_argument("--audit", action="store_true",
                   help="write the history (every change with its audit record) instead of the current data")
    p = command("export-csv", _cmd_export_csv, "write one CSV per form, a data dictionary and the audit trail")
    p.add_argument("--out", required=True, metavar="DIR")
    p = command("export-stats", _cmd_export_stats,
                "write one dataset per form for SPSS (.sav), Stata (.dta) and SAS (.xpt), with labels")
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument("--format", default="sav,dta,xpt", metavar="sav,dta,xpt", help="formats to write (default: all three)")
    p.add_argument("--lang", default="en", choices=("en", "ru"), help="language of the labels (default: en)")
    p = command("sae-listing", _cmd_sae_listing, "list serious adverse events (CSV; to stdout without --out)")
    p.add_argument("--out", metavar="FILE", default=None)
    _register_way_back(command)
    p = command("migrate-db", _cmd_migrate_db, "copy a sponsor database (e.g. the SQLite file) into a new, empty one "
                "(e.g. PostgreSQL) and verify the copy", db=False)
    p.add_argument("--from", required=True, metavar="URL", help="the sponsor database to copy (path or URL)")
    p.add_argument("--to", required=True, metavar="URL", help="the empty target, e.g. postgresql://user@host/dbname")
    p = command("gui", _cmd_gui, "the sponsor window: bundles in, sites at a glance, data review, safety, reports")
    p.add_argument("--key", metavar="DIR/sponsor.key", default=None,
                   help="the sponsor key file, preset for imports and return bundles")


def _register_way_back(command) -> None:
    """The query, SDV and return-bundle commands."""
    p = command("raise-query", _cmd_raise_query, "raise a data query on one data point of a site")
    p.add_argument("--site", required=True, metavar="CODE")
    p.add_argument("--subject", metavar="SUBJECT_ID", help="e.g. BY01-0003 (not needed with --record)")
    p.add_argument("--visit", metavar="VISIT_CODE", help="e.g. month_1")
    p.add_argument("--form", required=True, metavar="TABLE", help="e.g. sledai_assessments, labs, adverse_events")
    p.add_argument("--field", required=True, metavar="FIELD", help="e.g. proteinuria")
    p.add_argument("--text", required=True, help="the question for the site")
    p.add_argument("--record", metavar="UUID", help="the record, when subject/visit/form do not identify it")
    p = command("queries", _cmd_queries, "list data queries")
    p.add_argument("--site", metavar="CODE")
    p.add_argument("--status", choices=("open", "answered", "closed", "reopened"))
    p = command("close-query", _cmd_close_query, "close a query")
    p.add_argument("query_id", metavar="QUERY_ID")
    p.add_argument("--reason", default=None)
    p = command("reopen-query", _cmd_reopen_query, "re-open an answered or closed query with a follow-up question")
    p.add_argument("query_id", metavar="QUERY_ID")
    p.add_argument("--text", required=True)
    p = command("sdv", _cmd_sdv, "mark a record (or one field of it) source-data-verified (as it is now)")
    p.add_argument("--site", required=True, metavar="CODE")
    p.add_argument("--record", required=True, metavar="UUID")
    p.add_argument("--table", metavar="TABLE", default=None)
    p.add_argument("--field", metavar="FIELD", default=None,
                   help="mark only this field's value (the mark drops when that value changes)")
    p = command("return-bundle", _cmd_return_bundle,
                "write the return bundle for a site: acknowledgements, queries, SDV marks, optional study definition")
    p.add_argument("--key", metavar="DIR/sponsor.key", help="the sponsor key; sponsor-signing.key beside it signs")
    p.add_argument("--signing-key", metavar="FILE", default=None, help="the sponsor signing key (default: beside --key)")
    p.add_argument("--site", required=True, metavar="CODE")
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument("--study-definition", metavar="FILE", default=None, help="a new study definition version to offer")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--lock", nargs="+", metavar="SUBJECT_ID", default=None,
                       help="ask the site to lock these subjects' casebooks")
    which.add_argument("--lock-all", action="store_true", help="ask the site to lock every casebook (end-of-study lock)")
    p.add_argument("--unlock", nargs="+", metavar="SUBJECT_ID", default=None,
                   help="ask the site to unlock these subjects' casebooks")


def sponsor_main(argv: list[str] | None = None) -> int:
    """`sle-sponsor`: key generation, site registration, bundle import and analysis exports."""
    parser = argparse.ArgumentParser(prog="sle-sponsor", description="Sponsor side of sle_desktop.")
    parser.add_argument("--version", action="version", version=f"sle_desktop {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    register_sponsor(sub)
    args = parser.parse_args(argv)
    return run(args.handler, args)


if __name__ == "__main__":
    sys.exit(sponsor_main())
