"""Paper and backup in the windows: File → Print casebook…, Blank CRF…, Back up to USB…, the backup reminder, the
question at log-out, and the first-run "Restore from backup…"."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
)

from sle_desktop.app import backup as backup_uc
from sle_desktop.app import blank_crf as blank_uc
from sle_desktop.app import casebook as casebook_uc
from sle_desktop.ui import i18n
from sle_desktop.ui.background import run_use_case
from sle_desktop.ui.common import ERROR_STYLE, OK_STYLE, WARNING_STYLE, catalog, fmt_date
from sle_desktop.ui.messages import plain_message
from sle_desktop.ui.path_field import PathField


def _t(text: str) -> str:
    return QCoreApplication.translate("PaperActions", text)


def _documents() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation) or Path.home())


class _JobDialog(QDialog):
    """A small dialog whose OK runs a job, shows its one-line outcome and stays open for the next step."""

    done = Signal(object)

    def __init__(self, parent, title: str):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.result = QLabel(self)
        self.result.setObjectName("paperResult")
        self.result.setWordWrap(True)
        self.result.setVisible(False)
        self.buttons = QDialogButtonBox(self)
        self.ok = self.buttons.addButton(QDialogButtonBox.Ok)
        self.buttons.addButton(QDialogButtonBox.Close).clicked.connect(self.close)
        self.ok.clicked.connect(self.run)
        lay = QVBoxLayout(self)
        lay.addLayout(self.form)
        lay.addWidget(self.result)
        lay.addWidget(self.buttons)

    def show_result(self, text: str, ok: bool) -> None:
        self.result.setText(text)
        self.result.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.result.setVisible(True)
        self.ok.setEnabled(True)
        self.adjustSize()

    def failed(self, exc, _tb=None) -> None:
        self.show_result(plain_message(exc), False)

    def run(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class PrintCasebookDialog(_JobDialog):
    """One subject's casebook as PDF or on a printer; pseudonymous unless identifiers are asked for."""

    def __init__(self, session, subject_uuid: str, label: str, parent=None):
        super().__init__(parent, self.tr("Print casebook {0}").format(label))
        self.setObjectName("printCasebookDialog")
        self.session, self.subject_uuid = session, subject_uuid
        self.to_pdf = QRadioButton(self.tr("Save as a &PDF file"), self)
        self.to_printer = QRadioButton(self.tr("Send to a p&rinter"), self)
        self.to_pdf.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.to_pdf)
        group.addButton(self.to_printer)
        self.file = PathField(self, _documents() / f"{label}-casebook.pdf", mode="save",
                              caption=self.tr("Save the casebook as"), pattern=self.tr("PDF files (*.pdf)"))
        self.identifiers = QCheckBox(self.tr("Include the direct &identifiers (name, national ID, phone, address); "
                                             "every page then says so"), self)
        self.form.addRow(self.to_pdf)
        self.form.addRow(self.tr("&File:"), self.file)
        self.form.addRow(self.to_printer)
        self.form.addRow(self.identifiers)
        self.to_pdf.toggled.connect(self.file.setEnabled)

    def run(self) -> None:
        self.ok.setEnabled(False)
        run_use_case(self.session, casebook_uc.subject_casebook, self.subject_uuid, parent=self,
                      include_identifiers=self.identifiers.isChecked(), on_finished=self._write, on_failed=self.failed)

    def _write(self, book) -> None:
        from sle_desktop.ui.printing.casebook import print_casebook, write_casebook_pdf

        try:
            if self.to_printer.isChecked():
                from PySide6.QtPrintSupport import QPrintDialog, QPrinter

                printer = QPrinter(QPrinter.HighResolution)
                if QPrintDialog(printer, self).exec() != QDialog.Accepted:
                    self.ok.setEnabled(True)
                    return
                pages = print_casebook(book, printer)
                self.show_result(self.tr("The casebook ({0} pages) was sent to the printer.").format(pages), True)
            else:
                pages = write_casebook_pdf(book, self.file.path())
                self.show_result(self.tr("Casebook saved: {0} ({1} pages).").format(self.file.path(), pages), True)
        except Exception as exc:  # noqa: BLE001 - every failure is shown in plain words
            self.failed(exc)
            return
        self.done.emit(pages)


class BlankCrfDialog(_JobDialog):
    """Blank CRFs of one visit (or all) from the study definition in force, in English or Russian."""

    def __init__(self, session, parent=None):
        super().__init__(parent, self.tr("Blank CRF for paper entry"))
        self.setObjectName("blankCrfDialog")
        self.session = session
        self.visit = QComboBox(self)
        self.visit.addItem(self.tr("Every visit"), None)
        for v in blank_uc.blank_crf(session).visits:
            self.visit.addItem(catalog(v.label), v.code)
        self.language = QComboBox(self)
        self.language.addItem("English", "en")
        self.language.addItem("Русский", "ru")
        self.language.setCurrentIndex(1 if i18n.current_language() == "ru" else 0)
        self.file = PathField(self, _documents() / "blank-crf.pdf", mode="save", caption=self.tr("Save the blank CRF as"),
                              pattern=self.tr("PDF files (*.pdf)"))
        self.form.addRow(self.tr("&Visit:"), self.visit)
        self.form.addRow(self.tr("&Language:"), self.language)
        self.form.addRow(self.tr("&File:"), self.file)

    def run(self) -> None:
        from sle_desktop.ui.printing.blank_crf import write_blank_crf_pdf

        shown = i18n.current_language()
        wanted = self.language.currentData()
        try:
            crf = blank_uc.blank_crf(self.session, visit_code=self.visit.currentData())
            if wanted != shown:
                i18n.install(wanted)
            try:
                pages = write_blank_crf_pdf(crf, self.file.path())
            finally:
                if wanted != shown:
                    i18n.install(shown)
        except Exception as exc:  # noqa: BLE001 - every failure is shown in plain words
            self.failed(exc)
            return
        self.show_result(self.tr("Blank CRF saved: {0} ({1} pages).").format(self.file.path(), pages), True)
        self.done.emit(pages)


class BackupDialog(_JobDialog):
    """Back up the site database to a USB folder, in the background."""

    def __init__(self, session, parent=None, *, folder: Path | None = None):
        super().__init__(parent, self.tr("Back up to USB"))
        self.setObjectName("backupDialog")
        self.session = session
        self.folder = PathField(self, folder or _default_usb(), mode="folder", caption=self.tr("Back up into the folder"))
        explain = QLabel(self.tr("The backup is encrypted to this site's key and the sponsor's; it restores on a new PC "
                                 "with the machine key file or a site administrator's password."), self)
        explain.setWordWrap(True)
        self.form.addRow(explain)
        self.form.addRow(self.tr("&Folder:"), self.folder)

    def run(self) -> None:
        self.ok.setEnabled(False)
        self.show_result(self.tr("Backing up…"), True)
        self.ok.setEnabled(False)
        run_use_case(self.session, backup_uc.backup, self.folder.path(), parent=self, on_finished=self._finished,
                      on_failed=self.failed)

    def _finished(self, result) -> None:
        self.show_result(self.tr("Backup written and verified: {0} (changes up to {1}).").format(
            result.path, result.head_seq), True)
        self.done.emit(result)


def _default_usb() -> Path:
    from sle_desktop.ui.export_dialog import candidate_folders

    found = candidate_folders()
    return found[0][1] if found else _documents()


class RestoreDialog(QDialog):
    """First run on a new PC: restore the site from a backup file (machine key file or an administrator's password)."""

    restored = Signal(object)

    def __init__(self, restorer, parent=None):
        """`restorer(backup_file, admin=…, password=…)` restores into the database being set up (app.backup.restore)."""
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle(self.tr("Restore from backup"))
        self.restorer = restorer
        row = PathField(self, mode="open", caption=self.tr("Choose the backup"),
                        pattern=self.tr("Site backups (*.slebackup)"), start=_default_usb())
        self.file = row.edit
        self.admin = QLineEdit(self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.Password)
        self.message = QLabel(self)
        self.message.setObjectName("restoreMessage")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        form = QFormLayout()
        file_label = QLabel(self.tr("Backup &file:"), self)
        file_label.setBuddy(self.file)
        form.addRow(file_label, row)
        hint = QLabel(self.tr("On a new PC give a site administrator's user name and password; on the same PC the "
                              "machine key file is enough."), self)
        hint.setWordWrap(True)
        form.addRow(hint)
        form.addRow(self.tr("Administrator &user name:"), self.admin)
        form.addRow(self.tr("&Password:"), self.password)
        buttons = QDialogButtonBox(self)
        self.restore_button = buttons.addButton(self.tr("&Restore"), QDialogButtonBox.AcceptRole)
        buttons.addButton(QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.restore)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addWidget(buttons)

    def restore(self) -> None:
        admin = self.admin.text().strip() or None
        password = self.password.text() or None
        try:
            result = self.restorer(Path(self.file.text().strip()), admin=admin, password=password if admin else None)
        except Exception as exc:  # noqa: BLE001 - every failure is shown in plain words
            self.message.setText(plain_message(exc))
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setVisible(True)
            self.adjustSize()
            return
        self.restored.emit(result)
        self.accept()


def restore_summary(result) -> str:
    """What the site must know after a restore: how far the data reach."""
    return QCoreApplication.translate("Paper", "Site {0} restored from the backup of {1}: the data reach change {2} of "
                                      "the audit trail and bundle {3}. Re-enter anything recorded after that.").format(
        result.site_code, fmt_date(result.created_at[:10]), result.head_seq, result.last_bundle_seq)


class PaperActions:
    """The File-menu entries of the main window and the backup reminder (kept out of main_window.py)."""

    def __init__(self, window):
        self.window = window
        # in the status bar: always in view, never hidden by other messages, and it takes no height from the plots
        self.banner = QLabel(window)
        self.banner.setObjectName("backupReminder")
        self.banner.setStyleSheet(WARNING_STYLE)
        self.banner.setVisible(False)
        window.statusBar().addWidget(self.banner, 1)
        self.actions: dict[str, QAction] = {}
        for name, text, slot in (
            ("print_casebook", _t("&Print casebook…"), self.print_casebook),
            ("blank_crf", _t("&Blank CRF for paper entry…"), self.blank_crf),
            ("backup", _t("&Back up to USB…"), self.backup),
        ):
            action = QAction(text, window)
            action.setObjectName(f"action_{name}")
            action.triggered.connect(slot)
            self.actions[name] = action
            window.named_actions[name] = action

    def print_casebook(self):
        uuid_ = self.window.current_subject_uuid()
        if uuid_ is None:
            self.window.banner.show_message(_t("Select a subject in the list first."), "info")
            return None
        label = dict(_labels(self.window.session)).get(uuid_, "")
        return self._show(PrintCasebookDialog(self.window.session, uuid_, label, self.window))

    def blank_crf(self):
        return self._show(BlankCrfDialog(self.window.session, self.window))

    def backup(self):
        dialog = BackupDialog(self.window.session, self.window)
        dialog.done.connect(lambda _r: self.remind())
        return self._show(dialog)

    def _show(self, dialog):
        self.window.windows.append(dialog)
        dialog.show()
        return dialog

    def remind(self) -> None:
        """A banner when the last backup is older than the study definition's number of days and data changed."""
        try:
            state = backup_uc.backup_state(self.window.session)
        except Exception:  # noqa: BLE001 - a reminder must never stop the window
            return
        if not state.due():
            self.banner.clear()
            self.banner.setVisible(False)
        else:
            when = fmt_date(state.last_at.date()) if state.last_at else _t("never")
            self.banner.setVisible(True)
            self.banner.setText(_t("Backup due (last: {0}) – File → Back up to USB…").format(when))
            self.banner.setToolTip(_t("There are changes that are in no backup, and the study asks for a backup at "
                                      "least every {0} days.").format(state.days))

    def changed_since_backup(self) -> bool:
        try:
            return backup_uc.backup_state(self.window.session).changed_since
        except Exception:  # noqa: BLE001
            return False

    def ask_before_logout(self, then) -> bool:
        """True when nothing waits for a backup; otherwise ask (non-blocking): back up first, or log out anyway."""
        if self.window.demo or not self.window.session.can("export") or not self.changed_since_backup():
            return True
        box = QMessageBox(QMessageBox.Question, _t("Back up before logging out?"),
                          _t("There are changes that are not in a backup yet. Back up to USB now?"),
                          QMessageBox.NoButton, self.window)
        box.setObjectName("backupQuestion")
        back_up = box.addButton(_t("&Back up…"), QMessageBox.AcceptRole)
        anyway = box.addButton(_t("&Log out anyway"), QMessageBox.DestructiveRole)
        anyway.setObjectName("logoutAnyway")
        cancel = box.addButton(QMessageBox.Cancel)
        box.setDefaultButton(back_up)

        def answered(_r):
            if box.clickedButton() is back_up:
                self.backup()
            elif box.clickedButton() is not cancel:
                then()
        box.finished.connect(answered)
        self.window.backup_box = box
        box.open()
        return False


def _labels(session):
    from sle_desktop.app import ui_queries

    return ui_queries.subject_labels(session)
