"""Run an app function off the GUI thread on its own store connection (via ui/worker.run_in_background)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer

from sle_desktop.app.ui_queries import background_session, uses_own_connection
from sle_desktop.ui.worker import run_in_background


def _on_clone(session, fn, args, kwargs, report=None):
    if report is not None:
        kwargs = dict(kwargs, report=report)
    with background_session(session) as own:
        return fn(own, *args, **kwargs)


def run_store_job(session, fn: Callable, *args, on_finished: Callable | None = None,
                  on_failed: Callable | None = None, on_progress: Callable | None = None,
                  progress: bool = False, **kwargs):
    """Call `fn(session_on_own_connection, *args, **kwargs)` in the thread pool; callbacks run on the GUI thread.

    An in-memory store has a single connection, so the call is made on the GUI thread
    at the next event-loop turn instead (same callbacks, never re-entrant).
    `on_failed(exc, traceback_text)`.
    """
    if uses_own_connection(session):
        return run_in_background(_on_clone, session, fn, args, kwargs, progress=progress, on_finished=on_finished,
                                 on_failed=on_failed, on_progress=on_progress)

    def now():
        try:
            result = fn(session, *args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - delivered to the window like a worker failure
            import traceback

            if on_failed:
                on_failed(exc, traceback.format_exc())
            return
        if on_finished:
            on_finished(result)

    QTimer.singleShot(0, now)
    return None
