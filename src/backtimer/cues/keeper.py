"""Keep the screen awake during a session, with ``wakepy`` (Linux, macOS and Windows).

wakepy talks to D-Bus on Linux with a 2 s timeout per call, so asking it can stall; here (no
session bus) activation failed in about 7 ms, but a slow or half-working bus would freeze the
count. So every wakepy call runs on one worker thread of its own (wakepy's modes must be
entered and left on the thread that made them, hence a single thread, always the same one),
and the GUI thread only queues requests and never waits.

Signals: ``problem_found(str)`` once, the first time the screen could not be kept awake.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from types import TracebackType
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject, Signal

from backtimer.cues.base import ScreenKeeper

log = logging.getLogger(__name__)


class AwakeMode(Protocol):
    """What BackTimer uses of a wakepy ``Mode``: a context manager that says if it worked."""

    active: bool

    def __enter__(self) -> Any: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exception: BaseException | None,
        traceback: TracebackType | None,
        /,
    ) -> Any: ...


def presenting_mode() -> AwakeMode:
    """wakepy's ``keep.presenting``: the screen stays on and unlocked (not just the system)."""
    from wakepy import keep

    mode: AwakeMode = keep.presenting(on_fail="pass")
    return mode


class WakepyKeeper(QObject):
    """Keeps the screen awake between ``keep_awake()`` and ``release()``; never raises or blocks.

    ``mode_factory`` makes a fresh wakepy mode for each activation (tests pass a failing one).
    """

    problem_found = Signal(str)

    def __init__(
        self, parent: QObject, mode_factory: Callable[[], AwakeMode] = presenting_mode
    ) -> None:
        super().__init__(parent)
        self._mode_factory = mode_factory
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="backtimer-awake")
        self._mode: AwakeMode | None = None  # touched only on the worker thread
        self._lock = threading.Lock()
        self._problem: str | None = None
        self._wanted = False  # what the GUI last asked for
        self._closed = False
        # Emitted from the worker; Qt queues it to this object's (the GUI) thread.
        self._failed.connect(self._report)

    _failed = Signal(str)

    @property
    def problem(self) -> str | None:
        with self._lock:
            return self._problem

    @property
    def active(self) -> bool:
        """True while a wakepy mode is holding the screen on."""
        mode = self._mode
        return mode is not None and bool(mode.active)

    def keep_awake(self) -> None:
        if self._wanted or self._closed:
            return
        self._wanted = True
        self._worker.submit(self._enter)

    def release(self) -> None:
        if not self._wanted or self._closed:
            return
        self._wanted = False
        self._worker.submit(self._exit)

    def wait_idle(self, timeout: float = 5.0) -> None:
        """Block until the queued requests are done (for tests and shutdown only)."""
        self._worker.submit(lambda: None).result(timeout)

    def close(self) -> None:
        """Release the screen and stop the worker without waiting for it (call at exit)."""
        self.release()
        self._closed = True
        self._worker.shutdown(wait=False)

    def _enter(self) -> None:
        try:
            mode = self._mode_factory()
            mode.__enter__()
        except Exception as error:  # wakepy or the platform failed in a way it did not catch
            log.debug("keep-awake failed", exc_info=True)
            self._failed.emit(str(error) or type(error).__name__)
            return
        self._mode = mode
        if not mode.active:
            reason = ""
            result = getattr(mode, "result", None)
            if result is not None and hasattr(result, "get_failure_text"):
                reason = result.get_failure_text("inline")
            log.debug("keep-awake not active: %s", reason)
            self._failed.emit(reason)

    def _exit(self) -> None:
        mode, self._mode = self._mode, None
        if mode is None:
            return
        try:
            mode.__exit__(None, None, None)
        except Exception:
            log.debug("keep-awake release failed", exc_info=True)

    def _report(self, reason: str) -> None:
        with self._lock:
            if self._problem is not None:
                return
            self._problem = QCoreApplication.translate(
                "Cues",
                "The screen may dim during exercise: this system did not let BackTimer keep it "
                "awake.",
            )
            problem = self._problem
        log.info("cannot keep the screen awake: %s", reason)
        self.problem_found.emit(problem)


class KeeperSwitch:
    """The keeper the window holds: passes calls on while the ``keep_awake`` setting is on.

    Turning the setting off releases the screen at once; turning it on takes effect at the next
    ``keep_awake()`` (the window calls it when a session starts or resumes).
    """

    def __init__(self, keeper: ScreenKeeper, enabled: bool = True) -> None:
        self._keeper = keeper
        self._enabled = enabled

    @property
    def inner(self) -> ScreenKeeper:
        return self._keeper

    @property
    def enabled(self) -> bool:
        return self._enabled

    @property
    def problem(self) -> str | None:
        return self._keeper.problem if self._enabled else None

    def set_enabled(self, enabled: bool) -> None:
        if self._enabled and not enabled:
            self._keeper.release()
        self._enabled = enabled

    def keep_awake(self) -> None:
        if self._enabled:
            self._keeper.keep_awake()

    def release(self) -> None:
        self._keeper.release()
