"""The SELENA-SLEDAI form: 24 descriptors grouped by organ system, live total, renal sub-score, PGA.

Used by the visit window and by the screening page of the enrolment wizard.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QStyle,
    QStyleOptionSlider,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from sle_desktop.domain import sledai
from sle_desktop.ui.common import BadInput, catalog, error_label, fmt_number, translated

SUGGESTED_STYLE = "background: #fff1c2; color: #6b4000; border: 1px solid #e0b84d; border-radius: 3px; padding: 0 4px;"


def _columns(groups: list[tuple[str, tuple]], ncols: int) -> list[list[tuple[str, tuple]]]:
    """Split organ-system groups, in form order, into `ncols` columns of similar height."""
    heights = [len(items) + 1.5 for _name, items in groups]
    target = sum(heights) / ncols
    cols: list[list] = [[]]
    filled = 0.0
    for group, h in zip(groups, heights):
        if cols[-1] and filled + h / 2 > target and len(cols) < ncols:
            cols.append([])
            filled = 0.0
        cols[-1].append(group)
        filled += h
    return cols


class ScaleLabels(QWidget):
    """Anchor labels centred under the slider positions they name ("0 none" under 0 … "3 severe" under 3).

    The slider is inset by half the widest label on both sides, so the end labels are centred under the ends
    too, and the scale is never narrower than the labels need to stay apart.
    """

    GAP = 12

    def __init__(self, slider: QSlider, anchors: list[tuple[int, str]], parent=None):
        super().__init__(parent)
        self.slider = slider
        self.labels = []
        for value, text in anchors:
            label = QLabel(text, self)
            label.setObjectName(f"pgaAnchor{value}")
            label.setAlignment(Qt.AlignHCenter | Qt.AlignTop)
            self.labels.append((value, label))
        slider.installEventFilter(self)
        self.widest = max(label.sizeHint().width() for _v, label in self.labels)
        self.setMinimumWidth(len(self.labels) * (self.widest + self.GAP))
        self.setFixedHeight(self.fontMetrics().height() + 4)

    def inset(self) -> int:
        """How far the slider is indented from this widget's ends."""
        return self.widest // 2 + self.GAP // 2

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt naming
        if event.type() in (QEvent.Resize, QEvent.Move, QEvent.Show):
            self._place()
        return False

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._place()

    def _x_of(self, value: int) -> int:
        """The centre of the slider handle at `value`, in this widget's coordinates."""
        option = QStyleOptionSlider()
        self.slider.initStyleOption(option)
        handle = self.slider.style().subControlRect(QStyle.CC_Slider, option, QStyle.SC_SliderHandle, self.slider)
        groove = self.slider.style().subControlRect(QStyle.CC_Slider, option, QStyle.SC_SliderGroove, self.slider)
        span = groove.width() - handle.width()
        x = groove.x() + QStyle.sliderPositionFromValue(self.slider.minimum(), self.slider.maximum(), value, span) \
            + handle.width() // 2
        return self.mapFromGlobal(self.slider.mapToGlobal(QPoint(x, 0))).x()

    def _place(self) -> None:
        for value, label in self.labels:
            width = label.sizeHint().width()
            label.setGeometry(self._x_of(value) - width // 2, 0, width, self.height())
def _is_tenth(value: float) -> bool:
    return abs(value * 10 - round(value * 10)) < 1e-6


class PgaSpinBox(QDoubleSpinBox):
    """Shows one decimal, but keeps a second typed decimal (2.55) so it can be refused with a message,
    never rounded silently."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setDecimals(3)

    def textFromValue(self, value: float) -> str:  # noqa: N802 - Qt naming
        if _is_tenth(value):
            return self.locale().toString(value, "f", 1)
        digits = len(f"{value:.3f}".rstrip("0").split(".")[1])
        return self.locale().toString(value, "f", digits)


class PgaWidget(QWidget):
    """Physician's Global Assessment 0.0–3.0: a slider and a spin box kept in sync (None until entered).

    A value with more than one decimal place is shown as an error and refused by `value()`."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.slider = QSlider(Qt.Horizontal, self)
        self.slider.setObjectName("pgaSlider")
        self.slider.setRange(-1, 30)  # tenths; -1 = not entered yet
        self.slider.setValue(-1)
        self.slider.setTickPosition(QSlider.TicksBelow)
        self.slider.setTickInterval(5)
        self.slider.setPageStep(5)
        self.spin = PgaSpinBox(self)
        self.spin.setObjectName("pgaSpin")
        self.spin.setRange(-0.1, 3.0)
        self.spin.setSingleStep(0.1)
        self.spin.setSpecialValueText(self.tr("not entered"))
        self.spin.setValue(-0.1)
        self.spin.setAccelerated(True)
        self.slider.valueChanged.connect(self._from_slider)
        self.spin.valueChanged.connect(self._from_spin)
        self.scale = ScaleLabels(self.slider, [(0, self.tr("0 none")), (10, self.tr("1 mild")),
                                               (20, self.tr("2 moderate")), (30, self.tr("3 severe"))], self)
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(0)
        inset = QHBoxLayout()
        inset.setContentsMargins(self.scale.inset(), 0, self.scale.inset(), 0)
        inset.addWidget(self.slider)
        grid.addLayout(inset, 0, 0)
        grid.addWidget(self.spin, 0, 1)
        grid.addWidget(self.scale, 1, 0)
        grid.setColumnStretch(0, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(grid)
        self.error = error_label(self)
        lay.addWidget(self.error)

    def _from_slider(self, tenths: int) -> None:
        value = -0.1 if tenths < 0 else tenths / 10
        if abs(self.spin.value() - value) > 1e-9:
            self.spin.blockSignals(True)
            self.spin.setValue(value)
            self.spin.blockSignals(False)
        self.changed.emit()

    def _from_spin(self, value: float) -> None:
        tenths = -1 if value < 0 else round(value * 10)
        if self.slider.value() != tenths:
            self.slider.blockSignals(True)
            self.slider.setValue(tenths)
            self.slider.blockSignals(False)
        problem = self.problem()
        self.error.setText(problem or "")
        self.error.setVisible(bool(problem))
        self.changed.emit()

    def problem(self) -> str | None:
        """Why the PGA as typed cannot be saved (more than one decimal place), else None."""
        v = self.spin.value()
        if v < 0 or _is_tenth(v):
            return None
        return self.tr("PGA {0} has more than one decimal place: record it to one decimal (e.g. {1}), as on the "
                       "visual-analogue scale.").format(fmt_number(v), fmt_number(2.5, 1))

    def value(self) -> float | None:
        """The PGA (one decimal) or None when not entered; BadInput for a value with a second decimal."""
        problem = self.problem()
        if problem:
            raise BadInput(problem)
        v = self.spin.value()
        return None if v < 0 else round(v, 1)

    def safe_value(self) -> float | None:
        try:
            return self.value()
        except BadInput:
            return None

    def set_value(self, value: float | None) -> None:
        self.spin.setValue(-0.1 if value is None else float(value))


class SledaiWidget(QWidget):
    """24 checkboxes by organ system with definitions (tooltip + help pane), live totals, optional PGA.

    Lab-suggested descriptors are marked; ticking a marked descriptor confirms it and records
    its source as "suggested".
    """

    changed = Signal()

    def __init__(self, parent=None, *, columns: int = 3, show_pga: bool = True, show_help: bool = True):
        super().__init__(parent)
        self.checkboxes: dict[str, QCheckBox] = {}
        self.markers: dict[str, QLabel] = {}
        self._suggestions: dict[str, str] = {}
        self._recorded_suggested: set[str] = set()
        groups = list(sledai.by_organ_system().items())

        grid_host = QWidget(self)
        grid = QGridLayout(grid_host)
        grid.setContentsMargins(0, 0, 0, 0)
        for c, col in enumerate(_columns(groups, columns)):
            col_box = QVBoxLayout()
            for system, items in col:
                box = QGroupBox(catalog(system), grid_host)
                box.setObjectName(f"organ_{system}")
                v = QVBoxLayout(box)
                v.setSpacing(2)
                for d in items:
                    row = QHBoxLayout()
                    cb = QCheckBox(self.tr("{0} ({1})").format(catalog(d.label), d.weight), box)
                    cb.setObjectName(f"sledai_{d.code}")
                    cb.setToolTip(self._definition_html(d))
                    cb.toggled.connect(self._on_toggled)
                    cb.installEventFilter(self)
                    self.checkboxes[d.code] = cb
                    marker = QLabel(self.tr("lab"), box)
                    marker.setObjectName(f"suggested_{d.code}")
                    marker.setStyleSheet(SUGGESTED_STYLE)
                    marker.setVisible(False)
                    self.markers[d.code] = marker
                    row.addWidget(cb)
                    row.addWidget(marker)
                    row.addStretch(1)
                    v.addLayout(row)
                col_box.addWidget(box)
            col_box.addStretch(1)
            grid.addLayout(col_box, 0, c)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setWidget(grid_host)

        side = QVBoxLayout()
        totals = QGroupBox(self.tr("Score"), self)
        tl = QVBoxLayout(totals)
        self.total_label = QLabel(totals)
        self.total_label.setObjectName("sledaiTotal")
        f = self.total_label.font()
        f.setPointSize(f.pointSize() + 4)
        f.setBold(True)
        self.total_label.setFont(f)
        self.renal_label = QLabel(totals)
        self.renal_label.setObjectName("sledaiRenal")
        self.requirement = QLabel(totals)
        self.requirement.setWordWrap(True)
        self.requirement.setVisible(False)
        self.flare_label = QLabel(totals)
        self.flare_label.setObjectName("flareSummary")
        self.flare_label.setWordWrap(True)
        self.flare_label.setVisible(False)
        tl.addWidget(self.total_label)
        tl.addWidget(self.renal_label)
        tl.addWidget(self.flare_label)
        tl.addWidget(self.requirement)
        side.addWidget(totals)
        self.pga = None
        if show_pga:
            pga_box = QGroupBox(self.tr("Physician's Global Assessment (0–3)"), self)
            pl = QVBoxLayout(pga_box)
            self.pga = PgaWidget(pga_box)
            self.pga.changed.connect(self.changed)
            pl.addWidget(self.pga)
            pga_box.setMaximumWidth(max(640, pga_box.minimumSizeHint().width()))
        self.suggestion_label = QLabel(self)
        self.suggestion_label.setObjectName("suggestionSummary")
        self.suggestion_label.setWordWrap(True)
        self.suggestion_label.setStyleSheet(SUGGESTED_STYLE.replace("padding: 0 4px;", "padding: 4px 6px;"))
        self.suggestion_label.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Minimum)
        self.suggestion_label.setVisible(False)
        side.addWidget(self.suggestion_label)
        self.help = QTextBrowser(self)
        self.help.setObjectName("sledaiHelp")
        self.help.setOpenLinks(False)
        self.help.setMinimumHeight(120)
        self._intro = self.tr(
            "<p><b>SELENA-SLEDAI</b>: tick a descriptor if it is present at the visit or in the preceding "
            "10 days. Point at a descriptor (or move to it with Tab) to read its definition here.</p>")
        self.help.setHtml(self._intro)
        self.help.setVisible(show_help)
        side.addWidget(self.help, 1)
        side_host = QWidget(self)
        side_host.setLayout(side)
        side_host.setMinimumWidth(260)
        side_host.setMaximumWidth(320)
        side_host.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Expanding)

        # the descriptors take the width; the PGA scale sits under them (its anchors need room to stay apart)
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(scroll, 1)
        if self.pga is not None:
            left.addWidget(pga_box)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(left, 1)
        lay.addWidget(side_host)
        self._update_totals()

    # -- help --------------------------------------------------------------------------
    def _definition_html(self, d) -> str:
        return self.tr("<b>{0}</b> – weight {1}<br>{2}").format(catalog(d.label), d.weight, catalog(d.definition))

    def show_help(self, code: str) -> None:
        """Show the definition (and any lab suggestion) of one descriptor in the help pane."""
        d = sledai.BY_CODE[code]
        html = self.tr("<p><b>{0}</b> ({1}) – weight {2}</p><p>{3}</p>").format(
            catalog(d.label), catalog(d.organ_system), d.weight, catalog(d.definition))
        if code in self._suggestions:
            html += self.tr("<p style='color:#6b4000'><b>Suggested by labs:</b> {0}. "
                            "Tick the box to confirm.</p>").format(self._suggestions[code])
        self.help.setHtml(html)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        if event.type() in (QEvent.Enter, QEvent.FocusIn):
            code = obj.objectName().removeprefix("sledai_")
            if code in sledai.BY_CODE:
                self.show_help(code)
        return False

    # -- state ---------------------------------------------------------------------------
    def _on_toggled(self, _checked: bool) -> None:
        self._update_totals()
        self.changed.emit()

    def _update_totals(self) -> None:
        codes = self.codes()
        self.total_label.setText(self.tr("SELENA-SLEDAI: {0}").format(sledai.score(codes)))
        self.renal_label.setText(self.tr("Renal SLEDAI: {0} of {1}").format(sledai.renal_score(codes), sledai.RENAL_MAX))

    def set_flare(self, text: str, style: str = "") -> None:
        """The flare result next to the score (hidden when empty)."""
        self.flare_label.setText(text)
        self.flare_label.setStyleSheet(style)
        self.flare_label.setVisible(bool(text))

    def set_requirement(self, text: str, ok: bool) -> None:
        """A line under the totals (e.g. the screening minimum), green when met, red otherwise."""
        self.requirement.setText(text)
        self.requirement.setStyleSheet("color: #1b5e20;" if ok else "color: #b00020;")
        self.requirement.setVisible(bool(text))

    def codes(self) -> frozenset[str]:
        return frozenset(c for c, cb in self.checkboxes.items() if cb.isChecked())

    def set_codes(self, codes) -> None:
        present = sledai.validate_codes(codes)
        for code, cb in self.checkboxes.items():
            cb.blockSignals(True)
            cb.setChecked(code in present)
            cb.blockSignals(False)
        self._update_totals()
        self.changed.emit()

    def total(self) -> int:
        return sledai.score(self.codes())

    def renal(self) -> int:
        return sledai.renal_score(self.codes())

    def set_recorded_sources(self, sources: dict[str, str]) -> None:
        """Sources saved with the assessment: descriptors once confirmed from a suggestion stay so."""
        self._recorded_suggested = {c for c, s in (sources or {}).items() if s == "suggested"}

    def set_suggestions(self, suggestions) -> None:
        """Mark the descriptors the labs suggest (list of objects with .code and .reason)."""
        self._suggestions = {s.code: translated(s.reason) for s in suggestions}
        for code, marker in self.markers.items():
            on = code in self._suggestions
            marker.setVisible(on)
            cb = self.checkboxes[code]
            base = self._definition_html(sledai.BY_CODE[code])
            if on:
                marker.setToolTip(self.tr("Suggested by labs: {0}").format(self._suggestions[code]))
                cb.setToolTip(base + "<br>" + self.tr("<i>Suggested by labs: {0}</i>").format(self._suggestions[code]))
            else:
                cb.setToolTip(base)
        if self._suggestions:
            names = ", ".join(catalog(sledai.BY_CODE[c].label) for c in self._suggestions)
            self.suggestion_label.setText(self.tr("Suggested by the lab results (tick to confirm): {0}").format(names))
        self.suggestion_label.setVisible(bool(self._suggestions))

    def suggestions(self) -> dict[str, str]:
        return dict(self._suggestions)

    def suggested_codes(self) -> frozenset[str]:
        """Ticked descriptors that came from a lab suggestion (now or when first saved)."""
        return frozenset(c for c in self.codes() if c in self._suggestions or c in self._recorded_suggested)

    def pga_value(self) -> float | None:
        """The PGA entered (None if not entered or not shown); BadInput for a value with a second decimal."""
        return None if self.pga is None else self.pga.value()

    def set_read_only(self, read_only: bool) -> None:
        for cb in self.checkboxes.values():
            cb.setEnabled(not read_only)
        if self.pga is not None:
            self.pga.setEnabled(not read_only)
