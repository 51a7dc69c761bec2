"""The one way long work leaves the GUI thread (in the spirit of Anki's CollectionOp/QueryOp).

    job = run_use_case(session, sync_site.export_bundle, target, progress=True, cancellable=True,
                       on_finished=self._done, on_failed=self._failed, on_progress=bar.setValue, parent=self)
    job.cancel()                      # later, e.g. from a Cancel button

- The use case runs in the global thread pool on its OWN store connection
  (`app.ui_queries.background_session`), as `fn(own_session, *args, **kwargs)`; it must not touch widgets.
  On an in-memory store (tests, the self-test) there is only one connection, so it runs on the GUI
  thread at the next event-loop turn instead: same callbacks, never a connection shared across threads.
- `progress=True` passes `report(done, total)`; it emits `progress` and, once `cancel()` was asked,
  raises `Cancelled` inside the use case, which stops there (its transaction rolls back) and the job
  emits `cancelled` instead of `finished`. A use case that returns anyway (it made no further `report`
  call, e.g. the bundle was already written) has finished, and says so.
- Every failure is logged with its traceback (`app.logs`: the rotating log file) and shown through
  `messages.report`: by `on_failed(exc)` when given, else as a message box over `parent`.
- The callbacks (`on_finished(result)`, `on_failed(exc)`, `on_progress(done, total)`, `on_cancelled()`)
  run on the GUI thread.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

from sle_desktop.app.ui_queries import background_session, background_store, uses_own_connection
from sle_desktop.ui import messages

log = logging.getLogger("sle_desktop.background")


class Cancelled(Exception):  # noqa: N818 - reads as what happened: the job was cancelled
    """Raised by `report()` inside a use case once the job was asked to stop."""


class BackgroundJob(QObject):
    """One background call. Signals are delivered on the GUI thread."""

    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)  # the exception (its traceback is logged, and kept in `traceback`)
    cancelled = Signal()
    # from the worker to this object (queued into the GUI thread)
    _progress = Signal(int, int)
    _done = Signal(object)
    _error = Signal(object, str)
    _stopped = Signal()

    def __init__(self, name: str, cancellable: bool):
        super().__init__()
        self.name = name
        self.cancellable = cancellable
        self.running = True
        self.result = None
        self.error: BaseException | None = None
        self.traceback = ""
        self.parent_widget: QWidget | None = None
        self.title: str | None = None
        self._cancel = threading.Event()
        self._progress.connect(self.progress)
        self._done.connect(self._on_done)
        self._error.connect(self._on_error)
        self._stopped.connect(self._on_stopped)

    def cancel(self) -> None:
        """Ask the use case to stop at its next `report()` (a no-op for a job that is not cancellable)."""
        if self.cancellable and self.running:
            self._cancel.set()

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def report(self, done: int, total: int) -> None:
        """The `report` callback given to the use case: progress, and the cancel check."""
        if self._cancel.is_set():
            raise Cancelled(self.name)
        self._progress.emit(int(done), int(total))

    def execute(self, body: Callable[[], object]) -> None:
        """Run `body()` here (pool thread or GUI thread) and deliver the outcome through the signals."""
        try:
            result = body()
        except Cancelled:
            self._stopped.emit()
            return
        except BaseException as exc:  # noqa: BLE001 - every failure must reach the window as a message
            self._error.emit(exc, traceback.format_exc())
            return
        self._done.emit(result)  # finished despite a late cancel: its work is done and must be shown

    @Slot(object)
    def _on_done(self, result) -> None:
        self.running = False
        self.result = result
        self.finished.emit(result)
        self._release()

    @Slot(object, str)
    def _on_error(self, exc, trace: str) -> None:
        self.running = False
        self.error, self.traceback = exc, trace
        log_failure(self.name, exc, trace)
        self.failed.emit(exc)
        self._release()

    def _release(self) -> None:
        # Let go of the job after the signal being delivered now (never delete a QObject inside its own slot).
        QTimer.singleShot(0, lambda: _running.discard(self))

    @Slot(object)
    def show_failure(self, exc) -> None:
        """The default failure handler's display: the plain message in a box over the job's parent widget."""
        messages.report(exc, parent=self.parent_widget, title=self.title)

    @Slot()
    def _parent_gone(self) -> None:
        self.parent_widget = None

    @Slot()
    def _on_stopped(self) -> None:
        self.running = False
        log.info("%s cancelled", self.name)
        self.cancelled.emit()
        self._release()


class _Runnable(QRunnable):
    def __init__(self, job: BackgroundJob, body: Callable[[], object]):
        super().__init__()
        self._job, self._body = job, body

    def run(self) -> None:
        self._job.execute(self._body)


_running: set[BackgroundJob] = set()  # keeps jobs (and their signals) alive while they run


def log_failure(name: str, exc: BaseException, trace: str) -> None:
    """Write a failed job's exception and traceback to the log file."""
    log.error("%s failed: %s: %s\n%s", name, type(exc).__name__, exc, trace.rstrip())


def _start(name: str, body: Callable[[BackgroundJob], object], threaded: bool, *, on_finished, on_failed,
           on_progress, on_cancelled, cancellable: bool, parent, title) -> BackgroundJob:
    job = BackgroundJob(name, cancellable)
    _running.add(job)
    if on_progress is not None:
        job.progress.connect(on_progress)
    if on_finished is not None:
        job.finished.connect(on_finished)
    if on_cancelled is not None:
        job.cancelled.connect(on_cancelled)
    job.title = title
    if parent is not None:
        job.parent_widget = parent
        parent.destroyed.connect(job._parent_gone)
    job.failed.connect(on_failed if on_failed is not None else job.show_failure)
    if threaded:
        QThreadPool.globalInstance().start(_Runnable(job, lambda: body(job)))
    else:
        QTimer.singleShot(0, job, lambda: job.execute(lambda: body(job)))
    return job


def run_use_case(session, fn: Callable, *args, on_finished: Callable | None = None,
                 on_failed: Callable | None = None, on_progress: Callable | None = None,
                 on_cancelled: Callable | None = None, progress: bool = False, cancellable: bool = False,
                 parent: QWidget | None = None, title: str | None = None, **kwargs) -> BackgroundJob:
    """Call `fn(own_session, *args, **kwargs)` off the GUI thread (see the module docstring)."""

    def body(job: BackgroundJob):
        extra = {"report": job.report} if progress else {}
        if not uses_own_connection(session):
            return fn(session, *args, **kwargs, **extra)
        with background_session(session) as own:
            return fn(own, *args, **kwargs, **extra)

    return _start(getattr(fn, "__qualname__", repr(fn)), body, uses_own_connection(session),
                  on_finished=on_finished, on_failed=on_failed, on_progress=on_progress, on_cancelled=on_cancelled,
                  cancellable=cancellable, parent=parent, title=title)


def run_on_store(store, fn: Callable, *args, on_finished: Callable | None = None,
                 on_failed: Callable | None = None, parent: QWidget | None = None, title: str | None = None,
                 **kwargs) -> BackgroundJob:
    """Call `fn(own_store, *args, **kwargs)` off the GUI thread, for work before anyone is logged in
    (the demo site is filled this way)."""

    def body(_job: BackgroundJob):
        if not uses_own_connection(store):
            return fn(store, *args, **kwargs)
        with background_store(store) as own:
            return fn(own, *args, **kwargs)

    return _start(getattr(fn, "__qualname__", repr(fn)), body, uses_own_connection(store),
                  on_finished=on_finished, on_failed=on_failed, on_progress=None, on_cancelled=None,
                  cancellable=False, parent=parent, title=title)
