"""Constants and builders shared by tests (import as `from testkit import ...`)."""

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
