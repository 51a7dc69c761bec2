"""A property-based campaign (hypothesis) of a hostile site insider: site BY01's genuine first bundle, one manifest
or payload field changed by hypothesis, the audit chain and the end line recomputed so that everything still hangs
together, re-signed with BY01's real signing key, and imported next to site BY02.

For every case, either the bundle is refused (a BundleRejected with a short message, and the sponsor database
unchanged byte for byte: no partial write) or it is accepted and an independent oracle written in SQL finds no
violation: BY01's records point only at BY01's subjects and visits, carry BY01's prefix and exactly their form's
columns, agree with the audit trail about who created them, take no UUID of BY02's subjects or visits, and BY02's
records and audit trail are untouched. Peak memory per case is bounded (tracemalloc).

The sponsor database is SQLite here (a byte copy per case); the importer's checks are the same SQL on PostgreSQL,
where tests/sync/test_insider_bundles.py runs each attack. Default 60 cases; SLE_RELIABILITY_FULL=1 runs 1 000 (SLE_INSIDER_CASES overrides).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import time
import tracemalloc
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_kit import report, size
from sync_helpers import db_state, import_one, register

from sle_desktop.app import sync_site
from sle_desktop.sponsor import importer
from sle_desktop.store import audit as audit_mod
from sle_desktop.store.audit import canonical_json
from sle_desktop.sync import bundle, keys
from sle_desktop.sync.errors import BundleRejected

CASES = size(60, 1000, "SLE_INSIDER_CASES")
PEAK_BYTES = 64 * 1024 * 1024
MANIFEST_KEYS = sorted(bundle.MANIFEST_FIELDS)
_BUILDER_FIELDS = ("format", "format_version", "payload_sha256", "payload_bytes", "payload_lines", "compression",
                   "ciphertext_sha256", "ciphertext_bytes", "encryption", "recipient_fingerprints", "signing_key")

_texts = st.one_of(st.text(max_size=20), st.sampled_from(["\ud800", "BY02-0001", "=cmd", "", "x" * 400]))
_values = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-2 ** 70, max_value=2 ** 70), _texts,
    st.floats(allow_nan=False, allow_infinity=False), st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


def _lines(obj_list) -> list[bytes]:
    out = []
    for obj in obj_list:
        try:
            out.append((canonical_json(obj) + "\n").encode("utf-8"))
        except UnicodeEncodeError:  # a lone surrogate: the ASCII-escaped form a writer would have to use
            out.append((json.dumps(obj, sort_keys=True, separators=(",", ":")) + "\n").encode("ascii"))
    return out


def _rechain(audit_rows: list[dict], start_hash: str) -> str:
    """Recompute the hash chain after a change (what an insider with the data can do); returns the head hash."""
    prev = start_hash
    for row in audit_rows:
        row["prev_hash"] = prev
        try:
            row["hash"] = audit_mod.row_hash(row)
        except (TypeError, ValueError, UnicodeEncodeError):
            row["hash"] = "0" * 64
        prev = row["hash"]
    return prev


def _oracle(sponsor_path, a_uuid: str, b_uuid: str, b_before: list, schema: dict) -> list[str]:
    """Violations of "one site's bundle touches only that site" in the sponsor database after an accepted import."""
    conn = sqlite3.connect(sponsor_path)
    try:
        bad = []
        for column, table in (("subject_uuid", "subjects"), ("visit_uuid", "visits")):
            rows = conn.execute(
                f"SELECT r.tbl, r.uuid FROM records r WHERE r.site_uuid = ? AND r.{column} IS NOT NULL "
                f"AND NOT (r.tbl = '{table}') AND NOT EXISTS (SELECT 1 FROM records t WHERE t.site_uuid = r.site_uuid "
                f"AND t.tbl = '{table}' AND t.uuid = r.{column})", (a_uuid,)).fetchall()
            bad += [f"{t} {u} points at a {table} record BY01 does not hold" for t, u in rows]
        for tbl, uuid, data in conn.execute("SELECT tbl, uuid, data FROM records WHERE site_uuid = ?", (a_uuid,)):
            row = json.loads(data)
            if not set(row) <= schema[tbl]:
                bad.append(f"{tbl} {uuid} has columns outside its form")
            if tbl == "subjects":
                for key in ("subject_id", "screening_number"):
                    if row.get(key) is not None and not str(row[key]).startswith("BY01-"):
                        bad.append(f"subject {uuid} has {key} {row[key]!r}")
            first = conn.execute('SELECT user, field FROM audit WHERE site_uuid = ? AND "table" = ? AND row_id = ? '
                                 "ORDER BY seq LIMIT 1", (a_uuid, tbl, uuid)).fetchone()
            if first and first[1] == "*" and row.get("created_by") not in (None, first[0]):
                bad.append(f"{tbl} {uuid} created_by disagrees with its audit trail")
        clash = conn.execute("SELECT count(*) FROM records a JOIN records b ON a.tbl = b.tbl AND a.uuid = b.uuid "
                             "WHERE a.site_uuid = ? AND b.site_uuid = ? AND a.tbl IN ('subjects', 'visits')",
                             (a_uuid, b_uuid)).fetchone()[0]
        if clash:
            bad.append(f"{clash} BY01 subjects or visits share BY02's UUIDs")
        if _site_rows(conn, b_uuid) != b_before:
            bad.append("BY02's records or audit trail changed")
        return bad
    finally:
        conn.close()


def _site_rows(conn, site_uuid: str) -> list:
    return (conn.execute("SELECT tbl, uuid, data, change_seq FROM records WHERE site_uuid = ? ORDER BY tbl, uuid",
                         (site_uuid,)).fetchall()
            + conn.execute("SELECT seq, hash FROM audit WHERE site_uuid = ? ORDER BY seq", (site_uuid,)).fetchall())


def test_insider_campaign(make_site, sponsor_keys, tmp_path):
    sponsor_db = tmp_path / "sponsor.sqlite"  # SQLite: each case starts from a byte copy of the same database
    a = make_site("BY01", subjects=3, seed=11)
    b = make_site("BY02", subjects=3, seed=12)
    register(a, sponsor_db)
    register(b, sponsor_db)
    import_one(sponsor_db, sponsor_keys, b.export().path)
    genuine = a.export()
    identities = [keys.parse_identities(sponsor_keys.key_path.read_text())[0]]
    c = bundle.read_container(genuine.path)
    lines = list(bundle.iter_payload(bundle.decrypt(c, identities), c.manifest))
    header, end = lines[0], lines[-1]
    rows = [x for x in lines if x["type"] == "row"]
    audits = [x for x in lines if x["type"] == "audit"]
    manifest = dict(c.manifest)
    signing_key = sync_site._signing_key(a.session)
    recipients = keys.age_recipients([sponsor_keys.public_path.read_text().split()[-1]])
    b_subjects = [r[0] for r in b.store.conn.execute("SELECT uuid FROM subjects")]
    b_visits = [r[0] for r in b.store.conn.execute("SELECT uuid FROM visits")]
    a_uuid = a.store.scalar("SELECT site_uuid FROM site")
    b_uuid = b.store.scalar("SELECT site_uuid FROM site")
    schema = importer.site_schema()
    template = tmp_path / "template.sqlite"
    shutil.copyfile(sponsor_db, template)
    conn = sqlite3.connect(template)
    b_before = _site_rows(conn, b_uuid)
    conn.close()
    before = db_state(template)
    foreign = st.sampled_from(b_subjects + b_visits)
    mutation = st.one_of(
        st.tuples(st.just("manifest"), st.sampled_from(MANIFEST_KEYS), _values),
        st.tuples(st.just("row"), st.integers(0, len(rows) - 1),
                  st.sampled_from(["subject_uuid", "visit_uuid", "uuid", "created_by", "updated_by", "subject_id",
                                   "screening_number", "change_seq", "term", "extra", "deleted", "status"]),
                  st.one_of(_values, foreign)),
        st.tuples(st.just("drop_key"), st.integers(0, len(rows) - 1), st.sampled_from(["created_by", "uuid", "change_seq", "subject_uuid"])),
        st.tuples(st.just("audit"), st.integers(0, len(audits) - 1),
                  st.sampled_from(["user", "field", "new", "row_id", "table", "seq", "at_utc"]), _values),
        st.tuples(st.just("header"), st.sampled_from(["tables", "site_uuid", "bundle_seq", "format"]), _values),
    )
    tally: Counter = Counter()
    accepted_changes: Counter = Counter()  # which changes an accepted bundle carried (each checked by the oracle)
    figures = {"violations": 0, "partial_writes": 0, "peak_bytes": 0, "slowest_s": 0.0}

    @settings(max_examples=CASES, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(mutation)
    def case(m):
        work_rows = json.loads(json.dumps(rows))
        work_audit = json.loads(json.dumps(audits))
        work_header = dict(header)
        if m[0] == "manifest":
            pass  # applied to the built manifest below
        elif m[0] == "row":
            work_rows[m[1]]["row"][m[2]] = m[3]
        elif m[0] == "drop_key":
            work_rows[m[1]]["row"].pop(m[2], None)
        elif m[0] == "audit":
            work_audit[m[1]]["row"][m[2]] = m[3]
        else:
            work_header[m[1]] = m[2]
        head = _rechain([x["row"] for x in work_audit], manifest["chain_start_hash"])
        work_end = dict(end, chain_head_hash=head)
        payload = bundle.PayloadWriter()
        for line in _lines([work_header, *work_rows, *work_audit, work_end]):
            payload.add_raw(line)
        fields = {k: v for k, v in manifest.items() if k not in _BUILDER_FIELDS}
        if m[0] != "manifest" or m[1] != "chain_head_hash":
            fields["chain_head_hash"] = head
        built = bundle.build_bundle(fields, payload, recipients, signing_key, manifest["recipient_fingerprints"])
        if m[0] == "manifest":  # the insider signs whatever manifest it likes, even one the builder would refuse
            built.manifest[m[1]] = m[2]
            try:
                built.manifest_bytes = canonical_json(built.manifest).encode("utf-8")
            except (UnicodeEncodeError, ValueError):
                built.manifest_bytes = json.dumps(built.manifest, sort_keys=True, separators=(",", ":")).encode()
            built.signature = signing_key.sign(built.manifest_bytes)
        path = tmp_path / "case.slebundle"
        path.write_bytes(built.to_bytes())
        shutil.copyfile(template, sponsor_db)
        for side in ("-wal", "-shm"):
            sponsor_db.with_name(sponsor_db.name + side).unlink(missing_ok=True)
        tracemalloc.start()
        started = time.perf_counter()
        try:
            result = import_one(sponsor_db, sponsor_keys, path)
            outcome = result.status
        except BundleRejected as exc:
            outcome = exc.reason
            assert str(exc).strip() and len(str(exc)) < 600 and "Traceback" not in str(exc)
        finally:
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        figures["peak_bytes"] = max(figures["peak_bytes"], peak)
        figures["slowest_s"] = max(figures["slowest_s"], round(time.perf_counter() - started, 3))
        assert peak < PEAK_BYTES, (m, peak)
        tally[outcome] += 1
        if outcome == "imported":
            accepted_changes[f"{m[0]}.{m[2] if m[0] in ('row', 'drop_key', 'audit') else m[1]}"] += 1
            problems = _oracle(sponsor_db, a_uuid, b_uuid, b_before, schema)
            figures["violations"] += len(problems)
            assert not problems, (m, problems)
        else:
            if db_state(sponsor_db) != before:
                figures["partial_writes"] += 1
                raise AssertionError(("partial write", m))

    case()
    accepted = tally.get("imported", 0)
    report("insider_campaign", {"cases": sum(tally.values()), "accepted": accepted, **figures,
                                "outcomes": dict(sorted(tally.items())),
                                "accepted_changes": dict(accepted_changes.most_common())})
    assert sum(tally.values()) >= min(CASES, 20)
    assert figures["violations"] == 0 and figures["partial_writes"] == 0
    assert len(tally) >= (5 if CASES >= 500 else 2), tally  # the campaign reaches different refusals
