"""The sponsor's own hash-chained audit trail (`sponsor_audit`): appending a row, and merging one SDV mark a monitor
made at a site (at bundle import, and once by the sponsor migration that keys marks per field).

Below `returns` and `db` in the sponsor package, so a sponsor migration can audit what it merges."""

from __future__ import annotations

from datetime import UTC

from sle_desktop.store import audit as audit_mod


def hold_chain(conn) -> None:
    """Hold the sponsor's audit trail until the end of the caller's transaction (PostgreSQL: another writer waits;
    SQLite's write transaction already excludes every other writer). A change that appends to the trail takes it
    before it reads what it changes, so that two changes of one row never both start from the same state, and two
    writers never wait for each other in opposite order."""
    lock = getattr(conn, "lock", None)
    if lock is not None:
        lock("sponsor_audit")


def append_audit(conn, *, user: str, table: str, row_id: str, field: str, old, new, reason: str | None) -> int:
    """Append one row to the sponsor's hash-chained audit trail (inside the caller's transaction)."""
    hold_chain(conn)  # PostgreSQL: imports of two sites may both append here at once
    last = conn.execute("SELECT seq, hash FROM sponsor_audit ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (last[0], last[1]) if last else (0, audit_mod.GENESIS_HASH)
    now = audit_mod.utc_now()
    row = {
        "seq": seq + 1,
        "at_utc": now.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z"),
        "at_local": now.astimezone().isoformat(timespec="seconds"),
        "user": user, "table": table, "row_id": row_id, "field": field,
        "old": None if old is None else audit_mod.canonical_json(old),
        "new": None if new is None else audit_mod.canonical_json(new),
        "reason": reason, "prev_hash": prev,
    }
    row["hash"] = audit_mod.row_hash(row)
    conn.execute(
        'INSERT INTO sponsor_audit (seq, at_utc, at_local, "user", "table", row_id, field, old, new, reason, prev_hash, hash)'
        " VALUES (:seq, :at_utc, :at_local, :user, :table, :row_id, :field, :old, :new, :reason, :prev_hash, :hash)", row)
    return row["seq"]


def merge_site_mark(conn, site_uuid: str, row: dict, *, user: str, bundle_seq: int) -> int:
    """Merge a site's SDV mark (a `site_sdv` record as the site sent it: a whole record, field '', or one field)
    unless the sponsor holds the same or a newer one; audited. Returns 1 if merged, else 0."""
    field = (row.get("field") or "")[:64]
    old = conn.execute("SELECT content_hash, marked_at FROM sdv_marks WHERE site_uuid = ? AND record_table = ? AND "
                       "record_uuid = ? AND field = ?",
                       (site_uuid, row.get("record_table"), row.get("record_uuid"), field)).fetchone()
    marked_at = str(row.get("marked_at"))[:40]
    if old is not None and (old[0] == row.get("content_hash") or old[1] >= marked_at):
        return 0
    mark = {"site_uuid": site_uuid, "record_table": row["record_table"], "record_uuid": row["record_uuid"],
            "field": field, "content_hash": row.get("content_hash"), "change_seq": 0,
            "monitor": str(row.get("monitor"))[:200], "marked_at": marked_at}
    target = conn.execute("SELECT change_seq FROM records WHERE site_uuid = ? AND tbl = ? AND uuid = ?",
                          (site_uuid, row["record_table"], row["record_uuid"])).fetchone()
    mark["change_seq"] = target[0] if target else 0
    conn.execute("INSERT INTO sdv_marks (site_uuid, record_table, record_uuid, field, content_hash, change_seq, monitor, "
                 "marked_at, source) VALUES (:site_uuid, :record_table, :record_uuid, :field, :content_hash, "
                 ":change_seq, :monitor, :marked_at, 'site') ON CONFLICT (site_uuid, record_table, record_uuid, field) "
                 "DO UPDATE SET content_hash = excluded.content_hash, change_seq = excluded.change_seq, "
                 "monitor = excluded.monitor, marked_at = excluded.marked_at, source = 'site'", mark)
    append_audit(conn, user=user, table="sdv_marks", row_id=row["record_uuid"], field=field or "*",
                 old=None if old is None else {"content_hash": old[0], "marked_at": old[1]},
                 new={"site_uuid": site_uuid, "record_table": row["record_table"], "field": field,
                      "content_hash": mark["content_hash"], "monitor": mark["monitor"], "source": "site"},
                 reason=f"source data verified by a monitor at the site, received in bundle {bundle_seq}")
    return 1
