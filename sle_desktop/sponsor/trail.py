"""A record against its audit trail: the check the importer makes of every record it receives (pure, so that the
helper process reading the next bundle can make it too, see `prefetch`)."""

from __future__ import annotations

import json

from sle_desktop.store.records import CLINICAL_TABLES

try:  # the sponsor's extra: reads an audited value about four times as fast as json.loads
    import orjson
except ImportError:  # pragma: no cover - exercised by the tests with orjson hidden
    orjson = None

UNCHECKED = "unchecked"  # what the helper reports for a record it could not check (the importer then checks it)
_UNREADABLE = object()
_MANAGED = frozenset(("uuid", "change_seq", "created_at", "created_by", "updated_at", "updated_by"))
_site_schema: dict[str, frozenset[str]] = {}
_site_defaults: dict[str, dict] = {}


def _literal(sql: str | None):
    """The value of a column's DEFAULT clause (the site schema uses plain literals only)."""
    if sql is None or sql.upper() == "NULL":
        return None
    if sql.startswith("'") and sql.endswith("'"):
        return sql[1:-1].replace("''", "'")
    try:
        return int(sql)
    except ValueError:
        return float(sql)


def site_schema() -> dict[str, frozenset[str]]:
    """{table: column names} of the clinical tables as this program's site schema defines them."""
    if not _site_schema:
        from sle_desktop.store.db import Store

        with Store.memory() as store:
            for table in CLINICAL_TABLES:
                info = store.conn.execute(f'PRAGMA table_info("{table}")').fetchall()
                _site_schema[table] = frozenset(r[1] for r in info)
                _site_defaults[table] = {r[1]: _literal(r[4]) for r in info}
    return _site_schema


def problem(table: str, row: dict, trail: list[dict], code: str) -> tuple[str, str] | None:
    """(message, refusal reason) when record `row` of site `code` disagrees with `trail`, its audit rows up to the
    bundle's end in order, or None: its last change has its audit row, its creation is audited, created_by and
    updated_by name who made them, every audited value is the record's, and a field never audited keeps its
    default."""
    if len(trail) == 1 and _agrees_with_its_creation(table, row, trail[0]):
        return None
    last = [a for a in trail if a["seq"] == row["change_seq"]]
    if not last:
        return (f"Audit trail incomplete: {table} record {row['uuid']} of site {code} was last changed at row "
                f"{row['change_seq']}, but the audit trail has no such row for it. The bundle was refused.",
                "inconsistent")
    if trail[0]["field"] != "*":
        return (f"Audit trail incomplete: {table} record {row['uuid']} of site {code} has no audit row for its "
                "creation. The bundle was refused.", "inconsistent")
    # who created it, and who changed it last (nobody while its last change is its creation)
    who = {"created_by": trail[0]["user"], "updated_by": None if last[0]["seq"] == trail[0]["seq"] else last[0]["user"]}
    for key, user in who.items():
        if key in row and row[key] != user:
            return (f"{table} record {row['uuid']} of site {code}: {key} is {str(row[key])[:60]!r} but its audit "
                    f"trail says {str(user)[:60]!r}; the record was changed outside the application. "
                    "The bundle was refused.", "inconsistent")
    expected: dict = {}
    for a in trail:
        try:  # the site writes every audited value as canonical JSON
            value = audited_value(a["new"])
        except ValueError:
            value = _UNREADABLE
        if value is _UNREADABLE or (a["field"] == "*" and not isinstance(value, (dict, type(None)))) \
                or (a["field"] != "*" and a["field"] not in row):
            return (f"{table} record {row['uuid']} of site {code}: audit row {a['seq']} names a field or holds a "
                    "value that the record cannot have; the audit trail does not agree with the record. "
                    "The bundle was refused.", "inconsistent")
        if a["field"] == "*":
            expected.update(value or {})
        else:
            expected[a["field"]] = value
    # (set operations in C first: the loops below only run to name what differs)
    if not expected.items() <= row.items():
        for key, value in expected.items():
            if key in row and row[key] != value:
                return (f"{table} record {row['uuid']} of site {code}: {key} is {str(row[key])[:60]!r} but its audit "
                        f"trail says {str(value)[:60]!r}; the record was changed outside the application. "
                        "The bundle was refused.", "inconsistent")
    unset = row.keys() - expected.keys() - _MANAGED
    if not unset:
        return None
    site_schema()
    defaults = _site_defaults[table]  # the whole history is known: a field it never set keeps its default
    if {key: defaults.get(key) for key in unset}.items() <= row.items():
        return None
    for key, value in row.items():
        if key in unset and value != defaults.get(key):
            return (f"{table} record {row['uuid']} of site {code}: {key} is {str(value)[:60]!r} although its "
                    "audit trail never set it; the record was changed outside the application. "
                    "The bundle was refused.", "inconsistent")
    return None


def _agrees_with_its_creation(table: str, row: dict, creation: dict) -> bool:
    """`problem` finds nothing for a record whose whole trail is its creation (most records of a first bundle), the
    checks made directly; False sends the record through `problem`'s own checks, which name what differs."""
    if creation["seq"] != row["change_seq"] or creation["field"] != "*":
        return False
    if ("created_by" in row and row["created_by"] != creation["user"]) or row.get("updated_by") is not None:
        return False
    try:
        created = audited_value(creation["new"])
    except ValueError:
        return False
    if type(created) is not dict or not created.items() <= row.items():
        return False
    unset = row.keys() - created.keys() - _MANAGED
    if not unset:
        return True
    site_schema()
    defaults = _site_defaults[table]
    return {key: defaults.get(key) for key in unset}.items() <= row.items()


_EXACT = frozenset((str, int, bool, type(None)))  # what orjson reads exactly as json.loads does
_WITH_FLOATS = _EXACT | {float}
_BIG = 2.0 ** 63  # orjson reads an integer beyond 64 bits as a float: one at least this large may have been one


def audited_value(text: str | None):
    """An audit row's value as `json.loads` reads it (None for none). orjson's answer (both parsers round a number
    to the nearest float) is taken for a scalar or a flat object with no float of 2**63 or more; otherwise, or
    when orjson refuses the text (NaN, which json.loads reads), json.loads reads it."""
    if text is None:
        return None
    if orjson is not None:
        try:
            value = orjson.loads(text)
        except ValueError:
            return json.loads(text)
        kind = type(value)
        if kind in _EXACT or (kind is float and -_BIG < value < _BIG):
            return value
        if kind is dict:
            types = set(map(type, value.values()))
            if types <= _EXACT:
                return value
            if types <= _WITH_FLOATS:
                floats = [v for v in value.values() if type(v) is float]
                if -_BIG < min(floats) and max(floats) < _BIG:
                    return value
    return json.loads(text)


def problems_within(lines, code: str) -> list:
    """`problem` for each record line of a payload, in order, taking each record's trail to be the payload's own
    audit rows (what the importer finds for a record without stored history when the bundle starts where the
    sponsor's copy of the trail ends); UNCHECKED for a record too malformed to check here."""
    trails: dict[tuple, list[dict]] = {}
    records = []
    for obj, _extra in lines:
        row = obj.get("row")
        if type(row) is not dict:
            continue
        if obj.get("type") == "row":
            records.append((obj.get("table"), row))
        elif obj.get("type") == "audit":
            try:
                trails.setdefault((row["table"], row["row_id"]), []).append(row)
            except (KeyError, TypeError):  # unhashable: the importer refuses the line
                pass
    return _problems(records, trails, code)


def problems_of(records: list[tuple[str, dict]], audit_rows: list[dict], code: str) -> list:
    """`problems_within` for a payload read through already: its (table, record) pairs in order and its audit rows
    (each of them checked: text in "table" and "row_id")."""
    trails: dict[tuple, list[dict]] = {}
    for row in audit_rows:
        trails.setdefault((row["table"], row["row_id"]), []).append(row)
    return _problems(records, trails, code)


def _problems(records, trails: dict, code: str) -> list:
    out = []
    for table, row in records:
        try:
            out.append(problem(table, row, trails.get((table, row["uuid"]), []), code))
        except Exception:  # noqa: BLE001 - malformed beyond these checks: the importer checks it and meets the error
            out.append(UNCHECKED)
    return out
