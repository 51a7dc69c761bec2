"""Sponsor queries reach the clinician: the Queries tab, the marker on the queried field, study updates."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from sle_desktop.app import site
from sle_desktop.app.session import Session
from sle_desktop.store import records
from sle_desktop.ui.main import build_main_window
from sle_desktop.ui.queries_panel import is_marked
from sle_desktop.ui.visit_form import VisitForm


def _window(qtbot, session):
    """A main window whose background subject-list load has finished (it must not outlive the store)."""
    window = build_main_window(session, autolock=False)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: not window._loading, timeout=5000)
    return window


def _session(store, username="demo.investigator", role="investigator") -> Session:
    return Session(store, username, username, role, site.cli_session(store).data_key)


def _raise(store, field: str, text: str) -> dict:
    a = store.query_one("SELECT uuid, subject_uuid, visit_uuid FROM sledai_assessments ORDER BY uuid LIMIT 1")
    records.insert(store, "queries", {
        "subject_uuid": a["subject_uuid"], "visit_uuid": a["visit_uuid"], "record_table": "sledai_assessments",
        "record_uuid": a["uuid"], "field": field, "question": text, "status": "open", "sponsor_version": 1,
        "raised_by": "cli:monitor", "raised_at": "2026-06-01T10:00:00+00:00"}, user="cli:test")
    return a


def test_query_tab_opens_the_visit_with_the_field_marked(demo_site, qtbot):
    a = _raise(demo_site, "rash", "Rash not in the source notes: please check.")
    window = _window(qtbot, _session(demo_site))
    tab = window.tabs.indexOf(window.queries_panel)
    assert window.tabs.tabText(tab) == "Queries (1)"
    panel = window.queries_panel
    assert panel.select_query(panel.queries()[0].uuid)
    qtbot.mouseClick(panel.open_button, Qt.LeftButton)
    assert a["subject_uuid"] in window.subject_views
    form = next(w for w in QApplication.topLevelWidgets() if isinstance(w, VisitForm) and w.isVisible())
    qtbot.addWidget(form)
    assert form.visit_uuid == a["visit_uuid"]
    box = form.sledai.checkboxes["rash"]
    assert is_marked(box) and "Rash not in the source notes" in box.toolTip()
    assert not is_marked(form.sledai.checkboxes["fever"])
    assert form.queried_fields == {"rash": "Rash not in the source notes: please check."}


def test_closed_query_leaves_no_marker(demo_site, qtbot):
    _raise(demo_site, "pga", "Check PGA.")
    demo_site.conn.execute("UPDATE queries SET status = 'closed'")
    window = _window(qtbot, _session(demo_site))
    assert window.tabs.tabText(window.tabs.indexOf(window.queries_panel)) == "Queries"


def _pending_update(store, edit=lambda text: text, version: str = "1.1") -> None:
    """A study-definition update from the sponsor, waiting at the site (as a return bundle leaves it)."""
    from sle_desktop.resources import resource_path

    text = resource_path("study", "sle-msc.toml").read_text("utf-8").replace('version = "1.0"', f'version = "{version}"', 1)
    store.conn.execute("INSERT INTO study_updates (version, definition, status, received_at, return_seq) "
                       "VALUES (?, ?, 'pending', '2026-06-01T10:00:00+00:00', 1)", (version, edit(text)))


def test_pending_study_update_is_accepted_by_the_admin_only(demo_site, qtbot):
    _pending_update(demo_site)
    investigator = _window(qtbot, _session(demo_site))
    assert "waiting" in investigator.action("study_update").text()
    box = investigator.study_update()
    accept = [b for b in box.buttons() if "Accept" in b.text()][0]
    assert not accept.isEnabled() and "administrator" in box.informativeText()
    box.reject()
    admin = _window(qtbot, _session(demo_site, "demo.admin", "admin"))
    box = admin.study_update()
    assert "1.1" in box.text() and "Nothing already entered is changed." in box.text()
    accept = [b for b in box.buttons() if "Accept" in b.text()][0]
    qtbot.mouseClick(accept, Qt.LeftButton)
    qtbot.waitUntil(lambda: demo_site.scalar("SELECT study_version FROM site") == "1.1", timeout=3000)
    assert "1.1" in admin.banner.text()
    qtbot.waitUntil(lambda: not admin._loading, timeout=5000)


def test_a_failed_acceptance_shows_its_plain_message(demo_site, qtbot):
    """Bug: study_update called show_error(self, title, message), so users saw 'Something unexpected went wrong'."""
    from PySide6.QtWidgets import QMessageBox

    _pending_update(demo_site)
    admin = _window(qtbot, _session(demo_site, "demo.admin", "admin"))
    box = admin.study_update()
    demo_site.conn.execute("UPDATE study_updates SET status = 'superseded'")  # meanwhile a newer one replaced it
    qtbot.mouseClick([b for b in box.buttons() if "Accept" in b.text()][0], Qt.LeftButton)
    qtbot.waitUntil(lambda: admin.findChild(QMessageBox, "errorMessage") is not None, timeout=3000)
    error = admin.findChild(QMessageBox, "errorMessage")
    assert error.windowTitle() == "Study definition update"
    assert error.text() == "No study-definition update is waiting to be accepted."
    assert demo_site.scalar("SELECT study_version FROM site") == "1.0"
    error.close()


def test_visit_labels_follow_the_accepted_study_definition(demo_site, qtbot):
    """Bug: ui_queries.visit_label read the shipped definition, so labels stayed stale after an accepted update."""
    from sle_desktop.app import study_updates
    from sle_desktop.ui.subject_model import COLUMNS

    renamed = {"Baseline (day 0)": "Baseline, amended", "Month 1": "Month one, amended",
               "Month 3": "Month three, amended", "Month 6 (primary endpoint)": "Month six, amended"}

    def rename(text):
        for old, new in renamed.items():
            text = text.replace(f'label = "{old}"', f'label = "{new}"')
        return text

    _pending_update(demo_site, rename)
    study_updates.accept_study_update(_session(demo_site, "demo.admin", "admin"))
    window = _window(qtbot, _session(demo_site))
    model, column = window.subject_list.model, COLUMNS.index("next_visit")
    shown = {model.data(model.index(r, column)) for r in range(model.rowCount())}
    assert any("amended" in text for text in shown if text), shown
    assert not any(old in text for text in shown for old in renamed), shown
    uuid_ = demo_site.scalar("SELECT subject_uuid FROM visits WHERE visit_code = 'baseline' LIMIT 1")
    view = window.open_subject(uuid_)
    table = view.visits_table
    labels = {table.item(r, 0).text() for r in range(table.rowCount())}
    assert "Baseline, amended" in labels and "Baseline (day 0)" not in labels
    baseline = demo_site.scalar("SELECT uuid FROM visits WHERE subject_uuid = ? AND visit_code = 'baseline'", (uuid_,))
    form = view.open_visit(baseline)
    qtbot.addWidget(form)
    assert form.visit_name.text() == "Baseline, amended"
