"""The main window's start-up in three stages, so the first frame costs little more than a bare
window:

1. The window's ``__init__`` builds only the frame: the menu bar's titles and a
   ``LoadingScreen`` (the start screen's heading and "Loading sessions…").
2. Right after that frame is painted (seen by an event filter, since a 0 ms timer would run
   before it), the window's ``load`` function reads the settings and library on a worker
   thread, while the GUI thread keeps painting "Loading sessions…" (a slow disk or a hostile
   file in the user's folder must never freeze the window). When it is done, ``build`` puts the
   real start screen, the notice bar, the actions and the menus' items in the loading screen's
   place.
3. Once the start screen has been painted, the parts a session needs are built one per turn of
   the event loop (the ``later`` calls), then whatever ``defer()`` was given (the app's cues).

Anything that needs a later part builds it on the spot (waiting for a read still running on
the worker, never starting a second one), and starting a session first finishes every stage
(``finish``), so nothing depends on the timing of stages 2 and 3.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)


class PaintWatch(QObject):
    """Calls ``then`` once, on the event loop, after ``widget`` is first painted.

    A 0 ms timer set before ``show()`` runs before the first frame; a call queued from the
    widget's first paint event runs once that frame is done. No signals.
    """

    def __init__(self, widget: QWidget, then: Callable[[], object]) -> None:
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._fire)
        return False

    def _fire(self) -> None:
        self._then()
        self.deleteLater()


class Background(QObject):
    """One call run once on a worker thread; ``done`` comes back on the GUI thread.

    The worker is a plain Python thread, so the call may read files for as long as it takes
    while the event loop goes on. An exception in the call is logged, not raised: whoever
    needs its result reads again on the GUI thread, and meets the error there.

    Signals:
        done(): the call returned or raised (queued to the thread this object lives in).
    """

    done = Signal()

    def __init__(self, call: Callable[[], object]) -> None:
        super().__init__()  # no parent: the thread keeps it alive until it has emitted
        self._call = call
        self._finished = threading.Event()
        self._thread = threading.Thread(target=self._run, name="backtimer-load", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def running_here(self) -> bool:
        """True on the worker thread itself (which must never wait for itself)."""
        return threading.current_thread() is self._thread

    def finished(self) -> bool:
        return self._finished.is_set()

    def wait(self) -> None:
        """Block until the call has finished (only for callers that cannot go on without it)."""
        if self._thread.ident is not None:  # started
            self._finished.wait()

    def _run(self) -> None:
        try:
            self._call()
        except Exception:
            log.warning("reading the sessions in the background failed", exc_info=True)
        finally:
            self._finished.set()
            with contextlib.suppress(RuntimeError):  # the window was closed meanwhile
                self.done.emit()


class StartUp(QObject):
    """Runs stages 2 and 3 of ``window`` (see above), and the calls deferred after them.

    ``load`` reads what stage 2 needs (on a worker thread, after the first frame; ``preload``
    runs on the GUI thread just before, to import what ``load`` uses, so the worker never
    loads native modules while the GUI thread may be loading its own). ``build`` makes stage
    2 and returns the screen whose first paint starts stage 3; ``later`` are stage 3's calls,
    in order. No signals: it calls what it was given.
    """

    def __init__(self, window: QWidget, build: Callable[[], QWidget],
                 later: Iterable[Callable[[], object]], *,
                 load: Callable[[], object] | None = None,
                 preload: Callable[[], object] | None = None) -> None:
        super().__init__(window)
        self._build = build
        self._later = list(later)
        self._load = load
        self._preload = preload
        self._loader: Background | None = None
        self._done = False  # stage 3 ran out of parts to build
        self.ready = False  # stage 2 has run (or is running)
        PaintWatch(window, self._after_first_frame)

    @property
    def loading(self) -> bool:
        """The background read has started and not finished yet."""
        return self._loader is not None and not self._loader.finished()

    def wait_loaded(self) -> None:
        """Wait for the background read if it is running (a no-op on its own thread)."""
        loader = self._loader
        if loader is not None and not loader.running_here():
            loader.wait()

    def make_ready(self) -> None:
        """Stage 2, now, unless it already ran (waiting for a background read to end)."""
        if self.ready:
            return
        self.ready = True
        self.wait_loaded()
        self._build()

    def defer(self, call: Callable[[], object]) -> None:
        """Run ``call`` after stage 3 (or soon, if stage 3 is done)."""
        self._later.append(call)
        if self._done:
            self._done = False
            QTimer.singleShot(0, self, self._next)

    def finish(self) -> None:
        """Run every stage still waiting, now (a session is about to start)."""
        self.make_ready()
        while self._later:
            self._later.pop(0)()

    def _after_first_frame(self) -> None:
        if self.ready:
            self._next()
            return
        if self._load is None:
            self._build_then_next()
            return
        if self._preload is not None:
            self._preload()
        self._loader = Background(self._load)
        self._loader.done.connect(self._loaded)
        self._loader.start()

    def _loaded(self) -> None:
        if self.ready:  # something needed stage 2 meanwhile, and built it after the read
            self._next()
            return
        self._build_then_next()

    def _build_then_next(self) -> None:
        self.ready = True
        PaintWatch(self._build(), self._next)

    def _next(self) -> None:
        """Stage 3: build the next part a session needs, then yield to the event loop."""
        if not self._later:
            self._done = True
            return
        call = self._later.pop(0)
        try:
            call()
        finally:
            QTimer.singleShot(0, self, self._next)
