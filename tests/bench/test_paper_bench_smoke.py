"""Smoke run of benchmarks/paper.py at --quick size (not part of the default run: `python -m pytest tests/bench`)."""

import json
import os
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "paper.py"


def test_quick_paper_benchmark_reports_every_figure(tmp_path):
    out = tmp_path / "paper.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SLE_BENCH_CACHE=str(tmp_path / "cache"))
    proc = subprocess.run([sys.executable, str(SCRIPT), "--quick", "--json", str(out)], env=env, capture_output=True,
                          text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    m = json.loads(out.read_text("utf-8"))
    for key in ("casebook_s", "casebook_floor_s", "backup_s", "backup_floor_s", "restore_s", "restore_floor_s"):
        assert m[key] > 0, key
    assert m["casebook_visits"] == 10 and m["casebook_pages"] >= 3
    assert "| backup of the whole site" in proc.stdout and "| casebook PDF of one subject with 10 visits" in proc.stdout
