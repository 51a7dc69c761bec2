"""Sponsor import of bundles: verify, decrypt, check continuity and the audit chain, apply in one transaction.

Order of checks (each failure raises BundleRejected with a plain message; nothing is written):
 1. size and container (before anything is decrypted): oversized, truncated, not a bundle
 2. the site is registered; the Ed25519 signature over the manifest verifies with its key;
    the encrypted member matches the signed hash (tampering)
 3. bundle sequence: the same bundle again = "already imported" (no change, not an error);
    a different bundle with an old number = replay/conflict; a later number = gap
    ("missing bundle N"); the previous-bundle hash links to the last imported bundle
 4. decryption with the sponsor's identity (wrong recipient)
 5. inside one transaction: payload within limits, header matches the manifest, audit rows
    continue the stored chain (`store.audit.verify_rows`; the broken row is named), rows
    already held are identical, every record's last change has its audit row and its
    values agree with its audit trail; then sites/bundles/records/audit are updated.
 6. one site touches only its own data: the header lists only columns of the site schema and
    each record has exactly its table's columns; subject IDs carry the site's prefix; every
    reference (subject, visit, AE, infusion, signed or queried record) is to a record of the
    same site, a record's visit belongs to its subject, no subject or visit takes another
    site's UUID; created_by/updated_by agree with the audit trail. Records are keyed by
    (site, table, uuid), so UUIDs are scoped per site.

When several bundles are imported, a helper process (`prefetch`) may already have decrypted and parsed the next
ones, and done the checks that need nothing from the database (steps 5 and 6 line by line: `read_ahead`); what it
found is replayed where these steps would have found it, so the checks, their order and their messages are the
same.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import json
import operator
import re
import sys
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sle_desktop.sponsor import db as sponsor_store
from sle_desktop.sponsor import prefetch, trail
from sle_desktop.sponsor import returns as sponsor_returns
from sle_desktop.sponsor.trail import site_schema
from sle_desktop.store import audit as audit_mod
from sle_desktop.store import esign
from sle_desktop.store.records import CASEBOOK, CASEBOOK_TABLES, CLINICAL_TABLES, casebook_hash_of, row_content_hash
from sle_desktop.sync import bundle
from sle_desktop.sync.errors import BundleRejected, SyncError

_COLUMN_RE = re.compile(r"^[a-z_][a-z0-9_]{0,63}$")
_MAX_COLUMNS = 300
_RECORD_COLUMNS = ("tbl", "uuid", "site_uuid", "subject_uuid", "visit_uuid", "change_seq", "deleted", "data",
                   "first_bundle_seq", "last_bundle_seq", "received_at", "updated_at")
_INSERT_RECORD = f"INSERT INTO records ({', '.join(_RECORD_COLUMNS)}) VALUES ({', '.join('?' * len(_RECORD_COLUMNS))})"
_AUDIT_COLUMNS = ("site_uuid", "seq", "at_utc", "at_local", "user", "table", "row_id", "field", "old", "new", "reason",
                  "prev_hash", "hash", "bundle_seq")
_ROW_BATCH = 2000  # records per batch insert (a first bundle is nearly all new records)
_TRAIL_BATCH = 500  # records whose stored audit trail is read in one query
_AUDIT_KEYS = set(audit_mod.AUDIT_FIELDS) | {"hash"}
# columns that point at another record of the same site: column -> the table it points into
# (record_uuid points into the table named by record_table)
_REFERENCES = {"subject_uuid": "subjects", "visit_uuid": "visits", "reaction_ae_uuid": "adverse_events",
               "infusion_uuid": "infusions"}
_PREFIXED = ("subject_id", "screening_number")  # subject identifiers start with the site code and a hyphen


@dataclass(frozen=True)
class ImportResult:
    """Outcome of importing one bundle."""

    path: Path
    site_code: str
    bundle_seq: int
    status: str  # "imported" or "already_imported"
    from_seq: int
    to_seq: int
    records_added: int = 0
    records_updated: int = 0
    audit_added: int = 0
    message: str = ""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


_SCALAR_TYPES = frozenset((str, int, float, bool, type(None)))
_AUDIT_OPTIONAL = ("old", "new", "reason")
_AUDIT_TEXT = tuple(sorted(_AUDIT_KEYS - {"seq", *_AUDIT_OPTIONAL}))
_audit_text = operator.itemgetter(*_AUDIT_TEXT)


def check_sequence(store, container: bundle.Container, site: dict) -> ImportResult | None:
    """Sequence and chain-link checks against the stored state; an ImportResult when already imported."""
    m = container.manifest
    name = container.path.name
    seq, code = m["bundle_seq"], site["code"]
    last = site["last_bundle_seq"]
    if seq <= last:
        prior = store.query_one("SELECT bundle_hash, imported_at FROM bundles WHERE site_uuid = ? AND bundle_seq = ?",
                                (site["site_uuid"], seq))
        if prior and prior["bundle_hash"] == container.bundle_hash:
            older = f" (older than the latest, bundle {last})" if seq < last else ""
            return ImportResult(container.path, code, seq, "already_imported", m["from_seq"], m["to_seq"],
                                message=f"{name}: bundle {seq} of site {code}{older} was already imported on "
                                        f"{prior['imported_at']}; nothing changed.")
        when = f" on {prior['imported_at']}" if prior else ""
        raise BundleRejected(
            f"{name} claims to be bundle {seq} of site {code}, but a different bundle {seq} was imported{when}. "
            "It is a replay of an old or altered export (for example the site database was restored from a backup); "
            "it was refused. Contact the site.", reason="conflict")
    if seq > last + 1:
        raise BundleRejected(
            f"{name} is bundle {seq} of site {code}, but bundle {last + 1} has not been imported yet (missing bundle "
            f"{last + 1}). Import bundle {last + 1} first, then this one; nothing was changed.", reason="gap")
    if m["prev_bundle_hash"] != site["last_bundle_hash"]:
        raise BundleRejected(
            f"{name} (bundle {seq} of site {code}) does not follow the last bundle imported from that site (its "
            "previous-bundle hash differs). The site may have been restored from a backup; it was refused.",
            reason="conflict")
    head = site["head_seq"]
    if m["from_seq"] > head:
        raise BundleRejected(
            f"{name} starts after change {m['from_seq']} but only changes up to {head} of site {code} have been "
            f"received: changes {head + 1}–{m['from_seq']} are missing. Ask the site to export again from change {head}.",
            reason="gap")
    if m["from_seq"] == 0:
        start = audit_mod.GENESIS_HASH
    else:
        start = store.scalar("SELECT hash FROM audit WHERE site_uuid = ? AND seq = ?", (site["site_uuid"], m["from_seq"]))
    if start != m["chain_start_hash"]:
        raise BundleRejected(
            f"{name}: the site's audit trail at change {m['from_seq']} differs from the one received before. "
            "The site's audit trail was altered; the bundle was refused.", reason="chain")
    return None


class _SwitchingOften:
    """The interpreter handing its lock between threads every SWITCH_INTERVAL seconds while any import's writer
    thread runs, instead of every 5 ms: the writer gives the lock up whenever the server's socket is full and
    needs it back as soon as the server has read, and while the parsing held it the server waited up to 5 ms
    each time with nothing to store (three bundles of ~4 200 rows on PostgreSQL in a busy hour: 392 → 357 ms,
    medians of thirty alternating runs; in a quiet hour no change). The previous interval is restored when the
    last writer ends."""

    SWITCH_INTERVAL = 0.0005

    def __init__(self):
        self._lock = threading.Lock()
        self._users = 0
        self._previous = 0.005

    def enter(self) -> None:
        with self._lock:
            if self._users == 0:
                self._previous = sys.getswitchinterval()
                sys.setswitchinterval(min(self._previous, self.SWITCH_INTERVAL))
            self._users += 1

    def leave(self) -> None:
        with self._lock:
            self._users -= 1
            if self._users == 0:
                sys.setswitchinterval(self._previous)


_switching_often = _SwitchingOften()


class _WriteBehind:
    """The database writes of an import, run in order on one helper thread on PostgreSQL, so that the server stores
    one batch while this process parses the next (the server's work and the parsing then share the two cores
    instead of taking turns); inline on SQLite, whose writes hold the interpreter. Every use of the connection
    outside the helper calls `wait` first."""

    _AHEAD = 2  # batches in flight at most (bounds the memory the parsing can run ahead with)

    def __init__(self, behind: bool):
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="sponsor-import-write") if behind else None
        self._pending: list[Future] = []
        if behind:
            _switching_often.enter()

    @property
    def behind(self) -> bool:
        return self._pool is not None

    def submit(self, write, *args) -> None:
        if self._pool is None:
            write(*args)
            return
        while len(self._pending) >= self._AHEAD:
            self._pending.pop(0).result()
        self._pending.append(self._pool.submit(write, *args))

    def wait(self) -> None:
        """Every write submitted is done; the first failure among them is raised."""
        while self._pending:
            self._pending.pop(0).result()

    def close(self) -> None:
        """Let the writes in flight end (their errors already raised or superseded) before the caller's rollback."""
        if self._pool is not None:
            for future in self._pending:
                future.exception()
            self._pending = []
            self._pool.shutdown(wait=True)
            self._pool = None
            _switching_often.leave()


class _Apply:
    """Applies one decrypted payload inside the caller's transaction."""

    def __init__(self, store, container: bundle.Container, site: dict, limits: bundle.Limits, user: str,
                 writer: _WriteBehind | None = None, while_storing=None):
        self.store, self.c, self.site, self.limits, self.user = store, container, site, limits, user
        self.while_storing = while_storing
        self.m = container.manifest
        self.name = container.path.name
        self.site_uuid = site["site_uuid"]
        self.added = self.updated = 0
        self.rows_seen = 0
        # records stored or found unchanged: (table, uuid, subject, canonical JSON, the record or None: `record`)
        self.touched: list[tuple[str, str, str | None, str, dict | None]] = []
        self.pending: list[tuple] = []  # records read but not yet written (see flush_rows)
        self.new_audit: list[dict] = []
        self.new_hashes: list[str | None] = []  # their hashes when the helper computed them (`prefetch`)
        self.known_checks: list | None = None  # per record, `trail.problem` as the helper found it, or UNCHECKED
        self.chain: audit_mod.ChainCheck | None = None  # the new audit rows' chain, as the helper checked it
        self.audit_written = 0  # new_audit[:audit_written] handed to the writer
        self.writer = writer or _WriteBehind(store.dialect == "postgresql")
        # (table, record) of every record line read here, in order, where the records' checks can be made while the
        # writer stores them (`finish_audit`)
        self.records: list[tuple[str, dict]] | None = [] if self.writer.behind else None
        self.next_audit_seq = self.m["from_seq"] + 1
        self.now = _now()
        self.keys_ok: set[str] = set()  # record field names already checked against _COLUMN_RE
        self.columns: dict[str, frozenset[str]] = {}  # the columns the header declares for each table
        self.pointing: dict[str, list[tuple[str, str]]] = {}  # per table: (column, table it points at)
        self.references: dict[tuple[str, str], tuple[str, str, str]] = {}  # (table, uuid) -> a record pointing at it
        self.visit_of: dict[tuple[str, str], str] = {}  # (table, uuid) -> visit it names, when it names a subject too

    def reject(self, message: str, reason: str = "malformed") -> BundleRejected:
        return BundleRejected(f"{self.name}: {message}", reason=reason)

    def run(self, compressed: bytes | None, prepared: prefetch.Prepared | None = None) -> None:
        """Apply the payload: decompressed and parsed here from `compressed`, or as the helper `prepared` it (read
        through already, `read_ahead`, when it could be)."""
        try:
            if prepared is not None and prepared.read is not None:
                self.adopt(prepared)
            else:
                self.read(self._lines(compressed, prepared))
            self.write_audit()
            self.finish_audit()
            self.check_demo()
            self.check_references()
            self.check_records()
            self.check_signatures()
            self.update_site()
        finally:
            self.writer.close()

    def _lines(self, compressed: bytes | None, prepared: prefetch.Prepared | None):
        """(payload line, its canonical JSON or audit hash when already computed) in order; the payload reader's
        refusal raised where it met it."""
        if prepared is None:
            yield from bundle.iter_payload_lines(compressed, self.m, self.limits, name=self.name)
            return
        self.known_checks = prepared.record_checks
        yield from prepared.lines
        if prepared.error is not None:
            raise prepared.refusal()

    def start(self, first: dict | None) -> None:
        if first is None or first.get("type") != "header":
            raise self.reject("the payload does not start with its header.")
        self.header(first)

    def read(self, lines) -> None:
        """Every line of the payload checked on its own and against the lines before it, up to its end line; the
        records and the new audit rows handed to the writer as they come."""
        first, _ = next(lines, (None, None))
        self.start(first)
        phase = "rows"
        ended = False
        for obj, known in lines:
            if ended:
                raise self.reject("there is data after the payload's end line.")
            kind = obj["type"]
            if kind == "row" and phase == "rows":
                self.row(obj, known)
            elif kind == "audit" and phase in ("rows", "audit"):
                if phase == "rows":
                    self.flush_rows()
                phase = "audit"
                self.audit_row(obj, known)
            elif kind == "end":
                self.flush_rows()
                self.end(obj)
                ended = True
            else:
                raise self.reject(f"unexpected payload line of type {kind[:30]!r}.")
        if not ended:
            raise self.reject("the payload has no end line (truncated).", "truncated")

    def adopt(self, prepared: prefetch.Prepared) -> None:
        """`read` as the helper did it (`read_ahead`): the header checked and stored here, then the helper's first
        refusal raised, or the records and new audit rows it read handed to the writer."""
        read = prepared.read
        self.start(prepared.lines[0][0] if prepared.lines else None)
        if read.refusal is not None:
            raise prefetch.refusal_of(read.refusal)
        for batch in read.batches:
            self.writer.submit(self.write_rows, batch)
        self.rows_seen, self.next_audit_seq = read.rows_seen, read.next_audit_seq
        self.new_audit, self.chain = _AuditValues(read.audit_values), read.chain
        self.references, self.visit_of = read.references, read.visit_of
        self.known_checks = read.record_checks
        for start in range(0, len(read.audit_values), _ROW_BATCH):
            self.writer.submit(self.store_audit, read.audit_values[start:start + _ROW_BATCH])
        self.audit_written = len(self.new_audit)

    def header(self, h: dict) -> None:
        m = self.m
        for key in ("site_uuid", "bundle_seq", "from_seq", "to_seq", "study_id", "study_version"):
            if h.get(key) != m[key] or type(h.get(key)) is not type(m[key]):
                raise self.reject(f"the payload header does not match the signed manifest ({key}).", "inconsistent")
        if h.get("format") != bundle.PAYLOAD_FORMAT or h.get("version") != 1:
            raise self.reject("the payload is not in a format this program reads.")
        tables = h.get("tables")
        if not isinstance(tables, dict) or len(tables) > len(CLINICAL_TABLES):
            raise self.reject("the payload header has no valid table list.")
        columns = []
        schema = site_schema()
        for table, cols in tables.items():
            if table not in CLINICAL_TABLES or not isinstance(cols, list) or len(cols) > _MAX_COLUMNS:
                raise self.reject(f"the payload header lists an unknown table {str(table)[:40]!r}.")
            names: set[str] = set()
            for position, col in enumerate(cols):
                if not (isinstance(col, list) and len(col) == 2 and isinstance(col[0], str) and isinstance(col[1], str)
                        and _COLUMN_RE.match(col[0]) and len(col[1]) <= 40):
                    raise self.reject(f"the payload header has an invalid column for {table}.")
                if col[0] in names:
                    raise self.reject(f"the payload header lists the {table} column {col[0]!r} twice.")
                names.add(col[0])
                if col[0] not in schema[table]:
                    raise self.reject(f"the payload header gives {table} a column {col[0]!r} that the {table} form "
                                      "does not have; the bundle was refused.", "inconsistent")
                columns.append((self.site_uuid, table, position, col[0], col[1].upper()))
            self.columns[table] = frozenset(names)
        self.store_columns(columns)

    def store_columns(self, columns: list[tuple]) -> None:
        """The header's columns as the site_columns of the site (rewritten only when they changed)."""
        stored = self.store.conn.execute("SELECT site_uuid, tbl, position, name, decl_type FROM site_columns "
                                         "WHERE site_uuid = ? ORDER BY tbl, position", (self.site_uuid,)).fetchall()
        if sorted(map(tuple, stored)) != sorted(columns):  # as the last bundle described them: nothing to write
            conn = self.store.conn
            if stored:
                conn.execute("DELETE FROM site_columns WHERE site_uuid = ?", (self.site_uuid,))
            # one COPY on PostgreSQL, not a round trip per column (~200: 30 ms a bundle at 100 sites)
            conn.copy_rows("site_columns", ("site_uuid", "tbl", "position", "name", "decl_type"), columns)

    def row(self, obj: dict, canonical: str | None = None) -> None:
        table, row = obj.get("table"), obj.get("row")
        if table not in CLINICAL_TABLES or not isinstance(row, dict) or len(row) > _MAX_COLUMNS:
            raise self.reject(f"a record line names an unknown table {str(table)[:40]!r} or has no record.")
        # every value a scalar (parsed JSON holds exact types only; a string is no longer than its line, which the
        # payload reader already bounds; it gives the canonical JSON of a record of scalars only) and every field name
        # valid, each name checked once: set operations in C
        if canonical is None and not _SCALAR_TYPES.issuperset(map(type, row.values())):
            bad = next(k for k, v in row.items() if type(v) not in _SCALAR_TYPES)
            raise self.reject(f"a {table} record has an invalid field {bad[:40]!r}.")
        keys_ok = self.keys_ok
        if not keys_ok.issuperset(row):
            for k in row:
                if k not in keys_ok and not _COLUMN_RE.match(k):
                    raise self.reject(f"a {table} record has an invalid field {k[:40]!r}.")
            keys_ok.update(row)
        uuid, change_seq = row.get("uuid"), row.get("change_seq")
        if not isinstance(uuid, str) or not 8 <= len(uuid) <= 64:
            raise self.reject(f"a {table} record has no valid uuid.")
        if isinstance(change_seq, bool) or not isinstance(change_seq, int) or \
                not self.m["from_seq"] < change_seq <= self.m["to_seq"]:
            raise self.reject(f"{table} record {uuid} has a change number outside the bundle's range.", "inconsistent")
        subject = uuid if table == "subjects" else row.get("subject_uuid")
        visit = row.get("visit_uuid") if table != "visits" else uuid
        if not (subject is None or isinstance(subject, str)) or not (visit is None or isinstance(visit, str)):
            raise self.reject(f"{table} record {uuid} has an invalid subject or visit reference.")
        self.check_own_site(table, uuid, row)
        self.rows_seen += 1
        self.pending.append((table, uuid, subject, visit, change_seq, int(bool(row.get("deleted"))),
                             audit_mod.canonical_json(row) if canonical is None else canonical, row))
        if len(self.pending) >= _ROW_BATCH:
            self.flush_rows()

    def check_own_site(self, table: str, uuid: str, row: dict) -> None:
        """The record has exactly its form's columns, its subject identifiers carry the site's prefix, and the
        records it points at are noted (checked against this site's records by `check_references`)."""
        declared = self.columns.get(table)
        if declared is None or declared != row.keys():
            extra = sorted(set(row) - (declared or set()))
            missing = sorted((declared or set()) - set(row))
            what = f"extra column(s) {', '.join(extra)[:80]}" if extra else f"no column(s) {', '.join(missing)[:80]}"
            raise self.reject(f"{table} record {uuid} does not have the columns of its form ({what}); the bundle "
                              "was refused.", "inconsistent")
        code = self.site["code"]
        if table == "subjects":
            for key in _PREFIXED:
                value = row.get(key)
                if value is not None and not (isinstance(value, str) and value.startswith(code + "-")):
                    raise self.reject(f"subject record {uuid}: {key} {str(value)[:30]!r} is not an identifier of site "
                                      f"{code} (it must start with {code}-); the bundle was refused.", "foreign")
        pointing = self.pointing.get(table)
        if pointing is None:  # the columns of the table's form that point at other records (its own uuid aside)
            pointing = self.pointing[table] = [
                (column, target) for column, target in _REFERENCES.items() if column in declared
                and not (table == "subjects" and column == "subject_uuid")
                and not (table == "visits" and column == "visit_uuid")]
        refs = [(column, target, row[column]) for column, target in pointing]
        if "record_uuid" in row:
            # a casebook sign-off points at the subject whose whole casebook it signs
            target = "subjects" if row.get("record_table") == CASEBOOK else row.get("record_table")
            refs.append(("record_uuid", target, row.get("record_uuid")))
        for column, target, value in refs:
            if value is None:
                continue
            if not isinstance(value, str) or target not in CLINICAL_TABLES:
                raise self.reject(f"{table} record {uuid} has an invalid {column}.")
            self.references.setdefault((target, value), (table, uuid, column))
        if table != "visits" and isinstance(row.get("visit_uuid"), str) and isinstance(row.get("subject_uuid"), str):
            self.visit_of[(table, uuid)] = row["visit_uuid"]

    def check_references(self) -> None:
        """Every record points only at subjects, visits and records of its own site, and a record naming both a
        subject and a visit names that subject's visit."""
        held = {(t, u): subject for t, u, subject, _data, _row in self.touched}  # (a visit's subject)
        subject_of_visit: dict[str, str | None] = {}
        for (target, uuid), (table, source, column) in self.references.items():
            if (target, uuid) in held:
                found = (held[(target, uuid)] if target == "visits" else None,)
            else:
                found = self.store.query_one("SELECT subject_uuid FROM records WHERE site_uuid = ? AND tbl = ? AND uuid = ?",
                                             (self.site_uuid, target, uuid))
                if found is None:
                    raise self.reject(
                        f"{table} record {source} points ({column}) at {target} record {uuid}, which site "
                        f"{self.site['code']} has never sent (it is another site's or does not exist); the bundle was "
                        "refused and nothing was imported.", "foreign")
                found = (found["subject_uuid"],)
            if target == "visits":
                subject_of_visit[uuid] = found[0]
        # the exports place records by subject and visit UUID: one site's subject or visit never takes another's.
        # On PostgreSQL two sites' imports can run at once, and neither would see the other's uncommitted records:
        # from this check to the commit they take turns, so the later one looks after the earlier one committed.
        self.store.lock("import:subject-and-visit-uuids")
        clash = uuid_clash(self.store, self.site_uuid, self.m["bundle_seq"])
        if clash is not None:
            raise self.reject(f"{clash['tbl']} record {clash['uuid']} has the UUID of another site's record; the "
                              "bundle was refused and nothing was imported.", "foreign")
        for (table, source), visit in self.visit_of.items():
            subject = held[(table, source)]  # its subject_uuid (a subject record names no visit)
            if subject_of_visit.get(visit) != subject:
                raise self.reject(f"{table} record {source} names subject {subject} but visit {visit}, "
                                  "which is another subject's; the bundle was refused.", "inconsistent")

    def flush_rows(self) -> None:
        """Hand the buffered records to the writer (`write_rows`)."""
        pending, self.pending = self.pending, []
        if pending:
            if self.records is not None:
                self.records.extend((item[0], item[7]) for item in pending)
            self.writer.submit(self.write_rows, pending)

    def write_rows(self, pending: list[tuple]) -> None:
        """Write records: new ones in one batch insert; a batch that meets an existing record (an update, a
        replay, another site's record) is written record by record with the full checks instead."""
        conn, bseq = self.store.conn, self.m["bundle_seq"]
        rows = [(t, u, self.site_uuid, s, v, c, d, data, bseq, bseq, self.now, self.now)
                for t, u, s, v, c, d, data, _row in pending]
        conn.execute("SAVEPOINT import_rows")
        try:
            conn.copy_rows("records", _RECORD_COLUMNS, rows)
        except self.store.IntegrityError:
            conn.execute("ROLLBACK TO import_rows")
            conn.execute("RELEASE import_rows")
            for item in pending:
                self.store_row(*item)
            return
        conn.execute("RELEASE import_rows")
        self.added += len(pending)
        self.touched.extend((t, u, s, data, row) for t, u, s, _v, _c, _d, data, row in pending)

    def store_row(self, table: str, uuid: str, subject, visit, change_seq: int, deleted: int, data: str,
                  row: dict) -> None:
        """One record against what the sponsor already holds: added, updated if newer, or refused if it is
        another site's."""
        existing = self.store.query_one("SELECT change_seq, data FROM records WHERE site_uuid = ? AND tbl = ? AND uuid = ?",
                                        (self.site_uuid, table, uuid))
        conn = self.store.conn
        if existing is not None:
            if existing["change_seq"] > change_seq or existing["data"] == data:
                self.touched.append((table, uuid, subject, data, row))
                return
            conn.execute(
                "UPDATE records SET subject_uuid = ?, visit_uuid = ?, change_seq = ?, deleted = ?, data = ?, "
                "last_bundle_seq = ?, updated_at = ? WHERE site_uuid = ? AND tbl = ? AND uuid = ?",
                (subject, visit, change_seq, deleted, data, self.m["bundle_seq"], self.now, self.site_uuid, table, uuid),
            )
            self.updated += 1
        else:
            conn.execute(_INSERT_RECORD, (table, uuid, self.site_uuid, subject, visit, change_seq, deleted, data,
                                          self.m["bundle_seq"], self.m["bundle_seq"], self.now, self.now))
            self.added += 1
        self.touched.append((table, uuid, subject, data, row))

    def audit_row(self, obj: dict, known_hash: str | None = None) -> None:
        row = obj.get("row")
        if not isinstance(row, dict) or row.keys() != _AUDIT_KEYS:
            raise self.reject(f"audit line for change {self.next_audit_seq} is malformed.")
        seq = row["seq"]
        if type(seq) is not int:  # parsed JSON: exact types (a bool is not a number here)
            raise self.reject(f"audit line for change {self.next_audit_seq} has no valid number.")
        # a line the payload reader hashed has text or null in every field but seq (`bundle.iter_payload_lines`)
        if known_hash is None or None in _audit_text(row):
            for k in _AUDIT_TEXT:
                if type(row[k]) is not str:
                    raise self.reject(f"audit row {seq} has an invalid {k}.")
            for k in _AUDIT_OPTIONAL:
                if row[k] is not None and type(row[k]) is not str:
                    raise self.reject(f"audit row {seq} has an invalid {k}.")
        if seq != self.next_audit_seq:
            raise self.reject(
                f"Audit trail broken at row {self.next_audit_seq} of site {self.site['code']}: row "
                f"{'missing' if seq > self.next_audit_seq else 'out of order or duplicated'} (found row {seq}). "
                "The bundle was refused.", "chain")
        self.next_audit_seq += 1
        if seq > self.m["to_seq"]:
            raise self.reject(f"audit row {seq} is outside the bundle's range.", "inconsistent")
        if seq <= self.site["head_seq"]:
            self.writer.wait()
            stored = self.store.scalar("SELECT hash FROM audit WHERE site_uuid = ? AND seq = ?", (self.site_uuid, seq))
            if stored != row["hash"] or (known_hash or audit_mod.row_hash(row)) != row["hash"]:
                raise self.reject(
                    f"Audit trail broken at row {seq} of site {self.site['code']}: it differs from the row received "
                    "in an earlier bundle (the site's audit trail was altered). The bundle was refused.", "chain")
            return
        self.new_audit.append(row)
        self.new_hashes.append(known_hash)
        if len(self.new_audit) - self.audit_written >= _ROW_BATCH:
            self.write_audit()

    def write_audit(self) -> None:
        """Hand the new audit rows read since the last call to the writer. They are stored before the chain is
        verified (`finish_audit`): a broken chain rolls the whole import back."""
        rows = self.new_audit[self.audit_written:]
        self.audit_written = len(self.new_audit)
        if rows:
            self.writer.submit(self.insert_audit, rows)

    def insert_audit(self, rows: list[dict]) -> None:
        self.store_audit(audit_values(self.site_uuid, rows, self.m["bundle_seq"]))

    def store_audit(self, values: list[tuple]) -> None:
        """Audit rows as `audit_values` gives them."""
        self.store.conn.copy_rows("audit", _AUDIT_COLUMNS, values)

    def end(self, obj: dict) -> None:
        audit_count = self.next_audit_seq - 1 - self.m["from_seq"]
        if obj.get("rows") != self.rows_seen or obj.get("audit") != audit_count \
                or obj.get("chain_head_hash") != self.m["chain_head_hash"]:
            raise self.reject("the payload's end line does not match its content (truncated or altered).", "tampered")

    def finish_audit(self) -> None:
        m = self.m
        if self.next_audit_seq - 1 != m["to_seq"]:
            raise self.reject(f"the payload holds audit rows up to {self.next_audit_seq - 1}, not up to {m['to_seq']}.",
                              "inconsistent")
        check = self.chain if self.chain is not None else audit_mod.verify_rows(
            self.new_audit, start_seq=self.site["head_seq"], start_hash=self.site["head_hash"], hashes=self.new_hashes)
        if not check.ok:
            raise self.reject(f"{check.message} (site {self.site['code']}). The site's audit trail was altered; "
                              "the bundle was refused.", "chain")
        if self.records is not None and self.known_checks is None and self.site["head_seq"] == m["from_seq"]:
            # while the last rows are stored: each record against the bundle's own trail, as the helper checks a bundle
            # it reads (check_records takes these for the records with no stored history)
            self.known_checks = trail.problems_of(self.records, self.new_audit, self.site["code"])
        if self.writer.behind and self.while_storing is not None:
            self.while_storing()
        self.writer.wait()  # the chain was verified while the last rows were stored; the connection is free again
        if self.new_audit:
            final_hash = check.head_hash
        elif m["to_seq"] == 0:
            final_hash = audit_mod.GENESIS_HASH
        else:
            final_hash = self.store.scalar("SELECT hash FROM audit WHERE site_uuid = ? AND seq = ?",
                                           (self.site_uuid, m["to_seq"]))
        if final_hash != m["chain_head_hash"]:
            raise self.reject("the audit trail does not end at the chain head the site signed; the bundle was refused.",
                              "chain")

    def check_records(self) -> None:
        """Every record's last change has its audit row, and its audited values match the record (`trail.problem`).
        A record without stored history whose trail is all in this bundle was checked by the helper process
        already, when it read the bundle (`prefetch`)."""
        # Each record's trail up to to_seq = the rows stored before this bundle (up to head_seq) + this bundle's new
        # rows (just inserted), taken from memory: no query per record for a site's new records.
        new_rows: dict[tuple[str, str], list[dict]] | None = None
        stored = self.stored_trails(min(self.site["head_seq"], self.m["to_seq"]))
        known = self.known_checks if self.site["head_seq"] == self.m["from_seq"] else None
        if known is not None and len(known) != len(self.touched):
            known = None
        for index, entry in enumerate(self.touched):
            table = entry[0]
            key = (table, entry[1])
            if known is not None and key not in stored and known[index] is not trail.UNCHECKED:
                found = known[index]
            else:
                if new_rows is None:
                    new_rows = {}
                    for a in self.new_audit:
                        new_rows.setdefault((a["table"], a["row_id"]), []).append(a)
                found = trail.problem(table, record(entry), stored.get(key, []) + new_rows.get(key, []),
                                      self.site["code"])
            if found is not None:
                raise self.reject(*found)

    def _site_audit(self, sql_where: str, params: tuple, tail: str = "ORDER BY seq"):
        return site_audit(self.store, self.site_uuid, sql_where, params, tail)

    def check_demo(self) -> None:
        """Demo and real data never mix: a demo site's bundles only into a demo sponsor database, and back."""
        created = self._site_audit('"table" = \'site\' AND field = \'*\'', (), "ORDER BY seq LIMIT 1")
        try:
            site_demo = bool(created) and json.loads(created[0]["new"]).get("demo") is True
        except (ValueError, AttributeError):
            site_demo = False
        db_demo = sponsor_store.is_demo(self.store)
        if site_demo and not db_demo:
            raise self.reject(f"site {self.site['code']} is a demo site (synthetic data); its bundles are never "
                              "imported into a real sponsor database. The bundle was refused.", "demo")
        if db_demo and not site_demo:
            raise self.reject(f"this is a demo sponsor database, and site {self.site['code']} is a real site; its "
                              "bundles are never mixed with demo data. The bundle was refused.", "demo")

    def check_signatures(self) -> None:
        """Each e-signature in the bundle verifies with its signer's key from the site's audit trail (vouched
        for by the site's signature over the chain head): forged or copied ones are refused, named. What they need
        is read in a few queries for all of them, not a few per signature (round trips count on a server)."""
        sigs = [sig for sig in (record(e) for e in self.touched if e[0] == "signatures") if not sig.get("deleted")]
        if not sigs:
            return
        marker = self._site_audit('"table" = ? AND field = ?', (audit_mod.MARKER_TABLE, audit_mod.MARKER_FIELD),
                                  "ORDER BY seq DESC LIMIT 1")
        try:
            keyed_from = int(json.loads(marker[0]["new"])) if marker else 1
        except (TypeError, ValueError):
            keyed_from = 1
        signers = self._trails("users", {str(sig.get("signer")) for sig in sigs}, "AND field IN ('*', 'sign_public_key')")
        histories = self._trails("signatures", {sig["uuid"] for sig in sigs})
        signed = self._records_signed(sigs)
        for sig in sigs:
            if sig.get("record_table") == CASEBOOK:
                record_hash = casebook_hash_at_sponsor(self.store, self.site_uuid, str(sig.get("record_uuid")))
            else:
                data = signed.get((sig.get("record_table"), sig.get("record_uuid")))
                try:
                    record_hash = None if data is None else row_content_hash(str(sig.get("record_table")),
                                                                             json.loads(data))
                except (ValueError, TypeError):
                    record_hash = None
            first = histories.get(sig["uuid"])
            state, why = esign.status(sig, esign.public_key_from_trail(
                (r["field"], r["new"]) for r in signers.get(str(sig.get("signer")), ())),
                record_hash, legacy=bool(first) and first[0]["seq"] < keyed_from)
            if state == esign.INVALID:
                raise self.reject(
                    f"e-signature {sig['uuid']} ({str(sig.get('meaning'))[:20]} by {str(sig.get('signer'))[:40]}) on "
                    f"{str(sig.get('record_table'))[:30]} record {str(sig.get('record_uuid'))[:64]} of site "
                    f"{self.site['code']} is invalid: {why}. The bundle was refused.", "signature")

    def _trails(self, table: str, row_ids: set[str], condition: str = "") -> dict[str, list[dict]]:
        """(seq, field, new) of the site's stored audit rows of `table` for each of `row_ids`, in order."""
        out: dict[str, list[dict]] = {}
        for chunk, marks in _in_chunks(row_ids):
            for a in self.store.query(
                    f'SELECT row_id, seq, field, new FROM audit {self.store.indexed_by("audit_row")} WHERE site_uuid = ? '
                    f'AND "table" = ? AND row_id IN ({marks}) {condition} ORDER BY seq', (self.site_uuid, table, *chunk)):
                out.setdefault(a.pop("row_id"), []).append(a)
        return out

    def _records_signed(self, sigs: list[dict]) -> dict[tuple[str, str], str]:
        """The stored data of the records the signatures (casebook sign-offs aside) sign, by (table, uuid)."""
        wanted: dict[str, set[str]] = {}
        for sig in sigs:
            table, uuid = sig.get("record_table"), sig.get("record_uuid")
            if table != CASEBOOK and table in CLINICAL_TABLES and isinstance(uuid, str):
                wanted.setdefault(table, set()).add(uuid)
        out: dict[tuple[str, str], str] = {}
        for table, uuids in wanted.items():
            for chunk, marks in _in_chunks(uuids):
                for r in self.store.query(f"SELECT uuid, data FROM records WHERE tbl = ? AND site_uuid = ? AND uuid IN "
                                          f"({marks})", (table, self.site_uuid, *chunk)):
                    out[(table, r["uuid"])] = r["data"]
        return out

    def stored_trails(self, up_to: int) -> dict[tuple[str, str], list[dict]]:
        """The audit rows stored before this bundle (seq <= up_to) of every touched record, per (table, uuid), in
        order: a few queries of up to _TRAIL_BATCH records each per table, not one per record (round trips count
        on a server)."""
        out: dict[tuple[str, str], list[dict]] = {}
        if up_to <= 0:
            return out
        by_table: dict[str, list[str]] = {}
        for table, uuid, _subject, _data, _row in self.touched:
            by_table.setdefault(table, []).append(uuid)
        for table, uuids in by_table.items():
            for chunk, marks in _in_chunks(uuids):
                # INDEXED BY (SQLite): without it the planner walks the (site_uuid, seq) key over the whole trail
                for a in self.store.query(
                        f'SELECT row_id, seq, "user", field, new FROM audit {self.store.indexed_by("audit_row")} '
                        f'WHERE site_uuid = ? AND "table" = ? AND row_id IN ({marks}) '
                        "AND seq <= ? ORDER BY seq", (self.site_uuid, table, *chunk, up_to)):
                    out.setdefault((table, a.pop("row_id")), []).append(a)
        return out

    def update_site(self) -> None:
        m, c = self.m, self.c
        head_seq = max(self.site["head_seq"], m["to_seq"])
        head_hash = self.new_audit[-1]["hash"] if self.new_audit else self.site["head_hash"]
        conn = self.store.conn
        with self.store.batch():
            self._record_import(conn, m, c, head_seq, head_hash)
        # the monitor's queries and SDV marks made at the site, and the site's answers, in the same transaction
        monitoring = [(e[0], record(e)) for e in self.touched if e[0] in _MONITORING]
        sponsor_returns.merge_site_monitoring(conn, self.site_uuid, monitoring, user=self.user, bundle_seq=m["bundle_seq"])
        sponsor_returns.apply_site_answers(conn, self.site_uuid, monitoring, user=self.user, bundle_seq=m["bundle_seq"])

    def _record_import(self, conn, m: dict, c: bundle.Container, head_seq: int, head_hash: str) -> None:
        conn.execute(
            "UPDATE sites SET last_bundle_seq = ?, last_bundle_hash = ?, head_seq = ?, head_hash = ?, study_version = ?, "
            "last_import_at = ? WHERE site_uuid = ?",
            (m["bundle_seq"], c.bundle_hash, head_seq, head_hash, m["study_version"], self.now, self.site_uuid),
        )
        conn.execute(
            "INSERT INTO bundles (site_uuid, bundle_seq, bundle_hash, prev_bundle_hash, from_seq, to_seq, file_name, "
            "file_sha256, size_bytes, manifest, signature, site_created_at, site_created_by, imported_at, imported_by, "
            "records_added, records_updated, audit_added) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (self.site_uuid, m["bundle_seq"], c.bundle_hash, m["prev_bundle_hash"], m["from_seq"], m["to_seq"],
             c.path.name, c.file_sha256, c.size, c.manifest_bytes.decode("utf-8"), c.signature.hex(), m["created_at"],
             m["created_by"], self.now, self.user, self.added, self.updated, len(self.new_audit)),
        )
        sponsor_store.log(conn, user=self.user, action="import", site_uuid=self.site_uuid,
                          detail=f"bundle {m['bundle_seq']} ({c.path.name}): changes {m['from_seq'] + 1}-{m['to_seq']}, "
                                 f"{self.added} records added, {self.updated} updated, {len(self.new_audit)} audit rows")


def _in_chunks(values):
    """The distinct `values`, sorted, in chunks of up to _TRAIL_BATCH, each with its "?, ?, …" for an IN list."""
    ordered = sorted(set(values))
    for start in range(0, len(ordered), _TRAIL_BATCH):
        chunk = ordered[start:start + _TRAIL_BATCH]
        yield chunk, ", ".join("?" * len(chunk))


def site_audit(store, site_uuid: str, sql_where: str, params: tuple, tail: str = "ORDER BY seq") -> list[dict]:
    """(seq, field, new) of the site's audit rows for `sql_where`, which names the "table"."""
    # INDEXED BY (SQLite): for the ORDER BY the planner walked the (site_uuid, seq) key over the site's whole trail
    # (1.3 ms a query at 100 demo subjects, and growing with the trail)
    return store.query(f'SELECT seq, field, new FROM audit {store.indexed_by("audit_row")} '
                       f'WHERE site_uuid = ? AND {sql_where} {tail}', (site_uuid, *params))


def record(entry: tuple) -> dict:
    """A touched record (`_Apply.touched`) as parsed, read again from its canonical JSON when it was not kept."""
    return entry[4] if entry[4] is not None else json.loads(entry[3])


_MONITORING = ("queries", "site_sdv")  # what `sponsor_returns` takes from a bundle's records
_SENT_WHOLE = frozenset((*_MONITORING, "signatures"))  # records the importer always reads (check_signatures)


class _ReadAhead(_Apply):
    """`_Apply.read` without a database, as the helper process runs it (`read_ahead`): the records kept in their
    batches, nothing written. It takes the sponsor to hold the site's trail up to where the bundle starts (as it
    does for all but a bundle that repeats changes already received), so no check needs the database."""

    def __init__(self, container: bundle.Container, limits: bundle.Limits):
        m = container.manifest
        site = {"site_uuid": m["site_uuid"], "code": m["site_code"], "head_seq": m["from_seq"],
                "head_hash": m["chain_start_hash"]}
        super().__init__(None, container, site, limits, user="", writer=_WriteBehind(False))
        self.batches: list[list[tuple]] = []
        self.records: list[tuple[str, dict]] = []  # (table, record) of every record line, in order

    def store_columns(self, columns: list[tuple]) -> None:
        pass

    def flush_rows(self) -> None:
        pending, self.pending = self.pending, []
        if pending:  # a record the importer may not need is sent as its canonical JSON alone (`record`)
            self.records.extend((item[0], item[7]) for item in pending)
            self.batches.append([item if item[0] in _SENT_WHOLE else (*item[:7], None) for item in pending])

    def write_audit(self) -> None:
        pass


def read_ahead(container: bundle.Container, lines: list, limits: bundle.Limits) -> prefetch.ReadAhead | None:
    """What `_Apply.read` finds in a bundle's parsed `lines` ((line, canonical JSON or audit hash) pairs), found
    without the database (`_ReadAhead`): the first refusal, or the records and new audit rows to store; None when
    a line holds what only the importer's last line of defence catches (it then reads the bundle itself)."""
    work = _ReadAhead(container, limits)
    refusal = None
    try:
        work.read(iter(lines))
    except SyncError as exc:
        refusal = prefetch.error_of(exc)
    except _CONTENT_ERRORS:
        return None
    checks = chain = None
    values: list[tuple] = []
    if refusal is None:  # (a refusal is all the importer needs)
        checks = trail.problems_of(work.records, work.new_audit, work.site["code"])
        chain = audit_mod.verify_rows(work.new_audit, start_seq=work.site["head_seq"], start_hash=work.site["head_hash"],
                                      hashes=work.new_hashes)
        values = audit_values(work.site_uuid, work.new_audit, work.m["bundle_seq"])
    return prefetch.ReadAhead(refusal, work.batches, work.rows_seen, work.next_audit_seq, values, chain,
                              work.references, work.visit_of, checks)


def audit_values(site_uuid: str, rows: list[dict], bundle_seq: int) -> list[tuple]:
    """New audit rows (dicts) as the audit table stores them (_AUDIT_COLUMNS)."""
    return [(site_uuid, r["seq"], r["at_utc"], r["at_local"], r["user"], r["table"], r["row_id"], r["field"], r["old"],
             r["new"], r["reason"], r["prev_hash"], r["hash"], bundle_seq) for r in rows]


class _AuditValues(Sequence):
    """Audit rows as stored (`audit_values`), read as dicts where the importer reads them (`check_records`, a
    record's trail; `update_site`, the last hash)."""

    def __init__(self, values: list[tuple]):
        self._values = values

    def __len__(self) -> int:
        return len(self._values)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [dict(zip(_AUDIT_COLUMNS, v)) for v in self._values[index]]
        return dict(zip(_AUDIT_COLUMNS, self._values[index]))


def uuid_clash(store, site_uuid: str, bundle_seq: int) -> dict | None:
    """A subject or visit first received in this bundle whose UUID another site's record already has, or None."""
    # CROSS JOIN keeps this bundle's records the outer loop: SQLite's planner otherwise walked every site's subjects
    # and visits for each bundle (114 ms a bundle at 100 sites, against 2 ms)
    return store.query_one(
        "SELECT r.tbl, r.uuid FROM records r CROSS JOIN records o WHERE o.tbl = r.tbl AND o.uuid = r.uuid "
        "AND o.site_uuid <> r.site_uuid AND r.site_uuid = ? AND r.first_bundle_seq = ? "
        "AND r.tbl IN ('subjects', 'visits') LIMIT 1", (site_uuid, bundle_seq))


def casebook_hash_at_sponsor(store, site_uuid: str, subject_uuid: str) -> str | None:
    """The content hash of a subject's casebook as the sponsor holds it (`records.casebook_hash` at the site)."""
    pairs = []
    for r in store.query(f"SELECT tbl, data FROM records WHERE site_uuid = ? AND subject_uuid = ? AND tbl IN "
                         f"({', '.join('?' * len(CASEBOOK_TABLES))})", (site_uuid, subject_uuid, *CASEBOOK_TABLES)):
        try:
            pairs.append((r["tbl"], json.loads(r["data"])))
        except ValueError:
            return None
    return casebook_hash_of(pairs) if pairs else None


@contextlib.contextmanager
def _cycle_collector_paused():
    """An import allocates hundreds of thousands of short-lived dicts and tuples without reference cycles (freed by
    reference counting). Each allocation burst would make the cycle collector walk the whole process heap — the
    sponsor window's review data, a caller's own rows — for garbage it cannot find; at 100 sites that cost more
    than the database writes. Restored afterwards, whatever happens."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def import_bundle(store, path, identities: list, *, user: str, limits: bundle.Limits = bundle.Limits(),
                  container: bundle.Container | None = None, payload_from=None, while_storing=None) -> ImportResult:
    """Verify and import one bundle into the sponsor database; BundleRejected (nothing written) on any problem.

    `payload_from(container)`, when given, returns the payload a helper process already decrypted and parsed
    (`prefetch.Prepared`), or None to do it here; it is asked only once the bundle's turn to be decrypted comes.
    `while_storing()`, when given, is called while the server stores the bundle's last rows (the next bundle's
    answer received meanwhile: `prefetch.Prefetcher.receive`)."""
    with _cycle_collector_paused():
        return _import_bundle(store, path, identities, user=user, limits=limits, container=container,
                              payload_from=payload_from, while_storing=while_storing)


def _import_bundle(store, path, identities: list, *, user: str, limits: bundle.Limits,
                   container: bundle.Container | None, payload_from, while_storing) -> ImportResult:
    c = container or bundle.read_container(path, limits)
    m = c.manifest
    name = c.path.name
    site = store.query_one("SELECT * FROM sites WHERE site_uuid = ?", (m["site_uuid"],))
    if site is None:
        raise BundleRejected(
            f"{name} comes from a site that is not registered in this sponsor database (it says site "
            f"{m['site_code'][:10]!r}, {m['site_uuid'][:40]}). Register the site's key first (sle-sponsor register-site); "
            "nothing was changed.", reason="unknown_site")
    bundle.verify_container(c, bytes(site["public_key"]), site_code=site["code"])
    if m["site_code"] != site["code"] or m["study_id"] != site["study_id"]:
        raise BundleRejected(f"{name}: the site code or study in the bundle ({m['site_code']}, {m['study_id']}) differs "
                             f"from the registration ({site['code']}, {site['study_id']}); it was refused.",
                             reason="inconsistent")
    done = check_sequence(store, c, site)
    if done is not None:
        return done
    prepared = payload_from(c) if payload_from is not None else None
    if prepared is not None and prepared.failed_at == "decrypt":
        raise prepared.refusal()
    compressed = bundle.decrypt(c, identities) if prepared is None else None
    with store.transaction():
        # One import per site at a time: on PostgreSQL a second import of the same site waits here for the site's row
        # (SQLite's write transaction already excludes every other writer), then reads what the first one stored.
        current = store.query_one("SELECT * FROM sites WHERE site_uuid = ?" + store.row_lock, (site["site_uuid"],))
        if current != site:
            site = current
            done = check_sequence(store, c, site)
            if done is not None:
                return done
        if prepared is not None and prepared.read is not None and (
                site["head_seq"] != m["from_seq"] or site["head_hash"] != m["chain_start_hash"]):
            # the bundle repeats changes already received (or the stored trail ends elsewhere than where the bundle
            # says it starts): the helper's reading assumed otherwise
            prepared, compressed = None, bundle.decrypt(c, identities)
        work = _Apply(store, c, site, limits, user, while_storing=while_storing)
        work.run(compressed, prepared)
    return ImportResult(c.path, site["code"], m["bundle_seq"], "imported", m["from_seq"], m["to_seq"], work.added,
                        work.updated, len(work.new_audit),
                        f"{name}: bundle {m['bundle_seq']} of site {site['code']} imported: changes "
                        f"{m['from_seq'] + 1}–{m['to_seq']}, {work.added} records added, {work.updated} updated, "
                        f"{len(work.new_audit)} audit rows.")


@dataclass(frozen=True)
class Outcome:
    path: Path
    result: ImportResult | None
    error: SyncError | None


def import_many(store, paths, identities: list, *, user: str, limits: bundle.Limits = bundle.Limits()) -> list[Outcome]:
    """Import several bundles, in (site, bundle number) order whatever order they were given in; a bundle that
    cannot be read or is refused never stops the others."""
    ready: list[tuple[tuple, tuple[Path, str, int]]] = []
    outcomes: list[Outcome] = []
    for p in paths:
        try:
            c = bundle.read_container(p, limits)
            ready.append(((c.manifest["site_uuid"], c.manifest["bundle_seq"], c.path.name),
                          (c.path, c.file_sha256, c.ciphertext_size)))
        except SyncError as exc:
            outcomes.append(Outcome(Path(p), None, exc))
        except _CONTENT_ERRORS as exc:
            outcomes.append(Outcome(Path(p), None, _unreadable(Path(p), exc)))
    ready.sort(key=lambda item: item[0])  # only the sort keys are kept: each bundle is read again when its turn comes
    files = [file for _key, file in ready]
    # durable together when the run ends (its outcomes are reported then); on SQLite, each bundle's pages copied from
    # the WAL into the file while the next bundle is read, not all at the end
    with prefetch.Prefetcher(files, identities, limits, read_ahead) as helper, store.commits_grouped() as checkpoints:
        for index, (path, _sha, _size) in enumerate(files):
            try:
                result = import_bundle(store, path, identities, user=user, limits=limits,
                                       payload_from=functools.partial(helper.take, index),
                                       while_storing=functools.partial(helper.receive, index + 1))
                outcomes.append(Outcome(path, result, None))
                if checkpoints is not None and result.status == "imported":
                    checkpoints.kick()
            except SyncError as exc:
                outcomes.append(Outcome(path, None, exc))
            except _CONTENT_ERRORS as exc:
                outcomes.append(Outcome(path, None, _unreadable(path, exc)))
    return outcomes


# what malformed content can still raise below the explicit checks (a last line of defence; the transaction is
# rolled back by then)
_CONTENT_ERRORS = (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError, RecursionError)


def _unreadable(path: Path, exc: BaseException) -> BundleRejected:
    return BundleRejected(f"{path.name}: its content could not be read ({type(exc).__name__}: {str(exc)[:80]}); "
                          "it was refused and nothing was changed.", reason="malformed")
