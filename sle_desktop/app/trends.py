"""Trend data for plots, as plain values (numpy arrays and lists): one patient over time, and the arms compared.

No Qt here: `ui/plots/` draws what these functions return. Study day 0 = the subject's
baseline date (clinical-reference §5); outcomes follow §2 (change from baseline,
SLEDAI-4, "SRI-4 (without BILAG)", "SELENA flare (SLEDAI/PGA parts)" recomputed vs the previous assessment,
and the "SELENA Flare Index" as saved with each assessment).
"""

from __future__ import annotations

import json
import math
import threading
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from sle_desktop.app import visits as visits_uc
from sle_desktop.app.errors import NotFound, ValidationError
from sle_desktop.app.session import Session
from sle_desktop.app.study import load_study, study_in_force
from sle_desktop.app.subjects import ARM_LABELS, ARMS
from sle_desktop.domain import labs as lab_rules
from sle_desktop.domain import outcomes, schedule
from sle_desktop.domain.outcomes import SRI4_LABEL
from sle_desktop.domain.text import msg

ENDPOINT_VISIT = "month_6"
"""The primary-endpoint visit at which responder proportions are given."""
COHORT_STATUSES = ("enrolled", "withdrawn", "completed")
"""Subject statuses that have an arm (screened and screen-failed subjects have none)."""
RENAL_TESTS = ("protein_24h", "upcr", "c3", "c4", "anti_dsdna")
"""Lab tests of the renal/serology panels, besides eGFR (computed from creatinine)."""
EGFR_UNIT = "mL/min/1.73 m²"
_NAN = float("nan")


# --------------------------------------------------------------------------- shared pieces

@dataclass(frozen=True)
class VisitWindow:
    """A scheduled visit in study days: earliest ≤ target ≤ latest (equal when the visit has no window)."""

    code: str
    label: str
    earliest_day: int
    target_day: int
    latest_day: int

    @property
    def has_window(self) -> bool:
        return self.latest_day > self.earliest_day


def visit_windows(store=None) -> tuple[VisitWindow, ...]:
    """Scheduled visits from baseline on (screening is a period before day 0), in target order."""
    out = []
    for v in (study_in_force(store) if store is not None else load_study()).visits:
        if not v.scheduled or v.target_day is None or v.code == "screening":
            continue
        w = v.window_days or 0
        out.append(VisitWindow(v.code, v.label, v.target_day - w, v.target_day, v.target_day + w))
    return tuple(sorted(out, key=lambda w: w.target_day))


def _visit_labels(store) -> dict[str, str]:
    return {v.code: v.label for v in study_in_force(store).visits}


def _d(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


# --------------------------------------------------------------------------- one patient

@dataclass
class LabSeries:
    """One lab (or derived) value over time with the laboratory's normal limits per point (NaN = none given)."""

    test: str
    label: str
    unit: str
    day: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=int))
    value: np.ndarray = field(default_factory=lambda: np.zeros(0))
    lln: np.ndarray = field(default_factory=lambda: np.zeros(0))
    uln: np.ndarray = field(default_factory=lambda: np.zeros(0))
    dates: list[date] = field(default_factory=list)
    visit_code: list[str | None] = field(default_factory=list)
    visit_label: list[str | None] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def n(self) -> int:
        return int(self.value.size)


@dataclass(frozen=True)
class AdverseEventMark:
    day: int
    onset_date: date
    term: str
    grade: int
    serious: bool
    relationship: str


@dataclass
class PatientTrends:
    """Everything the patient trend plot shows. Arrays are aligned per assessment (ordered by visit date)."""

    subject_uuid: str
    subject_label: str
    arm: str | None
    status: str
    baseline_date: date | None
    visit_uuid: list[str] = field(default_factory=list)
    visit_code: list[str] = field(default_factory=list)
    visit_label: list[str] = field(default_factory=list)
    visit_date: list[date] = field(default_factory=list)
    window_status: list[str | None] = field(default_factory=list)
    day: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=int))
    score: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=int))
    pga: np.ndarray = field(default_factory=lambda: np.zeros(0))
    change: np.ndarray = field(default_factory=lambda: np.zeros(0))  # NaN where there is no baseline SLEDAI
    sledai4: list[bool | None] = field(default_factory=list)  # None at baseline / without a baseline SLEDAI
    sri4: list[bool | None] = field(default_factory=list)
    flare: list[str | None] = field(default_factory=list)  # SELENA flare (SLEDAI/PGA parts); None for the first
    flare_index: list[str | None] = field(default_factory=list)  # SELENA Flare Index as saved; None first / partial
    flare_reasons: list[tuple[str, ...]] = field(default_factory=list)  # the index's reasons (outcomes.REASONS)
    flare_complete: list[bool] = field(default_factory=list)  # False: recorded before the index (SLEDAI/PGA only)
    flare_shown: list[str | None] = field(default_factory=list)  # the index, else the SLEDAI/PGA parts (partial)
    labs: dict[str, LabSeries] = field(default_factory=dict)  # RENAL_TESTS + "egfr"
    egfr_missing: list[tuple[int, str]] = field(default_factory=list)  # (study day, why not computed)
    windows: tuple[VisitWindow, ...] = ()
    infusion_day: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=int))
    infusion_date: list[date] = field(default_factory=list)
    adverse_events: list[AdverseEventMark] = field(default_factory=list)

    @property
    def n_assessments(self) -> int:
        return len(self.visit_uuid)

    @property
    def has_data(self) -> bool:
        """At least one SLEDAI assessment."""
        return self.n_assessments >= 1

    @property
    def has_trend(self) -> bool:
        """Two or more assessments: something to draw a trend through."""
        return self.n_assessments >= 2

    @property
    def state(self) -> str:
        """"empty" (no assessment), "single" (one) or "trend" (two or more)."""
        return "trend" if self.has_trend else "single" if self.has_data else "empty"


def _subject_row(session: Session, subject_uuid: str) -> dict:
    row = session.store.query_one(
        "SELECT uuid, subject_id, screening_number, arm, status, baseline_date FROM subjects "
        "WHERE uuid = ? AND deleted = 0", (subject_uuid,))
    if row is None:
        raise NotFound(msg("No such subject."))
    return row


def patient_trends(session: Session, subject_uuid: str) -> PatientTrends:
    """The subject's SLEDAI/PGA, derived outcomes, renal labs, eGFR, visit windows, infusions and AEs by study day."""
    session.require("view")
    store = session.store
    subject = _subject_row(session, subject_uuid)
    baseline = _d(subject["baseline_date"])
    out = PatientTrends(subject_uuid, subject["subject_id"] or subject["screening_number"], subject["arm"],
                        subject["status"], baseline, windows=visit_windows(session.store))
    if baseline is None:
        return out
    labels = _visit_labels(session.store)
    rows = store.query(
        "SELECT v.uuid, v.visit_code, v.visit_date, v.window_status, s.score, s.pga, s.flare_index, "
        "s.flare_index_reasons, s.flare_index_complete FROM sledai_assessments s JOIN visits v ON v.uuid = s.visit_uuid "
        "WHERE s.subject_uuid = ? AND s.deleted = 0 AND v.deleted = 0 ORDER BY v.visit_date, v.created_at",
        (subject_uuid,))
    out.visit_uuid = [r["uuid"] for r in rows]
    out.visit_code = [r["visit_code"] for r in rows]
    out.visit_label = [labels.get(r["visit_code"], r["visit_code"]) for r in rows]
    out.visit_date = [date.fromisoformat(r["visit_date"]) for r in rows]
    out.window_status = [r["window_status"] for r in rows]
    out.day = np.array([schedule.study_day(baseline, d) for d in out.visit_date], dtype=int)
    out.score = np.array([r["score"] for r in rows], dtype=int)
    out.pga = np.array([r["pga"] for r in rows], dtype=float)
    base = next((r for r in rows if r["visit_code"] == "baseline"), None)
    change, sledai4, sri4, flare = [], [], [], []
    for i, r in enumerate(rows):
        if base is None:
            change.append(_NAN)
            sledai4.append(None)
            sri4.append(None)
        else:
            change.append(float(outcomes.change_from_baseline(base["score"], r["score"])))
            is_base = r is base
            sledai4.append(None if is_base else outcomes.sledai4_response(base["score"], r["score"]))
            sri4.append(None if is_base else outcomes.sri4_without_bilag(base["score"], r["score"], base["pga"], r["pga"]))
        flare.append(None if i == 0 else outcomes.selena_flare(rows[i - 1]["score"], r["score"],
                                                                rows[i - 1]["pga"], r["pga"]))
    out.change = np.array(change, dtype=float)
    out.sledai4, out.sri4, out.flare = sledai4, sri4, flare
    out.flare_complete = [bool(r["flare_index_complete"]) for r in rows]
    out.flare_index = [r["flare_index"] if r["flare_index_complete"] and i > 0 else None for i, r in enumerate(rows)]
    out.flare_reasons = [tuple(json.loads(r["flare_index_reasons"])) if r["flare_index_complete"] else ()
                         for r in rows]
    out.flare_shown = [fi if complete else sp for fi, complete, sp in zip(out.flare_index, out.flare_complete, flare)]
    out.labs = _patient_labs(session, subject_uuid, baseline, labels, out)
    inf = store.query("SELECT infusion_date FROM infusions WHERE subject_uuid = ? AND deleted = 0 "
                      "ORDER BY infusion_date", (subject_uuid,))
    out.infusion_date = [date.fromisoformat(r["infusion_date"]) for r in inf]
    out.infusion_day = np.array([schedule.study_day(baseline, d) for d in out.infusion_date], dtype=int)
    out.adverse_events = [
        AdverseEventMark(schedule.study_day(baseline, date.fromisoformat(r["onset_date"])),
                         date.fromisoformat(r["onset_date"]), r["term"], r["grade"], bool(r["serious"]), r["relationship"])
        for r in store.query("SELECT onset_date, term, grade, serious, relationship FROM adverse_events "
                             "WHERE subject_uuid = ? AND deleted = 0 ORDER BY onset_date, created_at", (subject_uuid,))
    ]
    return out


def _patient_labs(session: Session, subject_uuid: str, baseline: date, labels: dict, out: PatientTrends) -> dict:
    rows = session.store.query(
        "SELECT l.test, l.value, l.unit, l.lln, l.uln, l.sample_date, l.visit_uuid, v.visit_code "
        "FROM labs l LEFT JOIN visits v ON v.uuid = l.visit_uuid AND v.deleted = 0 "
        f"WHERE l.subject_uuid = ? AND l.deleted = 0 AND l.test IN ({', '.join('?' * (len(RENAL_TESTS) + 1))}) "
        "AND (l.visit_uuid IS NULL OR v.uuid IS NOT NULL) "  # not the labs of a deleted visit
        "ORDER BY l.sample_date, l.created_at",
        (subject_uuid, *RENAL_TESTS, "creatinine"))
    series: dict[str, dict[str, list]] = {}

    def add(test, when, value, lln, uln, code, note=""):
        s = series.setdefault(test, {k: [] for k in ("day", "value", "lln", "uln", "dates", "code", "notes")})
        s["day"].append(schedule.study_day(baseline, when))
        s["value"].append(value)
        s["lln"].append(_NAN if lln is None else lln)
        s["uln"].append(_NAN if uln is None else uln)
        s["dates"].append(when)
        s["code"].append(code)
        s["notes"].append(note)

    for r in rows:
        when = date.fromisoformat(r["sample_date"])
        if r["test"] == "creatinine":
            if r["visit_uuid"] is None or r["visit_code"] is None:
                continue
            egfr, why = visits_uc.visit_egfr(session, r["visit_uuid"])
            if egfr is None:
                out.egfr_missing.append((schedule.study_day(baseline, when), why))
            else:
                add("egfr", when, egfr, None, None, r["visit_code"], why)
        else:
            add(r["test"], when, r["value"], r["lln"], r["uln"], r["visit_code"])
    result = {}
    for test in (*RENAL_TESTS, "egfr"):
        if test == "egfr":
            label, unit = "eGFR (CKD-EPI 2021)", EGFR_UNIT
        else:
            t = lab_rules.lab_test(test)
            label, unit = t.label, t.unit
        s = series.get(test)
        ls = LabSeries(test, label, unit)
        if s:
            ls.day = np.array(s["day"], dtype=int)
            ls.value = np.array(s["value"], dtype=float)
            ls.lln = np.array(s["lln"], dtype=float)
            ls.uln = np.array(s["uln"], dtype=float)
            ls.dates, ls.visit_code, ls.notes = s["dates"], s["code"], s["notes"]
            ls.visit_label = [labels.get(c, c) if c else None for c in s["code"]]
        result[test] = ls
    return result


# --------------------------------------------------------------------------- the arms compared

@dataclass(frozen=True)
class VisitStat:
    """Change from baseline at one scheduled visit in one arm: n, mean, sample SD and SE (None when undefined)."""

    visit_code: str
    label: str
    target_day: int
    n: int
    mean: float | None
    sd: float | None
    se: float | None


@dataclass
class ArmCohort:
    """One arm: per-visit statistics, every subject's trajectory and the month-6 responders."""

    arm: str
    label: str
    n_subjects: int = 0
    visits: list[VisitStat] = field(default_factory=list)
    # Trajectories, concatenated: subject k's points are traj_day[traj_start[k]:traj_start[k + 1]].
    traj_day: np.ndarray = field(default_factory=lambda: np.zeros(0))
    traj_change: np.ndarray = field(default_factory=lambda: np.zeros(0))
    traj_start: np.ndarray = field(default_factory=lambda: np.zeros(1, dtype=int))
    endpoint_n: int = 0
    sri4_responders: int = 0
    sledai4_responders: int = 0

    def stat(self, visit_code: str) -> VisitStat:
        for s in self.visits:
            if s.visit_code == visit_code:
                return s
        raise KeyError(visit_code)

    def trajectories(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """(study days, changes) per subject."""
        st = self.traj_start
        return [(self.traj_day[st[k]:st[k + 1]], self.traj_change[st[k]:st[k + 1]]) for k in range(len(st) - 1)]

    @property
    def connect(self) -> np.ndarray:
        """For one polyline through all trajectories: True where point i joins point i+1 (same subject)."""
        c = np.ones(self.traj_day.size, dtype=bool)
        ends = self.traj_start[1:] - 1
        c[ends[ends >= 0]] = False
        return c

    @property
    def sri4_proportion(self) -> float | None:
        return self.sri4_responders / self.endpoint_n if self.endpoint_n else None

    @property
    def sledai4_proportion(self) -> float | None:
        return self.sledai4_responders / self.endpoint_n if self.endpoint_n else None


@dataclass
class CohortTrends:
    """The arms (in ARMS order, only those selected) with data as of `today`."""

    arms: dict[str, ArmCohort]
    windows: tuple[VisitWindow, ...]
    arm_filter: str | None
    status_filter: str | None
    today: date
    endpoint_visit: str = ENDPOINT_VISIT
    sri4_label: str = SRI4_LABEL

    @property
    def n_subjects(self) -> int:
        return sum(a.n_subjects for a in self.arms.values())

    @property
    def has_data(self) -> bool:
        return self.n_subjects > 0


def _mean_sd_se(values: np.ndarray) -> tuple[float | None, float | None, float | None]:
    n = values.size
    if n == 0:
        return None, None, None
    mean = float(values.mean())
    if n < 2:
        return mean, None, None
    sd = float(values.std(ddof=1))
    return mean, sd, sd / math.sqrt(n)


# The assessment table read for the cohort plots, kept per data version: re-opening the plots or changing the
# arm/status filter reuses it. The key is the store file, the last audit row (every write to clinical data
# adds audit rows, and its hash chains the whole history, so a restored older file never matches) and `today`.
_COHORT_CACHE: dict[tuple, dict[str, np.ndarray]] = {}
_COHORT_CACHE_LOCK = threading.Lock()
_COHORT_CACHE_SIZE = 4


def _cohort_assessments(store, today: date) -> dict[str, np.ndarray]:
    """Every live SLEDAI assessment up to `today` of subjects with an arm and a baseline date, ordered by
    subject then visit date, as columns (subject, arm, status, code, day, score, pga_tenths)."""
    last = store.conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    key = (str(store.path), tuple(last) if last else None, today) if store.path is not None else None
    if key is not None:
        with _COHORT_CACHE_LOCK:
            cached = _COHORT_CACHE.get(key)
        if cached is not None:
            return cached
    cols = _scanned_assessments(store, today)
    if cols is None:  # a value the packed read cannot carry (see there): the plain join gives the same columns
        cols = _joined_assessments(store, today)
    for a in cols.values():
        a.setflags(write=False)  # shared between callers
    if key is not None:
        with _COHORT_CACHE_LOCK:
            while len(_COHORT_CACHE) >= _COHORT_CACHE_SIZE:
                _COHORT_CACHE.pop(next(iter(_COHORT_CACHE)))
            _COHORT_CACHE[key] = cols
    return cols


def _empty_assessments() -> dict[str, np.ndarray]:
    cols = {k: np.zeros(0, dtype=object) for k in ("subject", "arm", "status", "code")}
    cols.update(day=np.zeros(0, dtype=int), score=np.zeros(0), pga_tenths=np.zeros(0, dtype=int))
    return cols


def _joined_assessments(store, today: date) -> dict[str, np.ndarray]:
    """`_cohort_assessments`' columns from the three tables joined by uuid (the reference for the packed read)."""
    rows = store.conn.execute(
        "SELECT sub.uuid, sub.arm, sub.status, sub.baseline_date, v.visit_code, v.visit_date, s.score, s.pga "
        "FROM sledai_assessments s JOIN visits v ON v.uuid = s.visit_uuid JOIN subjects sub ON sub.uuid = s.subject_uuid "
        "WHERE s.deleted = 0 AND v.deleted = 0 AND sub.deleted = 0 AND sub.arm IS NOT NULL "
        "AND sub.baseline_date IS NOT NULL AND v.visit_date <= ? "
        "ORDER BY sub.uuid, v.visit_date, v.created_at", (today.isoformat(),)).fetchall()
    if not rows:
        return _empty_assessments()
    uuids, arms, statuses, base_dates, codes, vdates, scores, pgas = (np.array(c) for c in zip(*rows))
    return {
        "subject": uuids, "arm": arms, "status": statuses, "code": codes,
        "day": (vdates.astype("datetime64[D]") - base_dates.astype("datetime64[D]")).astype(int),
        "score": scores.astype(float), "pga_tenths": np.rint(pgas.astype(float) * 10).astype(int),
    }


# One statement, one row per table: the row count and each needed column as one comma-separated text. Each
# table is scanned once, in file order, with no index lookup per row (the join by uuid cost more than all the
# rest of the cohort plot), and the texts become numpy arrays without a Python object per value.
_SCAN = """
SELECT 'subjects', count(*), group_concat(uuid), group_concat(baseline_date), NULL, group_concat(arm),
       group_concat(status)
FROM subjects WHERE deleted = 0 AND arm IS NOT NULL AND baseline_date IS NOT NULL
UNION ALL
SELECT 'visits', count(*), group_concat(uuid), group_concat(visit_date), group_concat(created_at),
       group_concat(visit_code), NULL
FROM visits WHERE deleted = 0 AND visit_date <= ?
UNION ALL
SELECT 'sledai', count(*), group_concat(visit_uuid), group_concat(subject_uuid), NULL, group_concat(score),
       group_concat(pga)
FROM sledai_assessments WHERE deleted = 0
"""
_COMMA = ord(",")


def _fixed_width(n: int, text: str | None) -> np.ndarray | None:
    """n comma-separated ASCII values all of one width as a bytes array; None when they are not (a value of
    another width, a comma inside a value, a NULL left out by group_concat)."""
    if not text or not text.isascii():
        return None
    raw = text.encode("ascii") + b","
    width = len(raw) // n - 1
    if width < 1 or len(raw) != n * (width + 1):
        return None
    buf = np.frombuffer(raw, dtype=np.uint8)
    # exactly n commas, each at the end of its own fixed-width slot: every value is `width` long
    if np.count_nonzero(buf == _COMMA) != n or not (buf[width::width + 1] == _COMMA).all():
        return None
    return np.ascontiguousarray(np.frombuffer(raw, dtype=[("v", f"S{width}"), ("sep", "S1")])["v"])


def _split(n: int, text: str | None) -> np.ndarray | None:
    parts = text.split(",") if text else []
    return np.array(parts) if len(parts) == n else None


def _numbers(n: int, text: str | None) -> np.ndarray | None:
    try:
        values = np.fromstring(text or "", sep=",")
    except ValueError:  # with warnings as errors, numpy's complaint about unparsed text
        return None
    return values if values.size == n else None


def _keys64(values: np.ndarray) -> np.ndarray:
    """A 64-bit hash of each fixed-width bytes value: equal values, equal keys (unequal ones almost never)."""
    width = values.dtype.itemsize
    raw = np.zeros((values.size, -(-width // 8) * 8), dtype=np.uint8)
    raw[:, :width] = np.frombuffer(values.tobytes(), dtype=np.uint8).reshape(values.size, width)
    key = np.zeros(values.size, dtype=np.uint64)
    for word in raw.view(np.uint64).T:
        key = (key ^ word) * np.uint64(0x100000001B3)  # FNV-style mixing, wrapping at 64 bits
    return key


def _lookup(table: np.ndarray, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each of `wanted`, its index in `table` (distinct values) and whether it is there at all.

    Binary search on 64-bit keys, then the values themselves compared; when two values of the table share a
    key, on the values (slower, the same answer)."""
    keys = _keys64(table)
    order = np.argsort(keys)
    sorted_keys = keys[order]
    if (sorted_keys[1:] == sorted_keys[:-1]).any():
        order = np.argsort(table, kind="stable")
        pos = np.searchsorted(table[order], wanted)
    else:
        pos = np.searchsorted(sorted_keys, _keys64(wanted))
    index = order[np.minimum(pos, table.size - 1)]
    return index, table[index] == wanted


def _scanned_assessments(store, today: date) -> dict[str, np.ndarray] | None:
    """`_joined_assessments`' columns (the same rows in the same order) from one scan of each table, matched by
    uuid in numpy; None when a value does not fit that form (uuids or dates of mixed widths, a comma in a
    code), and the caller joins in SQL instead."""
    got = {r[0]: r[1:] for r in store.conn.execute(_SCAN, (today.isoformat(),))}
    ns, s_uuid, s_base, _s, s_arm, s_status = got["subjects"]
    nv, v_uuid, v_date, v_created, v_code, _v = got["visits"]
    na, a_visit, a_subject, _a, a_score, a_pga = got["sledai"]
    if 0 in (ns, nv, na):
        return _empty_assessments()
    s_uuid, s_base, v_uuid, v_date, v_created, a_visit, a_subject = (
        _fixed_width(n, t) for n, t in ((ns, s_uuid), (ns, s_base), (nv, v_uuid), (nv, v_date), (nv, v_created),
                                        (na, a_visit), (na, a_subject)))
    arms, statuses, codes = _split(ns, s_arm), _split(ns, s_status), _split(nv, v_code)
    scores, pgas = _numbers(na, a_score), _numbers(na, a_pga)
    parts = (s_uuid, s_base, v_uuid, v_date, v_created, a_visit, a_subject, arms, statuses, codes, scores, pgas)
    if any(x is None for x in parts) or not (s_uuid.dtype == v_uuid.dtype == a_visit.dtype == a_subject.dtype):
        return None
    try:
        base_day, visit_day = s_base.astype("datetime64[D]"), v_date.astype("datetime64[D]")
    except ValueError:
        return None
    # each assessment's subject and visit
    si, s_ok = _lookup(s_uuid, a_subject)
    vi, v_ok = _lookup(v_uuid, a_visit)
    found = np.flatnonzero(s_ok & v_ok)
    if found.size == 0:
        return _empty_assessments()
    # ORDER BY subject uuid, visit date, visit creation time; ties in table order, where SQLite's sort leaves them.
    # The creation time (a text) is only compared when a subject has two visits on one day.
    by_text = np.empty(ns, dtype=int)
    by_text[np.argsort(s_uuid, kind="stable")] = np.arange(ns)  # SQLite compares text bytewise, as numpy does
    s_rank, days = by_text[si[found]], visit_day[vi[found]]
    order = np.lexsort((found, days, s_rank))
    same_day = (s_rank[order][1:] == s_rank[order][:-1]) & (days[order][1:] == days[order][:-1])
    if same_day.any():
        order = np.lexsort((found, v_created[vi[found]], days, s_rank))
    found = found[order]
    si, vi = si[found], vi[found]
    return {
        "subject": s_uuid[si], "arm": arms[si], "status": statuses[si], "code": codes[vi],
        "day": (visit_day[vi] - base_day[si]).astype(int),
        "score": scores[found], "pga_tenths": np.rint(pgas[found] * 10).astype(int),
    }


def cohort_trends(session: Session, *, arm: str | None = None, status: str | None = None,
                  today: date | None = None) -> CohortTrends:
    """Change from baseline by arm and scheduled visit (n, mean, SE), trajectories and month-6 responders.

    Subjects count once they have a baseline SLEDAI; assessments after `today` (default: today) are left out.
    One statement scanning the subject, visit and assessment tables (its result kept per data version, so
    re-opening and re-filtering are quick); the statistics are vectorised.
    """
    session.require("view")
    problems = {}
    if arm is not None and arm not in ARMS:
        problems["arm"] = msg("Unknown arm {arm} (use one of: {arms}).", arm=repr(arm), arms=", ".join(ARMS))
    if status is not None and status not in COHORT_STATUSES:
        problems["status"] = msg("Unknown status {status} (use one of: {statuses}).", status=repr(status),
                                 statuses=", ".join(COHORT_STATUSES))
    if problems:
        raise ValidationError(problems)
    today = today or date.today()
    windows = visit_windows(session.store)
    cols = _cohort_assessments(session.store, today)
    keep_rows = np.isin(cols["status"], COHORT_STATUSES if status is None else (status,))
    if arm is not None:
        keep_rows &= cols["arm"] == arm
    arms = {a: ArmCohort(a, ARM_LABELS[a]) for a in ARMS if arm in (None, a)}
    if keep_rows.any():
        uuids, arm_col, codes, day, scores, pga_tenths = (
            cols[k][keep_rows] for k in ("subject", "arm", "code", "day", "score", "pga_tenths"))
        # Subjects are contiguous (ORDER BY sub.uuid): one index per subject.
        new_subject = np.ones(uuids.size, dtype=bool)
        new_subject[1:] = uuids[1:] != uuids[:-1]
        subj = np.cumsum(new_subject) - 1
        n_subj = int(subj[-1]) + 1
        is_base = codes == "baseline"
        base_score = np.full(n_subj, np.nan)
        base_score[subj[is_base]] = scores[is_base]
        base_tenths = np.zeros(n_subj, dtype=int)
        base_tenths[subj[is_base]] = pga_tenths[is_base]
        keep = ~np.isnan(base_score[subj])
        change = scores - base_score[subj]
        subj_arm = arm_col[new_subject]
        at_visit = {w.code: codes == w.code for w in windows}
        for a, cohort in arms.items():
            in_arm = keep & (arm_col == a)
            cohort.n_subjects = int(np.count_nonzero(~np.isnan(base_score) & (subj_arm == a)))
            for w in windows:
                values = change[in_arm & at_visit[w.code]]
                mean, sd, se = _mean_sd_se(values)
                cohort.visits.append(VisitStat(w.code, w.label, w.target_day, int(values.size), mean, sd, se))
            cohort.traj_day = day[in_arm].astype(float)
            cohort.traj_change = change[in_arm]
            starts = np.flatnonzero(new_subject[in_arm])
            cohort.traj_start = np.append(starts, cohort.traj_day.size).astype(int)
            end = in_arm & (codes == ENDPOINT_VISIT)
            drop = -change[end]
            sledai4 = drop >= outcomes.SLEDAI_RESPONSE_POINTS
            pga_rise = pga_tenths[end] - base_tenths[subj[end]]
            cohort.endpoint_n = int(np.count_nonzero(end))
            cohort.sledai4_responders = int(np.count_nonzero(sledai4))
            cohort.sri4_responders = int(np.count_nonzero(sledai4 & (pga_rise < outcomes.SRI4_MAX_PGA_INCREASE_TENTHS)))
    else:
        for cohort in arms.values():
            cohort.visits = [VisitStat(w.code, w.label, w.target_day, 0, None, None, None) for w in windows]
    return CohortTrends(arms, windows, arm, status, today)
