"""The sponsor window's data review: the subject list with its filters and one subject's casebook."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sle_desktop.app.errors import StoreError
from sle_desktop.domain.errors import AppError
from sle_desktop.sponsor import casebook as cases
from sle_desktop.sponsor import review
from sle_desktop.sponsor import translations as sponsor_ru
from sle_desktop.ui.background import run_use_case
from sle_desktop.ui.common import heading
from sle_desktop.ui.sponsor.common import (
    Tab,
    arm_label,
    form_label,
    status_label,
    visit_label,
)
from sle_desktop.ui.sponsor.tables import fill_table, make_table


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


class ReviewTab(Tab):
    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("reviewTab")
        self.book: cases.Casebook | None = None
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
        for row, column, text, field in ((0, 0, self.tr("Si&te:"), self.site), (0, 2, self.tr("&Arm:"), self.arm),
                                         (1, 0, self.tr("Stat&us:"), self.status),
                                         (1, 2, self.tr("Fi&nd:"), self.search)):
            label = QLabel(text, left)
            label.setBuddy(field)
            filters.addWidget(label, row, column)
            filters.addWidget(field, row, column + 1)
        filters.addWidget(self.open_only, 2, 0, 1, 2)
        filters.addWidget(self.not_sdv, 2, 2, 1, 2)
        ll.addLayout(filters)
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
        # fixed shares of a 1366-px screen: a long lab or visit name is elided (its full text is the tooltip), the
        # values keep the middle
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.Interactive)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        header.setSectionResizeMode(2, QHeaderView.Interactive)
        header.resizeSection(0, 330)
        header.resizeSection(2, 150)
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
        self.field_sdv_button = QPushButton(self.tr("Mark fiel&d SDV'd"), right)
        self.field_sdv_button.setObjectName("fieldSdvButton")
        self.close_button = QPushButton(self.tr("C&lose query…"), right)
        self.close_button.setObjectName("closeQueryButton")
        self.reopen_button = QPushButton(self.tr("R&e-open query…"), right)
        self.reopen_button.setObjectName("reopenQueryButton")
        self.return_button = QPushButton(self.tr("&Write return bundle…"), right)
        self.return_button.setObjectName("returnBundleButton")
        actions.addWidget(self.raise_button, 0, 0)
        actions.addWidget(self.sdv_button, 0, 1)
        actions.addWidget(self.field_sdv_button, 0, 2)
        actions.addWidget(self.close_button, 1, 0)
        actions.addWidget(self.reopen_button, 1, 1)
        actions.addWidget(self.return_button, 1, 2)
        rl.addLayout(actions)
        self.raise_button.clicked.connect(self._ask_raise)
        self.sdv_button.clicked.connect(self.sdv_selected)
        self.field_sdv_button.clicked.connect(self.sdv_selected_field)
        self.close_button.clicked.connect(self._ask_close)
        self.reopen_button.clicked.connect(self._ask_reopen)
        self.return_button.clicked.connect(self._ask_return)
        for b, action in ((self.raise_button, "query"), (self.close_button, "query"), (self.reopen_button, "query"),
                          (self.sdv_button, "sdv"), (self.field_sdv_button, "sdv"),
                          (self.return_button, "return_bundle")):
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
            self.book = cases.casebook(self.session, subject_uuid, site_code)
        except AppError as exc:
            self.show_error(exc)
            return
        b = self.book
        self.title.setText(self.tr("{0} – site {1}, {2}, {3}").format(
            b.subject_key, b.site_code, arm_label(b.arm), status_label(b.status)))
        self.tree.clear()
        for rec in b.records:
            label = form_label(rec.table)
            if rec.table == "labs" and rec.name:  # the test names the record
                label = sponsor_ru.ru(rec.name) if self.window_.language == "ru" else rec.name
            elif rec.name:  # an AE term or a drug, as typed
                label += f": {rec.name}"
            if rec.visit_code:
                label += f" – {visit_label(rec.visit_code)}"
            state = self.tr("SDV'd by {0}").format(rec.sdv_by) if rec.sdv else self.tr("not SDV'd")
            if rec.queries:
                state += " · " + self.tr("{0} quer(ies)").format(len(rec.queries))
            top = QTreeWidgetItem([label, rec.when, state])
            top.setToolTip(0, label)
            top.setToolTip(2, state)
            top.setData(0, Qt.UserRole, (rec.table, rec.uuid, None))
            if rec.detail:
                child = QTreeWidgetItem([self.tr("derived"), rec.detail, ""])
                child.setData(0, Qt.UserRole, (rec.table, rec.uuid, None))
                top.addChild(child)
            queried = {q.field: q for q in rec.queries}
            verified = {m.field: m for m in rec.field_sdv}
            for name, english, value, coded in rec.fields:
                q = queried.get(name)
                ru = self.window_.language == "ru"
                shown = sponsor_ru.ru(english) if ru else english
                value = sponsor_ru.ru(value) if ru and coded else value
                field_state = " · ".join(t for t in (self.field_sdv_state(verified.get(name)),
                                                     self.query_status(q.status) if q else "") if t)
                child = QTreeWidgetItem([shown, value, field_state])
                child.setToolTip(0, name)
                child.setToolTip(1, value)
                child.setToolTip(2, field_state)
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

    def field_sdv_state(self, mark: cases.FieldSdv | None) -> str:
        """A field's own SDV mark: verified by whom, or changed since (the mark no longer holds)."""
        if mark is None:
            return ""
        if mark.valid:
            return self.tr("SDV'd by {0}").format(mark.monitor)
        return self.tr("changed since SDV")

    def query_status(self, status: str) -> str:
        return {"open": self.tr("open"), "answered": self.tr("answered"), "closed": self.tr("closed"),
                "reopened": self.tr("re-opened")}.get(status, status)

    def meaning(self, meaning: str) -> str:
        return {"authored": self.tr("authored"), "reviewed": self.tr("reviewed"),
                "approved": self.tr("approved")}.get(meaning, meaning)

    def selected_value(self) -> tuple[str, str, str | None] | None:
        item = self.tree.currentItem()
        return item.data(0, Qt.UserRole) if item is not None else None

    def select_value(self, table: str, field: str | None, record_uuid: str | None = None) -> None:
        """Select a record (field None) or one value of it in the casebook tree (the first record of `table`, or the
        record `record_uuid`)."""
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top.data(0, Qt.UserRole)[0] != table or record_uuid not in (None, top.data(0, Qt.UserRole)[1]):
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
            q = cases.raise_query(self.session, chosen[0], chosen[1], chosen[2], text, site_code=self.book.site_code)
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
            cases.mark_sdv(self.session, chosen[0], chosen[1], site_code=self.book.site_code)
        except (AppError, StoreError) as exc:
            self.show_error(exc)
            return
        self._done(self.tr("Record marked source-data-verified."))

    def sdv_selected_field(self) -> None:
        chosen = self.selected_value()
        if not chosen or not chosen[2]:
            self.banner.show_message(self.tr("Select a value in the casebook first."), "warning")
            return
        try:
            cases.mark_sdv(self.session, chosen[0], chosen[1], site_code=self.book.site_code, field_name=chosen[2])
        except (AppError, StoreError) as exc:  # StoreError: e.g. a field the site never described
            self.show_error(exc)
            return
        self._done(self.tr("Field {0} marked source-data-verified; the mark goes to the site in the next return "
                           "bundle.").format(chosen[2]))

    def selected_query(self) -> cases.QueryLine | None:
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
            cases.close_query(self.session, q.uuid, reason or None)
        except (AppError, StoreError) as exc:  # StoreError: e.g. closed or answered meanwhile by someone else
            self.show_error(exc)
            return
        self._done(self.tr("Query closed."))

    def reopen_query(self, text: str) -> None:
        q = self.selected_query()
        if q is None:
            return
        try:
            cases.reopen_query(self.session, q.uuid, text)
        except (AppError, StoreError) as exc:  # StoreError: e.g. closed or answered meanwhile by someone else
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
        run_use_case(self.session, cases.write_return_bundle, code, out_dir, key_dir,
                     on_finished=lambda r: self._done(self.tr(
                         "Return bundle {0} for {1} written to {2}: {3} queries, {4} SDV mark(s).").format(
                         r.return_seq, r.site_code, r.path, r.queries, r.sdv_marks)),
                     on_failed=self.show_error, parent=self)

    def _ask_return(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Folder for the return bundle (the USB stick)"))
        if path:
            self.write_return(path)


