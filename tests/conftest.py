"""Shared fixtures: fresh stores and sessions per test; machine key files in a temporary folder."""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from testkit import PASSWORD, TODAY, eligible_form

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("SLE_DESKTOP_LANG", "en")  # the UI tests read English texts whatever the machine locale



@pytest.fixture(autouse=True)
def _isolated_key_dir(tmp_path, monkeypatch):
    """Machine key files and the default database never touch the real user profile."""
    monkeypatch.setenv("SLE_DESKTOP_KEY_DIR", str(tmp_path / "keys"))
    monkeypatch.setenv("SLE_DESKTOP_DB", str(tmp_path / "default-site.sqlite"))


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
def _pg_bindir() -> Path | None:
    """The folder of initdb/pg_ctl (PostgreSQL 15 or newer): SLE_PG_BIN, Debian's /usr/lib/postgresql/N/bin, PATH."""
    candidates = [os.environ.get("SLE_PG_BIN", "")]
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name), reverse=True)
    on_path = shutil.which("pg_ctl")
    candidates.append(str(Path(on_path).resolve().parent) if on_path else "")
    for c in candidates:
        if c and (Path(c) / "initdb").exists() and (Path(c) / "pg_ctl").exists():
            return Path(c)
    return None


@dataclass
class PgServer:
    socket_dir: Path
    _names = itertools.count(1)

    def url(self, dbname: str) -> str:
        return f"postgresql:///{dbname}?host={self.socket_dir}&user=postgres"

    def create_database(self) -> str:
        """A new empty database; returns its URL."""
        import psycopg

        name = f"sle_test_{os.getpid()}_{next(self._names)}"
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' STRATEGY FILE_COPY")
        return self.url(name)

    def drop_database(self, url: str) -> None:
        import psycopg

        name = url.split("?")[0].rsplit("/", 1)[1]
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL cluster for this test session: initdb into a temporary folder as a non-root user, listening
    only on a Unix socket in that folder; stopped and deleted at the end. Skips where the server binaries are
    missing, unless SLE_REQUIRE_POSTGRES=1 (CI), where that is an error."""
    bindir = _pg_bindir()
    if bindir is None:
        if os.environ.get("SLE_REQUIRE_POSTGRES") == "1":
            pytest.fail("SLE_REQUIRE_POSTGRES=1 but no PostgreSQL server binaries were found (apt-get install postgresql)")
        pytest.skip("no PostgreSQL server binaries (initdb, pg_ctl) on this machine: apt-get install postgresql")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed (pip install -e '.[test]')")
    root = Path(tempfile.mkdtemp(prefix="sle-pg-"))
    prefix: list[str] = []
    if os.geteuid() == 0:  # the server refuses to run as root
        user = next((u for u in ("postgres", "nobody") if _user_exists(u)), None)
        if user is None:
            pytest.fail("running as root, and neither a postgres nor a nobody account exists to run PostgreSQL")
        os.chown(root, pwd.getpwnam(user).pw_uid, pwd.getpwnam(user).pw_gid)
        prefix = ["runuser", "-u", user, "--"]
    data = root / "data"
    run = dict(cwd=root, check=True, capture_output=True, text=True)
    subprocess.run([*prefix, str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                    "--locale=C", "--no-sync"], **run)
    options = (f"-k {root} -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off "
               "-c max_connections=60")
    subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(root / "server.log"),
                    "-w", "-t", "60", "start"], **run)
    try:
        yield PgServer(root)
    finally:
        subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                       cwd=root, capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


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
