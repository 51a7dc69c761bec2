"""Closing the casebook: locks of visits and casebooks, the sponsor's lock requests, the investigator's sign-off.

A lock is a `locks` record (audited, exported): while it is in force no application function changes a record
of the locked visit or casebook (`store.records` refuses the write with RecordLocked). An investigator or an
administrator locks; only an administrator unlocks, with a reason. The sponsor asks for locks and unlocks in a
return bundle (`apply_lock_requests`, called by `app.returns`).

The casebook sign-off is an e-signature ("approved", by an investigator, Ed25519 with the signer's own key) over
the content hash of every record of the subject (`records.casebook_hash`); any later change of one of them
marks it invalidated, at the site and, through the bundle, at the sponsor, until it is signed again.
"""

from __future__ import annotations

from dataclasses import dataclass

from sle_desktop.app import signatures
from sle_desktop.app.errors import AccountLocked, AuthenticationFailed, ConflictError, NotFound, ValidationError
from sle_desktop.app.session import Session
from sle_desktop.app.site import LOCKOUT, MAX_FAILED_LOGINS, reauthenticate
from sle_desktop.domain.text import msg
from sle_desktop.store import esign, keys, records

MAX_REASON = 500


@dataclass(frozen=True)
class LockInfo:
    """One lock in force (or lifted)."""

    uuid: str
    subject_uuid: str
    visit_uuid: str | None  # None: the whole casebook
    locked_at: str
    locked_by: str
    reason: str
    requested_by: str | None  # the sponsor's user who asked for it (return bundle), else None
    requested_at: str | None
    unlocked_at: str | None = None
    unlocked_by: str | None = None
    unlock_reason: str | None = None

    @property
    def scope(self) -> str:
        return "casebook" if self.visit_uuid is None else "visit"

    @property
    def description(self) -> str:
        """One line for a window: what is locked, by whom, when and why."""
        if self.requested_by:
            return msg("Locked on {at} at the sponsor's request ({requester}, {requested}): {reason}",
                       at=self.locked_at[:10], requester=self.requested_by, requested=(self.requested_at or "")[:10],
                       reason=self.reason)
        return msg("Locked by {user} on {at}: {reason}", user=self.locked_by, at=self.locked_at[:10], reason=self.reason)


@dataclass(frozen=True)
class SubjectLocks:
    """The locks in force on one subject: the casebook lock (or None) and the locked visits."""

    subject_uuid: str
    casebook: LockInfo | None
    visits: tuple[LockInfo, ...]

    def visit_lock(self, visit_uuid: str) -> LockInfo | None:
        """The lock that keeps a visit read-only: the casebook's, else the visit's own."""
        if self.casebook is not None:
            return self.casebook
        return next((v for v in self.visits if v.visit_uuid == visit_uuid), None)


@dataclass(frozen=True)
class SignOff:
    """The latest casebook sign-off of a subject and whether it still holds."""

    uuid: str
    signer: str
    signer_name: str
    signed_at: str
    status: str  # esign.VALID | INVALIDATED | INVALID
    reason: str  # why it no longer holds ('' when valid)

    @property
    def valid(self) -> bool:
        return self.status == esign.VALID


def _info(r: dict) -> LockInfo:
    return LockInfo(r["uuid"], r["subject_uuid"], r["visit_uuid"], r["locked_at"], r["locked_by"], r["lock_reason"],
                    r["requested_by"], r["requested_at"], r["unlocked_at"], r["unlocked_by"], r["unlock_reason"])


def _reason(reason: str | None, field: str, missing) -> str:
    text = (reason or "").strip()
    if not text:
        raise ValidationError({field: missing})
    if len(text) > MAX_REASON:
        raise ValidationError({field: msg("The reason is too long (at most {max} characters).", max=MAX_REASON)})
    return text


def _subject(store, subject_uuid: str) -> dict:
    row = records.get(store, "subjects", subject_uuid)
    if row is None or row["deleted"]:
        raise NotFound(msg("No such subject."))
    return row


def _insert_lock(store, *, subject_uuid: str, visit_uuid: str | None, user: str, reason: str,
                 request: dict | None = None) -> str:
    values = {"subject_uuid": subject_uuid, "visit_uuid": visit_uuid, "locked_at": records._now_text(),
              "locked_by": user, "lock_reason": reason}
    if request is not None:
        values.update(requested_by=request["requested_by"], requested_at=request["requested_at"],
                      request_uuid=request["request_uuid"])
    return records.insert(store, "locks", values, user=user, reason=reason)


def lock_casebook(session: Session, subject_uuid: str, *, reason: str = "casebook complete") -> LockInfo:
    """Lock a subject's whole casebook (investigator or administrator); audited, exported."""
    session.require("lock")
    reason = _reason(reason, "reason", msg("Give a reason for the lock."))
    store = session.store
    with store.transaction():
        _subject(store, subject_uuid)
        if records.active_lock(store, subject_uuid) is not None:  # no visit: the casebook's own lock only
            raise ConflictError(msg("This casebook is already locked."))
        uuid = _insert_lock(store, subject_uuid=subject_uuid, visit_uuid=None, user=session.username, reason=reason)
    return _info(records.get(store, "locks", uuid))


def lock_visit(session: Session, visit_uuid: str, *, reason: str = "visit data complete") -> LockInfo:
    """Lock one visit and the forms recorded at it (investigator or administrator); audited, exported."""
    session.require("lock")
    reason = _reason(reason, "reason", msg("Give a reason for the lock."))
    store = session.store
    with store.transaction():
        visit = records.get(store, "visits", visit_uuid)
        if visit is None or visit["deleted"]:
            raise NotFound(msg("No such visit."))
        if records.active_lock(store, visit["subject_uuid"], visit_uuid) is not None:
            raise ConflictError(msg("This visit is already locked."))
        uuid = _insert_lock(store, subject_uuid=visit["subject_uuid"], visit_uuid=visit_uuid, user=session.username,
                            reason=reason)
    return _info(records.get(store, "locks", uuid))


def unlock(session: Session, lock_uuid: str, *, reason: str) -> LockInfo:
    """Lift a lock (administrator only); the reason is required and audited."""
    session.require("unlock")
    reason = _reason(reason, "reason", msg("Give a reason for unlocking; nothing was unlocked."))
    store = session.store
    with store.transaction():
        row = records.get(store, "locks", lock_uuid)
        if row is None or row["deleted"]:
            raise NotFound(msg("No such lock."))
        if row["unlocked_at"]:
            raise ConflictError(msg("This lock was already lifted."))
        _lift(store, lock_uuid, user=session.username, reason=reason)
    return _info(records.get(store, "locks", lock_uuid))


def _lift(store, lock_uuid: str, *, user: str, reason: str, request_uuid: str | None = None) -> None:
    changes = {"unlocked_at": records._now_text(), "unlocked_by": user, "unlock_reason": reason}
    if request_uuid:
        changes["unlock_request_uuid"] = request_uuid
    records.update(store, "locks", lock_uuid, changes, user=user, reason=reason)


def subject_locks(session: Session, subject_uuid: str) -> SubjectLocks:
    """The locks in force on one subject (for the subject view and the visit form)."""
    session.require("view")
    rows = session.store.query("SELECT * FROM locks WHERE subject_uuid = ? AND unlocked_at IS NULL AND deleted = 0 "
                               "ORDER BY locked_at, uuid", (subject_uuid,))
    casebook = next((_info(r) for r in rows if r["visit_uuid"] is None), None)
    return SubjectLocks(subject_uuid, casebook, tuple(_info(r) for r in rows if r["visit_uuid"] is not None))


def lock_history(session: Session, subject_uuid: str) -> list[LockInfo]:
    """Every lock of a subject, lifted ones too, oldest first."""
    session.require("view")
    return [_info(r) for r in session.store.query(
        "SELECT * FROM locks WHERE subject_uuid = ? AND deleted = 0 ORDER BY locked_at, uuid", (subject_uuid,))]


def visit_lock(session: Session, visit_uuid: str) -> LockInfo | None:
    """The lock keeping a visit read-only (its own or its casebook's), or None."""
    session.require("view")
    visit = records.get(session.store, "visits", visit_uuid)
    if visit is None:
        return None
    row = records.active_lock(session.store, visit["subject_uuid"], visit_uuid)
    return _info(row) if row else None


@dataclass(frozen=True)
class CasebookState:
    """What the subject list shows: casebook locked, how many visits locked, the sign-off."""

    casebook_locked: bool
    locked_visits: int
    sign_off: str | None  # None (never signed), esign.VALID, esign.INVALIDATED or esign.INVALID


def casebook_states(session: Session) -> dict[str, CasebookState]:
    """{subject uuid: CasebookState} for every subject with a lock or a sign-off."""
    session.require("view")
    store = session.store
    out: dict[str, CasebookState] = {}
    counts: dict[str, list] = {}
    for r in store.query("SELECT subject_uuid, visit_uuid FROM locks WHERE unlocked_at IS NULL AND deleted = 0"):
        c = counts.setdefault(r["subject_uuid"], [False, 0])
        if r["visit_uuid"] is None:
            c[0] = True
        else:
            c[1] += 1
    signed = {r["record_uuid"] for r in store.query(
        "SELECT DISTINCT record_uuid FROM signatures WHERE record_table = ? AND deleted = 0", (records.CASEBOOK,))}
    for subject in set(counts) | signed:
        locked, visits = counts.get(subject, [False, 0])
        s = _sign_off(store, subject) if subject in signed else None
        out[subject] = CasebookState(locked, visits, s.status if s else None)
    return out


# -- the sponsor's requests (applied inside the return-bundle import transaction) -----------------------------------
def check_lock_requests(store, requests: list[dict]) -> str | None:
    """The first problem with the sponsor's lock requests (a subject this site does not have), else None."""
    for r in requests:
        if r["scope"] == "all":
            continue
        for s in r["subjects"]:
            row = records.get(store, "subjects", s["uuid"])
            if row is None or row["deleted"]:
                return msg("the sponsor asks to {action} subject {subject}, which this site does not have",
                           action=msg("lock") if r["action"] == "lock" else msg("unlock"), subject=s["subject_id"])
    return None


def apply_lock_requests(store, requests: list[dict], *, user: str, return_seq: int, now: str) -> tuple[int, int]:
    """Apply each request not applied before; returns (casebooks locked, casebooks unlocked)."""
    locked = unlocked = 0
    for r in requests:
        if store.query_one("SELECT 1 FROM lock_requests WHERE request_uuid = ?", (r["request_uuid"],)):
            continue
        if r["scope"] == "all":
            targets = [s["uuid"] for s in store.query("SELECT uuid FROM subjects WHERE deleted = 0 ORDER BY uuid")]
        else:
            targets = [s["uuid"] for s in r["subjects"]]
        reason = r["reason"] or (msg("end-of-study database lock requested by the sponsor") if r["scope"] == "all"
                                 else msg("database lock requested by the sponsor"))
        done = 0
        for subject in targets:
            current = store.query_one("SELECT uuid FROM locks WHERE subject_uuid = ? AND visit_uuid IS NULL AND "
                                      "unlocked_at IS NULL AND deleted = 0", (subject,))
            if r["action"] == "lock" and current is None:
                _insert_lock(store, subject_uuid=subject, visit_uuid=None, user=user, reason=reason, request=r)
                done += 1
            elif r["action"] == "unlock":
                for lock in store.query("SELECT uuid FROM locks WHERE subject_uuid = ? AND unlocked_at IS NULL AND "
                                        "deleted = 0", (subject,)):
                    _lift(store, lock["uuid"], user=user, request_uuid=r["request_uuid"],
                          reason=r["reason"] or msg("unlock requested by the sponsor ({requester}, {at})",
                                                    requester=r["requested_by"], at=r["requested_at"][:10]))
                    done += 1
        if r["action"] == "lock":
            locked += done
        else:
            unlocked += done
        outcome = f"{done} {'locked' if r['action'] == 'lock' else 'unlocked'}"
        store.conn.execute(
            "INSERT INTO lock_requests (request_uuid, action, scope, requested_by, requested_at, return_seq, applied_at, "
            "outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (r["request_uuid"], r["action"], r["scope"], r["requested_by"],
                                                          r["requested_at"], return_seq, now, outcome))
        from sle_desktop.store import audit

        audit.append(store.conn, user=user, table="lock_requests", row_id=r["request_uuid"], field="*", old=None,
                     new={"action": r["action"], "scope": r["scope"], "requested_by": r["requested_by"],
                          "requested_at": r["requested_at"], "outcome": outcome},
                     reason=f"sponsor's request in return bundle {return_seq}")
    return locked, unlocked


# -- the investigator's casebook sign-off ----------------------------------------------------------------------------
def sign_casebook(session: Session, subject_uuid: str, *, password: str) -> SignOff:
    """The investigator approves a subject's whole casebook: re-entered password (counted toward the lockout), an
    Ed25519 signature with the signer's own key over the content hash of every record of the subject."""
    session.require("sign")
    if session.role != "investigator":
        from sle_desktop.app.errors import PermissionDenied

        raise PermissionDenied(msg("Only an investigator can sign off a casebook."))
    store = session.store
    _subject(store, subject_uuid)
    try:
        account = reauthenticate(session, password, "casebook sign-off")
    except AccountLocked:
        raise AccountLocked(msg("Your account is locked after {n} failed password entries; the casebook was not "
                                "signed. Wait {minutes} minutes or ask an administrator.", n=MAX_FAILED_LOGINS,
                                minutes=int(LOCKOUT.total_seconds() // 60))) from None
    except AuthenticationFailed:
        raise AuthenticationFailed(msg("The password is not correct; the casebook was not signed.")) from None
    private = keys.signing_key(account, keys.user_kek(account, password))
    with store.transaction():
        sig = {"record_table": records.CASEBOOK, "record_uuid": subject_uuid, "meaning": "approved",
               "signer": session.username, "signed_at": signatures._utc_text(),
               "content_hash": records.casebook_hash(store, subject_uuid)}
        sig["signature"] = private.sign(esign.signed_message(sig)).hex()
        records.insert(store, "signatures", dict(sig, subject_uuid=subject_uuid, signer_name=session.display_name),
                       user=session.username)
    return casebook_sign_off(session, subject_uuid)


def _sign_off(store, subject_uuid: str) -> SignOff | None:
    r = store.query_one("SELECT * FROM signatures WHERE record_table = ? AND record_uuid = ? AND deleted = 0 "
                        "ORDER BY signed_at DESC, change_seq DESC LIMIT 1", (records.CASEBOOK, subject_uuid))
    if r is None:
        return None
    state, reason = signatures.signature_status(store, r, records.casebook_hash(store, subject_uuid))
    return SignOff(r["uuid"], r["signer"], r["signer_name"], r["signed_at"], state, reason)


def casebook_sign_off(session: Session, subject_uuid: str) -> SignOff | None:
    """The latest sign-off of a subject's casebook with its status (valid, invalidated by a later change, or
    invalid), or None when the casebook was never signed."""
    session.require("view")
    return _sign_off(session.store, subject_uuid)
