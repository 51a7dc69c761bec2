"""Use cases of the sponsor window (`sle-sponsor gui`): bundles in, sites at a glance, data review, safety,
reports and exports. Each takes a `SponsorSession` and returns frozen dataclasses; the window never runs SQL.

The overview is built from one pass over the subject, visit and AE records plus a few grouped queries,
so it stays quick with 100 sites × 100 subjects (benchmarks/sponsor_window.py). `SiteOverview.extra`
is where other per-site facts (e.g. signed casebooks, locks) can be added without changing the window.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from sle_desktop.domain import outcomes, safety, schedule, sledai
from sle_desktop.domain.errors import NotFound, ValidationError
from sle_desktop.domain.text import msg
from sle_desktop.sponsor import importer, metadata, odm, tabular
from sle_desktop.sponsor import returns as sponsor_returns
from sle_desktop.sponsor.accounts import SponsorSession
from sle_desktop.sponsor.operations import SIGNING_KEY_FILE, load_identities
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
    for c in ready:
        try:
            r = importer.import_bundle(session.store, c.path, identities, user=session.username, limits=limits,
                                       container=c)
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
OVERVIEW_EXTRAS: list = []


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
    verified: int  # of which SDV'd as they are now

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
        "WHERE r.deleted = 0 GROUP BY r.site_uuid, r.subject_uuid")}
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


# -- data review: one subject's casebook -----------------------------------------------------
@dataclass(frozen=True)
class QueryLine:
    uuid: str
    record_table: str
    record_uuid: str
    field: str
    status: str
    text: str
    followup: str
    answer: str
    raised_by: str
    raised_at: str


@dataclass(frozen=True)
class CaseRecord:
    table: str
    uuid: str
    visit_code: str
    when: str
    fields: tuple[tuple[str, str, str], ...]  # (column, English label, value)
    sdv: bool
    sdv_by: str
    queries: tuple[QueryLine, ...]
    detail: str = ""  # e.g. the SELENA-SLEDAI descriptors present and the derived outcomes


@dataclass(frozen=True)
class SignatureLine:
    record_table: str
    record_uuid: str
    meaning: str
    signer: str
    signed_at: str
    valid: bool
    note: str  # "valid" (the record is as signed), "changed" (since signed), "invalidated" (at the site), "missing"
    reason: str = ""  # the site's reason when it invalidated the signature


@dataclass(frozen=True)
class AuditLine:
    seq: int
    at_utc: str
    user: str
    table: str
    field: str
    old: str
    new: str
    reason: str


@dataclass(frozen=True)
class Casebook:
    site_code: str
    subject_uuid: str
    subject_key: str
    arm: str
    status: str
    records: tuple[CaseRecord, ...]
    signatures: tuple[SignatureLine, ...]
    audit: tuple[AuditLine, ...]
    queries: tuple[QueryLine, ...] = field(default=())


_CASEBOOK_TABLES = ("subjects", "consents", "screenings", "visits", "sledai_assessments", "labs", "adverse_events",
                    "infusions", "con_meds", "deviations")
_HIDDEN = {"uuid", "change_seq", "subject_uuid", "visit_uuid", "sources", "created_by", "updated_by", "created_at"}
_CODES = {d.code for d in sledai.DESCRIPTORS}


def _query_line(q: dict) -> QueryLine:
    return QueryLine(q["uuid"], q["record_table"], q["record_uuid"], q["field"], q["status"], q["text"],
                     q.get("followup") or "", q.get("answer") or "", q["raised_by"], q["raised_at"])


def _sledai_detail(row: dict, baseline: dict | None) -> str:
    present = [d.label for d in sledai.DESCRIPTORS if row.get(d.code) in (1, True, "1")]
    parts = [f"SLEDAI {row.get('score')} (renal {row.get('renal_score')}), PGA {row.get('pga')}"]
    parts.append("descriptors: " + (", ".join(present) if present else "none"))
    if row.get("flare"):
        parts.append(f"flare: {row['flare']}")
    if baseline is not None and baseline is not row:
        try:
            sri = outcomes.sri4_without_bilag(int(baseline["score"]), int(row["score"]), float(baseline["pga"]),
                                              float(row["pga"]))
            parts.append(f"SRI-4 (without BILAG) vs baseline: {'yes' if sri else 'no'}")
        except (KeyError, TypeError, ValueError):
            pass
    return "; ".join(parts)


def casebook(session: SponsorSession, subject_uuid: str, site_code: str | None = None) -> Casebook:
    """One subject's casebook: every form by visit, with SDV marks, queries, signatures and the audit trail.

    `site_code` picks the site when two sites used the same subject UUID (UUIDs are unique within a site)."""
    session.require("view")
    store = session.store
    found = store.query("SELECT r.site_uuid, r.data, s.code FROM records r JOIN sites s ON s.site_uuid = r.site_uuid "
                        "WHERE r.tbl = 'subjects' AND r.uuid = ?", (subject_uuid,))
    found = [f for f in found if site_code is None or f["code"] == site_code]
    if not found:
        raise NotFound(msg("No subject {id} at the sponsor.", id=subject_uuid))
    if len(found) > 1:
        raise ValidationError({"site": msg("Two sites have a subject {id}; choose the site.", id=subject_uuid)})
    subj = found[0]
    sdata = json.loads(subj["data"])
    rows = store.query("SELECT tbl, uuid, data, change_seq FROM records WHERE site_uuid = ? AND deleted = 0 AND "
                       "(uuid = ? OR subject_uuid = ?) ORDER BY change_seq", (subj["site_uuid"], subject_uuid, subject_uuid))
    by_uuid = {r["uuid"]: (r["tbl"], json.loads(r["data"]), r["change_seq"]) for r in rows}
    visit_code = {u: d.get("visit_code") for u, (t, d, _c) in by_uuid.items() if t == "visits"}
    visit_date = {u: d.get("visit_date") for u, (t, d, _c) in by_uuid.items() if t == "visits"}
    marks = {(m["record_table"], m["record_uuid"]): m for m in store.query(
        "SELECT record_table, record_uuid, change_seq, monitor FROM sdv_marks WHERE site_uuid = ?",
        (subj["site_uuid"],))}
    qs = [_query_line(q) for q in store.query("SELECT * FROM queries WHERE site_uuid = ? AND subject_uuid = ? "
                                             "ORDER BY raised_at", (subj["site_uuid"], subject_uuid))]
    baseline = None
    for _u, (t, d, _c) in by_uuid.items():
        if t == "sledai_assessments" and visit_code.get(d.get("visit_uuid")) == "baseline":
            baseline = d
    order = {t: i for i, t in enumerate(_CASEBOOK_TABLES)}
    records = []
    for uuid, (table, data, change_seq) in by_uuid.items():
        if table not in order:
            continue
        vu = uuid if table == "visits" else data.get("visit_uuid")
        when = data.get("visit_date") or data.get("sample_date") or data.get("onset_date") or \
            data.get("infusion_date") or data.get("consent_date") or visit_date.get(vu) or ""
        fields = tuple((k, metadata.column_info(table, k)[1], "" if v is None else str(v)) for k, v in data.items()
                       if k not in _HIDDEN and not (table == "sledai_assessments" and k in _CODES))
        mark = marks.get((table, uuid))
        current = mark is not None and mark["change_seq"] == change_seq
        detail = _sledai_detail(data, baseline) if table == "sledai_assessments" else ""
        records.append(CaseRecord(table, uuid, visit_code.get(vu) or "", str(when), fields, current,
                                  mark["monitor"] if current else "",
                                  tuple(q for q in qs if q.record_uuid == uuid), detail))
    records.sort(key=lambda r: (order[r.table], r.when, r.uuid))
    sigs = []
    for table, d, _c in by_uuid.values():
        if table != "signatures":
            continue
        target = by_uuid.get(d.get("record_uuid"))
        same = target is not None and sponsor_returns.content_hash_of(target[0], target[1]) == d.get("content_hash")
        valid = same and not d.get("invalidated_at")
        if d.get("invalidated_at"):
            note = "invalidated"
        elif target is None:
            note = "missing"
        elif not same:
            note = "changed"
        else:
            note = "valid"
        sigs.append(SignatureLine(d.get("record_table") or "", d.get("record_uuid") or "", d.get("meaning") or "",
                                  d.get("signer_name") or d.get("signer") or "", d.get("signed_at") or "", valid,
                                  note, d.get("invalidated_reason") or ""))
    ids = list(by_uuid)
    trail = []
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        trail += store.query('SELECT seq, at_utc, "user", "table", field, old, new, reason FROM audit WHERE '
                             f"site_uuid = ? AND row_id IN ({', '.join('?' for _ in chunk)})",
                             (subj["site_uuid"], *chunk))
    trail.sort(key=lambda a: a["seq"])
    audit = tuple(AuditLine(a["seq"], a["at_utc"], a["user"], a["table"], a["field"], a["old"] or "", a["new"] or "",
                            a["reason"] or "") for a in trail)
    return Casebook(subj["code"], subject_uuid, sdata.get("subject_id") or sdata.get("screening_number") or "",
                    sdata.get("arm") or "", sdata.get("status") or "", tuple(records), tuple(sigs), audit, tuple(qs))


# -- data review: queries, SDV, the return bundle --------------------------------------------
def _site_code_of(store, record_table: str, record_uuid: str, site_code: str | None) -> str:
    if site_code:
        return site_code
    rows = store.query("SELECT s.code FROM records r JOIN sites s ON s.site_uuid = r.site_uuid "
                       "WHERE r.tbl = ? AND r.uuid = ?", (record_table, record_uuid))
    if not rows:
        raise NotFound(msg("No {table} record {uuid} at the sponsor.", table=record_table, uuid=record_uuid))
    if len(rows) > 1:
        raise ValidationError({"site": msg("Two sites have a record {uuid}; choose the site.", uuid=record_uuid)})
    return rows[0]["code"]


def raise_query(session: SponsorSession, record_table: str, record_uuid: str, field_name: str, text: str, *,
                site_code: str | None = None) -> QueryLine:
    """Raise a query on one value of a record (as the logged-in user)."""
    session.require("query")
    code = _site_code_of(session.store, record_table, record_uuid, site_code)
    q = sponsor_returns.raise_query(session.store, site_code=code, table=record_table, field=field_name, text=text,
                                    user=session.username, record_uuid=record_uuid)
    return _query_line(q)


def close_query(session: SponsorSession, query_uuid: str, reason: str | None = None) -> QueryLine:
    session.require("query")
    return _query_line(sponsor_returns.close_query(session.store, query_uuid, user=session.username, reason=reason))


def reopen_query(session: SponsorSession, query_uuid: str, text: str) -> QueryLine:
    session.require("query")
    return _query_line(sponsor_returns.reopen_query(session.store, query_uuid, user=session.username, text=text))


def mark_sdv(session: SponsorSession, record_table: str, record_uuid: str, *, site_code: str | None = None) -> str:
    """Mark a record source-data-verified as it is now; returns the monitor recorded."""
    session.require("sdv")
    code = _site_code_of(session.store, record_table, record_uuid, site_code)
    m = sponsor_returns.mark_sdv(session.store, site_code=code, record_uuid=record_uuid, table=record_table,
                                 user=session.username)
    return m["monitor"]


def write_return_bundle(session: SponsorSession, site_code: str, out_dir, key_dir) -> sponsor_returns.ReturnWritten:
    """Write the next return bundle for a site (acknowledgements, queries, SDV marks), signed with
    KEY_DIR/sponsor-signing.key."""
    from sle_desktop.sponsor.queries import load_signing_key

    session.require("return_bundle")
    signing = load_signing_key(Path(key_dir) / SIGNING_KEY_FILE)
    return sponsor_returns.write_return_bundle(session.store, site_code=site_code, signing_key=signing,
                                               out_dir=out_dir, user=session.username)


# -- safety ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class SaeLine:
    site_code: str
    subject_key: str
    term: str
    grade: str
    relationship: str
    aware_at: str
    received_at: str
    hours: str
    within_24h: bool | None


@dataclass(frozen=True)
class EndpointLine:
    arm: str
    subjects: int
    with_reaction: int
    without_reaction: int


@dataclass(frozen=True)
class SafetySummary:
    saes: tuple[SaeLine, ...]
    ae_counts: tuple[tuple[str, int, str, int], ...]  # (arm, grade, relationship, count)
    endpoint: tuple[EndpointLine, ...]


def safety_summary(session: SponsorSession) -> SafetySummary:
    """The SAE listing with 24 h compliance, AEs by arm, grade and relationship, the month-1 endpoint per arm."""
    session.require("view")
    store = session.store
    saes = []
    for r in tabular.sae_rows(store):
        aware, received = _parse_dt(r["aware_at"]), _parse_dt(r["received_by_sponsor_at"])
        within = None if aware is None or received is None else received <= safety.sae_deadline(aware)
        saes.append(SaeLine(r["site_code"], r["subject_key"], r["term"] or "", str(r["grade"] or ""),
                            r["relationship"] or "", r["aware_at"] or "", r["received_by_sponsor_at"] or "",
                            r["hours_from_awareness_to_sponsor"], within))
    recs = _records(store, ("subjects", "adverse_events", "infusions"))
    arm_of = {(su, uuid): d.get("arm") or "" for su, uuid, d, _r in recs["subjects"]}  # UUIDs unique within a site
    counts: Counter = Counter()
    aes_of: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for su, _u, d, _r in recs["adverse_events"]:
        counts[(arm_of.get((su, d.get("subject_uuid")), ""), int(d.get("grade") or 0), d.get("relationship") or "")] += 1
        aes_of[(su, d.get("subject_uuid"))].append(d)
    infusions: dict[tuple[str, str], list[date]] = defaultdict(list)
    for su, _u, d, _r in recs["infusions"]:
        day = _parse_date(d.get("infusion_date"))
        if day:
            infusions[(su, d.get("subject_uuid"))].append(day)
    per_arm: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for su, uuid, d, _r in recs["subjects"]:
        if not d.get("arm") or d.get("status") not in ("enrolled", "completed", "withdrawn"):
            continue
        aes = [{"onset_date": _parse_date(a.get("onset_date")), "relationship": a.get("relationship")}
               for a in aes_of.get((su, uuid), []) if a.get("relationship") in (None, *safety.RELATIONSHIPS)]
        reaction = bool(safety.adverse_reactions(infusions.get((su, uuid), []), aes))
        per_arm[d["arm"]][0] += 1
        per_arm[d["arm"]][1] += int(reaction)
    endpoint = tuple(EndpointLine(arm, n, k, n - k) for arm, (n, k) in sorted(per_arm.items()))
    return SafetySummary(tuple(saes), tuple((a, g, rel, n) for (a, g, rel), n in sorted(counts.items())), endpoint)


# -- reports ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Reports:
    enrolment: tuple[tuple[str, str, str, int], ...]  # (month YYYY-MM, site, arm, subjects enrolled that month)
    query_ageing: tuple[tuple[str, tuple[int, ...]], ...]  # (site, open queries per QUERY_AGE_BUCKETS)
    missing_forms: tuple[tuple[str, str, int, int], ...]  # (visit code, form, visits on file, visits without it)
    sites: tuple[str, ...]


_VISIT_FORMS = ("sledai_assessments", "labs")


def reports(session: SponsorSession, *, site: str | None = None) -> Reports:
    """Enrolment over time by site and arm, query ageing per site, missing forms per visit (optionally one site)."""
    session.require("view")
    store = session.store
    codes = {r["site_uuid"]: r["code"] for r in store.query("SELECT site_uuid, code FROM sites ORDER BY code")}
    recs = _records(store, ("subjects", "visits", *_VISIT_FORMS))
    enrol: Counter = Counter()
    for su, _u, d, _r in recs["subjects"]:
        if site and codes.get(su) != site:
            continue
        day = d.get("baseline_date") or (d.get("arm_assigned_at") or "")[:10]
        if d.get("arm") and day:
            enrol[(day[:7], codes.get(su, "?"), d["arm"])] += 1
    has: dict[str, set[tuple[str, str]]] = defaultdict(set)  # (site, visit): UUIDs are unique within a site
    for t in _VISIT_FORMS:
        for su, _u, d, _r in recs[t]:
            if d.get("visit_uuid"):
                has[t].add((su, d["visit_uuid"]))
    missing: Counter = Counter()
    on_file: Counter = Counter()
    for su, uuid, d, _r in recs["visits"]:
        if site and codes.get(su) != site:
            continue
        code = d.get("visit_code") or ""
        if code == "screening":
            continue
        on_file[code] += 1
        for t in _VISIT_FORMS:
            if (su, uuid) not in has[t]:
                missing[(code, t)] += 1
    overview = sites_overview(session)
    ageing = tuple((o.code, o.open_queries_by_age) for o in overview if not site or o.code == site)
    miss = tuple((v, t, on_file[v], missing[(v, t)]) for v in sorted(on_file) for t in _VISIT_FORMS)
    return Reports(tuple((m, s, a, n) for (m, s, a), n in sorted(enrol.items())), ageing, miss, tuple(codes.values()))


def trend_points(session: SponsorSession, *, site: str | None = None) -> tuple[tuple[str, int, float, int], ...]:
    """The cohort's SELENA-SLEDAI over study days: (arm, study day, score, count) for the cohort trend plot."""
    session.require("view")
    store = session.store
    codes = {r["site_uuid"]: r["code"] for r in store.query("SELECT site_uuid, code FROM sites")}
    recs = _records(store, ("subjects", "visits", "sledai_assessments"))
    subj = {(s, u): d for s, u, d, _r in recs["subjects"] if not site or codes.get(s) == site}
    visits = {(s, u): d for s, u, d, _r in recs["visits"]}
    acc: dict[tuple[str, int], list[int]] = defaultdict(list)
    for su, _u, d, _r in recs["sledai_assessments"]:
        s = subj.get((su, d.get("subject_uuid")))
        v = visits.get((su, d.get("visit_uuid")))
        if not s or not v or not s.get("arm"):
            continue
        day0, on = _parse_date(s.get("baseline_date")), _parse_date(v.get("visit_date"))
        if day0 is None or on is None:
            continue
        # bin by the visit's nominal day so every subject's month-3 lands together
        acc[(s["arm"], int(round(schedule.study_day(day0, on) / 30.0) * 30))].append(int(d.get("score") or 0))
    return tuple((arm, day, sum(v) / len(v), len(v)) for (arm, day), v in sorted(acc.items()))


# -- exports ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class ExportDone:
    kind: str
    path: str
    summary: str


def export(session: SponsorSession, kind: str, out, *, report=None, lang: str = "en") -> ExportDone:
    """Write an export: "odm" (ODM 1.3.2 Snapshot), "odm_audit" (Transactional history), "csv" (a folder) or
    "stats" (SPSS/Stata/SAS datasets in a folder). `report(done, total)` at start and end."""
    session.require("export")
    if kind not in ("odm", "odm_audit", "csv", "stats"):
        raise ValidationError({"kind": msg("Unknown export {kind}.", kind=kind)})
    if report is not None:
        report(0, 1)
    store = session.store
    if kind in ("odm", "odm_audit"):
        r = odm.write_odm(store, out, audit=kind == "odm_audit")
        summary = f"{r.sites} site(s), {r.subjects} subjects, {r.forms} forms, {r.items} items"
    elif kind == "csv":
        r = tabular.write_csv(store, out)
        summary = f"{len(r.files)} CSV files, {r.rows} records"
    else:
        from sle_desktop.sponsor import stats

        r = stats.write_stats(store, out, lang=lang)
        summary = f"{r.datasets} datasets, {r.rows} records"
    if report is not None:
        report(1, 1)
    return ExportDone(kind, str(out), summary)
