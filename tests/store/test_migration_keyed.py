"""The keyed-trail migration on a real old database (written by the release before it, with data and a signature):
the trail is keyed from a marker row on, earlier signatures show as legacy, and accounts get signing keys."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from sle_desktop.app import audit_trail, demo, signatures, site
from sle_desktop.store import audit, migrations
from sle_desktop.store.db import Store

OLD_SITE = Path(__file__).parent / "data" / "old-site-v5.sqlite"
KEYED = next(v for v, description, _ in migrations.MIGRATIONS if description.startswith("keyed audit trail"))


def _old(tmp_path) -> Path:
    path = tmp_path / "site.sqlite"
    shutil.copyfile(OLD_SITE, path)
    return path


def test_an_old_site_migrates_keyed_from_a_marker_row_with_its_data_kept(tmp_path):
    path = _old(tmp_path)
    with Store.open(path, migrate=False) as store:
        old_head = audit.head(store.conn)
        old_counts = {t: store.scalar(f'SELECT count(*) FROM "{t}"') for t in ("subjects", "visits", "signatures")}
    with Store.open(path) as store:
        assert migrations.current_version(store) == migrations.LATEST >= KEYED
        marker = store.query_one("SELECT * FROM audit WHERE seq = ?", (old_head[0] + 1,))
        assert (marker["table"], marker["field"], json.loads(marker["new"])) == ("audit", "keyed_from", old_head[0] + 1)
        assert marker["prev_hash"] == old_head[1] and marker["mac"] is None  # written before any key was unlocked
        assert {t: store.scalar(f'SELECT count(*) FROM "{t}"') for t in old_counts} == old_counts
        inv = site.login(store, "demo.investigator", demo.DEMO_PASSWORD)  # recreates the machine key file here
        check = audit_trail.verify(store)
        assert check.ok, check.message
        assert check.rows_checked == audit.head(store.conn)[0] > old_head[0]
        # rows before the marker stay as they were (no MAC); rows after it are keyed
        assert store.scalar("SELECT count(*) FROM audit WHERE seq <= ? AND mac IS NOT NULL", (old_head[0],)) == 0
        assert store.scalar("SELECT count(*) FROM audit WHERE seq > ? AND mac IS NULL", (old_head[0] + 1,)) == 0
        # the old account got its signing key at this first log-in, audited
        assert store.scalar("SELECT count(*) FROM audit WHERE row_id = 'demo.investigator' "
                            "AND field = 'sign_public_key'") == 1
        old_sig = store.query_one("SELECT * FROM signatures")
        [status] = signatures.signatures_for(inv, old_sig["record_table"], old_sig["record_uuid"])
        assert status.status == "legacy" and not status.valid and "not cryptographic" in status.reason
        # never silently upgraded: the row still has no cryptographic signature
        assert store.scalar("SELECT signature FROM signatures WHERE uuid = ?", (old_sig["uuid"],)) is None
        other = store.scalar("SELECT uuid FROM sledai_assessments WHERE uuid != ? LIMIT 1", (old_sig["record_uuid"],))
        signatures.sign_record(inv, "sledai_assessments", other, password=demo.DEMO_PASSWORD, meaning="approved")
        assert [s.status for s in signatures.signatures_for(inv, "sledai_assessments", other)] == ["valid"]
        assert audit_trail.verify(store).ok


def test_a_legacy_row_changed_after_the_migration_is_still_named_by_the_chain(tmp_path):
    path = _old(tmp_path)
    with Store.open(path) as store:
        site.login(store, "demo.investigator", demo.DEMO_PASSWORD)
        store.conn.execute("DROP TRIGGER audit_no_update")
        store.conn.execute("UPDATE audit SET reason = 'quietly' WHERE seq = 20")
        check = audit_trail.verify(store)
        assert not check.ok and check.broken_seq == 20


def test_moving_the_keyed_start_later_is_noticed(tmp_path):
    """Rewriting the marker to make keyed rows look legacy fails: the start is pinned with a MAC."""
    path = _old(tmp_path)
    with Store.open(path) as store:
        site.login(store, "demo.investigator", demo.DEMO_PASSWORD)
        value = json.loads(store.scalar("SELECT value FROM settings WHERE key = ?", (audit.KEYED_FROM,)))
        value["seq"] += 5
        store.conn.execute("UPDATE settings SET value = ? WHERE key = ?", (json.dumps(value), audit.KEYED_FROM))
        check = audit_trail.verify(store)
        assert not check.ok and "keyed start or end marker was changed" in check.message
        store.conn.execute("DELETE FROM settings WHERE key = ?", (audit.KEYED_FROM,))
        check = audit_trail.verify(store)
        assert not check.ok and "start marker is missing" in check.message


def test_a_new_site_is_keyed_from_its_first_row():
    store = Store.memory()
    admin = site.create_site(store, code="BY01", name="S", admin_username="admin", admin_name="A",
                             admin_password="long enough password")
    assert store.scalar("SELECT count(*) FROM audit WHERE field = 'keyed_from'") == 0
    assert store.scalar("SELECT count(*) FROM audit WHERE mac IS NULL") == 0
    assert audit_trail.verify(admin).ok
