"""Smoke run of the benchmark at --quick size (not part of the default test run: `python -m pytest tests/bench`).

Checks that every metric is measured (a positive number) and that every target is reported with
PASS/FAIL; speed itself is judged by reading the benchmark output, never by a timed test.
"""

import json
import os
import subprocess
import sys

from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench.py"
sys.path.insert(0, str(BENCH.parent))
import bench  # noqa: E402

METRICS = ("start_app_s", "start_bare_s", "start_ratio", "filter_ms", "sort_ms", "patient_plot_ms", "cohort_plot_ms",
           "save_ms", "export_s", "export_floor_s", "export_ratio", "bundle_bytes", "import_s", "import_floor_s",
           "import_ratio", "rss_mb")


def test_quick_benchmark_reports_every_metric_and_target(tmp_path):
    out = tmp_path / "bench.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SLE_BENCH_CACHE=str(tmp_path / "cache"),
               SLE_DESKTOP_KEY_DIR=str(tmp_path / "keys"))
    proc = subprocess.run([sys.executable, str(BENCH), "--quick", "--json", str(out)],
                          env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode in (0, 1), proc.stderr[-3000:]  # 1: a target missed (reported, not a crash)
    result = json.loads(out.read_text("utf-8"))
    for key in METRICS:
        value = result["metrics"][key]
        assert isinstance(value, (int, float)) and value > 0, (key, value)
    assert set(result["targets"]) == set(bench.TARGETS)
    for name, t in result["targets"].items():
        assert isinstance(t["pass"], bool) and t["value"] == result["metrics"][t["metric"]], name
        assert ("PASS" if t["pass"] else "FAIL") in proc.stdout
    assert result["machine"]["cores"] >= 1 and result["size"]["name"] == "quick"
    assert "| measurement |" in proc.stdout and "Targets met:" in proc.stdout


def test_quick_sponsor_benchmark_reports_both_backends(tmp_path):
    out = tmp_path / "sponsor.json"
    env = dict(os.environ, SLE_BENCH_CACHE=str(tmp_path / "cache"), SLE_DESKTOP_KEY_DIR=str(tmp_path / "keys"))
    proc = subprocess.run([sys.executable, str(BENCH), "--sponsor", "--quick", "--json", str(out)],
                          env=env, capture_output=True, text=True, timeout=900)
    assert proc.returncode in (0, 1), proc.stderr[-3000:]
    result = json.loads(out.read_text("utf-8"))
    assert set(result["metrics"]) == {"sqlite", "postgresql"}
    for backend, m in result["metrics"].items():
        for key in ("import_s", "floor_s", "ratio", "status_s", "odm_s"):
            assert isinstance(m[key], float) and m[key] > 0, (backend, key)
        assert m["records"] > 0 and m["audit"] > 0
        assert result["targets"][backend]["value"] == m["ratio"]
        assert f"| {backend} |" in proc.stdout
    assert result["size"] == {**result["size"], "name": "quick", "sites": 3}
