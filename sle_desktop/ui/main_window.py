"""The main window: subject list (search, filters, sort), subject tabs, menus/toolbar, status bar, auto-lock.

Actions are in `MainWindow.named_actions` (also `MainWindow.action(name)`) by name: new_screening, open_subject, record_visit, adverse_event,
infusion, audit_trail, export_bundle, cohort_trends, lock, logout, users, refresh, auto_lock, quit.
"""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from sle_desktop.app import locks, site, study_updates, subjects, sync_site, ui_queries
from sle_desktop.app.errors import AppError, StoreError
from sle_desktop.app.session import ROLE_LABELS
from sle_desktop.ui import i18n, window_sync
from sle_desktop.ui.autolock import AutoLock, configured_minutes, save_minutes
from sle_desktop.ui.background import run_use_case
from sle_desktop.ui.common import Banner, catalog, fmt_date, translated
from sle_desktop.ui.messages import plain_message, report, show_info
from sle_desktop.ui.queries_panel import QueriesPanel
from sle_desktop.ui.screen_fit import fit_to_screen
from sle_desktop.ui.subject_list import SubjectListPanel

if TYPE_CHECKING:
    from sle_desktop.ui.audit_viewer import AuditViewer
    from sle_desktop.ui.enrolment import EnrolmentWizard
    from sle_desktop.ui.import_return_dialog import ImportReturnDialog
    from sle_desktop.ui.subject_view import SubjectView
    from sle_desktop.ui.users_dialog import UsersDialog
    from sle_desktop.ui.visit_form import VisitForm


def _visit_forms(parent: QWidget) -> list:
    """The open visit forms. Forms, subject views and dialogs are imported when first opened (a shorter
    start-up); until the visit form's module is loaded there can be no form."""
    loaded = sys.modules.get("sle_desktop.ui.visit_form")
    return parent.findChildren(loaded.VisitForm) if loaded is not None else []


class MainWindow(QMainWindow):
    """Everything a logged-in user works in. Emits `logout_requested` (log out / lock screen log-out)."""

    logout_requested = Signal()
    subjects_loaded = Signal(int)
    language_switched = Signal()  # a new interface language is installed: rebuild the window
    closed = Signal()  # the window really closed (after any unsaved-changes question)

    def __init__(self, session, parent=None, *, demo: bool = False, today: date | None = None,
                 autolock: bool = True, lock_minutes: float | None = None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.session, self.demo, self.today = session, demo, today
        self.windows: list[QWidget] = []
        self.subject_views: dict[str, SubjectView] = {}
        self._loading = False
        self._reload_again = False
        self._select_after_load: str | None = None
        self._close_confirmed = False
        self.discard_box: QMessageBox | None = None
        info = site.site_info(session.store)
        self.setWindowTitle(self.tr("SLE MSC trial – site {0} {1}").format(info.code, info.name)
                            + (self.tr(" – DEMO") if demo else ""))

        central = QWidget(self)
        lay = QVBoxLayout(central)
        lay.setContentsMargins(6, 6, 6, 0)
        self.demo_banner = Banner(central)
        self.demo_banner.setObjectName("demoBanner")
        if demo:
            self.demo_banner.show_message(self.tr("DEMO – synthetic data. Nothing here is a real patient; "
                                                  "the database is deleted when the program closes."), "demo")
        lay.addWidget(self.demo_banner)
        self.banner = Banner(central)
        self.banner.setObjectName("mainBanner")
        lay.addWidget(self.banner)
        self.tabs = QTabWidget(central)
        self.tabs.setObjectName("mainTabs")
        self.tabs.setTabsClosable(True)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.tabs.currentChanged.connect(lambda _i: self.update_actions())
        lay.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        self._build_list()
        self._build_queries_tab()
        self._build_monitoring_tab()
        self._build_actions()
        self._build_status_bar()
        self.autolock = None
        if autolock:
            self.autolock = AutoLock(session, self, minutes=lock_minutes)
            self.autolock.logout_requested.connect(self.logout_requested)
        self.update_actions()
        fit_to_screen(self, 1366, 768)  # 1366×768 less the task bar and the frame on a ward PC
        self.reconcile_exports()
        self.refresh()
        self.show_next_step()
        if not demo:
            self.paper.remind()

    # -- layout ------------------------------------------------------------------------
    def _build_list(self) -> None:
        labels = [v.label for v in ui_queries.study_definition(self.session).visits]
        self.subject_list = SubjectListPanel(labels, self.tabs)
        self.subject_list.open_requested.connect(self.open_subject)
        self.subject_list.selection_changed.connect(self.update_actions)
        self.tabs.addTab(self.subject_list, self.tr("Subjects"))
        self.tabs.tabBar().setTabButton(0, self.tabs.tabBar().ButtonPosition.RightSide, None)
        self.tabs.tabBar().setTabButton(0, self.tabs.tabBar().ButtonPosition.LeftSide, None)

    def _build_queries_tab(self) -> None:
        """The sponsor's data queries (from return bundles), answered here; fixed tab next to the list."""
        self.queries_panel = QueriesPanel(self.session, self)
        self.queries_panel.setObjectName("queriesPanel")
        index = self.tabs.addTab(self.queries_panel, self.tr("Queries"))
        bar = self.tabs.tabBar()
        bar.setTabButton(index, bar.ButtonPosition.RightSide, None)
        bar.setTabButton(index, bar.ButtonPosition.LeftSide, None)
        self.queries_panel.open_record.connect(self._open_queried_record)
        self.queries_panel.answered.connect(lambda _q: self._update_queries_tab())
        self._update_queries_tab()

    def _build_monitoring_tab(self) -> None:
        """A monitor's queue (records to verify, changed since verified); only for accounts that verify."""
        self.monitoring_panel = None
        if not self.session.can("verify"):
            return
        from sle_desktop.ui.monitoring_panel import MonitoringPanel

        self.monitoring_panel = MonitoringPanel(self.session, self)
        index = self.tabs.addTab(self.monitoring_panel, self.tr("Monitoring"))
        bar = self.tabs.tabBar()
        bar.setTabButton(index, bar.ButtonPosition.RightSide, None)
        bar.setTabButton(index, bar.ButtonPosition.LeftSide, None)
        self.monitoring_panel.query_raised.connect(lambda _q: self.queries_panel.refresh())

    def _update_queries_tab(self) -> None:
        n = len(self.queries_panel.queries())
        i = self.tabs.indexOf(self.queries_panel)
        self.tabs.setTabText(i, self.tr("Queries ({0})").format(n) if n else self.tr("Queries"))

    def _open_queried_record(self, subject_uuid: str, visit_uuid: str, table: str, field: str) -> None:
        view = self.open_subject(subject_uuid or None)
        if view is not None and visit_uuid:
            form = view.open_visit(visit_uuid)
            query = self.queries_panel.selected_query()
            if form is not None:
                form.show_field(table, field, query.record_uuid if query is not None else None)

    def show_next_step(self) -> None:
        """A site administrator just after set-up has nothing to screen: say what to do next."""
        window_sync.show_next_step(self)

    def reconcile_exports(self) -> list:
        """Settle an export interrupted by a crash or a pulled drive, and say what happened."""
        if not self.session.can("export"):
            return []
        try:
            outcomes = sync_site.reconcile_exports(self.session)
        except (AppError, StoreError) as exc:
            report(exc, banner=self.banner)
            return []
        if outcomes:
            self.banner.show_message("\n".join(translated(o.message) for o in outcomes), "info")
            self.update_export_label()
        return outcomes

    def sync_settings(self):
        """File → Sync settings…: the sponsor's key files (also reached from the export and import dialogs)."""
        return window_sync.open_sync_settings(self)

    def import_return(self) -> ImportReturnDialog:
        """Import a sponsor return bundle (acknowledgements, queries, SDV) from a USB drive or folder."""
        from sle_desktop.ui.import_return_dialog import ImportReturnDialog

        dialog = self._keep(ImportReturnDialog(self.session, self))
        dialog.imported.connect(self._return_imported)
        dialog.open()
        return dialog

    def _return_imported(self, _result) -> None:
        self.queries_panel.refresh()
        self._update_queries_tab()
        self.update_export_label()
        self.refresh()
        self.update_actions()

    def study_update(self):
        """Show a pending study-definition update; an administrator may accept it."""
        return window_sync.show_study_update(self)

    def choose_language(self):
        """View → Language…: English / Russian / as the system; stored in QSettings and applied at once."""
        from sle_desktop.ui.language_dialog import LanguageDialog

        dialog = LanguageDialog(self)
        dialog.accepted.connect(lambda: self.switch_language(dialog.language()))
        self._keep(dialog)
        dialog.open()
        return dialog

    def switch_language(self, language: str) -> bool:
        """Install `language` and ask for the window to be rebuilt in it (`language_switched`); refused, with a
        message, while a form has unsaved entries. True when the language is now in use."""
        if language == i18n.current_language():
            return True
        if self.unsaved_forms():
            show_info(self, self.tr("Interface language"),
                      self.tr("Save or close the forms with unsaved entries first; then choose the language again."))
            return False
        i18n.install(language)
        self.language_switched.emit()
        return True

    def open_subject_uuids(self) -> list[str]:
        """The subjects open in tabs, in tab order (to reopen them after a rebuild)."""
        return [uuid_ for uuid_, view in sorted(self.subject_views.items(), key=lambda kv: self.tabs.indexOf(kv[1]))
                if self.tabs.indexOf(view) >= 0]

    def _build_actions(self) -> None:
        self.named_actions: dict[str, QAction] = {}

        def act(name, text, slot, shortcut=None, tip=""):
            a = QAction(text, self)
            a.setObjectName(f"action_{name}")
            if shortcut:
                a.setShortcut(QKeySequence(shortcut))
            if tip:
                a.setStatusTip(tip)
                a.setToolTip(tip)
            a.triggered.connect(slot)
            self.named_actions[name] = a
            return a

        act("new_screening", self.tr("&New screening…"), self.new_screening, "Ctrl+N",
            self.tr("Screen a new patient with the enrolment wizard"))
        act("open_subject", self.tr("&Open subject"), lambda: self.open_subject(self.selected_uuid()), "Ctrl+O")
        act("record_visit", self.tr("Record &visit…"), self.record_visit, "Ctrl+R")
        act("adverse_event", self.tr("&Adverse event…"), self.adverse_event, "Ctrl+E")
        act("infusion", self.tr("MSC &infusion…"), self.infusion)
        act("audit_trail", self.tr("Audit &trail"), self.audit_trail)
        act("export_bundle", self.tr("&Export bundle…"), self.export_bundle, "Ctrl+Shift+E",
            self.tr("Write an encrypted sync bundle for the sponsor (USB drive)"))
        act("cohort_trends", self.tr("&Cohort trends…"), self.cohort_trends)
        act("sync_settings", self.tr("S&ync settings…"), self.sync_settings, None,
            self.tr("The sponsor's key files and this site's key file"))
        act("import_return", self.tr("&Import sponsor return…"), self.import_return, None,
            self.tr("Import the sponsor's return bundle: receipts, data queries, source-data verification"))
        act("study_update", self.tr("Study &definition update…"), self.study_update)
        act("lock", self.tr("&Lock"), self.lock, "Ctrl+L", self.tr("Lock the screen now"))
        act("logout", self.tr("Log &out"), self.logout)
        act("users", self.tr("&Users…"), self.manage_users)
        act("refresh", self.tr("Re&fresh"), self.refresh, "F5")
        act("auto_lock", self.tr("Auto-&lock time…"), self.set_auto_lock)
        act("language", self.tr("&Language…"), self.choose_language, None,
            self.tr("Interface language: English or Russian"))
        act("quit", self.tr("&Quit"), self.close, "Ctrl+Q")
        act("find", self.tr("&Find subject"), lambda: (self.tabs.setCurrentIndex(0), self.subject_list.search.setFocus()), "Ctrl+F")

        from sle_desktop.ui.paper import PaperActions

        self.paper = PaperActions(self)
        a = self.named_actions
        m = self.menuBar()
        file_menu = m.addMenu(self.tr("&File"))
        for n in ("export_bundle", "import_return", "sync_settings", None, "print_casebook", "blank_crf", "backup", None,
                  "lock", "logout", "quit"):
            file_menu.addSeparator() if n is None else file_menu.addAction(a[n])
        subj = m.addMenu(self.tr("&Subjects"))
        for n in ("new_screening", "find", "open_subject", None, "record_visit", "adverse_event", "infusion"):
            subj.addSeparator() if n is None else subj.addAction(a[n])
        view = m.addMenu(self.tr("&View"))
        for n in ("cohort_trends", "audit_trail", None, "refresh", None, "language"):
            view.addSeparator() if n is None else view.addAction(a[n])
        admin = m.addMenu(self.tr("&Administration"))
        admin.addAction(a["users"])
        admin.addAction(a["study_update"])
        admin.addAction(a["auto_lock"])

        # Short toolbar labels (the menus keep the full ones), so every button fits at 1366 px in Russian too.
        short = {
            "new_screening": self.tr("New screening", "toolbar"), "open_subject": self.tr("Open", "toolbar"),
            "record_visit": self.tr("Visit", "toolbar"), "adverse_event": self.tr("AE", "toolbar"),
            "infusion": self.tr("Infusion", "toolbar"), "audit_trail": self.tr("Audit trail", "toolbar"),
            "export_bundle": self.tr("Export", "toolbar"), "cohort_trends": self.tr("Cohort", "toolbar"),
            "users": self.tr("Users", "toolbar"), "lock": self.tr("Lock", "toolbar"),
            "logout": self.tr("Log out", "toolbar"),
        }
        for name, text in short.items():
            action = a[name]
            action.setIconText(text)
            if action.toolTip() == text:  # no explanation set: Qt would repeat the short label
                action.setToolTip(action.text().replace("&", "").rstrip("…"))
        tb = QToolBar(self.tr("Main toolbar"), self)
        tb.setObjectName("mainToolbar")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonTextOnly)
        for n in ("new_screening", "open_subject", "record_visit", "adverse_event", "infusion", None,
                  "audit_trail", "export_bundle", "cohort_trends", None, "users", "lock", "logout"):
            tb.addSeparator() if n is None else tb.addAction(a[n])
        self.addToolBar(tb)
        self.toolbar = tb

    def _build_status_bar(self) -> None:
        sb = self.statusBar()
        self.user_label = QLabel(self.tr("{0} ({1})").format(self.session.display_name, self.session.username), self)
        self.user_label.setObjectName("statusUser")
        self.role_label = QLabel(catalog(ROLE_LABELS.get(self.session.role, self.session.role)), self)
        self.role_label.setObjectName("statusRole")
        self.export_label = QLabel(self)
        self.export_label.setObjectName("statusExport")
        self.progress = QProgressBar(self)
        self.progress.setObjectName("loadProgress")
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(160)
        self.progress.setVisible(False)
        sb.addPermanentWidget(self.progress)
        sb.addPermanentWidget(self.user_label)
        sb.addPermanentWidget(self.role_label)
        sb.addPermanentWidget(self.export_label)
        self.update_export_label()

    def action(self, name: str) -> QAction:
        """The QAction called `name` (see the module docstring for the names)."""
        return self.named_actions[name]

    # -- status --------------------------------------------------------------------------
    def update_export_label(self) -> None:
        """The time of the last export, in the status bar."""
        try:
            last = sync_site.last_export(self.session)
        except (AppError, StoreError) as exc:
            self.export_label.setText(self.tr("Last export: unknown ({0})").format(plain_message(exc)))
            return
        if not last:
            self.export_label.setText(self.tr("Last export: never"))
        else:
            self.export_label.setText(self.tr("Last export: {0}").format(fmt_date(last.created_at)))

    def update_actions(self) -> None:
        """Enable actions for the role and the selected subject (monitors: read-only)."""
        if not getattr(self, "named_actions", None):
            return  # still building the window
        s = self.session
        summary = self.current_summary()
        view = self.current_view()
        status = view.subject.status if view else (summary.status if summary else None)
        arm = view.subject.arm if view else (summary.arm if summary else None)
        has = status is not None
        a = self.named_actions
        a["new_screening"].setEnabled(s.can("screen"))
        a["open_subject"].setEnabled(summary is not None and view is None)
        a["record_visit"].setEnabled(s.can("enter_data") and status == "enrolled")
        a["adverse_event"].setEnabled(s.can("enter_data") and has)
        a["infusion"].setEnabled(s.can("enter_data") and status == "enrolled" and arm == "msc")
        a["audit_trail"].setEnabled(s.can("view"))
        a["export_bundle"].setEnabled(s.can("export"))
        a["cohort_trends"].setEnabled(s.can("view"))
        a["users"].setEnabled(s.can("manage_users"))
        a["import_return"].setEnabled(s.can("export"))
        a["sync_settings"].setEnabled(s.can("view"))
        pending = study_updates.study_update_summary(s) is not None
        a["study_update"].setText(self.tr("Study &definition update… (waiting)") if pending
                                  else self.tr("Study &definition update…"))
        a["users"].setVisible(s.can("manage_users"))

    # -- subject list ----------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the subject list off the GUI thread (the table keeps working meanwhile)."""
        if self._loading:
            self._reload_again = True
            return
        self._loading = True
        self.progress.setVisible(True)
        self.statusBar().showMessage(self.tr("Loading subjects…"))
        run_use_case(self.session, subjects.list_subjects, today=self.today,
                     on_finished=self._loaded, on_failed=self._load_failed)

    def _loaded(self, rows) -> None:
        keep = self._select_after_load or self.selected_uuid()
        self._select_after_load = None
        self.subject_list.set_rows(rows)
        try:
            self.subject_list.set_casebook_states(locks.casebook_states(self.session))
        except (AppError, StoreError) as exc:
            self.banner.show_message(plain_message(exc))
        if self.monitoring_panel is not None:
            self.monitoring_panel.refresh()
        self._loading = False
        self.progress.setVisible(False)
        self.statusBar().clearMessage()
        if keep:
            self.select_subject(keep)
        self.update_actions()
        self.update_export_label()
        self.subjects_loaded.emit(len(rows))
        if self._reload_again:
            self._reload_again = False
            self.refresh()

    def _load_failed(self, exc) -> None:
        self._loading = False
        self.progress.setVisible(False)
        self.statusBar().clearMessage()
        self.banner.show_message(self.tr("The subject list could not be loaded: {0}").format(plain_message(exc)))

    def selected_uuid(self) -> str | None:
        return self.subject_list.selected_uuid()

    def select_subject(self, uuid_: str) -> bool:
        return self.subject_list.select_subject(uuid_)

    def current_view(self) -> SubjectView | None:
        w = self.tabs.currentWidget()
        return w if w in self.subject_views.values() else None

    def current_summary(self):
        view = self.current_view()
        uuid_ = view.subject_uuid if view else self.selected_uuid()
        if uuid_ is None:
            return None
        return self.subject_list.summary_of(uuid_)

    def current_subject_uuid(self) -> str | None:
        view = self.current_view()
        return view.subject_uuid if view else self.selected_uuid()

    # -- subject tabs -----------------------------------------------------------------------
    def open_subject(self, uuid_: str | None) -> SubjectView | None:
        """Open (or switch to) a subject's tab."""
        if not uuid_:
            return None
        view = self.subject_views.get(uuid_)
        if view is None:
            try:
                from sle_desktop.ui.subject_view import SubjectView

                view = SubjectView(self.session, uuid_, self.tabs, today=self.today)
            except (AppError, StoreError) as exc:
                report(exc, parent=self)
                return None
            view.changed.connect(self._subject_changed)
            self.subject_views[uuid_] = view
            self.tabs.addTab(view, view.label())
        self.tabs.setCurrentWidget(view)
        self.update_actions()
        return view

    def close_tab(self, index: int) -> None:
        w = self.tabs.widget(index)
        if w in self.subject_views.values():
            self.tabs.removeTab(index)
            self.subject_views.pop(w.subject_uuid, None)
            w.deleteLater()

    def _subject_changed(self, uuid_: str) -> None:
        view = self.subject_views.get(uuid_)
        if view is not None:
            i = self.tabs.indexOf(view)
            self.tabs.setTabText(i, view.label())
        self._select_after_load = uuid_
        self.refresh()

    def _view_for_action(self) -> SubjectView | None:
        uuid_ = self.current_subject_uuid()
        if uuid_ is None:
            self.banner.show_message(self.tr("Select a subject in the list first."), "info")
            return None
        return self.open_subject(uuid_)

    # -- actions ---------------------------------------------------------------------------
    def _keep(self, w: QWidget) -> QWidget:
        self.windows.append(w)
        return w

    def new_screening(self) -> EnrolmentWizard:
        from sle_desktop.ui.enrolment import EnrolmentWizard

        wizard = self._keep(EnrolmentWizard(self.session, self, today=self.today))
        wizard.screened.connect(lambda o: (setattr(self, "_select_after_load", o.subject_uuid), self.refresh()))
        wizard.enrolled.connect(lambda uuid_, _sid: (setattr(self, "_select_after_load", uuid_), self.refresh()))
        wizard.show()
        return wizard

    def record_visit(self):
        view = self._view_for_action()
        return view.record_visit() if view else None

    def adverse_event(self):
        view = self._view_for_action()
        return view.new_adverse_event() if view else None

    def infusion(self):
        view = self._view_for_action()
        return view.new_infusion() if view else None

    def audit_trail(self) -> AuditViewer:
        from sle_desktop.ui.audit_viewer import AuditViewer

        viewer = self._keep(AuditViewer(self.session, self, subject_uuid=self.current_subject_uuid()))
        viewer.show()
        return viewer

    def export_bundle(self):
        from sle_desktop.ui.export_dialog import ExportDialog

        dialog = self._keep(ExportDialog(self.session, self))
        dialog.exported.connect(lambda _r: (self.update_export_label(), self.refresh()))
        dialog.open()
        return dialog

    def cohort_trends(self):
        from sle_desktop.ui.plots import CohortTrendsWidget

        widget = self._keep(CohortTrendsWidget(self.session, self))
        widget.setWindowFlag(Qt.Window)
        widget.setWindowTitle(self.tr("Cohort trends"))
        fit_to_screen(widget, 1300, 700)
        widget.show()
        return widget

    def lock(self) -> None:
        if self.autolock is not None:
            self.autolock.lock_now()

    def unsaved_forms(self) -> list[VisitForm]:
        """Visit windows with changes that are not saved."""
        return [f for f in _visit_forms(self) if f.dirty and f.can_edit and f.isVisible()]

    def _confirm_discard(self, then) -> bool:
        """True when nothing is unsaved; otherwise ask (non-blocking) and call `then` on Discard."""
        forms = self.unsaved_forms()
        if not forms:
            return True
        names = "\n".join(f"• {f.windowTitle()}" for f in forms)
        box = QMessageBox(QMessageBox.Warning, self.tr("Unsaved changes"),
                          self.tr("These forms have changes that are not saved:\n{0}\n\nDiscard them?").format(names),
                          QMessageBox.Discard | QMessageBox.Cancel, self)
        box.setObjectName("discardQuestion")
        box.setDefaultButton(QMessageBox.Cancel)
        box.finished.connect(lambda _r: then() if box.clickedButton() is box.button(QMessageBox.Discard) else None)
        self.discard_box = box
        box.open()
        return False

    def logout(self) -> None:
        """Log out (asks first when a visit form has unsaved changes, then when changes are not backed up)."""
        if self._confirm_discard(self._discard_and_logout) and self.paper.ask_before_logout(self.logout_requested.emit):
            self.logout_requested.emit()

    def _discard_and_logout(self) -> None:
        for f in self.unsaved_forms():
            f.dirty = False
        if self.paper.ask_before_logout(self.logout_requested.emit):
            self.logout_requested.emit()

    def _discard_and_close(self) -> None:
        self._close_confirmed = True
        self.close()

    def manage_users(self) -> UsersDialog:
        from sle_desktop.ui.users_dialog import UsersDialog

        dialog = self._keep(UsersDialog(self.session, self))
        dialog.open()
        return dialog

    def set_auto_lock(self) -> None:
        minutes, ok = QInputDialog.getInt(self, self.tr("Auto-lock"), self.tr("Lock the screen after this many idle "
                                                                              "minutes:"), configured_minutes(), 1, 240)
        if ok:
            save_minutes(minutes)
            if self.autolock is not None:
                self.autolock.set_minutes(minutes)

    def closeEvent(self, event) -> None:  # noqa: N802
        if not self._close_confirmed and not self._confirm_discard(self._discard_and_close):
            event.ignore()
            return
        for f in _visit_forms(self):
            f.dirty = False  # already confirmed: no second question per form
        if self.autolock is not None:
            self.autolock.stop()
        super().closeEvent(event)
        self.closed.emit()
