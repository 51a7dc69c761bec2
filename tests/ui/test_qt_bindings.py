"""Guard against Qt bindings that corrupt the interpreter (PySide6 6.12.0 on Python 3.11).

That release dropped one reference to None on every void Qt call; pyqtgraph makes
thousands per repaint and the process aborted ("deallocating None"). pyproject.toml
excludes it; this test fails if an installed binding has the defect again.
"""

import subprocess
import sys
import textwrap


def test_void_qt_calls_do_not_leak_references_to_none():
    probe = textwrap.dedent(
        """
        import sys
        from PySide6.QtWidgets import QApplication, QGraphicsRectItem, QWidget
        app = QApplication([])
        w, item = QWidget(), QGraphicsRectItem()
        before = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
        for _ in range(2000):
            w.setFixedWidth(3)
            item.prepareGeometryChange()
            w.isVisible()
        after = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
        print(*(a - b for a, b in zip(after, before)))
        """
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    drift = [int(x) for x in result.stdout.split()]
    assert all(abs(d) < 100 for d in drift), f"reference counts of None/True/False drifted by {drift}"
