"""Shared fixtures: fresh stores and sessions per test; machine key files in a temporary folder."""

from __future__ import annotations

import importlib.util
import os
from datetime import date
from pathlib import Path

import pytest

from testkit import PASSWORD, TODAY, eligible_form

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("SLE_DESKTOP_LANG", "en")  # the UI tests read English texts whatever the machine locale



@pytest.fixture(autouse=True)
def _isolated_key_dir(tmp_path, monkeypatch):
    """Machine key files, the default database and the log file never touch the real user profile."""
    monkeypatch.setenv("SLE_DESKTOP_KEY_DIR", str(tmp_path / "keys"))
    monkeypatch.setenv("SLE_DESKTOP_DB", str(tmp_path / "default-site.sqlite"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user-data"))  # the log file of a GUI start, too
    yield
    import logging

    logger = logging.getLogger("sle_desktop")
    for handler in list(logger.handlers):
        if getattr(handler, "sle_desktop_log", False):  # app.logs: a GUI start in the test configured it
            logger.removeHandler(handler)
            handler.close()


@pytest.fixture
def store():
    from sle_desktop.store.db import Store

    s = Store.memory()
    yield s
    s.close()


@pytest.fixture
def file_store(tmp_path):
    from sle_desktop.store.db import Store

    s = Store.open(tmp_path / "site.sqlite")
    yield s
    s.close()


@pytest.fixture
def admin(store):
    from sle_desktop.app import site

    return site.create_site(store, code="BY01", name="Test site", admin_username="admin",
                            admin_name="Site Administrator", admin_password=PASSWORD)


def _user(admin, username, role):
    from sle_desktop.app import site

    site.create_user(admin, username=username, display_name=f"{role.title()} User", role=role, password=PASSWORD)
    return site.login(admin.store, username, PASSWORD)


@pytest.fixture
def investigator(admin):
    return _user(admin, "inv", "investigator")


@pytest.fixture
def coordinator(admin):
    return _user(admin, "coord", "coordinator")


@pytest.fixture
def monitor(admin):
    return _user(admin, "mon", "monitor")


@pytest.fixture
def enrolled(investigator):
    """(session, subject_uuid, subject_id) of an enrolled MSC-arm subject with a baseline visit on 2026-01-20."""
    from sle_desktop.app import subjects, visits

    outcome = subjects.screen_subject(investigator, eligible_form(), today=TODAY)
    sid = subjects.enrol_patient(investigator, outcome.subject_uuid, arm="msc", reason="investigator decision")
    visits.record_visit(investigator, outcome.subject_uuid, "baseline", date(2026, 1, 20), today=TODAY)
    return investigator, outcome.subject_uuid, sid


# -- a throw-away PostgreSQL server for the sponsor database tests ---------------------------------------------
def _pg_cluster_module():
    spec = importlib.util.spec_from_file_location(
        "sle_pg_cluster", Path(__file__).resolve().parents[1] / "benchmarks" / "pg_cluster.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL cluster for this test session (benchmarks/pg_cluster.py): initdb into a temporary folder as a
    non-root user, listening only on a Unix socket in that folder, fsync off; stopped and deleted at the end.
    Skips where the server binaries are missing, unless SLE_REQUIRE_POSTGRES=1 (CI), where that is an error."""
    pg_cluster = _pg_cluster_module()
    bindir = pg_cluster.find_bindir()
    if bindir is None:
        if os.environ.get("SLE_REQUIRE_POSTGRES") == "1":
            pytest.fail("SLE_REQUIRE_POSTGRES=1 but no PostgreSQL server binaries were found (apt-get install postgresql)")
        pytest.skip("no PostgreSQL server binaries (initdb, pg_ctl) on this machine: apt-get install postgresql")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        if os.environ.get("SLE_REQUIRE_POSTGRES") == "1":
            raise
        pytest.skip("psycopg is not installed (pip install -e '.[test]')")
    cluster = pg_cluster.Cluster.start(bindir, durable=False)
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def pg_url(pg_server):
    """A fresh, empty PostgreSQL database (dropped after the test)."""
    url = pg_server.create_database()
    yield url
    pg_server.drop_database(url)


@pytest.fixture(params=["sqlite", "postgresql"])
def sponsor_db(request, tmp_path):
    """The sponsor database of a test, once on each backend: a SQLite file path, or a PostgreSQL URL."""
    if request.param == "sqlite":
        return tmp_path / "sponsor.sqlite"
    return request.getfixturevalue("pg_url")
