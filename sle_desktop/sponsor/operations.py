"""Sponsor use cases (the `sle-sponsor` commands): keys, site registration, bundle import, status, exports."""

from __future__ import annotations

import base64
import getpass
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pyrage
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sle_desktop.domain.errors import ConflictError, NotFound, ValidationError
from sle_desktop.sponsor import db as sponsor_store
from sle_desktop.sponsor import importer, odm, tabular
from sle_desktop.sponsor.casebooks import INVALID, INVALIDATED, SIGNED, CasebookState, casebook_states
from sle_desktop.store import audit
from sle_desktop.store.keys import write_private_file
from sle_desktop.sync import atomic, bundle, keys
from sle_desktop.sync.errors import SyncError

KEY_FILE = "sponsor.key"
PUBLIC_FILE = "sponsor.pub"
SIGNING_KEY_FILE = "sponsor-signing.key"
SIGNING_PUBLIC_FILE = "sponsor-signing.pub"


def sponsor_user() -> str:
    """The acting user recorded on the sponsor side (`cli:<OS account>`)."""
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:  # noqa: BLE001 - getuser raises various errors when no account name is known
        return "cli:unknown"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _read_small(path, what: str) -> str:
    path = Path(path)
    try:
        if path.stat().st_size > keys.MAX_KEY_FILE_BYTES:
            raise ValidationError({"file": f"{path} is too large to be {what}."})
        return path.read_text("utf-8")
    except UnicodeDecodeError:
        raise ValidationError({"file": f"{path} is not a text file, so it is not {what}."}) from None
    except FileNotFoundError:
        raise NotFound(f"No file {path}.") from None
    except IsADirectoryError:
        raise ValidationError({"file": f"{path} is a folder, not {what}."}) from None
    except PermissionError:
        raise ValidationError({"file": f"Cannot read {path}: it is not readable by you."}) from None
    except OSError as exc:
        raise ValidationError({"file": f"Cannot read {path}: {exc.strerror or exc}."}) from None


# -- keys ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class KeygenResult:
    key_path: Path
    public_path: Path
    recipient: str
    fingerprint: str
    signing_key_path: Path
    signing_public_path: Path
    signing_fingerprint: str


def keygen(out_dir) -> KeygenResult:
    """Create the sponsor's age identity (sponsor.key, 0600) and recipient (sponsor.pub), plus an Ed25519
    sponsor signing key pair for signing files sent back to sites. Never overwrites existing keys."""
    out = Path(out_dir)
    made_folder = not out.exists()
    try:
        atomic.ensure_folder(out, "the sponsor keys")
    except SyncError as exc:
        raise ValidationError({"out": str(exc)}) from None
    paths = [out / KEY_FILE, out / PUBLIC_FILE, out / SIGNING_KEY_FILE, out / SIGNING_PUBLIC_FILE]
    existing = [p.name for p in paths if p.exists()]
    if existing:
        raise ConflictError(f"{out} already holds {', '.join(existing)}; refusing to overwrite sponsor keys (every bundle "
                            "encrypted to the old key would become unreadable). Choose an empty folder.")
    created = _now()
    identity = pyrage.x25519.Identity.generate()
    recipient = str(identity.to_public())
    fp = keys.fingerprint(recipient)
    signing = Ed25519PrivateKey.generate()
    signing_pem = signing.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                        serialization.NoEncryption())
    signing_pub = signing.public_key().public_bytes_raw()
    try:
        write_private_file(paths[0], keys.format_identity(identity, created).encode("ascii"))
        write_private_file(paths[2], signing_pem)
        atomic.atomic_write_text(paths[1], f"# sle_desktop sponsor key {fp} (created {created[:10]})\n{recipient}\n",
                                 what=PUBLIC_FILE)
        atomic.atomic_write_text(paths[3], (
            "# sle_desktop sponsor signing key (Ed25519 public key)\n"
            "format: sle_desktop-sponsor-signing-key/1\n"
            f"public_key: {base64.b64encode(signing_pub).decode('ascii')}\n"
            f"fingerprint: {keys.fingerprint(signing_pub)}\n"), what=SIGNING_PUBLIC_FILE)
    except BaseException:
        for p in paths:  # a half-made key set is worse than none
            p.unlink(missing_ok=True)
        if made_folder:
            out.rmdir()
        raise
    return KeygenResult(paths[0], paths[1], recipient, fp, paths[2], paths[3], keys.fingerprint(signing_pub))


# -- sites -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class RegisterResult:
    code: str
    name: str
    site_uuid: str
    fingerprint: str
    status: str  # "registered", "already_registered" or "return_key_added"


def register_site(db_path, site_key_file) -> RegisterResult:
    """Register a site's public signing key (from its site key file) in the sponsor database (created if absent)."""
    try:
        key = keys.parse_site_key(_read_small(site_key_file, "a site key file"))
    except SyncError as exc:
        raise ValidationError({"site_key": str(exc)}) from None
    store = sponsor_store.open_sponsor_store(db_path, create=True)
    try:
        with store.transaction() as conn:
            # one registration at a time (PostgreSQL): two at once would each find the code free, or each take a
            # new database for its own kind (demo or real)
            store.lock("register-site")
            same = store.query_one("SELECT code, public_key FROM sites WHERE site_uuid = ?", (key.site_uuid,))
            if same is not None:
                if bytes(same["public_key"]) == key.public_key:
                    added = _return_key(conn, key)
                    return RegisterResult(key.code, key.name, key.site_uuid, key.fingerprint,
                                          "return_key_added" if added else "already_registered")
                raise ConflictError(f"Site {same['code']} ({key.site_uuid}) is already registered with a different key "
                                    f"(fingerprint {keys.fingerprint(bytes(same['public_key']))}); the new key was refused.")
            first_site = not store.scalar("SELECT count(*) FROM sites")
            demo_db = sponsor_store.is_demo(store)
            if not first_site and key.demo != demo_db:
                raise ConflictError(
                    f"Site {key.code} is a {'demo' if key.demo else 'real'} site and this is a "
                    f"{'demo' if demo_db else 'real'} sponsor database; demo and real data are never mixed. "
                    "Use a separate sponsor database; nothing was changed.")
            if first_site and key.demo:
                sponsor_store.log(conn, user=sponsor_user(), action=sponsor_store.DEMO_ACTION, site_uuid=None,
                                  detail=f"demo sponsor database: its first site {key.code} is a demo site")
            other = store.query_one("SELECT site_uuid FROM sites WHERE code = ?", (key.code,))
            if other is not None:
                raise ConflictError(f"Site code {key.code} is already registered for another site database "
                                    f"({other['site_uuid']}). Two installations cannot share a site code.")
            conn.execute(
                "INSERT INTO sites (site_uuid, code, name, study_id, public_key, fingerprint, registered_at, registered_by,"
                " last_bundle_hash, head_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (key.site_uuid, key.code, key.name, key.study_id, key.public_key, key.fingerprint, _now(),
                 sponsor_user(), audit.GENESIS_HASH, audit.GENESIS_HASH),
            )
            sponsor_store.log(conn, user=sponsor_user(), action="register_site", site_uuid=key.site_uuid,
                              detail=f"{key.code} {key.name}, key fingerprint {key.fingerprint}")
            _return_key(conn, key)
    finally:
        store.close()
    return RegisterResult(key.code, key.name, key.site_uuid, key.fingerprint, "registered")


def _return_key(conn, key: keys.SiteKey) -> bool:
    """Store the site's return-bundle key from its key file (True when newly added)."""
    from sle_desktop.sponsor import returns as sponsor_returns

    try:
        return sponsor_returns.store_return_recipient(conn, key.site_uuid, key.return_recipient,
                                                      user=sponsor_user()) == "added"
    except SyncError as exc:
        raise ConflictError(str(exc)) from None


# -- import ----------------------------------------------------------------------------------
def load_identities(key_file) -> list:
    """The age identities in the sponsor's key file."""
    try:
        return keys.parse_identities(_read_small(key_file, "a sponsor key file"))
    except SyncError as exc:
        raise ValidationError({"key": str(exc)}) from None


def import_bundles(db_path, key_file, bundle_paths, *, max_bundle_mb: float | None = None,
                   limits: bundle.Limits | None = None) -> list[importer.Outcome]:
    """Import bundles (any order; sorted by site and bundle number). Each bundle is all-or-nothing."""
    if not bundle_paths:
        raise ValidationError({"bundles": "Name at least one bundle file to import."})
    identities = load_identities(key_file)
    limits = limits or bundle.Limits()
    if max_bundle_mb is not None:
        if max_bundle_mb <= 0:
            raise ValidationError({"max_bundle_mb": "The maximum bundle size must be positive."})
        limits = bundle.Limits(**{**limits.__dict__, "max_bundle_bytes": int(max_bundle_mb * 1_000_000)})
    store = sponsor_store.open_sponsor_store(db_path)
    try:
        return importer.import_many(store, [Path(p) for p in bundle_paths], identities, user=sponsor_user(),
                                    limits=limits)
    finally:
        store.close()


# -- status ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class SiteStatus:
    code: str
    name: str
    fingerprint: str
    last_bundle_seq: int
    last_import_at: str | None
    head_seq: int
    chain_ok: bool
    chain_message: str
    subjects: int
    records: int
    saes: int
    casebooks_locked: int = 0
    casebooks_signed: int = 0  # with a sign-off that still holds
    casebooks_invalidated: int = 0  # signed, then changed: to be signed again


def status(db_path) -> list[SiteStatus]:
    """Per site: last bundle, last import, changes received, audit chain re-verified, counts."""
    store = sponsor_store.open_sponsor_store(db_path)
    try:
        out = []
        books = casebook_states(store)
        for s in store.query("SELECT * FROM sites ORDER BY code"):
            mine = [b for b in books if b.site_code == s["code"]]
            rows = (dict(zip(("seq", "at_utc", "at_local", "user", "table", "row_id", "field", "old", "new", "reason",
                              "prev_hash", "hash"), r))
                    for r in store.conn.execute(
                        'SELECT seq, at_utc, at_local, "user", "table", row_id, field, old, new, reason, prev_hash, hash '
                        "FROM audit WHERE site_uuid = ? ORDER BY seq", (s["site_uuid"],)))
            check = audit.verify_rows(rows)
            ok = check.ok and check.head_seq == s["head_seq"] and check.head_hash == s["head_hash"]
            message = check.message if not check.ok else (
                check.message if ok else "The stored audit trail does not end at the recorded head; the database was altered.")
            count = lambda sql, site=s["site_uuid"]: store.scalar(sql, (site,)) or 0  # noqa: E731
            out.append(SiteStatus(
                s["code"], s["name"], s["fingerprint"], s["last_bundle_seq"], s["last_import_at"], s["head_seq"], ok,
                message, count("SELECT count(*) FROM records WHERE site_uuid = ? AND tbl = 'subjects' AND deleted = 0"),
                count("SELECT count(*) FROM records WHERE site_uuid = ?"),
                count("SELECT count(*) FROM records WHERE site_uuid = ? AND tbl = 'adverse_events' AND deleted = 0 "
                      f"AND {store.json_is_one('data', 'serious')}"),
                sum(b.casebook_locked for b in mine), sum(b.sign_off == SIGNED for b in mine),
                sum(b.sign_off in (INVALIDATED, INVALID) for b in mine),
            ))
        return out
    finally:
        store.close()


def casebooks(db_path) -> list[CasebookState]:
    """Every subject's casebook at the sponsor: locked or not, signed off or not (for the sponsor window's
    overview and `sle-sponsor status`)."""
    store = sponsor_store.open_sponsor_store(db_path)
    try:
        return casebook_states(store)
    finally:
        store.close()


# -- exports ---------------------------------------------------------------------------------
def export_odm(db_path, out_file, *, audit: bool = False) -> odm.OdmResult:
    """CDISC ODM 1.3.2 XML of every site: a Snapshot (current data, metadata, admin data), or with `audit` the
    Transactional history of every clinical record with its audit records."""
    store = sponsor_store.open_sponsor_store(db_path)
    try:
        return odm.write_odm(store, out_file, audit=audit)
    finally:
        store.close()


def export_csv(db_path, out_dir) -> tabular.CsvResult:
    """One CSV per form, data_dictionary.csv and audit_trail.csv."""
    store = sponsor_store.open_sponsor_store(db_path)
    try:
        return tabular.write_csv(store, out_dir)
    finally:
        store.close()


def export_stats(db_path, out_dir, *, formats: str | None = None, lang: str = "en"):
    """One dataset per form as SPSS .sav, Stata .dta and/or SAS transport .xpt, with variable and value labels."""
    from sle_desktop.sponsor import stats

    try:
        chosen = stats.parse_formats(formats)
    except ValueError as exc:
        raise ValidationError({"format": str(exc)}) from None
    if lang not in stats.LANGS:
        raise ValidationError({"lang": f"Unknown language {lang!r}; choose en or ru."})
    store = sponsor_store.open_sponsor_store(db_path)
    try:
        return stats.write_stats(store, out_dir, formats=chosen, lang=lang)
    finally:
        store.close()


def sae_listing(db_path, out_file=None) -> tuple[int, str]:
    """(number of SAEs, CSV text); with `out_file` the CSV is also written there atomically."""
    store = sponsor_store.open_sponsor_store(db_path)
    try:
        rows = tabular.sae_rows(store)
        text = tabular.sae_csv(store)
    finally:
        store.close()
    if out_file is not None:
        atomic.atomic_write_text(Path(os.fspath(out_file)), text, what="the SAE listing")
    return len(rows), text
