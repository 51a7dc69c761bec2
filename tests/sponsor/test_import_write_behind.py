"""The import's writes run beside its parsing on PostgreSQL (a helper thread) and inline on SQLite. Whatever
stops an import while writes are in flight — a refusal found by the parser, a broken audit chain found after the
rows were stored, the database failing a write on the helper thread — leaves the sponsor database as it was, and
the next import works."""

from __future__ import annotations

import sys
import threading
import zlib

import pytest
from sync_helpers import crafted_bundle, db_state, import_one, payload_reader, register  # noqa: F401 (a fixture)

# every refusal the same whether the payload is read in the importer or by its helper process (sponsor.prefetch)
pytestmark = pytest.mark.usefixtures("payload_reader")

from sle_desktop.sponsor import importer
from sle_desktop.sponsor import operations as sponsor
from sle_desktop.sync import bundle
from sle_desktop.sync.errors import BundleRejected


@pytest.fixture
def small_batches(monkeypatch):
    """Batches of three records or audit rows: a demo site's bundle has many writes in flight at every point."""
    monkeypatch.setattr(importer, "_ROW_BATCH", 3)


def _payload_lines(path, sponsor_keys) -> list[bytes]:
    container = bundle.read_container(path)
    compressed = bundle.decrypt(container, sponsor.load_identities(sponsor_keys.key_path))
    return zlib.decompress(compressed, wbits=31).splitlines(keepends=True)


def _refused(sponsor_db, sponsor_keys, path, reason: str) -> BundleRejected:
    before = db_state(sponsor_db)
    with pytest.raises(BundleRejected) as info:
        import_one(sponsor_db, sponsor_keys, path)
    assert info.value.reason == reason, str(info.value)
    assert db_state(sponsor_db) == before  # row for row (and byte for byte on SQLite)
    return info.value


def test_a_line_refused_late_in_the_payload_leaves_nothing(small_batches, make_site, sponsor_db, sponsor_keys,
                                                           tmp_path):
    site = make_site("BY01", subjects=3, seed=5)
    register(site, sponsor_db)
    honest = site.export()
    lines = _payload_lines(honest.path, sponsor_keys)
    assert sum(b'"type":"row"' in line for line in lines) > 30  # many record batches already written
    lines[-3] = b'{"type":"audit","row": broken\n'
    recipient = sponsor_keys.public_path.read_text().split()[-1]
    bad = tmp_path / "late.slebundle"
    signed = bundle.read_container(honest.path).manifest  # the export itself has since added audit rows at the site
    same = {k: signed[k] for k in ("to_seq", "chain_head_hash", "counts", "created_at", "created_by")}
    bad.write_bytes(crafted_bundle(site, lines, recipients=[recipient], manifest_overrides=same))
    error = _refused(sponsor_db, sponsor_keys, bad, "malformed")
    assert f"line {len(lines) - 2}" in str(error)
    assert import_one(sponsor_db, sponsor_keys, honest.path).status == "imported"


def test_a_chain_broken_after_its_rows_were_stored_leaves_nothing(small_batches, make_site, sponsor_db,
                                                                  sponsor_keys):
    site = make_site("BY01", subjects=3, seed=5)
    register(site, sponsor_db)
    site.store.conn.execute("DROP TRIGGER audit_no_update")
    site.store.conn.execute("UPDATE audit SET reason = 'nothing to see' WHERE seq = 40")
    error = _refused(sponsor_db, sponsor_keys, site.export_unchecked().path, "chain")
    assert "row 40" in str(error)


def test_a_write_failing_on_the_helper_thread_rolls_the_import_back(small_batches, make_site, pg_url, sponsor_keys,
                                                                    monkeypatch):
    import psycopg

    from sle_desktop.store import pg

    site = make_site("BY01", subjects=3, seed=5)
    register(site, pg_url)
    exported = site.export()
    before = db_state(pg_url)
    real_copy = pg.PgConnection.copy_rows
    calls = []

    def failing_copy(self, table, columns, rows):
        if table == "site_columns":  # the header's, before any record is read
            return real_copy(self, table, columns, rows)
        calls.append(threading.current_thread().name)
        if len(calls) == 5:
            raise psycopg.errors.DiskFull("could not extend file: No space left on device")
        return real_copy(self, table, columns, rows)

    monkeypatch.setattr(pg.PgConnection, "copy_rows", failing_copy)
    with pytest.raises(psycopg.errors.DiskFull):
        import_one(pg_url, sponsor_keys, exported.path)
    assert db_state(pg_url) == before
    assert calls and all(name.startswith("sponsor-import-write") for name in calls)
    monkeypatch.setattr(pg.PgConnection, "copy_rows", real_copy)
    assert import_one(pg_url, sponsor_keys, exported.path).status == "imported"


def test_writes_run_beside_the_parsing_on_postgresql_and_inline_on_sqlite(small_batches, make_site, sponsor_db,
                                                                          sponsor_keys, monkeypatch):
    site = make_site("BY01", subjects=2, seed=5)
    register(site, sponsor_db)
    threads = set()
    real_rows, real_audit = importer._Apply.write_rows, importer._Apply.insert_audit

    def rows(self, pending):
        threads.add(threading.current_thread().name)
        return real_rows(self, pending)

    def audit(self, new):
        threads.add(threading.current_thread().name)
        return real_audit(self, new)

    monkeypatch.setattr(importer._Apply, "write_rows", rows)
    monkeypatch.setattr(importer._Apply, "insert_audit", audit)
    result = import_one(sponsor_db, sponsor_keys, site.export().path)
    assert result.status == "imported" and result.records_added > 3 and result.audit_added > 3
    if isinstance(sponsor_db, str):
        assert len(threads) == 1 and threads.pop().startswith("sponsor-import-write")
    else:
        assert threads == {threading.main_thread().name}
    assert not [t for t in threading.enumerate() if t.name.startswith("sponsor-import-write")]  # none left running


def test_the_writer_thread_gets_the_interpreter_back_promptly_on_postgresql(small_batches, make_site, sponsor_db,
                                                                            sponsor_keys, monkeypatch):
    """While a writer thread stores rows, the interpreter hands its lock over every 0.5 ms (not every 5 ms); the
    interval it had is back once the import ends, whether the bundle was imported or refused."""
    site = make_site("BY01", subjects=2, seed=5)
    register(site, sponsor_db)
    seen = []
    real_audit = importer._Apply.store_audit

    def audit(self, values):
        seen.append(sys.getswitchinterval())
        return real_audit(self, values)

    monkeypatch.setattr(importer._Apply, "store_audit", audit)
    previous = sys.getswitchinterval()
    sys.setswitchinterval(0.004)
    try:
        exported = site.export()
        assert import_one(sponsor_db, sponsor_keys, exported.path).status == "imported"
        assert sys.getswitchinterval() == pytest.approx(0.004)
        lowered = isinstance(sponsor_db, str)  # a PostgreSQL URL: its writes run on the writer thread
        assert seen and all(v == pytest.approx(importer._SwitchingOften.SWITCH_INTERVAL if lowered else 0.004)
                            for v in seen)
        tampered = make_site("BY02", subjects=2, seed=6)
        register(tampered, sponsor_db)
        tampered.store.conn.execute("DROP TRIGGER audit_no_update")
        tampered.store.conn.execute("UPDATE audit SET reason = 'nothing to see' WHERE seq = 40")
        with pytest.raises(BundleRejected) as refused:
            import_one(sponsor_db, sponsor_keys, tampered.export_unchecked().path)
        assert refused.value.reason == "chain"
        assert sys.getswitchinterval() == pytest.approx(0.004)
    finally:
        sys.setswitchinterval(previous)


def test_the_interval_is_restored_only_when_the_last_of_several_writers_ends():
    """Two imports' writers at once (two sponsor windows' threads): the first to end leaves the interval lowered for
    the other, the last one restores the interval the process had."""
    previous = sys.getswitchinterval()
    sys.setswitchinterval(0.003)
    try:
        first, second = importer._WriteBehind(True), importer._WriteBehind(True)
        assert sys.getswitchinterval() == pytest.approx(importer._SwitchingOften.SWITCH_INTERVAL)
        first.close()
        assert sys.getswitchinterval() == pytest.approx(importer._SwitchingOften.SWITCH_INTERVAL)
        second.close()
        assert sys.getswitchinterval() == pytest.approx(0.003)
        inline = importer._WriteBehind(False)  # SQLite: no writer thread, the interval untouched
        assert sys.getswitchinterval() == pytest.approx(0.003)
        inline.close()
        assert sys.getswitchinterval() == pytest.approx(0.003)
    finally:
        sys.setswitchinterval(previous)
