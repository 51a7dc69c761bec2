"""Fixtures of the sponsor-database tests: the sync suite's demo sites and sponsor keys, under a distinct module name
(as tests/reliability/conftest.py does)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_SYNC = Path(__file__).resolve().parent.parent / "sync"
if str(_SYNC) not in sys.path:
    sys.path.insert(0, str(_SYNC))  # for sync_helpers

_spec = importlib.util.spec_from_file_location("sle_tests_sync_fixtures_sponsor", _SYNC / "conftest.py")
_fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_fixtures)

sponsor_keys = _fixtures.sponsor_keys
demo_template = _fixtures.demo_template
make_site = _fixtures.make_site
