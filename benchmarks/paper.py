"""Benchmarks of paper and backup: a 10-visit subject's casebook PDF, and backup / restore of the benchmark site.

    python benchmarks/paper.py [--quick] [--json FILE]

Uses the site of `benchmarks/bench.py` (10 000 subjects; --quick 300; cached between runs). Each figure is a median,
printed with a floor measured in the same run:

  casebook   subject_casebook (the reads) + the PDF (layout and writing) of one subject with 10 visits, SLEDAI, labs,
             an SAE, an infusion, signatures and corrections; floor: the same PDF written from the data already read
  backup     app.backup.backup of the whole site (online snapshot, gzip, age, signature, atomic write, re-read);
             floor: SQLite's online backup of the same database into a plain file
  restore    app.backup.restore into a new file (decrypt, integrity check, audit chain walk); floor: a file copy
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # noqa: E402  (the site builder and its cache)

REPEATS = 3


def _timed(fn, repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _ten_visit_subject(store):
    """Add one subject with 10 visits to the benchmark site (the demo subjects have at most six)."""
    from datetime import date, timedelta

    from sle_desktop.app import demo, safety, signatures, site, subjects, visits

    admin = site.login(store, "demo.admin", demo.DEMO_PASSWORD)
    if not store.scalar("SELECT count(*) FROM users WHERE username = 'bench.inv'"):
        site.create_user(admin, username="bench.inv", display_name="Bench Investigator", role="investigator",
                         password="bench-password-1")
    inv = site.login(store, "bench.inv", "bench-password-1")
    base = date(2026, 1, 20)
    form = subjects.ScreeningForm(
        consent_date=date(2026, 1, 10), consent_version="2.1", screening_date=date(2026, 1, 10),
        full_name="Bench Subject", date_of_birth=date(1980, 5, 5), sex="F",
        acr_criteria=frozenset({"malar_rash", "arthritis", "renal_disorder", "immunologic_disorder",
                                "antinuclear_antibody"}),
        anti_dsdna_positive=True, sledai_codes=frozenset({"proteinuria", "hematuria", "low_complement"}),
        biopsy_class="IV", biopsy_date=date(2025, 12, 1), proteinuria_g_per_day=1.2, active_sediment=True,
        investigator_confirms_nephritis=True, can_follow_procedures=True)
    out = subjects.screen_subject(inv, form, today=date(2026, 1, 10))
    subjects.enrol_patient(inv, out.subject_uuid, arm="msc", reason="benchmark")
    plan = [("baseline", 0), ("month_1", 30), ("month_3", 91), ("month_6", 182)] + [
        ("unscheduled", d) for d in (40, 60, 120, 150, 160, 170)]
    for n, (code, day) in enumerate(plan):
        v = visits.record_visit(inv, out.subject_uuid, code, base + timedelta(days=day), today=date(2026, 12, 31))
        r = visits.save_sledai(inv, v.uuid, {"proteinuria", "hematuria", "rash"} if n % 2 else {"arthritis"}, 1.0)
        visits.save_labs(inv, v.uuid, base + timedelta(days=day), {
            "platelets": visits.LabEntry(180 + n), "creatinine": visits.LabEntry(90 + n, lln=44, uln=97),
            "hemoglobin": visits.LabEntry(120, lln=120, uln=160)}, today=date(2026, 12, 31))
        signatures.sign_record(inv, "sledai_assessments", r.uuid, password="bench-password-1", meaning="authored")
        if n == 3:
            visits.save_sledai(inv, v.uuid, {"proteinuria"}, 1.0, reason="benchmark correction")
    safety.record_adverse_event(inv, out.subject_uuid, safety.AdverseEventForm(
        term="Pneumonia", onset_date=base + timedelta(days=20), grade=3, serious=True,
        serious_criteria=("hospitalisation",), relationship="unlikely", action_taken="not_applicable",
        outcome="recovered"), today=date(2026, 12, 31))
    return out.subject_uuid, inv


def measure(size: bench.Size, seed: int, work: Path) -> dict:
    import sqlite3

    from sle_desktop.app import backup, casebook
    from sle_desktop.store.db import Store
    from sle_desktop.ui.printing import paged
    from sle_desktop.ui.printing.casebook import casebook_html, write_casebook_pdf

    site_dir, info = bench.build_site(size, seed)
    os.environ["SLE_DESKTOP_KEY_DIR"] = str(site_dir / "keys")
    db = bench._copy_db(site_dir / info["db"], work / "site.sqlite")
    paged.ensure_gui_application()
    out: dict = {"subjects": info["subjects"], "db_mb": round(db.stat().st_size / 1e6, 1)}
    with Store.open(db) as store:
        uuid, inv = _ten_visit_subject(store)
        book = casebook.subject_casebook(inv, uuid)
        out["casebook_visits"] = len(book.visits)
        out["casebook_s"] = _timed(lambda: write_casebook_pdf(casebook.subject_casebook(inv, uuid), work / "cb.pdf"))
        out["casebook_pages"] = write_casebook_pdf(book, work / "cb.pdf")
        out["casebook_floor_s"] = _timed(lambda: paged.write_pdf(work / "floor.pdf", casebook_html(book), title="x",
                                                                 header=lambda p, n: "", footer=lambda p, n: ""))
        usb = work / "usb"
        usb.mkdir()
        from sle_desktop.app import site

        session = site.cli_session(store)
        results = []
        out["backup_s"] = _timed(lambda: results.append(backup.backup(session, usb)))
        out["backup_mb"] = round(results[-1].size / 1e6, 1)

        def floor_backup():
            dest = sqlite3.connect(work / "plain-copy.sqlite")
            store.conn.backup(dest)
            dest.close()
            (work / "plain-copy.sqlite").unlink()
        out["backup_floor_s"] = _timed(floor_backup)
    n = iter(range(100))
    out["restore_s"] = _timed(lambda: backup.restore(results[-1].path, work / f"restored-{next(n)}.sqlite"))
    m = iter(range(100))
    out["restore_floor_s"] = _timed(lambda: shutil.copyfile(db, work / f"copy-{next(m)}.sqlite"))
    for k in ("casebook", "backup", "restore"):
        out[f"{k}_ratio"] = round(out[f"{k}_s"] / out[f"{k}_floor_s"], 2)
    return out


def format_table(m: dict) -> str:
    return "\n".join([
        f"Site: {m['subjects']} subjects, database {m['db_mb']} MB; medians of {REPEATS} runs",
        "",
        "| measurement | result | floor in the same run |",
        "|---|---|---|",
        f"| casebook PDF of one subject with {m['casebook_visits']} visits ({m['casebook_pages']} pages) | "
        f"{m['casebook_s']:.2f} s ({m['casebook_ratio']:.2f}×) | the same PDF from data already read "
        f"{m['casebook_floor_s']:.2f} s |",
        f"| backup of the whole site ({m['backup_mb']} MB encrypted) | {m['backup_s']:.2f} s ({m['backup_ratio']:.2f}×) "
        f"| SQLite online backup to a plain file {m['backup_floor_s']:.2f} s |",
        f"| restore into a new file (decrypt, integrity check, audit chain) | {m['restore_s']:.2f} s "
        f"({m['restore_ratio']:.2f}×) | file copy {m['restore_floor_s']:.3f} s |",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmarks/paper.py", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the 300-subject site (seconds)")
    parser.add_argument("--json", metavar="FILE")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="sle_bench_paper_"))
    try:
        metrics = measure(bench.QUICK if args.quick else bench.FULL, bench.SEED, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(format_table(metrics))
    if args.json:
        Path(args.json).write_text(json.dumps(metrics, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
