"""SIGKILL of `sle-sponsor import` at 20 seeded random points of a PostgreSQL import: after each, no partial import
(all of the bundle or none of it), the database consistent (audit chain verifies, counts agree), and the re-import
succeeds."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest
from reliability_kit import report, size
from sync_helpers import copy_db, register, restore_db

from sle_desktop.sponsor import db as sponsor_store, importer, operations as sponsor
from sle_desktop.sync import keys

KILLS = size(20, 100, "SLE_PG_KILLS")
CHILD = """
import sys, time
from pathlib import Path
from sle_desktop.sponsor import db, importer, operations
store = db.open_sponsor_store(sys.argv[1])
identities = operations.load_identities(sys.argv[2])
print("ready", flush=True)
t0 = time.monotonic()
result = importer.import_bundle(store, Path(sys.argv[3]), identities, user="kill-test")
print("done", result.status, round(time.monotonic() - t0, 3), flush=True)
"""


def _counts(url) -> dict:
    with sponsor_store.open_sponsor_store(url) as store:
        return {t: store.scalar(f"SELECT count(*) FROM {t}") for t in ("bundles", "records", "audit", "site_columns")} | {
            "imports_logged": store.scalar("SELECT count(*) FROM sponsor_log WHERE action = 'import'"),
            "last_bundle_seq": store.scalar("SELECT last_bundle_seq FROM sites"),
            "head_seq": store.scalar("SELECT head_seq FROM sites")}


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX-only")
def test_sigkill_during_postgresql_import(make_site, pg_url, sponsor_keys, tmp_path):
    started = time.monotonic()
    site = make_site("BY01", subjects=40, seed=7)
    register(site, pg_url)
    exported = site.export()
    empty = _counts(pg_url)
    pristine = copy_db(pg_url, tmp_path / "pristine")
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    identities = keys.parse_identities(sponsor_keys.key_path.read_text())

    def child() -> subprocess.Popen:
        proc = subprocess.Popen([sys.executable, str(script), pg_url, str(sponsor_keys.key_path), str(exported.path)],
                                stdout=subprocess.PIPE, text=True, env=os.environ.copy())
        assert proc.stdout.readline().strip() == "ready"
        return proc

    # calibration: one uninterrupted import gives the span the kill points are drawn from
    proc = child()
    out, _ = proc.communicate(timeout=120)
    assert out.startswith("done imported"), out
    span = float(out.split()[-1])
    full = _counts(pg_url)
    assert full["bundles"] == 1 and full["records"] > 500 and full["audit"] == exported.to_seq
    rng = random.Random(20261201)
    before_commit = after_commit = 0
    for n in range(KILLS):
        restore_db(pristine, pg_url)
        proc = child()
        time.sleep(rng.uniform(0.0, span))
        os.kill(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate(timeout=60)
        state = _counts(pg_url)
        assert state in (empty, full), f"kill {n}: a partial import: {state}"
        if "done" in out:
            assert state == full, f"kill {n}: reported done but not stored"
        after_commit += state == full
        before_commit += state == empty
        [s] = sponsor.status(pg_url)
        assert s.chain_ok, f"kill {n}: {s.chain_message}"
        # the re-import succeeds (a dead import holds no lock: the server ends its transaction)
        with sponsor_store.open_sponsor_store(pg_url) as store:
            again = importer.import_bundle(store, exported.path, identities, user="kill-test")
        assert again.status == ("already_imported" if state == full else "imported"), f"kill {n}: {again.message}"
        assert _counts(pg_url) == full, f"kill {n}: the re-import left {_counts(pg_url)}"
    report("kill_postgresql_import", {"kills": KILLS, "killed_before_commit": before_commit,
                                      "killed_after_commit": after_commit, "import_seconds": span,
                                      "records": full["records"], "audit_rows": full["audit"],
                                      "seconds": round(time.monotonic() - started, 1)})
    assert before_commit >= KILLS // 4, f"too few kills landed inside the import ({before_commit} of {KILLS})"
