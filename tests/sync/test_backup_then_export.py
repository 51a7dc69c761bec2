"""A site restored from its backup goes on exporting: the sponsor accepts the next bundle without a conflict."""

import shutil

from sync_helpers import add_sae, import_one, register

from sle_desktop.app import backup, site, sync_site
from sle_desktop.store import keys
from sle_desktop.store.db import Store


def test_export_after_restore_is_accepted_by_the_sponsor(make_site, sponsor_db, sponsor_keys, tmp_path):
    s = make_site()
    register(s, sponsor_db)
    first = s.export()
    import_one(sponsor_db, sponsor_keys, first.path)
    add_sae(s)  # not yet exported when the PC fails
    saved = backup.backup(s.session, s.usb)
    assert saved.last_bundle_seq == 1
    s.store.close()
    shutil.rmtree(keys.key_dir())  # the PC is gone with its key file; an admin's password unlocks the backup
    with Store.open(s.path) as old:
        admin_name = old.scalar("SELECT username FROM users WHERE role = 'admin'")
    from sle_desktop.app import demo

    restored = backup.restore(saved.path, tmp_path / "new-pc.sqlite", admin=admin_name, password=demo.DEMO_PASSWORD)
    assert (restored.head_seq, restored.last_bundle_seq) == (saved.head_seq, 1)
    with Store.open(tmp_path / "new-pc.sqlite") as store:
        session = site.cli_session(store)
        second = sync_site.export_bundle(session, s.usb)
    result = import_one(sponsor_db, sponsor_keys, second.path)
    assert result.status == "imported" and result.bundle_seq == 2 and result.audit_added > 0
