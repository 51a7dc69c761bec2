"""The way back, end to end: site bundle → sponsor queries and SDV → return bundle → site answers and corrects
→ next bundle → the sponsor sees the answer and the corrected value with its audit record, and closes the queries."""

from __future__ import annotations

import json

from return_helpers import link, return_bundle, send, sponsor_query, user
from sync_helpers import add_sae

from sle_desktop.app import queries, returns, safety, sdv, visits

from sle_desktop.sponsor import queries as sponsor_queries
from sle_desktop.store import records
from sle_desktop.sponsor import db as sponsor_store, returns as sponsor_returns


def _sledai_uuid(site, subject_id: str, visit_code: str) -> tuple[str, str]:
    row = site.store.query_one(
        "SELECT a.uuid, a.visit_uuid FROM sledai_assessments a JOIN visits v ON v.uuid = a.visit_uuid "
        "JOIN subjects s ON s.uuid = a.subject_uuid WHERE s.subject_id = ? AND v.visit_code = ?", (subject_id, visit_code))
    return row["uuid"], row["visit_uuid"]


def test_queries_sdv_and_acknowledgements_make_the_round_trip(make_site, sponsor_db, sponsor_keys, tmp_path):
    site = make_site("BY01", subjects=8, seed=1)
    sae_uuid = add_sae(site)
    link(site, sponsor_db, sponsor_keys)
    assert sponsor_query(sponsor_db, "SELECT return_recipient FROM sites")[0]["return_recipient"] == \
        returns.return_recipient(site.store)
    first = send(site, sponsor_db, sponsor_keys)

    # sponsor: two queries (record found from subject, visit and form) and one form SDV
    q1 = sponsor_queries.raise_query(sponsor_db, site="BY01", subject="BY01-0003", visit="month_1",
                                     form="sledai_assessments", field="proteinuria",
                                     text="Proteinuria absent at month 1 while 24 h protein is 1.1 g/day: please check.")
    q2 = sponsor_queries.raise_query(sponsor_db, site="BY01", subject="BY01-0003", visit="month_3",
                                     form="sledai_assessments", field="pga", text="PGA 1.8 differs from the source notes.")
    sdv_uuid, _ = _sledai_uuid(site, "BY01-0003", "month_1")
    assert q1["record_uuid"] == sdv_uuid and q1["status"] == "open" and q1["value_at_raise"] == "0"
    sponsor_queries.mark_sdv(sponsor_db, site="BY01", record=sdv_uuid)
    ret = return_bundle(sponsor_db, sponsor_keys, tmp_path / "to-site")
    assert (ret.return_seq, ret.acked_bundles, ret.queries, ret.sdv_marks, ret.sae_acks) == (1, 1, 2, 1, 1)

    # site: import acknowledges bundle 1 and the SAE, stores both queries and the SDV mark
    result = returns.import_return(site.session, ret.path)
    assert result.acknowledged_bundles == [1] and result.sae_acknowledged == 1
    assert (result.queries_new, result.sdv_marks, result.warnings) == (2, 1, [])
    assert site.store.scalar("SELECT acknowledged_at FROM exports WHERE bundle_seq = 1")
    ae = records.get(site.store, "adverse_events", sae_uuid)
    assert ae["sae_acknowledged_at"]
    [clock] = [c for c in safety.sae_clocks(site.session) if c.ae_uuid == sae_uuid]
    assert clock.acknowledged_at and not clock.overdue
    assert site.store.query_one('SELECT reason FROM audit WHERE "table" = \'adverse_events\' AND row_id = ? AND '
                                "field = 'sae_acknowledged_at'", (sae_uuid,))["reason"].startswith("receipt confirmed")
    inv = user(site, "demo.investigator", "investigator")
    open_now = queries.open_queries(inv)
    assert {q.uuid for q in open_now} == {q1["uuid"], q2["uuid"]}
    assert [q.field for q in queries.queries_for_record(inv, "sledai_assessments", sdv_uuid)] == ["proteinuria"]
    mark = sdv.sdv_status(inv, "sledai_assessments", sdv_uuid)
    assert mark is not None and mark.valid

    # site: answer one; correct the other value through the normal use case (reason for change), then answer
    queries.answer_query(inv, q1["uuid"], "Checked against the lab report: dipstick negative, value is correct.")
    _, visit3 = _sledai_uuid(site, "BY01-0003", "month_3")
    current = visits.get_sledai(inv, visit3)
    visits.save_sledai(inv, visit3, current.codes, 1.5, reason="transcription error: source notes say PGA 1.5")
    answered = queries.answer_query(inv, q2["uuid"], "Corrected to 1.5 as in the source notes.")
    assert answered.status == "answered" and answered.correction.reason.startswith("transcription error")
    assert (answered.correction.old, answered.correction.new) == ("1.8", "1.5")
    assert queries.open_queries(inv) == []

    # next bundle: the sponsor sees both answers, the corrected value and its audit record
    second = send(site, sponsor_db, sponsor_keys)
    assert second.bundle_seq == 2
    by_uuid = {q["uuid"]: q for q in sponsor_queries.list_queries(sponsor_db, site="BY01")}
    assert by_uuid[q1["uuid"]]["status"] == "answered" and "dipstick" in by_uuid[q1["uuid"]]["answer"]
    assert by_uuid[q2["uuid"]]["status"] == "answered" and by_uuid[q2["uuid"]]["answered_by"] == "demo.investigator"
    assert json.loads(by_uuid[q2["uuid"]]["correction"])["new"] == "1.5"
    [record] = sponsor_query(sponsor_db, "SELECT data FROM records WHERE tbl = 'sledai_assessments' AND uuid = ?",
                             (q2["record_uuid"],))
    assert json.loads(record["data"])["pga"] == 1.5
    [trail] = sponsor_query(sponsor_db, 'SELECT old, new, reason, "user" FROM audit WHERE "table" = \'sledai_assessments\' '
                                        "AND row_id = ? AND field = 'pga'", (q2["record_uuid"],))
    assert (trail["old"], trail["new"], trail["user"]) == ("1.8", "1.5", "demo.investigator")
    assert trail["reason"] == "transcription error: source notes say PGA 1.5"

    # the sponsor closes both queries; every transition is in the sponsor's audit trail
    for q in (q1, q2):
        assert sponsor_queries.close_query(sponsor_db, q["uuid"], reason="answer accepted")["status"] == "closed"
    rows = sponsor_query(sponsor_db, "SELECT field, new, reason FROM sponsor_audit WHERE row_id = ? ORDER BY seq",
                         (q2["uuid"],))
    assert rows[0]["field"] == "*"
    assert ("status", '"answered"') in {(r["field"], r["new"]) for r in rows}
    assert ("status", '"closed"') in {(r["field"], r["new"]) for r in rows}
    assert sponsor_query(sponsor_db, "SELECT count(*) AS n FROM sponsor_audit WHERE \"table\" = 'sdv_marks'")[0]["n"] == 1
    store = sponsor_store.open_sponsor_store(sponsor_db)
    try:
        assert sponsor_returns.verify_audit(store).ok
    finally:
        store.close()

    # the closure reaches the site in the next return bundle (audited there too)
    ret2 = return_bundle(sponsor_db, sponsor_keys, tmp_path / "to-site")
    result2 = returns.import_return(site.session, ret2.path)
    assert result2.queries_updated == 2 and result2.acknowledged_bundles == [2]
    assert {q.status for q in queries.queries_for_record(inv, "sledai_assessments", q2["record_uuid"])} == {"closed"}
    assert site.store.scalar('SELECT count(*) FROM audit WHERE "table" = \'queries\' AND field = \'status\' AND '
                             "reason LIKE 'query closed by the sponsor%'") == 2
    assert first.bundle_seq == 1


def test_a_reopened_query_needs_a_new_answer(make_site, sponsor_db, sponsor_keys, tmp_path):
    site = make_site("BY01", subjects=8, seed=1)
    link(site, sponsor_db, sponsor_keys)
    send(site, sponsor_db, sponsor_keys)
    q = sponsor_queries.raise_query(sponsor_db, site="BY01", subject="BY01-0002", visit="month_1",
                                    form="sledai_assessments", field="pga", text="Please confirm the PGA.")
    returns.import_return(site.session, return_bundle(sponsor_db, sponsor_keys, tmp_path / "r").path)
    inv = user(site, "demo.investigator", "investigator")
    queries.answer_query(inv, q["uuid"], "Confirmed.")
    send(site, sponsor_db, sponsor_keys)
    reopened = sponsor_queries.reopen_query(sponsor_db, q["uuid"], text="Which source document?")
    assert reopened["status"] == "reopened" and reopened["version"] == 2
    returns.import_return(site.session, return_bundle(sponsor_db, sponsor_keys, tmp_path / "r").path)
    [view] = queries.open_queries(inv)
    assert view.status == "reopened" and "Which source document?" in view.text
    # the site's bundle still carries the old answer (given to version 1): the query stays re-opened
    send(site, sponsor_db, sponsor_keys)
    assert sponsor_queries.list_queries(sponsor_db, status="reopened")[0]["uuid"] == q["uuid"]
    queries.answer_query(inv, q["uuid"], "The clinic notes of the visit.")
    send(site, sponsor_db, sponsor_keys)
    [after] = sponsor_queries.list_queries(sponsor_db, site="BY01")
    assert (after["status"], after["answer"]) == ("answered", "The clinic notes of the visit.")
    assert [e["event"] for e in json.loads(after["history"])] == ["raised", "answered", "reopened", "answered"]
