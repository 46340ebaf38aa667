"""The history window's one worker thread: every read and write of its log runs there.

Why: the GUI thread never waits on disk. Opening the log checks the whole file
(``PRAGMA quick_check``) and may migrate it; a page of rows, a write or an export may wait for
another program's lock. So the window hands each of them to this worker as a job and carries
on painting; the result comes back to the GUI thread through a queued signal, where the
window's callback applies it.

One thread, so jobs run in the order given and the log's one SQLite connection is never used
by two threads at once. ``pending`` counts the jobs not yet answered (tests wait until it is 0).
The session log (``ui/run/session_log.py``) runs its writes on a worker of its own, the same way.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_for
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, Signal

from backtimer.store.history import HistoryUnavailable

log = logging.getLogger(__name__)

T = TypeVar("T")
Failed = Callable[[Exception], None]

# The garbage collector runs on whichever thread allocates past its threshold; a page of rows
# allocates plenty. Were it to run on a worker and free a cycle holding a Qt widget, the widget
# would be deleted off the GUI thread, which crashes. So it is paused while any worker's job
# runs, and runs later on the GUI thread instead. Counted across all workers (the history
# window's and the session log's may run at once): each pausing and resuming it for itself, one
# finishing turned it back on under the other's job.
_pause_lock = threading.Lock()
_paused_jobs = 0
_was_collecting = False


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    global _paused_jobs, _was_collecting
    with _pause_lock:
        if _paused_jobs == 0:
            _was_collecting = gc.isenabled()
            gc.disable()
        _paused_jobs += 1
    try:
        yield
    finally:
        with _pause_lock:
            _paused_jobs -= 1
            if _paused_jobs == 0 and _was_collecting:
                gc.enable()


class HistoryWorker(QObject):
    """Runs jobs on one thread and answers on the GUI thread.

    Signals: ``idle()`` when the last pending job has been answered.
    """

    idle = Signal()
    _answered = Signal(object)  # (callback, value) from the worker thread; queued

    def __init__(self, parent: QObject | None = None, *, name: str = "history") -> None:
        """``name``: the thread's name (seen in a profiler or the benchmarks' per-thread CPU)."""
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._answered.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self.pending = 0
        self._closed = False
        self._last: Future[None] | None = None  # the last job given

    def submit(self, job: Callable[[], T], done: Callable[[T], object], failed: Failed) -> None:
        """Run ``job`` on the worker; then ``done(result)`` or ``failed(error)`` on the GUI
        thread. ``failed`` hears ``HistoryUnavailable`` and ``OSError`` (an export's file)."""
        if self._closed:
            return
        self.pending += 1

        def work() -> None:
            packet: tuple[Callable[[Any], object], object]
            with _collector_paused():  # (see ``_collector_paused``)
                try:
                    packet = (done, job())
                except (HistoryUnavailable, OSError) as error:
                    packet = (failed, error)
                except Exception as error:  # a bug: say so in the window rather than hang
                    log.exception("a history job failed")
                    packet = (failed, error)
            self._answered.emit(packet)

        self._last = self._pool.submit(work)

    def wait(self, timeout: float) -> bool:
        """Block until every job given so far has run, at most ``timeout`` seconds; whether
        they all did. Only for a window closing (its last writes must land before the app
        quits): the answers come later, through the event loop, if it still runs."""
        last = self._last
        return last is None or not wait_for([last], timeout).not_done

    @property
    def closing(self) -> bool:
        return self._closed

    def run_last(self, job: Callable[[], object]) -> None:
        """Run ``job`` (closing the log) after every job given, then stop; nothing answers.

        Once stopped, a later ``job`` (a log whose opening ended after the window closed) runs
        on a thread of its own, so the GUI thread still never waits for it.
        """
        if self._closed:
            threading.Thread(target=job, name="history-close", daemon=True).start()
            return
        self._closed = True
        self._pool.submit(job)
        self._pool.shutdown(wait=False)

    def _deliver(self, packet: tuple[Callable[[Any], object], object]) -> None:
        self.pending -= 1
        callback, value = packet
        try:
            callback(value)
        finally:
            if self.pending == 0:
                self.idle.emit()
