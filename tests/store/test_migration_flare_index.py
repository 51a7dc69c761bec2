"""The "SELENA Flare Index inputs" migration: an old (v6) site database holding data migrates to latest;
assessments recorded before it keep their SLEDAI/PGA flare, marked partial; signatures stay valid."""

from datetime import date

from testkit import old_site_database
from sle_desktop.app import demo, signatures, site, subjects, trends, visits
from sle_desktop.store import audit, migrations, records
from sle_desktop.store.db import Store

TODAY = date(2026, 6, 1)


def _flare_migration() -> int:
    return next(v for v, description, _ in migrations.MIGRATIONS if description.startswith("SELENA Flare Index inputs"))


def _fill(signed: dict):
    """A demo site with one signed follow-up assessment (its uuid goes into `signed`)."""
    def fill(store):
        demo.make_demo(store, subjects_count=10, seed=4, today=TODAY)
        # the old version had no flare-index columns: its rows hold what the migration fills in (the defaults),
        # so the signature below covers the same content as one made by the old version
        store.conn.execute("UPDATE sledai_assessments SET flare_manifestations = '[]', added_nsaid_or_hcq = 0, "
                           "new_immunosuppressant = 0, hospitalised_for_sle = 0, prednisone_mg_per_kg_day = NULL, "
                           "flare_sources = '{}', flare_index = NULL, flare_index_reasons = '[]', "
                           "flare_index_complete = 0")
        session = site.login(store, demo.DEMO_USERS[0][0], demo.DEMO_PASSWORD)
        uuid = store.scalar("SELECT uuid FROM sledai_assessments WHERE flare IS NOT NULL ORDER BY rowid LIMIT 1")
        signed["sig"] = signatures.sign_record(session, "sledai_assessments", uuid, password=demo.DEMO_PASSWORD,
                                               meaning="authored")
        signed["uuid"] = uuid
    return fill


def test_migrating_an_old_database_keeps_sledai_pga_flares_as_partial(tmp_path):
    version = _flare_migration()
    path = tmp_path / "site.sqlite"
    signed: dict = {}
    old_site_database(path, version - 1, _fill(signed))
    old = Store.open(path, migrate=False)
    assert migrations.current_version(old) == version - 1
    assert "flare_index" not in records.columns(old, "sledai_assessments")
    # the signature as the old version stored it: the hash of the old row
    old.conn.execute("UPDATE signatures SET content_hash = ? WHERE uuid = ?",
                     (records.content_hash(old, "sledai_assessments", signed["uuid"]), signed["sig"]))
    old_rows = {r["uuid"]: (r["score"], r["pga"], r["flare"]) for r in old.query("SELECT * FROM sledai_assessments")}
    old_listing = {r["subject_uuid"]: r["last_sledai"] for r in old.query("SELECT * FROM subject_listing")}
    assert any(flare is not None for *_x, flare in old_rows.values())
    old.close()

    with Store.open(path) as store:
        assert migrations.current_version(store) == migrations.LATEST
        rows = store.query("SELECT * FROM sledai_assessments")
        assert {r["uuid"]: (r["score"], r["pga"], r["flare"]) for r in rows} == old_rows  # SLEDAI/PGA result kept
        assert {(r["flare_index_complete"], r["flare_index"], r["flare_index_reasons"]) for r in rows} == \
            {(0, None, "[]")}
        assert store.scalar("SELECT count(*) FROM con_meds WHERE drug_class IS NOT NULL") == 0
        assert store.scalar("SELECT count(*) FROM visits WHERE weight_kg IS NOT NULL") == 0
        assert store.scalar("SELECT count(*) FROM adverse_events WHERE hospitalised_for_sle != 0") == 0
        session = site.login(store, demo.DEMO_USERS[0][0], demo.DEMO_PASSWORD)
        assert audit.verify_audit(store).ok  # the keyed trail is checked once the site key is unlocked
        [sig] = [s for s in signatures.signatures_for(session, "sledai_assessments", signed["uuid"])
                 if s.uuid == signed["sig"]]
        assert sig.valid, "a signature made before the migration must stay valid"

        # shown as the SLEDAI/PGA result, marked partial: in the form, the subject list and the plots
        a = store.query_one("SELECT * FROM sledai_assessments WHERE uuid = ?", (signed["uuid"],))
        got = visits.get_sledai(session, a["visit_uuid"])
        assert got.flare == a["flare"] and got.flare_index is None and got.flare_index_complete is False
        listed = subjects.list_subjects(session, today=TODAY)
        assessed = [s for s in listed if s.last_sledai is not None]
        assert assessed and all(s.last_flare_complete is False for s in assessed)
        new_listing = {r["subject_uuid"]: r["last_sledai"] for r in store.query("SELECT * FROM subject_listing")}
        assert {k: v for k, v in new_listing.items() if v is not None} == \
            {k: v for k, v in old_listing.items() if v is not None}
        t = trends.patient_trends(session, a["subject_uuid"])
        assert not any(t.flare_complete) and all(f is None for f in t.flare_index)
        assert t.flare_shown == t.flare  # the SLEDAI/PGA parts, shown as partial

        # re-saving (a correction) records the complete index
        result = visits.save_sledai(session, a["visit_uuid"], got.codes, got.pga, reason="index inputs confirmed",
                                    flare=visits.FlareInputs(hospitalised_for_sle=True))
        assert result.flare_index == "severe" and "hospitalised_for_sle" in result.flare_reasons
        assert visits.get_sledai(session, a["visit_uuid"]).flare_index_complete is True
        assert not signatures.signatures_for(session, "sledai_assessments", signed["uuid"])[0].valid


def test_new_columns_are_constrained(tmp_path):
    import sqlite3

    import pytest

    with Store.open(tmp_path / "site.sqlite") as store:
        store.conn.execute("INSERT INTO subjects (uuid, change_seq, created_at, created_by, screening_number, status) "
                           "VALUES ('s', 1, 't', 'u', 'S1', 'screened')")
        store.conn.execute("INSERT INTO con_meds (uuid, change_seq, created_at, created_by, subject_uuid, drug) "
                           "VALUES ('c', 1, 't', 'u', 's', 'x')")
        for bad in ("drug_class = 'steroids'", "steroid = 'betamethasone'", "frequency_code = 'hourly'"):
            with pytest.raises(sqlite3.IntegrityError):
                store.conn.execute(f"UPDATE con_meds SET {bad}")
        store.conn.execute("UPDATE con_meds SET drug_class = 'corticosteroid', steroid = 'dexamethasone'")
        assert store.scalar("SELECT steroid FROM con_meds") == "dexamethasone"
