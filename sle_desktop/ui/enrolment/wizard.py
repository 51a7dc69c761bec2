"""Enrolment wizard: the screening pages (`pages`) → summary (save screening) → arm assignment (eligible)
→ result with the subject ID.
"""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget, QWizard, QWizardPage

from sle_desktop.app import subjects, ui_queries
from sle_desktop.app.errors import AppError, StoreError, ValidationError
from sle_desktop.domain import eligibility, sledai
from sle_desktop.ui.common import ERROR_STYLE, OK_STYLE, Banner, catalog, fmt_date, fmt_number, name_inputs, translated
from sle_desktop.ui.enrolment.arm import ArmWidget
from sle_desktop.ui.enrolment.pages import (
    AcrPage,
    AntiDsDnaPage,
    ConsentPage,
    DemographicsPage,
    ExclusionsPage,
    NephritisPage,
    ScreeningPage,
    SledaiPage,
    scrolled,
)
from sle_desktop.ui.messages import plain_message, report


class SummaryPage(QWizardPage):
    """The eligibility decision with every failed criterion by name; Save screening commits it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("8. Summary and eligibility"))
        self.setSubTitle(self.tr("Check the decision, then save the screening. After saving, the screening can no "
                                 "longer be changed in this wizard."))
        self.setCommitPage(True)
        self.setButtonText(QWizard.CommitButton, self.tr("&Save screening"))
        box = QWidget()
        lay = QVBoxLayout(box)
        self.decision = QLabel(box)
        self.decision.setObjectName("decision")
        self.decision.setWordWrap(True)
        f = self.decision.font()
        f.setPointSize(f.pointSize() + 4)
        f.setBold(True)
        self.decision.setFont(f)
        lay.addWidget(self.decision)
        self.failed = QLabel(box)
        self.failed.setObjectName("failedCriteria")
        self.failed.setWordWrap(True)
        self.failed.setTextFormat(Qt.RichText)
        lay.addWidget(self.failed)
        self.facts = QLabel(box)
        self.facts.setObjectName("facts")
        self.facts.setWordWrap(True)
        self.facts.setTextFormat(Qt.RichText)
        lay.addWidget(self.facts)
        self.note = QLabel(box)
        self.note.setObjectName("summaryNote")
        self.note.setWordWrap(True)
        lay.addWidget(self.note)
        self.banner = Banner(box)
        lay.addWidget(self.banner)
        lay.addStretch(1)
        scrolled(self, box)
        self.result = None

    def initializePage(self) -> None:  # noqa: N802
        wizard: EnrolmentWizard = self.wizard()
        form, _problems = wizard.screening_form()
        self.banner.clear()
        self.result = subjects.evaluate_screening(form, wizard.session.store)
        if self.result.eligible:
            self.decision.setText(self.tr("ELIGIBLE – every inclusion criterion is met and no exclusion applies."))
            self.decision.setStyleSheet(OK_STYLE)
            self.failed.setText("")
            self.note.setText(self.tr("Save screening records the screening and the patient's identifiers; "
                                      "the treatment arm is assigned next."))
        else:
            n = len(self.result.failed)
            self.decision.setText(self.tr("NOT ELIGIBLE – 1 criterion not met:") if n == 1 else
                                  self.tr("NOT ELIGIBLE – {0} criteria not met:").format(n))
            self.decision.setStyleSheet(ERROR_STYLE)
            items = []
            for name, message in zip(self.result.failed, self.result.messages):
                label = catalog(eligibility.CRITERION_LABELS.get(name, name))
                text = translated(message)  # "Label: explanation" in the interface language
                text = text[len(label) + 2:] if text.startswith(label + ": ") else text
                items.append(f"<li><b>{escape(label)}</b> ({name}): {escape(text)}</li>")
            self.failed.setText("<ul>" + "".join(items) + "</ul>")
            self.note.setText(self.tr("Save screening saves this screening as a SCREEN FAILURE: it stays in the "
                                      "screening log and the patient is not enrolled."))
        age = "—"
        if form.date_of_birth and form.consent_date and form.date_of_birth < form.consent_date:
            age = str(eligibility.age_on(form.date_of_birth, form.consent_date))
        facts = [
            (self.tr("Consent"), self.tr("{0}, version {1}").format(fmt_date(form.consent_date), form.consent_version)),
            (self.tr("Age at consent"), age),
            (self.tr("ACR 1997 criteria"), self.tr("{0} of 11").format(len(form.acr_criteria))),
            (self.tr("Screening SELENA-SLEDAI"), str(sledai.score(form.sledai_codes))),
            (self.tr("Anti-dsDNA"), self.tr("positive") if eligibility.anti_dsdna_positive(
                qualitative=form.anti_dsdna_positive, value=form.anti_dsdna_value, uln=form.anti_dsdna_uln)
             else self.tr("not positive")),
            (self.tr("Biopsy"), self.tr("class {0} on {1}").format(form.biopsy_class, fmt_date(form.biopsy_date))
             if form.biopsy_class else self.tr("none")),
            (self.tr("Proteinuria / UPCR"), " / ".join(
                "—" if v is None else fmt_number(v) for v in (form.proteinuria_g_per_day, form.upcr_g_per_g))),
            (self.tr("Nephritis confirmed by investigator"), self.tr("yes") if form.investigator_confirms_nephritis
             else self.tr("no")),
        ]
        self.facts.setText("<table cellspacing='4'>" + "".join(
            f"<tr><td>{k}:</td><td><b>{v}</b></td></tr>" for k, v in facts) + "</table>")

    def validatePage(self) -> bool:  # noqa: N802
        wizard: EnrolmentWizard = self.wizard()
        return wizard.save_screening(self.banner)

    def nextId(self) -> int:  # noqa: N802
        wizard: EnrolmentWizard = self.wizard()
        eligible = self.result is not None and self.result.eligible
        if eligible and wizard.session.can("assign_arm"):
            return EnrolmentWizard.ARM
        return EnrolmentWizard.RESULT


class ArmPage(QWizardPage):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("9. Treatment arm"))
        self.setSubTitle(self.tr("The trial is not randomised: the investigator assigns the arm and records why. "
                                 "Your name and the time are recorded."))
        self.setCommitPage(True)
        self.setButtonText(QWizard.CommitButton, self.tr("&Enrol"))
        self.arm = ArmWidget(self)
        self.banner = Banner(self)
        lay = QVBoxLayout(self)
        self.saved_label = QLabel(self)
        self.saved_label.setWordWrap(True)
        lay.addWidget(self.saved_label)
        lay.addWidget(self.arm)
        lay.addWidget(self.banner)

    def initializePage(self) -> None:  # noqa: N802
        outcome = self.wizard().outcome
        self.saved_label.setText(self.tr("Screening saved as {0} (eligible).").format(outcome.screening_number))

    def validatePage(self) -> bool:  # noqa: N802
        wizard: EnrolmentWizard = self.wizard()
        sid = self.arm.enrol(wizard.session, wizard.outcome.subject_uuid, self.banner, today=wizard.today)
        if sid is None:
            return False
        wizard.subject_id = sid
        wizard.enrolled.emit(wizard.outcome.subject_uuid, sid)
        return True


class ResultPage(QWizardPage):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("Saved"))
        self.message = QLabel(self)
        self.message.setObjectName("resultMessage")
        self.message.setWordWrap(True)
        f = self.message.font()
        f.setPointSize(f.pointSize() + 3)
        self.message.setFont(f)
        lay = QVBoxLayout(self)
        lay.addWidget(self.message)
        lay.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802
        wizard: EnrolmentWizard = self.wizard()
        o = wizard.outcome
        if wizard.subject_id:
            text = self.tr("Enrolled. Subject ID: {0} (screening number {1}).").format(wizard.subject_id,
                                                                                     o.screening_number)
        elif o.eligible:
            text = self.tr("Screening {0} saved: eligible. An investigator must now assign the treatment arm "
                           "(open the subject and choose Assign arm).").format(o.screening_number)
        else:
            text = self.tr("Screening {0} saved as a screen failure. It stays in the screening log.").format(
                o.screening_number)
        self.message.setText(text)

    def nextId(self) -> int:  # noqa: N802
        return -1


class EnrolmentWizard(QWizard):
    """The enrolment wizard. `screened(outcome)` after the screening is saved, `enrolled(uuid, subject_id)`."""

    CONSENT, DEMOGRAPHICS, ACR, ANTI_DSDNA, SLEDAI, NEPHRITIS, EXCLUSIONS, SUMMARY, ARM, RESULT = range(10)
    screened = Signal(object)
    enrolled = Signal(str, str)

    def __init__(self, session, parent=None, *, today: date | None = None):
        super().__init__(parent)
        self.setObjectName("enrolmentWizard")
        self.session, self.today = session, today
        self.outcome: subjects.ScreeningOutcome | None = None
        self.subject_id: str | None = None
        self.setWindowTitle(self.tr("New screening – enrolment wizard"))
        self.setWizardStyle(QWizard.ClassicStyle)
        self.setOption(QWizard.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.NoCancelButtonOnLastPage, True)
        self.consent = ConsentPage()
        self.demographics = DemographicsPage()
        rules = ui_queries.study_definition(session).eligibility  # the thresholds the pages show
        self.acr = AcrPage(minimum=rules.min_acr_criteria)
        self.anti_dsdna = AntiDsDnaPage()
        self.sledai = SledaiPage(minimum=rules.min_sledai)
        self.nephritis = NephritisPage(rules=rules)
        self.exclusions = ExclusionsPage()
        self.summary = SummaryPage()
        self.arm = ArmPage()
        self.result = ResultPage()
        for pid, page in enumerate((self.consent, self.demographics, self.acr, self.anti_dsdna, self.sledai,
                                    self.nephritis, self.exclusions, self.summary, self.arm, self.result)):
            self.setPage(pid, page)
        self.setStartId(self.CONSENT)
        self.resize(1120, 700)
        name_inputs(self)  # accessible names/buddies from the row labels

    def screening_pages(self) -> list[ScreeningPage]:
        return [self.consent, self.demographics, self.acr, self.anti_dsdna, self.sledai, self.nephritis,
                self.exclusions]

    def screening_form(self) -> tuple[subjects.ScreeningForm, dict[str, str]]:
        """Everything typed so far as a ScreeningForm, plus input that could not be read."""
        form = subjects.ScreeningForm()
        problems: dict[str, str] = {}
        for page in self.screening_pages():
            page.read(form, problems)
        return form, problems

    def save_screening(self, banner: Banner) -> bool:
        """Save the screening (eligible or screen failure) via `subjects.screen_subject`."""
        if self.outcome is not None:
            return True
        form, problems = self.screening_form()
        if problems:
            banner.show_message(plain_message(ValidationError(problems)))
            return False
        try:
            self.outcome = subjects.screen_subject(self.session, form, today=self.today)
        except (AppError, StoreError) as exc:
            note = (self.tr("Go back to the page concerned; nothing was saved.") if isinstance(exc, ValidationError)
                    else self.tr("Nothing was saved."))
            report(exc, banner=banner, note=note)
            return False
        self.screened.emit(self.outcome)
        return True
