"""Hostile or broken local files and absurd form values: clear messages, nothing lost, text kept verbatim."""

import base64
import os
from datetime import date

import pytest

from testkit import TODAY, eligible_form
from sle_desktop.app import safety, site, subjects
from sle_desktop.app.errors import ValidationError
from sle_desktop.app.study import read_study_file
from sle_desktop.domain.study import StudyDefinitionError
from sle_desktop.resources import resource_path
from sle_desktop.store import keys

DEFAULT = resource_path("study", "sle-msc.toml").read_text("utf-8")


@pytest.mark.parametrize("content", [
    b"",
    b"\xff\xfe\x00garbage\x80\x81",
    b"this is = = not toml [[[",
    b"a = [" * 5000,
    DEFAULT.replace("target_day = 30", 'target_day = "thirty"').encode(),
    DEFAULT.replace("window_days = 7", "window_days = -7").encode(),
    DEFAULT.replace('code = "month_3"', 'code = "month_1"').encode(),
    b'study_id = "x"\n' + b"# padding\n" * 200_000,
])
def test_broken_study_definition_is_refused_with_a_message(tmp_path, content):
    path = tmp_path / "study.toml"
    path.write_bytes(content)
    with pytest.raises(StudyDefinitionError) as err:
        read_study_file(path)
    assert str(err.value).strip() and "Traceback" not in str(err.value)


def test_missing_study_definition_file(tmp_path):
    with pytest.raises(StudyDefinitionError, match="Cannot read"):
        read_study_file(tmp_path / "absent.toml")


def test_default_study_definition_loads():
    study = read_study_file(resource_path("study", "sle-msc.toml"))
    assert [v.code for v in study.visits][:5] == ["screening", "baseline", "month_1", "month_3", "month_6"]


@pytest.mark.parametrize("content", [b"", b"not base64 at all!!", base64.b64encode(b"short") + b"\n",
                                     base64.b64encode(os.urandom(32)) + b"\n"])
def test_broken_or_foreign_machine_key_file_is_explained(admin, store, tmp_path, content):
    info = site.site_info(store)
    (tmp_path / "keys" / f"{info.site_uuid}.key").write_bytes(content)
    with pytest.raises(keys.KeyUnavailable, match="does not belong to this database or is damaged"):
        site.cli_session(store)


def test_machine_key_file_is_private(admin, store, tmp_path):
    if os.name != "posix":
        pytest.skip("POSIX permissions only")
    path = tmp_path / "keys" / f"{site.site_info(store).site_uuid}.key"
    assert oct(path.stat().st_mode & 0o777) == "0o600"


@pytest.mark.parametrize("name", [
    "Алена Ковальчук", "‏مريم الحسن‏", "Zoë 🧪 O'Brien-Smith", "Robert'); DROP TABLE subjects;--", "李 小龍",
])
def test_unusual_names_are_stored_and_read_back_exactly(investigator, name):
    outcome = subjects.screen_subject(investigator, eligible_form(full_name=name), today=TODAY)
    assert subjects.identifiers(investigator, outcome.subject_uuid)["full_name"] == name
    assert investigator.store.scalar("SELECT count(*) FROM subjects") == 1


def test_huge_free_text_is_refused_not_truncated(enrolled):
    session, uuid, _ = enrolled
    form = safety.AdverseEventForm(term="x" * 100_000, onset_date=date(2026, 2, 1), grade=1, relationship="unrelated",
                                   outcome="recovered")
    with pytest.raises(ValidationError, match="too long"):
        safety.record_adverse_event(session, uuid, form, today=TODAY)
    assert session.store.scalar("SELECT count(*) FROM adverse_events") == 0


def test_sql_metacharacters_in_free_text_are_data(enrolled):
    session, uuid, _ = enrolled
    term = "Rash'; DELETE FROM audit; --"
    form = safety.AdverseEventForm(term=term, onset_date=date(2026, 2, 1), grade=1, relationship="unrelated", outcome="recovered")
    safety.record_adverse_event(session, uuid, form, today=TODAY)
    assert safety.list_adverse_events(session, uuid)[0].term == term
    assert session.store.scalar("SELECT count(*) FROM audit") > 0


# -- key files: sponsor recipients (site side) and site key files (sponsor side) ---------------------------
_RECIPIENT = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"


@pytest.mark.parametrize("text,message", [
    ("\x00\x01\x02binary\xff" * 100, "not an age public key"),
    ("age1" + "q" * 58, "not a valid age public key"),
    (_RECIPIENT + "\x00", "not a valid age public key"),
    ("# label\n" * 20000, "too large"),
    ("\n".join(str(__import__("pyrage").x25519.Identity.generate().to_public()) for _ in range(11)), "at most 10"),
    ("\u202eage1" + "x" * 58, "not an age public key"),
])
def test_hostile_sponsor_recipient_text_is_refused(admin, text, message):
    from sle_desktop.app import sync_site

    before = admin.store.scalar("SELECT max(seq) FROM audit")
    with pytest.raises(ValidationError, match=message) as err:
        sync_site.set_sponsor_recipients(admin, text)
    assert len(str(err.value)) < 300 and "Traceback" not in str(err.value)
    assert admin.store.scalar("SELECT count(*) FROM sponsor_recipients") == 0
    assert admin.store.scalar("SELECT max(seq) FROM audit") == before


@pytest.mark.parametrize("content,message", [
    (os.urandom(4096), "not a text file"),
    (b"age1" * 30_000, "too large"),
    (b"", "no age public key"),
])
def test_hostile_sponsor_key_file_through_the_command(tmp_path, capsys, content, message):
    from sle_desktop import cli

    db = tmp_path / "site.sqlite"
    from sle_desktop.store.db import Store

    with Store.open(db) as s:
        site.create_site(s, code="BY01", name="S", admin_username="admin", admin_name="A", admin_password="x" * 12)
    key_file = tmp_path / "sponsor.pub"
    key_file.write_bytes(content)
    assert cli.main(["set-sponsor", "--db", str(db), str(key_file)]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and len(err) < 400, err


def _site_key_text(site_uuid="5f0c1f8e-8a43-4d8e-9e1b-4f4b0a3f9d10"):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from sle_desktop.sync import keys as sync_keys

    public = Ed25519PrivateKey.generate().public_key().public_bytes_raw()
    return sync_keys.format_site_key(sync_keys.SiteKey(site_uuid, "BY01", "Ward 7", "SLE-MSC", public))


@pytest.mark.parametrize("mutate,message", [
    (lambda t: os.urandom(3000), "not a text file"),
    (lambda t: t.encode() + b"# pad\n" * 20_000, "too large"),
    (lambda t: b"", "not an sle_desktop site key"),
    (lambda t: t.replace("site_code: BY01", "site_code: ';DROP TABLE sites;--").encode(), "invalid site code"),
    (lambda t: t.replace("site_uuid: ", "site_uuid: x").encode(), "invalid site UUID"),
    (lambda t: t.replace("public_key: ", "public_key: AAAA").encode(), "public key"),
    (lambda t: (t + "site_code: BY02\n").encode(), "appears twice"),
    (lambda t: t.replace("format: sle_desktop-site-key/1\n", "").encode(), "not an sle_desktop site key"),
    (lambda t: t.encode().replace(b"site_name: Ward 7", b"site_name: \xff\xfe"), "not a text file"),
])
def test_hostile_site_key_files_at_the_sponsor(tmp_path, mutate, message):
    from sle_desktop.sponsor import operations as sponsor

    path = tmp_path / "BY01.sitekey"
    path.write_bytes(mutate(_site_key_text()))
    db = tmp_path / "sponsor.sqlite"
    with pytest.raises(ValidationError, match=message) as err:
        sponsor.register_site(db, path)
    assert len(str(err.value)) < 400 and "Traceback" not in str(err.value)
    assert not db.exists(), "a refused site key file created the sponsor database"


def test_genuine_site_key_file_registers(tmp_path):
    from sle_desktop.sponsor import operations as sponsor

    path = tmp_path / "BY01.sitekey"
    path.write_text(_site_key_text())
    assert sponsor.register_site(tmp_path / "sponsor.sqlite", path).status == "registered"


# -- absurd form values -----------------------------------------------------------------------------
@pytest.mark.parametrize("when", [date(1900, 1, 1), date(1899, 12, 31), date(2026, 6, 2), date(2999, 1, 1)])
def test_visit_ae_and_lab_dates_in_1900_or_the_future_are_refused(enrolled, when):
    from sle_desktop.app import visits

    session, uuid, _ = enrolled
    visit = session.store.scalar("SELECT uuid FROM visits")
    before = session.store.scalar("SELECT max(seq) FROM audit")
    expected = "in the future" if when > TODAY else "check the year"
    with pytest.raises(ValidationError, match=expected):
        visits.record_visit(session, uuid, "month_1", when, today=TODAY)
    with pytest.raises(ValidationError, match=expected):
        safety.record_adverse_event(session, uuid, safety.AdverseEventForm(
            term="Rash", onset_date=when, grade=1, relationship="unrelated", outcome="recovered"), today=TODAY)
    with pytest.raises(ValidationError, match=expected):
        visits.save_labs(session, visit, when, {"platelets": visits.LabEntry(200)}, today=TODAY)
    assert session.store.scalar("SELECT max(seq) FROM audit") == before


@pytest.mark.parametrize("codes", [{"rash", "lupus_nephritis"}, {"RASH"}, {"rash; DROP TABLE audit"}, {""}, {"\u202erash"}])
def test_sledai_codes_not_in_the_list_are_refused_by_name(enrolled, codes):
    from sle_desktop.app import visits

    session, _, _ = enrolled
    visit = session.store.scalar("SELECT uuid FROM visits")
    with pytest.raises(ValidationError) as err:
        visits.save_sledai(session, visit, codes, 1.0)
    bad = sorted(c for c in codes if c != "rash")[0]
    assert repr(bad) in str(err.value) or bad in str(err.value)
    assert session.store.scalar("SELECT count(*) FROM sledai_assessments") == 0


@pytest.mark.parametrize("test,value,unit,message", [
    ("creatinine", 1.1, "µmol/L", "outside the plausible range"),   # mg/dL value labelled µmol/L
    ("creatinine", 95.0, "mg/dL", "outside the plausible range"),   # µmol/L value labelled mg/dL
    ("creatinine", 1.1, "mmol/L", "unit"),                          # a unit the catalogue does not know
    ("platelets", 200_000, None, "outside the plausible range"),    # per µL typed where ×10⁹/L is expected
    ("hemoglobin", float("nan"), None, "number"),
])
def test_mismatched_units_are_caught_by_plausibility(enrolled, test, value, unit, message):
    from sle_desktop.app import visits

    session, _, _ = enrolled
    visit = session.store.scalar("SELECT uuid FROM visits")
    with pytest.raises(ValidationError, match=message):
        visits.save_labs(session, visit, date(2026, 1, 20), {test: visits.LabEntry(value, unit)}, today=TODAY)
    assert session.store.scalar("SELECT count(*) FROM labs") == 0


def test_creatinine_in_mg_dl_is_converted_not_misread(enrolled):
    from sle_desktop.app import visits

    session, _, _ = enrolled
    visit = session.store.scalar("SELECT uuid FROM visits")
    visits.save_labs(session, visit, date(2026, 1, 20), {"creatinine": visits.LabEntry(1.1, "mg/dL")}, today=TODAY)
    row = session.store.query_one("SELECT value, unit FROM labs")
    assert row["unit"] == "µmol/L" and abs(row["value"] - 97.24) < 0.01


# -- unusual text survives the whole trip to the sponsor ------------------------------------------------
UNUSUAL = ["Zoë 🧪 O'Brien — «нефрит»", "\u200fالتهاب الكلية الذئبي\u200f", "李 小龍 👩🏽‍⚕️", "Rash'); DROP TABLE records;--",
           "line one\nline two\ttab"]


def test_emoji_and_right_to_left_text_arrive_unchanged_at_the_sponsor(make_site, sponsor_db, sponsor_keys):
    import json

    from sync_helpers import import_one, register

    from sle_desktop.app import visits
    from sle_desktop.app.session import Session

    site_ = make_site("BY01", subjects=3, seed=2)
    register(site_, sponsor_db)
    inv = Session(site_.store, "demo.investigator", "Dr", "investigator", site_.session.data_key)
    subject = site_.store.scalar("SELECT uuid FROM subjects WHERE status = 'enrolled' LIMIT 1")
    saved = {}
    for text in UNUSUAL:
        ae = safety.record_adverse_event(inv, subject, safety.AdverseEventForm(
            term=text, onset_date=date(2026, 2, 1), grade=1, relationship="unrelated", outcome="recovered"), today=TODAY)
        cm = visits.add_con_med(inv, subject, drug=text.replace("\n", " ").replace("\t", " ")[:200], drug_class="other", indication=text,
                                today=TODAY)
        saved[ae] = ("term", text)
        saved[cm] = ("indication", text)
    result = import_one(sponsor_db, sponsor_keys, site_.export().path)
    assert result.status == "imported"
    from sle_desktop.sponsor import db as sponsor_store

    with sponsor_store.open_sponsor_store(sponsor_db) as held:
        for uuid, (field, text) in saved.items():
            data = held.scalar("SELECT data FROM records WHERE uuid = ?", (uuid,))
            assert json.loads(data)[field] == text
        assert held.scalar("SELECT count(*) FROM sites") == 1  # the SQL-looking text stayed data
