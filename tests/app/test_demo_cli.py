"""The demo generator and the headless site commands (make-demo, verify-audit)."""

import sqlite3

from sle_desktop import cli
from sle_desktop.app import audit_trail, demo, site, subjects
from sle_desktop.store.db import Store


def _fingerprint(store):
    """Subjects and every SELENA-SLEDAI value, keyed by what a reader sees (record UUIDs are random)."""
    subjects_ = store.query("SELECT subject_id, screening_number, status, arm, sex, year_of_birth FROM subjects "
                            "ORDER BY screening_number")
    assessments = store.query("SELECT s.subject_id, v.visit_code, v.visit_date, a.score, a.pga FROM sledai_assessments a "
                              "JOIN visits v ON v.uuid = a.visit_uuid JOIN subjects s ON s.uuid = a.subject_uuid "
                              "ORDER BY s.subject_id, v.visit_date, v.visit_code")
    return [dict(r) for r in subjects_], [dict(r) for r in assessments]


def test_demo_is_deterministic_by_seed_and_realistic(tmp_path):
    a, b, c = Store.memory(), Store.memory(), Store.memory()
    for s, seed in ((a, 5), (b, 5), (c, 6)):
        demo.make_demo(s, subjects_count=30, seed=seed)
    assert _fingerprint(a) == _fingerprint(b) != _fingerprint(c)
    arms = {r["arm"] for r in a.query("SELECT arm FROM subjects WHERE status = 'enrolled'")}
    assert arms == {"msc", "standard"}
    assert a.scalar("SELECT count(*) FROM sledai_assessments") > 30
    assert a.scalar("SELECT count(*) FROM infusions") > 0
    assert audit_trail.verify(a).ok
    inv = site.login(a, "demo.investigator", demo.DEMO_PASSWORD)
    assert len(subjects.list_subjects(inv)) == 30


def test_make_demo_and_verify_audit_commands(tmp_path, capsys):
    db = tmp_path / "demo.sqlite"
    assert cli.main(["make-demo", "--db", str(db), "--subjects", "12", "--seed", "3"]) == 0
    assert "12 screened" in capsys.readouterr().out
    assert cli.main(["verify-audit", "--db", str(db)]) == 0
    assert "intact" in capsys.readouterr().out
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TRIGGER audit_no_update")
        conn.execute("UPDATE audit SET reason = 'tampered' WHERE seq = 7")
    assert cli.main(["verify-audit", "--db", str(db)]) == 1
    assert "row 7" in capsys.readouterr().err


def test_verify_audit_on_missing_db_fails_clearly(tmp_path, capsys):
    assert cli.main(["verify-audit", "--db", str(tmp_path / "nope.sqlite")]) == 1
    assert "No database" in capsys.readouterr().err
