"""Every refusal branch of the bundle reader (`sync/bundle.py`), each pinned by its message and reason.

The container reader streams 512-byte tar blocks; the payload reader streams lines. Boundaries are pinned
exactly (a limit itself is allowed, one more is refused) so that a changed comparison does not pass.
"""

from __future__ import annotations

import base64
import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import orjson
import pyrage
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sync_helpers import db_state, import_one, register

from sle_desktop.cli.sponsor import sponsor_main
from sle_desktop.store.audit import canonical_json, row_hash
from sle_desktop.sync import bundle
from sle_desktop.sync.errors import BundleRejected, SyncError

KEY = Ed25519PrivateKey.generate()
IDENTITY = pyrage.x25519.Identity.generate()
HEX = "a" * 64


def _manifest(**over) -> dict:
    m = {
        "format": bundle.FORMAT, "format_version": 1, "site_uuid": "u" * 36, "site_code": "BY01", "site_name": "x",
        "study_id": "S", "study_version": "1", "bundle_seq": 1, "from_seq": 0, "to_seq": 0,
        "prev_bundle_hash": HEX, "chain_start_hash": HEX, "chain_head_hash": HEX, "payload_sha256": HEX,
        "payload_bytes": 0, "payload_lines": 0, "compression": "gzip", "ciphertext_sha256": HEX,
        "ciphertext_bytes": 0, "encryption": "age-x25519", "recipient_fingerprints": ["F"], "signing_key": "K",
        "counts": {}, "created_at": "2026-06-01T10:00:00+00:00", "created_by": "cli:x", "app_version": "0",
    }
    m.update(over)
    return m


def _built(lines=(b'{"type":"header"}\n', b'{"type":"end"}\n')) -> bundle.BuiltBundle:
    w = bundle.PayloadWriter()
    for line in lines:
        w.add_raw(line)
    fields = {k: v for k, v in _manifest().items() if k not in (
        "format", "format_version", "payload_sha256", "payload_bytes", "payload_lines", "compression",
        "ciphertext_sha256", "ciphertext_bytes", "encryption", "recipient_fingerprints", "signing_key")}
    return bundle.build_bundle(fields, w, [IDENTITY.to_public()], KEY, ["F"])


def _tar(parts: list[tuple[str, bytes]], *, kind=tarfile.REGTYPE) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for name, data in parts:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.type = kind if name == bundle.SIGNATURE_NAME else tarfile.REGTYPE
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def _parts(built: bundle.BuiltBundle) -> list[tuple[str, bytes]]:
    return [(bundle.MANIFEST_NAME, built.manifest_bytes),
            (bundle.SIGNATURE_NAME, base64.b64encode(built.signature) + b"\n"),
            (bundle.PAYLOAD_NAME, built.ciphertext)]


def _refused(path, reason: str, text: str, limits=bundle.Limits()) -> BundleRejected:
    with pytest.raises(BundleRejected) as info:
        bundle.read_container(path, limits)
    assert info.value.reason == reason, str(info.value)
    assert text in str(info.value)
    return info.value


@pytest.fixture
def genuine(tmp_path) -> Path:
    path = tmp_path / "BY01-bundle-0001.slebundle"
    path.write_bytes(_built().to_bytes())
    return path


def test_the_genuine_bundle_reads_and_its_file_hash_is_of_the_whole_file(genuine):
    import hashlib

    c = bundle.read_container(genuine)
    assert c.manifest["site_code"] == "BY01" and len(c.signature) == 64
    assert c.file_sha256 == hashlib.sha256(genuine.read_bytes()).hexdigest() and c.size == genuine.stat().st_size
    assert bundle.check_signed(c, KEY.public_key().public_bytes_raw(), forged="F", tampered="T") == c.manifest
    assert [x["type"] for x in bundle.iter_payload(bundle.decrypt(c, [IDENTITY]), c.manifest)] == ["header", "end"]


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(SyncError, match="Cannot read .*nothing.slebundle: No such file or directory"):
        bundle.read_container(tmp_path / "nothing.slebundle")
    with pytest.raises(SyncError, match="is a folder, not a bundle file"):
        bundle.read_container(tmp_path)


def test_an_os_error_while_reading_is_one_sentence(genuine, monkeypatch):
    def failing_open(*_a, **_k):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(bundle, "open", failing_open, raising=False)
    with pytest.raises(SyncError) as info:
        bundle.read_container(genuine)
    assert not isinstance(info.value, BundleRejected)
    assert str(info.value) == f"Cannot read {genuine}: Input/output error."


def test_size_empty_and_foreign(tmp_path, genuine):
    _refused(genuine, "oversized", "more than the 1,000 bytes a bundle may be",
             bundle.Limits(max_bundle_bytes=1000))
    assert bundle.read_container(genuine, bundle.Limits(max_bundle_bytes=genuine.stat().st_size))  # the limit itself
    _refused(genuine, "oversized", "a bundle may be; it was not read",
             bundle.Limits(max_bundle_bytes=genuine.stat().st_size - 1))
    empty = tmp_path / "empty.slebundle"
    empty.write_bytes(b"")
    _refused(empty, "truncated", "is empty (0 bytes)")
    small = tmp_path / "small.slebundle"
    small.write_bytes(b"hello")
    _refused(small, "not_a_bundle", "is not an sle_desktop bundle (or its beginning is damaged)")
    bad_sum = bytearray(genuine.read_bytes())
    bad_sum[150] ^= 1  # the first header's checksum
    small.write_bytes(bytes(bad_sum))
    _refused(small, "not_a_bundle", "or its beginning is damaged")


def test_a_file_that_grows_while_read_is_refused(genuine, monkeypatch):
    real = genuine.stat().st_size
    original = Path.stat

    def shrunk(self, *a, **k):
        st = original(self, *a, **k)
        if self == genuine:
            return os.stat_result((st.st_mode, st.st_ino, st.st_dev, st.st_nlink, st.st_uid, st.st_gid,
                                   real - 512, st.st_atime, st.st_mtime, st.st_ctime))
        return st

    monkeypatch.setattr(Path, "stat", shrunk)
    _refused(genuine, "oversized", "grew beyond")


def test_unexpected_members_and_member_types(tmp_path):
    built = _built()
    parts = _parts(built)
    path = tmp_path / "b.slebundle"
    path.write_bytes(_tar([parts[1], parts[0], parts[2]]))
    _refused(path, "not_a_bundle", "unexpected content 'manifest.sig'")
    path.write_bytes(_tar(parts + [("extra.txt", b"x")]))  # a fourth member where the end of the archive belongs
    _refused(path, "not_a_bundle", "unexpected content 'extra.txt'")
    path.write_bytes(_tar(parts, kind=tarfile.SYMTYPE))
    _refused(path, "not_a_bundle", "unexpected content 'manifest.sig'")
    path.write_bytes(_tar(parts, kind=tarfile.DIRTYPE))
    _refused(path, "not_a_bundle", "unexpected content")


def test_pax_and_gnu_headers_are_refused_without_being_read(tmp_path):
    parts = _parts(_built())
    for fmt in (tarfile.PAX_FORMAT, tarfile.GNU_FORMAT):
        buf = io.BytesIO()
        with tarfile.open(fileobj=buf, mode="w", format=fmt) as tar:
            for name, data in parts:
                info = tarfile.TarInfo(name if fmt == tarfile.PAX_FORMAT else name)
                info.size = len(data)
                if fmt == tarfile.PAX_FORMAT:
                    info.pax_headers = {"comment": "x" * 2000}
                else:
                    info.name = "d/" * 60 + name  # a GNU long-name header
                tar.addfile(info, io.BytesIO(data))
        path = tmp_path / f"fmt{fmt}.slebundle"
        path.write_bytes(buf.getvalue())
        _refused(path, "not_a_bundle", "unexpected content")


def test_over_cap_members(tmp_path):
    built = _built()
    parts = _parts(built)
    path = tmp_path / "b.slebundle"
    path.write_bytes(_tar(parts))
    size = len(built.manifest_bytes)
    _refused(path, "oversized", f"manifest.json is {size:,} bytes, over its limit",
             bundle.Limits(max_manifest_bytes=size - 1))
    assert bundle.read_container(path, bundle.Limits(max_manifest_bytes=size))
    path.write_bytes(_tar([parts[0], (bundle.SIGNATURE_NAME, b"A" * 513), parts[2]]))
    _refused(path, "oversized", "manifest.sig is 513 bytes, over its limit")



def _claim(data: bytearray, offset: int, size: int) -> None:
    """Rewrite the size field of the tar header at `offset` (and its checksum)."""
    header = data[offset:offset + 512]
    header[124:136] = b"%011o\0" % size
    header[148:156] = b" " * 8
    header[148:156] = b"%06o\0 " % sum(header)
    data[offset:offset + 512] = header


def test_a_member_claiming_more_than_its_cap_or_the_file_is_refused_unread(tmp_path):
    data = bytearray(_tar(_parts(_built())))
    with tarfile.open(fileobj=io.BytesIO(bytes(data))) as tar:
        payload_at = tar.getmembers()[2].offset
    path = tmp_path / "claim.slebundle"
    first = bytearray(data)
    _claim(first, 0, 300 * 1024 * 1024)
    path.write_bytes(bytes(first))
    _refused(path, "oversized", "manifest.json is 314.6 MB, over its limit")
    _refused(path, "truncated", "is truncated or damaged", bundle.Limits(max_manifest_bytes=400 * 1024 * 1024))
    last = bytearray(data)
    _claim(last, payload_at, 300 * 1024 * 1024)
    path.write_bytes(bytes(last))
    _refused(path, "oversized", "payload.jsonl.gz.age is 314.6 MB, over its limit",
             bundle.Limits(max_bundle_bytes=1024 * 1024))
    _refused(path, "truncated", "is truncated or damaged")


@pytest.mark.parametrize("cut", ["second_header_zero", "trailer_short", "trailer_nonzero", "odd_size"])
def test_broken_archive_ends(tmp_path, cut):
    data = _tar(_parts(_built()))
    path = tmp_path / "b.slebundle"
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        members = tar.getmembers()
    end = members[-1].offset_data + -(-members[-1].size // 512) * 512
    if cut == "second_header_zero":
        data = data[:members[1].offset] + b"\0" * 512 + data[members[1].offset + 512:]
    elif cut == "trailer_short":
        data = data[:end + 512]
    elif cut == "trailer_nonzero":
        data = data[:end + 700] + b"\1" + data[end + 701:]
    else:
        data = data + b"\0" * 100
    path.write_bytes(data)
    _refused(path, "truncated", "is truncated or damaged")


def test_a_damaged_later_header_is_not_a_bundle(tmp_path):
    data = bytearray(_tar(_parts(_built())))
    with tarfile.open(fileobj=io.BytesIO(bytes(data))) as tar:
        second = tar.getmembers()[1].offset
    data[second + 257:second + 262] = b"xxxxx"
    path = tmp_path / "b.slebundle"
    path.write_bytes(bytes(data))
    _refused(path, "not_a_bundle", "or its beginning is damaged")


def test_padding_after_the_archive_beyond_64_kib_is_refused(tmp_path, genuine):
    path = tmp_path / "padded.slebundle"
    data = genuine.read_bytes()
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        last = tar.getmembers()[-1]
    end = last.offset_data + -(-last.size // 512) * 512
    path.write_bytes(data[:end] + b"\0" * (64 * 1024))
    assert bundle.read_container(path).manifest_bytes  # the limit itself
    path.write_bytes(data[:end] + b"\0" * (64 * 1024 + 512))
    _refused(path, "not_a_bundle", "carries 66,048 bytes after the end of the bundle")


def test_manifest_decoding_problems(tmp_path):
    built = _built()
    parts = _parts(built)
    path = tmp_path / "b.slebundle"
    cases = {
        b"{not json": "the manifest is not valid JSON",
        b'{"a":1,"a":2}': "duplicate key 'a'",
        b'{"a":NaN}': "NaN is not allowed",
        b'{"a":1e999}': "is out of range",
        b'{"created_by":"\\ud800"}': "lone surrogate",
        b'{"x":"\xed\xa0\x80"}': "the manifest is not valid JSON",
        b"\xff\xfe": "the manifest is not valid JSON",
        b"[" * 100_000 + b"]" * 100_000: "nested too deeply",
    }
    for text, expected in cases.items():
        path.write_bytes(_tar([(bundle.MANIFEST_NAME, text), parts[1], parts[2]]))
        error = _refused(path, "malformed", expected, bundle.Limits(max_manifest_bytes=300_000))
        assert len(str(error)) < 300
    surrogate = built.manifest_bytes.replace(b'"created_by":"cli:x"', b'"created_by":"\\ud800"')
    path.write_bytes(_tar([(bundle.MANIFEST_NAME, surrogate), parts[1], parts[2]]))
    _refused(path, "malformed", "lone surrogate")
    path.write_bytes(_tar([(bundle.MANIFEST_NAME, b" " + built.manifest_bytes), parts[1], parts[2]]))
    _refused(path, "tampered", "the manifest is not in canonical form")
    path.write_bytes(_tar([(bundle.MANIFEST_NAME, canonical_json(_manifest(bundle_seq=2 ** 63)).encode()),
                           parts[1], parts[2]]))
    _refused(path, "malformed", "bundle_seq is out of range")


def test_signature_member_problems(tmp_path):
    built = _built()
    parts = _parts(built)
    path = tmp_path / "b.slebundle"
    for sig in (b"not base64!", base64.b64encode(b"x" * 63), b""):
        path.write_bytes(_tar([parts[0], (bundle.SIGNATURE_NAME, sig), parts[2]]))
        _refused(path, "forged", "the signature is damaged or missing")
    wrong = base64.b64encode(Ed25519PrivateKey.generate().sign(built.manifest_bytes))
    path.write_bytes(_tar([parts[0], (bundle.SIGNATURE_NAME, wrong), parts[2]]))
    c = bundle.read_container(path)
    with pytest.raises(BundleRejected) as info:
        bundle.verify_container(c, KEY.public_key().public_bytes_raw(), site_code="BY01")
    assert info.value.reason == "forged" and "does not match the registered key of site BY01" in str(info.value)
    with pytest.raises(BundleRejected) as info:
        bundle.verify_container(c, b"short", site_code="BY01")
    assert info.value.reason == "forged"


def test_ciphertext_altered_or_resized_after_signing(tmp_path):
    built = _built()
    parts = _parts(built)
    path = tmp_path / "b.slebundle"
    flipped = bytearray(built.ciphertext)
    flipped[-1] ^= 1
    for cipher in (bytes(flipped), built.ciphertext + b"x"):
        path.write_bytes(_tar([parts[0], parts[1], (bundle.PAYLOAD_NAME, cipher)]))
        with pytest.raises(BundleRejected) as info:
            bundle.verify_container(bundle.read_container(path), KEY.public_key().public_bytes_raw(), site_code="BY01")
        assert info.value.reason == "tampered" and "altered after the site signed" in str(info.value)


def test_wrong_recipient_and_encryption_failure(genuine):
    c = bundle.read_container(genuine)
    other = pyrage.x25519.Identity.generate()
    with pytest.raises(BundleRejected) as info:
        bundle.decrypt(c, [other])
    assert info.value.reason == "wrong_recipient" and "it was encrypted for key(s) F" in str(info.value)
    with pytest.raises(SyncError, match="could not be encrypted for the sponsor"):
        bundle.build_bundle({}, bundle.PayloadWriter(), [], KEY, [])


@pytest.mark.parametrize("fingerprints, ok", [
    (["F"] * 20, True), (["F"] * 21, False), ([1], False), (["F" * 99], True), (["F" * 100], False), ([], True),
])
def test_recipient_fingerprints(fingerprints, ok):
    m = _manifest(recipient_fingerprints=fingerprints)
    if ok:
        assert bundle.check_manifest(m) is m
    else:
        with pytest.raises(BundleRejected, match="recipient_fingerprints is not a short list"):
            bundle.check_manifest(m)


@pytest.mark.parametrize("over, problem", [
    ({"counts": {"a": -1}}, "counts is not a table"), ({"counts": {"a": 2 ** 63}}, "counts is not a table"),
    ({"counts": {"a": True}}, "counts is not a table"), ({"counts": {str(i): 1 for i in range(101)}}, "counts is not"),
    ({"payload_bytes": -1}, "a size is negative"), ({"bundle_seq": 0}, "impossible"), ({"to_seq": -1}, "impossible"),
    ({"bundle_seq": True}, "bundle_seq is not a whole number"), ({"site_name": "x" * 301}, "site_name is too long"),
    ({"compression": "bz2"}, "unsupported"), ({"payload_sha256": "A" * 64}, "payload_sha256 is not a SHA-256"),
    ({"format": "zip"}, "format is 'zip'"), ({"extra": 1}, "unknown field(s) 'extra'"),
    ({"site_uuid": 5}, "site_uuid has the wrong type"),
])
def test_manifest_field_checks(over, problem):
    with pytest.raises(BundleRejected) as info:
        bundle.check_manifest(_manifest(**over))
    assert problem in str(info.value) and info.value.reason == "malformed"
    assert bundle.check_manifest(_manifest(counts={str(i): 2 ** 63 - 1 for i in range(100)}))
    with pytest.raises(BundleRejected, match="missing site_code"):
        bundle.check_manifest({k: v for k, v in _manifest().items() if k != "site_code"})
    with pytest.raises(BundleRejected, match="format version 2"):
        bundle.check_manifest(_manifest(format_version=2))


@pytest.mark.parametrize("shared_keys", [False, True], ids=["own decoder", "decoder sharing field names"])
def test_strict_json_on_text_and_bytes(shared_keys):
    decoder = bundle.strict_decoder({}) if shared_keys else bundle.strict_json.__defaults__[0]
    for data in ('{"a":1,"a":2}', b'{"a":1,"a":2}'):
        with pytest.raises(ValueError, match="duplicate key 'a'"):
            bundle.strict_json(data, decoder)
    for data in ('{"a":NaN}', b'{"a":Infinity}', '{"a":-Infinity}', '[1e400]'):
        with pytest.raises(ValueError):
            bundle.strict_json(data, decoder)
    with pytest.raises(ValueError, match="lone surrogate"):
        bundle.strict_json('["\\udc00"]', decoder)
    with pytest.raises(ValueError, match="lone surrogate"):
        bundle.strict_json(b'{"\\ud800":1}', decoder)
    assert bundle.strict_json('["\\ud83d\\ude00", 1.5, {"b": 2, "c": 3}]', decoder) == [
        "\U0001F600", 1.5, {"b": 2, "c": 3}]
    assert bundle.strict_json(b'{"a":"\xc3\xa9"}', decoder) == {"a": "é"}
    # a bundle is UTF-8: the same object in UTF-16 or behind a byte-order mark is not read as if it were
    for data in ('{"a":1}'.encode("utf-16"), '{"a":1}'.encode("utf-32-le"), b"\xef\xbb\xbf" + b'{"a":1}'):
        with pytest.raises(ValueError):
            bundle.strict_json(data, decoder)


def test_a_shared_decoder_gives_each_field_name_as_one_object():
    keys: dict = {}
    decoder = bundle.strict_decoder(keys)
    first = bundle.strict_json(b'{"row":{"uuid":"a","n":1},"type":"row"}', decoder)
    second = bundle.strict_json(b'{"type":"row","row":{"n":2,"uuid":"b"}}', decoder)
    assert first == {"row": {"uuid": "a", "n": 1}, "type": "row"} and list(second["row"]) == ["n", "uuid"]
    for a, b in ((first, second), (first["row"], second["row"])):
        assert all(x is next(y for y in b if y == x) for x in a)
    assert set(keys) == {"row", "uuid", "n", "type"}


def _payload(lines: list[bytes]) -> tuple[bytes, dict]:
    w = bundle.PayloadWriter()
    for line in lines:
        w.add_raw(line)
    return w.finish(), {"payload_bytes": w.bytes, "payload_lines": w.lines, "payload_sha256": w.sha256}


def _payload_refused(lines, reason, text, limits=bundle.Limits(), **over):
    data, m = _payload(lines)
    with pytest.raises(BundleRejected) as info:
        list(bundle.iter_payload(data, dict(m, **over), limits, name="b"))
    assert info.value.reason == reason, str(info.value)
    assert text in str(info.value)


def test_payload_line_count_boundaries():
    lines = [b'{"type":"x"}\n'] * 5
    data, m = _payload(lines)
    assert len(list(bundle.iter_payload(data, m, bundle.Limits(max_lines=5)))) == 5  # exactly max_lines
    _payload_refused(lines, "too_many_lines", "it declares 5 lines, more than the limit of 4",
                     bundle.Limits(max_lines=4))
    _payload_refused(lines, "too_many_lines", "its payload has more than 4 lines", bundle.Limits(max_lines=4),
                     payload_lines=4)


def test_payload_line_length_boundaries():
    full = b'{"type":"' + b"x" * 89 + b'"}'
    assert len(full) == 100
    data, m = _payload([full + b"\n"])
    assert len(list(bundle.iter_payload(data, m, bundle.Limits(max_line_bytes=100)))) == 1  # exactly max_line_bytes
    _payload_refused([full + b"\n"], "line_too_long", "payload line 1 is longer than 99 bytes",
                     bundle.Limits(max_line_bytes=99))
    # a partial last line of exactly max_line_bytes is kept waiting for its newline: refused only as incomplete
    _payload_refused([full], "truncated", "the payload's last line is incomplete", bundle.Limits(max_line_bytes=100))
    _payload_refused([full], "line_too_long", "payload line 1 is longer than 99 bytes", bundle.Limits(max_line_bytes=99))


def test_payload_size_boundary():
    lines = [b'{"type":"x"}\n'] * 3
    data, m = _payload(lines)
    assert len(list(bundle.iter_payload(data, m, bundle.Limits(max_payload_bytes=m["payload_bytes"])))) == 3
    _payload_refused(lines, "payload_too_large", f"would be {m['payload_bytes']} bytes once unpacked, over the "
                     f"{m['payload_bytes'] - 1} bytes limit", bundle.Limits(max_payload_bytes=m["payload_bytes"] - 1))


def test_non_payload_records_and_damaged_streams():
    for line in (b"[1]\n", b'{"kind":"row"}\n', b'{"type":5}\n', b"5\n"):
        _payload_refused([line], "malformed", "payload line 1 is not a payload record")
    _payload_refused([b"{oops\n"], "malformed", "payload line 1 is not valid JSON")
    _payload_refused([b'{"type":"\\ud800"}\n'], "malformed", "lone surrogate")
    _payload_refused([b'{"type":"x","v":1e999}\n'], "malformed", "out of range")
    data, m = _payload([b'{"type":"x"}\n'])
    with pytest.raises(BundleRejected) as info:
        list(bundle.iter_payload(b"\x1f\x8b\x08\x00garbage" + data, m))
    assert info.value.reason == "malformed" and "invalid compressed data" in str(info.value)
    with pytest.raises(BundleRejected) as info:
        list(bundle.iter_payload(data[:-8], m))
    assert info.value.reason == "truncated" and "ends early" in str(info.value)
    _payload_refused([b'{"type":"x"}\n'], "payload_too_large", "would be 3000.0 MB once unpacked",
                     payload_bytes=3_000_000_000)
    _payload_refused([b'{"type":"x"}\n' * 10], "payload_too_large", "unpacks to more than the 13 bytes",
                     payload_bytes=13)
    _payload_refused([b'{"type":"x"}\n'], "tampered", "does not match the signed manifest", payload_lines=2)


# -- bounded memory whatever the tar headers claim -------------------------------------------------------
# The child reports the peak of Python allocations (tracemalloc) and its resident-set high-water mark (VmHWM, reset at
# exec, unlike getrusage's ru_maxrss, which a forked child inherits from a large parent).
_PEAK = """
import sys, tracemalloc
from sle_desktop.sync import bundle
from sle_desktop.sync.errors import BundleRejected
tracemalloc.start()
try:
    c = bundle.read_container(sys.argv[1])
    bundle.check_signed(c, bytes.fromhex(sys.argv[2]), forged="forged", tampered="signed size differs")
    outcome = "accepted"
except BundleRejected as exc:
    outcome = exc.reason + ": " + str(exc)
python_peak = tracemalloc.get_traced_memory()[1]
try:
    hwm = [int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:")][0] // 1024
except OSError:
    hwm = 0
print(python_peak // (1024 * 1024), hwm)
print(outcome)
"""
PADDING = 380 * 1024 * 1024
PEAK_MB = 150  # resident set of the whole child process (the interpreter and imports are ~40 MB)
PYTHON_PEAK_MB = 8  # what the reader allocated: a few 1 MB read steps at most


def _peak(path: Path) -> tuple[int, int, str]:
    """(peak Python allocations in MB, peak resident set in MB or 0 where unknown, outcome) of reading `path`."""
    out = subprocess.run([sys.executable, "-c", _PEAK, str(path), KEY.public_key().public_bytes_raw().hex()],
                         capture_output=True, text=True, timeout=120, check=True).stdout.splitlines()
    python_mb, rss_mb = map(int, out[0].split())
    return python_mb, rss_mb, out[1]


def _sparse(path: Path, head: bytes, padding: int, tail: bytes) -> None:
    """head, `padding` zero bytes (a hole: no disk used), tail."""
    with open(path, "wb") as fh:
        fh.write(head)
        fh.truncate(len(head) + padding)
        fh.seek(len(head) + padding)
        fh.write(tail)


def test_380_mb_of_tar_padding_around_a_genuine_bundle_is_refused_in_bounded_memory(tmp_path, genuine):
    data = genuine.read_bytes()
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        members = tar.getmembers()
    end = members[-1].offset_data + -(-members[-1].size // 512) * 512
    trailing = tmp_path / "trailing.slebundle"
    _sparse(trailing, data, PADDING, b"")
    pax = tmp_path / "pax.slebundle"
    record = b"%d comment=" % (PADDING + 12)
    info = tarfile.TarInfo("././@PaxHeader")
    info.type, info.size = tarfile.XHDTYPE, PADDING + len(record)
    header = info.tobuf(tarfile.USTAR_FORMAT)
    _sparse(pax, header + record, PADDING, b"\n" * (-(PADDING + len(record)) % 512) + data)
    claim = tmp_path / "claim.slebundle"
    fake = tarfile.TarInfo(bundle.PAYLOAD_NAME)
    fake.size = PADDING
    second_end = members[2].offset
    _sparse(claim, data[:second_end] + fake.tobuf(tarfile.USTAR_FORMAT), PADDING, b"\0" * 1024)
    assert trailing.stat().st_size > PADDING and end < len(data)
    for path, expected in ((trailing, "not_a_bundle: trailing.slebundle carries 398.5 MB after the end of the bundle"),
                           (pax, "not_a_bundle: pax.slebundle is not an sle_desktop bundle (unexpected content "
                                 "'././@PaxHeader')"),
                           (claim, "tampered: signed size differs")):
        python_mb, rss_mb, outcome = _peak(path)
        assert python_mb < PYTHON_PEAK_MB and rss_mb < PEAK_MB, (path.name, python_mb, rss_mb)
        assert outcome.startswith(expected), outcome


def test_padded_bundle_at_the_sponsor_leaves_the_database_unchanged(make_site, sponsor_db, sponsor_keys, tmp_path):
    site = make_site("BY01", subjects=2, seed=4)
    register(site, sponsor_db)
    exported = site.export()
    padded = tmp_path / "padded.slebundle"
    _sparse(padded, exported.path.read_bytes(), PADDING, b"")
    before = db_state(sponsor_db)
    with pytest.raises(BundleRejected) as info:
        import_one(sponsor_db, sponsor_keys, padded)
    assert info.value.reason == "not_a_bundle" and "after the end of the bundle" in str(info.value)
    assert db_state(sponsor_db) == before
    assert import_one(sponsor_db, sponsor_keys, exported.path).status == "imported"


def test_a_lone_surrogate_manifest_does_not_stop_a_genuine_bundle_in_the_same_command(
        make_site, sponsor_db, sponsor_keys, tmp_path, capsys):
    site = make_site("BY01", subjects=2, seed=4)
    register(site, sponsor_db)
    genuine = site.export().path
    with tarfile.open(genuine) as tar:
        parts = [(m.name, tar.extractfile(m).read()) for m in tar]
    manifest = json.loads(parts[0][1])
    text = parts[0][1].replace(json.dumps(manifest["created_by"]).encode(), b'"\\ud800"')
    bad = tmp_path / "bad.slebundle"
    bad.write_bytes(_tar([(bundle.MANIFEST_NAME, text), parts[1], parts[2]]))
    before = db_state(sponsor_db)
    code = sponsor_main(["import", "--db", str(sponsor_db), "--key", str(sponsor_keys.key_path), str(bad),
                         str(genuine)])
    err = capsys.readouterr().err
    assert code == 1
    assert "bad.slebundle: the manifest is not valid JSON (it contains a lone surrogate escape (not text))" in err
    assert "imported 1 bundle(s) (BY01 #1)" in err and "Traceback" not in err
    assert db_state(sponsor_db) != before


_AUDIT_ROW = {"seq": 7, "at_utc": "2026-01-01T00:00:00+00:00", "at_local": "2026-01-01T03:00:00+03:00",
              "user": "dr.ivanova", "table": "subjects", "row_id": "u" * 32, "field": "*", "old": None,
              "new": '{"sex":"F"}', "reason": None, "prev_hash": "0" * 64, "hash": "f" * 64}
# what a site writes, and what an altered or hand-made bundle may hold instead: every kind of line the plain decoder
# must not accept where the strict one refuses, or must not read differently
_LINES = [
    canonical_json({"type": "row", "table": "subjects", "row": {"uuid": "a" * 32, "change_seq": 3, "w": 1.5,
                                                                 "note": "é – \u00e9\\\"", "deleted": False}}),
    canonical_json({"type": "audit", "row": _AUDIT_ROW}),
    canonical_json({"type": "audit", "row": {**_AUDIT_ROW, "seq": True}}),  # canonical, but no hash to take
    canonical_json({"type": "audit", "row": {**_AUDIT_ROW, "mac": "m"}}),
    canonical_json({"type": "header", "tables": {"subjects": [["uuid", "TEXT"]]}}),
    '{"type": "row", "table": "subjects", "row": {"uuid": "b"}}',  # valid, not canonical (spaces)
    '{"row":{"uuid":"c"},"type":"row","table":"subjects"}',  # keys out of order
    '{"row":{"uuid":"d","uuid":"e"},"table":"subjects","type":"row"}',  # duplicate key
    '{"row":{"a":NaN},"table":"subjects","type":"row"}', '{"row":{"a":1e999},"table":"subjects","type":"row"}',
    '{"row":{"a":1.50},"table":"subjects","type":"row"}', '{"row":{"a":"\\ud800"},"table":"subjects","type":"row"}',
    '{"row":{"a":"\\ud83d\\ude00"},"table":"subjects","type":"row"}', '{"row":{"a":"\\u00e9"},"table":"t","type":"row"}',
    '{"row":{"a":"\\u0001"},"table":"subjects","type":"row"}',
    '{"type":"x","a":[1', '2]}', '{"type":"x"},{"type":"y"}', '[{"type":"x"}]', '{"kind":"x"}', '{"type":5}', '',
    '{"type":"x","n":' + "9" * 5000 + "}", "[" * 100_000 + "]" * 100_000, '{"type":"x"} ', '\t{"type":"x"}',
    # where orjson and canonical_json part: orjson's spelling of a float is not canonical, Python's is; integers
    # beyond 64 bits (orjson reads them as floats); the characters either might escape
    '{"row":{"a":0.00001},"table":"subjects","type":"row"}', '{"row":{"a":1e-05},"table":"subjects","type":"row"}',
    '{"row":{"a":1e-8},"table":"subjects","type":"row"}', '{"row":{"a":1e-08},"table":"subjects","type":"row"}',
    '{"row":{"a":-0.00001,"b":"x"},"table":"subjects","type":"row"}', '{"row":{"a":-1e-8},"table":"subjects","type":"row"}',
    # floats both spell alike, beside text that looks like one that may not (then compared one by one)
    canonical_json({"type": "row", "table": "subjects", "row": {"a": 2.5, "b": "ratio:1e5", "c": ":0.00001"}}),
    canonical_json({"type": "row", "table": "subjects", "row": {"a": -1e16, "b": 1e-4, "c": 0.1 + 0.2, "d": -0.0}}),
    '{"row":{"a":18446744073709551616},"table":"subjects","type":"row"}',
    '{"row":{"a":-9223372036854775809,"b":9223372036854775807},"table":"subjects","type":"row"}',
    canonical_json({"type": "row", "table": "subjects", "row": {"a": "\x00\x1f\x7f\u2028\u2029\ufeff/\b\f\t<>&'"}}),
    canonical_json({"type": "row", "table": "s,\"table\":", "row": {"a": ',"table":"x"', "b": [1.5, {"c": None}]}}),
    # an audit row whose text before "hash" holds what looks like it
    canonical_json({"type": "audit", "row": {**_AUDIT_ROW, "at_local": '","hash":"', "field": '"hash":"x",'}}),
    canonical_json({"type": "audit", "row": {**_AUDIT_ROW, "at_utc": 2.5}}),
    canonical_json({"type": "audit", "row": {**_AUDIT_ROW, "hash": 7}}),
]


@pytest.fixture(params=["orjson", "plain"])
def reader(request, monkeypatch):
    """The payload reader with orjson (the sponsor's extra), and without it (the site's installers)."""
    if request.param == "plain":
        monkeypatch.setattr(bundle, "orjson", None)
    else:
        assert bundle.orjson is not None, "the test environment installs orjson (the sponsor extra)"
    return request.param


def _read_line_by_line(raws: list[bytes]):
    """What the payload reader must give: each line parsed alone with strict_json, up to the first refusal."""
    out = []
    for number, raw in enumerate(raws, 1):
        try:
            out.append(bundle.parse_line(raw, number, "b"))
        except BundleRejected as exc:
            return out, str(exc)
    return out, None


@pytest.mark.parametrize("chunk", [1, 3, 1000])
@given(picks=st.lists(st.sampled_from(range(len(_LINES) + 1)), min_size=1, max_size=12))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_lines_read_a_chunk_at_a_time_are_read_as_line_by_line(reader, chunk, picks, monkeypatch):
    """The payload reader parses a chunk of canonical lines in one call of the plain decoder; whatever the lines,
    what it accepts, what it reads them as, and the refusal it raises (and where) are those of strict_json."""
    monkeypatch.setattr(bundle, "_CHUNK_LINES", chunk)
    raws = [b"\xff\xfe not text" if i == len(_LINES) else _LINES[i].encode("utf-8") for i in picks]
    data, m = _payload([raw + b"\n" for raw in raws])
    expected, refusal = _read_line_by_line(raws)
    got, extras = [], []
    try:
        for obj, extra in bundle.iter_payload_lines(data, m, name="b"):
            got.append(obj)
            extras.append(extra)
    except BundleRejected as exc:
        assert str(exc) == refusal
    else:
        assert refusal is None
    assert got == expected and [type(v) for v in _walk(got)] == [type(v) for v in _walk(expected)]
    for obj, extra in zip(got, extras):  # what the check of the line gave for free, when it could
        if extra is not None:
            assert extra == (canonical_json(obj["row"]) if obj["type"] == "row" else row_hash(obj["row"]))
        if obj.get("type") == "row" and extra is not None:  # only for a record of scalars (the importer relies on it)
            assert all(type(v) in (str, int, float, bool, type(None)) for v in obj["row"].values())
    if all(map(_is_canonical, raws)):  # a chunk of a site's own lines: every record line came with its JSON
        assert all(extra is not None for obj, extra in zip(got, extras) if obj["type"] == "row"
                   and not any(isinstance(v, (dict, list)) for v in obj["row"].values()))


def _is_canonical(raw: bytes) -> bool:
    try:
        return canonical_json(json.loads(raw)).encode() == raw
    except (ValueError, RecursionError):
        return False


def _walk(value):
    """Every value nested in `value` (so 1 and 1.0, or True and 1, are told apart)."""
    yield value
    for child in value.values() if isinstance(value, dict) else value if isinstance(value, list) else ():
        yield from _walk(child)


def test_the_sites_own_lines_are_read_in_chunks_with_their_extras(reader, monkeypatch):
    """A site's payload (canonical JSON throughout) takes the fast path for every record and audit line."""
    raws = [_LINES[0].encode(), _LINES[1].encode()] * 5
    data, m = _payload([raw + b"\n" for raw in raws])
    plain_lines = []
    plain = bundle._parse_chunk_plain
    monkeypatch.setattr(bundle, "_parse_chunk_plain", lambda raw, *a: plain_lines.extend(raw) or plain(raw, *a))
    got = list(bundle.iter_payload_lines(data, m))
    assert plain_lines == ([] if reader == "orjson" else raws)
    assert [extra for _obj, extra in got] == [canonical_json(json.loads(_LINES[0])["row"]), row_hash(_AUDIT_ROW)] * 5
    assert got[0][0]["row"] is not got[2][0]["row"]
    if reader == "plain":  # field names come out as one object per chunk (sent once each to the importer)
        assert all(a is b for a, b in zip(got[0][0]["row"], got[2][0]["row"]))
    else:  # orjson's cache of field names shares nearly all of them: the helper's answer is hardly larger
        assert len({id(k) for obj, _ in got for k in obj["row"]}) < len({k for obj, _ in got for k in obj["row"]}) * 2


_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=12)
_scalar = st.one_of(st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
                    st.floats(allow_nan=False, allow_infinity=False), _text)


@given(rows=st.lists(st.dictionaries(st.from_regex(r"[a-z_]{1,8}", fullmatch=True), _scalar, max_size=8),
                     min_size=1, max_size=6),
       audits=st.lists(st.fixed_dictionaries({k: _text if k in ("prev_hash", "hash") else st.one_of(st.none(), _text)
                                              for k in _AUDIT_ROW if k != "seq"}), max_size=4))
@settings(max_examples=300, deadline=None)
def test_the_orjson_reader_reads_every_site_line_as_the_plain_one(rows, audits):
    """Records of any scalar values (floats of every magnitude, integers beyond 64 bits, any text) and audit rows
    of any text, written as the site writes them and as orjson would spell them: the orjson reader gives exactly
    the values, types and extras of the plain reader (and of strict_json)."""
    values = [{"type": "row", "table": "subjects", "row": r} for r in rows]
    values += [{"type": "audit", "row": {**a, "seq": n}} for n, a in enumerate(audits, 1)]
    lines = [canonical_json(v).encode() for v in values]
    for v in values:
        try:
            lines.append(orjson.dumps(v, option=orjson.OPT_SORT_KEYS))
        except TypeError:  # beyond what orjson writes
            pass
    data, m = _payload([raw + b"\n" for raw in lines])
    fast = list(bundle.iter_payload_lines(data, m))
    plain_module = bundle.orjson
    try:
        bundle.orjson = None
        plain = list(bundle.iter_payload_lines(data, m))
    finally:
        bundle.orjson = plain_module
    expected, refusal = _read_line_by_line(lines)
    assert refusal is None
    assert fast == plain and [o for o, _ in fast] == expected
    assert [type(v) for o, _ in fast for v in _walk(o)] == [type(v) for o in expected for v in _walk(o)]
    assert all(extra is not None for _o, extra in fast[:len(values)])  # the site's own lines: all fast
