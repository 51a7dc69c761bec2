"""Visit schedule, study days and windows (clinical-reference §5)."""

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sle_desktop.domain import schedule
from sle_desktop.domain.schedule import (
    VisitDef,
    next_due,
    study_day,
    visit_status,
    visit_window,
    window_status,
)

DAY0 = date(2024, 1, 10)


def day(n):
    return DAY0 + timedelta(days=n)


def test_default_visit_table():
    table = {v.code: (v.target_day, v.window_days, v.scheduled) for v in schedule.default_visits()}
    assert list(table) == ["screening", "baseline", "month_1", "month_3", "month_6", "unscheduled"]
    assert table["month_1"] == (30, 7, True)
    assert table["month_3"] == (91, 14, True)
    assert table["month_6"] == (182, 14, True)
    assert table["baseline"] == (0, None, True)
    assert table["unscheduled"] == (None, None, False)
    screening = schedule.get_visit("screening")
    assert (screening.earliest_day, screening.target_day, screening.window_days) == (-28, 0, None)


def test_default_visit_forms():
    forms = {v.code: v.forms for v in schedule.default_visits()}
    assert {"consent", "eligibility", "demographics", "sledai", "labs"} == set(forms["screening"])
    assert {"sledai", "labs", "arm", "msc_infusion"} == set(forms["baseline"])
    assert "adverse_events" in forms["month_1"]
    assert "sledai" in forms["month_6"] and "labs" in forms["month_6"]
    assert set(forms["unscheduled"]) == set(schedule.FORMS)
    assert all(f in schedule.FORMS for fs in forms.values() for f in fs)


def test_study_day_sign():
    assert study_day(DAY0, DAY0) == 0
    assert study_day(DAY0, day(1)) == 1
    assert study_day(DAY0, day(-1)) == -1
    assert study_day(DAY0, day(-28)) == -28
    assert study_day(date(2024, 2, 28), date(2024, 3, 1)) == 2  # leap day counted
    assert study_day(date(2023, 2, 28), date(2023, 3, 1)) == 1


def test_study_day_rejects_non_dates():
    with pytest.raises(ValueError):
        study_day(datetime(2024, 1, 10, 9, 0), DAY0)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        study_day(DAY0, "2024-01-11")  # type: ignore[arg-type]


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)), st.integers(-400, 400))
def test_property_study_day_roundtrip(d0, n):
    assert study_day(d0, d0 + timedelta(days=n)) == n


@pytest.mark.parametrize("code,target,window", [("month_1", 30, 7), ("month_3", 91, 14),
                                                ("month_6", 182, 14)])
def test_window_edges(code, target, window):
    assert window_status(code, DAY0, day(target - window - 1)) == "early"
    assert window_status(code, DAY0, day(target - window)) == "in_window"
    assert window_status(code, DAY0, day(target)) == "in_window"
    assert window_status(code, DAY0, day(target + window)) == "in_window"
    assert window_status(code, DAY0, day(target + window + 1)) == "late"
    assert visit_window(code, DAY0) == (day(target - window), day(target), day(target + window))


def test_month_1_concrete_dates():
    # baseline 10 Jan 2024: target 9 Feb, window 2 Feb - 16 Feb
    assert visit_window("month_1", DAY0) == (date(2024, 2, 2), date(2024, 2, 9), date(2024, 2, 16))
    assert window_status("month_1", DAY0, date(2024, 2, 1)) == "early"
    assert window_status("month_1", DAY0, date(2024, 2, 17)) == "late"


def test_window_status_errors():
    with pytest.raises(ValueError, match="unknown visit 'month_2'"):
        window_status("month_2", DAY0, DAY0)
    for code in ("screening", "baseline", "unscheduled"):
        with pytest.raises(ValueError, match="has no visit window"):
            window_status(code, DAY0, DAY0)
        with pytest.raises(ValueError, match="has no visit window"):
            visit_window(code, DAY0)


def test_custom_visit_table():
    visits = schedule.default_visits() + (VisitDef("month_12", "Month 12", 365, 30, ("sledai",), True),)
    assert window_status("month_12", DAY0, day(335), visits) == "in_window"
    assert window_status("month_12", DAY0, day(334), visits) == "early"
    with pytest.raises(ValueError, match="unknown visit"):
        window_status("month_12", DAY0, day(335))
    # A VisitDef may be passed directly.
    assert window_status(visits[-1], DAY0, day(396)) == "late"


@pytest.mark.parametrize(
    "offset,expected",
    [(22, "not_yet_open"), (23, "open"), (30, "open"), (31, "overdue"), (37, "overdue"),
     (38, "missed"), (-5, "not_yet_open"), (400, "missed")],
)
def test_visit_status_edges_month_1(offset, expected):
    assert visit_status("month_1", DAY0, day(offset), done=False) == expected


@pytest.mark.parametrize("offset", [-5, 23, 31, 38])
def test_done_visit_is_done(offset):
    assert visit_status("month_1", DAY0, day(offset), done=True) == "done"


def test_visit_status_month_6_edges():
    assert visit_status("month_6", DAY0, day(167), False) == "not_yet_open"
    assert visit_status("month_6", DAY0, day(168), False) == "open"
    assert visit_status("month_6", DAY0, day(182), False) == "open"
    assert visit_status("month_6", DAY0, day(183), False) == "overdue"
    assert visit_status("month_6", DAY0, day(196), False) == "overdue"
    assert visit_status("month_6", DAY0, day(197), False) == "missed"


def test_next_due_walks_the_schedule():
    v, earliest, target, latest, status = next_due(DAY0, [], DAY0)
    assert v.code == "month_1" and status == "not_yet_open"
    assert (earliest, target, latest) == (day(23), day(30), day(37))
    assert next_due(DAY0, {"screening", "baseline"}, day(25))[0].code == "month_1"
    assert next_due(DAY0, {"screening", "baseline"}, day(25))[4] == "open"
    got = next_due(DAY0, ["month_1"], day(40))
    assert got[0].code == "month_3" and got[4] == "not_yet_open"
    assert got[1:4] == (day(77), day(91), day(105))
    got = next_due(DAY0, ["month_1", "month_3"], day(190))
    assert got[0].code == "month_6" and got[4] == "overdue"
    assert next_due(DAY0, ["month_1", "month_3", "month_6"], day(500)) is None


def test_next_due_keeps_a_missed_visit_until_done():
    got = next_due(DAY0, [], day(60))
    assert got[0].code == "month_1" and got[4] == "missed"


def test_next_due_orders_by_target_day_and_ignores_unwindowed():
    visits = (
        VisitDef("month_6", "Month 6", 182, 14, ("sledai",), True),
        VisitDef("unscheduled", "Unscheduled", None, None, ("sledai",), False),
        VisitDef("month_1", "Month 1", 30, 7, ("sledai",), True),
        VisitDef("baseline", "Baseline", 0, None, ("sledai",), True),
    )
    assert next_due(DAY0, [], DAY0, visits)[0].code == "month_1"
    assert next_due(DAY0, ["month_1"], DAY0, visits)[0].code == "month_6"


def test_next_due_rejects_bare_string():
    with pytest.raises(ValueError):
        next_due(DAY0, "month_1", DAY0)


def test_get_visit():
    assert schedule.get_visit("month_3").target_day == 91
    with pytest.raises(ValueError, match="known visits: screening, baseline"):
        schedule.get_visit("week_2")
