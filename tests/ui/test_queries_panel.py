"""The queries panel (answer through the widget), the field marker, and importing a return bundle from a folder."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from sponsor_link import linked_sponsor

from sle_desktop.app import queries, site
from sle_desktop.app.session import Session
from sle_desktop.sponsor import queries as sponsor_queries
from sle_desktop.store import records
from sle_desktop.ui.import_return_dialog import ImportReturnDialog
from sle_desktop.ui.queries_panel import QueriesPanel, clear_field_mark, is_marked, mark_field


def _investigator(store) -> Session:
    return Session(store, "demo.investigator", "Dr Investigator", "investigator", site.cli_session(store).data_key)


def _query(store, text: str) -> tuple[str, dict]:
    """A query as `import_return` stores it (a clinical record whose uuid is the sponsor's query id)."""
    a = store.query_one("SELECT uuid, subject_uuid, visit_uuid FROM sledai_assessments ORDER BY uuid LIMIT 1")
    uuid = records.new_uuid()
    records.insert(store, "queries", {
        "subject_uuid": a["subject_uuid"], "visit_uuid": a["visit_uuid"], "record_table": "sledai_assessments",
        "record_uuid": a["uuid"], "field": "pga", "question": text, "status": "open", "sponsor_version": 1,
        "raised_by": "cli:monitor", "raised_at": "2026-06-01T10:00:00+00:00"}, user="cli:test", record_uuid=uuid)
    return uuid, a


def test_answer_through_the_panel_is_stored(qtbot, demo_site):
    uuid, rec = _query(demo_site, "PGA differs from the source notes.")
    other, _ = _query(demo_site, "Please confirm the date.")
    panel = QueriesPanel(_investigator(demo_site))
    qtbot.addWidget(panel)
    assert panel.table.rowCount() == 2 and "2 open queries" in panel.summary.text()
    assert panel.table.item(0, 2).text() == "SELENA-SLEDAI" and panel.table.item(0, 3).text() == "Physician's Global Assessment"
    assert panel.select_query(uuid)
    assert "PGA differs" in panel.question.text()
    assert not panel.answer_button.isEnabled()  # nothing written yet
    with qtbot.waitSignal(panel.open_record) as opened:
        qtbot.mouseClick(panel.open_button, Qt.LeftButton)
    assert opened.args == [rec["subject_uuid"], rec["visit_uuid"], "sledai_assessments", "pga"]
    panel.answer_edit.setPlainText("Checked: the source notes say 2.5.")
    with qtbot.waitSignal(panel.answered) as done:
        qtbot.mouseClick(panel.answer_button, Qt.LeftButton)
    assert done.args == [uuid]
    row = records.get(demo_site, "queries", uuid)
    assert (row["status"], row["answer"], row["answered_by"]) == ("answered", "Checked: the source notes say 2.5.",
                                                                  "demo.investigator")
    assert demo_site.scalar("SELECT reason FROM audit WHERE \"table\" = 'queries' AND row_id = ? AND field = 'answer'",
                            (uuid,)) == "query answered"
    assert [q.uuid for q in panel.queries()] == [other] and "saved" in panel.message.text()


def test_a_monitor_sees_queries_but_cannot_answer(qtbot, demo_site):
    _query(demo_site, "Please confirm.")
    monitor = Session(demo_site, "demo.monitor", "Monitor", "monitor", None)
    panel = QueriesPanel(monitor)
    qtbot.addWidget(panel)
    panel.table.selectRow(0)
    panel.answer_edit.setPlainText("x")
    assert panel.answer_edit.isReadOnly() and not panel.answer_button.isEnabled()


def test_field_marker_sets_and_clears_property_tooltip_and_style(qtbot):
    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.setToolTip("PGA 0-3")
    edit.setStyleSheet("QLineEdit { color: black; }")
    mark_field(edit, "PGA differs from the source notes.")
    assert is_marked(edit) and edit.property("queryMarked") is True
    assert "PGA differs from the source notes." in edit.toolTip()
    assert "queryMarked" in edit.styleSheet() and "border" in edit.styleSheet()
    mark_field(edit, "Second question")  # re-marking replaces the question, keeps the original to restore
    assert "Second question" in edit.toolTip()
    clear_field_mark(edit)
    assert not is_marked(edit)
    assert edit.toolTip() == "PGA 0-3" and edit.styleSheet() == "QLineEdit { color: black; }"


def test_import_return_dialog_imports_from_a_folder(qtbot, demo_site, tmp_path):
    link = linked_sponsor(demo_site, tmp_path)
    keys, cli, db, usb = link.keys, link.cli, link.db, link.usb
    subject = demo_site.scalar("SELECT subject_id FROM subjects WHERE status = 'enrolled' ORDER BY subject_id LIMIT 1")
    sponsor_queries.raise_query(db, site="BY01", subject=subject, visit="baseline", form="sledai_assessments",
                                field="pga", text="Please confirm the PGA.")
    sponsor_queries.write_return_bundle(db, site="BY01", out_dir=usb, key_file=keys.key_path)

    dialog = ImportReturnDialog(cli, roots=[tmp_path])
    qtbot.addWidget(dialog)
    assert dialog.path() is not None and dialog.path().name == "BY01-return-0001.slereturn"
    assert keys.signing_fingerprint in dialog.key_label.text()
    with qtbot.waitSignal(dialog.imported, timeout=30000) as blocker:
        qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    result = blocker.args[0]
    assert result.queries_new == 1 and result.acknowledged_bundles == [1]
    assert "receipt of bundle(s) 1" in dialog.result_label.text()
    assert [q.question for q in queries.open_queries(cli)] == ["Please confirm the PGA."]
    with qtbot.waitSignal(dialog.failed, timeout=30000) as refused:
        qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    assert "already imported" in refused.args[0] and "Nothing was imported" in dialog.result_label.text()
