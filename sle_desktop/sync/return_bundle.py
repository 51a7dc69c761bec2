"""The return bundle (``*.slereturn``): what the sponsor sends back to one site.

Same container as a site bundle (`bundle.py`): a ustar tar with exactly three members

    manifest.json          canonical JSON — see MANIFEST_FIELDS (format "sle_desktop-return")
    manifest.sig           base64 Ed25519 signature of manifest.json by the SPONSOR's signing key
    payload.jsonl.gz.age   canonical JSON lines, gzip-compressed, age-encrypted to the SITE's X25519
                           recipient (its `return_recipient` from the site key file)

The bundle hash (link of the return chain: `prev_return_hash`) is the SHA-256 of manifest.json.

Payload lines, each an object with a ``type``, in this order:

    header      format, version, site_uuid, return_seq
    ack         one per site bundle imported: bundle_seq, bundle_hash, to_seq, chain_hash (audit hash at to_seq), imported_at
    sae_ack     one per serious adverse event the sponsor holds: uuid, bundle_seq, received_at
    query       one per data query of the site: query (uuid, subject_uuid, visit_uuid, record_table, record_uuid, field,
                text, followup, status, version, raised_by, raised_at, closed_by, closed_at, close_reason)
    sdv         one per source-data-verified record or field: record_table, record_uuid, content_hash, monitor,
                marked_at, and `field` for a mark of one value only (content_hash is then that value's hash,
                `store.records.field_content_hash`); a whole-record line has no `field`, as before
    study       at most one: a new study definition version (version, definition = TOML text)
    end         counts of each kind

Every return bundle is cumulative (all acknowledgements, all queries in their current state, all
SDV marks), so a site that skipped one loses nothing by importing the next.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from sle_desktop.domain.text import msg
from sle_desktop.sync import bundle
from sle_desktop.sync.errors import BundleRejected, SyncError
from sle_desktop.sync.keys import fingerprint

FORMAT = "sle_desktop-return"
FORMAT_VERSION = 1
PAYLOAD_FORMAT = "sle_desktop-return-payload"
SUFFIX = ".slereturn"
LIMITS = bundle.Limits(max_bundle_bytes=64 * 1024 * 1024, max_payload_bytes=512 * 1024 * 1024,
                       max_lines=2_000_000, max_line_bytes=2 * 1024 * 1024)
_HEX64 = re.compile(r"^[0-9a-f]{64}$")

MANIFEST_FIELDS: dict[str, type] = {
    "format": str, "format_version": int,
    "site_uuid": str, "site_code": str, "study_id": str,
    "return_seq": int, "prev_return_hash": str,
    "acked_bundle_seq": int, "acked_bundle_hash": str, "chain_head_seq": int, "chain_head_hash": str,
    "payload_sha256": str, "payload_bytes": int, "payload_lines": int, "compression": str,
    "ciphertext_sha256": str, "ciphertext_bytes": int, "encryption": str,
    "recipient_fingerprints": list, "signing_key": str,
    "counts": dict,
    "created_at": str, "created_by": str, "app_version": str,
}


def file_name(site_code: str, return_seq: int) -> str:
    return f"{site_code}-return-{return_seq:04d}{SUFFIX}"


def check_return_manifest(manifest) -> dict:
    """Validate a return manifest's shape; BundleRejected('malformed' / 'not_a_bundle') naming the problem."""
    def bad(problem: str):
        return BundleRejected(msg("The return bundle's manifest is malformed: {problem}.", problem=problem),
                              reason="malformed")

    if not isinstance(manifest, dict):
        raise bad(msg("it is not a JSON object"))
    if manifest.get("format") == bundle.FORMAT:
        raise BundleRejected(msg("This is a site bundle (data for the sponsor), not a return bundle from the sponsor."),
                             reason="not_a_bundle")
    bundle.check_fields(manifest, MANIFEST_FIELDS, bad)
    if manifest["format"] != FORMAT:
        raise bad(msg("format is {found!r}, not {expected!r}", found=manifest["format"][:40], expected=FORMAT))
    if manifest["format_version"] != FORMAT_VERSION:
        raise BundleRejected(msg("The return bundle uses format version {found}; this program reads version {expected}. "
                                 "Install the matching version of sle_desktop.", found=manifest["format_version"],
                                 expected=FORMAT_VERSION), reason="malformed")
    for key in ("prev_return_hash", "acked_bundle_hash", "chain_head_hash", "payload_sha256", "ciphertext_sha256"):
        if not _HEX64.match(manifest[key]):
            raise bad(msg("{key} is not a SHA-256 hash", key=key))
    if manifest["return_seq"] < 1 or min(manifest["acked_bundle_seq"], manifest["chain_head_seq"]) < 0:
        raise bad(msg("a sequence number is impossible"))
    if min(manifest["payload_bytes"], manifest["payload_lines"], manifest["ciphertext_bytes"]) < 0:
        raise bad(msg("a size is negative"))
    if manifest["compression"] != "gzip" or manifest["encryption"] != "age-x25519":
        raise bad(msg("unsupported compression or encryption"))
    fps = manifest["recipient_fingerprints"]
    if len(fps) > 5 or not all(isinstance(f, str) and len(f) < 100 for f in fps):
        raise bad(msg("recipient_fingerprints is not a short list of fingerprints"))
    counts = manifest["counts"]
    if len(counts) > 20 or not all(isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool) and v >= 0
                                   for k, v in counts.items()):
        raise bad(msg("counts is not a table of whole numbers"))
    return manifest


def build(fields: dict, payload: bundle.PayloadWriter, recipient: str, signing_key: Ed25519PrivateKey) -> bundle.BuiltBundle:
    """Compress, encrypt to the site's `recipient` (age1…) and sign with the sponsor's key."""
    compressed = payload.finish()
    try:
        ciphertext = pyrage.encrypt(compressed, [pyrage.x25519.Recipient.from_str(recipient)])
    except (pyrage.EncryptError, pyrage.RecipientError) as exc:
        raise SyncError(f"The return bundle could not be encrypted for the site: {exc}.") from None
    manifest = dict(fields)
    manifest.update(
        format=FORMAT, format_version=FORMAT_VERSION,
        payload_sha256=payload.sha256, payload_bytes=payload.bytes, payload_lines=payload.lines, compression="gzip",
        ciphertext_sha256=hashlib.sha256(ciphertext).hexdigest(), ciphertext_bytes=len(ciphertext),
        encryption="age-x25519", recipient_fingerprints=[fingerprint(recipient)],
        signing_key=fingerprint(signing_key.public_key().public_bytes_raw()),
    )
    check_return_manifest(manifest)
    data, signature = bundle.sign_manifest(manifest, signing_key)
    return bundle.BuiltBundle(manifest, data, signature, ciphertext)


def read(path, limits: bundle.Limits = LIMITS) -> bundle.Container:
    """Read a return bundle's members within limits (nothing verified or decrypted yet)."""
    return bundle.read_container(path, limits, check=check_return_manifest)


def verify(container: bundle.Container, sponsor_public_key: bytes) -> dict:
    """Check the sponsor's Ed25519 signature, then the encrypted member's hash and size."""
    name = container.path.name
    return bundle.check_signed(container, sponsor_public_key, forged=msg(
        "{name}: the signature does not match the sponsor's registered signing key (fingerprint {fingerprint}). "
        "The file was forged, altered after signing, or signed by another key; it was refused and nothing was "
        "changed.", name=name, fingerprint=fingerprint(sponsor_public_key)),
        tampered=msg("{name}: the encrypted data was altered after the sponsor signed it; it was refused.", name=name))


def decrypt(container: bundle.Container, identity) -> bytes:
    """The compressed payload, opened with the site's age identity."""
    try:
        return pyrage.decrypt(container.ciphertext, [identity])
    except pyrage.DecryptError:
        raise BundleRejected(msg(
            "{name} cannot be decrypted with this site's return key: it was encrypted for {theirs}, this site's key is "
            "{mine}. Give the sponsor this site's current key file (sle-desktop site-key).", name=container.path.name,
            theirs=", ".join(container.manifest["recipient_fingerprints"]) or msg("another key"),
            mine=fingerprint(str(identity.to_public()))), reason="wrong_recipient") from None


# -- the sponsor's signing key, as the site registers it ---------------------------------------
SPONSOR_SIGNING_KEY_FORMAT = "sle_desktop-sponsor-signing-key/1"


def parse_sponsor_signing_key(text: str) -> bytes:
    """The 32-byte Ed25519 public key in a sponsor-signing.pub file; SyncError naming the problem otherwise."""
    if len(text.encode("utf-8", "surrogatepass")) > 64 * 1024:
        raise SyncError(msg("This is not a sponsor signing key file: it is far too large."))
    if "PRIVATE KEY" in text.upper():
        raise SyncError(msg("This file contains the sponsor's PRIVATE signing key. It must never be copied to a site: "
                            "delete it from this computer and ask the sponsor for sponsor-signing.pub."))
    fields: dict[str, str] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, value = line.partition(":")
        if sep:
            fields[name.strip()] = value.strip()
    if fields.get("format") != SPONSOR_SIGNING_KEY_FORMAT:
        raise SyncError(msg("This is not a sponsor signing key file (expected 'format: {format}'; it is the file "
                            "sponsor-signing.pub written by sle-sponsor keygen).", format=SPONSOR_SIGNING_KEY_FORMAT))
    try:
        public = base64.b64decode(fields.get("public_key", ""), validate=True)
        Ed25519PublicKey.from_public_bytes(public)
    except (binascii.Error, ValueError):
        raise SyncError(msg("The sponsor signing key file's public key is damaged.")) from None
    if (fields.get("fingerprint") or "").upper() != fingerprint(public):
        raise SyncError(msg("The sponsor signing key file is damaged: its fingerprint does not match its key."))
    return public
