"""Source-data verification marks the sponsor's monitor set (brought by return bundles): valid while the
record is unchanged since it was verified."""

from __future__ import annotations

from dataclasses import dataclass

from sle_desktop.app.errors import StoreError
from sle_desktop.app.session import Session
from sle_desktop.store import records


@dataclass(frozen=True)
class SdvStatus:
    record_table: str
    record_uuid: str
    monitor: str
    marked_at: str
    valid: bool  # False once the record changed after it was verified


def _sdv(store, r: dict) -> SdvStatus:
    try:
        current = records.content_hash(store, r["record_table"], r["record_uuid"])
    except StoreError:  # the record is missing or of an unknown kind: not verified
        current = None
    return SdvStatus(r["record_table"], r["record_uuid"], r["monitor"], r["marked_at"], current == r["content_hash"])


def sdv_status(session: Session, table: str, record_uuid: str) -> SdvStatus | None:
    """The SDV mark of one record (valid while the record is unchanged since verification), or None."""
    session.require("view")
    r = session.store.query_one("SELECT * FROM sdv_marks WHERE record_table = ? AND record_uuid = ?", (table, record_uuid))
    return _sdv(session.store, r) if r else None


def sdv_marks(session: Session) -> list[SdvStatus]:
    session.require("view")
    return [_sdv(session.store, r) for r in session.store.query("SELECT * FROM sdv_marks ORDER BY marked_at")]
