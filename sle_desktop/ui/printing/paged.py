"""HTML laid out on A4 pages with a running header and "page n of m" footer, to a PDF file or a printer."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from sle_desktop.app.errors import AppError
from sle_desktop.domain.text import msg

RESOLUTION = 300
BODY_POINT_SIZE = 9
# Fonts with Cyrillic that ward PCs have: DejaVu (Debian, fonts-dejavu-core), Segoe UI / Arial (Windows).
FONT_FAMILIES = ("DejaVu Sans", "Segoe UI", "Arial", "Liberation Sans", "Noto Sans")

_app = None


def ensure_gui_application():
    """A QApplication for headless printing (offscreen when there is no display); the running one if any.

    A full QApplication, not a QGuiApplication, so that widgets made later in the same process still work."""
    global _app
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is not None:
        return app
    headless = sys.platform.startswith("linux") and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")
    if headless and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    _app = QApplication(["sle-desktop"])
    return _app


def document_font() -> QFont:
    """A sans-serif font with Cyrillic glyphs, at the body size."""
    families = set(QFontDatabase.families())
    family = next((f for f in FONT_FAMILIES if f in families), None)
    font = QFont(family) if family else QFont()
    font.setPointSize(BODY_POINT_SIZE)
    for feature in ("liga", "clig"):  # no "ﬁ"/"ﬀ" glyphs: the PDF's text must search and extract as typed
        font.setFeature(QFont.Tag(feature), 0)
    return font


def render(device: QPagedPaintDevice, html: str, *, header: Callable[[int, int], str],
           footer: Callable[[int, int], str]) -> int:
    """Lay `html` out on the device's pages; `header(page, pages)`/`footer(page, pages)` give each page's lines.

    Returns the number of pages. The caller owns the device (a QPdfWriter or a QPrinter).
    """
    device.setPageSize(QPageSize(QPageSize.A4))
    device.setPageMargins(QMarginsF(15, 12, 15, 12), QPageLayout.Millimeter)
    font = document_font()
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    doc.setHtml(html)
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("the printer or PDF file could not be opened for drawing")
    try:
        area = device.pageLayout().paintRectPixels(device.logicalDpiX())
        width, height = float(area.width()), float(area.height())
        painter.setFont(font)
        line = painter.fontMetrics().lineSpacing()
        header_h, footer_h = 2.6 * line, 1.8 * line
        body_h = height - header_h - footer_h
        doc.setPageSize(QSizeF(width, body_h))
        pages = max(1, doc.pageCount())
        for page in range(pages):
            if page:
                device.newPage()
            painter.setPen(Qt.black)
            painter.drawText(QRectF(0, 0, width, header_h), Qt.AlignLeft | Qt.AlignTop | Qt.TextWordWrap,
                             header(page + 1, pages))
            painter.drawLine(0, int(header_h - line * 0.4), int(width), int(header_h - line * 0.4))
            painter.drawText(QRectF(0, height - footer_h, width, footer_h), Qt.AlignRight | Qt.AlignBottom,
                             footer(page + 1, pages))
            painter.save()
            painter.translate(0, header_h - page * body_h)
            doc.drawContents(painter, QRectF(0, page * body_h, width, body_h))
            painter.restore()
    finally:
        painter.end()
    return pages


def write_pdf(path: str | os.PathLike, html: str, *, title: str, header: Callable[[int, int], str],
              footer: Callable[[int, int], str]) -> int:
    """Render to a PDF written atomically: a hidden temporary file beside `path`, renamed when complete."""
    final = Path(path)
    if not final.parent.is_dir():
        raise AppError(msg("The folder {path} does not exist.", path=str(final.parent)))
    if final.is_dir():
        raise AppError(msg("{path} is a folder; give a file name for the PDF.", path=str(final)))
    tmp = final.with_name(f".{final.name}.partial-{os.getpid()}")
    try:
        writer = QPdfWriter(str(tmp))
        writer.setResolution(RESOLUTION)
        writer.setTitle(title)
        writer.setCreator("sle_desktop")
        pages = render(writer, html, header=header, footer=footer)
        del writer  # closes the file
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        if tmp.stat().st_size == 0:
            raise AppError(msg("The PDF {path} could not be written.", path=str(final)))
        os.chmod(tmp, 0o600)
        os.replace(tmp, final)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return pages
