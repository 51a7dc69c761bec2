"""Source-data verification marks the sponsor's monitors set (brought by return bundles) of whole records or of
single fields, and the monitor's marks made at the site: each valid while what it verified is unchanged."""

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
    valid: bool  # False once the record (or, for a field mark, that field's value) changed after it was verified
    field: str = ""  # '' for a whole-record mark


def _sdv(store, r: dict) -> SdvStatus:
    try:
        current = _verified_hash(store, r["record_table"], r["record_uuid"], r["field"])
    except StoreError:  # the record is missing or of an unknown kind: not verified
        current = None
    return SdvStatus(r["record_table"], r["record_uuid"], r["monitor"], r["marked_at"], current == r["content_hash"],
                     r["field"])


def sdv_status(session: Session, table: str, record_uuid: str, field: str = "") -> SdvStatus | None:
    """The sponsor's SDV mark of one record (or, with `field`, of that field of it), or None; valid while what was
    verified is unchanged."""
    session.require("view")
    r = session.store.query_one("SELECT * FROM sdv_marks WHERE record_table = ? AND record_uuid = ? AND field = ?",
                                (table, record_uuid, field or ""))
    return _sdv(session.store, r) if r else None


def sdv_marks(session: Session) -> list[SdvStatus]:
    """Every SDV mark the sponsor sent, whole-record and field marks alike."""
    session.require("view")
    return [_sdv(session.store, r) for r in session.store.query("SELECT * FROM sdv_marks ORDER BY marked_at, field")]


# -- the monitoring visit at the site ---------------------------------------------------------------------------------
MONITORED = records.CASEBOOK_TABLES


@dataclass(frozen=True)
class SiteSdv:
    """A monitor's source-data verification at the site, of a whole record (field '') or one field."""

    uuid: str
    record_table: str
    record_uuid: str
    field: str
    monitor: str
    monitor_name: str
    marked_at: str
    valid: bool  # False once the verified value changed: the mark dropped


def _verified_hash(store, table: str, record_uuid: str, field: str) -> str | None:
    row = records.get(store, table, record_uuid)
    if row is None:
        return None
    if field:
        return records.field_content_hash(table, record_uuid, field, row.get(field))
    return records.row_content_hash(table, row)


def _site_sdv(store, r: dict) -> SiteSdv:
    current = _verified_hash(store, r["record_table"], r["record_uuid"], r["field"])
    return SiteSdv(r["uuid"], r["record_table"], r["record_uuid"], r["field"], r["monitor"], r["monitor_name"],
                   r["marked_at"], current == r["content_hash"])


def mark_verified(session: Session, table: str, record_uuid: str, field: str | None = None) -> SiteSdv:
    """A monitor at the site marks a record (or one field of it) source-data-verified as it is now; audited,
    sent to the sponsor in the next bundle. Marking again after a change re-verifies."""
    from sle_desktop.app.errors import NotFound, ValidationError
    from sle_desktop.domain.text import msg

    session.require("verify")
    if table not in MONITORED:
        raise ValidationError({"record": msg("{table} records are not source data.", table=table)})
    store = session.store
    field = (field or "").strip()
    with store.transaction():
        row = records.get(store, table, record_uuid)
        if row is None or row["deleted"]:
            raise NotFound(msg("The record to verify does not exist."))
        if field and (field not in row or field in records._MANAGED or field in ("deleted", "subject_uuid",
                                                                                 "visit_uuid")):
            raise ValidationError({"field": msg("{table} has no data field {field}.", table=table, field=field)})
        subject, visit = records.subject_and_visit(table, record_uuid, row)
        values = {"content_hash": _verified_hash(store, table, record_uuid, field), "monitor": session.username,
                  "monitor_name": session.display_name, "marked_at": records._now_text()}
        old = store.query_one("SELECT uuid FROM site_sdv WHERE record_table = ? AND record_uuid = ? AND field = ?",
                              (table, record_uuid, field))
        if old is None:
            uuid = records.insert(store, "site_sdv", dict(values, subject_uuid=subject, visit_uuid=visit,
                                                          record_table=table, record_uuid=record_uuid, field=field),
                                  user=session.username, reason="source data verified")
        else:
            uuid = old["uuid"]
            records.update(store, "site_sdv", uuid, values, user=session.username, reason="source data verified again")
    return _site_sdv(store, records.get(store, "site_sdv", uuid))


def site_sdv_marks(session: Session, subject_uuid: str | None = None) -> list[SiteSdv]:
    """The monitor's marks made at the site (optionally of one subject), with whether each still holds."""
    session.require("view")
    sql, params = "SELECT * FROM site_sdv WHERE deleted = 0", ()
    if subject_uuid is not None:
        sql, params = sql + " AND subject_uuid = ?", (subject_uuid,)
    return [_site_sdv(session.store, r) for r in session.store.query(sql + " ORDER BY marked_at, uuid", params)]


@dataclass(frozen=True)
class FieldVerification:
    """The newest field-level mark of one value: a monitor's at the site, or the sponsor's from a return bundle."""

    field: str
    monitor: str
    marked_at: str
    valid: bool  # False once the value changed after it was verified
    by_sponsor: bool


def field_verifications(session: Session, table: str, record_uuid: str) -> dict[str, FieldVerification]:
    """The field marks of one record by field, the site's and the sponsor's alike (the newer one of a field
    counts)."""
    session.require("view")
    store = session.store
    found: dict[str, FieldVerification] = {}
    rows = [(r, False) for r in store.query("SELECT * FROM site_sdv WHERE record_table = ? AND record_uuid = ? AND "
                                            "field <> '' AND deleted = 0", (table, record_uuid))]
    rows += [(r, True) for r in store.query("SELECT * FROM sdv_marks WHERE record_table = ? AND record_uuid = ? AND "
                                            "field <> ''", (table, record_uuid))]
    for r, by_sponsor in sorted(rows, key=lambda x: x[0]["marked_at"]):
        valid = _verified_hash(store, table, record_uuid, r["field"]) == r["content_hash"]
        found[r["field"]] = FieldVerification(r["field"], r["monitor"], r["marked_at"], valid, by_sponsor)
    return found


@dataclass(frozen=True)
class QueueItem:
    """A record in the monitor's queue: not yet verified, or changed since it was verified."""

    subject_uuid: str
    subject_label: str
    visit_code: str | None
    record_table: str
    record_uuid: str
    state: str  # "not_verified" | "changed"
    verified_by: str | None
    verified_at: str | None
    detail: str = ""  # which record: the lab test, AE term, drug or infusion lot


def _detail(table: str, row: dict) -> str:
    if table == "labs":
        from sle_desktop.domain import labs

        try:
            return labs.lab_test(row["test"]).label
        except ValueError:
            return str(row["test"])
    return str(row.get("term") or row.get("drug") or row.get("lot_number") or "")


def monitoring_queue(session: Session) -> list[QueueItem]:
    """What the monitor still has to verify: records with no whole-record mark (site's or sponsor's) that holds;
    records whose mark dropped (changed since verified) come first."""
    session.require("view")
    store = session.store
    labels = {r["uuid"]: r["subject_id"] or r["screening_number"]
              for r in store.query("SELECT uuid, subject_id, screening_number FROM subjects WHERE deleted = 0")}
    visit_codes = {r["uuid"]: r["visit_code"] for r in store.query("SELECT uuid, visit_code FROM visits")}
    site_marks = {(r["record_table"], r["record_uuid"]): r for r in store.query(
        "SELECT * FROM site_sdv WHERE field = '' AND deleted = 0")}
    sponsor_marks = {(r["record_table"], r["record_uuid"]): r for r in store.query(
        "SELECT * FROM sdv_marks WHERE field = ''")}
    out = []
    for table in MONITORED:
        for row in store.query(f'SELECT * FROM "{table}" WHERE deleted = 0 ORDER BY created_at, uuid'):
            subject, visit = records.subject_and_visit(table, row["uuid"], row)
            if subject not in labels:
                continue
            current = records.row_content_hash(table, row)
            marks = [m for m in (site_marks.get((table, row["uuid"])), sponsor_marks.get((table, row["uuid"]))) if m]
            if any(m["content_hash"] == current for m in marks):
                continue
            last = max(marks, key=lambda m: m["marked_at"]) if marks else None
            out.append(QueueItem(subject, labels[subject], visit_codes.get(visit) if visit else None, table,
                                 row["uuid"], "changed" if last else "not_verified",
                                 last["monitor"] if last else None, last["marked_at"] if last else None,
                                 _detail(table, row)))
    out.sort(key=lambda q: (q.state != "changed", q.subject_label, q.visit_code or "", q.record_table))
    return out


def record_fields(session: Session, table: str, record_uuid: str) -> list[str]:
    """The data fields of a record a monitor can verify or query one by one (bookkeeping columns left out)."""
    session.require("view")
    row = records.get(session.store, table, record_uuid) if table in MONITORED else None
    if row is None:
        return []
    skip = {*records._MANAGED, "deleted", "subject_uuid", "visit_uuid"}
    return [k for k in row if k not in skip]
