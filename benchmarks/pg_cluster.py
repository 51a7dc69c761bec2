"""A throw-away PostgreSQL cluster (initdb into a temporary folder, a Unix socket in that folder, no TCP), for the
tests (tests/conftest.py) and the sponsor benchmark. The server runs as a non-root user: when this process is root,
as `postgres` (Debian's package creates it) or else `nobody`, through runuser."""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path


def find_bindir() -> Path | None:
    """The folder of initdb/pg_ctl: SLE_PG_BIN, Debian's /usr/lib/postgresql/N/bin (newest first), or PATH."""
    candidates = [os.environ.get("SLE_PG_BIN", "")]
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name), reverse=True)
    on_path = shutil.which("pg_ctl")
    candidates.append(str(Path(on_path).resolve().parent) if on_path else "")
    for c in candidates:
        if c and (Path(c) / "initdb").exists() and (Path(c) / "pg_ctl").exists():
            return Path(c)
    return None


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


class Cluster:
    """A running throw-away cluster; `stop()` removes it."""

    def __init__(self, bindir: Path, root: Path, prefix: list[str]):
        self.bindir, self.root, self.prefix = bindir, root, prefix
        self._names = itertools.count(1)

    @classmethod
    def start(cls, bindir: Path, *, durable: bool = True) -> Cluster:
        """initdb + pg_ctl start; `durable=False` turns fsync off (tests: faster, nothing to survive)."""
        root = Path(tempfile.mkdtemp(prefix="sle-pg-"))
        prefix: list[str] = []
        if os.geteuid() == 0:  # the server refuses to run as root
            user = next((u for u in ("postgres", "nobody") if _user_exists(u)), None)
            if user is None:
                raise RuntimeError("running as root, and neither a postgres nor a nobody account exists to run PostgreSQL")
            os.chown(root, pwd.getpwnam(user).pw_uid, pwd.getpwnam(user).pw_gid)
            prefix = ["runuser", "-u", user, "--"]
        data = root / "data"
        run = dict(cwd=root, check=True, capture_output=True, text=True)
        subprocess.run([*prefix, str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                        "--locale=C", "--no-sync"], **run)
        options = f"-k {root} -c listen_addresses='' -c max_connections=60"
        if not durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(root / "server.log"),
                        "-w", "-t", "60", "start"], **run)
        return cls(bindir, root, prefix)

    def url(self, dbname: str) -> str:
        return f"postgresql:///{dbname}?host={self.root}&user=postgres"

    def create_database(self) -> str:
        """A new empty database; returns its URL."""
        import psycopg

        name = f"sle_{os.getpid()}_{next(self._names)}"
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' STRATEGY FILE_COPY")
        return self.url(name)

    def drop_database(self, url: str) -> None:
        import psycopg

        name = url.split("?")[0].rsplit("/", 1)[1]
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        subprocess.run([*self.prefix, str(self.bindir / "pg_ctl"), "-D", str(self.root / "data"), "-m", "immediate",
                        "-w", "stop"], cwd=self.root, capture_output=True)
        shutil.rmtree(self.root, ignore_errors=True)
