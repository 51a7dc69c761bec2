"""Read-only tables of the sponsor window."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem


def make_table(parent, headers: list[str], name: str, *, fit: bool = False) -> QTableWidget:
    t = QTableWidget(0, len(headers), parent)
    t.setObjectName(name)
    t.setHorizontalHeaderLabels(headers)
    t.setEditTriggers(QAbstractItemView.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectRows)
    t.setAlternatingRowColors(True)
    t.verticalHeader().setVisible(False)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch if fit else QHeaderView.ResizeToContents)
    t.horizontalHeader().setStretchLastSection(True)
    t.setTabKeyNavigation(False)
    return t


def fill_table(table: QTableWidget, rows) -> None:
    table.setRowCount(0)
    table.setRowCount(len(rows))
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            table.setItem(i, j, QTableWidgetItem("" if value is None else str(value)))
