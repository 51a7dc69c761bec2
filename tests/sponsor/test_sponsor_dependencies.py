"""The sponsor-only libraries stay out of the site installer and are imported only when a sponsor export runs."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPONSOR_ONLY = ("pyreadstat", "odmlib", "lxml", "pandas")


def _spec_excludes() -> set[str]:
    text = (ROOT / "packaging" / "sle_desktop.spec").read_text("utf-8")
    block = re.search(r"^EXCLUDED_MODULES = (\[.*?^\])", text, re.S | re.M).group(1)
    return set(ast.literal_eval(block))


def test_the_site_installer_spec_excludes_the_sponsor_libraries():
    assert set(SPONSOR_ONLY) <= _spec_excludes()


def test_sponsor_extra_and_test_extra_name_them():
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["optional-dependencies"]
    base = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["dependencies"]

    def names(reqs):
        return {re.split(r"[<>=!~\[ ]", r, maxsplit=1)[0].lower() for r in reqs}

    assert set(SPONSOR_ONLY) <= names(extras["sponsor"])
    assert set(SPONSOR_ONLY) <= names(extras["test"])
    assert not set(SPONSOR_ONLY) & names(base)


def test_imported_lazily():
    code = ("import sys; import sle_desktop.cli.sponsor, sle_desktop.sponsor.operations, sle_desktop.sponsor.stats, "
            "sle_desktop.sponsor.odm, sle_desktop.sponsor.tabular, sle_desktop.cli; "
            f"print(sorted(m for m in {SPONSOR_ONLY!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_the_sponsor_window_imports_them_lazily_too():
    """The site installer collects every sle_desktop module, the sponsor window's included: opening it must not
    need the sponsor-only libraries (nor the PostgreSQL driver) until an export or a postgresql:// URL asks."""
    code = ("import sys; import sle_desktop.ui.sponsor.app, sle_desktop.ui.sponsor.window, sle_desktop.sponsor.review, "
            "sle_desktop.sponsor.accounts; "
            f"print(sorted(m for m in {(*SPONSOR_ONLY, 'psycopg')!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.stdout.strip() == "[]"
