"""Site use cases of the sync: the site's public key, the sponsor's keys, and exporting bundles."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sle_desktop.app.errors import ConflictError, SetupError, ValidationError
from sle_desktop.app.session import Session
from sle_desktop.app.site import site_info
from sle_desktop.domain.text import msg
from sle_desktop.store import audit, crypto, records
from sle_desktop.sync import atomic, bundle, keys, site_export
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
class ExportRecord:
    """A completed export as the site recorded it."""

    bundle_seq: int
    from_seq: int
    to_seq: int
    file_name: str
    bundle_hash: str
    size_bytes: int
    created_at: str
    created_by: str
    acknowledged_at: str | None  # when the sponsor's return bundle confirmed receipt


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
    last_export: ExportRecord | None = None


def _now_text() -> str:
    return audit.utc_now().isoformat(timespec="seconds")


def _site_facts(store) -> site_export.SiteFacts:
    s = site_info(store)
    return site_export.SiteFacts(s.site_uuid, s.code, s.name, s.study_id, s.study_version)


def site_public_key(session: Session) -> str:
    """The text of the site's public key file (site code, UUID, base64 signing key, fingerprint, and the
    return-bundle key, created at first need)."""
    from sle_desktop.app import returns

    session.require("configure_sync")
    return returns.site_key_text(session)


def site_key_fingerprint(session: Session) -> str:
    """Fingerprint of the site's public signing key (to read to the sponsor by phone)."""
    from sle_desktop.app import returns

    return keys.parse_site_key(returns.site_key_text(session, create_return_identity=False)).fingerprint


def set_sponsor_recipients(session: Session, text: str) -> list[SponsorKey]:
    """Replace the sponsor's age recipient(s) with those in a recipients file's text (audited)."""
    session.require("configure_sync")
    try:
        parsed = keys.parse_recipients(text)
    except SyncError as exc:
        raise ValidationError({"sponsor_key": exc.args[0]}) from None
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


def last_export(session: Session) -> ExportRecord | None:
    """The most recent completed export, or None."""
    session.require("view")
    return _last_export(session.store)


def _last_export(store) -> ExportRecord | None:
    row = store.query_one(
        "SELECT bundle_seq, from_seq, to_seq, file_name, bundle_hash, size_bytes, created_at, created_by, "
        "acknowledged_at FROM exports WHERE status = 'done' ORDER BY bundle_seq DESC LIMIT 1")
    return ExportRecord(**row) if row else None


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
    last = store.query_one("SELECT bundle_seq, bundle_hash, to_seq FROM exports WHERE status = 'done' "
                           "ORDER BY bundle_seq DESC LIMIT 1")
    bundle_seq = (last["bundle_seq"] if last else 0) + 1
    prev_hash = last["bundle_hash"] if last else audit.GENESIS_HASH
    last_to = last["to_seq"] if last else 0
    head_seq, _ = audit.head(store.conn)
    since = last_to if since_seq is None else since_seq
    if isinstance(since, bool) or not isinstance(since, int) or since < 0:
        raise ValidationError({"since_seq": msg("The starting change number must be a whole number, 0 or more.")})
    if since > last_to:
        raise ValidationError({"since_seq": msg(
            "Starting after change {since} would skip changes {first}–{since}, which the sponsor has not received. "
            "Choose a number from 0 to {last}.", since=since, first=last_to + 1, last=last_to)})
    return bundle_seq, prev_hash, since, head_seq


def export_preview(session: Session, *, since_seq: int | None = None) -> ExportPreview:
    """How many changes the next bundle would carry and roughly how big it would be."""
    session.require("view")
    store = session.store
    with _read_snapshot(store):
        bundle_seq, _, since, head = _plan(store, since_seq)
        n_rows, n_audit = site_export.pending_counts(store, since)
        estimate = site_export.estimate_bytes(store, since) if n_audit else 0
        last = _last_export(store)
    return ExportPreview(bundle_seq, since, head, n_audit, n_rows, estimate, sponsor_fingerprints(session), last)


def _signing_key(session: Session) -> Ed25519PrivateKey:
    store = session.store
    site = site_info(store)
    row = store.query_one("SELECT public_key, encrypted_private_key FROM site_signing_key WHERE id = 1")
    if row is None:
        raise SetupError(msg("This site has no signing key; bundles cannot be signed. Contact support."))
    try:
        raw = crypto.open_sealed(session.require_key(), row["encrypted_private_key"],
                                 b"sle_desktop site signing key:" + site.site_uuid.encode())
        key = Ed25519PrivateKey.from_private_bytes(raw)
    except (crypto.CryptoError, ValueError):
        raise SetupError(msg("The site signing key cannot be unlocked with this site's data key (the database "
                             "may have been copied from another installation).")) from None
    if key.public_key().public_bytes_raw() != bytes(row["public_key"]):
        raise SetupError(msg("The site signing key does not match its registered public key; contact support."))
    return key


@dataclass(frozen=True)
class ReconcileOutcome:
    """What `reconcile_exports` did with one interrupted export."""

    bundle_seq: int
    action: str   # "completed" | "dropped" | "unresolved"
    message: str


def _complete_export(store, row: dict, *, user: str, reason: str | None = None) -> int:
    """Phase 2 (inside the caller's transaction): mark a pending export done, audit it, stop the SAE clocks."""
    bundle_seq = row["bundle_seq"]
    store.conn.execute("UPDATE exports SET status = 'done' WHERE bundle_seq = ? AND status = 'pending'", (bundle_seq,))
    values = {k: row[k] for k in ("bundle_seq", "from_seq", "to_seq", "file_name", "bundle_hash", "size_bytes")}
    audit.append(store.conn, user=user, table="exports", row_id=str(bundle_seq), field="*", old=None, new=values,
                 reason=reason)
    marked = 0
    for ae_uuid in json.loads(row["sae_uuids"] or "[]"):
        current = records.get(store, "adverse_events", ae_uuid)
        if current is None or current.get("sae_exported_at"):
            continue
        records.update(store, "adverse_events", ae_uuid, {"sae_exported_at": row["created_at"]}, user=user,
                       reason=f"included in bundle {bundle_seq}")
        marked += 1
    return marked


def _set_aside(path: Path) -> Path | None:
    """Rename a final-named bundle file that does not match the store so it no longer looks like a bundle."""
    aside = path.with_name(f".{path.name}.unrecorded-{secrets.token_hex(4)}")
    try:
        os.replace(path, aside)
        atomic.fsync_dir(path.parent)
        return aside
    except OSError:
        with contextlib.suppress(OSError):
            path.unlink()
        return None


def _reconcile_row(store, row: dict, public_key: bytes, site_code: str, *, user: str) -> ReconcileOutcome:
    """Decide one pending export: complete it when its final file exists and is the recorded bundle, else drop it."""
    seq = row["bundle_seq"]
    folder = Path(row["folder"] or "")
    final = folder / row["file_name"]
    if not row["folder"] or not folder.is_dir():
        return ReconcileOutcome(seq, "unresolved", msg(
            "Bundle {seq} ({file}) was being written to {folder} when the program stopped, and that folder is not "
            "available now. Plug that drive in again so the export can be checked and finished, or, if the drive is "
            "lost and the file was never given to the sponsor, discard the interrupted export.", seq=seq,
            file=row["file_name"], folder=folder))
    if final.is_file():
        try:
            container = bundle.read_container(final, bundle.Limits(max_bundle_bytes=max(
                bundle.Limits().max_bundle_bytes, int(row["size_bytes"]) + 1)))
            bundle.verify_container(container, public_key, site_code=site_code)
            matches = container.bundle_hash == row["bundle_hash"] and container.file_sha256 == row["file_sha256"]
        except SyncError:
            matches = False
        if matches:
            with store.transaction():
                current = store.query_one("SELECT * FROM exports WHERE bundle_seq = ?", (seq,))
                if current is None or current["status"] != "pending":
                    return ReconcileOutcome(seq, "completed", msg("Bundle {seq} was already recorded.", seq=seq))
                _complete_export(store, current, user=user, reason="export finished after an interruption")
            return ReconcileOutcome(seq, "completed", msg(
                "The interrupted export of bundle {seq} had been written completely to {path}; it is now recorded.",
                seq=seq, path=final))
        _set_aside(final)
    for leftover in folder.glob(f".{row['file_name']}.partial-*"):
        with contextlib.suppress(OSError):
            leftover.unlink()
    with store.transaction() as conn:
        conn.execute("DELETE FROM exports WHERE bundle_seq = ? AND status = 'pending'", (seq,))
    return ReconcileOutcome(seq, "dropped", msg(
        "The export of bundle {seq} was interrupted before its file was finished; nothing was sent, and the next "
        "export will carry the same changes.", seq=seq))


def _sweep_temporary_files(folder: Path, site_code: str) -> None:
    """Remove hidden temporary bundle files an interrupted export of this site left in `folder`."""
    for leftover in folder.glob(f".{site_code}-bundle-*{bundle.SUFFIX}.partial-*"):
        with contextlib.suppress(OSError):
            leftover.unlink()


def reconcile_exports(session: Session) -> list[ReconcileOutcome]:
    """Finish or undo exports interrupted by a crash or a pulled drive (call at start-up; export does it too).

    A pending export whose final file exists and is exactly the recorded bundle is marked done (audited,
    SAEs marked exported). Otherwise the pending row is dropped, its temporary file removed, and a
    final-named file that does not match is renamed aside so it never looks like a valid bundle.
    """
    session.require("export")
    store = session.store
    pending = store.query("SELECT * FROM exports WHERE status = 'pending' ORDER BY bundle_seq")
    if not pending:
        return []
    site = site_info(store)
    public = bytes(store.scalar("SELECT public_key FROM site_signing_key WHERE id = 1") or b"")
    return [_reconcile_row(store, row, public, site.code, user=session.username) for row in pending]


def discard_interrupted_export(session: Session, bundle_seq: int, *, reason: str) -> None:
    """Drop an interrupted export whose drive is lost (the file was never given to the sponsor); audited."""
    session.require("export")
    if not (reason or "").strip():
        raise ValidationError({"reason": msg("Give a reason for discarding the interrupted export.")})
    with session.store.transaction() as conn:
        row = session.store.query_one("SELECT * FROM exports WHERE bundle_seq = ? AND status = 'pending'", (bundle_seq,))
        if row is None:
            raise ConflictError(msg("There is no interrupted export of bundle {seq}.", seq=bundle_seq))
        conn.execute("DELETE FROM exports WHERE bundle_seq = ?", (bundle_seq,))
        audit.append(conn, user=session.username, table="exports", row_id=str(bundle_seq), field="discarded",
                     old={"file_name": row["file_name"], "folder": row["folder"], "bundle_hash": row["bundle_hash"]},
                     new=None, reason=reason.strip())


def export_bundle(session: Session, target_dir, *, since_seq: int | None = None,
                  report: Callable[[int, int], None] | None = None) -> ExportResult:
    """Write the next bundle (every change since the last export, or since `since_seq`) into `target_dir`.

    Two phases, so that no crash or pulled drive can leave a valid bundle the store does not know:
      1. the bundle is written under a hidden temporary name, fsynced, re-read and verified; then a
         `pending` export row (bundle number, range, folder, bundle and file hashes, SAEs) is committed;
      2. the file is renamed to its final name and the folder fsynced; then, in a second transaction,
         the export is marked done, audited, and the SAEs it carries are marked exported.
    A crash between the two is settled by `reconcile_exports` (run first here, and at start-up).
    """
    session.require("export")
    store = session.store
    target = Path(target_dir)
    if target.exists() and not target.is_dir():
        raise ValidationError({"target": msg("{folder} is a file, not a folder.", folder=target)})
    if not target.is_dir():
        raise ValidationError({"target": msg("The folder {folder} does not exist (is the USB drive plugged in?).",
                                             folder=target)})
    recipients = [r.recipient for r in sponsor_fingerprints(session)]
    if not recipients:
        raise ConflictError(msg("No sponsor key is set up, so a bundle cannot be encrypted. Import the sponsor's key "
                                "file first (sle-desktop set-sponsor, or Settings → Sync)."))
    unresolved = [o for o in reconcile_exports(session) if o.action == "unresolved"]
    if unresolved:
        raise ConflictError(unresolved[0].message)
    signing = _signing_key(session)
    site = _site_facts(store)
    _sweep_temporary_files(target, site.code)
    now = _now_text()
    with _read_snapshot(store):
        bundle_seq, prev_hash, since, head = _plan(store, since_seq)
        if since >= head:
            raise ConflictError(msg("Nothing to export: there are no changes after change {since}.", since=since))
        check = audit.verify_since(store.conn, since)
        if not check.ok:
            raise ConflictError(msg("{problem} Nothing was exported; run 'sle-desktop verify-audit' and contact the "
                                    "sponsor.", problem=check.message))
        staged = site_export.stage_bundle(
            store, site=site, target_dir=target, signing_key=signing, recipients=recipients, since_seq=since,
            bundle_seq=bundle_seq, prev_bundle_hash=prev_hash, created_by=session.username, report=report, now_text=now)
    values = {
        "bundle_seq": bundle_seq, "from_seq": since, "to_seq": staged.built.manifest["to_seq"],
        "file_name": staged.final_path.name, "bundle_hash": staged.built.bundle_hash,
        "size_bytes": staged.size_bytes, "created_at": now, "created_by": session.username, "status": "pending",
        "folder": str(target.resolve()), "file_sha256": staged.file_sha256, "sae_uuids": json.dumps(staged.sae_uuids),
    }
    recorded = published = False
    try:
        with store.transaction() as conn:  # phase 1: pending row, before the final name exists
            if conn.execute("SELECT count(*) FROM exports WHERE status = 'pending'").fetchone()[0]:
                raise ConflictError(msg("Another export is in progress; wait for it to finish, then export again."))
            latest = conn.execute("SELECT coalesce(max(bundle_seq), 0) FROM exports").fetchone()[0]
            if latest + 1 != bundle_seq:
                raise ConflictError(msg("Another export was made at the same time; export again."))
            conn.execute(
                f"INSERT INTO exports ({', '.join(values)}) VALUES ({', '.join(':' + k for k in values)})", values)
        recorded = True
        try:
            atomic.publish(staged.temp_path, staged.final_path)
        except OSError as exc:
            raise atomic.explain_os_error(exc, msg("the bundle"), target) from exc
        published = True
        with store.transaction():  # phase 2
            marked = _complete_export(store, values, user=session.username)
    except BaseException:
        # A normal failure (not a crash): undo both phases so the store and the drive agree. When the final
        # file cannot be removed (the drive was pulled after the rename) the pending row stays, and
        # reconcile_exports settles it once the drive is back.
        removed = True
        try:
            (staged.final_path if published else staged.temp_path).unlink(missing_ok=True)
        except OSError:
            removed = not published
        if recorded and removed:
            with contextlib.suppress(Exception):
                with store.transaction() as conn:
                    conn.execute("DELETE FROM exports WHERE bundle_seq = ? AND status = 'pending'", (bundle_seq,))
        raise
    return ExportResult(staged.final_path, bundle_seq, since, staged.built.manifest["to_seq"], staged.size_bytes,
                        staged.audit_rows, staged.records, marked, staged.built.bundle_hash, True)
