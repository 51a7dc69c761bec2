"""Laboratory results of a visit: value, unit, the laboratory's normal limits, out-of-range flag, eGFR."""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
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

from sle_desktop.app.visits import LabEntry, LabValue
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
PRESENCE_TESTS = ("urine_casts",)  # 0 absent / 1 present: chosen, never typed as a number

# The catalogue's unit codes as a clinician reads them (the stored unit stays the code).
UNITS = (
    QT_TRANSLATE_NOOP("Units", "×10⁹/L"), QT_TRANSLATE_NOOP("Units", "g/L"), QT_TRANSLATE_NOOP("Units", "g/dL"),
    QT_TRANSLATE_NOOP("Units", "°C"), QT_TRANSLATE_NOOP("Units", "mg/dL"), QT_TRANSLATE_NOOP("Units", "IU/mL"),
    QT_TRANSLATE_NOOP("Units", "/HPF"), QT_TRANSLATE_NOOP("Units", "g/24 h"), QT_TRANSLATE_NOOP("Units", "mg/24 h"),
    QT_TRANSLATE_NOOP("Units", "g/g"), QT_TRANSLATE_NOOP("Units", "mg/mmol"), QT_TRANSLATE_NOOP("Units", "mg/mg"),
    QT_TRANSLATE_NOOP("Units", "µmol/L"), QT_TRANSLATE_NOOP("Units", "U/L"),
)


def unit_label(unit: str) -> str:
    """A unit code in the interface language ("g/L" -> "г/л")."""
    return QCoreApplication.translate("Units", unit)


class PresenceField(QComboBox):
    """A finding that is absent or present (stored as 0 / 1), with the NumberField interface."""

    textChanged = Signal(str)  # noqa: N815 - same signal as the number fields

    def __init__(self, parent=None):
        super().__init__(parent)
        self.addItem(self.tr("not tested"), None)
        self.addItem(self.tr("absent"), 0.0)
        self.addItem(self.tr("present"), 1.0)
        self.currentIndexChanged.connect(lambda _i: self.textChanged.emit(self.currentText()))

    def value(self) -> float | None:
        return self.currentData()

    def safe_value(self) -> float | None:
        return self.currentData()

    def set_value(self, value: float | None) -> None:
        self.setCurrentIndex(0 if value is None else 2 if value >= 0.5 else 1)

    def text(self) -> str:
        return "" if self.currentData() is None else self.currentText()

    def setReadOnly(self, ro: bool) -> None:  # noqa: N802 - Qt naming
        self.setEnabled(not ro)


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
        self._saved: dict[str, LabValue] = {}

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
            name = QLabel(catalog(t.label), host)
            grid.addWidget(name, row, 0)
            presence = t.code in PRESENCE_TESTS
            value = PresenceField(host) if presence else NumberField(host)
            value.setObjectName(f"lab_{t.code}")
            value.setAccessibleName(catalog(t.label))
            name.setBuddy(value)
            if t.alt_units:
                unit = QComboBox(host)
                unit.addItem(unit_label(t.unit), t.unit)
                for alt, _factor in t.alt_units:
                    unit.addItem(unit_label(alt), alt)
                unit.setAccessibleName(self.tr("{0}: unit").format(catalog(t.label)))
                unit.currentIndexChanged.connect(lambda _i, code=t.code: self._row_changed(code))
            else:
                unit = QLabel("" if presence else unit_label(t.unit), host)
            unit.setObjectName(f"unit_{t.code}")
            lln = NumberField(host)
            lln.setObjectName(f"lln_{t.code}")
            lln.setAccessibleName(self.tr("{0}: lower limit").format(catalog(t.label)))
            uln = NumberField(host)
            uln.setObjectName(f"uln_{t.code}")
            uln.setAccessibleName(self.tr("{0}: upper limit").format(catalog(t.label)))
            lln.setVisible(not presence)
            uln.setVisible(not presence)
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
        # Tab goes result to result (14 values, 14 presses); the units and the limits, mostly carried over from
        # the previous visit, follow after the last result
        order = [self.sample_date.edit, *self.values.values()]
        for code in self.values:
            if isinstance(self.units[code], QComboBox):
                order.append(self.units[code])
            if code not in PRESENCE_TESTS:
                order += [self.llns[code], self.ulns[code]]
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)
        self.tab_order = order
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

    def set_saved(self, saved: dict[str, LabValue]) -> None:
        """Show a visit's saved results (canonical units)."""
        self._saved = dict(saved)
        for code, r in saved.items():
            if code not in self.values:
                continue
            self.set_unit(code, lab_rules.lab_test(code).unit)
            self.values[code].set_value(r.value)
            self.llns[code].set_value(r.lln)
            self.ulns[code].set_value(r.uln)

    def saved(self) -> dict[str, LabValue]:
        """The visit's saved results (canonical units) as loaded."""
        return dict(self._saved)

    def value_text(self, code: str, value: float | None) -> str:
        """A saved value with its canonical unit as shown in this form ("absent" for a finding)."""
        if code in PRESENCE_TESTS:
            return "" if value is None else self.tr("present") if value >= 0.5 else self.tr("absent")
        return f"{fmt_number(value)} {unit_label(lab_rules.lab_test(code).unit)}"

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
