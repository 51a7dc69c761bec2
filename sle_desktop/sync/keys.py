"""Key material of the sync: fingerprints, the site key file, age recipients and identities.

- Site signing key: Ed25519. The site gives the sponsor a small text file (``site-key``)
  holding its code, UUID and base64 public key plus a fingerprint to confirm by phone.
- Sponsor encryption key: an age X25519 identity (``AGE-SECRET-KEY-1…``) whose public
  recipient (``age1…``) is given to every site. Files use the stock ``age-keygen`` layout,
  so the sponsor can also use the ``age`` command-line tool.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import uuid as uuidlib
from dataclasses import dataclass

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from sle_desktop.domain.text import msg
from sle_desktop.sync.errors import SyncError

SITE_KEY_FORMAT = "sle_desktop-site-key/1"
MAX_KEY_FILE_BYTES = 64 * 1024
MAX_RECIPIENTS = 10
SITE_CODE_RE = re.compile(r"^[A-Z]{2}\d{2}$")
_RECIPIENT_RE = re.compile(r"^age1[02-9ac-hj-np-z]{58}$")


def fingerprint(data: bytes | str) -> str:
    """A short, phone-readable fingerprint: the first 128 bits of SHA-256 as eight groups of four hex digits."""
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    digest = hashlib.sha256(raw).hexdigest()[:32].upper()
    return "-".join(digest[i:i + 4] for i in range(0, 32, 4))


# -- site public key file -------------------------------------------------------------------
@dataclass(frozen=True)
class SiteKey:
    """A site's public signing key as the sponsor registers it."""

    site_uuid: str
    code: str
    name: str
    study_id: str
    public_key: bytes  # 32 raw Ed25519 bytes
    return_recipient: str | None = None  # the site's age recipient for return bundles (optional, newer files)
    demo: bool = False  # a demo site (synthetic data): registering it makes a new sponsor database a demo one

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)


def format_site_key(key: SiteKey) -> str:
    """The text of a site key file (what `sle-desktop site-key` writes)."""
    return (
        "# sle_desktop site signing key (Ed25519 public key). Give this file to the sponsor.\n"
        "# The sponsor confirms the fingerprint with the site by phone before registering it.\n"
        f"format: {SITE_KEY_FORMAT}\n"
        f"site_code: {key.code}\n"
        f"site_name: {key.name}\n"
        f"site_uuid: {key.site_uuid}\n"
        f"study_id: {key.study_id}\n"
        f"public_key: {base64.b64encode(key.public_key).decode('ascii')}\n"
        f"fingerprint: {key.fingerprint}\n"
        + (f"return_recipient: {key.return_recipient}\n"
           f"return_fingerprint: {fingerprint(key.return_recipient)}\n" if key.return_recipient else "")
        + ("demo: yes\n" if key.demo else "")
    )


def parse_site_key(text: str) -> SiteKey:
    """Read a site key file; SyncError naming the problem when it is not one."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_KEY_FILE_BYTES:
        raise SyncError("This is not a site key file: it is far too large.")
    fields: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, value = line.partition(":")
        if not sep:
            raise SyncError(f"This is not an sle_desktop site key file (line {number} reads {line[:60]!r}, "
                            "not 'name: value').")
        name = name.strip()
        if name in fields:
            raise SyncError(f"Site key file: {name!r} appears twice.")
        fields[name] = value.strip()
    if fields.get("format") != SITE_KEY_FORMAT:
        raise SyncError(f"This is not an sle_desktop site key file (expected 'format: {SITE_KEY_FORMAT}').")
    missing = [k for k in ("site_code", "site_name", "site_uuid", "study_id", "public_key", "fingerprint") if not fields.get(k)]
    if missing:
        raise SyncError(f"The site key file is incomplete: {', '.join(missing)} missing.")
    code = fields["site_code"]
    if not SITE_CODE_RE.match(code):
        raise SyncError(f"The site key file has an invalid site code {code[:20]!r} (expected e.g. BY01).")
    try:
        site_uuid = str(uuidlib.UUID(fields["site_uuid"]))
    except ValueError:
        raise SyncError("The site key file has an invalid site UUID.") from None
    try:
        public = base64.b64decode(fields["public_key"], validate=True)
    except (binascii.Error, ValueError):
        raise SyncError("The site key file's public key is not valid base64.") from None
    if len(public) != 32:
        raise SyncError("The site key file's public key has the wrong length for an Ed25519 key.")
    try:
        Ed25519PublicKey.from_public_bytes(public)
    except ValueError:
        raise SyncError("The site key file's public key is not a valid Ed25519 key.") from None
    ret = fields.get("return_recipient") or None
    if ret is not None:
        if not _RECIPIENT_RE.match(ret):
            raise SyncError("The site key file's return key is not a valid age public key.")
        if (fields.get("return_fingerprint") or "").upper() != fingerprint(ret):
            raise SyncError("The site key file is damaged: its return key fingerprint does not match its return key.")
    key = SiteKey(site_uuid, code, fields["site_name"][:200], fields["study_id"][:64], public, ret,
                  demo=fields.get("demo") == "yes")
    if fields["fingerprint"].upper() != key.fingerprint:
        raise SyncError("The site key file is damaged: its fingerprint does not match its public key.")
    return key


# -- sponsor recipients (age public keys) ---------------------------------------------------
@dataclass(frozen=True)
class Recipient:
    recipient: str
    label: str | None

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.recipient)


def parse_recipients(text: str) -> list[Recipient]:
    """Parse an age recipients file: one ``age1…`` per line, ``#`` comments allowed (used as labels).

    Refuses private keys, other key types, garbage and empty files with a message saying why.
    """
    if len(text.encode("utf-8", "surrogatepass")) > MAX_KEY_FILE_BYTES:
        raise SyncError(msg("This is not a sponsor key file: it is far too large."))
    if "AGE-SECRET-KEY-" in text.upper():
        raise SyncError(msg(
            "This file contains the sponsor's PRIVATE key. It must never be copied to a site: "
            "delete it from this computer and ask the sponsor for the public file sponsor.pub."))
    found: list[Recipient] = []
    seen: set[str] = set()
    pending_label: str | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            comment = line.lstrip("#").strip()
            pending_label = comment[:120] or pending_label
            continue
        value, _, inline = line.partition("#")
        value = value.strip()
        label = inline.strip()[:120] or pending_label
        if not value.startswith("age1"):
            raise SyncError(msg(
                "Line {number} of the sponsor key file is not an age public key (they start with 'age1'): {value!r}.",
                number=number, value=value[:30]))
        value = value.lower()
        if not _RECIPIENT_RE.match(value):
            raise SyncError(msg("Line {number} of the sponsor key file is not a valid age public key (wrong length or "
                                "characters).", number=number))
        try:
            pyrage.x25519.Recipient.from_str(value)
        except pyrage.RecipientError:
            raise SyncError(msg("Line {number} of the sponsor key file is not a valid age public key (checksum error).",
                                number=number)) from None
        if value not in seen:
            seen.add(value)
            found.append(Recipient(value, label))
        pending_label = None
    if not found:
        raise SyncError(msg("The sponsor key file contains no age public key (a line starting with 'age1')."))
    if len(found) > MAX_RECIPIENTS:
        raise SyncError(msg("The sponsor key file lists {n} keys; at most {max} are allowed.", n=len(found),
                            max=MAX_RECIPIENTS))
    return found


def age_recipients(recipients: list[str]) -> list:
    """pyrage recipient objects for a list of ``age1…`` strings."""
    try:
        return [pyrage.x25519.Recipient.from_str(r) for r in recipients]
    except pyrage.RecipientError:
        raise SyncError(msg(
            "A stored sponsor key is not a valid age public key; import the sponsor key file again.")) from None


# -- sponsor identity (age private key) -----------------------------------------------------
def format_identity(identity, created_at: str) -> str:
    """An identity file in the layout of ``age-keygen`` (readable by ``age -d -i FILE``)."""
    return f"# created: {created_at}\n# public key: {identity.to_public()}\n{identity}\n"


def parse_identities(text: str) -> list:
    """pyrage identities from an age identity file (several keys allowed, ``#`` comments ignored)."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_KEY_FILE_BYTES:
        raise SyncError("This is not a sponsor key file: it is far too large.")
    identities = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("age1"):
            raise SyncError("This is the sponsor's public key file (sponsor.pub); import needs the private key sponsor.key.")
        if not line.startswith("AGE-SECRET-KEY-1"):
            raise SyncError(f"Line {number} of the key file is not an age private key (they start with 'AGE-SECRET-KEY-1').")
        try:
            identities.append(pyrage.x25519.Identity.from_str(line))
        except pyrage.IdentityError:
            raise SyncError(f"Line {number} of the key file is a damaged age private key.") from None
    if not identities:
        raise SyncError("The key file contains no age private key.")
    return identities
