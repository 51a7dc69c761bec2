"""Trend plot widgets: what is drawn equals what the store holds, windows sit where the schedule says,
"no data yet" states, hover readout, background cohort loading, filters, and PNG/SVG export."""

import math
from datetime import date, datetime, time as clock, timezone

import numpy as np
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtTest import QTest

from testkit import BASELINE, LATER, TODAY, codes_for, cohort_subject, eligible_form
from sle_desktop.app import demo, safety, site, subjects, trends, visits
from sle_desktop.app.study import load_study
from sle_desktop.ui.plots import style
from sle_desktop.ui.plots import CohortTrendsWidget, PatientTrendsWidget

def baseline_visit(session, uuid):
    return session.store.scalar("SELECT uuid FROM visits WHERE subject_uuid = ? AND visit_code = 'baseline'", (uuid,))


@pytest.fixture
def known(enrolled):
    """Baseline 16/PGA 2.0, month 1 (day 30) 12/1.5, month 3 (day 95) 18/2.0 (severe flare); labs; infusion; AE and SAE."""
    session, uuid, _sid = enrolled
    base = baseline_visit(session, uuid)
    visits.save_sledai(session, base, codes_for(16), 2.0)
    m1 = visits.record_visit(session, uuid, "month_1", date(2026, 2, 19), today=LATER).uuid
    visits.save_sledai(session, m1, codes_for(12), 1.5)
    m3 = visits.record_visit(session, uuid, "month_3", date(2026, 4, 25), today=LATER).uuid
    visits.save_sledai(session, m3, codes_for(18), 2.0)
    L = visits.LabEntry
    visits.save_labs(session, base, BASELINE, {
        "c3": L(0.7, lln=0.9, uln=1.8), "c4": L(0.08, lln=0.1, uln=0.4), "anti_dsdna": L(120.0, uln=25.0),
        "protein_24h": L(2.5), "creatinine": L(100.0)}, today=LATER)
    visits.save_labs(session, m1, date(2026, 2, 19), {
        "c3": L(0.95, lln=0.88, uln=2.0), "c4": L(0.12, lln=0.1, uln=0.4), "anti_dsdna": L(60.0, uln=30.0),
        "protein_24h": L(1.2), "upcr": L(0.9), "creatinine": L(90.0)}, today=LATER)
    visits.save_labs(session, m3, date(2026, 4, 25), {"protein_24h": L(0.4), "creatinine": L(80.0)}, today=LATER)
    safety.record_infusion(session, uuid, safety.InfusionForm(
        infusion_date=BASELINE, start_time=clock(10, 0), end_time=clock(10, 40), lot_number="OM-1", cells_per_kg_million=1.0,
        total_cells=7.0e7, viability_pct=92.0, volume_ml=100, weight_kg=70.0, administered_by="Dr A"), visit_uuid=base, today=LATER)
    aware = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)
    safety.record_adverse_event(session, uuid, safety.AdverseEventForm(
        term="Headache", onset_date=date(2026, 2, 1), grade=1, relationship="unlikely", outcome="recovered", aware_at=aware),
        today=LATER)
    safety.record_adverse_event(session, uuid, safety.AdverseEventForm(
        term="Pneumonia", onset_date=date(2026, 3, 1), grade=3, serious=True, serious_criteria=("hospitalisation",),
        relationship="unrelated", outcome="recovering", aware_at=aware), today=LATER)
    return session, uuid, {"baseline": base, "month_1": m1, "month_3": m3}


@pytest.fixture
def patient_widget(qtbot, known):
    session, uuid, v = known
    w = PatientTrendsWidget(session, uuid)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    return w, session, uuid, v


def _days(dates):
    return [(date.fromisoformat(d) - BASELINE).days for d in dates]


def _step_at(x, y, day):
    """Value of a step curve built by plots.style.step_curve at `day`."""
    starts = x[0::2]
    return y[2 * (np.searchsorted(starts, day, side="right") - 1)]


def _colour(spot):
    return spot.brush().color().name().upper()


def test_patient_plot_data_equal_the_store(patient_widget):
    w, session, uuid, v = patient_widget
    assert w.state == "trend" and w._stack.currentWidget() is w.graphics
    rows = session.store.query(
        "SELECT v.visit_date, s.score, s.pga FROM sledai_assessments s JOIN visits v ON v.uuid = s.visit_uuid "
        "WHERE s.subject_uuid = ? ORDER BY v.visit_date", (uuid,))
    x, y = w.items["sledai"].getData()
    assert x.tolist() == _days(r["visit_date"] for r in rows) == [0, 30, 95]
    assert y.tolist() == [r["score"] for r in rows] == [16, 12, 18]
    px, py = w.items["pga"].getData()
    assert px.tolist() == x.tolist() and py.tolist() == [r["pga"] for r in rows] == [2.0, 1.5, 2.0]
    # Markers: severe flare at month 3 (filled), SRI-4 response at month 1, no SLEDAI-4-only response.
    fx, fy = w.items["flare"].getData()
    assert list(zip(fx, fy)) == [(95, 18)] and _colour(w.items["flare"].points()[0]) == style.VERMILLION
    sx, sy = w.items["sri4"].getData()
    assert list(zip(sx, sy)) == [(30, 12)]
    assert w.items["sledai4"].getData()[0].size == 0
    # Renal: every lab point equals its stored value, at its sample's study day.
    for key in ("c3", "c4", "anti_dsdna", "protein_24h", "upcr"):
        stored = session.store.query("SELECT sample_date, value FROM labs WHERE subject_uuid = ? AND test = ? "
                                     "ORDER BY sample_date", (uuid, key))
        lx, ly = w.items[key].getData()
        assert lx.tolist() == _days(r["sample_date"] for r in stored) and ly.tolist() == [r["value"] for r in stored]
    ex, ey = w.items["egfr"].getData()
    assert ex.tolist() == [0, 30, 95]
    assert ey.tolist() == pytest.approx([visits.visit_egfr(session, v[c])[0] for c in ("baseline", "month_1", "month_3")])
    # Infusion and AEs on the time axis; the SAE in vermillion (the palette's red).
    assert list(zip(*w.items["infusions"].getData())) == [(0, 1)]
    assert list(zip(*w.items["ae"].getData())) == [(12, 0)]
    assert list(zip(*w.items["sae"].getData())) == [(40, 0)]
    assert _colour(w.items["sae"].points()[0]) == style.VERMILLION and _colour(w.items["ae"].points()[0]) != style.VERMILLION


def test_normal_limit_bands_follow_each_lab_result(patient_widget):
    w, session, uuid, _v = patient_widget
    for key in ("c3", "c4"):
        stored = session.store.query("SELECT sample_date, lln, uln FROM labs WHERE subject_uuid = ? AND test = ? "
                                     "ORDER BY sample_date", (uuid, key))
        lx, ly, ux, uy = w.band_curves[key]
        for r, day in zip(stored, _days(r["sample_date"] for r in stored)):
            assert _step_at(lx, ly, day) == r["lln"] and _step_at(ux, uy, day) == r["uln"]
        assert key + "_band" in w.items
    assert w.band_curves["c3"][1].tolist() == [0.9, 0.9, 0.88, 0.88] and w.band_curves["c3"][3].tolist() == [1.8, 1.8, 2.0, 2.0]
    # Anti-dsDNA has only an upper limit: band from 0 up to it (25 then 30 IU/mL).
    lx, ly, ux, uy = w.band_curves["anti_dsdna"]
    assert set(ly.tolist()) == {0.0} and (_step_at(ux, uy, 0), _step_at(ux, uy, 30)) == (25.0, 30.0)
    # No limits entered for 24 h protein: no band is invented.
    assert "protein_24h" not in w.band_curves


def test_visit_windows_and_target_lines_where_the_schedule_says(patient_widget):
    w, *_ = patient_widget
    study = {v.code: v for v in load_study().visits}
    windowed = [c for c, v in study.items() if v.scheduled and v.window_days is not None]
    assert sorted(w.window_regions) == sorted(windowed) == ["month_1", "month_3", "month_6"]
    for code in windowed:
        v = study[code]
        region = w.window_regions[code]
        assert region.getRegion() == (v.target_day - v.window_days, v.target_day + v.window_days)
        assert not region.movable
        assert w.target_lines[code].value() == v.target_day
    assert w.window_regions["month_1"].getRegion() == (23, 37)
    assert w.target_lines["baseline"].value() == 0  # baseline marked
    # Linked x-axes: moving the SLEDAI panel moves every panel.
    w.plots["sledai"].setXRange(10, 100, padding=0)
    for name, plot in w.plots.items():
        assert plot.vb.viewRange()[0] == pytest.approx([10, 100]), name
    assert w.plots["sledai"].getAxis("left").labelText.startswith("SELENA-SLEDAI")
    assert w.plots["egfr"].getAxis("left").labelText.replace("<br>", "") == "mL/min/1.73 m²"


def test_hover_shows_value_and_visit(qtbot, patient_widget):
    w, *_ = patient_widget
    top = w.plots["sledai"]
    hover = w._hover
    hover.on_mouse_moved((top.vb.mapViewToScene(QPointF(30, 12)),))
    assert "Month 1 · day 30 · 19.02.2026" in hover.current and "SELENA-SLEDAI 12 points" in hover.current
    assert "change from baseline −4" in hover.current and "SRI-4 (without BILAG): yes" in hover.current
    assert hover.text_item.isVisible()
    hover.on_mouse_moved((top.vb.mapViewToScene(QPointF(0, 16)),))
    assert "Baseline (day 0) · day 0" in hover.current and "SELENA-SLEDAI 16 points (change from baseline 0)" in hover.current
    hover.on_mouse_moved((w.pga_viewbox.mapViewToScene(QPointF(95, 2.0)),))
    assert "Month 3" in hover.current and "PGA 2.0" in hover.current
    c3 = w.plots["complement"]
    hover.on_mouse_moved((c3.vb.mapViewToScene(QPointF(0, 0.7)),))
    assert "C3 0.7 g/L (normal 0.9–1.8) — low" in hover.current
    hover.on_mouse_moved((w.plots["events"].vb.mapViewToScene(QPointF(40, 0)),))
    assert "Serious adverse event" in hover.current and "Pneumonia" in hover.current
    hover.on_mouse_moved((top.vb.mapViewToScene(QPointF(150, 25)),))  # nothing near
    assert hover.current is None and not hover.text_item.isVisible()
    # The real mouse path: a move over the viewport reaches the readout through the scene.
    view_pos = w.graphics.mapFromScene(top.vb.mapViewToScene(QPointF(95, 18)))
    QTest.mouseMove(w.graphics.viewport(), view_pos)
    qtbot.waitUntil(lambda: hover.current is not None and "Month 3" in hover.current, timeout=2000)
    assert "SELENA Flare Index vs previous assessment: severe (SELENA-SLEDAI up by 3 or more to > 12)" in hover.current


def test_flare_markers_follow_the_selena_flare_index(qtbot, enrolled):
    """A flare by treatment alone (SLEDAI falling) is marked; an assessment recorded before the index shows its
    SLEDAI/PGA flare, marked partial in the readout."""
    session, uuid, _sid = enrolled
    base = baseline_visit(session, uuid)
    visits.save_sledai(session, base, codes_for(8), 1.0)
    m1 = visits.record_visit(session, uuid, "month_1", date(2026, 2, 19), today=LATER).uuid
    visits.save_sledai(session, m1, codes_for(6), 1.0, flare=visits.FlareInputs(new_immunosuppressant=True))
    m3 = visits.record_visit(session, uuid, "month_3", date(2026, 4, 25), today=LATER).uuid
    visits.save_sledai(session, m3, codes_for(10), 1.0)
    session.store.conn.execute("UPDATE sledai_assessments SET flare_index = NULL, flare_index_reasons = '[]', "
                               "flare_index_complete = 0 WHERE visit_uuid = ?", (m3,))  # as migrated (pre-index)
    w = PatientTrendsWidget(session, uuid)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    fx, fy = w.items["flare"].getData()
    assert list(zip(fx, fy)) == [(30, 6), (95, 10)]
    assert _colour(w.items["flare"].points()[0]) == style.VERMILLION  # severe: filled
    hover = w._hover
    top = w.plots["sledai"]
    hover.on_mouse_moved((top.vb.mapViewToScene(QPointF(30, 6)),))
    assert "SELENA Flare Index vs previous assessment: severe (New cyclophosphamide" in hover.current
    hover.on_mouse_moved((top.vb.mapViewToScene(QPointF(95, 10)),))
    assert "SELENA flare (SLEDAI/PGA parts) vs previous assessment: mild/moderate" in hover.current
    assert "partial" in hover.current


def test_empty_and_one_visit_patients_show_no_data_yet(qtbot, enrolled, tmp_path):
    session, uuid, _sid = enrolled
    w = PatientTrendsWidget(session, uuid)
    qtbot.addWidget(w)
    w.show()
    assert w.state == "empty" and w.graphics is None and w._stack.currentWidget() is w.message
    assert w.message.text() == "No SLEDAI assessments yet" and w.message.isVisible()
    assert not w.export_png.isEnabled() and not w.export_svg.isEnabled()
    with pytest.raises(RuntimeError):
        w.export_image(tmp_path / "nothing.png")
    assert not (tmp_path / "nothing.png").exists()
    visits.save_sledai(session, baseline_visit(session, uuid), codes_for(12), 1.5)
    w.reload()
    assert w.state == "single" and w.message.text() == "Only one assessment: trends appear after the next visit"
    assert w._stack.currentWidget() is w.message
    m1 = visits.record_visit(session, uuid, "month_1", date(2026, 2, 19), today=LATER).uuid
    visits.save_sledai(session, m1, codes_for(8), 1.0)
    w.reload()
    assert w.state == "trend" and w._stack.currentWidget() is w.graphics and not w.message.isVisible()
    assert w.items["sledai"].getData()[1].tolist() == [12, 8] and w.export_png.isEnabled()


def test_not_yet_enrolled_subject_shows_no_data(qtbot, investigator):
    screened = subjects.screen_subject(investigator, eligible_form(), today=TODAY)
    w = PatientTrendsWidget(investigator, screened.subject_uuid)
    qtbot.addWidget(w)
    assert w.state == "empty" and w.message.text() == "No SLEDAI assessments yet"
    assert "no baseline visit yet" in w.title.text()


def test_patient_export_png_and_svg(patient_widget, tmp_path):
    w, *_ = patient_widget
    png = w.export_image(tmp_path / "patient.png")
    svg = w.export_image(tmp_path / "patient.svg")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
    text = svg.read_text(encoding="utf-8")
    assert "<svg" in text and "SELENA-SLEDAI" in text and svg.stat().st_size > 10_000
    with pytest.raises(ValueError):
        w.export_image(tmp_path / "patient.jpg")


# --------------------------------------------------------------------------- cohort

@pytest.fixture
def small_cohort(investigator):
    s = investigator
    cohort_subject(s, "msc", {"baseline": (16, 2.0), "month_1": (12, 1.5), "month_3": (10, 1.0), "month_6": (6, 1.0)}, name="A A")
    cohort_subject(s, "msc", {"baseline": (12, 1.5), "month_1": (12, 1.5), "month_3": (8, 2.0), "month_6": (10, 1.8)}, name="B B")
    cohort_subject(s, "msc", {"baseline": (20, 2.0), "month_1": (14, 2.4), "month_6": (16, 2.3)}, name="C C")
    cohort_subject(s, "standard", {"baseline": (10, 1.0), "month_1": (8, 1.0)}, name="D D")
    cohort_subject(s, "standard", {"baseline": (8, 1.2)}, name="E E", withdraw=True)
    return s


def _cohort_widget(qtbot, session):
    w = CohortTrendsWidget(session, today=LATER)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    return w


def test_cohort_loads_in_background_and_draws_hand_computed_means(qtbot, small_cohort):
    w = _cohort_widget(qtbot, small_cohort)
    # The constructor returns at once; the numbers arrive from the worker thread.
    assert w.loading and w.message.text() == "Loading…" and not w.export_png.isEnabled()
    qtbot.waitUntil(lambda: w.loaded, timeout=5000)
    assert w._stack.currentWidget() is w.graphics and w.error is None
    errors = w.items["msc_errors"].opts
    off = style.ARM_OFFSET_DAYS["msc"]
    assert errors["x"].tolist() == [0 + off, 30 + off, 91 + off, 182 + off]
    # Hand-computed: month 1 changes -4, 0, -6; month 3 -6, -4; month 6 -10, -2, -4.
    assert errors["y"].tolist() == pytest.approx([0, -10 / 3, -5, -16 / 3])
    se_m6 = math.sqrt(((-10 + 16 / 3) ** 2 + (-2 + 16 / 3) ** 2 + (-4 + 16 / 3) ** 2) / 2) / math.sqrt(3)
    assert errors["top"].tolist() == pytest.approx([0, math.sqrt(28) / 3, 1.0, se_m6])
    assert errors["bottom"].tolist() == errors["top"].tolist()
    assert [t.textItem.toPlainText() for t in w.n_labels["msc"]] == ["● n=3", "● n=3", "● n=2", "● n=3"]
    mx, my = w.items["msc_means"].getData()
    assert mx.tolist() == errors["x"].tolist() and my.tolist() == pytest.approx(errors["y"].tolist())
    # Standard arm: baseline n=2, month 1 n=1 (no SE: drawn without a bar), nothing later.
    std = w.items["standard_errors"].opts
    assert std["y"].tolist() == [0, -2] and std["top"].tolist() == [0, 0]
    assert [t.textItem.toPlainText() for t in w.n_labels["standard"]] == ["■ n=2", "■ n=1"]
    # Arms differ by symbol and line style, not only colour.
    assert w.items["msc_means"].opts["symbol"] != w.items["standard_means"].opts["symbol"]
    assert w.items["msc_means"].opts["pen"].style() != w.items["standard_means"].opts["pen"].style()


def test_cohort_spaghetti_and_responder_bars(qtbot, small_cohort):
    w = _cohort_widget(qtbot, small_cohort)
    qtbot.waitUntil(lambda: w.loaded, timeout=5000)
    data = trends.cohort_trends(small_cohort, today=LATER)
    for arm, cohort in data.arms.items():
        lx, ly = w.items[f"{arm}_trajectories"].getData()
        assert lx.tolist() == cohort.traj_day.tolist() and ly.tolist() == cohort.traj_change.tolist()
        assert w.items[f"{arm}_trajectories"].opts["connect"].tolist() == cohort.connect.tolist()
        assert w.items[f"{arm}_trajectories"].opts["pen"].color().alpha() < 255  # semi-transparent
    # Month 6: MSC SRI-4 (without BILAG) 1/3, SLEDAI-4 2/3; the standard arm has no month-6 data.
    assert w.items["msc_bars"].opts["height"] == pytest.approx([100 / 3, 200 / 3])
    assert [t.textItem.toPlainText() for t in w.bar_labels["msc"]] == ["33 %\n1/3", "67 %\n2/3"]
    assert [t.textItem.toPlainText() for t in w.bar_labels["standard"]] == ["no data", "no data"]
    ticks = [label for _pos, label in w.plots["responders"].getAxis("bottom")._tickLevels[0]]
    assert ticks == ["SRI-4\n(without BILAG)", "SLEDAI-4"]  # two lines: it fits under its pair of bars
    assert "SRI-4 (without BILAG) 1/3" in w.responder_text["msc"]


def test_cohort_filters_reload_in_background(qtbot, small_cohort):
    w = _cohort_widget(qtbot, small_cohort)
    qtbot.waitUntil(lambda: w.loaded, timeout=5000)
    w.arm_combo.setCurrentIndex(w.arm_combo.findData("msc"))
    assert w.loading
    qtbot.waitUntil(lambda: w.loaded, timeout=5000)
    assert w.data.arm_filter == "msc" and "msc_means" in w.items and "standard_means" not in w.items
    w.set_filters(arm="standard", status="withdrawn")
    qtbot.waitUntil(lambda: w.loaded, timeout=5000)
    assert w.data.status_filter == "withdrawn" and w.data.arms["standard"].n_subjects == 1
    assert w.items["standard_errors"].opts["y"].tolist() == [0]
    w.set_filters(arm="msc", status="withdrawn")
    qtbot.waitUntil(lambda: w.loaded, timeout=5000)
    assert w._stack.currentWidget() is w.message and "No subject" in w.message.text() and not w.can_export()


def test_cohort_of_a_demo_site_on_a_file_store_with_export(qtbot, file_store, tmp_path):
    demo.make_demo(file_store, subjects_count=16, seed=4, today=TODAY)
    session = site.login(file_store, "demo.investigator", demo.DEMO_PASSWORD)
    w = CohortTrendsWidget(session, today=TODAY)  # the worker opens its own connection to the file
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitUntil(lambda: w.loaded, timeout=10_000)
    expected = trends.cohort_trends(session, today=TODAY)
    for arm, cohort in expected.arms.items():
        with_mean = [s for s in cohort.visits if s.mean is not None]
        assert w.items[f"{arm}_errors"].opts["y"].tolist() == pytest.approx([s.mean for s in with_mean])
        assert [t.textItem.toPlainText() for t in w.n_labels[arm]] == [f"{'●' if arm == 'msc' else '■'} n={s.n}" for s in with_mean]
    png = w.export_image(tmp_path / "cohort.png")
    svg = w.export_image(tmp_path / "cohort.svg")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
    assert "SRI-4" in svg.read_text(encoding="utf-8") and "(without BILAG)" in svg.read_text(encoding="utf-8")


def test_plot_visit_labels_follow_the_interface_language(qtbot, small_cohort, patient_widget):
    """Tick labels and hover headings name the visits in Russian when Russian is installed."""
    from sle_desktop.ui import i18n

    english, *_ = patient_widget
    i18n.install("ru")
    try:
        w = _cohort_widget(qtbot, small_cohort)
        qtbot.waitUntil(lambda: w.loaded, timeout=5000)
        ticks = [text for _pos, text in w.plots["mean"].getAxis("bottom")._tickLevels[0]]
        assert ticks == ["Исх.", "Месяц 1", "Месяц 3", "Месяц 6"]
        p = PatientTrendsWidget(english._session, english._subject_uuid)
        qtbot.addWidget(p)
        p._hover.on_mouse_moved((p.plots["sledai"].vb.mapViewToScene(QPointF(30, 12)),))
        assert p._hover.current.startswith("Месяц 1 · "), p._hover.current
    finally:
        i18n.install("en")


def test_panel_lays_out_like_pyqtgraphs_plot_item(qtbot):
    """A `style.Panel` puts its view, axes and title where a PlotItem with the same axes puts them, gives a hidden
    axis no room, draws the grid of the axis asked for, and follows the panel its x axis is linked to."""
    import pyqtgraph as pg

    graphics = pg.GraphicsLayoutWidget()
    qtbot.addWidget(graphics)
    graphics.resize(900, 400)
    reference = pg.PlotItem(enableMenu=False, axisItems={name: style.Axis(name) for name in ("left", "bottom", "right", "top")})
    panel = style.Panel()
    for plot in (reference, panel):
        for side in ("right", "top"):
            plot.showAxis(side, False)
        plot.setTitle("Proteinuria", color=style.INK, size="10pt")
        plot.setLabel("left", "g/24 h", color=style.INK)
        plot.setLabel("bottom", "Study day", color=style.INK)
        plot.showGrid(x=False, y=True, alpha=0.15)
    reference.hideButtons()
    graphics.ci.addItem(reference, row=0, col=0)
    graphics.ci.addItem(panel, row=0, col=1)
    other = style.Panel()  # the same axes under the panel: pyqtgraph links x ranges as they line up on screen
    other.setLabel("left", "g/24 h", color=style.INK)
    graphics.ci.addItem(other, row=1, col=1)
    graphics.show()
    qtbot.waitExposed(graphics)
    assert panel.size() == reference.size()  # two equal columns; each part's geometry is in its plot's coordinates
    assert panel.vb.geometry() == reference.vb.geometry()
    assert panel.titleLabel.geometry() == reference.titleLabel.geometry()
    for side in ("left", "bottom"):
        assert panel.getAxis(side).geometry() == reference.getAxis(side).geometry()
    assert panel.getAxis("top").height() == 0 and panel.getAxis("right").width() == 0
    assert panel.getAxis("left").grid == reference.getAxis("left").grid == 38
    assert panel.getAxis("bottom").grid is False
    other.setXLink(panel)
    panel.setXRange(10, 60, padding=0)
    assert other.vb.viewRange()[0] == pytest.approx([10, 60])
