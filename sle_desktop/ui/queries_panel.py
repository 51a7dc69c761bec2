"""Data queries from the sponsor: a panel listing open queries with an answer box, and field markers.

    panel = QueriesPanel(session)              # open queries of the site (or of one subject: set_subject)
    panel.open_record.connect(...)             # (subject_uuid, visit_uuid or "", table, field)
    mark_field(widget, question)               # a visible marker on a form field, the question on hover
    clear_field_mark(widget)

Widgets never run SQL: the panel calls `app.queries`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
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

from sle_desktop.app import audit_trail, queries, ui_queries
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

MARK_PROPERTY = "queryMarked"
MARK_COLOUR = "#c2410c"
_OLD_TOOLTIP = "_queryOldToolTip"
_OLD_STYLE = "_queryOldStyleSheet"


def _repolish(widget: QWidget) -> None:
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def mark_field(widget: QWidget, query_text: str) -> None:
    """Mark a form field as having an open query: a coloured border (dynamic property `queryMarked`) and the
    question in the tooltip. Marking again replaces the question; `clear_field_mark` restores the widget."""
    if widget.property(MARK_PROPERTY) is not True:
        widget.setProperty(_OLD_TOOLTIP, widget.toolTip())
        widget.setProperty(_OLD_STYLE, widget.styleSheet())
    widget.setProperty(MARK_PROPERTY, True)
    widget.setProperty("queryText", query_text)
    widget.setToolTip(QCoreApplication.translate("QueriesPanel", "Query from the sponsor: {0}").format(query_text))
    name = widget.metaObject().className()
    base = widget.property(_OLD_STYLE) or ""
    widget.setStyleSheet(f'{base}\n{name}[{MARK_PROPERTY}="true"] {{ border: 2px solid {MARK_COLOUR}; '
                         "border-radius: 3px; }")
    _repolish(widget)


def clear_field_mark(widget: QWidget) -> None:
    """Remove the query marker and restore the widget's own tooltip and style."""
    if widget.property(MARK_PROPERTY) is not True:
        return
    widget.setProperty(MARK_PROPERTY, False)
    widget.setProperty("queryText", None)
    widget.setToolTip(widget.property(_OLD_TOOLTIP) or "")
    widget.setStyleSheet(widget.property(_OLD_STYLE) or "")
    _repolish(widget)


def is_marked(widget: QWidget) -> bool:
    return widget.property(MARK_PROPERTY) is True


_UUID_ROLE = Qt.UserRole + 1


class QueriesPanel(QWidget):
    """Open data queries (subject, visit, form, field, question, status) with an answer box.

    Signals: `open_record(subject_uuid, visit_uuid, table, field)` — visit_uuid is "" for forms without
    a visit; `answered(query_uuid)` after an answer was saved.
    """

    open_record = Signal(str, str, str, str)
    answered = Signal(str)

    COLUMNS = ("subject", "visit", "form", "field", "question", "status")

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self._subject_uuid: str | None = None
        self._queries: list[queries.QueryView] = []
        self.setObjectName("queriesPanel")
        lay = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("queriesSummary")
        lay.addWidget(self.summary)
        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrow keys move within it
        self.table.setObjectName("queriesTable")
        self.table.setHorizontalHeaderLabels([self.tr("Subject"), self.tr("Visit"), self.tr("Form"), self.tr("Field"),
                                              self.tr("Question"), self.tr("Status")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.cellDoubleClicked.connect(lambda _r, _c: self._open_selected())
        lay.addWidget(self.table, 1)

        self.question = QLabel(self)
        self.question.setObjectName("queryQuestion")
        self.question.setWordWrap(True)
        self.question.setTextInteractionFlags(Qt.TextSelectableByMouse)
        lay.addWidget(self.question)
        lay.addWidget(QLabel(self.tr("Answer (to correct the value instead, open the record and change it with a "
                                     "reason for change, then answer here):"), self))
        self.answer_edit = QPlainTextEdit(self)
        self.answer_edit.setObjectName("queryAnswer")
        self.answer_edit.setPlaceholderText(self.tr("Your answer to the sponsor"))
        self.answer_edit.setMaximumHeight(90)
        self.answer_edit.textChanged.connect(self._update_buttons)
        lay.addWidget(self.answer_edit)
        row = QHBoxLayout()
        self.open_button = QPushButton(self.tr("&Open record"), self)
        self.open_button.setObjectName("openRecordButton")
        self.open_button.clicked.connect(self._open_selected)
        self.answer_button = QPushButton(self.tr("&Answer"), self)
        self.answer_button.setObjectName("answerButton")
        self.answer_button.clicked.connect(self.submit_answer)
        row.addWidget(self.open_button)
        row.addStretch(1)
        row.addWidget(self.answer_button)
        lay.addLayout(row)
        self.message = QLabel(self)
        self.message.setObjectName("queryMessage")
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        self.refresh()
        name_inputs(self)  # accessible names/buddies from the row labels

    # -- data ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the open queries, keeping the selection when it is still open."""
        chosen = self.selected_query()
        try:
            self._queries = queries.open_queries(self.session, self._subject_uuid)
        except Exception as exc:  # noqa: BLE001 - shown to the user in plain words
            self._queries = []
            self.message.setText(plain_message(exc))
            self.message.setStyleSheet(ERROR_STYLE)
        self.table.setRowCount(len(self._queries))
        for i, q in enumerate(self._queries):
            status = self.tr("Re-opened") if q.status == "reopened" else self.tr("Open")
            question = translated(q.text)
            visit = catalog(ui_queries.visit_label(self.session, q.visit_code)) if q.visit_code else ""
            label = audit_trail.record_field_label(self.session, q.record_table, q.record_uuid, q.field)
            field = translated(label) if not isinstance(label, str) else catalog(label)
            values = (q.subject_label, visit, form_label(q.record_table), field,
                      question.replace("\n", " "), status)
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(_UUID_ROLE, q.uuid)
                if col == 4:
                    item.setToolTip(question)
                self.table.setItem(i, col, item)
        n = len(self._queries)
        if n == 0:
            self.summary.setText(self.tr("No open queries."))
        elif n == 1:
            self.summary.setText(self.tr("1 open query from the sponsor."))
        else:
            self.summary.setText(self.tr("{0} open queries from the sponsor.").format(n))
        if chosen is not None:
            self.select_query(chosen.uuid)
        self._selection_changed()

    def queries(self) -> list[queries.QueryView]:
        return list(self._queries)

    def selected_query(self) -> queries.QueryView | None:
        return selected_of(self.table, self._queries)

    def select_query(self, query_uuid: str) -> bool:
        return select_row_where(self.table, self._queries, lambda q: q.uuid == query_uuid)

    # -- actions -------------------------------------------------------------------------------
    def _selection_changed(self) -> None:
        q = self.selected_query()
        if q is None:
            self.question.setText("")
        else:
            who = q.raised_by[4:] if q.raised_by.startswith("cli:") else q.raised_by
            if q.origin == "site":
                raised = self.tr("Raised by the monitor ({0}) at the site on {1}.").format(who, fmt_date(q.raised_at))
            else:
                raised = self.tr("Raised by the sponsor ({0}) on {1}.").format(who, fmt_date(q.raised_at))
            self.question.setText(f"{translated(q.text)}\n{raised}")
        self._update_buttons()

    def _update_buttons(self) -> None:
        q = self.selected_query()
        can_answer = self.session.can("enter_data")
        self.answer_edit.setReadOnly(not can_answer)
        self.answer_button.setEnabled(q is not None and can_answer and bool(self.answer_edit.toPlainText().strip()))
        self.open_button.setEnabled(q is not None and bool(q.subject_uuid))

    def _open_selected(self) -> None:
        q = self.selected_query()
        if q is not None and q.subject_uuid:
            self.open_record.emit(q.subject_uuid, q.visit_uuid or "", q.record_table, q.field)

    def submit_answer(self) -> None:
        """Save the answer to the selected query (it then leaves the list of open queries)."""
        q = self.selected_query()
        if q is None:
            return
        try:
            saved = queries.answer_query(self.session, q.uuid, self.answer_edit.toPlainText())
        except Exception as exc:  # noqa: BLE001 - shown to the user in plain words
            self.message.setText(plain_message(exc))
            self.message.setStyleSheet(ERROR_STYLE)
            return
        text = self.tr("Answer saved; it will reach the sponsor with the next bundle.")
        if saved.correction:
            text += " " + self.tr("It refers to the correction made on {0}.").format(str(saved.correction.at)[:10])
        self.message.setText(text)
        self.message.setStyleSheet(OK_STYLE)
        self.answer_edit.clear()
        self.refresh()
        self.answered.emit(q.uuid)
