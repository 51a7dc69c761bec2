"""Two sponsor windows opened on a new database at the same moment both ask for the first data manager: one is
created, the other is told that the first data manager already exists (on PostgreSQL both used to be created)."""

from __future__ import annotations

import threading

from sle_desktop.domain.errors import ConflictError, ValidationError
from sle_desktop.sponsor import accounts
from sle_desktop.sponsor import db as sponsor_store

PASSWORD = "correct horse battery"


def test_two_first_data_managers_at_the_same_moment_make_one(sponsor_db, monkeypatch):
    sponsor_store.open_sponsor_store(sponsor_db, create=True).close()
    both_inserted = threading.Barrier(2)
    append = accounts.append_audit

    def append_when_both_have_inserted(conn, **kw):
        if kw.get("field") == "*":
            try:  # each has checked that no account exists and written its own (unless one waits for the other)
                both_inserted.wait(timeout=3)
            except threading.BrokenBarrierError:
                pass
        return append(conn, **kw)

    monkeypatch.setattr(accounts, "append_audit", append_when_both_have_inserted)
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

    threads = [threading.Thread(target=first_data_manager, args=(n,)) for n in ("dana", "dora")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert len(made) == 1 and len(refused) == 1, (made, refused)
    assert "The first data manager already exists" in refused[0]
    with sponsor_store.open_sponsor_store(sponsor_db) as store:
        assert [r["username"] for r in store.query(f"SELECT username FROM {accounts.TABLE}")] == made
