"""Account MACs, the lockout state checked against the audit trail, and the e-signature checks, branch by branch
(the mutation run covers store/accounts.py and store/esign.py with these tests)."""

from __future__ import annotations

import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sle_desktop.store import accounts, audit, esign
from sle_desktop.store.db import Store

KEY = bytes(range(32))


@pytest.fixture
def keyed():
    s = Store.memory()
    audit.unlock(s.conn, KEY)
    yield s
    s.close()


def _user(store, username="inv", **overrides):
    values = dict(username=username, display_name="Dr I", role="investigator", password_hash="$argon2id$h",
                  kdf_salt=b"salt", kdf_params="{}", wrapped_data_key=b"wrapped", sign_public_key=b"pub",
                  wrapped_sign_key=b"wsk", created_at="2026-01-01", created_by="admin")
    values.update(overrides)
    with store.transaction() as conn:
        names = ", ".join(values)
        conn.execute(f"INSERT INTO users ({names}) VALUES ({', '.join('?' for _ in values)})", tuple(values.values()))
        audit.append(conn, user="admin", table="users", row_id=username, field="*", old=None, new={"role": "x"},
                     reason=None)
        accounts.seal(conn, username)
    return store.query_one("SELECT * FROM users WHERE username = ?", (username,))


def _log(store, username, field, new):
    with store.transaction() as conn:
        audit.append(conn, user=username, table="users", row_id=username, field=field, old=None, new=new, reason=None)


# -- account MACs ---------------------------------------------------------------------------------------------
def test_the_mac_covers_every_security_field():
    base = {k: f"v-{k}" for k in accounts.SECURED} | {"active": 1, "kdf_salt": b"s"}
    reference = accounts.account_mac(KEY, base)
    assert reference == audit.mac(KEY, "account:" + audit.canonical_json(
        {k: (v.hex() if isinstance(v, bytes) else v) for k, v in base.items()}))
    for field in accounts.SECURED:
        assert accounts.account_mac(KEY, dict(base, **{field: "changed"})) != reference, field
    assert accounts.account_mac(KEY, dict(base, failed_attempts=9, locked_until="t", mac="m")) == reference
    assert accounts.account_mac(bytes(32), base) != reference
    assert set(accounts.SECURED) == {"username", "display_name", "role", "active", "password_hash", "kdf_salt",
                                     "kdf_params", "wrapped_data_key", "sign_public_key", "wrapped_sign_key",
                                     "created_at", "created_by"}


def test_a_sealed_account_is_trusted_and_a_changed_one_named(keyed):
    row = _user(keyed)
    assert row["mac"] == accounts.account_mac(audit.key_of(keyed.conn), row)
    assert accounts.problem(keyed.conn, row) is None and accounts.verify_accounts(keyed.conn) is None
    keyed.conn.execute("UPDATE users SET role = 'admin' WHERE username = 'inv'")
    changed = keyed.query_one("SELECT * FROM users WHERE username = 'inv'")
    problem = accounts.problem(keyed.conn, changed)
    assert problem == ("The account inv was changed outside the application; it cannot be used until an administrator "
                       "has checked it (run 'sle-desktop verify-audit').")
    assert accounts.verify_accounts(keyed.conn) == ("inv", problem)


@pytest.mark.parametrize("code", [None, 5, "0" * 64])
def test_a_missing_or_wrong_mac_is_a_problem(keyed, code):
    _user(keyed)
    keyed.conn.execute("UPDATE users SET mac = ? WHERE username = 'inv'", (code,))
    assert accounts.problem(keyed.conn, keyed.query_one("SELECT * FROM users")) is not None


def test_without_the_key_only_the_lockout_state_is_checked(keyed):
    _user(keyed)
    keyed.conn.execute("UPDATE users SET role = 'admin'")
    audit.lock(keyed.conn)
    assert accounts.problem(keyed.conn, keyed.query_one("SELECT * FROM users")) is None
    keyed.conn.execute("UPDATE users SET failed_attempts = 3")
    assert accounts.problem(keyed.conn, keyed.query_one("SELECT * FROM users")) is not None


def test_seal_needs_the_key():
    s = Store.memory()
    with pytest.raises(audit.AuditLocked) as info:
        accounts.seal(s.conn, "inv")
    assert str(info.value) == "The site key is locked, so nothing can be recorded; log in again."


def test_seal_all_seals_every_account(keyed):
    _user(keyed, "a")
    _user(keyed, "b")
    keyed.conn.execute("UPDATE users SET mac = NULL")
    accounts.seal_all(keyed.conn)
    assert accounts.verify_accounts(keyed.conn) is None
    assert keyed.scalar("SELECT count(*) FROM users WHERE mac IS NOT NULL") == 2


def test_verify_accounts_names_the_first_changed_account_in_order(keyed):
    for name in ("c", "a", "b"):
        _user(keyed, name)
    keyed.conn.execute("UPDATE users SET active = 0 WHERE username IN ('b', 'c')")
    assert accounts.verify_accounts(keyed.conn)[0] == "b"


# -- the lockout state from the audit trail ---------------------------------------------------------------------
def test_expected_lockout_is_the_last_values_since_the_last_reset(keyed):
    _user(keyed)
    assert accounts.expected_lockout(keyed.conn, "inv") == (0, None)
    _log(keyed, "inv", "failed_login", 1)
    _log(keyed, "inv", "failed_login", 2)
    assert accounts.expected_lockout(keyed.conn, "inv") == (2, None)
    _log(keyed, "inv", "locked_until", "2026-01-01T10:00:00+00:00")
    _log(keyed, "inv", "failed_login", 3)
    assert accounts.expected_lockout(keyed.conn, "inv") == (3, "2026-01-01T10:00:00+00:00")
    _log(keyed, "inv", "locked_until", None)
    assert accounts.expected_lockout(keyed.conn, "inv") == (3, None)
    for reset in ("login", "reauth", "active"):
        _log(keyed, "inv", "failed_login", 4)
        _log(keyed, "inv", reset, "t")
        assert accounts.expected_lockout(keyed.conn, "inv") == (0, None), reset
    _log(keyed, "other", "failed_login", 7)
    assert accounts.expected_lockout(keyed.conn, "inv") == (0, None)
    assert accounts.RESET_FIELDS == {"*", "login", "reauth", "active"}


def test_expected_lockout_ignores_rows_before_the_keyed_start(keyed):
    _user(keyed)
    _log(keyed, "inv", "failed_login", 4)
    with keyed.transaction() as conn:
        seq = audit.append(conn, user="migration", table="audit", row_id="trail", field="keyed_from", old=None,
                           new=0, reason=None)
    keyed.conn.execute("DROP TRIGGER audit_no_update")
    keyed.conn.execute("UPDATE audit SET new = ? WHERE seq = ?", (json.dumps(seq), seq))
    assert accounts.keyed_from(keyed.conn) == seq
    assert accounts.expected_lockout(keyed.conn, "inv") == (0, None)
    _log(keyed, "inv", "failed_login", 1)
    assert accounts.expected_lockout(keyed.conn, "inv") == (1, None)


@pytest.mark.parametrize("new, expected", [(None, 1), ('"abc"', 1), ("[", 1), ("17", 17)])
def test_keyed_from_reads_the_newest_marker(keyed, new, expected):
    assert accounts.keyed_from(keyed.conn) == 1
    with keyed.transaction() as conn:
        seq = audit.append(conn, user="m", table="audit", row_id="trail", field="keyed_from", old=None, new=0,
                           reason=None)
    keyed.conn.execute("DROP TRIGGER audit_no_update")
    keyed.conn.execute("UPDATE audit SET new = ? WHERE seq = ?", (new, seq))
    assert accounts.keyed_from(keyed.conn) == expected


def test_a_lockout_state_that_disagrees_with_the_trail_is_a_problem(keyed):
    _user(keyed)
    _log(keyed, "inv", "failed_login", 5)
    _log(keyed, "inv", "locked_until", "2026-01-01T10:00:00+00:00")
    keyed.conn.execute("UPDATE users SET failed_attempts = 5, locked_until = '2026-01-01T10:00:00+00:00'")
    assert accounts.problem(keyed.conn, keyed.query_one("SELECT * FROM users")) is None
    keyed.conn.execute("UPDATE users SET locked_until = NULL")
    assert accounts.problem(keyed.conn, keyed.query_one("SELECT * FROM users")) is not None
    keyed.conn.execute("UPDATE users SET failed_attempts = 0, locked_until = '2026-01-01T10:00:00+00:00'")
    assert accounts.problem(keyed.conn, keyed.query_one("SELECT * FROM users")) is not None


def test_non_json_lockout_values_are_read_as_text(keyed):
    _user(keyed)
    _log(keyed, "inv", "locked_until", "t")
    keyed.conn.execute("DROP TRIGGER audit_no_update")
    keyed.conn.execute("UPDATE audit SET new = 'not json' WHERE field = 'locked_until'")
    assert accounts.expected_lockout(keyed.conn, "inv") == (0, "not json")


# -- e-signatures -----------------------------------------------------------------------------------------------
SIG = {"record_table": "labs", "record_uuid": "u", "content_hash": "h", "meaning": "approved", "signer": "inv",
       "signed_at": "2026-01-01T00:00:00Z"}


def test_the_signed_message_is_fixed():
    assert esign.signed_message(SIG) == (b'{"content_hash":"h","meaning":"approved","record_table":"labs",'
                                         b'"record_uuid":"u","signed_at":"2026-01-01T00:00:00Z","signer":"inv","v":1}')
    assert esign.signed_message(dict(SIG, extra="x", signer_name="Dr")) == esign.signed_message(SIG)
    for field in esign.SIGNED_FIELDS:
        assert esign.signed_message(dict(SIG, **{field: "other"})) != esign.signed_message(SIG), field


def _signed(**changes):
    key = Ed25519PrivateKey.generate()
    sig = dict(SIG, **changes)
    sig["signature"] = key.sign(esign.signed_message(sig)).hex()
    return sig, key.public_key().public_bytes_raw()


MESSAGES = {
    "legacy": "legacy signature (not cryptographic), made before the signatures were keyed",
    "unsigned": "no cryptographic signature: the row was not made by signing",
    "no_key": "the signer inv has no signing key on record",
    "forged": "the signature does not match its record, meaning, signer or time (forged or copied)",
    "changed": "the record changed after signing",
    "differs": "the record differs from what was signed, without an audited change",
}


def test_each_status_says_why_in_these_words():
    sig, public = _signed()
    assert esign.status(dict(sig, signature=None), None, "h", legacy=True) == (esign.LEGACY, MESSAGES["legacy"])
    assert esign.status(dict(sig, signature=None), None, "h", legacy=False) == (esign.INVALID, MESSAGES["unsigned"])
    assert esign.status(sig, None, "h", legacy=False) == (esign.INVALID, MESSAGES["no_key"])
    assert esign.status(dict(sig, meaning="x"), public, "h", legacy=False) == (esign.INVALID, MESSAGES["forged"])
    assert esign.status(dict(sig, invalidated_at="t"), public, "h", legacy=False) == (esign.INVALIDATED,
                                                                                     MESSAGES["changed"])
    assert esign.status(sig, public, "other", legacy=False) == (esign.INVALID, MESSAGES["differs"])
    assert (esign.VALID, esign.INVALID, esign.INVALIDATED, esign.LEGACY) == ("valid", "invalid", "invalidated",
                                                                             "legacy")


def test_status_of_each_kind_of_signature():
    sig, public = _signed()
    assert esign.status(sig, public, "h", legacy=False) == (esign.VALID, "")
    assert esign.status(sig, public, "h", legacy=True) == (esign.VALID, "")
    assert esign.status(dict(sig, invalidated_at="t", invalidated_reason="record changed: typo"), public, "h2",
                        legacy=False) == (esign.INVALIDATED, "record changed: typo")
    state, why = esign.status(dict(sig, invalidated_at="t", invalidated_reason=None), public, "h", legacy=False)
    assert state == esign.INVALIDATED and "changed after signing" in why
    state, why = esign.status(sig, public, "other", legacy=False)
    assert state == esign.INVALID and "without an audited change" in why
    for forged in (dict(sig, record_uuid="v"), dict(sig, meaning="reviewed"), dict(sig, signer="x"),
                   dict(sig, signed_at="2027-01-01T00:00:00Z"), dict(sig, content_hash="x"),
                   dict(sig, signature="00" * 64), dict(sig, signature="zz"), dict(sig, signature=5)):
        state, why = esign.status(forged, public, forged["content_hash"], legacy=False)
        assert state == esign.INVALID and "forged or copied" in why, forged
    state, why = esign.status(sig, _signed()[1], "h", legacy=False)
    assert state == esign.INVALID and "forged or copied" in why
    state, why = esign.status(sig, None, "h", legacy=False)
    assert state == esign.INVALID and "signer inv has no signing key" in why
    state, why = esign.status(sig, b"short", "h", legacy=False)
    assert state == esign.INVALID


@pytest.mark.parametrize("value", [None, ""])
def test_a_row_without_a_signature_is_legacy_only_before_the_keyed_start(value):
    row = dict(SIG, signature=value)
    state, why = esign.status(row, None, "h", legacy=True)
    assert state == esign.LEGACY and "not cryptographic" in why
    state, why = esign.status(row, None, "h", legacy=False)
    assert state == esign.INVALID and "no cryptographic signature" in why


def test_the_public_key_comes_from_the_newest_audit_row():
    rows = [("*", json.dumps({"sign_public_key": "aa"})), ("login", '"t"'), ("sign_public_key", '"bb"'),
            ("*", json.dumps({"role": "x"})), ("sign_public_key", "not json"), ("sign_public_key", "5")]
    assert esign.public_key_from_trail(rows) == bytes.fromhex("bb")
    assert esign.public_key_from_trail(rows[:2]) == bytes.fromhex("aa")
    assert esign.public_key_from_trail([]) is None
    assert esign.public_key_from_trail([("*", None), ("*", '["x"]'), ("*", '{"sign_public_key": 5}')]) is None
    assert esign.public_key_from_trail([("sign_public_key", '"not hex"')]) is None
    assert esign.public_key_from_trail([("sign_public_key", '""')]) is None
    assert esign.public_key_from_trail([("sign_public_key", "not json"), ("sign_public_key", '"cc"')]) == b"\xcc"
