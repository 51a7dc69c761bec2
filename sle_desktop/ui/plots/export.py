"""PNG/SVG export of a trend widget's plot scene."""

from __future__ import annotations

import importlib
from pathlib import Path

import pyqtgraph as pg
import pyqtgraph.exporters  # noqa: F401 - registers pg.exporters
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton


def export_svg(graphics: pg.GraphicsLayoutWidget, path: str) -> None:
    """pyqtgraph's SVGExporter, tolerating the closepath ("Z") tokens Qt ≥ 6.10 writes.

    pyqtgraph 0.14 parses every path token as "x,y" and fails on a bare "Z"
    (pyqtgraph issue #3485). During this export only, its coordinate fixer gets the
    paths without those tokens; Qt's closed shapes already end at their start point,
    and fills close implicitly, so the drawing is unchanged.
    """
    module = importlib.import_module("pyqtgraph.exporters.SVGExporter")
    original = module.correctCoordinates

    def tolerant(node, defs, item, options):
        for element in node.getElementsByTagName("path"):
            d = element.getAttribute("d")
            if "Z" in d or "z" in d:
                element.setAttribute("d", " ".join(t for t in d.split() if t not in ("Z", "z")))
        return original(node, defs, item, options)

    module.correctCoordinates = tolerant
    try:
        pg.exporters.SVGExporter(graphics.scene()).export(path)
    finally:
        module.correctCoordinates = original


class ExportMixin:
    """"Export PNG…"/"Export SVG…" buttons and `export_image(path)` for the widget's plot scene."""

    graphics: pg.GraphicsLayoutWidget | None

    def _export_buttons(self) -> tuple[QPushButton, QPushButton]:
        png = QPushButton(self.tr("Export PNG…"))
        svg = QPushButton(self.tr("Export SVG…"))
        png.clicked.connect(lambda: self._export_dialog("png"))
        svg.clicked.connect(lambda: self._export_dialog("svg"))
        return png, svg

    def can_export(self) -> bool:
        return self.graphics is not None and self._stack.currentWidget() is self.graphics

    def export_image(self, path) -> Path:
        """Write the plots to `path`: PNG or SVG by the file suffix. Returns the path written."""
        path = Path(path)
        if not self.can_export():
            raise RuntimeError(self.tr("There is no plot to export yet."))
        suffix = path.suffix.lower()
        if suffix not in (".png", ".svg"):
            raise ValueError(self.tr("Export as .png or .svg, not {suffix}.").format(suffix=suffix or "(none)"))
        hover_visible = self._hover.text_item.isVisible() if self._hover else False
        if self._hover:
            self._hover.text_item.hide()
        try:
            if suffix == ".png":
                pg.exporters.ImageExporter(self.graphics.scene()).export(str(path))
            else:
                export_svg(self.graphics, str(path))
        finally:
            if hover_visible:
                self._hover.text_item.show()
        if not path.exists() or path.stat().st_size == 0:
            raise OSError(self.tr("The image could not be written to {path}.").format(path=path))
        return path

    def _export_dialog(self, kind: str) -> None:
        caption = self.tr("Export PNG") if kind == "png" else self.tr("Export SVG")
        filt = self.tr("PNG image (*.png)") if kind == "png" else self.tr("SVG drawing (*.svg)")
        path, _ = QFileDialog.getSaveFileName(self, caption, f"{self._export_name()}.{kind}", filt)
        if not path:
            return
        if not path.lower().endswith(f".{kind}"):
            path += f".{kind}"
        try:
            self.export_image(path)
        except (OSError, RuntimeError, ValueError) as exc:
            QMessageBox.warning(self, caption, str(exc))

