"""One worker thread that runs saves in the order they were asked for.

Saves made mid-action (the last session when a countdown begins, a reminder shown during a
session, the folder of a file dialog just closed) must not hold the GUI thread: a slow or stuck
disk would freeze the window. Each writer keeps one queue; the thread starts with the first save.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor


class SaveQueue:
    """``submit(job)`` runs ``job`` on the worker after the saves before it; ``wait()`` blocks
    until all of them are done (tests, and the app ending); ``close()`` finishes and stops."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._pool: ThreadPoolExecutor | None = None
        self._last: Future[None] | None = None

    def submit(self, job: Callable[[], None]) -> None:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=self._name)
        self._last = self._pool.submit(job)

    def wait(self) -> None:
        if self._last is not None:
            self._last.result()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
