"""The main window's start-up in three stages, so the first frame costs little more than a bare
window:

1. The window's ``__init__`` builds only the frame: the menu bar's titles and a
   ``LoadingScreen`` (the start screen's heading and "Loading sessions…").
2. Right after that frame is painted (seen by an event filter, since a 0 ms timer would run
   before it), the window's ``build`` function reads the settings and library and puts the real
   start screen, the notice bar, the actions and the menus' items in the loading screen's place.
3. Once the start screen has been painted, the parts a session needs are built one per turn of
   the event loop (the ``later`` calls), then whatever ``defer()`` was given (the app's cues).

Anything that needs a later part builds it on the spot, and starting a session first finishes
every stage (``finish``), so nothing depends on the timing of stages 2 and 3.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


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


class StartUp(QObject):
    """Runs stages 2 and 3 of ``window`` (see above), and the calls deferred after them.

    ``build`` makes stage 2 and returns the screen whose first paint starts stage 3; ``later``
    are stage 3's calls, in order. No signals: it calls what it was given.
    """

    def __init__(self, window: QWidget, build: Callable[[], QWidget],
                 later: Iterable[Callable[[], object]]) -> None:
        super().__init__(window)
        self._build = build
        self._later = list(later)
        self._done = False  # stage 3 ran out of parts to build
        self.ready = False  # stage 2 has run (or is running)
        PaintWatch(window, self._after_first_frame)

    def make_ready(self) -> None:
        """Stage 2, now, unless it already ran."""
        if self.ready:
            return
        self.ready = True
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
