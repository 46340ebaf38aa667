"""What the runner reports. Each event is a dataclass named for what happened.

Listeners (the Qt adapter, the history log, the tests) receive these from every runner call;
the runner never calls back into anyone, so no listener can break the count.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from backtimer.session.timeline import Step, Timeline


class StepOutcome(StrEnum):
    DONE = "done"
    SKIPPED = "skipped"
    NOT_REACHED = "not_reached"


class PauseReason(StrEnum):
    USER = "user"
    SLEEP = "sleep"  # a tick came so late that the computer must have been asleep


@dataclass(frozen=True)
class Summary:
    """What was done, for the finish screen and the log.

    ``planned_seconds`` is the timeline's planned time; ``done_seconds`` is the active
    (unpaused) time spent in steps that were completed; ``hold_seconds`` the part of it spent
    holding or doing reps; ``prepare_seconds`` the part spent in the get-ready countdown (the
    finish screen's "time exercising" leaves it out: nobody exercises while getting ready).
    """

    planned_seconds: float
    done_seconds: float
    hold_seconds: float
    steps_total: int
    steps_done: int
    steps_skipped: int
    completed: bool
    outcomes: tuple[StepOutcome, ...]
    prepare_seconds: float = 0.0


@dataclass(frozen=True)
class SessionStarted:
    """A session began; ``timeline`` lets listeners plan ahead (the cue sounds do)."""

    total_seconds: float
    steps: int
    timeline: Timeline | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class StepStarted:
    """Step ``index`` began at ``at`` (the runner's clock; its deadline is ``at`` plus its
    seconds), so the sound can be placed on the moment itself, not on when this was heard."""

    index: int
    step: Step
    at: float = field(default=0.0, compare=False)


@dataclass(frozen=True)
class StepEnded:
    index: int
    step: Step
    outcome: StepOutcome


@dataclass(frozen=True)
class CountdownSecond:
    """The step has ``seconds_left`` (3, 2 or 1) whole seconds left: time for a beep."""

    index: int
    step: Step
    seconds_left: int


@dataclass(frozen=True)
class HalfwayReached:
    """Half of a long hold is done; a cue helps whoever lost track."""

    index: int
    step: Step


@dataclass(frozen=True)
class Paused:
    reason: PauseReason


@dataclass(frozen=True)
class Resumed:
    """Counting goes on; step ``index`` now ends at ``deadline`` (None: self-paced)."""

    index: int = field(default=-1, compare=False)
    deadline: float | None = field(default=None, compare=False)


@dataclass(frozen=True)
class SessionFinished:
    summary: Summary


Event = (
    SessionStarted
    | StepStarted
    | StepEnded
    | CountdownSecond
    | HalfwayReached
    | Paused
    | Resumed
    | SessionFinished
)
