"""Small widgets and formatting shared by the clinician windows (dates dd.MM.yyyy, numbers, banners)."""

from __future__ import annotations

import re
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget, QFrame, QHBoxLayout, QLabel, QLineEdit, QMenu, QSizePolicy, QToolButton, QVBoxLayout,
    QWidget, QWidgetAction,
)

DATE_FORMAT = "%d.%m.%Y"
ERROR_STYLE = "color: #b00020;"
WARNING_STYLE = "color: #8a5300;"
OK_STYLE = "color: #1b5e20;"


def tr(context: str, text: str) -> str:
    """Translate `text` in `context` (for module-level code; classes use self.tr)."""
    return QCoreApplication.translate(context, text)


def catalog(text: str | None) -> str:
    """A label from the study/domain catalogues, through the translator (context "catalog")."""
    return "" if text is None else QCoreApplication.translate("catalog", text)


def fmt_date(value) -> str:
    """A date (or ISO text) as dd.MM.yyyy; empty for None."""
    if value in (None, ""):
        return ""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.replace("Z", "+00:00")) if "T" in value else date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, datetime):
        return value.astimezone().strftime(DATE_FORMAT + " %H:%M") if value.tzinfo else value.strftime(DATE_FORMAT + " %H:%M")
    return value.strftime(DATE_FORMAT)


def fmt_number(value, digits: int | None = None) -> str:
    """A number without trailing zeros (85, 2.5); empty for None."""
    if value is None:
        return ""
    if digits is not None:
        return f"{value:.{digits}f}"
    return f"{value:g}"


_DMY = re.compile(r"^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")


class BadInput(ValueError):
    """Text typed into a field that cannot be read (the message is shown next to the field)."""


def parse_date(text: str) -> date | None:
    """dd.mm.yyyy (or yyyy-mm-dd) -> date; None for empty; BadInput for anything else."""
    if not text or not text.strip():
        return None
    m = _DMY.match(text)
    if m:
        d, mth, y = (int(g) for g in m.groups())
    else:
        m = _ISO.match(text)
        if not m:
            raise BadInput(tr("Input", "Enter the date as dd.mm.yyyy, for example 05.03.2026."))
        y, mth, d = (int(g) for g in m.groups())
    try:
        return date(y, mth, d)
    except ValueError:
        raise BadInput(tr("Input", "{0} is not a calendar date; check day and month.").format(text.strip())) from None


def parse_number(text: str) -> float | None:
    """A decimal number (comma or point); None for empty; BadInput otherwise."""
    if not text or not text.strip():
        return None
    try:
        value = float(text.strip().replace(",", ".").replace(" ", ""))
    except ValueError:
        raise BadInput(tr("Input", "Enter a number, for example 1.5.")) from None
    if value != value or value in (float("inf"), float("-inf")):
        raise BadInput(tr("Input", "Enter a number, for example 1.5."))
    return value


class DateField(QWidget):
    """A date typed as dd.mm.yyyy (may be empty), with a calendar button."""

    changed = Signal()

    def __init__(self, parent=None, *, placeholder: str | None = None):
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(placeholder or self.tr("dd.mm.yyyy"))
        self.edit.setMaxLength(10)
        self.edit.textChanged.connect(lambda _t: self.changed.emit())
        self.button = QToolButton(self)
        self.button.setText("▾")
        self.button.setToolTip(self.tr("Pick the date from a calendar"))
        self.button.setPopupMode(QToolButton.InstantPopup)
        menu = QMenu(self.button)
        self.calendar = QCalendarWidget(menu)
        self.calendar.setGridVisible(True)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._sync_calendar)
        self.calendar.clicked.connect(lambda d: (self.set_date(d.toPython()), menu.hide()))
        self.button.setMenu(menu)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.edit, 1)
        lay.addWidget(self.button)
        self.setFocusProxy(self.edit)
        self._fit_placeholder()
        self.setSizePolicy(QSizePolicy.Fixed, QSizePolicy.Fixed)  # a date never needs the full row

    def _fit_placeholder(self) -> None:
        fm = self.edit.fontMetrics()
        width = max(fm.horizontalAdvance("00.00.00000"), fm.horizontalAdvance(self.edit.placeholderText()))
        self.edit.setMinimumWidth(width + 28)  # frame and text margins

    def set_placeholder(self, text: str) -> None:
        """Change the grey hint shown while empty (the field widens to show it)."""
        self.edit.setPlaceholderText(text)
        self._fit_placeholder()

    def _sync_calendar(self) -> None:
        try:
            current = self.date()
        except BadInput:
            current = None
        self.calendar.setSelectedDate(QDate(current) if current else QDate.currentDate())

    def date(self) -> date | None:
        """The date typed, None when empty; BadInput when it cannot be read."""
        return parse_date(self.edit.text())

    def safe_date(self) -> date | None:
        try:
            return self.date()
        except BadInput:
            return None

    def set_date(self, value: date | None) -> None:
        self.edit.setText(value.strftime(DATE_FORMAT) if value else "")

    def text(self) -> str:
        return self.edit.text()

    def setReadOnly(self, ro: bool) -> None:  # noqa: N802 - Qt naming
        self.edit.setReadOnly(ro)
        self.edit.setFocusPolicy(Qt.ClickFocus if ro else Qt.StrongFocus)  # Tab skips a fixed date
        self.button.setEnabled(not ro)


class NumberField(QLineEdit):
    """A decimal number (comma or point accepted), may be empty."""

    def __init__(self, parent=None, *, placeholder: str = ""):
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setMaxLength(24)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)
        self.setMaximumWidth(self.fontMetrics().horizontalAdvance("0" * 14) + 24)  # a number, not a paragraph

    def value(self) -> float | None:
        return parse_number(self.text())

    def safe_value(self) -> float | None:
        try:
            return self.value()
        except BadInput:
            return None

    def set_value(self, value: float | None) -> None:
        self.setText("" if value is None else f"{value:g}")


def error_label(parent=None) -> QLabel:
    """The red message shown under a field (hidden while empty)."""
    label = QLabel(parent)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextSelectableByMouse)
    label.setVisible(False)
    return label


def with_error(widget: QWidget, label: QLabel) -> QWidget:
    """A field and its error label stacked, for form layouts."""
    box = QWidget()
    lay = QVBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(1)
    lay.addWidget(widget)
    lay.addWidget(label)
    return box


class Banner(QFrame):
    """A coloured message strip (error, warning, info, ok) inside a window."""

    STYLES = {
        "error": "background: #fde7e9; color: #8c0016; border: 1px solid #e8a3ab;",
        "warning": "background: #fff4e0; color: #6b4000; border: 1px solid #e9c27c;",
        "info": "background: #e8f1fb; color: #0b3a66; border: 1px solid #a9c8ea;",
        "ok": "background: #e7f5e9; color: #1b5e20; border: 1px solid #9ccfa3;",
        "demo": "background: #ffd54f; color: #3e2a00; border: 1px solid #c79a00; font-weight: bold;",
    }

    def __init__(self, parent=None):
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 5, 8, 5)
        lay.addWidget(self.label)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Maximum)
        self.setVisible(False)
        self.kind = ""

    def show_message(self, text: str, kind: str = "error") -> None:
        self.kind = kind
        self.setStyleSheet(f"Banner {{ {self.STYLES[kind]} border-radius: 3px; }} QLabel {{ border: none; }}")
        self.label.setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:
        self.label.clear()
        self.setVisible(False)

    def text(self) -> str:
        return self.label.text()


def heading(text: str, parent=None, *, size_delta: int = 2) -> QLabel:
    """A bold section title."""
    label = QLabel(text, parent)
    f = label.font()
    f.setBold(True)
    f.setPointSize(f.pointSize() + size_delta)
    label.setFont(f)
    label.setWordWrap(True)
    return label
