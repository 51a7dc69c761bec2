"""Structural validation of an ODM 1.3.2 file (what an ODM validator checks about references and OIDs)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter

NS = "{http://www.cdisc.org/ns/odm/v1.3}"


def _q(tag: str) -> str:
    return NS + tag


def check_odm(path) -> ET.Element:
    """Parse (well-formedness) and check structure; returns the root. Raises AssertionError naming the problem."""
    root = ET.parse(path).getroot()
    assert root.tag == _q("ODM"), root.tag
    assert root.get("ODMVersion") == "1.3.2"
    assert root.get("FileType") == "Snapshot"
    for attr in ("FileOID", "CreationDateTime"):
        assert root.get(attr), f"ODM/@{attr} missing"

    # OIDs unique per definition type across the file, and AuditRecord IDs unique
    for tag in ("Study", "MetaDataVersion", "StudyEventDef", "FormDef", "ItemGroupDef", "ItemDef", "User", "Location"):
        oids = [e.get("OID") for e in root.iter(_q(tag))]
        assert all(oids), f"{tag} without OID"
        dupes = [o for o, n in Counter(oids).items() if n > 1 and tag in ("Study", "MetaDataVersion", "User", "Location")]
        assert not dupes, f"duplicate {tag} OIDs: {dupes[:5]}"
    audit_ids = [e.get("ID") for e in root.iter(_q("AuditRecord"))]
    assert len(audit_ids) == len(set(audit_ids)), "duplicate AuditRecord IDs"

    studies = {s.get("OID"): s for s in root.findall(_q("Study"))}
    admin = {a.get("StudyOID"): a for a in root.findall(_q("AdminData"))}
    for study_oid, study in studies.items():
        gv = study.find(_q("GlobalVariables"))
        assert gv is not None and all(gv.find(_q(t)) is not None for t in ("StudyName", "StudyDescription", "ProtocolName"))
        assert study_oid in admin, f"no AdminData for study {study_oid}"
    mdvs = {}
    for study in studies.values():
        for mdv in study.findall(_q("MetaDataVersion")):
            mdvs[(study.get("OID"), mdv.get("OID"))] = mdv

    for (study_oid, mdv_oid), mdv in mdvs.items():
        defs = {}
        for tag in ("StudyEventDef", "FormDef", "ItemGroupDef", "ItemDef"):
            oids = [e.get("OID") for e in mdv.findall(_q(tag))]
            assert len(oids) == len(set(oids)), f"duplicate {tag} OIDs in {mdv_oid}"
            defs[tag] = {e.get("OID"): e for e in mdv.findall(_q(tag))}
        all_oids = [o for d in defs.values() for o in d]
        assert len(all_oids) == len(set(all_oids)), "an OID is used by two kinds of definition"
        for ref in mdv.iter(_q("StudyEventRef")):
            assert ref.get("StudyEventOID") in defs["StudyEventDef"], ref.attrib
        for ref in mdv.iter(_q("FormRef")):
            assert ref.get("FormOID") in defs["FormDef"], ref.attrib
        for ref in mdv.iter(_q("ItemGroupRef")):
            assert ref.get("ItemGroupOID") in defs["ItemGroupDef"], ref.attrib
        for ref in mdv.iter(_q("ItemRef")):
            assert ref.get("ItemOID") in defs["ItemDef"], ref.attrib
        for item in defs["ItemDef"].values():
            assert item.get("DataType") in ("integer", "float", "date", "time", "text", "datetime", "string", "boolean"), \
                item.attrib
        event_forms = {oid: {r.get("FormOID") for r in e.findall(_q("FormRef"))} for oid, e in defs["StudyEventDef"].items()}
        form_groups = {oid: {r.get("ItemGroupOID") for r in e.findall(_q("ItemGroupRef"))} for oid, e in defs["FormDef"].items()}
        group_items = {oid: {r.get("ItemOID") for r in e.findall(_q("ItemRef"))} for oid, e in defs["ItemGroupDef"].items()}

        users = {u.get("OID") for u in admin[study_oid].findall(_q("User"))}
        locations = {loc.get("OID") for loc in admin[study_oid].findall(_q("Location"))}
        for loc in admin[study_oid].findall(_q("Location")):
            for ref in loc.findall(_q("MetaDataVersionRef")):
                assert (ref.get("StudyOID"), ref.get("MetaDataVersionOID")) in mdvs, ref.attrib

        for cd in root.findall(_q("ClinicalData")):
            if (cd.get("StudyOID"), cd.get("MetaDataVersionOID")) != (study_oid, mdv_oid):
                continue
            keys = [s.get("SubjectKey") for s in cd.findall(_q("SubjectData"))]
            assert all(keys) and len(keys) == len(set(keys)), "SubjectKeys missing or duplicated"
            for subject in cd.findall(_q("SubjectData")):
                site_ref = subject.find(_q("SiteRef"))
                assert site_ref is not None and site_ref.get("LocationOID") in locations
                seen = Counter((e.get("StudyEventOID"), e.get("StudyEventRepeatKey")) for e in subject.findall(_q("StudyEventData")))
                assert max(seen.values()) == 1, f"repeated StudyEventData without distinct keys in {subject.get('SubjectKey')}"
                for event in subject.findall(_q("StudyEventData")):
                    eoid = event.get("StudyEventOID")
                    assert eoid in defs["StudyEventDef"], eoid
                    forms_seen = Counter((f.get("FormOID"), f.get("FormRepeatKey")) for f in event.findall(_q("FormData")))
                    assert not forms_seen or max(forms_seen.values()) == 1, f"FormData repeated without keys in {eoid}"
                    for form in event.findall(_q("FormData")):
                        foid = form.get("FormOID")
                        assert foid in defs["FormDef"] and foid in event_forms[eoid], (eoid, foid)
                        for group in form.findall(_q("ItemGroupData")):
                            goid = group.get("ItemGroupOID")
                            assert goid in defs["ItemGroupDef"] and goid in form_groups[foid], (foid, goid)
                            items = [i.get("ItemOID") for i in group.findall(_q("ItemData"))]
                            assert len(items) == len(set(items)), f"duplicate ItemData in {goid}"
                            for ioid in items:
                                assert ioid in defs["ItemDef"] and ioid in group_items[goid], (goid, ioid)
            for ar in cd.iter(_q("AuditRecord")):
                assert ar.find(_q("UserRef")).get("UserOID") in users
                assert ar.find(_q("LocationRef")).get("LocationOID") in locations
                assert ar.find(_q("DateTimeStamp")).text
    return root


def item_groups(root: ET.Element, group_oid: str) -> dict[str, dict[str, str]]:
    """{record uuid: {ItemOID: Value}} for every ItemGroupData of one kind (keyed by its UUID item)."""
    out = {}
    prefix = group_oid.replace("IG.", "I.", 1)
    for group in root.iter(_q("ItemGroupData")):
        if group.get("ItemGroupOID") != group_oid:
            continue
        values = {i.get("ItemOID"): i.get("Value") for i in group.findall(_q("ItemData"))}
        out[values[f"{prefix}.UUID"]] = values
    return out
