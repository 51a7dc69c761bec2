"""Demo and real data never mix at the sponsor: a sponsor database whose first site is a demo is a demo database;
demo and real sites cannot be registered together, and a bundle whose (signed) audit trail says demo is refused by a
real sponsor database, and a real one by a demo database, even when the site key file was edited to hide it."""

from __future__ import annotations

import pytest
from sync_helpers import Site, db_state, import_one, register
from testkit import PASSWORD, TODAY, eligible_form

from sle_desktop.app import site as site_uc
from sle_desktop.app import subjects, sync_site
from sle_desktop.app.errors import ConflictError
from sle_desktop.sponsor import db as sponsor_db_mod
from sle_desktop.sponsor import operations as sponsor
from sle_desktop.store.db import Store
from sle_desktop.sync.errors import BundleRejected


@pytest.fixture
def real_site(tmp_path, sponsor_keys):
    path = tmp_path / "real.sqlite"
    store = Store.open(path)
    admin = site_uc.create_site(store, code="BY07", name="Real hospital", admin_username="admin",
                                admin_name="Administrator", admin_password=PASSWORD)
    site_uc.create_user(admin, username="inv", display_name="Dr I", role="investigator", password=PASSWORD)
    inv = site_uc.login(store, "inv", PASSWORD)
    subjects.screen_subject(inv, eligible_form(), today=TODAY)
    session = site_uc.cli_session(store)
    sync_site.set_sponsor_recipients(session, sponsor_keys.public_path.read_text("utf-8"))
    usb = tmp_path / "usb-real"
    usb.mkdir()
    yield Site(store, session, path, usb)
    store.close()


def _key_file(site: Site, *, demo_line: str | None = "keep") -> object:
    text = sync_site.site_public_key(site.session)
    if demo_line != "keep":
        text = text.replace("demo: yes\n", "") + (demo_line or "")
    path = site.usb.parent / f"{site.path.stem}.sitekey"
    path.write_text(text, "utf-8")
    return path


def _is_demo_db(path) -> bool:
    store = sponsor_db_mod.open_sponsor_store(path)
    try:
        return sponsor_db_mod.is_demo(store)
    finally:
        store.close()


def test_a_demo_site_makes_a_new_sponsor_database_a_demo_one_and_imports(make_site, sponsor_db, sponsor_keys):
    demo = make_site("BY01", subjects=3, seed=4)
    assert "demo: yes" in sync_site.site_public_key(demo.session)
    register(demo, sponsor_db)
    assert _is_demo_db(sponsor_db)
    assert import_one(sponsor_db, sponsor_keys, demo.export().path).status == "imported"


def test_a_real_site_imports_into_a_real_sponsor_database(real_site, sponsor_db, sponsor_keys):
    assert "demo:" not in sync_site.site_public_key(real_site.session)
    register(real_site, sponsor_db)
    assert not _is_demo_db(sponsor_db)
    assert import_one(sponsor_db, sponsor_keys, real_site.export().path).status == "imported"


def test_demo_and_real_sites_cannot_be_registered_together(make_site, real_site, sponsor_db, tmp_path):
    register(real_site, sponsor_db)
    demo = make_site("BY01", subjects=2, seed=4)
    with pytest.raises(ConflictError, match="demo and real data are never mixed"):
        register(demo, sponsor_db)
    other_db = tmp_path / "demo-sponsor.sqlite"
    register(demo, other_db)
    with pytest.raises(ConflictError, match="demo and real data are never mixed"):
        register(real_site, other_db)


def test_a_demo_bundle_is_refused_by_a_real_sponsor_database_even_with_its_key_file_edited(make_site, sponsor_db,
                                                                                             sponsor_keys):
    demo = make_site("BY01", subjects=3, seed=4)
    sponsor.register_site(sponsor_db, _key_file(demo, demo_line=None))  # "demo: yes" removed from the file
    assert not _is_demo_db(sponsor_db)
    before = db_state(sponsor_db)
    with pytest.raises(BundleRejected) as info:
        import_one(sponsor_db, sponsor_keys, demo.export().path)
    assert info.value.reason == "demo" and "is a demo site" in str(info.value)
    assert db_state(sponsor_db) == before


def test_a_real_bundle_is_refused_by_a_demo_sponsor_database(make_site, real_site, sponsor_db, sponsor_keys):
    register(make_site("BY01", subjects=2, seed=4), sponsor_db)
    sponsor.register_site(sponsor_db, _key_file(real_site, demo_line="demo: yes\n"))  # a real site passed off as demo
    before = db_state(sponsor_db)
    with pytest.raises(BundleRejected) as info:
        import_one(sponsor_db, sponsor_keys, real_site.export().path)
    assert info.value.reason == "demo" and "is a real site" in str(info.value)
    assert db_state(sponsor_db) == before
