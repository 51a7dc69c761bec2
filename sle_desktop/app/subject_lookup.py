"""One subject by its UUID: the lookup the subject, safety and visit use cases share."""

from __future__ import annotations

from dataclasses import dataclass

from sle_desktop.app.errors import NotFound
from sle_desktop.app.session import Session
from sle_desktop.domain.text import msg
from sle_desktop.store import records


@dataclass(frozen=True)
class Subject:
    """A subject's study record (pseudonymous: the identifiers are kept apart, encrypted)."""

    uuid: str
    screening_number: str
    subject_id: str | None
    status: str
    sex: str | None
    year_of_birth: int | None
    arm: str | None
    arm_reason: str | None
    arm_assigned_by: str | None
    arm_assigned_at: str | None
    baseline_date: str | None
    withdrawn_reason: str | None

    @property
    def label(self) -> str:
        """The subject ID once enrolled, else the screening number."""
        return self.subject_id or self.screening_number


_FIELDS = tuple(Subject.__dataclass_fields__)


def get_subject(session: Session, subject_uuid: str) -> Subject:
    """The subject with this UUID; NotFound if there is none."""
    session.require("view")
    row = records.get(session.store, "subjects", subject_uuid)
    if row is None:
        raise NotFound(msg("No such subject."))
    return Subject(**{k: row[k] for k in _FIELDS})
