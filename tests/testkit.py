"""Constants and builders shared by tests (import as `from testkit import ...`)."""

from datetime import date

PASSWORD = "correct-horse-battery"
TODAY = date(2026, 6, 1)


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
