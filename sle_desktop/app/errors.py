"""The errors use cases raise (from `domain.errors`) and the store errors they let through."""

from sle_desktop.domain.errors import (
    AccountChanged,
    AccountLocked,
    AppError,
    AuthenticationFailed,
    ConflictError,
    NotFound,
    PermissionDenied,
    SetupError,
    ValidationError,
)
from sle_desktop.store.db import StoreError
from sle_desktop.store.records import ReasonRequired, RecordNotFound

__all__ = [
    "AppError", "ValidationError", "PermissionDenied", "AuthenticationFailed", "AccountLocked", "AccountChanged",
    "NotFound", "ReasonRequired", "RecordNotFound", "StoreError", "SetupError", "ConflictError", "is_database_busy",
]


def is_database_busy(exc: BaseException) -> bool:
    """True when another connection holds the database lock (the user should wait and retry)."""
    import sqlite3

    return isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc).lower()
