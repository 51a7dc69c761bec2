"""The import pauses Python's cycle collector while it works (its objects are acyclic; a collector pass walks the
whole heap) and always gives it back: after an import, after a refused bundle, and when it was already off."""

from __future__ import annotations

import gc

import pytest
from sync_helpers import import_one, register

from sle_desktop.sponsor import importer
from sle_desktop.sync.errors import BundleRejected


@pytest.fixture
def collector_seen(monkeypatch):
    """Records whether the collector was on while the bundle's records were being checked."""
    seen = []
    real = importer._Apply.check_records

    def spy(self):
        seen.append(gc.isenabled())
        return real(self)

    monkeypatch.setattr(importer._Apply, "check_records", spy)
    return seen


def test_the_collector_is_paused_during_an_import_and_restored(tmp_path, make_site, sponsor_keys, collector_seen):
    site = make_site("BY01", subjects=2)
    db = tmp_path / "sponsor.sqlite"
    register(site, db)
    assert gc.isenabled()
    result = import_one(db, sponsor_keys, site.export().path)
    assert result.status == "imported" and result.records_added > 0
    assert collector_seen == [False]
    assert gc.isenabled()


def test_a_refused_bundle_gives_the_collector_back(tmp_path, make_site, sponsor_keys, collector_seen, monkeypatch):
    site = make_site("BY01", subjects=2)
    db = tmp_path / "sponsor.sqlite"
    register(site, db)

    def refuse(self):
        raise self.reject("refused on purpose")

    monkeypatch.setattr(importer._Apply, "check_signatures", refuse)
    with pytest.raises(BundleRejected, match="refused on purpose"):
        import_one(db, sponsor_keys, site.export().path)
    assert collector_seen == [False] and gc.isenabled()


def test_a_collector_the_caller_switched_off_stays_off(tmp_path, make_site, sponsor_keys, collector_seen):
    site = make_site("BY01", subjects=2)
    db = tmp_path / "sponsor.sqlite"
    register(site, db)
    gc.disable()
    try:
        import_one(db, sponsor_keys, site.export().path)
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert collector_seen == [False]
