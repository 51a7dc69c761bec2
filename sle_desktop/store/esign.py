"""Cryptographic electronic signatures: Ed25519 over (record, content hash, meaning, signer, UTC time).

Pure functions shared by the site (app/signatures.py) and the sponsor (sponsor/importer.py), so a
signature has the same status at both ends. The signer's public key is taken from the audit trail
(the account's creation row, or the row that gave a migrated account its key): at the site the keyed
trail vouches for it, at the sponsor the site's signature over the chain head does.
"""

from __future__ import annotations

import json

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from sle_desktop.domain.text import msg
from sle_desktop.store import audit

VALID, INVALID, INVALIDATED, LEGACY = "valid", "invalid", "invalidated", "legacy"
SIGNED_FIELDS = ("record_table", "record_uuid", "content_hash", "meaning", "signer", "signed_at")


def signed_message(sig: dict) -> bytes:
    """The bytes an e-signature signs."""
    return audit.canonical_json({"v": 1, **{k: sig.get(k) for k in SIGNED_FIELDS}}).encode("utf-8")


def public_key_from_trail(rows) -> bytes | None:
    """The newest public signing key of an account from its audit rows ((field, new JSON), ascending seq)."""
    found = None
    for field, new in rows:
        try:
            value = None if new is None else json.loads(new)
        except ValueError:
            continue
        if field == "*" and isinstance(value, dict) and isinstance(value.get("sign_public_key"), str):
            found = value["sign_public_key"]
        elif field == "sign_public_key" and isinstance(value, str):
            found = value
    try:
        return bytes.fromhex(found) if found else None
    except ValueError:
        return None


def status(sig: dict, public_key: bytes | None, record_hash: str | None, *, legacy: bool) -> tuple[str, str]:
    """(status, reason) of one signature row: valid, invalid, invalidated (by a later change) or legacy."""
    if not sig.get("signature"):
        if legacy:
            return LEGACY, msg("legacy signature (not cryptographic), made before the signatures were keyed")
        return INVALID, msg("no cryptographic signature: the row was not made by signing")
    if public_key is None:
        return INVALID, msg("the signer {signer} has no signing key on record", signer=str(sig.get("signer")))
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(bytes.fromhex(sig["signature"]), signed_message(sig))
    except (InvalidSignature, ValueError, TypeError):
        return INVALID, msg("the signature does not match its record, meaning, signer or time (forged or copied)")
    if sig.get("invalidated_at"):
        return INVALIDATED, str(sig.get("invalidated_reason") or msg("the record changed after signing"))
    if record_hash != sig.get("content_hash"):
        return INVALID, msg("the record differs from what was signed, without an audited change")
    return VALID, ""
