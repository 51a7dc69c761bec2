"""Pulled USB sticks, full disks and crashes between the two phases of an export.

tests/sync/test_bundle_format.py covers a full disk in the middle of the write, a drive that
returns damaged bytes and an interruption before the rename. Here: failures injected at the
k-th write or fsync (ENOSPC, EIO), at the rename, after the rename (the second phase fails, the
drive disappears), a real 64 kB tmpfs when we may mount one, and a process that dies between
the phases. Each time: a clear message, no valid-looking bundle, and the store unchanged.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap

import pytest
from sync_helpers import add_sae, import_one, register

from sle_desktop.app import sync_site
from sle_desktop.app.errors import ConflictError
from sle_desktop.store.db import StoreError
from sle_desktop.sync import atomic, bundle
from sle_desktop.sync.errors import SyncError


def store_state(site) -> dict:
    s = site.store
    return {
        "exports": s.query("SELECT * FROM exports ORDER BY bundle_seq"),
        "audit": s.scalar("SELECT max(seq) FROM audit"),
        "audit_hash": s.scalar("SELECT hash FROM audit ORDER BY seq DESC LIMIT 1"),
        "sae": s.query("SELECT uuid, sae_exported_at, change_seq FROM adverse_events ORDER BY uuid"),
    }


def assert_clean_failure(site, before, error) -> None:
    message = str(error)
    assert message.strip() and "Traceback" not in message and len(message) < 500, message
    assert store_state(site) == before, "the failed export changed the store"
    assert not list(site.usb.glob("*.slebundle")), "a bundle was left under its final name"
    assert not list(site.usb.glob(".*partial*")), "a temporary file was left"


class FaultyFile:
    """Wraps a real file; the k-th write raises OSError(err) after writing half of its data."""

    def __init__(self, real, fail_at: int, err: int):
        self.real, self.fail_at, self.err, self.calls = real, fail_at, err, 0

    def write(self, data):
        self.calls += 1
        if self.calls == self.fail_at:
            self.real.write(bytes(data[: len(data) // 2]))
            raise OSError(self.err, os.strerror(self.err))
        return self.real.write(data)

    def __getattr__(self, name):
        return getattr(self.real, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.real.close()


@pytest.fixture
def site_with_sae(make_site):
    site = make_site("BY01", subjects=30, seed=3)
    add_sae(site)
    return site


@pytest.mark.parametrize("err,expect", [(errno.ENOSPC, "not enough free space"), (errno.EIO, "removed or is not working")])
@pytest.mark.parametrize("fail_at", [1, 2, 3])
def test_write_fails_at_the_kth_call(site_with_sae, monkeypatch, err, expect, fail_at):
    site = site_with_sae
    before = store_state(site)
    files = []

    def faulty_open(path, mode="r", *a, **kw):
        fh = FaultyFile(open(path, mode, *a, **kw), fail_at, err)
        files.append(fh)
        return fh

    monkeypatch.setattr(atomic, "open", faulty_open, raising=False)
    from sle_desktop.sync import site_export

    real_write_all = site_export._write_all

    def small_chunks(fh, data):  # several write calls even for a small bundle
        for start in range(0, len(data), 4096):
            fh.write(data[start:start + 4096])

    monkeypatch.setattr(site_export, "_write_all", small_chunks)
    with pytest.raises(SyncError, match=expect) as info:
        site.export()
    assert files and files[0].calls == fail_at, "the fault was not injected where intended"
    assert_clean_failure(site, before, info.value)
    monkeypatch.setattr(site_export, "_write_all", real_write_all)
    monkeypatch.undo()
    assert site.export().bundle_seq == 1  # the next export works and takes bundle number 1


@pytest.mark.parametrize("err", [errno.EIO, errno.ENOSPC])
def test_fsync_of_the_bundle_fails(site_with_sae, monkeypatch, err):
    site = site_with_sae
    before = store_state(site)
    real_fsync = os.fsync
    calls = []

    def failing_fsync(fd):
        calls.append(fd)
        raise OSError(err, os.strerror(err))

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(SyncError) as info:
        site.export()
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert calls
    assert_clean_failure(site, before, info.value)


def test_rename_fails_when_the_stick_is_pulled(site_with_sae, monkeypatch):
    site = site_with_sae
    before = store_state(site)

    def pulled(src, dst):
        raise OSError(errno.ENODEV, "No such device")

    monkeypatch.setattr(atomic.os, "replace", pulled)
    with pytest.raises(SyncError, match="drive was removed") as info:
        site.export()
    monkeypatch.undo()
    assert_clean_failure(site, before, info.value)


def test_second_phase_fails_after_the_rename(site_with_sae, monkeypatch):
    """The database refuses the 'done' transaction: the renamed file is removed and nothing is recorded."""
    site = site_with_sae
    before = store_state(site)

    def db_full(*a, **kw):
        raise StoreError("The change could not be saved: database or disk is full. Nothing was written.")

    monkeypatch.setattr(sync_site, "_complete_export", db_full)
    with pytest.raises(StoreError, match="could not be saved") as info:
        site.export()
    monkeypatch.undo()
    assert_clean_failure(site, before, info.value)


def test_drive_pulled_right_after_the_rename_is_settled_when_it_returns(site_with_sae, monkeypatch, tmp_path,
                                                                       sponsor_db, sponsor_keys):
    """Phase 2 fails and the final file cannot be removed (the stick is gone): the pending row stays; the next
    export refuses with a clear message until the drive is back; then the bundle is recorded, not re-numbered."""
    site = site_with_sae
    register(site, sponsor_db)
    before = store_state(site)
    stick = site.usb

    def gone(*a, **kw):
        raise StoreError("disk I/O error")

    real_unlink = type(stick).unlink

    def unlink(self, *a, **kw):
        if self.suffix == ".slebundle":
            raise OSError(errno.EIO, "Input/output error")
        return real_unlink(self, *a, **kw)

    monkeypatch.setattr(sync_site, "_complete_export", gone)
    monkeypatch.setattr(type(stick), "unlink", unlink)
    with pytest.raises(StoreError):
        site.export()
    monkeypatch.undo()
    [pending] = site.store.query("SELECT * FROM exports")
    assert pending["status"] == "pending" and pending["bundle_seq"] == 1
    assert store_state(site)["audit"] == before["audit"] and store_state(site)["sae"] == before["sae"]
    away = tmp_path / "stick-in-a-pocket"
    stick.rename(away)
    other = tmp_path / "other-stick"
    other.mkdir()
    with pytest.raises(ConflictError, match="Plug that drive in again") as info:
        sync_site.export_bundle(site.session, other)
    assert "Traceback" not in str(info.value)
    assert not list(other.iterdir())
    away.rename(stick)  # the stick comes back
    [outcome] = sync_site.reconcile_exports(site.session)
    assert outcome.action == "completed"
    row = site.store.query_one("SELECT * FROM exports WHERE bundle_seq = 1")
    assert row["status"] == "done"
    assert site.store.scalar("SELECT count(*) FROM adverse_events WHERE serious = 1 AND sae_exported_at IS NULL") == 0
    second = sync_site.export_bundle(site.session, other)
    assert second.bundle_seq == 2
    assert import_one(sponsor_db, sponsor_keys, stick / row["file_name"]).status == "imported"
    assert import_one(sponsor_db, sponsor_keys, second.path).status == "imported"


def test_lost_drive_can_be_discarded_with_a_reason(site_with_sae, monkeypatch, tmp_path):
    site = site_with_sae
    monkeypatch.setattr(sync_site, "_complete_export", lambda *a, **kw: (_ for _ in ()).throw(StoreError("disk I/O error")))
    monkeypatch.setattr(type(site.usb), "unlink", lambda self, *a, **kw: (_ for _ in ()).throw(OSError(errno.EIO, "EIO")))
    with pytest.raises(StoreError):
        site.export()
    monkeypatch.undo()
    import shutil

    shutil.rmtree(site.usb)  # the stick is lost
    from sle_desktop.app.errors import ValidationError

    with pytest.raises(ValidationError):
        sync_site.discard_interrupted_export(site.session, 1, reason=" ")
    sync_site.discard_interrupted_export(site.session, 1, reason="USB stick lost before it reached the sponsor")
    assert site.store.scalar("SELECT count(*) FROM exports") == 0
    assert site.store.query_one("SELECT * FROM audit ORDER BY seq DESC LIMIT 1")["field"] == "discarded"
    new = tmp_path / "new-stick"
    new.mkdir()
    assert sync_site.export_bundle(site.session, new).bundle_seq == 1


@pytest.fixture
def tiny_tmpfs(tmp_path):
    """A real 64 kB tmpfs (root on Linux only)."""
    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root on Linux")
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_real_full_tmpfs(make_site, tiny_tmpfs):
    site = make_site("BY01", subjects=6, seed=3)
    add_sae(site)
    site.usb = tiny_tmpfs
    probe = site.store.scalar("SELECT count(*) FROM audit")
    (tiny_tmpfs / "photos.jpg").write_bytes(os.urandom(56 * 1024))  # most of the stick is already used
    before = store_state(site)
    with pytest.raises(SyncError, match="not enough free space") as info:
        site.export()
    assert_clean_failure(site, before, info.value)
    (tiny_tmpfs / "photos.jpg").unlink()
    result = site.export()  # with the space freed the same bundle number is written
    assert result.bundle_seq == 1 and probe > 0 and result.size_bytes > 8 * 1024
    assert bundle.read_container(result.path).manifest["bundle_seq"] == 1


CRASH_CHILD = textwrap.dedent(
    """
    import os, sys
    sys.path.insert(0, {sync_tests!r})
    from sle_desktop.app import site, sync_site
    from sle_desktop.store.db import Store
    from sle_desktop.sync import atomic

    real_publish = atomic.publish
    def publish_then_die(tmp, final):
        if {after_rename!r}:
            real_publish(tmp, final)
        os._exit(137)  # the power goes off: no cleanup, no second transaction
    atomic.publish = publish_then_die
    store = Store.open({db!r})
    sync_site.export_bundle(site.cli_session(store), {usb!r})
    """
)


@pytest.mark.parametrize("after_rename", [True, False], ids=["after-rename", "before-rename"])
def test_crash_between_the_two_phases(site_with_sae, sponsor_db, sponsor_keys, after_rename):
    """The gap the two-phase export closes: a crash between the rename and recording the export."""
    site = site_with_sae
    register(site, sponsor_db)
    site.store.close()
    child = subprocess.run([sys.executable, "-c", CRASH_CHILD.format(
        sync_tests=os.path.dirname(os.path.dirname(__file__)) + "/sync", after_rename=after_rename,
        db=str(site.path), usb=str(site.usb))], env=os.environ.copy(), capture_output=True, text=True)
    assert child.returncode == 137, child.stderr
    from sle_desktop.app import site as site_uc
    from sle_desktop.store.db import Store

    site.store = Store.open(site.path)
    site.session = site_uc.cli_session(site.store)
    [pending] = site.store.query("SELECT * FROM exports")
    assert pending["status"] == "pending"
    saes = site.store.scalar("SELECT count(*) FROM adverse_events WHERE serious = 1")
    assert site.store.scalar("SELECT count(*) FROM adverse_events WHERE serious = 1 AND sae_exported_at IS NULL") == saes
    files = list(site.usb.glob("*.slebundle"))
    assert len(files) == (1 if after_rename else 0)
    if after_rename:  # the orphan the old code left: a complete, valid bundle 1 ...
        assert bundle.read_container(files[0]).bundle_hash == pending["bundle_hash"]
    [outcome] = sync_site.reconcile_exports(site.session)
    assert outcome.action == ("completed" if after_rename else "dropped")
    assert not list(site.usb.glob(".*partial*"))
    exports = site.store.query("SELECT bundle_seq, status, bundle_hash FROM exports")
    assert exports == ([{"bundle_seq": 1, "status": "done", "bundle_hash": pending["bundle_hash"]}] if after_rename else [])
    sae_marked = site.store.scalar("SELECT count(*) FROM adverse_events WHERE serious = 1 AND sae_exported_at IS NULL") == 0
    assert sae_marked == after_rename
    nxt = site.export()
    assert nxt.bundle_seq == (2 if after_rename else 1)  # ... is never re-numbered with other content
    for path in sorted(site.usb.glob("*.slebundle")):
        assert import_one(sponsor_db, sponsor_keys, path).status == "imported"


def test_stray_final_named_file_that_does_not_match_is_set_aside(site_with_sae):
    """A pending export whose final name holds some other file: that file stops looking like a bundle."""
    site = site_with_sae
    first = site.export()
    data = first.path.read_bytes()
    first.path.unlink()
    site.store.conn.execute("UPDATE exports SET status = 'pending'")
    first.path.write_bytes(data[:-1024] + b"\x01" * 1024)  # damaged copy under the final name
    [outcome] = sync_site.reconcile_exports(site.session)
    assert outcome.action == "dropped"
    assert not list(site.usb.glob("*.slebundle"))
    assert [p.name for p in site.usb.iterdir()][0].startswith(f".{first.path.name}.unrecorded-")
    assert site.store.scalar("SELECT count(*) FROM exports") == 0
    assert site.export().bundle_seq == 1
    assert "interrupted" in outcome.message
