"""sle_desktop: offline electronic data capture for the pooled allogenic MSC trial in SLE."""

__version__ = "0.1.0"
APP_NAME = "sle_desktop"


def _shipped_visits():
    """The visit table of the study definition shipped with the program (read at first need)."""
    from sle_desktop.store.study_files import load_study

    return load_study().visits


# The pure domain keeps no copy of the schedule: a visit given by its code alone is looked up in the shipped
# study definition, which only the layers above can read.
from sle_desktop.domain import schedule as _schedule  # noqa: E402

_schedule.use_default_visits(_shipped_visits)
