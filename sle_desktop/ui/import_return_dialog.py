"""Import a return bundle from the sponsor (USB drive or any folder), verified and applied in the background.

    dialog = ImportReturnDialog(session, parent)     # lists this site's *.slereturn files on USB drives
    dialog.imported.connect(...)                     # ReturnImportResult; refresh queries, SAE clocks ...
"""

from __future__ import annotations

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

from sle_desktop.app import returns
from sle_desktop.sync import return_bundle
from sle_desktop.ui.background import run_use_case
from sle_desktop.ui.common import ERROR_STYLE, OK_STYLE, WARNING_STYLE, name_inputs, translated
from sle_desktop.ui.export_dialog import candidate_folders
from sle_desktop.ui.messages import plain_message
from sle_desktop.ui.screen_fit import grow_with_contents

_PATH_ROLE = Qt.UserRole + 1


class ImportReturnDialog(QDialog):
    """Choose a return bundle from the sponsor and import it; emits `imported(result)` or `failed(message)`."""

    imported = Signal(object)
    failed = Signal(str)

    def __init__(self, session, parent=None, *, roots: list[Path] | None = None):
        super().__init__(parent)
        self.session = session
        self._roots = roots
        self._job = None
        self.setObjectName("importReturnDialog")
        self.setWindowTitle(self.tr("Import from the sponsor"))
        lay = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "A return bundle from the sponsor confirms which data arrived, brings data queries and source-data "
            "verification, and may bring a new study definition. Its signature is checked before anything changes."),
            self)
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.key_label = QLabel(self)
        self.key_label.setObjectName("sponsorSigningKey")
        self.key_label.setWordWrap(True)
        lay.addWidget(self.key_label)
        self.settings_button = QPushButton(self.tr("Sync &settings…"), self)
        self.settings_button.setObjectName("syncSettings")
        self.settings_button.clicked.connect(self.open_sync_settings)
        keys_row = QHBoxLayout()
        keys_row.addWidget(self.settings_button)
        keys_row.addStretch(1)
        lay.addLayout(keys_row)
        self.sync_settings = None
        self.files = QListWidget(self)
        self.files.setObjectName("returnFiles")
        self.files.setMinimumHeight(90)
        self.files.itemSelectionChanged.connect(self._update_buttons)
        lay.addWidget(self.files)
        row = QHBoxLayout()
        self.choose_button = QPushButton(self.tr("Choose file…"), self)
        self.choose_button.clicked.connect(self._choose_file)
        self.refresh_button = QPushButton(self.tr("Look for drives again"), self)
        self.refresh_button.clicked.connect(self.fill_files)
        row.addWidget(self.choose_button)
        row.addWidget(self.refresh_button)
        row.addStretch(1)
        lay.addLayout(row)
        self.progress = QProgressBar(self)
        self.progress.setVisible(False)
        lay.addWidget(self.progress)
        self.result_label = QLabel(self)
        self.result_label.setObjectName("importResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        lay.addWidget(self.result_label)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.import_button = QPushButton(self.tr("Import"), self)
        self.import_button.setObjectName("importButton")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start_import)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)
        lay.addLayout(buttons)
        self.setMinimumWidth(520)
        self._show_key()
        self.fill_files()
        name_inputs(self)  # accessible names/buddies from the row labels
        grow_with_contents(self)  # a message that appears is shown whole

    def _show_key(self) -> None:
        key = returns.sponsor_signing_key(self.session)
        if key is None:
            self.key_label.setText(self.tr("No sponsor signing key is registered, so return bundles cannot be checked. "
                                           "Import the sponsor's file sponsor-signing.pub with Sync settings "
                                           "below."))
            self.key_label.setStyleSheet(WARNING_STYLE)
        else:
            self.key_label.setText(self.tr("Signed by the sponsor key {0}.").format(key.fingerprint))
            self.key_label.setStyleSheet("")

    def open_sync_settings(self):
        """The sync settings (sponsor key files); the signing key shown here is re-read when it changes."""
        from sle_desktop.ui.sync_settings import SyncSettingsDialog

        self.sync_settings = SyncSettingsDialog(self.session, self)
        self.sync_settings.changed.connect(self._show_key)
        self.sync_settings.open()
        return self.sync_settings

    def fill_files(self) -> None:
        chosen = self.path()
        self.files.clear()
        for _label, folder in candidate_folders(self._roots):
            for path in returns.find_return_bundles(self.session, folder):
                self.add_file(path)
        if chosen is not None:
            self.add_file(chosen)
        elif self.files.count():
            self.files.setCurrentRow(0)
        self._update_buttons()

    def add_file(self, path) -> None:
        """Add (and select) a return bundle file."""
        path = Path(path)
        for i in range(self.files.count()):
            if self.files.item(i).data(_PATH_ROLE) == str(path):
                self.files.setCurrentRow(i)
                return
        item = QListWidgetItem(f"{path.name}  ({path.parent})", self.files)
        item.setData(_PATH_ROLE, str(path))
        self.files.setCurrentItem(item)

    def path(self) -> Path | None:
        item = self.files.currentItem()
        return Path(item.data(_PATH_ROLE)) if item is not None else None

    def _choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the return bundle"), "",
                                              self.tr("Return bundles (*{0})").format(return_bundle.SUFFIX))
        if name:
            self.add_file(name)

    def _update_buttons(self) -> None:
        busy = self._job is not None
        self.import_button.setEnabled(not busy and self.path() is not None)
        for w in (self.choose_button, self.refresh_button, self.files, self.close_button):
            w.setEnabled(not busy)

    def start_import(self) -> None:
        path = self.path()
        if path is None or self._job is not None:
            return
        self.result_label.setText(self.tr("Checking and importing {0}…").format(path.name))
        self.result_label.setStyleSheet("")
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self._job = run_use_case(self.session, returns.import_return, path, on_finished=self._finished,
                                 on_failed=self._failed)
        self._update_buttons()

    def _finished(self, result) -> None:
        self._job = None
        self.progress.setVisible(False)
        lines = [self.tr("Return bundle {0} imported.").format(result.return_seq)]
        if result.acknowledged_bundles:
            lines.append(self.tr("The sponsor confirmed receipt of bundle(s) {0}.").format(
                ", ".join(map(str, result.acknowledged_bundles))))
        if result.sae_acknowledged:
            lines.append(self.tr("{0} serious adverse event(s) acknowledged by the sponsor.").format(
                result.sae_acknowledged))
        lines.append(self.tr("{0} new and {1} updated data queries.").format(result.queries_new, result.queries_updated))
        if result.sdv_marks:
            lines.append(self.tr("{0} record(s) source-data-verified.").format(result.sdv_marks))
        if result.casebooks_locked:
            lines.append(self.tr("{0} casebook(s) locked at the sponsor's request.").format(result.casebooks_locked))
        if result.casebooks_unlocked:
            lines.append(self.tr("{0} lock(s) lifted at the sponsor's request.").format(result.casebooks_unlocked))
        if result.study_version_pending:
            lines.append(self.tr("Study definition {0} waits for a site administrator to accept it.").format(
                result.study_version_pending))
        lines.extend(translated(w) for w in result.warnings)
        self.result_label.setText("\n".join(lines))
        self.result_label.setStyleSheet(WARNING_STYLE if result.warnings else OK_STYLE)
        self._update_buttons()
        self.imported.emit(result)

    def _failed(self, exc) -> None:
        self._job = None
        self.progress.setVisible(False)
        message = plain_message(exc)
        self.result_label.setText(self.tr("Nothing was imported: {0}").format(message))
        self.result_label.setStyleSheet(ERROR_STYLE)
        self._update_buttons()
        self.failed.emit(message)

    def reject(self) -> None:
        if self._job is not None:
            return
        super().reject()
