"""A synthetic site for training, tests and benchmarks: deterministic by seed, built through the use cases."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sle_desktop.app import safety, site, subjects, visits
from sle_desktop.app.errors import SetupError
from sle_desktop.app.session import Session
from sle_desktop.domain import acr1997, sledai
from sle_desktop.domain.text import msg
from sle_desktop.store import records

DEMO_PASSWORD = "demo-password"  # every demo account; shown on the demo log-in screen
DEMO_USERS = (
    ("demo.investigator", "Dr Alena Kovalenko", "investigator"),
    ("demo.coordinator", "Maria Sidorova", "coordinator"),
    ("demo.monitor", "Pavel Monitorov", "monitor"),
)
_FIRST = ("Anna", "Olga", "Irina", "Tatiana", "Natalia", "Elena", "Svetlana", "Yulia", "Darya", "Alexei",
          "Sergei", "Dmitri", "Ivan", "Pavel", "Viktoria", "Ksenia", "Marina", "Andrei", "Oksana", "Vera")
_LAST = ("Ivanova", "Petrova", "Sidorova", "Kuznetsova", "Smirnova", "Novik", "Kovalchuk", "Marchenko",
         "Zhuk", "Lukashevich", "Belova", "Moroz", "Shevchuk", "Kravets", "Volkova", "Yakovleva")
_AE_TERMS = ("Headache", "Nausea", "Upper respiratory tract infection", "Fatigue", "Infusion-related fever",
             "Urinary tract infection", "Herpes zoster", "Anaemia", "Pneumonia", "Diarrhoea")
_RENAL = ("urinary_casts", "hematuria", "proteinuria", "pyuria")


class NotADemo(SetupError):
    """Demo data was to be added to a real site's database."""


@dataclass(frozen=True)
class DemoSummary:
    subjects: int
    enrolled: int
    screen_failures: int
    visits: int
    adverse_events: int


def _sledai_codes(rng: random.Random, target: int) -> set[str]:
    """Descriptors adding up to roughly `target`, weighted toward renal disease (a nephritis population)."""
    codes: set[str] = set()
    renal = list(_RENAL)
    rng.shuffle(renal)
    for code in renal:
        if sledai.score(codes) + 4 <= target:
            codes.add(code)
    others = [d.code for d in sledai.DESCRIPTORS if d.weight <= 4 and d.code not in _RENAL]
    rng.shuffle(others)
    for code in others:
        if sledai.score(codes | {code}) <= target:
            codes.add(code)
    return codes


DEMO_BATCH = 50
"""Subjects written per transaction: one commit (fsync, synchronous=FULL) per subject doubled the build time."""


def make_demo(store, *, subjects_count: int = 40, seed: int = 1, today: date | None = None,
              site_code: str = "BY01", site_name: str = "Demo site (synthetic data)",
              visits_per_subject: int | None = None) -> DemoSummary:
    """Create (or extend) a demo site: both arms, visits on schedule, SLEDAI trajectories, labs, AEs, infusions.

    `visits_per_subject` (4-10; benchmarks): every enrolled subject has completed follow-up (consent
    225-330 days before `today`, so all four scheduled visits are on file) and gets
    `visits_per_subject - 4` unscheduled visits (with labs and SLEDAI) after baseline, month 1 and month 3.
    None (the default) keeps the original generator: the same data for the same seed.
    """
    if visits_per_subject is not None and not 4 <= visits_per_subject <= 10:
        raise ValueError("visits_per_subject must be between 4 and 10")
    rng = random.Random(seed)
    today = today or date.today()
    if site.is_set_up(store):
        admin = site.cli_session(store)
        if not site.is_demo(store):
            raise NotADemo(msg("This database holds a real site, not a demo; demo data is never added to it. "
                               "Nothing was changed."))
        fresh = False
    else:
        admin = site.create_site(store, code=site_code, name=site_name, admin_username="demo.admin",
                                 admin_name="Demo Administrator", admin_password=DEMO_PASSWORD, demo=True)
        for username, name, role in DEMO_USERS:
            site.create_user(admin, username=username, display_name=name, role=role, password=DEMO_PASSWORD)
        fresh = True
    inv = Session(store, "demo.investigator", "Dr Alena Kovalenko", "investigator", admin.data_key)
    counts = {"enrolled": 0, "failed": 0, "visits": 0, "aes": 0}
    extra = None if visits_per_subject is None else visits_per_subject - 4
    for start in range(0, subjects_count, DEMO_BATCH):
        with store.transaction():
            for _n in range(start, min(start + DEMO_BATCH, subjects_count)):
                _one_subject(inv, rng, today, counts, extra)
    if fresh:
        _sign_some(store)
    return DemoSummary(subjects_count, counts["enrolled"], counts["failed"], counts["visits"], counts["aes"])


def _sign_some(store) -> None:
    """Every signature path visible in the demo: an assessment authored, reviewed and approved; one approved and
    then corrected (invalidated by the change)."""
    from sle_desktop.app import signatures

    rows = store.query("SELECT uuid, subject_uuid FROM sledai_assessments ORDER BY change_seq LIMIT 2")
    if not rows:
        return
    coordinator = site.login(store, "demo.coordinator", DEMO_PASSWORD)
    investigator = site.login(store, "demo.investigator", DEMO_PASSWORD)
    first = rows[0]["uuid"]
    signatures.sign_record(coordinator, "sledai_assessments", first, password=DEMO_PASSWORD, meaning="authored")
    signatures.sign_record(coordinator, "sledai_assessments", first, password=DEMO_PASSWORD, meaning="reviewed")
    signatures.sign_record(investigator, "sledai_assessments", first, password=DEMO_PASSWORD, meaning="approved")
    if len(rows) > 1:
        second = rows[1]["uuid"]
        signatures.sign_record(investigator, "sledai_assessments", second, password=DEMO_PASSWORD, meaning="approved")
        current = store.query_one("SELECT pga FROM sledai_assessments WHERE uuid = ?", (second,))
        records.update(store, "sledai_assessments", second, {"pga": round(min(3.0, current["pga"] + 0.1), 1)},
                       user="demo.investigator", reason="PGA transcription corrected (demo: invalidates the approval)")


def _one_subject(inv: Session, rng: random.Random, today: date, counts: dict, extra: int | None = None) -> None:
    sex = "F" if rng.random() < 0.85 else "M"  # SLE is mostly a disease of women
    consent = today - timedelta(days=rng.randint(10, 330) if extra is None else rng.randint(225, 330))
    age = rng.randint(18, 72)
    dob = consent - timedelta(days=age * 365 + rng.randint(30, 330))
    eligible = rng.random() < 0.85
    screening_sledai = rng.randint(8, 22) if eligible else rng.randint(2, 12)
    codes = _sledai_codes(rng, screening_sledai)
    first = rng.choice(_FIRST)
    form = subjects.ScreeningForm(
        consent_date=consent, consent_version="2.1", screening_date=consent,
        full_name=f"{first} {rng.choice(_LAST)}", national_id=f"{rng.randint(1000000, 9999999)}A{rng.randint(100, 999)}PB{rng.randint(1, 9)}",
        phone=f"+375 29 {rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}", address=f"Minsk, ul. Lenina {rng.randint(1, 200)}",
        date_of_birth=dob, sex=sex, childbearing_potential=sex == "F" and age < 50,
        pregnancy_test=("negative" if sex == "F" and age < 50 else None),
        acr_criteria=frozenset(rng.sample(acr1997.CRITERIA, rng.randint(4, 8) if eligible else rng.randint(2, 6))),
        anti_dsdna_positive=eligible or rng.random() < 0.5, anti_dsdna_value=round(rng.uniform(40, 400), 1), anti_dsdna_uln=25.0,
        sledai_codes=frozenset(codes), biopsy_class=rng.choice(("III", "IV", "V", "IV+V")),
        biopsy_date=consent - timedelta(days=rng.randint(5, 300)), proteinuria_g_per_day=round(rng.uniform(0.6, 4.5), 2),
        active_sediment=True, investigator_confirms_nephritis=True, can_follow_procedures=True,
        chronic_infection=not eligible and rng.random() < 0.3, infection_details="Hepatitis B (HBsAg positive)",
    )
    outcome = subjects.screen_subject(inv, form, today=today)
    if not outcome.eligible:
        counts["failed"] += 1
        return
    arm = "msc" if rng.random() < 0.5 else "standard"
    subjects.enrol_patient(inv, outcome.subject_uuid, arm=arm, reason="Investigator's allocation per protocol (non-randomised)")
    counts["enrolled"] += 1
    baseline = consent + timedelta(days=rng.randint(3, 25))
    if baseline > today:
        return
    uuid_ = outcome.subject_uuid
    score = sledai.score(codes)
    pga = round(rng.uniform(1.2, 2.6), 1)
    improvement = 0.55 if arm == "msc" else 0.3
    plan = (("baseline", 0, 0), ("month_1", 30, 7), ("month_3", 91, 14), ("month_6", 182, 14))
    weight = round(rng.uniform(48, 95), 1)
    for i, (code, target, window) in enumerate(plan):
        jitter = rng.randint(-window - 3, window + 3) if window else 0
        when = baseline + timedelta(days=target + jitter)
        if when > today:
            break
        def standard_treatment():  # recorded before the baseline SELENA-SLEDAI, which reads the steroid dose
            visits.add_con_med(inv, uuid_, drug="Prednisolone", drug_class="corticosteroid", steroid="prednisolone",
                               dose=rng.choice((10, 15, 20, 30)), dose_unit="mg", route="oral",
                               frequency_code="once_daily", start_date=consent - timedelta(days=rng.randint(30, 900)),
                               indication="SLE", today=today)
            drug = rng.choice(("Mycophenolate mofetil", "Cyclophosphamide"))
            visits.add_con_med(inv, uuid_, drug=drug,
                               drug_class="mycophenolate" if drug.startswith("Myco") else "cyclophosphamide",
                               dose=rng.choice((500, 1000)), dose_unit="mg", route="oral" if rng.random() < 0.7 else "IV",
                               frequency="twice daily", start_date=baseline, indication="Lupus nephritis", today=today)

        v, visit_codes = _assessed_visit(inv, rng, today, counts, uuid_, code, when, i, score, codes, pga, improvement,
                                         weight_kg=weight if code == "baseline" else None,
                                         before_sledai=standard_treatment if code == "baseline" else None)
        if code == "baseline":
            if arm == "msc":
                cells_per_kg = round(rng.uniform(0.8, 2.0), 2)
                safety.record_infusion(inv, uuid_, safety.InfusionForm(
                    infusion_date=when, start_time=time(10, 0), end_time=time(10, 45), lot_number=f"OM-MSC-{rng.randint(100, 999)}",
                    cells_per_kg_million=cells_per_kg, total_cells=round(cells_per_kg * 1e6 * weight), viability_pct=round(rng.uniform(85, 98), 1),
                    volume_ml=100, weight_kg=weight, premedication="Chloropyramine 20 mg IV",
                    pre_vitals={"bp_systolic": 125, "bp_diastolic": 80, "heart_rate": 76, "temperature": 36.6, "spo2": 98},
                    post_vitals={"bp_systolic": 122, "bp_diastolic": 78, "heart_rate": 80, "temperature": 36.9, "spo2": 98},
                    administered_by="Dr Alena Kovalenko"), visit_uuid=v.uuid, today=today)
        if extra and i < 3:  # unscheduled visits (benchmarks): after baseline, month 1 and month 3
            for m in range(extra // 3 + (1 if i < extra % 3 else 0)):
                extra_when = when + timedelta(days=(m + 1) * rng.randint(3, 8))
                _assessed_visit(inv, rng, today, counts, uuid_, "unscheduled", extra_when, i + 0.5, score, codes, pga,
                                improvement)
    if rng.random() < 0.35:
        onset = baseline + timedelta(days=rng.randint(1, 120))
        if onset <= today:
            serious = rng.random() < 0.15
            aware = datetime.combine(onset, time(9, 0), tzinfo=UTC)
            safety.record_adverse_event(inv, uuid_, safety.AdverseEventForm(
                term=rng.choice(_AE_TERMS), onset_date=onset, grade=3 if serious else rng.randint(1, 2), serious=serious,
                serious_criteria=("hospitalisation",) if serious else (),
                relationship=rng.choice(("unrelated", "unlikely", "possible")) if arm == "msc" else "unrelated",
                action_taken="none", outcome="recovered" if onset + timedelta(days=14) <= today else "recovering",
                stop_date=onset + timedelta(days=14) if onset + timedelta(days=14) <= today else None, aware_at=aware,
            ), today=today)
            counts["aes"] += 1


def _assessed_visit(inv: Session, rng: random.Random, today: date, counts: dict, uuid_: str, code: str, when: date,
                    i: float, score: int, codes: set[str], pga: float, improvement: float, weight_kg: float | None = None,
                    before_sledai=None):
    """One visit with its labs and SELENA-SLEDAI (i: position in follow-up, 0 = baseline ... 3 = month 6).

    ``before_sledai`` runs after this visit's random draws and before its SELENA-SLEDAI is saved."""
    v = visits.record_visit(inv, uuid_, code, when, weight_kg=weight_kg, today=today)
    counts["visits"] += 1
    visit_score = score if i == 0 else max(0, round(score * (1 - improvement * i / 3 + rng.uniform(-0.15, 0.2))))
    visit_codes = codes if i == 0 else _sledai_codes(rng, visit_score)
    visit_pga = pga if i == 0 else round(min(3.0, max(0.0, pga * (1 - improvement * i / 3) + rng.uniform(-0.3, 0.3))), 1)
    renal_active = bool(set(visit_codes) & set(_RENAL))
    visits.save_labs(inv, v.uuid, when, {
        "platelets": visits.LabEntry(round(rng.uniform(80, 320))),
        "wbc": visits.LabEntry(round(rng.uniform(2.5, 9.5), 1)),
        "c3": visits.LabEntry(round(rng.uniform(0.45, 1.4), 2), lln=0.9, uln=1.8),
        "c4": visits.LabEntry(round(rng.uniform(0.06, 0.4), 2), lln=0.1, uln=0.4),
        "anti_dsdna": visits.LabEntry(round(rng.uniform(10, 300), 1), uln=25.0),
        "protein_24h": visits.LabEntry(round(rng.uniform(0.6, 3.5) if renal_active else rng.uniform(0.05, 0.45), 2)),
        "creatinine": visits.LabEntry(round(rng.uniform(55, 160))),
        "urine_rbc_hpf": visits.LabEntry(rng.randint(6, 40) if "hematuria" in visit_codes else rng.randint(0, 4)),
    }, today=today)
    if before_sledai is not None:
        before_sledai()
    visits.save_sledai(inv, v.uuid, visit_codes, visit_pga)
    return v, visit_codes
