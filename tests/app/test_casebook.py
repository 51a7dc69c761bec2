"""The casebook use case: every record of one subject, in visit order, with derived scores and each record's trail."""

import pytest

from testkit import casebook_subject
from sle_desktop.app import casebook, trends
from sle_desktop.app.errors import NotFound
from sle_desktop.store import records


@pytest.fixture
def book_subject(investigator):
    return investigator, casebook_subject(investigator)


def test_every_visit_in_date_order_with_its_sledai_labs_and_derived_scores(book_subject):
    session, uuid = book_subject
    book = casebook.subject_casebook(session, uuid)
    stored = session.store.query("SELECT uuid, visit_code, visit_date FROM visits WHERE subject_uuid = ? "
                                 "ORDER BY visit_date", (uuid,))
    assert [v.record.uuid for v in book.visits] == [r["uuid"] for r in stored] and len(book.visits) == 10
    derived = trends.patient_trends(session, uuid)
    for i, v in enumerate(book.visits):
        row = session.store.query_one("SELECT * FROM sledai_assessments WHERE visit_uuid = ?", (v.record.uuid,))
        assert v.sledai.score == row["score"] and v.sledai.pga == row["pga"] and v.sledai.flare == row["flare"]
        assert {d.code for d in v.sledai.descriptors} == {c for c in records.columns(session.store, "sledai_assessments")
                                                          if c in casebook.sledai.BY_CODE and row[c]}
        assert v.sledai.change_from_baseline == int(derived.change[i])
        assert v.sledai.sri4_without_bilag == derived.sri4[i]
        assert {lab.test for lab in v.labs} == {"platelets", "hemoglobin", "creatinine"}
        assert v.egfr is not None
    hb = next(lab for lab in book.visits[0].labs if lab.test == "hemoglobin")
    assert (hb.value, hb.lln, hb.flag) == (118, 120, "L")


def test_each_record_carries_its_audit_rows_signatures_and_paper_source(book_subject):
    session, uuid = book_subject
    book = casebook.subject_casebook(session, uuid)
    by_code = {v.code: v for v in book.visits}
    month3 = by_code["month_3"].sledai
    reasons = [a.reason for a in month3.record.audit]
    assert "fever confirmed from the nursing chart" in reasons and "fever was drug-induced" in reasons
    [signature] = month3.record.signatures
    assert not signature.valid  # changed after signing
    assert by_code["month_1"].sledai.record.signatures and all(s.valid for s in by_code["month_1"].sledai.record.signatures)
    ids = [session.store.scalar("SELECT count(*) FROM audit WHERE row_id = ?", (t.uuid,))
           for t in (book.subject, *book.adverse_events, *book.infusions, *book.con_meds)]
    assert ids == [len(t.audit) for t in (book.subject, *book.adverse_events, *book.infusions, *book.con_meds)]
    [paper] = [v.record for v in book.visits if ("Source", "paper_crf") in v.record.fields]
    assert paper.fields[0] == ("Visit date", "2026-03-21")  # the unscheduled visit on day 60
    assert paper.audit[0].field == "*" and paper.audit[0].reason == records.PAPER_CRF
    assert book.chain_head_seq == session.store.scalar("SELECT max(seq) FROM audit")


def test_pseudonymous_unless_identifiers_are_asked_for(book_subject):
    session, uuid = book_subject
    assert casebook.subject_casebook(session, uuid).identifiers is None
    named = dict(casebook.subject_casebook(session, uuid, include_identifiers=True).identifiers)
    assert named["Name"] == "Olga Ivanovna Petrova" and named["National ID"] == "4010190B002PB7"


def test_an_unknown_subject_is_refused(investigator):
    with pytest.raises(NotFound):
        casebook.subject_casebook(investigator, "00000000-0000-4000-8000-000000000000")
