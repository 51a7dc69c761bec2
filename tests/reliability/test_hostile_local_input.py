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
    assert safety.list_adverse_events(session, uuid)[0]["term"] == term
    assert session.store.scalar("SELECT count(*) FROM audit") > 0
