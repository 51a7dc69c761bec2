"""The monitor's queue at the site: records not yet source-data-verified, or changed since they were verified;
mark a record (or one field) verified, or raise a query on a field. The monitor changes no clinical data here.

Widgets never run SQL: the panel calls `app.sdv` and `app.queries`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sle_desktop.app import audit_trail, queries, sdv, ui_queries
from sle_desktop.app.errors import AppError, StoreError
from sle_desktop.ui.common import (
    ERROR_STYLE,
    OK_STYLE,
    catalog,
    fmt_date,
    form_label,
    name_inputs,
    select_row_where,
    selected_of,
    translated,
)
from sle_desktop.ui.messages import plain_message

_CHANGED = QBrush(QColor("#8a5300"))


class MonitoringPanel(QWidget):
    """Signals: `verified(record_uuid)` after a mark, `query_raised(query_uuid)` after a query."""

    verified = Signal(str)
    query_raised = Signal(str)

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setObjectName("monitoringPanel")
        self._items: list[sdv.QueueItem] = []
        lay = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("monitoringSummary")
        lay.addWidget(self.summary)
        self.table = QTableWidget(0, 6, self)
        self.table.setObjectName("monitoringTable")
        self.table.setTabKeyNavigation(False)
        self.table.setHorizontalHeaderLabels([self.tr("Subject"), self.tr("Visit"), self.tr("Form"), self.tr("Record"),
                                              self.tr("State"), self.tr("Last verified")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        lay.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Field:"), self))
        self.field = QComboBox(self)
        self.field.setObjectName("monitoringField")
        self.field.setMinimumContentsLength(24)
        row.addWidget(self.field, 1)
        self.verify_button = QPushButton(self.tr("Mark source-data-&verified"), self)
        self.verify_button.setObjectName("verifyButton")
        self.verify_button.clicked.connect(self.mark_verified)
        row.addWidget(self.verify_button)
        lay.addLayout(row)
        self.question = QPlainTextEdit(self)
        self.question.setObjectName("monitorQuestion")
        self.question.setPlaceholderText(self.tr("Question for the site about the chosen field"))
        self.question.setMaximumHeight(70)
        self.question.setTabChangesFocus(True)
        lay.addWidget(self.question)
        row = QHBoxLayout()
        row.addStretch(1)
        self.query_button = QPushButton(self.tr("&Raise query"), self)
        self.query_button.setObjectName("raiseQueryButton")
        self.query_button.clicked.connect(self.raise_query)
        row.addWidget(self.query_button)
        lay.addLayout(row)
        self.message = QLabel(self)
        self.message.setObjectName("monitoringMessage")
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        can = session.can("verify")
        self.verify_button.setVisible(can)
        self.query_button.setVisible(session.can("raise_query"))
        self.question.setVisible(session.can("raise_query"))
        self.refresh()
        name_inputs(self)

    def refresh(self) -> None:
        """Re-read the queue (changed-since-verified first)."""
        chosen = self.selected_item()
        try:
            self._items = sdv.monitoring_queue(self.session)
        except (AppError, StoreError) as exc:
            self._items = []
            self._say(plain_message(exc), error=True)
        self.table.setRowCount(len(self._items))
        for i, it in enumerate(self._items):
            state = self.tr("changed since verified") if it.state == "changed" else self.tr("not verified")
            last = self.tr("{0}, {1}").format(it.verified_by, fmt_date(it.verified_at)) if it.verified_by else ""
            visit = catalog(ui_queries.visit_label(self.session, it.visit_code)) if it.visit_code else ""
            detail = catalog(it.detail) if it.record_table in ("labs",) else it.detail
            for col, text in enumerate((it.subject_label, visit, form_label(it.record_table), detail, state,
                                        last)):
                item = QTableWidgetItem(text)
                item.setData(Qt.UserRole, it.record_uuid)
                if it.state == "changed":
                    item.setForeground(_CHANGED)
                self.table.setItem(i, col, item)
        changed = sum(1 for it in self._items if it.state == "changed")
        self.summary.setText(self.tr("{0} record(s) to verify, {1} of them changed since they were verified.").format(
            len(self._items), changed))
        if chosen is not None:
            self.select_record(chosen.record_uuid)
        self._selection_changed()

    def items(self) -> list[sdv.QueueItem]:
        return list(self._items)

    def selected_item(self) -> sdv.QueueItem | None:
        return selected_of(self.table, self._items)

    def select_record(self, record_uuid: str) -> bool:
        return select_row_where(self.table, self._items, lambda it: it.record_uuid == record_uuid)

    def _selection_changed(self) -> None:
        it = self.selected_item()
        self.field.clear()
        self.field.addItem(self.tr("The whole record"), "")
        if it is not None:
            marks = sdv.field_verifications(self.session, it.record_table, it.record_uuid)
            for f in sdv.record_fields(self.session, it.record_table, it.record_uuid):
                label = audit_trail.record_field_label(self.session, it.record_table, it.record_uuid, f)
                text = translated(label) if not isinstance(label, str) else catalog(label)
                mark = marks.get(f)  # a field verified here or at the sponsor shows alike
                if mark is not None and mark.valid:
                    text = self.tr("{0} – verified by {1}").format(text, mark.monitor)
                elif mark is not None:
                    text = self.tr("{0} – changed since verified").format(text)
                self.field.addItem(text, f)
        self.verify_button.setEnabled(it is not None)
        self.query_button.setEnabled(it is not None)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else OK_STYLE)

    def mark_verified(self) -> None:
        it = self.selected_item()
        if it is None:
            return
        try:
            sdv.mark_verified(self.session, it.record_table, it.record_uuid, self.field.currentData() or None)
        except (AppError, StoreError) as exc:
            self._say(plain_message(exc), error=True)
            return
        self._say(self.tr("Marked source-data-verified; the mark reaches the sponsor with the next bundle."))
        self.refresh()
        self.verified.emit(it.record_uuid)

    def raise_query(self) -> None:
        it = self.selected_item()
        if it is None:
            return
        field = self.field.currentData()
        if not field:
            self._say(self.tr("Choose the field the query is about."), error=True)
            return
        try:
            q = queries.raise_query(self.session, it.record_table, it.record_uuid, field, self.question.toPlainText())
        except (AppError, StoreError) as exc:
            self._say(plain_message(exc), error=True)
            return
        self.question.clear()
        self._say(self.tr("Query raised; the site answers it here, and it reaches the sponsor with the next bundle."))
        self.query_raised.emit(q.uuid)
