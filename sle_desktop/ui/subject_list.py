"""The subject list of the main window: search, status/arm/overdue filters, the sortable table, the count."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sle_desktop.app import subjects
from sle_desktop.ui.common import catalog
from sle_desktop.ui.subject_model import COLUMNS, SubjectFilterProxy, SubjectTableModel


class SubjectListPanel(QWidget):
    """The list page. `open_requested(uuid)` on double-click/Enter; `selection_changed` when the selection or
    the filtered rows change."""

    open_requested = Signal(str)
    selection_changed = Signal()

    def __init__(self, visit_labels: list[str], parent=None):
        super().__init__(parent)
        v = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText(self.tr("Search subject ID, screening number or initials"))
        self.search.setClearButtonEnabled(True)
        self.status_filter = QComboBox(self)
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.addItem(self.tr("All statuses"), None)
        for code, label in subjects.STATUS_LABELS.items():
            self.status_filter.addItem(catalog(label), code)
        self.arm_filter = QComboBox(self)
        self.arm_filter.setObjectName("armFilter")
        self.arm_filter.addItem(self.tr("Both arms"), None)
        for code in subjects.ARMS:
            self.arm_filter.addItem(catalog(subjects.ARM_LABELS[code]), code)
        self.overdue_filter = QCheckBox(self.tr("Overdue SAE only"), self)
        self.overdue_filter.setObjectName("overdueFilter")
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        bar.addWidget(self.search, 3)
        bar.addWidget(self.status_filter, 1)
        bar.addWidget(self.arm_filter, 1)
        bar.addWidget(self.overdue_filter)
        bar.addWidget(self.count_label)
        v.addLayout(bar)

        self.model = SubjectTableModel(self)
        self.proxy = SubjectFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrow keys move within it
        self.table.setObjectName("subjectTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(False)
        self._size_columns(visit_labels)
        # the next visit (the longest text) takes what is left, so the columns fit with a vertical scroll bar
        header.setSectionResizeMode(COLUMNS.index("next_visit"), QHeaderView.Stretch)
        self.table.doubleClicked.connect(lambda index: self._open(index.row()))
        self.table.activated.connect(lambda index: self._open(index.row()))
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self.selection_changed.emit())
        v.addWidget(self.table, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)
        self._search_timer.timeout.connect(lambda: self.apply_filter(search=self.search.text()))
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self._search_entered)
        self.status_filter.currentIndexChanged.connect(
            lambda _i: self.apply_filter(status=self.status_filter.currentData()))
        self.arm_filter.currentIndexChanged.connect(lambda _i: self.apply_filter(arm=self.arm_filter.currentData()))
        self.overdue_filter.toggled.connect(lambda on: self.apply_filter(overdue=on))

    def _size_columns(self, visit_labels: list[str]) -> None:
        fm = self.table.fontMetrics()
        # widths from the texts in the interface language (Russian is ~30 % longer): the header (+ sort arrow)
        # and the longest value a column can show
        model_tr = lambda text: QCoreApplication.translate("SubjectTableModel", text)  # noqa: E731
        samples = {"subject": ["BY01-S00000__"], "initials": ["WW__"],
                   "arm": [model_tr("MSC"), model_tr("Standard")],
                   "status": [catalog(v) for v in subjects.STATUS_LABELS.values()],
                   "last_sledai": ["000", "000 · " + model_tr("{0} (partial)").format(model_tr("mild/moderate"))],
                   "next_visit": [catalog(label) + " – 00.00.0000" for label in visit_labels],
                   "visit_status": [model_tr(t) for t in ("window missed", "not yet open", "window open")],
                   # the usual closing state; a longer one is elided, its tooltip says it all
                   "casebook": [model_tr("locked") + ", " + model_tr("signed"), model_tr("sign-off invalidated"),
                                model_tr("{0} visit(s) locked").format(9)]}
        for i, c in enumerate(COLUMNS):
            if c in samples:
                header_text = str(self.model.headerData(i, Qt.Horizontal, Qt.DisplayRole) or "")
                width = max([fm.horizontalAdvance(t + "__") for t in samples[c]] +
                            [fm.horizontalAdvance(header_text) + 28])
                self.table.setColumnWidth(i, width + 12)

    def _open(self, row: int) -> None:
        uuid_ = self.proxy.uuid_at(row)
        if uuid_:
            self.open_requested.emit(uuid_)

    def set_rows(self, rows) -> None:
        """Show `rows` (from `subjects.list_subjects`), keeping the filters."""
        self.model.set_rows(rows)
        self.update_count()

    def set_casebook_states(self, states: dict) -> None:
        """Show which casebooks are locked and signed off (`locks.casebook_states`)."""
        self.model.set_casebook_states(states)

    def _search_entered(self) -> None:
        """Enter in the search box: filter now and go to the first match, selected (so Ctrl+R, Ctrl+E act on it)."""
        self._search_timer.stop()
        self.apply_filter(search=self.search.text())
        if self.proxy.rowCount():
            if not self.table.selectionModel().selectedRows():
                self.table.selectRow(0)
            self.table.setFocus(Qt.ShortcutFocusReason)

    def apply_filter(self, *, search=None, status=..., arm=..., overdue=None) -> None:
        if search is not None:
            self.proxy.set_search(search)
            if self.proxy.rowCount() == 1:  # a search that found one subject selects it
                self.table.selectRow(0)
        if status is not ...:
            self.proxy.set_status(status)
        if arm is not ...:
            self.proxy.set_arm(arm)
        if overdue is not None:
            self.proxy.set_overdue_only(overdue)
        self.update_count()
        self.selection_changed.emit()

    def update_count(self) -> None:
        self.count_label.setText(self.tr("{0} of {1} subjects").format(self.proxy.rowCount(), self.model.rowCount()))

    def selected_uuid(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.proxy.uuid_at(rows[0].row()) if rows else None

    def select_subject(self, uuid_: str) -> bool:
        for r in range(self.proxy.rowCount()):
            if self.proxy.uuid_at(r) == uuid_:
                self.table.selectRow(r)
                self.table.scrollTo(self.proxy.index(r, 0))
                return True
        return False

    def summary_of(self, uuid_: str):
        """The listed row of a subject (a `subjects.SubjectSummary`), or None when it is not in the list."""
        row = self.model.row_of(uuid_)
        return self.model.row_at(row) if row >= 0 else None
