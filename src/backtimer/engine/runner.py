"""The runner: walks a timeline against a monotonic clock and reports what happens.

Deadlines are absolute. When a step ends, the next one's deadline is the previous deadline plus
its duration, never "now plus duration"; a late tick therefore catches up (ending every step it
passed, at the moment it should have ended) instead of stretching the session. A tick that
comes very late means the computer slept or the process was stopped; that gap is not exercise,
so the runner pauses as of the last moment it saw. Real suspend does not make a late tick on
Linux or macOS, where the monotonic clock stops while the computer sleeps; the runner sees it by
how far the clock's second reading, the one that counts suspend, moved between two looks.

Every command returns the events it caused, in order. Commands that make no sense in the
current state (resume while running, tick before start) change nothing and return no events;
the table ``ALLOWED`` says which is which.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from backtimer.engine.clock import Clock
from backtimer.engine.events import (
    CountdownSecond,
    Event,
    HalfwayReached,
    Paused,
    PauseReason,
    Resumed,
    SessionFinished,
    SessionStarted,
    StepEnded,
    StepOutcome,
    StepStarted,
    Summary,
)
from backtimer.session.timeline import Step, StepKind, Timeline

COUNTDOWN_SECONDS = (3, 2, 1)
HALFWAY_MIN_SECONDS = 20.0
BACK_GRACE_SECONDS = 2.0
DEFAULT_MAX_GAP = 5.0


class RunnerState(StrEnum):
    IDLE = "idle"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"


class Command(StrEnum):
    START = "start"
    PAUSE = "pause"
    RESUME = "resume"
    SKIP = "skip"
    BACK = "back"
    DONE = "done"
    STOP = "stop"
    TICK = "tick"


ALLOWED: dict[RunnerState, frozenset[Command]] = {
    RunnerState.IDLE: frozenset({Command.START, Command.STOP}),
    RunnerState.RUNNING: frozenset(
        {Command.PAUSE, Command.SKIP, Command.BACK, Command.DONE, Command.STOP, Command.TICK}
    ),
    RunnerState.PAUSED: frozenset(
        {Command.RESUME, Command.SKIP, Command.BACK, Command.STOP, Command.TICK}
    ),
    RunnerState.FINISHED: frozenset(),
}


@dataclass(frozen=True)
class Snapshot:
    """Everything a display needs at one moment, computed by the runner so widgets never do.

    ``remaining`` is None for a self-paced step. ``fraction`` is the part of the step done
    (0 to 1; 0 for a self-paced step). ``session_left`` counts planned time still ahead,
    including what is left of this step.
    """

    state: RunnerState
    index: int
    step: Step | None
    remaining: float | None
    elapsed: float
    fraction: float
    session_elapsed: float
    session_left: float
    session_fraction: float
    pause_reason: PauseReason | None


class Runner:
    """Runs one timeline once. Build a new runner to run it again."""

    def __init__(
        self, timeline: Timeline, clock: Clock, *, max_gap: float | None = DEFAULT_MAX_GAP
    ) -> None:
        if not timeline.steps:
            raise ValueError("a timeline needs at least one step")
        self.timeline = timeline
        self.clock = clock
        self.max_gap = max_gap
        self.state = RunnerState.IDLE
        self.index = 0
        self.pause_reason: PauseReason | None = None
        self.summary: Summary | None = None
        self._outcomes = [StepOutcome.NOT_REACHED] * len(timeline.steps)
        self._deadline: float | None = None
        self._remaining: float | None = None  # a timed step's time left while paused
        self._active_before = 0.0  # active seconds up to the current running segment
        self._segment_start: float | None = None  # when the current running segment began
        self._step_started_active = 0.0  # active seconds when the current step began
        self._hold_seconds = 0.0
        self._prepare_seconds = 0.0
        self._last_seen = 0.0
        self._last_seen_counting_sleep: float | None = None
        self._countdowns_left: list[int] = []
        self._halfway_due = False
        # Planned seconds, summed once (a snapshot is taken at every frame while counting).
        self._total_seconds = timeline.total_seconds
        self._seconds_after: dict[int, float] = {}

    # -- queries ----------------------------------------------------------------------------

    @property
    def step(self) -> Step:
        return self.timeline.steps[self.index]

    def _after(self, index: int) -> float:
        """``timeline.seconds_after(index)``, summed once per step."""
        after = self._seconds_after.get(index)
        if after is None:
            after = self._seconds_after[index] = self.timeline.seconds_after(index)
        return after

    def allows(self, command: Command) -> bool:
        return command in ALLOWED[self.state]

    def snapshot(self) -> Snapshot:
        """The state at the clock's current time, without changing anything."""
        now = self.clock.now()
        step = self.step if self.state is not RunnerState.FINISHED else None
        remaining = self._remaining_at(now) if step is not None else None
        elapsed = self._active_at(now) - self._step_started_active if step else 0.0
        fraction = 0.0
        if step is not None and step.seconds:
            fraction = min(1.0, max(0.0, 1.0 - (remaining or 0.0) / step.seconds))
        total = self._total_seconds
        left = 0.0 if step is None else (remaining or 0.0) + self._after(self.index)
        return Snapshot(
            state=self.state,
            index=self.index,
            step=step,
            remaining=remaining,
            elapsed=max(0.0, elapsed),
            fraction=fraction,
            session_elapsed=self._active_at(now),
            session_left=left,
            session_fraction=1.0 - left / total if total else 0.0,
            pause_reason=self.pause_reason,
        )

    # -- commands ---------------------------------------------------------------------------

    def start(self, at: float | None = None) -> list[Event]:
        """Begin counting; ``at`` (a moment a little ahead) lets the sound be ready for it."""
        if not self.allows(Command.START):
            return []
        now = self._see()
        if at is not None and at > now:
            now = at
        self.state = RunnerState.RUNNING
        self._segment_start = now
        events: list[Event] = [
            SessionStarted(self.timeline.total_seconds, len(self.timeline.steps), self.timeline)
        ]
        events += self._begin(0, now)
        return events

    def pause(self) -> list[Event]:
        if not self.allows(Command.PAUSE):
            return []
        events = self.tick()
        if self.state is not RunnerState.RUNNING:
            return events
        return events + self._pause_at(self.clock.now(), PauseReason.USER)

    def resume(self) -> list[Event]:
        if not self.allows(Command.RESUME):
            return []
        now = self._see()
        self.state = RunnerState.RUNNING
        self.pause_reason = None
        self._segment_start = now
        if self._remaining is not None:
            self._deadline = now + self._remaining
        self._remaining = None
        return [Resumed(self.index, self._deadline)]

    def skip(self) -> list[Event]:
        if not self.allows(Command.SKIP):
            return []
        events = self._catch_up()
        if self.state is RunnerState.FINISHED:
            return events
        return events + self._advance(StepOutcome.SKIPPED, self.clock.now())

    def done(self) -> list[Event]:
        """End a self-paced step; on a timed step it does nothing (use skip)."""
        if not self.allows(Command.DONE) or self.step.timed:
            return []
        events = self._catch_up()
        return events + self._advance(StepOutcome.DONE, self.clock.now())

    def back(self) -> list[Event]:
        """Restart this step, or go to the previous one when this one has only just begun."""
        if not self.allows(Command.BACK):
            return []
        events = self._catch_up()
        if self.state is RunnerState.FINISHED:
            return events
        now = self.clock.now()
        elapsed = self._active_at(now) - self._step_started_active
        target = self.index
        if elapsed < BACK_GRACE_SECONDS and self.index > 0:
            target = self.index - 1
        self._account(now)
        for i in range(target, len(self._outcomes)):
            self._outcomes[i] = StepOutcome.NOT_REACHED
        return events + self._begin(target, now)

    def stop(self) -> list[Event]:
        if not self.allows(Command.STOP):
            return []
        events = self._catch_up() if self.state is not RunnerState.IDLE else []
        if self.state is RunnerState.FINISHED:
            return events
        now = self.clock.now()
        if self.state is RunnerState.RUNNING:
            self._account(now)
        return events + self._finish(now, completed=False)

    def tick(self) -> list[Event]:
        """Bring the runner up to the clock: end passed steps, report countdowns."""
        if not self.allows(Command.TICK):
            return []
        return self._catch_up()

    # -- internals --------------------------------------------------------------------------

    def _see(self) -> float:
        now = self.clock.now()
        self._last_seen = now
        self._last_seen_counting_sleep = self.clock.now_counting_sleep()
        return now

    def _unseen(self, previous: float, previous_counting_sleep: float | None) -> float:
        """Seconds since the last look, suspend included wherever the clock can tell."""
        gap = self._last_seen - previous
        counting_sleep = self._last_seen_counting_sleep
        if counting_sleep is not None and previous_counting_sleep is not None:
            gap = max(gap, counting_sleep - previous_counting_sleep)
        return gap

    def _catch_up(self) -> list[Event]:
        previous = self._last_seen
        previous_counting_sleep = self._last_seen_counting_sleep
        now = self._see()
        if self.state is not RunnerState.RUNNING:
            return []
        events: list[Event] = []
        if self.max_gap is not None and self._unseen(previous, previous_counting_sleep) > (
            self.max_gap
        ):
            # The computer slept (or the process was stopped): count up to the last moment we
            # saw, then pause there, so the gap is neither exercise nor a lost count. After a
            # real suspend ``now`` has moved only the moments around the sleep (a tick's
            # worth at most); they go uncounted with it rather than count a half-seen second.
            events += self._run_until(previous)
            if self.state is RunnerState.RUNNING:
                events += self._pause_at(previous, PauseReason.SLEEP)
            return events
        return self._run_until(now)

    def _run_until(self, now: float) -> list[Event]:
        events: list[Event] = []
        while (
            self.state is RunnerState.RUNNING
            and self._deadline is not None
            and now >= self._deadline
        ):
            events += self._advance(StepOutcome.DONE, self._deadline)
        if self.state is RunnerState.RUNNING:
            events += self._cues(now)
        return events

    def _cues(self, now: float) -> list[Event]:
        step = self.step
        if self._deadline is None or step.seconds is None:
            return []
        events: list[Event] = []
        remaining = self._deadline - now
        if self._halfway_due and remaining <= step.seconds / 2:
            self._halfway_due = False
            events.append(HalfwayReached(self.index, step))
        crossed = [s for s in self._countdowns_left if remaining <= s]
        if crossed:
            # After a stall only the latest second is announced: two beeps at once help nobody.
            self._countdowns_left = [s for s in self._countdowns_left if s not in crossed]
            events.append(CountdownSecond(self.index, step, min(crossed)))
        return events

    def _begin(self, index: int, at: float) -> list[Event]:
        self.index = index
        step = self.step
        self._step_started_active = self._active_at(at)
        if self.state is RunnerState.RUNNING:
            self._segment_start = at
            self._deadline = at + step.seconds if step.seconds is not None else None
            self._remaining = None
        else:
            self._deadline = None
            self._remaining = step.seconds
        seconds = step.seconds or 0.0
        self._countdowns_left = [s for s in COUNTDOWN_SECONDS if seconds > s]
        self._halfway_due = step.kind is StepKind.HOLD and seconds >= HALFWAY_MIN_SECONDS
        events: list[Event] = [StepStarted(index, step, at)]
        if self.state is RunnerState.RUNNING:
            events += self._cues(at)
        return events

    def _advance(self, outcome: StepOutcome, at: float) -> list[Event]:
        step = self.step
        if self.state is RunnerState.RUNNING:
            self._account(at)
        if step.kind in (StepKind.HOLD, StepKind.SELF_PACED):
            self._hold_seconds += self._active_before - self._step_started_active
        elif step.kind is StepKind.PREPARE:
            self._prepare_seconds += self._active_before - self._step_started_active
        self._outcomes[self.index] = outcome
        events: list[Event] = [StepEnded(self.index, step, outcome)]
        if self.index + 1 < len(self.timeline.steps):
            return events + self._begin(self.index + 1, at)
        return events + self._finish(at, completed=True)

    def _account(self, at: float) -> None:
        """Fold the running segment up to ``at`` into the active total."""
        if self._segment_start is not None:
            self._active_before += max(0.0, at - self._segment_start)
            self._segment_start = at

    def _pause_at(self, at: float, reason: PauseReason) -> list[Event]:
        self._account(at)
        self._segment_start = None
        self._remaining = self._deadline - at if self._deadline is not None else None
        self._deadline = None
        self.state = RunnerState.PAUSED
        self.pause_reason = reason
        return [Paused(reason)]

    def _finish(self, at: float, *, completed: bool) -> list[Event]:
        stopped_in = None if completed else self.timeline.steps[self.index]
        if stopped_in is not None and stopped_in.kind is StepKind.PREPARE:
            self._prepare_seconds += self._active_before - self._step_started_active
        self._segment_start = None
        self._deadline = None
        self._remaining = None
        self.state = RunnerState.FINISHED
        outcomes = tuple(self._outcomes)
        self.summary = Summary(
            planned_seconds=self.timeline.total_seconds,
            done_seconds=self._active_before,
            hold_seconds=self._hold_seconds,
            steps_total=len(outcomes),
            steps_done=outcomes.count(StepOutcome.DONE),
            steps_skipped=outcomes.count(StepOutcome.SKIPPED),
            completed=completed,
            outcomes=outcomes,
            prepare_seconds=self._prepare_seconds,
        )
        return [SessionFinished(self.summary)]

    def _active_at(self, at: float) -> float:
        if self._segment_start is None:
            return self._active_before
        return self._active_before + max(0.0, at - self._segment_start)

    def _remaining_at(self, now: float) -> float | None:
        if self.step.seconds is None:
            return None
        if self._deadline is not None:  # never more than the step: a start set a little ahead
            return min(self.step.seconds, max(0.0, self._deadline - now))
        if self._remaining is not None:
            return self._remaining
        return self.step.seconds
