"""Sync commands: `sle-desktop site-key | set-sponsor | export` and every `sle-sponsor` command.

Each handler returns the one line to print (exit 0) or raises an error whose message is
printed (exit 1); see `cli._run`.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from sle_desktop import cli


def default_sponsor_db() -> Path:
    """`SLE_SPONSOR_DB`, else sponsor.sqlite in the platform's per-user data folder."""
    env = os.environ.get("SLE_SPONSOR_DB")
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir("sle_desktop", appauthor=False)) / "sponsor.sqlite"


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{max(1, round(n / 1000))} kB"


# -- site ----------------------------------------------------------------------------------------
def _cmd_site_key(args) -> str:
    from sle_desktop.app import sync_site
    from sle_desktop.sync import atomic, keys

    with cli._open_store(args.db) as store:
        text = sync_site.site_public_key(cli._cli_session(store))
    out = Path(args.out)
    atomic.atomic_write_text(out, text, what="the site key file")
    key = keys.parse_site_key(text)
    return f"site key of {key.code} written to {out} (fingerprint {key.fingerprint}); give it to the sponsor"


def _cmd_set_sponsor(args) -> str:
    from sle_desktop.app import sync_site

    text = cli._read_key_file(Path(args.recipient_file), "sponsor key file", "key file sponsor.pub")
    with cli._open_store(args.db) as store:
        saved = sync_site.set_sponsor_recipients(cli._cli_session(store), text)
    shown = "; ".join(f"{k.fingerprint}" + (f" ({k.label})" if k.label else "") for k in saved)
    return f"{len(saved)} sponsor key(s) set: {shown} - confirm the fingerprint(s) with the sponsor by phone"


def _cmd_export(args) -> str:
    from sle_desktop.app import sync_site

    with cli._open_store(args.db) as store:
        result = sync_site.export_bundle(cli._cli_session(store), Path(args.to), since_seq=args.since)
    return str(result.path)


def register_site(command) -> None:
    """Add site-key, set-sponsor and export to `sle-desktop` (via cli._site_parser's `command` factory)."""
    p = command("site-key", _cmd_site_key, "write the site's public signing key file for the sponsor")
    p.add_argument("--out", required=True, metavar="FILE", help="where to write the site key file")
    p = command("set-sponsor", _cmd_set_sponsor, "set the sponsor's age public key(s) bundles are encrypted to")
    p.add_argument("recipient_file", metavar="RECIPIENT_FILE", help="the sponsor's sponsor.pub (one age1... key per line)")
    p = command("export", _cmd_export, "write the next sync bundle into a folder (e.g. a USB stick); prints its path")
    p.add_argument("--to", required=True, metavar="DIR", help="folder to write the bundle into")
    p.add_argument("--since", type=int, metavar="SEQ", default=None,
                   help="include every change after this change number (default: since the last export)")
    from sle_desktop import cli_returns  # set-sponsor-signing-key, import-return

    cli_returns.register_site(command)


# -- sponsor -------------------------------------------------------------------------------------
def _cmd_keygen(args) -> str:
    from sle_desktop.app import sponsor

    r = sponsor.keygen(Path(args.out))
    return (f"sponsor key written to {r.key_path} (secret, keep it safe; back it up offline); give {r.public_path} to "
            f"the sites - fingerprint {r.fingerprint}")


def _cmd_register_site(args) -> str:
    from sle_desktop.app import sponsor

    r = sponsor.register_site(Path(args.db), Path(args.site_key_file))
    if r.status == "already_registered":
        return f"site {r.code} ({r.name}) is already registered with this key (fingerprint {r.fingerprint}); nothing changed"
    if r.status == "return_key_added":
        return f"site {r.code} ({r.name}): return-bundle key added (site key fingerprint {r.fingerprint})"
    return f"site {r.code} ({r.name}) registered, key fingerprint {r.fingerprint} - confirm it with the site by phone"


def _cmd_import(args) -> str:
    from sle_desktop.app import sponsor

    outcomes = sponsor.import_bundles(Path(args.db), Path(args.key), [Path(b) for b in args.bundles],
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
        raise cli.CommandError(f"{first.error}{more} [{done}]")
    return "; ".join(parts)


def _cmd_status(args) -> str:
    from sle_desktop.app import sponsor

    sites = sponsor.status(Path(args.db))
    if not sites:
        return "no sites registered"
    parts = []
    for s in sites:
        last = f"bundle {s.last_bundle_seq} imported {s.last_import_at[:16]}" if s.last_bundle_seq else "no bundle yet"
        chain = "audit chain OK" if s.chain_ok else f"AUDIT CHAIN BROKEN: {s.chain_message}"
        parts.append(f"{s.code}: {last}, changes 1-{s.head_seq}, {chain}, {s.subjects} subjects, {s.saes} SAEs; "
                     f"next expected bundle {s.last_bundle_seq + 1}")
    line = f"{len(sites)} site(s): " + " | ".join(parts)
    if not all(s.chain_ok for s in sites):
        raise cli.CommandError(line)
    return line


def _cmd_export_odm(args) -> str:
    from sle_desktop.app import sponsor

    r = sponsor.export_odm(Path(args.db), Path(args.out))
    return (f"ODM 1.3.2 written to {r.path}: {r.sites} site(s), {r.subjects} subjects, {r.forms} forms, "
            f"{r.items} items, {r.audit_records} audit records")


def _cmd_export_csv(args) -> str:
    from sle_desktop.app import sponsor

    r = sponsor.export_csv(Path(args.db), Path(args.out))
    return f"{len(r.files)} CSV files written to {r.folder} ({r.rows} records, with data_dictionary.csv and audit_trail.csv)"


def _cmd_sae_listing(args) -> str:
    from sle_desktop.app import sponsor

    if args.out:
        count, _text = sponsor.sae_listing(Path(args.db), Path(args.out))
        return f"{count} serious adverse event(s) listed in {args.out}"
    _count, text = sponsor.sae_listing(Path(args.db))
    return text.rstrip("\n")


def register_sponsor(sub) -> None:
    """Add every `sle-sponsor` command to the subparsers `sub`."""

    def command(name, handler, help_, *, db: bool = True):
        p = sub.add_parser(name, help=help_, description=help_)
        if db:
            p.add_argument("--db", default=str(default_sponsor_db()), help="sponsor database file (default: %(default)s)")
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
    p = command("export-odm", _cmd_export_odm, "write CDISC ODM 1.3.2 XML (clinical data and audit records)")
    p.add_argument("--out", required=True, metavar="FILE")
    p = command("export-csv", _cmd_export_csv, "write one CSV per form, a data dictionary and the audit trail")
    p.add_argument("--out", required=True, metavar="DIR")
    p = command("sae-listing", _cmd_sae_listing, "list serious adverse events (CSV; to stdout without --out)")
    p.add_argument("--out", metavar="FILE", default=None)
    from sle_desktop import cli_returns  # queries, SDV marks, return bundles

    cli_returns.register_sponsor(command)

