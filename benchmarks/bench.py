"""Benchmarks at site and sponsor scale: `sle-desktop bench` / `python benchmarks/bench.py`.

    python benchmarks/bench.py [--quick] [--json FILE] [--subjects N] [--repeats N]

Builds (once; cached by size, seed, app version and generator source) a synthetic site with
`app.demo.make_demo` (10 000 subjects, 6 visits each with SLEDAI and labs, AEs, infusions) and an
import corpus of 20 demo sites with distinct site codes (BY01…BY20), each with ~100 000 changes
exported as its first bundle. Then measures, each as the median of several runs:

  start     cold start (fresh process, QT_QPA_PLATFORM=offscreen) to the main window shown with every
            subject in the list, vs a bare QMainWindow + pyqtgraph PlotWidget in the same run. The app
            side opens the store and builds the session from the machine key file, so the argon2id
            password check of the log-in dialog (~0.1–0.5 s, a deliberate cost) is NOT included.
  filter    subject list at 10 000 rows: search text / status / arm filter through the window's
            SubjectFilterProxy (the 150 ms typing debounce excluded), and sort by each column, until the
            proxy has settled and the table has repainted
  patient   PatientTrendsWidget construction (its queries) + render (grab()) of the first frame, which holds all
            six panels; a repaint of the finished widget is reported too
  cohort    CohortTrendsWidget: cohort_trends in the worker + draw + grab(), first opening (the assessments
            read from the file); re-opening / re-filtering (the assessments kept per data version) reported too
  save      one SLEDAI correction (visits.save_sledai with a reason: audit rows, signature check) on the
            10 000-subject file database (WAL, synchronous=FULL: one fsync'd commit)
  export    sync_site.export_bundle of a ~100 000-change site vs the floor: the same JSON lines (rows read
            beforehand), gzip as the format does, pyrage encryption, file write + fsync
  import    sponsor import of the 20 bundles (verify, decrypt, check chain, apply) vs the floor: the same
            record and audit rows inserted with plain sqlite3 executemany into the same sponsor schema,
            one transaction, WAL
  rss       peak RSS (ru_maxrss) of the GUI process with the 10 000 subjects loaded

`--sponsor-exports` instead imports the 20-site corpus once and times the sponsor's exports (export-odm,
export-odm --audit, export-csv, export-stats); no target, the figures go in the README.

Each target is printed with PASS/FAIL. `--quick` (300 subjects, 3 bundles of ~2 000 changes) runs in
well under a minute for CI smoke tests (tests/bench, not part of the default test run).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import math
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

BENCH_TODAY = date(2026, 6, 1)
SEED = 11
VISITS_PER_SUBJECT = 6
CHANGES_PER_SUBJECT = 64  # audit rows per demo subject at 6 visits (measured: ~67); sizes the import sites

TARGETS = {
    # name: (metric key, comparison, limit, text)
    "start": ("start_ratio", "<=", 1.5, "start ≤ 1.5× bare window"),
    "filter": ("filter_ms", "<", 50.0, "filter/sort < 50 ms"),
    "patient_plot": ("patient_plot_ms", "<", 100.0, "patient plot < 100 ms"),
    "cohort_plot": ("cohort_plot_ms", "<", 300.0, "cohort plot < 300 ms"),
    "save": ("save_ms", "<", 50.0, "save SLEDAI < 50 ms"),
    "verify_audit": ("verify_audit_s", "<", 10.0, "verify-audit < 10 s"),
    "export": ("export_ratio", "<=", 2.0, "export ≤ 2× floor"),
    "import": ("import_ratio", "<=", 3.0, "import ≤ 3× floor"),
    "rss": ("rss_mb", "<", 250.0, "GUI peak RSS < 250 MB"),
}


@dataclass(frozen=True)
class Size:
    name: str
    subjects: int
    changes: int       # per bundle
    bundles: int
    repeats: int       # light measurements
    heavy_repeats: int  # export / start
    import_repeats: int  # the whole multi-bundle import (its floor: at least 2)


FULL = Size("full", 10_000, 100_000, 20, 7, 3, 1)
QUICK = Size("quick", 300, 2_000, 3, 3, 3, 3)


def _log(msg: str) -> None:
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


def _median(xs) -> float:
    return float(statistics.median(xs))


# ------------------------------------------------------------------------------------------ cache
def cache_root() -> Path:
    env = os.environ.get("SLE_BENCH_CACHE")
    return Path(env) if env else Path(tempfile.gettempdir()) / "sle_desktop-bench-cache"


def _generator_fingerprint() -> str:
    """Changes when the demo generator or the schema changes, so a stale cached database is never used."""
    import sle_desktop

    base = Path(sle_desktop.__file__).parent
    h = hashlib.sha256(sle_desktop.__version__.encode())
    for rel in ("app/demo.py", "store/migrations.py"):
        with contextlib.suppress(OSError):
            h.update((base / rel).read_bytes())
    return h.hexdigest()[:10]


def _cached(name: str, build) -> tuple[Path, dict, bool]:
    """(folder, info, was_cached): build into a temporary folder and rename it into the cache atomically."""
    from sle_desktop import __version__

    root = cache_root()
    final = root / f"{name}-v{__version__}-{_generator_fingerprint()}"
    info_file = final / "info.json"
    if info_file.is_file():
        return final, json.loads(info_file.read_text("utf-8")), True
    root.mkdir(parents=True, exist_ok=True)
    staging = root / f".{final.name}.building-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        info = build(staging)
        (staging / "info.json").write_text(json.dumps(info, indent=1), "utf-8")
        if final.exists():
            shutil.rmtree(final, ignore_errors=True)
        os.replace(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return final, info, False


def _copy_db(src: Path, dst: Path) -> Path:
    """A consistent copy of a (closed, checkpointed) database file."""
    shutil.copyfile(src, dst)
    return dst


def _checkpointed_close(store) -> None:
    with contextlib.suppress(sqlite3.Error):
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()


# ------------------------------------------------------------------------------------------ building
def _build_site(folder: str, subjects: int, seed: int, code: str, sponsor_pub: str | None,
                export_to: str | None, keep_pre_export: bool) -> dict:
    """Worker process: one demo site (optionally with the sponsor key and its first bundle exported)."""
    folder_p = Path(folder)
    os.environ["SLE_DESKTOP_KEY_DIR"] = str(folder_p / "keys")
    from sle_desktop.app import demo, site, sync_site
    from sle_desktop.store.db import Store

    db = folder_p / f"{code}.sqlite"
    t0 = time.perf_counter()
    store = Store.open(db)
    summary = demo.make_demo(store, subjects_count=subjects, seed=seed, today=BENCH_TODAY, site_code=code,
                             site_name=f"Benchmark site {code}", visits_per_subject=VISITS_PER_SUBJECT)
    build_s = time.perf_counter() - t0
    info = {"code": code, "db": db.name, "build_s": round(build_s, 1), **asdict(summary),
            "audit_rows": store.scalar("SELECT count(*) FROM audit"),
            "site_uuid": store.scalar("SELECT site_uuid FROM site")}
    if sponsor_pub is not None:
        cli = site.cli_session(store)
        sync_site.set_sponsor_recipients(cli, sponsor_pub)
        (folder_p / f"{code}.sitekey").write_text(sync_site.site_public_key(cli), "utf-8")
        if keep_pre_export:
            _checkpointed_close(store)
            shutil.copyfile(db, folder_p / f"{code}.pre-export.sqlite")
            store = Store.open(db)
            cli = site.cli_session(store)
        if export_to:
            result = sync_site.export_bundle(cli, export_to)
            info.update(bundle=result.path.name, bundle_changes=result.changes, bundle_records=result.records,
                        bundle_bytes=result.size_bytes)
    _checkpointed_close(store)
    return info


def _pool_map(jobs: list[tuple]) -> list[dict]:
    import concurrent.futures
    import multiprocessing

    workers = max(1, min(len(jobs), os.cpu_count() or 1))
    if workers == 1:
        return [_build_site(*j) for j in jobs]
    ctx = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(workers, mp_context=ctx) as pool:
        return list(pool.map(_build_site, *zip(*jobs)))


def build_site(size: Size, seed: int) -> tuple[Path, dict]:
    def build(staging: Path) -> dict:
        _log(f"building the {size.subjects}-subject site (first run only; cached in {cache_root()})…")
        return _pool_map([(str(staging), size.subjects, seed, "BY01", None, None, False)])[0]

    folder, info, cached = _cached(f"site-n{size.subjects}-s{seed}", build)
    info["cached"] = cached
    return folder, info


def build_corpus(size: Size, seed: int) -> tuple[Path, dict]:
    """`bundles` demo sites with distinct codes, each exporting one bundle of ~`changes` changes."""
    def build(staging: Path) -> dict:
        from sle_desktop.sponsor import operations as sponsor

        _log(f"building the import corpus: {size.bundles} sites × ~{size.changes} changes (first run only)…")
        keys = sponsor.keygen(staging / "sponsor")
        pub = keys.public_path.read_text("utf-8")
        (staging / "bundles").mkdir()
        (staging / "sites").mkdir()
        subjects = max(3, math.ceil(size.changes / CHANGES_PER_SUBJECT))
        jobs = [(str(staging / "sites"), subjects, seed * 1000 + i, f"BY{i:02d}", pub, str(staging / "bundles"), i == 1)
                for i in range(1, size.bundles + 1)]
        sites = _pool_map(jobs)
        return {"sites": sites, "subjects_per_site": subjects}

    folder, info, cached = _cached(f"corpus-c{size.changes}-b{size.bundles}-s{seed}", build)
    info["cached"] = cached
    return folder, info


# ------------------------------------------------------------------------------------------ GUI children
_BARE_CHILD = r"""
import sys, time, resource
from PySide6.QtWidgets import QApplication, QMainWindow
import pyqtgraph as pg
app = QApplication(sys.argv[:1])
w = QMainWindow()
plot = pg.PlotWidget()
plot.plot([0, 1, 2, 3], [1, 3, 2, 4])
w.setCentralWidget(plot)
w.resize(1366, 768)
w.show()
app.processEvents()
w.grab()
t = time.time()
print("RESULT", t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
"""

_APP_CHILD = r"""
import sys, time, resource
from datetime import date
db, today = sys.argv[1], date.fromisoformat(sys.argv[2])
from sle_desktop.ui.main import application
from sle_desktop.ui.main_window import MainWindow
from sle_desktop.app import site
from sle_desktop.app.session import Session
from sle_desktop.store import keys
from sle_desktop.store.db import Store
app = application()
store = Store.open(db)
info = site.site_info(store)
# a pre-made session: the data key from the machine key file (no argon2id password check)
keys.unlock(store, keys.data_key_from_machine(store, info.site_uuid))  # the keyed trail, as headless commands
session = Session(store, "demo.investigator", "Dr Alena Kovalenko", "investigator",
                  keys.data_key_from_machine(store, info.site_uuid))
w = MainWindow(session, today=today)
done = []
w.subjects_loaded.connect(lambda n: done.append(n))
w.show()
while not done:
    app.processEvents()
    if not done:
        time.sleep(0.001)
app.processEvents()
w.grab()
t = time.time()
assert w.subject_list.model.rowCount() == done[0] and done[0] > 0
print("RESULT", t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, done[0], flush=True)
"""


def _child_env(key_dir: Path | None = None) -> dict:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.setdefault("PYTHONHASHSEED", "0")
    if key_dir is not None:
        env["SLE_DESKTOP_KEY_DIR"] = str(key_dir)
    return env


def _run_start_child(code: str, args: list[str], env: dict) -> tuple[float, float, list[str]]:
    t0 = time.time()
    proc = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        raise RuntimeError(f"start child failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    line = next(l for l in proc.stdout.splitlines() if l.startswith("RESULT"))
    parts = line.split()
    return float(parts[1]) - t0, int(parts[2]) / 1024.0, parts[3:]


def measure_start(db: Path, key_dir: Path, repeats: int) -> dict:
    env = _child_env(key_dir)
    bare, app, bare_rss, app_rss, rows = [], [], [], [], 0
    for _ in range(repeats):
        s, rss, _x = _run_start_child(_BARE_CHILD, [], env)
        bare.append(s)
        bare_rss.append(rss)
        s, rss, extra = _run_start_child(_APP_CHILD, [str(db), BENCH_TODAY.isoformat()], env)
        app.append(s)
        app_rss.append(rss)
        rows = int(extra[0])
    return {"start_app_s": _median(app), "start_bare_s": _median(bare), "start_ratio": _median(app) / _median(bare),
            "rss_mb": _median(app_rss), "rss_bare_mb": _median(bare_rss), "start_rows": rows,
            "start_app_runs_s": app, "start_bare_runs_s": bare}


def gui_child(db: str, repeats: int) -> dict:
    """Runs in a subprocess: subject-list filter/sort, patient plot and cohort plot timings (JSON on stdout)."""
    import numpy as np  # noqa: F401 - imported before timing, as the app has it loaded
    from PySide6.QtCore import Qt

    from sle_desktop.app import site, trends
    from sle_desktop.app.session import Session
    from sle_desktop.store import keys
    from sle_desktop.store.db import Store
    from sle_desktop.ui.main import application
    from sle_desktop.ui.main_window import MainWindow
    from sle_desktop.ui.plots import CohortTrendsWidget, PatientTrendsWidget
    from sle_desktop.ui.subject_model import COLUMNS

    app = application()
    store = Store.open(db)
    info = site.site_info(store)
    keys.unlock(store, keys.data_key_from_machine(store, info.site_uuid))  # the keyed trail, as headless commands
    session = Session(store, "demo.investigator", "Dr Alena Kovalenko", "investigator",
                      keys.data_key_from_machine(store, info.site_uuid))
    w = MainWindow(session, today=BENCH_TODAY, autolock=False)
    done = []
    w.subjects_loaded.connect(lambda n: done.append(n))
    w.show()
    while not done:
        app.processEvents()
        time.sleep(0.001)
    app.processEvents()
    n_rows = w.subject_list.model.rowCount()

    def settle() -> None:
        w.subject_list.proxy.rowCount()
        app.processEvents()
        w.subject_list.table.viewport().repaint()

    def timed(fn) -> float:
        t = time.perf_counter()
        fn()
        settle()
        return (time.perf_counter() - t) * 1000

    sample = w.subject_list.model.rows[len(w.subject_list.model.rows) // 3]
    searches = ["0", (sample.subject_id or sample.screening_number).lower()[:7], sample.initials.lower()[:1] or "a", ""]
    filter_ms: list[float] = []
    sort_ms: list[float] = []
    for _ in range(repeats):
        for q in searches:
            filter_ms.append(timed(lambda: w.subject_list.apply_filter(search=q)))
        for i in range(w.subject_list.status_filter.count()):
            filter_ms.append(timed(lambda: w.subject_list.status_filter.setCurrentIndex(i)))
        w.subject_list.status_filter.setCurrentIndex(0)
        for i in range(w.subject_list.arm_filter.count()):
            filter_ms.append(timed(lambda: w.subject_list.arm_filter.setCurrentIndex(i)))
        w.subject_list.arm_filter.setCurrentIndex(0)
        settle()
        for col in range(len(COLUMNS)):
            for order in (Qt.DescendingOrder, Qt.AscendingOrder):
                sort_ms.append(timed(lambda: w.subject_list.table.sortByColumn(col, order)))
        w.subject_list.table.sortByColumn(0, Qt.AscendingOrder)
        settle()

    # one patient's trends: subjects with a complete follow-up
    uuids = [r[0] for r in store.conn.execute(
        "SELECT s.uuid FROM subjects s WHERE s.status = 'enrolled' AND s.baseline_date IS NOT NULL "
        "ORDER BY s.subject_id LIMIT ?", (max(repeats, 3) + 1,))]
    patient_ms, patient_repaint_ms = [], []
    for k, uuid_ in enumerate(uuids):
        t = time.perf_counter()
        pw = PatientTrendsWidget(session, uuid_)
        pw.resize(1200, 800)
        pw.grab()
        ms = (time.perf_counter() - t) * 1000
        assert len(pw.plots) == 6, sorted(pw.plots)  # all six panels were in that first frame
        t = time.perf_counter()
        pw.grab()
        repaint = (time.perf_counter() - t) * 1000
        if k:  # the first one pays for one-off pyqtgraph set-up (kept out of the median)
            patient_ms.append(ms)
            patient_repaint_ms.append(repaint)
        assert pw.state == "trend", pw.state
        pw.deleteLater()
        app.processEvents()

    cohort_ms, cohort_warm_ms = [], []
    n_cohort = 0
    runs = max(repeats, 3) + 1
    for k in range(2 * runs):
        cold = k < runs
        if cold:
            trends._COHORT_CACHE.clear()  # first opening after start: the assessments are read from the file
        t = time.perf_counter()
        cw = CohortTrendsWidget(session, today=BENCH_TODAY)
        cw.resize(1200, 700)
        cw.show()
        while not cw.loaded and cw.error is None:
            app.processEvents()
            time.sleep(0.0005)
        cw.grab()
        ms = (time.perf_counter() - t) * 1000
        assert cw.error is None, cw.error
        n_cohort = cw.data.n_subjects
        if k and cold:
            cohort_ms.append(ms)
        elif not cold:
            cohort_warm_ms.append(ms)
        cw.close()
        cw.deleteLater()
        app.processEvents()
    w.close()
    return {
        "list_rows": n_rows,
        "filter_ms": _median(filter_ms), "filter_max_ms": max(filter_ms),
        "sort_ms": _median(sort_ms), "sort_max_ms": max(sort_ms),
        "patient_plot_ms": _median(patient_ms), "patient_plot_repaint_ms": _median(patient_repaint_ms),
        "cohort_plot_ms": _median(cohort_ms), "cohort_plot_warm_ms": _median(cohort_warm_ms), "cohort_subjects": n_cohort,
    }


def measure_gui(db: Path, key_dir: Path, repeats: int) -> dict:
    proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child-gui", str(db), "--repeats", str(repeats)],
                          env=_child_env(key_dir), capture_output=True, text=True, timeout=1800)
    if proc.returncode != 0:
        raise RuntimeError(f"GUI benchmark child failed:\n{proc.stderr[-4000:]}")
    line = next(l for l in proc.stdout.splitlines() if l.startswith("GUIJSON "))
    out = json.loads(line[len("GUIJSON "):])
    # the target covers both filtering and sorting: report the slower of the two medians
    out["filter_only_ms"] = out["filter_ms"]
    out["filter_ms"] = max(out["filter_ms"], out["sort_ms"])
    return out


# ------------------------------------------------------------------------------------------ save
def measure_save(db: Path, key_dir: Path, repeats: int) -> dict:
    os.environ["SLE_DESKTOP_KEY_DIR"] = str(key_dir)
    from sle_desktop.app import site, visits
    from sle_desktop.app.session import Session
    from sle_desktop.store import keys
    from sle_desktop.store.db import Store

    store = Store.open(db)
    try:
        info = site.site_info(store)
        keys.unlock(store, keys.data_key_from_machine(store, info.site_uuid))  # the keyed trail, as headless commands
        session = Session(store, "demo.investigator", "Dr Alena Kovalenko", "investigator",
                          keys.data_key_from_machine(store, info.site_uuid))
        rows = store.query(
            "SELECT s.visit_uuid, s.pga, s.score FROM sledai_assessments s JOIN subjects sub ON sub.uuid = s.subject_uuid "
            "WHERE s.deleted = 0 AND sub.status = 'enrolled' ORDER BY s.visit_uuid LIMIT ?", (repeats * 2 + 1,))
        variants = (frozenset({"proteinuria", "hematuria", "low_complement"}), frozenset({"arthritis", "rash", "proteinuria"}))
        update_ms, insert_ms = [], []
        audit_before = store.scalar("SELECT max(seq) FROM audit")
        for k, r in enumerate(rows[1:]):
            current = visits.get_sledai(session, r["visit_uuid"])
            codes = variants[0] if current.codes != variants[0] else variants[1]
            t = time.perf_counter()
            visits.save_sledai(session, r["visit_uuid"], codes, 1.5 if current.pga != 1.5 else 1.2,
                               reason="benchmark correction")
            update_ms.append((time.perf_counter() - t) * 1000)
        audit_rows = (store.scalar("SELECT max(seq) FROM audit") - audit_before) / max(1, len(rows) - 1)
        # a first entry on a new (unscheduled) visit
        subj = store.query("SELECT uuid, baseline_date FROM subjects WHERE status = 'enrolled' AND baseline_date IS NOT NULL "
                           "ORDER BY subject_id LIMIT ?", (repeats,))
        for s in subj:
            v = visits.record_visit(session, s["uuid"], "unscheduled", BENCH_TODAY, today=BENCH_TODAY)
            t = time.perf_counter()
            visits.save_sledai(session, v.uuid, variants[0], 1.0)
            insert_ms.append((time.perf_counter() - t) * 1000)
    finally:
        store.close()
    return {"save_ms": _median(update_ms), "save_max_ms": max(update_ms), "save_audit_rows": round(audit_rows, 1),
            "save_new_ms": _median(insert_ms)}


# ------------------------------------------------------------------------------------------ verify-audit
def measure_verify(db: Path, key_dir: Path, repeats: int) -> dict:
    """`sle-desktop verify-audit` as the command runs it: open, unlock with the machine key, walk the keyed chain,
    compare every clinical record with its audit rows, check the accounts and the e-signatures."""
    os.environ["SLE_DESKTOP_KEY_DIR"] = str(key_dir)
    from sle_desktop.app import audit_trail, site
    from sle_desktop.store.db import Store

    times, rows = [], 0
    for _ in range(max(1, repeats)):
        t = time.perf_counter()
        with Store.open(db) as store:
            site.cli_session(store)
            check = audit_trail.verify(store)
        times.append(time.perf_counter() - t)
        if not check.ok:
            raise SystemExit(f"verify-audit failed on the benchmark site: {check.message}")
        rows = check.rows_checked
    return {"verify_audit_s": _median(times), "verify_audit_rows": rows}


# ------------------------------------------------------------------------------------------ export
def _export_floor(db: Path, key_dir: Path, recipient_text: str, out_dir: Path, repeats: int) -> tuple[float, int]:
    """The same JSON lines (rows read beforehand), gzip level 6 as the format does, pyrage, write + fsync."""
    import zlib

    import pyrage

    from sle_desktop.store import audit
    from sle_desktop.store.db import Store
    from sle_desktop.store.records import CLINICAL_TABLES
    from sle_desktop.sync import keys as sync_keys
    from sle_desktop.sync.site_export import table_columns

    store = Store.open(db)
    try:
        objs = [{"type": "header", "tables": table_columns(store)}]
        for table in CLINICAL_TABLES:
            cur = store.conn.execute(f'SELECT * FROM "{table}" ORDER BY change_seq, uuid')
            cols = [c[0] for c in cur.description]
            objs.extend({"type": "row", "table": table, "row": dict(zip(cols, v))} for v in cur.fetchall())
        objs.extend({"type": "audit", "row": r} for r in audit.iter_rows(store.conn, 0))
        objs.append({"type": "end"})
    finally:
        store.close()
    recipients = sync_keys.age_recipients([r.recipient for r in sync_keys.parse_recipients(recipient_text)])
    times = []
    size = 0
    for k in range(repeats):
        target = out_dir / f"floor-{k}.age"
        t = time.perf_counter()
        z = zlib.compressobj(6, zlib.DEFLATED, 31)
        chunks = [z.compress((audit.canonical_json(o) + "\n").encode("utf-8")) for o in objs]
        chunks.append(z.flush())
        ciphertext = pyrage.encrypt(b"".join(chunks), recipients)
        with open(target, "wb") as fh:
            fh.write(ciphertext)
            fh.flush()
            os.fsync(fh.fileno())
        times.append(time.perf_counter() - t)
        size = len(ciphertext)
        target.unlink()
    return _median(times), size


def measure_export(corpus: Path, info: dict, work: Path, repeats: int) -> dict:
    key_dir = corpus / "sites" / "keys"
    os.environ["SLE_DESKTOP_KEY_DIR"] = str(key_dir)
    from sle_desktop.app import site, sync_site
    from sle_desktop.store.db import Store

    first = info["sites"][0]
    src = corpus / "sites" / f"{first['code']}.pre-export.sqlite"
    times, size, changes, records = [], 0, 0, 0
    for k in range(repeats):
        run = work / f"export-{k}"
        (run / "usb").mkdir(parents=True)
        db = _copy_db(src, run / "site.sqlite")
        store = Store.open(db)
        try:
            cli = site.cli_session(store)
            t = time.perf_counter()
            result = sync_site.export_bundle(cli, run / "usb")
            times.append(time.perf_counter() - t)
            size, changes, records = result.size_bytes, result.changes, result.records
        finally:
            store.close()
        shutil.rmtree(run, ignore_errors=True)
    pub = (corpus / "sponsor" / "sponsor.pub").read_text("utf-8")
    floor_dir = work / "export-floor"
    floor_dir.mkdir()
    floor_db = _copy_db(src, floor_dir / "site.sqlite")
    floor_s, floor_size = _export_floor(floor_db, key_dir, pub, floor_dir, repeats)
    shutil.rmtree(floor_dir, ignore_errors=True)
    return {"export_s": _median(times), "export_floor_s": floor_s, "export_ratio": _median(times) / floor_s,
            "export_changes": changes, "export_records": records, "bundle_bytes": size, "export_floor_bytes": floor_size,
            "export_runs_s": times}


# ------------------------------------------------------------------------------------------ import
def _sponsor_bench():
    """benchmarks/sponsor_bench.py as a module (the benchmarks folder is not a package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("sle_sponsor_bench", Path(__file__).with_name("sponsor_bench.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _import_floor(corpus: Path, info: dict, work: Path, repeats: int) -> tuple[float, int]:
    """The same record and audit rows, plain sqlite3 executemany into the sponsor schema, one transaction, WAL."""
    sponsor_bench = _sponsor_bench()
    rows = sponsor_bench.decoded_rows(corpus, info)
    times = []
    for k in range(repeats):
        path = work / f"floor-{k}.sqlite"
        times.append(sponsor_bench.floor_sqlite(path, rows))
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    return _median(times), len(rows[1]) + len(rows[2])


def measure_import(corpus: Path, info: dict, work: Path, repeats: int) -> dict:
    from sle_desktop.sponsor import operations as sponsor

    bundles = [corpus / "bundles" / s["bundle"] for s in info["sites"]]
    times = []
    for k in range(repeats):
        db = work / f"sponsor-{k}.sqlite"
        for s in info["sites"]:
            sponsor.register_site(db, corpus / "sites" / f"{s['code']}.sitekey")
        t = time.perf_counter()
        outcomes = sponsor.import_bundles(db, corpus / "sponsor" / "sponsor.key", bundles)
        times.append(time.perf_counter() - t)
        bad = [o for o in outcomes if o.error is not None or o.result.status != "imported"]
        if bad:
            raise RuntimeError(f"import failed: {bad[0].error}")
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
    floor_s, floor_rows = _import_floor(corpus, info, work, max(2, repeats))
    changes = sum(s["bundle_changes"] for s in info["sites"])
    return {"import_s": _median(times), "import_floor_s": floor_s, "import_ratio": _median(times) / floor_s,
            "import_bundles": len(bundles), "import_changes": changes, "import_rows": floor_rows,
            "import_floor_s_per_100k_rows": floor_s * 100_000 / floor_rows, "import_runs_s": times}


_EXPORT_CHILD = r"""
import json, os, resource, sys, time
from pathlib import Path
from sle_desktop.sponsor import operations as sponsor
db, out, kind = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
jobs = {
    "odm_snapshot": lambda: sponsor.export_odm(db, out / "study.xml"),
    "odm_audit": lambda: sponsor.export_odm(db, out / "history.xml", audit=True),
    "csv": lambda: sponsor.export_csv(db, out / "csv"),
    "stats": lambda: sponsor.export_stats(db, out / "stats"),
}
load = os.getloadavg()[0]
before = resource.getrusage(resource.RUSAGE_SELF)
t = time.perf_counter()
result = jobs[kind]()
elapsed = time.perf_counter() - t
after = resource.getrusage(resource.RUSAGE_SELF)
rss_mb = after.ru_maxrss / 1024.0  # Linux carries the parent's peak over fork and exec: VmHWM is this process's own
try:
    rss_mb = next(int(x.split()[1]) for x in open("/proc/self/status") if x.startswith("VmHWM:")) / 1024.0
except (OSError, StopIteration):
    pass
print("EXPORT " + json.dumps({
    "s": elapsed, "cpu_s": after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime,
    "rss_mb": rss_mb, "load_before": load, "load_after": os.getloadavg()[0],
    "subjects": getattr(result, "subjects", None), "items": getattr(result, "items", None),
    "audit_records": getattr(result, "audit_records", None)}), flush=True)
"""
_EXPORT_TARGETS = {"odm_snapshot": "study.xml", "odm_audit": "history.xml", "csv": "csv", "stats": "stats"}


def _export_child(db: Path, out: Path, kind: str) -> dict:
    """One export in a fresh process: elapsed and CPU time, peak RSS (ru_maxrss of that process), size written."""
    out.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run([sys.executable, "-c", _EXPORT_CHILD, str(db), str(out), kind], env=_child_env(),
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{kind} export failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    line = next(x for x in proc.stdout.splitlines() if x.startswith("EXPORT "))
    figures = json.loads(line.removeprefix("EXPORT "))
    target = out / _EXPORT_TARGETS[kind]
    figures["mb"] = (target.stat().st_size if target.is_file()
                     else sum(p.stat().st_size for p in target.rglob("*") if p.is_file())) / 1e6
    if target.is_file():
        target.unlink()
    else:
        shutil.rmtree(target, ignore_errors=True)
    return figures


def measure_sponsor_exports(corpus: Path, info: dict, work: Path, repeats: int) -> dict:
    """The sponsor's exports of the imported corpus: ODM Snapshot, ODM Transactional (--audit), CSV (with the audit
    trail), statistics; each in its own process, so that its CPU time and peak RSS are its own."""
    from sle_desktop.sponsor import operations as sponsor

    db = work / "sponsor-exports.sqlite"
    for s in info["sites"]:
        sponsor.register_site(db, corpus / "sites" / f"{s['code']}.sitekey")
    t = time.perf_counter()
    outcomes = sponsor.import_bundles(db, corpus / "sponsor" / "sponsor.key",
                                      [corpus / "bundles" / s["bundle"] for s in info["sites"]])
    import_s = time.perf_counter() - t
    if any(o.error is not None for o in outcomes):
        raise RuntimeError(f"import failed: {next(o.error for o in outcomes if o.error is not None)}")
    out = {"sponsor_export_sites": len(info["sites"]),
           "sponsor_export_changes": sum(s["bundle_changes"] for s in info["sites"]),
           "sponsor_export_import_s": import_s, "sponsor_export_db_mb": db.stat().st_size / 1e6}
    for name in _EXPORT_TARGETS:
        runs = []
        for _k in range(repeats):
            _log(f"{name} export…")
            runs.append(_export_child(db, work / "out", name))
        best = sorted(runs, key=lambda r: r["s"])[len(runs) // 2]  # the median run
        for key in ("s", "cpu_s", "rss_mb", "mb", "load_before", "load_after"):
            out[f"{name}_{key}"] = best[key]
        if name == "odm_snapshot":
            out["odm_subjects"], out["odm_items"] = best["subjects"], best["items"]
        if name == "odm_audit":
            out["odm_audit_records"] = best["audit_records"]
    return out


def format_sponsor_exports(m: dict) -> str:
    def row(what: str, key: str) -> str:
        return (f"| {what} | {m[key + '_s']:.1f} s | {m[key + '_cpu_s']:.1f} s | {m[key + '_rss_mb']:.0f} MB | "
                f"{m[key + '_mb']:.0f} MB | {m[key + '_load_before']:.1f} / {m[key + '_load_after']:.1f} |")

    return "\n".join([
        f"Sponsor exports of {m['sponsor_export_sites']} imported sites ({m['sponsor_export_changes']} changes; "
        f"{m['odm_subjects']} subjects, {m['odm_items']} item values; sponsor database "
        f"{m['sponsor_export_db_mb']:.0f} MB, imported in {m['sponsor_export_import_s']:.0f} s):",
        "",
        "| export | time | CPU time | peak RSS | size | load average (1 min) before / after |",
        "|---|---|---|---|---|---|",
        row("export-odm (Snapshot)", "odm_snapshot"),
        row(f"export-odm --audit (Transactional, {m['odm_audit_records']} audit records)", "odm_audit"),
        row("export-csv (form files, audit_trail.csv, dictionary, code lists)", "csv"),
        row("export-stats (sav, dta, xpt)", "stats"),
    ])


def run_sponsor_exports(size: Size, *, seed: int = SEED, json_path: Path | None = None,
                        corpus: Path | None = None) -> dict:
    """Only the sponsor side: the import corpus (cached, or `corpus`: a corpus folder built earlier), imported once,
    then each export timed."""
    if corpus is not None:
        corpus_dir, corpus_info = corpus, json.loads((corpus / "info.json").read_text("utf-8"))
    else:
        corpus_dir, corpus_info = build_corpus(size, seed)
    work = Path(tempfile.mkdtemp(prefix="sle_bench_exports_"))
    try:
        metrics = measure_sponsor_exports(corpus_dir, corpus_info, work, size.import_repeats)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(format_sponsor_exports(metrics))
    if json_path is not None:
        Path(json_path).write_text(json.dumps({"machine": machine(), "metrics": metrics}, indent=1), "utf-8")
    return metrics


# ------------------------------------------------------------------------------------------ report
def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    ram_gb = None
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    import pyqtgraph
    import PySide6

    return {"cpu": cpu, "cores": os.cpu_count(), "ram_gb": ram_gb, "os": platform.platform(),
            "python": platform.python_version(), "pyside6": PySide6.__version__, "pyqtgraph": pyqtgraph.__version__,
            "sqlite": sqlite3.sqlite_version}


def evaluate(metrics: dict) -> dict:
    out = {}
    for name, (key, op, limit, text) in TARGETS.items():
        value = metrics[key]
        ok = value <= limit if op == "<=" else value < limit
        out[name] = {"metric": key, "target": text, "limit": limit, "op": op, "value": value, "pass": bool(ok)}
    return out


def format_table(result: dict) -> str:
    m = result["metrics"]
    t = result["targets"]
    mc = result["machine"]
    size = result["size"]

    def row(what, value, reference, target_name):
        tg = t[target_name]
        return f"| {what} | {value} | {reference} | {tg['target']} | {'PASS' if tg['pass'] else 'FAIL'} |"

    lines = [
        f"Machine: {mc['cpu']}, {mc['cores']} cores, {mc['ram_gb']} GB RAM; {mc['os']}; Python {mc['python']}, "
        f"PySide6 {mc['pyside6']}, pyqtgraph {mc['pyqtgraph']}, SQLite {mc['sqlite']}",
        f"Size: {size['subjects']} subjects ({m['list_rows']} in the list, {size['visits']} visits, "
        f"{size['audit_rows']} audit rows), {m['import_bundles']} bundles of ~{size['changes']} changes; "
        f"medians of {size['repeats']} runs (start, export: {size['heavy_repeats']}; import of all bundles: "
        f"{size['import_repeats']}, its floor: {max(2, size['import_repeats'])})",
        "",
        "| measurement | result | reference | target | |",
        "|---|---|---|---|---|",
        row("cold start to main window with all subjects listed",
            f"{m['start_app_s']:.2f} s ({m['start_ratio']:.2f}×)", f"bare PySide6 + pyqtgraph window {m['start_bare_s']:.2f} s",
            "start"),
        row("subject list filter / sort (10 000 rows)", f"{m['filter_only_ms']:.1f} / {m['sort_ms']:.1f} ms",
            f"worst single op {max(m['filter_max_ms'], m['sort_max_ms']):.1f} ms", "filter"),
        row("one patient's trend plot: all six panels shown (build + render)", f"{m['patient_plot_ms']:.1f} ms",
            f"repainted {m['patient_plot_repaint_ms']:.1f} ms", "patient_plot"),
        row("cohort plot, first opening (read + compute + draw + render)", f"{m['cohort_plot_ms']:.1f} ms",
            f"{m['cohort_subjects']} subjects; re-opened or re-filtered {m['cohort_plot_warm_ms']:.1f} ms", "cohort_plot"),
        row("save one SLEDAI correction (file DB, WAL, synchronous=FULL)", f"{m['save_ms']:.1f} ms",
            f"{m['save_audit_rows']} audit rows each; first entry {m['save_new_ms']:.1f} ms", "save"),
        row("verify-audit (keyed chain, every record against its trail, accounts, e-signatures)",
            f"{m['verify_audit_s']:.2f} s", f"{m['verify_audit_rows']} audit rows", "verify_audit"),
        row(f"export bundle ({m['export_changes']} changes, {m['export_records']} records)",
            f"{m['export_s']:.2f} s ({m['export_ratio']:.2f}×), {m['bundle_bytes'] / 1e6:.1f} MB",
            f"floor {m['export_floor_s']:.2f} s (JSON lines + gzip + pyrage + fsync)", "export"),
        row(f"sponsor import of {m['import_bundles']} bundles ({m['import_changes']} changes)",
            f"{m['import_s']:.2f} s ({m['import_ratio']:.2f}×)",
            f"floor {m['import_floor_s']:.2f} s ({m['import_rows']} rows, "
            f"{m['import_floor_s_per_100k_rows']:.2f} s/100k rows, executemany, WAL)", "import"),
        row("peak RSS of the GUI with the subjects loaded", f"{m['rss_mb']:.0f} MB", f"bare window {m['rss_bare_mb']:.0f} MB",
            "rss"),
    ]
    passed = sum(1 for v in t.values() if v["pass"])
    lines.append("")
    lines.append(f"Targets met: {passed}/{len(t)}" + ("" if passed == len(t) else
                 " — FAIL: " + ", ".join(k for k, v in t.items() if not v["pass"])))
    return "\n".join(lines)


def run(size: Size, *, seed: int = SEED, json_path: Path | None = None, keep: bool = False) -> dict:
    t_all = time.perf_counter()
    site_dir, site_info = build_site(size, seed)
    corpus_dir, corpus_info = build_corpus(size, seed)
    how = "cached" if site_info["cached"] else f"built in {site_info['build_s']} s"
    _log(f"site: {site_info['subjects']} subjects, {site_info['visits']} visits, {site_info['audit_rows']} audit rows ({how})")
    work = Path(tempfile.mkdtemp(prefix="sle_bench_"))
    try:
        key_dir = site_dir / "keys"
        gui_db = _copy_db(site_dir / site_info["db"], work / "gui.sqlite")
        _log("cold start…")
        metrics = measure_start(gui_db, key_dir, size.heavy_repeats + 2)
        _log("subject list, plots…")
        metrics.update(measure_gui(gui_db, key_dir, size.repeats))
        _log("save…")
        save_db = _copy_db(site_dir / site_info["db"], work / "save.sqlite")
        metrics.update(measure_save(save_db, key_dir, size.repeats * 3))
        _log("verify-audit…")
        metrics.update(measure_verify(save_db, key_dir, size.heavy_repeats))
        _log("export…")
        metrics.update(measure_export(corpus_dir, corpus_info, work, size.heavy_repeats))
        _log("import…")
        metrics.update(measure_import(corpus_dir, corpus_info, work, size.import_repeats))
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
    result = {
        "machine": machine(),
        "size": {"name": size.name, "subjects": site_info["subjects"], "visits": site_info["visits"],
                 "audit_rows": site_info["audit_rows"], "changes": size.changes, "bundles": size.bundles,
                 "repeats": size.repeats, "heavy_repeats": size.heavy_repeats, "import_repeats": size.import_repeats, "seed": seed,
                 "visits_per_subject": VISITS_PER_SUBJECT, "today": BENCH_TODAY.isoformat()},
        "build": {"site_build_s": site_info["build_s"], "site_cached": site_info["cached"],
                  "corpus_cached": corpus_info["cached"], "corpus_subjects_per_site": corpus_info["subjects_per_site"],
                  "corpus_build_s": [s["build_s"] for s in corpus_info["sites"]], "cache": str(cache_root())},
        "metrics": metrics,
        "notes": {
            "start": "fresh process, QT_QPA_PLATFORM=offscreen, from before process creation to the main window shown, "
                     "every subject in the model and one frame rendered; session from the machine key (argon2id "
                     "password check excluded); OS file cache warm",
            "filter": "median over search/status/arm filters and over sorting by each column both ways; the larger of the "
                      "two medians is checked; 150 ms typing debounce excluded",
            "import": f"{size.bundles} demo sites with distinct site codes, one bundle each",
        },
    }
    result["targets"] = evaluate(metrics)
    result["all_pass"] = all(v["pass"] for v in result["targets"].values())
    result["elapsed_s"] = round(time.perf_counter() - t_all, 1)
    print(format_table(result))
    if json_path is not None:
        from sle_desktop.sync import atomic

        atomic.atomic_write_text(Path(json_path), json.dumps(result, indent=1, default=str), what="the --json file")
    return result


def check_json_target(path: Path) -> None:
    """Before the (long) run: ValueError in one sentence when the --json file could not be written at the end."""
    from sle_desktop.sync import atomic
    from sle_desktop.sync.errors import SyncError

    if path.is_dir():
        raise ValueError(f"{path} is a folder; give a file name for --json.")
    problem = atomic.folder_problem(path.parent)
    if problem:
        raise ValueError(problem)
    try:
        atomic.write_temp(path, lambda fh: None).unlink()  # a hidden probe file beside it, removed at once
    except OSError as exc:
        raise ValueError(str(atomic.explain_os_error(exc, "the --json file", path.parent))) from None
    except SyncError as exc:
        raise ValueError(str(exc)) from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The benchmark's options (shared by `python benchmarks/bench.py` and `sle-desktop bench`)."""
    parser.add_argument("--quick", action="store_true", help="small sizes for a CI smoke run (seconds)")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--subjects", type=int, help="subjects of the site (default 10000; --quick 300)")
    parser.add_argument("--changes", type=int, help="changes per import bundle (default 100000; --quick 2000)")
    parser.add_argument("--bundles", type=int, help="bundles imported by the sponsor (default 20; --quick 3)")
    parser.add_argument("--repeats", type=int, help="runs per light measurement (median)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--keep", action="store_true", help="keep the temporary work folder")
    parser.add_argument("--sponsor-exports", action="store_true",
                        help="only time the sponsor's exports (ODM, ODM --audit, CSV, statistics) of the import corpus")
    parser.add_argument("--corpus", metavar="DIR", help="--sponsor-exports: an import corpus folder built earlier (with its "
                        "info.json; e.g. one cached by an older version of the demo generator) instead of the cache")
    parser.add_argument("--child-gui", metavar="DB", help=argparse.SUPPRESS)
    parser.add_argument("--sponsor", action="store_true",
                        help="the sponsor benchmark instead: N sites imported into SQLite and PostgreSQL, each against "
                             "its floor, status and ODM export (benchmarks/sponsor_bench.py)")
    parser.add_argument("--sites", type=int, help="--sponsor: sites, one bundle each (default 100; --quick 3)")
    parser.add_argument("--pg-url", metavar="URL", help="--sponsor: a PostgreSQL database whose user may CREATE "
                        "DATABASE (default: a throw-away cluster)")


def run_from_args(args: argparse.Namespace) -> int:
    """Run with parsed options; 0 when every target is met, 1 when one is missed."""
    if args.child_gui:
        print("GUIJSON " + json.dumps(gui_child(args.child_gui, args.repeats or 3)), flush=True)
        return 0
    if args.sponsor:
        result = _sponsor_bench().run(sys.modules[__name__], quick=args.quick, sites=args.sites, subjects=args.subjects,
                                   seed=args.seed, pg_url=args.pg_url, repeats=args.repeats)
        if args.json:
            Path(args.json).write_text(json.dumps(result, indent=1, default=str), "utf-8")
        return 0 if result["all_pass"] else 1
    size = QUICK if args.quick else FULL
    changes = {k: v for k, v in (("subjects", args.subjects), ("changes", args.changes), ("bundles", args.bundles),
                                  ("repeats", args.repeats)) if v is not None}
    if any(v < 1 for v in changes.values()):
        raise ValueError("sizes and repeats must be positive")
    if changes:
        from dataclasses import replace

        size = replace(size, **changes)
    if args.json:
        check_json_target(Path(args.json))
    if args.sponsor_exports:
        run_sponsor_exports(size, seed=args.seed, json_path=Path(args.json) if args.json else None,
                            corpus=Path(args.corpus) if args.corpus else None)
        return 0
    result = run(size, seed=args.seed, json_path=Path(args.json) if args.json else None, keep=args.keep)
    return 0 if result["all_pass"] else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="sle-desktop bench", description="Benchmarks at site and sponsor scale.")
    add_arguments(parser)
    return run_from_args(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
