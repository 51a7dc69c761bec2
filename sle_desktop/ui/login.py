"""The log-in dialog: user name + password -> `site.login`; plain messages for failures and lockout."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from sle_desktop.app import site
from sle_desktop.app.errors import AppError, StoreError
from sle_desktop.ui.common import Banner, error_label, heading, name_inputs
from sle_desktop.ui.messages import plain_message
from sle_desktop.ui.screen_fit import grow_with_contents


class LoginDialog(QDialog):
    """Asks for the user name and password; emits `logged_in(session)` and accepts on success."""

    logged_in = Signal(object)

    def __init__(self, store, *, username: str = "", password: str = "", demo_hint: str = "", parent=None):
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.store = store
        self.session = None
        self.setWindowTitle(self.tr("Log in – SLE MSC trial"))
        try:
            info = site.site_info(store)
            where = self.tr("Site {0} – {1}").format(info.code, info.name)
        except (AppError, StoreError):
            where = ""
        lay = QVBoxLayout(self)
        lay.addWidget(heading(self.tr("SLE MSC trial – electronic data capture"), self))
        if where:
            site_label = QLabel(where, self)
            site_label.setWordWrap(True)
            lay.addWidget(site_label)
        if demo_hint:
            hint = Banner(self)
            hint.show_message(demo_hint, "demo")
            lay.addWidget(hint)
        form = QFormLayout()
        self.username = QLineEdit(username, self)
        self.username.setObjectName("username")
        self.password = QLineEdit(password, self)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.Password)
        form.addRow(self.tr("&User name:"), self.username)
        form.addRow(self.tr("&Password:"), self.password)
        lay.addLayout(form)
        self.message = error_label(self)
        self.message.setObjectName("loginMessage")
        lay.addWidget(self.message)
        buttons = QDialogButtonBox(self)
        self.login_button = buttons.addButton(self.tr("&Log in"), QDialogButtonBox.AcceptRole)
        self.login_button.setObjectName("loginButton")
        self.login_button.setDefault(True)
        buttons.addButton(self.tr("&Quit"), QDialogButtonBox.RejectRole)
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.setMinimumWidth(460)
        (self.password if username else self.username).setFocus(Qt.OtherFocusReason)
        name_inputs(self)  # accessible names/buddies from the row labels
        grow_with_contents(self)  # a message that appears is shown whole

    def try_login(self) -> None:
        """Check the credentials; on success accept, otherwise show why."""
        try:
            self.session = site.login(self.store, self.username.text().strip(), self.password.text())
        except (AppError, StoreError) as exc:
            self.message.setText(plain_message(exc))
            self.message.setVisible(True)
            self.password.clear()
            self.password.setFocus(Qt.OtherFocusReason)
            return
        self.message.setVisible(False)
        self.logged_in.emit(self.session)
        self.accept()
