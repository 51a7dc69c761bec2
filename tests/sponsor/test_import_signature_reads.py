"""The import's e-signature check reads a signer's and a signature's audit rows through the (site, table, record)
index: its cost does not grow with the length of the site's audit trail (it once walked the whole trail for each
signature, 1.3 ms a query at 100 demo subjects)."""

from __future__ import annotations

from testkit import vm_steps

from sle_desktop.sponsor import db as sponsor_store
from sle_desktop.sponsor.importer import site_audit

NOW = "2026-06-01T00:00:00+00:00"
SITE = "site-1"


def _trail(conn, start: int, rows: int) -> None:
    """`rows` audit rows of lab results, after `start`."""
    conn.executemany(
        'INSERT INTO audit (site_uuid, seq, at_utc, at_local, "user", "table", row_id, field, old, new, reason, '
        "prev_hash, hash, bundle_seq) VALUES (?, ?, ?, ?, 'u', 'labs', ?, 'value', NULL, '1', NULL, 'p', 'h', 1)",
        [(SITE, seq, NOW, NOW, f"lab-{seq}") for seq in range(start + 1, start + rows + 1)])


def _steps(store) -> tuple[int, list]:
    """SQLite virtual-machine steps of the signer's query (a count, not a time), and what it found."""
    return vm_steps(store.conn, lambda: site_audit(
        store, SITE, '"table" = \'users\' AND row_id = ? AND field IN (\'*\', \'sign_public_key\')', ("dr.who",)))


def test_a_signers_rows_cost_the_same_beside_a_short_or_a_long_trail(tmp_path):
    store = sponsor_store.open_sponsor_store(tmp_path / "s.sqlite", create=True)
    with store.transaction() as conn:
        conn.execute("INSERT INTO sites (site_uuid, code, name, study_id, public_key, fingerprint, registered_at, "
                     "registered_by, last_bundle_hash, head_hash) VALUES (?, 'AA01', 'A', 'S', ?, 'fp', ?, 't', '0', "
                     "'0')", (SITE, b"k" * 32, NOW))
        conn.execute('INSERT INTO audit (site_uuid, seq, at_utc, at_local, "user", "table", row_id, field, old, new, '
                     "reason, prev_hash, hash, bundle_seq) VALUES (?, 1, ?, ?, 'admin', 'users', 'dr.who', "
                     "'sign_public_key', NULL, '\"key\"', NULL, 'p', 'h', 1)", (SITE, NOW, NOW))
        _trail(conn, 1, 1_000)
    short, found = _steps(store)
    assert [(r["seq"], r["field"]) for r in found] == [(1, "sign_public_key")]
    with store.transaction() as conn:
        _trail(conn, 1_001, 40_000)
    long, found_again = _steps(store)
    assert found_again == found
    # by the index: about the same work; walking the trail by seq took about as many steps as rows
    assert long < 2 * short + 5, (short, long)
    store.close()
