"""Fixtures of the sponsor tests.

The sponsor-database tests use the sync suite's demo sites and sponsor keys, loaded under a distinct module name
(as tests/reliability/conftest.py does). The export tests use complete sponsor databases built once per session:

`full_sponsor` goes through everything an export must show: every form (screening, consent, eligibility,
visits, SELENA-SLEDAI, labs, adverse events with an SAE, MSC infusions, concomitant medication, deviations),
e-signatures (authored and approved), corrections with a reason for change, and sponsor data queries
answered by the site - sent in two bundles, with a return bundle in between.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

_SYNC = Path(__file__).resolve().parent.parent / "sync"
if str(_SYNC) not in sys.path:
    sys.path.insert(0, str(_SYNC))  # for sync_helpers and return_helpers

_spec = importlib.util.spec_from_file_location("sle_tests_sync_fixtures_sponsor", _SYNC / "conftest.py")
_fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_fixtures)

sponsor_keys = _fixtures.sponsor_keys
demo_template = _fixtures.demo_template
make_site = _fixtures.make_site

TODAY = date(2026, 6, 1)


@dataclass
class SponsorData:
    db: Path
    folder: Path
    site_db: Path
    queries: list[dict]
    signed: list[tuple[str, str, str]]  # (table, record uuid, meaning)
    corrected: list[tuple[str, str]]  # (table, record uuid) changed with a reason


def _build(folder: Path, subjects: int, *, extras: bool) -> SponsorData:
    from return_helpers import link, return_bundle, send, user
    from sync_helpers import Site, add_sae

    from sle_desktop.app import demo, queries, returns, signatures, sync_site, visits
    from sle_desktop.app import site as site_app
    from sle_desktop.sponsor import operations as sponsor
    from sle_desktop.sponsor import queries as sponsor_queries
    from sle_desktop.store.db import Store

    previous = os.environ.get("SLE_DESKTOP_KEY_DIR")
    os.environ["SLE_DESKTOP_KEY_DIR"] = str(folder / "keys")
    try:
        keys = sponsor.keygen(folder / "sponsor-keys")
        store = Store.open(folder / "site.sqlite")
        demo.make_demo(store, subjects_count=subjects, seed=1, today=TODAY, site_code="BY01", site_name="Demo site BY01")
        session = site_app.cli_session(store)
        sync_site.set_sponsor_recipients(session, keys.public_path.read_text("utf-8"))
        usb = folder / "usb"
        usb.mkdir()
        site = Site(store, session, folder / "site.sqlite", usb)
        db = folder / "sponsor.sqlite"
        link(site, db, keys)
        signed, corrected, raised = [], [], []
        if extras:
            sae = add_sae(site)
            inv = user(site, "demo.investigator", "investigator")
            signatures.sign_record(inv, "adverse_events", sae, password=demo.DEMO_PASSWORD, meaning="authored")
            signatures.sign_record(inv, "adverse_events", sae, password=demo.DEMO_PASSWORD, meaning="approved")
            signed += [("adverse_events", sae, "authored"), ("adverse_events", sae, "approved")]
            visit = store.query_one("SELECT v.uuid, a.uuid AS a FROM visits v JOIN sledai_assessments a ON "
                                    "a.visit_uuid = v.uuid WHERE v.visit_code = 'month_1' ORDER BY v.visit_date LIMIT 1")
            signatures.sign_record(inv, "sledai_assessments", visit["a"], password=demo.DEMO_PASSWORD,
                                   meaning="authored")
            signed.append(("sledai_assessments", visit["a"], "authored"))
        send(site, db, keys)
        if extras:
            current = visits.get_sledai(inv, visit["uuid"])
            visits.save_sledai(inv, visit["uuid"], set(current.codes) | {"fever"}, current.pga,
                               reason="fever 38.4 °C recorded in the nursing notes was missed at entry")
            corrected.append(("sledai_assessments", visit["a"]))
            q1 = sponsor_queries.raise_query(db, site="BY01", record=visit["a"], form="sledai_assessments", field="pga",
                                             text="PGA differs from the source notes: please check.")
            q2 = sponsor_queries.raise_query(db, site="BY01", record=sae, form="adverse_events", field="term",
                                             text="Please give the diagnosis rather than the symptom.")
            raised += [q1, q2]
            ret = return_bundle(db, keys, folder / "to-site")
            returns.import_return(site.session, ret.path)
            queries.answer_query(inv, q1["uuid"], "Checked against the source notes: the PGA is correct.")
        send(site, db, keys)
        if extras:
            sponsor_queries.close_query(db, q1["uuid"], reason="answer accepted")
        store.close()
    finally:
        if previous is None:
            os.environ.pop("SLE_DESKTOP_KEY_DIR", None)
        else:
            os.environ["SLE_DESKTOP_KEY_DIR"] = previous
    return SponsorData(db, folder, folder / "site.sqlite", raised, signed, corrected)


@pytest.fixture(scope="session")
def full_sponsor(tmp_path_factory) -> SponsorData:
    """A 40-subject demo site with an SAE, infusions, signatures, corrections and queries, imported by the sponsor."""
    return _build(tmp_path_factory.mktemp("full-sponsor"), 40, extras=True)


@pytest.fixture(scope="session")
def small_sponsor(tmp_path_factory) -> SponsorData:
    """A 3-subject demo site imported by another sponsor database (same study version)."""
    return _build(tmp_path_factory.mktemp("small-sponsor"), 3, extras=False)


@pytest.fixture(scope="session")
def odm_schema():
    """The official CDISC ODM 1.3.2 XML Schema as bundled by odmlib."""
    import odmlib
    from lxml import etree

    path = Path(odmlib.__file__).parent / "schemas" / "odm" / "1.3.2" / "ODM1-3-2.xsd"
    assert path.exists(), path
    return etree.XMLSchema(etree.parse(str(path)))
