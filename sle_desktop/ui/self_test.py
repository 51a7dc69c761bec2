"""`sle-desktop --self-test`: a headless check that an installation (usually a frozen build) works.

The store, site, study and bundle steps are `app.self_check`'s; this module adds the Qt ones:

- ``icon``: render the application icon (SVG) through QtSvg;
- ``plot``: draw a pyqtgraph plot offscreen, save it as PNG and check its pixels.

``run()`` returns a one-line summary or raises ``SelfTestFailed`` naming the failing step.
Nothing outside the temporary folder is read or written except the shipped resources.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from sle_desktop.app import self_check
from sle_desktop.app.self_check import SelfTestFailed, check, temporary_env

__all__ = ["SelfTestFailed", "run"]

ICON_FILE = ("icons", "sle-desktop.svg")
PLOT_SIZE = (320, 240)
PLOT_PEN = (220, 30, 30)

_qt_app = None  # the QApplication this module created, kept alive for the life of the process


def _qt_application():
    """The running QApplication, or a new one (offscreen when there is no display)."""
    global _qt_app
    from PySide6 import QtWidgets

    app = QtWidgets.QApplication.instance()
    if app is not None:
        return app
    headless = (sys.platform.startswith("linux") and not os.environ.get("DISPLAY")
                and not os.environ.get("WAYLAND_DISPLAY"))
    if headless and not os.environ.get("QT_QPA_PLATFORM"):
        with temporary_env("QT_QPA_PLATFORM", "offscreen"):
            _qt_app = QtWidgets.QApplication(["sle-desktop", "--self-test"])
    else:
        _qt_app = QtWidgets.QApplication(["sle-desktop", "--self-test"])
    return _qt_app


def _step_icon(ctx: dict) -> str:
    from PySide6 import QtGui, QtSvg

    from sle_desktop.resources import resource_path

    _qt_application()
    path = resource_path(*ICON_FILE)
    check(path.is_file(), f"the application icon {path} is missing")
    renderer = QtSvg.QSvgRenderer(str(path))
    check(renderer.isValid(), f"QtSvg cannot read {path.name}")
    image = QtGui.QImage(64, 64, QtGui.QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QtGui.QPainter(image)
    renderer.render(painter)
    painter.end()
    opaque = sum(1 for y in range(0, 64, 4) for x in range(0, 64, 4) if image.pixelColor(x, y).alpha() > 0)
    check(opaque > 16, f"the rendered icon is (almost) empty: {opaque} of 256 sampled pixels drawn")
    return "icon"


def _step_plot(ctx: dict) -> str:
    import numpy as np
    import pyqtgraph as pg
    from PySide6 import QtGui

    app = _qt_application()
    widget = pg.PlotWidget(background="w")
    try:
        x = np.linspace(0.0, 6.0, 200)
        widget.plot(x, np.sin(x) * 10.0, pen=pg.mkPen(PLOT_PEN, width=3))
        widget.resize(*PLOT_SIZE)
        widget.show()
        app.processEvents()
        png = ctx["tmp"] / "plot.png"
        check(widget.grab().save(str(png), "PNG"), "the plot could not be saved as PNG")
    finally:
        widget.close()
        widget.deleteLater()
        app.processEvents()
    image = QtGui.QImage(str(png))
    check(not image.isNull(), "the saved PNG cannot be read back")
    check(image.width() >= PLOT_SIZE[0] // 2 and image.height() >= PLOT_SIZE[1] // 2,
           f"the plot image is {image.width()}x{image.height()}")
    colours = set()
    curve = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            colours.add(c.rgb())
            if c.red() > 180 and c.green() < 90 and c.blue() < 90:
                curve += 1
    check(len(colours) > 2, f"the plot image is uniform ({len(colours)} colours)")
    check(curve >= 20, f"the plotted curve is missing ({curve} curve-coloured pixels)")
    return f"plot {image.width()}x{image.height()}"


# -- runner ------------------------------------------------------------------------------------------
STEPS = (*self_check.STEPS, ("icon", _step_icon), ("plot", _step_plot))


def run() -> str:
    """Run every step; return 'self-test OK: …' or raise SelfTestFailed naming the failing step."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="sle-self-test-") as tmp:
        ctx: dict = {"tmp": Path(tmp), "key_dir": Path(tmp) / "keys"}
        try:
            with temporary_env("SLE_DESKTOP_KEY_DIR", str(ctx["key_dir"])):
                done = self_check.run_steps(STEPS, ctx)
        finally:
            store = ctx.get("store")
            if store is not None:
                store.close()
    return f"self-test OK: {', '.join(done)} ({time.perf_counter() - started:.1f} s)"
