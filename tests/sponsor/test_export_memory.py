"""The sponsor exports stream the database: their memory does not grow with the number of sites and records.

The 40-subject demo site is copied into sponsor databases of N and 4N sites. Each export runs in a fresh process
that measures the peak of the Python heap during the export (tracemalloc: deterministic, unaffected by the load on
the machine). The yardstick is what the exports held before they streamed: every record as a Python object, whose
size grows by `growth_db` from N to 4N sites. ODM (Snapshot and Transactional) and CSV must grow by a small fraction
of it; the statistics files hold one form at a time (pyreadstat needs it whole), so they may grow with the largest
form, never with the whole database.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

N = 2

_MEASURE = r"""
import gc, json, sqlite3, sys, tracemalloc
from pathlib import Path

import pandas, pyreadstat  # imported before tracing: the first export must not count them

from sle_desktop.sponsor import operations as sponsor

db, out = sys.argv[1], Path(sys.argv[2])
jobs = {
    "odm": lambda: sponsor.export_odm(db, out / "study.xml"),
    "odm_audit": lambda: sponsor.export_odm(db, out / "history.xml", audit=True),
    "csv": lambda: sponsor.export_csv(db, out / "csv"),
    "stats": lambda: sponsor.export_stats(db, out / "stats"),
}
peaks = {}
for name, job in jobs.items():
    gc.collect()
    tracemalloc.start()
    job()
    peaks[name] = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
gc.collect()
tracemalloc.start()
conn = sqlite3.connect(db)
everything = [(t, u, json.loads(d)) for t, u, d in conn.execute("SELECT tbl, uuid, data FROM records")]
peaks["all_records"] = tracemalloc.get_traced_memory()[0]
print("PEAKS " + json.dumps(peaks))
"""


def _copies(src: Path, dst: Path, sites: int) -> Path:
    """The sponsor database `src` (one site) with its site copied until it has `sites` sites."""
    source = sqlite3.connect(src)
    target = sqlite3.connect(dst)
    source.backup(target)
    source.close()
    (orig,) = target.execute("SELECT site_uuid FROM sites").fetchone()
    for i in range(2, sites + 1):
        params = {"new": str(uuid.uuid4()), "suffix": f"C{i:02d}", "orig": orig}
        for table in ("sites", "site_columns", "records", "audit"):
            cols = [r[1] for r in target.execute(f"PRAGMA table_info({table})")]
            exprs = [":new" if c == "site_uuid" else ":suffix || code" if (table, c) == ("sites", "code") else f'"{c}"'
                     for c in cols]
            names = ", ".join(f'"{c}"' for c in cols)
            target.execute(f"INSERT INTO {table} ({names}) SELECT {', '.join(exprs)} FROM {table} "
                           "WHERE site_uuid = :orig", params)
    target.commit()
    target.close()
    return dst


def _measure(db: Path, out: Path) -> subprocess.Popen:
    out.mkdir()
    return subprocess.Popen([sys.executable, "-c", _MEASURE, str(db), str(out)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _peaks(proc: subprocess.Popen) -> dict[str, int]:
    stdout, stderr = proc.communicate(timeout=900)
    assert proc.returncode == 0, stderr[-3000:]
    line = next(x for x in stdout.splitlines() if x.startswith("PEAKS "))
    return json.loads(line.removeprefix("PEAKS "))


@pytest.fixture(scope="module")
def peaks(full_sponsor, tmp_path_factory):
    """(peaks at N sites, peaks at 4N sites), measured side by side."""
    folder = tmp_path_factory.mktemp("export-memory")
    procs = [_measure(_copies(full_sponsor.db, folder / f"{n}.sqlite", n), folder / f"out-{n}") for n in (N, 4 * N)]
    return tuple(_peaks(p) for p in procs)


@pytest.mark.parametrize("export", ["odm", "odm_audit", "csv"])
def test_odm_and_csv_memory_does_not_grow_with_the_database(peaks, export):
    small, large = peaks
    growth_db = large["all_records"] - small["all_records"]
    assert growth_db > 10_000_000  # the yardstick is large enough to measure against
    growth = large[export] - small[export]
    assert growth < 0.1 * growth_db, (export, small[export], large[export], growth_db)


def test_statistics_files_hold_one_form_at_a_time(peaks):
    small, large = peaks
    growth_db = large["all_records"] - small["all_records"]
    growth = large["stats"] - small["stats"]
    assert growth < 0.5 * growth_db, (small["stats"], large["stats"], growth_db)
