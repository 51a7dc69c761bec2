"""Key handling for data at rest: argon2id password hashes and key derivation, AES-256-GCM.

The site data key (32 random bytes) encrypts direct identifiers and the site's signing key.
It is never stored in clear: each user holds a copy wrapped under a key derived from their
password, and headless commands use a copy wrapped under a key file kept outside the database.
"""

from __future__ import annotations

import json
import os

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KDF_PARAMS = {"alg": "argon2id", "time_cost": 2, "memory_cost": 19456, "parallelism": 1}
_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)


class CryptoError(Exception):
    """A key or ciphertext did not match (wrong password, wrong key file or tampered data)."""


def new_key() -> bytes:
    return os.urandom(32)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password(stored_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def derive_key(password: str, salt: bytes, params: dict | None = None) -> bytes:
    """Key-encryption key from a password (argon2id with the stored parameters)."""
    p = params or KDF_PARAMS
    if p.get("alg") != "argon2id":
        raise CryptoError(f"unsupported key derivation {p.get('alg')!r}")
    return hash_secret_raw(
        password.encode("utf-8"), salt, time_cost=int(p["time_cost"]), memory_cost=int(p["memory_cost"]),
        parallelism=int(p["parallelism"]), hash_len=32, type=Type.ID,
    )


def seal(key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    """nonce ‖ AES-256-GCM(plaintext), bound to `aad`."""
    nonce = os.urandom(12)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def aead(key: bytes) -> AESGCM:
    """A reusable cipher for many `open_sealed` calls with one key (saves the key set-up per value)."""
    return AESGCM(key)


def open_sealed(key: bytes | AESGCM, blob: bytes, aad: bytes) -> bytes:
    """The plaintext of `seal`; `key` may be the raw key or an `aead(key)` object."""
    if not isinstance(blob, (bytes, bytearray)) or len(blob) < 12 + 16:
        raise CryptoError("the encrypted value is damaged")
    cipher = key if isinstance(key, AESGCM) else AESGCM(key)
    try:
        return cipher.decrypt(bytes(blob[:12]), bytes(blob[12:]), aad)
    except InvalidTag as exc:
        raise CryptoError("wrong key, or the encrypted value was altered") from exc


def seal_json(key: bytes, value, aad: bytes) -> bytes:
    return seal(key, json.dumps(value, sort_keys=True, ensure_ascii=False).encode("utf-8"), aad)


def open_json(key: bytes | AESGCM, blob: bytes, aad: bytes):
    return json.loads(open_sealed(key, blob, aad).decode("utf-8"))
