"""Two sponsor windows opened on a new database at the same moment both ask for the first data manager: one is
created, the other is told that the first data manager already exists (on PostgreSQL both used to be created)."""

from __future__ import annotations

from testkit import meet_there, side_by_side

from sle_desktop.domain.errors import ConflictError, ValidationError
from sle_desktop.sponsor import accounts
from sle_desktop.sponsor import db as sponsor_store

PASSWORD = "correct horse battery"


def test_two_first_data_managers_at_the_same_moment_make_one(sponsor_db, monkeypatch):
    sponsor_store.open_sponsor_store(sponsor_db, create=True).close()
    # each has checked that no account exists and written its own (unless one waits for the other)
    meet_there(monkeypatch, accounts, "append_audit", when=lambda conn, **kw: kw.get("field") == "*")
    made, refused = [], []

    def first_data_manager(name: str):
        store = sponsor_store.open_sponsor_store(sponsor_db)
        try:
            made.append(accounts.create_first_data_manager(store, username=name, display_name=name.title(),
                                                           password=PASSWORD).username)
        except (ConflictError, ValidationError) as exc:
            refused.append(str(exc))
        finally:
            store.close()

    side_by_side(first_data_manager, ("dana", "dora"))
    assert len(made) == 1 and len(refused) == 1, (made, refused)
    assert "The first data manager already exists" in refused[0]
    with sponsor_store.open_sponsor_store(sponsor_db) as store:
        assert [r["username"] for r in store.query(f"SELECT username FROM {accounts.TABLE}")] == made
