"""The one object that drives the runner from Qt's event loop (Plover-style thin adapter).

The runner is pure Python and returns events from each call; this adapter calls it from Qt
timers and hands every event to plain-Python listeners (the cue director, the history log);
the few the window reacts to are also Qt signals, from one table. Time always comes from the
runner reading its monotonic clock, so a stalled event loop catches up on the next tick
instead of drifting.

One single-shot precise timer wakes the runner while a session counts, for whichever comes
first:
- the next moment something must happen on time: the end of the step, a countdown second,
  halfway, or the displayed second changing. The runner knows every deadline
  (``Snapshot.remaining``), so a step starts within a millisecond or two of its deadline;
- the next frame of the progress track's sweep and the figure's movement, ``FRAME_SECONDS``
  apart on a grid aligned with the step's whole seconds, so the second's own wake-up is also
  a frame: three wake-ups a second, not ten polls plus the deadlines between them. Each
  wake-up repaints the track and the figure, and a wake-up has a fixed cost (~1-1.3 ms of CPU
  here after sleeping, whatever it draws): ten a second alone came to ~1% of a core, the whole
  budget while counting; at four a second the frames were still about half of it.
Nothing wakes while paused or idle; the runner's sleep detection needs only these looks.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal, SignalInstance, Slot

from backtimer.engine.clock import Clock, MonotonicClock
from backtimer.engine.events import Event, Paused, Resumed, SessionFinished, SessionStarted
from backtimer.engine.runner import (
    DEFAULT_MAX_GAP,
    HALFWAY_MIN_SECONDS,
    Runner,
    RunnerState,
    Snapshot,
)
from backtimer.session.durations import shown_seconds
from backtimer.session.timeline import StepKind, Timeline

log = logging.getLogger(__name__)

Listener = Callable[[Event], None]

FRAME_SECONDS = 1 / 3  # the track's sweep and the figure's movement: three frames a second


def next_moment(snapshot: Snapshot) -> float | None:
    """Seconds until the next thing the person must see or hear on time, or None (no deadline).

    That is the next whole second of the step's remaining time (the digits change there; the
    countdown seconds 3, 2, 1 and the step's end at 0 are among them) or, for a hold long enough
    to get the runner's halfway cue, halfway through it, whichever comes first. Pure arithmetic
    on the snapshot: the runner keeps the time.
    """
    remaining = snapshot.remaining
    step = snapshot.step
    if snapshot.state is not RunnerState.RUNNING or remaining is None or step is None:
        return None
    shown = shown_seconds(remaining)  # what the digits read now
    moment = remaining - (shown - 1)
    if step.kind is StepKind.HOLD and (step.seconds or 0.0) >= HALFWAY_MIN_SECONDS:
        halfway = remaining - (step.seconds or 0.0) / 2
        if 0 < halfway < moment:
            moment = halfway
    return max(0.0, moment)


def next_wake(snapshot: Snapshot, frame: float = FRAME_SECONDS) -> float | None:
    """Seconds until the runner should next be woken: the next moment or the next frame.

    Frames fall on a grid of ``frame`` seconds counted back from the step's end (so every whole
    second of the countdown is one of them) or, for a step without a duration, counted from its
    start. None when nothing counts (paused, idle, finished).
    """
    if snapshot.state is not RunnerState.RUNNING or snapshot.step is None:
        return None
    if snapshot.remaining is not None:
        to_frame = snapshot.remaining % frame
    else:
        to_frame = frame - snapshot.elapsed % frame
    if to_frame < 0.001:  # on the grid now (or a hair past a frame): the next one
        to_frame += frame
    moment = next_moment(snapshot)
    return to_frame if moment is None else min(moment, to_frame)


class RunnerAdapter(QObject):
    """Owns the runner and its timer; hands every runner event on, in order.

    One way in: ``add_listener`` hears every event (the cue director, the history log, tests);
    the few events the window reacts to as Qt signals are also emitted, from one table, just
    before the listeners hear them:
        session_started(object): ``SessionStarted`` (the screen is kept awake).
        paused(object): ``Paused`` (with the reason: the user, or the computer slept).
        resumed(object): ``Resumed``.
        finished(object): ``SessionFinished`` (with the ``Summary``).
        snapshot_changed(object): a fresh ``Snapshot`` after every tick and command; the
            display draws only from these.

    The timer runs only while the runner is RUNNING: nothing wakes up while paused or idle.
    """

    session_started = Signal(object)
    paused = Signal(object)
    resumed = Signal(object)
    finished = Signal(object)
    snapshot_changed = Signal(object)

    def __init__(
        self,
        clock: Clock | None = None,
        parent: QObject | None = None,
        *,
        frame_seconds: float = FRAME_SECONDS,
        max_gap: float | None = DEFAULT_MAX_GAP,
    ) -> None:
        super().__init__(parent)
        self.clock: Clock = clock if clock is not None else MonotonicClock()
        self.max_gap = max_gap
        self.runner: Runner | None = None
        # Asked at start: how far ahead the session should begin so that its first sound can
        # be placed on time (the cues' stream); None or 0 starts at once.
        self.start_lead: Callable[[], float] | None = None
        self._listeners: list[Listener] = []
        self._signals: dict[type[Event], SignalInstance] = {
            SessionStarted: self.session_started,
            Paused: self.paused,
            Resumed: self.resumed,
            SessionFinished: self.finished,
        }
        self.frame_seconds = frame_seconds
        self._wake = QTimer(self)
        self._wake.setSingleShot(True)
        self._wake.setTimerType(Qt.TimerType.PreciseTimer)
        self._wake.timeout.connect(self.tick)

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
        """Whether the runner will be woken (only while the session counts)."""
        return self._wake.isActive()

    @property
    def wake_ms(self) -> int | None:
        """Milliseconds the armed timer was set for (tests and benchmarks read it), else None."""
        return self._wake.interval() if self._wake.isActive() else None

    def snapshot(self) -> Snapshot | None:
        return self.runner.snapshot() if self.runner else None

    # -- commands -----------------------------------------------------------------------------

    def load(self, timeline: Timeline) -> None:
        """Prepare a fresh runner for ``timeline``; any session still running is stopped."""
        if self.runner is not None and self.runner.state in (
            RunnerState.RUNNING, RunnerState.PAUSED
        ):
            self._dispatch(self.runner.stop())
        self._wake.stop()
        self.runner = Runner(timeline, self.clock, max_gap=self.max_gap)
        self._publish()

    @Slot()
    def start(self) -> None:
        if self.runner:
            lead = self.start_lead() if self.start_lead is not None else 0.0
            at = self.clock.now() + lead if lead > 0 else None
            self._dispatch(self.runner.start(at))

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
        """Bring the runner up to the clock. The timers call this; tests may call it directly."""
        if self.runner:
            self._dispatch(self.runner.tick())

    # -- internals ----------------------------------------------------------------------------

    def _dispatch(self, events: list[Event]) -> None:
        for item in events:
            signal = self._signals.get(type(item))
            if signal is not None:
                signal.emit(item)
            for listener in list(self._listeners):
                try:
                    listener(item)
                except Exception:
                    log.exception("a listener failed on %r; the session goes on", item)
        self._publish()

    def _publish(self) -> None:
        snapshot = self.snapshot()
        self._arm(snapshot)
        if snapshot is not None:
            self.snapshot_changed.emit(snapshot)

    def _arm(self, snapshot: Snapshot | None) -> None:
        """Set the timer for the next moment or frame; stop it when nothing counts."""
        wake = next_wake(snapshot, self.frame_seconds) if snapshot is not None else None
        if wake is None:
            self._wake.stop()
            return
        # Rounded up: a timer never fires early, so the runner finds the moment passed; at
        # least 1 ms, so a moment already here cannot spin the loop.
        self._wake.start(max(1, math.ceil(wake * 1000)))
