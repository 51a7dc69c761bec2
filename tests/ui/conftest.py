"""Fixtures shared by the window tests."""

from datetime import date

import pytest
from clinic_ui import dispose

from sle_desktop.app import demo
from sle_desktop.store.db import Store


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


@pytest.fixture
def form_for(qtbot):
    """`make(session, subject_uuid, visit_uuid=None, **kw)`: a shown visit form (today = TODAY), closed after the test."""
    from testkit import TODAY

    from sle_desktop.ui.visit_form import VisitForm

    made = []

    def make(session, subject_uuid, visit_uuid=None, **kw):
        f = VisitForm(session, subject_uuid, visit_uuid, today=TODAY, **kw)
        made.append(f)
        f.show()
        return f
    yield make
    dispose(*made)


@pytest.fixture
def demo_site(tmp_path):
    """A small demo site (3 subjects) in a file database."""
    store = Store.open(tmp_path / "site.sqlite")
    demo.make_demo(store, subjects_count=3, seed=2, today=date(2026, 6, 1))
    yield store
    store.close()
