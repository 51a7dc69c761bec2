"""Sponsor use cases of the way back (`sle-sponsor raise-query | queries | close-query | reopen-query | sdv |
return-bundle`): each opens the sponsor database, acts, and closes it. The acting user is `cli:<OS account>`."""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sle_desktop.domain.errors import NotFound, ValidationError
from sle_desktop.domain.study import StudyDefinitionError
from sle_desktop.sponsor import db as sponsor_store
from sle_desktop.sponsor import returns as sponsor_returns
from sle_desktop.sponsor.operations import SIGNING_KEY_FILE, sponsor_user
from sle_desktop.store.study_files import read_study_file


def _with_store(db_path, fn):
    store = sponsor_store.open_sponsor_store(db_path)
    try:
        return fn(store)
    finally:
        store.close()


def raise_query(db_path, *, site: str, form: str, field: str, text: str, subject: str | None = None,
                visit: str | None = None, record: str | None = None, user: str | None = None) -> dict:
    """Raise a query on one data point; the record is found from subject/visit/form unless `record` is given."""
    return _with_store(db_path, lambda s: sponsor_returns.raise_query(
        s, site_code=site, table=form, field=field, text=text, user=user or sponsor_user(), subject_id=subject,
        visit_code=visit, record_uuid=record))


def list_queries(db_path, *, site: str | None = None, status: str | None = None) -> list[dict]:
    return _with_store(db_path, lambda s: sponsor_returns.list_queries(s, site_code=site, status=status))


def close_query(db_path, query_uuid: str, *, reason: str | None = None, user: str | None = None) -> dict:
    return _with_store(db_path, lambda s: sponsor_returns.close_query(s, query_uuid, user=user or sponsor_user(),
                                                                      reason=reason))


def reopen_query(db_path, query_uuid: str, *, text: str, user: str | None = None) -> dict:
    return _with_store(db_path, lambda s: sponsor_returns.reopen_query(s, query_uuid, user=user or sponsor_user(),
                                                                       text=text))


def mark_sdv(db_path, *, site: str, record: str, table: str | None = None, user: str | None = None,
             field: str | None = None) -> dict:
    """Mark a record (or one field of it) source-data-verified (the monitor is the acting user)."""
    return _with_store(db_path, lambda s: sponsor_returns.mark_sdv(s, site_code=site, record_uuid=record, table=table,
                                                                   user=user or sponsor_user(), field=field))


def load_signing_key(path) -> Ed25519PrivateKey:
    """The sponsor's Ed25519 signing key (sponsor-signing.key, PEM, written by `sle-sponsor keygen`)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise NotFound(f"No sponsor signing key at {path} (it is written by sle-sponsor keygen as "
                       f"{SIGNING_KEY_FILE}).") from None
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError):
        raise ValidationError({"signing_key": f"{path} is not the sponsor's signing key file."}) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise ValidationError({"signing_key": f"{path} is not an Ed25519 signing key."})
    return key


def write_return_bundle(db_path, *, site: str, out_dir, key_file=None, signing_key_file=None, study_file=None,
                        user: str | None = None, lock: list[str] | None = None, lock_all: bool = False,
                        unlock: list[str] | None = None) -> sponsor_returns.ReturnWritten:
    """Write the next return bundle for `site` into `out_dir`, signed with the sponsor signing key.

    The signing key is `signing_key_file`, else sponsor-signing.key beside `key_file` (DIR/sponsor.key).
    `study_file`: a new study definition version to offer the site (validated here).
    `lock` (subject IDs) / `lock_all` / `unlock` (subject IDs): ask the site to lock or unlock casebooks.
    """
    if signing_key_file is None:
        if key_file is None:
            raise ValidationError({"key": "Give the sponsor key (--key DIR/sponsor.key) or the signing key file."})
        signing_key_file = Path(key_file).with_name(SIGNING_KEY_FILE)
    signing = load_signing_key(signing_key_file)
    study_text = study_version = None
    if study_file is not None:
        try:
            definition = read_study_file(study_file)
        except StudyDefinitionError as exc:
            raise ValidationError({"study_definition": f"The study definition is not valid: {exc}"}) from None
        study_text, study_version = Path(study_file).read_text("utf-8"), definition.version
    return _with_store(db_path, lambda s: sponsor_returns.write_return_bundle(
        s, site_code=site, signing_key=signing, out_dir=out_dir, user=user or sponsor_user(), study_text=study_text,
        study_version=study_version, lock=lock, lock_all=lock_all, unlock=unlock))


def sponsor_audit_check(db_path):
    """Walk the sponsor's own audit trail (queries, SDV, return bundles)."""
    return _with_store(db_path, sponsor_returns.verify_audit)
