"""Commands of the way back.

    sle-desktop set-sponsor-signing-key --db PATH FILE     register sponsor-signing.pub (prints its fingerprint)
    sle-desktop import-return --db PATH FILE               verify and apply a return bundle from the sponsor
    sle-sponsor raise-query | queries | close-query | reopen-query | sdv | return-bundle

Each handler returns the one line to print or raises an error whose message is printed (see `cli._run`).
"""

from __future__ import annotations

from pathlib import Path

from sle_desktop import cli


# -- site ----------------------------------------------------------------------------------------
def _cmd_set_sponsor_signing_key(args) -> str:
    from sle_desktop.app import returns

    text = cli._read_key_file(Path(args.key_file), "sponsor signing key file", "sponsor-signing.pub")
    with cli._open_store(args.db) as store:
        key = returns.set_sponsor_signing_key(cli._cli_session(store), text)
    return f"sponsor signing key set, fingerprint {key.fingerprint} - confirm it with the sponsor by phone"


def _cmd_import_return(args) -> str:
    from sle_desktop.app import returns

    with cli._open_store(args.db) as store:
        result = returns.import_return(cli._cli_session(store), Path(args.file))
    return result.message


def register_site(command) -> None:
    """Add set-sponsor-signing-key and import-return to `sle-desktop`."""
    p = command("set-sponsor-signing-key", _cmd_set_sponsor_signing_key,
                "register the sponsor's public signing key (sponsor-signing.pub) that signs return bundles")
    p.add_argument("key_file", metavar="FILE")
    p = command("import-return", _cmd_import_return, "verify and apply a return bundle from the sponsor")
    p.add_argument("file", metavar="FILE", help="the return bundle (*.slereturn)")


# -- sponsor -------------------------------------------------------------------------------------
def _cmd_raise_query(args) -> str:
    from sle_desktop.app import sponsor_queries

    q = sponsor_queries.raise_query(Path(args.db), site=args.site, form=args.form, field=args.field, text=args.text,
                                    subject=args.subject, visit=args.visit, record=args.record)
    where = " ".join(x for x in (q["subject_id"], q["visit_code"]) if x)
    return f"query {q['uuid']} raised on {where} {q['record_table']}.{q['field']} (record {q['record_uuid']})"


def _cmd_queries(args) -> str:
    from sle_desktop.app import sponsor_queries

    rows = sponsor_queries.list_queries(Path(args.db), site=args.site, status=args.status)
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
    from sle_desktop.app import sponsor_queries

    q = sponsor_queries.close_query(Path(args.db), args.query_id, reason=args.reason)
    return f"query {q['uuid']} closed"


def _cmd_reopen_query(args) -> str:
    from sle_desktop.app import sponsor_queries

    q = sponsor_queries.reopen_query(Path(args.db), args.query_id, text=args.text)
    return f"query {q['uuid']} re-opened"


def _cmd_sdv(args) -> str:
    from sle_desktop.app import sponsor_queries

    m = sponsor_queries.mark_sdv(Path(args.db), site=args.site, record=args.record, table=args.table)
    return f"{m['record_table']} record {m['record_uuid']} marked source-data-verified by {m['monitor']}"


def _cmd_return_bundle(args) -> str:
    from sle_desktop.app import sponsor_queries

    r = sponsor_queries.write_return_bundle(
        Path(args.db), site=args.site, out_dir=Path(args.out), key_file=Path(args.key) if args.key else None,
        signing_key_file=Path(args.signing_key) if args.signing_key else None,
        study_file=Path(args.study_definition) if args.study_definition else None)
    study = f", study definition {r.study_version}" if r.study_version else ""
    return (f"{r.path}: return bundle {r.return_seq} for {r.site_code}: {r.acked_bundles} bundle(s) acknowledged, "
            f"{r.sae_acks} SAE(s), {r.queries} queries, {r.sdv_marks} SDV mark(s){study}")


def register_sponsor(command) -> None:
    """Add the query, SDV and return-bundle commands to `sle-sponsor` (`command` is cli_sync's factory)."""
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
    p = command("sdv", _cmd_sdv, "mark a record source-data-verified (as it is now)")
    p.add_argument("--site", required=True, metavar="CODE")
    p.add_argument("--record", required=True, metavar="UUID")
    p.add_argument("--table", metavar="TABLE", default=None)
    p = command("return-bundle", _cmd_return_bundle,
                "write the return bundle for a site: acknowledgements, queries, SDV marks, optional study definition")
    p.add_argument("--key", metavar="DIR/sponsor.key", help="the sponsor key; sponsor-signing.key beside it signs")
    p.add_argument("--signing-key", metavar="FILE", default=None, help="the sponsor signing key (default: beside --key)")
    p.add_argument("--site", required=True, metavar="CODE")
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument("--study-definition", metavar="FILE", default=None, help="a new study definition version to offer")
