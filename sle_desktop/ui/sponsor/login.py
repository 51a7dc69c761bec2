"""The sponsor log-in dialog; on the first run it creates the first data manager instead."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from sle_desktop.domain.errors import AppError
from sle_desktop.sponsor import accounts
from sle_desktop.ui.common import error_label, heading, name_inputs
from sle_desktop.ui.messages import plain_message
from sle_desktop.ui.screen_fit import grow_with_contents


class SponsorLoginDialog(QDialog):
    """User name and password (and, on the first run, full name and password again); `session` when accepted."""

    def __init__(self, store, where: str = "", parent=None):
        super().__init__(parent)
        self.setObjectName("sponsorLoginDialog")
        self.store = store
        self.session = None
        self.first_run = accounts.needs_first_user(store)
        self.setWindowTitle(self.tr("Log in – SLE MSC trial sponsor"))
        lay = QVBoxLayout(self)
        lay.addWidget(heading(self.tr("SLE MSC trial – sponsor data management"), self))
        if where:
            text = self.tr("Sponsor database: {0}").format(where)
            info = QLabel(self)
            info.setToolTip(text)
            info.setText(info.fontMetrics().elidedText(text, Qt.ElideRight, 440))  # a long path or URL
            lay.addWidget(info)
        if self.first_run:
            first = QLabel(self.tr("First run: create the first data manager account. The data manager then "
                                   "creates the accounts of monitors, safety officers and statisticians."), self)
            first.setWordWrap(True)
            lay.addWidget(first)
        form = QFormLayout()
        self.username = QLineEdit(self)
        self.username.setObjectName("username")
        form.addRow(self.tr("&User name:"), self.username)
        self.display_name = QLineEdit(self)
        self.display_name.setObjectName("displayName")
        self.password = QLineEdit(self)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.Password)
        self.password2 = QLineEdit(self)
        self.password2.setObjectName("password2")
        self.password2.setEchoMode(QLineEdit.Password)
        if self.first_run:
            form.addRow(self.tr("&Full name:"), self.display_name)
        form.addRow(self.tr("&Password:"), self.password)
        if self.first_run:
            form.addRow(self.tr("Password &again:"), self.password2)
        self.display_name.setVisible(self.first_run)
        self.password2.setVisible(self.first_run)
        lay.addLayout(form)
        self.message = error_label(self)
        self.message.setObjectName("loginMessage")
        lay.addWidget(self.message)
        buttons = QDialogButtonBox(self)
        label = self.tr("&Create and log in") if self.first_run else self.tr("&Log in")
        self.login_button = buttons.addButton(label, QDialogButtonBox.AcceptRole)
        self.login_button.setObjectName("loginButton")
        self.login_button.setDefault(True)
        buttons.addButton(self.tr("&Quit"), QDialogButtonBox.RejectRole)
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.setMinimumWidth(480)
        self.username.setFocus(Qt.OtherFocusReason)
        name_inputs(self)
        grow_with_contents(self)

    def _fail(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(True)
        self.password.clear()
        self.password2.clear()
        self.password.setFocus(Qt.OtherFocusReason)

    def try_login(self) -> None:
        """Create the first data manager or check the password; on success accept."""
        try:
            if self.first_run:
                if self.password.text() != self.password2.text():
                    self._fail(self.tr("The two passwords differ; type the same password twice."))
                    return
                self.session = accounts.create_first_data_manager(
                    self.store, username=self.username.text().strip(), display_name=self.display_name.text(),
                    password=self.password.text())
            else:
                self.session = accounts.login(self.store, self.username.text().strip(), self.password.text())
        except AppError as exc:
            self._fail(plain_message(exc))
            return
        self.accept()
