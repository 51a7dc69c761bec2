"""Laboratory results of a visit: value, unit, the laboratory's normal limits, out-of-range flag, eGFR."""

from __future__ import annotations

import re

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from sle_desktop.app.visits import LabEntry
from sle_desktop.domain import labs as lab_rules
from sle_desktop.ui.common import (
    BadInput,
    DateField,
    NumberField,
    catalog,
    error_label,
    fmt_number,
    translated,
    with_error,
)

OUT_OF_RANGE_STYLE = "background: #fde7e9;"


class LabsWidget(QWidget):
    """One row per catalogue test; only rows with a value are saved."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.values: dict[str, NumberField] = {}
        self.units: dict[str, QComboBox | QLabel] = {}
        self.llns: dict[str, NumberField] = {}
        self.ulns: dict[str, NumberField] = {}
        self.flags: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        self._saved: dict[str, dict] = {}

        top = QFormLayout()
        self.sample_date = DateField(self)
        self.sample_date.setObjectName("sampleDate")
        self.sample_date.changed.connect(self.changed)
        self.sample_date_error = error_label(self)
        top.addRow(self.tr("Sample date:"), with_error(self.sample_date, self.sample_date_error))
        self.egfr_label = QLabel(self)
        self.egfr_label.setObjectName("egfrLabel")
        self.egfr_label.setWordWrap(True)
        top.addRow(self.tr("eGFR (CKD-EPI 2021):"), self.egfr_label)

        host = QWidget(self)
        grid = QGridLayout(host)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        for col, text in enumerate((self.tr("Test"), self.tr("Result"), self.tr("Unit"), self.tr("Lower limit"),
                                    self.tr("Upper limit"), self.tr("Flag"))):
            h = QLabel(f"<b>{text}</b>", host)
            grid.addWidget(h, 0, col)
        row = 1
        for t in lab_rules.TESTS:
            grid.addWidget(QLabel(catalog(t.label), host), row, 0)
            value = NumberField(host)
            value.setObjectName(f"lab_{t.code}")
            if t.alt_units:
                unit = QComboBox(host)
                unit.addItem(t.unit, t.unit)
                for alt, _factor in t.alt_units:
                    unit.addItem(alt, alt)
                unit.currentIndexChanged.connect(lambda _i, code=t.code: self._row_changed(code))
            else:
                unit = QLabel(catalog(t.unit) if t.unit.startswith("(") else t.unit, host)  # "(0 absent, 1 present)"
            unit.setObjectName(f"unit_{t.code}")
            lln = NumberField(host)
            lln.setObjectName(f"lln_{t.code}")
            uln = NumberField(host)
            uln.setObjectName(f"uln_{t.code}")
            flag = QLabel(host)
            flag.setObjectName(f"flag_{t.code}")
            flag.setMinimumWidth(flag.fontMetrics().horizontalAdvance(self.tr("Above normal")) + 8)
            for w in (value, lln, uln):
                w.textChanged.connect(lambda _t, code=t.code: self._row_changed(code))
            grid.addWidget(value, row, 1)
            grid.addWidget(unit, row, 2)
            grid.addWidget(lln, row, 3)
            grid.addWidget(uln, row, 4)
            grid.addWidget(flag, row, 5)
            err = error_label(host)
            err.setObjectName(f"laberr_{t.code}")
            grid.addWidget(err, row + 1, 1, 1, 5)
            self.values[t.code], self.units[t.code] = value, unit
            self.llns[t.code], self.ulns[t.code], self.flags[t.code], self.errors[t.code] = lln, uln, flag, err
            row += 2
        grid.setColumnStretch(0, 2)
        for c in (1, 3, 4):
            grid.setColumnStretch(c, 1)
        grid.setRowStretch(row, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setWidget(host)
        note = QLabel(self.tr("Enter the normal limits printed by the testing laboratory; they are carried over "
                              "from this patient's previous results. Values outside the limits are highlighted."), self)
        note.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(top)
        lay.addWidget(note)
        lay.addWidget(scroll, 1)

    # -- live flags ----------------------------------------------------------------------
    def _row_changed(self, code: str) -> None:
        self._update_flag(code)
        self.changed.emit()

    def _update_flag(self, code: str) -> None:
        value, lln, uln = (w.safe_value() for w in (self.values[code], self.llns[code], self.ulns[code]))
        flag = self.flags[code]
        text = ""
        if value is not None and lln is not None and value < lln:
            text = self.tr("Below normal")
        elif value is not None and uln is not None and value > uln:
            text = self.tr("Above normal")
        flag.setText(text)
        flag.setStyleSheet("color: #b00020; font-weight: bold;" if text else "")
        self.values[code].setStyleSheet(OUT_OF_RANGE_STYLE if text else "")

    def unit(self, code: str) -> str:
        """The unit the result of `code` is being entered in."""
        w = self.units[code]
        return w.currentData() if isinstance(w, QComboBox) else lab_rules.lab_test(code).unit

    def set_unit(self, code: str, unit: str) -> None:
        w = self.units[code]
        if isinstance(w, QComboBox):
            w.setCurrentIndex(max(w.findData(unit), 0))

    # -- data ------------------------------------------------------------------------------
    def entries(self) -> tuple[dict[str, LabEntry], dict[str, str]]:
        """(test -> LabEntry for rows with a value, field -> message for what cannot be read)."""
        out, problems = {}, {}
        for code, field in self.values.items():
            try:
                value = field.value()
                lln, uln = self.llns[code].value(), self.ulns[code].value()
            except BadInput as exc:
                problems[code] = str(exc)
                continue
            if value is None:
                if code in self._saved:
                    problems[code] = self.tr("A saved result cannot be removed here; enter the corrected value.")
                continue  # limits alone (carried over from earlier visits) are not a result
            out[code] = LabEntry(value, self.unit(code), lln, uln)
        return out, problems

    def set_saved(self, saved: dict[str, dict]) -> None:
        """Show a visit's saved results (canonical units)."""
        self._saved = dict(saved)
        for code, r in saved.items():
            if code not in self.values:
                continue
            self.set_unit(code, lab_rules.lab_test(code).unit)
            self.values[code].set_value(r["value"])
            self.llns[code].set_value(r.get("lln"))
            self.ulns[code].set_value(r.get("uln"))

    def set_limits(self, limits: dict[str, tuple]) -> None:
        """Pre-fill empty normal-limit fields (canonical units) from the patient's previous results."""
        for code, (lln, uln) in limits.items():
            if code not in self.values:
                continue
            if not self.llns[code].text() and lln is not None:
                self.llns[code].set_value(lln)
            if not self.ulns[code].text() and uln is not None:
                self.ulns[code].set_value(uln)

    def clear_errors(self) -> None:
        for e in self.errors.values():
            e.clear()
            e.setVisible(False)
        self.sample_date_error.setVisible(False)

    def show_errors(self, errors: dict[str, str]) -> dict[str, str]:
        """Show messages under their rows; returns the ones that are not about a lab row."""
        rest = {}
        for field, message in errors.items():
            if field in self.errors:
                self.errors[field].setText(translated(message))
                self.errors[field].setVisible(True)
            elif field == "sample_date":
                self.sample_date_error.setText(translated(message))
                self.sample_date_error.setVisible(True)
            else:
                rest[field] = message
        return rest

    def _explanation(self, text: str) -> str:
        """The app's eGFR explanation in the interface language."""
        m = re.fullmatch(r"CKD-EPI 2021, age (\d+), sex ([FM])", text)
        if m:
            sex = self.tr("female") if m.group(2) == "F" else self.tr("male")
            return self.tr("CKD-EPI 2021, age {0}, sex {1}").format(m.group(1), sex)
        return catalog(text)

    def set_egfr(self, value: float | None, explanation: str) -> None:
        explanation = self._explanation(explanation)
        if value is None:
            self.egfr_label.setText(self.tr("— ({0})").format(explanation))
        else:
            self.egfr_label.setText(self.tr("{0} mL/min/1.73 m² ({1})").format(fmt_number(value, 0), explanation))

    def creatinine_umol(self) -> float | None:
        """The creatinine typed, in µmol/L (None when empty or unreadable)."""
        value = self.values["creatinine"].safe_value()
        if value is None:
            return None
        try:
            return lab_rules.to_canonical("creatinine", value, self.unit("creatinine"))
        except ValueError:
            return None

    def set_read_only(self, ro: bool) -> None:
        for group in (self.values, self.llns, self.ulns):
            for w in group.values():
                w.setReadOnly(ro)
        for u in self.units.values():
            if isinstance(u, QComboBox):
                u.setEnabled(not ro)
        self.sample_date.setReadOnly(ro)
