"""The sponsor's main window: one tab per task, each a widget calling the `sle_desktop.sponsor` use cases."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QMainWindow,
    QTabWidget,
    QWidget,
)

from sle_desktop.sponsor import accounts
from sle_desktop.ui.common import name_inputs
from sle_desktop.ui.screen_fit import centre, fit_to_screen
from sle_desktop.ui.sponsor.bundles_sites import BundlesTab, SitesTab
from sle_desktop.ui.sponsor.review_tab import ReviewTab
from sle_desktop.ui.sponsor.safety_reports import ExportsTab, ReportsTab, SafetyTab


# -- the window ------------------------------------------------------------------------------
class SponsorWindow(QMainWindow):
    """The sponsor's main window for a logged-in `SponsorSession`."""

    def __init__(self, session: accounts.SponsorSession, *, where: str = "", key_file: str = "",
                 language: str = "en"):
        super().__init__()
        self.setObjectName("sponsorWindow")
        self.session = session
        self.key_file = key_file
        self.language = language
        self.setWindowTitle(self.tr("SLE MSC trial – sponsor – {0}").format(where) if where
                            else self.tr("SLE MSC trial – sponsor"))
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("sponsorTabs")
        self.bundles = BundlesTab(self)
        self.sites = SitesTab(self)
        self.review = ReviewTab(self)
        self.safety = SafetyTab(self)
        self.reports = ReportsTab(self)
        self.exports = ExportsTab(self)
        for i, (tab, label) in enumerate(((self.bundles, self.tr("Bundles in")), (self.sites, self.tr("Sites")),
                                          (self.review, self.tr("Data review")), (self.safety, self.tr("Safety")),
                                          (self.reports, self.tr("Reports")), (self.exports, self.tr("Exports")))):
            self.tabs.addTab(tab, f"&{i + 1} {label}")  # Alt+1 … Alt+6
        self.setCentralWidget(self.tabs)
        menu = self.menuBar().addMenu(self.tr("&File"))
        refresh = menu.addAction(self.tr("&Refresh"))
        refresh.setShortcut(QKeySequence.Refresh)
        refresh.triggered.connect(self.data_changed)
        users = menu.addAction(self.tr("&Accounts…"))
        users.setEnabled(session.can("manage_users"))
        users.triggered.connect(self.open_users)
        quit_ = menu.addAction(self.tr("&Quit"))
        quit_.setShortcut(QKeySequence.Quit)
        quit_.triggered.connect(self.close)
        self.role_labels = roles = {
            "data_manager": self.tr("Data manager"), "monitor": self.tr("Monitor"),
            "safety_officer": self.tr("Safety officer"), "statistician": self.tr("Statistician (read-only)")}
        self.statusBar().showMessage(self.tr("{0} ({1})").format(session.display_name,
                                                                 roles.get(session.role, session.role)))
        self._loaded: set[int] = set()
        self.tabs.currentChanged.connect(self._ensure_loaded)
        for w in self.findChildren(QWidget):
            if isinstance(w, QWidget) and w.objectName().endswith("Tab"):
                name_inputs(w)
        fit_to_screen(self, 1340, 720)
        centre(self)
        self.sites.refresh()
        self.review.refresh()
        self._loaded = {1, 2}
        self.tabs.setCurrentWidget(self.sites)

    def open_users(self):
        """The accounts dialog (data managers)."""
        from sle_desktop.ui.sponsor.users import SponsorUsersDialog

        dialog = SponsorUsersDialog(self.session, self.role_labels, self)
        dialog.show()
        return dialog

    def _ensure_loaded(self, index: int) -> None:
        if index not in self._loaded:
            self._loaded.add(index)
            self.tabs.widget(index).refresh()

    def data_changed(self) -> None:
        """Something was imported or changed: reload the tab on show, the others when next shown."""
        self._loaded = {self.tabs.currentIndex()}
        for tab in (self.sites, self.review):
            tab.refresh()
        self._loaded |= {1, 2}
        current = self.tabs.currentWidget()
        if current not in (self.sites, self.review):
            current.refresh()
