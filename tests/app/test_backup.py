"""Encrypted site backups: round trip record for record, unlocking without the PC, and every refusal."""

import os
import shutil
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from testkit import PASSWORD, casebook_subject
from sle_desktop.app import audit_trail, backup, site
from sle_desktop.store.db import Store

SKIP_SETTINGS = ("last_backup", "restored_from")


def clinical_dump(path) -> list[str]:
    """Every row of the database except the backup bookkeeping and this PC's machine key wrapping."""
    conn = sqlite3.connect(path)
    try:
        return [line for line in conn.iterdump()
                if not line.startswith(('INSERT INTO "machine_keys"', *(f"INSERT INTO \"settings\" VALUES('{k}'"
                                                                         for k in SKIP_SETTINGS)))]
    finally:
        conn.close()


@pytest.fixture
def site_db(tmp_path):
    """A file site with an admin (password PASSWORD), an investigator and one subject with a full casebook."""
    path = tmp_path / "site.sqlite"
    with Store.open(path) as store:
        admin = site.create_site(store, code="BY01", name="Test site", admin_username="admin",
                                 admin_name="Site Administrator", admin_password=PASSWORD)
        site.create_user(admin, username="inv", display_name="Investigator", role="investigator", password=PASSWORD)
        casebook_subject(site.login(store, "inv", PASSWORD))
    usb = tmp_path / "usb"
    usb.mkdir()
    return path, usb


def _backup(path, usb):
    with Store.open(path) as store:
        return backup.backup(site.cli_session(store), usb)


def test_restore_round_trip_is_equal_record_for_record(site_db, tmp_path):
    path, usb = site_db
    result = _backup(path, usb)
    assert result.path.name.startswith("BY01-backup-") and result.path.name.endswith(f"-seq{result.head_seq}.slebackup")
    assert oct(result.path.stat().st_mode & 0o777) == "0o600"
    restored = backup.restore(result.path, tmp_path / "restored.sqlite")
    assert restored.unlocked_by == "machine key file" and restored.head_seq == result.head_seq
    assert clinical_dump(path) == clinical_dump(tmp_path / "restored.sqlite")
    with Store.open(tmp_path / "restored.sqlite") as store:
        assert store.integrity_ok() and audit_trail.verify(store).ok
        assert store.scalar("SELECT max(seq) FROM audit") == result.head_seq


def test_a_lost_pc_restores_with_an_administrator_password(site_db, tmp_path):
    path, usb = site_db
    result = _backup(path, usb)
    shutil.rmtree(os.environ["SLE_DESKTOP_KEY_DIR"])  # the PC and its key file are gone
    with pytest.raises(backup.BackupError, match="no key file for site BY01"):
        backup.restore(result.path, tmp_path / "a.sqlite")
    with pytest.raises(backup.BackupError, match="password does not unlock"):
        backup.restore(result.path, tmp_path / "a.sqlite", admin="admin", password="wrong password")
    assert not (tmp_path / "a.sqlite").exists()
    restored = backup.restore(result.path, tmp_path / "a.sqlite", admin="admin", password=PASSWORD)
    assert restored.unlocked_by == "password of admin"
    with Store.open(tmp_path / "a.sqlite") as store:  # a new machine key file: headless commands work again
        session = site.cli_session(store)
        assert session.store.scalar("SELECT count(*) FROM subjects") == 1


def _damaged(source, tmp_path, how):
    data = bytearray(source.read_bytes())
    target = tmp_path / f"{how}.slebackup"
    if how == "payload":
        import tarfile

        with tarfile.open(source) as tar:
            member = tar.getmember("payload.sqlite.gz.age")
        data[member.offset_data + member.size // 2] ^= 0x01  # inside the age ciphertext
    elif how == "manifest":
        at = data.index(b'"audit_head_seq":') + len(b'"audit_head_seq":')
        data[at] = ord("9") if data[at] != ord("9") else ord("8")
    elif how == "truncated":
        data = data[: len(data) // 2]
    elif how == "garbage":
        data = bytearray(os.urandom(4096))
    target.write_bytes(bytes(data))
    return target


@pytest.mark.parametrize("how,message", [
    ("payload", "altered or is incomplete"), ("manifest", "signature does not match"),
    ("truncated", "not a complete site backup"), ("garbage", "not a complete site backup"),
])
def test_a_tampered_or_truncated_backup_is_refused_and_nothing_is_written(site_db, tmp_path, how, message):
    path, usb = site_db
    bad = _damaged(_backup(path, usb).path, tmp_path, how)
    with pytest.raises(backup.BackupError, match=message):
        backup.restore(bad, tmp_path / "restored.sqlite")
    assert sorted(p.name for p in tmp_path.iterdir() if "restored" in p.name) == []
    with pytest.raises(backup.BackupError, match=message):
        backup.verify_backup_file(bad)


def test_restore_never_writes_over_an_existing_database(site_db, tmp_path):
    path, usb = site_db
    result = _backup(path, usb)
    before = path.read_bytes()
    with pytest.raises(backup.BackupError, match="already exists; restore only into a new file"):
        backup.restore(result.path, path)
    assert path.read_bytes() == before
    with pytest.raises(backup.BackupError, match="does not exist"):
        backup.restore(result.path, tmp_path / "no" / "such" / "site.sqlite")


def test_backup_folder_errors_are_plain_and_leave_nothing(site_db, tmp_path):
    path, _usb = site_db
    notes = tmp_path / "notes.txt"
    notes.write_text("x")
    with Store.open(path) as store:
        session = site.cli_session(store)
        with pytest.raises(backup.BackupError, match="is a file, not a folder"):
            backup.backup(session, notes)
        with pytest.raises(backup.BackupError, match="does not exist"):
            backup.backup(session, tmp_path / "missing")
    assert not (tmp_path / "missing").exists() and notes.read_text() == "x"


def test_the_reminder_follows_the_last_backup_and_the_changes_since(site_db):
    path, usb = site_db
    with Store.open(path) as store:
        session = site.cli_session(store)
        state = backup.backup_state(session)
        assert state.last_at is None and state.changed_since and state.due() and state.days == 7
        backup.backup(session, usb)
        state = backup.backup_state(session)
        assert not state.changed_since and not state.due(datetime.now(UTC) + timedelta(days=30))
        site.create_user(session_admin := site.login(store, "admin", PASSWORD), username="coord",
                         display_name="Coordinator", role="coordinator", password=PASSWORD)
        assert session_admin.username == "admin"
        state = backup.backup_state(session)
        assert state.changed_since and not state.due(datetime.now(UTC) + timedelta(days=6))
        assert state.due(datetime.now(UTC) + timedelta(days=8))
