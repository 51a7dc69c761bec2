"""Size baseline: a bare PySide6 + pyqtgraph window, frozen with PyInstaller's defaults.

Not part of the application. `packaging/build_pyinstaller.sh --baseline` freezes it with
`bare_window.spec` (one folder, no excludes) so the application's build size can be compared
with what PySide6 + pyqtgraph cost on their own.
"""

import sys

import numpy as np
import pyqtgraph as pg
from PySide6 import QtWidgets


def main() -> int:
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(sys.argv)
    plot = pg.PlotWidget(title="bare window")
    plot.plot(np.arange(10), np.arange(10) ** 2)
    plot.show()
    if "--quit" in sys.argv:  # smoke test: start, draw once, exit
        app.processEvents()
        print("bare window OK")
        return 0
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
