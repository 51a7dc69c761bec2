"""Backups under stress: taken while another process saves forms, and killed (SIGKILL) at random points.

A backup taken while the application writes is a consistent snapshot that verifies and restores; a backup killed
half-way never leaves a file that looks like a backup (only hidden `.partial` files, which restore refuses too).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from reliability_kit import report, size

from sle_desktop.app import audit_trail, backup, site
from sle_desktop.store.db import Store

SAVER = r"""
import sys, time
from sle_desktop.app import site, visits
from sle_desktop.store.db import Store
store = Store.open(sys.argv[1])
session = site.cli_session(store)
inv = site.login(store, "demo.investigator", "demo-password")
rows = store.query("SELECT visit_uuid FROM sledai_assessments ORDER BY visit_uuid LIMIT 20")
print("ready", flush=True)
deadline = time.time() + float(sys.argv[2])
n = 0
while time.time() < deadline:
    for r in rows:
        cur = visits.get_sledai(inv, r["visit_uuid"])
        codes = set(cur.codes) ^ {"fever"}
        visits.save_sledai(inv, r["visit_uuid"], codes, cur.pga, reason="stress correction")
        n += 1
print("saved", n, flush=True)
"""

BACKUP = r"""
import sys
from sle_desktop.app import backup, site
from sle_desktop.store.db import Store
with Store.open(sys.argv[1]) as store:
    print("start", flush=True)
    backup.backup(site.cli_session(store), sys.argv[2])
"""


def _demo(tmp_path, subjects: int = 30) -> Path:
    from sle_desktop.app import demo

    path = tmp_path / "site.sqlite"
    with Store.open(path) as store:
        demo.make_demo(store, subjects_count=subjects, seed=3)
    return path


def _env():
    return dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))


def test_a_backup_taken_while_another_process_saves_verifies_and_restores(tmp_path):
    db = _demo(tmp_path)
    usb = tmp_path / "usb"
    usb.mkdir()
    saver = subprocess.Popen([sys.executable, "-c", SAVER, str(db), "8"], stdout=subprocess.PIPE, text=True,
                             env=_env())
    assert saver.stdout.readline().strip() == "ready"
    results = []
    with Store.open(db) as store:
        session = site.cli_session(store)
        for _ in range(3):
            results.append(backup.backup(session, usb))
            deadline = time.monotonic() + 30  # the next backup after the saver has moved the head (slow machines too)
            while store.scalar("SELECT max(seq) FROM audit") == results[-1].head_seq and time.monotonic() < deadline:
                time.sleep(0.05)
    out, _ = saver.communicate(timeout=120)
    assert saver.returncode == 0 and int(out.split()[-1]) > 0
    for n, r in enumerate(results):
        manifest = backup.verify_backup_file(r.path)
        target = tmp_path / f"restored-{n}.sqlite"
        restored = backup.restore(r.path, target)
        assert restored.head_seq == manifest["audit_head_seq"] == r.head_seq
        with Store.open(target) as store:
            assert store.integrity_ok() and audit_trail.verify(store).ok
            assert store.scalar("SELECT max(seq) FROM audit") == r.head_seq
    assert len({r.head_seq for r in results}) > 1, "the saves should have moved the audit head between backups"


def test_sigkill_during_backup_never_leaves_a_valid_looking_partial_backup(tmp_path):
    db = _demo(tmp_path, subjects=60)
    usb = tmp_path / "usb"
    usb.mkdir()
    rng = random.Random(2112)
    runs = size(6, 30, "SLE_BACKUP_KILL_RUNS")
    started = time.perf_counter()
    probe = subprocess.run([sys.executable, "-c", BACKUP, str(db), str(usb)], env=_env(), capture_output=True,
                           text=True, timeout=300)
    assert probe.returncode == 0, probe.stderr
    full_time = time.perf_counter() - started
    complete, killed = 1, 0

    def named_backups() -> list:
        return [f for f in usb.iterdir() if f.name.endswith(backup.SUFFIX)]

    for _ in range(runs):
        before = len(named_backups())
        proc = subprocess.Popen([sys.executable, "-c", BACKUP, str(db), str(usb)], env=_env(),
                                stdout=subprocess.PIPE, text=True)
        proc.stdout.readline()
        time.sleep(rng.uniform(0, full_time))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed += 1
        proc.wait(timeout=60)
        for f in usb.iterdir():
            if f.name.endswith(backup.SUFFIX):
                backup.verify_backup_file(f)  # every file named like a backup is a whole, genuine one
            else:
                assert f.name.startswith("."), f"unexpected file {f.name}"
        added = len(named_backups()) - before
        if proc.returncode == 0:
            complete += 1
            assert added == 1
        else:  # killed before its rename (nothing named), or after it and before the process ended (one, verified)
            assert added in (0, 1)
    named = named_backups()
    assert complete <= len(named) <= complete + killed
    with Store.open(db) as store:
        assert store.integrity_ok() and audit_trail.verify(store).ok
    newest = max(named, key=lambda f: f.stat().st_mtime)
    backup.restore(newest, tmp_path / "restored.sqlite")
    report("backup kill", {"runs": runs, "killed": killed, "completed": complete, "backup_s": round(full_time, 2)})
    assert killed >= 1
