"""The sponsor window at trial scale: `python benchmarks/sponsor_window.py [--sites 100] [--subjects 100]`.

Builds a sponsor database (SQLite) of N sites × M subjects: one demo site of M subjects is made, exported and
imported for real (`review.import_folder`), then copied N-1 times under new site codes and record UUIDs (its
audit rows are copied as they are, so every copy's chain stays intact and ends at its recorded head). Then, in
a fresh process, the clock runs from "log-in accepted" to the window shown with the sites overview and the
subject list filled (offscreen), filters are timed (`ReviewTab.apply_filters`, median and worst of several),
and the process's peak RSS is read. Targets (issue 19): open < 1.5 s, filter < 50 ms, peak RSS < 300 MB.

`build(folder, sites, subjects)` is also used by the layout test and the screenshot script.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import uuid as uuidlib
from datetime import UTC, date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PASSWORD = "benchmark password"
TARGETS = {"open_s": 1.5, "filter_ms": 50.0, "rss_mb": 300.0}


def _code(i: int) -> str:
    return f"{chr(65 + i // 100)}Z{i % 100:02d}"  # AZ01 … AZ99, BZ00 … (never BY01, the template)


def build(folder: Path, sites: int = 3, subjects: int = 8, *, seed: int = 1) -> tuple[Path, Path]:
    """A sponsor database with `sites` sites of `subjects` demo subjects and a data manager `dana`
    (password PASSWORD); returns (database path, sponsor key file)."""
    from sle_desktop.app import demo, site, sync_site
    from sle_desktop.sponsor import accounts, operations, review
    from sle_desktop.sponsor import db as sponsor_db
    from sle_desktop.store.db import Store

    folder.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("SLE_DESKTOP_KEY_DIR", str(folder / "machine-keys"))
    keys = operations.keygen(folder / "sponsor-keys")
    with Store.open(folder / "site.sqlite") as store:
        demo.make_demo(store, subjects_count=subjects, seed=seed, today=date(2026, 6, 1), site_code="BY01",
                       site_name="Minsk Republican Clinical Hospital")
        cli = site.cli_session(store)
        _add_sae(store, cli)
        sync_site.set_sponsor_recipients(cli, keys.public_path.read_text("utf-8"))
        usb = folder / "usb"
        usb.mkdir(exist_ok=True)
        sync_site.export_bundle(cli, usb)
        key_file = folder / "BY01.sitekey"
        key_file.write_text(sync_site.site_public_key(cli), "utf-8")
    db = folder / "sponsor.sqlite"
    operations.register_site(db, key_file)
    store = sponsor_db.open_sponsor_store(db)
    try:
        dm = accounts.create_first_data_manager(store, username="dana", display_name="Dana Petrova",
                                                password=PASSWORD)
        review.import_folder(dm, usb, keys.key_path)
        if sites > 1:
            _copies(store, sites)
    finally:
        store.close()
    return db, keys.key_path


def _add_sae(store, cli) -> None:
    """One serious AE (pneumonia, site aware 10 days before the demo's today) so the safety views have one."""
    from datetime import datetime

    from sle_desktop.app import safety
    from sle_desktop.app.session import Session

    subject = store.scalar("SELECT uuid FROM subjects WHERE status = 'enrolled' ORDER BY subject_id LIMIT 1")
    inv = Session(store, "demo.investigator", "Demo investigator", "investigator", cli.data_key)
    safety.record_adverse_event(inv, subject, safety.AdverseEventForm(
        term="Pneumonia", onset_date=date(2026, 5, 20), grade=3, serious=True, serious_criteria=("hospitalisation",),
        relationship="unlikely", action_taken="hospitalised", outcome="recovering",
        aware_at=datetime(2026, 5, 21, 9, 0, tzinfo=UTC)), today=date(2026, 6, 1))


def _copies(store, sites: int) -> None:
    [template] = store.query("SELECT * FROM sites")
    records = store.query("SELECT * FROM records WHERE site_uuid = ?", (template["site_uuid"],))
    audit = store.query("SELECT * FROM audit WHERE site_uuid = ?", (template["site_uuid"],))
    others = {t: store.query(f"SELECT * FROM {t} WHERE site_uuid = ?", (template["site_uuid"],))
              for t in ("bundles", "site_columns")}
    with store.transaction() as conn:
        for i in range(1, sites):
            code = _code(i)
            su = str(uuidlib.uuid4())
            ns = uuidlib.UUID(su)
            new = lambda old, ns=ns: str(uuidlib.uuid5(ns, old)) if old else old  # noqa: E731
            row = dict(template, site_uuid=su, code=code, name=f"Regional hospital {code}")
            conn.execute(f"INSERT INTO sites ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})",
                         tuple(row.values()))
            for table, rows in others.items():
                for r in rows:
                    r = dict(r, site_uuid=su)
                    conn.execute(f"INSERT INTO {table} ({', '.join(r)}) VALUES ({', '.join('?' for _ in r)})",
                                 tuple(r.values()))
            batch = []
            for r in records:
                data = json.loads(r["data"])
                for k in list(data):
                    if k == "uuid" or k.endswith("_uuid"):
                        data[k] = new(data[k])
                if r["tbl"] == "subjects":
                    for key in ("subject_id", "screening_number"):
                        if data.get(key):
                            data[key] = data[key].replace("BY01", code)
                batch.append((r["tbl"], new(r["uuid"]), su, new(r["subject_uuid"]), new(r["visit_uuid"]),
                              r["change_seq"], r["deleted"], json.dumps(data), r["first_bundle_seq"],
                              r["last_bundle_seq"], r["received_at"], r["updated_at"]))
            conn.executemany("INSERT INTO records (tbl, uuid, site_uuid, subject_uuid, visit_uuid, change_seq, deleted, "
                             "data, first_bundle_seq, last_bundle_seq, received_at, updated_at) VALUES "
                             "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", batch)
            cols = [c for c in audit[0] if c != "site_uuid"] if audit else []
            conn.executemany(f'INSERT INTO audit (site_uuid, {", ".join(chr(34) + c + chr(34) for c in cols)}) '
                             f"VALUES (?, {', '.join('?' for _ in cols)})",
                             [(su, *(a[c] for c in cols)) for a in audit])


_CHILD = r"""
import json, resource, statistics, sys, time
from sle_desktop.sponsor import accounts
from sle_desktop.sponsor import db as sponsor_db
from sle_desktop.ui.main import application
from sle_desktop.ui.sponsor.window import SponsorWindow

app = application()
store = sponsor_db.open_sponsor_store(sys.argv[1])
session = accounts.login(store, "dana", sys.argv[2])
t0 = time.perf_counter()
w = SponsorWindow(session, where="benchmark")
w.show()
app.processEvents()
opened = time.perf_counter() - t0
r = w.review
times = []
for kind in ("arm", "status", "open", "sdv", "text", "site", "clear") * 3:
    r.blockSignals(True)
    if kind == "arm":
        r.arm.setCurrentIndex(1)
    elif kind == "status":
        r.status.setCurrentIndex(r.status.findData("enrolled"))
    elif kind == "open":
        r.open_only.setChecked(not r.open_only.isChecked())
    elif kind == "sdv":
        r.not_sdv.setChecked(not r.not_sdv.isChecked())
    elif kind == "text":
        r.search.setText("-00")
    elif kind == "site":
        r.site.setCurrentIndex(2)
    t = time.perf_counter()
    if kind == "clear":
        for box in (r.arm, r.status, r.site):
            box.setCurrentIndex(0)
        r.search.clear()
        r.open_only.setChecked(False)
        r.not_sdv.setChecked(False)
    r.apply_filters()
    app.processEvents()
    times.append(time.perf_counter() - t)
print("RESULT", json.dumps({"open_s": opened, "filter_ms": statistics.median(times) * 1000,
                            "filter_worst_ms": max(times) * 1000, "sites": w.sites.table.rowCount(),
                            "subjects": len(r.model.all),
                            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
w.close()
store.close()
"""


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sites", type=int, default=100)
    ap.add_argument("--subjects", type=int, default=100)
    ap.add_argument("--work", type=Path, default=None, help="folder for the database (default: a temporary one)")
    args = ap.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="sle-sponsor-window-"))
    import time

    t = time.perf_counter()
    db, _key = build(work, args.sites, args.subjects)
    print(f"built {args.sites} sites × {args.subjects} subjects in {time.perf_counter() - t:.1f} s "
          f"({db.stat().st_size / 1e6:.0f} MB) at {db}")
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    out = subprocess.run([sys.executable, "-c", _CHILD, str(db), PASSWORD], capture_output=True, text=True, env=env,
                         cwd=ROOT, check=False)
    line = next((x for x in out.stdout.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        print(out.stdout, out.stderr, file=sys.stderr)
        return 1
    r = json.loads(line[len("RESULT "):])
    ok = r["open_s"] < TARGETS["open_s"] and r["filter_ms"] < TARGETS["filter_ms"] and r["rss_mb"] < TARGETS["rss_mb"]
    print(f"window open to sites overview + subject list ({r['sites']} sites, {r['subjects']} subjects): "
          f"{r['open_s']:.2f} s (target < {TARGETS['open_s']} s)")
    print(f"filter: median {r['filter_ms']:.1f} ms, worst {r['filter_worst_ms']:.1f} ms "
          f"(target < {TARGETS['filter_ms']:.0f} ms)")
    print(f"peak RSS: {r['rss_mb']:.0f} MB (target < {TARGETS['rss_mb']:.0f} MB)")
    print("all targets met" if ok else "TARGETS MISSED")
    return 0 if ok else 2


if __name__ == "__main__":
    sys.exit(main())
