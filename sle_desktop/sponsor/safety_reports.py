"""The sponsor window's safety views, reports and exports (frozen dataclasses for the window)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from sle_desktop.domain import safety, schedule
from sle_desktop.domain.errors import ValidationError
from sle_desktop.domain.text import msg
from sle_desktop.sponsor import odm, tabular
from sle_desktop.sponsor.accounts import SponsorSession
from sle_desktop.sponsor.review import _parse_date, _parse_dt, _records, sites_overview


# -- safety ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class SaeLine:
    site_code: str
    subject_key: str
    term: str
    grade: str
    relationship: str
    aware_at: str
    received_at: str
    hours: str
    within_24h: bool | None


@dataclass(frozen=True)
class EndpointLine:
    arm: str
    subjects: int
    with_reaction: int
    without_reaction: int


@dataclass(frozen=True)
class SafetySummary:
    saes: tuple[SaeLine, ...]
    ae_counts: tuple[tuple[str, int, str, int], ...]  # (arm, grade, relationship, count)
    endpoint: tuple[EndpointLine, ...]


def safety_summary(session: SponsorSession) -> SafetySummary:
    """The SAE listing with 24 h compliance, AEs by arm, grade and relationship, the month-1 endpoint per arm."""
    session.require("view")
    store = session.store
    saes = []
    for r in tabular.sae_rows(store):
        aware, received = _parse_dt(r["aware_at"]), _parse_dt(r["received_by_sponsor_at"])
        within = None if aware is None or received is None else received <= safety.sae_deadline(aware)
        saes.append(SaeLine(r["site_code"], r["subject_key"], r["term"] or "", str(r["grade"] or ""),
                            r["relationship"] or "", r["aware_at"] or "", r["received_by_sponsor_at"] or "",
                            r["hours_from_awareness_to_sponsor"], within))
    recs = _records(store, ("subjects", "adverse_events", "infusions"))
    arm_of = {(su, uuid): d.get("arm") or "" for su, uuid, d, _r in recs["subjects"]}  # UUIDs unique within a site
    counts: Counter = Counter()
    aes_of: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for su, _u, d, _r in recs["adverse_events"]:
        counts[(arm_of.get((su, d.get("subject_uuid")), ""), int(d.get("grade") or 0), d.get("relationship") or "")] += 1
        aes_of[(su, d.get("subject_uuid"))].append(d)
    infusions: dict[tuple[str, str], list[date]] = defaultdict(list)
    for su, _u, d, _r in recs["infusions"]:
        day = _parse_date(d.get("infusion_date"))
        if day:
            infusions[(su, d.get("subject_uuid"))].append(day)
    per_arm: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for su, uuid, d, _r in recs["subjects"]:
        if not d.get("arm") or d.get("status") not in ("enrolled", "completed", "withdrawn"):
            continue
        aes = [{"onset_date": _parse_date(a.get("onset_date")), "relationship": a.get("relationship")}
               for a in aes_of.get((su, uuid), []) if a.get("relationship") in (None, *safety.RELATIONSHIPS)]
        reaction = bool(safety.adverse_reactions(infusions.get((su, uuid), []), aes))
        per_arm[d["arm"]][0] += 1
        per_arm[d["arm"]][1] += int(reaction)
    endpoint = tuple(EndpointLine(arm, n, k, n - k) for arm, (n, k) in sorted(per_arm.items()))
    return SafetySummary(tuple(saes), tuple((a, g, rel, n) for (a, g, rel), n in sorted(counts.items())), endpoint)


# -- reports ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Reports:
    enrolment: tuple[tuple[str, str, str, int], ...]  # (month YYYY-MM, site, arm, subjects enrolled that month)
    query_ageing: tuple[tuple[str, tuple[int, ...]], ...]  # (site, open queries per QUERY_AGE_BUCKETS)
    missing_forms: tuple[tuple[str, str, int, int], ...]  # (visit code, form, visits on file, visits without it)
    sites: tuple[str, ...]


_VISIT_FORMS = ("sledai_assessments", "labs")


def reports(session: SponsorSession, *, site: str | None = None) -> Reports:
    """Enrolment over time by site and arm, query ageing per site, missing forms per visit (optionally one site)."""
    session.require("view")
    store = session.store
    codes = {r["site_uuid"]: r["code"] for r in store.query("SELECT site_uuid, code FROM sites ORDER BY code")}
    recs = _records(store, ("subjects", "visits", *_VISIT_FORMS))
    enrol: Counter = Counter()
    for su, _u, d, _r in recs["subjects"]:
        if site and codes.get(su) != site:
            continue
        day = d.get("baseline_date") or (d.get("arm_assigned_at") or "")[:10]
        if d.get("arm") and day:
            enrol[(day[:7], codes.get(su, "?"), d["arm"])] += 1
    has: dict[str, set[tuple[str, str]]] = defaultdict(set)  # (site, visit): UUIDs are unique within a site
    for t in _VISIT_FORMS:
        for su, _u, d, _r in recs[t]:
            if d.get("visit_uuid"):
                has[t].add((su, d["visit_uuid"]))
    missing: Counter = Counter()
    on_file: Counter = Counter()
    for su, uuid, d, _r in recs["visits"]:
        if site and codes.get(su) != site:
            continue
        code = d.get("visit_code") or ""
        if code == "screening":
            continue
        on_file[code] += 1
        for t in _VISIT_FORMS:
            if (su, uuid) not in has[t]:
                missing[(code, t)] += 1
    overview = sites_overview(session)
    ageing = tuple((o.code, o.open_queries_by_age) for o in overview if not site or o.code == site)
    miss = tuple((v, t, on_file[v], missing[(v, t)]) for v in sorted(on_file) for t in _VISIT_FORMS)
    return Reports(tuple((m, s, a, n) for (m, s, a), n in sorted(enrol.items())), ageing, miss, tuple(codes.values()))


def trend_points(session: SponsorSession, *, site: str | None = None) -> tuple[tuple[str, int, float, int], ...]:
    """The cohort's SELENA-SLEDAI over study days: (arm, study day, score, count) for the cohort trend plot."""
    session.require("view")
    store = session.store
    codes = {r["site_uuid"]: r["code"] for r in store.query("SELECT site_uuid, code FROM sites")}
    recs = _records(store, ("subjects", "visits", "sledai_assessments"))
    subj = {(s, u): d for s, u, d, _r in recs["subjects"] if not site or codes.get(s) == site}
    visits = {(s, u): d for s, u, d, _r in recs["visits"]}
    acc: dict[tuple[str, int], list[int]] = defaultdict(list)
    for su, _u, d, _r in recs["sledai_assessments"]:
        s = subj.get((su, d.get("subject_uuid")))
        v = visits.get((su, d.get("visit_uuid")))
        if not s or not v or not s.get("arm"):
            continue
        day0, on = _parse_date(s.get("baseline_date")), _parse_date(v.get("visit_date"))
        if day0 is None or on is None:
            continue
        # bin by the visit's nominal day so every subject's month-3 lands together
        acc[(s["arm"], int(round(schedule.study_day(day0, on) / 30.0) * 30))].append(int(d.get("score") or 0))
    return tuple((arm, day, sum(v) / len(v), len(v)) for (arm, day), v in sorted(acc.items()))


# -- exports ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class ExportDone:
    kind: str
    path: str
    summary: str


def export(session: SponsorSession, kind: str, out, *, report=None, lang: str = "en") -> ExportDone:
    """Write an export: "odm" (ODM 1.3.2 Snapshot), "odm_audit" (Transactional history), "csv" (a folder) or
    "stats" (SPSS/Stata/SAS datasets in a folder). `report(done, total)` at start and end."""
    session.require("export")
    if kind not in ("odm", "odm_audit", "csv", "stats"):
        raise ValidationError({"kind": msg("Unknown export {kind}.", kind=kind)})
    if report is not None:
        report(0, 1)
    store = session.store
    if kind in ("odm", "odm_audit"):
        r = odm.write_odm(store, out, audit=kind == "odm_audit")
        summary = f"{r.sites} site(s), {r.subjects} subjects, {r.forms} forms, {r.items} items"
    elif kind == "csv":
        r = tabular.write_csv(store, out)
        summary = f"{len(r.files)} CSV files, {r.rows} records"
    else:
        from sle_desktop.sponsor import stats

        r = stats.write_stats(store, out, lang=lang)
        summary = f"{r.datasets} datasets, {r.rows} records"
    if report is not None:
        report(1, 1)
    return ExportDone(kind, str(out), summary)
