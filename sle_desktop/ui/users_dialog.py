"""User accounts (administrators): list, create, deactivate/reactivate with a reason."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from sle_desktop.app import site
from sle_desktop.app.errors import AppError, StoreError
from sle_desktop.app.session import ROLE_LABELS, ROLES
from sle_desktop.ui.common import Banner, catalog, error_label, fmt_date, heading, name_inputs, with_error
from sle_desktop.ui.messages import FieldErrors, report
from sle_desktop.ui.reason_dialog import ReasonDialog


class UsersDialog(QDialog):
    """Account management; every change is audited by the app layer."""

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.setObjectName("usersDialog")
        self.session = session
        self.reason_dialog = None
        self.setWindowTitle(self.tr("User accounts"))
        lay = QVBoxLayout(self)
        lay.addWidget(heading(self.tr("User accounts"), self))
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("usersTable")
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the next control; arrows move in it
        self.table.setHorizontalHeaderLabels([self.tr("User name"), self.tr("Full name"), self.tr("Role"),
                                              self.tr("Active"), self.tr("Locked until")])
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        lay.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.toggle_button = QPushButton(self.tr("&Deactivate / reactivate…"), self)
        self.toggle_button.setObjectName("toggleUser")
        self.toggle_button.clicked.connect(self.toggle_selected)
        row.addWidget(self.toggle_button)
        row.addStretch(1)
        lay.addLayout(row)
        self.banner = Banner(self)
        self.errors = FieldErrors(self.banner)
        box = QGroupBox(self.tr("New account"), self)
        form = QFormLayout(box)
        self.username = QLineEdit(box)
        self.username.setObjectName("newUsername")
        self.full_name = QLineEdit(box)
        self.full_name.setObjectName("newFullName")
        self.role = QComboBox(box)
        self.role.setObjectName("newRole")
        for r in ROLES:
            self.role.addItem(catalog(ROLE_LABELS[r]), r)
        self.password = QLineEdit(box)
        self.password.setObjectName("newPassword")
        self.password.setEchoMode(QLineEdit.Password)
        self.password2 = QLineEdit(box)
        self.password2.setEchoMode(QLineEdit.Password)
        self.password2.setObjectName("newPassword2")
        for field, label, w in (("username", self.tr("User name:"), self.username),
                                ("display_name", self.tr("Full name:"), self.full_name),
                                ("role", self.tr("Role:"), self.role),
                                ("password", self.tr("Initial password:"), self.password),
                                ("password2", self.tr("Repeat password:"), self.password2)):
            form.addRow(label, with_error(w, self.errors.register(field, error_label(box))))
        self.create_button = QPushButton(self.tr("&Create account"), box)
        self.create_button.setObjectName("createUser")
        self.create_button.clicked.connect(self.create_user)
        form.addRow("", self.create_button)
        lay.addWidget(box)
        lay.addWidget(self.banner)
        close = QDialogButtonBox(QDialogButtonBox.Close, self)
        close.rejected.connect(self.reject)
        lay.addWidget(close)
        can_manage = session.can("manage_users")
        box.setEnabled(can_manage)
        self.toggle_button.setEnabled(can_manage)
        self.resize(760, 640)
        self.refresh()
        name_inputs(self)  # accessible names/buddies from the row labels

    def refresh(self) -> None:
        try:
            users = site.list_users(self.session)
        except (AppError, StoreError) as exc:
            report(exc, banner=self.banner)
            return
        self.table.setRowCount(len(users))
        for i, u in enumerate(users):
            values = (u.username, u.display_name, catalog(ROLE_LABELS.get(u.role, u.role)),
                      self.tr("yes") if u.active else self.tr("no"), fmt_date(u.locked_until))
            for c, v in enumerate(values):
                item = QTableWidgetItem(v)
                item.setData(Qt.UserRole, (u.username, bool(u.active)))
                self.table.setItem(i, c, item)

    def create_user(self) -> None:
        self.errors.clear()
        if self.password.text() != self.password2.text():
            self.errors.set("password2", self.tr("The two passwords differ."))
            return
        try:
            site.create_user(self.session, username=self.username.text().strip(), display_name=self.full_name.text(),
                             role=self.role.currentData(), password=self.password.text())
        except (AppError, StoreError) as exc:
            report(exc, fields=self.errors, banner=self.banner)
            return
        self.banner.show_message(self.tr("Account {0} created.").format(self.username.text().strip()), "ok")
        for w in (self.username, self.full_name, self.password, self.password2):
            w.clear()
        self.refresh()

    def toggle_selected(self) -> None:
        items = self.table.selectedItems()
        if not items:
            self.banner.show_message(self.tr("Select an account first."), "info")
            return
        username, active = items[0].data(Qt.UserRole)
        if username == self.session.username:
            self.banner.show_message(self.tr("You cannot deactivate your own account."), "warning")
            return
        what = (self.tr("Deactivate {0}") if active else self.tr("Reactivate {0}")).format(username)
        self.reason_dialog = ReasonDialog(self, what=what)
        self.reason_dialog.accepted.connect(lambda: self._set_active(username, not active,
                                                                     self.reason_dialog.reason()))
        self.reason_dialog.open()

    def _set_active(self, username: str, active: bool, reason: str) -> None:
        try:
            site.set_user_active(self.session, username, active, reason=reason)
        except (AppError, StoreError) as exc:
            report(exc, banner=self.banner)
            return
        self.refresh()
