"""Two data managers closing one query at the same moment, on each database: the first closes it, the second is told
it was just changed by someone else and changes nothing — never one close overwriting the other, with the sponsor's
audit trail saying the query went from open to closed twice."""

from __future__ import annotations

from return_helpers import link, send, sponsor_query
from testkit import meet_there, side_by_side

from sle_desktop.sponsor import queries as sponsor_queries
from sle_desktop.sponsor import returns as sponsor_returns
from sle_desktop.sync.errors import SyncError


def test_two_closes_of_one_query_at_the_same_moment_close_it_once(make_site, sponsor_db, sponsor_keys, monkeypatch):
    site = make_site("BY01", subjects=2, seed=1)
    link(site, sponsor_db, sponsor_keys)
    send(site, sponsor_db, sponsor_keys)
    q = sponsor_queries.raise_query(sponsor_db, site="BY01", subject="BY01-0001", visit="baseline",
                                    form="sledai_assessments", field="pga", text="Please confirm the PGA.")
    meet_there(monkeypatch, sponsor_returns, "_text")  # close_query has read the query (open), decided to close it
    closed, refused = [], []

    def close(who: str):
        try:
            closed.append(sponsor_queries.close_query(sponsor_db, q["uuid"], reason=f"resolved ({who})", user=who))
        except SyncError as exc:
            refused.append(str(exc))

    side_by_side(close, ("dm.anna", "dm.boris"))
    assert len(closed) == 1 and len(refused) == 1, (closed, refused)
    assert f"Query {q['uuid']} was changed at the same moment by someone else (it is closed now)" in refused[0]
    [stored] = sponsor_query(sponsor_db, "SELECT status, closed_by, version FROM queries WHERE uuid = ?", (q["uuid"],))
    assert stored["status"] == "closed" and stored["closed_by"] == closed[0]["closed_by"]
    assert stored["version"] == q["version"] + 1
    changes = sponsor_query(sponsor_db, "SELECT old, new FROM sponsor_audit WHERE \"table\" = 'queries' AND row_id = ? "
                                        "AND field = 'status'", (q["uuid"],))
    assert [(c["old"], c["new"]) for c in changes] == [('"open"', '"closed"')]
    assert sponsor_queries.sponsor_audit_check(sponsor_db).ok
