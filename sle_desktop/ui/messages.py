"""Errors in plain language: AppError/StoreError to a sentence, ValidationError next to the fields."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from sle_desktop.app.errors import (
    AccountLocked,
    AppError,
    AuthenticationFailed,
    ConflictError,
    NotFound,
    PermissionDenied,
    ReasonRequired,
    SetupError,
    StoreError,
    ValidationError,
    is_database_busy,
)
from sle_desktop.ui.common import BadInput, exception_text, translated

log = logging.getLogger(__name__)


def _t(text: str) -> str:
    return QCoreApplication.translate("Messages", text)


def plain_message(exc: BaseException) -> str:
    """One or two sentences a clinician can act on; never a traceback."""
    if isinstance(exc, ValidationError):
        items = "\n".join(f"• {translated(m)}" for m in exc.errors.values())
        return _t("Please correct the following:") + "\n" + items
    if isinstance(exc, BadInput):
        return exception_text(exc)
    if isinstance(exc, PermissionDenied):
        return _t("Not allowed: {0}").format(exception_text(exc))
    if isinstance(exc, (AuthenticationFailed, AccountLocked, ConflictError, NotFound, SetupError)):
        return exception_text(exc)
    if isinstance(exc, ReasonRequired):
        return _t("A reason for change is required to change a saved record.")
    if isinstance(exc, (AppError, StoreError)):
        return exception_text(exc)
    if is_database_busy(exc):
        return _t("The database is busy (another program is using it). Wait a moment and try again; "
                  "your entries are still in the form.")
    if isinstance(exc, OSError):
        return _t("A file could not be read or written: {0}").format(exc.strerror or exc)
    log.exception("unexpected error", exc_info=exc)
    return _t("Something unexpected went wrong ({0}). Nothing was saved; your entries are still in the form. "
              "If it happens again, tell the study coordinator.").format(type(exc).__name__)


def show_error(parent: QWidget | None, exc: BaseException, title: str | None = None, note: str = "") -> QMessageBox:
    """A non-blocking message box with the plain message (returned so tests can read and close it)."""
    text = plain_message(exc) + (f"\n{note}" if note else "")
    box = QMessageBox(QMessageBox.Warning, title or _t("Cannot continue"), text, QMessageBox.Ok, parent)
    box.setObjectName("errorMessage")
    box.setAttribute(Qt.WA_DeleteOnClose)
    box.open()
    return box


def show_info(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    """A non-blocking information box."""
    box = QMessageBox(QMessageBox.Information, title, text, QMessageBox.Ok, parent)
    box.setObjectName("infoMessage")
    box.open()
    return box


class FreeTextCheck:
    """Before a save: warn when free text looks like it identifies the patient (free text goes to the sponsor).

    `confirmed(texts, retry)` is True when nothing looks identifying or the clinician already chose to save these
    very texts; otherwise it opens the warning (`box`) and returns False; "Save anyway" then calls `retry()`."""

    def __init__(self, parent: QWidget, session, subject_uuid: str):
        self.parent, self.session, self.subject_uuid = parent, session, subject_uuid
        self.box: QMessageBox | None = None
        self._accepted: tuple | None = None

    def confirmed(self, texts: dict[str, str], retry) -> bool:
        from sle_desktop.app import subjects

        key = tuple(texts.items())
        if key == self._accepted:
            return True
        warnings = subjects.free_text_warnings(self.session, self.subject_uuid, texts)
        if not warnings:
            return True
        text = "\n\n".join((
            _t("Free text is sent to the sponsor, who must not be able to tell who the patient is:"),
            "\n".join(f"• {translated(w)}" for w in warnings),
            _t("Remove the identifying details, or save anyway if the text is right as it is.")))
        box = QMessageBox(QMessageBox.Warning, _t("Identifying details in free text?"), text, QMessageBox.NoButton,
                          self.parent)
        box.setObjectName("privacyWarning")
        box.save_button = box.addButton(_t("Save anyway"), QMessageBox.AcceptRole)
        box.edit_button = box.addButton(_t("Edit the text"), QMessageBox.RejectRole)
        box.setDefaultButton(box.edit_button)
        box.setEscapeButton(box.edit_button)

        def clicked(button) -> None:
            if button is box.save_button:
                self._accepted = key
                retry()

        box.buttonClicked.connect(clicked)
        box.open()
        self.box = box
        return False


class FieldErrors:
    """Maps form field names to the red labels under them; unplaced messages go to a fallback banner."""

    def __init__(self, fallback=None):
        self._labels: dict[str, QLabel] = {}
        self._fallback = fallback

    def register(self, field: str, label: QLabel) -> QLabel:
        self._labels[field] = label
        return label

    def label(self, field: str) -> QLabel | None:
        return self._labels.get(field)

    def fields(self) -> set[str]:
        return set(self._labels)

    def clear(self) -> None:
        for label in self._labels.values():
            label.clear()
            label.setVisible(False)
        if self._fallback is not None:
            self._fallback.clear()

    def clear_field(self, field: str) -> None:
        """Hide the message of one field (its value was just changed, so the message may no longer hold)."""
        label = self._labels.get(field)
        if label is not None and label.isVisible():
            label.clear()
            label.setVisible(False)

    def set(self, field: str, message: str) -> bool:
        """Show one message next to its field; False when the field has no label here."""
        label = self._labels.get(field)
        if label is None:
            return False
        label.setText(translated(message))
        label.setVisible(True)
        return True

    def show(self, errors: dict[str, str], *, only: set[str] | None = None) -> dict[str, str]:
        """Show messages next to their fields (limited to `only`); returns those with no field here."""
        rest = {}
        for field, message in errors.items():
            if only is not None and field not in only:
                continue
            if not self.set(field, message):
                rest[field] = message
        if rest and self._fallback is not None:
            self._fallback.show_message("\n".join(translated(m) for m in rest.values()), "error")
        return rest

    def visible_messages(self) -> dict[str, str]:
        return {f: lab.text() for f, lab in self._labels.items() if lab.isVisibleTo(lab.parentWidget() or lab) and lab.text()}


def report(exc: BaseException, *, fields: FieldErrors | None = None, banner=None, parent: QWidget | None = None,
           title: str | None = None, note: str = "") -> QMessageBox | None:
    """Show an error where the user is looking: next to fields, in the window's banner, or a message box.

    A ValidationError goes next to its fields (what has no field here, to the banner); anything else is
    its plain message, followed by `note` (e.g. "Nothing was saved."). Returns the message box, if one opened.
    """
    if isinstance(exc, ValidationError) and fields is not None:
        rest = fields.show(exc.errors)
        if banner is not None:
            items = "\n".join(f"• {translated(m)}" for m in rest.values())
            if len(rest) == len(exc.errors):  # nothing is marked in red here
                banner.show_message(_t("Please correct the following:") + "\n" + items, "error")
            else:
                text = _t("Nothing was saved: please correct the fields marked in red.")
                banner.show_message(text + ("\n" + items if items else ""), "error")
        return None
    if banner is not None:
        banner.show_message(plain_message(exc) + (f"\n{note}" if note else ""), "error")
        return None
    return show_error(parent, exc, title, note)
