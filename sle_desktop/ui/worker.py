"""The one way long work leaves the GUI thread: a QThreadPool runnable with progress/finished/failed signals.

    job = run_in_background(export_bundle, session, target, progress=True,
                            on_finished=self._done, on_failed=self._show_error, on_progress=bar.setValue)

The function runs in a pool thread; it must not touch widgets. When `progress=True` it
receives a `report(done, total)` keyword argument. The callbacks run on the GUI thread.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class JobSignals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object, str)  # the exception, and its traceback text for the log


class Job(QRunnable):
    """One background call; keep a reference to `signals` while it runs."""

    def __init__(self, fn: Callable, args: tuple, kwargs: dict, with_progress: bool):
        super().__init__()
        self.signals = JobSignals()
        self._fn, self._args, self._kwargs = fn, args, kwargs
        if with_progress:
            self._kwargs["report"] = lambda done, total: self.signals.progress.emit(int(done), int(total))
        self.setAutoDelete(False)

    @Slot()
    def run(self) -> None:
        try:
            result = self._fn(*self._args, **self._kwargs)
        except BaseException as exc:  # noqa: BLE001 - every failure must reach the window as a message
            self.signals.failed.emit(exc, traceback.format_exc())
            return
        self.signals.finished.emit(result)


_running: set[Job] = set()


def run_in_background(fn: Callable, *args, progress: bool = False, on_finished: Callable | None = None,
                      on_failed: Callable | None = None, on_progress: Callable | None = None,
                      pool: QThreadPool | None = None, **kwargs) -> Job:
    """Start `fn(*args, **kwargs)` in the global thread pool and wire the callbacks (GUI thread)."""
    job = Job(fn, args, kwargs, progress)
    _running.add(job)
    if on_progress:
        job.signals.progress.connect(on_progress)
    if on_finished:
        job.signals.finished.connect(on_finished)
    if on_failed:
        job.signals.failed.connect(on_failed)
    job.signals.finished.connect(lambda _r: _running.discard(job))
    job.signals.failed.connect(lambda _e, _t: _running.discard(job))
    (pool or QThreadPool.globalInstance()).start(job)
    return job
