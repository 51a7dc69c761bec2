"""The study definition in force: the default file under resources/study, or one given explicitly."""

from __future__ import annotations

import functools
from pathlib import Path

from sle_desktop.domain import study as study_def
from sle_desktop.resources import resource_path

DEFAULT_STUDY_FILE = ("study", "sle-msc.toml")
MAX_STUDY_FILE_BYTES = 1_000_000


def read_study_file(path: str | Path) -> "study_def.StudyDefinition":
    """Read and validate a study definition file; StudyDefinitionError with a clear message otherwise."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_STUDY_FILE_BYTES:
            raise study_def.StudyDefinitionError(f"{path.name} is {size} bytes; a study definition is at most 1 MB.")
        raw = path.read_bytes()
    except OSError as exc:
        raise study_def.StudyDefinitionError(f"Cannot read the study definition {path}: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise study_def.StudyDefinitionError(f"{path.name} is not UTF-8 text.") from None
    return study_def.parse_toml(text)


@functools.lru_cache(maxsize=8)
def _parse_cached(text: str) -> "study_def.StudyDefinition":
    return study_def.parse_toml(text)


def study_in_force(store) -> "study_def.StudyDefinition":
    """The definition this site works to: the last update its administrator accepted, else the shipped default."""
    has_updates = store.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'study_updates'")
    text = has_updates and store.scalar(
        "SELECT definition FROM study_updates WHERE status = 'accepted' ORDER BY accepted_at DESC LIMIT 1")
    return _parse_cached(text) if text else load_study()


@functools.lru_cache(maxsize=1)
def load_study() -> "study_def.StudyDefinition":
    """The default study definition shipped with the application."""
    return read_study_file(resource_path(*DEFAULT_STUDY_FILE))
