"""A study-definition update in a return bundle: pending until a site administrator accepts it; nothing entered moves."""

from __future__ import annotations

import pytest
from return_helpers import link, return_bundle, send, sponsor_query, user

from sle_desktop.app import returns, study_updates
from sle_desktop.app.study import study_in_force
from sle_desktop.app.errors import PermissionDenied
from sle_desktop.resources import resource_path


def amended(tmp_path):
    text = resource_path("study", "sle-msc.toml").read_text("utf-8")
    text = text.replace('version = "1.0"', 'version = "1.1"', 1)
    text = text.replace("min_sledai = 6 ", "min_sledai = 8 ", 1)
    month3 = text.index('code = "month_3"')
    at = text.index("window_days = 14", month3)
    text = text[:at] + "window_days = 10" + text[at + len("window_days = 14"):]
    text += ('\n[[visits]]\ncode = "month_12"\nlabel = "Month 12 (extension)"\ntarget_day = 365\nwindow_days = 21\n'
             'forms = ["sledai", "labs"]\nscheduled = true\n')
    path = tmp_path / "sle-msc-1.1.toml"
    path.write_text(text, "utf-8")
    return path


def test_study_update_waits_for_the_administrator(make_site, sponsor_db, sponsor_keys, tmp_path):
    site = make_site("BY01", subjects=4, seed=2)
    link(site, sponsor_db, sponsor_keys)
    send(site, sponsor_db, sponsor_keys)
    ret = return_bundle(sponsor_db, sponsor_keys, tmp_path / "out", study_file=amended(tmp_path))
    assert ret.study_version == "1.1"
    visits_before = site.store.query("SELECT * FROM visits ORDER BY uuid")

    result = returns.import_return(site.session, ret.path)
    assert result.study_version_pending == "1.1" and "waits for an administrator" in result.message
    assert site.store.scalar("SELECT study_version FROM site") == "1.0"
    assert study_in_force(site.store).version == "1.0"
    summary = study_updates.study_update_summary(site.session)
    assert (summary.current_version, summary.new_version) == ("1.0", "1.1")
    text = "\n".join(summary.changes)
    assert "New visit: Month 12 (extension) (month_12), day 365 ± 21." in text
    assert "Month 3: window changes from day 91 ± 14 to day 91 ± 10." in text
    assert "Eligibility: min sledai changes from 6 to 8." in text

    # a carried-over offer: the next return bundle repeats it until the site reports the new version
    again = return_bundle(sponsor_db, sponsor_keys, tmp_path / "out")
    assert again.study_version == "1.1"

    with pytest.raises(PermissionDenied, match="administrator"):
        study_updates.accept_study_update(user(site, "demo.coordinator", "coordinator"))
    assert study_updates.study_update_summary(site.session) is not None
    assert study_updates.accept_study_update(user(site, "demo.admin", "admin")) == "1.1"
    assert site.store.scalar("SELECT study_version FROM site") == "1.1"
    assert study_in_force(site.store).visit("month_12").target_day == 365
    assert study_updates.study_update_summary(site.session) is None
    row = site.store.query_one("SELECT * FROM study_updates WHERE version = '1.1'")
    assert (row["status"], row["accepted_by"]) == ("accepted", "demo.admin")
    assert site.store.query_one('SELECT old, new, user FROM audit WHERE "table" = \'site\' AND field = \'study_version\'') \
        == {"old": '"1.0"', "new": '"1.1"', "user": "demo.admin"}
    assert site.store.query("SELECT * FROM visits ORDER BY uuid") == visits_before  # nothing entered is migrated

    # the next bundle reports the accepted version; the sponsor then stops offering it
    send(site, sponsor_db, sponsor_keys)
    assert sponsor_query(sponsor_db, "SELECT study_version FROM sites")[0]["study_version"] == "1.1"
    assert return_bundle(sponsor_db, sponsor_keys, tmp_path / "out").study_version is None


def test_accepted_update_is_the_definition_the_use_cases_work_to(make_site, sponsor_db, sponsor_keys, tmp_path):
    from datetime import date, timedelta

    from testkit import eligible_form
    from sle_desktop.app import subjects, visits

    site = make_site("BY01", subjects=2, seed=3)
    link(site, sponsor_db, sponsor_keys)
    send(site, sponsor_db, sponsor_keys)
    ret = return_bundle(sponsor_db, sponsor_keys, tmp_path / "out", study_file=amended(tmp_path))
    returns.import_return(site.session, ret.path)
    inv = user(site, "demo.investigator", "investigator")
    today = date.today()
    low = eligible_form(consent_date=today - timedelta(days=200), screening_date=today - timedelta(days=200),
                        biopsy_date=today - timedelta(days=250), sledai_codes=frozenset({"proteinuria", "rash", "fever"}))
    assert subjects.screen_subject(inv, low, today=today).eligible  # SLEDAI 7 meets min 6 under 1.0
    study_updates.accept_study_update(user(site, "demo.admin", "admin"))
    outcome = subjects.screen_subject(inv, low, today=today)
    assert not outcome.eligible and outcome.failed == ["sledai_min"]  # 1.1 requires 8
    ok = subjects.screen_subject(inv, eligible_form(consent_date=today - timedelta(days=200),
                                                    screening_date=today - timedelta(days=200),
                                                    biopsy_date=today - timedelta(days=250)), today=today)
    subjects.enrol_patient(inv, ok.subject_uuid, arm="standard", reason="x")
    day0 = today - timedelta(days=190)
    visits.record_visit(inv, ok.subject_uuid, "baseline", day0, today=today)
    # month 3 window is now 91 ± 10: day 102 is late under 1.1 (it was in window at ± 14)
    assert visits.record_visit(inv, ok.subject_uuid, "month_3", day0 + timedelta(days=102), today=today).window_status == "late"
    assert visits.record_visit(inv, ok.subject_uuid, "month_12", today, today=today).visit_code == "month_12"
