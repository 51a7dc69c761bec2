"""Sync settings: the sponsor's key files (encryption and signing) and this site's key file for the sponsor.

Reached from File → Sync settings… and from the export and import dialogs when a key is missing. Importing a
key file shows its fingerprint, to be confirmed with the sponsor by phone; every change is in the audit trail.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from sle_desktop.app import returns, sync_site
from sle_desktop.app.errors import AppError, StoreError
from sle_desktop.ui.common import Banner, fmt_date, heading, name_inputs
from sle_desktop.ui.messages import plain_message
from sle_desktop.ui.screen_fit import grow_with_contents


class SyncSettingsDialog(QDialog):
    """The sponsor keys this site uses; emits `changed()` after a key file was imported."""

    changed = Signal()

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.setObjectName("syncSettingsDialog")
        self.session = session
        self.setWindowTitle(self.tr("Sync settings"))
        can_change = session.can("configure_sync")
        lay = QVBoxLayout(self)
        lay.addWidget(heading(self.tr("Keys for sending data to the sponsor"), self, size_delta=1))
        intro = QLabel(self.tr(
            "The sponsor sends two files once: sponsor.pub (bundles are encrypted to it) and sponsor-signing.pub "
            "(it checks the sponsor's return bundles). After importing a file, read its fingerprint to the sponsor "
            "by phone and check that it matches."), self)
        intro.setWordWrap(True)
        lay.addWidget(intro)

        enc = QGroupBox(self.tr("Sponsor's encryption key (sponsor.pub)"), self)
        el = QVBoxLayout(enc)
        self.recipients_label = QLabel(enc)
        self.recipients_label.setObjectName("sponsorRecipients")
        self.recipients_label.setWordWrap(True)
        self.recipients_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        el.addWidget(self.recipients_label)
        self.recipients_button = QPushButton(self.tr("Import sponsor.&pub…"), enc)
        self.recipients_button.setObjectName("importRecipients")
        self.recipients_button.clicked.connect(self._choose_recipients)
        el.addWidget(self.recipients_button, 0, Qt.AlignLeft)
        lay.addWidget(enc)

        sig = QGroupBox(self.tr("Sponsor's signing key (sponsor-signing.pub)"), self)
        sl = QVBoxLayout(sig)
        self.signing_label = QLabel(sig)
        self.signing_label.setObjectName("sponsorSigning")
        self.signing_label.setWordWrap(True)
        self.signing_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        sl.addWidget(self.signing_label)
        self.signing_button = QPushButton(self.tr("Import sponsor-&signing.pub…"), sig)
        self.signing_button.setObjectName("importSigningKey")
        self.signing_button.clicked.connect(self._choose_signing_key)
        sl.addWidget(self.signing_button, 0, Qt.AlignLeft)
        lay.addWidget(sig)

        own = QGroupBox(self.tr("This site's key file (for the sponsor)"), self)
        ol = QVBoxLayout(own)
        self.site_label = QLabel(own)
        self.site_label.setObjectName("siteKey")
        self.site_label.setWordWrap(True)
        self.site_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        ol.addWidget(self.site_label)
        self.site_button = QPushButton(self.tr("Save the site key &file…"), own)
        self.site_button.setObjectName("saveSiteKey")
        self.site_button.clicked.connect(self._choose_site_key_file)
        ol.addWidget(self.site_button, 0, Qt.AlignLeft)
        lay.addWidget(own)

        self.banner = Banner(self)
        self.banner.setObjectName("syncBanner")
        lay.addWidget(self.banner)
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.Close).setText(self.tr("&Close"))
        lay.addWidget(buttons)
        for b in (self.recipients_button, self.signing_button, self.site_button):
            b.setEnabled(can_change)
        if not can_change:
            self.banner.show_message(self.tr("Only a site administrator or investigator can change these keys."),
                                     "info")
        self.setMinimumWidth(620)
        self.refresh()
        name_inputs(self)
        grow_with_contents(self)

    def refresh(self) -> None:
        """Show the keys in use now."""
        try:
            keys = sync_site.sponsor_fingerprints(self.session)
            signing = returns.sponsor_signing_key(self.session)
        except (AppError, StoreError) as exc:
            self.banner.show_message(plain_message(exc))
            return
        if keys:
            lines = [self.tr("Bundles are encrypted to:")]
            for k in keys:
                lines.append(self.tr("{0} (imported {1} by {2})").format(k.fingerprint, fmt_date(k.added_at),
                                                                         k.added_by))
            self.recipients_label.setText("\n".join(lines))
        else:
            self.recipients_label.setText(self.tr("Not imported yet: nothing can be exported until it is."))
        if signing:
            self.signing_label.setText(self.tr("Return bundles must be signed with {0} (imported {1} by {2}).").format(
                signing.fingerprint, fmt_date(signing.added_at), signing.added_by))
        else:
            self.signing_label.setText(self.tr("Not imported yet: return bundles from the sponsor cannot be checked."))
        try:
            fingerprint = sync_site.site_key_fingerprint(self.session)
            self.site_label.setText(self.tr("Fingerprint {0}. Save the file on a USB drive and give it to the sponsor, "
                                            "who registers it once.").format(fingerprint))
        except (AppError, StoreError) as exc:
            self.site_label.setText(plain_message(exc))

    # -- actions ---------------------------------------------------------------------------------
    def _choose_recipients(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("The sponsor's key file sponsor.pub"), "",
                                              self.tr("Key files (*.pub);;All files (*)"))
        if path:
            self.import_recipients(path)

    def _choose_signing_key(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("The sponsor's signing key sponsor-signing.pub"), "",
                                              self.tr("Key files (*.pub);;All files (*)"))
        if path:
            self.import_signing_key(path)

    def _choose_site_key_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the site key file"), "site.sitekey",
                                              self.tr("Site key files (*.sitekey)"))
        if path:
            self.save_site_key(path)

    def _read(self, path) -> str | None:
        try:
            return Path(path).read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self.banner.show_message(self.tr("Cannot read {0}: {1}").format(path, getattr(exc, "strerror", None)
                                                                              or exc))
            return None

    def import_recipients(self, path) -> bool:
        """Import the sponsor's encryption key file; True when accepted."""
        text = self._read(path)
        if text is None:
            return False
        try:
            keys = sync_site.set_sponsor_recipients(self.session, text)
        except (AppError, StoreError) as exc:
            self.banner.show_message(plain_message(exc))
            return False
        self.refresh()
        self.banner.show_message(self.tr("Imported. Confirm the fingerprint {0} with the sponsor by phone.").format(
            ", ".join(k.fingerprint for k in keys)), "ok")
        self.changed.emit()
        return True

    def import_signing_key(self, path) -> bool:
        """Import the sponsor's signing key file; True when accepted."""
        text = self._read(path)
        if text is None:
            return False
        try:
            key = returns.set_sponsor_signing_key(self.session, text)
        except (AppError, StoreError) as exc:
            self.banner.show_message(plain_message(exc))
            return False
        self.refresh()
        self.banner.show_message(self.tr("Imported. Confirm the fingerprint {0} with the sponsor by phone.").format(
            key.fingerprint), "ok")
        self.changed.emit()
        return True

    def save_site_key(self, path) -> bool:
        """Write this site's public key file (for the sponsor) to `path`."""
        try:
            text = sync_site.site_public_key(self.session)
            Path(path).write_text(text, "utf-8")
        except OSError as exc:
            self.banner.show_message(self.tr("Cannot write {0}: {1}").format(path, exc.strerror or exc))
            return False
        except (AppError, StoreError) as exc:
            self.banner.show_message(plain_message(exc))
            return False
        self.banner.show_message(self.tr("Saved to {0}.").format(path), "ok")
        return True
