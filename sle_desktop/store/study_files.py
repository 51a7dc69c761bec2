"""Study definition files: the default one shipped under resources/study, or one given explicitly."""

from __future__ import annotations

import functools
from pathlib import Path

from sle_desktop.domain import study as study_def
from sle_desktop.resources import resource_path

DEFAULT_STUDY_FILE = ("study", "sle-msc.toml")
MAX_STUDY_FILE_BYTES = 1_000_000


def read_study_file(path: str | Path) -> study_def.StudyDefinition:
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


@functools.lru_cache(maxsize=1)
def load_study() -> study_def.StudyDefinition:
    """The default study definition shipped with the application."""
    return read_study_file(resource_path(*DEFAULT_STUDY_FILE))
