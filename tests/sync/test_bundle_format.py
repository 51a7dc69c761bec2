"""The bundle file format, key files and atomic writing."""

from __future__ import annotations

import errno
import gzip
import hashlib
import tarfile
import zlib

import pyrage
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from sle_desktop.app import sync_site
from sle_desktop.app.errors import PermissionDenied, ValidationError
from sle_desktop.store import audit
from sle_desktop.sync import bundle, keys, site_export
from sle_desktop.sync.errors import BundleRejected, SyncError


def test_written_bundle_layout_manifest_and_signature(make_site, sponsor_keys):
    site = make_site("BY01", subjects=3, seed=1)
    result = site.export()
    with tarfile.open(result.path) as tar:
        names = [m.name for m in tar.getmembers()]
        parts = {m.name: tar.extractfile(m).read() for m in tar.getmembers()}
    assert names == ["manifest.json", "manifest.sig", "payload.jsonl.gz.age"]
    manifest = bundle.strict_json(parts["manifest.json"])
    assert set(manifest) == set(bundle.MANIFEST_FIELDS)
    head_seq, head_hash = audit.head(site.store.conn)
    info = site.store.query_one("SELECT * FROM site")
    assert manifest["site_uuid"] == info["site_uuid"] and manifest["site_code"] == "BY01"
    assert (manifest["bundle_seq"], manifest["from_seq"]) == (1, 0)
    assert manifest["to_seq"] == result.to_seq and manifest["to_seq"] < head_seq  # the export itself is a later change
    assert manifest["prev_bundle_hash"] == audit.GENESIS_HASH == manifest["chain_start_hash"]
    assert manifest["chain_head_hash"] == site.store.scalar("SELECT hash FROM audit WHERE seq = ?", (result.to_seq,))
    assert manifest["study_id"] == info["study_id"] and manifest["study_version"] == info["study_version"]
    assert manifest["ciphertext_sha256"] == hashlib.sha256(parts["payload.jsonl.gz.age"]).hexdigest()
    assert manifest["recipient_fingerprints"] == [sponsor_keys.fingerprint]
    assert parts["payload.jsonl.gz.age"].startswith(b"age-encryption.org/v1\n")
    public = site.store.scalar("SELECT public_key FROM site_signing_key")
    Ed25519PublicKey.from_public_bytes(public).verify(__import__("base64").b64decode(parts["manifest.sig"]),
                                                      parts["manifest.json"])
    assert result.bundle_hash == hashlib.sha256(parts["manifest.json"]).hexdigest()
    identities = keys.parse_identities(sponsor_keys.key_path.read_text())
    plain = gzip.decompress(pyrage.decrypt(parts["payload.jsonl.gz.age"], identities))
    assert hashlib.sha256(plain).hexdigest() == manifest["payload_sha256"]
    assert plain.count(b"\n") == manifest["payload_lines"] and len(plain) == manifest["payload_bytes"]
    assert manifest["counts"]["audit"] == result.to_seq and result.changes == result.to_seq
    assert not [p for p in site.usb.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_second_bundle_links_to_the_first(make_site):
    site = make_site("BY01", subjects=2, seed=1)
    first = site.export()
    second = site.export()
    m2 = bundle.read_container(second.path).manifest
    assert m2["prev_bundle_hash"] == first.bundle_hash and m2["from_seq"] == first.to_seq
    assert m2["chain_start_hash"] == bundle.read_container(first.path).manifest["chain_head_hash"]
    with pytest.raises(ValidationError, match="skip changes"):
        site.export(since_seq=second.to_seq + 1)


def test_full_disk_leaves_no_bundle_and_records_nothing(make_site, monkeypatch):
    site = make_site("BY01", subjects=3, seed=1)
    from sync_helpers import add_sae

    sae = add_sae(site)

    def full_disk(fh, data):
        fh.write(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(site_export, "_write_all", full_disk)
    with pytest.raises(SyncError, match="not enough free space"):
        site.export()
    assert list(site.usb.iterdir()) == []
    assert site.store.scalar("SELECT count(*) FROM exports") == 0
    assert site.store.scalar("SELECT sae_exported_at FROM adverse_events WHERE uuid = ?", (sae,)) is None


def test_corrupted_write_is_caught_by_reading_back(make_site, monkeypatch):
    """The drive returns different bytes: the export fails and nothing is recorded or left under the final name."""
    site = make_site("BY01", subjects=3, seed=1)

    def flaky_drive(fh, data):
        damaged = bytearray(data)
        damaged[700] ^= 0xFF  # inside manifest.json
        fh.write(bytes(damaged))

    monkeypatch.setattr(site_export, "_write_all", flaky_drive)
    with pytest.raises(SyncError, match="did not verify when read back"):
        site.export()
    assert list(site.usb.iterdir()) == []
    assert site.store.scalar("SELECT count(*) FROM exports") == 0


def test_interrupted_before_rename_leaves_no_bundle(make_site, monkeypatch):
    site = make_site("BY01", subjects=2, seed=1)
    from sle_desktop.sync import atomic

    def crash(tmp, final):
        raise KeyboardInterrupt("power cut")

    monkeypatch.setattr(atomic, "publish", crash)
    with pytest.raises(KeyboardInterrupt):
        site.export()
    assert not any(p.suffix == ".slebundle" for p in site.usb.iterdir())
    assert site.store.scalar("SELECT count(*) FROM exports") == 0


def test_export_needs_permission_and_a_folder(make_site, tmp_path):
    from sle_desktop.app.session import Session

    site = make_site("BY01", subjects=1, seed=1)
    monitor = Session(site.store, "demo.monitor", "Pavel Monitorov", "monitor", site.session.data_key)
    with pytest.raises(PermissionDenied):
        sync_site.export_bundle(monitor, site.usb)
    with pytest.raises(ValidationError, match="does not exist"):
        sync_site.export_bundle(site.session, tmp_path / "unplugged")


def test_sponsor_recipients_parsing(make_site):
    site = make_site("BY01", subjects=1, seed=1, recipients=False)
    a, b = (str(pyrage.x25519.Identity.generate().to_public()) for _ in range(2))
    saved = sync_site.set_sponsor_recipients(site.session, f"# main key\n{a}\n\n{b}  # offline backup\n{a}\n")
    assert sorted((k.recipient, k.label) for k in saved) == sorted([(a, "main key"), (b, "offline backup")])
    assert {k.fingerprint for k in sync_site.sponsor_fingerprints(site.session)} == {keys.fingerprint(a), keys.fingerprint(b)}
    trail = site.store.query("SELECT * FROM audit WHERE \"table\" = 'sponsor_recipients'")
    assert len(trail) == 1 and a in trail[0]["new"]
    for bad, message in [
        ("hello world", "not an age public key"),
        ("", "no age public key"),
        ("# only a comment\n", "no age public key"),
        (a[:-3] + "qqq", "checksum"),
        (a + "x", "wrong length"),
        ("ssh-ed25519 AAAAC3Nza", "not an age public key"),
        (str(pyrage.x25519.Identity.generate()), "PRIVATE key"),
    ]:
        with pytest.raises(ValidationError, match=message):
            sync_site.set_sponsor_recipients(site.session, bad)
    assert {k.recipient for k in sync_site.sponsor_fingerprints(site.session)} == {a, b}  # unchanged by the failures
    sync_site.set_sponsor_recipients(site.session, b)
    assert [k.recipient for k in sync_site.sponsor_fingerprints(site.session)] == [b]
    assert site.store.query_one("SELECT reason FROM audit WHERE \"table\" = 'sponsor_recipients' ORDER BY seq DESC")[
        "reason"] == "sponsor key file replaced"


def test_two_recipients_each_can_decrypt(make_site, tmp_path):
    site = make_site("BY01", subjects=1, seed=1, recipients=False)
    main, backup = pyrage.x25519.Identity.generate(), pyrage.x25519.Identity.generate()
    sync_site.set_sponsor_recipients(site.session, f"{main.to_public()}\n{backup.to_public()}\n")
    result = site.export()
    container = bundle.read_container(result.path)
    assert bundle.decrypt(container, [main]) == bundle.decrypt(container, [backup])


def test_site_key_file_round_trip_and_damage(make_site):
    site = make_site("BY01", subjects=1, seed=1)
    text = sync_site.site_public_key(site.session)
    key = keys.parse_site_key(text)
    assert key.code == "BY01" and key.site_uuid == site.store.scalar("SELECT site_uuid FROM site")
    assert key.public_key == site.store.scalar("SELECT public_key FROM site_signing_key")
    assert key.fingerprint in text and sync_site.site_key_fingerprint(site.session) == key.fingerprint
    damaged = text.replace(key.fingerprint, keys.fingerprint(b"other"))
    with pytest.raises(SyncError, match="fingerprint does not match"):
        keys.parse_site_key(damaged)
    with pytest.raises(SyncError, match="not an sle_desktop site key"):
        keys.parse_site_key("hello")
    with pytest.raises(SyncError, match="invalid site code"):
        keys.parse_site_key(text.replace("site_code: BY01", "site_code: by-1"))


def _payload(lines: list[bytes]) -> tuple[bytes, dict]:
    w = bundle.PayloadWriter()
    for line in lines:
        w.add_raw(line)
    data = w.finish()
    return data, {"payload_bytes": w.bytes, "payload_lines": w.lines, "payload_sha256": w.sha256}


def test_payload_reader_limits_and_damage():
    ok = [b'{"type":"header"}\n', b'{"type":"end"}\n']
    data, m = _payload(ok)
    assert [x["type"] for x in bundle.iter_payload(data, m)] == ["header", "end"]
    with pytest.raises(BundleRejected) as e:
        list(bundle.iter_payload(data + b"junk", m))
    assert e.value.reason == "malformed"
    with pytest.raises(BundleRejected) as e:
        list(bundle.iter_payload(data[:-6], m))
    assert e.value.reason in ("truncated", "malformed")
    with pytest.raises(BundleRejected) as e:
        list(bundle.iter_payload(data, dict(m, payload_sha256="0" * 64)))
    assert e.value.reason == "tampered"
    no_newline, m2 = _payload([b'{"type":"header"}'])
    with pytest.raises(BundleRejected) as e:
        list(bundle.iter_payload(no_newline, m2))
    assert e.value.reason == "truncated"
    dupes, m3 = _payload([b'{"type":"row","type":"audit"}\n'])
    with pytest.raises(BundleRejected, match="not valid JSON"):
        list(bundle.iter_payload(dupes, m3))
    nan, m4 = _payload([b'{"type":"row","x":NaN}\n'])
    with pytest.raises(BundleRejected, match="not valid JSON"):
        list(bundle.iter_payload(nan, m4))
    not_gzip = zlib.compress(b'{"type":"header"}\n')
    with pytest.raises(BundleRejected, match="damaged"):
        list(bundle.iter_payload(not_gzip, m))
    many, m5 = _payload([b'{"type":"x"}\n'] * 50)
    with pytest.raises(BundleRejected) as e:
        list(bundle.iter_payload(many, m5, bundle.Limits(max_lines=10)))
    assert e.value.reason == "too_many_lines"


def test_manifest_validation():
    good = {k: (0 if t is int else [] if t is list else {} if t is dict else "x") for k, t in bundle.MANIFEST_FIELDS.items()}
    good.update(format=bundle.FORMAT, format_version=1, bundle_seq=1, compression="gzip", encryption="age-x25519",
                prev_bundle_hash="0" * 64, chain_start_hash="0" * 64, chain_head_hash="1" * 64,
                payload_sha256="2" * 64, ciphertext_sha256="3" * 64)
    assert bundle.check_manifest(dict(good))
    for change, text in [({"bundle_seq": 0}, "impossible"), ({"to_seq": -1}, "impossible"),
                         ({"payload_sha256": "zz"}, "SHA-256"), ({"extra": 1}, "unknown field"),
                         ({"format_version": 2}, "format version 2"), ({"bundle_seq": True}, "whole number")]:
        with pytest.raises(BundleRejected, match=text):
            bundle.check_manifest({**good, **change})
    missing = dict(good)
    del missing["site_uuid"]
    with pytest.raises(BundleRejected, match="missing site_uuid"):
        bundle.check_manifest(missing)
