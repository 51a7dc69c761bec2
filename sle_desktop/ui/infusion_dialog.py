"""MSC infusion record (MSC arm only) with the live dose-per-kg check and the infusion reaction as an AE."""

from __future__ import annotations

import re
from datetime import date, time

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from sle_desktop.app import safety, subjects
from sle_desktop.app.errors import AppError, ReasonRequired, StoreError, ValidationError
from sle_desktop.domain import safety as rules
from sle_desktop.ui.ae_dialog import AdverseEventWidget
from sle_desktop.ui.common import (
    ERROR_STYLE,
    OK_STYLE,
    BadInput,
    Banner,
    DateField,
    NumberField,
    error_label,
    exception_text,
    fmt_number,
    heading,
    name_inputs,
    translated,
    with_error,
)
from sle_desktop.ui.messages import FieldErrors, report
from sle_desktop.ui.reason_dialog import ReasonDialog
from sle_desktop.ui.screen_fit import fit_to_screen

_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")
VITALS = (
    ("bp_systolic", QT_TRANSLATE_NOOP("InfusionDialog", "Systolic BP (mmHg)")),
    ("bp_diastolic", QT_TRANSLATE_NOOP("InfusionDialog", "Diastolic BP (mmHg)")),
    ("heart_rate", QT_TRANSLATE_NOOP("InfusionDialog", "Heart rate (/min)")),
    ("temperature", QT_TRANSLATE_NOOP("InfusionDialog", "Temperature (°C)")),
    ("spo2", QT_TRANSLATE_NOOP("InfusionDialog", "SpO₂ (%)")),
)


def parse_time(text: str) -> time | None:
    """hh:mm -> time; None for empty; BadInput otherwise."""
    if not text or not text.strip():
        return None
    m = _TIME.match(text)
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        raise BadInput(QCoreApplication.translate("Input", "Enter the time as hh:mm, for example 10:30."))
    return time(int(m.group(1)), int(m.group(2)))


class InfusionDialog(QDialog):
    """Records one MSC infusion; emits `saved(infusion_uuid)` and accepts on success."""

    saved = Signal(str)

    def __init__(self, session, subject_uuid: str, parent=None, *, visit_uuid: str | None = None,
                 infusion_uuid: str | None = None, today: date | None = None):
        super().__init__(parent)
        self.setObjectName("infusionDialog")
        self.session, self.subject_uuid, self.visit_uuid, self.today = session, subject_uuid, visit_uuid, today
        self.infusion_uuid = infusion_uuid
        self.reason_dialog: ReasonDialog | None = None
        subject = subjects.get_subject(session, subject_uuid)
        label = subject.label
        self.setWindowTitle(self.tr("MSC infusion – {0}").format(label) if infusion_uuid is None
                            else self.tr("Correct MSC infusion – {0}").format(label))
        self.banner = Banner(self)
        self.banner.setObjectName("infusionBanner")
        self.errors = FieldErrors()

        body = QWidget(self)
        grid = QGridLayout(body)
        product = QGroupBox(self.tr("Infusion and product"), body)
        pf = QFormLayout(product)
        self.infusion_date = DateField(product)
        self.infusion_date.setObjectName("infusionDate")
        self.infusion_date.set_date(today or date.today())
        self.start_time = QLineEdit(product)
        self.start_time.setObjectName("startTime")
        self.start_time.setPlaceholderText(self.tr("hh:mm"))
        self.end_time = QLineEdit(product)
        self.end_time.setObjectName("endTime")
        self.end_time.setPlaceholderText(self.tr("hh:mm"))
        self.lot = QLineEdit(product)
        self.lot.setObjectName("lotNumber")
        self.viability = NumberField(product)
        self.viability.setObjectName("viability")
        self.volume = NumberField(product)
        self.volume.setObjectName("volume")
        route = QLabel(self.tr("Intravenous (IV)"), product)
        self.premedication = QLineEdit(product)
        self.premedication.setObjectName("premedication")
        self.administered_by = QLineEdit(session.display_name, product)
        self.administered_by.setObjectName("administeredBy")
        for field, text, w in (
            ("infusion_date", self.tr("Infusion date:"), self.infusion_date),
            ("start_time", self.tr("Start time:"), self.start_time),
            ("end_time", self.tr("End time:"), self.end_time),
            ("lot_number", self.tr("Product lot number:"), self.lot),
            ("viability_pct", self.tr("Viability (%):"), self.viability),
            ("volume_ml", self.tr("Volume (mL):"), self.volume),
            ("route", self.tr("Route:"), route),
            ("premedication", self.tr("Premedication:"), self.premedication),
            ("administered_by", self.tr("Administering clinician:"), self.administered_by),
        ):
            pf.addRow(text, with_error(w, self.errors.register(field, error_label(product))))

        dose = QGroupBox(self.tr("Dose"), body)
        df = QFormLayout(dose)
        self.weight = NumberField(dose)
        self.weight.setObjectName("weightKg")
        self.total_cells = NumberField(dose)
        self.total_cells.setObjectName("totalCells")
        self.total_cells.setPlaceholderText(self.tr("millions of cells, e.g. 84"))
        self.per_kg = NumberField(dose)
        self.per_kg.setObjectName("cellsPerKg")
        for field, text, w in (
            ("weight_kg", self.tr("Body weight used for dosing (kg):"), self.weight),
            ("total_cells", self.tr("Total cells (×10⁶):"), self.total_cells),
            ("cells_per_kg_million", self.tr("Dose entered (×10⁶ cells/kg):"), self.per_kg),
        ):
            df.addRow(text, with_error(w, self.errors.register(field, error_label(dose))))
        self.dose_check = QLabel(dose)
        self.dose_check.setObjectName("doseCheck")
        self.dose_check.setWordWrap(True)
        df.addRow(self.dose_check)

        vitals = QGroupBox(self.tr("Vital signs"), body)
        vg = QGridLayout(vitals)
        vg.addWidget(QLabel("<b>" + self.tr("Before") + "</b>", vitals), 0, 1)
        vg.addWidget(QLabel("<b>" + self.tr("After") + "</b>", vitals), 0, 2)
        self.vitals: dict[str, NumberField] = {}
        for r, (key, vital_label) in enumerate(VITALS, start=1):
            shown = QCoreApplication.translate("InfusionDialog", vital_label)
            vg.addWidget(QLabel(shown, vitals), 2 * r - 1, 0)
            for c, when in enumerate(("pre", "post"), start=1):
                f = NumberField(vitals)
                f.setObjectName(f"{when}_{key}")
                f.setAccessibleName((self.tr("{0}, before the infusion") if when == "pre"
                                     else self.tr("{0}, after the infusion")).format(shown))
                self.vitals[f"{when}_{key}"] = f
                vg.addWidget(f, 2 * r - 1, c)
                vg.addWidget(self.errors.register(f"{when}_{key}", error_label(vitals)), 2 * r, c)

        reaction_box = QGroupBox(self.tr("Infusion reaction"), body)
        rl = QVBoxLayout(reaction_box)
        self.reaction = QCheckBox(self.tr("The patient had an infusion reaction (recorded as an adverse event)"),
                                  reaction_box)
        self.reaction.setObjectName("reaction")
        rl.addWidget(self.reaction)
        rl.addWidget(self.errors.register("reaction", error_label(reaction_box)))
        self.reaction_event = AdverseEventWidget(reaction_box, prefix="reaction_")
        self.reaction_event.onset.set_date(today or date.today())
        self.reaction_event.setVisible(False)
        rl.addWidget(self.reaction_event)
        self.reaction.toggled.connect(self.reaction_event.setVisible)
        self.from_paper = QCheckBox(self.tr("Entered from a paper CRF"), body)
        self.from_paper.setObjectName("infusionFromPaper")

        grid.addWidget(product, 0, 0, 2, 1)
        grid.addWidget(dose, 0, 1)
        grid.addWidget(vitals, 1, 1)
        grid.addWidget(reaction_box, 2, 0, 1, 2)
        grid.addWidget(self.from_paper, 3, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(4, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setWidget(body)

        lay = QVBoxLayout(self)
        lay.addWidget(heading(self.windowTitle(), self))
        lay.addWidget(scroll, 1)
        lay.addWidget(self.banner)
        buttons = QDialogButtonBox(QDialogButtonBox.Cancel, self)
        self.save_button = buttons.addButton(self.tr("&Save infusion"), QDialogButtonBox.AcceptRole)
        self.save_button.setDefault(True)  # Enter saves, Escape cancels
        self.save_button.setObjectName("saveButton")
        buttons.accepted.connect(lambda: self.save())
        buttons.rejected.connect(self.reject)
        h = QHBoxLayout()
        h.addWidget(buttons)
        lay.addLayout(h)
        for w in (self.weight, self.total_cells, self.per_kg):
            w.textChanged.connect(self.update_dose_check)
        self.update_dose_check()
        if subject.arm != "msc" or subject.status != "enrolled":
            self.banner.show_message(self.tr("MSC infusions are recorded only for enrolled subjects in the MSC arm "
                                             "({0} is not).").format(label))
            self.save_button.setEnabled(False)
        if infusion_uuid is not None:
            row = next((r for r in safety.list_infusions(session, subject_uuid) if r["uuid"] == infusion_uuid), None)
            if row is None:
                self.banner.show_message(self.tr("This infusion record no longer exists."))
                self.save_button.setEnabled(False)
            else:
                self.set_row(row)
        if not session.can("enter_data"):
            self.save_button.setVisible(False)
            self.banner.show_message(self.tr("Read-only: your account cannot change study data."), "info")
        fit_to_screen(self, 1180, 700)
        name_inputs(self)  # accessible names/buddies from the row labels

    def set_row(self, row: dict) -> None:
        """Fill the fields from a saved infusion (and its reaction adverse event)."""
        self.infusion_date.set_date(date.fromisoformat(row["infusion_date"]))
        self.start_time.setText(row["start_time"] or "")
        self.end_time.setText(row["end_time"] or "")
        self.lot.setText(row["lot_number"] or "")
        self.viability.set_value(row["viability_pct"])
        self.volume.set_value(row["volume_ml"])
        self.premedication.setText(row["premedication"] or "")
        self.administered_by.setText(row["administered_by"] or "")
        self.weight.set_value(row["weight_kg"])
        self.total_cells.set_value(None if row["total_cells"] is None else round(row["total_cells"] / 1e6, 3))
        self.per_kg.set_value(row["cells_per_kg_million"])
        for name, field in self.vitals.items():
            field.set_value(row.get(name))
        self.reaction.setChecked(bool(row["reaction"]))
        if row.get("reaction_ae_uuid"):
            event = next((a for a in safety.list_adverse_events(self.session, self.subject_uuid)
                          if a.uuid == row["reaction_ae_uuid"]), None)
            if event is not None:
                self.reaction_event.set_row(event)

    def update_dose_check(self) -> None:
        """Compare the entered dose with total cells ÷ weight as the user types."""
        weight, total, per_kg = (w.safe_value() for w in (self.weight, self.total_cells, self.per_kg))
        if weight is None or total is None:
            self.dose_check.setText(self.tr("Enter weight and total cells to compute the dose per kg."))
            self.dose_check.setStyleSheet("")
            return
        try:
            computed = rules.dose_per_kg_million(total * 1e6, weight)
            if per_kg is None:
                self.dose_check.setText(self.tr("Computed dose: {0} ×10⁶ cells/kg.").format(fmt_number(computed, 2)))
                self.dose_check.setStyleSheet("")
                return
            check = rules.check_dose(total * 1e6, weight, per_kg)
        except ValueError as exc:
            self.dose_check.setText(exception_text(exc))
            self.dose_check.setStyleSheet(ERROR_STYLE)
            return
        self.dose_check.setText(translated(check.message))
        self.dose_check.setStyleSheet(OK_STYLE if check.ok else ERROR_STYLE + " font-weight: bold;")

    def _form(self) -> tuple[safety.InfusionForm | None, dict[str, str]]:
        problems: dict[str, str] = {}

        def read(field, fn):
            try:
                return fn()
            except BadInput as exc:
                problems[field] = str(exc)
                return None

        infusion_date = read("infusion_date", self.infusion_date.date)
        start = read("start_time", lambda: parse_time(self.start_time.text()))
        end = read("end_time", lambda: parse_time(self.end_time.text()))
        numbers = {f: read(f, w.value) for f, w in (
            ("viability_pct", self.viability), ("volume_ml", self.volume), ("weight_kg", self.weight),
            ("total_cells", self.total_cells), ("cells_per_kg_million", self.per_kg))}
        vitals = {"pre": {}, "post": {}}
        for name, w in self.vitals.items():
            value = read(name, w.value)
            if value is not None:
                when, key = name.split("_", 1)
                vitals[when][key] = int(value) if key not in ("temperature",) and value == int(value) else value
        reaction_event = None
        if self.reaction.isChecked():
            reaction_event, more = self.reaction_event.form()
            problems.update(more)
        total = numbers["total_cells"] * 1e6 if numbers["total_cells"] is not None else None
        form = safety.InfusionForm(
            infusion_date=infusion_date, start_time=start, end_time=end, lot_number=self.lot.text(),
            cells_per_kg_million=numbers["cells_per_kg_million"], total_cells=total,
            viability_pct=numbers["viability_pct"], volume_ml=numbers["volume_ml"], weight_kg=numbers["weight_kg"],
            premedication=self.premedication.text(), pre_vitals=vitals["pre"], post_vitals=vitals["post"],
            reaction=self.reaction.isChecked(), reaction_event=reaction_event,
            administered_by=self.administered_by.text(), from_paper=self.from_paper.isChecked(),
        )
        return form, problems

    def _show(self, errors: dict[str, str]) -> None:
        errors = dict(errors)
        if "total_cells" in errors:  # the app speaks in cells; the field is in millions
            errors["total_cells"] = self.tr("Total cells must be between 0.1 and 100 000 (×10⁶).")
        rest = self.errors.show({k: v for k, v in errors.items() if not k.startswith("reaction_")})
        rest.update(self.reaction_event.errors.show({k: v for k, v in errors.items() if k.startswith("reaction_")}))
        text = self.tr("Nothing was saved: please correct the fields marked in red.")
        if rest:
            text += "\n" + "\n".join(f"• {translated(m)}" for m in rest.values())
        self.banner.show_message(text)

    def save(self, reason: str | None = None) -> bool:
        self.errors.clear()
        self.reaction_event.errors.clear()
        self.banner.clear()
        form, problems = self._form()
        if problems:
            self._show(problems)
            return False
        try:
            uuid_ = safety.record_infusion(self.session, self.subject_uuid, form, visit_uuid=self.visit_uuid,
                                           infusion_uuid=self.infusion_uuid, reason=reason, today=self.today)
        except ReasonRequired:
            self.reason_dialog = ReasonDialog(self, what=self.windowTitle())
            self.reason_dialog.accepted.connect(lambda: self.save(self.reason_dialog.reason()))
            self.reason_dialog.rejected.connect(lambda: self.banner.show_message(
                self.tr("Not saved: changing a saved record needs a reason."), "warning"))
            self.reason_dialog.open()
            return False
        except ValidationError as exc:
            self._show(exc.errors)
            return False
        except (AppError, StoreError) as exc:
            report(exc, banner=self.banner)
            return False
        self.saved.emit(uuid_)
        self.accept()
        return True
