"""Store tests write records without a site: their stores carry an unlocked audit key of their own."""

from __future__ import annotations

import os

import pytest


@pytest.fixture
def store():
    from sle_desktop.store import audit
    from sle_desktop.store.db import Store

    s = Store.memory()
    audit.unlock(s.conn, os.urandom(32))
    yield s
    s.close()
