"""The one background helper (ui.background): a use case off the GUI thread on its own connection, with
progress, cancel, finished/failed signals, and a default failure handler that logs the traceback to the
rotating log file and shows the plain message."""

from __future__ import annotations

import logging
import threading
import time

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from testkit import PASSWORD

from sle_desktop.app import logs, site, subjects
from sle_desktop.app.errors import ConflictError
from sle_desktop.domain.text import msg
from sle_desktop.ui import background


@pytest.fixture
def log_file(tmp_path):
    """The log file configured as at GUI start, in a temporary folder."""
    return logs.configure(tmp_path / "logs" / "sle_desktop.log")  # tests/conftest.py detaches it afterwards


@pytest.fixture
def file_session(file_store):
    return site.create_site(file_store, code="BY01", name="Test site", admin_username="admin",
                            admin_name="Site Administrator", admin_password=PASSWORD)


def _where(session):
    """The use case's thread and connection, and what it read."""
    return threading.get_ident(), id(session.store.conn), subjects.list_subjects(session)


def test_finished_on_its_own_thread_and_connection(qtbot, file_session):
    got = []
    job = background.run_use_case(file_session, _where, on_finished=got.append)
    with qtbot.waitSignal(job.finished, timeout=10_000):
        pass
    thread, conn, rows = got[0]
    assert thread != threading.get_ident() and conn != id(file_session.store.conn)
    assert rows == [] and job.result == got[0] and not job.running


def test_in_memory_store_runs_on_the_gui_thread_at_the_next_turn(qtbot, admin):
    got = []
    job = background.run_use_case(admin, _where, on_finished=got.append)
    assert got == []  # not re-entrant: nothing ran inside the call
    with qtbot.waitSignal(job.finished, timeout=5_000):
        pass
    thread, conn, _rows = got[0]
    assert thread == threading.get_ident() and conn == id(admin.store.conn)  # never shared across threads


def _refuse(_session):
    raise ConflictError(msg("Another export is in progress; wait for it to finish, then export again."))


def _crash(_session):
    return {}["missing"]


def test_default_failure_handler_logs_the_traceback_and_shows_the_plain_message(qtbot, file_session, log_file):
    parent = QWidget()
    qtbot.addWidget(parent)
    job = background.run_use_case(file_session, _refuse, parent=parent, title="Export bundle")
    with qtbot.waitSignal(job.failed, timeout=10_000):
        pass
    box = parent.findChild(QMessageBox, "errorMessage")
    assert box is not None and box.isVisible()
    assert box.windowTitle() == "Export bundle"
    assert box.text() == "Another export is in progress; wait for it to finish, then export again."
    text = log_file.read_text("utf-8")
    assert "_refuse failed: ConflictError" in text
    assert "Traceback (most recent call last)" in text and 'in _refuse' in text
    box.close()


def test_unexpected_failure_shows_no_traceback_but_logs_it(qtbot, file_session, log_file):
    parent = QWidget()
    qtbot.addWidget(parent)
    job = background.run_use_case(file_session, _crash, parent=parent)
    with qtbot.waitSignal(job.failed, timeout=10_000):
        pass
    box = parent.findChild(QMessageBox, "errorMessage")
    assert box.text().startswith("Something unexpected went wrong (KeyError)") and "Traceback" not in box.text()
    text = log_file.read_text("utf-8")
    assert "KeyError: 'missing'" in text and "in _crash" in text
    assert job.traceback and "KeyError" in job.traceback
    box.close()


def test_own_failure_handler_replaces_the_box_and_the_failure_is_still_logged(qtbot, file_session, log_file):
    parent = QWidget()
    qtbot.addWidget(parent)
    seen = []
    job = background.run_use_case(file_session, _refuse, on_failed=seen.append, parent=parent)
    with qtbot.waitSignal(job.failed, timeout=10_000):
        pass
    assert isinstance(seen[0], ConflictError)
    assert parent.findChild(QMessageBox, "errorMessage") is None
    assert "_refuse failed: ConflictError" in log_file.read_text("utf-8")


def _count(_session, n, *, report):
    for i in range(1, n + 1):
        report(i, n)
    return n


def test_progress_arrives_in_order_on_the_gui_thread(qtbot, file_session):
    seen = []
    job = background.run_use_case(file_session, _count, 5, progress=True,
                                  on_progress=lambda done, total: seen.append((done, total, threading.get_ident())))
    with qtbot.waitSignal(job.finished, timeout=10_000) as blocker:
        pass
    assert blocker.args == [5]
    qtbot.waitUntil(lambda: len(seen) == 5)
    assert [(d, t) for d, t, _ in seen] == [(i, 5) for i in range(1, 6)]
    assert {thread for *_, thread in seen} == {threading.get_ident()}


def _slow(session, started: threading.Event, *, report):
    """Writes in a transaction while reporting; a cancel raises inside, so the write is rolled back."""
    with session.store.transaction() as conn:
        conn.execute("UPDATE site SET name = 'changed by a cancelled job' WHERE id = 1")
        for i in range(2000):
            report(i, 2000)
            started.set()
            time.sleep(0.005)
    return "finished"


def test_cancel_stops_the_use_case_at_its_next_report_and_nothing_is_kept(qtbot, file_session):
    started = threading.Event()
    finished, cancelled = [], []
    job = background.run_use_case(file_session, _slow, started, progress=True, cancellable=True,
                                  on_finished=finished.append, on_cancelled=lambda: cancelled.append(True))
    assert started.wait(10)
    job.cancel()
    assert job.cancel_requested
    with qtbot.waitSignal(job.cancelled, timeout=10_000):
        pass
    assert cancelled == [True] and finished == [] and not job.running
    assert file_session.store.scalar("SELECT name FROM site") == "Test site"


def test_a_job_that_is_not_cancellable_ignores_cancel(qtbot, file_session):
    job = background.run_use_case(file_session, _count, 3, progress=True)
    job.cancel()
    assert not job.cancel_requested
    with qtbot.waitSignal(job.finished, timeout=10_000) as blocker:
        pass
    assert blocker.args == [3]


def test_configure_moves_the_log_and_rotates(tmp_path):
    first = logs.configure(tmp_path / "a" / "sle_desktop.log")
    assert logs.configure(first) == first and logs.current_log_path() == first.resolve()
    second = logs.configure(tmp_path / "b" / "sle_desktop.log")
    handlers = [h for h in logging.getLogger(logs.LOGGER).handlers if getattr(h, "sle_desktop_log", False)]
    assert len(handlers) == 1 and logs.current_log_path() == second.resolve()
    assert handlers[0].maxBytes == logs.MAX_BYTES and handlers[0].backupCount == logs.BACKUPS
    logging.getLogger("sle_desktop.test").info("written to the second file")
    assert "written to the second file" in second.read_text("utf-8")
