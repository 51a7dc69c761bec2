"""One subject by its UUID: the lookup the subject, safety and visit use cases share."""

from __future__ import annotations

from sle_desktop.app.errors import NotFound
from sle_desktop.app.session import Session
from sle_desktop.domain.text import msg
from sle_desktop.store import records


def get_subject(session: Session, subject_uuid: str) -> dict:
    """The subject record as a plain dict."""
    session.require("view")
    row = records.get(session.store, "subjects", subject_uuid)
    if row is None:
        raise NotFound(msg("No such subject."))
    return row
