"""Concomitant (standard-treatment) medication of a subject: list and add, with a coded drug class
(corticosteroid agent and coded frequency, from which the SELENA Flare Index computes the
prednisone-equivalent dose)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sle_desktop.app import visits
from sle_desktop.app.errors import AppError, StoreError, ValidationError
from sle_desktop.domain import medication
from sle_desktop.ui.common import (
    BadInput,
    Banner,
    DateField,
    NumberField,
    catalog,
    error_label,
    fmt_date,
    fmt_number,
    with_error,
)
from sle_desktop.ui.messages import FieldErrors, FreeTextCheck, report


class ConMedsWidget(QWidget):
    """The subject's medication list and a form that adds one (saved at once, audited)."""

    added = Signal(str)

    def __init__(self, session, subject_uuid: str, parent=None, *, today=None):
        super().__init__(parent)
        self.session, self.subject_uuid, self.today = session, subject_uuid, today
        self.free_text = FreeTextCheck(self, session, subject_uuid)
        self.table = QTableWidget(0, 8, self)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrow keys move within it
        self.table.setObjectName("conMedsTable")
        self.table.setHorizontalHeaderLabels([
            self.tr("Drug"), self.tr("Class"), self.tr("Dose"), self.tr("Route"), self.tr("Frequency"),
            self.tr("Start"), self.tr("Stop"), self.tr("Indication")])
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.banner = Banner(self)
        self.errors = FieldErrors(self.banner)

        self.form = QGroupBox(self.tr("Add a medication (saved immediately)"), self)
        g = QGridLayout(self.form)
        self.drug = QLineEdit(self.form)
        self.drug.setObjectName("cmDrug")
        self.drug_class = QComboBox(self.form)
        self.drug_class.setObjectName("cmClass")
        self.drug_class.addItem(self.tr("choose…"), None)
        for code in medication.DRUG_CLASSES:
            self.drug_class.addItem(catalog(medication.DRUG_CLASS_LABELS[code]), code)
        self.steroid = QComboBox(self.form)
        self.steroid.setObjectName("cmSteroid")
        self.steroid.addItem("", None)
        for code in medication.STEROIDS:
            self.steroid.addItem(catalog(medication.STEROID_LABELS[code]), code)
        self.drug_class.currentIndexChanged.connect(self._class_changed)
        self.dose = NumberField(self.form)
        self.dose.setObjectName("cmDose")
        self.dose_unit = QLineEdit(self.form)
        self.dose_unit.setObjectName("cmDoseUnit")
        self.dose_unit.setPlaceholderText(self.tr("mg"))
        self.route = QLineEdit(self.form)
        self.route.setPlaceholderText(self.tr("oral, IV, …"))
        self.frequency = QComboBox(self.form)
        self.frequency.setObjectName("cmFrequency")
        self.frequency.addItem("", None)
        for code in medication.FREQUENCIES:
            self.frequency.addItem(catalog(medication.FREQUENCY_LABELS[code]), code)
        self.start = DateField(self.form)
        self.start.setObjectName("cmStart")
        self.stop = DateField(self.form)
        self.indication = QLineEdit(self.form)
        cells = [
            ("drug", self.tr("Drug:"), self.drug), ("drug_class", self.tr("Drug class:"), self.drug_class),
            ("steroid", self.tr("Corticosteroid:"), self.steroid), ("dose", self.tr("Dose:"), self.dose),
            ("dose_unit", self.tr("Unit:"), self.dose_unit), ("frequency_code", self.tr("Frequency:"), self.frequency),
            ("route", self.tr("Route:"), self.route), ("start_date", self.tr("Start date:"), self.start),
            ("stop_date", self.tr("Stop date:"), self.stop), ("indication", self.tr("Indication:"), self.indication),
        ]
        for i, (field, label, widget) in enumerate(cells):
            r, c = divmod(i, 2)
            g.addWidget(QLabel(label, self.form), r, 2 * c)
            g.addWidget(with_error(widget, self.errors.register(field, error_label(self.form))), r, 2 * c + 1)
        self.add_button = QPushButton(self.tr("&Add medication"), self.form)
        self.add_button.setObjectName("addConMed")
        self.add_button.clicked.connect(self.add)
        g.addWidget(self.add_button, 5, 3)
        g.setColumnStretch(1, 1)
        g.setColumnStretch(3, 1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.banner)
        lay.addWidget(self.form)
        self.form.setVisible(session.can("enter_data"))
        self._class_changed()
        self.refresh()

    def _class_changed(self, *_args) -> None:
        steroid = self.drug_class.currentData() == "corticosteroid"
        self.steroid.setEnabled(steroid)
        if not steroid:
            self.steroid.setCurrentIndex(0)

    def refresh(self) -> None:
        try:
            rows = visits.list_con_meds(self.session, self.subject_uuid)
        except (AppError, StoreError) as exc:
            report(exc, banner=self.banner)
            return
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            dose = " ".join(x for x in (fmt_number(r.dose), r.dose_unit or "") if x)
            cls = catalog(medication.DRUG_CLASS_LABELS.get(r.drug_class)) if r.drug_class else \
                self.tr("not coded")
            if r.steroid:
                cls += f" ({catalog(medication.STEROID_LABELS[r.steroid])})"
            freq = catalog(medication.FREQUENCY_LABELS[r.frequency_code]) if r.frequency_code else \
                (r.frequency or "")
            for c, text in enumerate((r.drug, cls, dose, r.route or "", freq,
                                      fmt_date(r.start_date), fmt_date(r.stop_date), r.indication or "")):
                self.table.setItem(i, c, QTableWidgetItem(text))

    def add(self) -> None:
        self.errors.clear()
        try:
            dose = self.dose.value()
        except BadInput as exc:
            self.errors.set("dose", str(exc))
            return
        dates = {}
        for field, w in (("start_date", self.start), ("stop_date", self.stop)):
            try:
                dates[field] = w.date()
            except BadInput as exc:
                self.errors.set(field, str(exc))
                return
        texts = {self.tr("Drug"): self.drug.text(), self.tr("Route"): self.route.text(),
                 self.tr("Indication"): self.indication.text()}
        if not self.free_text.confirmed(texts, self.add):
            return
        try:
            uuid_ = visits.add_con_med(
                self.session, self.subject_uuid, drug=self.drug.text(), drug_class=self.drug_class.currentData(),
                steroid=self.steroid.currentData(), dose=dose, dose_unit=self.dose_unit.text() or ("mg" if dose is not None else ""),
                route=self.route.text(), frequency_code=self.frequency.currentData(),
                indication=self.indication.text(), today=self.today, **dates)
        except ValidationError as exc:
            self.errors.show(exc.errors)
            return
        except (AppError, StoreError) as exc:
            report(exc, fields=self.errors, banner=self.banner)
            return
        for w in (self.drug, self.dose, self.dose_unit, self.route, self.indication):
            w.clear()
        for box in (self.drug_class, self.steroid, self.frequency):
            box.setCurrentIndex(0)
        self.start.set_date(None)
        self.stop.set_date(None)
        self.banner.show_message(self.tr("Medication added."), "ok")
        self.refresh()
        self.added.emit(uuid_)
