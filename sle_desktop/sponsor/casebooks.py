"""The state of every casebook at the sponsor: locks received from the site, the investigator's sign-off."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sle_desktop.sponsor.importer import casebook_hash_at_sponsor
from sle_desktop.store.records import CASEBOOK

SIGNED, INVALIDATED, INVALID = "signed", "invalidated", "invalid"


@dataclass(frozen=True)
class CasebookState:
    """One subject's casebook as the sponsor holds it."""

    site_code: str
    subject_uuid: str
    subject_id: str
    casebook_locked: bool
    locked_at: str | None
    locked_by: str | None
    lock_requested_by: str | None  # the sponsor user whose request the site applied, if any
    locked_visits: int
    sign_off: str | None  # None (never signed), "signed", "invalidated" (changed since) or "invalid"
    signed_by: str | None
    signed_at: str | None
    sign_off_reason: str  # why it no longer holds ('' when signed or never signed)


def _rows(store, table: str, site_uuid: str) -> list[dict]:
    return [json.loads(r["data"]) for r in store.query(
        "SELECT data FROM records WHERE tbl = ? AND site_uuid = ? AND deleted = 0 ORDER BY change_seq, uuid",
        (table, site_uuid))]


def casebook_states(store) -> list[CasebookState]:
    """Every subject of every site: whether its casebook is locked and signed (latest sign-off; "invalidated"
    once a record changed after signing), by site code and subject ID."""
    out = []
    for site in store.query("SELECT site_uuid, code FROM sites ORDER BY code"):
        su = site["site_uuid"]
        locks: dict[str, list[dict]] = {}
        for r in _rows(store, "locks", su):
            if not r.get("unlocked_at"):
                locks.setdefault(r.get("subject_uuid"), []).append(r)
        sign_offs: dict[str, dict] = {}
        for r in _rows(store, "signatures", su):
            if r.get("record_table") == CASEBOOK:
                prev = sign_offs.get(r.get("record_uuid"))
                if prev is None or (r.get("signed_at") or "") >= (prev.get("signed_at") or ""):
                    sign_offs[r["record_uuid"]] = r
        for s in sorted(_rows(store, "subjects", su), key=lambda r: r.get("subject_id") or r.get("screening_number")):
            mine = locks.get(s["uuid"], [])
            book = next((x for x in mine if x.get("visit_uuid") is None), None)
            sig = sign_offs.get(s["uuid"])
            state, reason = None, ""
            if sig is not None:
                if sig.get("invalidated_at"):
                    state, reason = INVALIDATED, str(sig.get("invalidated_reason") or "")
                elif casebook_hash_at_sponsor(store, su, s["uuid"]) == sig.get("content_hash"):
                    state = SIGNED
                else:
                    state, reason = INVALID, "the casebook differs from what was signed"
            out.append(CasebookState(
                site["code"], s["uuid"], s.get("subject_id") or s.get("screening_number"), book is not None,
                book.get("locked_at") if book else None, book.get("locked_by") if book else None,
                book.get("requested_by") if book else None, sum(1 for x in mine if x.get("visit_uuid") is not None),
                state, sig.get("signer") if sig else None, sig.get("signed_at") if sig else None, reason))
    return out
