"""Audit trail viewer in the clinician's terms: subject, visit, form and field by name, local time, old → new, who,
why; filter by subject, form, user and date; export the rows shown to CSV; verify the hash chain."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
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
from sle_desktop.domain.text import Msg
from sle_desktop.ui.background import run_use_case
from sle_desktop.ui.common import (
    ERROR_STYLE,
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
from sle_desktop.ui.messages import plain_message
from sle_desktop.ui.screen_fit import fit_to_screen


def _label(text) -> str:
    """A label from the audit trail: a message (translated) or a catalogue label."""
    return translated(text) if isinstance(text, Msg) else catalog(text)


COLUMNS = ("when", "subject", "visit", "form", "field", "change", "user", "reason")


class AuditModel(QAbstractTableModel):
    """Audit entries (`audit_trail.AuditEntry`) as a read-only table of texts in the interface language."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[audit_trail.AuditEntry] = []
        self._texts: list[tuple[str, ...]] = []
        self.headers = [self.tr("When"), self.tr("Subject"), self.tr("Visit"), self.tr("Form"), self.tr("Field"),
                        self.tr("Old → new"), self.tr("Who"), self.tr("Reason")]

    def set_rows(self, rows: list[audit_trail.AuditEntry]) -> None:
        self.beginResetModel()
        self.rows = rows
        self._texts = [self._row_texts(r) for r in rows]
        self.endResetModel()

    # -- texts ---------------------------------------------------------------------------------
    def value_text(self, v: audit_trail.AuditValue) -> str:
        """One recorded value as a clinician reads it."""
        if v.kind == "none":
            return "—"
        if v.kind == "bool":
            return self.tr("yes") if v.value else self.tr("no")
        if v.kind == "number":
            return fmt_number(v.value)
        if v.kind == "date":
            return fmt_date(v.value)
        if v.kind == "datetime":
            return v.value.astimezone().strftime("%d.%m.%Y %H:%M")
        if v.kind == "label":
            return catalog(v.value)
        if v.kind == "labels":
            return ", ".join(catalog(x) for x in v.value) or "—"
        if v.kind == "hidden":
            return self.tr("(encrypted)")
        if v.kind == "key":
            return self.tr("(key)")
        return str(v.value)

    def _row_texts(self, r: audit_trail.AuditEntry) -> tuple[str, ...]:
        when = r.at.astimezone().strftime("%d.%m.%Y %H:%M:%S")
        field = _label(r.field_label)
        if r.record and r.form in ("labs", "adverse_events", "con_meds"):
            record = catalog(r.record) if r.form == "labs" else r.record
            field = record if r.action == "created" else self.tr("{0}: {1}").format(record, field)
        if r.action == "created":
            field = field if r.record and r.form in ("labs", "adverse_events", "con_meds") else self.tr("new record")
            change = self.tr("created: {0}").format("; ".join(
                f"{_label(fv.label)} {self.value_text(fv.value)}" for fv in r.values))
        elif r.action == "deleted":
            change = self.tr("deleted")
        else:
            change = f"{self.value_text(r.old)} → {self.value_text(r.new)}"
        if r.user.startswith("cli:"):
            who = self.tr("command line ({0})").format(r.user[4:])
        else:
            who = f"{r.user_name} ({r.user})" if r.user_name else r.user
        return (when, r.subject or "", catalog(r.visit) if r.visit else "", catalog(r.form_label), field, change,
                who, translated(r.reason_text))

    def text(self, row: int, col: int) -> str:
        return self._texts[row][col]

    def shown_rows(self) -> list[list[str]]:
        return [list(t) for t in self._texts]

    # -- model -----------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.DisplayRole:
            return self._texts[index.row()][index.column()]
        if role == Qt.ToolTipRole:  # the whole text of a cell the column cuts short
            return self._texts[index.row()][index.column()] or None
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
        note = QLabel(self.tr("Every change to study data: who, when (local time), old and new value, and the reason. "
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
        self.form = QComboBox(self)
        self.form.setObjectName("auditForm")
        self.form.addItem(self.tr("All forms"), None)
        for code, label in audit_trail.audit_forms(session):
            self.form.addItem(catalog(label), code)
        self.user = QComboBox(self)
        self.user.setObjectName("auditUser")
        self.user.addItem(self.tr("All users"), None)
        for name in ui_queries.audit_user_names(session):
            self.user.addItem(self.tr("command line ({0})").format(name[4:]) if name.startswith("cli:") else name, name)
        self.date_from = DateField(self)
        self.date_from.setObjectName("auditFrom")
        self.date_to = DateField(self)
        self.date_to.setObjectName("auditTo")
        self.from_error, self.to_error = error_label(self), error_label(self)
        self.apply_button = QPushButton(self.tr("&Apply filter"), self)
        self.apply_button.setObjectName("applyFilter")
        self.apply_button.clicked.connect(self.refresh)
        self.export_button = QPushButton(self.tr("E&xport shown rows (CSV)…"), self)
        self.export_button.setObjectName("exportCsv")
        self.export_button.clicked.connect(self._choose_csv)
        filters.addWidget(QLabel(self.tr("Subject:"), self), 0, 0)
        filters.addWidget(self.subject, 0, 1)
        filters.addWidget(QLabel(self.tr("Form:"), self), 0, 2)
        filters.addWidget(self.form, 0, 3)
        filters.addWidget(QLabel(self.tr("User:"), self), 0, 4)
        filters.addWidget(self.user, 0, 5)
        filters.addWidget(QLabel(self.tr("From:"), self), 1, 0)
        filters.addWidget(with_error(self.date_from, self.from_error), 1, 1)
        filters.addWidget(QLabel(self.tr("To:"), self), 1, 2)
        filters.addWidget(with_error(self.date_to, self.to_error), 1, 3)
        filters.addWidget(self.apply_button, 1, 4)
        filters.addWidget(self.export_button, 1, 5)
        for c in (1, 3, 5):
            filters.setColumnStretch(c, 1)
        lay.addLayout(filters)

        self.model = AuditModel(self)
        self.table = QTableView(self)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrow keys move within it
        self.table.setObjectName("auditTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.ElideRight)  # a long value ends in "…"; the tooltip has all of it
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setSectionResizeMode(COLUMNS.index("change"), QHeaderView.Stretch)
        header.setStretchLastSection(False)
        lay.addWidget(self.table, 1)
        self.count = QLabel(self)
        self.count.setObjectName("auditCount")
        self.count.setWordWrap(True)
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
        fit_to_screen(self, 1340, 700)
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
                                             user=self.user.currentData(), form=self.form.currentData(),
                                             date_from=dates[0], date_to=dates[1])
        except (AppError, StoreError) as exc:
            self.banner.show_message(plain_message(exc))
            return
        self.model.set_rows(rows)
        self._size_columns()
        shown = self.tr("{0} entries, newest first").format(len(rows))
        if len(rows) >= 5000:
            shown += self.tr(" (the newest 5000; narrow the filter to see older ones)")
        self.count.setText(shown)
        self.export_button.setEnabled(bool(rows))

    def _size_columns(self) -> None:
        """Every column on screen: short columns as wide as their texts (capped), the change takes the rest."""
        fm = self.table.fontMetrics()
        caps = {"when": 150, "subject": 95, "visit": 110, "form": 150, "field": 190, "user": 170, "reason": 190}
        sample = self.model.shown_rows()[:300]
        for col, name in enumerate(COLUMNS):
            if name == "change":
                continue
            header = fm.horizontalAdvance(self.model.headers[col]) + 24
            longest = max((fm.horizontalAdvance(r[col]) for r in sample), default=0) + 16
            self.table.setColumnWidth(col, min(max(header, longest), caps[name]))

    def _choose_csv(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export the shown audit rows"),
                                              f"audit-trail-{datetime.now():%Y%m%d-%H%M}.csv",
                                              self.tr("CSV files (*.csv)"))
        if name:
            self.export_csv(name)

    def export_csv(self, path) -> bool:
        """Write the rows shown (with the filter applied, in the interface language) to `path` as CSV."""
        try:
            written = audit_trail.write_csv(path, self.model.headers, self.model.shown_rows())
        except (AppError, StoreError) as exc:
            self.banner.show_message(plain_message(exc))
            return False
        self.banner.show_message(self.tr("{0} rows written to {1}.").format(self.model.rowCount(), written), "ok")
        return True

    def verify(self) -> None:
        """Walk the whole chain off the GUI thread and show the result."""
        self.verify_button.setEnabled(False)
        self.progress.setVisible(True)
        self.verify_result.setText(self.tr("Verifying the audit trail…"))
        self.verify_result.setStyleSheet("")
        run_use_case(self.session, audit_trail.verify, parent=self, on_finished=self._verified, on_failed=self._verify_failed)

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

    def _verify_failed(self, exc, _tb=None) -> None:
        self.progress.setVisible(False)
        self.verify_button.setEnabled(True)
        self.verify_result.setText(plain_message(exc))
        self.verify_result.setStyleSheet(ERROR_STYLE)
