"""The sponsor's main window: one tab per task, each a widget calling `sle_desktop.sponsor.review`."""

from __future__ import annotations

from pathlib import Path

import pyqtgraph as pg
import pyqtgraph.exporters  # noqa: F401 - registers pg.exporters
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sle_desktop.app.queries import FORM_LABELS
from sle_desktop.app.study import load_study
from sle_desktop.app.subjects import ARM_LABELS, STATUS_LABELS
from sle_desktop.domain.errors import AppError
from sle_desktop.domain.safety import RELATIONSHIP_LABELS
from sle_desktop.sponsor import accounts, review
from sle_desktop.sponsor import translations as sponsor_ru
from sle_desktop.ui.background import run_use_case
from sle_desktop.ui.common import Banner, catalog, heading, name_inputs, translated
from sle_desktop.ui.messages import plain_message
from sle_desktop.ui.plots.export import export_svg
from sle_desktop.ui.screen_fit import centre, fit_to_screen
from sle_desktop.ui.sponsor.tables import fill_table, make_table

ARM_COLOURS = {"msc": "#1565c0", "standard": "#e65100"}


def arm_label(code: str | None) -> str:
    return catalog(ARM_LABELS.get(code, code)) if code else "–"


def status_label(code: str | None) -> str:
    return catalog(STATUS_LABELS.get(code, code)) if code else "–"


def form_label(table: str) -> str:
    return catalog(FORM_LABELS.get(table, table))


def relationship_label(code: str | None) -> str:
    return catalog(RELATIONSHIP_LABELS.get(code, code)) if code else "–"


def visit_label(code: str | None) -> str:
    labels = {v.code: v.label for v in load_study().visits}
    return catalog(labels.get(code, code)) if code else ""


class _Tab(QWidget):
    def __init__(self, window: SponsorWindow):
        super().__init__(window)
        self.window_ = window
        self.session = window.session
        self.banner = Banner(self)

    def show_error(self, exc) -> None:
        self.banner.show_message(plain_message(exc), "error")

    def refresh(self) -> None:
        """Reload what the tab shows from the database."""


# -- bundles in ------------------------------------------------------------------------------
class BundlesTab(_Tab):
    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("bundlesTab")
        self.job = None
        lay = QVBoxLayout(self)
        lay.addWidget(heading(self.tr("Bundles in: import every bundle of a USB folder"), self))
        form = QFormLayout()
        self.folder = QLineEdit(self)
        self.folder.setObjectName("bundleFolder")
        choose = QPushButton(self.tr("C&hoose folder…"), self)
        choose.clicked.connect(self._choose_folder)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(choose)
        folder_label = QLabel(self.tr("&Folder:"), self)
        folder_label.setBuddy(self.folder)
        form.addRow(folder_label, row)
        self.key = QLineEdit(window.key_file, self)
        self.key.setObjectName("sponsorKey")
        key_button = QPushButton(self.tr("Choose &key…"), self)
        key_button.clicked.connect(self._choose_key)
        row2 = QHBoxLayout()
        row2.addWidget(self.key, 1)
        row2.addWidget(key_button)
        key_label = QLabel(self.tr("Sponsor &key file:"), self)
        key_label.setBuddy(self.key)
        form.addRow(key_label, row2)
        lay.addLayout(form)
        buttons = QHBoxLayout()
        self.import_button = QPushButton(self.tr("&Import all bundles"), self)
        self.import_button.setObjectName("importButton")
        self.import_button.clicked.connect(self.start_import)
        self.import_button.setEnabled(self.session.can("import"))
        self.cancel_button = QPushButton(self.tr("&Cancel"), self)
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(lambda: self.job and self.job.cancel())
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        lay.addLayout(buttons)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("importProgress")
        self.progress.setValue(0)
        lay.addWidget(self.progress)
        lay.addWidget(self.banner)
        self.results = make_table(self, [self.tr("File"), self.tr("Result"), self.tr("Details")], "importResults")
        self.results.horizontalHeader().setSectionResizeMode(2, QHeaderView.Stretch)
        self.results.setWordWrap(True)
        lay.addWidget(self.results, 1)

    def _choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Folder with bundles"), self.folder.text())
        if path:
            self.folder.setText(path)

    def _choose_key(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Sponsor key file"), self.key.text(),
                                              self.tr("Sponsor key (*.key)"))
        if path:
            self.key.setText(path)

    def start_import(self) -> None:
        """Import the folder in the background; the result table fills in when it is done."""
        self.banner.clear()
        self.results.setRowCount(0)
        self.progress.setValue(0)
        self.import_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.window_.key_file = self.key.text().strip()
        self.job = run_use_case(self.session, review.import_folder, self.folder.text().strip(),
                                self.key.text().strip(), progress=True, cancellable=True,
                                on_progress=self._progress, on_finished=self._done, on_failed=self._failed,
                                on_cancelled=self._cancelled, parent=self)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _end(self) -> None:
        self.import_button.setEnabled(self.session.can("import"))
        self.cancel_button.setEnabled(False)

    def _done(self, results) -> None:
        self._end()
        labels = {"imported": self.tr("imported"), "already_imported": self.tr("already imported, nothing changed"),
                  "refused": self.tr("REFUSED")}
        fill_table(self.results, [(r.name, labels[r.status], self._details(r)) for r in results])
        for i, r in enumerate(results):
            if r.status == "refused":
                for j in range(3):
                    self.results.item(i, j).setForeground(QColor("#8c0016"))
        self.results.resizeRowsToContents()
        ok = sum(r.status == "imported" for r in results)
        refused = sum(r.status == "refused" for r in results)
        self.banner.show_message(self.tr("{0} bundle(s) imported, {1} already imported, {2} refused.").format(
            ok, len(results) - ok - refused, refused), "error" if refused else "ok")
        self.window_.data_changed()

    def _details(self, r) -> str:
        if r.status == "imported":
            return self.tr("Bundle {0} of site {1}: {2} records added, {3} updated.").format(
                r.bundle_seq, r.site_code, r.records_added, r.records_updated)
        if r.status == "already_imported":
            return self.tr("Bundle {0} of site {1} was imported before; nothing changed.").format(
                r.bundle_seq, r.site_code)
        return translated(r.message)

    def _failed(self, exc) -> None:
        self._end()
        self.show_error(exc)

    def _cancelled(self) -> None:
        self._end()
        self.banner.show_message(self.tr("Import cancelled; the bundles imported before stay imported."), "warning")


# -- sites at a glance -----------------------------------------------------------------------
class SitesTab(_Tab):
    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("sitesTab")
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("Sites at a glance"), self), 1)
        self.verify_button = QPushButton(self.tr("&Verify audit chains"), self)
        self.verify_button.setObjectName("verifyChainsButton")
        self.verify_button.clicked.connect(self.verify_chains)
        top.addWidget(self.verify_button)
        lay.addLayout(top)
        self.progress = QProgressBar(self)
        self.progress.setVisible(False)
        lay.addWidget(self.progress)
        lay.addWidget(self.banner)
        self.job = None
        self.headers = [self.tr("Site"), self.tr("Last bundle:\nnumber · written · age"), self.tr("Gaps"),
                        self.tr("Audit\nchain"), self.tr("Last\nreturn"), self.tr("Subjects"),
                        self.tr("Enrolled\nby arm"), self.tr("Visits\noverdue"), self.tr("Out of\nwindow"),
                        self.tr("Open queries\n≤7 / 8–30 / >30 d"), self.tr("SAEs (in 24 h,\nlate)")]
        self.table = make_table(self, self.headers, "sitesTable")
        lay.addWidget(self.table, 1)
        self.overview: tuple[review.SiteOverview, ...] = ()

    def refresh(self) -> None:
        self.banner.clear()
        try:
            self.overview = review.sites_overview(self.session)
        except AppError as exc:
            self.show_error(exc)
            return
        extra = list(dict.fromkeys(k for o in self.overview for k, _v in o.extra))  # e.g. signed casebooks
        rows = []
        for o in self.overview:
            arms = ", ".join(f"{self._arm_short(a)} {n}" for a, n in o.enrolled_by_arm) or "–"
            last = "–"
            if o.last_bundle_seq:
                written = (o.last_bundle_at or "")[:16].replace("T", " ")
                age = "" if o.last_bundle_age_days is None else self.tr(" · {0} d").format(o.last_bundle_age_days)
                last = f"{o.last_bundle_seq} · {written}{age}"
            rows.append((f"{o.code} {o.name}", last, ", ".join(map(str, o.gaps)) or self.tr("none"),
                         self.tr("OK") if o.chain_ok else self.tr("BROKEN"),
                         f"{o.last_return_seq} ({(o.last_return_at or '')[:10]})" if o.last_return_seq else "–",
                         o.subjects, arms, o.visits_overdue, o.visits_out_of_window,
                         " / ".join(map(str, o.open_queries_by_age)),
                         self.tr("{0} ({1}, {2})").format(o.saes, o.saes_within_24h, o.saes_late),
                         *(dict(o.extra).get(k, "") for k in extra)))
        self.table.setColumnCount(len(self.headers) + len(extra))
        self.table.setHorizontalHeaderLabels(self.headers + extra)
        fill_table(self.table, rows)
        for i, o in enumerate(self.overview):
            self.table.item(i, 3).setToolTip(o.chain_message)
            if not o.chain_ok:
                self.table.item(i, 3).setForeground(QColor("#8c0016"))
            if o.saes_late:
                self.table.item(i, 10).setForeground(QColor("#8c0016"))
        self.table.resizeColumnsToContents()

    def _arm_short(self, code: str) -> str:
        return {"msc": self.tr("MSC"), "standard": self.tr("standard")}.get(code, code)

    def verify_chains(self):
        """Walk every site's whole audit trail in the background (the table shows the quick check)."""
        self.banner.clear()
        self.verify_button.setEnabled(False)
        self.progress.setVisible(True)
        self.progress.setValue(0)
        self.job = run_use_case(self.session, review.verify_chains, progress=True, on_progress=self._progress,
                                on_finished=self._verified, on_failed=self._failed, parent=self)
        return self.job

    def _progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _failed(self, exc) -> None:
        self.verify_button.setEnabled(True)
        self.progress.setVisible(False)
        self.show_error(exc)

    def _verified(self, results) -> None:
        self.verify_button.setEnabled(True)
        self.progress.setVisible(False)
        rows = {o.code: i for i, o in enumerate(self.overview)}
        for code, ok, message in results:
            if code in rows:
                item = self.table.item(rows[code], 3)
                item.setText(self.tr("OK (every hash)") if ok else self.tr("BROKEN"))
                item.setToolTip(message)
                item.setForeground(QColor("#1b5e20" if ok else "#8c0016"))
        broken = [code for code, ok, _m in results if not ok]
        if broken:
            self.banner.show_message(self.tr("Audit chain broken at: {0}.").format(", ".join(broken)), "error")
        else:
            self.banner.show_message(self.tr("Every audit chain checked hash by hash: {0} site(s), all intact.").format(
                len(results)), "ok")


# -- data review -----------------------------------------------------------------------------
class SubjectModel(QAbstractTableModel):
    """The filtered subject list (filtering is `review.filter_subjects`, in memory)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.all: tuple[review.SubjectRow, ...] = ()
        self.rows: tuple[review.SubjectRow, ...] = ()
        self.headers = [self.tr("Site"), self.tr("Subject"), self.tr("Arm"), self.tr("Status"), self.tr("Baseline"),
                        self.tr("Queries"), self.tr("SDV")]

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self.all = tuple(rows)
        self.rows = self.all
        self.endResetModel()

    def apply(self, **filters) -> None:
        self.beginResetModel()
        self.rows = review.filter_subjects(self.all, **filters)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):  # noqa: N802 - Qt API
        return len(self.headers)

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802 - Qt API
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return self.headers[section]
        return None

    def data(self, index, role=Qt.DisplayRole):
        if role != Qt.DisplayRole or not index.isValid():
            return None
        r = self.rows[index.row()]
        col = index.column()
        if col == 0:
            return r.site_code
        if col == 1:
            return r.subject_key
        if col == 2:
            return {"msc": self.tr("MSC"), "standard": self.tr("standard")}.get(r.arm, "–")
        if col == 3:
            return status_label(r.status)
        if col == 4:
            return r.baseline_date or "–"
        if col == 5:
            return str(r.open_queries)
        return f"{r.verified}/{r.records}"


class ReviewTab(_Tab):
    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("reviewTab")
        self.book: review.Casebook | None = None
        lay = QVBoxLayout(self)
        lay.addWidget(self.banner)
        split = QSplitter(Qt.Horizontal, self)
        left = QWidget(split)
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        filters = QGridLayout()
        self.site = QComboBox(left)
        self.site.setObjectName("filterSite")
        self.arm = QComboBox(left)
        self.arm.setObjectName("filterArm")
        self.arm.addItem(self.tr("all arms"), "")
        for a in ("msc", "standard"):
            self.arm.addItem(arm_label(a), a)
        self.status = QComboBox(left)
        self.status.setObjectName("filterStatus")
        self.status.addItem(self.tr("all statuses"), "")
        for s in ("screened", "screen_failed", "enrolled", "withdrawn", "completed"):
            self.status.addItem(status_label(s), s)
        self.open_only = QCheckBox(self.tr("with &open queries"), left)
        self.open_only.setObjectName("filterOpenQueries")
        self.not_sdv = QCheckBox(self.tr("not &SDV'd"), left)
        self.not_sdv.setObjectName("filterNotSdv")
        self.search = QLineEdit(left)
        self.search.setObjectName("filterText")
        self.search.setPlaceholderText(self.tr("subject number"))
        filters.addWidget(QLabel(self.tr("Si&te:"), left), 0, 0)
        filters.addWidget(self.site, 0, 1)
        filters.addWidget(QLabel(self.tr("&Arm:"), left), 0, 2)
        filters.addWidget(self.arm, 0, 3)
        filters.addWidget(QLabel(self.tr("Stat&us:"), left), 1, 0)
        filters.addWidget(self.status, 1, 1)
        filters.addWidget(QLabel(self.tr("Fi&nd:"), left), 1, 2)
        filters.addWidget(self.search, 1, 3)
        filters.addWidget(self.open_only, 2, 0, 1, 2)
        filters.addWidget(self.not_sdv, 2, 2, 1, 2)
        ll.addLayout(filters)
        for label, buddy in ((0, self.site), (2, self.arm)):
            filters.itemAtPosition(0, label).widget().setBuddy(buddy)
        filters.itemAtPosition(1, 0).widget().setBuddy(self.status)
        filters.itemAtPosition(1, 2).widget().setBuddy(self.search)
        self.model = SubjectModel(self)
        self.subjects = QTableView(left)
        self.subjects.setObjectName("subjectTable")
        self.subjects.setModel(self.model)
        self.subjects.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.subjects.setSelectionMode(QAbstractItemView.SingleSelection)
        self.subjects.verticalHeader().setVisible(False)
        header = self.subjects.horizontalHeader()
        header.setResizeContentsPrecision(200)  # sized from the first rows, not from all 10 000
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setStretchLastSection(True)
        self.subjects.setTabKeyNavigation(False)
        self.subjects.selectionModel().currentRowChanged.connect(lambda cur, _prev: self.open_subject(cur.row()))
        ll.addWidget(self.subjects, 1)
        self.count = QLabel(left)
        ll.addWidget(self.count)
        right = QWidget(split)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        self.title = heading(self.tr("Choose a subject"), right, size_delta=1)
        rl.addWidget(self.title)
        self.book_tabs = QTabWidget(right)
        self.tree = QTreeWidget(self.book_tabs)
        self.tree.setObjectName("casebookTree")
        self.tree.setHeaderLabels([self.tr("Form / field"), self.tr("Value"), self.tr("SDV / queries")])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeToContents)
        self.tree.header().setSectionResizeMode(1, QHeaderView.Stretch)
        self.book_tabs.addTab(self.tree, self.tr("Casebook"))
        self.queries = make_table(self.book_tabs, [self.tr("Field"), self.tr("Status"), self.tr("Question"),
                                               self.tr("Answer")], "queryTable")
        self.book_tabs.addTab(self.queries, self.tr("Queries"))
        self.signatures = make_table(self.book_tabs, [self.tr("Form"), self.tr("Meaning"), self.tr("Signed by"),
                                                  self.tr("Signed at"), self.tr("Validity")], "signatureTable")
        self.signatures.horizontalHeader().setSectionResizeMode(4, QHeaderView.Stretch)  # long reasons: tooltip
        self.book_tabs.addTab(self.signatures, self.tr("Signatures"))
        self.audit = make_table(self.book_tabs, [self.tr("When (UTC)"), self.tr("User"), self.tr("Form"), self.tr("Field"),
                                             self.tr("Old"), self.tr("New"), self.tr("Reason")], "auditTable")
        self.book_tabs.addTab(self.audit, self.tr("Audit trail"))
        rl.addWidget(self.book_tabs, 1)
        actions = QGridLayout()
        self.raise_button = QPushButton(self.tr("&Raise query on value…"), right)
        self.raise_button.setObjectName("raiseQueryButton")
        self.sdv_button = QPushButton(self.tr("&Mark record SDV'd"), right)
        self.sdv_button.setObjectName("sdvButton")
        self.close_button = QPushButton(self.tr("C&lose query…"), right)
        self.close_button.setObjectName("closeQueryButton")
        self.reopen_button = QPushButton(self.tr("R&e-open query…"), right)
        self.reopen_button.setObjectName("reopenQueryButton")
        self.return_button = QPushButton(self.tr("&Write return bundle…"), right)
        self.return_button.setObjectName("returnBundleButton")
        actions.addWidget(self.raise_button, 0, 0)
        actions.addWidget(self.sdv_button, 0, 1)
        actions.addWidget(self.return_button, 0, 2)
        actions.addWidget(self.close_button, 1, 0)
        actions.addWidget(self.reopen_button, 1, 1)
        rl.addLayout(actions)
        self.raise_button.clicked.connect(self._ask_raise)
        self.sdv_button.clicked.connect(self.sdv_selected)
        self.close_button.clicked.connect(self._ask_close)
        self.reopen_button.clicked.connect(self._ask_reopen)
        self.return_button.clicked.connect(self._ask_return)
        for b, action in ((self.raise_button, "query"), (self.close_button, "query"), (self.reopen_button, "query"),
                          (self.sdv_button, "sdv"), (self.return_button, "return_bundle")):
            b.setEnabled(self.session.can(action))
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([640, 680])  # the subject list's headers whole, in Russian too
        lay.addWidget(split, 1)
        for w in (self.site, self.arm, self.status):
            w.currentIndexChanged.connect(self.apply_filters)
        for w in (self.open_only, self.not_sdv):
            w.toggled.connect(self.apply_filters)
        self.search.textChanged.connect(self.apply_filters)

    def refresh(self) -> None:
        self.banner.clear()
        try:
            rows = review.subject_rows(self.session)
        except AppError as exc:
            self.show_error(exc)
            return
        current = self.site.currentData()
        self.site.blockSignals(True)
        self.site.clear()
        self.site.addItem(self.tr("all sites"), "")
        for code in sorted({r.site_code for r in rows}):
            self.site.addItem(code, code)
        self.site.setCurrentIndex(max(0, self.site.findData(current)))
        self.site.blockSignals(False)
        self.model.set_rows(rows)
        self.apply_filters()
        if self.book is not None:
            self.show_casebook(self.book.subject_uuid, self.book.site_code)

    def apply_filters(self) -> None:
        self.model.apply(site=self.site.currentData() or None, arm=self.arm.currentData() or None,
                         status=self.status.currentData() or None, open_queries=self.open_only.isChecked(),
                         not_sdv=self.not_sdv.isChecked(), text=self.search.text())
        self.count.setText(self.tr("{0} of {1} subjects").format(len(self.model.rows), len(self.model.all)))

    def open_subject(self, row: int) -> None:
        if 0 <= row < len(self.model.rows):
            self.show_casebook(self.model.rows[row].subject_uuid, self.model.rows[row].site_code)

    def select_subject(self, subject_key: str) -> None:
        """Select a subject of the (filtered) list by number (tests, keyboard users typing in Find)."""
        for i, r in enumerate(self.model.rows):
            if r.subject_key == subject_key:
                self.subjects.selectRow(i)
                self.subjects.setCurrentIndex(self.model.index(i, 0))
                return
        raise LookupError(subject_key)

    def show_casebook(self, subject_uuid: str, site_code: str | None = None) -> None:
        try:
            self.book = review.casebook(self.session, subject_uuid, site_code)
        except AppError as exc:
            self.show_error(exc)
            return
        b = self.book
        self.title.setText(self.tr("{0} – site {1}, {2}, {3}").format(
            b.subject_key, b.site_code, arm_label(b.arm), status_label(b.status)))
        self.tree.clear()
        for rec in b.records:
            label = form_label(rec.table)
            if rec.visit_code:
                label += f" – {visit_label(rec.visit_code)}"
            state = self.tr("SDV'd by {0}").format(rec.sdv_by) if rec.sdv else self.tr("not SDV'd")
            if rec.queries:
                state += " · " + self.tr("{0} quer(ies)").format(len(rec.queries))
            top = QTreeWidgetItem([label, rec.when, state])
            top.setData(0, Qt.UserRole, (rec.table, rec.uuid, None))
            if rec.detail:
                child = QTreeWidgetItem([self.tr("derived"), rec.detail, ""])
                child.setData(0, Qt.UserRole, (rec.table, rec.uuid, None))
                top.addChild(child)
            queried = {q.field: q for q in rec.queries}
            for name, english, value in rec.fields:
                q = queried.get(name)
                shown = sponsor_ru.ru(english) if self.window_.language == "ru" else english
                child = QTreeWidgetItem([shown, value, self.query_status(q.status) if q else ""])
                child.setToolTip(0, name)
                child.setToolTip(1, value)
                child.setData(0, Qt.UserRole, (rec.table, rec.uuid, name))
                top.addChild(child)
            self.tree.addTopLevelItem(top)
        fill_table(self.queries, [(f"{form_label(q.record_table)}: {q.field}", self.query_status(q.status), q.text + (
            f" | {q.followup}" if q.followup else ""), q.answer) for q in b.queries])
        states = {"valid": self.tr("valid: the record is as it was signed"),
                  "changed": self.tr("NOT VALID: the record changed after it was signed"),
                  "invalidated": self.tr("NOT VALID: invalidated at the site"),
                  "missing": self.tr("NOT VALID: the signed record is not at the sponsor")}
        fill_table(self.signatures, [(form_label(s.record_table), self.meaning(s.meaning), s.signer,
                                      s.signed_at[:16].replace("T", " "),
                                      states.get(s.note, s.note) + (f" ({s.reason})" if s.reason else ""))
                                     for s in b.signatures])
        for i in range(self.signatures.rowCount()):
            item = self.signatures.item(i, 4)
            item.setToolTip(item.text())
        fill_table(self.audit, [(a.at_utc[:19].replace("T", " "), a.user, a.table, a.field, a.old, a.new, a.reason)
                           for a in b.audit])

    def query_status(self, status: str) -> str:
        return {"open": self.tr("open"), "answered": self.tr("answered"), "closed": self.tr("closed"),
                "reopened": self.tr("re-opened")}.get(status, status)

    def meaning(self, meaning: str) -> str:
        return {"authored": self.tr("authored"), "reviewed": self.tr("reviewed"),
                "approved": self.tr("approved")}.get(meaning, meaning)

    def selected_value(self) -> tuple[str, str, str | None] | None:
        item = self.tree.currentItem()
        return item.data(0, Qt.UserRole) if item is not None else None

    def select_value(self, table: str, field: str | None) -> None:
        """Select a record (field None) or one value of it in the casebook tree."""
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top.data(0, Qt.UserRole)[0] != table:
                continue
            if field is None:
                self.tree.setCurrentItem(top)
                return
            for j in range(top.childCount()):
                if top.child(j).data(0, Qt.UserRole)[2] == field:
                    self.tree.setCurrentItem(top.child(j))
                    return
        raise LookupError((table, field))

    def _done(self, text: str) -> None:
        self.window_.data_changed()  # reloads the list and this casebook
        self.banner.show_message(text, "ok")

    def raise_query(self, text: str) -> None:
        chosen = self.selected_value()
        if not chosen or not chosen[2]:
            self.banner.show_message(self.tr("Select a value in the casebook first."), "warning")
            return
        try:
            q = review.raise_query(self.session, chosen[0], chosen[1], chosen[2], text, site_code=self.book.site_code)
        except AppError as exc:
            self.show_error(exc)
            return
        self._done(self.tr("Query raised on {0}; it goes to the site in the next return bundle.").format(q.field))

    def _ask_raise(self) -> None:
        chosen = self.selected_value()
        if not chosen or not chosen[2]:
            self.banner.show_message(self.tr("Select a value in the casebook first."), "warning")
            return
        text, ok = QInputDialog.getMultiLineText(self, self.tr("Raise query"),
                                                 self.tr("Question for the site about {0}:").format(chosen[2]))
        if ok:
            self.raise_query(text)

    def sdv_selected(self) -> None:
        chosen = self.selected_value()
        if not chosen:
            self.banner.show_message(self.tr("Select a record in the casebook first."), "warning")
            return
        try:
            review.mark_sdv(self.session, chosen[0], chosen[1], site_code=self.book.site_code)
        except AppError as exc:
            self.show_error(exc)
            return
        self._done(self.tr("Record marked source-data-verified."))

    def selected_query(self) -> review.QueryLine | None:
        row = self.queries.currentRow()
        if self.book is None or not 0 <= row < len(self.book.queries):
            self.banner.show_message(self.tr("Select a query in the Queries tab first."), "warning")
            return None
        return self.book.queries[row]

    def close_query(self, reason: str) -> None:
        q = self.selected_query()
        if q is None:
            return
        try:
            review.close_query(self.session, q.uuid, reason or None)
        except AppError as exc:
            self.show_error(exc)
            return
        self._done(self.tr("Query closed."))

    def reopen_query(self, text: str) -> None:
        q = self.selected_query()
        if q is None:
            return
        try:
            review.reopen_query(self.session, q.uuid, text)
        except AppError as exc:
            self.show_error(exc)
            return
        self._done(self.tr("Query re-opened."))

    def _ask_close(self) -> None:
        if self.selected_query() is None:
            return
        text, ok = QInputDialog.getText(self, self.tr("Close query"), self.tr("Reason (optional):"))
        if ok:
            self.close_query(text)

    def _ask_reopen(self) -> None:
        if self.selected_query() is None:
            return
        text, ok = QInputDialog.getMultiLineText(self, self.tr("Re-open query"), self.tr("Follow-up question:"))
        if ok:
            self.reopen_query(text)

    def write_return(self, out_dir: str, site_code: str | None = None) -> None:
        code = site_code or (self.book.site_code if self.book else self.site.currentData())
        if not code:
            self.banner.show_message(self.tr("Choose a site (or a subject) first."), "warning")
            return
        key_dir = str(Path(self.window_.key_file).parent) if self.window_.key_file else ""
        run_use_case(self.session, review.write_return_bundle, code, out_dir, key_dir,
                     on_finished=lambda r: self._done(self.tr(
                         "Return bundle {0} for {1} written to {2}: {3} queries, {4} SDV mark(s).").format(
                         r.return_seq, r.site_code, r.path, r.queries, r.sdv_marks)),
                     on_failed=self.show_error, parent=self)

    def _ask_return(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Folder for the return bundle (the USB stick)"))
        if path:
            self.write_return(path)


# -- safety ----------------------------------------------------------------------------------
class SafetyTab(_Tab):
    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("safetyTab")
        lay = QVBoxLayout(self)
        lay.addWidget(self.banner)
        lay.addWidget(heading(self.tr("Serious adverse events and the 24-hour rule"), self, size_delta=1))
        self.saes = make_table(self, [self.tr("Site"), self.tr("Subject"), self.tr("Term"), self.tr("Grade"),
                                  self.tr("Relationship"), self.tr("Site aware"), self.tr("At the sponsor"),
                                  self.tr("Hours"), self.tr("Within 24 h")], "saeTable")
        lay.addWidget(self.saes, 2)
        row = QHBoxLayout()
        box1 = QGroupBox(self.tr("Adverse events by arm, CTCAE grade and relationship to MSC"), self)
        b1 = QVBoxLayout(box1)
        self.aes = make_table(box1, [self.tr("Arm"), self.tr("Grade"), self.tr("Relationship"), self.tr("AEs")], "aeTable")
        b1.addWidget(self.aes)
        box2 = QGroupBox(self.tr("Month-1 safety endpoint: absence of adverse reactions"), self)
        b2 = QVBoxLayout(box2)
        self.endpoint = make_table(box2, [self.tr("Arm"), self.tr("Subjects"), self.tr("With a reaction"),
                                      self.tr("Without")], "endpointTable")
        b2.addWidget(self.endpoint)
        row.addWidget(box1, 1)
        row.addWidget(box2, 1)
        lay.addLayout(row, 2)
        self.summary: review.SafetySummary | None = None

    def refresh(self) -> None:
        self.banner.clear()
        try:
            self.summary = s = review.safety_summary(self.session)
        except AppError as exc:
            self.show_error(exc)
            return
        yes, no, unknown = self.tr("yes"), self.tr("NO"), self.tr("unknown")
        fill_table(self.saes, [(x.site_code, x.subject_key, x.term, x.grade, relationship_label(x.relationship), x.aware_at[:16],
                           x.received_at[:16], x.hours, yes if x.within_24h else (unknown if x.within_24h is None
                                                                                   else no)) for x in s.saes])
        for i, x in enumerate(s.saes):
            if x.within_24h is False:
                self.saes.item(i, 8).setForeground(QColor("#8c0016"))
        fill_table(self.aes, [(arm_label(a), g, relationship_label(r), n) for a, g, r, n in s.ae_counts])
        fill_table(self.endpoint, [(arm_label(e.arm), e.subjects, e.with_reaction, e.without_reaction) for e in s.endpoint])


# -- reports and plots -----------------------------------------------------------------------
class ReportsTab(_Tab):
    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("reportsTab")
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        self.site = QComboBox(self)
        self.site.setObjectName("reportSite")
        label = QLabel(self.tr("Si&te:"), self)
        label.setBuddy(self.site)
        top.addWidget(label)
        top.addWidget(self.site)
        self.png = QPushButton(self.tr("Export &PNG…"), self)
        self.svg = QPushButton(self.tr("Export S&VG…"), self)
        self.png.clicked.connect(lambda: self._export_dialog("png"))
        self.svg.clicked.connect(lambda: self._export_dialog("svg"))
        top.addStretch(1)
        top.addWidget(self.png)
        top.addWidget(self.svg)
        lay.addLayout(top)
        lay.addWidget(self.banner)
        split = QSplitter(Qt.Horizontal, self)
        self.graphics = pg.GraphicsLayoutWidget(split)
        self.graphics.setObjectName("reportPlots")
        self.graphics.setBackground("w")
        tables = QTabWidget(split)
        self.ageing = make_table(tables, [self.tr("Site"), self.tr("≤7 d"), self.tr("8–30 d"), self.tr(">30 d")],
                             "ageingTable")
        tables.addTab(self.ageing, self.tr("Query ageing"))
        self.missing = make_table(tables, [self.tr("Visit"), self.tr("Form"), self.tr("Visits"), self.tr("Missing")],
                              "missingTable")
        tables.addTab(self.missing, self.tr("Missing forms"))
        split.addWidget(self.graphics)
        split.addWidget(tables)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([820, 500])
        lay.addWidget(split, 1)
        self.site.currentIndexChanged.connect(self.refresh)
        self.report: review.Reports | None = None

    def refresh(self) -> None:
        self.banner.clear()
        code = self.site.currentData() or None
        try:
            self.report = r = review.reports(self.session, site=code)
            trend = review.trend_points(self.session, site=code)
        except AppError as exc:
            self.show_error(exc)
            return
        if self.site.count() != len(r.sites) + 1:
            self.site.blockSignals(True)
            self.site.clear()
            self.site.addItem(self.tr("all sites"), "")
            for c in r.sites:
                self.site.addItem(c, c)
            self.site.setCurrentIndex(max(0, self.site.findData(code or "")))
            self.site.blockSignals(False)
        self.graphics.clear()
        p1 = self.graphics.addPlot(row=0, col=0, title=self.tr("Enrolment over time (cumulative)"))
        p1.addLegend(offset=(10, 10))
        months = sorted({m for m, _s, _a, _n in r.enrolment})
        for arm in ("msc", "standard"):
            total, ys = 0, []
            for m in months:
                total += sum(n for mm, _s, a, n in r.enrolment if mm == m and a == arm)
                ys.append(total)
            if months:
                p1.plot(list(range(len(months))), ys, pen=pg.mkPen(ARM_COLOURS[arm], width=2), symbol="o",
                        symbolBrush=ARM_COLOURS[arm], name=arm_label(arm))
        p1.getAxis("bottom").setTicks([[(i, m) for i, m in enumerate(months)]])
        p1.setLabel("left", self.tr("subjects"))
        p2 = self.graphics.addPlot(row=1, col=0, title=self.tr("Cohort SELENA-SLEDAI by study day (mean)"))
        for arm in ("msc", "standard"):
            pts = [(d, s) for a, d, s, _n in trend if a == arm]
            if pts:
                p2.plot([d for d, _s in pts], [s for _d, s in pts], pen=pg.mkPen(ARM_COLOURS[arm], width=2),
                        symbol="s", symbolBrush=ARM_COLOURS[arm], name=arm_label(arm))
        p2.setLabel("bottom", self.tr("study day"))
        p2.setLabel("left", "SLEDAI")
        fill_table(self.ageing, [(s, *ages) for s, ages in r.query_ageing])
        fill_table(self.missing, [(visit_label(v), form_label(t), n, m) for v, t, n, m in r.missing_forms])

    def export_image(self, path) -> Path:
        """Write the plots to `path` (.png or .svg)."""
        path = Path(path)
        if path.suffix.lower() == ".png":
            pg.exporters.ImageExporter(self.graphics.scene()).export(str(path))
        elif path.suffix.lower() == ".svg":
            export_svg(self.graphics, str(path))
        else:
            raise ValueError(self.tr("Export as .png or .svg, not {0}.").format(path.suffix or "(none)"))
        return path

    def _export_dialog(self, kind: str) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export plots"), f"sponsor-reports.{kind}",
                                              f"{kind.upper()} (*.{kind})")
        if path:
            try:
                self.export_image(path if path.lower().endswith(f".{kind}") else f"{path}.{kind}")
            except (OSError, ValueError) as exc:
                self.show_error(exc)


# -- exports ---------------------------------------------------------------------------------
class ExportsTab(_Tab):
    KINDS = ("odm", "odm_audit", "csv", "stats")

    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("exportsTab")
        lay = QVBoxLayout(self)
        lay.addWidget(heading(self.tr("Exports for analysis"), self))
        labels = {"odm": self.tr("CDISC &ODM 1.3.2 (current data)…"),
                  "odm_audit": self.tr("ODM with the &audit history…"),
                  "csv": self.tr("&CSV files (one per form)…"),
                  "stats": self.tr("&Statistics files (SPSS, Stata, SAS)…")}
        self.buttons = {}
        for kind in self.KINDS:
            b = QPushButton(labels[kind], self)
            b.setObjectName(f"export_{kind}")
            b.setEnabled(self.session.can("export"))
            b.clicked.connect(lambda _c=False, k=kind: self._ask(k))
            lay.addWidget(b)
            self.buttons[kind] = b
        self.progress = QProgressBar(self)
        self.progress.setObjectName("exportProgress")
        self.progress.setValue(0)
        lay.addWidget(self.progress)
        lay.addWidget(self.banner)
        lay.addStretch(1)

    def _ask(self, kind: str) -> None:
        if kind in ("odm", "odm_audit"):
            path, _ = QFileDialog.getSaveFileName(self, self.tr("ODM file"), "study.xml", "XML (*.xml)")
        else:
            path = QFileDialog.getExistingDirectory(self, self.tr("Folder for the files"))
        if path:
            self.start(kind, path)

    def start(self, kind: str, out: str):
        """Write the export in the background."""
        self.banner.clear()
        self.progress.setRange(0, 0)  # busy until the use case reports
        for b in self.buttons.values():
            b.setEnabled(False)
        lang = "ru" if self.window_.language == "ru" else "en"
        return run_use_case(self.session, review.export, kind, out, lang=lang, progress=True,
                            on_progress=self._progress, on_finished=self._done, on_failed=self._failed, parent=self)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _end(self) -> None:
        self.progress.setRange(0, 1)
        for b in self.buttons.values():
            b.setEnabled(self.session.can("export"))

    def _done(self, r) -> None:
        self._end()
        self.progress.setValue(1)
        self.banner.show_message(self.tr("Written to {0}: {1}.").format(r.path, r.summary), "ok")

    def _failed(self, exc) -> None:
        self._end()
        self.progress.setValue(0)
        self.show_error(exc)


# -- the window ------------------------------------------------------------------------------
class SponsorWindow(QMainWindow):
    """The sponsor's main window for a logged-in `SponsorSession`."""

    def __init__(self, session: accounts.SponsorSession, *, where: str = "", key_file: str = "",
                 language: str = "en"):
        super().__init__()
        self.setObjectName("sponsorWindow")
        self.session = session
        self.key_file = key_file
        self.language = language
        self.setWindowTitle(self.tr("SLE MSC trial – sponsor – {0}").format(where) if where
                            else self.tr("SLE MSC trial – sponsor"))
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("sponsorTabs")
        self.bundles = BundlesTab(self)
        self.sites = SitesTab(self)
        self.review = ReviewTab(self)
        self.safety = SafetyTab(self)
        self.reports = ReportsTab(self)
        self.exports = ExportsTab(self)
        for i, (tab, label) in enumerate(((self.bundles, self.tr("Bundles in")), (self.sites, self.tr("Sites")),
                                          (self.review, self.tr("Data review")), (self.safety, self.tr("Safety")),
                                          (self.reports, self.tr("Reports")), (self.exports, self.tr("Exports")))):
            self.tabs.addTab(tab, f"&{i + 1} {label}")  # Alt+1 … Alt+6
        self.setCentralWidget(self.tabs)
        menu = self.menuBar().addMenu(self.tr("&File"))
        refresh = menu.addAction(self.tr("&Refresh"))
        refresh.setShortcut(QKeySequence.Refresh)
        refresh.triggered.connect(self.data_changed)
        users = menu.addAction(self.tr("&Accounts…"))
        users.setEnabled(session.can("manage_users"))
        users.triggered.connect(self.open_users)
        quit_ = menu.addAction(self.tr("&Quit"))
        quit_.setShortcut(QKeySequence.Quit)
        quit_.triggered.connect(self.close)
        self.role_labels = roles = {
            "data_manager": self.tr("Data manager"), "monitor": self.tr("Monitor"),
            "safety_officer": self.tr("Safety officer"), "statistician": self.tr("Statistician (read-only)")}
        self.statusBar().showMessage(self.tr("{0} ({1})").format(session.display_name,
                                                                 roles.get(session.role, session.role)))
        self._loaded: set[int] = set()
        self.tabs.currentChanged.connect(self._ensure_loaded)
        for w in self.findChildren(QWidget):
            if isinstance(w, QWidget) and w.objectName().endswith("Tab"):
                name_inputs(w)
        fit_to_screen(self, 1340, 720)
        centre(self)
        self.sites.refresh()
        self.review.refresh()
        self._loaded = {1, 2}
        self.tabs.setCurrentWidget(self.sites)

    def open_users(self):
        """The accounts dialog (data managers)."""
        from sle_desktop.ui.sponsor.users import SponsorUsersDialog

        dialog = SponsorUsersDialog(self.session, self.role_labels, self)
        dialog.show()
        return dialog

    def _ensure_loaded(self, index: int) -> None:
        if index not in self._loaded:
            self._loaded.add(index)
            self.tabs.widget(index).refresh()

    def data_changed(self) -> None:
        """Something was imported or changed: reload the tab on show, the others when next shown."""
        self._loaded = {self.tabs.currentIndex()}
        for tab in (self.sites, self.review):
            tab.refresh()
        self._loaded |= {1, 2}
        current = self.tabs.currentWidget()
        if current not in (self.sites, self.review):
            current.refresh()
