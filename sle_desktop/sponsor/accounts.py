"""Sponsor accounts: the people who log in to `sle-sponsor gui`.

The same rules as the site's accounts (`domain.accounts`: user names, password length, 5 failures lock
the account for 15 minutes, one message for every refusal; argon2id through `store.crypto`), and every
change — account created, log-in, failed log-in, lock, deactivation — is a row of the sponsor's own
hash-chained audit trail (`sponsor_audit`, table "sponsor_users"). The command line keeps acting as
`cli:<OS account>` (`operations.sponsor_user`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC

from sle_desktop.domain import accounts as rules
from sle_desktop.domain.errors import (
    AccountLocked,
    AuthenticationFailed,
    ConflictError,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from sle_desktop.domain.text import msg
from sle_desktop.sponsor.returns import append_audit
from sle_desktop.sponsor.sponsor_audit import hold_chain
from sle_desktop.store import audit as audit_mod
from sle_desktop.store import crypto
from sle_desktop.store.accounts import DUMMY_HASH

ROLES = ("data_manager", "monitor", "safety_officer", "statistician")
ROLE_LABELS = {
    "data_manager": "Data manager",
    "monitor": "Monitor",
    "safety_officer": "Safety officer",
    "statistician": "Statistician (read-only)",
}
# What each role may do in the sponsor window. The statistician only reads and exports.
PERMISSIONS = {
    "data_manager": {"view", "import", "query", "sdv", "return_bundle", "export", "manage_users"},
    "monitor": {"view", "query", "sdv", "return_bundle"},
    "safety_officer": {"view", "query", "export"},
    "statistician": {"view", "export"},
}
ACTION_LABELS = {
    "view": msg("view study data"),
    "import": msg("import bundles"),
    "query": msg("raise or close data queries"),
    "sdv": msg("mark data source-verified"),
    "return_bundle": msg("write return bundles"),
    "export": msg("export data"),
    "manage_users": msg("manage user accounts"),
}
TABLE = "sponsor_users"


@dataclass(frozen=True)
class SponsorSession:
    """A logged-in sponsor user on an open sponsor database (`store`); `username` is what the audit records."""

    store: object
    username: str
    display_name: str
    role: str

    def can(self, action: str) -> bool:
        return action in PERMISSIONS.get(self.role, set())

    def require(self, action: str) -> None:
        """Raise PermissionDenied unless the role allows `action`."""
        if not self.can(action):
            raise PermissionDenied(msg("A {role} account cannot {action}.", role=ROLE_LABELS.get(self.role, self.role),
                                       action=ACTION_LABELS.get(action, action)))


@dataclass(frozen=True)
class SponsorAccount:
    username: str
    display_name: str
    role: str
    active: bool
    locked_until: str | None
    failed_attempts: int


def _now():
    return audit_mod.utc_now()


def needs_first_user(store) -> bool:
    """True until the first data manager exists (the window then asks for one)."""
    return (store.scalar(f"SELECT count(*) FROM {TABLE}") or 0) == 0


def _insert(store, *, username: str, display_name: str, role: str, password: str, actor: str,
            first: bool = False) -> SponsorAccount:
    username = (username or "").strip()
    errors = rules.validate_account(username, display_name, role, password, ROLES)
    if errors:
        raise ValidationError(errors)
    password_hash = crypto.hash_password(password)
    with store.transaction() as conn:
        hold_chain(conn)  # two windows creating accounts at once: the second sees the first's
        if first and (conn.execute(f"SELECT count(*) FROM {TABLE}").fetchone()[0] or 0):
            raise ConflictError(msg("The first data manager already exists; log in instead."))
        if conn.execute(f"SELECT 1 FROM {TABLE} WHERE username = ?", (username,)).fetchone():
            raise ValidationError({"username": msg("The user name {username} is already taken.",
                                                   username=repr(username))})
        conn.execute(f"INSERT INTO {TABLE} (username, display_name, role, password_hash, created_at, created_by) "
                     "VALUES (?, ?, ?, ?, ?, ?)",
                     (username, display_name.strip(), role, password_hash,
                      _now().astimezone(UTC).isoformat(timespec="seconds"), actor))
        append_audit(conn, user=actor, table=TABLE, row_id=username, field="*", old=None,
                     new={"display_name": display_name.strip(), "role": role, "active": 1},
                     reason="first data manager" if first else None)
    return SponsorAccount(username, display_name.strip(), role, True, None, 0)


def create_first_data_manager(store, *, username: str, display_name: str, password: str) -> SponsorSession:
    """First run of the window: create the first data manager and log them in."""
    account = _insert(store, username=username, display_name=display_name, role="data_manager", password=password,
                      actor=(username or "").strip(), first=True)
    with store.transaction() as conn:
        append_audit(conn, user=account.username, table=TABLE, row_id=account.username, field="login", old=None,
                     new=_now().isoformat(timespec="seconds"), reason=None)
    return SponsorSession(store, account.username, account.display_name, account.role)


def create_user(session: SponsorSession, *, username: str, display_name: str, role: str,
                password: str) -> SponsorAccount:
    """A data manager creates a sponsor account."""
    session.require("manage_users")
    return _insert(session.store, username=username, display_name=display_name, role=role, password=password,
                   actor=session.username)


def list_users(session: SponsorSession) -> tuple[SponsorAccount, ...]:
    """Every sponsor account, by user name."""
    session.require("view")
    return tuple(SponsorAccount(r["username"], r["display_name"], r["role"], bool(r["active"]), r["locked_until"],
                                r["failed_attempts"]) for r in session.store.query(
        f"SELECT username, display_name, role, active, locked_until, failed_attempts FROM {TABLE} ORDER BY username"))


def set_user_active(session: SponsorSession, username: str, active: bool, *, reason: str) -> None:
    """Deactivate or reactivate an account (never deleted: the audit trail names it)."""
    session.require("manage_users")
    if not (reason or "").strip():
        raise ValidationError({"reason": msg("Give a reason for changing the account.")})
    with session.store.transaction() as conn:
        hold_chain(conn)
        row = conn.execute(f"SELECT active FROM {TABLE} WHERE username = ?", (username,)).fetchone()
        if row is None:
            raise NotFound(msg("No user {username}.", username=repr(username)))
        conn.execute(f"UPDATE {TABLE} SET active = ?, failed_attempts = 0, locked_until = NULL WHERE username = ?",
                     (int(active), username))
        append_audit(conn, user=session.username, table=TABLE, row_id=username, field="active", old=row[0],
                     new=int(active), reason=reason.strip())


def _row(conn, username: str) -> dict | None:
    cur = conn.execute(f"SELECT * FROM {TABLE} WHERE username = ?", (username,))
    values = cur.fetchone()
    return None if values is None else dict(zip([c[0] for c in cur.description], values))


def login(store, username: str, password: str) -> SponsorSession:
    """Check the password (argon2id); 5 failures lock the account for 15 minutes; every step audited."""
    username = (username or "").strip()
    row = _row(store.conn, username)
    if row is None or not row["active"]:
        crypto.check_password(DUMMY_HASH, password or "")  # unknown names cost as long as real ones
        raise AuthenticationFailed(rules.refused_message())
    right = crypto.check_password(row["password_hash"], password or "")
    now = _now()
    with store.transaction() as conn:
        lock = getattr(conn, "lock", None)  # PostgreSQL: two windows failing at once both count
        if lock is not None:
            lock(TABLE)
        row = _row(conn, username)
        step = rules.attempt(row["failed_attempts"], row["locked_until"], right, now)
        if step.allowed:
            conn.execute(f"UPDATE {TABLE} SET failed_attempts = 0, locked_until = NULL WHERE username = ?", (username,))
            append_audit(conn, user=username, table=TABLE, row_id=username, field="login", old=None,
                         new=now.isoformat(timespec="seconds"), reason=None)
            return SponsorSession(store, username, row["display_name"], row["role"])
        if not step.counted:  # right password while locked: refused, not counted
            raise AccountLocked(rules.refused_message())
        if step.counted:
            if step.expired:
                append_audit(conn, user=username, table=TABLE, row_id=username, field="locked_until",
                             old=row["locked_until"], new=None, reason="lock expired")
            append_audit(conn, user=username, table=TABLE, row_id=username, field="failed_login", old=None,
                         new=step.failures, reason="log-in")
            if step.newly_locked:
                append_audit(conn, user=username, table=TABLE, row_id=username, field="locked_until", old=None,
                             new=step.locked_until, reason=f"{rules.MAX_FAILED_LOGINS} failed attempts")
            conn.execute(f"UPDATE {TABLE} SET failed_attempts = ?, locked_until = ? WHERE username = ?",
                         (step.failures, step.locked_until, username))
    raise (AccountLocked if step.locked else AuthenticationFailed)(rules.refused_message())
