"""Every way a return bundle is refused at the site: the site database is unchanged afterwards (SQL dump)."""

from __future__ import annotations

import tarfile

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from return_helpers import link, return_bundle, send, site_dump

from sle_desktop.app import returns

from sle_desktop.sponsor import queries as sponsor_queries
from sle_desktop.app.errors import ValidationError
from sle_desktop.sync.errors import BundleRejected


@pytest.fixture
def linked(make_site, sponsor_db, sponsor_keys):
    """A demo site linked both ways whose first bundle the sponsor imported, with one open query."""
    site = make_site("BY01", subjects=3, seed=4)
    link(site, sponsor_db, sponsor_keys)
    send(site, sponsor_db, sponsor_keys)
    sponsor_queries.raise_query(sponsor_db, site="BY01", subject="BY01-0001", visit="baseline",
                                form="sledai_assessments", field="pga", text="Please confirm.")
    return site


def refused(site, path, reason: str) -> BundleRejected:
    before = site_dump(site.store)
    with pytest.raises(BundleRejected) as info:
        returns.import_return(site.session, path)
    assert info.value.reason == reason, str(info.value)
    assert site_dump(site.store) == before
    return info.value


def test_forged_signature_is_refused(linked, sponsor_db, sponsor_keys, tmp_path):
    other = tmp_path / "other-signing.key"
    other.write_bytes(Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    forged = sponsor_queries.write_return_bundle(sponsor_db, site="BY01", out_dir=tmp_path, signing_key_file=other)
    error = refused(linked, forged.path, "forged")
    assert "signature does not match the sponsor's registered signing key" in str(error)


def test_altered_manifest_is_refused_as_forged(linked, sponsor_db, sponsor_keys, tmp_path):
    ret = return_bundle(sponsor_db, sponsor_keys, tmp_path / "out")
    data = bytearray(ret.path.read_bytes())
    at = data.index(b'"return_seq":1')
    data[at:at + 14] = b'"return_seq":7'
    ret.path.write_bytes(bytes(data))
    refused(linked, ret.path, "forged")


def test_bundle_for_another_site_is_refused(linked, make_site, sponsor_db, sponsor_keys, tmp_path):
    other = make_site("BY02", subjects=2, seed=5)
    link(other, sponsor_db, sponsor_keys)
    send(other, sponsor_db, sponsor_keys)
    theirs = return_bundle(sponsor_db, sponsor_keys, tmp_path / "out", site_code="BY02")
    error = refused(linked, theirs.path, "wrong_site")
    assert "addressed to site BY02" in str(error)


def test_replay_and_older_sequence_are_refused(linked, sponsor_db, sponsor_keys, tmp_path):
    first = return_bundle(sponsor_db, sponsor_keys, tmp_path / "out")
    second = return_bundle(sponsor_db, sponsor_keys, tmp_path / "out")
    assert (first.return_seq, second.return_seq) == (1, 2)
    returns.import_return(linked.session, second.path)  # a later bundle supersedes (every return bundle is cumulative)
    assert "already imported" in str(refused(linked, second.path, "replay"))
    assert "older than return bundle 2" in str(refused(linked, first.path, "older"))


def test_truncated_and_tampered_files_are_refused(linked, sponsor_db, sponsor_keys, tmp_path):
    ret = return_bundle(sponsor_db, sponsor_keys, tmp_path / "out")
    data = ret.path.read_bytes()
    with tarfile.open(ret.path) as tar:
        payload = tar.getmember("payload.jsonl.gz.age")
    cut = tmp_path / "cut.slereturn"
    cut.write_bytes(data[: payload.offset_data + payload.size // 2])  # the stick was pulled mid-copy
    refused(linked, cut, "truncated")
    empty = tmp_path / "empty.slereturn"
    empty.write_bytes(b"")
    refused(linked, empty, "truncated")
    flipped = bytearray(data)
    flipped[payload.offset_data + payload.size // 2] ^= 0x01  # inside the encrypted member
    bad = tmp_path / "flipped.slereturn"
    bad.write_bytes(bytes(flipped))
    refused(linked, bad, "tampered")


def test_site_bundle_is_not_a_return_bundle(linked, tmp_path):
    bundle_file = next(linked.usb.glob("*.slebundle"))
    assert "not a return bundle" in str(refused(linked, bundle_file, "not_a_bundle"))


def test_without_a_registered_sponsor_signing_key_nothing_is_imported(make_site, sponsor_db, sponsor_keys, tmp_path):
    from sync_helpers import register

    site = make_site("BY01", subjects=2, seed=4)
    register(site, sponsor_db)
    ret = return_bundle(sponsor_db, sponsor_keys, tmp_path / "out")
    assert "set-sponsor-signing-key" in str(refused(site, ret.path, "no_sponsor_key"))


def test_a_private_key_is_never_accepted_as_the_sponsor_signing_key(linked, sponsor_keys):
    with pytest.raises(ValidationError, match="PRIVATE"):
        returns.set_sponsor_signing_key(linked.session, sponsor_keys.signing_key_path.read_text())
    assert returns.sponsor_signing_key(linked.session).fingerprint == sponsor_keys.signing_fingerprint
