"""Export dialog: pick a USB drive or folder, see what will be sent, write and verify the bundle in the background."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from sle_desktop.app import sync_site
from sle_desktop.ui.background import run_use_case
from sle_desktop.ui.common import ERROR_STYLE, OK_STYLE, WARNING_STYLE, fmt_date, heading, name_inputs
from sle_desktop.ui.messages import plain_message

_PATH_ROLE = Qt.UserRole + 1


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - getuser raises various errors when no account name is known
        return ""


def _windows_removable_drives() -> list[tuple[str, Path]]:
    """Removable drive letters on Windows (GetDriveTypeW == DRIVE_REMOVABLE)."""
    import ctypes
    import string

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    mask = kernel32.GetLogicalDrives()
    found = []
    for i, letter in enumerate(string.ascii_uppercase):
        if mask & (1 << i):
            root = f"{letter}:\\"
            if kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)) == 2:  # DRIVE_REMOVABLE
                found.append((root, Path(root)))
    return found


def candidate_folders(roots: list[Path] | None = None) -> list[tuple[str, Path]]:
    """Likely USB drives: writable folders under /media/$USER, /run/media/$USER, /media, /mnt, /Volumes,
    and removable drive letters on Windows. Returns (label, path) pairs."""
    out: list[tuple[str, Path]] = []
    seen: set[str] = set()
    if sys.platform == "win32" and roots is None:
        try:
            out.extend(_windows_removable_drives())
        except (OSError, AttributeError):
            pass
        return out
    user = _user()
    if roots is None:
        roots = [Path("/media") / user, Path("/run/media") / user, Path("/media"), Path("/mnt"), Path("/Volumes")]
    skip = {str(Path("/media") / user), str(Path("/run/media") / user)}
    for root in roots:
        try:
            children = sorted(root.iterdir()) if root.is_dir() else []
        except OSError:
            continue
        for child in children:
            key = str(child)
            if key in seen or key in skip or child.name.startswith("."):
                continue
            try:
                if child.is_dir() and os.access(child, os.W_OK):
                    seen.add(key)
                    out.append((f"{child.name}  ({child})", child))
            except OSError:
                continue
    return out


def _size_text(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{max(1, round(n / 1000))} kB"


class ExportDialog(QDialog):
    """Writes the next sync bundle to a USB drive or folder; emits `exported(ExportResult)` or `failed(message)`."""

    exported = Signal(object)
    failed = Signal(str)

    def __init__(self, session, parent=None, *, roots: list[Path] | None = None):
        super().__init__(parent)
        self.session = session
        self._job = None
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Send data to the sponsor"))
        lay = QVBoxLayout(self)
        lay.addWidget(heading(self.tr("Export a sync bundle"), self, size_delta=1))
        intro = QLabel(self.tr(
            "The bundle is encrypted so that only the sponsor can open it, and signed by this site. It contains the "
            "pseudonymous subject IDs only: no names, ID numbers, phone numbers or addresses."), self)
        intro.setWordWrap(True)
        lay.addWidget(intro)

        self.keys_label = QLabel(self)
        self.keys_label.setObjectName("sponsorKeys")
        self.keys_label.setWordWrap(True)
        self.keys_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        lay.addWidget(self.keys_label)
        self.pending_label = QLabel(self)
        self.pending_label.setObjectName("pendingChanges")
        self.pending_label.setWordWrap(True)
        lay.addWidget(self.pending_label)

        lay.addWidget(QLabel(self.tr("Where to write the bundle (a USB drive, or any folder):"), self))
        self.targets = QListWidget(self)
        self.targets.setObjectName("targets")
        self.targets.setAccessibleName(self.tr("Where to write the bundle"))
        self.targets.setMinimumHeight(90)
        lay.addWidget(self.targets)
        row = QHBoxLayout()
        self.choose_button = QPushButton(self.tr("&Choose folder…"), self)
        self.choose_button.setObjectName("chooseFolder")
        self.choose_button.clicked.connect(self._choose_folder)
        self.refresh_button = QPushButton(self.tr("&Look for drives again"), self)
        self.refresh_button.clicked.connect(self._fill_targets)
        row.addWidget(self.choose_button)
        row.addWidget(self.refresh_button)
        row.addStretch(1)
        lay.addLayout(row)

        self.progress = QProgressBar(self)
        self.progress.setObjectName("exportProgress")
        self.progress.setVisible(False)
        lay.addWidget(self.progress)
        self.result_label = QLabel(self)
        self.result_label.setObjectName("exportResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        lay.addWidget(self.result_label)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.export_button = QPushButton(self.tr("&Export"), self)
        self.export_button.setObjectName("exportButton")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start_export)
        self.close_button = QPushButton(self.tr("C&lose"), self)
        self.close_button.setObjectName("closeButton")
        self.close_button.clicked.connect(self._close_or_cancel)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)
        lay.addLayout(buttons)
        self.targets.itemSelectionChanged.connect(self._update_buttons)
        self.setMinimumWidth(560)
        self._roots = roots
        self._has_keys = False
        self._has_changes = False
        self._fill_targets()
        self.refresh()
        name_inputs(self)  # accessible names/buddies from the row labels

    # -- state -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the sponsor keys and what is waiting to be sent."""
        try:
            preview = sync_site.export_preview(self.session)
        except Exception as exc:  # noqa: BLE001 - shown to the user in plain words
            self.pending_label.setText(plain_message(exc))
            self.pending_label.setStyleSheet(ERROR_STYLE)
            self._has_keys = self._has_changes = False
            self._update_buttons()
            return
        self._has_keys = bool(preview.sponsor_keys)
        if self._has_keys:
            lines = [self.tr("Encrypted for the sponsor key(s) below; the sponsor can confirm the fingerprint by phone:")]
            for k in preview.sponsor_keys:
                lines.append(f"  {k.fingerprint}" + (f"  ({k.label})" if k.label else ""))
            self.keys_label.setText("\n".join(lines))
            self.keys_label.setStyleSheet("")
        else:
            self.keys_label.setText(self.tr(
                "No sponsor key is set up, so nothing can be exported yet. Ask the sponsor for the file sponsor.pub "
                "and import it in the sync settings."))
            self.keys_label.setStyleSheet(WARNING_STYLE)
        self._has_changes = preview.changes > 0
        if self._has_changes:
            text = self.tr("Bundle {0}: {1} changes waiting to be sent ({2} records), about {3}.").format(
                preview.bundle_seq, preview.changes, preview.records, _size_text(preview.estimated_bytes))
        else:
            text = self.tr("Nothing new to send since the last export.")
        if preview.last_export:
            text += "\n" + self.tr("Last export: bundle {0} on {1} ({2}).").format(
                preview.last_export.bundle_seq, fmt_date(preview.last_export.created_at),
                preview.last_export.file_name)
        self.pending_label.setText(text)
        self.pending_label.setStyleSheet("")
        self._update_buttons()

    def _fill_targets(self) -> None:
        chosen = self.target()
        self.targets.clear()
        for label, path in candidate_folders(self._roots):
            self._add_target(label, path)
        if chosen is not None:
            self.set_target(chosen)
        elif self.targets.count() == 1:
            self.targets.setCurrentRow(0)
        self._update_buttons()

    def _add_target(self, label: str, path: Path) -> QListWidgetItem:
        item = QListWidgetItem(label, self.targets)
        item.setData(_PATH_ROLE, str(path))
        return item

    def set_target(self, path) -> None:
        """Select a folder as the destination (adding it to the list if needed)."""
        path = Path(path)
        for i in range(self.targets.count()):
            if self.targets.item(i).data(_PATH_ROLE) == str(path):
                self.targets.setCurrentRow(i)
                return
        item = self._add_target(str(path), path)
        self.targets.setCurrentItem(item)

    def target(self) -> Path | None:
        item = self.targets.currentItem()
        return Path(item.data(_PATH_ROLE)) if item is not None else None

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the folder for the bundle"))
        if folder:
            self.set_target(folder)

    def _update_buttons(self) -> None:
        busy = self._job is not None
        self.export_button.setEnabled(not busy and self._has_keys and self._has_changes and self.target() is not None)
        self.choose_button.setEnabled(not busy)
        self.refresh_button.setEnabled(not busy)
        self.targets.setEnabled(not busy)
        cancelling = busy and self._job.cancel_requested
        self.close_button.setEnabled(not cancelling)
        self.close_button.setText(self.tr("&Cancel export") if busy else self.tr("C&lose"))

    # -- export --------------------------------------------------------------------------------
    def start_export(self) -> None:
        """Write the bundle to the selected folder in the background."""
        target = self.target()
        if target is None or self._job is not None:
            return
        self.result_label.setText(self.tr("Writing and checking the bundle… do not remove the drive."))
        self.result_label.setStyleSheet("")
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self._job = run_use_case(self.session, sync_site.export_bundle, target, progress=True, cancellable=True,
                                 on_finished=self._finished, on_failed=self._failed, on_progress=self._progress,
                                 on_cancelled=self._cancelled)
        self._update_buttons()

    def _close_or_cancel(self) -> None:
        """Close; while the bundle is being built, stop it instead (nothing is written or recorded then)."""
        if self._job is None:
            self.reject()
            return
        self._job.cancel()
        self.result_label.setText(self.tr("Cancelling…"))
        self._update_buttons()

    def _cancelled(self) -> None:
        self._job = None
        self.progress.setVisible(False)
        self.result_label.setText(self.tr("The export was cancelled: no bundle was written and nothing was recorded."))
        self.result_label.setStyleSheet(WARNING_STYLE)
        self.refresh()

    def _progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _finished(self, result) -> None:
        self._job = None
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        text = self.tr("Done. Bundle {0} was written to {1} ({2}) and read back: it is complete and its signature "
                       "verifies. {3} changes were exported.").format(
            result.bundle_seq, result.path, _size_text(result.size_bytes), result.changes)
        if result.sae_marked:
            text += " " + self.tr("{0} serious adverse event(s) are now marked as sent.").format(result.sae_marked)
        text += " " + self.tr("You can now remove the drive safely and take it to the sponsor.")
        self.result_label.setText(text)
        self.result_label.setStyleSheet(OK_STYLE)
        self.refresh()
        self.exported.emit(result)

    def _failed(self, exc) -> None:
        self._job = None
        self.progress.setVisible(False)
        message = plain_message(exc)
        self.result_label.setText(self.tr("The bundle was not exported: {0}").format(message))
        self.result_label.setStyleSheet(ERROR_STYLE)
        self.refresh()
        self.failed.emit(message)

    def reject(self) -> None:
        if self._job is not None:
            return  # never close while the bundle is being written
        super().reject()
