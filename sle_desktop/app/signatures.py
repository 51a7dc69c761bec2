"""Electronic signatures: re-entered password + meaning, bound to the record's content hash."""

from __future__ import annotations

from dataclasses import dataclass

from sle_desktop.app.errors import AuthenticationFailed, NotFound, PermissionDenied, ValidationError
from sle_desktop.app.session import Session
from sle_desktop.app.site import verify_password
from sle_desktop.domain.text import msg
from sle_desktop.store import audit, records

MEANINGS = ("authored", "reviewed", "approved")
MEANING_LABELS = {
    "authored": "I am the author of this record",
    "reviewed": "I have reviewed this record",
    "approved": "I approve this record",
}
SIGNABLE = ("screenings", "visits", "sledai_assessments", "labs", "adverse_events", "infusions", "con_meds")


@dataclass(frozen=True)
class SignatureStatus:
    uuid: str
    meaning: str
    signer: str
    signer_name: str
    signed_at: str
    valid: bool
    reason: str  # why it is no longer valid, empty when valid


def sign_record(session: Session, table: str, record_uuid: str, *, password: str, meaning: str) -> str:
    """Sign a saved record; the password is checked again and the signature is bound to the content hash."""
    session.require("sign")
    if meaning not in MEANINGS:
        raise ValidationError({"meaning": msg("Choose the meaning of the signature: {meanings}.",
                                              meanings=", ".join(MEANINGS))})
    if meaning == "approved" and session.role != "investigator":
        raise PermissionDenied(msg("Only an investigator can approve a record."))
    if table not in SIGNABLE:
        raise ValidationError({"record": msg("{table} records cannot be signed.", table=table)})
    if not verify_password(session, password):
        raise AuthenticationFailed(msg("The password is not correct; the record was not signed."))
    row = records.get(session.store, table, record_uuid)
    if row is None:
        raise NotFound(msg("The record to sign does not exist."))
    return records.insert(session.store, "signatures", {
        "record_table": table, "record_uuid": record_uuid, "subject_uuid": row.get("subject_uuid"),
        "meaning": meaning, "signer": session.username, "signer_name": session.display_name,
        "signed_at": audit.utc_now().isoformat(timespec="seconds"),
        "content_hash": records.content_hash(session.store, table, record_uuid),
    }, user=session.username)


def signatures_for(session: Session, table: str, record_uuid: str) -> list[SignatureStatus]:
    """Signatures on a record; a signature is valid only while the content hash still matches."""
    session.require("view")
    current = records.content_hash(session.store, table, record_uuid)
    out = []
    for r in session.store.query(
        "SELECT * FROM signatures WHERE record_table = ? AND record_uuid = ? AND deleted = 0 ORDER BY signed_at",
        (table, record_uuid),
    ):
        valid = r["invalidated_at"] is None and r["content_hash"] == current
        reason = r["invalidated_reason"] or ("" if valid else msg("the record changed after signing"))
        out.append(SignatureStatus(r["uuid"], r["meaning"], r["signer"], r["signer_name"], r["signed_at"], valid, reason))
    return out
