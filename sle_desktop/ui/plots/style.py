"""Shared look of the trend plots: the Okabe–Ito palette, arm styles, axes, number formats, hover readout.

Colours are the Okabe–Ito colour-blind-safe palette; the arms differ by symbol and line style as well as colour.
"""

from __future__ import annotations

import contextlib
from datetime import date

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainterPath, QTransform
from PySide6.QtWidgets import QGraphicsGridLayout, QGraphicsItem, QSizePolicy

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


def beside(symbol: str, glyph_px: float, dy_px: float) -> QPainterPath:
    """A scatter symbol `glyph_px` wide drawn `dy_px` below (negative: above) the point.

    pyqtgraph renders each symbol into a square of the spot size, so the spot is
    MARKER_BOX_PX wide and the glyph is scaled down and moved inside it.
    """
    from pyqtgraph.graphicsItems.ScatterPlotItem import Symbols

    k = glyph_px / MARKER_BOX_PX
    return QTransform().translate(0, dy_px / MARKER_BOX_PX).scale(k, k).map(Symbols[symbol])


FLARE_SYMBOL = beside("t1", 13, -13)     # ▲ above the SLEDAI point
RESPONSE_SYMBOL = beside("star", 15, 13)  # ★ below it
SLEDAI4_SYMBOL = beside("d", 12, 13)      # ◆ below it


def title_key(colour: str, glyph: str, name: str) -> str:
    """A coloured legend key inside a panel title (keeps legends off the data)."""
    return f'&nbsp;&nbsp;<span style="color:{colour}">{glyph}</span>&nbsp;{name}'


def fmt_date(d: date) -> str:
    return f"{d:%d.%m.%Y}"


def fmt(value: float, digits: int = 2) -> str:
    """At most `digits` decimals, trailing zeros dropped, a true minus sign: −4, 0.9, 1.25, 100."""
    text = f"{value:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text.replace("-", "−")


class Axis(pg.AxisItem):
    """A dark axis that never rescales its unit with an SI prefix (clinical units are fixed), ticked at the two
    levels that carry its values: pyqtgraph's third, unlabelled level drew a grid line at every minor tick across
    the panel, faded to nearly nothing, and cost a fifth of a patient plot's time."""

    def __init__(self, orientation: str):
        self._label_html: str | None = None
        super().__init__(orientation, pen=pg.mkPen("#444"), textPen=pg.mkPen(INK))
        self.setStyle(maxTickLevel=1)
        self.autoSIPrefix = False

    def _updateLabel(self) -> None:  # noqa: N802 - pyqtgraph's name
        # pyqtgraph lays the label's HTML out again on every pen, style or label call (about 16 times per
        # panel while a plot is built); only a changed text needs it, and an axis without a title (its label
        # hidden) none.
        html = self.labelString()
        if html != self._label_html and (self.labelText or self.labelUnits):
            self._label_html = html
            self.label.setHtml(html)
        self._adjustSize()
        self.picture = None
        self.update()

    def updateAutoSIPrefix(self) -> None:  # noqa: N802 - pyqtgraph's name
        # pyqtgraph calls this on every range change and re-renders the label's HTML each time; with the prefix
        # off and nothing to undo, there is nothing to update (about a tenth of a patient plot's build time).
        if self.autoSIPrefix or self.autoSIPrefixScale != 1.0 or self.labelUnitPrefix:
            super().updateAutoSIPrefix()


class Panel(pg.GraphicsWidget):
    """One plot panel: a ViewBox framed by `Axis` axes (left and bottom shown) under a title, laid out as
    pyqtgraph's PlotItem lays them out, with the part of its interface these plots use.

    PlotItem also builds an options menu and panel (about forty Qt widgets and two hundred signal connections per
    plot) that these plots never offer: a sixth of a six-panel patient plot's build time."""

    _AXES = (("top", (1, 1)), ("bottom", (3, 1)), ("left", (2, 0)), ("right", (2, 2)))

    def __init__(self):
        super().__init__()
        policy = QSizePolicy.Policy.Expanding
        self.setSizePolicy(policy, policy)
        self.layout = QGraphicsGridLayout()
        self.layout.setContentsMargins(1, 1, 1, 1)
        self.layout.setHorizontalSpacing(0)
        self.layout.setVerticalSpacing(0)
        self.setLayout(self.layout)
        self.vb = pg.ViewBox(parent=self, enableMenu=False)
        self.layout.addItem(self.vb, 2, 1)
        self.axes: dict[str, Axis] = {}
        for name, (row, col) in self._AXES:
            axis = Axis(name)
            axis.linkToView(self.vb)
            self.layout.addItem(axis, row, col)
            axis.setZValue(0.5)  # above images, below items that draw over the axes (as in PlotItem)
            axis.setFlag(QGraphicsItem.GraphicsItemFlag.ItemNegativeZStacksBehindParent)
            self.axes[name] = axis
            self.showAxis(name, name in ("left", "bottom"))
        self.titleLabel = pg.LabelItem("", size="11pt", parent=self)  # noqa: N815 - PlotItem's name
        self.layout.addItem(self.titleLabel, 0, 1)
        self.setTitle(None)
        for i in range(4):
            self.layout.setRowPreferredHeight(i, 0)
            self.layout.setRowMinimumHeight(i, 0)
            self.layout.setRowSpacing(i, 0)
            self.layout.setRowStretchFactor(i, 1)
        for i in range(3):
            self.layout.setColumnPreferredWidth(i, 0)
            self.layout.setColumnMinimumWidth(i, 0)
            self.layout.setColumnSpacing(i, 0)
            self.layout.setColumnStretchFactor(i, 1)
        self.layout.setRowStretchFactor(2, 100)
        self.layout.setColumnStretchFactor(1, 100)

    def getAxis(self, name: str) -> Axis:  # noqa: N802 - PlotItem's names, here and below
        return self.axes[name]

    def showAxis(self, name: str, show: bool = True) -> None:  # noqa: N802
        # AxisItem's own show and hide: they also give a hidden axis no room in the layout
        if show:
            self.axes[name].show()
        else:
            self.axes[name].hide()

    def setLabel(self, name: str, text: str, **style) -> None:  # noqa: N802
        self.axes[name].setLabel(text, **style)
        self.axes[name].show()

    def setTitle(self, title: str | None = None, **style) -> None:  # noqa: N802
        if title is None:
            self.titleLabel.setVisible(False)
            self.layout.setRowFixedHeight(0, 0)
            self.titleLabel.setMaximumHeight(0)
        else:
            self.titleLabel.setMaximumHeight(30)
            self.layout.setRowFixedHeight(0, 30)
            self.titleLabel.setVisible(True)
            self.titleLabel.setText(title, **style)

    def showGrid(self, x: bool = False, y: bool = False, alpha: float = 0.5) -> None:  # noqa: N802
        """Grid lines across the panel at the labelled ticks of the x and/or y axis."""
        value = int(min(max(alpha, 0.0), 1.0) * 255)
        for name in ("top", "bottom"):
            self.axes[name].setGrid(value if x else False)
        for name in ("left", "right"):
            self.axes[name].setGrid(value if y else False)

    def addItem(self, item, ignoreBounds: bool = False) -> None:  # noqa: N802, N803
        self.vb.addItem(item, ignoreBounds=ignoreBounds)

    def setXRange(self, lo: float, hi: float, padding=None) -> None:  # noqa: N802
        self.vb.setXRange(lo, hi, padding=padding)

    def setYRange(self, lo: float, hi: float, padding=None) -> None:  # noqa: N802
        self.vb.setYRange(lo, hi, padding=padding)

    def setXLink(self, other: Panel) -> None:  # noqa: N802
        self.vb.setXLink(other.vb)

    def setLimits(self, **limits) -> None:  # noqa: N802
        self.vb.setLimits(**limits)


def add_plot(layout, **where) -> Panel:
    """A `Panel` placed in `layout` (a GraphicsLayout)."""
    plot = Panel()
    layout.addItem(plot, **where)
    return plot


@contextlib.contextmanager
def one_layout_pass(*layouts: pg.GraphicsLayout):
    """Lay `layouts` out once, on leaving the block, instead of after every item added (pyqtgraph's
    GraphicsLayout.addItem activates the whole layout each time: a third of a six-panel plot's build)."""
    for gl in layouts:
        gl.layout.activate = _no_activation  # shadows the method on this instance only
    try:
        yield
    finally:
        for gl in layouts:
            del gl.layout.activate
        for gl in layouts:
            gl.layout.activate()


def _no_activation() -> None:
    pass


def data_item(*args, **kwargs) -> pg.PlotDataItem:
    """A PlotDataItem without the dynamic range limit: that limit (against overflow at extreme zoom, where the y
    axis never goes) makes the item re-process its data after every range change, and once more when added."""
    return pg.PlotDataItem(*args, dynamicRangeLimit=None, **kwargs)


def style_plot(plot: Panel, *, title: str | None = None, left: str | None = None,
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


def step_curve(days: np.ndarray, limits: np.ndarray, x_lo: float, x_hi: float) -> tuple[np.ndarray, np.ndarray]:
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


def day_lines(plot: Panel, days, pen) -> pg.PlotCurveItem:
    """Vertical lines at `days` across the whole panel, as one curve (cheaper than one InfiniteLine per day).

    Use a solid pen: a dash pattern along these very long segments costs more than all the rest of the plot."""
    days = np.asarray(list(days), dtype=float)
    x = np.repeat(days, 2)
    y = np.tile([-1e7, 1e7], days.size)
    curve = pg.PlotCurveItem(x, y, connect="pairs", pen=pen)
    curve.setZValue(-12)
    plot.addItem(curve, ignoreBounds=True)
    return curve


def share_x(master: Panel, others: list[Panel]) -> None:
    """Give `others` the same x-range as `master` (and back), whatever their size and position on screen.

    pyqtgraph's setXLink lines overlapping views up on screen, which shifts side-by-side panels.
    """
    plots = [master, *others]
    busy = [False]

    def follow(source: Panel):
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


class Hover:
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

