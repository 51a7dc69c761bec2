"""The sponsor database read back as analysis data: sites, columns, and records with their subject and visit.

Shared by the ODM, CSV and statistics exports so that all of them describe the data the same way. Records are
streamed in a stable order (a table of a site, one subject, or a group of uuids at a time; `CHUNK` rows per fetch,
through `store.stream`, on SQLite and PostgreSQL alike), never the whole database at once: memory is bounded by what
one export step needs, not by the size of the study.
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


# Rows fetched at a time from the sponsor database: the exports stream, so memory does not grow with the database.
CHUNK = 2000


@dataclass
class Record:
    """The current version of one record, with the subject key and visit code it is filed under."""

    table: str
    site_uuid: str
    uuid: str
    row: dict
    received_at: str
    first_bundle_seq: int
    subject_key: str | None = None  # None: the subject is not in the sponsor database
    visit_code: object = None
    visit_known: bool = False  # the visit the record belongs to is in the sponsor database


@dataclass
class Dataset:
    """The sites and the columns each table has (the records themselves are streamed, see `records`)."""

    sites: list[dict]
    columns: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def site(self, site_uuid: str) -> dict:
        return next(s for s in self.sites if s["site_uuid"] == site_uuid)


def load(store) -> Dataset:
    """The sites (by code) and every table's columns, each at its earliest position over the sites."""
    sites = store.query("SELECT site_uuid, code, name, study_id, study_version, fingerprint, last_bundle_seq, "
                        "head_seq, last_import_at FROM sites ORDER BY code")
    first: dict[tuple[str, str], dict] = {}  # each column at its earliest position over the sites
    for r in store.query("SELECT tbl, name, decl_type, position FROM site_columns ORDER BY tbl, position, name, "
                         "site_uuid"):
        first.setdefault((r["tbl"], r["name"]), r)
    columns: dict[str, list[tuple[str, str]]] = {}
    for r in sorted(first.values(), key=lambda r: (r["tbl"], r["position"], r["name"])):
        columns.setdefault(r["tbl"], []).append((r["name"], r["decl_type"]))
    return Dataset(sites, {t: columns.get(t, []) for t in CLINICAL_TABLES})


def _select(store) -> str:
    """Records with their subject's key parts and their visit's code (one row per record, joined on the keys)."""
    return ("SELECT r.tbl, r.uuid, r.data, r.received_at, r.first_bundle_seq, s.uuid, "
            f"{store.json_text('s.data', 'subject_id')}, {store.json_text('s.data', 'screening_number')}, v.uuid, "
            f"{store.json_text('v.data', 'visit_code')} FROM records r "
            "LEFT JOIN records s ON s.site_uuid = r.site_uuid AND s.tbl = 'subjects' AND s.uuid = r.subject_uuid "
            "LEFT JOIN records v ON v.site_uuid = r.site_uuid AND v.tbl = 'visits' AND v.uuid = r.visit_uuid ")


def _record(site_uuid: str, r) -> Record:
    tbl, uuid, data, received_at, first_seq, s_uuid, subject_id, screening, v_uuid, visit_code = r
    return Record(tbl, site_uuid, uuid, json.loads(data), received_at, first_seq,
                  (subject_id or screening or s_uuid) if s_uuid is not None else None,
                  visit_code, v_uuid is not None)


def records(store, site_uuid: str, table: str):
    """The records of one table of one site in the order the site changed them (streamed, CHUNK rows at a time)."""
    for r in store.stream(_select(store) + "WHERE r.site_uuid = ? AND r.tbl = ? ORDER BY r.change_seq, r.uuid",
                          (site_uuid, table), size=CHUNK):
        yield _record(site_uuid, r)


def subject_records(store, site_uuid: str, subject_uuid: str | None, tables: tuple[str, ...]) -> list[Record]:
    """One subject's records of the given tables (None: the records of no subject), in the order the site changed
    them."""
    marks = ", ".join("?" for _ in tables)
    where = "r.subject_uuid = ?" if subject_uuid is not None else "r.subject_uuid IS NULL"
    params = (site_uuid, *((subject_uuid,) if subject_uuid is not None else ()), *tables)
    return [_record(site_uuid, r) for r in _fetch(
        store, _select(store) + f"WHERE r.site_uuid = ? AND {where} AND r.tbl IN ({marks}) ORDER BY r.change_seq, r.uuid",
        params)]


def _fetch(store, sql: str, params: tuple) -> list[tuple]:
    """A result known to be small (one subject, one group of uuids) in one round trip (no server-side cursor)."""
    return store.conn.execute(sql, params).fetchall()


def records_by_uuid(store, site_uuid: str, tables: tuple[str, ...], uuids) -> dict[str, Record]:
    """uuid -> record of one site for the given uuids (looked up in groups of 500)."""
    out: dict[str, Record] = {}
    uuids = list(dict.fromkeys(uuids))
    marks = ", ".join("?" for _ in tables)
    for i in range(0, len(uuids), 500):
        group = uuids[i:i + 500]
        sql = (_select(store) + f"WHERE r.site_uuid = ? AND r.tbl IN ({marks}) AND r.uuid IN "
               f"({', '.join('?' for _ in group)}) ORDER BY r.change_seq, r.uuid")
        for r in _fetch(store, sql, (site_uuid, *tables, *group)):
            rec = _record(site_uuid, r)
            out[rec.uuid] = rec
    return out


def subjects(store, site_uuid: str) -> list[tuple[str, str]]:
    """(subject uuid, subject key) of one site's subjects, by key (ties in the order the site created them)."""
    rows = store.query(f"SELECT uuid, {store.json_text('data', 'subject_id')} AS sid, "
                       f"{store.json_text('data', 'screening_number')} AS scr FROM records "
                       "WHERE site_uuid = ? AND tbl = 'subjects' ORDER BY change_seq, uuid", (site_uuid,))
    keyed = [(r["uuid"], r["sid"] or r["scr"] or r["uuid"]) for r in rows]
    return sorted(keyed, key=lambda p: p[1])


def orphans(store, site_uuid: str, tables: tuple[str, ...]) -> int:
    """How many current (not deleted) records of the tables belong to no subject in the sponsor database."""
    marks = ", ".join("?" for _ in tables)
    return store.scalar(
        f"SELECT count(*) FROM records r WHERE r.site_uuid = ? AND r.tbl IN ({marks}) AND r.deleted = 0 AND NOT EXISTS "
        "(SELECT 1 FROM records s WHERE s.site_uuid = r.site_uuid AND s.tbl = 'subjects' AND s.uuid = r.subject_uuid)",
        (site_uuid, *tables))


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


def audit_trail(store, sites: list[dict]):
    """Every site's audit trail, site by site in chain order, as tuples (site code, seq, at_utc, at_local, user, table,
    row_id, field, old, new, reason, prev_hash, hash, bundle_seq) (streamed)."""
    for site in sites:
        for r in store.stream('SELECT seq, at_utc, at_local, "user", "table", row_id, field, old, new, reason, '
                              "prev_hash, hash, bundle_seq FROM audit WHERE site_uuid = ? ORDER BY seq",
                              (site["site_uuid"],), size=CHUNK):
            yield (site["code"], *r)


def audit_rows(store, site_uuid: str, tables: tuple[str, ...]):
    """The audit rows of one site that touch the given tables, in chain order (streamed)."""
    marks = ", ".join("?" for _ in tables)
    return store.stream('SELECT seq, at_utc, "user", "table", row_id, field, old, new, reason FROM audit '
                        f'WHERE site_uuid = ? AND "table" IN ({marks}) ORDER BY seq', (site_uuid, *tables), size=CHUNK)


def metadata_in_force(store, ds: Dataset):
    """The export metadata of the newest study version the sites work to (for the CSV and statistics files)."""
    from sle_desktop.sponsor import metadata

    definitions = study_definitions(store)
    versions = sorted({(s["study_id"], s["study_version"]) for s in ds.sites
                       if (s["study_id"], s["study_version"]) in definitions})
    return metadata.build(definitions[versions[-1]] if versions else next(iter(definitions.values())))
