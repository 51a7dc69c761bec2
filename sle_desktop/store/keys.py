"""The site data key: creation, wrapping per user and per machine key file, unwrapping.

The machine key file lives outside the database (user config dir, 0600) so that headless
commands can sign bundles on the site PC while a copied database file alone cannot.
"""

from __future__ import annotations

import base64
import json
import os
import stat
from pathlib import Path

import platformdirs

from sle_desktop.domain.text import msg
from sle_desktop.store import crypto
from sle_desktop.store.db import StoreError


class KeyUnavailable(StoreError):
    """The site data key cannot be unlocked here."""


def key_dir() -> Path:
    """Folder for machine key files (`SLE_DESKTOP_KEY_DIR` overrides the platform default)."""
    override = os.environ.get("SLE_DESKTOP_KEY_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir("sle_desktop", appauthor=False)) / "keys"


def _machine_key_path(site_uuid: str) -> Path:
    return key_dir() / f"{site_uuid}.key"


def write_private_file(path: Path, data: bytes) -> None:
    """Create a file readable by its owner only (0600 where the OS supports it), atomically.

    StoreError in one sentence naming the folder when it cannot be written (nothing is left behind)."""
    folder = path.parent
    if folder.exists() and not folder.is_dir():
        raise StoreError(msg("Cannot write the key file {name}: {folder} is a file, not a folder.", name=path.name,
                             folder=str(folder)))
    tmp = path.with_name(path.name + ".tmp")
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, stat.S_IRUSR | stat.S_IWUSR)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError as exc:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise StoreError(msg("Cannot write the key file {name} to {folder}: {problem}.", name=path.name,
                             folder=str(folder), problem=_write_problem(exc))) from None


def _write_problem(exc: OSError) -> str:
    import errno

    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return msg("the folder is read-only or not yours")
    if exc.errno == errno.ENOSPC:
        return msg("the disk is full")
    return exc.strerror or str(exc)


def create_machine_key(store, site_uuid: str, data_key: bytes) -> Path:
    """Write a new machine key file and store the data key wrapped under it."""
    machine_key = crypto.new_key()
    path = _machine_key_path(site_uuid)
    wrapped = crypto.seal(machine_key, data_key, b"sle_desktop machine key:" + site_uuid.encode())
    with store.transaction() as conn:
        conn.execute("DELETE FROM machine_keys WHERE key_id = ?", (site_uuid,))
        conn.execute(
            "INSERT INTO machine_keys (key_id, wrapped_data_key, created_at) VALUES (?, ?, datetime('now'))",
            (site_uuid, wrapped),
        )
        write_private_file(path, base64.b64encode(machine_key) + b"\n")
    return path


def data_key_from_machine(store, site_uuid: str) -> bytes:
    """Unlock the data key with this PC's machine key file (headless commands)."""
    path = _machine_key_path(site_uuid)
    row = store.query_one("SELECT wrapped_data_key FROM machine_keys WHERE key_id = ?", (site_uuid,))
    if row is None:
        raise KeyUnavailable("This database has no machine key; log in once in the application on the site PC.")
    try:
        raw = path.read_bytes()
    except OSError:
        raise KeyUnavailable(
            f"The site key file {path} is missing on this computer. Headless commands run only on the site PC; "
            "log in once in the application to recreate it."
        ) from None
    try:
        machine_key = base64.b64decode(raw.strip(), validate=True)
        if len(machine_key) != 32:
            raise ValueError("wrong length")
        return crypto.open_sealed(machine_key, row["wrapped_data_key"], b"sle_desktop machine key:" + site_uuid.encode())
    except (ValueError, crypto.CryptoError):
        raise KeyUnavailable(f"The site key file {path} does not belong to this database or is damaged.") from None


def wrap_for_user(username: str, password: str, data_key: bytes) -> tuple[bytes, str, bytes, bytes, bytes]:
    """(salt, kdf params JSON, wrapped data key, public signing key, wrapped signing key) for a new account."""
    salt = os.urandom(16)
    kek = crypto.derive_key(password, salt, crypto.KDF_PARAMS)
    wrapped = crypto.seal(kek, data_key, b"sle_desktop user key:" + username.encode("utf-8"))
    public, wrapped_sign = new_signing_key(username, kek)
    return salt, json.dumps(crypto.KDF_PARAMS, sort_keys=True), wrapped, public, wrapped_sign


def unwrap_for_user(user_row: dict, password: str) -> bytes:
    """The data key unwrapped with the user's password."""
    return data_key_with_kek(user_row, user_kek(user_row, password))


def data_key_with_kek(user_row: dict, kek: bytes) -> bytes:
    """The data key unwrapped with the user's key-encryption key."""
    try:
        return crypto.open_sealed(kek, user_row["wrapped_data_key"], b"sle_desktop user key:" + user_row["username"].encode("utf-8"))
    except crypto.CryptoError:
        raise KeyUnavailable(msg("The data key could not be unlocked with this password.")) from None


def user_kek(user_row: dict, password: str) -> bytes:
    """The user's key-encryption key (argon2id over the password with the account's salt)."""
    return crypto.derive_key(password, user_row["kdf_salt"], json.loads(user_row["kdf_params"]))


def new_signing_key(username: str, kek: bytes) -> tuple[bytes, bytes]:
    """(raw Ed25519 public key, private key wrapped under the user's key-encryption key) for a new account."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    private = Ed25519PrivateKey.generate()
    raw = private.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                serialization.NoEncryption())
    return private.public_key().public_bytes_raw(), crypto.seal(kek, raw, _SIGN_AAD + username.encode("utf-8"))


def signing_key(user_row: dict, kek: bytes):
    """The user's Ed25519 private key, unwrapped with their key-encryption key."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    try:
        raw = crypto.open_sealed(kek, user_row["wrapped_sign_key"], _SIGN_AAD + user_row["username"].encode("utf-8"))
    except crypto.CryptoError:
        raise KeyUnavailable(msg("The signing key could not be unlocked with this password.")) from None
    return Ed25519PrivateKey.from_private_bytes(raw)


_SIGN_AAD = b"sle_desktop user signing key:"


def unlock(store, data_key: bytes) -> None:
    """Unlock the keyed audit trail on this store's connection (and seal accounts of an upgraded database)."""
    from sle_desktop.store import accounts, audit

    first = audit.setting_missing(store.conn, audit.KEYED_FROM)
    audit.unlock(store.conn, data_key)
    if first and not audit.setting_missing(store.conn, audit.KEYED_FROM):
        with store.transaction() as conn:
            accounts.seal_all(conn)
