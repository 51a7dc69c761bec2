"""A path typed or chosen with a Browse… button: a folder, a file to open or a file to save."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QWidget


class PathField(QWidget):
    """`mode` is "folder", "open" or "save"; `start` is where the file dialog opens when the field is empty."""

    def __init__(self, parent, path: Path | str | None = None, *, mode: str, caption: str, pattern: str = "",
                 start: Path | None = None):
        super().__init__(parent)
        if mode not in ("folder", "open", "save"):
            raise ValueError(f"unknown path mode {mode!r}")
        self.mode, self.caption, self.pattern, self.start = mode, caption, pattern, start
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit("" if path is None else str(path), self)
        self.edit.setMinimumWidth(380)
        self.browse = QPushButton(self.tr("&Browse…"), self)
        self.browse.clicked.connect(self._browse)
        lay.addWidget(self.edit, 1)
        lay.addWidget(self.browse)

    def _browse(self) -> None:
        where = self.edit.text().strip() or (str(self.start) if self.start else "")
        if self.mode == "folder":
            chosen = QFileDialog.getExistingDirectory(self, self.caption, where)
        elif self.mode == "open":
            chosen, _ = QFileDialog.getOpenFileName(self, self.caption, where, self.pattern)
        else:
            chosen, _ = QFileDialog.getSaveFileName(self, self.caption, where, self.pattern)
        if chosen:
            self.edit.setText(chosen)

    def path(self) -> Path:
        """The path as typed or chosen (surrounding spaces removed)."""
        return Path(self.edit.text().strip())
