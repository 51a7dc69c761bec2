"""Errors of the sync layer; every message says what happened and what to do, in plain words."""

from __future__ import annotations

from sle_desktop.store.db import StoreError


class SyncError(StoreError):
    """A sync problem (keys, bundles, sponsor database) explained for the person at the keyboard."""


class BundleRejected(SyncError):
    """A bundle was refused; nothing was written. `reason` is a stable code for scripts and tests.

    Codes: oversized, truncated, not_a_bundle, malformed, unknown_site, forged, tampered,
    wrong_recipient, gap, conflict, chain, inconsistent, payload_too_large, line_too_long,
    too_many_lines, wrong_site_key, signature (a forged or copied e-signature), demo (demo and real
    data mixed).
    """

    def __init__(self, message: str, *, reason: str):
        super().__init__(message)
        self.reason = reason
