"""Typed errors of the use cases (site and sponsor); each carries a message a user can act on.

They live in the domain so that `app` and `sponsor`, which are siblings, raise the same ones.
"""

from .text import join

__all__ = ["AppError", "ValidationError", "PermissionDenied", "AuthenticationFailed", "AccountLocked", "AccountChanged",
           "NotFound",
           "SetupError", "ConflictError"]


class AppError(Exception):
    """Base of use-case errors."""


class ValidationError(AppError):
    """Bad form input. `errors` maps each field to a clinician-readable message."""

    def __init__(self, errors: dict[str, str]):
        self.errors = dict(errors)
        super().__init__(join(self.errors.values(), "; "))


class PermissionDenied(AppError):
    """The user's role does not allow this action."""


class AuthenticationFailed(AppError):
    """Unknown user or wrong password."""


class AccountLocked(AppError):
    """Too many failed log-ins; the account is locked for a while."""


class AccountChanged(AppError):
    """The account's row was changed outside the application (its MAC or lockout state does not match)."""


class NotFound(AppError):
    """The subject, visit or record does not exist."""


class SetupError(AppError):
    """The site is not set up, or is already set up."""


class ConflictError(AppError):
    """The action does not fit the record's current state (e.g. enrolling a screen failure)."""
