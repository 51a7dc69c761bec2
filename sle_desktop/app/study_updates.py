"""Study-definition updates from the sponsor: what a pending update would change, and accepting it.

An update is applied only when a site administrator accepts it; nothing already entered is migrated.
"""

from __future__ import annotations

from dataclasses import dataclass

from sle_desktop.app.errors import ConflictError, PermissionDenied
from sle_desktop.app.session import Session
from sle_desktop.app.site import site_info
from sle_desktop.app.study import study_in_force
from sle_desktop.domain import study as study_def
from sle_desktop.domain.text import msg
from sle_desktop.store import audit


@dataclass(frozen=True)
class StudyUpdateSummary:
    current_version: str
    new_version: str
    received_at: str
    changes: list[str]


def _window(v) -> str:
    if not v.scheduled:
        return msg("unscheduled")
    if v.window_days is not None:
        return msg("day {day} ± {window}", day=v.target_day, window=v.window_days)
    if v.earliest_day is not None:
        return msg("days {first} to {last}", first=v.earliest_day, last=v.target_day)
    return msg("day {day}", day=v.target_day)


def _form_change(old: tuple, new: tuple) -> str:
    added = ", ".join(f for f in new if f not in old)
    removed = ", ".join(f for f in old if f not in new)
    if added and removed:
        return msg("adds {added} and drops {removed}", added=added, removed=removed)
    if added:
        return msg("adds {added}", added=added)
    if removed:
        return msg("drops {removed}", removed=removed)
    return msg("reordered")


# eligibility rules as `describe_changes` names them
_RULE_NAMES = {
    "min_age": msg("min age"), "max_age": msg("max age"), "min_acr_criteria": msg("min acr criteria"),
    "min_sledai": msg("min sledai"), "biopsy_lookback_months": msg("biopsy lookback months"),
    "malignancy_lookback_years": msg("malignancy lookback years"),
    "min_proteinuria_g_per_day": msg("min proteinuria g per day"), "min_upcr_g_per_g": msg("min upcr g per g"),
}


def describe_changes(old: study_def.StudyDefinition, new: study_def.StudyDefinition) -> list[str]:
    """Plain-language differences between two study definitions (visits, windows, forms, eligibility)."""
    out: list[str] = []
    before = {v.code: v for v in old.visits}
    after = {v.code: v for v in new.visits}
    for code, v in after.items():
        if code not in before:
            out.append(msg("New visit: {label} ({code}), {window}.", label=v.label, code=code, window=_window(v)))
    for code, v in before.items():
        if code not in after:
            out.append(msg("Removed visit: {label} ({code}). Visits already recorded are kept.", label=v.label,
                           code=code))
    for code in before.keys() & after.keys():
        a, b = before[code], after[code]
        if _window(a) != _window(b):
            out.append(msg("{label}: window changes from {old} to {new}.", label=b.label, old=_window(a),
                           new=_window(b)))
        if a.forms != b.forms:
            out.append(msg("{label}: forms {change}.", label=b.label, change=_form_change(a.forms, b.forms)))
        if a.label != b.label:
            out.append(msg("Visit {code} is renamed from {old!r} to {new!r}.", code=code, old=a.label, new=b.label))
    for name in type(old.eligibility).__dataclass_fields__:
        x, y = getattr(old.eligibility, name), getattr(new.eligibility, name)
        if x != y:
            out.append(msg("Eligibility: {rule} changes from {old} to {new}.",
                           rule=_RULE_NAMES.get(name, name.replace("_", " ")), old=x, new=y))
    if old.sae_report_hours != new.sae_report_hours:
        out.append(msg("SAE reporting deadline changes from {old} h to {new} h.", old=old.sae_report_hours,
                       new=new.sae_report_hours))
    if old.title != new.title:
        out.append(msg("The study title changes."))
    return out


def study_update_summary(session: Session) -> StudyUpdateSummary | None:
    """What the pending study-definition update would change, or None when none is pending."""
    session.require("view")
    store = session.store
    row = store.query_one("SELECT * FROM study_updates WHERE status = 'pending' ORDER BY received_at DESC LIMIT 1")
    if row is None:
        return None
    new = study_def.parse_toml(row["definition"])
    current = study_in_force(store)
    changes = describe_changes(current, new) or [msg("No change to visits, windows, forms or eligibility.")]
    return StudyUpdateSummary(site_info(store).study_version, new.version, row["received_at"], changes)


def accept_study_update(session: Session) -> str:
    """A site administrator accepts the pending study definition; returns its version (audited).

    Only the definition in force and the site's recorded study version change; visits and forms
    already entered are left exactly as they are.
    """
    if session.role != "admin":
        raise PermissionDenied(msg("Only a site administrator can accept a new study definition."))
    store = session.store
    with store.transaction() as conn:
        row = store.query_one("SELECT version FROM study_updates WHERE status = 'pending' ORDER BY received_at DESC "
                              "LIMIT 1")
        if row is None:
            raise ConflictError(msg("No study-definition update is waiting to be accepted."))
        version, now = row["version"], audit.utc_now().isoformat(timespec="seconds")
        for old in store.query("SELECT version FROM study_updates WHERE status = 'accepted'"):
            conn.execute("UPDATE study_updates SET status = 'superseded' WHERE version = ?", (old["version"],))
            audit.append(conn, user=session.username, table="study_updates", row_id=old["version"], field="status",
                         old="accepted", new="superseded", reason=f"study definition {version} accepted")
        conn.execute("UPDATE study_updates SET status = 'accepted', accepted_by = ?, accepted_at = ? WHERE version = ?",
                     (session.username, now, version))
        audit.append(conn, user=session.username, table="study_updates", row_id=version, field="status", old="pending",
                     new="accepted", reason="accepted by the site administrator")
        site = site_info(store)
        conn.execute("UPDATE site SET study_version = ? WHERE id = 1", (version,))
        audit.append(conn, user=session.username, table="site", row_id=site.site_uuid, field="study_version",
                     old=site.study_version, new=version, reason="study definition update accepted")
    return version
