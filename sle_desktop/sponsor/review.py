"""Use cases of the sponsor window (`sle-sponsor gui`): bundles in, sites at a glance, the subject list. Each
takes a `SponsorSession` and returns frozen dataclasses; the window never runs SQL. One subject's casebook, queries
and SDV are in `sponsor.casebook`; safety, reports and exports in `sponsor.safety_reports`.

The overview is built from one pass over the subject, visit and AE records plus a few grouped queries,
so it stays quick with 100 sites × 100 subjects (benchmarks/sponsor_window.py). `SiteOverview.extra`
is where other per-site facts (e.g. signed casebooks, locks) can be added without changing the window.
"""

from __future__ import annotations

import functools
import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sle_desktop.domain import safety, schedule
from sle_desktop.domain.errors import NotFound, ValidationError
from sle_desktop.domain.text import msg
from sle_desktop.sponsor import importer, prefetch
from sle_desktop.sponsor import returns as sponsor_returns
from sle_desktop.sponsor.accounts import SponsorSession
from sle_desktop.sponsor.casebooks import SIGNED, casebook_states
from sle_desktop.sponsor.operations import load_identities
from sle_desktop.store import audit as audit_mod
from sle_desktop.store.records import CLINICAL_TABLES
from sle_desktop.sync import bundle
from sle_desktop.sync.errors import SyncError

BUNDLE_SUFFIX = ".slebundle"
QUERY_AGE_BUCKETS = ((0, 7), (8, 30), (31, None))  # days open: 0–7, 8–30, over 30
_SDV_TABLES = tuple(t for t in sponsor_returns.QUERYABLE)


def _today(today: date | None) -> date:
    return today or datetime.now(UTC).date()


def _parse_dt(text) -> datetime | None:
    if not text:
        return None
    try:
        dt = datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def _parse_date(text) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


# -- bundles in ------------------------------------------------------------------------------
@dataclass(frozen=True)
class FileResult:
    """What happened to one file of the folder: "imported", "already_imported" or "refused" (with the reason)."""

    name: str
    status: str
    message: str
    site_code: str = ""
    bundle_seq: int = 0
    records_added: int = 0
    records_updated: int = 0


def bundle_files(folder) -> tuple[Path, ...]:
    """The bundle files in a folder (not its sub-folders), by name."""
    folder = Path(folder)
    if not folder.is_dir():
        raise NotFound(msg("There is no folder {path}.", path=str(folder)))
    files = tuple(sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == BUNDLE_SUFFIX))
    if not files:
        raise ValidationError({"folder": msg("There are no bundle files (*.slebundle) in {path}.", path=str(folder))})
    return files


def _reason(exc: SyncError) -> str:
    """The refusal as the importer worded it (a translatable `Msg` when it is one)."""
    first = exc.args[0] if exc.args else None
    return first if isinstance(first, str) else str(exc)


def import_folder(session: SponsorSession, folder, key_file, *, report=None) -> tuple[FileResult, ...]:
    """Verify and import every bundle of `folder` (by site and bundle number); each is all-or-nothing.

    `report(done, total)` is called after each file. Refused files carry the importer's plain reason."""
    session.require("import")
    files = bundle_files(folder)
    identities = load_identities(key_file)
    limits = bundle.Limits()
    total = len(files)
    done = 0
    results: list[FileResult] = []

    def step():
        nonlocal done
        done += 1
        if report is not None:
            report(done, total)

    if report is not None:
        report(0, total)
    ready = []
    for p in files:
        try:
            ready.append(bundle.read_container(p, limits))
        except SyncError as exc:
            results.append(FileResult(p.name, "refused", _reason(exc)))
            step()
    ready.sort(key=lambda c: (c.manifest["site_uuid"], c.manifest["bundle_seq"], c.path.name))
    with prefetch.Prefetcher([(c.path, c.file_sha256, c.ciphertext_size) for c in ready], identities, limits) as helper:
        for index, c in enumerate(ready):
            try:
                r = importer.import_bundle(session.store, c.path, identities, user=session.username, limits=limits,
                                           container=c, payload_from=functools.partial(helper.take, index),
                                           while_storing=functools.partial(helper.receive, index + 1))
            except SyncError as exc:
                results.append(FileResult(c.path.name, "refused", _reason(exc)))
            else:
                results.append(FileResult(c.path.name, r.status, r.message, r.site_code, r.bundle_seq, r.records_added,
                                          r.records_updated))
            step()
    order = {p.name: i for i, p in enumerate(files)}
    return tuple(sorted(results, key=lambda r: order[r.name]))


# -- sites at a glance -----------------------------------------------------------------------
@dataclass(frozen=True)
class SiteOverview:
    code: str
    name: str
    last_bundle_seq: int
    last_bundle_at: str | None  # when the site wrote it
    last_bundle_age_days: int | None
    gaps: tuple[int, ...]  # bundle numbers below the last one that never arrived
    chain_ok: bool
    chain_message: str
    last_return_seq: int
    last_return_at: str | None
    subjects: int
    enrolled_by_arm: tuple[tuple[str, int], ...]
    visits_overdue: int  # a scheduled visit whose window has closed and that is not on file
    visits_out_of_window: int  # visits done early or late
    open_queries_by_age: tuple[int, ...]  # per QUERY_AGE_BUCKETS
    saes: int
    saes_within_24h: int
    saes_late: int  # reached the sponsor more than 24 h after site awareness
    extra: tuple[tuple[str, str], ...] = ()

    @property
    def open_queries(self) -> int:
        return sum(self.open_queries_by_age)


def _chain(store, site: dict) -> tuple[bool, str]:
    """Walk one site's whole stored audit trail (every hash) and compare its end with the recorded head."""
    cur = store.conn.execute('SELECT seq, at_utc, at_local, "user", "table", row_id, field, old, new, reason, '
                             "prev_hash, hash FROM audit WHERE site_uuid = ? ORDER BY seq", (site["site_uuid"],))
    cols = [c[0] for c in cur.description]
    check = audit_mod.verify_rows(dict(zip(cols, r)) for r in cur)
    if not check.ok:
        return False, check.message
    if check.head_seq != site["head_seq"] or check.head_hash != site["head_hash"]:
        return False, _ALTERED
    return True, check.message


_ALTERED = "The stored audit trail does not end at the recorded head; the database was altered."


def _chain_ends(store) -> dict[str, tuple[int, str | None]]:
    """Per site: (last seq, hash of the row at the recorded head) of the stored audit trail (index look-ups)."""
    return {r["site_uuid"]: (r["last"] or 0, r["head"]) for r in store.query(
        "SELECT s.site_uuid, (SELECT max(a.seq) FROM audit a WHERE a.site_uuid = s.site_uuid) AS last, "
        "(SELECT a.hash FROM audit a WHERE a.site_uuid = s.site_uuid AND a.seq = s.head_seq) AS head FROM sites s")}


def _quick_chain(site: dict, end: tuple[int, str | None] | None) -> tuple[bool, str]:
    """The stored trail ends at the head the importer verified (each import walks the new rows' hashes)."""
    last, head_hash = end or (0, None)
    if site["head_seq"] == 0 and last == 0:
        return True, "no audit rows yet"
    if last != site["head_seq"] or head_hash != site["head_hash"]:
        return False, _ALTERED
    return True, f"ends at the head verified at import (row {last}); Verify audit chains walks every hash"


def verify_chains(session: SponsorSession, *, report=None) -> tuple[tuple[str, bool, str], ...]:
    """Walk every site's whole audit trail hash by hash: (site code, ok, message) per site."""
    session.require("view")
    sites = session.store.query("SELECT * FROM sites ORDER BY code")
    out = []
    for i, s in enumerate(sites):
        if report is not None:
            report(i, len(sites))
        ok, message = _chain(session.store, s)
        out.append((s["code"], ok, message))
    if report is not None:
        report(len(sites), len(sites))
    return tuple(out)


def _records(store, tables: tuple[str, ...]) -> dict[str, list[tuple[str, str, dict, str]]]:
    """(site_uuid, uuid, data, received_at) of current records of `tables`."""
    out: dict[str, list] = {t: [] for t in tables}
    marks = ", ".join("?" for _ in tables)
    for tbl, site_uuid, uuid, data, received in store.conn.execute(
            f"SELECT tbl, site_uuid, uuid, data, received_at FROM records WHERE deleted = 0 AND tbl IN ({marks})",
            tables):
        out[tbl].append((site_uuid, uuid, json.loads(data), received))
    return out


def _within_24h(ae: dict, received_at) -> bool | None:
    aware, received = _parse_dt(ae.get("aware_at")), _parse_dt(received_at)
    if aware is None or received is None:
        return None
    return received <= safety.sae_deadline(aware)


def _overdue_count(site_uuid: str, subjects: list[dict], visit_codes: dict[tuple[str, str], set[str]],
                   today: date) -> int:
    count = 0
    windowed = [v for v in schedule.default_visits() if v.scheduled and v.window_days is not None
                and v.target_day is not None]
    for s in subjects:
        day0 = _parse_date(s["data"].get("baseline_date"))
        if day0 is None or s["data"].get("status") not in ("enrolled",):
            continue
        done = visit_codes.get((site_uuid, s["uuid"]), set())
        for v in windowed:
            if v.code not in done and schedule.visit_window(v, day0)[2] < today:
                count += 1
    return count


# More per-site facts for the overview: functions store -> {site_uuid: ((column title, value), ...)}; the window
# shows each title as one more column (e.g. signed casebooks and locks, once the sponsor knows them).
def _casebook_facts(store) -> dict[str, tuple[tuple[str, str], ...]]:
    """Casebooks signed off by the investigator (and still valid) and casebooks locked, of the site's subjects."""
    uuid_of = {r["code"]: r["site_uuid"] for r in store.query("SELECT code, site_uuid FROM sites")}
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # signed, locked, subjects
    for book in casebook_states(store):
        c = counts[book.site_code]
        c[0] += book.sign_off == SIGNED
        c[1] += book.casebook_locked
        c[2] += 1
    return {uuid_of[code]: ((CASEBOOKS, f"{signed} · {locked} / {n}"),)
            for code, (signed, locked, n) in counts.items() if code in uuid_of}


CASEBOOKS = "Casebooks signed off · locked / subjects"
OVERVIEW_EXTRAS: list = [_casebook_facts]


def _extras(store) -> dict[str, tuple[tuple[str, str], ...]]:
    out: dict[str, tuple] = defaultdict(tuple)
    for fn in OVERVIEW_EXTRAS:
        for site_uuid, facts in fn(store).items():
            out[site_uuid] += tuple(facts)
    return out


def sites_overview(session: SponsorSession, *, today: date | None = None, full_chain_check: bool = False
                   ) -> tuple[SiteOverview, ...]:
    """One line per registered site: what arrived, what is missing, what needs attention.

    The audit-chain status is the quick check (the stored trail is whole and ends at the head each import
    verified) unless `full_chain_check`, which walks every hash (`verify_chains` does it in the background)."""
    session.require("view")
    store = session.store
    today = _today(today)
    now = datetime.now(UTC)
    sites = store.query("SELECT * FROM sites ORDER BY code")
    j = store.json_text
    bundles: dict[str, list[dict]] = defaultdict(list)
    for b in store.query("SELECT site_uuid, bundle_seq, site_created_at FROM bundles ORDER BY site_uuid, bundle_seq"):
        bundles[b["site_uuid"]].append(b)
    returns_last = {r["site_uuid"]: r for r in store.query(
        "SELECT site_uuid, return_seq, created_at FROM return_bundles r WHERE return_seq = "
        "(SELECT max(return_seq) FROM return_bundles x WHERE x.site_uuid = r.site_uuid)")}
    queries: dict[str, list[dict]] = defaultdict(list)
    for q in store.query("SELECT site_uuid, raised_at, updated_at, status FROM queries WHERE status IN "
                         "('open', 'reopened')"):
        queries[q["site_uuid"]].append(q)
    subjects = defaultdict(list)
    for site_uuid, uuid, status, arm, baseline in store.conn.execute(
            f"SELECT site_uuid, uuid, {j('data', 'status')}, {j('data', 'arm')}, {j('data', 'baseline_date')} "
            "FROM records WHERE tbl = 'subjects' AND deleted = 0"):
        subjects[site_uuid].append({"uuid": uuid, "data": {"status": status, "arm": arm, "baseline_date": baseline}})
    visit_codes: dict[tuple[str, str], set[str]] = defaultdict(set)  # UUIDs are unique within a site
    out_of_window: Counter = Counter()
    for site_uuid, subject_uuid, code, window in store.conn.execute(
            f"SELECT site_uuid, subject_uuid, {j('data', 'visit_code')}, {j('data', 'window_status')} FROM records "
            "WHERE tbl = 'visits' AND deleted = 0"):
        visit_codes[(site_uuid, subject_uuid)].add(code)
        if window in ("early", "late"):
            out_of_window[site_uuid] += 1
    sae_counts: dict[str, list[bool | None]] = defaultdict(list)
    for site_uuid, aware, received in store.conn.execute(
            f"SELECT site_uuid, {j('data', 'aware_at')}, received_at FROM records WHERE tbl = 'adverse_events' "
            f"AND deleted = 0 AND {store.json_is_one('data', 'serious')}"):
        sae_counts[site_uuid].append(_within_24h({"aware_at": aware}, received))
    ends = {} if full_chain_check else _chain_ends(store)
    extras = _extras(store)
    out = []
    for s in sites:
        su = s["site_uuid"]
        got = bundles.get(su, [])
        seqs = {b["bundle_seq"] for b in got}
        last = got[-1] if got else None
        last_at = last["site_created_at"] if last else None
        age = (now - _parse_dt(last_at)).days if last_at and _parse_dt(last_at) else None
        ok, message = _chain(store, s) if full_chain_check else _quick_chain(s, ends.get(su))
        arms = Counter(x["data"].get("arm") for x in subjects[su] if x["data"].get("status") in
                       ("enrolled", "completed", "withdrawn") and x["data"].get("arm"))
        ages = [0] * len(QUERY_AGE_BUCKETS)
        for q in queries[su]:
            raised = _parse_dt(q["updated_at"] if q["status"] == "reopened" else q["raised_at"])
            days = (now - raised).days if raised else 0
            for i, (lo, hi) in enumerate(QUERY_AGE_BUCKETS):
                if days >= lo and (hi is None or days <= hi):
                    ages[i] += 1
                    break
        ret = returns_last.get(su)
        saes = sae_counts.get(su, [])
        out.append(SiteOverview(
            s["code"], s["name"], s["last_bundle_seq"], last_at, age,
            tuple(n for n in range(1, s["last_bundle_seq"] + 1) if n not in seqs), ok, message,
            ret["return_seq"] if ret else 0, ret["created_at"] if ret else None, len(subjects[su]),
            tuple(sorted(arms.items())), _overdue_count(su, subjects[su], visit_codes, today), out_of_window[su],
            tuple(ages), len(saes), sum(1 for x in saes if x is True), sum(1 for x in saes if x is False),
            extras.get(su, ())))
    return tuple(out)


# -- data review: the subject list -----------------------------------------------------------
@dataclass(frozen=True)
class SubjectRow:
    site_code: str
    subject_uuid: str
    subject_key: str
    arm: str
    status: str
    baseline_date: str
    open_queries: int
    records: int  # records that can be source-data-verified
    verified: int  # of which SDV'd as they are now (a whole-record mark; field marks alone do not count)

    @property
    def sdv_complete(self) -> bool:
        return self.records > 0 and self.verified >= self.records


def subject_rows(session: SponsorSession) -> tuple[SubjectRow, ...]:
    """Every subject of every site, with open queries and SDV progress (site, then subject number)."""
    session.require("view")
    store = session.store
    codes = {r["site_uuid"]: r["code"] for r in store.query("SELECT site_uuid, code FROM sites")}
    others = tuple(t for t in CLINICAL_TABLES if t not in _SDV_TABLES)
    marks = ", ".join("?" for _ in others)
    # covered by the index records_subject_sdv
    # keyed by (site, subject): UUIDs are unique within a site
    totals = {(r["site_uuid"], r["subject_uuid"]): r["n"] for r in store.query(
        f"SELECT site_uuid, subject_uuid, count(*) AS n FROM records WHERE deleted = 0 AND tbl NOT IN ({marks}) "
        "GROUP BY site_uuid, subject_uuid", others)}
    verified = {(r["site_uuid"], r["subject_uuid"]): r["n"] for r in store.query(
        "SELECT r.site_uuid, r.subject_uuid, count(*) AS n FROM sdv_marks m JOIN records r ON r.site_uuid = "
        "m.site_uuid AND r.tbl = m.record_table AND r.uuid = m.record_uuid AND r.change_seq = m.change_seq "
        "WHERE r.deleted = 0 AND m.field = '' GROUP BY r.site_uuid, r.subject_uuid")}  # whole-record marks only
    open_q = {(r["site_uuid"], r["subject_uuid"]): r["n"] for r in store.query(
        "SELECT site_uuid, subject_uuid, count(*) AS n FROM queries WHERE status IN ('open', 'reopened') "
        "GROUP BY site_uuid, subject_uuid")}
    j = store.json_text
    rows = []
    for site_uuid, uuid, sid, screening, arm, status, baseline in store.conn.execute(
            f"SELECT site_uuid, uuid, {j('data', 'subject_id')}, {j('data', 'screening_number')}, {j('data', 'arm')}, "
            f"{j('data', 'status')}, {j('data', 'baseline_date')} FROM records WHERE tbl = 'subjects' AND deleted = 0"):
        rows.append(SubjectRow(codes.get(site_uuid, "?"), uuid, sid or screening or uuid, arm or "", status or "",
                               baseline or "", open_q.get((site_uuid, uuid), 0), totals.get((site_uuid, uuid), 0),
                               verified.get((site_uuid, uuid), 0)))
    rows.sort(key=lambda r: (r.site_code, r.subject_key))
    return tuple(rows)


def filter_subjects(rows, *, site: str | None = None, arm: str | None = None, status: str | None = None,
                    open_queries: bool = False, not_sdv: bool = False, text: str = "") -> tuple[SubjectRow, ...]:
    """The rows that pass every filter given (None/False/"" = no filter); pure and quick."""
    text = (text or "").strip().lower()
    return tuple(r for r in rows
                 if (not site or r.site_code == site) and (not arm or r.arm == arm)
                 and (not status or r.status == status) and (not open_queries or r.open_queries)
                 and (not not_sdv or not r.sdv_complete) and (not text or text in r.subject_key.lower()))
