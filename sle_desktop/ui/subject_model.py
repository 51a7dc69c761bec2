"""The subject list: a QAbstractTableModel over `subjects.list_subjects` rows and a filtering proxy.

Sorting is done by the source model on plain Python keys (fast at 10 000 rows); the proxy
only filters (search text, status, arm, overdue SAE).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from sle_desktop.app import subjects as subjects_uc
from sle_desktop.ui.common import catalog, fmt_date

COLUMNS = ("subject", "initials", "arm", "status", "last_sledai", "next_visit", "visit_status", "sae", "casebook")
UUID_ROLE = Qt.UserRole
SUMMARY_ROLE = Qt.UserRole + 1
_DISPLAY, _FOREGROUND, _BACKGROUND = int(Qt.DisplayRole), int(Qt.ForegroundRole), int(Qt.BackgroundRole)
_FONT, _TOOLTIP, _ALIGN = int(Qt.FontRole), int(Qt.ToolTipRole), int(Qt.TextAlignmentRole)
_UUID, _SUMMARY = int(UUID_ROLE), int(SUMMARY_ROLE)
_ROLES = frozenset((_DISPLAY, _FOREGROUND, _BACKGROUND, _FONT, _TOOLTIP, _ALIGN, _UUID, _SUMMARY))
_RIGHT = int(Qt.AlignRight | Qt.AlignVCenter)
_RED_BRUSH = QBrush(QColor("#b00020"))
_GREY_BRUSH = QBrush(QColor("#666666"))
_SAE_BRUSH = QBrush(QColor("#fde0e0"))
_VISIT_BRUSH = {"missed": _RED_BRUSH, "overdue": QBrush(QColor("#8a5300"))}
_FLARE_BRUSH = {"severe": _RED_BRUSH, "mild_moderate": QBrush(QColor("#8a5300"))}
_BOLD = QFont()
_BOLD.setBold(True)


class SubjectTableModel(QAbstractTableModel):
    """Rows are `SubjectSummary` objects; `rows` is in display (sorted) order."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list = []
        self._search: list[str] = []
        self.headers = {
            "subject": self.tr("Subject"), "initials": self.tr("Initials"), "arm": self.tr("Arm"),
            "status": self.tr("Status"), "last_sledai": self.tr("Last SLEDAI"), "next_visit": self.tr("Next visit due"),
            "visit_status": self.tr("Window"), "sae": self.tr("SAE"), "casebook": self.tr("Casebook"),
        }
        self.casebook: dict = {}  # subject uuid -> locks.CasebookState (set_casebook_states)
        self.casebook_words = {"locked": self.tr("locked"), "visits": self.tr("{0} visit(s) locked"),
                               "valid": self.tr("signed"), "invalidated": self.tr("sign-off invalidated"),
                               "invalid": self.tr("sign-off invalid")}
        self.visit_status_labels = {
            "not_yet_open": self.tr("not yet open"), "open": self.tr("window open"),
            "overdue": self.tr("overdue"), "missed": self.tr("window missed"),
        }
        self.arm_labels = {"msc": self.tr("MSC"), "standard": self.tr("Standard")}
        self.flare_labels = {"none": self.tr("none"), "mild_moderate": self.tr("mild/moderate"),
                             "severe": self.tr("severe")}
        self._partial = self.tr("{0} (partial)")
        self.status_labels = {k: catalog(v) for k, v in subjects_uc.STATUS_LABELS.items()}
        self._visit_labels: dict[str, str] = {}
        self._sae_text = self.tr("⚠ overdue")
        self._no_baseline = self.tr("Baseline (day 0) – not recorded yet")
        self._all_done = self.tr("all scheduled visits done")
        self.sort_column, self.sort_order = 0, Qt.AscendingOrder
        self._sorted = False
        self.version = 0  # bumped whenever row order or content changes (the proxy caches its mask by it)

    # -- data in ---------------------------------------------------------------------
    def set_rows(self, rows: list) -> None:
        """Replace every row (keeps the current sort order)."""
        self.beginResetModel()
        self.rows = list(rows)
        self._index_search()  # once per load: the sort carries each row's search text along
        self._sorted_cache = {}
        self._sort_rows(self.sort_column, self.sort_order)
        self.endResetModel()

    def set_casebook_states(self, states: dict) -> None:
        """Lock and sign-off state per subject uuid (`locks.casebook_states`)."""
        self.casebook = dict(states)
        if self.rows:
            col = COLUMNS.index("casebook")
            self.dataChanged.emit(self.index(0, col), self.index(len(self.rows) - 1, col))

    def _index_search(self) -> None:
        self._search = [f"{r.subject_id or ''}\t{r.screening_number}\t{r.initials}".lower() for r in self.rows]

    def row_at(self, row: int):
        return self.rows[row]

    def row_of(self, uuid_: str) -> int:
        return next((i for i, r in enumerate(self.rows) if r.uuid == uuid_), -1)

    # -- Qt model ------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self.headers[COLUMNS[section]]
        return None

    def text(self, r, column: str) -> str:
        if column == "subject":
            return r.subject_id or r.screening_number
        if column == "initials":
            return r.initials
        if column == "arm":
            return self.arm_labels.get(r.arm, "") if r.arm else ""
        if column == "status":
            return self.status_labels.get(r.status, r.status)
        if column == "last_sledai":
            if r.last_sledai is None:
                return ""
            if r.last_flare in (None, "none"):
                return str(r.last_sledai)
            return f"{r.last_sledai} · {self.flare_text(r)}"  # the score first: it is what the column sorts by
        if column == "next_visit":
            if not r.next_visit:
                if r.status != "enrolled":
                    return ""
                return self._no_baseline if not r.baseline_date else self._all_done
            label = self._visit_labels.get(r.next_visit_label)
            if label is None:
                label = self._visit_labels[r.next_visit_label] = catalog(r.next_visit_label or r.next_visit)
            return f"{label} – {fmt_date(r.next_visit_due)}"
        if column == "visit_status":
            return self.visit_status_labels.get(r.next_visit_status, r.next_visit_status or "")
        if column == "sae":
            return self._sae_text if r.overdue_sae else ""
        if column == "casebook":
            state = self.casebook.get(r.uuid)
            if state is None:
                return ""
            words = []
            if state.casebook_locked:
                words.append(self.casebook_words["locked"])
            elif state.locked_visits:
                words.append(self.casebook_words["visits"].format(state.locked_visits))
            if state.sign_off:
                words.append(self.casebook_words.get(state.sign_off, state.sign_off))
            return ", ".join(words)
        return ""

    def flare_text(self, r) -> str:
        """The last assessment's flare: SELENA Flare Index, or its SLEDAI/PGA parts marked partial (shown after
        the score when there is one)."""
        text = self.flare_labels.get(r.last_flare, r.last_flare or "")
        return text if r.last_flare_complete else self._partial.format(text)

    def data(self, index, role=Qt.DisplayRole):
        # Roles compared as plain ints: comparing with enum members costs microseconds per call.
        role = int(role) if not isinstance(role, int) else role
        if role not in _ROLES or not index.isValid():
            return None
        r = self.rows[index.row()]
        column = COLUMNS[index.column()]
        if role == _DISPLAY:
            return self.text(r, column)
        if role == _UUID:
            return r.uuid
        if role == _SUMMARY:
            return r
        if role == _FOREGROUND:
            if column == "sae" and r.overdue_sae:
                return _RED_BRUSH
            if column == "visit_status":
                return _VISIT_BRUSH.get(r.next_visit_status)
            if column == "last_sledai":
                return _FLARE_BRUSH.get(r.last_flare)
            if column == "status" and r.status == "screen_failed":
                return _GREY_BRUSH
            return None
        if role == _BACKGROUND:
            return _SAE_BRUSH if r.overdue_sae and column in ("subject", "sae") else None
        if role == _FONT:
            return _BOLD if column == "sae" and r.overdue_sae else None
        if role == _TOOLTIP:
            if column == "sae" and r.overdue_sae:
                return self.tr("A serious adverse event has not reached the sponsor within 24 hours: "
                               "export a sync bundle now.")
            if column == "status" and r.failed_criteria:
                return self.tr("Failed criteria: {0}").format(", ".join(r.failed_criteria))
            if column == "casebook" and r.uuid in self.casebook:
                return self.tr("Casebook: {0}").format(self.text(r, "casebook"))
            if column == "last_sledai" and r.last_sledai_date:
                tip = self.tr("Assessed on {0}").format(fmt_date(r.last_sledai_date))
                if r.last_flare is not None:
                    tip += "\n" + (self.tr("SELENA Flare Index of the last assessment") if r.last_flare_complete else
                                   self.tr("SELENA flare (SLEDAI/PGA parts): recorded before the SELENA Flare Index, "
                                           "partial"))
                return tip
            return None
        if role == _ALIGN and column == "last_sledai":
            return _RIGHT
        return None

    # -- sorting (in Python: one key per row, not one Qt call per comparison) ----------------
    def _key(self, column: str):
        status_order = {s: i for i, s in enumerate(("enrolled", "screened", "completed", "withdrawn", "screen_failed"))}
        visit_order = {"missed": 0, "overdue": 1, "open": 2, "not_yet_open": 3}
        return {
            "subject": lambda r: (r.subject_id is None, r.subject_id or r.screening_number),
            "initials": lambda r: r.initials or None,
            "arm": lambda r: r.arm,
            "status": lambda r: status_order.get(r.status, 9),
            "last_sledai": lambda r: r.last_sledai,
            "next_visit": lambda r: r.next_visit_due,
            "visit_status": lambda r: visit_order.get(r.next_visit_status),
            "sae": lambda r: 0 if r.overdue_sae else None,
            "casebook": lambda r: self.text(r, "casebook") or None,
        }[column]

    def _sort_rows(self, column: int, order) -> None:
        # Rows change only in set_rows, so each (column, order) is sorted once per load and then reused.
        cache = self.__dict__.setdefault("_sorted_cache", {})
        done = cache.get((column, order))
        if done is None:
            key = self._key(COLUMNS[column])
            keyed = [(key(r), r.subject_id or r.screening_number, r, s) for r, s in zip(self.rows, self._search)]
            present = [k for k in keyed if k[0] is not None]
            missing = [k for k in keyed if k[0] is None]
            present.sort(key=lambda k: (k[0], k[1]), reverse=order == Qt.DescendingOrder)
            missing.sort(key=lambda k: k[1])
            ordered = present + missing  # empty values last either way
            done = cache[(column, order)] = ([k[2] for k in ordered], [k[3] for k in ordered])
        self.rows, self._search = list(done[0]), list(done[1])
        self.version += 1
        self._sorted = True

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        if self._sorted and (column, order) == (self.sort_column, self.sort_order):
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        keep = [(self.rows[i.row()].uuid, i.column()) for i in persistent]
        self.sort_column, self.sort_order = column, order
        self._sort_rows(column, order)
        where = {r.uuid: i for i, r in enumerate(self.rows)}
        self.changePersistentIndexList(persistent, [self.index(where[u], c) for u, c in keep])
        self.layoutChanged.emit()

    # -- filtering support ---------------------------------------------------------------
    def mask(self, search: str, status: str | None, arm: str | None, overdue_only: bool) -> list[bool]:
        """Which rows pass the filters, in one pass over the rows."""
        return [
            (not status or r.status == status) and (not arm or r.arm == arm) and (not overdue_only or r.overdue_sae)
            and (not search or search in key)
            for r, key in zip(self.rows, self._search)
        ]


class SubjectFilterProxy(QSortFilterProxyModel):
    """Filters the subject model; header clicks sort the source model (see module docstring)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.search = ""
        self.status: str | None = None
        self.arm: str | None = None
        self.overdue_only = False
        self._mask: list[bool] = []
        self._mask_version = None
        self.setDynamicSortFilter(False)

    def _change(self, **values) -> None:
        for k, v in values.items():
            setattr(self, k, v)
        self._mask_version = None
        # One layout change for the whole list: far cheaper than a rowsRemoved signal per gap at 10 000 rows.
        self.invalidate()

    def set_search(self, text: str) -> None:
        self._change(search=(text or "").strip().lower())

    def set_status(self, status: str | None) -> None:
        self._change(status=status or None)

    def set_arm(self, arm: str | None) -> None:
        self._change(arm=arm or None)

    def set_overdue_only(self, on: bool) -> None:
        self._change(overdue_only=bool(on))

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:  # noqa: N802
        model = self.sourceModel()
        if self._mask_version != model.version:
            self._mask = model.mask(self.search, self.status, self.arm, self.overdue_only)
            self._mask_version = model.version
        return self._mask[source_row]

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)

    def uuid_at(self, proxy_row: int) -> str | None:
        if not 0 <= proxy_row < self.rowCount():
            return None
        return self.index(proxy_row, 0).data(UUID_ROLE)
