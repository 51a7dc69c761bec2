"""Site set-up, user accounts and log-in."""

from __future__ import annotations

import getpass
import re
import uuid as uuidlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sle_desktop.app.errors import AccountLocked, AuthenticationFailed, NotFound, SetupError, ValidationError
from sle_desktop.app.session import ROLES, Session
from sle_desktop.app.study import load_study
from sle_desktop.domain.text import msg
from sle_desktop.store import audit, crypto, keys
from sle_desktop.store.db import Store

SITE_CODE = re.compile(r"^[A-Z]{2}\d{2}$")
USERNAME = re.compile(r"^[a-z][a-z0-9._-]{1,31}$")
MIN_PASSWORD = 10
MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)


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
    errors = {}
    if not USERNAME.match(username or ""):
        errors["username"] = msg(
            "User name: 2–32 characters, lower-case letters, digits, '.', '_' or '-', starting with a letter.")
    if not (display_name or "").strip() or len(display_name) > 120:
        errors["display_name"] = msg("Full name is required (at most 120 characters).")
    if role not in ROLES:
        errors["role"] = msg("Role must be one of: {roles}.", roles=", ".join(ROLES))
    if len(password or "") < MIN_PASSWORD:
        errors["password"] = msg("The password must have at least {n} characters.", n=MIN_PASSWORD)
    return errors


def create_site(store, *, code: str, name: str, admin_username: str, admin_name: str, admin_password: str) -> Session:
    """First run: create the site, its data key, signing key, machine key file and administrator."""
    if is_set_up(store):
        raise SetupError(msg("This database already has a site; log in instead."))
    errors = _validate_account(admin_username, admin_name, "admin", admin_password)
    code = (code or "").strip().upper()
    if not SITE_CODE.match(code):
        errors["site_code"] = msg("Site code: two capital letters and two digits, e.g. BY01.")
    if not (name or "").strip() or len(name) > 200:
        errors["site_name"] = msg("Site name is required (at most 200 characters).")
    if errors:
        raise ValidationError(errors)
    study = load_study()
    data_key = crypto.new_key()
    site_uuid = str(uuidlib.uuid4())
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO site (id, site_uuid, code, name, study_id, study_version, created_at) VALUES (1, ?, ?, ?, ?, ?, ?)",
            (site_uuid, code, name.strip(), study.study_id, study.version, now),
        )
        audit.append(conn, user=admin_username, table="site", row_id=site_uuid, field="*", old=None,
                     new={"code": code, "name": name.strip(), "study_id": study.study_id, "study_version": study.version},
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


def _insert_user(store, username, display_name, role, password, data_key, *, actor) -> None:
    salt, params, wrapped = keys.wrap_for_user(username, password, data_key)
    with store.transaction() as conn:
        if conn.execute("SELECT 1 FROM users WHERE username = ?", (username,)).fetchone():
            raise ValidationError({"username": msg("The user name {username} is already taken.",
                                                   username=repr(username))})
        conn.execute(
            "INSERT INTO users (username, display_name, role, password_hash, kdf_salt, kdf_params, wrapped_data_key,"
            " created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (username, display_name.strip(), role, crypto.hash_password(password), salt, params, wrapped,
             datetime.now(UTC).isoformat(timespec="seconds"), actor),
        )
        audit.append(conn, user=actor, table="users", row_id=username, field="*", old=None,
                     new={"display_name": display_name.strip(), "role": role, "active": 1}, reason=None)


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


def _now() -> datetime:
    return audit.utc_now()


def login(store, username: str, password: str) -> Session:
    """Check the password, unlock the data key; repeated failures lock the account (audited)."""
    if not is_set_up(store):
        raise SetupError(msg("This database has no site yet; run the first-time set-up."))
    row = store.query_one("SELECT * FROM users WHERE username = ?", ((username or "").strip(),))
    generic = AuthenticationFailed(msg("Unknown user name or wrong password."))
    if row is None or not row["active"]:
        raise generic
    now = _now()
    if row["locked_until"] and datetime.fromisoformat(row["locked_until"]) > now:
        raise AccountLocked(msg(
            "The account {username} is locked after {n} failed log-ins; "
            "try again after {until:%H:%M} or ask an administrator.",
            username=username, n=MAX_FAILED_LOGINS, until=datetime.fromisoformat(row["locked_until"]).astimezone()))
    if not crypto.check_password(row["password_hash"], password or ""):
        failures = row["failed_attempts"] + 1
        locked_until = (now + LOCKOUT).isoformat() if failures >= MAX_FAILED_LOGINS else None
        with store.transaction() as conn:
            conn.execute("UPDATE users SET failed_attempts = ?, locked_until = ? WHERE username = ?",
                         (0 if locked_until else failures, locked_until, row["username"]))
            audit.append(conn, user=row["username"], table="users", row_id=row["username"], field="failed_login",
                         old=None, new=failures, reason=None)
            if locked_until:
                audit.append(conn, user=row["username"], table="users", row_id=row["username"], field="locked_until",
                             old=None, new=locked_until, reason=f"{MAX_FAILED_LOGINS} failed log-ins")
        if locked_until:
            raise AccountLocked(msg("Too many failed log-ins: the account {username} is locked for {minutes} minutes.",
                                    username=username, minutes=int(LOCKOUT.total_seconds() // 60)))
        raise generic
    data_key = keys.unwrap_for_user(row, password)
    with store.transaction() as conn:
        if row["failed_attempts"] or row["locked_until"]:
            conn.execute("UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE username = ?", (row["username"],))
        audit.append(conn, user=row["username"], table="users", row_id=row["username"], field="login",
                     old=None, new=now.isoformat(timespec="seconds"), reason=None)
    site = site_info(store)
    try:
        keys.data_key_from_machine(store, site.site_uuid)
    except keys.KeyUnavailable:
        keys.create_machine_key(store, site.site_uuid, data_key)  # e.g. the database was moved to a new PC
    return Session(store, row["username"], row["display_name"], row["role"], data_key)


def verify_password(session: Session, password: str) -> bool:
    """Re-check the current user's password (electronic signature, unlocking an idle screen)."""
    row = session.store.query_one("SELECT password_hash FROM users WHERE username = ?", (session.username,))
    return bool(row) and crypto.check_password(row["password_hash"], password or "")


def cli_session(store) -> Session:
    """Headless commands act as `cli:<OS account>` with the key from this PC's machine key file."""
    try:
        os_user = getpass.getuser()
    except Exception:  # noqa: BLE001 - getuser raises various errors when no account name is known
        os_user = "unknown"
    site = site_info(store)
    data_key = keys.data_key_from_machine(store, site.site_uuid)
    return Session(store, f"cli:{os_user}", f"Command line ({os_user})", "cli", data_key)
