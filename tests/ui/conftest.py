"""Fixtures shared by the window tests."""

import pytest
from clinic_ui import dispose


@pytest.fixture
def windows(qtbot):
    """`keep(widget)` shows a window and closes it (auto-lock timer stopped) after the test, before its store goes."""
    made = []

    def keep(w):
        made.append(w)
        w.show()
        return w
    yield keep
    for w in made:
        if getattr(w, "autolock", None) is not None:
            w.autolock.stop()
    dispose(*made)
