"""Safety: vocabularies, 24 h SAE clock, 30-day adverse-reaction window, dose check."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pytest

from sle_desktop.domain import safety
from sle_desktop.domain.safety import (
    absence_of_adverse_reactions,
    check_dose,
    dose_per_kg_million,
    sae_clock,
    sae_deadline,
)

UTC = timezone.utc


def zone(name):
    try:
        return ZoneInfo(name)
    except ZoneInfoNotFoundError:  # a machine without the time-zone database
        pytest.skip(f"time zone {name} not available")

AWARE = datetime(2024, 3, 10, 14, 30, tzinfo=UTC)


# --------------------------------------------------------------------------- vocabularies


def test_vocabularies():
    assert safety.CTCAE_GRADES == (1, 2, 3, 4, 5)
    assert safety.SERIOUS_CRITERIA == (
        "death", "life_threatening", "hospitalisation", "disability", "congenital_anomaly",
        "other_important",
    )
    assert safety.RELATIONSHIPS == ("unrelated", "unlikely", "possible", "probable", "definite")
    assert safety.RELATED == {"possible", "probable", "definite"}
    assert safety.OUTCOMES == (
        "recovered", "recovering", "not_recovered", "recovered_with_sequelae", "fatal", "unknown",
    )
    assert safety.ACTIONS and len(set(safety.ACTIONS)) == len(safety.ACTIONS)
    assert safety.SAE_REPORT_HOURS == 24


def test_labels_cover_every_code():
    assert list(safety.GRADE_LABELS) == list(safety.CTCAE_GRADES)
    assert list(safety.SERIOUS_CRITERIA_LABELS) == list(safety.SERIOUS_CRITERIA)
    assert list(safety.RELATIONSHIP_LABELS) == list(safety.RELATIONSHIPS)
    assert list(safety.ACTION_LABELS) == list(safety.ACTIONS)
    assert list(safety.OUTCOME_LABELS) == list(safety.OUTCOMES)


# --------------------------------------------------------------------------- SAE clock


def test_deadline_is_24_hours_later():
    assert sae_deadline(AWARE) == datetime(2024, 3, 11, 14, 30, tzinfo=UTC)
    assert sae_deadline(AWARE, hours=48) == datetime(2024, 3, 12, 14, 30, tzinfo=UTC)


def test_deadline_counts_elapsed_hours_across_dst():
    berlin = zone("Europe/Berlin")
    aware = datetime(2024, 3, 30, 12, 0, tzinfo=berlin)  # DST starts 31 March 02:00
    deadline = sae_deadline(aware)
    assert (deadline.astimezone(UTC) - aware.astimezone(UTC)) == timedelta(hours=24)
    assert deadline.replace(tzinfo=None) == datetime(2024, 3, 31, 13, 0)  # wall clock +25 h
    assert deadline.tzinfo is berlin
    # The clock, fed Berlin times on both sides, must also count elapsed hours.
    just_before = datetime(2024, 3, 31, 12, 59, tzinfo=berlin)  # 23 h 59 min elapsed
    c = sae_clock(aware, just_before)
    assert not c.overdue and c.hours_left == pytest.approx(1 / 60)
    c = sae_clock(aware, datetime(2024, 3, 31, 13, 1, tzinfo=berlin))
    assert c.overdue and c.hours_left == pytest.approx(-1 / 60)
    c = sae_clock(aware, just_before, reported_at=datetime(2024, 3, 31, 12, 30, tzinfo=berlin))
    assert c.reported and not c.reported_late and c.hours_left == pytest.approx(0.5)


def test_clock_edges():
    deadline = AWARE + timedelta(hours=24)
    c = sae_clock(AWARE, AWARE)
    assert (c.deadline, c.overdue, c.hours_left, c.reported) == (deadline, False, 24.0, False)
    c = sae_clock(AWARE, deadline - timedelta(seconds=1))
    assert not c.overdue and c.hours_left == pytest.approx(1 / 3600)
    c = sae_clock(AWARE, deadline)
    assert not c.overdue and c.hours_left == 0.0
    c = sae_clock(AWARE, deadline + timedelta(seconds=1))
    assert c.overdue and c.hours_left == pytest.approx(-1 / 3600)
    c = sae_clock(AWARE, deadline + timedelta(hours=6))
    assert c.overdue and c.hours_left == pytest.approx(-6)


def test_clock_reported_in_time_and_late():
    c = sae_clock(AWARE, AWARE + timedelta(hours=30), reported_at=AWARE + timedelta(hours=20))
    assert c.reported and not c.overdue and not c.reported_late
    assert c.hours_left == pytest.approx(4)
    c = sae_clock(AWARE, AWARE + timedelta(hours=30), reported_at=AWARE + timedelta(hours=24))
    assert c.reported and not c.reported_late
    c = sae_clock(AWARE, AWARE + timedelta(hours=30), reported_at=AWARE + timedelta(hours=25))
    assert c.reported and not c.overdue and c.reported_late
    assert c.hours_left == pytest.approx(-1)


def test_clock_mixed_time_zones():
    minsk = zone("Europe/Minsk")  # UTC+3
    now = datetime(2024, 3, 11, 17, 29, tzinfo=minsk)  # 14:29 UTC
    c = sae_clock(AWARE, now)
    assert not c.overdue and c.hours_left == pytest.approx(1 / 60)


def test_clock_rejects_naive_and_non_datetimes():
    with pytest.raises(ValueError, match="timezone-aware"):
        sae_deadline(datetime(2024, 3, 10, 14, 30))
    with pytest.raises(ValueError, match="timezone-aware"):
        sae_clock(AWARE, datetime(2024, 3, 10, 15, 0))
    with pytest.raises(ValueError, match="date and time"):
        sae_deadline(date(2024, 3, 10))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="before the site became aware"):
        sae_clock(AWARE, AWARE, reported_at=AWARE - timedelta(minutes=1))
    with pytest.raises(ValueError, match="positive"):
        sae_deadline(AWARE, hours=0)


# --------------------------------------------------------------------------- safety endpoint

INF = date(2024, 3, 1)


@dataclass
class AE:
    onset_date: date | None
    relationship: str | None


@pytest.mark.parametrize("rel", ["possible", "probable", "definite"])
def test_related_ae_within_30_days_is_an_adverse_reaction(rel):
    for offset in (0, 1, 15, 30):
        assert absence_of_adverse_reactions([INF], [AE(INF + timedelta(days=offset), rel)]) is False


@pytest.mark.parametrize("rel", ["possible", "probable", "definite"])
def test_window_edges(rel):
    assert absence_of_adverse_reactions([INF], [AE(INF + timedelta(days=31), rel)]) is True
    assert absence_of_adverse_reactions([INF], [AE(INF - timedelta(days=1), rel)]) is True


@pytest.mark.parametrize("rel", ["unrelated", "unlikely"])
def test_unrelated_ae_does_not_count(rel):
    assert absence_of_adverse_reactions([INF], [AE(INF + timedelta(days=3), rel)]) is True


def test_dicts_accepted():
    events = [{"onset_date": INF + timedelta(days=2), "relationship": "probable", "term": "fever"}]
    assert absence_of_adverse_reactions([INF], events) is False


def test_no_adverse_events_and_no_infusions():
    assert absence_of_adverse_reactions([INF], []) is True
    assert absence_of_adverse_reactions([], []) is True
    # Standard arm: no infusion, nothing can be a reaction to the product.
    assert absence_of_adverse_reactions([], [AE(INF, "definite")]) is True


def test_several_infusions_each_open_a_window():
    second = INF + timedelta(days=60)
    ae = AE(second + timedelta(days=10), "possible")
    assert absence_of_adverse_reactions([INF], [ae]) is True
    assert absence_of_adverse_reactions([INF, second], [ae]) is False


def test_conservative_when_onset_or_relationship_unknown():
    assert absence_of_adverse_reactions([INF], [AE(None, "possible")]) is False
    assert absence_of_adverse_reactions([INF], [AE(INF + timedelta(days=3), None)]) is False
    assert absence_of_adverse_reactions([INF], [AE(None, "unrelated")]) is True


def test_adverse_reactions_lists_the_culprits():
    a = AE(INF + timedelta(days=2), "probable")
    b = AE(INF + timedelta(days=2), "unlikely")
    c = AE(INF + timedelta(days=40), "definite")
    assert safety.adverse_reactions([INF], [a, b, c]) == [a]


def test_malformed_adverse_events():
    with pytest.raises(ValueError, match="unknown relationship 'maybe'"):
        absence_of_adverse_reactions([INF], [AE(INF, "maybe")])
    with pytest.raises(ValueError, match="onset_date"):
        absence_of_adverse_reactions([INF], [{"relationship": "possible"}])
    with pytest.raises(ValueError, match="relationship"):
        absence_of_adverse_reactions([INF], [object()])
    with pytest.raises(ValueError, match="infusion date"):
        absence_of_adverse_reactions(["2024-03-01"], [])


# --------------------------------------------------------------------------- AE consistency


def test_ae_problems():
    assert safety.ae_problems(2, False) == []
    assert safety.ae_problems(3, True, ["hospitalisation"], "recovering", "possible",
                              "dose_not_changed", INF, INF + timedelta(days=3)) == []
    assert safety.ae_problems(5, True, ["death"], "fatal") == []
    assert any("1–5" in p for p in safety.ae_problems(6, False))
    assert any("at least one seriousness criterion" in p for p in safety.ae_problems(4, True))
    assert any("not marked serious" in p for p in safety.ae_problems(2, False, ["death"], "fatal"))
    assert any("'fatal'" in p for p in safety.ae_problems(5, True, ["death"], "recovered"))
    assert any("criterion 'death'" in p for p in safety.ae_problems(3, True, ["other_important"], "fatal"))
    assert any("before onset" in p for p in safety.ae_problems(1, False, onset_date=INF,
                                                               stop_date=INF - timedelta(days=1)))
    assert any("unknown seriousness" in p for p in safety.ae_problems(3, True, ["bad"]))
    assert any("unknown outcome" in p for p in safety.ae_problems(1, False, outcome="gone"))
    assert any("unknown relationship" in p for p in safety.ae_problems(1, False, relationship="x"))
    assert any("unknown action" in p for p in safety.ae_problems(1, False, action="x"))


# --------------------------------------------------------------------------- dose


def test_dose_per_kg():
    assert dose_per_kg_million(1.4e8, 70) == pytest.approx(2.0)
    assert dose_per_kg_million(1e6, 1) == pytest.approx(1.0)
    assert dose_per_kg_million(100_000_000, 50) == pytest.approx(2.0)


@pytest.mark.parametrize(
    "cells,weight,match",
    [(0, 70, "total cells"), (-1e8, 70, "total cells"), (1e8, 0, "weight"), (1e8, -70, "weight"),
     (1e8, 351, "implausible"), (float("nan"), 70, "total cells"), (1e8, float("inf"), "weight"),
     (True, 70, "total cells"), (1e8, "70", "weight")],
)
def test_dose_errors(cells, weight, match):
    with pytest.raises(ValueError, match=match):
        dose_per_kg_million(cells, weight)


def test_weight_350_is_allowed():
    assert dose_per_kg_million(3.5e8, 350) == pytest.approx(1.0)


def test_check_dose_within_tolerance():
    c = check_dose(1.4e8, 70, 2.0)
    assert c.ok and c.computed == pytest.approx(2.0) and c.entered == 2.0
    assert "agrees" in c.message


def test_check_dose_tolerance_edges():
    assert check_dose(1.4e8, 70, 2.1).ok  # +5 % exactly
    assert check_dose(1.4e8, 70, 1.9).ok  # −5 % exactly
    assert not check_dose(1.4e8, 70, 2.11).ok
    assert not check_dose(1.4e8, 70, 1.89).ok
    assert check_dose(1.4e8, 70, 2.15, tolerance=0.1).ok
    assert not check_dose(1.4e8, 70, 2.01, tolerance=0).ok


def test_check_dose_mismatch_message():
    c = check_dose(1.4e8, 70, 2.5)
    assert not c.ok
    assert "2.50" in c.message and "2.00" in c.message and "25.0%" in c.message
    assert "70 kg" in c.message and "tolerance is 5%" in c.message


def test_check_dose_errors():
    with pytest.raises(ValueError, match="entered dose"):
        check_dose(1.4e8, 70, 0)
    with pytest.raises(ValueError, match="tolerance"):
        check_dose(1.4e8, 70, 2.0, tolerance=1.5)
    with pytest.raises(ValueError, match="weight"):
        check_dose(1.4e8, 400, 2.0)
