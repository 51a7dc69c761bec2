"""The two arms compared: mean ± SE change from baseline, individual trajectories, month-6 responders.

The cohort is computed off the GUI thread (`ui.background.run_use_case`) on its own connection.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from sle_desktop.app import trends
from sle_desktop.ui.background import run_use_case
from sle_desktop.ui.common import catalog
from sle_desktop.ui.messages import plain_message
from sle_desktop.ui.plots.export import ExportMixin
from sle_desktop.ui.plots.style import (
    ARM_OFFSET_DAYS,
    ARM_STYLE,
    GREEN,
    GREY,
    INK,
    SPAGHETTI_DASH_MAX,
    Hover,
    Panel,
    add_plot,
    data_item,
    fmt,
    fmt_date,
    one_layout_pass,
    share_x,
    style_plot,
)


def _load_cohort(session, arm, status, today, generation):
    """The cohort statistics, tagged with the filter generation they answer (a newer choice may be on its way)."""
    return generation, trends.cohort_trends(session, arm=arm, status=status, today=today)


class CohortTrendsWidget(ExportMixin, QWidget):
    """Mean ± SE change from baseline by arm, individual trajectories, and month-6 responder proportions."""

    def __init__(self, session, parent: QWidget | None = None, *, today: date | None = None):
        super().__init__(parent)
        self.setObjectName("CohortTrendsWidget")
        self._session = session
        self._today = today
        self._generation = 0
        self.data: trends.CohortTrends | None = None
        self.error: str | None = None
        self.plots: dict[str, Panel] = {}
        self.items: dict[str, object] = {}
        self.n_labels: dict[str, list[pg.TextItem]] = {}
        self.bar_labels: dict[str, list[pg.TextItem]] = {}
        self._hover: Hover | None = None

        self.arm_combo = QComboBox()
        self.arm_combo.addItem(self.tr("Both arms"), None)
        self.arm_combo.addItem(self.tr("MSC + standard treatment"), "msc")
        self.arm_combo.addItem(self.tr("Standard treatment"), "standard")
        self.status_combo = QComboBox()
        self.status_combo.addItem(self.tr("All statuses"), None)
        self.status_combo.addItem(self.tr("Enrolled"), "enrolled")
        self.status_combo.addItem(self.tr("Withdrawn"), "withdrawn")
        self.status_combo.addItem(self.tr("Completed"), "completed")
        self.summary = QLabel()
        self.export_png, self.export_svg = self._export_buttons()
        bar = QHBoxLayout()
        arm_label = QLabel(self.tr("Arm:"))
        arm_label.setBuddy(self.arm_combo)
        status_label = QLabel(self.tr("Status:"))
        status_label.setBuddy(self.status_combo)
        for w in (arm_label, self.arm_combo, status_label, self.status_combo):
            bar.addWidget(w)
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.export_png)
        bar.addWidget(self.export_svg)

        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("font-size: 14pt; color: #444; padding: 24px;")
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setBackground("w")
        self.graphics.setObjectName("cohortTrendsPlot")
        self._stack = QStackedWidget()
        self._stack.addWidget(self.message)
        self._stack.addWidget(self.graphics)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self._stack, 1)
        self.arm_combo.currentIndexChanged.connect(self.reload)
        self.status_combo.currentIndexChanged.connect(self.reload)
        self.reload()

    def _export_name(self) -> str:
        return "cohort-trends"

    def _arm_name(self, arm: str) -> str:
        return {"msc": self.tr("MSC + standard treatment"), "standard": self.tr("Standard treatment")}.get(arm, arm)

    @property
    def loading(self) -> bool:
        return self._stack.currentWidget() is self.message and self.message.text() == self.tr("Loading…")

    @property
    def loaded(self) -> bool:
        return self.data is not None and not self.loading

    def set_filters(self, arm: str | None = None, status: str | None = None) -> None:
        """Select the arm/status filters (as the combo boxes do) and reload once."""
        for combo, value in ((self.arm_combo, arm), (self.status_combo, status)):
            combo.blockSignals(True)
            combo.setCurrentIndex(combo.findData(value))
            combo.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        """Recompute in the background; the window stays responsive and shows "Loading…" meanwhile."""
        self._generation += 1
        self.error = None
        self.message.setText(self.tr("Loading…"))
        self._stack.setCurrentWidget(self.message)
        self.export_png.setEnabled(False)
        self.export_svg.setEnabled(False)
        run_use_case(self._session, _load_cohort, self.arm_combo.currentData(), self.status_combo.currentData(),
                     self._today, self._generation, on_finished=self._on_loaded, on_failed=self._on_failed)
        self._build_frame()  # the panels without data, built here while the worker reads the assessments

    @Slot(object)
    def _on_loaded(self, result) -> None:
        generation, data = result
        if generation != self._generation:
            return  # a newer filter choice is on its way
        self.data = data
        if not data.has_data:
            self.message.setText(self.tr("No subject with a baseline SLEDAI matches these filters yet."))
            self.summary.setText("")
        else:
            self._draw()
            self._stack.setCurrentWidget(self.graphics)
            self.summary.setText(self.tr("{n} subjects with a baseline SLEDAI · data up to {date}").format(
                n=data.n_subjects, date=fmt_date(data.today)))
        self.export_png.setEnabled(self.can_export())
        self.export_svg.setEnabled(self.can_export())

    @Slot(object)
    def _on_failed(self, exc) -> None:
        self.error = str(exc)
        self.message.setText(self.tr("The cohort plots could not be computed: {error}").format(error=plain_message(exc)))
        self._stack.setCurrentWidget(self.message)

    def _build_frame(self) -> None:
        """The three panels with their titles, axes and reference lines: everything that does not need the data."""
        g = self.graphics
        g.clear()
        self._hover = Hover(g)
        self.plots, self.items, self.n_labels, self.bar_labels = {}, {}, {}, {}
        ci = g.ci
        ci.setSpacing(6)
        with one_layout_pass(ci):
            legend = pg.LegendItem(colCount=4, labelTextColor=INK, labelTextSize="9pt",
                                   brush=pg.mkBrush(255, 255, 255, 0), pen=pg.mkPen(None))
            ci.addItem(legend, row=0, col=0, colspan=3)
            legend.setMaximumHeight(30)
            self.legend = legend
            mean_plot = add_plot(ci, row=1, col=0)
            spaghetti = add_plot(ci, row=1, col=1)
            bars = add_plot(ci, row=1, col=2)
            self.plots = {"mean": mean_plot, "spaghetti": spaghetti, "responders": bars}
            ci.layout.setColumnStretchFactor(0, 7)
            ci.layout.setColumnStretchFactor(1, 5)
            ci.layout.setColumnStretchFactor(2, 4)
            ci.layout.setRowStretchFactor(0, 0)
            ci.layout.setRowStretchFactor(1, 1)
            style_plot(mean_plot, title=self.tr("Mean change from baseline (± SE)"),
                       left=self.tr("Change in SELENA-SLEDAI (points)"),
                       bottom=self.tr("Scheduled visit, at its target study day"))
            style_plot(spaghetti, title=self.tr("Individual trajectories"),
                       left=self.tr("Change in SELENA-SLEDAI (points)"), bottom=self.tr("Study day (0 = baseline)"))
            style_plot(bars, title=self.tr("Responders at month 6"), left=self.tr("Responders (%)"))
            for plot in (mean_plot, spaghetti):
                plot.addItem(pg.InfiniteLine(pos=0, angle=0, pen=pg.mkPen("#999999")))
                plot.addItem(pg.InfiniteLine(
                    pos=-4, angle=0, pen=pg.mkPen(GREEN, style=Qt.PenStyle.DashLine),
                    label=self.tr("SLEDAI-4 response (−4)"),
                    # at the left, where every arm is still near 0: the label never sits on a mean line
                    labelOpts={"position": 0.03, "color": GREEN, "anchors": [(0, 0), (0, 0)],
                               "fill": pg.mkBrush(255, 255, 255, 210)}))
            share_x(mean_plot, [spaghetti])
            mean_plot.vb.setMouseEnabled(y=False)

    def _draw(self) -> None:
        data = self.data
        mean_plot, spaghetti, bars = self.plots["mean"], self.plots["spaghetti"], self.plots["responders"]
        legend = self.legend
        windows = data.windows
        last = max(w.latest_day for w in windows)
        # short tick labels: baseline (day 0) and month 1 (day 30) are close on a six-month axis
        ticks = [(w.target_day, self.tr("Baseline", "short axis label") if w.code == "baseline"
                  else catalog(w.label).split(" (")[0]) for w in windows]
        mean_plot.getAxis("bottom").setTicks([ticks])
        mean_plot.setXRange(-22, last + 20, padding=0)
        # The mean plot's y-range: every mean ± SE, 0 and the −4 threshold, plus one row per arm for the n counts.
        ends = [(s.mean - (s.se or 0), s.mean + (s.se or 0)) for a in data.arms.values() for s in a.visits
                if s.mean is not None]
        y_lo = min([-5.0] + [e[0] for e in ends]) - 0.5
        y_hi = max([1.0] + [e[1] for e in ends]) + 0.5
        row = (y_hi - y_lo) * 0.06
        y_lo -= row * (len(data.arms) + 0.3)
        mean_plot.setYRange(y_lo, y_hi, padding=0)
        mean_plot.addItem(pg.InfiniteLine(pos=y_lo + row * len(data.arms), angle=0, pen=pg.mkPen("#cccccc")))
        # before the trajectories go in: a range change re-processes every item, and auto-range scans them all
        lo = min([-6.0] + [float(a.traj_change.min()) for a in data.arms.values() if a.traj_change.size])
        hi = max([4.0] + [float(a.traj_change.max()) for a in data.arms.values() if a.traj_change.size])
        spaghetti.setYRange(lo - 1, hi + 1, padding=0)
        self._draw_means(mean_plot, spaghetti, legend, y_lo, row)
        self._draw_responders(bars)
        legend.addItem(pg.PlotDataItem(pen=pg.mkPen(GREY, width=1)), self.tr("Individual trajectory (thin)"))
        legend.addItem(pg.PlotDataItem(pen=pg.mkPen(GREEN, style=Qt.PenStyle.DashLine)), self.tr("SLEDAI-4 threshold"))

    def _draw_means(self, mean_plot: Panel, spaghetti: Panel, legend: pg.LegendItem,
                    y_lo: float, row: float) -> None:
        n_arms = len(self.data.arms)
        for k, (arm, cohort) in enumerate(self.data.arms.items()):
            colour, symbol, style = ARM_STYLE[arm]
            qc = QColor(colour)
            stats = cohort.visits
            x = np.array([s.target_day for s in stats], dtype=float) + ARM_OFFSET_DAYS[arm]
            y = np.array([np.nan if s.mean is None else s.mean for s in stats], dtype=float)
            se = np.array([0.0 if s.se is None else s.se for s in stats], dtype=float)
            ok = ~np.isnan(y)
            errors = pg.ErrorBarItem(x=x[ok], y=y[ok], top=se[ok], bottom=se[ok], beam=3.0, pen=pg.mkPen(colour, width=1.5))
            mean_plot.addItem(errors)
            means = data_item(x[ok], y[ok], pen=pg.mkPen(colour, width=2.5, style=style), symbol=symbol,
                                    symbolSize=10, symbolBrush=colour, symbolPen=pg.mkPen("w", width=1), antialias=True)
            mean_plot.addItem(means)
            # n per point in a row per arm under the data (like "numbers at risk"): never on top of a mean or bar.
            glyph = {"o": "●", "s": "■"}[symbol]
            small = QFont()
            small.setPointSizeF(8)
            labels = []
            for s in stats:
                if s.mean is None:
                    continue
                t = pg.TextItem(self.tr("{glyph} n={n}").format(glyph=glyph, n=s.n), color=colour, anchor=(0.5, 0.5))
                t.setFont(small)
                t.setPos(s.target_day, y_lo + row * (n_arms - k - 0.5))
                mean_plot.addItem(t, ignoreBounds=True)
                labels.append(t)
            self.n_labels[arm] = labels
            self._hover.add(mean_plot.vb, x[ok], y[ok], [
                self.tr("{arm} · {visit}\nmean change {mean} (SE {se}), n = {n}").format(
                    arm=self._arm_name(arm), visit=catalog(s.label), mean=fmt(s.mean), se="—" if s.se is None else fmt(s.se), n=s.n)
                for s in stats if s.mean is not None])
            # Fainter as trajectories multiply, so overlaps read as density; dashes only while lines are few.
            faint = QColor(qc)
            faint.setAlpha(int(np.clip(600 / np.sqrt(max(cohort.n_subjects, 1)), 6, 110)))
            line_style = style if cohort.n_subjects <= SPAGHETTI_DASH_MAX else Qt.PenStyle.SolidLine
            lines = data_item(cohort.traj_day, cohort.traj_change, connect=cohort.connect,
                                    pen=pg.mkPen(faint, width=1, style=line_style), antialias=False,
                                    skipFiniteCheck=True)  # study days and changes of assessments with a baseline
            lines.setZValue(-5)
            spaghetti.addItem(lines)
            overlay = data_item(x[ok], y[ok], pen=pg.mkPen(colour, width=3, style=style), symbol=symbol,
                                      symbolSize=9, symbolBrush=colour, symbolPen=pg.mkPen("w", width=1))
            spaghetti.addItem(overlay)
            self.items.update({f"{arm}_errors": errors, f"{arm}_means": means, f"{arm}_trajectories": lines,
                               f"{arm}_overlay": overlay})
            legend.addItem(means, self.tr("{arm} (mean)").format(arm=self._arm_name(arm)))

    def _draw_responders(self, bars: Panel) -> None:
        data = self.data
        sri4 = self.tr("SRI-4 (without BILAG)")
        # two lines: on one line the label is wider than its bar pair and pyqtgraph drops it
        bars.getAxis("bottom").setTicks([[(0, self.tr("SRI-4\n(without BILAG)")), (1, self.tr("SLEDAI-4"))]])
        bars.getAxis("bottom").setHeight(2 * self.fontMetrics().height() + 16)
        bars.setXRange(-0.5, 1.5, padding=0)
        bars.setYRange(0, 118, padding=0)
        bars.vb.setMouseEnabled(x=False, y=False)
        bars.getAxis("left").setTicks([[(v, str(v)) for v in range(0, 101, 20)]])
        self.responder_text: dict[str, str] = {}
        arms = list(data.arms)
        width = 0.4 if len(arms) > 1 else 0.5
        small = QFont()
        small.setPointSizeF(8)
        for k, (arm, cohort) in enumerate(data.arms.items()):
            colour, _symbol, _style = ARM_STYLE[arm]
            offset = (k - (len(arms) - 1) / 2) * (width + 0.04)
            props = [cohort.sri4_proportion, cohort.sledai4_proportion]
            counts = [cohort.sri4_responders, cohort.sledai4_responders]
            heights = [0.0 if p is None else 100.0 * p for p in props]
            brush = QBrush(QColor(colour), Qt.BrushStyle.SolidPattern if arm == "msc" else Qt.BrushStyle.BDiagPattern)
            item = pg.BarGraphItem(x=np.array([0.0, 1.0]) + offset, height=heights, width=width, brush=brush,
                                   pen=pg.mkPen(colour, width=1.5))
            bars.addItem(item)
            self.items[f"{arm}_bars"] = item
            labels = []
            for i, (p, c) in enumerate(zip(props, counts)):
                text = self.tr("no data") if p is None else f"{round(100 * p)} %\n{c}/{cohort.endpoint_n}"
                t = pg.TextItem(text, color=INK, anchor=(0.5, 1.0))
                t.setFont(small)
                t.setPos(i + offset, heights[i] + 1)
                bars.addItem(t, ignoreBounds=True)
                labels.append(t)
            self.bar_labels[arm] = labels
            self.responder_text[arm] = self.tr("{arm}: {sri} {a}/{n}, SLEDAI-4 {b}/{n}").format(
                arm=self._arm_name(arm), sri=sri4, a=counts[0], b=counts[1], n=cohort.endpoint_n)
        bars.setToolTip("\n".join(self.responder_text.values()))
