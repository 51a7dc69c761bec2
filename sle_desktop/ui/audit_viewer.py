"""Audit trail viewer: filter by subject, user and date; old → new with the reason; verify the hash chain."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sle_desktop.app import audit_trail, ui_queries
from sle_desktop.app.errors import AppError, StoreError
from sle_desktop.domain import sledai
from sle_desktop.ui.background import run_use_case
from sle_desktop.ui.common import BadInput, Banner, DateField, error_label, heading, name_inputs, translated, with_error
from sle_desktop.ui.messages import plain_message, report

_HIDDEN_ON_CREATE = ("subject_uuid", "visit_uuid", "infusion_uuid", "record_uuid")


def _value_text(value, *, brief: bool = False) -> str:
    """An audit value as text; `brief` drops empty fields and link columns (they stay in the tooltip)."""
    if value is None:
        return "—"
    if isinstance(value, dict):
        items = value.items()
        if brief:
            items = [(k, v) for k, v in items if v not in (None, "", "[]", "{}") and k not in _HIDDEN_ON_CREATE
                     and not (k in sledai.BY_CODE and v == 0)]  # absent SLEDAI descriptors
        return ", ".join(f"{k}={_value_text(v)}" for k, v in items)
    if isinstance(value, list):
        return "[" + ", ".join(_value_text(v) for v in value) + "]"
    return str(value)


def _when(at_local: str) -> str:
    try:
        return datetime.fromisoformat(at_local).strftime("%d.%m.%Y %H:%M:%S")
    except ValueError:
        return at_local


class AuditModel(QAbstractTableModel):
    """Audit rows (`audit_trail.AuditEntry`) as a read-only table."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[audit_trail.AuditEntry] = []
        self.headers = [self.tr("#"), self.tr("When (local)"), self.tr("User"), self.tr("Record"), self.tr("Field"),
                        self.tr("Old → new"), self.tr("Reason")]

    def set_rows(self, rows: list[audit_trail.AuditEntry]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self.headers[section]
        return None

    def text(self, row: int, col: int) -> str:
        r = self.rows[row]
        if col == 0:
            return str(r.seq)
        if col == 1:
            return _when(r.at_local)
        if col == 2:
            return r.user
        if col == 3:
            return f"{r.table} {r.row_id[:8]}"
        if col == 4:
            return self.tr("(created)") if r.field == "*" and r.old is None else r.field
        if col == 5:
            if r.old is None and r.field == "*":
                return _value_text(r.new, brief=True)
            return f"{_value_text(r.old)} → {_value_text(r.new)}"
        return r.reason or ""

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.DisplayRole:
            text = self.text(index.row(), index.column())
            return text if len(text) <= 160 else text[:157] + "…"
        if role == Qt.ToolTipRole:
            r = self.rows[index.row()]
            full = _value_text(r.new) if r.old is None and r.field == "*" else self.text(index.row(), 5)
            return f"{r.table} {r.row_id}\n{full}"
        return None


class AuditViewer(QWidget):
    """A window over the audit trail (read-only for everyone)."""

    def __init__(self, session, parent=None, *, subject_uuid: str | None = None):
        super().__init__(parent)
        self.setWindowFlag(Qt.Window)
        self.setObjectName("auditViewer")
        self.session = session
        self.setWindowTitle(self.tr("Audit trail"))
        lay = QVBoxLayout(self)
        lay.addWidget(heading(self.tr("Audit trail"), self))
        note = QLabel(self.tr("Every change to study data: who, when, old and new value, and the reason. "
                              "The trail cannot be edited; Verify chain checks that nothing was altered."), self)
        note.setWordWrap(True)
        lay.addWidget(note)
        filters = QGridLayout()
        self.subject = QComboBox(self)
        self.subject.setObjectName("auditSubject")
        self.subject.addItem(self.tr("All subjects"), None)
        for uuid_, label in ui_queries.subject_labels(session):
            self.subject.addItem(label, uuid_)
        if subject_uuid:
            self.subject.setCurrentIndex(max(self.subject.findData(subject_uuid), 0))
        self.user = QComboBox(self)
        self.user.setObjectName("auditUser")
        self.user.addItem(self.tr("All users"), None)
        for name in ui_queries.audit_user_names(session):
            self.user.addItem(name, name)
        self.date_from = DateField(self)
        self.date_from.setObjectName("auditFrom")
        self.date_to = DateField(self)
        self.date_to.setObjectName("auditTo")
        self.from_error, self.to_error = error_label(self), error_label(self)
        self.apply_button = QPushButton(self.tr("&Apply filter"), self)
        self.apply_button.setObjectName("applyFilter")
        self.apply_button.clicked.connect(self.refresh)
        filters.addWidget(QLabel(self.tr("Subject:"), self), 0, 0)
        filters.addWidget(self.subject, 0, 1)
        filters.addWidget(QLabel(self.tr("User:"), self), 0, 2)
        filters.addWidget(self.user, 0, 3)
        filters.addWidget(QLabel(self.tr("From (UTC date):"), self), 1, 0)
        filters.addWidget(with_error(self.date_from, self.from_error), 1, 1)
        filters.addWidget(QLabel(self.tr("To:"), self), 1, 2)
        filters.addWidget(with_error(self.date_to, self.to_error), 1, 3)
        filters.addWidget(self.apply_button, 1, 4)
        filters.setColumnStretch(1, 1)
        filters.setColumnStretch(3, 1)
        lay.addLayout(filters)

        self.model = AuditModel(self)
        self.table = QTableView(self)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrow keys move within it
        self.table.setObjectName("auditTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(True)
        lay.addWidget(self.table, 1)
        self.count = QLabel(self)
        self.count.setObjectName("auditCount")
        lay.addWidget(self.count)

        self.banner = Banner(self)
        self.banner.setObjectName("auditBanner")
        bottom = QHBoxLayout()
        self.verify_button = QPushButton(self.tr("&Verify chain"), self)
        self.verify_button.setObjectName("verifyChain")
        self.verify_button.clicked.connect(self.verify)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setVisible(False)
        self.progress.setMaximumWidth(200)
        self.verify_result = QLabel(self)
        self.verify_result.setObjectName("verifyResult")
        self.verify_result.setWordWrap(True)
        bottom.addWidget(self.verify_button)
        bottom.addWidget(self.progress)
        bottom.addWidget(self.verify_result, 1)
        lay.addLayout(bottom)
        lay.addWidget(self.banner)
        self.last_check = None
        self.resize(1200, 680)
        self.refresh()
        name_inputs(self)  # accessible names/buddies from the row labels

    def refresh(self) -> None:
        """Re-read the audit rows with the current filters."""
        self.banner.clear()
        self.from_error.setVisible(False)
        self.to_error.setVisible(False)
        dates = []
        for w, err in ((self.date_from, self.from_error), (self.date_to, self.to_error)):
            try:
                dates.append(w.date())
            except BadInput as exc:
                err.setText(str(exc))
                err.setVisible(True)
                return
        try:
            rows = audit_trail.audit_entries(self.session, subject_uuid=self.subject.currentData(),
                                             user=self.user.currentData(), date_from=dates[0], date_to=dates[1])
        except (AppError, StoreError) as exc:
            report(exc, banner=self.banner)
            return
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        for col, cap in ((5, 560), (3, 230)):
            if self.table.columnWidth(col) > cap:
                self.table.setColumnWidth(col, cap)
        shown = self.tr("{0} entries, newest first").format(len(rows))
        if len(rows) >= 5000:
            shown += self.tr(" (the newest 5000; narrow the filter to see older ones)")
        self.count.setText(shown)

    def verify(self) -> None:
        """Walk the whole chain off the GUI thread and show the result."""
        self.verify_button.setEnabled(False)
        self.progress.setVisible(True)
        self.verify_result.setText(self.tr("Verifying the audit trail…"))
        self.verify_result.setStyleSheet("")
        run_use_case(self.session, audit_trail.verify, on_finished=self._verified, on_failed=self._verify_failed)

    def _verified(self, check) -> None:
        self.last_check = check
        self.progress.setVisible(False)
        self.verify_button.setEnabled(True)
        if check.ok:
            self.verify_result.setText(self.tr("✔ {0}").format(translated(check.message)))
            self.verify_result.setStyleSheet("color: #1b5e20; font-weight: bold;")
        else:
            self.verify_result.setText(self.tr("✘ {0}").format(translated(check.message)))
            self.verify_result.setStyleSheet("color: #b00020; font-weight: bold;")

    def _verify_failed(self, exc) -> None:
        self.progress.setVisible(False)
        self.verify_button.setEnabled(True)
        self.verify_result.setText(plain_message(exc))
        self.verify_result.setStyleSheet("color: #b00020;")
