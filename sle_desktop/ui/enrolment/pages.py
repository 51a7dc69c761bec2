"""The screening pages of the enrolment wizard: consent → demographics → ACR 1997 → anti-dsDNA →
screening SLEDAI → nephritis → exclusions.

Each page is checked with `subjects.validate_screening` (only its own fields) before Next;
messages appear in red under the fields. Back/Next keep what was typed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from sle_desktop.app import subjects
from sle_desktop.domain import acr1997, eligibility
from sle_desktop.ui.common import (
    ERROR_STYLE,
    OK_STYLE,
    BadInput,
    Banner,
    DateField,
    NumberField,
    catalog,
    error_label,
    fmt_number,
    with_error,
)
from sle_desktop.ui.messages import FieldErrors
from sle_desktop.ui.sledai_widget import SledaiWidget


def scrolled(page: QWizardPage, content: QWidget) -> None:
    """Put a page's form in a scroll area, packed at the top (long pages scroll at 1366×768)."""
    holder = QWidget()
    v = QVBoxLayout(holder)
    v.setContentsMargins(0, 0, 0, 0)
    v.addWidget(content)
    v.addStretch(1)
    scroll = QScrollArea(page)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.NoFrame)
    scroll.setWidget(holder)
    lay = QVBoxLayout(page)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.addWidget(scroll)


class ScreeningPage(QWizardPage):
    """A page owning some ScreeningForm fields; Next runs the app's validation for those fields."""

    FIELDS: tuple[str, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.errors = FieldErrors()
        self.banner = Banner()

    def _row(self, form: QFormLayout, field: str, label: str, widget: QWidget) -> None:
        form.addRow(label, with_error(widget, self.errors.register(field, error_label())))

    def read(self, form: subjects.ScreeningForm, problems: dict) -> None:
        """Copy this page's widgets into `form`; unreadable input goes to `problems`."""

    def validatePage(self) -> bool:  # noqa: N802 - Qt naming
        self.errors.clear()
        wizard = self.wizard()  # the EnrolmentWizard: screening_form(), today
        form, problems = wizard.screening_form()
        mine = {k: v for k, v in problems.items() if k in self.FIELDS}
        if not mine:
            found = subjects.validate_screening(form, today=wizard.today)
            mine = {k: v for k, v in found.items() if k in self.FIELDS}
        if mine:
            self.errors.show(mine)
            return False
        return True

    def cleanupPage(self) -> None:  # noqa: N802 - keep what was typed when going Back
        pass


class ConsentPage(ScreeningPage):
    FIELDS = ("consent_date", "consent_version", "screening_date", "can_follow_procedures")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("1. Informed consent"))
        self.setSubTitle(self.tr("Written informed consent must be signed and dated on or before any study procedure."))
        box = QWidget()
        form = QFormLayout(box)
        self.consent_date = DateField(box)
        self.consent_date.setObjectName("consentDate")
        self.consent_version = QLineEdit(box)
        self.consent_version.setObjectName("consentVersion")
        self.consent_version.setPlaceholderText(self.tr("e.g. 2.1"))
        self.screening_date = DateField(box, placeholder=self.tr("same as the consent date"))
        self.screening_date.setObjectName("screeningDate")
        self.can_follow = QCheckBox(self.tr("The patient can read, understand and follow the study procedures "
                                            "(investigator attests)"), box)
        self.can_follow.setObjectName("canFollow")
        self._row(form, "consent_date", self.tr("Date consent signed:"), self.consent_date)
        self._row(form, "consent_version", self.tr("Consent form version:"), self.consent_version)
        self._row(form, "screening_date", self.tr("Screening date:"), self.screening_date)
        self._row(form, "can_follow_procedures", "", self.can_follow)
        scrolled(self, box)

    def read(self, form, problems):
        for field, w in (("consent_date", self.consent_date), ("screening_date", self.screening_date)):
            try:
                setattr(form, field, w.date())
            except BadInput as exc:
                problems[field] = str(exc)
        form.consent_version = self.consent_version.text()
        form.can_follow_procedures = self.can_follow.isChecked()


class DemographicsPage(ScreeningPage):
    FIELDS = ("full_name", "national_id", "phone", "address", "date_of_birth", "sex", "childbearing_potential")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("2. Demographics and identifiers"))
        self.setSubTitle(self.tr("Identifiers are encrypted and never leave this site; sync bundles carry only "
                                 "the subject ID, year of birth and sex."))
        box = QWidget()
        form = QFormLayout(box)
        self.full_name = QLineEdit(box)
        self.full_name.setObjectName("fullName")
        self.national_id = QLineEdit(box)
        self.national_id.setObjectName("nationalId")
        self.phone = QLineEdit(box)
        self.phone.setObjectName("phone")
        self.address = QLineEdit(box)
        self.address.setObjectName("address")
        self.dob = DateField(box)
        self.dob.setObjectName("dateOfBirth")
        self.sex = QComboBox(box)
        self.sex.setObjectName("sex")
        self.sex.addItem(self.tr("Choose…"), None)
        self.sex.addItem(self.tr("Female"), "F")
        self.sex.addItem(self.tr("Male"), "M")
        self.childbearing = QCheckBox(self.tr("Woman of child-bearing potential (a pregnancy test is required)"), box)
        self.childbearing.setObjectName("childbearing")
        self.childbearing.setEnabled(False)
        self.age = QLabel(box)
        self.age.setObjectName("ageAtConsent")
        self._row(form, "full_name", self.tr("Full name:"), self.full_name)
        self._row(form, "national_id", self.tr("National ID:"), self.national_id)
        self._row(form, "phone", self.tr("Phone:"), self.phone)
        self._row(form, "address", self.tr("Address:"), self.address)
        self._row(form, "date_of_birth", self.tr("Date of birth:"), self.dob)
        form.addRow(self.tr("Age at consent:"), self.age)
        self._row(form, "sex", self.tr("Sex (biological, at birth):"), self.sex)
        self._row(form, "childbearing_potential", "", self.childbearing)
        self.sex.currentIndexChanged.connect(self._sex_changed)
        self.dob.changed.connect(self._update_age)
        scrolled(self, box)

    def _sex_changed(self) -> None:
        female = self.sex.currentData() == "F"
        self.childbearing.setEnabled(female)
        if not female:
            self.childbearing.setChecked(False)

    def initializePage(self) -> None:  # noqa: N802
        self._update_age()

    def _update_age(self) -> None:
        consent = self.wizard().consent.consent_date.safe_date() if self.wizard() else None
        dob = self.dob.safe_date()
        if consent and dob and dob < consent:
            self.age.setText(self.tr("{0} years").format(eligibility.age_on(dob, consent)))
        else:
            self.age.setText("—")

    def read(self, form, problems):
        form.full_name = self.full_name.text()
        form.national_id = self.national_id.text()
        form.phone = self.phone.text()
        form.address = self.address.text()
        try:
            form.date_of_birth = self.dob.date()
        except BadInput as exc:
            problems["date_of_birth"] = str(exc)
        form.sex = self.sex.currentData()
        form.childbearing_potential = self.childbearing.isChecked()


class AcrPage(ScreeningPage):
    FIELDS = ("acr_criteria",)

    def __init__(self, parent=None, *, minimum: int = acr1997.MIN_CRITERIA):
        super().__init__(parent)
        self.minimum = minimum  # the eligibility rule in force
        self.setTitle(self.tr("3. ACR 1997 classification criteria"))
        self.setSubTitle(self.tr("Tick each criterion present now or in the past. SLE is classified with at least "
                                 "{0} of 11.").format(minimum))
        box = QWidget()
        lay = QVBoxLayout(box)
        self.count = QLabel(box)
        self.count.setObjectName("acrCount")
        f = self.count.font()
        f.setBold(True)
        self.count.setFont(f)
        lay.addWidget(self.count)
        grid = QGridLayout()
        self.boxes: dict[str, QCheckBox] = {}
        for i, code in enumerate(acr1997.CRITERIA):
            cb = QCheckBox(catalog(acr1997.LABELS[code]), box)
            cb.setObjectName(f"acr_{code}")
            cb.setToolTip(catalog(acr1997.DEFINITIONS[code]))
            cb.toggled.connect(self._update)
            d = QLabel(catalog(acr1997.DEFINITIONS[code]), box)
            d.setWordWrap(True)
            d.setStyleSheet("color: #444;")
            grid.addWidget(cb, i, 0, Qt.AlignTop)
            grid.addWidget(d, i, 1)
            self.boxes[code] = cb
        grid.setColumnStretch(1, 1)
        lay.addLayout(grid)
        lay.addWidget(self.errors.register("acr_criteria", error_label(box)))
        lay.addStretch(1)
        scrolled(self, box)
        self._update()

    def selected(self) -> frozenset[str]:
        return frozenset(c for c, cb in self.boxes.items() if cb.isChecked())

    def _update(self) -> None:
        n = len(self.selected())
        ok = n >= self.minimum
        self.count.setText(self.tr("{0} of 11 criteria present – {1}").format(
            n, self.tr("SLE classification met") if ok else
            self.tr("at least {0} are required").format(self.minimum)))
        self.count.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)

    def read(self, form, problems):
        form.acr_criteria = self.selected()


class AntiDsDnaPage(ScreeningPage):
    FIELDS = ("anti_dsdna_positive", "anti_dsdna_value", "anti_dsdna_uln")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("4. Anti-dsDNA"))
        self.setSubTitle(self.tr("Positive anti-dsDNA is required: a value above the laboratory's upper limit, "
                                 "or a qualitative positive result."))
        box = QWidget()
        form = QFormLayout(box)
        self.value = NumberField(box)
        self.value.setObjectName("antiDsdnaValue")
        self.uln = NumberField(box)
        self.uln.setObjectName("antiDsdnaUln")
        self.positive = QCheckBox(self.tr("Qualitative result positive (no value available)"), box)
        self.positive.setObjectName("antiDsdnaPositive")
        self.result = QLabel(box)
        self.result.setObjectName("antiDsdnaResult")
        self._row(form, "anti_dsdna_value", self.tr("Anti-dsDNA (IU/mL):"), self.value)
        self._row(form, "anti_dsdna_uln", self.tr("Laboratory upper limit (IU/mL):"), self.uln)
        self._row(form, "anti_dsdna_positive", "", self.positive)
        form.addRow(self.tr("Result:"), self.result)
        for w in (self.value, self.uln):
            w.textChanged.connect(self._update)
        self.positive.toggled.connect(self._update)
        scrolled(self, box)
        self._update()

    def _update(self) -> None:
        v, u = self.value.safe_value(), self.uln.safe_value()
        if eligibility.anti_dsdna_positive(value=v, uln=u):
            self.result.setText(self.tr("Positive: {0} IU/mL is above the upper limit {1}").format(fmt_number(v), fmt_number(u)))
            self.result.setStyleSheet(OK_STYLE)
        elif self.positive.isChecked():
            self.result.setText(self.tr("Positive (qualitative)"))
            self.result.setStyleSheet(OK_STYLE)
        else:
            self.result.setText(self.tr("Not positive"))
            self.result.setStyleSheet(ERROR_STYLE)

    def read(self, form, problems):
        form.anti_dsdna_positive = self.positive.isChecked()
        for field, w in (("anti_dsdna_value", self.value), ("anti_dsdna_uln", self.uln)):
            try:
                setattr(form, field, w.value())
            except BadInput as exc:
                problems[field] = str(exc)


class SledaiPage(ScreeningPage):
    FIELDS = ("sledai_codes",)

    def __init__(self, parent=None, *, minimum: int):
        super().__init__(parent)
        self.minimum = minimum  # the eligibility rule in force
        self.setTitle(self.tr("5. Screening SELENA-SLEDAI"))
        self.setSubTitle(self.tr("A screening score of at least {0} is required.").format(minimum))
        self.sledai = SledaiWidget(self, show_pga=False)
        self.sledai.changed.connect(self._update)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.sledai, 1)
        lay.addWidget(self.errors.register("sledai_codes", error_label(self)))
        self._update()

    def _update(self) -> None:
        total = self.sledai.total()
        ok = total >= self.minimum
        self.sledai.set_requirement(self.tr("Screening requirement: at least {0} – {1}").format(
            self.minimum, self.tr("met") if ok else self.tr("not met")), ok)

    def read(self, form, problems):
        form.sledai_codes = self.sledai.codes()


class NephritisPage(ScreeningPage):
    FIELDS = ("biopsy_class", "biopsy_date", "proteinuria_g_per_day", "upcr_g_per_g", "active_sediment",
              "investigator_confirms_nephritis")

    def __init__(self, parent=None, *, rules: eligibility.EligibilityRules):
        super().__init__(parent)
        self.setTitle(self.tr("6. Active lupus nephritis"))
        self.setSubTitle(self.tr("Evidence: kidney biopsy class III, IV or V within {months} months before consent, "
                                 "or proteinuria ≥ {protein} g/24 h (or UPCR ≥ {upcr} g/g) with active sediment. "
                                 "The investigator must also confirm.").format(
            months=rules.biopsy_lookback_months, protein=fmt_number(rules.min_proteinuria_g_per_day),
            upcr=fmt_number(rules.min_upcr_g_per_g)))
        box = QWidget()
        form = QFormLayout(box)
        self.biopsy_class = QComboBox(box)
        self.biopsy_class.setObjectName("biopsyClass")
        self.biopsy_class.addItem(self.tr("No biopsy"), None)
        for c in subjects.BIOPSY_CLASSES:
            self.biopsy_class.addItem(self.tr("Class {0}").format(c), c)
        self.biopsy_date = DateField(box)
        self.biopsy_date.setObjectName("biopsyDate")
        self.protein = NumberField(box)
        self.protein.setObjectName("proteinuria")
        self.upcr = NumberField(box)
        self.upcr.setObjectName("upcr")
        self.sediment = QCheckBox(self.tr("Active urinary sediment (haematuria or cellular casts)"), box)
        self.sediment.setObjectName("activeSediment")
        self.confirm = QCheckBox(self.tr("The investigator confirms active lupus nephritis"), box)
        self.confirm.setObjectName("confirmNephritis")
        self._row(form, "biopsy_class", self.tr("Biopsy class (ISN/RPS):"), self.biopsy_class)
        self._row(form, "biopsy_date", self.tr("Biopsy date:"), self.biopsy_date)
        self._row(form, "proteinuria_g_per_day", self.tr("Proteinuria (g/24 h):"), self.protein)
        self._row(form, "upcr_g_per_g", self.tr("UPCR (g/g):"), self.upcr)
        self._row(form, "active_sediment", "", self.sediment)
        self._row(form, "investigator_confirms_nephritis", "", self.confirm)
        self.biopsy_class.currentIndexChanged.connect(
            lambda: self.biopsy_date.setEnabled(self.biopsy_class.currentData() is not None))
        self.biopsy_date.setEnabled(False)
        scrolled(self, box)

    def read(self, form, problems):
        form.biopsy_class = self.biopsy_class.currentData()
        try:
            form.biopsy_date = self.biopsy_date.date() if form.biopsy_class else None
        except BadInput as exc:
            problems["biopsy_date"] = str(exc)
        for field, w in (("proteinuria_g_per_day", self.protein), ("upcr_g_per_g", self.upcr)):
            try:
                setattr(form, field, w.value())
            except BadInput as exc:
                problems[field] = str(exc)
        form.active_sediment = self.sediment.isChecked()
        form.investigator_confirms_nephritis = self.confirm.isChecked()


class ExclusionsPage(ScreeningPage):
    FIELDS = ("needs_dialysis", "planned_transplant", "high_risk_condition", "high_risk_text",
              "pregnant_or_lactating", "pregnancy_test", "chronic_infection", "infection_details",
              "last_malignancy_date")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("7. Exclusion criteria"))
        self.setSubTitle(self.tr("Any one of these excludes the patient. Leave unticked what does not apply."))
        box = QWidget()
        form = QFormLayout(box)
        self.dialysis = QCheckBox(self.tr("Needs dialysis"), box)
        self.dialysis.setObjectName("needsDialysis")
        self.transplant = QCheckBox(self.tr("Renal transplantation planned"), box)
        self.transplant.setObjectName("plannedTransplant")
        self.high_risk = QCheckBox(self.tr("A medical condition with high risk for the patient (investigator judgement)"),
                                   box)
        self.high_risk.setObjectName("highRisk")
        self.high_risk_text = QPlainTextEdit(box)
        self.high_risk_text.setObjectName("highRiskText")
        self.high_risk_text.setPlaceholderText(self.tr("Describe the condition"))
        self.high_risk_text.setFixedHeight(self.high_risk_text.fontMetrics().lineSpacing() * 3 + 12)
        self.high_risk_text.setTabChangesFocus(True)
        self.pregnant = QCheckBox(self.tr("Pregnant or breast-feeding"), box)
        self.pregnant.setObjectName("pregnant")
        self.pregnancy_test = QComboBox(box)
        self.pregnancy_test.setObjectName("pregnancyTest")
        self.pregnancy_test.addItem(self.tr("Not done"), None)
        self.pregnancy_test.addItem(self.tr("Negative"), "negative")
        self.pregnancy_test.addItem(self.tr("Positive"), "positive")
        self.pregnancy_test.addItem(self.tr("Not applicable"), "not_applicable")
        self.infection = QCheckBox(self.tr("Chronic infection (hepatitis B or C, tuberculosis, HIV)"), box)
        self.infection.setObjectName("chronicInfection")
        self.infection_details = QLineEdit(box)
        self.infection_details.setObjectName("infectionDetails")
        self.infection_details.setPlaceholderText(self.tr("Which infection (e.g. HBsAg positive)"))
        self.malignancy = DateField(box, placeholder=self.tr("dd.mm.yyyy – empty if never"))
        self.malignancy.setObjectName("malignancyDate")
        self._row(form, "needs_dialysis", "", self.dialysis)
        self._row(form, "planned_transplant", "", self.transplant)
        self._row(form, "high_risk_condition", "", self.high_risk)
        self._row(form, "high_risk_text", self.tr("High-risk condition:"), self.high_risk_text)
        self._row(form, "pregnant_or_lactating", "", self.pregnant)
        self._row(form, "pregnancy_test", self.tr("Pregnancy test:"), self.pregnancy_test)
        self._row(form, "chronic_infection", "", self.infection)
        self._row(form, "infection_details", self.tr("Infection:"), self.infection_details)
        self._row(form, "last_malignancy_date", self.tr("Last malignancy diagnosed:"), self.malignancy)
        self.high_risk.toggled.connect(self.high_risk_text.setEnabled)
        self.infection.toggled.connect(self.infection_details.setEnabled)
        self.high_risk_text.setEnabled(False)
        self.infection_details.setEnabled(False)
        self.pregnancy_note = QLabel(box)
        self.pregnancy_note.setWordWrap(True)
        form.addRow("", self.pregnancy_note)
        scrolled(self, box)

    def initializePage(self) -> None:  # noqa: N802
        demo = self.wizard().demographics
        needs_test = demo.sex.currentData() == "F" and demo.childbearing.isChecked()
        self.pregnancy_note.setText(
            self.tr("A pregnancy test result is required: the patient is a woman of child-bearing potential.")
            if needs_test else "")
        self.pregnancy_note.setStyleSheet(ERROR_STYLE if needs_test else "")

    def read(self, form, problems):
        form.needs_dialysis = self.dialysis.isChecked()
        form.planned_transplant = self.transplant.isChecked()
        form.high_risk_condition = self.high_risk.isChecked()
        form.high_risk_text = self.high_risk_text.toPlainText() if form.high_risk_condition else ""
        form.pregnant_or_lactating = self.pregnant.isChecked()
        form.pregnancy_test = self.pregnancy_test.currentData()
        form.chronic_infection = self.infection.isChecked()
        form.infection_details = self.infection_details.text() if form.chronic_infection else ""
        try:
            form.last_malignancy_date = self.malignancy.date()
        except BadInput as exc:
            problems["last_malignancy_date"] = str(exc)

