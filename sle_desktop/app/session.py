"""Who is acting: the logged-in user (or headless command), their role and the unlocked data key."""

from __future__ import annotations

from dataclasses import dataclass

from sle_desktop.app.errors import PermissionDenied
from sle_desktop.domain.text import msg

ROLES = ("investigator", "coordinator", "monitor", "admin")
ROLE_LABELS = {
    "investigator": "Investigator",
    "coordinator": "Study coordinator",
    "monitor": "Monitor (read-only)",
    "admin": "Administrator",
    "cli": "Headless command",
}

# What each role may do. Monitors read only; admins manage accounts and site settings.
PERMISSIONS = {
    "investigator": {"view", "enter_data", "screen", "enrol", "assign_arm", "sign", "export", "configure_sync", "lock"},
    "coordinator": {"view", "enter_data", "screen", "sign", "export"},
    "monitor": {"view", "verify", "raise_query"},  # the monitoring visit: SDV and queries, never clinical data
    "admin": {"view", "manage_users", "configure_sync", "export", "lock", "unlock"},
    "cli": {"view", "export", "configure_sync", "demo"},
}
ACTION_LABELS = {
    "view": msg("view study data"),
    "enter_data": msg("enter or change study data"),
    "screen": msg("screen patients"),
    "enrol": msg("enrol patients"),
    "assign_arm": msg("assign the treatment arm"),
    "sign": msg("sign records"),
    "export": msg("export sync bundles"),
    "configure_sync": msg("change the sync keys"),
    "manage_users": msg("manage user accounts"),
    "demo": msg("generate demo data"),
    "lock": msg("lock visits or casebooks"),
    "unlock": msg("unlock visits or casebooks"),
    "verify": msg("mark data source-verified"),
    "raise_query": msg("raise data queries"),
}


@dataclass
class Session:
    """An authenticated actor. `username` is what the audit trail records."""

    store: object
    username: str
    display_name: str
    role: str
    data_key: bytes | None

    def can(self, action: str) -> bool:
        return action in PERMISSIONS.get(self.role, set())

    def require(self, action: str) -> None:
        """Raise PermissionDenied unless the role allows `action`."""
        if not self.can(action):
            label = ROLE_LABELS.get(self.role, self.role)
            raise PermissionDenied(msg("A {role} account cannot {action}.", role=label,
                                       action=ACTION_LABELS.get(action, action)))

    def require_key(self) -> bytes:
        if self.data_key is None:
            raise PermissionDenied(msg("The site data key is locked; log in again."))
        return self.data_key
