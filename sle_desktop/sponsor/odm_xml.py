"""The ODM 1.3.2 text itself: a streaming XML writer, values in ODM's lexical forms, OIDs, and the study metadata
(`MetaDataVersion`, a function of the study definition only) that every export writes (see sponsor/odm.py)."""

from __future__ import annotations

import functools
import re
from datetime import UTC, datetime
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

from sle_desktop.sponsor import metadata
from sle_desktop.sponsor.translations import ru

ODM_NS = "http://www.cdisc.org/ns/odm/v1.3"
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# text that needs no escaping at all (most of it) is written as it is: escaping every value was the export's main cost
_ATTR_SPECIAL = re.compile('[&<>"\n\r\t\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]')
_TEXT_SPECIAL = re.compile("[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ATTR_ENTITIES = {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
_OID_SAFE = re.compile(r"[^A-Za-z0-9._-]")


def _clean(text: str) -> str:
    return _BAD_XML.sub("\ufffd", text)


def escaped_attr(value) -> str:
    """An attribute value, quoted and escaped (as `quoteattr`, with tabs and line breaks as character references)."""
    text = str(value)
    if _ATTR_SPECIAL.search(text) is None:
        return f'"{text}"'
    return quoteattr(_clean(text), _ATTR_ENTITIES)


def escaped_text(value) -> str:
    """Element text, escaped only where it needs to be."""
    text = str(value)
    return text if _TEXT_SPECIAL.search(text) is None else escape(_clean(text))


@functools.lru_cache(maxsize=65536)
def oid_part(text: str) -> str:
    """Text made safe for an OID (letters, digits, dot, underscore, hyphen)."""
    return _OID_SAFE.sub("_", text) or "_"


def utc_z(text) -> str | None:
    """An ISO date-time as UTC with a `Z` offset, whole seconds (a naive time is taken as UTC)."""
    if text in (None, ""):
        return None
    try:
        dt = datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        return str(text)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _float_text(value: float) -> str:
    text = repr(float(value))
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    return text[:-2] if text.endswith(".0") else text


def odm_value(value, dtype: str) -> str | None:
    """A value in ODM's lexical form for its DataType (None for a missing value)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if dtype == "integer":
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)
    if dtype == "float":
        return _float_text(value) if isinstance(value, (int, float)) else str(value)
    if dtype == "datetime":
        return utc_z(value)
    if dtype == "date":
        return str(value)[:10]
    if dtype == "time":
        text = str(value)
        return f"{text}:00" if re.fullmatch(r"\d\d:\d\d", text) else text
    if isinstance(value, float):
        return _float_text(value)
    return str(value)


class Writer:
    """A small streaming XML writer with indentation (the export may be large)."""

    def __init__(self, fh):
        self.fh = fh
        self.stack: list[str] = []
        self.buf: list[str] = []
        self.size = 0

    def out(self, text: str) -> None:
        self.buf.append(text)
        self.size += len(text)
        if self.size > 256_000:
            self.flush()

    def flush(self) -> None:
        self.fh.write("".join(self.buf).encode("utf-8"))
        self.buf, self.size = [], 0

    @staticmethod
    def _attrs(attrs: dict | None) -> str:
        if not attrs:
            return ""
        return "".join(f" {k}={escaped_attr(v)}" for k, v in attrs.items() if v is not None)

    def start(self, tag: str, attrs: dict | None = None) -> None:
        self.out(f"{'  ' * len(self.stack)}<{tag}{self._attrs(attrs)}>\n")
        self.stack.append(tag)

    def end(self) -> None:
        tag = self.stack.pop()
        self.out(f"{'  ' * len(self.stack)}</{tag}>\n")

    def empty(self, tag: str, attrs: dict | None = None) -> None:
        self.out(f"{'  ' * len(self.stack)}<{tag}{self._attrs(attrs)}/>\n")

    def text(self, tag: str, text: str, attrs: dict | None = None) -> None:
        self.out(f"{'  ' * len(self.stack)}<{tag}{self._attrs(attrs)}>{escaped_text(text)}</{tag}>\n")

    def translated(self, tag: str, english: str, russian: str | None = None) -> None:
        self.start(tag)
        self.text("TranslatedText", english, {"xml:lang": "en"})
        self.text("TranslatedText", russian or ru(english), {"xml:lang": "ru"})
        self.end()


@functools.lru_cache(maxsize=4096)
def item_oid(table: str, column: str) -> str:
    """The ItemDef OID of a form field."""
    return f"I.{metadata.form_of(table).short}.{oid_part(column.upper())}"


def mdv_oid(study_id: str, version: str) -> str:
    """The MetaDataVersion OID of a study version."""
    return f"MDV.{oid_part(study_id)}.{oid_part(version)}"


def loc_oid(code: str) -> str:
    """The Location OID of a site."""
    return f"LOC.{oid_part(code)}"


# -- metadata ----------------------------------------------------------------------------------------------------------
def write_metadata_version(w: Writer, md: metadata.StudyMetadata) -> None:
    """One MetaDataVersion (a function of the study definition only)."""
    w.start("MetaDataVersion", {"OID": mdv_oid(md.study_id, md.version), "Name": f"{md.study_id} version {md.version}",
                                "Description": md.title})
    w.start("Protocol")
    for n, e in enumerate(md.events, 1):
        w.empty("StudyEventRef", {"StudyEventOID": e.oid, "OrderNumber": n,
                                  "Mandatory": "Yes" if e.kind == "Scheduled" else "No"})
    w.end()
    for e in md.events:
        w.start("StudyEventDef", {"OID": e.oid, "Name": e.label, "Repeating": "Yes" if e.repeating else "No",
                                  "Type": e.kind})
        for n, (table, mandatory) in enumerate(e.forms, 1):
            w.empty("FormRef", {"FormOID": md.form(table).oid, "OrderNumber": n, "Mandatory": "Yes" if mandatory else "No"})
        w.end()
    for f in md.forms:
        w.start("FormDef", {"OID": f.oid, "Name": f.title, "Repeating": "Yes" if f.repeating else "No"})
        w.empty("ItemGroupRef", {"ItemGroupOID": f.group_oid, "Mandatory": "Yes"})
        w.end()
    for f in md.forms:
        w.start("ItemGroupDef", {"OID": f.group_oid, "Name": f.title, "Repeating": "No",
                                 "SASDatasetName": metadata.sas_dataset_name(f.table)})
        for n, item in enumerate(f.items, 1):
            w.empty("ItemRef", {"ItemOID": item_oid(f.table, item.column), "OrderNumber": n,
                                "Mandatory": "Yes" if item.column == "uuid" else "No"})
        w.end()
    for f in md.forms:
        sas = metadata.sas_names(f.table)
        for item in f.items:
            w.start("ItemDef", {"OID": item_oid(f.table, item.column), "Name": item.column, "DataType": item.data_type,
                                "Length": item.length, "SignificantDigits": item.digits,
                                "SASFieldName": sas[item.column]})
            w.translated("Question", item.label, item.label_ru)
            for unit in item.units:
                w.empty("MeasurementUnitRef", {"MeasurementUnitOID": unit})
            if item.codelist:
                w.empty("CodeListRef", {"CodeListOID": item.codelist})
            w.end()
    for cl in md.codelists:
        w.start("CodeList", {"OID": cl.oid, "Name": cl.name, "DataType": cl.data_type})
        for n, (code, label) in enumerate(cl.items, 1):
            w.start("CodeListItem", {"CodedValue": code, "OrderNumber": n})
            w.translated("Decode", label)
            w.end()
        w.end()
    w.end()


def write_study(w: Writer, study_id: str, mds: list[metadata.StudyMetadata]) -> None:
    """The Study element: global variables, measurement units and one MetaDataVersion per version."""
    w.start("Study", {"OID": oid_part(study_id)})
    w.start("GlobalVariables")
    w.text("StudyName", study_id)
    w.text("StudyDescription", mds[-1].title if mds else study_id)
    w.text("ProtocolName", study_id)
    w.end()
    w.start("BasicDefinitions")
    for unit in metadata.UNITS:
        w.start("MeasurementUnit", {"OID": unit.oid, "Name": unit.symbol})
        w.start("Symbol")
        w.text("TranslatedText", unit.symbol, {"xml:lang": "en"})
        w.end()
        w.end()
    w.end()
    for md in mds:
        write_metadata_version(w, md)
    w.end()
