"""One subject: header, and tabs for visits, adverse events, infusions and concomitant medication.

Other windows add tabs with `SubjectView.add_tab(widget, title)` (e.g. the plots' "Trends" tab).
"""

from __future__ import annotations

import json
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sle_desktop.app import flare_preview, locks, safety, subjects, ui_queries, visits
from sle_desktop.app.errors import AppError, StoreError
from sle_desktop.domain import eligibility
from sle_desktop.domain import safety as safety_rules
from sle_desktop.ui.ae_dialog import AdverseEventDialog
from sle_desktop.ui.casebook_dialogs import LockReasonDialog, SignOffDialog, describe_lock
from sle_desktop.ui.common import Banner, catalog, fmt_date, fmt_number, heading, translated
from sle_desktop.ui.con_meds import ConMedsWidget
from sle_desktop.ui.enrolment import ArmWidget
from sle_desktop.ui.flare_widget import reasons_text
from sle_desktop.ui.infusion_dialog import InfusionDialog
from sle_desktop.ui.messages import plain_message, report
from sle_desktop.ui.reason_dialog import ReasonDialog
from sle_desktop.ui.sign_dialog import SignDialog
from sle_desktop.ui.visit_form import VisitForm


def _table(parent, headers: list[str], name: str) -> QTableWidget:
    t = QTableWidget(0, len(headers), parent)
    t.setTabKeyNavigation(False)  # Tab leaves the table; the arrow keys move within it
    t.setObjectName(name)
    t.setHorizontalHeaderLabels(headers)
    t.setEditTriggers(QAbstractItemView.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectRows)
    t.setSelectionMode(QAbstractItemView.SingleSelection)
    t.verticalHeader().setVisible(False)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
    t.horizontalHeader().setStretchLastSection(True)
    return t


def _fill(table: QTableWidget, rows: list[tuple], uuids: list[str]) -> None:
    table.setRowCount(len(rows))
    for i, (values, uuid_) in enumerate(zip(rows, uuids)):
        for c, v in enumerate(values):
            item = QTableWidgetItem(v)
            item.setData(Qt.UserRole, uuid_)
            table.setItem(i, c, item)


def _selected_uuid(table: QTableWidget) -> str | None:
    items = table.selectedItems()
    return items[0].data(Qt.UserRole) if items else None


class ArmDialog(QDialog):
    """Assign the arm of an eligible screened subject (investigators); emits `enrolled(subject_id)`."""

    enrolled = Signal(str)

    def __init__(self, session, subject_uuid: str, parent=None, *, today: date | None = None):
        super().__init__(parent)
        self.setObjectName("armDialog")
        self.session, self.subject_uuid, self.today = session, subject_uuid, today
        self.setWindowTitle(self.tr("Assign treatment arm"))
        lay = QVBoxLayout(self)
        lay.addWidget(heading(self.tr("Assign the treatment arm"), self, size_delta=1))
        note = QLabel(self.tr("The trial is not randomised: record the arm and the reason. Your name and the time "
                              "are recorded, and the subject ID is allocated."), self)
        note.setWordWrap(True)
        lay.addWidget(note)
        self.arm = ArmWidget(self)
        lay.addWidget(self.arm)
        self.banner = Banner(self)
        lay.addWidget(self.banner)
        buttons = QDialogButtonBox(QDialogButtonBox.Cancel, self)
        self.enrol_button = buttons.addButton(self.tr("&Enrol"), QDialogButtonBox.AcceptRole)
        self.enrol_button.setObjectName("enrolButton")
        buttons.accepted.connect(self.enrol)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.subject_id = None

    def enrol(self) -> None:
        sid = self.arm.enrol(self.session, self.subject_uuid, self.banner, today=self.today)
        if sid:
            self.subject_id = sid
            self.enrolled.emit(sid)
            self.accept()


class LazyTab(QWidget):
    """A tab whose content is built the first time it is shown (plots are costly to build for every subject)."""

    def __init__(self, factory, parent=None):
        super().__init__(parent)
        self._factory = factory
        self.content: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def showEvent(self, event) -> None:  # noqa: N802
        if self.content is None:
            try:
                self.content = self._factory(self)
            except (AppError, StoreError, ValueError) as exc:
                self.content = QLabel(plain_message(exc), self)
                self.content.setWordWrap(True)
            self._layout.addWidget(self.content)
        super().showEvent(event)



class SubjectView(QWidget):
    """A subject's record. `changed` is emitted after anything was saved from here."""

    changed = Signal(str)

    def __init__(self, session, subject_uuid: str, parent=None, *, today: date | None = None):
        super().__init__(parent)
        self.setObjectName("subjectView")
        self.session, self.subject_uuid, self.today = session, subject_uuid, today
        self.windows: list[QWidget] = []   # visit forms, dialogs opened from here (kept alive)
        can_edit = session.can("enter_data")

        lay = QVBoxLayout(self)
        self.title = heading("", self)
        self.title.setObjectName("subjectTitle")
        lay.addWidget(self.title)
        self.details = QLabel(self)
        self.details.setObjectName("subjectDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextSelectableByMouse)
        lay.addWidget(self.details)
        self.casebook_state = QLabel(self)
        self.casebook_state.setObjectName("casebookState")
        self.casebook_state.setWordWrap(True)
        self.casebook_state.setTextInteractionFlags(Qt.TextSelectableByMouse)
        lay.addWidget(self.casebook_state)
        self.banner = Banner(self)
        lay.addWidget(self.banner)
        actions = QHBoxLayout()
        self.visit_button = QPushButton(self.tr("Record &visit…"), self)
        self.visit_button.setObjectName("recordVisit")
        self.visit_button.clicked.connect(lambda: self.record_visit())
        self.ae_button = QPushButton(self.tr("&Adverse event…"), self)
        self.ae_button.setObjectName("newAdverseEvent")
        self.ae_button.clicked.connect(lambda: self.new_adverse_event())
        self.infusion_button = QPushButton(self.tr("MSC &infusion…"), self)
        self.infusion_button.setObjectName("newInfusion")
        self.infusion_button.clicked.connect(lambda: self.new_infusion())
        self.arm_button = QPushButton(self.tr("Assign a&rm…"), self)
        self.arm_button.setObjectName("assignArm")
        self.arm_button.clicked.connect(lambda: self.assign_arm())
        self.withdraw_button = QPushButton(self.tr("&Withdraw…"), self)
        self.withdraw_button.setObjectName("withdraw")
        self.withdraw_button.clicked.connect(lambda: self.withdraw())
        for b in (self.visit_button, self.ae_button, self.infusion_button, self.arm_button, self.withdraw_button):
            actions.addWidget(b)
            b.setVisible(can_edit or b is self.arm_button)
        actions.addStretch(1)
        self.lock_button = QPushButton(self.tr("&Lock casebook…"), self)
        self.lock_button.setObjectName("lockCasebook")
        self.lock_button.clicked.connect(lambda: self.lock_casebook())
        self.unlock_button = QPushButton(self.tr("U&nlock…"), self)
        self.unlock_button.setObjectName("unlockCasebook")
        self.unlock_button.clicked.connect(lambda: self.unlock())
        self.sign_off_button = QPushButton(self.tr("Sign o&ff casebook…"), self)
        self.sign_off_button.setObjectName("signOffCasebook")
        self.sign_off_button.clicked.connect(lambda: self.sign_off())
        for b in (self.lock_button, self.unlock_button, self.sign_off_button):
            actions.addWidget(b)
        lay.addLayout(actions)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("tabs")
        lay.addWidget(self.tabs, 1)

        # Visits
        visits_page = QWidget(self)
        vl = QVBoxLayout(visits_page)
        self.visits_table = _table(visits_page, [
            self.tr("Visit"), self.tr("Date"), self.tr("Study day"), self.tr("Window"), self.tr("SLEDAI"),
            self.tr("PGA"), self.tr("SELENA Flare Index"), self.tr("Lock")], "visitsTable")
        self.visits_table.doubleClicked.connect(lambda _i: self.open_visit())
        vl.addWidget(self.visits_table)
        row = QHBoxLayout()
        self.open_visit_button = QPushButton(self.tr("&Open visit…"), visits_page)
        self.open_visit_button.setObjectName("openVisit")
        self.open_visit_button.clicked.connect(lambda: self.open_visit())
        row.addWidget(self.open_visit_button)
        self.lock_visit_button = QPushButton(self.tr("Loc&k visit…"), visits_page)
        self.lock_visit_button.setObjectName("lockVisit")
        self.lock_visit_button.clicked.connect(lambda: self.lock_visit())
        self.lock_visit_button.setVisible(session.can("lock"))
        row.addWidget(self.lock_visit_button)
        row.addStretch(1)
        vl.addLayout(row)
        self.tabs.addTab(visits_page, self.tr("Visits"))

        # Adverse events
        ae_page = QWidget(self)
        al = QVBoxLayout(ae_page)
        self.ae_table = _table(ae_page, [
            self.tr("Term"), self.tr("Onset"), self.tr("Stop"), self.tr("Grade"), self.tr("Serious"),
            self.tr("Relationship"), self.tr("Outcome"), self.tr("Sponsor report")], "aeTable")
        self.ae_table.doubleClicked.connect(lambda _i: self.edit_adverse_event())
        al.addWidget(self.ae_table)
        row = QHBoxLayout()
        self.edit_ae_button = QPushButton(self.tr("Open / &correct…"), ae_page)
        self.edit_ae_button.clicked.connect(lambda: self.edit_adverse_event())
        self.sign_ae_button = QPushButton(self.tr("&Sign…"), ae_page)
        self.sign_ae_button.clicked.connect(lambda: self.sign_selected("adverse_events", self.ae_table))
        self.sign_ae_button.setVisible(session.can("sign"))
        row.addWidget(self.edit_ae_button)
        row.addWidget(self.sign_ae_button)
        row.addStretch(1)
        al.addLayout(row)
        self.tabs.addTab(ae_page, self.tr("Adverse events"))

        # Infusions
        inf_page = QWidget(self)
        il = QVBoxLayout(inf_page)
        self.infusion_table = _table(inf_page, [
            self.tr("Date"), self.tr("Time"), self.tr("Lot"), self.tr("Dose (×10⁶/kg)"), self.tr("Total cells"),
            self.tr("Viability"), self.tr("Weight"), self.tr("Reaction"), self.tr("Given by")], "infusionTable")
        self.infusion_table.doubleClicked.connect(lambda _i: self.edit_infusion())
        il.addWidget(self.infusion_table)
        row = QHBoxLayout()
        self.edit_inf_button = QPushButton(self.tr("Open / &correct…"), inf_page)
        self.edit_inf_button.setObjectName("editInfusion")
        self.edit_inf_button.clicked.connect(lambda: self.edit_infusion())
        row.addWidget(self.edit_inf_button)
        self.sign_inf_button = QPushButton(self.tr("&Sign…"), inf_page)
        self.sign_inf_button.clicked.connect(lambda: self.sign_selected("infusions", self.infusion_table))
        self.sign_inf_button.setVisible(session.can("sign"))
        row.addWidget(self.sign_inf_button)
        row.addStretch(1)
        il.addLayout(row)
        self.tabs.addTab(inf_page, self.tr("MSC infusions"))

        # Concomitant medication
        self.con_meds = ConMedsWidget(session, subject_uuid, self, today=today)
        self.con_meds.added.connect(lambda _u: self.changed.emit(self.subject_uuid))
        self.tabs.addTab(self.con_meds, self.tr("Concomitant medication"))
        from sle_desktop.ui.plots import PatientTrendsWidget  # pyqtgraph loads with the first subject opened

        self.add_tab(LazyTab(lambda parent: PatientTrendsWidget(session, subject_uuid, parent)), self.tr("Trends"))
        self.refresh()

    # -- public ----------------------------------------------------------------------
    def add_tab(self, widget: QWidget, title: str) -> int:
        """Add a tab (e.g. "Trends") after the built-in ones; returns its index."""
        widget.setParent(self.tabs)
        return self.tabs.addTab(widget, title)

    def label(self) -> str:
        return self.subject.label

    def refresh(self) -> None:
        """Re-read the subject and its forms."""
        try:
            self.subject = subjects.get_subject(self.session, self.subject_uuid)
            self.locks = locks.subject_locks(self.session, self.subject_uuid)
            self.sign_off_state = locks.casebook_sign_off(self.session, self.subject_uuid)
            self._fill_header()
            self._fill_casebook()
            self._fill_visits()
            self._fill_aes()
            self._fill_infusions()
            self.con_meds.refresh()
        except (AppError, StoreError) as exc:
            report(exc, banner=self.banner)

    def _fill_header(self) -> None:
        s = self.subject
        status = catalog(subjects.STATUS_LABELS.get(s.status, s.status))
        arm = catalog(subjects.ARM_LABELS[s.arm]) if s.arm else self.tr("no arm")
        self.title.setText(self.tr("{0} – {1}").format(self.label(), status))
        try:
            ident = subjects.identifiers(self.session, self.subject_uuid)
            initials = subjects.initials(ident.get("full_name", ""))
        except (AppError, StoreError):
            initials = "?"
        parts = [
            self.tr("Screening number {0}").format(s.screening_number),
            self.tr("initials {0}").format(initials),
            self.tr("sex {0}, born {1}").format(
                {"F": self.tr("female"), "M": self.tr("male")}.get(s.sex, s.sex or "?"), s.year_of_birth or "?"),
            self.tr("arm: {0}").format(arm),
        ]
        if s.baseline_date:
            parts.append(self.tr("baseline {0}").format(fmt_date(s.baseline_date)))
        text = " · ".join(parts)
        if s.arm_reason:
            text += "\n" + self.tr("Arm assigned by {0}: {1}").format(s.arm_assigned_by, s.arm_reason)
        if s.status == "screen_failed":
            screening = ui_queries.screening_result(self.session, self.subject_uuid)
            failed = [catalog(eligibility.CRITERION_LABELS.get(c, c)) for c in (screening or {}).get("failed", [])]
            if failed:
                text += "\n" + self.tr("Screen failure – failed criteria: {0}").format(", ".join(failed))
        self.details.setText(text)
        enrolled = s.status == "enrolled"
        self.visit_button.setEnabled(enrolled)
        self.infusion_button.setEnabled(enrolled and s.arm == "msc")
        self.infusion_button.setToolTip("" if s.arm == "msc" else self.tr("MSC arm only"))
        self.arm_button.setVisible(s.status == "screened" and self.session.can("assign_arm"))
        self.withdraw_button.setVisible(enrolled and self.session.can("enter_data"))
        if s.withdrawn_reason:
            self.details.setText(self.details.text() + "\n" + self.tr("Withdrawn: {0}").format(s.withdrawn_reason))

    def _fill_casebook(self) -> None:
        """The lock and sign-off line, and which closing actions this account has."""
        book, so = self.locks.casebook, self.sign_off_state
        if book is not None:
            parts = [self.tr("Casebook locked.") + " " + describe_lock(book)]
        elif self.locks.visits:
            parts = [self.tr("{0} visit(s) locked; the casebook is open.").format(len(self.locks.visits))]
        else:
            parts = [self.tr("Casebook open.")]
        if so is None:
            parts.append(self.tr("Not signed off by the investigator."))
        elif so.valid:
            parts.append(self.tr("Signed off by {0} on {1}.").format(so.signer_name, fmt_date(so.signed_at)))
        elif so.status == "invalidated":
            parts.append(self.tr("Sign-off by {0} on {1} was invalidated by a later change; it must be signed "
                                 "again.").format(so.signer_name, fmt_date(so.signed_at)))
        else:
            parts.append(self.tr("Sign-off by {0} on {1} is no longer valid: {2}").format(
                so.signer_name, fmt_date(so.signed_at), translated(so.reason)))
        self.casebook_state.setText(" ".join(parts))
        self.casebook_state.setToolTip(translated(so.reason) if so is not None and not so.valid else "")
        style = "color: #8a5300;" if so is not None and not so.valid else ""
        self.casebook_state.setStyleSheet(style)
        can = self.session.can
        self.lock_button.setVisible(can("lock") and book is None)
        self.unlock_button.setVisible(can("unlock") and (book is not None or bool(self.locks.visits)))
        self.sign_off_button.setVisible(self.session.role == "investigator")
        self.lock_visit_button.setEnabled(book is None)
        if book is not None:
            tip = describe_lock(book)
            for b in (self.visit_button, self.ae_button, self.infusion_button, self.withdraw_button, self.arm_button):
                b.setEnabled(False)
                b.setToolTip(tip)
            self.con_meds.setEnabled(False)
            self.con_meds.setToolTip(tip)
        else:
            self.con_meds.setEnabled(True)
            for b in (self.ae_button, self.withdraw_button, self.arm_button):
                b.setEnabled(True)
                b.setToolTip("")

    def _fill_visits(self) -> None:
        rows, ids = [], []
        for v in visits.list_visits(self.session, self.subject_uuid):
            window = {"in_window": self.tr("in window"), "early": self.tr("early (deviation)"),
                      "late": self.tr("late (deviation)")}.get(v.window_status or "", "")
            level, partial = flare_preview.flare_shown(v.flare_index, v.flare_index_complete, v.flare)
            shown = {"severe": self.tr("severe"), "mild_moderate": self.tr("mild/moderate"),
                     "none": self.tr("none")}.get(level or "", "")
            if level and partial:
                shown = self.tr("{0} (SLEDAI/PGA parts only)").format(shown)
            elif level and v.flare_index_reasons not in (None, "[]"):
                shown += ": " + reasons_text(json.loads(v.flare_index_reasons))
            rows.append((catalog(ui_queries.visit_label(self.session, v.visit_code)), fmt_date(v.visit_date),
                         "" if v.study_day is None else str(v.study_day), window,
                         "" if v.sledai_score is None else str(v.sledai_score),
                         fmt_number(v.pga, 1), shown,
                         self.tr("locked") if self.locks.visit_lock(v.uuid) is not None else ""))
            ids.append(v.uuid)
        _fill(self.visits_table, rows, ids)

    def _fill_aes(self) -> None:
        clocks = {c.ae_uuid: c for c in safety.sae_clocks(self.session)}
        rows, ids = [], []
        for a in safety.list_adverse_events(self.session, self.subject_uuid):
            serious = ""
            report = ""
            if a.serious:
                serious = self.tr("SAE: {0}").format(", ".join(catalog(safety_rules.SERIOUS_CRITERIA_LABELS.get(c, c))
                                                               for c in a.serious_criteria))
                clock = clocks.get(a.uuid)
                if clock and clock.exported_at:
                    report = self.tr("sent {0}").format(fmt_date(clock.exported_at))
                elif clock and clock.overdue:
                    report = self.tr("OVERDUE – export now")
                elif clock:
                    report = self.tr("due by {0}").format(clock.deadline.astimezone().strftime("%d.%m.%Y %H:%M"))
            rows.append((a.term, fmt_date(a.onset_date), fmt_date(a.stop_date), str(a.grade), serious,
                         catalog(safety_rules.RELATIONSHIP_LABELS.get(a.relationship, a.relationship)),
                         catalog(safety_rules.OUTCOME_LABELS.get(a.outcome, a.outcome or "")), report))
            ids.append(a.uuid)
        _fill(self.ae_table, rows, ids)
        for i, a in enumerate(rows):
            if a[4]:
                for c in range(self.ae_table.columnCount()):
                    self.ae_table.item(i, c).setForeground(Qt.darkRed)

    def _fill_infusions(self) -> None:
        rows, ids = [], []
        for r in safety.list_infusions(self.session, self.subject_uuid):
            times = "–".join(t for t in (r["start_time"], r["end_time"]) if t)
            rows.append((fmt_date(r["infusion_date"]), times, r["lot_number"], fmt_number(r["cells_per_kg_million"]),
                         self.tr("{0} ×10⁶").format(fmt_number(round(r["total_cells"] / 1e6, 2))),
                         f"{fmt_number(r['viability_pct'])} %", f"{fmt_number(r['weight_kg'])} kg",
                         self.tr("yes") if r["reaction"] else self.tr("no"), r["administered_by"]))
            ids.append(r["uuid"])
        _fill(self.infusion_table, rows, ids)

    # -- actions -----------------------------------------------------------------------
    def _keep(self, w: QWidget) -> QWidget:
        self.windows = [x for x in self.windows if _alive(x)]
        self.windows.append(w)
        return w

    def _saved(self, *_args) -> None:
        self.refresh()
        self.changed.emit(self.subject_uuid)

    def record_visit(self, visit_code: str | None = None) -> VisitForm:
        form = self._keep(VisitForm(self.session, self.subject_uuid, None, self, today=self.today,
                                    visit_code=visit_code))
        form.saved.connect(self._saved)
        form.show()
        return form

    def open_visit(self, visit_uuid: str | None = None) -> VisitForm | None:
        visit_uuid = visit_uuid or _selected_uuid(self.visits_table)
        if visit_uuid is None:
            self.banner.show_message(self.tr("Select a visit in the list first."), "info")
            return None
        form = self._keep(VisitForm(self.session, self.subject_uuid, visit_uuid, self, today=self.today))
        form.saved.connect(self._saved)
        form.show()
        return form

    def _ae_saved(self, ae_uuid: str) -> None:
        self._saved()
        clock = next((c for c in safety.sae_clocks(self.session) if c.ae_uuid == ae_uuid), None)
        if clock is not None and not clock.exported_at:
            deadline = clock.deadline.astimezone().strftime("%d.%m.%Y %H:%M")
            self.banner.show_message(self.tr(
                "Serious adverse event saved. The sponsor must receive it by {0}: export a sync bundle now "
                "(File → Export bundle…, Ctrl+Shift+E) and take it to the sponsor.").format(deadline), "warning")

    def new_adverse_event(self) -> AdverseEventDialog:
        dialog = self._keep(AdverseEventDialog(self.session, self.subject_uuid, None, self, today=self.today))
        dialog.saved.connect(self._ae_saved)
        dialog.open()
        return dialog

    def edit_adverse_event(self, ae_uuid: str | None = None) -> AdverseEventDialog | None:
        ae_uuid = ae_uuid or _selected_uuid(self.ae_table)
        if ae_uuid is None:
            self.banner.show_message(self.tr("Select an adverse event in the list first."), "info")
            return None
        dialog = self._keep(AdverseEventDialog(self.session, self.subject_uuid, ae_uuid, self, today=self.today))
        dialog.saved.connect(self._ae_saved)
        dialog.open()
        return dialog

    def new_infusion(self, visit_uuid: str | None = None) -> InfusionDialog:
        dialog = self._keep(InfusionDialog(self.session, self.subject_uuid, self, visit_uuid=visit_uuid,
                                           today=self.today))
        dialog.saved.connect(self._saved)
        dialog.open()
        return dialog

    def edit_infusion(self, infusion_uuid: str | None = None) -> InfusionDialog | None:
        """Open a saved infusion; saving a change asks for the reason."""
        infusion_uuid = infusion_uuid or _selected_uuid(self.infusion_table)
        if infusion_uuid is None:
            self.banner.show_message(self.tr("Select an infusion in the list first."), "info")
            return None
        dialog = self._keep(InfusionDialog(self.session, self.subject_uuid, self, infusion_uuid=infusion_uuid,
                                           today=self.today))
        dialog.saved.connect(self._saved)
        dialog.open()
        return dialog

    def assign_arm(self) -> ArmDialog:
        dialog = self._keep(ArmDialog(self.session, self.subject_uuid, self, today=self.today))
        dialog.enrolled.connect(self._saved)
        dialog.open()
        return dialog

    def withdraw(self) -> ReasonDialog:
        """Withdraw the subject from the study; the reason is required and audited."""
        dialog = self._keep(ReasonDialog(self, what=self.tr("Withdraw {0} from the study").format(self.label())))
        dialog.setWindowTitle(self.tr("Withdraw subject"))
        dialog.ok_button.setText(self.tr("Withdraw"))
        dialog.accepted.connect(lambda: self._withdraw(dialog.reason()))
        dialog.open()
        return dialog

    def _withdraw(self, reason: str) -> None:
        try:
            subjects.withdraw_subject(self.session, self.subject_uuid, reason=reason)
        except (AppError, StoreError) as exc:
            report(exc, banner=self.banner)
            return
        self._saved()

    # -- closing the casebook ---------------------------------------------------------------------
    def _closed(self, text: str) -> None:
        self._saved()
        self.banner.show_message(text, "ok")

    def lock_casebook(self) -> LockReasonDialog:
        """Lock the whole casebook (investigator, administrator), with a reason."""
        dialog = self._keep(LockReasonDialog(
            self, title=self.tr("Lock casebook"), ok_text=self.tr("&Lock"), default=self.tr("Casebook complete"),
            prompt=self.tr("Nothing in {0}'s casebook can be changed once it is locked, until an administrator "
                           "unlocks it with a reason.").format(self.label()),
            action=lambda reason: locks.lock_casebook(self.session, self.subject_uuid, reason=reason)))
        dialog.done.connect(lambda _r: self._closed(self.tr("Casebook locked.")))
        dialog.open()
        return dialog

    def lock_visit(self, visit_uuid: str | None = None) -> LockReasonDialog | None:
        visit_uuid = visit_uuid or _selected_uuid(self.visits_table)
        if visit_uuid is None:
            self.banner.show_message(self.tr("Select a visit in the list first."), "info")
            return None
        dialog = self._keep(LockReasonDialog(
            self, title=self.tr("Lock visit"), ok_text=self.tr("&Lock"), default=self.tr("Visit data complete"),
            prompt=self.tr("The visit and the forms recorded at it cannot be changed once it is locked."),
            action=lambda reason: locks.lock_visit(self.session, visit_uuid, reason=reason)))
        dialog.done.connect(lambda _r: self._closed(self.tr("Visit locked.")))
        dialog.open()
        return dialog

    def unlock(self) -> LockReasonDialog | None:
        """Lift the casebook lock (or else the selected visit's), administrators only, with a reason."""
        target = self.locks.casebook
        if target is None:
            visit_uuid = _selected_uuid(self.visits_table)
            target = self.locks.visit_lock(visit_uuid) if visit_uuid else None
            target = target or (self.locks.visits[0] if len(self.locks.visits) == 1 else None)
        if target is None:
            self.banner.show_message(self.tr("Select the locked visit in the list first."), "info")
            return None
        dialog = self._keep(LockReasonDialog(
            self, title=self.tr("Unlock"), ok_text=self.tr("&Unlock"),
            prompt=self.tr("Why is it unlocked? The reason is kept in the audit trail and sent to the sponsor."),
            action=lambda reason: locks.unlock(self.session, target.uuid, reason=reason)))
        dialog.done.connect(lambda _r: self._closed(self.tr("Unlocked.")))
        dialog.open()
        return dialog

    def sign_off(self) -> SignOffDialog:
        dialog = self._keep(SignOffDialog(self.session, self.subject_uuid, self.label(), self))
        dialog.signed.connect(lambda _r: self._closed(self.tr("Casebook signed off.")))
        dialog.open()
        return dialog

    def sign_selected(self, table: str, widget: QTableWidget) -> SignDialog | None:
        record = _selected_uuid(widget)
        if record is None:
            self.banner.show_message(self.tr("Select a record in the list first."), "info")
            return None
        dialog = self._keep(SignDialog(self.session, table, record, parent=self))
        dialog.signed.connect(lambda _u: self.banner.show_message(self.tr("Signed."), "ok"))
        dialog.open()
        return dialog


def _alive(w: QWidget) -> bool:
    try:
        w.objectName()
        return True
    except RuntimeError:
        return False
