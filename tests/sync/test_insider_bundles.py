"""A hostile site insider holding the site's real signing key: its bundles touch only its own site.

Each attack is a genuinely signed, correctly audited bundle of site BY01 (made through the store's audited
writes with the site's foreign keys switched off, then exported as usual); each is refused naming the record,
and the sponsor database stays unchanged byte for byte.
"""

from __future__ import annotations

import json

import pytest
from sync_helpers import crafted_bundle, db_state, header_line, import_one, payload_reader, register  # noqa: F401 (a fixture)

# every refusal the same whether the payload is read in the importer or by its helper process (sponsor.prefetch)
pytestmark = pytest.mark.usefixtures("payload_reader")

from sle_desktop.sponsor import db as sponsor_store
from sle_desktop.store import records
from sle_desktop.store.audit import canonical_json
from sle_desktop.sync import site_export
from sle_desktop.sync.errors import BundleRejected


@pytest.fixture
def two_sites(make_site, sponsor_db, sponsor_keys):
    """Sites BY01 (the insider) and BY02, both registered, each with its first bundle imported."""
    a = make_site("BY01", subjects=4, seed=3)
    b = make_site("BY02", subjects=4, seed=5)
    for site in (a, b):
        register(site, sponsor_db)
        import_one(sponsor_db, sponsor_keys, site.export().path)
    return a, b


def refused(sponsor_db, sponsor_keys, path, reason) -> str:
    before = db_state(sponsor_db)
    with pytest.raises(BundleRejected) as info:
        import_one(sponsor_db, sponsor_keys, path)
    assert info.value.reason == reason, str(info.value)
    assert db_state(sponsor_db) == before
    return str(info.value)


def _unchecked(site):
    """The insider's own connection: foreign keys off, so rows may point at records the site does not hold."""
    site.store.conn.execute("PRAGMA foreign_keys = OFF")
    return site.store


def _subject(site) -> str:
    return site.store.scalar("SELECT uuid FROM subjects WHERE status = 'enrolled' ORDER BY subject_id LIMIT 1")


def test_an_sae_on_another_sites_subject_is_refused(two_sites, sponsor_db, sponsor_keys):
    a, b = two_sites
    victim = _subject(b)
    ae = records.insert(_unchecked(a), "adverse_events", {
        "subject_uuid": victim, "term": "Sudden death", "onset_date": "2026-05-30", "grade": 5, "serious": 1,
        "serious_criteria": '["death"]', "relationship": "unrelated", "aware_at": "2026-05-30T10:00:00Z"},
        user="demo.investigator")
    message = refused(sponsor_db, sponsor_keys, a.export().path, "foreign")
    assert f"adverse_events record {ae} points (subject_uuid) at subjects record {victim}" in message
    assert "site BY01 has never sent" in message


def test_moving_a_visit_onto_another_sites_subject_is_refused(two_sites, sponsor_db, sponsor_keys):
    a, b = two_sites
    visit = a.store.scalar("SELECT uuid FROM visits ORDER BY uuid LIMIT 1")
    records.update(_unchecked(a), "visits", visit, {"subject_uuid": _subject(b)}, user="demo.investigator",
                   reason="moved")
    message = refused(sponsor_db, sponsor_keys, a.export().path, "foreign")
    assert f"visits record {visit} points (subject_uuid)" in message


def test_a_record_naming_its_subject_and_another_subjects_visit_is_refused(two_sites, sponsor_db, sponsor_keys):
    a, _b = two_sites
    first, second = [r["uuid"] for r in a.store.query(
        "SELECT uuid FROM subjects WHERE status = 'enrolled' ORDER BY subject_id LIMIT 2")]
    visit = a.store.scalar("SELECT uuid FROM visits WHERE subject_uuid = ? LIMIT 1", (second,))
    lab = records.insert(a.store, "deviations", {"subject_uuid": first, "visit_uuid": visit, "kind": "other",
                                                 "description": "x", "detected_on": "2026-05-30"},
                         user="demo.investigator")
    message = refused(sponsor_db, sponsor_keys, a.export().path, "inconsistent")
    assert f"deviations record {lab} names subject {first} but visit {visit}, which is another subject's" in message


def test_a_subject_id_with_another_sites_prefix_is_refused(two_sites, sponsor_db, sponsor_keys):
    a, _b = two_sites
    subject = _subject(a)
    records.update(a.store, "subjects", subject, {"subject_id": "BY02-0001"}, user="demo.investigator",
                   reason="renumbered")
    message = refused(sponsor_db, sponsor_keys, a.export().path, "foreign")
    assert f"subject record {subject}: subject_id 'BY02-0001' is not an identifier of site BY01" in message


def test_reusing_another_sites_record_uuid_never_blocks_that_site(two_sites, sponsor_db, sponsor_keys):
    a, b = two_sites
    theirs = b.store.scalar("SELECT uuid FROM con_meds ORDER BY uuid LIMIT 1")
    records.insert(a.store, "con_meds", {"subject_uuid": _subject(a), "drug": "Aspirin"}, user="demo.investigator",
                   record_uuid=theirs)
    assert import_one(sponsor_db, sponsor_keys, a.export().path).status == "imported"  # A's own record
    records.update(b.store, "con_meds", theirs, {"indication": "pain"}, user="demo.investigator", reason="completed")
    result = import_one(sponsor_db, sponsor_keys, b.export().path)
    assert result.status == "imported" and result.records_updated >= 1
    rows = sponsor_store.open_sponsor_store(sponsor_db)
    try:
        held = rows.query("SELECT s.code, r.data FROM records r JOIN sites s USING (site_uuid) "
                          "WHERE r.tbl = 'con_meds' AND r.uuid = ? ORDER BY s.code", (theirs,))
    finally:
        rows.close()
    assert [h["code"] for h in held] == ["BY01", "BY02"]
    assert '"indication":"pain"' in held[1]["data"] and '"drug":"Aspirin"' in held[0]["data"]


def test_reusing_another_sites_subject_uuid_is_refused(two_sites, sponsor_db, sponsor_keys):
    a, b = two_sites
    theirs = _subject(b)
    records.insert(a.store, "subjects", {"screening_number": "BY01-S9999", "status": "screened", "sex": "F",
                                         "year_of_birth": 1990}, user="demo.investigator", record_uuid=theirs)
    message = refused(sponsor_db, sponsor_keys, a.export().path, "foreign")
    assert f"subjects record {theirs} has the UUID of another site's record" in message


def test_an_extra_column_in_the_site_schema_is_refused(two_sites, sponsor_db, sponsor_keys):
    a, _b = two_sites
    a.store.conn.execute("ALTER TABLE con_meds ADD COLUMN smuggled TEXT")
    records.insert(a.store, "con_meds", {"subject_uuid": _subject(a), "drug": "Aspirin"}, user="demo.investigator")
    message = refused(sponsor_db, sponsor_keys, a.export().path, "inconsistent")
    assert "gives con_meds a column 'smuggled' that the con_meds form does not have" in message


@pytest.mark.parametrize(("change", "expected"), [
    (lambda t: t["con_meds"].append(list(t["con_meds"][1])), "lists the con_meds column {second!r} twice"),
    (lambda t: t["con_meds"].append(["Bad Name", "TEXT"]), "has an invalid column for con_meds"),
    (lambda t: t["con_meds"].append(["note", "X" * 41]), "has an invalid column for con_meds"),
    (lambda t: t.update(smuggled=t.pop("con_meds")), "lists an unknown table 'smuggled'"),
])
def test_a_header_with_a_bad_column_list_is_refused(make_site, sponsor_db, sponsor_keys, tmp_path, change, expected):
    site = make_site("BY01", subjects=2, seed=4)
    register(site, sponsor_db)
    recipient = sponsor_keys.public_path.read_text().split()[-1]
    header = json.loads(header_line(site))
    tables = header["tables"]
    second = tables["con_meds"][1][0]
    change(tables)
    bad = tmp_path / "header.slebundle"
    bad.write_bytes(crafted_bundle(site, [(canonical_json(header) + "\n").encode()], recipients=[recipient]))
    message = refused(sponsor_db, sponsor_keys, bad, "malformed")
    assert expected.format(second=second) in message


def test_a_record_with_an_extra_field_is_refused(make_site, sponsor_db, sponsor_keys, tmp_path):
    site = make_site("BY01", subjects=2, seed=4)
    register(site, sponsor_db)
    recipient = sponsor_keys.public_path.read_text().split()[-1]
    subject = site.store.scalar("SELECT uuid FROM subjects LIMIT 1")
    blank = dict.fromkeys(c for c, _ in site_export.table_columns(site.store)["con_meds"])
    row = dict(blank, uuid="00000000-0000-4000-8000-000000000001", change_seq=1, subject_uuid=subject, drug="X",
               extra="smuggled")
    line = (canonical_json({"type": "row", "table": "con_meds", "row": row}) + "\n").encode()
    bad = tmp_path / "extra.slebundle"
    bad.write_bytes(crafted_bundle(site, [header_line(site), line], recipients=[recipient]))
    message = refused(sponsor_db, sponsor_keys, bad, "inconsistent")
    assert "con_meds record 00000000-0000-4000-8000-000000000001 does not have the columns of its form " \
           "(extra column(s) extra)" in message


def test_a_rewritten_created_by_is_refused(two_sites, sponsor_db, sponsor_keys):
    a, _b = two_sites
    subject = _subject(a)
    a.store.conn.execute("UPDATE subjects SET created_by = 'dr.someone.else' WHERE uuid = ?", (subject,))
    message = refused(sponsor_db, sponsor_keys, a.export(since_seq=0).path, "inconsistent")
    assert f"subjects record {subject} of site BY01: created_by is 'dr.someone.else' but its audit trail says" in message


def test_a_rewritten_updated_by_is_refused(two_sites, sponsor_db, sponsor_keys):
    a, _b = two_sites
    subject = _subject(a)
    records.update(a.store, "subjects", subject, {"arm_reason": "checked"}, user="demo.investigator", reason="typo")
    a.store.conn.execute("UPDATE subjects SET updated_by = 'dr.someone.else' WHERE uuid = ?", (subject,))
    message = refused(sponsor_db, sponsor_keys, a.export().path, "inconsistent")
    assert "updated_by is 'dr.someone.else' but its audit trail says 'demo.investigator'" in message


def test_a_field_changed_without_an_audit_row_is_refused(two_sites, sponsor_db, sponsor_keys):
    a, _b = two_sites
    visit = a.store.scalar("SELECT uuid FROM visits ORDER BY uuid LIMIT 1")
    a.store.conn.execute("UPDATE visits SET deleted = 1 WHERE uuid = ?", (visit,))  # raw SQL: no audit row
    message = refused(sponsor_db, sponsor_keys, a.export(since_seq=0).path, "inconsistent")
    assert f"visits record {visit} of site BY01: deleted is '1' although its audit trail never set it" in message


def test_an_audit_row_naming_a_field_the_record_lacks_is_refused(two_sites, sponsor_db, sponsor_keys):
    a, _b = two_sites
    subject = _subject(a)
    records.update(a.store, "subjects", subject, {"arm_reason": "checked"}, user="demo.investigator", reason="typo")
    seq = a.store.scalar("SELECT max(seq) FROM audit")
    conn = a.store.conn
    conn.execute("DROP TRIGGER IF EXISTS audit_no_update")
    conn.execute("UPDATE audit SET field = 'favourite_colour' WHERE seq = ?", (seq,))
    rows = [dict(r) for r in a.store.query("SELECT * FROM audit WHERE seq >= ? ORDER BY seq", (seq,))]
    from sle_desktop.store import audit as audit_mod

    key = audit_mod.key_of(conn)  # an insider holding the audit key recomputes hashes, MACs and the head pin
    for r in rows:
        r["prev_hash"] = a.store.scalar("SELECT hash FROM audit WHERE seq = ?", (r["seq"] - 1,))
        r["hash"] = audit_mod.row_hash({k: r[k] for k in audit_mod.AUDIT_FIELDS})
        conn.execute("UPDATE audit SET prev_hash = ?, hash = ?, mac = ? WHERE seq = ?",
                     (r["prev_hash"], r["hash"], audit_mod.mac(key, r["hash"]), r["seq"]))
    audit_mod._pin(conn, key, audit_mod.HEAD, rows[-1]["seq"], rows[-1]["hash"])
    message = refused(sponsor_db, sponsor_keys, a.export().path, "inconsistent")
    assert f"subjects record {subject} of site BY01: audit row {seq} names a field or holds a value" in message
