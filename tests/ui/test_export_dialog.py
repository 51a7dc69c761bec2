"""The export dialog: choose a folder, export in the background, see the verified result."""

from __future__ import annotations

from datetime import date

import pyrage
import pytest
from PySide6.QtCore import Qt

from sle_desktop.app import demo, site, sync_site
from sle_desktop.store.db import Store
from sle_desktop.ui.export_dialog import ExportDialog, candidate_folders


@pytest.fixture
def demo_session(tmp_path):
    store = Store.open(tmp_path / "site.sqlite")
    demo.make_demo(store, subjects_count=3, seed=2, today=date(2026, 6, 1))
    session = site.cli_session(store)
    yield session
    store.close()


def _set_sponsor(session) -> str:
    recipient = str(pyrage.x25519.Identity.generate().to_public())
    sync_site.set_sponsor_recipients(session, f"# sponsor main key\n{recipient}\n")
    return sync_site.sponsor_fingerprints(session)[0].fingerprint


def test_export_to_a_chosen_folder(qtbot, demo_session, tmp_path):
    fingerprint = _set_sponsor(demo_session)
    target = tmp_path / "usb"
    target.mkdir()
    dialog = ExportDialog(demo_session, roots=[tmp_path / "no-drives"])
    qtbot.addWidget(dialog)
    assert fingerprint in dialog.keys_label.text()
    assert "changes waiting" in dialog.pending_label.text()
    assert not dialog.export_button.isEnabled()  # no destination yet
    dialog.set_target(target)
    assert dialog.export_button.isEnabled()
    with qtbot.waitSignal(dialog.exported, timeout=30000) as blocker:
        qtbot.mouseClick(dialog.export_button, Qt.LeftButton)
    result = blocker.args[0]
    assert result.path.exists() and result.path.parent == target and result.verified
    row = demo_session.store.query_one("SELECT * FROM exports")
    assert row["bundle_seq"] == 1 and row["file_name"] == result.path.name and row["size_bytes"] == result.size_bytes
    assert "Done" in dialog.result_label.text() and str(result.path) in dialog.result_label.text()
    assert dialog.progress.value() == dialog.progress.maximum()
    assert "Last export: bundle 1" in dialog.pending_label.text()


def test_without_sponsor_key_export_is_disabled(qtbot, demo_session, tmp_path):
    dialog = ExportDialog(demo_session, roots=[tmp_path / "no-drives"])
    qtbot.addWidget(dialog)
    dialog.set_target(tmp_path)
    assert "No sponsor key" in dialog.keys_label.text()
    assert not dialog.export_button.isEnabled()


def test_failure_is_shown_in_plain_words(qtbot, demo_session, tmp_path):
    _set_sponsor(demo_session)
    gone = tmp_path / "pulled-stick"
    gone.mkdir()
    dialog = ExportDialog(demo_session, roots=[tmp_path / "no-drives"])
    qtbot.addWidget(dialog)
    dialog.set_target(gone)
    gone.rmdir()  # the stick is pulled before Export is clicked
    with qtbot.waitSignal(dialog.failed, timeout=30000) as blocker:
        qtbot.mouseClick(dialog.export_button, Qt.LeftButton)
    assert "does not exist" in blocker.args[0]
    assert "not exported" in dialog.result_label.text()
    assert demo_session.store.scalar("SELECT count(*) FROM exports") == 0
    assert dialog.close_button.isEnabled()


def test_candidate_drives_are_listed(qtbot, demo_session, tmp_path):
    media = tmp_path / "media"
    (media / "KINGSTON").mkdir(parents=True)
    (media / "SANDISK").mkdir()
    (media / ".hidden").mkdir()
    found = candidate_folders([media])
    assert [p.name for _label, p in found] == ["KINGSTON", "SANDISK"]
    dialog = ExportDialog(demo_session, roots=[media])
    qtbot.addWidget(dialog)
    assert dialog.targets.count() == 2


def test_cancel_while_the_bundle_is_built_writes_and_records_nothing(qtbot, tmp_path):
    """The Close button cancels a running export; on an in-memory store the job starts at the next event-loop
    turn, so the cancel is deterministic: it lands at the use case's first progress report."""
    store = Store.memory()
    demo.make_demo(store, subjects_count=3, seed=2, today=date(2026, 6, 1))
    session = site.cli_session(store)
    try:
        _set_sponsor(session)
        target = tmp_path / "usb"
        target.mkdir()
        dialog = ExportDialog(session, roots=[tmp_path / "no-drives"])
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.set_target(target)
        qtbot.mouseClick(dialog.export_button, Qt.LeftButton)
        assert dialog.close_button.text() == "&Cancel export" and dialog.close_button.isEnabled()
        with qtbot.waitSignal(dialog._job.cancelled, timeout=30000):
            qtbot.mouseClick(dialog.close_button, Qt.LeftButton)
        assert "cancelled" in dialog.result_label.text()
        assert list(target.iterdir()) == [] and store.scalar("SELECT count(*) FROM exports") == 0
        assert dialog.close_button.text() == "C&lose" and dialog.export_button.isEnabled()
        assert dialog.isVisible()  # cancelling the export does not close the dialog
    finally:
        store.close()
