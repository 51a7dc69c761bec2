"""Electronic signatures: re-entered password + meaning; Ed25519 by the signer's own key over the record's
content hash, the meaning, the signer and the UTC time (see store/esign.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC

from sle_desktop.app.errors import AccountLocked, AuthenticationFailed, NotFound, PermissionDenied, ValidationError
from sle_desktop.app.session import Session
from sle_desktop.app.site import LOCKOUT, MAX_FAILED_LOGINS, reauthenticate
from sle_desktop.domain.text import msg
from sle_desktop.store import accounts, audit, esign, keys, records

MEANINGS = ("authored", "reviewed", "approved")
MEANING_LABELS = {
    "authored": "I am the author of this record",
    "reviewed": "I have reviewed this record",
    "approved": "I approve this record",
}
SIGNABLE = ("screenings", "visits", "sledai_assessments", "labs", "adverse_events", "infusions", "con_meds")
STATUS_LABELS = {
    esign.VALID: "valid",
    esign.INVALID: "invalid",
    esign.INVALIDATED: "invalidated by a later change",
    esign.LEGACY: "legacy (not cryptographic)",
}


@dataclass(frozen=True)
class SignatureStatus:
    uuid: str
    meaning: str
    signer: str
    signer_name: str
    signed_at: str
    valid: bool
    reason: str  # why it is not valid, empty when valid
    status: str = esign.VALID  # valid | invalid | invalidated | legacy (STATUS_LABELS)


def _utc_text() -> str:
    return audit.utc_now().astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def sign_record(session: Session, table: str, record_uuid: str, *, password: str, meaning: str) -> str:
    """Sign a saved record with the signer's own key, unlocked by the re-entered password (counted toward
    the lockout); the signature covers the record's content hash, the meaning, the signer and the UTC time."""
    session.require("sign")
    if meaning not in MEANINGS:
        raise ValidationError({"meaning": msg("Choose the meaning of the signature: {meanings}.",
                                              meanings=", ".join(MEANINGS))})
    if meaning == "approved" and session.role != "investigator":
        raise PermissionDenied(msg("Only an investigator can approve a record."))
    if table not in SIGNABLE:
        raise ValidationError({"record": msg("{table} records cannot be signed.", table=table)})
    row = records.get(session.store, table, record_uuid)
    if row is None:
        raise NotFound(msg("The record to sign does not exist."))
    try:
        account = reauthenticate(session, password, "e-signature")
    except AccountLocked:
        raise AccountLocked(msg("Your account is locked after {n} failed password entries; the record was not "
                                "signed. Wait {minutes} minutes or ask an administrator.", n=MAX_FAILED_LOGINS,
                                minutes=int(LOCKOUT.total_seconds() // 60))) from None
    except AuthenticationFailed:
        raise AuthenticationFailed(msg("The password is not correct; the record was not signed.")) from None
    private = keys.signing_key(account, keys.user_kek(account, password))
    sig = {
        "record_table": table, "record_uuid": record_uuid, "meaning": meaning, "signer": session.username,
        "signed_at": _utc_text(), "content_hash": records.content_hash(session.store, table, record_uuid),
    }
    sig["signature"] = private.sign(esign.signed_message(sig)).hex()
    return records.insert(session.store, "signatures", dict(
        sig, subject_uuid=row.get("subject_uuid"), signer_name=session.display_name), user=session.username)


def signer_key(store, signer: str) -> bytes | None:
    """The signer's public key as the audit trail records it."""
    return esign.public_key_from_trail(store.conn.execute(
        'SELECT field, new FROM audit WHERE "table" = \'users\' AND row_id = ? AND field IN (\'*\', \'sign_public_key\') '
        "ORDER BY seq", (signer,)))


def is_legacy(store, signature_uuid: str) -> bool:
    """True for a signature made before the trail was keyed (a migrated site's old signatures)."""
    first = store.scalar('SELECT min(seq) FROM audit WHERE "table" = \'signatures\' AND row_id = ?', (signature_uuid,))
    return first is not None and first < accounts.keyed_from(store.conn)


def signature_status(store, sig: dict, record_hash: str | None) -> tuple[str, str]:
    """(status, reason) of one signature row at the site."""
    return esign.status(sig, signer_key(store, sig["signer"]), record_hash, legacy=is_legacy(store, sig["uuid"]))


def signatures_for(session: Session, table: str, record_uuid: str) -> list[SignatureStatus]:
    """Signatures on a record: valid, invalid (forged, copied, or the record changed unaudited), invalidated by a
    later change, or legacy (made before signatures were cryptographic)."""
    session.require("view")
    current = records.content_hash(session.store, table, record_uuid)
    out = []
    for r in session.store.query(
        "SELECT * FROM signatures WHERE record_table = ? AND record_uuid = ? AND deleted = 0 ORDER BY signed_at",
        (table, record_uuid),
    ):
        state, reason = signature_status(session.store, r, current)
        out.append(SignatureStatus(r["uuid"], r["meaning"], r["signer"], r["signer_name"], r["signed_at"],
                                   state == esign.VALID, reason, state))
    return out


def first_invalid(store):
    """The first signature at the site that does not verify: (uuid, reason), or None (verify-audit)."""
    for r in store.query("SELECT * FROM signatures WHERE deleted = 0 ORDER BY change_seq"):
        if r["record_table"] == records.CASEBOOK:
            current = records.casebook_hash(store, r["record_uuid"])
        else:
            target = records.get(store, r["record_table"], r["record_uuid"]) \
                if r["record_table"] in records.CLINICAL_TABLES else None
            current = None if target is None else records.row_content_hash(r["record_table"], target)
        state, reason = signature_status(store, r, current)
        if state == esign.INVALID:
            return r["uuid"], reason
    return None
