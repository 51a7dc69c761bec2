"""A lockout that holds: parallel wrong passwords, password re-entry for signing and unlocking, unknown names."""

from __future__ import annotations

import threading
from datetime import datetime

import pytest
from testkit import PASSWORD

from sle_desktop.app import audit_trail, signatures, site
from sle_desktop.app.errors import AccountLocked, AuthenticationFailed
from sle_desktop.store import accounts, crypto
from sle_desktop.store.db import Store

ATTEMPTS = 40


@pytest.fixture
def site_file(tmp_path):
    path = tmp_path / "site.sqlite"
    with Store.open(path) as store:
        admin = site.create_site(store, code="BY01", name="Test site", admin_username="admin",
                                 admin_name="Site Administrator", admin_password=PASSWORD)
        site.create_user(admin, username="inv", display_name="Dr Investigator", role="investigator", password=PASSWORD)
    return path


def _failed_rows(store, username="inv"):
    return store.query("SELECT new, reason FROM audit WHERE \"table\" = 'users' AND row_id = ? AND field = 'failed_login'",
                       (username,))


def test_parallel_wrong_passwords_leave_the_account_locked_and_every_one_counted(site_file):
    """Each thread is a separate connection (as two windows or two programs would be), all released at once."""
    stores = [Store.open(site_file) for _ in range(ATTEMPTS)]
    gate = threading.Barrier(ATTEMPTS)
    outcomes: list[type] = []

    def attempt(store):
        gate.wait()
        try:
            site.login(store, "inv", "wrong password!")
        except (AuthenticationFailed, AccountLocked) as exc:
            outcomes.append(type(exc))

    threads = [threading.Thread(target=attempt, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for s in stores:
        s.close()
    assert len(outcomes) == ATTEMPTS
    with Store.open(site_file) as store:
        row = store.query_one("SELECT failed_attempts, locked_until FROM users WHERE username = 'inv'")
        assert row["failed_attempts"] == ATTEMPTS
        assert row["locked_until"] and datetime.fromisoformat(row["locked_until"]) > site._now()
        assert len(_failed_rows(store)) == ATTEMPTS  # every failure audited, none lost to a race
        assert store.scalar("SELECT count(*) FROM audit WHERE field = 'locked_until' AND row_id = 'inv'") == 1
        with pytest.raises(AccountLocked):
            site.login(store, "inv", PASSWORD)  # the right password is refused while locked
        assert audit_trail.verify(store).ok


def test_wrong_passwords_to_sign_count_toward_the_lockout_and_are_audited(admin, investigator):
    from testkit import TODAY, eligible_form

    from sle_desktop.app import subjects

    subjects.screen_subject(investigator, eligible_form(), today=TODAY)
    store = investigator.store
    screening = store.scalar("SELECT uuid FROM screenings")
    for _ in range(site.MAX_FAILED_LOGINS - 1):
        with pytest.raises(AuthenticationFailed, match="password is not correct"):
            signatures.sign_record(investigator, "screenings", screening, password="nope", meaning="authored")
    with pytest.raises(AccountLocked, match="locked"):
        signatures.sign_record(investigator, "screenings", screening, password="nope", meaning="authored")
    failed = _failed_rows(store)
    assert len(failed) == site.MAX_FAILED_LOGINS and {r["reason"] for r in failed} == {"e-signature"}
    with pytest.raises(AccountLocked):  # locked: the right password does not sign either
        signatures.sign_record(investigator, "screenings", screening, password=PASSWORD, meaning="authored")
    assert store.scalar("SELECT count(*) FROM signatures") == 0
    with pytest.raises(AccountLocked):
        site.login(store, "inv", PASSWORD)


def test_wrong_passwords_at_the_lock_screen_count_and_are_audited(admin, investigator):
    store = investigator.store
    assert site.verify_password(investigator, PASSWORD)
    for _ in range(site.MAX_FAILED_LOGINS):
        assert not site.verify_password(investigator, "nope")
    assert not site.verify_password(investigator, PASSWORD)  # locked now
    failed = _failed_rows(store)
    assert len(failed) == site.MAX_FAILED_LOGINS and {r["reason"] for r in failed} == {"unlock screen"}
    assert store.scalar("SELECT count(*) FROM audit WHERE field = 'reauth' AND row_id = 'inv'") == 1


def test_a_right_reentry_resets_the_count(admin, investigator):
    for _ in range(site.MAX_FAILED_LOGINS - 1):
        assert not site.verify_password(investigator, "nope")
    assert site.verify_password(investigator, PASSWORD)
    for _ in range(site.MAX_FAILED_LOGINS - 1):
        assert not site.verify_password(investigator, "nope")
    assert site.login(investigator.store, "inv", PASSWORD).username == "inv"


@pytest.mark.parametrize("who", ["nobody", "inactive"])
def test_unknown_and_inactive_names_cost_one_argon2_check_and_get_the_same_message(admin, investigator, monkeypatch,
                                                                                    who):
    store = admin.store
    if who == "inactive":
        site.set_user_active(admin, "inv", False, reason="left the study")
    name = "nobody" if who == "nobody" else "inv"
    with pytest.raises(AuthenticationFailed) as real:
        site.login(store, "admin", "wrong password!")
    checked = []
    real_check = crypto.check_password
    monkeypatch.setattr(crypto, "check_password", lambda h, p: checked.append(h) or real_check(h, p))
    with pytest.raises(AuthenticationFailed) as refused:
        site.login(store, name, PASSWORD)
    assert checked == [accounts.DUMMY_HASH]  # as costly as a real account's check
    assert str(refused.value) == str(real.value) and name not in str(refused.value)


def test_the_dummy_hash_has_the_cost_of_real_hashes():
    params = accounts.DUMMY_HASH.split("$")[3]
    assert params == crypto.hash_password("x" * 12).split("$")[3] == "m=19456,t=2,p=1"
    assert not crypto.check_password(accounts.DUMMY_HASH, PASSWORD)


def test_the_lock_message_names_no_account(admin, investigator):
    store = admin.store
    for _ in range(site.MAX_FAILED_LOGINS):
        with pytest.raises((AuthenticationFailed, AccountLocked)) as last:
            site.login(store, "inv", "wrong password!")
    assert isinstance(last.value, AccountLocked) and "inv" not in str(last.value)
    with pytest.raises(AuthenticationFailed) as unknown:
        site.login(store, "nobody", "wrong password!")
    assert str(unknown.value) == str(last.value)
