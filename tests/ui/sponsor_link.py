"""A demo site linked to a sponsor of its own, as the return-bundle window tests need it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class LinkedSponsor:
    keys: object  # the sponsor's keys (sponsor.keygen)
    cli: object  # the site's command-line session
    db: Path  # the sponsor database, holding the site's first bundle
    usb: Path  # the "USB drive" folder the bundle went through


def linked_sponsor(store, tmp_path: Path) -> LinkedSponsor:
    """The sponsor's keys set at the site, the site registered at the sponsor, and its first bundle imported."""
    from sle_desktop.app import returns, site, sync_site
    from sle_desktop.sponsor import operations as sponsor

    keys = sponsor.keygen(tmp_path / "sponsor")
    cli = site.cli_session(store)
    sync_site.set_sponsor_recipients(cli, keys.public_path.read_text())
    returns.set_sponsor_signing_key(cli, keys.signing_public_path.read_text())
    (tmp_path / "site.key").write_text(sync_site.site_public_key(cli))
    db = tmp_path / "sponsor.sqlite"
    sponsor.register_site(db, tmp_path / "site.key")
    usb = tmp_path / "usb"
    usb.mkdir()
    [outcome] = sponsor.import_bundles(db, keys.key_path, [sync_site.export_bundle(cli, usb).path])
    assert outcome.error is None
    return LinkedSponsor(keys, cli, db, usb)
