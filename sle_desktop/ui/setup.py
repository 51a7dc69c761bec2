"""First run: create the site, its keys and the administrator account (optionally the sponsor's key file)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from sle_desktop.app import site, sync_site
from sle_desktop.app.errors import AppError, StoreError
from sle_desktop.ui.common import Banner, error_label, heading, name_inputs, with_error
from sle_desktop.ui.messages import FieldErrors, plain_message, report
from sle_desktop.ui.path_field import PathField
from sle_desktop.ui.screen_fit import grow_with_contents


class SetupDialog(QDialog):
    """Creates the site and its administrator; emits `site_created(session)` and accepts."""

    site_created = Signal(object)
    restore_requested = Signal()  # "Restore from backup…": the site exists already, on a backup

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.setObjectName("setupDialog")
        self.store = store
        self.session = None
        self.warning = ""  # set when the site was created but the sponsor key file was refused
        self.setWindowTitle(self.tr("First-time set-up – SLE MSC trial"))
        lay = QVBoxLayout(self)
        lay.addWidget(heading(self.tr("Set up this site"), self))
        intro = QLabel(self.tr(
            "This computer has no study database yet. Enter the site and create the administrator account. "
            "The administrator then creates the accounts of investigators, coordinators and monitors."), self)
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.banner = Banner(self)
        self.errors = FieldErrors(self.banner)
        form = QFormLayout()
        self.site_code = QLineEdit(self)
        self.site_code.setObjectName("siteCode")
        self.site_code.setPlaceholderText(self.tr("e.g. BY01"))
        self.site_code.setMaxLength(4)
        self.site_name = QLineEdit(self)
        self.site_name.setObjectName("siteName")
        self.username = QLineEdit(self)
        self.username.setObjectName("adminUsername")
        self.username.setPlaceholderText(self.tr("e.g. admin"))
        self.full_name = QLineEdit(self)
        self.full_name.setObjectName("adminFullName")
        self.password = QLineEdit(self)
        self.password.setObjectName("adminPassword")
        self.password.setEchoMode(QLineEdit.Password)
        self.password.setPlaceholderText(self.tr("at least {0} characters").format(site.MIN_PASSWORD))
        self.password2 = QLineEdit(self)
        self.password2.setObjectName("adminPassword2")
        self.password2.setEchoMode(QLineEdit.Password)
        rows = [
            ("site_code", self.tr("Site &code:"), self.site_code),
            ("site_name", self.tr("Site &name:"), self.site_name),
            ("username", self.tr("Administrator &user name:"), self.username),
            ("display_name", self.tr("Administrator &full name:"), self.full_name),
            ("password", self.tr("&Password:"), self.password),
            ("password2", self.tr("&Repeat password:"), self.password2),
        ]
        box = PathField(self, mode="open", caption=self.tr("Sponsor's public key file"))
        self.sponsor_file = box.edit
        self.sponsor_file.setObjectName("sponsorFile")
        self.sponsor_file.setPlaceholderText(self.tr("optional – can be imported later"))
        rows.append(("sponsor_file", self.tr("Sponsor's public key file:"), box))
        for field, label, widget in rows:
            form.addRow(label, with_error(widget, self.errors.register(field, error_label(self))))
        lay.addLayout(form)
        lay.addWidget(self.banner)
        buttons = QDialogButtonBox(self)
        self.create_button = buttons.addButton(self.tr("Create &site"), QDialogButtonBox.AcceptRole)
        self.create_button.setObjectName("createSiteButton")
        self.create_button.setDefault(True)
        self.restore_button = buttons.addButton(self.tr("Restore from &backup…"), QDialogButtonBox.ActionRole)
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setToolTip(self.tr("This PC replaces one that failed: restore the site from its backup"))
        self.restore_button.clicked.connect(self.restore_requested)
        buttons.addButton(self.tr("&Quit"), QDialogButtonBox.RejectRole)
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.setMinimumWidth(560)
        name_inputs(self)  # accessible names/buddies from the row labels
        grow_with_contents(self)  # a message that appears is shown whole

    def create(self) -> None:
        """Validate, create the site, import the sponsor key if given; accept on success."""
        self.errors.clear()
        if self.password.text() != self.password2.text():
            self.errors.set("password2", self.tr("The two passwords differ; type the same password twice."))
            return
        recipients = None
        if self.sponsor_file.text().strip():
            try:
                recipients = Path(self.sponsor_file.text().strip()).read_text("utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                self.errors.set("sponsor_file", self.tr("Cannot read this file: {0}").format(exc))
                return
        try:
            session = site.create_site(
                self.store, code=self.site_code.text(), name=self.site_name.text(),
                admin_username=self.username.text().strip(), admin_name=self.full_name.text(),
                admin_password=self.password.text())
        except (AppError, StoreError) as exc:
            report(exc, fields=self.errors, banner=self.banner)
            return
        self.session = session
        if recipients is not None:
            try:
                sync_site.set_sponsor_recipients(session, recipients)
            except (AppError, StoreError, ValueError) as exc:
                self.warning = self.tr(
                    "The site was created, but the sponsor's key file was not accepted: {0} "
                    "An administrator can import it later.").format(plain_message(exc))
        self.site_created.emit(session)
        self.accept()
