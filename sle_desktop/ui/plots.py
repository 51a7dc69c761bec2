"""Trend plots (pyqtgraph): one patient over study days, and the two arms compared.

Data come from `app.trends` as plain arrays; nothing here runs SQL. The cohort is
computed off the GUI thread (`ui.worker.run_in_background`) on its own connection.
Colours are the Okabe–Ito colour-blind-safe palette; the arms differ by symbol and
line style as well as colour.
"""

from __future__ import annotations

import dataclasses
import importlib
from datetime import date
from pathlib import Path

import numpy as np
import pyqtgraph as pg
import pyqtgraph.exporters  # noqa: F401 - registers pg.exporters
from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QBrush, QColor, QFont, QPainterPath, QTransform
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sle_desktop.app import trends
from sle_desktop.ui.common import catalog
from sle_desktop.ui.worker import run_in_background

# Okabe–Ito palette.
BLUE = "#0072B2"
ORANGE = "#E69F00"
SKY = "#56B4E9"
GREEN = "#009E73"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
GREY = "#666666"
INK = "#222222"

ARM_STYLE = {
    # colour, symbol, line style: distinguishable without colour too
    "msc": (BLUE, "o", Qt.PenStyle.SolidLine),
    "standard": (ORANGE, "s", Qt.PenStyle.DashLine),
}
ARM_OFFSET_DAYS = {"msc": -2.0, "standard": 2.0}
"""The cohort means of the two arms are drawn this many days either side of the target day so error bars do not overlap."""
SPAGHETTI_DASH_MAX = 300
"""Above this many subjects per arm, trajectories are drawn solid (dashes turn into noise); means keep their style."""
HOVER_RADIUS_PX = 14
AXIS_WIDTH = 64
PATIENT_X_MARGIN = 8


MARKER_BOX_PX = 44


def _beside(symbol: str, glyph_px: float, dy_px: float) -> QPainterPath:
    """A scatter symbol `glyph_px` wide drawn `dy_px` below (negative: above) the point.

    pyqtgraph renders each symbol into a square of the spot size, so the spot is
    MARKER_BOX_PX wide and the glyph is scaled down and moved inside it.
    """
    from pyqtgraph.graphicsItems.ScatterPlotItem import Symbols

    k = glyph_px / MARKER_BOX_PX
    return QTransform().translate(0, dy_px / MARKER_BOX_PX).scale(k, k).map(Symbols[symbol])


FLARE_SYMBOL = _beside("t1", 13, -13)     # ▲ above the SLEDAI point
RESPONSE_SYMBOL = _beside("star", 15, 13)  # ★ below it
SLEDAI4_SYMBOL = _beside("d", 12, 13)      # ◆ below it


def _key(colour: str, glyph: str, name: str) -> str:
    """A coloured legend key inside a panel title (keeps legends off the data)."""
    return f'&nbsp;&nbsp;<span style="color:{colour}">{glyph}</span>&nbsp;{name}'


def _fmt_date(d: date) -> str:
    return f"{d:%d.%m.%Y}"


def _fmt(value: float, digits: int = 2) -> str:
    """At most `digits` decimals, trailing zeros dropped, a true minus sign: −4, 0.9, 1.25, 100."""
    text = f"{value:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text.replace("-", "−")


class _Axis(pg.AxisItem):
    """A dark axis that never rescales its unit with an SI prefix (clinical units are fixed)."""

    def __init__(self, orientation: str):
        super().__init__(orientation, pen=pg.mkPen("#444"), textPen=pg.mkPen(INK))
        self.autoSIPrefix = False

    def updateAutoSIPrefix(self) -> None:  # noqa: N802 - pyqtgraph's name
        # pyqtgraph calls this on every range change and re-renders the label's HTML each time; with the prefix
        # off and nothing to undo, there is nothing to update (about a tenth of a patient plot's build time).
        if self.autoSIPrefix or self.autoSIPrefixScale != 1.0 or self.labelUnitPrefix:
            super().updateAutoSIPrefix()


def _add_plot(layout, **where) -> pg.PlotItem:
    """A plot (without pyqtgraph's context menu) with `_Axis` left and bottom axes in `layout` (a GraphicsLayout)."""
    plot = pg.PlotItem(enableMenu=False, axisItems={name: _Axis(name) for name in ("left", "bottom")})
    layout.addItem(plot, **where)
    return plot


def _style_plot(plot: pg.PlotItem, *, title: str | None = None, left: str | None = None,
                bottom: str | None = None) -> None:
    """Titles, axis labels, a light grid; no mouse menu or auto-range button."""
    right = plot.getAxis("right")  # shown (without values) as the frame of some panels
    right.setPen(pg.mkPen("#444"))
    right.setTextPen(pg.mkPen(INK))
    if title:
        plot.setTitle(title, color=INK, size="10pt")
    if left:
        plot.setLabel("left", left, color=INK)
    if bottom:
        plot.setLabel("bottom", bottom, color=INK)
    plot.getAxis("left").setWidth(AXIS_WIDTH)
    plot.showGrid(x=False, y=True, alpha=0.15)
    plot.setMenuEnabled(False)
    plot.hideButtons()


def _step_curve(days: np.ndarray, limits: np.ndarray, x_lo: float, x_hi: float) -> tuple[np.ndarray, np.ndarray]:
    """A piecewise-constant curve of per-point limits over [x_lo, x_hi], changing halfway between points."""
    ok = ~np.isnan(limits)
    days, limits = days[ok].astype(float), limits[ok]
    if days.size == 0:
        return np.zeros(0), np.zeros(0)
    mids = (days[:-1] + days[1:]) / 2
    edges = np.concatenate(([min(x_lo, days[0])], mids, [max(x_hi, days[-1])]))
    x = np.repeat(edges, 2)[1:-1]
    y = np.repeat(limits, 2)
    return x, y


def _share_x(master: pg.PlotItem, others: list[pg.PlotItem]) -> None:
    """Give `others` the same x-range as `master` (and back), whatever their size and position on screen.

    pyqtgraph's setXLink lines overlapping views up on screen, which shifts side-by-side panels.
    """
    plots = [master, *others]
    busy = [False]

    def follow(source: pg.PlotItem):
        def changed(_vb, rng):
            if busy[0]:
                return
            busy[0] = True
            try:
                for p in plots:
                    if p is not source:
                        p.setXRange(*rng, padding=0)
            finally:
                busy[0] = False
        return changed

    for p in plots:
        p.vb.sigXRangeChanged.connect(follow(p))


class _Hover:
    """Nearest-point readout: moving the mouse near a registered point shows its text in a box beside it."""

    def __init__(self, graphics: pg.GraphicsLayoutWidget):
        self._targets: list[tuple[pg.ViewBox, np.ndarray, np.ndarray, list[str]]] = []
        self._vb: pg.ViewBox | None = None
        self.text_item = pg.TextItem("", color=INK, fill=pg.mkBrush(255, 255, 255, 235), border=pg.mkPen("#888"))
        self.text_item.setZValue(10_000)
        self.text_item.hide()
        self.current: str | None = None
        self._proxy = pg.SignalProxy(graphics.scene().sigMouseMoved, rateLimit=30, slot=self.on_mouse_moved)

    def add(self, vb: pg.ViewBox, x, y, texts: list[str]) -> None:
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
        if x.size:
            self._targets.append((vb, x, y, list(texts)))

    def on_mouse_moved(self, evt) -> None:
        pos = evt[0]
        best = None
        for vb, x, y, texts in self._targets:
            if not vb.isVisible() or not vb.sceneBoundingRect().contains(pos):
                continue
            p = vb.mapSceneToView(pos)
            pw, ph = vb.viewPixelSize()
            if not pw or not ph:
                continue
            dist = np.hypot((x - p.x()) / pw, (y - p.y()) / ph)
            dist[np.isnan(dist)] = np.inf
            i = int(np.argmin(dist))
            if dist[i] <= HOVER_RADIUS_PX and (best is None or dist[i] < best[0]):
                best = (dist[i], vb, x[i], y[i], texts[i])
        if best is None:
            self.text_item.hide()
            self.current = None
            return
        _d, vb, x, y, text = best
        if self._vb is not vb:
            if self._vb is not None:
                self._vb.removeItem(self.text_item)
            vb.addItem(self.text_item, ignoreBounds=True)
            self._vb = vb
        (x0, x1), (y0, y1) = vb.viewRange()
        # Keep the box inside the plot: open it toward the roomier side.
        self.text_item.setAnchor((1.0 if x > (x0 + x1) / 2 else 0.0, 0.0 if y > (y0 + y1) / 2 else 1.0))
        self.text_item.setText(text)
        self.text_item.setPos(x, y)
        self.text_item.show()
        self.current = text


def _export_svg(graphics: pg.GraphicsLayoutWidget, path: str) -> None:
    """pyqtgraph's SVGExporter, tolerating the closepath ("Z") tokens Qt ≥ 6.10 writes.

    pyqtgraph 0.14 parses every path token as "x,y" and fails on a bare "Z"
    (pyqtgraph issue #3485). During this export only, its coordinate fixer gets the
    paths without those tokens; Qt's closed shapes already end at their start point,
    and fills close implicitly, so the drawing is unchanged.
    """
    module = importlib.import_module("pyqtgraph.exporters.SVGExporter")
    original = module.correctCoordinates

    def tolerant(node, defs, item, options):
        for element in node.getElementsByTagName("path"):
            d = element.getAttribute("d")
            if "Z" in d or "z" in d:
                element.setAttribute("d", " ".join(t for t in d.split() if t not in ("Z", "z")))
        return original(node, defs, item, options)

    module.correctCoordinates = tolerant
    try:
        pg.exporters.SVGExporter(graphics.scene()).export(path)
    finally:
        module.correctCoordinates = original


class _ExportMixin:
    """"Export PNG…"/"Export SVG…" buttons and `export_image(path)` for the widget's plot scene."""

    graphics: pg.GraphicsLayoutWidget | None

    def _export_buttons(self) -> tuple[QPushButton, QPushButton]:
        png = QPushButton(self.tr("Export PNG…"))
        svg = QPushButton(self.tr("Export SVG…"))
        png.clicked.connect(lambda: self._export_dialog("png"))
        svg.clicked.connect(lambda: self._export_dialog("svg"))
        return png, svg

    def can_export(self) -> bool:
        return self.graphics is not None and self._stack.currentWidget() is self.graphics

    def export_image(self, path) -> Path:
        """Write the plots to `path`: PNG or SVG by the file suffix. Returns the path written."""
        path = Path(path)
        if not self.can_export():
            raise RuntimeError(self.tr("There is no plot to export yet."))
        suffix = path.suffix.lower()
        if suffix not in (".png", ".svg"):
            raise ValueError(self.tr("Export as .png or .svg, not {suffix}.").format(suffix=suffix or "(none)"))
        hover_visible = self._hover.text_item.isVisible() if self._hover else False
        if self._hover:
            self._hover.text_item.hide()
        try:
            if suffix == ".png":
                pg.exporters.ImageExporter(self.graphics.scene()).export(str(path))
            else:
                _export_svg(self.graphics, str(path))
        finally:
            if hover_visible:
                self._hover.text_item.show()
        if not path.exists() or path.stat().st_size == 0:
            raise OSError(self.tr("The image could not be written to {path}.").format(path=path))
        return path

    def _export_dialog(self, kind: str) -> None:
        caption = self.tr("Export PNG") if kind == "png" else self.tr("Export SVG")
        filt = self.tr("PNG image (*.png)") if kind == "png" else self.tr("SVG drawing (*.svg)")
        path, _ = QFileDialog.getSaveFileName(self, caption, f"{self._export_name()}.{kind}", filt)
        if not path:
            return
        if not path.lower().endswith(f".{kind}"):
            path += f".{kind}"
        try:
            self.export_image(path)
        except (OSError, RuntimeError, ValueError) as exc:
            QMessageBox.warning(self, caption, str(exc))


# --------------------------------------------------------------------------- one patient

class PatientTrendsWidget(_ExportMixin, QWidget):
    """SELENA-SLEDAI and PGA over study days with visit windows, outcome markers, events and renal panels."""

    def __init__(self, session, subject_uuid: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("PatientTrendsWidget")
        self._session = session
        self._subject_uuid = subject_uuid
        self.data: trends.PatientTrends | None = None
        self.graphics: pg.GraphicsLayoutWidget | None = None
        self._hover: _Hover | None = None
        self.plots: dict[str, pg.PlotItem] = {}
        self.items: dict[str, object] = {}
        self.window_regions: dict[str, pg.LinearRegionItem] = {}
        self.target_lines: dict[str, pg.InfiniteLine] = {}
        self.band_curves: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = {}
        self._renal_layout = None
        self._renal_built = True

        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.export_png, self.export_svg = self._export_buttons()
        bar = QHBoxLayout()
        bar.addWidget(self.title, 1)
        bar.addWidget(self.export_png)
        bar.addWidget(self.export_svg)
        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("font-size: 14pt; color: #444; padding: 24px;")
        self._stack = QStackedWidget()
        self._stack.addWidget(self.message)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
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
            base = self.tr("baseline {date}").format(date=_fmt_date(d.baseline_date))
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
                                                            date=_fmt_date(when))
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
        self._hover = _Hover(self.graphics)
        self.plots, self.items, self.window_regions, self.target_lines, self.band_curves = {}, {}, {}, {}, {}
        ci = self.graphics.ci
        ci.setSpacing(4)
        x_lo, x_hi = self._x_range()

        legend = pg.LegendItem(colCount=6, labelTextColor=INK, labelTextSize="8pt",
                               brush=pg.mkBrush(255, 255, 255, 0), pen=pg.mkPen(None))
        ci.addItem(legend, row=0, col=0)
        top = _add_plot(ci, row=1, col=0)
        events = _add_plot(ci, row=2, col=0)
        renal = ci.addLayout(row=3, col=0)
        renal.setSpacing(4)
        self.plots = {"sledai": top, "events": events}
        self.legend = legend
        self._build_sledai(top, legend, x_lo, x_hi)
        self._build_events(events, legend, x_lo, x_hi)
        events.setXLink(top)  # same column, same axis widths: aligned on screen
        top.setXRange(x_lo, x_hi, padding=0)
        layout = ci.layout
        for row, factor in ((0, 0), (1, 5), (2, 1), (3, 7)):
            layout.setRowStretchFactor(row, factor)
        legend.setMaximumHeight(48)
        events.setFixedHeight(92)
        # The four renal/serology panels (half the build and paint cost) follow in the next event-loop turn,
        # so the SLEDAI panel shows first; ensure_renal() draws them at once (export, tests).
        self._renal_layout, self._renal_built = renal, False
        QTimer.singleShot(0, self, self.ensure_renal)

    def ensure_renal(self) -> None:
        """Draw the renal/serology panels now if they are still pending (no-op once drawn)."""
        if self._renal_built or self.graphics is None or self._renal_layout is None:
            return
        self._renal_built = True
        x_lo, x_hi = self._x_range()
        self._build_renal(self._renal_layout, self.legend, x_lo, x_hi)
        top = self.plots["sledai"]
        renal = [p for k, p in self.plots.items() if k not in ("sledai", "events")]
        _share_x(top, renal)
        lo, hi = top.vb.viewRange()[0]
        for p in renal:
            p.setXRange(lo, hi, padding=0)

    def export_image(self, path) -> Path:
        self.ensure_renal()
        return super().export_image(path)

    def _build_sledai(self, plot: pg.PlotItem, legend: pg.LegendItem, x_lo: float, x_hi: float) -> None:
        d = self.data
        _style_plot(plot, left=self.tr("SELENA-SLEDAI (points)"))
        plot.getAxis("bottom").setStyle(showValues=False)
        plot.showAxis("right")
        right = plot.getAxis("right")
        right.setLabel(self.tr("PGA (0–3)"), color=INK)
        right.setWidth(52)
        plot.vb.setMouseEnabled(y=False)
        # Windows and target days first (behind the data).
        for w in d.windows:
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
                                   labelOpts={"position": 0.96, "color": INK, "anchors": [(0, 0), (0, 0)],
                                              "fill": pg.mkBrush(255, 255, 255, 200)})
            line.setZValue(-10)
            plot.addItem(line)
            self.target_lines[w.code] = line
        # PGA in its own view box on the right axis, x linked.
        pga_vb = pg.ViewBox(enableMenu=False)
        pga_vb.setMouseEnabled(x=True, y=False)
        plot.scene().addItem(pga_vb)
        right.linkToView(pga_vb)
        pga_vb.setXLink(plot)
        pga_vb.setYRange(0, 3.3, padding=0)

        def sync():
            pga_vb.setGeometry(plot.vb.sceneBoundingRect())
            pga_vb.linkedViewChanged(plot.vb, pga_vb.XAxis)

        plot.vb.sigResized.connect(sync)
        self._pga_sync = sync
        sync()
        self.pga_viewbox = pga_vb

        x = d.day.astype(float)
        score = d.score.astype(float)
        sledai = pg.PlotDataItem(x, score, pen=pg.mkPen(BLUE, width=2.5), symbol="o", symbolSize=9,
                                 symbolBrush=BLUE, symbolPen=pg.mkPen("w", width=1), antialias=True)
        sledai.setZValue(10)
        plot.addItem(sledai)
        pga = pg.PlotDataItem(x, d.pga, pen=pg.mkPen(ORANGE, width=2, style=Qt.PenStyle.DashLine), symbol="s",
                              symbolSize=8, symbolBrush=ORANGE, symbolPen=pg.mkPen("w", width=1), antialias=True)
        pga_vb.addItem(pga)
        self.items.update(sledai=sledai, pga=pga)
        y_max = max(12.0, float(score.max()) * 1.25 + 2)
        plot.setYRange(0, y_max, padding=0)

        heads = [self._point_heading(lbl, int(day), when, ws) for lbl, day, when, ws in
                 zip(d.visit_label, d.day, d.visit_date, d.window_status)]
        yes, no = self.tr("yes"), self.tr("no")
        flare_names = {"none": self.tr("none"), "mild_moderate": self.tr("mild/moderate"), "severe": self.tr("severe")}
        texts = []
        for i, head in enumerate(heads):
            lines = [head, self.tr("SELENA-SLEDAI {score} points").format(score=int(d.score[i]))]
            if not np.isnan(d.change[i]):
                lines[-1] += self.tr(" (change from baseline {change})").format(change=_fmt(d.change[i], 0))
            if d.sri4[i] is not None:
                lines.append(self.tr("SLEDAI-4 response: {a} · SRI-4 (without BILAG): {b}").format(
                    a=yes if d.sledai4[i] else no, b=yes if d.sri4[i] else no))
            if d.flare[i] is not None:
                lines.append(self.tr("Flare vs previous assessment: {flare}").format(flare=flare_names[d.flare[i]]))
            texts.append("\n".join(lines))
        self._hover.add(plot.vb, x, score, texts)
        self._hover.add(pga_vb, x, d.pga, [f"{h}\n" + self.tr("PGA {pga}").format(pga=f"{p:.1f}") for h, p in zip(heads, d.pga)])

        flare_idx = [i for i, f in enumerate(d.flare) if f in ("mild_moderate", "severe")]
        brushes = [pg.mkBrush(VERMILLION) if d.flare[i] == "severe" else pg.mkBrush(255, 255, 255, 255) for i in flare_idx]
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

        legend.addItem(sledai, self.tr("SELENA-SLEDAI"))
        legend.addItem(pga, self.tr("PGA (right axis)"))
        legend.addItem(pg.ScatterPlotItem(symbol="t1", size=11, pen=pg.mkPen(VERMILLION, width=2), brush=pg.mkBrush("w")),
                       self.tr("Flare (filled: severe)"))
        legend.addItem(pg.ScatterPlotItem(symbol="star", size=12, pen=pg.mkPen(GREEN), brush=pg.mkBrush(GREEN)),
                       self.tr("SRI-4 (without BILAG) response"))
        legend.addItem(pg.ScatterPlotItem(symbol="d", size=10, pen=pg.mkPen(GREEN, width=2), brush=pg.mkBrush("w")),
                       self.tr("SLEDAI-4 response only"))
        legend.addItem(pg.BarGraphItem(x=[0], height=[1], width=1, brush=pg.mkBrush(86, 180, 233, 90), pen=pg.mkPen(None)),
                       self.tr("Visit window"))

    def _build_events(self, plot: pg.PlotItem, legend: pg.LegendItem, x_lo: float, x_hi: float) -> None:
        d = self.data
        _style_plot(plot, bottom=self.tr("Study day (0 = baseline)"))
        plot.showAxis("right")
        plot.getAxis("right").setStyle(showValues=False)
        plot.getAxis("right").setWidth(52)
        plot.getAxis("left").setTicks([[(1, self.tr("Infusion")), (0, self.tr("AE / SAE"))]])
        plot.showGrid(x=False, y=False)
        plot.setYRange(-0.7, 1.7, padding=0)
        plot.vb.setMouseEnabled(y=False)
        for w in d.windows:
            plot.addItem(pg.InfiniteLine(pos=w.target_day, angle=90, pen=pg.mkPen("#bbbbbb", style=Qt.PenStyle.DotLine)))
        inf_x = d.infusion_day.astype(float)
        infusions = pg.ScatterPlotItem(inf_x, np.ones(inf_x.size), symbol="t1", size=14, pen=pg.mkPen(INK),
                                       brush=pg.mkBrush(SKY))
        plot.addItem(infusions)
        self._hover.add(plot.vb, inf_x, np.ones(inf_x.size),
                        [self.tr("MSC infusion · day {day} · {date}").format(day=int(day), date=_fmt_date(when))
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
                    kind=kind, day=a.day, date=_fmt_date(a.onset_date), term=a.term, grade=a.grade,
                    relationship=self._relationship(a.relationship)) for a in events])
        self.items.update(infusions=infusions, ae=ae_item, sae=sae_item)
        legend.addItem(pg.ScatterPlotItem(symbol="t1", size=12, pen=pg.mkPen(INK), brush=pg.mkBrush(SKY)),
                       self.tr("MSC infusion"))
        legend.addItem(pg.ScatterPlotItem(symbol="o", size=9, pen=pg.mkPen(INK), brush=pg.mkBrush(200, 200, 200)),
                       self.tr("Adverse event"))
        legend.addItem(pg.ScatterPlotItem(symbol="star", size=14, pen=pg.mkPen("#7a2a00"), brush=pg.mkBrush(VERMILLION)),
                       self.tr("Serious adverse event"))

    def _lab_texts(self, s: trends.LabSeries, name: str, digits: int = 2) -> list[str]:
        out = []
        for i in range(s.n):
            lo, hi = s.lln[i], s.uln[i]
            value = f"{name} {_fmt(s.value[i], digits)} {s.unit}"
            if not np.isnan(lo) and not np.isnan(hi):
                value += self.tr(" (normal {lo}–{hi})").format(lo=_fmt(lo), hi=_fmt(hi))
            elif not np.isnan(hi):
                value += self.tr(" (normal ≤ {hi})").format(hi=_fmt(hi))
            elif not np.isnan(lo):
                value += self.tr(" (normal ≥ {lo})").format(lo=_fmt(lo))
            if not np.isnan(lo) and s.value[i] < lo:
                value += self.tr(" — low")
            elif not np.isnan(hi) and s.value[i] > hi:
                value += self.tr(" — high")
            if s.notes[i]:
                value += f"\n{s.notes[i]}"
            out.append(self._point_heading(s.visit_label[i], int(s.day[i]), s.dates[i]) + "\n" + value)
        return out

    def _band(self, plot: pg.PlotItem, key: str, s: trends.LabSeries, colour: str, x_lo: float, x_hi: float) -> None:
        """The laboratory's normal range per point: a band (both limits, or 0..upper) or a dashed lower-limit line."""
        if s.n == 0:
            return
        has_lo, has_hi = ~np.isnan(s.lln), ~np.isnan(s.uln)
        qc = QColor(colour)
        if has_hi.any():
            both = has_lo & has_hi
            if both.any():
                lx, ly = _step_curve(s.day[both], s.lln[both], x_lo, x_hi)
                ux, uy = _step_curve(s.day[both], s.uln[both], x_lo, x_hi)
            else:
                ux, uy = _step_curve(s.day, s.uln, x_lo, x_hi)
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
            lx, ly = _step_curve(s.day, s.lln, x_lo, x_hi)
            lower = pg.PlotCurveItem(lx, ly, pen=pg.mkPen(qc, width=1.5, style=Qt.PenStyle.DashLine))
            lower.setZValue(-15)
            plot.addItem(lower)
            self.band_curves[key] = (lx, ly, np.zeros(0), np.zeros(0))

    def _series(self, plot: pg.PlotItem, key: str, s: trends.LabSeries, colour: str, symbol: str, name: str,
                digits: int = 2, dashed: bool = False) -> None:
        style = Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine
        item = pg.PlotDataItem(s.day.astype(float), s.value, pen=pg.mkPen(colour, width=2, style=style), symbol=symbol,
                               symbolSize=7, symbolBrush=colour, symbolPen=pg.mkPen("w", width=1), antialias=True)
        item.setZValue(5)
        plot.addItem(item)
        self.items[key] = item
        self._hover.add(plot.vb, s.day, s.value, self._lab_texts(s, name, digits))

    def _renal_plot(self, layout, row: int, col: int, key: str, title: str, unit: str) -> pg.PlotItem:
        plot = _add_plot(layout, row=row, col=col)
        _style_plot(plot, title=title, left=unit, bottom=self.tr("Study day") if row == 1 else None)
        plot.vb.setMouseEnabled(y=False)
        plot.showAxis("right")
        plot.getAxis("right").setStyle(showValues=False)
        plot.getAxis("right").setWidth(8)
        for w in self.data.windows:
            plot.addItem(pg.InfiniteLine(pos=w.target_day, angle=90, pen=pg.mkPen("#cccccc", style=Qt.PenStyle.DotLine)))
        self.plots[key] = plot
        return plot

    def _no_values(self, plot: pg.PlotItem, text: str) -> None:
        label = pg.TextItem(text, color=GREY, anchor=(0.5, 0.5))
        plot.addItem(label, ignoreBounds=True)
        label.setPos((self._x_range()[0] + self._x_range()[1]) / 2, 0.5)
        plot.setYRange(0, 1)
        plot.getAxis("left").setStyle(showValues=False)

    def _build_renal(self, layout, legend: pg.LegendItem, x_lo: float, x_hi: float) -> None:
        d = self.data
        labs = d.labs
        none = self.tr("No results")
        # Proteinuria: 24 h protein and UPCR (g/g); the 0.5 line is the protocol's active-nephritis threshold.
        title = self.tr("Proteinuria") + _key(BLUE, "●", self.tr("24 h protein (g/24 h)"))
        if labs["upcr"].n:
            title += _key(PURPLE, "◆", self.tr("UPCR (g/g)"))
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
        title = self.tr("Complement") + _key(GREEN, "●", self.tr("C3")) + _key(PURPLE, "◆", self.tr("C4"))
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
        legend.addItem(pg.BarGraphItem(x=[0], height=[1], width=1, brush=pg.mkBrush(0, 114, 178, 60), pen=pg.mkPen(None)),
                       self.tr("Laboratory normal range"))


# --------------------------------------------------------------------------- the arms compared

def _load_cohort(session, arm, status, today, generation):
    """Worker-thread body: its own connection (in-memory stores share theirs), then the cohort statistics."""
    store = session.store.clone()
    try:
        data = trends.cohort_trends(dataclasses.replace(session, store=store), arm=arm, status=status, today=today)
    finally:
        if store is not session.store:
            store.close()
    return generation, data


class CohortTrendsWidget(_ExportMixin, QWidget):
    """Mean ± SE change from baseline by arm, individual trajectories, and month-6 responder proportions."""

    def __init__(self, session, parent: QWidget | None = None, *, today: date | None = None):
        super().__init__(parent)
        self.setObjectName("CohortTrendsWidget")
        self._session = session
        self._today = today
        self._generation = 0
        self.data: trends.CohortTrends | None = None
        self.error: str | None = None
        self.plots: dict[str, pg.PlotItem] = {}
        self.items: dict[str, object] = {}
        self.n_labels: dict[str, list[pg.TextItem]] = {}
        self.bar_labels: dict[str, list[pg.TextItem]] = {}
        self._hover: _Hover | None = None

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
        run_in_background(_load_cohort, self._session, self.arm_combo.currentData(), self.status_combo.currentData(),
                          self._today, self._generation, on_finished=self._on_loaded, on_failed=self._on_failed)

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
                n=data.n_subjects, date=_fmt_date(data.today)))
        self.export_png.setEnabled(self.can_export())
        self.export_svg.setEnabled(self.can_export())

    @Slot(object, str)
    def _on_failed(self, exc, _traceback: str) -> None:
        self.error = str(exc)
        self.message.setText(self.tr("The cohort plots could not be computed: {error}").format(error=exc))
        self._stack.setCurrentWidget(self.message)

    def _draw(self) -> None:
        data = self.data
        g = self.graphics
        g.clear()
        self._hover = _Hover(g)
        self.plots, self.items, self.n_labels, self.bar_labels = {}, {}, {}, {}
        ci = g.ci
        ci.setSpacing(6)
        legend = pg.LegendItem(colCount=4, labelTextColor=INK, labelTextSize="9pt",
                               brush=pg.mkBrush(255, 255, 255, 0), pen=pg.mkPen(None))
        ci.addItem(legend, row=0, col=0, colspan=3)
        legend.setMaximumHeight(30)
        self.legend = legend
        mean_plot = _add_plot(ci, row=1, col=0)
        spaghetti = _add_plot(ci, row=1, col=1)
        bars = _add_plot(ci, row=1, col=2)
        self.plots = {"mean": mean_plot, "spaghetti": spaghetti, "responders": bars}
        ci.layout.setColumnStretchFactor(0, 7)
        ci.layout.setColumnStretchFactor(1, 5)
        ci.layout.setColumnStretchFactor(2, 4)
        ci.layout.setRowStretchFactor(0, 0)
        ci.layout.setRowStretchFactor(1, 1)
        _style_plot(mean_plot, title=self.tr("Mean change from baseline (± SE)"),
                    left=self.tr("Change in SELENA-SLEDAI (points)"), bottom=self.tr("Scheduled visit, at its target study day"))
        _style_plot(spaghetti, title=self.tr("Individual trajectories"),
                    left=self.tr("Change in SELENA-SLEDAI (points)"), bottom=self.tr("Study day (0 = baseline)"))
        _style_plot(bars, title=self.tr("Responders at month 6"), left=self.tr("Responders (%)"))
        windows = data.windows
        last = max(w.latest_day for w in windows)
        # short tick labels: the long Russian "baseline" would be dropped for overlapping "month 1"
        ticks = [(w.target_day, self.tr("Baseline") if w.code == "baseline" else catalog(w.label).split(" (")[0])
                 for w in windows]
        mean_plot.getAxis("bottom").setTicks([ticks])
        for plot in (mean_plot, spaghetti):
            plot.addItem(pg.InfiniteLine(pos=0, angle=0, pen=pg.mkPen("#999999")))
            plot.addItem(pg.InfiniteLine(
                pos=-4, angle=0, pen=pg.mkPen(GREEN, style=Qt.PenStyle.DashLine),
                label=self.tr("SLEDAI-4 response (−4)"),
                labelOpts={"position": 0.98, "color": GREEN, "anchors": [(1, 0), (1, 0)],
                           "fill": pg.mkBrush(255, 255, 255, 210)}))
        _share_x(mean_plot, [spaghetti])
        mean_plot.setXRange(-22, last + 20, padding=0)
        mean_plot.vb.setMouseEnabled(y=False)
        # The mean plot's y-range: every mean ± SE, 0 and the −4 threshold, plus one row per arm for the n counts.
        ends = [(s.mean - (s.se or 0), s.mean + (s.se or 0)) for a in data.arms.values() for s in a.visits
                if s.mean is not None]
        y_lo = min([-5.0] + [e[0] for e in ends]) - 0.5
        y_hi = max([1.0] + [e[1] for e in ends]) + 0.5
        row = (y_hi - y_lo) * 0.06
        y_lo -= row * (len(data.arms) + 0.3)
        mean_plot.setYRange(y_lo, y_hi, padding=0)
        mean_plot.addItem(pg.InfiniteLine(pos=y_lo + row * len(data.arms), angle=0, pen=pg.mkPen("#cccccc")))
        self._draw_means(mean_plot, spaghetti, legend, y_lo, row)
        self._draw_responders(bars)
        legend.addItem(pg.PlotDataItem(pen=pg.mkPen(GREY, width=1)), self.tr("Individual trajectory (thin)"))
        legend.addItem(pg.PlotDataItem(pen=pg.mkPen(GREEN, style=Qt.PenStyle.DashLine)), self.tr("SLEDAI-4 threshold"))
        lo = min([-6.0] + [float(a.traj_change.min()) for a in data.arms.values() if a.traj_change.size])
        hi = max([4.0] + [float(a.traj_change.max()) for a in data.arms.values() if a.traj_change.size])
        spaghetti.setYRange(lo - 1, hi + 1, padding=0)

    def _draw_means(self, mean_plot: pg.PlotItem, spaghetti: pg.PlotItem, legend: pg.LegendItem,
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
            means = pg.PlotDataItem(x[ok], y[ok], pen=pg.mkPen(colour, width=2.5, style=style), symbol=symbol,
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
                    arm=self._arm_name(arm), visit=catalog(s.label), mean=_fmt(s.mean), se="—" if s.se is None else _fmt(s.se), n=s.n)
                for s in stats if s.mean is not None])
            # Fainter as trajectories multiply, so overlaps read as density; dashes only while lines are few.
            faint = QColor(qc)
            faint.setAlpha(int(np.clip(600 / np.sqrt(max(cohort.n_subjects, 1)), 6, 110)))
            line_style = style if cohort.n_subjects <= SPAGHETTI_DASH_MAX else Qt.PenStyle.SolidLine
            lines = pg.PlotDataItem(cohort.traj_day, cohort.traj_change, connect=cohort.connect,
                                    pen=pg.mkPen(faint, width=1, style=line_style), antialias=False)
            lines.setZValue(-5)
            spaghetti.addItem(lines)
            overlay = pg.PlotDataItem(x[ok], y[ok], pen=pg.mkPen(colour, width=3, style=style), symbol=symbol,
                                      symbolSize=9, symbolBrush=colour, symbolPen=pg.mkPen("w", width=1))
            spaghetti.addItem(overlay)
            self.items.update({f"{arm}_errors": errors, f"{arm}_means": means, f"{arm}_trajectories": lines,
                               f"{arm}_overlay": overlay})
            legend.addItem(means, self.tr("{arm} (mean)").format(arm=self._arm_name(arm)))

    def _draw_responders(self, bars: pg.PlotItem) -> None:
        data = self.data
        sri4 = self.tr("SRI-4 (without BILAG)")
        bars.getAxis("bottom").setTicks([[(0, sri4), (1, self.tr("SLEDAI-4"))]])
        bars.getAxis("bottom").setHeight(44)
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
