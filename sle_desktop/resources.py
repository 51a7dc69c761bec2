"""Locate files under the project's `resources/` folder (source tree, editable install or frozen build)."""

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The folder holding icons, translations and the default study definition."""
    frozen = getattr(sys, "_MEIPASS", None)
    candidates = []
    if frozen:
        candidates.append(Path(frozen) / "resources")
    candidates.append(Path(__file__).resolve().parent.parent / "resources")
    for c in candidates:
        if c.is_dir():
            return c
    raise FileNotFoundError("the sle_desktop resources folder was not found; reinstall the application")


def resource_path(*parts: str) -> Path:
    """Path of one resource file, e.g. resource_path('study', 'sle-msc.toml')."""
    return resources_dir().joinpath(*parts)
