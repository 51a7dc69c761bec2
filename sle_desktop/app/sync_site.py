"""Site use cases of the sync: the site's public key, the sponsor's keys, and exporting bundles."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sle_desktop.app.errors import ConflictError, SetupError, ValidationError
from sle_desktop.app.session import Session
from sle_desktop.app.site import site_info
from sle_desktop.store import audit, crypto, records
from sle_desktop.sync import atomic, keys, site_export
from sle_desktop.sync.errors import SyncError


@dataclass(frozen=True)
class SponsorKey:
    """One sponsor recipient (age public key) the site encrypts bundles to."""

    recipient: str
    fingerprint: str
    label: str | None
    added_at: str
    added_by: str


@dataclass(frozen=True)
class ExportResult:
    """What `export_bundle` wrote. The file was re-read and verified before this is returned."""

    path: Path
    bundle_seq: int
    from_seq: int
    to_seq: int
    size_bytes: int
    changes: int          # audit rows (each one change) in the bundle
    records: int = 0      # clinical records in the bundle
    sae_marked: int = 0   # serious adverse events whose 24 h clock this export stopped
    bundle_hash: str = ""
    verified: bool = True


@dataclass(frozen=True)
class ExportPreview:
    """What the next export would contain (for the export dialog)."""

    bundle_seq: int
    since_seq: int
    head_seq: int
    changes: int
    records: int
    estimated_bytes: int
    sponsor_keys: list[SponsorKey] = field(default_factory=list)
    last_export: dict | None = None


def _now_text() -> str:
    return audit.utc_now().isoformat(timespec="seconds")


def _site_facts(store) -> site_export.SiteFacts:
    s = site_info(store)
    return site_export.SiteFacts(s.site_uuid, s.code, s.name, s.study_id, s.study_version)


def site_public_key(session: Session) -> str:
    """The text of the site's public signing key file (site code, UUID, base64 key, fingerprint)."""
    session.require("view")
    store = session.store
    site = site_info(store)
    row = store.query_one("SELECT public_key FROM site_signing_key WHERE id = 1")
    if row is None:
        raise SetupError("This site has no signing key; it was set up by an older version. Contact support.")
    return keys.format_site_key(keys.SiteKey(site.site_uuid, site.code, site.name, site.study_id, bytes(row["public_key"])))


def site_key_fingerprint(session: Session) -> str:
    """Fingerprint of the site's public signing key (to read to the sponsor by phone)."""
    return keys.parse_site_key(site_public_key(session)).fingerprint


def set_sponsor_recipients(session: Session, text: str) -> list[SponsorKey]:
    """Replace the sponsor's age recipient(s) with those in a recipients file's text (audited)."""
    session.require("configure_sync")
    try:
        parsed = keys.parse_recipients(text)
    except SyncError as exc:
        raise ValidationError({"sponsor_key": str(exc)}) from None
    store = session.store
    now = _now_text()
    with store.transaction() as conn:
        old = [r[0] for r in conn.execute("SELECT recipient FROM sponsor_recipients ORDER BY recipient")]
        new = sorted(r.recipient for r in parsed)
        if old == new:
            return sponsor_fingerprints(session)
        conn.execute("DELETE FROM sponsor_recipients")
        for r in parsed:
            conn.execute(
                "INSERT INTO sponsor_recipients (recipient, label, fingerprint, added_at, added_by) VALUES (?, ?, ?, ?, ?)",
                (r.recipient, r.label, r.fingerprint, now, session.username),
            )
        audit.append(conn, user=session.username, table="sponsor_recipients", row_id="sponsor", field="recipients",
                     old=[{"recipient": k, "fingerprint": keys.fingerprint(k)} for k in old] or None,
                     new=[{"recipient": r.recipient, "fingerprint": r.fingerprint, "label": r.label} for r in parsed],
                     reason="sponsor key file replaced" if old else None)
    return sponsor_fingerprints(session)


def sponsor_fingerprints(session: Session) -> list[SponsorKey]:
    """The sponsor keys bundles are encrypted to, with fingerprints to confirm with the sponsor by phone."""
    session.require("view")
    return [SponsorKey(**r) for r in session.store.query(
        "SELECT recipient, fingerprint, label, added_at, added_by FROM sponsor_recipients ORDER BY added_at, recipient")]


def last_export(session: Session) -> dict | None:
    """The most recent export (bundle_seq, from_seq, to_seq, file_name, bundle_hash, size_bytes, created_at, created_by)."""
    session.require("view")
    return session.store.query_one("SELECT * FROM exports ORDER BY bundle_seq DESC LIMIT 1")


@contextlib.contextmanager
def _read_snapshot(store):
    """A read transaction, so the head, the rows and the audit trail come from one moment."""
    if store.conn.in_transaction:
        yield
        return
    store.conn.execute("BEGIN")
    try:
        yield
    finally:
        store.conn.execute("COMMIT")


def _plan(store, since_seq: int | None) -> tuple[int, str, int, int]:
    """(bundle_seq, prev_bundle_hash, since, head_seq) of the next export."""
    last = store.query_one("SELECT bundle_seq, bundle_hash, to_seq FROM exports ORDER BY bundle_seq DESC LIMIT 1")
    bundle_seq = (last["bundle_seq"] if last else 0) + 1
    prev_hash = last["bundle_hash"] if last else audit.GENESIS_HASH
    last_to = last["to_seq"] if last else 0
    head_seq, _ = audit.head(store.conn)
    since = last_to if since_seq is None else since_seq
    if isinstance(since, bool) or not isinstance(since, int) or since < 0:
        raise ValidationError({"since_seq": "The starting change number must be a whole number, 0 or more."})
    if since > last_to:
        raise ValidationError({"since_seq": (
            f"Starting after change {since} would skip changes {last_to + 1}–{since}, which the sponsor has not "
            f"received. Choose a number from 0 to {last_to}.")})
    return bundle_seq, prev_hash, since, head_seq


def export_preview(session: Session, *, since_seq: int | None = None) -> ExportPreview:
    """How many changes the next bundle would carry and roughly how big it would be."""
    session.require("view")
    store = session.store
    with _read_snapshot(store):
        bundle_seq, _, since, head = _plan(store, since_seq)
        n_rows, n_audit = site_export.pending_counts(store, since)
        estimate = site_export.estimate_bytes(store, since) if n_audit else 0
        last = store.query_one("SELECT * FROM exports ORDER BY bundle_seq DESC LIMIT 1")
    return ExportPreview(bundle_seq, since, head, n_audit, n_rows, estimate, sponsor_fingerprints(session), last)


def _signing_key(session: Session) -> Ed25519PrivateKey:
    store = session.store
    site = site_info(store)
    row = store.query_one("SELECT public_key, encrypted_private_key FROM site_signing_key WHERE id = 1")
    if row is None:
        raise SetupError("This site has no signing key; bundles cannot be signed. Contact support.")
    try:
        raw = crypto.open_sealed(session.require_key(), row["encrypted_private_key"],
                                 b"sle_desktop site signing key:" + site.site_uuid.encode())
        key = Ed25519PrivateKey.from_private_bytes(raw)
    except (crypto.CryptoError, ValueError):
        raise SetupError("The site signing key cannot be unlocked with this site's data key (the database "
                         "may have been copied from another installation).") from None
    if key.public_key().public_bytes_raw() != bytes(row["public_key"]):
        raise SetupError("The site signing key does not match its registered public key; contact support.")
    return key


def export_bundle(session: Session, target_dir, *, since_seq: int | None = None,
                  report: Callable[[int, int], None] | None = None) -> ExportResult:
    """Write the next bundle (every change since the last export, or since `since_seq`) into `target_dir`.

    The file is written under a hidden temporary name, fsynced, re-read and verified; only then is
    the export recorded (exports table + audit trail, SAEs marked as exported) and the file renamed
    to its final name, all in one transaction.
    """
    session.require("export")
    store = session.store
    target = Path(target_dir)
    if not target.is_dir():
        raise ValidationError({"target": f"The folder {target} does not exist (is the USB drive plugged in?)."})
    recipients = [r.recipient for r in sponsor_fingerprints(session)]
    if not recipients:
        raise ConflictError("No sponsor key is set up, so a bundle cannot be encrypted. Import the sponsor's key file "
                            "first (sle-desktop set-sponsor, or Settings → Sync).")
    signing = _signing_key(session)
    site = _site_facts(store)
    now = _now_text()
    with _read_snapshot(store):
        bundle_seq, prev_hash, since, head = _plan(store, since_seq)
        if since >= head:
            raise ConflictError(f"Nothing to export: there are no changes after change {since}.")
        staged = site_export.stage_bundle(
            store, site=site, target_dir=target, signing_key=signing, recipients=recipients, since_seq=since,
            bundle_seq=bundle_seq, prev_bundle_hash=prev_hash, created_by=session.username, report=report, now_text=now)
    published = False
    try:
        with store.transaction() as conn:
            latest = conn.execute("SELECT coalesce(max(bundle_seq), 0) FROM exports").fetchone()[0]
            if latest + 1 != bundle_seq:
                raise ConflictError("Another export was made at the same time; export again.")
            values = {
                "bundle_seq": bundle_seq, "from_seq": since, "to_seq": staged.built.manifest["to_seq"],
                "file_name": staged.final_path.name, "bundle_hash": staged.built.bundle_hash,
                "size_bytes": staged.size_bytes, "created_at": now, "created_by": session.username,
            }
            conn.execute(
                "INSERT INTO exports (bundle_seq, from_seq, to_seq, file_name, bundle_hash, size_bytes, created_at, created_by)"
                " VALUES (:bundle_seq, :from_seq, :to_seq, :file_name, :bundle_hash, :size_bytes, :created_at, :created_by)",
                values,
            )
            audit.append(conn, user=session.username, table="exports", row_id=str(bundle_seq), field="*", old=None,
                         new={k: v for k, v in values.items() if k not in ("created_at", "created_by")}, reason=None)
            for ae_uuid in staged.sae_uuids:
                records.update(store, "adverse_events", ae_uuid, {"sae_exported_at": now}, user=session.username,
                               reason=f"included in bundle {bundle_seq}")
            try:
                atomic.publish(staged.temp_path, staged.final_path)
            except OSError as exc:
                raise atomic.explain_os_error(exc, "the bundle", target) from exc
            published = True
    except BaseException:
        with contextlib.suppress(OSError):
            (staged.final_path if published else staged.temp_path).unlink()
        raise
    return ExportResult(staged.final_path, bundle_seq, since, staged.built.manifest["to_seq"], staged.size_bytes,
                        staged.audit_rows, staged.records, len(staged.sae_uuids), staged.built.bundle_hash, True)
