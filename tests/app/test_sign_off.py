"""The investigator's casebook sign-off through the app layer: signed over every record of the subject,
invalidated by any later change, signed again; the password is re-entered and counted toward the lockout."""

import pytest

from testkit import PASSWORD
from sle_desktop.app import locks, signatures, site, visits
from sle_desktop.app.errors import AccountLocked, AuthenticationFailed, PermissionDenied
from sle_desktop.store import esign, records


def _visit(session, uuid):
    return session.store.query_one("SELECT uuid FROM visits WHERE subject_uuid = ?", (uuid,))["uuid"]


def test_sign_off_covers_the_casebook_and_is_invalidated_by_any_later_change(enrolled):
    inv, uuid, _ = enrolled
    visit = _visit(inv, uuid)
    visits.save_sledai(inv, visit, {"rash"}, 1.0)
    assert locks.casebook_sign_off(inv, uuid) is None
    signed = locks.sign_casebook(inv, uuid, password=PASSWORD)
    assert (signed.status, signed.signer, signed.valid) == (esign.VALID, "inv", True)
    row = records.get(inv.store, "signatures", signed.uuid)
    assert (row["record_table"], row["record_uuid"], row["meaning"]) == (records.CASEBOOK, uuid, "approved")
    assert row["content_hash"] == records.casebook_hash(inv.store, uuid)
    assert signatures.first_invalid(inv.store) is None  # verify-audit accepts casebook sign-offs
    # a correction of one value invalidates it (audited, with the reason)
    visits.save_sledai(inv, visit, {"rash", "fever"}, 1.0, reason="fever missed")
    after = locks.casebook_sign_off(inv, uuid)
    assert after.status == esign.INVALIDATED and "fever missed" in after.reason
    assert locks.casebook_states(inv)[uuid].sign_off == esign.INVALIDATED
    # signed again: valid; then a new record of the subject (a con-med) invalidates it too
    again = locks.sign_casebook(inv, uuid, password=PASSWORD)
    assert again.valid and locks.casebook_sign_off(inv, uuid).uuid == again.uuid
    visits.add_con_med(inv, uuid, drug="Hydroxychloroquine", drug_class="hydroxychloroquine")
    assert locks.casebook_sign_off(inv, uuid).status == esign.INVALIDATED
    assert signatures.first_invalid(inv.store) is None


def test_a_change_outside_the_application_makes_the_sign_off_invalid(enrolled):
    inv, uuid, _ = enrolled
    locks.sign_casebook(inv, uuid, password=PASSWORD)
    inv.store.conn.execute("UPDATE visits SET notes = 'edited with a SQLite tool' WHERE subject_uuid = ?", (uuid,))
    assert locks.casebook_sign_off(inv, uuid).status == esign.INVALID
    assert signatures.first_invalid(inv.store) is not None


def test_sign_off_of_a_locked_casebook(enrolled):
    inv, uuid, _ = enrolled
    locks.lock_casebook(inv, uuid, reason="complete")
    assert locks.sign_casebook(inv, uuid, password=PASSWORD).valid


def test_wrong_password_counts_toward_the_lockout_and_signs_nothing(enrolled):
    inv, uuid, _ = enrolled
    before = inv.store.scalar("SELECT count(*) FROM signatures")
    with pytest.raises(AuthenticationFailed, match="The password is not correct; the casebook was not signed."):
        locks.sign_casebook(inv, uuid, password="wrong")
    assert inv.store.scalar("SELECT failed_attempts FROM users WHERE username = 'inv'") == 1
    for _ in range(site.MAX_FAILED_LOGINS - 1):
        with pytest.raises((AuthenticationFailed, AccountLocked)):
            locks.sign_casebook(inv, uuid, password="wrong")
    with pytest.raises(AccountLocked, match="the casebook was not signed"):
        locks.sign_casebook(inv, uuid, password=PASSWORD)
    assert inv.store.scalar("SELECT count(*) FROM signatures") == before
    assert locks.casebook_sign_off(inv, uuid) is None


def test_only_an_investigator_signs_off(enrolled, admin, coordinator, monitor):
    inv, uuid, _ = enrolled
    before = inv.store.scalar("SELECT max(seq) FROM audit")
    for who in (coordinator, monitor, admin):
        with pytest.raises(PermissionDenied):
            locks.sign_casebook(who, uuid, password=PASSWORD)
    assert inv.store.scalar("SELECT max(seq) FROM audit") == before


def test_sign_off_of_an_unknown_subject(enrolled):
    inv, _uuid, _ = enrolled
    from sle_desktop.app.errors import NotFound

    with pytest.raises(NotFound):
        locks.sign_casebook(inv, "00000000-0000-0000-0000-000000000000", password=PASSWORD)
