"""Sponsor accounts (data managers only): the list, a new account, deactivate / reactivate with a reason."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from sle_desktop.domain.errors import AppError
from sle_desktop.sponsor import accounts
from sle_desktop.ui.common import Banner, heading, name_inputs
from sle_desktop.ui.messages import plain_message
from sle_desktop.ui.screen_fit import grow_with_contents
from sle_desktop.ui.sponsor.tables import fill_table, make_table


class SponsorUsersDialog(QDialog):
    def __init__(self, session: accounts.SponsorSession, role_labels: dict[str, str], parent=None):
        super().__init__(parent)
        self.fill_table = fill_table
        self.setObjectName("sponsorUsersDialog")
        self.session = session
        self.role_labels = role_labels
        self.setWindowTitle(self.tr("Sponsor accounts"))
        lay = QVBoxLayout(self)
        lay.addWidget(heading(self.tr("Sponsor accounts"), self))
        self.banner = Banner(self)
        lay.addWidget(self.banner)
        self.table = make_table(self, [self.tr("User name"), self.tr("Full name"), self.tr("Role"), self.tr("Active"),
                                   self.tr("Locked until")], "usersTable")
        lay.addWidget(self.table, 1)
        toggle = QHBoxLayout()
        self.toggle_button = QPushButton(self.tr("&Deactivate / reactivate…"), self)
        self.toggle_button.clicked.connect(self._ask_toggle)
        toggle.addWidget(self.toggle_button)
        toggle.addStretch(1)
        lay.addLayout(toggle)
        form = QFormLayout()
        self.username = QLineEdit(self)
        self.username.setObjectName("newUsername")
        self.display_name = QLineEdit(self)
        self.display_name.setObjectName("newDisplayName")
        self.role = QComboBox(self)
        self.role.setObjectName("newRole")
        for r in accounts.ROLES:
            self.role.addItem(role_labels.get(r, r), r)
        self.password = QLineEdit(self)
        self.password.setObjectName("newPassword")
        self.password.setEchoMode(QLineEdit.Password)
        form.addRow(self.tr("&User name:"), self.username)
        form.addRow(self.tr("&Full name:"), self.display_name)
        form.addRow(self.tr("&Role:"), self.role)
        form.addRow(self.tr("&Password:"), self.password)
        lay.addLayout(form)
        buttons = QDialogButtonBox(self)
        self.create_button = buttons.addButton(self.tr("&Create account"), QDialogButtonBox.ActionRole)
        self.create_button.clicked.connect(self.create)
        buttons.addButton(self.tr("Clo&se"), QDialogButtonBox.RejectRole)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.setMinimumWidth(640)
        name_inputs(self)
        grow_with_contents(self)
        self.refresh()

    def refresh(self) -> None:
        self.users = accounts.list_users(self.session)
        yes, no = self.tr("yes"), self.tr("no")
        self.fill_table(self.table, [(u.username, u.display_name, self.role_labels.get(u.role, u.role),
                                 yes if u.active else no, (u.locked_until or "")[:16]) for u in self.users])

    def create(self) -> None:
        """Create the account typed in the form."""
        try:
            accounts.create_user(self.session, username=self.username.text().strip(),
                                 display_name=self.display_name.text(), role=self.role.currentData(),
                                 password=self.password.text())
        except AppError as exc:
            self.banner.show_message(plain_message(exc), "error")
            return
        self.banner.show_message(self.tr("Account {0} created.").format(self.username.text().strip()), "ok")
        for w in (self.username, self.display_name, self.password):
            w.clear()
        self.refresh()

    def set_active(self, username: str, active: bool, reason: str) -> None:
        try:
            accounts.set_user_active(self.session, username, active, reason=reason)
        except AppError as exc:
            self.banner.show_message(plain_message(exc), "error")
            return
        self.banner.show_message(self.tr("Account {0} changed.").format(username), "ok")
        self.refresh()

    def _ask_toggle(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.users):
            self.banner.show_message(self.tr("Select an account first."), "warning")
            return
        user = self.users[row]
        reason, ok = QInputDialog.getText(self, self.tr("Reason"), self.tr("Reason for the change:"))
        if ok:
            self.set_active(user.username, not user.active, reason)
