"""Hostile bundles against sponsor import: a seeded fuzz campaign.

Mutations of a genuine, importable bundle (byte flips, insertions and deletions inside each tar
member and header, member contents changed and re-packed, truncations, manifests re-signed with
a wrong key, payloads re-signed with the *real* site key but reordered, dropped, duplicated or
altered lines), replays, out-of-order bundles, oversized files and compression/JSON bombs.

For every case: not accepted, the sponsor database unchanged (cheap fingerprint each case, full
SQL dump every 100 cases), the rejection a SyncError with a short, plain message (no traceback),
within a per-case time bound, and bomb cases within a memory bound (tracemalloc peak).

Default 500 cases; SLE_RELIABILITY_FULL=1 runs 5 000 (SLE_FUZZ_CASES overrides).
A mutation that leaves all three members byte-identical after parsing (e.g. a flipped bit in
tar padding that no reader looks at) is the genuine bundle: it is counted as "neutral" and
checked to behave exactly like the original, never as an acceptance of altered data.
"""

from __future__ import annotations

import base64
import gzip
import io
import random
import signal
import tarfile
import time
import tracemalloc

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from reliability_kit import fingerprint, full_dump, report, size
from sync_helpers import add_sae, copy_db, import_one, register, restore_db

from sle_desktop.store.audit import canonical_json
from sle_desktop.sync import bundle, keys
from sle_desktop.sponsor import importer, db as sponsor_store
from sle_desktop.sync.errors import SyncError

CASES = size(500, 5000, "SLE_FUZZ_CASES")
CASE_SECONDS = 20          # hard bound per case (a hang fails the test)
BOMB_PEAK_BYTES = 96 * 1024 * 1024


def _members(data: bytes) -> dict[str, bytes] | None:
    """The members as a lenient tar reader sees them (None when it cannot read them)."""
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:") as tar:
            return {m.name: tar.extractfile(m).read() for m in tar if m.isreg()}
    except Exception:  # noqa: BLE001 - any failure simply means "not the original"
        return None


def _semantic(members: dict[str, bytes] | None):
    """What a bundle means: manifest bytes, the decoded signature, the ciphertext (None when unreadable).

    Whitespace around the base64 signature, or the unused low bits of its last base64 digit, do not
    change the signature the reader decodes: such a file is the genuine bundle."""
    if members is None or set(members) != set(bundle.MEMBERS):
        return None
    try:
        sig = base64.b64decode(members[bundle.SIGNATURE_NAME].strip(), validate=True)
    except ValueError:
        return None
    return members[bundle.MANIFEST_NAME], sig, members[bundle.PAYLOAD_NAME]


def _repack(parts: dict[str, bytes], order=bundle.MEMBERS) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for name in order:
            info = tarfile.TarInfo(name)
            info.size = len(parts[name])
            info.mode = 0o644
            tar.addfile(info, io.BytesIO(parts[name]))
    return buf.getvalue()


def _regions(data: bytes) -> list[tuple[str, int, int]]:
    """(label, start, end) byte ranges of the file: each tar header and each member's data."""
    out = []
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:") as tar:
        for m in tar:
            out.append((f"{m.name}:header", m.offset, m.offset_data))
            out.append((f"{m.name}:data", m.offset_data, m.offset_data + m.size))
    out.append(("trailer", out[-1][2], len(data)))
    return out


def _mutate_bytes(rng: random.Random, blob: bytes, start: int, end: int) -> tuple[str, bytes]:
    kind = rng.choice(("flip", "insert", "delete"))
    end = max(end, start + 1)
    at = rng.randrange(start, min(end, len(blob))) if start < len(blob) else len(blob) - 1
    if kind == "flip":
        out = bytearray(blob)
        for _ in range(rng.randint(1, 4)):
            pos = rng.randrange(start, min(end, len(blob)))
            out[pos] ^= 1 << rng.randrange(8) if rng.random() < 0.7 else rng.randrange(1, 256)
        return kind, bytes(out)
    if kind == "insert":
        junk = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
        return kind, blob[:at] + junk + blob[at:]
    n = rng.randint(1, 64)
    return kind, blob[:at] + blob[at + n:]


class _Timeout(Exception):
    pass


def _alarm(_signum, _frame):
    raise _Timeout()


def test_fuzz_campaign_against_sponsor_import(make_site, sponsor_db, sponsor_keys, tmp_path):
    from sle_desktop.app import demo, sync_site

    started = time.monotonic()
    site = make_site("BY01", subjects=2, seed=11)
    register(site, sponsor_db)
    first = site.export()
    import_one(sponsor_db, sponsor_keys, first.path)
    demo.make_demo(site.store, subjects_count=2, seed=12, today=__import__("datetime").date(2026, 6, 1))
    add_sae(site)
    second = site.export()
    third = site.export()
    target = second.path.read_bytes()
    identities = keys.parse_identities(sponsor_keys.key_path.read_text())
    real_key = sync_site._signing_key(site.session)
    recipient = sponsor_keys.public_path.read_text().split()[-1]
    parts = _members(target)
    payload_lines = gzip.decompress(pyrage.decrypt(parts[bundle.PAYLOAD_NAME], identities)).splitlines(keepends=True)
    manifest = bundle.strict_json(parts[bundle.MANIFEST_NAME])
    regions = _regions(target)

    # control: the genuine bundle 2 is accepted (on a copy), so every refusal below is due to the mutation
    control_db = copy_db(sponsor_db, tmp_path / "control.sqlite")
    assert import_one(control_db, sponsor_keys, second.path).status == "imported"

    def resigned(lines: list[bytes], key=real_key, **overrides) -> bytes:
        w = bundle.PayloadWriter()
        for line in lines:
            w.add_raw(line)
        fields = {k: manifest[k] for k in ("site_uuid", "site_code", "site_name", "study_id", "study_version",
                                            "bundle_seq", "from_seq", "to_seq", "prev_bundle_hash", "chain_start_hash",
                                            "chain_head_hash", "counts", "created_at", "created_by", "app_version")}
        built = bundle.build_bundle(fields, w, keys.age_recipients([recipient]), key, [keys.fingerprint(recipient)])
        if overrides:
            built.manifest.update(overrides)
            built.manifest_bytes, built.signature = bundle.sign_manifest(built.manifest, key)
        return built.to_bytes()

    def payload_attack(rng: random.Random) -> tuple[str, bytes]:
        """Authentically signed (stolen site key) but internally inconsistent payloads."""
        lines = list(payload_lines)
        rows = [i for i, ln in enumerate(lines) if ln.endswith(b'"type":"row"}\n')]
        audits = [i for i, ln in enumerate(lines) if ln.endswith(b'"type":"audit"}\n')]
        assert rows and len(audits) > 1
        kind = rng.choice(("swap_audit", "drop_audit", "drop_row", "dup_row", "alter_row", "alter_audit",
                           "drop_end", "header_last", "move_row_after_audit", "extra_line"))
        if kind == "swap_audit":
            i, j = rng.sample(audits, 2)
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "drop_audit":
            del lines[rng.choice(audits)]
        elif kind == "drop_row":
            del lines[rng.choice(rows)]
        elif kind == "dup_row":
            i = rng.choice(rows)
            lines.insert(i, lines[i])
        elif kind in ("alter_row", "alter_audit"):
            i = rng.choice(rows if kind == "alter_row" else audits)
            obj = bundle.strict_json(lines[i])
            row = obj["row"]
            # fields the audit trail vouches for: set values (created_at/by, updated_at/by are bookkeeping the site
            # signs; a column never written, still NULL, has no audit row to contradict - see the suite's notes)
            field = rng.choice([k for k in row if row[k] is not None and k not in (
                "uuid", "change_seq", "seq", "hash", "prev_hash", "created_at", "created_by", "updated_at", "updated_by",
                "deleted")])
            value = row[field]
            kind = f"{kind}:{obj.get('table', 'audit')}.{field}:{'null' if value is None else 'set'}"
            row[field] = (value + 1) if isinstance(value, int) and not isinstance(value, bool) else \
                (str(value) + "x") if value is not None else "x"
            lines[i] = (canonical_json(obj) + "\n").encode()
        elif kind == "drop_end":
            lines = lines[:-1]
        elif kind == "header_last":
            lines = lines[1:-1] + [lines[0], lines[-1]]
        elif kind == "move_row_after_audit":
            i = rng.choice(rows)
            line = lines.pop(i)
            lines.insert(len(lines) - 1, line)
        else:
            lines.insert(len(lines) - 1, b'{"type":"row","table":"subjects","row":{"uuid":"00000000-0000-4000-8000-'
                                         b'000000000001","change_seq":1}}\n')
        if lines == payload_lines:
            return payload_attack(rng)
        return f"payload:{kind}", resigned(lines)

    def make_case(n: int, rng: random.Random) -> tuple[str, bytes, dict]:
        pick = rng.random()
        if pick < 0.40:  # raw byte mutation inside one region of the file
            label, start, end = rng.choice(regions)
            kind, data = _mutate_bytes(rng, target, start, end)
            return f"bytes:{label}:{kind}", data, {}
        if pick < 0.60:  # one member's content mutated, the tar re-packed correctly
            name = rng.choice(bundle.MEMBERS)
            kind, blob = _mutate_bytes(rng, parts[name], 0, len(parts[name]))
            return f"member:{name}:{kind}", _repack({**parts, name: blob}), {}
        if pick < 0.68:
            cut = rng.randrange(0, len(target))
            return "truncated", target[:cut], {}
        if pick < 0.74:  # re-signed with a wrong key, with or without a changed manifest field
            forged = dict(manifest)
            field = rng.choice(("to_seq", "bundle_seq", "created_by", "payload_sha256", None))
            if field in ("to_seq", "bundle_seq"):
                forged[field] += rng.choice((-1, 1))
            elif field == "created_by":
                forged[field] = "mallory"
            elif field == "payload_sha256":
                forged[field] = "f" * 64
            data = canonical_json(forged).encode()
            sig = base64.b64encode(Ed25519PrivateKey.generate().sign(data)) + b"\n"
            return f"wrong_key:{field}", _repack({**parts, bundle.MANIFEST_NAME: data, bundle.SIGNATURE_NAME: sig}), {}
        if pick < 0.76:
            return "wrong_key:whole_bundle", resigned(payload_lines, key=Ed25519PrivateKey.generate()), {}
        if pick < 0.88:
            return (*payload_attack(rng), {})
        if pick < 0.92:
            order = list(bundle.MEMBERS)
            while order == list(bundle.MEMBERS):
                rng.shuffle(order)
            return "reordered_members", _repack(parts, order), {}
        if pick < 0.94:
            return "replay:bundle1", first.path.read_bytes(), {"replay": True}
        if pick < 0.96:
            return "out_of_order:bundle3", third.path.read_bytes(), {}
        if pick < 0.97:
            return "oversized:limit", target, {"limits": bundle.Limits(max_bundle_bytes=len(target) - 1)}
        if pick < 0.98:
            bomb = b'{"type":"row","pad":"' + b"0" * 40_000_000 + b'"}\n'
            return "bomb:compression", resigned([payload_lines[0], bomb], payload_bytes=5000), {"bomb": True}
        if pick < 0.99:
            return "bomb:json_nesting", resigned([payload_lines[0], b"[" * 300_000 + b"]" * 300_000 + b"\n"]), {"bomb": True}
        return "bomb:many_lines", resigned([payload_lines[0]] + [b'{"type":"x"}\n'] * 20_000), \
            {"bomb": True, "limits": bundle.Limits(max_lines=10_000)}

    store = sponsor_store.open_sponsor_store(sponsor_db)
    baseline = fingerprint(store.conn)
    store.close()
    baseline_dump = full_dump(sponsor_db)
    pristine = copy_db(sponsor_db, tmp_path / "pristine.sqlite")
    store = sponsor_store.open_sponsor_store(sponsor_db)
    rng = random.Random(20261201)
    path = tmp_path / "BY01-bundle-0002.slebundle"
    counts: dict[str, int] = {}
    reasons: dict[str, int] = {}
    accepted = partial = neutral = replays = 0
    worst_case = 0.0
    bomb_peak = 0
    previous = signal.signal(signal.SIGALRM, _alarm)
    try:
        for n in range(CASES):
            label, data, opts = make_case(n, rng)
            counts[label.split(":")[0]] = counts.get(label.split(":")[0], 0) + 1
            path.write_bytes(data)
            same = _semantic(_members(data)) == _semantic(parts)
            if opts.get("bomb"):
                tracemalloc.start()
            t0 = time.monotonic()
            signal.alarm(CASE_SECONDS)
            result = error = None
            try:
                result = importer.import_bundle(store, path, identities, user="fuzz",
                                                limits=opts.get("limits", bundle.Limits()))
            except SyncError as exc:
                error = exc
            except _Timeout:
                raise AssertionError(f"case {n} ({label}) hung for more than {CASE_SECONDS} s") from None
            finally:
                signal.alarm(0)
                elapsed = time.monotonic() - t0
                worst_case = max(worst_case, elapsed)
                if opts.get("bomb"):
                    bomb_peak = max(bomb_peak, tracemalloc.get_traced_memory()[1])
                    tracemalloc.stop()
            if result is not None and result.status == "imported":
                if same:  # byte-level noise no reader sees: it IS the genuine bundle; undo and go on
                    neutral += 1
                    store.close()
                    restore_db(pristine, sponsor_db)
                    store = sponsor_store.open_sponsor_store(sponsor_db)
                    assert fingerprint(store.conn) == baseline
                    continue
                accepted += 1
                raise AssertionError(f"case {n} ({label}) was ACCEPTED: {result.message}")
            if result is not None:  # already imported: only the genuine replay of bundle 1 may say so
                assert opts.get("replay"), f"case {n} ({label}): unexpected {result.status}"
                assert "already imported" in result.message
                replays += 1
            else:
                message = str(error)
                assert message.strip() and "Traceback" not in message and 'File "' not in message, \
                    f"case {n} ({label}): unclear message {message!r}"
                assert len(message) < 1200, f"case {n} ({label}): message too long"
                reason = getattr(error, "reason", type(error).__name__)
                reasons[reason] = reasons.get(reason, 0) + 1
            if fingerprint(store.conn) != baseline:
                partial += 1
                raise AssertionError(f"case {n} ({label}) changed the sponsor database")
            if opts.get("bomb"):
                assert bomb_peak < BOMB_PEAK_BYTES, f"case {n} ({label}) used {bomb_peak / 1e6:.0f} MB"
            if n % 100 == 99:
                store.close()
                assert full_dump(sponsor_db) == baseline_dump, f"after case {n}: the full dump differs"
                store = sponsor_store.open_sponsor_store(sponsor_db)
    finally:
        signal.signal(signal.SIGALRM, previous)
        store.close()
    assert full_dump(sponsor_db) == baseline_dump
    # the campaign exercised every family and many distinct refusals
    assert {"bytes", "member", "truncated", "wrong_key", "payload"} <= set(counts), counts
    assert len(reasons) >= 6, reasons
    # and the genuine bundle still imports afterwards
    assert import_one(sponsor_db, sponsor_keys, second.path).status == "imported"
    report("hostile_bundles", {
        "cases": CASES, "accepted": accepted, "partial_writes": partial, "neutral_noise": neutral,
        "genuine_replays_reported": replays, "families": counts, "refusal_reasons": reasons,
        "worst_case_seconds": round(worst_case, 2), "bomb_peak_mb": round(bomb_peak / 1e6, 1),
        "seconds": round(time.monotonic() - started, 1)})
