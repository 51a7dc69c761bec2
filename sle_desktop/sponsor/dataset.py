"""The sponsor database read back as analysis data: sites, forms, columns, records grouped by subject and visit.

Shared by the ODM, CSV and SAE exports so that all three describe the data the same way.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sle_desktop.store.records import CLINICAL_TABLES

if TYPE_CHECKING:
    from sle_desktop.domain import study as study_def

# Titles of the site tables that are not forms (the forms' titles are in sponsor.metadata).
_OTHER_TITLES = {"signatures": "Electronic signature", "queries": "Data query", "locks": "Lock",
                 "site_sdv": "Source-data verification at the site"}


def form_title(table: str) -> str:
    """The title of a site table that is not a form."""
    return _OTHER_TITLES.get(table, table.replace("_", " ").capitalize())


@dataclass
class Record:
    table: str
    site_uuid: str
    uuid: str
    row: dict
    received_at: str
    first_bundle_seq: int


@dataclass
class Dataset:
    sites: list[dict]
    columns: dict[str, list[tuple[str, str]]]
    records: dict[str, list[Record]] = field(default_factory=dict)
    subject_keys: dict[str, str] = field(default_factory=dict)
    visits: dict[str, dict] = field(default_factory=dict)

    def site(self, site_uuid: str) -> dict:
        return next(s for s in self.sites if s["site_uuid"] == site_uuid)


def load(store) -> Dataset:
    """Everything the exports need from the sponsor database (current versions of records)."""
    sites = store.query("SELECT site_uuid, code, name, study_id, study_version, fingerprint, last_bundle_seq, "
                        "head_seq, last_import_at FROM sites ORDER BY code")
    first: dict[tuple[str, str], dict] = {}  # each column at its earliest position over the sites
    for r in store.query("SELECT tbl, name, decl_type, position FROM site_columns ORDER BY tbl, position, name, "
                         "site_uuid"):
        first.setdefault((r["tbl"], r["name"]), r)
    columns: dict[str, list[tuple[str, str]]] = {}
    for r in sorted(first.values(), key=lambda r: (r["tbl"], r["position"], r["name"])):
        columns.setdefault(r["tbl"], []).append((r["name"], r["decl_type"]))
    ds = Dataset(sites, {t: columns.get(t, []) for t in CLINICAL_TABLES})
    for table in CLINICAL_TABLES:
        ds.records[table] = [
            Record(table, r["site_uuid"], r["uuid"], json.loads(r["data"]), r["received_at"], r["first_bundle_seq"])
            for r in store.query("SELECT r.site_uuid, r.uuid, r.data, r.received_at, r.first_bundle_seq FROM records r "
                                 "JOIN sites s ON s.site_uuid = r.site_uuid WHERE r.tbl = ? ORDER BY s.code, r.change_seq, "
                                 "r.uuid", (table,))
        ]
    for rec in ds.records["subjects"]:
        ds.subject_keys[rec.uuid] = rec.row.get("subject_id") or rec.row.get("screening_number") or rec.uuid
    for rec in ds.records["visits"]:
        ds.visits[rec.uuid] = rec.row
    return ds


def subject_of(rec: Record) -> str | None:
    return rec.uuid if rec.table == "subjects" else rec.row.get("subject_uuid")


def visit_of(rec: Record) -> str | None:
    return rec.uuid if rec.table == "visits" else rec.row.get("visit_uuid")


# -- what the metadata and the ODM administrative data are built from ------------------------------------------------
def study_definitions(store) -> dict[tuple[str, str], study_def.StudyDefinition]:
    """(study id, version) -> definition: the shipped default plus every version the sponsor sent to a site."""
    from sle_desktop.domain import study as study_def
    from sle_desktop.resources import resource_path

    out = {}
    default = study_def.parse_toml(resource_path("study", "sle-msc.toml").read_bytes())
    out[(default.study_id, default.version)] = default
    for r in store.query("SELECT study_definition FROM return_bundles WHERE study_definition IS NOT NULL "
                         "ORDER BY return_seq"):
        try:
            d = study_def.parse_toml(r["study_definition"])
        except study_def.StudyDefinitionError:
            continue
        out.setdefault((d.study_id, d.version), d)
    return out


def sponsor_queries(store) -> list[dict]:
    """The sponsor's data queries (current state), oldest first."""
    return store.query("SELECT q.*, s.code AS site_code FROM queries q JOIN sites s ON s.site_uuid = q.site_uuid "
                       "ORDER BY s.code, q.raised_at, q.uuid")


def site_accounts(store) -> dict[tuple[str, str], dict]:
    """(site uuid, login) -> {"display_name", "role"} from the sites' audit trails of their user accounts."""
    out: dict[tuple[str, str], dict] = {}
    for r in store.query("SELECT site_uuid, row_id, field, new FROM audit WHERE \"table\" = 'users' "
                         "AND field IN ('*', 'role', 'display_name') ORDER BY site_uuid, seq"):
        try:
            value = json.loads(r["new"] or "null")
        except ValueError:
            continue
        entry = out.setdefault((r["site_uuid"], r["row_id"]), {"display_name": None, "role": None})
        if r["field"] == "*" and isinstance(value, dict):
            entry["display_name"] = value.get("display_name") if isinstance(value.get("display_name"), str) else None
            entry["role"] = value.get("role") if isinstance(value.get("role"), str) else None
        elif isinstance(value, str):
            entry["role" if r["field"] == "role" else "display_name"] = value
    return out


def audit_users(store) -> list[tuple[str, str]]:
    """(site uuid, user) of everyone named in a site's audit trail."""
    return [(r["site_uuid"], r["user"]) for r in store.query(
        'SELECT DISTINCT site_uuid, "user" FROM audit ORDER BY site_uuid, "user"')]


def audit_trail(store):
    """Every site's audit trail, site by site in chain order, as tuples (site code, seq, at_utc, at_local, user, table,
    row_id, field, old, new, reason, prev_hash, hash, bundle_seq) (streamed)."""
    return store.conn.execute(
        'SELECT s.code, a.seq, a.at_utc, a.at_local, a."user", a."table", a.row_id, a.field, a.old, a.new, a.reason, '
        "a.prev_hash, a.hash, a.bundle_seq FROM audit a JOIN sites s ON s.site_uuid = a.site_uuid ORDER BY s.code, a.seq")


def audit_rows(store, site_uuid: str, tables: tuple[str, ...]):
    """The audit rows of one site that touch the given tables, in chain order (streamed)."""
    marks = ", ".join("?" for _ in tables)
    return store.conn.execute(
        'SELECT seq, at_utc, "user", "table", row_id, field, old, new, reason FROM audit '
        f'WHERE site_uuid = ? AND "table" IN ({marks}) ORDER BY seq', (site_uuid, *tables))


def metadata_in_force(store, ds: Dataset):
    """The export metadata of the newest study version the sites work to (for the CSV and statistics files)."""
    from sle_desktop.sponsor import metadata

    definitions = study_definitions(store)
    versions = sorted({(s["study_id"], s["study_version"]) for s in ds.sites
                       if (s["study_id"], s["study_version"]) in definitions})
    return metadata.build(definitions[versions[-1]] if versions else next(iter(definitions.values())))
