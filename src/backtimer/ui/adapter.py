"""The one object that drives the runner from Qt's event loop (Plover-style thin adapter).

The runner is pure Python and returns events from each call; this adapter calls it from a
QTimer, re-emits every event as a Qt signal and hands it to plain-Python listeners (the cue
director, the history log). Time always comes from the runner reading its monotonic clock, so a
stalled event loop catches up on the next tick instead of drifting.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from backtimer.engine.clock import Clock, MonotonicClock
from backtimer.engine.events import (
    CountdownSecond,
    Event,
    HalfwayReached,
    Paused,
    Resumed,
    SessionFinished,
    SessionStarted,
    StepEnded,
    StepStarted,
)
from backtimer.engine.runner import Runner, RunnerState, Snapshot
from backtimer.session.timeline import Timeline

log = logging.getLogger(__name__)

Listener = Callable[[Event], None]

TICK_MS = 33  # ~30 ticks a second: a digit flips within 33 ms of its moment


class RunnerAdapter(QObject):
    """Owns the runner and its QTimer; turns runner events into Qt signals.

    Signals:
        any_event(object): every runner event, in order, before the specific signal below.
        session_started(object): ``SessionStarted``.
        step_started(object): ``StepStarted`` (index and step).
        step_ended(object): ``StepEnded``.
        countdown(object): ``CountdownSecond`` (3, 2, 1).
        halfway(object): ``HalfwayReached``.
        paused(object): ``Paused`` (with the reason: the user, or the computer slept).
        resumed(object): ``Resumed``.
        finished(object): ``SessionFinished`` (with the ``Summary``).
        snapshot_changed(object): a fresh ``Snapshot`` after every tick and command; the
            display draws only from these.
        state_changed(str): the ``RunnerState`` value, when it changes.

    The timer runs only while the runner is RUNNING: nothing wakes up while paused or idle.
    """

    any_event = Signal(object)
    session_started = Signal(object)
    step_started = Signal(object)
    step_ended = Signal(object)
    countdown = Signal(object)
    halfway = Signal(object)
    paused = Signal(object)
    resumed = Signal(object)
    finished = Signal(object)
    snapshot_changed = Signal(object)
    state_changed = Signal(str)

    def __init__(
        self,
        clock: Clock | None = None,
        parent: QObject | None = None,
        *,
        interval_ms: int = TICK_MS,
        max_gap: float | None = 5.0,
    ) -> None:
        super().__init__(parent)
        self.clock: Clock = clock if clock is not None else MonotonicClock()
        self.max_gap = max_gap
        self.runner: Runner | None = None
        self._listeners: list[Listener] = []
        self._state: RunnerState | None = None
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.tick)

    # -- listeners ----------------------------------------------------------------------------

    def add_listener(self, listener: Listener) -> None:
        """Call ``listener(event)`` for every runner event; an exception is logged, not raised."""
        if listener not in self._listeners:
            self._listeners.append(listener)

    def remove_listener(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    # -- queries ------------------------------------------------------------------------------

    @property
    def timeline(self) -> Timeline | None:
        return self.runner.timeline if self.runner else None

    @property
    def state(self) -> RunnerState:
        return self.runner.state if self.runner else RunnerState.IDLE

    @property
    def ticking(self) -> bool:
        """Whether the QTimer is running (only while the session counts)."""
        return self._timer.isActive()

    def snapshot(self) -> Snapshot | None:
        return self.runner.snapshot() if self.runner else None

    # -- commands -----------------------------------------------------------------------------

    def load(self, timeline: Timeline) -> None:
        """Prepare a fresh runner for ``timeline``; any session still running is stopped."""
        if self.runner is not None and self.runner.state in (
            RunnerState.RUNNING, RunnerState.PAUSED
        ):
            self._dispatch(self.runner.stop())
        self._timer.stop()
        self.runner = Runner(timeline, self.clock, max_gap=self.max_gap)
        self._state = None
        self._publish()

    @Slot()
    def start(self) -> None:
        if self.runner:
            self._dispatch(self.runner.start())

    @Slot()
    def pause(self) -> None:
        if self.runner:
            self._dispatch(self.runner.pause())

    @Slot()
    def resume(self) -> None:
        if self.runner:
            self._dispatch(self.runner.resume())

    @Slot()
    def toggle_pause(self) -> None:
        if self.state is RunnerState.RUNNING:
            self.pause()
        elif self.state is RunnerState.PAUSED:
            self.resume()

    @Slot()
    def skip(self) -> None:
        if self.runner:
            self._dispatch(self.runner.skip())

    @Slot()
    def back(self) -> None:
        if self.runner:
            self._dispatch(self.runner.back())

    @Slot()
    def done(self) -> None:
        if self.runner:
            self._dispatch(self.runner.done())

    @Slot()
    def stop(self) -> None:
        if self.runner:
            self._dispatch(self.runner.stop())

    @Slot()
    def tick(self) -> None:
        """Bring the runner up to the clock. The QTimer calls this; tests may call it directly."""
        if self.runner:
            self._dispatch(self.runner.tick())

    # -- internals ----------------------------------------------------------------------------

    def _dispatch(self, events: list[Event]) -> None:
        for item in events:
            self.any_event.emit(item)
            self._signal_for(item)
            for listener in list(self._listeners):
                try:
                    listener(item)
                except Exception:
                    log.exception("a listener failed on %r; the session goes on", item)
        self._publish()

    def _signal_for(self, item: Event) -> None:
        if isinstance(item, StepStarted):
            self.step_started.emit(item)
        elif isinstance(item, CountdownSecond):
            self.countdown.emit(item)
        elif isinstance(item, StepEnded):
            self.step_ended.emit(item)
        elif isinstance(item, HalfwayReached):
            self.halfway.emit(item)
        elif isinstance(item, Paused):
            self.paused.emit(item)
        elif isinstance(item, Resumed):
            self.resumed.emit(item)
        elif isinstance(item, SessionStarted):
            self.session_started.emit(item)
        elif isinstance(item, SessionFinished):
            self.finished.emit(item)

    def _publish(self) -> None:
        state = self.state
        if state is RunnerState.RUNNING:
            if not self._timer.isActive():
                self._timer.start()
        else:
            self._timer.stop()
        snapshot = self.snapshot()
        if snapshot is not None:
            self.snapshot_changed.emit(snapshot)
        if state is not self._state:
            self._state = state
            self.state_changed.emit(state.value)
