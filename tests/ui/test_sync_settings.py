"""Sync settings: the sponsor's key files are imported from the export and import dialogs (no dead end)."""

from __future__ import annotations

from datetime import date

import pytest
from clinic_ui import click

from sle_desktop.app import demo, returns, site, sync_site
from sle_desktop.sponsor import operations as sponsor
from sle_desktop.store.db import Store
from sle_desktop.ui.export_dialog import ExportDialog
from sle_desktop.ui.import_return_dialog import ImportReturnDialog


@pytest.fixture
def admin(tmp_path):
    store = Store.open(tmp_path / "site.sqlite")
    demo.make_demo(store, subjects_count=2, seed=2, today=date(2026, 6, 1))
    yield site.login(store, "demo.admin", demo.DEMO_PASSWORD)
    store.close()


def test_export_without_a_sponsor_key_leads_to_the_sync_settings(qtbot, admin, tmp_path, windows):
    keys = sponsor.keygen(tmp_path / "sponsor")
    dialog = windows(ExportDialog(admin, roots=[tmp_path / "none"]))
    assert "Sync settings" in dialog.keys_label.text() and not dialog.export_button.isEnabled()
    click(qtbot, dialog.settings_button)
    settings = dialog.sync_settings
    assert settings.isVisible() and "Not imported yet" in settings.recipients_label.text()
    bad = tmp_path / "bad.pub"
    bad.write_text("not a key\n")
    assert not settings.import_recipients(bad)
    assert settings.banner.isVisible() and admin.store.scalar("SELECT count(*) FROM sponsor_recipients") == 0
    assert settings.import_recipients(keys.public_path)
    [key] = sync_site.sponsor_fingerprints(admin)
    assert key.fingerprint in settings.recipients_label.text() and key.fingerprint in settings.banner.text()
    assert key.fingerprint in dialog.keys_label.text()  # the export dialog re-read the keys
    assert admin.store.scalar("SELECT count(*) FROM audit WHERE \"table\" = 'sponsor_recipients'") == 1
    site_key = tmp_path / "BY01.sitekey"
    assert settings.save_site_key(site_key)
    assert sync_site.site_key_fingerprint(admin) in site_key.read_text()


def test_import_dialog_registers_the_sponsor_signing_key(qtbot, admin, tmp_path, windows):
    keys = sponsor.keygen(tmp_path / "sponsor")
    signing = next(p for p in (tmp_path / "sponsor").iterdir() if p.name.endswith("signing.pub"))
    dialog = windows(ImportReturnDialog(admin, roots=[tmp_path / "none"]))
    assert "Sync settings" in dialog.key_label.text()
    click(qtbot, dialog.settings_button)
    assert dialog.sync_settings.import_signing_key(signing)
    fingerprint = returns.sponsor_signing_key(admin).fingerprint
    assert fingerprint in dialog.key_label.text()
    assert keys.public_path.exists()
