"""The streamed exports: one code path on SQLite and PostgreSQL, a consistent snapshot, nothing left by an interrupted
export."""

from __future__ import annotations

import re
import shutil

import pytest

from sle_desktop import cli
from sle_desktop.sponsor import dataset, odm, stats, tabular
from sle_desktop.sponsor import db as sponsor_store
from sle_desktop.sponsor import operations as sponsor


def _odm_bytes(path) -> bytes:
    """The file without its creation time (the only part that differs between two exports of the same data)."""
    return re.sub(rb'(FileOID|CreationDateTime)="[^"]*"', b"", path.read_bytes())


def _files(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_postgresql_exports_equal_the_sqlite_exports(full_sponsor, pg_url, tmp_path, capsys):
    """The same database on both backends (copied with migrate-db) gives the same ODM and CSV files, byte for byte."""
    assert cli.sponsor_main(["migrate-db", "--from", str(full_sponsor.db), "--to", pg_url]) == 0
    capsys.readouterr()
    out = {}
    for name, target in (("sqlite", full_sponsor.db), ("pg", pg_url)):
        folder = tmp_path / name
        folder.mkdir()
        snap = sponsor.export_odm(target, folder / "study.xml")
        hist = sponsor.export_odm(target, folder / "history.xml", audit=True)
        rows = sponsor.export_csv(target, folder / "csv").rows
        out[name] = (snap, hist, rows, _odm_bytes(folder / "study.xml"), _odm_bytes(folder / "history.xml"),
                     _files(folder / "csv"))
    (s_snap, s_hist, s_rows, *s_files), (p_snap, p_hist, p_rows, *p_files) = out["sqlite"], out["pg"]
    assert s_snap.items > 10_000 and s_hist.audit_records > 1_000 and s_rows > 1_000
    assert (s_snap.subjects, s_snap.forms, s_snap.items, s_snap.signatures, s_snap.annotations) == \
        (p_snap.subjects, p_snap.forms, p_snap.items, p_snap.signatures, p_snap.annotations)
    assert (s_hist.items, s_hist.audit_records, s_hist.signatures) == (p_hist.items, p_hist.audit_records,
                                                                       p_hist.signatures)
    assert s_rows == p_rows
    assert s_files == p_files


def test_records_are_read_in_chunks_in_a_stable_order(full_sponsor, pg_url, capsys, monkeypatch):
    """A table streamed a few rows at a time comes out whole, in the site's change order, on both backends."""
    assert cli.sponsor_main(["migrate-db", "--from", str(full_sponsor.db), "--to", pg_url]) == 0
    capsys.readouterr()
    monkeypatch.setattr(dataset, "CHUNK", 7)
    seen = {}
    for name, target in (("sqlite", full_sponsor.db), ("pg", pg_url)):
        with sponsor_store.open_sponsor_store(target) as store, store.read_snapshot():
            [site] = dataset.load(store).sites
            recs = list(dataset.records(store, site["site_uuid"], "labs"))
            expected = store.query("SELECT uuid FROM records WHERE site_uuid = ? AND tbl = 'labs' "
                                   "ORDER BY change_seq, uuid", (site["site_uuid"],))
            assert [r.uuid for r in recs] == [r["uuid"] for r in expected] and len(recs) > 7 * 10
            assert all(r.subject_key and r.visit_known for r in recs)
        seen[name] = [(r.uuid, r.subject_key, r.visit_code, r.row) for r in recs]
    assert seen["sqlite"] == seen["pg"]


def test_an_export_sees_one_snapshot_while_a_site_is_changed(full_sponsor, tmp_path):
    """Rows committed by another connection while an export reads are not seen by it (SQLite WAL read snapshot)."""
    db = tmp_path / "sponsor.sqlite"
    shutil.copy(full_sponsor.db, db)
    with sponsor_store.open_sponsor_store(db) as store, sponsor_store.open_sponsor_store(db) as other:
        with store.read_snapshot():
            [site] = dataset.load(store).sites
            stream = dataset.records(store, site["site_uuid"], "labs")
            first = next(stream)
            before = store.scalar("SELECT count(*) FROM records WHERE tbl = 'labs'")
            with other.transaction() as conn:
                conn.execute("DELETE FROM records WHERE tbl = 'labs' AND uuid <> ?", (first.uuid,))
            rest = list(stream)
            assert 1 + len(rest) == before
        assert store.scalar("SELECT count(*) FROM records WHERE tbl = 'labs'") == 1  # after it: the change


class Interrupted(Exception):
    pass


def _fail_after(n: int, original):
    calls = [0]

    def wrapper(*args, **kwargs):
        calls[0] += 1
        if calls[0] > n:
            raise Interrupted
        return original(*args, **kwargs)
    return wrapper


@pytest.mark.parametrize("audit", [False, True])
def test_an_interrupted_odm_export_leaves_no_file(full_sponsor, tmp_path, monkeypatch, audit):
    out = tmp_path / "study.xml"
    name = "_transaction" if audit else "_write_subject"
    monkeypatch.setattr(odm, name, _fail_after(20, getattr(odm, name)))
    with pytest.raises(Interrupted):
        sponsor.export_odm(full_sponsor.db, out, audit=audit)
    assert list(tmp_path.iterdir()) == []  # no file, no temporary file, no spool of audit records


def test_an_interrupted_csv_or_statistics_export_leaves_no_partial_file(full_sponsor, tmp_path, monkeypatch):
    monkeypatch.setattr(tabular, "_cell", _fail_after(3000, tabular._cell))
    with pytest.raises(Interrupted):
        sponsor.export_csv(full_sponsor.db, tmp_path / "csv")
    written = sorted(p.name for p in (tmp_path / "csv").iterdir())
    assert written and all(not n.startswith(".") for n in written)  # finished files only, never a partial one
    assert "labs.csv" not in written and "audit_trail.csv" not in written
    monkeypatch.setattr(stats, "_typed", _fail_after(5000, stats._typed))
    with pytest.raises(Interrupted):
        sponsor.export_stats(full_sponsor.db, tmp_path / "stats")
    written = sorted(p.name for p in (tmp_path / "stats").iterdir())
    assert all(not n.startswith(".") for n in written) and "labs.sav" not in written
