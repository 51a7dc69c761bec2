"""Account rules shared by the site's and the sponsor's log-ins: names, passwords, the lockout.

Pure: the callers hash passwords (argon2id, `store.crypto`), store the counters and audit every step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from .text import msg

USERNAME = re.compile(r"^[a-z][a-z0-9._-]{1,31}$")
MIN_PASSWORD = 10
MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)


def validate_account(username: str, display_name: str, role: str, password: str, roles) -> dict[str, str]:
    """Field errors of a new account (empty when all is well)."""
    errors = {}
    if not USERNAME.match(username or ""):
        errors["username"] = msg(
            "User name: 2–32 characters, lower-case letters, digits, '.', '_' or '-', starting with a letter.")
    if not (display_name or "").strip() or len(display_name) > 120:
        errors["display_name"] = msg("Full name is required (at most 120 characters).")
    if role not in roles:
        errors["role"] = msg("Role must be one of: {roles}.", roles=", ".join(roles))
    if len(password or "") < MIN_PASSWORD:
        errors["password"] = msg("The password must have at least {n} characters.", n=MIN_PASSWORD)
    return errors


def refused_message():
    """The one message for every refused password, whether or not the account exists or is locked."""
    return msg("Log-in refused: unknown user name or wrong password, or the account is locked after {n} failed "
               "attempts (wait {minutes} minutes or ask an administrator).", n=MAX_FAILED_LOGINS,
               minutes=int(LOCKOUT.total_seconds() // 60))


@dataclass(frozen=True)
class Attempt:
    """What one password attempt does to an account's lockout state.

    `allowed`: log in. Otherwise the new `failures` and `locked_until` to store, `expired` when an old
    lock ran out (counting starts again; audit that), `newly_locked` when this failure locks the account;
    `counted` is False for a right password given while locked (refused, not counted)."""

    allowed: bool
    locked: bool
    counted: bool = False
    failures: int = 0
    locked_until: str | None = None
    expired: bool = False
    newly_locked: bool = False


def attempt(failed_attempts: int, locked_until: str | None, right: bool, now: datetime) -> Attempt:
    """The lockout rule: `MAX_FAILED_LOGINS` wrong passwords lock the account for `LOCKOUT`."""
    locked = bool(locked_until) and datetime.fromisoformat(locked_until) > now
    if right and not locked:
        return Attempt(True, False)
    if right:
        return Attempt(False, True)
    failures, lock, expired = failed_attempts + 1, locked_until, False
    if lock and not locked:
        failures, lock, expired = 1, None, True
    newly = failures >= MAX_FAILED_LOGINS and not locked
    if newly:
        lock = (now + LOCKOUT).isoformat()
    return Attempt(False, bool(lock), True, failures, lock, expired, newly)
