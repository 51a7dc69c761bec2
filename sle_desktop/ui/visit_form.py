"""The visit window: visit date with window status, SELENA-SLEDAI + PGA, the SELENA Flare Index inputs
(body weight, new or worse manifestations, treatment, hospitalisation; suggested from the recorded data),
labs, concomitant medication.

The SLEDAI and laboratory tabs appear when the visit's definition in force lists those forms
(`ui_queries.visit_forms`); concomitant medication belongs to the subject and is always there.

A new visit, its labs and its SLEDAI are saved together (one transaction); editing a saved
visit asks for the reason for change. Nothing typed is lost when a save fails.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sle_desktop.app import locks, queries, signatures, subjects, ui_queries, visits
from sle_desktop.app.errors import AppError, ReasonRequired, StoreError, ValidationError
from sle_desktop.domain import labs as lab_rules
from sle_desktop.domain import sledai
from sle_desktop.ui.common import (
    ERROR_STYLE,
    OK_STYLE,
    WARNING_STYLE,
    BadInput,
    Banner,
    DateField,
    catalog,
    error_label,
    fmt_date,
    fmt_number,
    heading,
    name_inputs,
    translated,
    with_error,
)
from sle_desktop.ui.con_meds import ConMedsWidget
from sle_desktop.ui.flare_widget import PARTIAL_STYLE, FlareWidget, level_style, level_text, reasons_text
from sle_desktop.ui.labs_widget import LabsWidget, unit_label
from sle_desktop.ui.messages import report
from sle_desktop.ui.queries_panel import mark_field
from sle_desktop.ui.reason_dialog import ReasonDialog
from sle_desktop.ui.screen_fit import fit_to_screen
from sle_desktop.ui.sign_dialog import SignDialog
from sle_desktop.ui.sledai_widget import SledaiWidget


class VisitForm(QWidget):
    """One visit of one subject (new when `visit_uuid` is None). Emits `saved(visit_uuid)`."""

    saved = Signal(str)

    def __init__(self, session, subject_uuid: str, visit_uuid: str | None = None, parent=None, *,
                 today: date | None = None, visit_code: str | None = None):
        super().__init__(parent)
        self.setWindowFlag(Qt.Window)
        self.setObjectName("visitForm")
        self.setAttribute(Qt.WA_DeleteOnClose)
        self.session, self.subject_uuid, self.visit_uuid = session, subject_uuid, visit_uuid
        self.today = today
        self.dirty = False
        self._discard = False
        self.discard_box: QMessageBox | None = None
        self.reason_dialog: ReasonDialog | None = None
        self.sign_dialog: SignDialog | None = None
        self._sledai_saved: visits.SledaiView | None = None
        self._query_widgets: dict[tuple[str, str, str], QWidget] = {}
        subject = subjects.get_subject(session, subject_uuid)
        self.subject_label = subject.label
        self.can_edit = session.can("enter_data")
        # a locked visit (or casebook) opens read-only, saying why
        self.lock = (locks.visit_lock(session, visit_uuid) if visit_uuid
                     else locks.subject_locks(session, subject_uuid).casebook)
        if self.lock is not None:
            self.can_edit = False

        lay = QVBoxLayout(self)
        self.title = heading("", self)
        lay.addWidget(self.title)
        head = QFormLayout()
        self.visit_combo = QComboBox(self)
        self.visit_combo.setObjectName("visitCode")
        self.visit_name = QLabel(self)
        self.visit_name.setObjectName("visitName")
        visit_box = QWidget(self)
        vb = QHBoxLayout(visit_box)
        vb.setContentsMargins(0, 0, 0, 0)
        vb.addWidget(self.visit_combo)
        vb.addWidget(self.visit_name)
        vb.addStretch(1)
        self.visit_error = error_label(self)
        head.addRow(self.tr("Visit:"), with_error(visit_box, self.visit_error))
        self.visit_date = DateField(self)
        self.visit_date.setObjectName("visitDate")
        self.visit_date_error = error_label(self)
        self.visit_date_error.setObjectName("visitDateError")
        self.window_label = QLabel(self)
        self.window_label.setObjectName("windowStatus")
        self.window_label.setWordWrap(True)
        date_box = QWidget(self)
        db = QHBoxLayout(date_box)
        db.setContentsMargins(0, 0, 0, 0)
        db.addWidget(self.visit_date)
        db.addWidget(self.window_label, 1)
        self.from_paper = QCheckBox(self.tr("Entered from a paper CRF"), self)
        self.from_paper.setObjectName("fromPaper")
        self.from_paper.setToolTip(self.tr("Tick when you transcribe this visit from a paper CRF filled in while the PC "
                                           "was down; the record and its audit trail say so."))
        db.addWidget(self.from_paper)
        head.addRow(self.tr("Visit date:"), with_error(date_box, self.visit_date_error))
        lay.addLayout(head)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("visitTabs")
        self.sledai = SledaiWidget(self)
        self.flare = FlareWidget(self)
        self.labs = LabsWidget(self)
        self.con_meds = ConMedsWidget(session, subject_uuid, self, today=today)
        self.tabs.addTab(self.sledai, self.tr("SELENA-SLEDAI and PGA"))
        self.tabs.addTab(self.labs, self.tr("Laboratory"))
        self.tabs.addTab(self.con_meds, self.tr("Concomitant medication"))
        self.tabs.addTab(self.flare, self.tr("SELENA Flare Index"))  # last: it sums up the tabs before it
        self.forms: frozenset[str] = frozenset()
        lay.addWidget(self.tabs, 1)

        self.banner = Banner(self)
        self.banner.setObjectName("visitBanner")
        lay.addWidget(self.banner)
        bottom = QHBoxLayout()
        self.signature_label = QLabel(self)
        self.signature_label.setObjectName("signatureStatus")
        self.signature_label.setWordWrap(True)
        bottom.addWidget(self.signature_label, 1)
        self.sign_button = QPushButton(self.tr("S&ign SLEDAI…"), self)
        self.sign_button.setObjectName("signButton")
        self.sign_button.clicked.connect(self.open_sign_dialog)
        self.save_button = QPushButton(self.tr("&Save"), self)
        self.save_button.setObjectName("saveButton")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(lambda: self.save())
        close = QPushButton(self.tr("&Close"), self)
        close.clicked.connect(self.close)
        # keyboard: Ctrl+S saves (the form is a window, not a dialog, so Enter is left to the fields), Escape closes
        # (asking first if something is unsaved); Ctrl+PgDown / Ctrl+PgUp move between the tabs
        self.save_shortcut = QShortcut(QKeySequence.Save, self, activated=lambda: self.save())
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        QShortcut(QKeySequence(Qt.Key_Escape), self, activated=self.close)
        QShortcut(QKeySequence("Ctrl+PgDown"), self,
                  activated=lambda: self.tabs.setCurrentIndex((self.tabs.currentIndex() + 1) % self.tabs.count()))
        QShortcut(QKeySequence("Ctrl+PgUp"), self,
                  activated=lambda: self.tabs.setCurrentIndex((self.tabs.currentIndex() - 1) % self.tabs.count()))
        bottom.addWidget(self.sign_button)
        bottom.addWidget(self.save_button)
        bottom.addWidget(close)
        lay.addLayout(bottom)

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(250)
        self._preview_timer.timeout.connect(self._preview_labs)
        self._flare_timer = QTimer(self)
        self._flare_timer.setSingleShot(True)
        self._flare_timer.setInterval(250)
        self._flare_timer.timeout.connect(lambda: self.refresh_flare() if self.isVisible() else None)
        self.visit_combo.currentIndexChanged.connect(self._update_window)
        self.visit_date.changed.connect(self._update_window)
        self.sledai.changed.connect(self._mark_dirty)
        self.flare.changed.connect(self._mark_dirty)
        for signal in (self.sledai.changed, self.flare.changed, self.labs.changed, self.visit_date.changed,
                       self.con_meds.added):
            signal.connect(lambda *_a: self._flare_timer.start())
        self.labs.changed.connect(self._labs_changed)
        self.visit_date.changed.connect(self._mark_dirty)

        self.labs.set_limits(ui_queries.previous_lab_limits(session, subject_uuid))
        if visit_uuid is None:
            self._setup_new(visit_code)
        else:
            self._load(visit_uuid)
        self._apply_permissions()
        self.dirty = False
        self.refresh_flare()
        self._flare_timer.stop()  # loading the form is not a change
        fit_to_screen(self, 1350, 720)  # the whole form on a 1366×768 ward PC, less where the screen is smaller
        name_inputs(self)  # accessible names/buddies from the row labels
        # the keyboard starts where the work is: the visit choice for a new visit, else the first descriptor
        first = self.visit_combo if visit_uuid is None and self.visit_combo.isEnabled() else \
            next(iter(self.sledai.checkboxes.values()))
        if self.tabs.currentWidget() is self.labs and self._query_widgets:
            first = next(iter(self._query_widgets.values()))
        if first.isEnabled():
            first.setFocus(Qt.OtherFocusReason)

    # -- set-up ------------------------------------------------------------------------
    def _setup_new(self, visit_code: str | None) -> None:
        self.visit_name.setVisible(False)
        first_open = None
        for choice in ui_queries.visit_choices(self.session, self.subject_uuid):
            text = catalog(choice.label) + (self.tr(" (already recorded)") if choice.recorded else "")
            self.visit_combo.addItem(text, choice.code)
            if choice.recorded:
                item = self.visit_combo.model().item(self.visit_combo.count() - 1)
                item.setEnabled(False)
            elif first_open is None:
                first_open = self.visit_combo.count() - 1
        index = self.visit_combo.findData(visit_code) if visit_code else first_open
        self.visit_combo.setCurrentIndex(index if index is not None and index >= 0 else 0)
        self.visit_date.set_date(self.today or date.today())
        self.labs.sample_date.set_date(None)
        self.labs.sample_date.set_placeholder(self.tr("same as the visit date"))
        self._update_title()
        self._update_window()
        self.sign_button.setEnabled(False)
        self.signature_label.setText(self.tr("New visit: not saved yet."))

    def _load(self, visit_uuid: str) -> None:
        visit = ui_queries.get_visit(self.session, visit_uuid)
        self._show_forms(ui_queries.visit_forms(self.session, visit.visit_code, visit_uuid))
        self.visit_combo.setVisible(False)
        self.visit_combo.blockSignals(True)
        self.visit_combo.clear()
        self.visit_combo.addItem(catalog(ui_queries.visit_label(self.session, visit.visit_code)), visit.visit_code)
        self.visit_combo.blockSignals(False)
        self.visit_name.setText(catalog(ui_queries.visit_label(self.session, visit.visit_code)))
        self.visit_name.setVisible(True)
        self.visit_date.set_date(date.fromisoformat(visit.visit_date))
        self.visit_date.setReadOnly(True)
        self.visit_date.setToolTip(self.tr("The date of a recorded visit cannot be changed here."))
        self.from_paper.setChecked(visit.entry_source == "paper_crf")
        self.from_paper.setEnabled(False)
        assessment = visits.get_sledai(self.session, visit_uuid)
        self._sledai_saved = assessment
        self.flare.set_weight(visit.weight_kg)
        if assessment:
            self.sledai.set_recorded_sources(assessment.sources)
            self.sledai.set_codes(assessment.codes)
            self.sledai.pga.set_value(assessment.pga)
            self.flare.set_inputs(assessment.flare_inputs)
        saved_labs = visits.visit_labs(self.session, visit_uuid)
        self.labs.set_saved(saved_labs)
        self.labs.sample_date.set_date(ui_queries.lab_sample_date(self.session, visit_uuid))
        try:
            self.sledai.set_suggestions(visits.lab_suggestions(self.session, visit_uuid))
        except (AppError, StoreError, ValueError):
            self.sledai.set_suggestions([])
        egfr, explanation = visits.visit_egfr(self.session, visit_uuid)
        self.labs.set_egfr(egfr, translated(explanation))
        self._mark_queried_fields(assessment, saved_labs)
        self._update_title()
        self._update_window()
        self._update_signatures()

    def _mark_queried_fields(self, assessment: visits.SledaiView | None, saved_labs: dict[str, visits.LabValue]) -> None:
        """Put the sponsor's open questions on the fields they are about (marker + question on hover)."""
        self.queried_fields: dict[str, str] = {}
        targets = []
        if assessment:
            for q in queries.queries_for_record(self.session, "sledai_assessments", assessment.uuid):
                widget = self.sledai.pga if q.field == "pga" else self.sledai.checkboxes.get(q.field)
                targets.append((q, widget))
        for test, lab in saved_labs.items():
            for q in queries.queries_for_record(self.session, "labs", lab.uuid):
                targets.append((q, self.labs.values.get(test)))
        self._query_widgets: dict[tuple[str, str, str], QWidget] = {}
        for q, widget in targets:
            if widget is not None and q.status in queries.OPEN_STATUSES:
                mark_field(widget, self.tr("Sponsor query: {0}").format(q.question))
                self.queried_fields[q.field] = q.question
                self._query_widgets[(q.record_table, q.record_uuid, q.field)] = widget
        tabs = {self._tab_of(w) for w in self._query_widgets.values()}
        if len(tabs) == 1:  # every open question is on one tab: open the form there
            self.tabs.setCurrentWidget(tabs.pop())

    def _tab_of(self, widget: QWidget) -> QWidget:
        return self.labs if self.labs.isAncestorOf(widget) else self.sledai

    def show_field(self, table: str, field: str, record_uuid: str | None = None) -> bool:
        """Bring a queried field forward: its tab, the keyboard focus on it. False when it is not in this form."""
        widget = next((w for (t, r, f), w in self._query_widgets.items()
                       if t == table and f == field and record_uuid in (None, r)), None)
        if widget is None:
            return False
        self.tabs.setCurrentWidget(self._tab_of(widget))
        widget.setFocus(Qt.OtherFocusReason)
        return True

    def _apply_permissions(self) -> None:
        ro = not self.can_edit
        self.sledai.set_read_only(ro)
        self.flare.set_read_only(ro)
        self.labs.set_read_only(ro)
        self.visit_combo.setEnabled(not ro and self.visit_uuid is None)
        self.visit_date.setReadOnly(ro or self.visit_uuid is not None)
        self.from_paper.setEnabled(not ro and self.visit_uuid is None)
        self.save_button.setVisible(not ro)
        if self.lock is not None:
            from sle_desktop.ui.casebook_dialogs import describe_lock

            self.banner.show_message(self.tr("Read-only: this visit is locked. {0}").format(describe_lock(self.lock)),
                                     "info")
        elif ro:
            self.banner.show_message(self.tr("Read-only: your account cannot change study data."), "info")
        if not self.session.can("sign"):
            self.sign_button.setVisible(False)

    def _update_title(self) -> None:
        visit = self.visit_combo.currentText() if self.visit_uuid is None else self.visit_name.text()
        title = self.tr("{0} – {1}").format(self.subject_label, visit)
        if self.visit_uuid is None:
            title = self.tr("New visit: {0}").format(title)
        self.title.setText(title)
        self.setWindowTitle(title)

    # -- live feedback -------------------------------------------------------------------
    def _mark_dirty(self) -> None:
        self.dirty = True

    def _labs_changed(self) -> None:
        self.dirty = True
        self._preview_timer.start()

    def _preview_labs(self) -> None:
        """Suggestions and eGFR for the values as typed (the saved versions come from `visits`)."""
        entries, _problems = self.labs.entries()
        on = self.visit_date.safe_date() or self.today or date.today()
        self.sledai.set_suggestions(ui_queries.preview_lab_suggestions(self.session, self.subject_uuid, on, entries))
        creatinine = self.labs.creatinine_umol()
        if creatinine is None:
            self.labs.set_egfr(None, self.tr("no creatinine result"))
        else:
            egfr, explanation = ui_queries.egfr_preview(self.session, self.subject_uuid, creatinine, on)
            self.labs.set_egfr(egfr, translated(explanation))

    def _show_forms(self, forms: frozenset[str]) -> None:
        """Show the tabs of the forms this visit has."""
        self.forms = forms
        self.tabs.setTabVisible(self.tabs.indexOf(self.sledai), "sledai" in forms)
        self.tabs.setTabVisible(self.tabs.indexOf(self.flare), "sledai" in forms)  # the index goes with the SLEDAI
        self.tabs.setTabVisible(self.tabs.indexOf(self.labs), "labs" in forms)

    def _update_window(self, *_args) -> None:
        self._update_title()
        code = self.visit_combo.currentData()
        if self.visit_uuid is None and code is not None:
            self._show_forms(ui_queries.visit_forms(self.session, code))
        self.visit_date_error.setVisible(False)
        try:
            on = self.visit_date.date()
        except BadInput as exc:
            self.window_label.setText("")
            self.visit_date_error.setText(str(exc))
            self.visit_date_error.setVisible(True)
            return
        if code is None or on is None:
            self.window_label.setText("")
            return
        preview = ui_queries.visit_window_preview(self.session, self.subject_uuid, code, on)
        if preview.problem:
            self.window_label.setText(translated(preview.problem))
            self.window_label.setStyleSheet(ERROR_STYLE)
            return
        parts = []
        if preview.study_day is not None:
            parts.append(self.tr("study day {0}").format(preview.study_day))
        if preview.earliest is not None:
            parts.append(self.tr("window {0}–{1}").format(fmt_date(preview.earliest), fmt_date(preview.latest)))
        status = preview.status
        if status == "in_window":
            parts.append(self.tr("in window"))
            style = OK_STYLE
        elif status in ("early", "late"):
            parts.append(self.tr("EARLY – outside the window (protocol deviation)") if status == "early"
                         else self.tr("LATE – outside the window (protocol deviation)"))
            style = WARNING_STYLE + " font-weight: bold;"
        else:
            style = ""
        self.window_label.setText(" · ".join(parts))
        self.window_label.setStyleSheet(style)

    def refresh_flare(self) -> None:
        """Suggestions, computed dose and result of the SELENA Flare Index for the values as typed; the result
        also shows next to the score. A saved assessment recorded before the index shows its SLEDAI/PGA flare,
        marked partial, until it is saved again."""
        on = self.visit_date.safe_date() if self.visit_uuid is None else None
        if self.visit_uuid is None and on is None:
            self.flare.set_suggestions(None)
            self.flare.set_result(None)
            self.sledai.set_flare("")
            return
        entries, _problems = self.labs.entries()
        weight = self.flare.weight.safe_value()
        try:
            view = ui_queries.preview_flare_index(
                self.session, self.subject_uuid, self.visit_uuid, on, codes=self.sledai.codes(),
                pga=self.sledai.pga.safe_value() if self.sledai.pga else None, flare=self.flare.inputs(),
                entries=entries, weight_kg=weight)
        except (AppError, StoreError, ValueError):
            return
        self.flare.set_suggestions(view.suggestions)
        self.flare.set_result(view.preview)
        saved = self._sledai_saved
        if saved and not saved.flare_index_complete and not self.dirty and saved.flare:
            self.sledai.set_flare(self.tr("SELENA flare (SLEDAI/PGA parts): {0} – recorded before the SELENA Flare "
                                          "Index (partial); save again to complete it.").format(
                level_text(saved.flare)), PARTIAL_STYLE)
            return
        index = view.preview.index
        if index is None:
            self.sledai.set_flare("")
            return
        text = self.tr("SELENA Flare Index: {0}").format(level_text(index.level))
        if index.reasons:
            text += " – " + reasons_text(index.reasons)
        self.sledai.set_flare(text, level_style(index.level))

    def window_status_text(self) -> str:
        return self.window_label.text()

    def _update_signatures(self) -> None:
        if not self._sledai_saved:
            self.signature_label.setText(self.tr("SLEDAI not saved yet: nothing to sign."))
            self.sign_button.setEnabled(False)
            return
        sigs = signatures.signatures_for(self.session, "sledai_assessments", self._sledai_saved.uuid)
        if not sigs:
            self.signature_label.setText(self.tr("SLEDAI saved; not signed."))
        else:
            lines = []
            for s in sigs:
                if s.status == "legacy":
                    state = self.tr("legacy, not cryptographic")
                elif s.status == "invalid":
                    state = self.tr("INVALID: {0}").format(translated(s.reason))
                else:
                    state = self.tr("valid") if s.valid else self.tr("no longer valid: {0}").format(translated(s.reason))
                lines.append(self.tr("{0} by {1} on {2} ({3})").format(
                    catalog(s.meaning), s.signer_name, fmt_date(s.signed_at), state))
            self.signature_label.setText(self.tr("Signatures: ") + "; ".join(lines))
        self.sign_button.setEnabled(True)

    # -- saving --------------------------------------------------------------------------
    def _clear_errors(self) -> None:
        self.banner.clear()
        self.labs.clear_errors()
        self.visit_error.setVisible(False)
        self.visit_date_error.setVisible(False)
        if self.sledai.pga is not None:
            self.sledai.pga.error.setVisible(False)
        self.flare.weight_error.setVisible(False)
        self.flare.error.setVisible(False)

    def _show_validation(self, errors: dict[str, str]) -> None:
        errors = {field: translated(message) for field, message in errors.items()}
        rest = self.labs.show_errors(errors)
        other = {}
        for field, message in rest.items():
            if field == "visit_date":
                self.visit_date_error.setText(message)
                self.visit_date_error.setVisible(True)
            elif field == "visit_code":
                self.visit_error.setText(message)
                self.visit_error.setVisible(True)
            elif field == "pga":
                self.sledai.pga.error.setText(message)
                self.sledai.pga.error.setVisible(True)
            elif field == "weight_kg":
                self.flare.weight_error.setText(message)
                self.flare.weight_error.setVisible(True)
            elif field == "flare":
                self.flare.error.setText(message)
                self.flare.error.setVisible(True)
            else:
                other[field] = message
        text = self.tr("Nothing was saved: please correct the fields marked in red.")
        if other:
            text += "\n" + "\n".join(f"• {m}" for m in other.values())
        self.banner.show_message(text, "error")
        if any(f in self.labs.errors or f == "sample_date" for f in errors):
            self.tabs.setCurrentWidget(self.labs)
        elif "pga" in errors:
            self.tabs.setCurrentWidget(self.sledai)
        elif "weight_kg" in errors or "flare" in errors:
            self.tabs.setCurrentWidget(self.flare)

    def save(self, reason: str | None = None) -> bool:
        """Save the visit, its labs and SLEDAI; asks for a reason when a saved record changes."""
        if not self.can_edit:
            return False
        self._clear_errors()
        problems = {}
        try:
            visit_date = self.visit_date.date()
        except BadInput as exc:
            problems["visit_date"] = str(exc)
            visit_date = None
        if visit_date is None and "visit_date" not in problems and self.visit_uuid is None:
            problems["visit_date"] = self.tr("Visit date is required.")
        lab_entries, lab_problems = self.labs.entries() if "labs" in self.forms else ({}, {})
        problems.update(lab_problems)
        try:
            sample_date = self.labs.sample_date.date() or visit_date
        except BadInput as exc:
            problems["sample_date"] = str(exc)
            sample_date = None
        try:
            pga = self.sledai.pga_value()
        except BadInput as exc:
            problems["pga"] = str(exc)
        try:
            weight = self.flare.weight_value()
        except BadInput as exc:
            problems["weight_kg"] = str(exc)
        if problems:
            # one round: what was typed but is impossible (Hb 1080 g/L) is named together with what cannot be read
            for test, message in visits.check_lab_entries(lab_entries).items():
                problems.setdefault(test, message)
            self._show_validation(problems)
            return False
        codes = self.sledai.codes()
        flare = self.flare.inputs()
        save_sledai = "sledai" in self.forms and (bool(codes) or pga is not None or self._sledai_saved is not None
                                                  or bool(flare.items()))
        try:
            result = ui_queries.save_visit_forms(
                self.session, self.subject_uuid, visit_uuid=self.visit_uuid,
                visit_code=self.visit_combo.currentData(), visit_date=visit_date,
                labs=lab_entries, sample_date=sample_date,
                codes=codes if save_sledai else None, pga=pga, suggested=self.sledai.suggested_codes(),
                reason=reason, weight_kg=weight, flare=flare if save_sledai else None, today=self.today,
                from_paper=self.from_paper.isChecked())
        except ReasonRequired:
            self.ask_reason()
            return False
        except ValidationError as exc:
            self._show_validation(exc.errors)
            return False
        except (AppError, StoreError) as exc:
            report(exc, banner=self.banner, note=self.tr("Nothing was saved; your entries are kept."))
            return False
        self._after_save(result)
        return True

    def ask_reason(self) -> ReasonDialog:
        """Open the reason-for-change dialog; saving resumes when it is accepted."""
        self.reason_dialog = ReasonDialog(self, what=self.tr("Visit {0}").format(self.title.text()),
                                          changes=self.changes())
        self.reason_dialog.accepted.connect(lambda: self.save(reason=self.reason_dialog.reason()))
        self.reason_dialog.rejected.connect(lambda: self.banner.show_message(
            self.tr("Not saved: changing a saved record needs a reason. Your changes are still in the form."),
            "warning"))
        self.reason_dialog.open()
        return self.reason_dialog

    def changes(self) -> list[tuple[str, str, str]]:
        """(what, saved value, value now) for every saved SLEDAI answer and lab result that is being changed."""
        out = []
        saved = self._sledai_saved
        if saved:
            before, now = set(saved.codes), set(self.sledai.codes())
            for code in sorted(before ^ now, key=list(sledai.BY_CODE).index):
                present, absent = self.tr("present"), self.tr("absent")
                out.append((catalog(sledai.BY_CODE[code].label), present if code in before else absent,
                            present if code in now else absent))
            if saved.pga != self.sledai.pga_value():
                out.append((self.tr("PGA"), fmt_number(saved.pga, 1), fmt_number(self.sledai.pga_value(), 1)))
        entries, _problems = self.labs.entries()
        for test, lab in self.labs.saved().items():
            entry = entries.get(test)
            if entry is None:
                continue
            try:
                now = lab_rules.to_canonical(test, entry.value, entry.unit)
            except ValueError:
                now = None
            if now is None or abs(now - lab.value) > 1e-9:
                new = self.labs.value_text(test, entry.value) if entry.unit == lab_rules.lab_test(test).unit else \
                    f"{self.labs.values[test].text()} {unit_label(entry.unit)}"
                out.append((catalog(lab_rules.lab_test(test).label), self.labs.value_text(test, lab.value), new))
        return out

    def _after_save(self, result) -> None:
        self.visit_uuid = result.visit_uuid
        self.dirty = False
        self._load(result.visit_uuid)
        self.dirty = False
        self.refresh_flare()
        self._flare_timer.stop()
        self.visit_combo.setEnabled(False)
        self.visit_date.setReadOnly(True)
        self.from_paper.setEnabled(False)
        msg = self.tr("Saved.")
        deviation = result.created and result.window_status in ("early", "late")
        if deviation:
            msg += " " + self.tr("The visit is outside its window; a protocol deviation was recorded.")
        if result.sledai is not None:
            msg += " " + self.tr("SELENA-SLEDAI {0}, renal {1}, PGA {2}.").format(
                result.sledai.score, result.sledai.renal_score, fmt_number(result.sledai.pga, 1))
            level = result.sledai.flare_index
            if level and level != "none":
                msg += " " + self.tr("SELENA Flare Index: {0} compared with the previous assessment ({1}); "
                                     "please confirm clinically.").format(level_text(level),
                                                                          reasons_text(result.sledai.flare_reasons))
            if result.sledai.flare and result.sledai.flare != "none":
                msg += " " + self.tr("SELENA flare (SLEDAI/PGA parts): {0}.").format(
                    level_text(result.sledai.flare))
        flagged = result.sledai is not None and any(
            level in ("mild_moderate", "severe") for level in (result.sledai.flare_index, result.sledai.flare))
        self.banner.show_message(msg, "warning" if deviation or flagged else "ok")
        self.dirty = False
        self.saved.emit(result.visit_uuid)

    def open_sign_dialog(self) -> SignDialog | None:
        if not self._sledai_saved:
            return None
        if self.dirty:
            self.banner.show_message(self.tr("Save the changes before signing."), "warning")
            return None
        self.sign_dialog = SignDialog(self.session, "sledai_assessments", self._sledai_saved.uuid,
                                      description=self.tr("the SELENA-SLEDAI of {0}").format(self.title.text()),
                                      parent=self)
        self.sign_dialog.signed.connect(lambda _u: self._update_signatures())
        self.sign_dialog.open()
        return self.sign_dialog

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt naming
        """A hidden (closing) window stops its pending previews: they would read a store that may be closed."""
        self._flare_timer.stop()
        self._preview_timer.stop()
        super().hideEvent(event)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt naming
        """Unsaved changes: ask (without blocking) before discarding them."""
        if self.dirty and self.can_edit and not self._discard:
            event.ignore()
            box = QMessageBox(QMessageBox.Question, self.tr("Unsaved changes"),
                              self.tr("This visit has changes that are not saved. Close and discard them?"),
                              QMessageBox.Discard | QMessageBox.Cancel, self)
            box.setObjectName("discardQuestion")
            box.setDefaultButton(QMessageBox.Cancel)
            box.finished.connect(
                lambda _r: self._discard_and_close() if box.clickedButton() is box.button(QMessageBox.Discard) else None)
            self.discard_box = box
            box.open()
            return
        event.accept()

    def _discard_and_close(self) -> None:
        self._discard = True
        self.close()
