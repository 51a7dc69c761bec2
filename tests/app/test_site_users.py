"""Site set-up, accounts, log-in, lockout and the role model."""

import pytest

from testkit import PASSWORD
from sle_desktop.app import site
from sle_desktop.app.errors import AccountLocked, AuthenticationFailed, PermissionDenied, SetupError, ValidationError
from sle_desktop.store import crypto


def test_first_run_creates_site_admin_and_keys(admin, store):
    info = site.site_info(store)
    assert info.code == "BY01" and admin.role == "admin"
    assert store.scalar("SELECT count(*) FROM site_signing_key") == 1
    assert site.cli_session(store).data_key == admin.data_key


def test_second_setup_is_refused(admin, store):
    with pytest.raises(SetupError):
        site.create_site(store, code="BY02", name="x", admin_username="other", admin_name="O", admin_password=PASSWORD)


@pytest.mark.parametrize("field,kwargs", [
    ("site_code", {"code": "B1"}), ("site_name", {"name": " "}), ("username", {"admin_username": "Admin!"}),
    ("password", {"admin_password": "short"}), ("display_name", {"admin_name": ""}),
])
def test_setup_validation_names_the_field(store, field, kwargs):
    values = dict(code="BY01", name="Site", admin_username="admin", admin_name="A", admin_password=PASSWORD)
    values.update(kwargs)
    with pytest.raises(ValidationError) as err:
        site.create_site(store, **values)
    assert field in err.value.errors
    assert not site.is_set_up(store)


def test_passwords_are_argon2_hashes(admin, store):
    row = store.query_one("SELECT password_hash FROM users WHERE username = 'admin'")
    assert row["password_hash"].startswith("$argon2id$") and PASSWORD not in row["password_hash"]
    assert crypto.check_password(row["password_hash"], PASSWORD)


def test_login_unlocks_the_same_data_key(admin, store):
    assert site.login(store, "admin", PASSWORD).data_key == admin.data_key


def test_wrong_password_then_lockout_after_five_failures_is_audited(admin, store):
    for _ in range(4):
        with pytest.raises(AuthenticationFailed):
            site.login(store, "admin", "wrong password!")
    with pytest.raises(AccountLocked):
        site.login(store, "admin", "wrong password!")
    with pytest.raises(AccountLocked):
        site.login(store, "admin", PASSWORD)  # even the right password while locked
    fields = [r["field"] for r in store.query("SELECT field FROM audit WHERE \"table\" = 'users' AND row_id = 'admin'")]
    assert fields.count("failed_login") == 5 and "locked_until" in fields


def test_lock_expires(admin, store, monkeypatch):
    from datetime import timedelta

    from sle_desktop.store import audit

    for _ in range(5):
        with pytest.raises((AuthenticationFailed, AccountLocked)):
            site.login(store, "admin", "wrong password!")
    real_now = audit.utc_now()
    monkeypatch.setattr(audit, "utc_now", lambda: real_now + site.LOCKOUT + timedelta(seconds=1))
    assert site.login(store, "admin", PASSWORD).username == "admin"


def test_unknown_user_gets_the_same_message(admin, store):
    with pytest.raises(AuthenticationFailed) as unknown:
        site.login(store, "nobody", PASSWORD)
    with pytest.raises(AuthenticationFailed) as wrong:
        site.login(store, "admin", "wrong password!")
    assert str(unknown.value) == str(wrong.value) and "unknown user name or wrong password" in str(wrong.value)
    assert "nobody" not in str(unknown.value)


def test_only_admin_manages_users(investigator, monitor):
    for session in (investigator, monitor):
        with pytest.raises(PermissionDenied):
            site.create_user(session, username="x.y", display_name="X", role="coordinator", password=PASSWORD)


def test_deactivated_user_cannot_log_in(admin, investigator, store):
    site.set_user_active(admin, "inv", False, reason="left the study team")
    with pytest.raises(AuthenticationFailed):
        site.login(store, "inv", PASSWORD)


def test_duplicate_user_name_refused(admin):
    with pytest.raises(ValidationError, match="already taken"):
        site.create_user(admin, username="admin", display_name="Again", role="coordinator", password=PASSWORD)


def test_missing_machine_key_file_is_explained_and_recreated_at_login(admin, store, tmp_path):
    import os

    from sle_desktop.store import keys

    for f in (tmp_path / "keys").iterdir():
        os.remove(f)
    with pytest.raises(keys.KeyUnavailable, match="missing"):
        site.cli_session(store)
    site.login(store, "admin", PASSWORD)
    assert site.cli_session(store).data_key == admin.data_key
