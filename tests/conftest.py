"""Shared fixtures: fresh stores and sessions per test; machine key files in a temporary folder."""

from __future__ import annotations

import os
from datetime import date

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PASSWORD = "correct-horse-battery"


@pytest.fixture(autouse=True)
def _isolated_key_dir(tmp_path, monkeypatch):
    """Machine key files and the default database never touch the real user profile."""
    monkeypatch.setenv("SLE_DESKTOP_KEY_DIR", str(tmp_path / "keys"))
    monkeypatch.setenv("SLE_DESKTOP_DB", str(tmp_path / "default-site.sqlite"))


@pytest.fixture
def store():
    from sle_desktop.store.db import Store

    s = Store.memory()
    yield s
    s.close()


@pytest.fixture
def file_store(tmp_path):
    from sle_desktop.store.db import Store

    s = Store.open(tmp_path / "site.sqlite")
    yield s
    s.close()


@pytest.fixture
def admin(store):
    from sle_desktop.app import site

    return site.create_site(store, code="BY01", name="Test site", admin_username="admin",
                            admin_name="Site Administrator", admin_password=PASSWORD)


def _user(admin, username, role):
    from sle_desktop.app import site

    site.create_user(admin, username=username, display_name=f"{role.title()} User", role=role, password=PASSWORD)
    return site.login(admin.store, username, PASSWORD)


@pytest.fixture
def investigator(admin):
    return _user(admin, "inv", "investigator")


@pytest.fixture
def coordinator(admin):
    return _user(admin, "coord", "coordinator")


@pytest.fixture
def monitor(admin):
    return _user(admin, "mon", "monitor")


TODAY = date(2026, 6, 1)


def eligible_form(**overrides):
    """A screening form that meets every criterion (consent 2026-01-10)."""
    from sle_desktop.app.subjects import ScreeningForm

    values = dict(
        consent_date=date(2026, 1, 10), consent_version="2.1", screening_date=date(2026, 1, 10),
        full_name="Ivan Petrovich Sidorov", national_id="3120580A001PB1", phone="+375 29 123-45-67",
        address="Minsk, ul. Lenina 1", date_of_birth=date(1980, 5, 5), sex="M",
        acr_criteria=frozenset({"malar_rash", "arthritis", "renal_disorder", "immunologic_disorder", "antinuclear_antibody"}),
        anti_dsdna_positive=True, anti_dsdna_value=120.0, anti_dsdna_uln=25.0,
        sledai_codes=frozenset({"proteinuria", "hematuria", "low_complement"}),
        biopsy_class="IV", biopsy_date=date(2025, 12, 1), proteinuria_g_per_day=1.2, active_sediment=True,
        investigator_confirms_nephritis=True, can_follow_procedures=True,
    )
    values.update(overrides)
    return ScreeningForm(**values)


@pytest.fixture
def enrolled(investigator):
    """(session, subject_uuid, subject_id) of an enrolled MSC-arm subject with a baseline visit on 2026-01-20."""
    from sle_desktop.app import subjects, visits

    outcome = subjects.screen_subject(investigator, eligible_form(), today=TODAY)
    sid = subjects.enrol_patient(investigator, outcome.subject_uuid, arm="msc", reason="investigator decision")
    visits.record_visit(investigator, outcome.subject_uuid, "baseline", date(2026, 1, 20), today=TODAY)
    return investigator, outcome.subject_uuid, sid
