"""The SELENA Flare Index tab of the visit window: body weight, the computed steroid dose, the index's
manifestations and treatment/hospitalisation items (new or worse since the previous assessment), the
suggestions the recorded data support (marked; the clinician ticks to confirm) and the live result.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from sle_desktop.app import flare_preview, visits
from sle_desktop.domain import flare_inputs, outcomes
from sle_desktop.ui.common import NumberField, catalog, error_label, fmt_date, fmt_number, translated, with_error
from sle_desktop.ui.sledai_widget import SUGGESTED_STYLE

SEVERE_STYLE = "color: #8c0016; font-weight: bold;"
MILD_STYLE = "color: #6b4000; font-weight: bold;"
PARTIAL_STYLE = "color: #555555; font-style: italic;"

FLAG_LABELS = {
    "added_nsaid_or_hydroxychloroquine": "NSAID or hydroxychloroquine added for SLE activity",
    "new_immunosuppressant": "New cyclophosphamide, azathioprine, methotrexate or mycophenolate",
    "hospitalised_for_sle": "Hospitalisation for SLE activity",
}


def _t(text: str) -> str:
    return QCoreApplication.translate("FlareIndex", text)


def level_text(level: str | None) -> str:
    """The flare level in the interface language ("" for None)."""
    return {"none": _t("no flare"), "mild_moderate": _t("mild/moderate flare"),
            "severe": _t("severe flare")}.get(level or "", "")


def level_style(level: str | None) -> str:
    return SEVERE_STYLE if level == "severe" else MILD_STYLE if level == "mild_moderate" else ""


def reasons_text(reasons) -> str:
    """The index's reasons, each by its catalogue label, in the interface language."""
    return "; ".join(catalog(outcomes.REASON_LABELS.get(r, r)) for r in reasons)


class FlareWidget(QWidget):
    """Inputs of the SELENA Flare Index for one visit. Emits `changed` when the clinician changes anything."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.checkboxes: dict[str, QCheckBox] = {}
        self.markers: dict[str, QLabel] = {}
        self._suggestions: dict[str, str] = {}
        self._recorded_suggested: set[str] = set()

        self.result_label = QLabel(self)
        self.result_label.setObjectName("flareIndexResult")
        self.result_label.setWordWrap(True)
        self.sledai_pga_label = QLabel(self)
        self.sledai_pga_label.setObjectName("flareSledaiPga")
        self.sledai_pga_label.setWordWrap(True)

        dose_box = QGroupBox(self.tr("Body weight and corticosteroid dose"), self)
        form = QFormLayout(dose_box)
        self.weight = NumberField(dose_box, placeholder=self.tr("kg"))
        self.weight.setObjectName("visitWeight")
        self.weight.textChanged.connect(lambda _t: self.changed.emit())
        self.weight_error = error_label(dose_box)
        self.weight_note = QLabel(dose_box)
        self.weight_note.setObjectName("weightNote")
        self.weight_note.setWordWrap(True)
        wrow = QWidget(dose_box)
        wl = QHBoxLayout(wrow)
        wl.setContentsMargins(0, 0, 0, 0)
        wl.addWidget(self.weight)
        wl.addWidget(QLabel(self.tr("kg"), wrow))
        wl.addWidget(self.weight_note, 1)
        form.addRow(self.tr("Body weight at this visit:"), with_error(wrow, self.weight_error))
        self.dose_label = QLabel(dose_box)
        self.dose_label.setObjectName("steroidDose")
        self.dose_label.setWordWrap(True)
        form.addRow(self.tr("Prednisone-equivalent dose:"), self.dose_label)

        grid_host = QWidget(self)
        grid = QGridLayout(grid_host)
        grid.setContentsMargins(0, 0, 0, 0)
        mild = QGroupBox(self.tr("New or worse since the previous assessment: mild/moderate"), grid_host)
        severe = QGroupBox(self.tr("New or worse since the previous assessment: severe"), grid_host)
        treat = QGroupBox(self.tr("Treatment and hospitalisation since the previous assessment"), grid_host)
        for box, items in ((mild, [(c, outcomes.MANIFESTATION_LABELS[c]) for c in outcomes.MILD_MANIFESTATIONS]),
                           (severe, [(c, outcomes.MANIFESTATION_LABELS[c]) for c in outcomes.SEVERE_MANIFESTATIONS]),
                           (treat, list(FLAG_LABELS.items()))):
            v = QVBoxLayout(box)
            v.setSpacing(2)
            for code, label in items:
                row = QHBoxLayout()
                cb = QCheckBox(catalog(label), box)
                cb.setObjectName(f"flare_{code}")
                cb.toggled.connect(lambda _c: self.changed.emit())
                marker = QLabel(self.tr("suggested"), box)
                marker.setObjectName(f"flareSuggested_{code}")
                marker.setStyleSheet(SUGGESTED_STYLE)
                marker.setVisible(False)
                self.checkboxes[code], self.markers[code] = cb, marker
                row.addWidget(cb)
                row.addWidget(marker)
                row.addStretch(1)
                v.addLayout(row)
            v.addStretch(1)
        grid.addWidget(mild, 0, 0, 2, 1)
        grid.addWidget(severe, 0, 1)
        grid.addWidget(treat, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setWidget(grid_host)

        self.suggestion_label = QLabel(self)
        self.suggestion_label.setObjectName("flareSuggestionSummary")
        self.suggestion_label.setWordWrap(True)
        self.suggestion_label.setStyleSheet(SUGGESTED_STYLE.replace("padding: 0 4px;", "padding: 4px 6px;"))
        self.suggestion_label.setVisible(False)
        self.error = error_label(self)
        self.error.setObjectName("flareError")

        lay = QVBoxLayout(self)
        lay.addWidget(self.result_label)
        lay.addWidget(self.sledai_pga_label)
        lay.addWidget(dose_box)
        lay.addWidget(self.suggestion_label)
        lay.addWidget(scroll, 1)
        lay.addWidget(self.error)

    # -- values ------------------------------------------------------------------------
    def inputs(self) -> visits.FlareInputs:
        """What is ticked, with the items that came from a suggestion (now or when first saved)."""
        ticked = {c for c, cb in self.checkboxes.items() if cb.isChecked()}
        return visits.FlareInputs(
            new_manifestations=frozenset(ticked & set(outcomes.MANIFESTATIONS)),
            added_nsaid_or_hydroxychloroquine="added_nsaid_or_hydroxychloroquine" in ticked,
            new_immunosuppressant="new_immunosuppressant" in ticked,
            hospitalised_for_sle="hospitalised_for_sle" in ticked,
            suggested=frozenset(c for c in ticked if c in self._suggestions or c in self._recorded_suggested))

    def set_inputs(self, inputs: visits.FlareInputs) -> None:
        """Show saved inputs (no `changed` signal)."""
        items = inputs.items()
        self._recorded_suggested = set(inputs.suggested)
        for code, cb in self.checkboxes.items():
            cb.blockSignals(True)
            cb.setChecked(code in items)
            cb.blockSignals(False)

    def weight_value(self) -> float | None:
        """The weight typed (kg) or None; BadInput for text that is not a number."""
        return self.weight.value()

    def set_weight(self, kg: float | None) -> None:
        self.weight.blockSignals(True)
        self.weight.set_value(kg)
        self.weight.blockSignals(False)

    def set_read_only(self, read_only: bool) -> None:
        for cb in self.checkboxes.values():
            cb.setEnabled(not read_only)
        self.weight.setReadOnly(read_only)

    # -- what the data show ------------------------------------------------------------
    def set_suggestions(self, found: flare_preview.FlareSuggestions | None) -> None:
        """Mark the suggested items and show the computed dose (None: nothing known yet)."""
        self._suggestions = {s.item: translated(s.reason) for s in (found.suggestions if found else ())}
        for code, marker in self.markers.items():
            on = code in self._suggestions
            marker.setVisible(on)
            tip = self.tr("Suggested: {0}").format(self._suggestions[code]) if on else ""
            marker.setToolTip(tip)
            self.checkboxes[code].setToolTip(tip)
        if self._suggestions:
            names = ", ".join(self.checkboxes[c].text() for c in flare_inputs.ITEMS if c in self._suggestions)
            self.suggestion_label.setText(self.tr("Suggested by the recorded data (tick to confirm): {0}").format(names))
        self.suggestion_label.setVisible(bool(self._suggestions))
        self._show_dose(found)

    def _show_dose(self, found: flare_preview.FlareSuggestions | None) -> None:
        if found is None:
            self.dose_label.setText("")
            self.weight_note.setText("")
            return
        d = found.dose
        w = d.weight
        if w.kg is not None and w.source != "this_visit":
            where = self.tr("at an MSC infusion") if w.source == "infusion" else self.tr("at an earlier visit")
            self.weight_note.setText(self.tr("none typed: {0} kg recorded {1} on {2} is used").format(
                fmt_number(w.kg), where, fmt_date(w.measured_on)))
        elif w.kg is None:
            self.weight_note.setText(self.tr("no body weight on record: the steroid part is skipped"))
        else:
            self.weight_note.setText("")
        if d.mg_per_kg_day is None:
            text = self.tr("unknown ({0}): the steroid part is skipped").format(translated(d.why))
            if d.mg_per_day is not None:
                text = self.tr("{0} mg/day; ").format(fmt_number(round(d.mg_per_day, 2))) + text
        else:
            text = self.tr("{0} mg/day = {1} mg/kg/day (computed from the concomitant medication)").format(
                fmt_number(round(d.mg_per_day, 2)), fmt_number(d.mg_per_kg_day))
            if found.has_previous:
                prev = found.previous_mg_per_kg_day
                text += "; " + (self.tr("previous assessment {0} mg/kg/day").format(fmt_number(prev))
                                if prev is not None else self.tr("previous assessment: dose unknown"))
        self.dose_label.setText(text)

    def set_result(self, preview: flare_preview.FlarePreview | None) -> None:
        """Show both flare measures as they would be saved."""
        if preview is None or not preview.has_previous:
            self.result_label.setText(self.tr("SELENA Flare Index: first assessment, nothing to compare with."))
            self.result_label.setStyleSheet("")
            self.sledai_pga_label.setText("")
            return
        if preview.index is None:
            self.result_label.setText(self.tr("SELENA Flare Index: enter the SELENA-SLEDAI and a valid PGA."))
            self.result_label.setStyleSheet("")
            self.sledai_pga_label.setText("")
            return
        text = self.tr("SELENA Flare Index: {0}").format(level_text(preview.index.level))
        if preview.index.reasons:
            text += " – " + reasons_text(preview.index.reasons)
        self.result_label.setText(text)
        self.result_label.setStyleSheet(level_style(preview.index.level))
        self.sledai_pga_label.setText(self.tr("SELENA flare (SLEDAI/PGA parts): {0}").format(
            level_text(preview.flare)))
