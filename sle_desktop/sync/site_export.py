"""Site side of a bundle: collect the changes from the site database, build, stage and verify the file.

Only clinical tables (`records.CLINICAL_TABLES`) and the audit trail are read. The
`identifiers` table and the secrets (`users`, `machine_keys`, `site_signing_key`) are never
read here, so direct identifiers cannot reach a bundle; audit rows about identifiers only
ever say "(encrypted)".

The caller (app/sync_site.py) holds a read transaction around `stage_bundle` for a
consistent snapshot, then records the export and publishes the staged file.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sle_desktop import __version__
from sle_desktop.domain.text import msg
from sle_desktop.store import audit, records
from sle_desktop.sync import atomic, bundle
from sle_desktop.sync.errors import SyncError
from sle_desktop.sync.keys import age_recipients

Report = Callable[[int, int], None]


@dataclass(frozen=True)
class SiteFacts:
    site_uuid: str
    code: str
    name: str
    study_id: str
    study_version: str


@dataclass
class StagedBundle:
    """A verified bundle in a hidden temporary file, waiting to be recorded and renamed."""

    temp_path: Path
    final_path: Path
    built: bundle.BuiltBundle
    size_bytes: int
    file_sha256: str
    counts: dict
    records: int
    audit_rows: int
    sae_uuids: list[str] = field(default_factory=list)


def table_columns(store) -> dict[str, list[list[str]]]:
    """{table: [[column, declared type], ...]} for every clinical table, in table order."""
    out = {}
    for table in records.CLINICAL_TABLES:
        out[table] = [[r[1], r[2] or ""] for r in store.conn.execute(f'PRAGMA table_info("{table}")')]
    return out


def pending_counts(store, since_seq: int) -> tuple[int, int]:
    """(clinical records, audit rows) changed after `since_seq`."""
    rows = sum(store.scalar(f'SELECT count(*) FROM "{t}" WHERE change_seq > ?', (since_seq,)) or 0
               for t in records.CLINICAL_TABLES)
    return rows, store.scalar("SELECT count(*) FROM audit WHERE seq > ?", (since_seq,)) or 0


def estimate_bytes(store, since_seq: int) -> int:
    """A rough size of the bundle file for the changes after `since_seq` (JSON text, compressed ~4:1)."""
    text = store.scalar(
        "SELECT coalesce(sum(length(at_utc) + length(at_local) + length(user) + length(\"table\") + length(row_id)"
        " + length(field) + coalesce(length(old), 0) + coalesce(length(new), 0) + coalesce(length(reason), 0) + 300), 0)"
        " FROM audit WHERE seq > ?", (since_seq,)) or 0
    rows, _ = pending_counts(store, since_seq)
    return 12 * 1024 + (int(text) + rows * 700) // 4


def _clinical_rows(store, since_seq: int):
    for table in records.CLINICAL_TABLES:
        cur = store.conn.execute(f'SELECT * FROM "{table}" WHERE change_seq > ? ORDER BY change_seq, uuid', (since_seq,))
        cols = [c[0] for c in cur.description]
        while True:
            chunk = cur.fetchmany(2000)
            if not chunk:
                break
            for values in chunk:
                row = dict(zip(cols, values))
                for k, v in row.items():
                    if isinstance(v, (bytes, bytearray, memoryview)):
                        raise SyncError(msg("{table} record {uuid} has binary data in {column}; it cannot be exported.",
                                            table=table, uuid=str(row.get("uuid")), column=k))
                yield table, row


def bundle_file_name(site_code: str, bundle_seq: int) -> str:
    return f"{site_code}-bundle-{bundle_seq:04d}{bundle.SUFFIX}"


def stage_bundle(store, *, site: SiteFacts, target_dir: Path, signing_key: Ed25519PrivateKey, recipients: list[str],
                 since_seq: int, bundle_seq: int, prev_bundle_hash: str, created_by: str,
                 report: Report | None = None, now_text: str) -> StagedBundle:
    """Build the bundle of every change after `since_seq`, write it to a hidden temp file in `target_dir`,
    re-read and verify it. Nothing is recorded in the store here."""
    from sle_desktop.sync.keys import fingerprint

    head_seq, head_hash = audit.head(store.conn)
    if since_seq == 0:
        start_hash = audit.GENESIS_HASH
    else:
        start_hash = store.scalar("SELECT hash FROM audit WHERE seq = ?", (since_seq,))
        if start_hash is None:
            raise SyncError(msg("The audit trail has no change {n}; choose a change number between 0 and {head}.",
                                n=since_seq, head=head_seq))
    n_rows, n_audit = pending_counts(store, since_seq)
    total = n_rows + n_audit + 3
    done = 0

    def tick(step: int = 1) -> None:
        nonlocal done
        done += step
        if report is not None and (done % 500 == 0 or done >= n_rows + n_audit):
            report(min(done, total), total)

    if report is not None:
        report(0, total)
    payload = bundle.PayloadWriter()
    payload.add({
        "type": "header", "format": bundle.PAYLOAD_FORMAT, "version": 1, "site_uuid": site.site_uuid,
        "site_code": site.code, "bundle_seq": bundle_seq, "from_seq": since_seq, "to_seq": head_seq,
        "study_id": site.study_id, "study_version": site.study_version, "tables": table_columns(store),
    })
    counts = {t: 0 for t in records.CLINICAL_TABLES}
    sae_uuids = []
    for table, row in _clinical_rows(store, since_seq):
        payload.add({"type": "row", "table": table, "row": row})
        counts[table] += 1
        if table == "adverse_events" and row.get("serious") == 1 and not row.get("sae_exported_at") and not row.get("deleted"):
            sae_uuids.append(row["uuid"])
        tick()
    audit_rows = 0
    last_hash = start_hash
    for row in audit.iter_rows(store.conn, since_seq):
        if row["seq"] > head_seq:
            break
        if row["seq"] != since_seq + audit_rows + 1:
            raise SyncError(msg(
                "The audit trail is missing change {n} (the next one found is {found}): it was tampered with. Nothing "
                "was exported; run 'sle-desktop verify-audit' and contact the sponsor.", n=since_seq + audit_rows + 1,
                found=row["seq"]))
        payload.add({"type": "audit", "row": row})
        audit_rows += 1
        last_hash = row["hash"]
        tick()
    if audit_rows != head_seq - since_seq or last_hash != head_hash:
        raise SyncError(msg("The audit trail changed while the bundle was being built; try the export again."))
    counts["audit"] = audit_rows
    payload.add({"type": "end", "rows": sum(v for k, v in counts.items() if k != "audit"), "audit": audit_rows,
                 "chain_head_hash": head_hash})
    fields = {
        "site_uuid": site.site_uuid, "site_code": site.code, "site_name": site.name,
        "study_id": site.study_id, "study_version": site.study_version,
        "bundle_seq": bundle_seq, "from_seq": since_seq, "to_seq": head_seq,
        "prev_bundle_hash": prev_bundle_hash, "chain_start_hash": start_hash, "chain_head_hash": head_hash,
        "counts": counts, "created_at": now_text, "created_by": created_by, "app_version": __version__,
    }
    built = bundle.build_bundle(fields, payload, age_recipients(recipients), signing_key,
                                [fingerprint(r) for r in recipients])
    if report is not None:
        report(total - 2, total)
    data = built.to_bytes()
    file_sha = hashlib.sha256(data).hexdigest()
    final = Path(target_dir) / bundle_file_name(site.code, bundle_seq)
    try:
        tmp = atomic.write_temp(final, lambda fh: _write_all(fh, data))
    except OSError as exc:
        raise atomic.explain_os_error(exc, msg("the bundle"), Path(target_dir)) from exc
    try:
        if report is not None:
            report(total - 1, total)
        verify_written(tmp, file_sha, signing_key.public_key().public_bytes_raw(), site.code, len(data))
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    if report is not None:
        report(total, total)
    return StagedBundle(tmp, final, built, len(data), file_sha, counts, sum(counts.values()) - audit_rows, audit_rows,
                        sae_uuids)


def _write_all(fh, data: bytes) -> None:
    view = memoryview(data)
    for start in range(0, len(view), 1024 * 1024):
        fh.write(view[start:start + 1024 * 1024])


def verify_written(path: Path, file_sha256: str, public_key: bytes, site_code: str, size: int) -> dict:
    """Re-read a written bundle from disk: same bytes, valid container, valid signature, intact ciphertext."""
    try:
        os.stat(path)
    except OSError as exc:
        raise SyncError(msg("The written bundle cannot be read back ({error}); the drive may have been removed.",
                            error=exc.strerror)) from None
    limits = bundle.Limits(max_bundle_bytes=max(bundle.Limits().max_bundle_bytes, size + 1))
    try:
        container = bundle.read_container(path, limits)
        bundle.verify_container(container, public_key, site_code=site_code)
    except SyncError as exc:
        raise SyncError(msg("The bundle written to {folder} did not verify when read back ({error}). The drive may be "
                            "faulty; try another one.", folder=path.parent, error=exc.args[0])) from None
    if container.file_sha256 != file_sha256:
        raise SyncError(msg("The bundle written to {folder} differs from what was written (the drive corrupted it). "
                            "Try another drive.", folder=path.parent))
    return container.manifest
