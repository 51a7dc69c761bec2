"""Encrypted site backups that restore: a consistent snapshot, age-encrypted to the site's own key and the sponsor's.

A backup (`BY01-backup-<UTC time>-seq<N>.slebackup`) is a tar file like a bundle:

    manifest.json    site, time, schema, audit-chain head, last bundle, payload hashes, and what restore needs
                     to unlock the site key without the lost PC: the data key wrapped per administrator
                     password (argon2id) and under the machine key file, and the site's age identity sealed
                     under the data key
    manifest.sig     the site's Ed25519 signature over manifest.json
    payload.sqlite.gz.age   the snapshot (SQLite online backup API, so the application may be writing), gzip, age

It is written atomically (hidden temporary file, fsync, re-read and verified, rename), so a pulled stick or a
crash never leaves a valid-looking partial backup. Restore writes a new file only, never over a database.
"""

from __future__ import annotations

import base64
import contextlib
import gzip
import hashlib
import io
import json
import os
import sqlite3
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from sle_desktop import __version__
from sle_desktop.app.errors import AppError
from sle_desktop.app.returns import _aad as return_identity_aad
from sle_desktop.app.returns import ensure_return_identity
from sle_desktop.app.session import Session
from sle_desktop.app.site import site_info
from sle_desktop.app.sync_site import _signing_key
from sle_desktop.domain.text import msg
from sle_desktop.store import audit, crypto, keys, migrations
from sle_desktop.store.db import Store, StoreError
from sle_desktop.sync import atomic

FORMAT = "sle_desktop-backup"
FORMAT_VERSION = 1
SUFFIX = ".slebackup"
MEMBERS = ("manifest.json", "manifest.sig", "payload.sqlite.gz.age")
MAX_MANIFEST_BYTES = 256 * 1024
MAX_BACKUP_BYTES = 4 * 1024 ** 3
LAST_BACKUP_KEY = "last_backup"


class BackupError(AppError):
    """A backup could not be written, or a file is not a backup this site can restore."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    head_seq: int
    last_bundle_seq: int
    size: int
    sponsor_keys: int


@dataclass(frozen=True)
class RestoreResult:
    path: Path
    site_code: str
    created_at: str
    head_seq: int
    last_bundle_seq: int
    unlocked_by: str  # "machine key file" or "password of <user>"


@dataclass(frozen=True)
class BackupState:
    """When the site last backed up and whether it changed since (for the reminder)."""

    last_at: datetime | None
    last_head_seq: int
    head_seq: int
    days: int  # remind after this many days (study definition)

    @property
    def changed_since(self) -> bool:
        return self.head_seq > self.last_head_seq

    def due(self, now: datetime | None = None) -> bool:
        """True when there are changes not yet in a backup and the last one is older than `days` (or none)."""
        if not self.changed_since:
            return False
        if self.last_at is None:
            return True
        return ((now or datetime.now(UTC)) - self.last_at).total_seconds() > self.days * 86400


def _b64(data: bytes) -> str:
    return base64.b64encode(bytes(data)).decode("ascii")


def _unb64(text, what: str) -> bytes:
    try:
        return base64.b64decode(str(text), validate=True)
    except (ValueError, TypeError):
        raise BackupError(msg("The backup's {what} is damaged.", what=what)) from None


def _sponsor_recipients(store) -> list[str]:
    return [r["recipient"] for r in store.query("SELECT recipient FROM sponsor_recipients ORDER BY recipient")]


def backup_state(session: Session) -> BackupState:
    """The last backup recorded in this database and the current audit head."""
    session.require("view")
    from sle_desktop.app.study import study_in_force

    raw = session.store.scalar("SELECT value FROM settings WHERE key = ?", (LAST_BACKUP_KEY,))
    last = json.loads(raw) if raw else {}
    head = session.store.scalar("SELECT coalesce(max(seq), 0) FROM audit") or 0
    at = datetime.fromisoformat(last["at_utc"]) if last.get("at_utc") else None
    return BackupState(at, int(last.get("head_seq", 0)), int(head), study_in_force(session.store).backup_reminder_days)


def _snapshot(store, target: Path) -> None:
    dest = sqlite3.connect(str(target))
    try:
        store.conn.backup(dest)
    finally:
        dest.close()


def _snapshot_facts(path: Path) -> tuple[int, str, int]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        seq, head = conn.execute("SELECT coalesce(max(seq), 0), (SELECT hash FROM audit ORDER BY seq DESC LIMIT 1) "
                                 "FROM audit").fetchone()
        last_bundle = conn.execute("SELECT coalesce(max(bundle_seq), 0) FROM exports WHERE status = 'done'").fetchone()[0]
    finally:
        conn.close()
    return int(seq), head or "", int(last_bundle)


def _key_wraps(store, site_uuid: str) -> dict:
    admins = [{"username": r["username"], "kdf_salt": _b64(r["kdf_salt"]), "kdf_params": r["kdf_params"],
               "wrapped_data_key": _b64(r["wrapped_data_key"])}
              for r in store.query("SELECT * FROM users WHERE role = 'admin' AND active = 1 ORDER BY username")]
    machine = store.query_one("SELECT wrapped_data_key FROM machine_keys WHERE key_id = ?", (site_uuid,))
    return {"admins": admins, "machine": _b64(machine["wrapped_data_key"]) if machine else None}


def _tar_bytes(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name in MEMBERS:
            info = tarfile.TarInfo(name)
            info.size = len(members[name])
            info.mode = 0o600
            tar.addfile(info, io.BytesIO(members[name]))
    return buf.getvalue()


def _read_members(path: Path) -> dict[str, bytes]:
    """The three members of a backup file, refusing anything else (bounded sizes, no links, no extra names)."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise BackupError(msg("Cannot read {path}: {error}.", path=str(path), error=exc.strerror or str(exc))) from None
    if size > MAX_BACKUP_BYTES:
        raise BackupError(msg("{path} is too large to be a site backup.", path=str(path)))
    members: dict[str, bytes] = {}
    try:
        with tarfile.open(path, mode="r:") as tar:
            for info in tar:
                if info.name not in MEMBERS or not info.isfile() or info.name in members:
                    raise BackupError(msg("{path} is not a site backup (unexpected content).", path=path.name))
                if info.name != "payload.sqlite.gz.age" and info.size > MAX_MANIFEST_BYTES:
                    raise BackupError(msg("{path} is not a site backup (manifest too large).", path=path.name))
                members[info.name] = tar.extractfile(info).read()
    except (tarfile.TarError, EOFError, OSError, ValueError):
        raise BackupError(msg("{path} is not a complete site backup (damaged or truncated).", path=path.name)) from None
    if set(members) != set(MEMBERS):
        raise BackupError(msg("{path} is not a complete site backup (damaged or truncated).", path=path.name))
    return members


def _manifest(members: dict[str, bytes], name: str) -> dict:
    try:
        manifest = json.loads(members["manifest.json"].decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise BackupError(msg("{path} is not a site backup (unreadable manifest).", path=name)) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(msg("{path} is not an sle_desktop site backup.", path=name))
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(msg("{path} was written by another version of sle_desktop (backup format {version}).",
                              path=name, version=manifest.get("format_version")))
    try:
        public = Ed25519PublicKey.from_public_bytes(_unb64(manifest["site_public_key"], "site key"))
        public.verify(members["manifest.sig"], members["manifest.json"])
    except (InvalidSignature, KeyError, ValueError):
        raise BackupError(msg("{path} has been altered: its signature does not match.", path=name)) from None
    if hashlib.sha256(members["payload.sqlite.gz.age"]).hexdigest() != manifest.get("ciphertext_sha256"):
        raise BackupError(msg("{path} has been altered or is incomplete: the data do not match the signed manifest.",
                              path=name))
    return manifest


def verify_backup_file(path: str | os.PathLike) -> dict:
    """Structure, signature and hashes of a backup file (without decrypting it); its manifest, or BackupError."""
    path = Path(path)
    return _manifest(_read_members(path), path.name)


def backup(session: Session, target_dir: str | os.PathLike) -> BackupResult:
    """Write an encrypted, signed backup of the whole site database into `target_dir` (e.g. a USB stick)."""
    session.require("export")
    folder = Path(target_dir)
    if not folder.is_dir():
        if folder.exists():
            raise BackupError(msg("{path} is a file, not a folder: choose the folder to write the backup into.",
                                  path=str(folder)))
        raise BackupError(msg("The folder {path} does not exist.", path=str(folder)))
    store = session.store
    site = site_info(store)
    own_recipient = ensure_return_identity(session)
    recipients = [own_recipient, *_sponsor_recipients(store)]
    signing_key = _signing_key(session)
    identity_row = store.query_one("SELECT encrypted_identity FROM return_identity WHERE id = 1")
    with tempfile.TemporaryDirectory(prefix="sle-backup-") as tmp:
        snap = Path(tmp) / "snapshot.sqlite"
        _snapshot(store, snap)
        head_seq, head_hash, last_bundle = _snapshot_facts(snap)
        raw = snap.read_bytes()
    plain = gzip.compress(raw, compresslevel=1, mtime=0)  # level 1: a third of the size, several times faster than 6
    try:
        ciphertext = pyrage.encrypt(plain, [pyrage.x25519.Recipient.from_str(r) for r in recipients])
    except (pyrage.EncryptError, pyrage.RecipientError) as exc:
        raise BackupError(msg("The backup could not be encrypted: {error}.", error=str(exc))) from None
    now = datetime.now(UTC).replace(microsecond=0)
    manifest = {
        "format": FORMAT, "format_version": FORMAT_VERSION, "app_version": __version__,
        "site_code": site.code, "site_uuid": site.site_uuid, "created_at": now.isoformat().replace("+00:00", "Z"),
        "created_by": session.username, "schema_version": migrations.current_version(store),
        "audit_head_seq": head_seq, "audit_head_hash": head_hash, "last_bundle_seq": last_bundle,
        "payload_sha256": hashlib.sha256(raw).hexdigest(), "payload_bytes": len(raw),
        "ciphertext_sha256": hashlib.sha256(ciphertext).hexdigest(), "recipients": recipients,
        "site_public_key": _b64(signing_key.public_key().public_bytes_raw()),
        "site_identity": _b64(identity_row["encrypted_identity"]), "key_wraps": _key_wraps(store, site.site_uuid),
    }
    manifest_bytes = json.dumps(manifest, sort_keys=True, separators=(",", ":")).encode("utf-8")
    members = {"manifest.json": manifest_bytes, "manifest.sig": signing_key.sign(manifest_bytes),
               "payload.sqlite.gz.age": ciphertext}
    stem = f"{site.code}-backup-{now.strftime('%Y%m%dT%H%M%SZ')}-seq{head_seq}"
    final = folder / f"{stem}{SUFFIX}"
    for n in range(2, 100):  # never replace an earlier backup
        if not final.exists():
            break
        final = folder / f"{stem}-{n}{SUFFIX}"
    data = _tar_bytes(members)
    tmp_path = None
    try:
        tmp_path = atomic.write_temp(final, lambda fh: fh.write(data))
        os.chmod(tmp_path, 0o600)
        if _read_members(tmp_path) != members:  # re-read what reached the disk before it gets its name
            raise BackupError(msg("The backup on {path} did not read back correctly; the drive may be failing.",
                                  path=str(folder)))
        _manifest(members, final.name)
        atomic.publish(tmp_path, final)
        tmp_path = None
    except OSError as exc:
        raise BackupError(atomic.explain_os_error(exc, "the backup", folder).args[0]) from exc
    finally:
        if tmp_path is not None:
            with contextlib.suppress(OSError):
                tmp_path.unlink()
    with store.transaction() as conn:
        conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                     (LAST_BACKUP_KEY, json.dumps({"at_utc": manifest["created_at"].replace("Z", "+00:00"),
                                                   "head_seq": head_seq, "file": final.name})))
    return BackupResult(final, head_seq, last_bundle, len(data), len(recipients) - 1)


def _data_key(manifest: dict, *, admin: str | None, password: str | None) -> tuple[bytes, str]:
    site_uuid = str(manifest.get("site_uuid", ""))
    wraps = manifest.get("key_wraps") or {}
    if password is not None:
        for row in wraps.get("admins") or ():
            if admin in (None, row.get("username")):
                user_row = {"username": row["username"], "kdf_salt": _unb64(row["kdf_salt"], "key"),
                            "kdf_params": row["kdf_params"], "wrapped_data_key": _unb64(row["wrapped_data_key"], "key")}
                try:
                    return keys.unwrap_for_user(user_row, password), f"password of {row['username']}"
                except keys.KeyUnavailable:
                    continue
        raise BackupError(msg("The password does not unlock this backup (it must be the password a site "
                              "administrator had when the backup was made)."))
    machine = wraps.get("machine")
    path = keys.key_dir() / f"{site_uuid}.key"
    if machine and path.is_file():
        try:
            machine_key = base64.b64decode(path.read_bytes().strip(), validate=True)
            return crypto.open_sealed(machine_key, _unb64(machine, "key"),
                                      b"sle_desktop machine key:" + site_uuid.encode()), "machine key file"
        except (ValueError, OSError, crypto.CryptoError):
            raise BackupError(msg("The site key file {path} does not belong to this backup.", path=str(path))) from None
    raise BackupError(msg("This computer has no key file for site {site}: give a site administrator's user name and "
                          "password to restore.", site=manifest.get("site_code", "?")))


def _is_fresh_empty_site_db(path: Path) -> bool:
    """True for a database this program created that holds nothing yet (first run: no site, no audit row)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not {"site", "audit", "schema_migrations"} <= tables:
                return False
            return conn.execute("SELECT (SELECT count(*) FROM site) + (SELECT count(*) FROM audit)").fetchone()[0] == 0
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def restore(from_file: str | os.PathLike, db_path: str | os.PathLike, *, admin: str | None = None,
            password: str | None = None, replace_empty: bool = False) -> RestoreResult:
    """Restore a backup into a NEW database file, check its integrity and audit chain; report how far it reaches.

    Unlocks with this PC's machine key file, or with a site administrator's password (then a new machine key
    file is written for this PC). Nothing is written unless every check passes. `replace_empty` (the first-run
    screen) also accepts the empty, never set-up database the program has just created at `db_path`.
    """
    from sle_desktop.app import audit_trail

    source, target = Path(from_file), Path(db_path)
    fresh = replace_empty and target.exists() and _is_fresh_empty_site_db(target)
    if not fresh and (target.exists() or Path(f"{target}-wal").exists()):
        raise BackupError(msg("{path} already exists; restore only into a new file, never over a database.",
                              path=str(target)))
    if not target.parent.is_dir():
        raise BackupError(msg("The folder {path} does not exist.", path=str(target.parent)))
    members = _read_members(source)
    manifest = _manifest(members, source.name)
    data_key, unlocked_by = _data_key(manifest, admin=admin, password=password)
    site_uuid = str(manifest["site_uuid"])
    try:
        identity_text = crypto.open_sealed(data_key, _unb64(manifest["site_identity"], "site key"),
                                           return_identity_aad(site_uuid)).decode("ascii")
        identity = pyrage.x25519.Identity.from_str(identity_text)
        raw = gzip.decompress(pyrage.decrypt(members["payload.sqlite.gz.age"], [identity]))
    except (crypto.CryptoError, pyrage.DecryptError, pyrage.IdentityError, OSError, EOFError, UnicodeDecodeError):
        raise BackupError(msg("{path} cannot be decrypted with this site's key.", path=source.name)) from None
    if hashlib.sha256(raw).hexdigest() != manifest.get("payload_sha256"):
        raise BackupError(msg("{path} has been altered: the database does not match the signed manifest.",
                              path=source.name))
    tmp = target.with_name(f".{target.name}.restoring-{os.getpid()}")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        with Store.open(tmp, backup=False) as store:
            if not store.integrity_ok():
                raise BackupError(msg("The database in {path} is damaged (integrity check failed).", path=source.name))
            keys.unlock(store, data_key)  # the keyed audit trail, with the key this backup was opened with
            chain = audit_trail.verify(store)
            if not chain.ok:
                raise BackupError(msg("The audit trail in {path} does not verify: {problem}", path=source.name,
                                      problem=chain.message))
            info = site_info(store)
            if info.site_uuid != site_uuid:
                raise BackupError(msg("{path} does not hold the site its manifest names.", path=source.name))
            if unlocked_by != "machine key file":
                keys.create_machine_key(store, site_uuid, data_key)
            with store.transaction() as conn:
                conn.execute("INSERT INTO settings (key, value) VALUES ('restored_from', ?) "
                             "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                             (json.dumps({"file": source.name, "created_at": manifest["created_at"],
                                          "head_seq": manifest["audit_head_seq"],
                                          "restored_at": audit.utc_now().isoformat(timespec="seconds")}),))
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{tmp}{suffix}")
        if target.exists() and not (fresh and _is_fresh_empty_site_db(target)):
            raise BackupError(msg("{path} appeared while restoring; nothing was overwritten.", path=str(target)))
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{target}{suffix}")
        os.replace(tmp, target)
        atomic.fsync_dir(target.parent)
    except StoreError as exc:
        raise BackupError(msg("The database in {path} cannot be opened: {error}", path=source.name,
                              error=str(exc))) from None
    finally:
        for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
    return RestoreResult(target, str(manifest["site_code"]), str(manifest["created_at"]),
                         int(manifest["audit_head_seq"]), int(manifest["last_bundle_seq"]), unlocked_by)

