"""Trend data: one patient's values equal the store's; cohort means/SE/n and month-6 responders by hand and at scale."""

import math
import random
import statistics
import uuid as uuidlib
from datetime import date, datetime, time as clock, timedelta, timezone

import numpy as np
import pytest

from testkit import BASELINE, LATER, TODAY, codes_for, cohort_subject, eligible_form
from sle_desktop.app import safety, subjects, trends, visits
from sle_desktop.app.errors import ValidationError
from sle_desktop.app.study import load_study
from sle_desktop.domain import outcomes, renal

def visit_uuid(session, subject_uuid, code):
    return session.store.scalar("SELECT uuid FROM visits WHERE subject_uuid = ? AND visit_code = ?", (subject_uuid, code))


def build_known_patient(session, subject_uuid):
    """Baseline 16/2.0, month 1 12/1.5, month 3 18/2.0 (severe flare), unscheduled 8/2.4; labs, an infusion, AE and SAE."""
    base = visit_uuid(session, subject_uuid, "baseline")
    visits.save_sledai(session, base, codes_for(16), 2.0)
    m1 = visits.record_visit(session, subject_uuid, "month_1", date(2026, 2, 19), today=LATER).uuid  # day 30
    visits.save_sledai(session, m1, codes_for(12), 1.5)
    m3 = visits.record_visit(session, subject_uuid, "month_3", date(2026, 4, 25), today=LATER).uuid  # day 95
    visits.save_sledai(session, m3, codes_for(18), 2.0)
    un = visits.record_visit(session, subject_uuid, "unscheduled", date(2026, 5, 10), today=LATER).uuid  # day 110
    visits.save_sledai(session, un, codes_for(8), 2.4)
    L = visits.LabEntry
    visits.save_labs(session, base, BASELINE, {
        "c3": L(0.7, lln=0.9, uln=1.8), "c4": L(0.08, lln=0.1, uln=0.4), "anti_dsdna": L(120.0, uln=25.0),
        "protein_24h": L(2.5), "upcr": L(1.9), "creatinine": L(100.0)}, today=LATER)
    visits.save_labs(session, m1, date(2026, 2, 19), {
        "c3": L(0.95, lln=0.88, uln=2.0), "c4": L(0.12, lln=0.1, uln=0.4), "anti_dsdna": L(60.0, uln=30.0),
        "protein_24h": L(1200, unit="mg/24 h"), "creatinine": L(1.2, unit="mg/dL")}, today=LATER)
    visits.save_labs(session, m3, date(2026, 4, 24), {"protein_24h": L(0.4), "creatinine": L(80.0)}, today=LATER)
    safety.record_infusion(session, subject_uuid, safety.InfusionForm(
        infusion_date=BASELINE, start_time=clock(10, 0), end_time=clock(10, 40), lot_number="OM-1", cells_per_kg_million=1.0,
        total_cells=7.0e7, viability_pct=92.0, volume_ml=100, weight_kg=70.0, administered_by="Dr A"), visit_uuid=base, today=LATER)
    aware = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)
    safety.record_adverse_event(session, subject_uuid, safety.AdverseEventForm(
        term="Headache", onset_date=date(2026, 2, 1), grade=1, relationship="unlikely", outcome="recovered",
        aware_at=aware), today=LATER)
    safety.record_adverse_event(session, subject_uuid, safety.AdverseEventForm(
        term="Pneumonia", onset_date=date(2026, 3, 1), grade=3, serious=True, serious_criteria=("hospitalisation",),
        relationship="unrelated", outcome="recovering", aware_at=aware), today=LATER)
    return {"baseline": base, "month_1": m1, "month_3": m3, "unscheduled": un}


@pytest.fixture
def known(enrolled):
    session, uuid, sid = enrolled
    return session, uuid, sid, build_known_patient(session, uuid)


def test_patient_assessments_equal_the_store(known):
    session, uuid, sid, v = known
    t = trends.patient_trends(session, uuid)
    stored = session.store.query(
        "SELECT v.visit_code, v.visit_date, s.score, s.pga FROM sledai_assessments s JOIN visits v ON v.uuid = s.visit_uuid "
        "WHERE s.subject_uuid = ? ORDER BY v.visit_date", (uuid,))
    assert t.subject_label == sid and t.arm == "msc" and t.baseline_date == BASELINE
    assert t.state == "trend" and t.has_data and t.has_trend and t.n_assessments == 4
    assert t.visit_code == [r["visit_code"] for r in stored] == ["baseline", "month_1", "month_3", "unscheduled"]
    assert t.visit_uuid == [v["baseline"], v["month_1"], v["month_3"], v["unscheduled"]]
    assert t.day.tolist() == [(date.fromisoformat(r["visit_date"]) - BASELINE).days for r in stored] == [0, 30, 95, 110]
    assert t.score.tolist() == [r["score"] for r in stored] == [16, 12, 18, 8]
    assert t.pga.tolist() == [r["pga"] for r in stored] == [2.0, 1.5, 2.0, 2.4]
    assert t.visit_label[:3] == ["Baseline (day 0)", "Month 1", "Month 3"]
    # Derived outcomes vs baseline (§2): change, SLEDAI-4 (drop >= 4), SRI-4 without BILAG (also PGA rise < 0.3).
    assert t.change.tolist() == [0, -4, 2, -8]
    assert t.sledai4 == [None, True, False, True]
    assert t.sri4 == [None, True, False, False]  # unscheduled: PGA 2.0 -> 2.4 is a rise of 0.4
    # Flare vs the previous assessment: 12 -> 18 (> 12) is severe; PGA 2.0 -> 2.4 is no flare.
    assert t.flare == [None, "none", "severe", "none"]
    for i in range(1, 4):
        assert t.flare[i] == outcomes.selena_flare(int(t.score[i - 1]), int(t.score[i]), t.pga[i - 1], t.pga[i])


def test_patient_labs_with_normal_limits_and_egfr(known):
    session, uuid, _sid, v = known
    t = trends.patient_trends(session, uuid)
    for test in ("c3", "c4", "anti_dsdna", "protein_24h", "upcr"):
        rows = session.store.query(
            "SELECT sample_date, value, lln, uln FROM labs WHERE subject_uuid = ? AND test = ? ORDER BY sample_date", (uuid, test))
        s = t.labs[test]
        assert s.n == len(rows) > 0
        assert s.day.tolist() == [(date.fromisoformat(r["sample_date"]) - BASELINE).days for r in rows]
        assert s.value.tolist() == [r["value"] for r in rows]
        assert [None if math.isnan(x) else x for x in s.lln] == [r["lln"] for r in rows]
        assert [None if math.isnan(x) else x for x in s.uln] == [r["uln"] for r in rows]
    assert t.labs["c3"].lln.tolist() == [0.9, 0.88] and t.labs["c3"].uln.tolist() == [1.8, 2.0]
    assert t.labs["protein_24h"].value.tolist() == pytest.approx([2.5, 1.2, 0.4])  # mg/24 h stored as g/24 h
    assert t.labs["protein_24h"].day.tolist() == [0, 30, 94]  # the month-3 sample was taken the day before the visit
    assert t.labs["protein_24h"].visit_code == ["baseline", "month_1", "month_3"]
    assert t.labs["protein_24h"].unit == "g/24 h" and t.labs["upcr"].unit == "g/g"
    egfr = t.labs["egfr"]
    assert egfr.unit == "mL/min/1.73 m²" and egfr.day.tolist() == [0, 30, 94]
    expected = [visits.visit_egfr(session, v[c])[0] for c in ("baseline", "month_1", "month_3")]
    assert egfr.value.tolist() == pytest.approx(expected)
    # Independently: CKD-EPI 2021 for a man aged 45 (born 1980-05-05), creatinine 100 µmol/L and 1.2 mg/dL.
    assert egfr.value[0] == pytest.approx(renal.egfr_ckd_epi_2021(100 / 88.4, 45, "M"))
    assert egfr.value[1] == pytest.approx(renal.egfr_ckd_epi_2021(1.2, 45, "M"))
    assert "CKD-EPI 2021" in egfr.notes[0] and t.egfr_missing == []


def test_patient_windows_infusions_and_adverse_events(known):
    session, uuid, _sid, _v = known
    t = trends.patient_trends(session, uuid)
    expected = {v.code: v for v in load_study().visits if v.scheduled and v.code != "screening"}
    assert [w.code for w in t.windows] == ["baseline", "month_1", "month_3", "month_6"] == list(expected)
    for w in t.windows:
        width = expected[w.code].window_days or 0
        assert (w.earliest_day, w.target_day, w.latest_day) == (
            expected[w.code].target_day - width, expected[w.code].target_day, expected[w.code].target_day + width)
    assert [(w.earliest_day, w.latest_day) for w in t.windows] == [(0, 0), (23, 37), (77, 105), (168, 196)]
    assert t.infusion_day.tolist() == [0] and t.infusion_date == [BASELINE]
    assert [(a.day, a.term, a.serious, a.grade) for a in t.adverse_events] == [(12, "Headache", False, 1), (40, "Pneumonia", True, 3)]


def test_empty_one_visit_and_unenrolled_patients_say_so(investigator, enrolled):
    session, uuid, _sid = enrolled
    t = trends.patient_trends(session, uuid)
    assert (t.state, t.n_assessments, t.has_data, t.has_trend) == ("empty", 0, False, False)
    assert t.day.size == 0 and all(s.n == 0 for s in t.labs.values()) and t.windows  # windows still known
    visits.save_sledai(session, visit_uuid(session, uuid, "baseline"), codes_for(10), 1.0)
    t = trends.patient_trends(session, uuid)
    assert (t.state, t.n_assessments, t.has_data, t.has_trend) == ("single", 1, True, False)
    assert t.change.tolist() == [0] and t.flare == [None] and t.sri4 == [None]
    screened = subjects.screen_subject(investigator, eligible_form(full_name="Anna Ivanova"), today=TODAY)
    t = trends.patient_trends(investigator, screened.subject_uuid)
    assert t.state == "empty" and t.baseline_date is None and t.subject_label.startswith("BY01-S")


def test_patient_without_baseline_sledai_has_no_change(enrolled):
    session, uuid, _sid = enrolled
    m1 = visits.record_visit(session, uuid, "month_1", date(2026, 2, 19), today=LATER).uuid
    visits.save_sledai(session, m1, codes_for(10), 1.0)
    t = trends.patient_trends(session, uuid)
    assert t.n_assessments == 1 and math.isnan(t.change[0]) and t.sledai4 == [None] and t.sri4 == [None]


def test_monitor_can_read_trends_but_unknown_subject_is_refused(known, monitor):
    _session, uuid, _sid, _v = known
    assert trends.patient_trends(monitor, uuid).n_assessments == 4
    from sle_desktop.app.errors import NotFound

    with pytest.raises(NotFound):
        trends.patient_trends(monitor, str(uuidlib.uuid4()))


# --------------------------------------------------------------------------- cohort, by hand

@pytest.fixture
def small_cohort(investigator):
    s = investigator
    cohort_subject(s, "msc", {"baseline": (16, 2.0), "month_1": (12, 1.5), "month_3": (10, 1.0), "month_6": (6, 1.0)}, name="A A")
    cohort_subject(s, "msc", {"baseline": (12, 1.5), "month_1": (12, 1.5), "month_3": (8, 2.0), "month_6": (10, 1.8)}, name="B B")
    cohort_subject(s, "msc", {"baseline": (20, 2.0), "month_1": (14, 2.4), "month_6": (16, 2.3)}, name="C C")
    cohort_subject(s, "standard", {"baseline": (10, 1.0), "month_1": (8, 1.0)}, name="D D")
    cohort_subject(s, "standard", {"baseline": (8, 1.2)}, name="E E", withdraw=True)
    cohort_subject(s, "standard", {}, name="F F")  # enrolled, no visit yet: not counted
    subjects.screen_subject(s, eligible_form(full_name="G G", needs_dialysis=True), today=TODAY)  # screen failure
    return s


def test_cohort_means_se_and_n_by_hand(small_cohort):
    c = trends.cohort_trends(small_cohort, today=LATER)
    msc, std = c.arms["msc"], c.arms["standard"]
    assert list(c.arms) == ["msc", "standard"] and (msc.n_subjects, std.n_subjects) == (3, 2) and c.n_subjects == 5
    # MSC month 1: changes -4, 0, -6 -> mean -10/3, SD sqrt(28/3), SE sqrt(28/3)/sqrt(3) = sqrt(28)/3.
    m1 = msc.stat("month_1")
    assert (m1.n, m1.target_day) == (3, 30)
    assert m1.mean == pytest.approx(-10 / 3) and m1.sd == pytest.approx(math.sqrt(28 / 3))
    assert m1.se == pytest.approx(math.sqrt(28) / 3)
    # MSC month 3: -6, -4 -> mean -5, SD sqrt(2), SE exactly 1.
    m3 = msc.stat("month_3")
    assert (m3.n, m3.mean, m3.se) == (2, pytest.approx(-5.0), pytest.approx(1.0))
    m6 = msc.stat("month_6")
    assert m6.n == 3 and m6.mean == pytest.approx(statistics.mean([-10, -2, -4]))
    assert m6.se == pytest.approx(statistics.stdev([-10, -2, -4]) / math.sqrt(3))
    base = msc.stat("baseline")
    assert (base.n, base.mean, base.se) == (3, 0.0, 0.0)
    # Standard: one subject with month 1 -> mean -2, SE undefined; none at month 3/6.
    s1 = std.stat("month_1")
    assert (s1.n, s1.mean, s1.sd, s1.se) == (1, -2.0, None, None)
    assert std.stat("month_6") == trends.VisitStat("month_6", "Month 6 (primary endpoint)", 182, 0, None, None, None)
    assert std.stat("baseline").n == 2


def test_cohort_month6_responders_and_trajectories(small_cohort):
    c = trends.cohort_trends(small_cohort, today=LATER)
    msc, std = c.arms["msc"], c.arms["standard"]
    # Month 6: A -10 with PGA 2.0 -> 1.0 (SRI-4 yes), B -2 (no), C -4 but PGA 2.0 -> 2.3 (+0.3: SLEDAI-4 yes, SRI-4 no).
    assert (msc.endpoint_n, msc.sri4_responders, msc.sledai4_responders) == (3, 1, 2)
    assert msc.sri4_proportion == pytest.approx(1 / 3) and msc.sledai4_proportion == pytest.approx(2 / 3)
    assert (std.endpoint_n, std.sri4_proportion, std.sledai4_proportion) == (0, None, None)
    assert c.sri4_label == "SRI-4 (without BILAG)" and c.endpoint_visit == "month_6"
    trajectories = sorted((d.tolist(), ch.tolist()) for d, ch in msc.trajectories())
    assert trajectories == sorted([([0, 30, 91, 182], [0, -4, -6, -10]), ([0, 30, 91, 182], [0, 0, -4, -2]),
                                   ([0, 30, 182], [0, -6, -4])])
    # One polyline per arm: no segment joins two subjects.
    assert msc.connect.tolist().count(False) == 3 and not msc.connect[-1]
    assert sorted((d.tolist(), ch.tolist()) for d, ch in std.trajectories()) == [([0], [0]), ([0, 30], [0, -2])]


def test_cohort_filters_and_cut_off(small_cohort):
    msc_only = trends.cohort_trends(small_cohort, arm="msc", today=LATER)
    assert list(msc_only.arms) == ["msc"] and msc_only.arm_filter == "msc"
    enrolled = trends.cohort_trends(small_cohort, status="enrolled", today=LATER)
    assert enrolled.arms["standard"].n_subjects == 1 and enrolled.arms["msc"].n_subjects == 3
    withdrawn = trends.cohort_trends(small_cohort, status="withdrawn", today=LATER)
    assert (withdrawn.arms["msc"].n_subjects, withdrawn.arms["standard"].n_subjects) == (0, 1)
    # Data as of 2026-05-01: month-6 visits (2026-07-21) are not there yet.
    early = trends.cohort_trends(small_cohort, today=date(2026, 5, 1))
    assert early.arms["msc"].stat("month_6").n == 0 and early.arms["msc"].endpoint_n == 0
    assert early.arms["msc"].stat("month_3").n == 2
    with pytest.raises(ValidationError):
        trends.cohort_trends(small_cohort, arm="placebo")
    with pytest.raises(ValidationError):
        trends.cohort_trends(small_cohort, status="screened")


def test_empty_site_cohort(investigator):
    c = trends.cohort_trends(investigator, today=LATER)
    assert not c.has_data and all(s.n == 0 and s.mean is None for a in c.arms.values() for s in a.visits)
    assert all(a.trajectories() == [] and a.connect.size == 0 for a in c.arms.values())


# --------------------------------------------------------------------------- cohort at 10 000 subjects

def _bulk_cohort(store, n_subjects: int, seed: int):
    """Insert subjects with baseline..month-6 SLEDAI straight into the tables (a read-only use case is under test).

    Returns {arm: [(days, scores, pgas, codes)]} for the reference computation.
    """
    rng = random.Random(seed)
    now = "2026-01-01T00:00:00Z"
    subj, vis, ass, truth = [], [], [], {"msc": [], "standard": []}
    seq = 0
    for k in range(n_subjects):
        su = str(uuidlib.uuid4())
        arm = "msc" if rng.random() < 0.5 else "standard"
        base = date(2025, 1, 1) + timedelta(days=rng.randint(0, 300))
        seq += 1
        subj.append((su, seq, now, "bench", f"BY01-S{k:05d}", f"BY01-{k:05d}", "enrolled", arm, base.isoformat()))
        n_visits = rng.choice((1, 2, 3, 4, 4, 4))
        codes = ("baseline", "month_1", "month_3", "month_6")[:n_visits]
        offsets = (0, 30, 91, 182)
        rows = []
        for code, off in zip(codes, offsets):
            day = off + (rng.randint(-10, 10) if off else 0)
            score, pga = rng.randint(0, 40), round(rng.uniform(0, 3), 1)
            vu, au = str(uuidlib.uuid4()), str(uuidlib.uuid4())
            seq += 1
            vis.append((vu, seq, now, "bench", su, code, (base + timedelta(days=day)).isoformat()))
            seq += 1
            ass.append((au, seq, now, "bench", su, vu, score, 0, pga))
            rows.append((day, score, pga, code))
        truth[arm].append(rows)
    with store.transaction() as conn:
        conn.executemany("INSERT INTO subjects (uuid, change_seq, created_at, created_by, screening_number, subject_id, "
                         "status, arm, baseline_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", subj)
        conn.executemany("INSERT INTO visits (uuid, change_seq, created_at, created_by, subject_uuid, visit_code, visit_date) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?)", vis)
        conn.executemany("INSERT INTO sledai_assessments (uuid, change_seq, created_at, created_by, subject_uuid, visit_uuid, "
                         "score, renal_score, pga) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", ass)
    return truth


def test_cohort_at_10000_subjects_reads_whole_tables_and_matches_a_per_subject_reference(investigator):
    truth = _bulk_cohort(investigator.store, 10_000, seed=5)
    statements = []
    investigator.store.conn.set_trace_callback(statements.append)
    try:
        c = trends.cohort_trends(investigator, today=LATER)
    finally:
        investigator.store.conn.set_trace_callback(None)
    # whole-table queries (study definition, data version, assessments), never one per subject; speed is
    # measured by `sle-desktop bench`
    assert len(statements) <= 4, statements
    for arm, subjects_rows in truth.items():
        cohort = c.arms[arm]
        assert cohort.n_subjects == len(subjects_rows)
        for code in ("month_1", "month_3", "month_6"):
            changes = [s for rows in subjects_rows for (_d, s, _p, k) in rows if k == code]
            base = [rows[0][1] for rows in subjects_rows for (_d, _s, _p, k) in rows if k == code]
            diffs = [a - b for a, b in zip(changes, base)]
            st = cohort.stat(code)
            assert st.n == len(diffs)
            assert st.mean == pytest.approx(statistics.mean(diffs))
            assert st.se == pytest.approx(statistics.stdev(diffs) / math.sqrt(len(diffs)))
        end = [(rows[0], rows[3]) for rows in subjects_rows if len(rows) == 4]
        assert cohort.endpoint_n == len(end)
        assert cohort.sri4_responders == sum(outcomes.sri4_without_bilag(b[1], m[1], b[2], m[2]) for b, m in end)
        assert cohort.sledai4_responders == sum(outcomes.sledai4_response(b[1], m[1]) for b, m in end)
        assert sorted(len(d) for d, _ in cohort.trajectories()) == sorted(len(rows) for rows in subjects_rows)
        assert np.array_equal(np.sort(cohort.traj_day[cohort.traj_start[:-1]]), np.zeros(len(subjects_rows)))


def test_cohort_cache_follows_every_write_and_each_filter(tmp_path):
    """The assessments kept between calls are re-read after any write; filters never mix up cached rows."""
    from sle_desktop.app import demo, site
    from sle_desktop.store.db import Store

    with Store.open(tmp_path / "site.sqlite") as store:
        demo.make_demo(store, subjects_count=30, seed=4, today=TODAY)
        session = site.login(store, demo.DEMO_USERS[0][0], demo.DEMO_PASSWORD)
        trends._COHORT_CACHE.clear()
        first = trends.cohort_trends(session, today=TODAY)
        assert len(trends._COHORT_CACHE) == 1
        # every filter, served from the kept rows, equals a computation from a cold read
        for arm in (None, *subjects.ARMS):
            for status in (None, *trends.COHORT_STATUSES):
                warm = trends.cohort_trends(session, arm=arm, status=status, today=TODAY)
                trends._COHORT_CACHE.clear()
                cold = trends.cohort_trends(session, arm=arm, status=status, today=TODAY)
                assert warm.n_subjects == cold.n_subjects
                for a in cold.arms:
                    assert [(s.n, s.mean, s.se) for s in warm.arms[a].visits] == \
                           [(s.n, s.mean, s.se) for s in cold.arms[a].visits]
                    assert np.array_equal(warm.arms[a].traj_change, cold.arms[a].traj_change)
        # a correction of one baseline SLEDAI changes the statistics at once
        row = store.query_one(
            "SELECT s.uuid AS subject, v.uuid AS visit FROM subjects s JOIN visits v ON v.subject_uuid = s.uuid "
            "JOIN sledai_assessments a ON a.visit_uuid = v.uuid WHERE v.visit_code = 'baseline' AND s.arm IS NOT NULL "
            "AND s.status = 'enrolled' AND EXISTS (SELECT 1 FROM visits m WHERE m.subject_uuid = s.uuid "
            "AND m.visit_code = 'month_1' AND m.deleted = 0) LIMIT 1")
        arm = store.scalar("SELECT arm FROM subjects WHERE uuid = ?", (row["subject"],))
        before = first.arms[arm].stat("month_1").mean
        current = visits.get_sledai(session, row["visit"])
        visits.save_sledai(session, row["visit"], set(current.codes) | {"seizure"} if "seizure" not in
                           current.codes else set(current.codes) - {"seizure"}, current.pga,
                           reason="transcription error")
        after = trends.cohort_trends(session, today=TODAY).arms[arm].stat("month_1").mean
        assert after != pytest.approx(before)


# --------------------------------------------------------------------------- the packed read vs the plain join

def _same_columns(fast, joined):
    assert fast is not None, "the packed read fell back although every value fits it"
    assert set(fast) == set(joined)
    for key in joined:
        a = fast[key].astype(str) if key == "subject" else fast[key]
        assert a.shape == joined[key].shape, key
        assert np.array_equal(a, joined[key]), key


def _same_cohort(a, b):
    assert list(a.arms) == list(b.arms)
    for arm in a.arms:
        x, y = a.arms[arm], b.arms[arm]
        assert (x.n_subjects, x.endpoint_n, x.sri4_responders, x.sledai4_responders) == \
               (y.n_subjects, y.endpoint_n, y.sri4_responders, y.sledai4_responders)
        assert x.visits == y.visits
        for field in ("traj_day", "traj_change", "traj_start"):
            assert np.array_equal(getattr(x, field), getattr(y, field)), (arm, field)


@pytest.fixture
def edge_case_site(tmp_path):
    """A demo site plus what the cohort read must get right: missing visits, a withdrawn subject, corrected and
    deleted assessments, a deleted visit and subject, a visit without SLEDAI, two visits of a subject on one
    day, visits after the cut-off and screen failures (no arm)."""
    from sle_desktop.app import demo, site
    from sle_desktop.store.db import Store

    store = Store.open(tmp_path / "site.sqlite")
    demo.make_demo(store, subjects_count=40, seed=9, today=TODAY)
    s = site.login(store, demo.DEMO_USERS[0][0], demo.DEMO_PASSWORD)
    gap = cohort_subject(s, "msc", {"baseline": (14, 1.5), "month_6": (6, 1.0)}, name="Gap Gap")  # no month 1/3
    cohort_subject(s, "standard", {"baseline": (10, 1.1), "month_1": (6, 0.9)}, name="Left Early", withdraw=True)
    cohort_subject(s, "standard", {"baseline": (12, 1.3)}, name="Only Baseline")
    cohort_subject(s, "msc", {}, name="No Visit")
    twice = cohort_subject(s, "msc", {"baseline": (18, 2.0), "month_1": (12, 1.4)}, name="Same Day")
    same_day = visits.record_visit(s, twice, "unscheduled", BASELINE + timedelta(days=30), today=LATER).uuid
    visits.save_sledai(s, same_day, codes_for(8), 1.2)
    visits.record_visit(s, gap, "unscheduled", BASELINE + timedelta(days=60), today=LATER)  # no SLEDAI entered
    # corrections of two assessments (a baseline one among them)
    for code in ("baseline", "month_1"):
        v = store.scalar("SELECT v.uuid FROM visits v JOIN sledai_assessments a ON a.visit_uuid = v.uuid "
                         "WHERE v.visit_code = ? ORDER BY v.uuid LIMIT 1", (code,))
        current = visits.get_sledai(s, v)
        visits.save_sledai(s, v, set(current.codes) ^ {"fever"}, current.pga, reason="transcription error")
    # deleted records (as a sync replay or a data-management fix leaves them): an assessment, a visit whose
    # assessment is still live, a subject with all its data
    withs = store.query("SELECT a.uuid AS a, v.uuid AS v, a.subject_uuid AS s FROM sledai_assessments a "
                        "JOIN visits v ON v.uuid = a.visit_uuid WHERE v.visit_code = 'month_3' ORDER BY a.uuid LIMIT 3")
    with store.transaction() as conn:
        conn.execute("UPDATE sledai_assessments SET deleted = 1 WHERE uuid = ?", (withs[0]["a"],))
        conn.execute("UPDATE visits SET deleted = 1 WHERE uuid = ?", (withs[1]["v"],))
        conn.execute("UPDATE subjects SET deleted = 1 WHERE uuid = ?", (withs[2]["s"],))
    assert store.scalar("SELECT count(*) FROM subjects WHERE arm IS NULL") > 0  # screen failures are there
    assert store.scalar("SELECT count(*) FROM subjects WHERE status = 'withdrawn' AND arm IS NOT NULL") > 0
    yield s
    store.close()


@pytest.mark.parametrize("today", [BASELINE + timedelta(days=45), TODAY, LATER])
def test_packed_cohort_read_equals_the_plain_join(edge_case_site, today):
    store = edge_case_site.store
    fast, joined = trends._scanned_assessments(store, today), trends._joined_assessments(store, today)
    _same_columns(fast, joined)
    assert joined["subject"].size > 50
    # the subject with two visits on one day is in, in the join's order
    assert len({(s, d) for s, d in zip(joined["subject"], joined["day"])}) < joined["subject"].size


def test_cohort_trends_equal_through_either_read(edge_case_site, monkeypatch):
    trends._COHORT_CACHE.clear()
    packed = [trends.cohort_trends(edge_case_site, arm=arm, status=status, today=LATER)
              for arm in (None, *subjects.ARMS) for status in (None, *trends.COHORT_STATUSES)]
    trends._COHORT_CACHE.clear()
    monkeypatch.setattr(trends, "_scanned_assessments", lambda store, today: None)
    plain = [trends.cohort_trends(edge_case_site, arm=arm, status=status, today=LATER)
             for arm in (None, *subjects.ARMS) for status in (None, *trends.COHORT_STATUSES)]
    trends._COHORT_CACHE.clear()
    for a, b in zip(packed, plain):
        _same_cohort(a, b)


def test_a_value_the_packed_read_cannot_carry_falls_back_to_the_join(edge_case_site):
    """A uuid of another width (say, from an older tool) or a comma in a visit code: the same result, by the join."""
    store = edge_case_site.store
    now = "2026-01-01T00:00:00Z"
    with store.transaction() as conn:
        conn.execute("INSERT INTO subjects (uuid, change_seq, created_at, created_by, screening_number, subject_id, "
                     "status, arm, baseline_date) VALUES ('legacy-1', 1, ?, 'test', 'BY01-S-L1', 'BY01-L1', 'enrolled', "
                     "'msc', ?)", (now, BASELINE.isoformat()))
        for n, (code, day, score) in enumerate((("baseline", 0, 12), ("month_1", 30, 7))):
            conn.execute("INSERT INTO visits (uuid, change_seq, created_at, created_by, subject_uuid, visit_code, "
                         "visit_date) VALUES (?, 1, ?, 'test', 'legacy-1', ?, ?)",
                         (f"legacy-v{n}", now, code, (BASELINE + timedelta(days=day)).isoformat()))
            conn.execute("INSERT INTO sledai_assessments (uuid, change_seq, created_at, created_by, subject_uuid, "
                         "visit_uuid, score, renal_score, pga) VALUES (?, 1, ?, 'test', 'legacy-1', ?, ?, 0, 1.0)",
                         (f"legacy-a{n}", now, f"legacy-v{n}", score))
    assert trends._scanned_assessments(store, LATER) is None
    trends._COHORT_CACHE.clear()
    c = trends.cohort_trends(edge_case_site, today=LATER)
    joined = trends._joined_assessments(store, LATER)
    assert "legacy-1" in set(joined["subject"].tolist())
    assert c.arms["msc"].n_subjects == len({s for s, a, k in zip(joined["subject"], joined["arm"], joined["code"])
                                            if a == "msc" and k == "baseline"})
    with store.transaction() as conn:
        conn.execute("DELETE FROM sledai_assessments WHERE subject_uuid = 'legacy-1'")
        conn.execute("DELETE FROM visits WHERE subject_uuid = 'legacy-1'")
        conn.execute("DELETE FROM subjects WHERE uuid = 'legacy-1'")
        conn.execute("UPDATE visits SET visit_code = 'month_1,late' WHERE uuid = (SELECT uuid FROM visits "
                     "WHERE visit_code = 'month_1' ORDER BY uuid LIMIT 1)")
    assert trends._scanned_assessments(store, LATER) is None
    trends._COHORT_CACHE.clear()
    assert trends.cohort_trends(edge_case_site, today=LATER).n_subjects == c.n_subjects - 1


def test_uuid_lookup_by_key_and_by_value_agree():
    rng = np.random.default_rng(3)
    table = np.array([str(uuidlib.UUID(int=int(rng.integers(2**62)) << 64 | k)).encode() for k in range(500)])
    wanted = np.concatenate([table[rng.permutation(500)[:300]], np.array([b"0" * 36, table[7][::-1]])])
    index, found = trends._lookup(table, wanted)
    assert found.tolist() == [True] * 300 + [False, False]
    assert np.array_equal(table[index[found]], wanted[found])
    # a table whose keys collide (here: a repeated value) is searched by value, with the same answer
    doubled = np.concatenate([table, table[:1]])
    index2, found2 = trends._lookup(doubled, wanted)
    assert found2.tolist() == found.tolist() and np.array_equal(doubled[index2[found2]], wanted[found2])
