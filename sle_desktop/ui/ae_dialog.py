"""Adverse event form: CTCAE grade, seriousness + criteria, relationship to MSC, outcome; SAE 24 h clock."""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import QDateTime, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from sle_desktop.app import safety, subjects
from sle_desktop.app.errors import AppError, ReasonRequired, StoreError
from sle_desktop.domain import safety as rules
from sle_desktop.ui.common import (
    BadInput,
    Banner,
    DateField,
    catalog,
    error_label,
    fmt_date,
    heading,
    name_inputs,
    with_error,
)
from sle_desktop.ui.messages import FieldErrors, FreeTextCheck, report
from sle_desktop.ui.reason_dialog import ReasonDialog
from sle_desktop.ui.screen_fit import fit_to_screen, grow_with_contents

SAE_FRAME_STYLE = (
    "QGroupBox#seriousBox { border: 2px solid #c62828; background: #fff5f5; margin-top: 14px; padding-top: 6px; }"
    "QGroupBox#seriousBox::title { subcontrol-origin: margin; left: 8px; padding: 0 4px; color: #8c0016; "
    "font-weight: bold; }"
)


def _combo(parent, items: dict, placeholder: str, name: str) -> QComboBox:
    box = QComboBox(parent)
    box.setObjectName(name)
    box.addItem(placeholder, None)
    for code, label in items.items():
        box.addItem(catalog(label), code)
    return box


class AdverseEventWidget(QWidget):
    """The AE fields (also used for an infusion reaction). `form()` builds an AdverseEventForm."""

    changed = Signal()

    def __init__(self, parent=None, *, prefix: str = ""):
        super().__init__(parent)
        self.prefix = prefix
        self.errors = FieldErrors()
        self._aware_saved: datetime | None = None
        self._exported_at: str | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.term = QLineEdit(self)
        self.term.setObjectName("aeTerm")
        self.term.setPlaceholderText(self.tr("e.g. Pneumonia (MedDRA preferred term if known)"))
        self.onset = DateField(self)
        self.onset.setObjectName("aeOnset")
        self.stop = DateField(self, placeholder=self.tr("dd.mm.yyyy – empty if ongoing"))
        self.stop.setObjectName("aeStop")
        self.grade = _combo(self, rules.GRADE_LABELS, self.tr("Choose the CTCAE v5 grade…"), "aeGrade")
        self.relationship = _combo(self, rules.RELATIONSHIP_LABELS, self.tr("Choose…"), "aeRelationship")
        self.action = _combo(self, rules.ACTION_LABELS, self.tr("Choose…"), "aeAction")
        self.outcome = _combo(self, rules.OUTCOME_LABELS, self.tr("Choose…"), "aeOutcome")
        for field, label, widget in (
            ("term", self.tr("Adverse event term:"), self.term),
            ("onset_date", self.tr("Onset date:"), self.onset),
            ("stop_date", self.tr("Stop date:"), self.stop),
            ("grade", self.tr("CTCAE grade:"), self.grade),
            ("relationship", self.tr("Relationship to MSC product:"), self.relationship),
            ("action_taken", self.tr("Action taken with MSC:"), self.action),
            ("outcome", self.tr("Outcome:"), self.outcome),
        ):
            form.addRow(label, with_error(widget, self.errors.register(prefix + field, error_label(self))))
        lay.addLayout(form)

        self.serious_box = QGroupBox(self.tr("Seriousness"), self)
        self.serious_box.setObjectName("seriousBox")
        sb = QVBoxLayout(self.serious_box)
        self.serious = QCheckBox(self.tr("This is a serious adverse event (SAE)"), self.serious_box)
        self.serious.setObjectName("aeSerious")
        sb.addWidget(self.serious)
        crit = QGridLayout()
        self.criteria: dict[str, QCheckBox] = {}
        for i, code in enumerate(rules.SERIOUS_CRITERIA):
            cb = QCheckBox(catalog(rules.SERIOUS_CRITERIA_LABELS[code]), self.serious_box)
            cb.setObjectName(f"crit_{code}")
            cb.setEnabled(False)
            cb.toggled.connect(self.changed)
            self.criteria[code] = cb
            crit.addWidget(cb, i // 2, i % 2)
        sb.addLayout(crit)
        sb.addWidget(self.errors.register(prefix + "serious_criteria", error_label(self.serious_box)))
        self.sle_hospitalisation = QCheckBox(self.tr("Hospitalisation for SLE activity (counts as a severe SELENA "
                                                     "Flare Index flare)"), self.serious_box)
        self.sle_hospitalisation.setObjectName("aeHospitalisedForSle")
        self.sle_hospitalisation.setEnabled(False)
        self.sle_hospitalisation.toggled.connect(self.changed)
        sb.addWidget(self.sle_hospitalisation)
        sb.addWidget(self.errors.register(prefix + "hospitalised_for_sle", error_label(self.serious_box)))
        self.criteria["hospitalisation"].toggled.connect(self._hospitalisation_changed)
        aware_row = QFormLayout()
        self.aware = QDateTimeEdit(QDateTime.currentDateTime(), self.serious_box)
        self.aware.setObjectName("aeAware")
        self.aware.setDisplayFormat("dd.MM.yyyy HH:mm")
        self.aware.setCalendarPopup(True)
        aware_row.addRow(self.tr("Site became aware on:"),
                         with_error(self.aware, self.errors.register(prefix + "aware_at", error_label(self))))
        sb.addLayout(aware_row)
        self.clock = Banner(self.serious_box)
        self.clock.setObjectName("saeClock")
        sb.addWidget(self.clock)
        lay.addWidget(self.serious_box)
        self.from_paper = None
        if not prefix:  # an infusion reaction takes its source from the infusion record
            self.from_paper = QCheckBox(self.tr("Entered from a paper CRF"), self)
            self.from_paper.setObjectName("aeFromPaper")
            lay.addWidget(self.from_paper)
        lay.addStretch(1)

        self.serious.toggled.connect(self._serious_changed)
        self.aware.dateTimeChanged.connect(lambda _d: self.update_clock())
        for w in (self.term, ):
            w.textChanged.connect(self.changed)
        for w in (self.onset, self.stop):
            w.changed.connect(self.changed)
        for w in (self.grade, self.relationship, self.action, self.outcome):
            w.currentIndexChanged.connect(self.changed)
        # a message goes as soon as its field is changed: no stale "is required" under a filled field
        clear = self.errors.clear_field
        self.term.textChanged.connect(lambda _t: clear(prefix + "term"))
        self.onset.changed.connect(lambda: clear(prefix + "onset_date"))
        self.stop.changed.connect(lambda: clear(prefix + "stop_date"))
        for field, box in (("grade", self.grade), ("relationship", self.relationship),
                           ("action_taken", self.action), ("outcome", self.outcome)):
            box.currentIndexChanged.connect(lambda _i, f=field: clear(prefix + f))
        for cb in self.criteria.values():
            cb.toggled.connect(lambda _on: clear(prefix + "serious_criteria"))
        self.serious.toggled.connect(lambda _on: clear(prefix + "serious_criteria"))
        self.aware.dateTimeChanged.connect(lambda _d: clear(prefix + "aware_at"))
        self._timer = QTimer(self)
        self._timer.setInterval(30_000)
        self._timer.timeout.connect(self.update_clock)
        self._serious_changed(False)

    # -- SAE ---------------------------------------------------------------------------
    def _hospitalisation_changed(self, on: bool) -> None:
        self.sle_hospitalisation.setEnabled(on and self.criteria["hospitalisation"].isEnabled())
        if not on:
            self.sle_hospitalisation.setChecked(False)

    def _serious_changed(self, on: bool) -> None:
        for cb in self.criteria.values():
            cb.setEnabled(on)
            if not on:
                cb.setChecked(False)
        self.serious_box.setStyleSheet(SAE_FRAME_STYLE if on else "")
        self.aware.setEnabled(True)
        if on:
            self._timer.start()
        else:
            self._timer.stop()
        self.update_clock()
        self.changed.emit()

    def aware_at(self) -> datetime:
        """The awareness time as a timezone-aware datetime (local zone)."""
        return self.aware.dateTime().toPython().astimezone()

    def update_clock(self) -> None:
        """Show the 24 h reporting clock while the event is marked serious."""
        if not self.serious.isChecked():
            self.clock.clear()
            return
        now = datetime.now(UTC)
        exported = datetime.fromisoformat(self._exported_at) if self._exported_at else None
        clock = rules.sae_clock(self.aware_at(), now, exported)
        deadline = clock.deadline.astimezone().strftime("%d.%m.%Y %H:%M")
        if clock.reported:
            text = self.tr("SERIOUS ADVERSE EVENT – sent to the sponsor on {0}{1}.").format(
                fmt_date(exported), self.tr(" (late)") if clock.reported_late else "")
            self.clock.show_message(text, "warning")
            return
        if clock.overdue:
            hours = -clock.hours_left
            text = self.tr("SERIOUS ADVERSE EVENT – OVERDUE: the sponsor had to receive it by {0} "
                           "({1} h {2} min ago). Export a sync bundle now.").format(
                deadline, int(hours), int(hours * 60) % 60)
        else:
            hours = max(clock.hours_left, 0.0)
            text = self.tr("SERIOUS ADVERSE EVENT – must reach the sponsor within 24 hours of awareness: "
                           "by {0} ({1} h {2} min left). It goes into the next sync bundle.").format(
                deadline, int(hours), int(hours * 60) % 60)
        self.clock.show_message(text, "error")

    def clock_text(self) -> str:
        return self.clock.text() if self.clock.isVisibleTo(self) else ""

    # -- data ----------------------------------------------------------------------------
    def form(self) -> tuple[safety.AdverseEventForm, dict[str, str]]:
        """(the form, field -> message for what cannot be read)."""
        problems = {}
        dates = {}
        for field, w in (("onset_date", self.onset), ("stop_date", self.stop)):
            try:
                dates[field] = w.date()
            except BadInput as exc:
                problems[self.prefix + field] = str(exc)
                dates[field] = None
        aware = self.aware_at()
        if self._aware_saved is not None and abs((aware - self._aware_saved).total_seconds()) < 60:
            aware = None  # unchanged: keep the saved instant (seconds included)
        form = safety.AdverseEventForm(
            term=self.term.text(), onset_date=dates["onset_date"], stop_date=dates["stop_date"],
            grade=self.grade.currentData(), serious=self.serious.isChecked(),
            serious_criteria=tuple(c for c, cb in self.criteria.items() if cb.isChecked()),
            relationship=self.relationship.currentData(), action_taken=self.action.currentData() or "",
            outcome=self.outcome.currentData(), aware_at=aware,
            from_paper=self.from_paper.isChecked() if self.from_paper is not None else False,
            hospitalised_for_sle=self.sle_hospitalisation.isChecked(),
        )
        return form, problems

    def set_row(self, row: safety.AdverseEvent) -> None:
        """Fill the fields from a saved adverse event."""
        self.term.setText(row.term)
        self.onset.set_date(row.onset_date)
        self.stop.set_date(row.stop_date)
        for box, value in ((self.grade, row.grade), (self.relationship, row.relationship),
                           (self.action, row.action_taken), (self.outcome, row.outcome)):
            i = box.findData(value)
            if i < 0 and value:
                box.addItem(str(value), value)
                i = box.count() - 1
            box.setCurrentIndex(max(i, 0))
        self.serious.setChecked(row.serious)
        for code in row.serious_criteria:
            if code in self.criteria:
                self.criteria[code].setChecked(True)
        self.sle_hospitalisation.setChecked(row.hospitalised_for_sle)
        self._aware_saved = row.aware_at
        self._exported_at = row.sae_exported_at
        if self.from_paper is not None:
            self.from_paper.setChecked(row.entry_source == "paper_crf")
            self.from_paper.setEnabled(False)  # how a saved record was entered does not change
        self.aware.setDateTime(QDateTime(self._aware_saved.astimezone().replace(tzinfo=None)))
        self.update_clock()

    def set_read_only(self, ro: bool) -> None:
        for w in (self.term,):
            w.setReadOnly(ro)
        for w in (self.onset, self.stop):
            w.setReadOnly(ro)
        for w in (self.grade, self.relationship, self.action, self.outcome, self.serious, self.aware):
            w.setEnabled(not ro)
        for cb in self.criteria.values():
            cb.setEnabled(not ro and self.serious.isChecked())
        self.sle_hospitalisation.setEnabled(not ro and self.criteria["hospitalisation"].isChecked())


class AdverseEventDialog(QDialog):
    """Record a new AE for a subject, or correct a saved one (asks the reason). Emits `saved(ae_uuid)`."""

    saved = Signal(str)

    def __init__(self, session, subject_uuid: str, ae_uuid: str | None = None, parent=None, *,
                 today: date | None = None):
        super().__init__(parent)
        self.setObjectName("aeDialog")
        self.session, self.subject_uuid, self.ae_uuid, self.today = session, subject_uuid, ae_uuid, today
        self.reason_dialog: ReasonDialog | None = None
        self.free_text = FreeTextCheck(self, session, subject_uuid)
        subject = subjects.get_subject(session, subject_uuid)
        label = subject.label
        title = self.tr("Adverse event – {0}").format(label) if ae_uuid is None else \
            self.tr("Correct adverse event – {0}").format(label)
        self.setWindowTitle(title)
        lay = QVBoxLayout(self)
        lay.addWidget(heading(title, self))
        self.fields = AdverseEventWidget(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setWidget(self.fields)
        lay.addWidget(scroll, 1)
        self.banner = Banner(self)
        self.banner.setObjectName("aeBanner")
        lay.addWidget(self.banner)
        buttons = QDialogButtonBox(QDialogButtonBox.Cancel, self)
        self.save_button = buttons.addButton(self.tr("&Save adverse event"), QDialogButtonBox.AcceptRole)
        self.save_button.setDefault(True)  # Enter saves, Escape cancels
        self.save_button.setObjectName("saveButton")
        buttons.accepted.connect(lambda: self.save())
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        if ae_uuid is not None:
            row = next((r for r in safety.list_adverse_events(session, subject_uuid) if r.uuid == ae_uuid), None)
            if row is None:
                self.banner.show_message(self.tr("This adverse event no longer exists."))
                self.save_button.setEnabled(False)
            else:
                self.fields.set_row(row)
        self._row = row if ae_uuid is not None else None
        if not session.can("enter_data"):
            self.fields.set_read_only(True)
            self.save_button.setVisible(False)
            self.banner.show_message(self.tr("Read-only: your account cannot change study data."), "info")
        # wide enough for the fields in the interface language (Russian labels are ~30 % longer), no sideways scroll
        fit_to_screen(self, max(760, self.fields.sizeHint().width() + 40), 700)
        grow_with_contents(self)
        name_inputs(self)  # accessible names/buddies from the row labels

    def changes(self, form: safety.AdverseEventForm) -> list[tuple[str, str, str]]:
        """(what, saved value, value now) for each field of the saved event being changed."""
        row = self._row
        if not row:
            return []

        def label(table, code):
            return catalog(table.get(code, code)) if code is not None else ""
        yes, no = self.tr("yes"), self.tr("no")
        pairs = [
            (self.tr("Adverse event term"), row.term, form.term.strip()),
            (self.tr("Onset date"), fmt_date(row.onset_date), fmt_date(form.onset_date)),
            (self.tr("Stop date"), fmt_date(row.stop_date), fmt_date(form.stop_date)),
            (self.tr("CTCAE grade"), label(rules.GRADE_LABELS, row.grade), label(rules.GRADE_LABELS, form.grade)),
            (self.tr("Serious"), yes if row.serious else no, yes if form.serious else no),
            (self.tr("Relationship to MSC product"), label(rules.RELATIONSHIP_LABELS, row.relationship),
             label(rules.RELATIONSHIP_LABELS, form.relationship)),
            (self.tr("Action taken with MSC"), label(rules.ACTION_LABELS, row.action_taken),
             label(rules.ACTION_LABELS, form.action_taken or None)),
            (self.tr("Outcome"), label(rules.OUTCOME_LABELS, row.outcome), label(rules.OUTCOME_LABELS, form.outcome)),
        ]
        return [(what, old, new) for what, old, new in pairs if old != new]

    def save(self, reason: str | None = None) -> bool:
        self.fields.errors.clear()
        self.banner.clear()
        form, problems = self.fields.form()
        if problems:
            self.fields.errors.show(problems)
            self.banner.show_message(self.tr("Nothing was saved: please correct the fields marked in red."))
            return False
        if not self.free_text.confirmed({self.tr("Adverse event term"): form.term}, lambda: self.save(reason)):
            return False
        try:
            self.ae_uuid = safety.record_adverse_event(self.session, self.subject_uuid, form, ae_uuid=self.ae_uuid,
                                                       reason=reason, today=self.today)
        except ReasonRequired:
            self.reason_dialog = ReasonDialog(self, what=self.windowTitle(), changes=self.changes(form))
            self.reason_dialog.accepted.connect(lambda: self.save(self.reason_dialog.reason()))
            self.reason_dialog.rejected.connect(lambda: self.banner.show_message(
                self.tr("Not saved: changing a saved record needs a reason."), "warning"))
            self.reason_dialog.open()
            return False
        except (AppError, StoreError) as exc:
            report(exc, fields=self.fields.errors, banner=self.banner)
            return False
        self.saved.emit(self.ae_uuid)
        self.accept()
        return True
