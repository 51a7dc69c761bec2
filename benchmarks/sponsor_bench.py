"""The sponsor at trial scale, on SQLite and on PostgreSQL: `sle-desktop bench --sponsor [--quick]`.

    python benchmarks/bench.py --sponsor [--quick] [--sites N] [--subjects N] [--pg-url URL] [--json FILE]

Builds (once, cached like the site benchmark) N demo sites (default 100 sites × 100 subjects with 6 visits;
--quick: 3 sites of ~2 000 changes), each exporting its first bundle. Then, on each backend:

  import   `sponsor.import_bundles` of all the bundles (verify, decrypt, check the chain, apply; one
           transaction per bundle) into a fresh database with the sites registered, against a floor
           measured in the same run: the same record and audit rows (decoded beforehand) loaded into the
           same schema in one transaction, with executemany (SQLite, WAL, synchronous=FULL) or COPY
           (PostgreSQL, fsync on)
  status   `sle-sponsor status` (every site's audit chain re-verified)
  odm      `sle-sponsor export-odm` of every site

PostgreSQL: a throw-away cluster (benchmarks/pg_cluster.py, durable settings) unless --pg-url names a
server database whose user may CREATE DATABASE (one new database per run, dropped after).
"""

from __future__ import annotations

import math
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

TARGETS = {"full": 1.5, "quick": 2.0}


def build_corpus(bench, sites: int, subjects: int, seed: int) -> tuple[Path, dict]:
    def build(staging: Path) -> dict:
        from sle_desktop.sponsor import operations as sponsor

        bench._log(f"building the sponsor corpus: {sites} sites × {subjects} subjects (first run only)…")
        keys = sponsor.keygen(staging / "sponsor")
        pub = keys.public_path.read_text("utf-8")
        (staging / "bundles").mkdir()
        (staging / "sites").mkdir()
        jobs = [(str(staging / "sites"), subjects, seed * 1000 + i, f"S{chr(65 + i // 100)}{i % 100:02d}", pub, str(staging / "bundles"), False)
                for i in range(1, sites + 1)]
        return {"sites": bench._pool_map(jobs), "subjects_per_site": subjects}

    folder, info, cached = bench._cached(f"sponsor-corpus-n{sites}-s{subjects}-seed{seed}", build)
    info["cached"] = cached
    return folder, info


def decoded_rows(corpus: Path, info: dict):
    """The rows an import stores, decoded beforehand (the floor loads exactly these)."""
    from sle_desktop.sponsor import operations as sponsor
    from sle_desktop.store.audit import canonical_json
    from sle_desktop.sync import bundle

    identities = sponsor.load_identities(corpus / "sponsor" / "sponsor.key")
    site_rows, record_rows, audit_rows = [], [], []
    now = "2026-06-01T00:00:00+00:00"
    for s in info["sites"]:
        c = bundle.read_container(corpus / "bundles" / s["bundle"])
        m = c.manifest
        site_rows.append((m["site_uuid"], m["site_code"], m["site_name"], m["study_id"], b"k" * 32, "fp", now, "bench",
                          m["prev_bundle_hash"], m["prev_bundle_hash"]))
        for obj in bundle.iter_payload(bundle.decrypt(c, identities), m):
            if obj["type"] == "row":
                row, table = obj["row"], obj["table"]
                record_rows.append((table, row["uuid"], m["site_uuid"],
                                    row["uuid"] if table == "subjects" else row.get("subject_uuid"),
                                    row["uuid"] if table == "visits" else row.get("visit_uuid"), row["change_seq"],
                                    int(bool(row.get("deleted"))), canonical_json(row), 1, 1, now, now))
            elif obj["type"] == "audit":
                r = obj["row"]
                audit_rows.append((m["site_uuid"], r["seq"], r["at_utc"], r["at_local"], r["user"], r["table"],
                                   r["row_id"], r["field"], r["old"], r["new"], r["reason"], r["prev_hash"], r["hash"], 1))
    return site_rows, record_rows, audit_rows


_SITE_COLS = ("site_uuid", "code", "name", "study_id", "public_key", "fingerprint", "registered_at", "registered_by",
              "last_bundle_hash", "head_hash")
_RECORD_COLS = ("tbl", "uuid", "site_uuid", "subject_uuid", "visit_uuid", "change_seq", "deleted", "data",
                "first_bundle_seq", "last_bundle_seq", "received_at", "updated_at")
_AUDIT_COLS = ("site_uuid", "seq", "at_utc", "at_local", "user", "table", "row_id", "field", "old", "new", "reason",
               "prev_hash", "hash", "bundle_seq")


def floor_sqlite(path: Path, rows) -> float:
    """The rows loaded with executemany into a fresh sponsor schema, one transaction (WAL, synchronous=FULL)."""
    from sle_desktop.sponsor import db as sponsor_store

    sponsor_store.open_sponsor_store(path, create=True).close()  # the same schema and indexes
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    t = time.perf_counter()
    conn.execute("BEGIN")
    for table, cols, data in zip(("sites", "records", "audit"), (_SITE_COLS, _RECORD_COLS, _AUDIT_COLS), rows):
        names = ", ".join(f'"{c}"' for c in cols)
        conn.executemany(f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(cols))})", data)
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - t
    conn.close()
    return elapsed


def _floor_pg(url: str, rows) -> float:
    import psycopg

    from sle_desktop.sponsor import db as sponsor_store

    sponsor_store.open_sponsor_store(url, create=True).close()
    with psycopg.connect(url) as conn:
        t = time.perf_counter()
        with conn.transaction(), conn.cursor() as cur:
            for table, cols, data in zip(("sites", "records", "audit"), (_SITE_COLS, _RECORD_COLS, _AUDIT_COLS), rows):
                names = ", ".join(f'"{c}"' for c in cols)
                with cur.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for r in data:
                        copy.write_row(r)
        return time.perf_counter() - t


def _measure(target, corpus: Path, info: dict, out_dir: Path) -> dict:
    from sle_desktop.sponsor import operations as sponsor
    from sle_desktop.store import db as store_db

    for s in info["sites"]:
        sponsor.register_site(target, corpus / "sites" / f"{s['code']}.sitekey")
    bundles = [corpus / "bundles" / s["bundle"] for s in info["sites"]]
    t = time.perf_counter()
    outcomes = sponsor.import_bundles(target, corpus / "sponsor" / "sponsor.key", bundles)
    import_s = time.perf_counter() - t
    store_db.wait_for_checkpoints()  # SQLite: the copy of the last bundle into the file, after the import returned
    bad = [o for o in outcomes if o.error is not None or o.result.status != "imported"]
    if bad:
        raise RuntimeError(f"import failed: {bad[0].error}")
    t = time.perf_counter()
    sites = sponsor.status(target)
    status_s = time.perf_counter() - t
    assert len(sites) == len(bundles) and all(s.chain_ok for s in sites)
    t = time.perf_counter()
    odm = sponsor.export_odm(target, out_dir / "study.xml")
    odm_s = time.perf_counter() - t
    return {"import_s": import_s, "status_s": status_s, "odm_s": odm_s, "odm_mb": odm.path.stat().st_size / 1e6,
            "records": sum(o.result.records_added for o in outcomes), "audit": sum(o.result.audit_added for o in outcomes)}


def run(bench, *, quick: bool, sites: int | None, subjects: int | None, seed: int, pg_url: str | None,
        repeats: int | None) -> dict:
    size = "quick" if quick else "full"
    n_sites = sites or (3 if quick else 100)
    n_subjects = subjects or (math.ceil(2000 / bench.CHANGES_PER_SUBJECT) if quick else 100)
    runs = repeats or (5 if quick else 1)  # the quick size: medians of five (a shared machine varies by ±20 %)
    corpus, info = build_corpus(bench, n_sites, n_subjects, seed)
    rows = decoded_rows(corpus, info)
    n_rows = len(rows[1]) + len(rows[2])
    cluster = None
    if pg_url is None:
        import importlib.util

        spec = importlib.util.spec_from_file_location("sle_pg_cluster", Path(__file__).with_name("pg_cluster.py"))
        pg_cluster = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(pg_cluster)
        bindir = pg_cluster.find_bindir()
        if bindir is None:
            raise RuntimeError("no PostgreSQL server binaries: apt-get install postgresql, or give --pg-url")
        cluster = pg_cluster.Cluster.start(bindir, durable=True)
    work = Path(tempfile.mkdtemp(prefix="sle_sponsor_bench_"))
    metrics: dict = {}
    try:
        for backend in ("sqlite", "postgresql"):
            app, floors = [], []
            for k in range(runs):
                bench._log(f"{backend}: import run {k + 1}/{runs} ({n_sites} bundles, {n_rows} rows)…")
                target = _new_target(backend, work, k, cluster, pg_url)
                try:
                    app.append(_measure(target, corpus, info, work))
                finally:
                    _drop(target, cluster, pg_url)
                target = _new_target(backend, work, 100 + k, cluster, pg_url)
                try:
                    floors.append(floor_sqlite(target, rows) if backend == "sqlite" else _floor_pg(target, rows))
                finally:
                    _drop(target, cluster, pg_url)
            med = {key: bench._median([a[key] for a in app]) for key in ("import_s", "status_s", "odm_s", "odm_mb")}
            floor = bench._median(floors)
            metrics[backend] = {**med, "floor_s": floor, "ratio": med["import_s"] / floor,
                                "import_runs_s": [a["import_s"] for a in app], "floor_runs_s": floors,
                                "records": app[0]["records"], "audit": app[0]["audit"]}
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if cluster is not None:
            cluster.stop()
    limit = TARGETS[size]
    result = {"size": {"name": size, "sites": n_sites, "subjects_per_site": n_subjects, "visits_per_subject":
                       bench.VISITS_PER_SUBJECT, "rows": n_rows, "repeats": runs, "seed": seed},
              "machine": _machine(), "metrics": metrics, "corpus_cached": info["cached"],
              "targets": {b: {"target": f"import ≤ {limit}× floor", "limit": limit, "value": m["ratio"],
                              "pass": m["ratio"] <= limit} for b, m in metrics.items()}}
    result["all_pass"] = all(t["pass"] for t in result["targets"].values())
    print(format_table(result))
    return result


def _machine() -> dict:
    import os
    import platform

    import psycopg

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
            "psycopg": psycopg.__version__}


def _new_target(backend: str, work: Path, k: int, cluster, pg_url: str | None):
    if backend == "sqlite":
        return work / f"sponsor-{k}.sqlite"
    if cluster is not None:
        return cluster.create_database()
    import psycopg

    name = f"sle_bench_{k}_{int(time.time())}"
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    base, _, query = pg_url.partition("?")
    return base.rsplit("/", 1)[0] + "/" + name + (f"?{query}" if query else "")


def _drop(target, cluster, pg_url: str | None) -> None:
    if isinstance(target, Path):
        for suffix in ("", "-wal", "-shm"):
            Path(str(target) + suffix).unlink(missing_ok=True)
        return
    if cluster is not None:
        cluster.drop_database(target)
        return
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {target.partition('?')[0].rsplit('/', 1)[1]} WITH (FORCE)")


def format_table(result: dict) -> str:
    s, mc = result["size"], result["machine"]
    lines = [f"Machine: {mc['cpu']}, {mc['cores']} cores; Python {mc['python']}, SQLite {mc['sqlite']}, "
             f"psycopg {mc['psycopg']}",
             f"Size: {s['sites']} sites × {s['subjects_per_site']} subjects ({s['visits_per_subject']} visits each), "
             f"{s['sites']} bundles, {s['rows']} rows stored; medians of {s['repeats']} run(s)", "",
             "| backend | import | floor (same rows, one transaction) | ratio | target | status | ODM export | |",
             "|---|---|---|---|---|---|---|---|"]
    for backend, m in result["metrics"].items():
        t = result["targets"][backend]
        how = "executemany, WAL, synchronous=FULL" if backend == "sqlite" else "COPY, fsync on"
        lines.append(f"| {backend} | {m['import_s']:.2f} s | {m['floor_s']:.2f} s ({how}) | {m['ratio']:.2f}× | "
                     f"{t['target']} | {m['status_s']:.2f} s | {m['odm_s']:.2f} s ({m['odm_mb']:.0f} MB) | "
                     f"{'PASS' if t['pass'] else 'FAIL'} |")
    return "\n".join(lines)
