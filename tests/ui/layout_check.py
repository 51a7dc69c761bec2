"""What a clinician sees on a 1366×768 ward PC: the window fits the screen and no text is cut off.

`layout_problems(window)` returns one line per defect found in a shown window (empty when it reads right):

* the window, with the title bar and borders a window manager adds (`screen_fit.DECORATION`), fits the
  available geometry of its screen (1366×728: 768 less a 40 px taskbar in the tests);
* every visible label, button, check box, radio button, group-box title, tab and combo box has room for its text:
  a one-line text's width (fontMetrics().horizontalAdvance) within the widget's contents rectangle, a wrapping
  label at least its heightForWidth() tall; a text ending in "…" with a tooltip is a deliberate elision;
* no text widget lies (partly) outside the window, and nothing scrolls sideways (a horizontal scroll bar on a
  scroll area, text browser or table means something is cut off at this width).
"""

from __future__ import annotations

import re

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QTabBar,
    QTableView,
    QToolButton,
    QWidget,
)

from sle_desktop.ui.screen_fit import DECORATION

SLACK = 1  # rounding of text metrics


def _name(w: QWidget) -> str:
    text = ""
    for attr in ("text", "title"):
        if hasattr(w, attr):
            try:
                text = getattr(w, attr)()
            except TypeError:
                continue
            break
    text = re.sub(r"<[^>]+>", "", text or "")
    return f"{type(w).__name__}#{w.objectName() or '?'} {text[:60]!r}"


def _plain(label: QLabel) -> str:
    text = label.text()
    rich = label.textFormat() == Qt.RichText or (label.textFormat() == Qt.AutoText and GuiQt.mightBeRichText(text))
    if rich:
        doc = QTextDocument()
        doc.setHtml(text)
        return doc.toPlainText()
    return re.sub(r"&(.)", r"\1", text) if label.buddy() is not None else text


def _button_text(button: QAbstractButton) -> str:
    return re.sub(r"&(.)", r"\1", button.text())


def _elided_on_purpose(text: str, w: QWidget) -> bool:
    return text.rstrip().endswith("…") and bool(w.toolTip())


def _label_problem(label: QLabel) -> str | None:
    if label.pixmap() is not None and not label.pixmap().isNull():
        return None
    text = _plain(label)
    if not text.strip() or _elided_on_purpose(text, label):
        return None
    rect = label.contentsRect()
    margin = 2 * label.margin() + (max(label.indent(), 0) if label.indent() > 0 else 0)
    if label.wordWrap():
        needed = label.heightForWidth(label.width())
        if needed > label.height() + SLACK:
            return f"{_name(label)}: wraps to {needed} px but is {label.height()} px tall"
        # one word longer than the line cannot wrap
        fm = label.fontMetrics()
        longest = max((fm.horizontalAdvance(word) for word in text.split()), default=0)
        if longest > rect.width() - margin + SLACK:
            return f"{_name(label)}: a word needs {longest} px, the label is {rect.width()} px wide"
        return None
    fm = label.fontMetrics()
    lines = text.split("\n")
    wide = max(fm.horizontalAdvance(line) for line in lines)
    if wide > rect.width() - margin + SLACK:
        return f"{_name(label)}: text needs {wide} px, has {rect.width() - margin} px"
    tall = label.sizeHint().height()
    if tall > label.height() + SLACK and len(lines) > 1:
        return f"{_name(label)}: {len(lines)} lines need {tall} px, has {label.height()} px"
    return None


def _button_problem(button: QAbstractButton) -> str | None:
    text = _button_text(button)
    if not text.strip() or _elided_on_purpose(text, button):
        return None
    fm = button.fontMetrics()
    wide = max(fm.horizontalAdvance(line) for line in text.split("\n"))
    if isinstance(button, QToolButton):
        if button.toolButtonStyle() == Qt.ToolButtonIconOnly:
            return None
        if button.sizeHint().width() > button.width() + SLACK:
            return f"{_name(button)}: needs {button.sizeHint().width()} px, has {button.width()} px"
        return None
    option = QStyleOptionButton()
    button.initStyleOption(option)
    if isinstance(button, QRadioButton):
        element = QStyle.SE_RadioButtonContents
    elif isinstance(button, QCheckBox):
        element = QStyle.SE_CheckBoxContents
    else:
        element = QStyle.SE_PushButtonContents
    room = button.style().subElementRect(element, option, button).width()
    if not button.icon().isNull():
        room -= button.iconSize().width() + 4
    if isinstance(button, QPushButton) and button.menu() is not None:
        room -= button.style().pixelMetric(QStyle.PM_MenuButtonIndicator, option, button)
    if wide > room + SLACK:
        return f"{_name(button)}: text needs {wide} px, has {room} px"
    if button.height() + SLACK < fm.height():
        return f"{_name(button)}: {button.height()} px tall for {fm.height()} px of text"
    return None


def _combo_problem(combo: QComboBox) -> str | None:
    text = combo.currentText()
    if not text or combo.isEditable():
        return None
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    room = combo.style().subControlRect(QStyle.CC_ComboBox, option, QStyle.SC_ComboBoxEditField, combo).width()
    wide = combo.fontMetrics().horizontalAdvance(text)
    if wide > room + SLACK:
        return f"{_name(combo)} {text[:50]!r}: text needs {wide} px, has {room} px"
    return None


def _group_problem(box: QGroupBox) -> str | None:
    title = re.sub(r"&(.)", r"\1", box.title())
    if not title:
        return None
    wide = box.fontMetrics().horizontalAdvance(title) + (20 if box.isCheckable() else 0) + 12
    if wide > box.width() + SLACK:
        return f"{_name(box)}: title needs {wide} px, has {box.width()} px"
    return None


def _tab_problems(bar: QTabBar) -> list[str]:
    out = []
    for i in range(bar.count()):
        if not bar.isTabVisible(i):
            continue
        rect, hint = bar.tabRect(i), bar.tabSizeHint(i)
        horizontal = bar.shape() in (QTabBar.RoundedNorth, QTabBar.RoundedSouth, QTabBar.TriangularNorth,
                                     QTabBar.TriangularSouth)
        if horizontal and (rect.width() + SLACK < hint.width() or rect.right() > bar.width() + SLACK):
            out.append(f"QTabBar tab {bar.tabText(i)!r}: needs {hint.width()} px, shown in {rect.width()} px "
                       f"(tab bar {bar.width()} px)")
    return out


def _outside(w: QWidget, window: QWidget) -> str | None:
    """Text widgets must lie inside the window, and inside every ancestor except a scroll area's viewport
    vertically (a long form scrolls down, never sideways)."""
    rect = QRect(QPoint(0, 0), w.size())
    child = w
    parent = w.parentWidget()
    while child is not window and parent is not None:
        if not isinstance(parent, QWidget):
            # PySide can hand back a dead QLayoutItem's wrapper for a widget made later at the same address; the
            # widget itself is fine (a binding artefact, rare): it cannot be placed, so it is not judged
            return None
        rect.translate(child.pos())
        bounds = parent.rect()
        scroll_viewport = isinstance(parent.parentWidget(), QAbstractScrollArea) and \
            parent.parentWidget().viewport() is parent
        if scroll_viewport:
            if rect.left() < bounds.left() - SLACK or rect.right() > bounds.right() + SLACK:
                return f"{_name(w)}: cut off at the side of a scrolling area"
            break  # inside the scrolled content, positions are virtual
        if not bounds.adjusted(-SLACK, -SLACK, SLACK, SLACK).contains(rect):
            return f"{_name(w)}: lies outside {type(parent).__name__}#{parent.objectName() or '?'} " \
                   f"({rect.x()},{rect.y()} {rect.width()}×{rect.height()} in {bounds.width()}×{bounds.height()})"
        child, parent = parent, parent.parentWidget()
    return None


def _overlaps(window: QWidget) -> list[str]:
    """Text widgets of one parent that draw over each other (a squeezed layout, labels run together)."""
    out = []
    parents: dict[int, list[QWidget]] = {}
    for w in window.findChildren(QWidget):
        if isinstance(w, (QLabel, QAbstractButton, QComboBox)) and w.isVisible() and w.parentWidget() is not None \
                and not isinstance(w.parentWidget(), QTabBar) and (not isinstance(w, QLabel) or w.text()):
            parents.setdefault(id(w.parentWidget()), []).append(w)
    for siblings in parents.values():
        for i, a in enumerate(siblings):
            ra = a.geometry().adjusted(1, 1, -1, -1)
            for b in siblings[i + 1:]:
                if ra.intersects(b.geometry().adjusted(1, 1, -1, -1)):
                    out.append(f"{_name(a)} overlaps {_name(b)}")
    return out


def frame_problem(window: QWidget) -> str | None:
    """The window with its title bar and borders inside the available screen area."""
    screen = window.screen() or QApplication.primaryScreen()
    avail = screen.availableGeometry()
    width = window.width() + DECORATION.left() + DECORATION.right()
    height = window.height() + DECORATION.top() + DECORATION.bottom()
    if width > avail.width() or height > avail.height():
        return (f"{_name(window)}: the window with its frame is {width}×{height} px, the screen has "
                f"{avail.width()}×{avail.height()} px")
    left, top = window.frameGeometry().left(), window.frameGeometry().top()  # move() places the frame here
    if left < avail.left() - SLACK or top < avail.top() - SLACK or left + width > avail.right() + 1 + SLACK \
            or top + height > avail.bottom() + 1 + SLACK:
        return (f"{_name(window)}: the frame at ({left},{top}) {width}×{height} runs off the available area "
                f"{avail.width()}×{avail.height()}")
    return None


def layout_problems(window: QWidget) -> list[str]:
    """Every defect a clinician would see in `window` as shown now (see the module docstring)."""
    QApplication.processEvents()
    problems = []
    frame = frame_problem(window)
    if frame:
        problems.append(frame)
    for w in [window, *window.findChildren(QWidget)]:
        if not w.isVisible() or w.window() is not window:
            continue
        problem = None
        if isinstance(w, QLabel):
            problem = _label_problem(w)
        elif isinstance(w, QAbstractButton) and not isinstance(w, QTabBar):
            if w.parentWidget() is not None and isinstance(w.parentWidget(), QTabBar):
                continue  # tab close and scroll buttons
            problem = _button_problem(w)
        elif isinstance(w, QComboBox):
            problem = _combo_problem(w)
        elif isinstance(w, QGroupBox):
            problem = _group_problem(w)
        elif isinstance(w, QTabBar):
            problems += _tab_problems(w)
        elif isinstance(w, QAbstractScrollArea):
            bar = w.horizontalScrollBar()
            if bar.isVisible() and bar.maximum() > 0:
                problem = f"{_name(w)}: scrolls sideways by {bar.maximum()} px"
            elif isinstance(w, QTableView) and w.horizontalHeader().isVisible():
                # a list grows: with a vertical scroll bar the columns must still fit
                vbar = w.verticalScrollBar()
                room = w.viewport().width() - (0 if vbar.isVisible() else vbar.sizeHint().width())
                header = w.horizontalHeader()
                last = max((i for i in range(header.count()) if not header.isSectionHidden(i)), default=-1)
                needed = 0
                for i in range(header.count()):
                    if header.isSectionHidden(i):
                        continue
                    stretches = header.sectionResizeMode(i) == QHeaderView.Stretch or \
                        (header.stretchLastSection() and i == last)
                    # a stretching column gives way down to its header's text; the others keep their width
                    needed += header.sectionSizeFromContents(i).width() if stretches else header.sectionSize(i)
                if needed > room + SLACK:
                    problem = f"{_name(w)}: the columns need {needed} px, the table shows {room} px"
        if problem:
            problems.append(problem)
            continue
        if isinstance(w, (QLabel, QAbstractButton, QComboBox)) and w is not window:
            outside = _outside(w, window)
            if outside:
                problems.append(outside)
    return problems + _overlaps(window)


def plot_problems(graphics) -> list[str]:
    """What is unreadable in a pyqtgraph view: a panel too low to read, an axis title longer than its axis, tick
    labels that do not fit their axis or run into each other, visit names drawn over each other."""
    import pyqtgraph as pg
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QFont, QFontMetrics

    from sle_desktop.ui.plots.style import Panel

    QApplication.processEvents()
    out = []
    plots = [i for i in graphics.scene().items() if isinstance(i, (Panel, pg.PlotItem)) and i.isVisible()]
    assert plots, "no plot is shown"
    for plot in plots:
        name = re.sub(r"<[^>]+>|&nbsp;", " ", plot.titleLabel.text or "").strip()[:40] or \
            re.sub(r"<[^>]+>", "", plot.getAxis("left").labelText or "")[:40]
        height = plot.vb.height()
        if height < 48:
            out.append(f"plot {name!r}: the data area is only {height:.0f} px tall")
        left = plot.getAxis("left")
        if left.isVisible() and left.label.isVisible() and left.labelText:
            length = left.label.boundingRect().width()
            if length > left.height() + 2:
                out.append(f"plot {name!r}: the axis title needs {length:.0f} px, the axis is {left.height():.0f} px")
        for side in ("left", "bottom"):
            axis = plot.getAxis(side)
            if not axis.isVisible() or not axis._tickLevels:
                continue
            fm = QFontMetrics(axis.style.get("tickFont") or QFont())
            ticks = sorted(axis._tickLevels[0])
            widths = [max(fm.horizontalAdvance(line) for line in text.split("\n")) for _p, text in ticks]
            if side == "left":
                room = axis.width() - (axis.label.boundingRect().height() if axis.label.isVisible() else 0) - \
                    max(axis.style["tickLength"], 0) - axis.style["tickTextOffset"][0]
                out += [f"plot {name!r}: tick label {text!r} needs {w} px, the axis has {room:.0f} px"
                        for (_p, text), w in zip(ticks, widths) if w > room + 1]
            else:
                xs = [plot.vb.mapViewToScene(QPointF(p, 0)).x() for p, _t in ticks]
                for i in range(len(ticks) - 1):
                    if xs[i + 1] - xs[i] < (widths[i] + widths[i + 1]) / 2 + 2:
                        out.append(f"plot {name!r}: tick labels {ticks[i][1]!r} and {ticks[i + 1][1]!r} run together")
        labels = [c for c in plot.vb.allChildren() if isinstance(c, pg.InfLineLabel) and c.isVisible()]
        rects = [(lab.textItem.toPlainText() if hasattr(lab, "textItem") else "", lab.sceneBoundingRect())
                 for lab in labels]
        for i, (ta, ra) in enumerate(rects):
            for tb, rb in rects[i + 1:]:
                if ra.adjusted(1, 1, -1, -1).intersects(rb.adjusted(1, 1, -1, -1)):
                    out.append(f"plot {name!r}: labels {ta!r} and {tb!r} overlap")
    return out
