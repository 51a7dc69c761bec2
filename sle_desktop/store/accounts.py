"""Accounts under the keyed audit: a MAC over each account's security fields, lockout state checked against
the audit trail, and the time-equalising dummy password check.

The MAC covers role, active flag, password hash, key-derivation salt and parameters, the wrapped data and
signing keys and the public signing key, so `UPDATE users SET role = 'admin'` by anyone without the site key
is noticed. The lockout columns change at every failed log-in, possibly before any key is unlocked, so they
are instead checked against the audit rows that record every change to them.
"""

from __future__ import annotations

import hmac
import json

from sle_desktop.domain.text import msg
from sle_desktop.store import audit

# An argon2id hash (same cost parameters as real ones) of a random password nobody knows: unknown and
# inactive user names are checked against it so they take as long as real ones.
DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$/f9E5GnVEknsQuaLrqmwjQ$boKKyijOIp62xlMa2/np2ObH/pZTWwZWDR6X6M5acG4"
# Audit fields after which an account's failure count starts again from nothing.
RESET_FIELDS = frozenset({"*", "login", "reauth", "active"})
SECURED = ("username", "display_name", "role", "active", "password_hash", "kdf_salt", "kdf_params",
           "wrapped_data_key", "sign_public_key", "wrapped_sign_key", "created_at", "created_by")


def _text(value):
    return bytes(value).hex() if isinstance(value, (bytes, bytearray, memoryview)) else value


def account_mac(key: bytes, row: dict) -> str:
    """MAC of an account's security fields."""
    return audit.mac(key, "account:" + audit.canonical_json({k: _text(row.get(k)) for k in SECURED}))


def seal(conn, username: str) -> None:
    """Recompute an account's MAC after the application changed it (needs the audit key)."""
    key = audit.key_of(conn)
    if key is None:
        raise audit.AuditLocked(msg("The site key is locked, so nothing can be recorded; log in again."))
    cur = conn.execute("SELECT * FROM users WHERE username = ?", (username,))
    cols = [c[0] for c in cur.description]
    row = dict(zip(cols, cur.fetchone()))
    conn.execute("UPDATE users SET mac = ? WHERE username = ?", (account_mac(key, row), username))


def seal_all(conn) -> None:
    """Seal every account (once, when an upgraded database is first unlocked)."""
    for (username,) in conn.execute("SELECT username FROM users").fetchall():
        seal(conn, username)


def keyed_from(conn) -> int:
    """First row of the keyed trail according to the migration marker (its row; 1 for a site created keyed).
    Rows and signatures before it are legacy."""
    row = conn.execute('SELECT new FROM audit WHERE "table" = ? AND field = ? ORDER BY seq DESC LIMIT 1',
                       (audit.MARKER_TABLE, audit.MARKER_FIELD)).fetchone()
    try:
        return int(json.loads(row[0])) if row else 1
    except (TypeError, ValueError):
        return 1


def expected_lockout(conn, username: str) -> tuple[int, str | None]:
    """(failed attempts, locked until) as the audit trail records them since the last reset."""
    failed, locked, seen_lock = None, None, False
    for field, new in conn.execute(
            'SELECT field, new FROM audit WHERE "table" = \'users\' AND row_id = ? AND seq >= ? ORDER BY seq DESC',
            (username, keyed_from(conn))):
        if field in RESET_FIELDS:
            break
        try:
            value = None if new is None else json.loads(new)
        except ValueError:
            value = new
        if field == "failed_login" and failed is None:
            failed = value
        elif field == "locked_until" and not seen_lock:
            locked, seen_lock = value, True
    return (failed or 0), locked


def problem(conn, row: dict):
    """Why an account row cannot be trusted (changed outside the application), or None."""
    changed = msg("The account {username} was changed outside the application; it cannot be used until an "
                  "administrator has checked it (run 'sle-desktop verify-audit').", username=row["username"])
    key = audit.key_of(conn)
    if key is not None:
        code = row.get("mac")
        if not isinstance(code, str) or not hmac.compare_digest(code, account_mac(key, row)):
            return changed
    if (row["failed_attempts"], row["locked_until"]) != expected_lockout(conn, row["username"]):
        return changed
    return None


def verify_accounts(conn):
    """The first account changed outside the application: (username, message), or None."""
    cur = conn.execute("SELECT * FROM users ORDER BY username")
    cols = [c[0] for c in cur.description]
    for values in cur.fetchall():
        row = dict(zip(cols, values))
        found = problem(conn, row)
        if found is not None:
            return row["username"], found
    return None
