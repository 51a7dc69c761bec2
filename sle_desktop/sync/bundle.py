"""The sync bundle file (``*.slebundle``): build, sign, encrypt, write atomically, read back within limits.

Layout: a plain POSIX (ustar) tar archive with exactly three members, in this order

    manifest.json          canonical JSON (sorted keys, no spaces), UTF-8 — see MANIFEST_FIELDS
    manifest.sig           base64 Ed25519 signature of the exact bytes of manifest.json
    payload.jsonl.gz.age   the payload: canonical JSON lines, gzip-compressed, then age-encrypted
                           to the sponsor's X25519 recipient(s)

The manifest names the SHA-256 and size of the encrypted member and of the decompressed
payload, so checking the signature authenticates everything before anything is decrypted.
The bundle hash (the link of the bundle chain: `prev_bundle_hash`) is the SHA-256 of
manifest.json. Stock tools open a bundle::

    tar -xOf BY01-bundle-0001.slebundle payload.jsonl.gz.age | age -d -i sponsor.key | gunzip

Payload lines (each an object with a ``type``): one ``header``, then ``row`` lines
(``table``, ``row``: every column of a clinical record), then ``audit`` lines (``row``:
one audit-trail row), then one ``end`` line with the counts.

Reading is bounded (`Limits`): the file size is checked before it is read; the file is read as
a stream of 512-byte tar blocks, each member's size checked against its cap before it is read,
nothing but the three ustar members accepted (no pax or GNU headers, at most 64 kB of end
padding), the encrypted member only hashed while streaming (its bytes are read again after the
signature check); the decompressed size, line count and line length are checked while the
payload streams. So neither a huge or padded file nor a compression or JSON bomb gets far, and
memory does not depend on what the headers claim.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import json
import operator
import os
import re
import tarfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from json.encoder import encode_basestring as _quote
from pathlib import Path

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

try:  # the sponsor's extra (pip install 'sle-desktop[sponsor]'): a faster reader of a bundle's payload; the site app
    import orjson  # and its installers go without it and read the same payloads the same way, only slower
except ImportError:  # pragma: no cover - exercised by the tests with orjson hidden
    orjson = None

from sle_desktop.domain.text import msg
from sle_desktop.store.audit import AUDIT_FIELDS, canonical_json, line_and_hash
from sle_desktop.sync.errors import BundleRejected, SyncError

FORMAT = "sle_desktop-bundle"
FORMAT_VERSION = 1
PAYLOAD_FORMAT = "sle_desktop-payload"
SUFFIX = ".slebundle"
MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "manifest.sig"
PAYLOAD_NAME = "payload.jsonl.gz.age"
MEMBERS = (MANIFEST_NAME, SIGNATURE_NAME, PAYLOAD_NAME)
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_INPUT_STEP = 4096  # compressed bytes fed per step: deflate expands at most ~1032x, so <= ~4 MB per step

# name -> (type, required); the manifest holds exactly these keys
MANIFEST_FIELDS: dict[str, type | tuple] = {
    "format": str, "format_version": int,
    "site_uuid": str, "site_code": str, "site_name": str,
    "study_id": str, "study_version": str,
    "bundle_seq": int, "from_seq": int, "to_seq": int,
    "prev_bundle_hash": str, "chain_start_hash": str, "chain_head_hash": str,
    "payload_sha256": str, "payload_bytes": int, "payload_lines": int, "compression": str,
    "ciphertext_sha256": str, "ciphertext_bytes": int, "encryption": str,
    "recipient_fingerprints": list, "signing_key": str,
    "counts": dict,
    "created_at": str, "created_by": str, "app_version": str,
}


@dataclass(frozen=True)
class Limits:
    """Upper bounds applied when reading a bundle (the sponsor can tighten or widen them)."""

    max_bundle_bytes: int = 512 * 1024 * 1024
    max_manifest_bytes: int = 64 * 1024
    max_signature_bytes: int = 512
    max_payload_bytes: int = 2 * 1024 * 1024 * 1024  # decompressed
    max_lines: int = 10_000_000
    max_line_bytes: int = 1024 * 1024


def _mb(n: int) -> str:
    return msg("{mb:.1f} MB", mb=n / 1_000_000) if n >= 100_000 else msg("{n:,} bytes", n=n)


# -- building ---------------------------------------------------------------------------------
class PayloadWriter:
    """Collects payload lines as canonical JSON, gzip-compressing as it goes; tracks hash, size and count."""

    def __init__(self, level: int = 6):
        self._zip = zlib.compressobj(level, zlib.DEFLATED, 31)  # wbits 31: gzip container
        self._chunks: list[bytes] = []
        self._sha = hashlib.sha256()
        self.bytes = 0
        self.lines = 0
        self._done: bytes | None = None

    def add(self, obj: dict) -> None:
        """Append one object as a canonical JSON line."""
        self.add_raw((canonical_json(obj) + "\n").encode("utf-8"))

    def add_raw(self, line: bytes) -> None:
        """Append bytes as they are (low level; `add` is the normal way)."""
        if self._done is not None:
            raise RuntimeError("payload already finished")
        self._sha.update(line)
        self.bytes += len(line)
        self.lines += line.count(b"\n")
        out = self._zip.compress(line)
        if out:
            self._chunks.append(out)

    def finish(self) -> bytes:
        """The gzip-compressed payload."""
        if self._done is None:
            self._chunks.append(self._zip.flush())
            self._done = b"".join(self._chunks)
            self._chunks = []
        return self._done

    @property
    def sha256(self) -> str:
        return self._sha.hexdigest()


@dataclass
class BuiltBundle:
    """A signed, encrypted bundle ready to write."""

    manifest: dict
    manifest_bytes: bytes
    signature: bytes
    ciphertext: bytes

    @property
    def bundle_hash(self) -> str:
        return hashlib.sha256(self.manifest_bytes).hexdigest()

    def write(self, fh) -> None:
        """Write the tar container to an open binary file (member times = the manifest's created_at)."""
        try:
            mtime = int(datetime.fromisoformat(str(self.manifest.get("created_at"))).timestamp())
        except (TypeError, ValueError, OverflowError):
            mtime = 0
        with tarfile.open(fileobj=fh, mode="w", format=tarfile.USTAR_FORMAT) as tar:
            sig_text = base64.b64encode(self.signature) + b"\n"
            for name, data in ((MANIFEST_NAME, self.manifest_bytes), (SIGNATURE_NAME, sig_text),
                               (PAYLOAD_NAME, self.ciphertext)):
                info = tarfile.TarInfo(name)
                info.size = len(data)
                info.mtime = mtime
                info.mode = 0o644
                tar.addfile(info, io.BytesIO(data))

    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        self.write(buf)
        return buf.getvalue()


def sign_manifest(manifest: dict, signing_key: Ed25519PrivateKey) -> tuple[bytes, bytes]:
    """(canonical manifest bytes, Ed25519 signature over them)."""
    data = canonical_json(manifest).encode("utf-8")
    return data, signing_key.sign(data)


def build_bundle(fields: dict, payload: PayloadWriter, recipients: list, signing_key: Ed25519PrivateKey,
                 recipient_fingerprints: list[str]) -> BuiltBundle:
    """Compress, encrypt to `recipients` (pyrage objects) and sign; `fields` supplies the site-side manifest fields."""
    compressed = payload.finish()
    try:
        ciphertext = pyrage.encrypt(compressed, recipients)
    except pyrage.EncryptError as exc:
        raise SyncError(msg("The bundle could not be encrypted for the sponsor: {error}.", error=str(exc))) from None
    from sle_desktop.sync.keys import fingerprint

    public = signing_key.public_key().public_bytes_raw()
    manifest = dict(fields)
    manifest.update(
        format=FORMAT, format_version=FORMAT_VERSION,
        payload_sha256=payload.sha256, payload_bytes=payload.bytes, payload_lines=payload.lines, compression="gzip",
        ciphertext_sha256=hashlib.sha256(ciphertext).hexdigest(), ciphertext_bytes=len(ciphertext),
        encryption="age-x25519", recipient_fingerprints=list(recipient_fingerprints), signing_key=fingerprint(public),
    )
    check_manifest(manifest)
    data, signature = sign_manifest(manifest, signing_key)
    return BuiltBundle(manifest, data, signature, ciphertext)


_BLOCK = 512
_READ_STEP = 1024 * 1024
_MAX_TRAILER = 64 * 1024  # the end-of-archive blocks padded to tar's 10 KiB record; more is not a bundle's
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _has_lone_surrogate(value) -> bool:
    """True when a parsed JSON value holds a string with a surrogate code point (text no UTF-8 file can carry)."""
    if isinstance(value, str):
        return any("\ud800" <= ch <= "\udfff" for ch in value)
    if isinstance(value, dict):
        return any(_has_lone_surrogate(k) or _has_lone_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_lone_surrogate(v) for v in value)
    return False


def _tar_header(block: bytes) -> tuple[str, int, bytes] | None:
    """(name, size, type flag) of one ustar header block; None when the block is not a valid header."""
    if block[257:262] != b"ustar":
        return None
    stored = block[148:156].split(b"\0", 1)[0].strip()
    try:
        checksum = int(stored or b"x", 8)
        size_field = block[124:136].split(b"\0", 1)[0].strip()
        size = int(size_field or b"x", 8)
    except ValueError:
        return None
    unsigned = sum(block[:148]) + 8 * 32 + sum(block[156:])
    if checksum != unsigned or size < 0:
        return None
    name = block[:100].split(b"\0", 1)[0]
    prefix = block[345:500].split(b"\0", 1)[0]
    if prefix:
        name = prefix + b"/" + name
    return name.decode("utf-8", "replace"), size, block[156:157]


# -- reading ----------------------------------------------------------------------------------
@dataclass
class Container:
    """A bundle file's manifest and signature, read within limits but not yet verified, and where its encrypted
    member lies (size and SHA-256 measured while streaming; the bytes themselves are read only by `ciphertext`)."""

    path: Path
    size: int
    file_sha256: str
    manifest_bytes: bytes
    manifest: dict
    signature: bytes
    ciphertext_size: int
    ciphertext_sha256: str
    ciphertext_offset: int = field(repr=False)

    @property
    def bundle_hash(self) -> str:
        return hashlib.sha256(self.manifest_bytes).hexdigest()

    @property
    def ciphertext(self) -> bytes:
        """The encrypted member, read again from the file (after the signature is checked) and re-hashed."""
        try:
            with open(self.path, "rb") as fh:
                fh.seek(self.ciphertext_offset)
                data = fh.read(self.ciphertext_size)
        except OSError as exc:
            raise SyncError(msg("Cannot read {path}: {error}.", path=self.path, error=exc.strerror or str(exc))) \
                from None
        if len(data) != self.ciphertext_size or hashlib.sha256(data).hexdigest() != self.ciphertext_sha256:
            raise BundleRejected(msg("{name} changed while it was being imported; it was refused.",
                                     name=self.path.name), reason="tampered")
        return data


def _no_duplicate_keys(pairs):
    out = dict(pairs)
    if len(out) == len(pairs):  # the usual case, without a Python loop per key
        return out
    out = {}
    for k, v in pairs:
        if k in out:
            raise ValueError(f"duplicate key {k!r}")
        out[k] = v
    return out


def _no_constants(name):
    raise ValueError(f"{name} is not allowed")


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (_INF, -_INF):  # 1e999 parses as infinity, which no JSON writer (nor canonical_json) accepts
        raise ValueError(f"the number {text[:20]} is out of range")
    return value


_INF = float("inf")
_INT64 = 2 ** 63
_STRICT = json.JSONDecoder(object_pairs_hook=_no_duplicate_keys, parse_constant=_no_constants,
                           parse_float=_finite_float)


def strict_decoder(keys: dict) -> json.JSONDecoder:
    """The strict decoder of `strict_json`, giving every object's field names as the string objects first seen in
    `keys` (one object per name across all the lines parsed with it: pickled once, shared in memory)."""
    same = keys.setdefault

    def no_duplicate_keys(pairs):
        out = _no_duplicate_keys(pairs)
        return dict(zip(map(same, out, out), out.values()))

    return json.JSONDecoder(object_pairs_hook=no_duplicate_keys, parse_constant=_no_constants,
                            parse_float=_finite_float)


def strict_json(data: bytes | str, decoder: json.JSONDecoder = _STRICT):
    """json.loads refusing duplicate keys, NaN/Infinity, deep nesting (RecursionError -> ValueError), bytes that
    are not UTF-8 and lone surrogates (text no UTF-8 file can carry, which would break every later encode)."""
    try:
        if isinstance(data, (bytes, bytearray)):
            data = data.decode("utf-8")  # a bundle is UTF-8 (RFC 8259); UTF-16/32 or a BOM are refused
        value = decoder.decode(data)  # one decoder for every line instead of a new one per call (bulk import)
    except RecursionError:
        raise ValueError("nested too deeply") from None
    if _SURROGATE_ESCAPE.search(data) and _has_lone_surrogate(value):
        raise ValueError("it contains a lone surrogate escape (not text)")
    return value


def check_fields(manifest: dict, fields: dict, bad) -> None:
    """Exactly the expected keys, each of its type (whole numbers not booleans), strings at most 300 characters.

    `bad(problem)` builds the rejection to raise.
    """
    missing = [k for k in fields if k not in manifest]
    if missing:
        raise bad(msg("missing {fields}", fields=", ".join(missing)))
    extra = [k for k in manifest if k not in fields]
    if extra:
        raise bad(msg("unknown field(s) {fields}", fields=", ".join(map(repr, extra[:5]))))
    for key, kind in fields.items():
        value = manifest[key]
        if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
            raise bad(msg("{key} is not a whole number", key=key))
        if kind is int and not -_INT64 <= value < _INT64:
            raise bad(msg("{key} is out of range", key=key))
        if kind is not int and not isinstance(value, kind):
            raise bad(msg("{key} has the wrong type", key=key))
        if isinstance(value, str) and len(value) > 300:
            raise bad(msg("{key} is too long", key=key))


def check_manifest(manifest) -> dict:
    """Validate the manifest's shape; raises BundleRejected('malformed') naming the bad field."""
    def bad(problem: str):
        return BundleRejected(msg("The bundle's manifest is malformed: {problem}.", problem=problem), reason="malformed")

    if not isinstance(manifest, dict):
        raise bad(msg("it is not a JSON object"))
    check_fields(manifest, MANIFEST_FIELDS, bad)
    if manifest["format"] != FORMAT:
        raise bad(msg("format is {found!r}, not {expected!r}", found=manifest["format"][:40], expected=FORMAT))
    if manifest["format_version"] != FORMAT_VERSION:
        raise BundleRejected(msg(
            "The bundle uses format version {found}; this program reads version {expected}. "
            "Install the matching version of sle_desktop.", found=manifest["format_version"], expected=FORMAT_VERSION),
            reason="malformed")
    for key in ("prev_bundle_hash", "chain_start_hash", "chain_head_hash", "payload_sha256", "ciphertext_sha256"):
        if not _HEX64.match(manifest[key]):
            raise bad(msg("{key} is not a SHA-256 hash", key=key))
    if manifest["bundle_seq"] < 1 or manifest["from_seq"] < 0 or manifest["to_seq"] < manifest["from_seq"]:
        raise bad(msg("the bundle number or change range is impossible"))
    if min(manifest["payload_bytes"], manifest["payload_lines"], manifest["ciphertext_bytes"]) < 0:
        raise bad(msg("a size is negative"))
    if manifest["compression"] != "gzip" or manifest["encryption"] != "age-x25519":
        raise bad(msg("unsupported compression or encryption"))
    if not all(isinstance(f, str) and len(f) < 100 for f in manifest["recipient_fingerprints"]) \
            or len(manifest["recipient_fingerprints"]) > 20:
        raise bad(msg("recipient_fingerprints is not a short list of fingerprints"))
    counts = manifest["counts"]
    if len(counts) > 100 or not all(isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool) and 0 <= v < _INT64
                                    for k, v in counts.items()):
        raise bad(msg("counts is not a table of whole numbers"))
    return manifest


def read_container(path: str | os.PathLike, limits: Limits = Limits(), *, check=None) -> Container:
    """Read a bundle file's members, refusing oversized, truncated or foreign files before any decryption.

    The file is read as a stream of 512-byte tar blocks: a member's size is checked against its cap and
    against what is left of the file before it is read, nothing but the three members is accepted (no
    pax, GNU or other special headers), and the end-of-archive padding is bounded, so memory stays within
    the members' caps whatever the headers claim. `check` validates the manifest (default
    `check_manifest`; return bundles pass their own)."""
    path = Path(path)
    name = path.name

    def unreadable(exc: OSError) -> SyncError:
        return SyncError(msg("Cannot read {path}: {error}.", path=path, error=exc.strerror or str(exc)))

    try:
        size = path.stat().st_size
    except OSError as exc:
        raise unreadable(exc) from None
    if path.is_dir():
        raise SyncError(msg("{path} is a folder, not a bundle file.", path=path))
    if size > limits.max_bundle_bytes:
        raise BundleRejected(msg(
            "{name} is {size}, more than the {limit} a bundle may be; it was not read. "
            "If it is genuine, import it with a higher --max-bundle-mb.", name=name, size=_mb(size),
            limit=_mb(limits.max_bundle_bytes)), reason="oversized")
    if size == 0:
        raise BundleRejected(msg("{name} is empty (0 bytes): the copy was interrupted. Export the bundle again.",
                                 name=name), reason="truncated")
    truncated = BundleRejected(msg(
        "{name} is truncated or damaged (the copy was probably interrupted, e.g. the USB stick was pulled). "
        "Copy or export the bundle again.", name=name), reason="truncated")
    not_a_bundle = BundleRejected(msg("{name} is not an sle_desktop bundle (or its beginning is damaged).", name=name),
                                  reason="not_a_bundle")
    caps = {MANIFEST_NAME: limits.max_manifest_bytes, SIGNATURE_NAME: limits.max_signature_bytes,
            PAYLOAD_NAME: limits.max_bundle_bytes}
    sha = hashlib.sha256()
    members: dict[str, bytes] = {}
    try:
        with open(path, "rb") as fh:
            def take(n: int) -> bytes:
                data = fh.read(n)
                sha.update(data)
                return data

            pos = 0
            for index, expected in enumerate(MEMBERS):
                block = take(_BLOCK)
                pos += len(block)
                header = _tar_header(block) if len(block) == _BLOCK else None
                if header is None:
                    if index == 0:
                        raise not_a_bundle
                    raise truncated if len(block) < _BLOCK or block.count(0) == _BLOCK else not_a_bundle
                member, length, kind = header
                if member != expected or kind not in (b"0", b"\0"):
                    raise BundleRejected(msg("{name} is not an sle_desktop bundle (unexpected content {member!r}).",
                                             name=name, member=member[:60]), reason="not_a_bundle")
                if length > caps[member]:
                    raise BundleRejected(msg("{name}: {member} is {size}, over its limit; the bundle was refused.",
                                             name=name, member=member, size=_mb(length)), reason="oversized")
                padded = -(-length // _BLOCK) * _BLOCK
                if member == PAYLOAD_NAME:  # hashed as it streams past, not kept
                    cipher_at, cipher_sha, left = pos, hashlib.sha256(), length
                    while left:
                        chunk = take(min(left, _READ_STEP))
                        if not chunk:
                            raise truncated
                        cipher_sha.update(chunk)
                        left -= len(chunk)
                    content = b""
                else:
                    content = take(length)
                    if len(content) != length:
                        raise truncated
                take(padded - length)
                pos += padded
                members[member] = content
            trailer = size - pos
            if trailer < 2 * _BLOCK or trailer % _BLOCK:
                raise truncated
            if trailer > _MAX_TRAILER:
                raise BundleRejected(msg("{name} carries {size} after the end of the bundle; it is not an sle_desktop "
                                         "bundle as exported and was refused.", name=name, size=_mb(trailer)),
                                     reason="not_a_bundle")
            rest = take(trailer)
            extra = _tar_header(rest[:_BLOCK])
            if extra is not None:
                raise BundleRejected(msg("{name} is not an sle_desktop bundle (unexpected content {member!r}).",
                                         name=name, member=extra[0][:60]), reason="not_a_bundle")
            if len(rest) != trailer or rest.count(0) != trailer:
                raise truncated
            if fh.read(1):
                raise BundleRejected(msg("{name} grew beyond {limit} while being read; it was refused.", name=name,
                                         limit=_mb(size)), reason="oversized")
    except OSError as exc:
        raise unreadable(exc) from None
    manifest_bytes = members[MANIFEST_NAME]
    try:
        manifest = strict_json(manifest_bytes)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BundleRejected(msg("{name}: the manifest is not valid JSON ({error}).", name=name,
                                 error=str(exc)[:80]), reason="malformed") from None
    (check or check_manifest)(manifest)
    if canonical_json(manifest).encode("utf-8") != manifest_bytes:
        raise BundleRejected(msg("{name}: the manifest is not in canonical form; it was altered.", name=name),
                             reason="tampered")
    try:
        signature = base64.b64decode(members[SIGNATURE_NAME].strip(), validate=True)
    except (binascii.Error, ValueError):
        signature = b""
    if len(signature) != 64:
        raise BundleRejected(msg("{name}: the signature is damaged or missing.", name=name), reason="forged")
    return Container(path, size, sha.hexdigest(), manifest_bytes, manifest, signature, length,
                     cipher_sha.hexdigest(), cipher_at)


def check_signed(container: Container, public_key: bytes, *, forged, tampered) -> dict:
    """The manifest once the Ed25519 signature over it checks with `public_key` and the encrypted member has the
    signed size and SHA-256; otherwise BundleRejected with the `forged` or `tampered` message (reason likewise)."""
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(container.signature, container.manifest_bytes)
    except (InvalidSignature, ValueError):
        raise BundleRejected(forged, reason="forged") from None
    m = container.manifest
    if container.ciphertext_size != m["ciphertext_bytes"] or container.ciphertext_sha256 != m["ciphertext_sha256"]:
        raise BundleRejected(tampered, reason="tampered")
    return m


def verify_container(container: Container, public_key: bytes, *, site_code: str) -> dict:
    """Check the Ed25519 signature with the site's registered key, then the encrypted member's hash and size."""
    name = container.path.name
    return check_signed(container, public_key, forged=msg(
        "{name}: the signature does not match the registered key of site {site}. The bundle was forged, "
        "altered after signing, or signed by another key; it was refused.", name=name, site=site_code),
        tampered=msg("{name}: the encrypted data was altered after the site signed the bundle; it was refused.",
                     name=name))


def decrypt(container: Container, identities: list) -> bytes:
    """The compressed payload; BundleRejected('wrong_recipient') when none of `identities` opens it."""
    try:
        return pyrage.decrypt(container.ciphertext, identities)
    except pyrage.DecryptError:
        from sle_desktop.sync.keys import fingerprint

        mine = ", ".join(fingerprint(str(i.to_public())) for i in identities)
        theirs = ", ".join(container.manifest["recipient_fingerprints"]) or msg("unknown")
        raise BundleRejected(msg(
            "{name} cannot be decrypted with this sponsor key: it was encrypted for key(s) {theirs}, "
            "and this key is {mine}. Use the matching sponsor.key, or ask the site to set the right sponsor key.",
            name=container.path.name, theirs=theirs, mine=mine), reason="wrong_recipient") from None


def iter_payload(compressed: bytes, manifest: dict, limits: Limits = Limits(), *, name: str = "bundle",
                 decoder: json.JSONDecoder = _STRICT) -> Iterator[dict]:
    """Decompress and parse payload lines within limits; at the end checks size, line count and SHA-256.
    `decoder`: `strict_json`'s own, or one from `strict_decoder`."""
    for obj, _extra in iter_payload_lines(compressed, manifest, limits, name=name, decoder=decoder):
        yield obj


_CHUNK_LINES = 1000  # lines parsed in one decode (a bundle of 100 demo subjects has ~13 000)
_CHUNK_BYTES = 1_000_000


def iter_payload_lines(compressed: bytes, manifest: dict, limits: Limits = Limits(), *, name: str = "bundle",
                       decoder: json.JSONDecoder = _STRICT) -> Iterator[tuple[dict, str | None]]:
    """`iter_payload`'s lines, each with what it took to check it for free: the row of a record line whose values are
    all scalars as canonical JSON, an audit line's `row_hash` (None otherwise, or when the line is not canonical
    JSON).

    Lines are parsed a chunk at a time with one call of the plain C decoder, which is as strict as `strict_json`
    for a line that is exactly the canonical JSON of what it parsed to (as the site writes every line: then it
    has no duplicate keys, no NaN, no escaped lone surrogate). Any other line, or a chunk the plain decoder
    refuses, is parsed line by line with `decoder`, so what is accepted, and every refusal, its message and the
    line it is raised at, stay those of `strict_json`."""
    pending: list[bytes] = []
    size = count = 0
    source = _raw_lines(compressed, manifest, limits, name)
    while True:
        try:
            raw = next(source)
        except StopIteration:
            break
        except BundleRejected:  # met after the lines read so far: they come first
            yield from _parse_chunk(pending, count - len(pending) + 1, name, decoder)
            raise
        count += 1
        pending.append(raw)
        size += len(raw)
        if len(pending) >= _CHUNK_LINES or size >= _CHUNK_BYTES:
            yield from _parse_chunk(pending, count - len(pending) + 1, name, decoder)
            pending, size = [], 0
    yield from _parse_chunk(pending, count - len(pending) + 1, name, decoder)


_PLAIN = json.JSONDecoder()
_NOT_CANONICAL = object()


def _parse_chunk(raw: list[bytes], first: int, name: str, decoder: json.JSONDecoder):
    if not raw:
        return
    if orjson is not None:
        yield from _parse_chunk_fast(raw, first, name, decoder)
    else:
        yield from _parse_chunk_plain(raw, first, name, decoder)


def _parse_chunk_fast(raw: list[bytes], first: int, name: str, decoder: json.JSONDecoder):
    """`_parse_chunk_plain` with orjson's parser and encoder (about four times as fast at both), for the lines whose
    canonical JSON it spells exactly as `canonical_json` does; any other line takes the plain path."""
    loads = orjson.loads
    for k, line in enumerate(raw):
        try:  # line by line (faster than one array of them; orjson shares the field names across calls all the same)
            value = loads(line)
        except ValueError:  # orjson.JSONDecodeError; too deep, a big integer, ...: the plain path says what it is
            extra = _NOT_CANONICAL
        else:
            extra = _fast_extra(line, value)
        if extra is _NOT_CANONICAL:
            yield from _parse_chunk_plain([line], first + k, name, decoder)
        else:
            yield value, extra


_JSON_SCALARS = frozenset((str, int, bool, type(None)))  # spelled by orjson as by canonical_json
_SCALAR_VALUES = _JSON_SCALARS | {float}  # floats too, where `_floats_spelled_alike`
_TEXT_OR_NULL = frozenset((str, type(None)))
_AUDIT_LINE_KEYS = frozenset((*AUDIT_FIELDS, "hash"))
_audit_text = operator.itemgetter(*sorted(_AUDIT_LINE_KEYS - {"seq"}))


def _fast_extra(line: bytes, value):
    """`_canonical_extra` for a record or audit line of flat values that orjson encodes back to exactly `line`
    (then `canonical_json` does too: the same escapes, the same key order, the same integers; a float only where it
    is spelled as Python spells it); _NOT_CANONICAL for any other line."""
    if type(value) is not dict or len(value) > 3 or type(row := value.get("row")) is not dict:
        return _NOT_CANONICAL
    kind = value.get("type")
    if kind == "row" and len(value) == 3 and type(value.get("table")) is str:
        types = set(map(type, row.values()))
        if not _SCALAR_VALUES.issuperset(types) or (float in types and _FLOAT_SPELLED_APART.search(line)
                                                     and not _floats_spelled_alike(row)) \
                or not _written_back(value, line):
            return _NOT_CANONICAL
        # the row's own JSON: between '{"row":' and ',"table":' (a string cannot hold an unescaped quote)
        return line[7:line.rindex(b',"table":')].decode("utf-8")
    if kind == "audit" and len(value) == 2 and row.keys() == _AUDIT_LINE_KEYS and type(row["seq"]) is int \
            and _TEXT_OR_NULL.issuperset(map(type, _audit_text(row))) and type(stated := row["hash"]) is str \
            and type(previous := row["prev_hash"]) is str and _written_back(value, line):
        # the row without its hash, as `audit.row_hash` hashes it: "hash" sorts after "field" and before "new"
        at = line.index(b'"hash":')
        after = at + len(b'"hash":') + len(orjson.dumps(stated)) + len(b",")
        return hashlib.sha256(previous.encode("utf-8") + line[7:at] + line[after:-16]).hexdigest()
    return _NOT_CANONICAL


def _written_back(value, line: bytes) -> bool:
    """orjson encodes `value`, keys sorted, as exactly `line` (False for what it cannot encode: an integer beyond 64
    bits, a lone surrogate)."""
    try:
        return orjson.dumps(value, option=orjson.OPT_SORT_KEYS) == line
    except TypeError:
        return False


# Where orjson may spell a float otherwise than Python: in exponent form, or below 0.0001 (0.00001 for 1e-05). Any
# other float it writes as Python does (checked over millions of random floats); in a line of a flat record that it
# spells exactly so, every float follows a colon. Text can match too: then the floats are compared one by one.
_FLOAT_SPELLED_APART = re.compile(rb":-?(?:0\.0000|\d[\d.]*[eE])")


def _floats_spelled_alike(row: dict) -> bool:
    """orjson writes every float of `row` as Python does (it writes 0.00001 where Python writes 1e-05, and 1e-8 for
    1e-08: a line with such a float takes the plain path)."""
    floats = [v for v in row.values() if type(v) is float]
    return orjson.dumps(floats) == f"[{','.join(map(float.__repr__, floats))}]".encode("ascii")


def _parse_chunk_plain(raw: list[bytes], first: int, name: str, decoder: json.JSONDecoder):
    try:
        texts = b"\n".join(raw).decode("utf-8").split("\n")
        values = _PLAIN.decode("[" + ",".join(texts) + "]")  # field names shared across the chunk (memoized)
    except (ValueError, RecursionError):  # one line is not JSON: parse_line says which
        texts = values = ()
    if len(values) != len(raw):  # not JSON, or lines that are not one value each
        texts = values = (None,) * len(raw)
    for k, (text, value) in enumerate(zip(texts, values)):
        extra = _NOT_CANONICAL if text is None else _canonical_extra(text, value)
        if extra is _NOT_CANONICAL:
            yield parse_line(raw[k], first + k, name, decoder), None
        else:
            yield value, extra


def _canonical_extra(text: str, value):
    """The line's extra (see iter_payload_lines) when `text` is the canonical JSON of `value`, a payload record;
    _NOT_CANONICAL otherwise."""
    if type(value) is not dict or type(kind := value.get("type")) is not str:
        return _NOT_CANONICAL
    row = value.get("row")
    try:
        if kind == "row" and len(value) == 3 and type(row) is dict and type(table := value.get("table")) is str:
            if not _SCALAR_VALUES.issuperset(map(type, row.values())):
                return _NOT_CANONICAL
            body = canonical_json(row)
            return body if text == f'{{"row":{body},"table":{_quote(table)},"type":"row"}}' else _NOT_CANONICAL
        if kind == "audit" and len(value) == 2 and type(row) is dict and (spelled := line_and_hash(row)):
            return spelled[1] if text == f'{{"row":{spelled[0]},"type":"audit"}}' else _NOT_CANONICAL
        return None if text == canonical_json(value) else _NOT_CANONICAL
    except (ValueError, TypeError, KeyError, RecursionError):  # NaN or infinity (allow_nan=False), ...
        return _NOT_CANONICAL


def _raw_lines(compressed: bytes, manifest: dict, limits: Limits, name: str) -> Iterator[bytes]:
    """The payload's lines (bytes, without the newline) decompressed within limits; at the end checks size, line
    count and SHA-256."""
    declared = manifest["payload_bytes"]
    if declared > limits.max_payload_bytes:
        raise BundleRejected(msg("{name}: its payload would be {size} once unpacked, over the {limit} limit; it was "
                                 "refused.", name=name, size=_mb(declared), limit=_mb(limits.max_payload_bytes)),
                             reason="payload_too_large")
    if manifest["payload_lines"] > limits.max_lines:
        raise BundleRejected(msg("{name}: it declares {lines:,} lines, more than the limit of {limit:,}; it was "
                                 "refused.", name=name, lines=manifest["payload_lines"], limit=limits.max_lines),
                             reason="too_many_lines")
    cap = min(declared, limits.max_payload_bytes)
    unz = zlib.decompressobj(wbits=31)
    sha = hashlib.sha256()
    total = 0
    lines = 0
    waiting: list[bytes] = []  # the start of a line whose newline has not come yet (joined once it comes)
    waiting_bytes = 0
    view = memoryview(compressed)

    def line_too_long() -> BundleRejected:
        return BundleRejected(msg("{name}: payload line {n} is longer than {limit}; the bundle was refused.", name=name,
                                  n=lines + 1, limit=_mb(limits.max_line_bytes)), reason="line_too_long")

    def feed(out: bytes) -> Iterator[bytes]:
        nonlocal total, lines, waiting_bytes
        if not out:
            return
        total += len(out)
        if total > cap:
            raise BundleRejected(msg("{name}: its payload unpacks to more than the {limit} declared or allowed "
                                     "(a compression bomb or a damaged file); it was refused.", name=name,
                                     limit=_mb(cap)), reason="payload_too_large")
        sha.update(out)
        waiting.append(out)
        if b"\n" not in out:
            waiting_bytes += len(out)
            if waiting_bytes > limits.max_line_bytes:
                raise line_too_long()
            return
        parts = b"".join(waiting).split(b"\n")
        waiting[:] = [rest] if (rest := parts.pop()) else []
        waiting_bytes = len(rest)
        if parts and (lines + len(parts) > limits.max_lines or max(map(len, parts)) > limits.max_line_bytes):
            for line in parts:  # one by one, to refuse at the line that breaks a limit, after the ones before it
                if len(line) > limits.max_line_bytes:
                    raise line_too_long()
                lines += 1
                if lines > limits.max_lines:
                    raise BundleRejected(msg("{name}: its payload has more than {limit:,} lines; it was refused.",
                                             name=name, limit=limits.max_lines), reason="too_many_lines")
                yield line
        else:
            lines += len(parts)
            yield from parts
        if waiting_bytes > limits.max_line_bytes:
            raise line_too_long()

    consumed = 0
    try:
        while consumed < len(view) and not unz.eof:
            step = view[consumed:consumed + _INPUT_STEP]
            consumed += len(step)
            yield from feed(unz.decompress(step))
        if not unz.eof:
            yield from feed(unz.flush())
    except zlib.error:
        raise BundleRejected(msg("{name}: the payload is damaged (invalid compressed data).", name=name),
                             reason="malformed") from None
    if not unz.eof:
        raise BundleRejected(msg("{name}: the payload ends early (truncated).", name=name), reason="truncated")
    if unz.unused_data or consumed < len(view):
        raise BundleRejected(msg("{name}: unexpected data after the end of the payload.", name=name), reason="malformed")
    if waiting_bytes:
        raise BundleRejected(msg("{name}: the payload's last line is incomplete.", name=name), reason="truncated")
    if total != declared or lines != manifest["payload_lines"] or sha.hexdigest() != manifest["payload_sha256"]:
        raise BundleRejected(msg("{name}: the payload does not match the signed manifest (size, line count or hash); "
                                 "it was refused.", name=name), reason="tampered")


def parse_line(line: bytes, number: int, name: str = "bundle", decoder: json.JSONDecoder = _STRICT) -> dict:
    """One payload line as a dict with a string `type`."""
    try:
        obj = strict_json(line, decoder)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BundleRejected(msg("{name}: payload line {n} is not valid JSON ({error}).", name=name, n=number,
                                 error=str(exc)[:80]), reason="malformed") from None
    if not isinstance(obj, dict) or not isinstance(obj.get("type"), str):
        raise BundleRejected(msg("{name}: payload line {n} is not a payload record.", name=name, n=number),
                             reason="malformed")
    return obj


