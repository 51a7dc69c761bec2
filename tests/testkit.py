"""Constants and builders shared by tests (import as `from testkit import ...`)."""

import threading
from datetime import date, timedelta

PASSWORD = "correct-horse-battery"
TODAY = date(2026, 6, 1)
LATER = date(2026, 12, 31)  # "today" when recording month-6 visits of a January baseline
BASELINE = date(2026, 1, 20)
_FOURS = ("proteinuria", "hematuria", "urinary_casts", "pyuria", "arthritis", "myositis")
_TWOS = ("rash", "alopecia", "mucosal_ulcers", "pleurisy", "pericarditis", "low_complement", "increased_dna_binding")


def eligible_form(**overrides):
    """A screening form that meets every criterion (consent 2026-01-10)."""
    from sle_desktop.app.subjects import ScreeningForm

    values = dict(
        consent_date=date(2026, 1, 10), consent_version="2.1", screening_date=date(2026, 1, 10),
        full_name="Ivan Petrovich Sidorov", national_id="3120580A001PB1", phone="+375 29 123-45-67",
        address="Minsk, ul. Lenina 1", date_of_birth=date(1980, 5, 5), sex="M",
        acr_criteria=frozenset({"malar_rash", "arthritis", "renal_disorder", "immunologic_disorder", "antinuclear_antibody"}),
        anti_dsdna_positive=True, anti_dsdna_value=120.0, anti_dsdna_uln=25.0,
        sledai_codes=frozenset({"proteinuria", "hematuria", "low_complement"}),
        biopsy_class="IV", biopsy_date=date(2025, 12, 1), proteinuria_g_per_day=1.2, active_sediment=True,
        investigator_confirms_nephritis=True, can_follow_procedures=True,
    )
    values.update(overrides)
    return ScreeningForm(**values)


def codes_for(score: int) -> set[str]:
    """SELENA-SLEDAI descriptors adding up to an even `score` (renal ones first)."""
    from sle_desktop.domain import sledai

    assert score % 2 == 0
    fours = min(score // 4, len(_FOURS))
    codes = set(_FOURS[:fours]) | set(_TWOS[:(score - 4 * fours) // 2])
    assert sledai.score(codes) == score
    return codes


def cohort_subject(session, arm, scores, *, name, withdraw=False) -> str:
    """An enrolled subject with baseline on BASELINE and SLEDAI/PGA per scheduled visit: {code: (score, pga)}."""
    from sle_desktop.app import subjects, visits

    out = subjects.screen_subject(session, eligible_form(full_name=name), today=TODAY)
    subjects.enrol_patient(session, out.subject_uuid, arm=arm, reason="test")
    days = {"baseline": 0, "month_1": 30, "month_3": 91, "month_6": 182}
    for code, (score, pga) in scores.items():
        res = visits.record_visit(session, out.subject_uuid, code, BASELINE + timedelta(days=days[code]), today=LATER)
        visits.save_sledai(session, res.uuid, codes_for(score), pga)
    if withdraw:
        subjects.withdraw_subject(session, out.subject_uuid, reason="moved away")
    return out.subject_uuid


def casebook_subject(session) -> str:
    """An enrolled MSC-arm subject with 10 visits (SLEDAI, PGA and labs at each), a correction with a reason, an SAE,
    an infusion, a con-med, an unscheduled visit entered from a paper CRF, and a signature; returns its UUID."""
    from datetime import datetime, time, timezone

    from sle_desktop.app import safety, signatures, subjects, visits

    out = subjects.screen_subject(session, eligible_form(full_name="Olga Ivanovna Petrova", sex="F",
                                                         national_id="4010190B002PB7"), today=TODAY)
    subjects.enrol_patient(session, out.subject_uuid, arm="msc", reason="investigator decision")
    plan = [("baseline", 0, 14, 2.1), ("month_1", 30, 10, 1.8), ("month_3", 91, 8, 1.2), ("month_6", 182, 4, 0.6)]
    plan += [("unscheduled", day, score, pga) for day, score, pga in
             ((40, 12, 1.5), (60, 10, 1.4), (120, 6, 1.0), (150, 6, 0.9), (160, 4, 0.8), (170, 2, 0.5))]
    visit_uuids = []
    for n, (code, day, score, pga) in enumerate(plan):
        res = visits.record_visit(session, out.subject_uuid, code, BASELINE + timedelta(days=day), today=LATER,
                                  from_paper=(n == 5))
        visits.save_sledai(session, res.uuid, codes_for(score), pga)
        visits.save_labs(session, res.uuid, BASELINE + timedelta(days=day), {
            "platelets": visits.LabEntry(180 + n), "hemoglobin": visits.LabEntry(118 - n, lln=120, uln=160),
            "creatinine": visits.LabEntry(90 + n, lln=44, uln=97)}, today=LATER)
        visit_uuids.append(res.uuid)
    month3 = visits.get_sledai(session, visit_uuids[2])
    visits.save_sledai(session, visit_uuids[2], set(month3.codes) | {"fever"}, 1.2,
                       reason="fever confirmed from the nursing chart")
    signatures.sign_record(session, "sledai_assessments", visits.get_sledai(session, visit_uuids[1]).uuid,
                           password=PASSWORD, meaning="approved")
    signatures.sign_record(session, "sledai_assessments", month3.uuid, password=PASSWORD, meaning="authored")
    visits.save_sledai(session, visit_uuids[2], set(month3.codes), 1.2, reason="fever was drug-induced")
    safety.record_infusion(session, out.subject_uuid, safety.InfusionForm(
        infusion_date=BASELINE + timedelta(days=1), start_time=time(10), end_time=time(11), lot_number="LOT-77",
        cells_per_kg_million=1.0, total_cells=70e6, viability_pct=95, volume_ml=100, weight_kg=70,
        administered_by="Nurse Anna"), visit_uuid=visit_uuids[0], today=LATER)
    safety.record_adverse_event(session, out.subject_uuid, safety.AdverseEventForm(
        term="Pneumonia", onset_date=BASELINE + timedelta(days=20), grade=3, serious=True,
        serious_criteria=("hospitalisation",), relationship="unlikely", action_taken="not_applicable",
        outcome="recovered", aware_at=datetime(2026, 2, 9, 9, tzinfo=timezone.utc)), today=LATER)
    visits.add_con_med(session, out.subject_uuid, drug="Prednisolone", drug_class="corticosteroid",
                       steroid="prednisolone", dose=20, dose_unit="mg", route="oral", frequency="daily",
                       frequency_code="once_daily", start_date=BASELINE, indication="SLE")
    return out.subject_uuid


def old_site_database(path, version: int, fill) -> None:
    """A site database at schema `version` holding data: `fill(store)` writes it with today's code into a
    latest-schema store, then every table the old schema has is copied, column by column it knows.

    (Today's use cases cannot write an old schema directly: they write the columns later migrations add.)
    """
    import sqlite3

    from sle_desktop.store import migrations
    from sle_desktop.store.db import Store

    src_path = path.with_name(path.stem + ".latest.sqlite")
    with Store.open(src_path) as src:
        fill(src)
    old = Store.open(path, migrate=False)
    migrations.migrate(old, target=version)
    old.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("ATTACH DATABASE ? AS src", (str(src_path),))
    tables = [r[0] for r in conn.execute("SELECT name FROM main.sqlite_master WHERE type = 'table' "
                                         "AND name NOT IN ('schema_migrations', 'subject_listing')")]
    with conn:
        for table in tables:
            cols = ", ".join(f'"{r[1]}"' for r in conn.execute(f'PRAGMA main.table_info("{table}")'))
            if table != "audit":  # append-only, and empty in a fresh database anyway
                conn.execute(f'DELETE FROM main."{table}"')
            conn.execute(f'INSERT INTO main."{table}" ({cols}) SELECT {cols} FROM src."{table}"')
    conn.execute("DETACH DATABASE src")
    conn.close()


def vm_steps(conn, work):
    """(SQLite virtual-machine steps `work()` takes on `conn`, in hundreds: a count, not a time; what it returned)."""
    steps = [0]

    def count():
        steps[0] += 1
        return 0

    conn.set_progress_handler(count, 100)
    try:
        result = work()
    finally:
        conn.set_progress_handler(None, 0)
    return steps[0], result


def meet_there(monkeypatch, owner, name: str, *, when=None, after: bool = False) -> None:
    """Replace `owner.name` so that two threads calling it (where `when(*args, **kw)` holds) wait there for each other,
    before the call or, with `after`, after it — 3 s at most, since with a lock the second cannot arrive until the
    first is done."""
    original = getattr(owner, name)
    both = threading.Barrier(2)

    def meet() -> None:
        try:
            both.wait(timeout=3)
        except threading.BrokenBarrierError:
            pass

    def meeting(*args, **kw):
        if when is not None and not when(*args, **kw):
            return original(*args, **kw)
        if not after:
            meet()
            return original(*args, **kw)
        result = original(*args, **kw)
        meet()
        return result

    monkeypatch.setattr(owner, name, meeting)


def side_by_side(work, args) -> None:
    """`work(arg)` for each of `args`, each on its own thread at the same moment; returns when all have ended (2 min
    at most each)."""
    threads = [threading.Thread(target=work, args=(a,)) for a in args]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
