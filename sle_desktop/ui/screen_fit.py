"""Windows sized to the screen they open on (a 1366×768 ward PC first) and grown when a message appears.

    fit_to_screen(window, 1280, 720)   # that size, or less when the screen is smaller; centred
    grow_with_contents(dialog)         # the dialog grows (never past the screen) when an error label shows
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMargins, QObject, QRect, QSize, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# What a window manager adds around a window: Windows 10/11 at 100 % has a 31 px title bar and thin borders.
# Sizes are computed with it even where the platform reports no frame (offscreen), so a window that fits in the
# tests fits on the ward PC.
DECORATION = QMargins(8, 31, 8, 8)


def available_area(widget: QWidget | None = None) -> QRect:
    """The screen area free of task bars, for the screen `widget` is on (else the primary screen)."""
    screen = (widget.screen() if widget is not None else None) or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def usable_size(widget: QWidget | None = None) -> QSize:
    """The largest client size whose framed window fits the available area."""
    area = available_area(widget)
    return QSize(area.width() - DECORATION.left() - DECORATION.right(),
                 area.height() - DECORATION.top() - DECORATION.bottom())


def centre(window: QWidget) -> None:
    """Place the window, framed, in the middle of the available area (never above or left of it)."""
    area = available_area(window)
    framed_w = window.width() + DECORATION.left() + DECORATION.right()
    framed_h = window.height() + DECORATION.top() + DECORATION.bottom()
    window.move(area.x() + max(0, (area.width() - framed_w) // 2), area.y() + max(0, (area.height() - framed_h) // 2))


def fit_to_screen(window: QWidget, width: int, height: int) -> QSize:
    """Resize `window` to width×height, or to the usable screen size when that is smaller; centre it."""
    usable = usable_size(window)
    size = QSize(min(width, usable.width()), min(height, usable.height()))
    window.resize(size)
    centre(window)
    return size


def needed_height(window: QWidget) -> int:
    """The height the window's layout needs at its current width (wrapped labels included)."""
    layout = window.layout()
    if layout is None:
        return window.sizeHint().height()
    if layout.hasHeightForWidth():
        return layout.totalHeightForWidth(window.width())
    return layout.totalSizeHint().height()


def grow_to_contents(window: QWidget) -> None:
    """Make the window tall (and, if its layout needs, wide) enough for what it shows, within the screen."""
    usable = usable_size(window)
    layout = window.layout()
    if layout is None:
        return
    width = min(max(window.width(), layout.totalMinimumSize().width()), usable.width())
    if width != window.width():
        window.resize(width, window.height())
    height = min(needed_height(window), usable.height())
    if height > window.height():
        window.resize(width, height)
    frame = window.frameGeometry().topLeft()
    area = available_area(window)
    bottom = frame.y() + window.height() + DECORATION.top() + DECORATION.bottom()
    if bottom > area.y() + area.height():  # grown past the task bar: move it up, not off the top
        window.move(frame.x(), max(area.y(), frame.y() - (bottom - area.y() - area.height())))


class _Grower(QObject):
    """Event filter: a layout request on the window (a label shown, a text changed) grows it afterwards."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        # a bound method, not a lambda holding the window: a dialog nobody keeps must still be freed
        self._timer.timeout.connect(self._grow)

    def _grow(self) -> None:
        window = self.parent()
        if window is not None:
            grow_to_contents(window)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt naming
        if event.type() in (QEvent.LayoutRequest, QEvent.Show) and obj.isVisible():
            self._timer.start()
        return False


def grow_with_contents(window: QWidget) -> None:
    """From now on `window` grows to show a message that appears in it (never beyond the screen)."""
    window.installEventFilter(_Grower(window))
