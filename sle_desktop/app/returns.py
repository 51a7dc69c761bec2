"""Site use cases of the way back: the site's return key, the sponsor's signing key, importing return bundles.

- `import_return` verifies the sponsor's signature (refused when no sponsor signing key is
  registered), refuses bundles for another site, replays and older return numbers, decrypts with
  the site's return key, checks every line, then applies everything in one transaction:
  acknowledged exports, acknowledged SAEs (their clock stops), queries (`app.queries`), SDV marks
  (`app.sdv`), and a new study definition stored as PENDING (`app.study_updates`). A refused bundle
  changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC
from pathlib import Path

import pyrage

from sle_desktop.app import locks
from sle_desktop.app.errors import SetupError, ValidationError
from sle_desktop.app.queries import MAX_TEXT, STATUSES
from sle_desktop.app.session import Session
from sle_desktop.app.site import site_info
from sle_desktop.domain import study as study_def
from sle_desktop.domain.text import msg
from sle_desktop.store import audit, crypto, records
from sle_desktop.sync import bundle, keys, return_bundle
from sle_desktop.sync.errors import BundleRejected, SyncError

_UUID_RE = re.compile(r"^[0-9A-Za-z-]{8,64}$")
_FIELD_RE = re.compile(r"^[a-z_][a-z0-9_]{0,63}$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


def _now() -> str:
    return audit.utc_now().astimezone(UTC).isoformat(timespec="seconds")


def _aad(site_uuid: str) -> bytes:
    return b"sle_desktop site return identity:" + site_uuid.encode()


# -- keys -------------------------------------------------------------------------------------
def return_recipient(store) -> str | None:
    """The site's age recipient for return bundles, or None before it is first needed."""
    return store.scalar("SELECT recipient FROM return_identity WHERE id = 1")


def ensure_return_identity(session: Session) -> str:
    """The site's return-bundle recipient (age1…), generated at first need; the private half is sealed
    under the site data key like the signing key. Audited when created."""
    store = session.store
    existing = return_recipient(store)
    if existing:
        return existing
    session.require("configure_sync")
    data_key = session.require_key()
    site = site_info(store)
    identity = pyrage.x25519.Identity.generate()
    recipient = str(identity.to_public())
    sealed = crypto.seal(data_key, str(identity).encode("ascii"), _aad(site.site_uuid))
    with store.transaction() as conn:
        if return_recipient(store):
            return return_recipient(store)
        conn.execute("INSERT INTO return_identity (id, recipient, encrypted_identity, created_at) VALUES (1, ?, ?, ?)",
                     (recipient, sealed, _now()))
        audit.append(conn, user=session.username, table="return_identity", row_id=site.site_uuid, field="recipient",
                     old=None, new=recipient, reason=None)
    return recipient


def _return_identity(session: Session):
    row = session.store.query_one("SELECT encrypted_identity FROM return_identity WHERE id = 1")
    if row is None:
        return None
    site = site_info(session.store)
    try:
        text = crypto.open_sealed(session.require_key(), row["encrypted_identity"], _aad(site.site_uuid)).decode("ascii")
        return pyrage.x25519.Identity.from_str(text)
    except (crypto.CryptoError, pyrage.IdentityError, UnicodeDecodeError):
        raise SetupError(msg("The site's return key cannot be unlocked with this site's data key (the database may "
                             "have been copied from another installation).")) from None


def site_key_text(session: Session, *, create_return_identity: bool = True) -> str:
    """The site key file for the sponsor: signing key plus the return-bundle key (created if needed and allowed)."""
    session.require("view")
    store = session.store
    site = site_info(store)
    row = store.query_one("SELECT public_key FROM site_signing_key WHERE id = 1")
    if row is None:
        raise SetupError(msg("This site has no signing key; it was set up by an older version. Contact support."))
    recipient = return_recipient(store)
    if recipient is None and create_return_identity and session.data_key is not None:
        recipient = ensure_return_identity(session)
    from sle_desktop.app.site import is_demo

    return keys.format_site_key(keys.SiteKey(site.site_uuid, site.code, site.name, site.study_id,
                                             bytes(row["public_key"]), recipient, demo=is_demo(store)))


@dataclass(frozen=True)
class SponsorSigningKey:
    fingerprint: str
    added_at: str
    added_by: str


def set_sponsor_signing_key(session: Session, text: str) -> SponsorSigningKey:
    """Register the sponsor's Ed25519 public key (sponsor-signing.pub) that signs return bundles; audited."""
    session.require("configure_sync")
    try:
        public = return_bundle.parse_sponsor_signing_key(text)
    except SyncError as exc:
        raise ValidationError({"sponsor_signing_key": exc.args[0]}) from None
    fp = keys.fingerprint(public)
    now = _now()
    with session.store.transaction() as conn:
        old = conn.execute("SELECT fingerprint, public_key FROM sponsor_signing_key WHERE id = 1").fetchone()
        if old is not None and bytes(old[1]) == public:
            return sponsor_signing_key(session)
        conn.execute("INSERT OR REPLACE INTO sponsor_signing_key (id, public_key, fingerprint, added_at, added_by) "
                     "VALUES (1, ?, ?, ?, ?)", (public, fp, now, session.username))
        audit.append(conn, user=session.username, table="sponsor_signing_key", row_id="sponsor", field="fingerprint",
                     old=old[0] if old else None, new=fp, reason="sponsor signing key replaced" if old else None)
    return sponsor_signing_key(session)


def sponsor_signing_key(session: Session) -> SponsorSigningKey | None:
    """The registered sponsor signing key (fingerprint to confirm by phone), or None."""
    session.require("view")
    row = session.store.query_one("SELECT fingerprint, added_at, added_by FROM sponsor_signing_key WHERE id = 1")
    return SponsorSigningKey(**row) if row else None


# -- importing a return bundle ----------------------------------------------------------------
@dataclass(frozen=True)
class ReturnImportResult:
    path: Path
    return_seq: int
    acknowledged_bundles: list[int]
    sae_acknowledged: int
    queries_new: int
    queries_updated: int
    sdv_marks: int
    study_version_pending: str | None
    warnings: list[str] = field(default_factory=list)
    casebooks_locked: int = 0  # at the sponsor's request
    casebooks_unlocked: int = 0

    @property
    def message(self) -> str:
        parts = [f"Return bundle {self.return_seq} imported"]
        if self.acknowledged_bundles:
            parts.append(f"the sponsor confirmed receipt of bundle(s) {', '.join(map(str, self.acknowledged_bundles))}")
        if self.sae_acknowledged:
            parts.append(f"{self.sae_acknowledged} serious adverse event(s) acknowledged")
        parts.append(f"{self.queries_new} new quer{'y' if self.queries_new == 1 else 'ies'}, "
                     f"{self.queries_updated} updated")
        if self.sdv_marks:
            parts.append(f"{self.sdv_marks} record(s) source-data-verified")
        if self.casebooks_locked:
            parts.append(f"{self.casebooks_locked} casebook(s) locked at the sponsor's request")
        if self.casebooks_unlocked:
            parts.append(f"{self.casebooks_unlocked} lock(s) lifted at the sponsor's request")
        if self.study_version_pending:
            parts.append(f"study definition {self.study_version_pending} waits for an administrator to accept it")
        text = "; ".join(parts) + "."
        if self.warnings:
            text += " Warning: " + " ".join(self.warnings)
        return text


def _reject(name: str, problem: str, reason: str = "malformed") -> BundleRejected:
    return BundleRejected(msg("{name}: {problem}", name=name, problem=problem), reason=reason)


def _s(value, limit: int = 200, *, optional: bool = False) -> bool:
    if value is None:
        return optional
    return isinstance(value, str) and len(value) <= limit


def _int(value, lo: int = 0) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= lo


_QUERY_KEYS = {"uuid", "subject_uuid", "visit_uuid", "record_table", "record_uuid", "field", "text", "followup",
               "status", "version", "raised_by", "raised_at", "closed_by", "closed_at", "close_reason"}


def _check_line(obj: dict, name: str, n: int) -> None:
    kind = obj["type"]
    ok = True
    if kind == "ack":
        ok = (set(obj) == {"type", "bundle_seq", "bundle_hash", "to_seq", "chain_hash", "imported_at"}
              and _int(obj["bundle_seq"], 1) and _int(obj["to_seq"]) and _s(obj["imported_at"], 40)
              and all(isinstance(obj[k], str) and _HEX64.match(obj[k]) for k in ("bundle_hash", "chain_hash")))
    elif kind == "sae_ack":
        ok = (set(obj) == {"type", "uuid", "bundle_seq", "received_at"} and _s(obj["uuid"], 64)
              and _UUID_RE.match(obj["uuid"]) is not None and _int(obj["bundle_seq"], 1) and _s(obj["received_at"], 40))
    elif kind == "query":
        q = obj.get("query")
        ok = (set(obj) == {"type", "query"} and isinstance(q, dict) and set(q) == _QUERY_KEYS
              and _s(q["uuid"], 64) and _UUID_RE.match(q["uuid"]) is not None
              and q["record_table"] in records.CLINICAL_TABLES and _s(q["record_uuid"], 64)
              and _s(q["field"], 64) and _FIELD_RE.match(q["field"]) is not None
              and _s(q["text"], MAX_TEXT) and bool(q["text"].strip()) and _s(q["followup"], MAX_TEXT, optional=True)
              and q["status"] in STATUSES and _int(q["version"], 0)
              and _s(q["subject_uuid"], 64, optional=True) and _s(q["visit_uuid"], 64, optional=True)
              and _s(q["raised_by"]) and _s(q["raised_at"], 40) and _s(q["closed_by"], optional=True)
              and _s(q["closed_at"], 40, optional=True) and _s(q["close_reason"], MAX_TEXT, optional=True))
    elif kind == "sdv":
        base = {"type", "record_table", "record_uuid", "content_hash", "monitor", "marked_at"}
        ok = (set(obj) in (base, base | {"field"})  # `field`: a mark of one value (older sponsors: none)
              and ("field" not in obj or (_s(obj["field"], 64) and _FIELD_RE.match(obj["field"]) is not None))
              and obj["record_table"] in records.CLINICAL_TABLES and _s(obj["record_uuid"], 64)
              and isinstance(obj["content_hash"], str) and _HEX64.match(obj["content_hash"]) is not None
              and _s(obj["monitor"]) and _s(obj["marked_at"], 40))
    elif kind == "lock":
        subjects = obj.get("subjects")
        ok = (set(obj) == {"type", "request_uuid", "action", "scope", "subjects", "reason", "requested_by",
                           "requested_at"}
              and _s(obj["request_uuid"], 64) and _UUID_RE.match(obj["request_uuid"]) is not None
              and obj["action"] in ("lock", "unlock") and obj["scope"] in ("all", "subjects")
              and isinstance(subjects, list) and len(subjects) <= 100_000
              and (obj["scope"] == "all") == (not subjects)
              and all(isinstance(x, dict) and set(x) == {"uuid", "subject_id"} and _s(x["uuid"], 64)
                      and _s(x["subject_id"], 64) for x in subjects)
              and _s(obj["reason"], MAX_TEXT, optional=True) and _s(obj["requested_by"])
              and _s(obj["requested_at"], 40))
    elif kind == "study":
        ok = set(obj) == {"type", "version", "definition"} and _s(obj["version"], 32) and _s(obj["definition"], 1_000_000)
    else:
        raise _reject(name, msg("payload line {n} has an unknown type {kind!r}.", n=n, kind=kind[:30]))
    if not ok:
        raise _reject(name, msg("payload line {n} ({kind}) is malformed.", n=n, kind=kind))


def _read_payload(compressed: bytes, m: dict, name: str, site) -> dict:
    """Every line checked and grouped; BundleRejected before anything is written."""
    lines = bundle.iter_payload(compressed, m, return_bundle.LIMITS, name=name)
    first = next(lines, None)
    if first is None or first.get("type") != "header":
        raise _reject(name, msg("the payload does not start with its header."))
    if first.get("format") != return_bundle.PAYLOAD_FORMAT or first.get("version") != 1 \
            or first.get("site_uuid") != m["site_uuid"] or first.get("return_seq") != m["return_seq"]:
        raise _reject(name, msg("the payload header does not match the signed manifest."), "inconsistent")
    got: dict[str, list] = {"ack": [], "sae_ack": [], "query": [], "sdv": [], "study": [], "lock": []}
    ended = False
    for n, obj in enumerate(lines, 2):
        if ended:
            raise _reject(name, msg("there is data after the payload's end line."))
        if obj["type"] == "end":
            counts = {k: v for k, v in obj.items() if k != "type"}
            expected = {k: len(v) for k, v in got.items() if k != "lock" or "lock" in counts}  # older sponsors: no lock
            if counts != expected or counts != m["counts"]:
                raise _reject(name, msg("the payload's end line does not match its content (truncated or altered)."),
                              "tampered")
            ended = True
            continue
        _check_line(obj, name, n)
        got[obj["type"]].append(obj)
    if not ended:
        raise _reject(name, msg("the payload has no end line (truncated)."), "truncated")
    if len(got["study"]) > 1:
        raise _reject(name, msg("the payload carries more than one study definition."))
    for s in got["study"]:
        try:
            definition = study_def.parse_toml(s["definition"])
        except study_def.StudyDefinitionError as exc:
            problem = msg("the study definition it carries is not valid ({error}).", error=str(exc))
            raise _reject(name, problem) from None
        if definition.study_id != site.study_id or definition.version != s["version"]:
            raise _reject(name, msg("the study definition it carries is for study {study} version {version}, not an "
                                    "update of study {site_study}.", study=definition.study_id,
                                    version=definition.version, site_study=site.study_id), "inconsistent")
    return got


def import_return(session: Session, path) -> ReturnImportResult:
    """Verify and apply one return bundle from the sponsor (all or nothing); BundleRejected says why it was refused."""
    session.require("export")
    try:
        return _import_return(session, path)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError, RecursionError) as exc:
        # malformed content that slipped past the explicit checks: refused like any bad bundle (rolled back)
        raise BundleRejected(msg("{name}: its content could not be read ({error}); it was refused and nothing was "
                                 "changed.", name=Path(path).name, error=type(exc).__name__), reason="malformed") \
            from None


def _import_return(session: Session, path) -> ReturnImportResult:
    store = session.store
    site = site_info(store)
    c = return_bundle.read(path)
    name = c.path.name
    key_row = store.query_one("SELECT public_key FROM sponsor_signing_key WHERE id = 1")
    if key_row is None:
        raise BundleRejected(msg("{name}: no sponsor signing key is registered at this site, so the return bundle "
                                 "cannot be checked; it was not imported. Import the sponsor's sponsor-signing.pub "
                                 "first (sle-desktop set-sponsor-signing-key).", name=name), reason="no_sponsor_key")
    m = return_bundle.verify(c, bytes(key_row["public_key"]))
    if m["site_uuid"] != site.site_uuid or m["site_code"] != site.code:
        raise BundleRejected(msg("{name} is addressed to site {other}, not to this site ({site}); it was refused and "
                                 "nothing was changed.", name=name, other=m["site_code"][:10], site=site.code),
                             reason="wrong_site")
    if m["study_id"] != site.study_id:
        raise BundleRejected(msg("{name} is for study {study}, not {site_study}; it was refused.", name=name,
                                 study=m["study_id"][:64], site_study=site.study_id), reason="inconsistent")
    seq = m["return_seq"]
    last = store.query_one("SELECT return_seq, bundle_hash, imported_at FROM return_imports ORDER BY return_seq DESC "
                           "LIMIT 1")
    if last is not None:
        if seq == last["return_seq"]:
            when = last["imported_at"][:16]
            if last["bundle_hash"] == c.bundle_hash:
                text = msg("{name}: return bundle {seq} was already imported on {when}; importing it again changes "
                           "nothing, so it was refused.", name=name, seq=seq, when=when)
            else:
                text = msg("{name}: return bundle {seq} was already imported on {when}, and this file is a different "
                           "bundle with the same number; it was refused.", name=name, seq=seq, when=when)
            raise BundleRejected(text, reason="replay")
        if seq < last["return_seq"]:
            raise BundleRejected(msg("{name} is return bundle {seq}, older than return bundle {last} already imported. "
                                     "It may hold out-of-date query states; it was refused and nothing was changed.",
                                     name=name, seq=seq, last=last["return_seq"]), reason="older")
        if seq == last["return_seq"] + 1 and m["prev_return_hash"] != last["bundle_hash"]:
            raise BundleRejected(msg("{name} does not follow the last return bundle imported here (its previous-bundle "
                                     "hash differs); it was refused. Contact the sponsor.", name=name),
                                 reason="conflict")
    identity = _return_identity(session)
    if identity is None:
        raise BundleRejected(msg("{name}: this site has no return key yet, so the bundle cannot have been made for it. "
                                 "Give the sponsor this site's key file (sle-desktop site-key) first.", name=name),
                             reason="wrong_recipient")
    got = _read_payload(return_bundle.decrypt(c, identity), m, name, site)
    problem = locks.check_lock_requests(store, [line for line in got["lock"]])
    if problem:
        raise _reject(name, msg("{problem}; the return bundle was refused and nothing was changed.", problem=problem),
                      "unknown_subject")
    with store.transaction() as conn:
        result = _apply(session, conn, c, m, got)
    return result


def _apply(session: Session, conn, c, m: dict, got: dict) -> ReturnImportResult:
    store, user, seq = session.store, session.username, m["return_seq"]
    now = _now()
    warnings: list[str] = []
    acked: list[int] = []
    for a in got["ack"]:
        row = store.query_one("SELECT * FROM exports WHERE bundle_seq = ?", (a["bundle_seq"],))
        if row is None or row.get("status", "done") != "done" or row["bundle_hash"] != a["bundle_hash"]:
            warnings.append(msg("The sponsor acknowledged a bundle {seq} that differs from the one this site "
                                "exported; it was not marked as received.", seq=a["bundle_seq"]))
            continue
        chain = store.scalar("SELECT hash FROM audit WHERE seq = ?", (a["to_seq"],)) if a["to_seq"] else audit.GENESIS_HASH
        if chain != a["chain_hash"]:
            warnings.append(msg("The sponsor's copy of the audit trail at change {n} differs from this site's.",
                                n=a["to_seq"]))
        if row["acknowledged_at"] is None:
            conn.execute("UPDATE exports SET acknowledged_at = ? WHERE bundle_seq = ?", (a["imported_at"], a["bundle_seq"]))
            audit.append(conn, user=user, table="exports", row_id=str(a["bundle_seq"]), field="acknowledged_at", old=None,
                         new=a["imported_at"], reason=f"receipt confirmed by the sponsor in return bundle {seq}")
            acked.append(a["bundle_seq"])
    sae = 0
    for s in got["sae_ack"]:
        ae = records.get(store, "adverse_events", s["uuid"])
        if ae is None or ae["sae_acknowledged_at"] or not ae["serious"]:
            continue
        records.update(store, "adverse_events", s["uuid"], {"sae_acknowledged_at": s["received_at"]}, user=user,
                       reason=f"receipt confirmed by the sponsor in return bundle {seq}")
        sae += 1
    new = updated = 0
    for line in got["query"]:
        q = line["query"]
        values = {"subject_uuid": q["subject_uuid"], "visit_uuid": q["visit_uuid"], "record_table": q["record_table"],
                  "record_uuid": q["record_uuid"], "field": q["field"], "question": q["text"], "followup": q["followup"],
                  "status": q["status"], "sponsor_version": q["version"], "raised_by": q["raised_by"],
                  "raised_at": q["raised_at"], "closed_by": q["closed_by"], "closed_at": q["closed_at"],
                  "close_reason": q["close_reason"]}
        current = records.get(store, "queries", q["uuid"])
        if current is None:
            records.insert(store, "queries", values, user=user, record_uuid=q["uuid"])
            new += 1
        elif (current["record_table"], current["record_uuid"]) != (q["record_table"], q["record_uuid"]):
            raise _reject(c.path.name, msg("query {uuid} points at a different record than before; it was refused.",
                                           uuid=q["uuid"]), "conflict")
        elif q["version"] > current["sponsor_version"]:
            change = {k: values[k] for k in ("question", "followup", "status", "sponsor_version", "closed_by",
                                             "closed_at", "close_reason")}
            verb = {"closed": "closed", "reopened": "re-opened"}.get(q["status"], "updated")
            records.update(store, "queries", q["uuid"], change, user=user,
                           reason=f"query {verb} by the sponsor (return bundle {seq})")
            updated += 1
    marks = 0
    for s in got["sdv"]:
        field_name = s.get("field", "")
        mark = {"content_hash": s["content_hash"], "monitor": s["monitor"], "marked_at": s["marked_at"]}
        old = store.query_one("SELECT content_hash, monitor, marked_at FROM sdv_marks WHERE record_table = ? AND "
                              "record_uuid = ? AND field = ?", (s["record_table"], s["record_uuid"], field_name))
        if old == mark:
            continue
        conn.execute("INSERT OR REPLACE INTO sdv_marks (record_table, record_uuid, field, content_hash, monitor, "
                     "marked_at, return_seq) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     (s["record_table"], s["record_uuid"], field_name, s["content_hash"], s["monitor"], s["marked_at"],
                      seq))
        audit.append(conn, user=user, table="sdv_marks", row_id=s["record_uuid"], field=field_name or "*", old=old,
                     new=dict(mark, record_table=s["record_table"]), reason=f"source data verified (return bundle {seq})")
        marks += 1
    n_locked, n_unlocked = locks.apply_lock_requests(store, got["lock"], user=user, return_seq=seq, now=now)
    pending = None
    current_version = site_info(store).study_version
    for s in got["study"]:
        known = store.query_one("SELECT status FROM study_updates WHERE version = ?", (s["version"],))
        if s["version"] == current_version or known is not None:
            continue
        for old in store.query("SELECT version FROM study_updates WHERE status = 'pending'"):
            conn.execute("UPDATE study_updates SET status = 'superseded' WHERE version = ?", (old["version"],))
            audit.append(conn, user=user, table="study_updates", row_id=old["version"], field="status", old="pending",
                         new="superseded", reason=f"newer study definition {s['version']} received")
        conn.execute("INSERT INTO study_updates (version, definition, status, previous_version, received_at, return_seq) "
                     "VALUES (?, ?, 'pending', ?, ?, ?)", (s["version"], s["definition"], current_version, now, seq))
        audit.append(conn, user=user, table="study_updates", row_id=s["version"], field="*", old=None,
                     new={"version": s["version"], "status": "pending", "previous_version": current_version}, reason=None)
        pending = s["version"]
    summary = {"acknowledged": acked, "sae_acknowledged": sae, "queries_new": new, "queries_updated": updated,
               "sdv_marks": marks, "study_version": pending, "warnings": warnings, "casebooks_locked": n_locked,
               "casebooks_unlocked": n_unlocked}
    conn.execute("INSERT INTO return_imports (return_seq, bundle_hash, prev_return_hash, file_name, sponsor_created_at, "
                 "sponsor_created_by, imported_at, imported_by, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 (seq, c.bundle_hash, m["prev_return_hash"], c.path.name, m["created_at"], m["created_by"], now, user,
                  audit.canonical_json(summary)))
    audit.append(conn, user=user, table="return_imports", row_id=str(seq), field="*", old=None,
                 new=dict(summary, bundle_hash=c.bundle_hash, file_name=c.path.name), reason=None)
    return ReturnImportResult(c.path, seq, acked, sae, new, updated, marks, pending, warnings, n_locked, n_unlocked)


def last_return(session: Session) -> dict | None:
    """The most recent return bundle imported (return_seq, bundle_hash, file_name, imported_at, summary, ...)."""
    session.require("view")
    return session.store.query_one("SELECT * FROM return_imports ORDER BY return_seq DESC LIMIT 1")


def find_return_bundles(session: Session, folder) -> list[Path]:
    """Return bundles for this site in a folder (e.g. a USB drive), newest first."""
    site = site_info(session.store)
    try:
        found = sorted(Path(folder).glob(f"{site.code}-return-*{return_bundle.SUFFIX}"), reverse=True)
    except OSError:
        return []
    return [p for p in found if p.is_file()]
