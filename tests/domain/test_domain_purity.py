"""The domain layer is pure: no Qt, no project imports from other layers, no I/O at import."""

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = ROOT / "sle_desktop" / "domain"
MODULES = sorted(p.stem for p in DOMAIN.glob("*.py") if p.stem != "__init__")
FORBIDDEN_PREFIXES = ("PySide6", "shiboken6", "pyqtgraph")


def test_expected_modules_exist():
    for name in ("sledai", "labs", "acr1997", "eligibility", "renal", "outcomes", "schedule",
                 "safety", "study"):
        assert name in MODULES


def test_importing_every_domain_module_loads_no_qt():
    imports = ", ".join(["sle_desktop.domain"] + [f"sle_desktop.domain.{m}" for m in MODULES])
    code = (
        f"import sys, json; import {imports}; "
        "print(json.dumps(sorted(sys.modules)))"
    )
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    loaded = json.loads(proc.stdout)
    assert "sle_desktop.domain.sledai" in loaded and "sle_desktop.domain.study" in loaded
    offenders = [m for m in loaded if m.startswith(FORBIDDEN_PREFIXES)]
    assert offenders == []


ALLOWED_TOP_LEVEL = {
    "__future__", "calendar", "collections", "dataclasses", "datetime", "decimal", "enum",
    "math", "numbers", "re", "tomllib", "typing",
}


def test_domain_sources_import_only_the_standard_library_and_siblings():
    for path in DOMAIN.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name.split(".")[0] for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level > 0:  # relative import of a sibling domain module
                    continue
                names = [(node.module or "").split(".")[0]]
            else:
                continue
            bad = [n for n in names if n not in ALLOWED_TOP_LEVEL]
            assert bad == [], f"{path.name} imports {bad}"


def test_domain_sources_do_no_file_io():
    for path in DOMAIN.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in ("open", "input", "exec", "eval"), path.name
            if isinstance(node, ast.Attribute):
                assert node.attr not in ("read_text", "write_text", "read_bytes", "load"), (
                    f"{path.name} uses .{node.attr}"
                )
