"""The study definition in force: the last accepted update, else the default file under resources/study."""

from __future__ import annotations

import functools

from sle_desktop.domain import study as study_def
from sle_desktop.store.study_files import DEFAULT_STUDY_FILE, load_study, read_study_file

__all__ = ["DEFAULT_STUDY_FILE", "load_study", "read_study_file", "study_in_force"]


@functools.lru_cache(maxsize=8)
def _parse_cached(text: str) -> study_def.StudyDefinition:
    return study_def.parse_toml(text)


def study_in_force(store) -> study_def.StudyDefinition:
    """The definition this site works to: the last update its administrator accepted, else the shipped default."""
    has_updates = store.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'study_updates'")
    text = has_updates and store.scalar(
        "SELECT definition FROM study_updates WHERE status = 'accepted' ORDER BY accepted_at DESC LIMIT 1")
    return _parse_cached(text) if text else load_study()
