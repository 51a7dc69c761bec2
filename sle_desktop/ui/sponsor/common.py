"""Labels and the tab base of the sponsor window."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from sle_desktop.app.queries import FORM_LABELS
from sle_desktop.app.study import load_study
from sle_desktop.app.subjects import ARM_LABELS, STATUS_LABELS
from sle_desktop.domain.safety import RELATIONSHIP_LABELS
from sle_desktop.ui.common import Banner, catalog
from sle_desktop.ui.messages import plain_message

ARM_COLOURS = {"msc": "#1565c0", "standard": "#e65100"}


def arm_label(code: str | None) -> str:
    return catalog(ARM_LABELS.get(code, code)) if code else "–"


def status_label(code: str | None) -> str:
    return catalog(STATUS_LABELS.get(code, code)) if code else "–"


def form_label(table: str) -> str:
    return catalog(FORM_LABELS.get(table, table))


def relationship_label(code: str | None) -> str:
    return catalog(RELATIONSHIP_LABELS.get(code, code)) if code else "–"


def visit_label(code: str | None) -> str:
    labels = {v.code: v.label for v in load_study().visits}
    return catalog(labels.get(code, code)) if code else ""


class Tab(QWidget):
    def __init__(self, window):  # the SponsorWindow
        super().__init__(window)
        self.window_ = window
        self.session = window.session
        self.banner = Banner(self)

    def show_error(self, exc) -> None:
        self.banner.show_message(plain_message(exc), "error")

    def refresh(self) -> None:
        """Reload what the tab shows from the database."""


