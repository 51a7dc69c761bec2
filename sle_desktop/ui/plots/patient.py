"""One patient's trends over study days: SELENA-SLEDAI and PGA, events, renal and serology panels.

Data come from `app.trends` as plain arrays; nothing here runs SQL.
"""

from __future__ import annotations

import re
from datetime import date
from html import escape

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from sle_desktop.app import trends
from sle_desktop.ui.common import catalog
from sle_desktop.ui.flare_widget import reasons_text
from sle_desktop.ui.plots.export import ExportMixin
from sle_desktop.ui.plots.style import (
    AXIS_WIDTH,
    BLUE,
    FLARE_SYMBOL,
    GREEN,
    GREY,
    INK,
    MARKER_BOX_PX,
    ORANGE,
    PATIENT_X_MARGIN,
    PURPLE,
    RESPONSE_SYMBOL,
    SKY,
    SLEDAI4_SYMBOL,
    VERMILLION,
    Hover,
    Panel,
    add_plot,
    data_item,
    day_lines,
    fmt,
    fmt_date,
    one_layout_pass,
    share_x,
    step_curve,
    style_plot,
    title_key,
)


class _Keys:
    """The plot's legend as coloured keys in a word-wrapping label above the panels (never over the data)."""

    def __init__(self, label: QLabel):
        self.label = label
        self.entries: list[str] = []

    def addItem(self, colour: str, glyph: str, text: str) -> None:  # noqa: N802 - reads like pyqtgraph's legend
        self.entries.append(f'<span style="color:{colour}">{glyph}</span>&nbsp;{escape(text)}')
        self.label.setText("&nbsp;&nbsp;&nbsp; ".join(self.entries))

    def texts(self) -> list[str]:
        return [re.sub(r"<[^>]+>|&nbsp;", " ", e).strip() for e in self.entries]


class PatientTrendsWidget(ExportMixin, QWidget):
    """SELENA-SLEDAI and PGA over study days with visit windows, outcome markers, events and renal panels."""

    def __init__(self, session, subject_uuid: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("PatientTrendsWidget")
        self._session = session
        self._subject_uuid = subject_uuid
        self.data: trends.PatientTrends | None = None
        self.graphics: pg.GraphicsLayoutWidget | None = None
        self._hover: Hover | None = None
        self.plots: dict[str, Panel] = {}
        self.items: dict[str, object] = {}
        self.window_regions: dict[str, pg.LinearRegionItem] = {}
        self.target_lines: dict[str, pg.InfiniteLine] = {}
        self.band_curves: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = {}

        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.export_png, self.export_svg = self._export_buttons()
        bar = QHBoxLayout()
        bar.addWidget(self.title, 1)
        bar.addWidget(self.export_png)
        bar.addWidget(self.export_svg)
        self.keys_label = QLabel()
        self.keys_label.setObjectName("trendKeys")
        self.keys_label.setTextFormat(Qt.TextFormat.RichText)
        self.keys_label.setWordWrap(True)
        self.keys_label.setVisible(False)
        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("font-size: 14pt; color: #444; padding: 24px;")
        self._stack = QStackedWidget()
        self._stack.addWidget(self.message)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.keys_label)
        layout.addWidget(self._stack, 1)
        self.reload()

    # -- state -------------------------------------------------------------
    @property
    def state(self) -> str:
        """"empty", "single" or "trend" (what the widget shows)."""
        return self.data.state if self.data else "empty"

    def _export_name(self) -> str:
        return f"trends-{self.data.subject_label}" if self.data else "trends"

    def reload(self) -> None:
        """Read the subject's data again and redraw (after data entry)."""
        self.data = trends.patient_trends(self._session, self._subject_uuid)
        d = self.data
        arms = {"msc": self.tr("MSC + standard treatment"), "standard": self.tr("Standard treatment")}
        arm = arms.get(d.arm or "", "")
        if d.baseline_date:
            base = self.tr("baseline {date}").format(date=fmt_date(d.baseline_date))
        else:
            base = self.tr("no baseline visit yet")
        self.title.setText(" · ".join(x for x in (d.subject_label, arm, base) if x))
        if self.graphics is not None:
            self._stack.removeWidget(self.graphics)
            self.graphics.deleteLater()
            self.graphics = None
            self._hover = None
        if d.state == "empty":
            self.message.setText(self.tr("No SLEDAI assessments yet"))
        elif d.state == "single":
            self.message.setText(self.tr("Only one assessment: trends appear after the next visit"))
        else:
            self._build()
        if self.graphics is not None:
            self._stack.setCurrentWidget(self.graphics)
        else:
            self._stack.setCurrentWidget(self.message)
        self.keys_label.setVisible(self.graphics is not None)
        self.export_png.setEnabled(self.can_export())
        self.export_svg.setEnabled(self.can_export())

    # -- drawing -----------------------------------------------------------
    def _relationship(self, code: str) -> str:
        names = {"unrelated": self.tr("unrelated to MSC"), "unlikely": self.tr("unlikely related to MSC"),
                 "possible": self.tr("possibly related to MSC"), "probable": self.tr("probably related to MSC"),
                 "definite": self.tr("definitely related to MSC")}
        return names.get(code, code)

    def _point_heading(self, label: str | None, day: int, when: date, window_status: str | None = None) -> str:
        head = self.tr("{visit} · day {day} · {date}").format(visit=catalog(label) if label else self.tr("No visit"), day=day,
                                                            date=fmt_date(when))
        if window_status in ("early", "late"):
            status = self.tr("early") if window_status == "early" else self.tr("late")
            head += self.tr(" ({status}: protocol deviation)").format(status=status)
        return head

    def _x_range(self) -> tuple[float, float]:
        d = self.data
        days = [d.day, d.infusion_day, np.array([a.day for a in d.adverse_events], dtype=int)]
        days += [s.day for s in d.labs.values()]
        all_days = np.concatenate([np.asarray(x, dtype=float) for x in days])
        latest = max((w.latest_day for w in d.windows), default=0)
        lo = min(-PATIENT_X_MARGIN, float(all_days.min()) - PATIENT_X_MARGIN)
        hi = max(latest + PATIENT_X_MARGIN, float(all_days.max()) + PATIENT_X_MARGIN)
        return lo, hi

    def _build(self) -> None:
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setBackground("w")
        self.graphics.setObjectName("patientTrendsPlot")
        self._stack.addWidget(self.graphics)
        self._hover = Hover(self.graphics)
        self.plots, self.items, self.window_regions, self.target_lines, self.band_curves = {}, {}, {}, {}, {}
        ci = self.graphics.ci
        ci.setSpacing(4)
        x_lo, x_hi = self._x = self._x_range()

        legend = _Keys(self.keys_label)
        self.legend = legend
        # SELENA-SLEDAI (tall) over the events strip on the left, the four renal/serology panels beside them:
        # every panel readable in the height a 1366×768 screen leaves under the subject's header
        renal = pg.GraphicsLayout()
        with one_layout_pass(ci, renal):
            top = add_plot(ci, row=0, col=0)
            events = add_plot(ci, row=1, col=0)
            ci.addItem(renal, row=0, col=1, rowspan=2)
            renal.setSpacing(4)
            for i in (0, 1):
                renal.layout.setColumnStretchFactor(i, 1)
                renal.layout.setRowStretchFactor(i, 1)
            self.plots = {"sledai": top, "events": events}
            # every range is set before the items go in: each change of range re-processes every item in the view
            for p in (top, events):
                p.setXRange(x_lo, x_hi, padding=0)
            self._build_sledai(top, legend, x_lo, x_hi)
            self._build_events(events, legend, x_lo, x_hi)
            # the two left axes are as wide as the widest of their tick labels ("AE / SAE" in Russian is long)
            fm = self.fontMetrics()
            ticks = (self.tr("Infusion"), self.tr("AE / SAE"))
            width = max(AXIS_WIDTH, max(fm.horizontalAdvance(t) for t in ticks) + 16)
            for p in (top, events):
                p.getAxis("left").setWidth(width)
            events.setXLink(top)  # same column, same axis widths: aligned on screen
            layout = ci.layout
            layout.setRowStretchFactor(0, 1)
            layout.setRowStretchFactor(1, 0)
            layout.setColumnStretchFactor(0, 3)
            layout.setColumnStretchFactor(1, 2)
            events.setFixedHeight(fm.height() * 2 + 72)  # two rows of markers and the day axis
            top.setMinimumHeight(150)
            self._build_renal(renal, legend, x_lo, x_hi)
            panels = [p for k, p in self.plots.items() if k not in ("sledai", "events")]
        share_x(top, panels)  # linked once every panel has its range: no cascade of range updates while building

    def _build_sledai(self, plot: Panel, legend: _Keys, x_lo: float, x_hi: float) -> None:
        d = self.data
        style_plot(plot, left=self.tr("SELENA-SLEDAI (points)"))
        plot.getAxis("bottom").setStyle(showValues=False)
        plot.showAxis("right")
        right = plot.getAxis("right")
        right.setLabel(self.tr("PGA (0–3)"), color=INK)
        right.setWidth(52)
        plot.vb.setMouseEnabled(y=False)
        x = d.day.astype(float)
        score = d.score.astype(float)
        plot.setYRange(0, max(12.0, float(score.max()) * 1.25 + 2), padding=0)
        # Windows and target days first (behind the data).
        for k, w in enumerate(d.windows):
            if w.has_window:
                region = pg.LinearRegionItem(values=(w.earliest_day, w.latest_day), movable=False,
                                             brush=pg.mkBrush(86, 180, 233, 40), pen=pg.mkPen(None))
                region.setZValue(-20)
                plot.addItem(region)
                self.window_regions[w.code] = region
            short = catalog(w.label).split(" (")[0]
            day0 = w.target_day == 0  # baseline: a solid dark line
            pen = pg.mkPen(INK if day0 else "#8a8a8a", width=1.5 if day0 else 1,
                           style=Qt.PenStyle.SolidLine if day0 else Qt.PenStyle.DashLine)
            line = pg.InfiniteLine(pos=w.target_day, angle=90, movable=False, pen=pen, label=short,
                                   # neighbouring visits' names on alternate rows: "Baseline" and "Month 1" are
                                   # close on a six-month axis
                                   labelOpts={"position": 0.97 if k % 2 == 0 else 0.86, "color": INK,
                                              # near the right end the name goes left of its line
                                              "anchors": [(1, 0), (1, 0)] if w.target_day > x_lo + 0.8 * (x_hi - x_lo)
                                              else [(0, 0), (0, 0)],
                                              "fill": pg.mkBrush(255, 255, 255, 200)})
            line.setZValue(-10)
            plot.addItem(line)
            self.target_lines[w.code] = line
        # PGA in its own view box on the right axis, x linked.
        pga_vb = pg.ViewBox(enableMenu=False)
        pga_vb.setMouseEnabled(x=True, y=False)
        plot.scene().addItem(pga_vb)
        right.linkToView(pga_vb)
        pga_vb.setXLink(plot.vb)
        pga_vb.setYRange(0, 3.3, padding=0)

        def sync():
            pga_vb.setGeometry(plot.vb.sceneBoundingRect())
            pga_vb.linkedViewChanged(plot.vb, pga_vb.XAxis)

        plot.vb.sigResized.connect(sync)
        self._pga_sync = sync
        sync()
        self.pga_viewbox = pga_vb

        sledai = data_item(x, score, pen=pg.mkPen(BLUE, width=2.5), symbol="o", symbolSize=9,
                                 symbolBrush=BLUE, symbolPen=pg.mkPen("w", width=1), antialias=True)
        sledai.setZValue(10)
        plot.addItem(sledai)
        pga = data_item(x, d.pga, pen=pg.mkPen(ORANGE, width=2, style=Qt.PenStyle.DashLine), symbol="s",
                              symbolSize=8, symbolBrush=ORANGE, symbolPen=pg.mkPen("w", width=1), antialias=True)
        pga_vb.addItem(pga)
        self.items.update(sledai=sledai, pga=pga)

        heads = [self._point_heading(lbl, int(day), when, ws) for lbl, day, when, ws in
                 zip(d.visit_label, d.day, d.visit_date, d.window_status)]
        yes, no = self.tr("yes"), self.tr("no")
        flare_names = {"none": self.tr("none"), "mild_moderate": self.tr("mild/moderate"), "severe": self.tr("severe")}
        texts = []
        for i, head in enumerate(heads):
            lines = [head, self.tr("SELENA-SLEDAI {score} points").format(score=int(d.score[i]))]
            if not np.isnan(d.change[i]):
                lines[-1] += self.tr(" (change from baseline {change})").format(change=fmt(d.change[i], 0))
            if d.sri4[i] is not None:
                lines.append(self.tr("SLEDAI-4 response: {a} · SRI-4 (without BILAG): {b}").format(
                    a=yes if d.sledai4[i] else no, b=yes if d.sri4[i] else no))
            shown = d.flare_shown[i] if i < len(d.flare_shown) else None
            if shown is not None and d.flare_complete[i]:
                line = self.tr("SELENA Flare Index vs previous assessment: {flare}").format(flare=flare_names[shown])
                if d.flare_reasons[i]:
                    line += " (" + reasons_text(d.flare_reasons[i]) + ")"
                lines.append(line)
            elif shown is not None:
                lines.append(self.tr("SELENA flare (SLEDAI/PGA parts) vs previous assessment: {flare}; recorded "
                                     "before the SELENA Flare Index (partial)").format(flare=flare_names[shown]))
            texts.append("\n".join(lines))
        self._hover.add(plot.vb, x, score, texts)
        self._hover.add(pga_vb, x, d.pga, [f"{h}\n" + self.tr("PGA {pga}").format(pga=f"{p:.1f}") for h, p in zip(heads, d.pga)])

        # the SELENA Flare Index of each assessment (its SLEDAI/PGA parts for one recorded before the index)
        flare_idx = [i for i, f in enumerate(d.flare_shown) if f in ("mild_moderate", "severe")]
        brushes = [pg.mkBrush(VERMILLION) if d.flare_shown[i] == "severe" else pg.mkBrush(255, 255, 255, 255)
                   for i in flare_idx]
        flare = pg.ScatterPlotItem(x[flare_idx], score[flare_idx], symbol=FLARE_SYMBOL, size=MARKER_BOX_PX,
                                   pen=pg.mkPen(VERMILLION, width=2), brush=brushes)
        sri = [i for i, r in enumerate(d.sri4) if r]
        only4 = [i for i, (r4, s) in enumerate(zip(d.sledai4, d.sri4)) if r4 and not s]
        sri_item = pg.ScatterPlotItem(x[sri], score[sri], symbol=RESPONSE_SYMBOL, size=MARKER_BOX_PX, pen=pg.mkPen(GREEN, width=1.5),
                                      brush=pg.mkBrush(GREEN))
        s4_item = pg.ScatterPlotItem(x[only4], score[only4], symbol=SLEDAI4_SYMBOL, size=MARKER_BOX_PX,
                                     pen=pg.mkPen(GREEN, width=2), brush=pg.mkBrush(255, 255, 255))
        for item in (flare, sri_item, s4_item):
            item.setZValue(11)
            plot.addItem(item)
        self.items.update(flare=flare, sri4=sri_item, sledai4=s4_item)

        legend.addItem(BLUE, "●━", self.tr("SELENA-SLEDAI"))
        legend.addItem(ORANGE, "■╌", self.tr("PGA (right axis)"))
        legend.addItem(VERMILLION, "▲", self.tr("SELENA Flare Index flare (filled: severe)"))
        legend.addItem(GREEN, "★", self.tr("SRI-4 (without BILAG) response"))
        legend.addItem(GREEN, "◇", self.tr("SLEDAI-4 response only"))
        legend.addItem(SKY, "█", self.tr("Visit window"))

    def _build_events(self, plot: Panel, legend: _Keys, x_lo: float, x_hi: float) -> None:
        d = self.data
        style_plot(plot, bottom=self.tr("Study day (0 = baseline)"))
        plot.showAxis("right")
        plot.getAxis("right").setStyle(showValues=False)
        plot.getAxis("right").setWidth(52)
        plot.getAxis("left").setTicks([[(1, self.tr("Infusion")), (0, self.tr("AE / SAE"))]])
        plot.showGrid(x=False, y=False)
        plot.setYRange(-0.7, 1.7, padding=0)
        plot.vb.setMouseEnabled(y=False)
        day_lines(plot, [w.target_day for w in d.windows], pg.mkPen("#d0d0d0"))
        inf_x = d.infusion_day.astype(float)
        infusions = pg.ScatterPlotItem(inf_x, np.ones(inf_x.size), symbol="t1", size=14, pen=pg.mkPen(INK),
                                       brush=pg.mkBrush(SKY))
        plot.addItem(infusions)
        self._hover.add(plot.vb, inf_x, np.ones(inf_x.size),
                        [self.tr("MSC infusion · day {day} · {date}").format(day=int(day), date=fmt_date(when))
                         for day, when in zip(d.infusion_day, d.infusion_date)])
        ae = [a for a in d.adverse_events if not a.serious]
        sae = [a for a in d.adverse_events if a.serious]
        ae_item = pg.ScatterPlotItem([a.day for a in ae], np.zeros(len(ae)), symbol="o", size=10,
                                     pen=pg.mkPen(INK), brush=pg.mkBrush(200, 200, 200))
        sae_item = pg.ScatterPlotItem([a.day for a in sae], np.zeros(len(sae)), symbol="star", size=18,
                                      pen=pg.mkPen("#7a2a00"), brush=pg.mkBrush(VERMILLION))
        plot.addItem(ae_item)
        plot.addItem(sae_item)
        for events, serious in ((ae, False), (sae, True)):
            kind = self.tr("Serious adverse event") if serious else self.tr("Adverse event")
            self._hover.add(plot.vb, [a.day for a in events], np.zeros(len(events)), [
                self.tr("{kind} · day {day} · {date}\n{term}, CTCAE grade {grade}, {relationship}").format(
                    kind=kind, day=a.day, date=fmt_date(a.onset_date), term=a.term, grade=a.grade,
                    relationship=self._relationship(a.relationship)) for a in events])
        self.items.update(infusions=infusions, ae=ae_item, sae=sae_item)
        legend.addItem(SKY, "▲", self.tr("MSC infusion"))
        legend.addItem(GREY, "●", self.tr("Adverse event"))
        legend.addItem(VERMILLION, "★", self.tr("Serious adverse event"))

    def _lab_texts(self, s: trends.LabSeries, name: str, digits: int = 2) -> list[str]:
        out = []
        for i in range(s.n):
            lo, hi = s.lln[i], s.uln[i]
            value = f"{name} {fmt(s.value[i], digits)} {s.unit}"
            if not np.isnan(lo) and not np.isnan(hi):
                value += self.tr(" (normal {lo}–{hi})").format(lo=fmt(lo), hi=fmt(hi))
            elif not np.isnan(hi):
                value += self.tr(" (normal ≤ {hi})").format(hi=fmt(hi))
            elif not np.isnan(lo):
                value += self.tr(" (normal ≥ {lo})").format(lo=fmt(lo))
            if not np.isnan(lo) and s.value[i] < lo:
                value += self.tr(" — low")
            elif not np.isnan(hi) and s.value[i] > hi:
                value += self.tr(" — high")
            if s.notes[i]:
                value += f"\n{s.notes[i]}"
            out.append(self._point_heading(s.visit_label[i], int(s.day[i]), s.dates[i]) + "\n" + value)
        return out

    def _band(self, plot: Panel, key: str, s: trends.LabSeries, colour: str, x_lo: float, x_hi: float) -> None:
        """The laboratory's normal range per point: a band (both limits, or 0..upper) or a dashed lower-limit line."""
        if s.n == 0:
            return
        has_lo, has_hi = ~np.isnan(s.lln), ~np.isnan(s.uln)
        qc = QColor(colour)
        if has_hi.any():
            both = has_lo & has_hi
            if both.any():
                lx, ly = step_curve(s.day[both], s.lln[both], x_lo, x_hi)
                ux, uy = step_curve(s.day[both], s.uln[both], x_lo, x_hi)
            else:
                ux, uy = step_curve(s.day, s.uln, x_lo, x_hi)
                lx, ly = ux, np.zeros_like(uy)
            lower = pg.PlotCurveItem(lx, ly, pen=pg.mkPen(qc.darker(110), width=1, style=Qt.PenStyle.DotLine))
            upper = pg.PlotCurveItem(ux, uy, pen=pg.mkPen(qc.darker(110), width=1, style=Qt.PenStyle.DotLine))
            fill = QColor(qc)
            fill.setAlpha(38)
            band = pg.FillBetweenItem(lower, upper, brush=QBrush(fill))
            for item in (band, lower, upper):
                item.setZValue(-15)
                plot.addItem(item)
            self.items[f"{key}_band"] = band
            self.band_curves[key] = (lx, ly, ux, uy)
        elif has_lo.any():
            lx, ly = step_curve(s.day, s.lln, x_lo, x_hi)
            lower = pg.PlotCurveItem(lx, ly, pen=pg.mkPen(qc, width=1.5, style=Qt.PenStyle.DashLine))
            lower.setZValue(-15)
            plot.addItem(lower)
            self.band_curves[key] = (lx, ly, np.zeros(0), np.zeros(0))

    def _series(self, plot: Panel, key: str, s: trends.LabSeries, colour: str, symbol: str, name: str,
                digits: int = 2, dashed: bool = False) -> None:
        style = Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine
        item = data_item(s.day.astype(float), s.value, pen=pg.mkPen(colour, width=2, style=style), symbol=symbol,
                               symbolSize=7, symbolBrush=colour, symbolPen=pg.mkPen("w", width=1), antialias=True)
        item.setZValue(5)
        plot.addItem(item)
        self.items[key] = item
        self._hover.add(plot.vb, s.day, s.value, self._lab_texts(s, name, digits))

    def _renal_plot(self, layout, row: int, col: int, key: str, title: str, unit: str) -> Panel:
        plot = add_plot(layout, row=row, col=col)
        plot.setXRange(*self._x, padding=0)
        cut = unit.rfind("/")
        if self.fontMetrics().horizontalAdvance(unit) > 80 and cut > 0:  # "mL/min/1.73 m²" on two lines
            unit = unit[:cut + 1] + "<br>" + unit[cut + 1:]
        style_plot(plot, title=title, left=unit, bottom=self.tr("Study day") if row == 1 else None)
        plot.vb.setMouseEnabled(y=False)
        plot.showAxis("right")
        plot.getAxis("right").setStyle(showValues=False)
        plot.getAxis("right").setWidth(8)
        day_lines(plot, [w.target_day for w in self.data.windows], pg.mkPen("#dddddd"))
        self.plots[key] = plot
        return plot

    def _no_values(self, plot: Panel, text: str) -> None:
        label = pg.TextItem(text, color=GREY, anchor=(0.5, 0.5))
        plot.addItem(label, ignoreBounds=True)
        label.setPos((self._x[0] + self._x[1]) / 2, 0.5)
        plot.setYRange(0, 1)
        plot.getAxis("left").setStyle(showValues=False)

    def _build_renal(self, layout, legend: _Keys, x_lo: float, x_hi: float) -> None:
        d = self.data
        labs = d.labs
        none = self.tr("No results")
        # Proteinuria: 24 h protein and UPCR (g/g); the 0.5 line is the protocol's active-nephritis threshold.
        title = self.tr("Proteinuria") + title_key(BLUE, "●", self.tr("24 h protein (g/24 h)"))
        if labs["upcr"].n:
            title += title_key(PURPLE, "◆", self.tr("UPCR (g/g)"))
        unit = self.tr("g/24 h · g/g") if labs["upcr"].n else self.tr("g/24 h")
        p = self._renal_plot(layout, 0, 0, "proteinuria", title, unit)
        self._band(p, "protein_24h", labs["protein_24h"], BLUE, x_lo, x_hi)
        self._band(p, "upcr", labs["upcr"], PURPLE, x_lo, x_hi)
        if labs["protein_24h"].n:
            self._series(p, "protein_24h", labs["protein_24h"], BLUE, "o", self.tr("24 h urine protein"))
        if labs["upcr"].n:
            self._series(p, "upcr", labs["upcr"], PURPLE, "d", self.tr("UPCR"), dashed=True)
        if labs["protein_24h"].n or labs["upcr"].n:
            p.addItem(pg.InfiniteLine(pos=0.5, angle=0, pen=pg.mkPen(GREY, style=Qt.PenStyle.DashLine),
                                      label="0.5", labelOpts={"position": 0.99, "color": GREY, "anchors": [(1, 1), (1, 1)]}))
            p.vb.enableAutoRange(y=True)
            p.setLimits(yMin=0)
        else:
            self._no_values(p, none)
        # eGFR (computed): 60 mL/min/1.73 m² marks CKD stage 3.
        e = self._renal_plot(layout, 0, 1, "egfr", self.tr("eGFR (CKD-EPI 2021)"), self.tr("mL/min/1.73 m²"))
        if labs["egfr"].n:
            self._series(e, "egfr", labs["egfr"], BLUE, "o", self.tr("eGFR"), digits=1)
            e.addItem(pg.InfiniteLine(pos=60, angle=0, pen=pg.mkPen(GREY, style=Qt.PenStyle.DashLine),
                                      label="60", labelOpts={"position": 0.99, "color": GREY, "anchors": [(1, 1), (1, 1)]}))
            e.setYRange(0, max(130.0, float(labs["egfr"].value.max()) * 1.1), padding=0)
        else:
            why = d.egfr_missing[-1][1] if d.egfr_missing else self.tr("no creatinine result")
            self._no_values(e, self.tr("Not computed: {why}").format(why=why))
        # Complement C3 and C4 share g/L; each with its own normal band.
        title = self.tr("Complement") + title_key(GREEN, "●", self.tr("C3")) + title_key(PURPLE, "◆", self.tr("C4"))
        c = self._renal_plot(layout, 1, 0, "complement", title, self.tr("g/L"))
        self._band(c, "c3", labs["c3"], GREEN, x_lo, x_hi)
        self._band(c, "c4", labs["c4"], PURPLE, x_lo, x_hi)
        if labs["c3"].n:
            self._series(c, "c3", labs["c3"], GREEN, "o", self.tr("C3"))
        if labs["c4"].n:
            self._series(c, "c4", labs["c4"], PURPLE, "d", self.tr("C4"), dashed=True)
        if not (labs["c3"].n or labs["c4"].n):
            self._no_values(c, none)
        else:
            c.setLimits(yMin=0)
        a = self._renal_plot(layout, 1, 1, "anti_dsdna", self.tr("Anti-dsDNA"), self.tr("IU/mL"))
        self._band(a, "anti_dsdna", labs["anti_dsdna"], BLUE, x_lo, x_hi)
        if labs["anti_dsdna"].n:
            self._series(a, "anti_dsdna", labs["anti_dsdna"], BLUE, "o", self.tr("Anti-dsDNA"), digits=1)
            a.setLimits(yMin=0)
        else:
            self._no_values(a, none)
        legend.addItem("#9cc3e0", "█", self.tr("Laboratory normal range"))

