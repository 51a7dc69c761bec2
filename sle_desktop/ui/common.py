"""Small widgets and formatting shared by the clinician windows (dates dd.MM.yyyy, numbers, banners)."""

from __future__ import annotations

import re
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QDate, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QCalendarWidget,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSizePolicy,
    QSlider,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from sle_desktop.domain.text import Msg
from sle_desktop.ui import i18n

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


class _LocalNumber:
    """A number in a message, formatted by the template's spec, then with the interface's decimal comma
    (and a no-break space between thousands) in Russian."""

    def __init__(self, value: int | float):
        self.value = value

    def __format__(self, spec: str) -> str:
        return self._local(format(self.value, spec))

    def __str__(self) -> str:
        return self.__format__("")

    def __repr__(self) -> str:  # "{value!r}"
        return self._local(repr(self.value))

    @staticmethod
    def _local(text: str) -> str:
        return text.replace(",", "\u00a0").replace(".", ",") if i18n.decimal_point() == "," else text


def translated(text) -> str:
    """A message from the app/domain layers (`domain.text.Msg`) in the interface language; other text as is.

    The template is looked up in context "AppMessages"; its values are translated too when they are
    messages or catalogue labels. A translation whose placeholders do not fit falls back to English.
    """
    if text is None:
        return ""
    if not isinstance(text, Msg):
        return str(text)
    params = {k: translated(v) if isinstance(v, Msg) else catalog(v) if isinstance(v, str)
              else _LocalNumber(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v
              for k, v in text.params.items()}
    template = QCoreApplication.translate("AppMessages", text.template)
    try:
        return template.format(**params) if params else template
    except (KeyError, IndexError, ValueError):
        return text.template.format(**params) if params else text.template


def exception_text(exc: BaseException) -> str:
    """An exception's message in the interface language (its first argument when that is a `Msg`)."""
    if exc.args and isinstance(exc.args[0], Msg):
        return translated(exc.args[0])
    return str(exc)


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
    """A number without trailing zeros (85, 2.5; 2,5 in Russian); empty for None. Stored values stay canonical."""
    if value is None:
        return ""
    text = f"{value:.{digits}f}" if digits is not None else f"{value:g}"
    return text.replace(".", i18n.decimal_point())


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
            raise BadInput(QCoreApplication.translate("Input", "Enter the date as dd.mm.yyyy, for example 05.03.2026."))
        y, mth, d = (int(g) for g in m.groups())
    try:
        return date(y, mth, d)
    except ValueError:
        raise BadInput(QCoreApplication.translate("Input", "{0} is not a calendar date; check day and month.").format(text.strip())) from None


def parse_number(text: str) -> float | None:
    """A decimal number (comma or point); None for empty; BadInput otherwise."""
    if not text or not text.strip():
        return None
    try:
        value = float(text.strip().replace(",", ".").replace(" ", ""))
    except ValueError:
        raise BadInput(QCoreApplication.translate("Input", "Enter a number, for example 1.5.")) from None
    if value != value or value in (float("inf"), float("-inf")):
        raise BadInput(QCoreApplication.translate("Input", "Enter a number, for example 1.5."))
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
        self.button.setFocusPolicy(Qt.NoFocus)  # Tab goes field to field; Alt+Down or F4 opens the calendar
        self.edit.installEventFilter(self)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.edit, 1)
        lay.addWidget(self.button)
        self.setFocusProxy(self.edit)
        self._fit_placeholder()
        self.setSizePolicy(QSizePolicy.Fixed, QSizePolicy.Fixed)  # a date never needs the full row

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt naming
        if obj is self.edit and event.type() == QEvent.KeyPress and self.button.isEnabled() and (
                event.key() == Qt.Key_F4 or (event.key() == Qt.Key_Down and event.modifiers() & Qt.AltModifier)):
            self.button.showMenu()
            return True
        return super().eventFilter(obj, event)

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 - the line edit is what a screen reader reads
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)

    def setAccessibleDescription(self, text: str) -> None:  # noqa: N802
        super().setAccessibleDescription(text)
        self.edit.setAccessibleDescription(text)

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
        self.setText(fmt_number(value))


def error_label(parent=None) -> QLabel:
    """The red message shown under a field (hidden while empty)."""
    label = QLabel(parent)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextSelectableByMouse)
    label.setVisible(False)
    return label


_FORM_LABELS = {
    "subjects": "Subject", "consents": "Informed consent", "screenings": "Screening and eligibility",
    "visits": "Visit", "sledai_assessments": "SELENA-SLEDAI", "labs": "Laboratory result",
    "adverse_events": "Adverse event", "infusions": "MSC infusion", "con_meds": "Concomitant medication",
    "deviations": "Protocol deviation",
}


def form_label(table: str) -> str:
    """The clinician's name of the form a site table holds, in the interface language (the table's own name
    for one that is not a form)."""
    label = _FORM_LABELS.get(table)
    return table if label is None else catalog(label)


def select_row_where(table, items: list, matches) -> bool:
    """Select the row of the first item of `items` (one per table row, in order) for which `matches(item)`;
    False, selecting nothing new, when there is none."""
    for i, item in enumerate(items):
        if matches(item):
            table.selectRow(i)
            return True
    return False


def selected_of(table, items: list):
    """The item of `items` (one per table row, in order) whose row is selected in `table`; None when none is."""
    model = table.selectionModel()
    rows = model.selectedRows() if model else []
    if not rows:
        return None
    i = rows[0].row()
    return items[i] if 0 <= i < len(items) else None


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
        self.label.setText(translated(text))
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


_INPUTS = (QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QTextEdit, QSlider, QAbstractButton)


def _label_text(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text).replace("&", "").strip().rstrip(":").strip()


def _input_in(widget: QWidget | None) -> QWidget | None:
    """The input a form row holds (itself, a DateField, or the first input inside a with_error() box)."""
    if widget is None:
        return None
    if isinstance(widget, (DateField, *_INPUTS)):
        return widget
    for child in widget.findChildren(QWidget):
        if isinstance(child, (DateField, *_INPUTS)):
            return child
    return None


def name_inputs(root: QWidget) -> int:
    """Give every input of `root`'s form and grid layouts the accessible name of its row label.

    The label also becomes the input's buddy (so a & in the label moves the focus to the field), and the
    tooltip or grey placeholder becomes the accessible description. Inputs already named are left alone.
    Returns how many inputs were named (for tests).
    """
    named = 0

    def give(label: QLabel | None, field: QWidget | None) -> None:
        nonlocal named
        target = _input_in(field)
        if target is None:
            return
        if label is not None and isinstance(label, QLabel) and not target.accessibleName():
            text = _label_text(label.text())
            if text:
                target.setAccessibleName(text)
                if label.buddy() is None:
                    label.setBuddy(target.edit if isinstance(target, DateField) else target)
                named += 1
        if not target.accessibleDescription():
            edit = target.edit if isinstance(target, DateField) else target
            hint = target.toolTip() or (edit.placeholderText() if isinstance(edit, QLineEdit) else "")
            if hint:
                target.setAccessibleDescription(_label_text(hint))

    for layout in root.findChildren(QFormLayout) + ([root.layout()] if isinstance(root.layout(), QFormLayout) else []):
        for row in range(layout.rowCount()):
            label_item = layout.itemAt(row, QFormLayout.LabelRole)
            field_item = layout.itemAt(row, QFormLayout.FieldRole)
            label = label_item.widget() if label_item else None
            field = field_item.widget() if field_item else None
            give(label if isinstance(label, QLabel) else None, field)
    for layout in root.findChildren(QGridLayout) + ([root.layout()] if isinstance(root.layout(), QGridLayout) else []):
        for row in range(layout.rowCount()):
            first = layout.itemAtPosition(row, 0)
            second = layout.itemAtPosition(row, 1)
            if first and second and isinstance(first.widget(), QLabel):
                give(first.widget(), second.widget())
    # check boxes and buttons read their own text; give them a description from the tooltip
    for button in root.findChildren(QAbstractButton):
        if not button.accessibleName() and button.text():
            button.setAccessibleName(_label_text(button.text()))
    return named
