"""Issue 24's attacks, each performed on a real site database file with plain `sqlite3` (triggers dropped first),
by someone holding the file but neither a password nor the machine key file. Each must be detected or refused
and named; an untouched history still verifies.

The attacker's tools are in this file: they recompute the public SHA-256 chain exactly as the application does
(so only the keyed MAC, which needs the site data key, can give them away).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from testkit import PASSWORD, TODAY, eligible_form

from sle_desktop import cli
from sle_desktop.app import audit_trail, safety, signatures, site, subjects, sync_site, visits
from sle_desktop.app.errors import AccountChanged, ConflictError
from sle_desktop.store.db import Store

FIELDS = ("seq", "at_utc", "at_local", "user", "table", "row_id", "field", "old", "new", "reason", "prev_hash")


# -- the attacker's tools ------------------------------------------------------------------------------------
def attacker(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("DROP TRIGGER IF EXISTS audit_no_update")
    conn.execute("DROP TRIGGER IF EXISTS audit_no_delete")
    return conn


def sha_row(row: dict) -> str:
    """The public chain hash, recomputed the way anyone can."""
    body = json.dumps({k: row[k] for k in FIELDS}, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256((row["prev_hash"] + body).encode("utf-8")).hexdigest()


def rows(conn, since: int = 0) -> list[dict]:
    cur = conn.execute('SELECT seq, at_utc, at_local, user, "table", row_id, field, old, new, reason, prev_hash, hash '
                       "FROM audit WHERE seq > ? ORDER BY seq", (since,))
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def rechain(conn, start: int) -> None:
    """Recompute prev_hash and hash of every row from `start` on (the consistent rewrite)."""
    prev = conn.execute("SELECT hash FROM audit WHERE seq = ?", (start - 1,)).fetchone()
    prev = prev[0] if prev else "0" * 64
    for row in rows(conn, start - 1):
        row["prev_hash"] = prev
        row["hash"] = sha_row(row)
        conn.execute("UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?", (row["prev_hash"], row["hash"], row["seq"]))
        prev = row["hash"]


def append_forged(conn, **values) -> int:
    """A correctly chained audit row under any user name, appended at the end."""
    last = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    row = {"seq": last[0] + 1, "at_utc": "2026-06-01T10:00:00.000000Z", "at_local": "2026-06-01T13:00:00+03:00",
           "user": "dr.mallory", "table": "subjects", "row_id": "x", "field": "status", "old": None,
           "new": '"withdrawn"', "reason": "entered late", "prev_hash": last[1]}
    row.update(values)
    row["hash"] = sha_row(row)
    conn.execute('INSERT INTO audit (seq, at_utc, at_local, user, "table", row_id, field, old, new, reason, prev_hash,'
                 " hash) VALUES (:seq, :at_utc, :at_local, :user, :table, :row_id, :field, :old, :new, :reason,"
                 " :prev_hash, :hash)", row)
    return row["seq"]


# -- the site under attack: a real site with data, an SAE and an approved signature -------------------------
@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A real (non-demo) site database with its machine key file, built once for the module."""
    import os

    root = tmp_path_factory.mktemp("real-site")
    previous = os.environ.get("SLE_DESKTOP_KEY_DIR")
    os.environ["SLE_DESKTOP_KEY_DIR"] = str(root / "keys")
    try:
        with Store.open(root / "site.sqlite") as store:
            admin = site.create_site(store, code="BY07", name="Minsk City Hospital", admin_username="admin",
                                     admin_name="Site Administrator", admin_password=PASSWORD)
            site.create_user(admin, username="inv", display_name="Dr Investigator", role="investigator",
                             password=PASSWORD)
            site.create_user(admin, username="mon", display_name="Monitor", role="monitor", password=PASSWORD)
            inv = site.login(store, "inv", PASSWORD)
            out = subjects.screen_subject(inv, eligible_form(), today=TODAY)
            subjects.enrol_patient(inv, out.subject_uuid, arm="msc", reason="investigator decision")
            visit = visits.record_visit(inv, out.subject_uuid, "baseline", date(2026, 1, 20), today=TODAY)
            sledai = visits.save_sledai(inv, visit.uuid, {"proteinuria", "hematuria"}, 1.5)
            ae = safety.record_adverse_event(inv, out.subject_uuid, safety.AdverseEventForm(
                term="Pneumonia", onset_date=date(2026, 2, 1), grade=4, serious=True,
                serious_criteria=("hospitalisation",), relationship="possible", action_taken="none",
                outcome="recovering", aware_at=datetime(2026, 2, 1, 9, 0, tzinfo=UTC)), today=TODAY)
            signatures.sign_record(inv, "sledai_assessments", sledai.uuid, password=PASSWORD, meaning="approved")
            site_uuid = site.site_info(store).site_uuid
    finally:
        if previous is None:
            os.environ.pop("SLE_DESKTOP_KEY_DIR", None)
        else:
            os.environ["SLE_DESKTOP_KEY_DIR"] = previous
    ae_uuid = ae if isinstance(ae, str) else ae.uuid
    return root, site_uuid, {"subject": out.subject_uuid, "sledai": sledai.uuid, "ae": ae_uuid}


@pytest.fixture
def real(template, tmp_path):
    """(database path, ids) of a fresh copy of the real site, its machine key file installed on 'this PC'."""
    from sle_desktop.store import keys

    root, site_uuid, ids = template
    path = tmp_path / "site.sqlite"
    shutil.copyfile(root / "site.sqlite", path)
    keys.key_dir().mkdir(parents=True, exist_ok=True)
    shutil.copyfile(root / "keys" / f"{site_uuid}.key", keys.key_dir() / f"{site_uuid}.key")
    return path, dict(ids, site_uuid=site_uuid)


def verify_cli(path, capsys) -> tuple[int, str]:
    capsys.readouterr()
    code = cli.main(["verify-audit", "--db", str(path)])
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, (out.out + out.err).strip()


def test_an_untouched_history_verifies(real, capsys):
    path, _ids = real
    code, text = verify_cli(path, capsys)
    assert code == 0 and "intact" in text, text


def test_appended_rows_under_any_user_name_are_named(real, capsys):
    path, _ids = real
    with attacker(path) as conn:
        forged = append_forged(conn)
    code, text = verify_cli(path, capsys)
    assert code == 1 and f"row {forged}:" in text and "authentication code" in text, text


def test_a_consistent_rewrite_of_unexported_history_is_named_and_not_exported(real, capsys, tmp_path):
    """The SAE's grade 4 -> 2 and its author changed, the chain recomputed: verify-audit names the row, and the
    next export refuses to carry it (so the sponsor never receives it)."""
    path, ids = real
    with attacker(path) as conn:
        seq, new = conn.execute('SELECT seq, new FROM audit WHERE "table" = \'adverse_events\' AND row_id = ? '
                                "AND field = '*'", (ids["ae"],)).fetchone()
        values = json.loads(new)
        assert values["grade"] == 4
        values["grade"] = 2
        conn.execute("UPDATE audit SET new = ?, user = 'dr.mallory' WHERE seq = ?",
                     (json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=False), seq))
        conn.execute("UPDATE adverse_events SET grade = 2, created_by = 'dr.mallory' WHERE uuid = ?", (ids["ae"],))
        rechain(conn, seq)
    code, text = verify_cli(path, capsys)
    assert code == 1 and f"row {seq}:" in text, text
    with Store.open(path) as store:
        session = site.cli_session(store)
        sync_site.set_sponsor_recipients(session, "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p\n")
        usb = tmp_path / "usb"
        usb.mkdir()
        with pytest.raises(ConflictError, match=f"row {seq}:"):
            sync_site.export_bundle(session, usb)
        assert not list(usb.iterdir()) and store.scalar("SELECT count(*) FROM exports") == 0


def test_a_forged_approval_is_named(real, capsys):
    """An 'approved' signature row with its audit row, chained correctly: the MAC names it, and the
    signature itself shows as invalid."""
    path, ids = real
    with attacker(path) as conn:
        sig = dict(conn.execute("SELECT * FROM signatures LIMIT 1").fetchone() and zip(
            [c[0] for c in conn.execute("SELECT * FROM signatures LIMIT 1").description],
            conn.execute("SELECT * FROM signatures LIMIT 1").fetchone()))
        forged = dict(sig, uuid="0f0f0f0f-0000-4000-8000-000000000001", record_table="adverse_events",
                      record_uuid=ids["ae"], signed_at="2026-06-01T10:00:00Z")
        seq = append_forged(conn, user="inv", table="signatures", row_id=forged["uuid"], field="*",
                            new=json.dumps({k: forged[k] for k in ("record_table", "record_uuid", "meaning", "signer",
                                                                  "signer_name", "signed_at", "content_hash",
                                                                  "signature")},
                                           sort_keys=True, separators=(",", ":")), reason=None)
        forged["change_seq"] = seq
        names = ", ".join(f'"{k}"' for k in forged)
        conn.execute(f"INSERT INTO signatures ({names}) VALUES ({', '.join('?' for _ in forged)})",
                     tuple(forged.values()))
    code, text = verify_cli(path, capsys)
    assert code == 1 and f"row {seq}:" in text, text
    with Store.open(path) as store:
        inv = site.login(store, "inv", PASSWORD)
        [status] = signatures.signatures_for(inv, "adverse_events", ids["ae"])
        assert status.status == "invalid" and not status.valid and "forged or copied" in status.reason


def test_a_signature_copied_onto_another_record_is_invalid_at_both_ends(make_site, sponsor_db, sponsor_keys,
                                                                        capsys):
    """Even written through the store by someone logged in (so the keyed trail is intact), a signature row
    copied onto another record shows as invalid at the site, verify-audit names it, and the sponsor refuses
    the bundle naming it."""
    from sync_helpers import db_state, import_one, register

    from sle_desktop.store import records
    from sle_desktop.sync.errors import BundleRejected

    demo = make_site("BY01", subjects=6, seed=2)
    register(demo, sponsor_db)
    store = demo.store
    genuine = store.query_one("SELECT * FROM signatures WHERE invalidated_at IS NULL AND meaning = 'approved' LIMIT 1")
    other = store.query_one("SELECT uuid FROM sledai_assessments WHERE uuid != ? LIMIT 1", (genuine["record_uuid"],))
    copied = {k: genuine[k] for k in ("record_table", "subject_uuid", "meaning", "signer", "signer_name", "signed_at",
                                      "content_hash", "signature")}
    copied["record_uuid"] = other["uuid"]
    copy_uuid = records.insert(store, "signatures", copied, user="demo.investigator")
    inv = site.login(store, "demo.investigator", "demo-password")
    statuses = {s.uuid: s for s in signatures.signatures_for(inv, "sledai_assessments", other["uuid"])}
    assert statuses[copy_uuid].status == "invalid"
    assert [s.status for s in signatures.signatures_for(inv, "sledai_assessments", genuine["record_uuid"])
            if s.uuid == genuine["uuid"]] == ["valid"]
    check = audit_trail.verify(store)
    assert not check.ok and copy_uuid in check.message and "invalid" in check.message
    exported = demo.export()
    before = db_state(sponsor_db)
    with pytest.raises(BundleRejected) as info:
        import_one(sponsor_db, sponsor_keys, exported.path)
    assert info.value.reason == "signature" and copy_uuid in str(info.value)
    assert db_state(sponsor_db) == before


def test_a_monitor_made_admin_by_sql_is_refused_at_log_in_and_reported(real, capsys):
    path, _ids = real
    with attacker(path) as conn:
        conn.execute("UPDATE users SET role = 'admin' WHERE username = 'mon'")
    with Store.open(path) as store:
        with pytest.raises(AccountChanged, match="account mon was changed outside the application"):
            site.login(store, "mon", PASSWORD)
        assert site.login(store, "inv", PASSWORD).role == "investigator"  # the others are unaffected
    code, text = verify_cli(path, capsys)
    assert code == 1 and "account mon was changed outside the application" in text, text


@pytest.mark.parametrize("column, value", [("active", 0), ("password_hash", "$argon2id$v=19$m=19456,t=2,p=1$x$y")])
def test_other_account_fields_changed_by_sql_are_reported(real, capsys, column, value):
    path, _ids = real
    with attacker(path) as conn:
        conn.execute(f"UPDATE users SET {column} = ? WHERE username = 'inv'", (value,))
    code, text = verify_cli(path, capsys)
    assert code == 1 and "account inv was changed outside the application" in text, text


def test_a_lockout_cleared_by_sql_is_refused_and_reported(real, capsys):
    from sle_desktop.app.errors import AccountLocked

    path, _ids = real
    with Store.open(path) as store:
        for _ in range(site.MAX_FAILED_LOGINS):
            with pytest.raises((site.AuthenticationFailed, AccountLocked)):
                site.login(store, "inv", "wrong password!")
    with attacker(path) as conn:
        conn.execute("UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE username = 'inv'")
    with Store.open(path) as store:
        with pytest.raises(AccountChanged, match="account inv was changed"):
            site.login(store, "inv", PASSWORD)
    code, text = verify_cli(path, capsys)
    assert code == 1 and "account inv" in text, text


def test_a_clinical_value_edited_without_an_audit_row_is_named(real, capsys):
    path, ids = real
    with attacker(path) as conn:
        conn.execute("UPDATE sledai_assessments SET pga = 0.5 WHERE uuid = ?", (ids["sledai"],))
    code, text = verify_cli(path, capsys)
    assert code == 1, text
    assert f"sledai_assessments record {ids['sledai']}, field pga" in text and "0.5" in text and "1.5" in text, text


def test_a_clinical_row_deleted_by_sql_is_named(real, capsys):
    path, ids = real
    with attacker(path) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("DELETE FROM adverse_events WHERE uuid = ?", (ids["ae"],))
    code, text = verify_cli(path, capsys)
    assert code == 1 and f"adverse_events record {ids['ae']}" in text and "missing" in text, text


def test_the_newest_rows_cut_off_are_noticed(real, capsys):
    path, _ids = real
    with attacker(path) as conn:
        last = conn.execute("SELECT max(seq) FROM audit").fetchone()[0]
        conn.execute("DELETE FROM audit WHERE seq > ?", (last - 3,))
    code, text = verify_cli(path, capsys)
    assert code == 1 and f"row {last}:" in text and "removed from its end" in text, text


def test_rows_reordered_are_named(real, capsys):
    path, _ids = real
    with attacker(path) as conn:
        conn.execute("UPDATE audit SET seq = -1 WHERE seq = 10")
        conn.execute("UPDATE audit SET seq = 10 WHERE seq = 11")
        conn.execute("UPDATE audit SET seq = 11 WHERE seq = -1")
    code, text = verify_cli(path, capsys)
    assert code == 1 and "row 10:" in text, text


def test_make_demo_refuses_a_real_site_and_leaves_it_byte_for_byte(real, capsys):
    path, _ids = real
    Store.open(path).close()  # checkpointed: the file alone holds the site
    before = path.read_bytes()
    capsys.readouterr()
    assert cli.main(["make-demo", "--db", str(path), "--subjects", "3"]) == 1
    err = capsys.readouterr().err
    assert "is not a demo database" in err and "Nothing was changed" in err and "Traceback" not in err
    assert path.read_bytes() == before


def test_make_demo_refuses_a_real_site_whose_demo_column_was_set_by_sql(real, capsys):
    path, _ids = real
    with attacker(path) as conn:
        conn.execute("UPDATE site SET demo = 1")
    before = path.read_bytes()
    assert cli.main(["make-demo", "--db", str(path), "--subjects", "3"]) == 1
    assert "is not a demo database" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_make_demo_refuses_a_file_that_is_not_a_site(tmp_path, capsys):
    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"my own notes, not a database" * 40)
    before = path.read_bytes()
    assert cli.main(["make-demo", "--db", str(path), "--subjects", "3"]) == 1
    assert "is not a demo database" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_make_demo_extends_its_own_demo_site(tmp_path, capsys):
    path = tmp_path / "demo.sqlite"
    assert cli.main(["make-demo", "--db", str(path), "--subjects", "2"]) == 0
    assert cli.main(["make-demo", "--db", str(path), "--subjects", "2", "--seed", "9"]) == 0
    with Store.open(path) as store:
        site.cli_session(store)  # the demo mark is checked against the keyed trail
        assert store.scalar("SELECT count(*) FROM subjects") == 4 and site.is_demo(store)
