"""Two return bundles for one site written at the same moment (two data managers, or the window and a script): they
take turns, so they are numbers 1 and 2, each recorded and chained to the one before — never two number 1s, and
never an error that leaves the second data manager guessing."""

from __future__ import annotations

from return_helpers import link, return_bundle, send, sponsor_query
from testkit import meet_there, side_by_side

from sle_desktop.sync import return_bundle as return_format


def test_two_return_bundles_written_at_once_are_numbered_one_after_the_other(make_site, sponsor_db, sponsor_keys,
                                                                            tmp_path, monkeypatch):
    site = make_site("BY01", subjects=2, seed=1)
    link(site, sponsor_db, sponsor_keys)
    send(site, sponsor_db, sponsor_keys)
    # both writers have read the last return bundle here (unless one waits for the other to finish)
    meet_there(monkeypatch, return_format, "build")
    written, failed = [], []

    def write(folder: str):
        try:
            written.append(return_bundle(sponsor_db, sponsor_keys, tmp_path / folder))
        except Exception as exc:  # noqa: BLE001 - the test reports it
            failed.append(exc)

    side_by_side(write, ("dm1", "dm2"))
    assert failed == []
    assert sorted(w.return_seq for w in written) == [1, 2]
    rows = sponsor_query(sponsor_db, "SELECT return_seq, bundle_hash, prev_return_hash, file_name FROM return_bundles "
                                     "ORDER BY return_seq")
    assert [r["return_seq"] for r in rows] == [1, 2]
    assert rows[1]["prev_return_hash"] == rows[0]["bundle_hash"]
    assert {w.path.name for w in written} == {r["file_name"] for r in rows}
    assert all(w.path.exists() for w in written)
