"""Keep the screen awake during a session, with ``wakepy`` (Linux, macOS and Windows).

wakepy talks to D-Bus on Linux with a 2 s timeout per call, so asking it can stall; here (no
session bus) activation failed in about 7 ms, but a slow or half-working bus would freeze the
count. So every wakepy call runs on one worker thread of its own (wakepy's modes must be
entered and left on the thread that made them, hence a single thread, always the same one);
the GUI thread only queues requests, never waits, and picks up the answers with a short
timer that runs only while an answer is due.

wakepy and what it loads to reach D-Bus (``ctypes``, ``jeepney``, ``socket``: native modules) are
imported on the GUI thread, by ``preload()``, before the worker's first call: a worker that
loads a native module takes the dynamic loader's lock while holding the GIL, and if the GUI
thread is loading a Qt library at that moment (QtMultimedia, just after start-up) anything that
needs the GIL in there deadlocks the app. Loading natives in one thread only rules that out.

Signals: ``problem_found(str)`` once, the first time the screen could not be kept awake.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType
from typing import Any, Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from backtimer.cues.base import ScreenKeeper
from backtimer.cues.words import tr

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


# What wakepy imports, and what its Linux D-Bus path imports on first use (wakepy 1.0).
WAKEPY_MODULES = ("wakepy", "wakepy.dbus_adapters.jeepney", "jeepney.io.blocking")


def load_wakepy() -> None:
    """Import wakepy and the native modules its activation needs; on the GUI thread (see top)."""
    for name in WAKEPY_MODULES:
        try:
            importlib.import_module(name)
        except ImportError:  # another platform or wakepy version: the worker reports failures
            log.debug("could not preload %s", name, exc_info=True)


class _Worker:
    """The wakepy side; plain Python, and every method runs on the keeper's one worker thread.

    It never touches a Qt object: a Qt object may be deleted by the GUI thread at any moment
    (at exit, say), and a signal emitted on a deleted object from another thread corrupts
    memory. Results go back through ``Future``s, which the GUI thread collects.
    """

    def __init__(self, mode_factory: Callable[[], AwakeMode]) -> None:
        self.mode_factory = mode_factory
        self.mode: AwakeMode | None = None

    def enter(self) -> str | None:
        """Hold the screen on; returns None if that worked, or why it did not."""
        try:
            mode = self.mode_factory()
            mode.__enter__()
        except Exception as error:  # wakepy or the platform failed in a way it did not catch
            log.debug("keep-awake failed", exc_info=True)
            return str(error) or type(error).__name__
        self.mode = mode
        if mode.active:
            return None
        result = getattr(mode, "result", None)
        if result is not None and hasattr(result, "get_failure_text"):
            return str(result.get_failure_text("inline"))
        return "wakepy could not activate"

    def exit(self) -> None:
        mode, self.mode = self.mode, None
        if mode is None:
            return
        try:
            mode.__exit__(None, None, None)
        except Exception:
            log.debug("keep-awake release failed", exc_info=True)


class WakepyKeeper(QObject):
    """Keeps the screen awake between ``keep_awake()`` and ``release()``; never raises or blocks.

    ``mode_factory`` makes a fresh wakepy mode for each activation (tests pass a failing one);
    ``preload`` imports what it needs, on the GUI thread, before the worker first runs.
    """

    problem_found = Signal(str)

    POLL_MS = 25  # how often the GUI thread looks whether the worker has answered

    def __init__(
        self,
        parent: QObject,
        mode_factory: Callable[[], AwakeMode] = presenting_mode,
        preload: Callable[[], None] = load_wakepy,
    ) -> None:
        super().__init__(parent)
        self._preload: Callable[[], None] | None = preload
        self._worker = _Worker(mode_factory)
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="backtimer-awake")
        self._answers: list[Future[str | None]] = []
        self._poll = QTimer(self)
        self._poll.setInterval(self.POLL_MS)
        self._poll.timeout.connect(self._collect)
        self._problem: str | None = None
        self._wanted = False  # what the GUI last asked for
        self._closed = False

    @property
    def problem(self) -> str | None:
        return self._problem

    @property
    def active(self) -> bool:
        """True while a wakepy mode is holding the screen on."""
        mode = self._worker.mode
        return mode is not None and bool(mode.active)

    def preload(self) -> None:
        """Import wakepy on this (the GUI) thread; once. The factory calls it after start-up."""
        preload, self._preload = self._preload, None
        if preload is not None:
            preload()

    def keep_awake(self) -> None:
        if self._wanted or self._closed:
            return
        self.preload()  # never let the worker be the one to load native modules
        self._wanted = True
        self._answers.append(self._thread.submit(self._worker.enter))
        self._poll.start()

    def release(self) -> None:
        if not self._wanted or self._closed:
            return
        self._wanted = False
        self._thread.submit(self._worker.exit)

    def wait_idle(self, timeout: float = 5.0) -> None:
        """Block until the queued requests are done (for tests only), then take the answers."""
        self._thread.submit(lambda: None).result(timeout)
        self._collect()

    def close(self) -> None:
        """Release the screen and let the worker end, without waiting for it (call at exit)."""
        self.release()
        self._closed = True
        self._poll.stop()
        self._thread.shutdown(wait=False)

    def _collect(self) -> None:
        done = [answer for answer in self._answers if answer.done()]
        self._answers = [answer for answer in self._answers if not answer.done()]
        if not self._answers:
            self._poll.stop()
        for answer in done:
            reason = answer.result()
            if reason is not None:
                self._report(reason)

    def _report(self, reason: str) -> None:
        log.info("cannot keep the screen awake: %s", reason)
        if self._problem is not None:
            return
        self._problem = tr(
            "The screen may dim during exercise: this system did not let BackTimer keep it awake.",
        )
        self.problem_found.emit(self._problem)


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
