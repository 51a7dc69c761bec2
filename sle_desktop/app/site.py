"""Site set-up, user accounts and log-in."""

from __future__ import annotations

import getpass
import json
import re
import uuid as uuidlib
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sle_desktop.app.errors import (
    AccountChanged,
    AccountLocked,
    AuthenticationFailed,
    NotFound,
    SetupError,
    ValidationError,
)
from sle_desktop.app.session import ROLES, Session
from sle_desktop.app.study import load_study
from sle_desktop.domain import accounts as account_rules
from sle_desktop.domain.accounts import LOCKOUT, MAX_FAILED_LOGINS, MIN_PASSWORD, USERNAME  # noqa: F401 - re-exported
from sle_desktop.domain.text import msg
from sle_desktop.store import accounts, audit, crypto, keys
from sle_desktop.store.db import Store

SITE_CODE = re.compile(r"^[A-Z]{2}\d{2}$")


@dataclass(frozen=True)
class SiteInfo:
    site_uuid: str
    code: str
    name: str
    study_id: str
    study_version: str


def open_database(path, *, migrate: bool = True):
    """The site database at `path` (created when new, migrated unless `migrate=False`); StoreError otherwise.

    A file that is not an sle_desktop site database is refused and left unchanged; only the default location's
    folder is created when missing."""
    from sle_desktop.app.paths import prepare_default_folder

    prepare_default_folder(path)
    return Store.open(path, migrate=migrate)


def is_set_up(store) -> bool:
    """True once the site and its first administrator exist."""
    return store.scalar("SELECT count(*) FROM site") == 1


def site_info(store) -> SiteInfo:
    row = store.query_one("SELECT site_uuid, code, name, study_id, study_version FROM site WHERE id = 1")
    if row is None:
        raise SetupError(msg("This database has no site yet; run the first-time set-up."))
    return SiteInfo(**row)


def _validate_account(username: str, display_name: str, role: str, password: str) -> dict[str, str]:
    return account_rules.validate_account(username, display_name, role, password, ROLES)


def validate_new_site(code: str, name: str, admin_username: str, admin_name: str, admin_password: str) -> dict:
    """Field errors of a new site and its first administrator (empty when all is well)."""
    errors = _validate_account(admin_username, admin_name, "admin", admin_password)
    if not SITE_CODE.match((code or "").strip().upper()):
        errors["site_code"] = msg("Site code: two capital letters and two digits, e.g. BY01.")
    if not (name or "").strip() or len(name) > 200:
        errors["site_name"] = msg("Site name is required (at most 200 characters).")
    return errors


def create_site(store, *, code: str, name: str, admin_username: str, admin_name: str, admin_password: str,
                demo: bool = False) -> Session:
    """First run: create the site, its data key, signing key, machine key file and administrator.

    `demo` marks a synthetic site (`make-demo`): recorded in the site's first, keyed audit row, so it
    cannot be added later to a real site, and carried to the sponsor, which keeps the two apart.
    """
    if is_set_up(store):
        raise SetupError(msg("This database already has a site; log in instead."))
    errors = validate_new_site(code, name, admin_username, admin_name, admin_password)
    if errors:
        raise ValidationError(errors)
    code = code.strip().upper()
    study = load_study()
    data_key = crypto.new_key()
    site_uuid = str(uuidlib.uuid4())
    now = datetime.now(UTC).isoformat(timespec="seconds")
    keys.unlock(store, data_key)
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO site (id, site_uuid, code, name, study_id, study_version, created_at, demo)"
            " VALUES (1, ?, ?, ?, ?, ?, ?, ?)",
            (site_uuid, code, name.strip(), study.study_id, study.version, now, int(demo)),
        )
        audit.append(conn, user=admin_username, table="site", row_id=site_uuid, field="*", old=None,
                     new={"code": code, "name": name.strip(), "study_id": study.study_id, "study_version": study.version,
                          "demo": bool(demo)},
                     reason=None)
        _insert_user(store, admin_username, admin_name, "admin", admin_password, data_key, actor=admin_username)
        signing = Ed25519PrivateKey.generate()
        private_raw = signing.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                            serialization.NoEncryption())
        public_raw = signing.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        sealed = crypto.seal(data_key, private_raw, b"sle_desktop site signing key:" + site_uuid.encode())
        conn.execute(
            "INSERT INTO site_signing_key (id, public_key, encrypted_private_key, created_at) VALUES (1, ?, ?, ?)",
            (public_raw, sealed, now),
        )
        audit.append(conn, user=admin_username, table="site_signing_key", row_id=site_uuid, field="public_key",
                     old=None, new=public_raw.hex(), reason=None)
        keys.create_machine_key(store, site_uuid, data_key)
    return Session(store, admin_username, admin_name.strip(), "admin", data_key)


def is_demo(store) -> bool:
    """True for a site created as a demo (the mark in its site table agrees with its first, keyed audit row)."""
    row = store.query_one("SELECT site_uuid, demo FROM site WHERE id = 1")
    if row is None or not row["demo"]:
        return False
    first = store.query_one('SELECT seq, new FROM audit WHERE "table" = \'site\' AND field = \'*\' ORDER BY seq LIMIT 1')
    if first is None or not audit.row_authentic(store.conn, first["seq"]):
        return False
    try:
        return json.loads(first["new"]).get("demo") is True
    except (ValueError, AttributeError):
        return False


def _insert_user(store, username, display_name, role, password, data_key, *, actor) -> None:
    salt, params, wrapped, sign_public, wrapped_sign = keys.wrap_for_user(username, password, data_key)
    with store.transaction() as conn:
        if conn.execute("SELECT 1 FROM users WHERE username = ?", (username,)).fetchone():
            raise ValidationError({"username": msg("The user name {username} is already taken.",
                                                   username=repr(username))})
        conn.execute(
            "INSERT INTO users (username, display_name, role, password_hash, kdf_salt, kdf_params, wrapped_data_key,"
            " sign_public_key, wrapped_sign_key, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (username, display_name.strip(), role, crypto.hash_password(password), salt, params, wrapped,
             sign_public, wrapped_sign, datetime.now(UTC).isoformat(timespec="seconds"), actor),
        )
        audit.append(conn, user=actor, table="users", row_id=username, field="*", old=None,
                     new={"display_name": display_name.strip(), "role": role, "active": 1,
                          "sign_public_key": sign_public.hex()}, reason=None)
        accounts.seal(conn, username)


def create_user(session: Session, *, username: str, display_name: str, role: str, password: str) -> None:
    """An administrator creates an account (the new user can then read identifiers too)."""
    session.require("manage_users")
    errors = _validate_account(username, display_name, role, password)
    if errors:
        raise ValidationError(errors)
    _insert_user(session.store, username, display_name, role, password, session.require_key(), actor=session.username)


@dataclass(frozen=True)
class UserAccount:
    """One account of the site (never the password hash or key material)."""

    username: str
    display_name: str
    role: str
    active: bool
    locked_until: str | None
    failed_attempts: int


def list_users(session: Session) -> list[UserAccount]:
    """Every account, by user name."""
    session.require("view")
    return [UserAccount(r["username"], r["display_name"], r["role"], bool(r["active"]), r["locked_until"],
                        r["failed_attempts"]) for r in session.store.query(
        "SELECT username, display_name, role, active, locked_until, failed_attempts FROM users ORDER BY username")]


def set_user_active(session: Session, username: str, active: bool, *, reason: str) -> None:
    """Deactivate or reactivate an account (accounts are never deleted: the audit trail names them)."""
    session.require("manage_users")
    if not (reason or "").strip():
        raise ValidationError({"reason": msg("Give a reason for changing the account.")})
    with session.store.transaction() as conn:
        row = conn.execute("SELECT active FROM users WHERE username = ?", (username,)).fetchone()
        if row is None:
            raise NotFound(msg("No user {username}.", username=repr(username)))
        conn.execute("UPDATE users SET active = ?, failed_attempts = 0, locked_until = NULL WHERE username = ?",
                     (int(active), username))
        audit.append(conn, user=session.username, table="users", row_id=username, field="active",
                     old=row[0], new=int(active), reason=reason.strip())
        accounts.seal(conn, username)


def _now() -> datetime:
    return audit.utc_now()


def _refused(exc=AuthenticationFailed):
    """The one message for every refused password, whether or not the account exists or is locked."""
    return exc(account_rules.refused_message())


def _user_row(conn, username: str) -> dict | None:
    cur = conn.execute("SELECT * FROM users WHERE username = ?", (username,))
    values = cur.fetchone()
    return None if values is None else dict(zip([c[0] for c in cur.description], values))


def _attempt(store, username: str, password: str, purpose: str) -> dict:
    """Check a password against the lockout: every failure is counted and audited in one write transaction.

    Returns the account row when the password is right and the account usable; raises otherwise with one
    message that does not say whether the account exists. Unknown and inactive names cost one argon2 check too.
    """
    row = _user_row(store.conn, username)
    if row is None or not row["active"]:
        crypto.check_password(accounts.DUMMY_HASH, password or "")
        raise _refused()
    right = crypto.check_password(row["password_hash"], password or "")
    now = _now()
    with store.transaction() as conn:  # BEGIN IMMEDIATE: the count is read and written under one write lock
        row = _user_row(conn, username)
        problem = accounts.problem(conn, row)
        if problem is not None:
            raise AccountChanged(problem)
        step = account_rules.attempt(row["failed_attempts"], row["locked_until"], right, now)
        if step.allowed:
            return row
        if not step.counted:  # right password while locked: refused, not counted
            raise _refused(AccountLocked)
        if step.expired:  # an expired lock: counting starts again
            audit.append(conn, user=username, table="users", row_id=username, field="locked_until",
                         old=row["locked_until"], new=None, reason="lock expired")
        audit.append(conn, user=username, table="users", row_id=username, field="failed_login",
                     old=None, new=step.failures, reason=purpose)
        if step.newly_locked:
            audit.append(conn, user=username, table="users", row_id=username, field="locked_until",
                         old=None, new=step.locked_until, reason=f"{MAX_FAILED_LOGINS} failed attempts")
        conn.execute("UPDATE users SET failed_attempts = ?, locked_until = ? WHERE username = ?",
                     (step.failures, step.locked_until, username))
    raise _refused(AccountLocked if step.locked else AuthenticationFailed)


def _unlock_from_machine(store) -> None:
    """On the site PC, key the log-in rows with the machine key file even before anyone has logged in."""
    if audit.key_of(store.conn) is not None:
        return
    try:
        keys.unlock(store, keys.data_key_from_machine(store, site_info(store).site_uuid))
    except keys.KeyUnavailable:
        pass


def login(store, username: str, password: str) -> Session:
    """Check the password, unlock the data key; repeated failures lock the account (audited)."""
    if not is_set_up(store):
        raise SetupError(msg("This database has no site yet; run the first-time set-up."))
    _unlock_from_machine(store)
    username = (username or "").strip()
    row = _attempt(store, username, password, "log-in")
    kek = keys.user_kek(row, password)
    try:
        data_key = keys.data_key_with_kek(row, kek)
    except keys.KeyUnavailable:
        raise AccountChanged(msg("The account {username} was changed outside the application; it cannot be used "
                                 "until an administrator has checked it (run 'sle-desktop verify-audit').",
                                 username=username)) from None
    keys.unlock(store, data_key)
    problem = accounts.problem(store.conn, _user_row(store.conn, username))
    if problem is not None:
        raise AccountChanged(problem)
    now = _now()
    with store.transaction() as conn:
        if row["failed_attempts"] or row["locked_until"]:
            conn.execute("UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE username = ?", (username,))
        audit.append(conn, user=username, table="users", row_id=username, field="login",
                     old=None, new=now.isoformat(timespec="seconds"), reason=None)
        if row["wrapped_sign_key"] is None:  # an account from before signing keys: it gets its key pair now
            public, wrapped = keys.new_signing_key(username, kek)
            conn.execute("UPDATE users SET sign_public_key = ?, wrapped_sign_key = ? WHERE username = ?",
                         (public, wrapped, username))
            audit.append(conn, user=username, table="users", row_id=username, field="sign_public_key",
                         old=None, new=public.hex(), reason="signing key created at the first log-in after the upgrade")
            accounts.seal(conn, username)
    site = site_info(store)
    try:
        keys.data_key_from_machine(store, site.site_uuid)
    except keys.KeyUnavailable:
        keys.create_machine_key(store, site.site_uuid, data_key)  # e.g. the database was moved to a new PC
    return Session(store, username, row["display_name"], row["role"], data_key)


def reauthenticate(session: Session, password: str, purpose: str) -> dict:
    """Re-check the current user's password (e-signature, idle screen): counted toward the lockout and audited.

    Returns the account row; AuthenticationFailed / AccountLocked / AccountChanged otherwise.
    """
    row = _attempt(session.store, session.username, password, purpose)
    with session.store.transaction() as conn:
        audit.append(conn, user=session.username, table="users", row_id=session.username, field="reauth",
                     old=None, new=_now().isoformat(timespec="seconds"), reason=purpose)
        if row["failed_attempts"] or row["locked_until"]:
            conn.execute("UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE username = ?",
                         (session.username,))
    return row


def verify_password(session: Session, password: str, purpose: str = "unlock screen") -> bool:
    """Re-check the current user's password (unlocking an idle screen); failures count toward the lockout."""
    try:
        reauthenticate(session, password, purpose)
    except (AuthenticationFailed, AccountLocked, AccountChanged):
        return False
    return True


def cli_session(store) -> Session:
    """Headless commands act as `cli:<OS account>` with the key from this PC's machine key file."""
    try:
        os_user = getpass.getuser()
    except Exception:  # noqa: BLE001 - getuser raises various errors when no account name is known
        os_user = "unknown"
    site = site_info(store)
    data_key = keys.data_key_from_machine(store, site.site_uuid)
    keys.unlock(store, data_key)
    return Session(store, f"cli:{os_user}", f"Command line ({os_user})", "cli", data_key)
