"""The PostgreSQL roles of the README: an owner that creates and migrates the tables, and a day-to-day user with
only the privileges listed there, which can run every sle-sponsor command but cannot alter the audit trails."""

from __future__ import annotations

import os

import psycopg
import pytest
from return_helpers import link
from sync_helpers import add_sae

from sle_desktop.sponsor import operations as sponsor, queries as sponsor_queries
from sle_desktop.store.db import StoreError

# The grants exactly as README "The sponsor's database" gives them (after the owner created the tables).
DAY_TO_DAY_GRANTS = """
GRANT CONNECT ON DATABASE {db} TO {user};
GRANT USAGE ON SCHEMA public TO {user};
GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA public TO {user};
GRANT UPDATE ON sites, records, queries, sdv_marks TO {user};
GRANT DELETE ON site_columns, sdv_marks TO {user};
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {user};
"""


def _as(url: str, user: str) -> str:
    return url.replace("user=postgres", f"user={user}")


def test_the_day_to_day_role_runs_every_command_with_the_documented_grants(pg_url, make_site, sponsor_keys, tmp_path):
    db = pg_url.partition("?")[0].rsplit("/", 1)[1]
    owner, daily = f"sle_owner_{os.getpid()}", f"sle_sponsor_{os.getpid()}"
    with psycopg.connect(pg_url, autocommit=True) as conn:
        for role in (owner, daily):
            conn.execute(f"DROP ROLE IF EXISTS {role}")
            conn.execute(f"CREATE ROLE {role} LOGIN")
        conn.execute(f"ALTER DATABASE {db} OWNER TO {owner}")
        conn.execute(f"ALTER SCHEMA public OWNER TO {owner}")
    try:
        site = make_site("BY01", subjects=4, seed=3)
        link(site, _as(pg_url, owner), sponsor_keys)  # the owner's first register-site creates the tables
        with psycopg.connect(_as(pg_url, owner), autocommit=True) as conn:
            for statement in DAY_TO_DAY_GRANTS.format(db=db, user=daily).strip().splitlines():
                conn.execute(statement)
        url = _as(pg_url, daily)
        add_sae(site)
        [outcome] = sponsor.import_bundles(url, sponsor_keys.key_path, [site.export().path])
        assert outcome.error is None and outcome.result.status == "imported"
        subject = site.store.scalar("SELECT uuid FROM subjects ORDER BY subject_id LIMIT 1")
        q = sponsor_queries.raise_query(url, site="BY01", form="subjects", field="sex", text="Confirm?", record=subject)
        sponsor_queries.close_query(url, q["uuid"], reason="ok")
        sponsor_queries.mark_sdv(url, site="BY01", record=subject)
        sponsor_queries.mark_sdv(url, site="BY01", record=subject)  # again: the upsert path
        (tmp_path / "out").mkdir()
        ret = sponsor_queries.write_return_bundle(url, site="BY01", out_dir=tmp_path / "out",
                                                  key_file=sponsor_keys.key_path)
        assert ret.queries == 1 and ret.sdv_marks == 1
        link(make_site("BY02", subjects=2, seed=4), url, sponsor_keys)  # a later site: no owner needed
        status, second = sponsor.status(url)
        assert status.chain_ok and status.saes >= 1 and second.code == "BY02"
        assert sponsor.export_odm(url, tmp_path / "study.xml").subjects >= 4
        assert sponsor.export_csv(url, tmp_path / "csv").rows > 0
        with psycopg.connect(url, autocommit=True) as conn:
            for sql in ("UPDATE audit SET field = 'x'", "DELETE FROM sponsor_audit", "TRUNCATE audit",
                        "DROP TABLE records"):
                with pytest.raises(psycopg.Error):
                    conn.execute(sql)
        # a migration needs the owner: the day-to-day role cannot create tables
        with psycopg.connect(url, autocommit=True) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("CREATE TABLE x (a int)")
        with pytest.raises(StoreError, match="Cannot connect to the sponsor database"):
            sponsor.status(_as(pg_url, "no_such_role"))
    finally:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute(f"ALTER DATABASE {db} OWNER TO postgres")
            conn.execute(f"REASSIGN OWNED BY {owner}, {daily} TO postgres")
            conn.execute(f"DROP OWNED BY {owner}, {daily}")
            conn.execute(f"DROP ROLE {owner}")
            conn.execute(f"DROP ROLE {daily}")
