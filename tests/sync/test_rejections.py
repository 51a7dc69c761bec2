"""Every way a bundle is refused: each leaves the sponsor database unchanged, row for row and byte for byte."""

from __future__ import annotations

import io
import shutil
import tarfile

import pyrage
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sync_helpers import crafted_bundle, db_state, header_line, import_one, payload_reader, register  # noqa: F401 (a fixture)

# every refusal the same whether the payload is read in the importer or by its helper process (sponsor.prefetch)
pytestmark = pytest.mark.usefixtures("payload_reader")

from sle_desktop.sponsor import operations as sponsor
from sle_desktop.app.errors import ConflictError
from sle_desktop.store.audit import canonical_json
from sle_desktop.sync import bundle, site_export
from sle_desktop.sync.errors import BundleRejected


@pytest.fixture
def setup(make_site, sponsor_db, sponsor_keys):
    """A registered demo site whose first bundle is imported, and its second bundle exported."""
    site = make_site("BY01", subjects=5, seed=4)
    register(site, sponsor_db)
    first = site.export()
    import_one(sponsor_db, sponsor_keys, first.path)
    return site, first


@pytest.fixture
def registered(make_site, sponsor_db):
    """A registered demo site that has sent nothing yet (crafted bundles carry bundle number 1)."""
    site = make_site("BY01", subjects=2, seed=4)
    register(site, sponsor_db)
    return site


def refused(sponsor_db, sponsor_keys, path, reason, **kw) -> BundleRejected:
    """Import `path`, expect BundleRejected(reason), and check the sponsor database did not change at all."""
    before = db_state(sponsor_db)
    with pytest.raises(BundleRejected) as info:
        import_one(sponsor_db, sponsor_keys, path, **kw)
    assert info.value.reason == reason, str(info.value)
    assert db_state(sponsor_db) == before
    return info.value


def members(path) -> dict[str, bytes]:
    with tarfile.open(path) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar}


def repack(path, out, **replace: bytes):
    """Rewrite a bundle's tar with some members replaced (keeping the others as they were)."""
    parts = members(path)
    parts.update({k.replace("__", "."): v for k, v in replace.items()})
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for name in bundle.MEMBERS:
            info = tarfile.TarInfo(name)
            info.size = len(parts[name])
            tar.addfile(info, io.BytesIO(parts[name]))
    out.write_bytes(buf.getvalue())


def test_same_bundle_twice_is_reported_and_changes_nothing(setup, sponsor_db, sponsor_keys):
    site, first = setup
    before = db_state(sponsor_db)
    result = import_one(sponsor_db, sponsor_keys, first.path)
    assert result.status == "already_imported" and "already imported" in result.message
    assert db_state(sponsor_db) == before


def test_gap_is_refused_then_applied_once_filled(setup, sponsor_db, sponsor_keys):
    site, _first = setup
    second = site.export()
    third = site.export()
    error = refused(sponsor_db, sponsor_keys, third.path, "gap")
    assert "missing bundle 2" in str(error)
    assert import_one(sponsor_db, sponsor_keys, second.path).status == "imported"
    assert import_one(sponsor_db, sponsor_keys, third.path).status == "imported"


def test_given_out_of_order_in_one_command_they_are_sorted(make_site, sponsor_db, sponsor_keys):
    site = make_site("BY01", subjects=3, seed=8)
    register(site, sponsor_db)
    paths = [site.export().path for _ in range(3)]
    outcomes = sponsor.import_bundles(sponsor_db, sponsor_keys.key_path, list(reversed(paths)))
    assert [o.result.bundle_seq for o in outcomes] == [1, 2, 3] and all(o.error is None for o in outcomes)


def test_replay_of_an_older_bundle(setup, sponsor_db, sponsor_keys, tmp_path):
    site, first = setup
    second = site.export()
    import_one(sponsor_db, sponsor_keys, second.path)
    before = db_state(sponsor_db)
    again = import_one(sponsor_db, sponsor_keys, first.path)
    assert again.status == "already_imported" and "older than the latest" in again.message
    assert db_state(sponsor_db) == before


def test_replayed_bundle_number_with_other_content_is_refused(make_site, sponsor_db, sponsor_keys, tmp_path):
    """A site database restored from a backup exports a different bundle 1: refused as a conflict."""
    site = make_site("BY01", subjects=3, seed=6)
    register(site, sponsor_db)
    backup = tmp_path / "backup.sqlite"
    site.store.conn.execute("PRAGMA wal_checkpoint(FULL)")
    shutil.copy(site.path, backup)
    import_one(sponsor_db, sponsor_keys, site.export().path)
    from sle_desktop.app import site as site_uc
    from sle_desktop.app import sync_site
    from sle_desktop.store.db import Store

    with Store.open(backup) as restored:
        other_usb = tmp_path / "other-usb"
        other_usb.mkdir()
        replay = sync_site.export_bundle(site_uc.cli_session(restored), other_usb)
    assert replay.bundle_seq == 1
    error = refused(sponsor_db, sponsor_keys, replay.path, "conflict")
    assert "replay" in str(error)


def test_tampered_byte_in_ciphertext(setup, sponsor_db, sponsor_keys, tmp_path):
    site, _ = setup
    second = site.export()
    parts = members(second.path)
    payload = bytearray(parts["payload.jsonl.gz.age"])
    payload[len(payload) // 2] ^= 0x01
    bad = tmp_path / "tampered.slebundle"
    repack(second.path, bad, payload__jsonl__gz__age=bytes(payload))
    refused(sponsor_db, sponsor_keys, bad, "tampered")


def test_tampered_manifest(setup, sponsor_db, sponsor_keys, tmp_path):
    site, _ = setup
    second = site.export()
    manifest = bundle.strict_json(members(second.path)["manifest.json"])
    manifest["to_seq"] -= 1  # e.g. to hide the last changes
    bad = tmp_path / "manifest.slebundle"
    repack(second.path, bad, manifest__json=canonical_json(manifest).encode())
    refused(sponsor_db, sponsor_keys, bad, "forged")
    non_canonical = members(second.path)["manifest.json"].replace(b'{"app_version"', b'{ "app_version"', 1)
    repack(second.path, bad, manifest__json=non_canonical)
    refused(sponsor_db, sponsor_keys, bad, "tampered")


def test_signature_by_another_key(setup, sponsor_db, sponsor_keys, tmp_path):
    site, _ = setup
    second = site.export()
    manifest_bytes = members(second.path)["manifest.json"]
    import base64

    forged_sig = base64.b64encode(Ed25519PrivateKey.generate().sign(manifest_bytes)) + b"\n"
    bad = tmp_path / "forged.slebundle"
    repack(second.path, bad, manifest__sig=forged_sig)
    error = refused(sponsor_db, sponsor_keys, bad, "forged")
    assert "registered key of site BY01" in str(error)


def test_whole_bundle_signed_by_another_key(setup, sponsor_db, sponsor_keys, tmp_path):
    """An attacker who knows the sponsor's public key builds a complete bundle: the signature gives it away."""
    site, _ = setup
    recipient = sponsor_keys.public_path.read_text().split()[-1]
    data = crafted_bundle(site, [header_line(site)], recipients=[recipient],
                          signing_key=Ed25519PrivateKey.generate())
    bad = tmp_path / "attacker.slebundle"
    bad.write_bytes(data)
    refused(sponsor_db, sponsor_keys, bad, "forged")


def test_wrong_recipient(setup, sponsor_db, sponsor_keys, tmp_path):
    site, _ = setup
    second = site.export()
    other = tmp_path / "other.key"
    other.write_text(f"{pyrage.x25519.Identity.generate()}\n")
    before = db_state(sponsor_db)
    [outcome] = sponsor.import_bundles(sponsor_db, other, [second.path])
    assert outcome.error is not None and outcome.error.reason == "wrong_recipient"
    assert "cannot be decrypted with this sponsor key" in str(outcome.error)
    assert db_state(sponsor_db) == before


def test_unknown_site(setup, make_site, sponsor_db, sponsor_keys):
    stranger = make_site("BY02", subjects=2, seed=1)
    error = refused(sponsor_db, sponsor_keys, stranger.export().path, "unknown_site")
    assert "not registered" in str(error)


@pytest.mark.parametrize("where", ["middle", "after_last_member", "in_padding", "first_header"])
def test_truncated_file(setup, sponsor_db, sponsor_keys, tmp_path, where):
    site, _ = setup
    second = site.export()
    data = second.path.read_bytes()
    with tarfile.open(second.path) as tar:
        last = tar.getmembers()[-1]
    cut = {"middle": len(data) // 2, "after_last_member": last.offset_data + last.size,
           "in_padding": len(data) - 100, "first_header": 300}[where]
    bad = tmp_path / "short.slebundle"
    bad.write_bytes(data[:cut])
    error = refused(sponsor_db, sponsor_keys, bad, "not_a_bundle" if where == "first_header" else "truncated")
    assert "bundle" in str(error)


def test_empty_and_foreign_files(setup, sponsor_db, sponsor_keys, tmp_path):
    empty = tmp_path / "empty.slebundle"
    empty.write_bytes(b"")
    refused(sponsor_db, sponsor_keys, empty, "truncated")
    foreign = tmp_path / "photo.slebundle"
    foreign.write_bytes(b"\x89PNG\r\n" + b"x" * 5000)
    refused(sponsor_db, sponsor_keys, foreign, "not_a_bundle")


def test_oversized_file_is_refused_before_reading(setup, sponsor_db, sponsor_keys, tmp_path, monkeypatch):
    site, _ = setup
    second = site.export()
    opened = []
    real_open = open

    def spy_open(file, *a, **kw):
        opened.append(str(file))
        return real_open(file, *a, **kw)

    monkeypatch.setattr("builtins.open", spy_open)
    error = refused(sponsor_db, sponsor_keys, second.path, "oversized", max_bundle_mb=second.size_bytes / 2_000_000)
    assert str(second.path) not in opened  # refused from its size alone
    assert "more than the" in str(error)


def test_compression_bomb(registered, sponsor_db, sponsor_keys, tmp_path):
    site = registered
    recipient = sponsor_keys.public_path.read_text().split()[-1]
    bomb = b'{"type":"row","pad":"' + b"0" * 30_000_000 + b'"}\n'
    data = crafted_bundle(site, [header_line(site), bomb], recipients=[recipient],
                          manifest_overrides={"payload_bytes": 5000})  # it lies about its unpacked size
    bad = tmp_path / "bomb.slebundle"
    bad.write_bytes(data)
    assert len(data) < 200_000
    error = refused(sponsor_db, sponsor_keys, bad, "payload_too_large")
    assert "compression bomb" in str(error)
    honest = crafted_bundle(site, [header_line(site), bomb], recipients=[recipient])
    bad.write_bytes(honest)
    refused(sponsor_db, sponsor_keys, bad, "payload_too_large",
            limits=bundle.Limits(max_payload_bytes=10_000_000))


def test_huge_line(registered, sponsor_db, sponsor_keys, tmp_path):
    site = registered
    recipient = sponsor_keys.public_path.read_text().split()[-1]
    huge = b'{"type":"row","table":"labs","row":{"x":"' + b"A" * 3_000_000 + b'"}}\n'
    bad = tmp_path / "line.slebundle"
    bad.write_bytes(crafted_bundle(site, [header_line(site), huge], recipients=[recipient]))
    error = refused(sponsor_db, sponsor_keys, bad, "line_too_long")
    assert "line 2" in str(error)
    deep = b"[" * 200_000 + b"]" * 200_000 + b"\n"  # a JSON nesting bomb within the line limit
    bad.write_bytes(crafted_bundle(site, [header_line(site), deep], recipients=[recipient]))
    refused(sponsor_db, sponsor_keys, bad, "malformed")


def test_too_many_lines_streaming(registered, sponsor_db, sponsor_keys, tmp_path):
    site = registered
    recipient = sponsor_keys.public_path.read_text().split()[-1]
    subject = site.store.scalar("SELECT uuid FROM subjects LIMIT 1")
    blank = dict.fromkeys(c for c, _ in site_export.table_columns(site.store)["con_meds"])
    rows = [(canonical_json({"type": "row", "table": "con_meds", "row": dict(blank, **{
        "uuid": f"00000000-0000-4000-8000-{i:012d}", "change_seq": 1, "subject_uuid": subject, "drug": "X"})}) + "\n")
        .encode() for i in range(300)]
    bad = tmp_path / "lines.slebundle"
    bad.write_bytes(crafted_bundle(site, [header_line(site)] + rows,
                                   recipients=[recipient], manifest_overrides={"payload_lines": 100}))
    refused(sponsor_db, sponsor_keys, bad, "too_many_lines", limits=bundle.Limits(max_lines=200))
    honest = crafted_bundle(site, [header_line(site)] + rows,
                            recipients=[recipient])
    bad.write_bytes(honest)
    error = refused(sponsor_db, sponsor_keys, bad, "too_many_lines", limits=bundle.Limits(max_lines=200))
    assert "declares 301 lines" in str(error)


@pytest.mark.parametrize("nested", [["X", "Y"], {"name": "X"}])
def test_a_record_field_holding_a_list_or_an_object_is_refused(registered, sponsor_db, sponsor_keys, tmp_path, nested):
    """Written as canonical JSON, as the site writes every line: the payload reader then gives no canonical JSON
    for it, and the importer's own check of the values names the field."""
    site = registered
    recipient = sponsor_keys.public_path.read_text().split()[-1]
    subject = site.store.scalar("SELECT uuid FROM subjects LIMIT 1")
    blank = dict.fromkeys(c for c, _ in site_export.table_columns(site.store)["con_meds"])
    row = dict(blank, uuid="00000000-0000-4000-8000-000000000001", change_seq=1, subject_uuid=subject, drug=nested)
    bad = tmp_path / "nested.slebundle"
    bad.write_bytes(crafted_bundle(site, [header_line(site), canonical_json(
        {"type": "row", "table": "con_meds", "row": row}).encode() + b"\n"], recipients=[recipient]))
    error = refused(sponsor_db, sponsor_keys, bad, "malformed")
    assert "con_meds record has an invalid field 'drug'" in str(error)


def test_audit_row_tampered_at_site_is_detected_and_named(make_site, sponsor_db, sponsor_keys):
    site = make_site("BY01", subjects=4, seed=2)
    register(site, sponsor_db)
    site.store.conn.execute("DROP TRIGGER audit_no_update")
    site.store.conn.execute("UPDATE audit SET reason = 'nothing to see' WHERE seq = 17")
    with pytest.raises(ConflictError, match="row 17"):  # the site's keyed check refuses to export it
        site.export()
    exported = site.export_unchecked()
    error = refused(sponsor_db, sponsor_keys, exported.path, "chain")
    assert "row 17" in str(error) and "BY01" in str(error)


def test_audit_row_deleted_at_site_stops_the_export(make_site):
    from sle_desktop.sync.errors import SyncError

    site = make_site("BY01", subjects=4, seed=2)
    site.store.conn.execute("DROP TRIGGER audit_no_delete")
    site.store.conn.execute("DELETE FROM audit WHERE seq = 30")
    with pytest.raises(ConflictError, match="row 30: row missing"):
        site.export()
    assert not list(site.usb.iterdir()) and site.store.scalar("SELECT count(*) FROM exports") == 0


def test_audit_tampered_after_an_earlier_bundle_is_detected(setup, sponsor_db, sponsor_keys):
    site, first = setup
    site.store.conn.execute("DROP TRIGGER audit_no_update")
    site.store.conn.execute("UPDATE audit SET new = '\"M\"' WHERE seq = 7")
    with pytest.raises(ConflictError, match="row 7"):
        site.export(since_seq=0)
    resend = site.export_unchecked(since_seq=0)
    error = refused(sponsor_db, sponsor_keys, resend.path, "chain")
    assert "row 7" in str(error)


def test_record_changed_outside_the_application_is_detected(make_site, sponsor_db, sponsor_keys):
    site = make_site("BY01", subjects=4, seed=2)
    register(site, sponsor_db)
    row = site.store.query_one("SELECT uuid, score FROM sledai_assessments LIMIT 1")
    site.store.conn.execute("UPDATE sledai_assessments SET score = ? WHERE uuid = ?", (row["score"] + 4, row["uuid"]))
    exported = site.export()
    error = refused(sponsor_db, sponsor_keys, exported.path, "inconsistent")
    assert row["uuid"] in str(error) and "score" in str(error)


def test_export_refused_without_sponsor_key(make_site):
    site = make_site("BY01", subjects=2, seed=1, recipients=False)
    with pytest.raises(ConflictError, match="No sponsor key"):
        site.export()
    assert not list(site.usb.iterdir())
    assert site.store.scalar("SELECT count(*) FROM exports") == 0
