"""The import's check that no subject or visit takes another site's UUID: it finds the clash, and its cost does not
grow with the other sites' records (it once walked every site's subjects and visits for each bundle)."""

from __future__ import annotations

import uuid as uuidlib

from testkit import vm_steps

from sle_desktop.sponsor import db as sponsor_store
from sle_desktop.sponsor.importer import uuid_clash

NOW = "2026-06-01T00:00:00+00:00"


def _site(conn, code: str) -> str:
    site_uuid = str(uuidlib.uuid4())
    conn.execute("INSERT INTO sites (site_uuid, code, name, study_id, public_key, fingerprint, registered_at, "
                 "registered_by, last_bundle_hash, head_hash) VALUES (?, ?, ?, 'S', ?, 'fp', ?, 'test', '0', '0')",
                 (site_uuid, code, code, b"k" * 32, NOW))
    return site_uuid


def _records(conn, site_uuid: str, subjects: int, bundle_seq: int = 1, uuids=None) -> list[str]:
    """`subjects` subjects with six visits each, first received in `bundle_seq`."""
    rows, made = [], []
    for i in range(subjects):
        subject = uuids[i] if uuids else str(uuidlib.uuid4())
        made.append(subject)
        rows.append(("subjects", subject, site_uuid, subject, None))
        rows += [("visits", str(uuidlib.uuid4()), site_uuid, subject, None) for _ in range(6)]
    conn.executemany("INSERT INTO records (tbl, uuid, site_uuid, subject_uuid, visit_uuid, change_seq, deleted, data, "
                     "first_bundle_seq, last_bundle_seq, received_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, 0, '{}', "
                     f"{bundle_seq}, {bundle_seq}, '{NOW}', '{NOW}')", rows)
    return made


def _steps(store, site_uuid: str) -> int:
    """SQLite virtual-machine steps the check takes (a count, not a time)."""
    steps, clash = vm_steps(store.conn, lambda: uuid_clash(store, site_uuid, 1))
    assert clash is None
    return steps


def test_a_subject_with_another_sites_uuid_is_found(tmp_path):
    store = sponsor_store.open_sponsor_store(tmp_path / "s.sqlite", create=True)
    with store.transaction() as conn:
        first, second = _site(conn, "AA01"), _site(conn, "BB01")
        taken = _records(conn, first, 3)
        _records(conn, second, 2, bundle_seq=1)
        _records(conn, second, 1, bundle_seq=2, uuids=[taken[1]])
    assert uuid_clash(store, second, 1) is None  # its first bundle's subjects are its own
    assert uuid_clash(store, second, 2) == {"tbl": "subjects", "uuid": taken[1]}
    store.close()


def test_the_check_costs_the_same_beside_one_site_or_forty(tmp_path):
    store = sponsor_store.open_sponsor_store(tmp_path / "s.sqlite", create=True)
    with store.transaction() as conn:
        importing = _site(conn, "AA01")
        _records(conn, importing, 100)
        _records(conn, _site(conn, "BB01"), 100)
    alone = _steps(store, importing)
    with store.transaction() as conn:
        for k in range(39):
            _records(conn, _site(conn, f"C{k:03d}"), 100)
    crowded = _steps(store, importing)
    # by the site's own index: about the same work; walking every site's subjects and visits took 28 times more
    assert crowded < 2 * alone, (alone, crowded)
    store.close()
