"""Where each cue sound falls in time, computed ahead from the timeline and the runner's deadlines.

Pure arithmetic, no Qt: given the step that has just begun (or resumed) and the moment it began
on the runner's clock, every later chime, halfway tap, countdown pip and the finish is due at a
moment the runner already knows (deadlines are absolute: each step ends at the previous
deadline plus its seconds). Planning them ahead lets the sound stream place them at their
sample positions, so a busy or stalled event loop cannot make them late (issue 16).

Each planned cue has a ``key`` naming it (generation, step index, what, which second) so that
the director can tell a cue already written to the stream from one still to come, and a
re-plan after pause, skip or back never plays one twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from backtimer.cues.base import Cue
from backtimer.engine.runner import COUNTDOWN_SECONDS, HALFWAY_MIN_SECONDS
from backtimer.session.timeline import Step, StepKind

COUNTDOWN_MIN_SECONDS = 4.0  # shorter steps get no pips: they would be all beeping
HOLD_KINDS = frozenset({StepKind.HOLD, StepKind.SELF_PACED})
HORIZON_SECONDS = 30.0  # plan this far ahead; every step start plans again
HORIZON_STEPS = 3  # and at least the current step and the next two

CueKey = tuple[int, int, str, int]  # generation, step index, what, which (countdown second)


@dataclass(frozen=True)
class Planned:
    key: CueKey
    at: float  # the runner's clock (monotonic seconds)
    cue: Cue


def cue_for_step(step: Step) -> Cue:
    """The chime that announces a step: go for holds and own-pace reps, rest for the others."""
    return Cue.HOLD if step.kind in HOLD_KINDS else Cue.REST


def wants_countdown(step: Step) -> bool:
    """Pips for the last seconds of every timed step long enough to need a warning."""
    return step.seconds is not None and step.seconds >= COUNTDOWN_MIN_SECONDS


def chime_key(generation: int, index: int) -> CueKey:
    return (generation, index, "chime", 0)


def halfway_key(generation: int, index: int) -> CueKey:
    return (generation, index, "halfway", 0)


def countdown_key(generation: int, index: int, seconds_left: int) -> CueKey:
    return (generation, index, "countdown", seconds_left)


def finish_key(generation: int) -> CueKey:
    return (generation, -1, "finish", 0)


def plan_cues(
    steps: Sequence[Step],
    index: int,
    began: float,
    *,
    generation: int = 0,
    after: float | None = None,
    horizon: float = HORIZON_SECONDS,
) -> list[Planned]:
    """Every cue from step ``index`` (which began, or would have begun, at ``began``) onwards.

    Cues due before ``after`` are left out (on resume: what was already heard before the
    pause). Planning stops at a self-paced step (its end is the person's "Done", not a time)
    and ``horizon`` seconds (but at least ``HORIZON_STEPS`` steps) ahead. The finish is planned
    when the last step is reached with a known end.
    """
    found: list[Planned] = []
    at = began
    for i in range(index, len(steps)):
        if i - index >= HORIZON_STEPS and at - began > horizon:
            break
        step = steps[i]
        found.append(Planned(chime_key(generation, i), at, cue_for_step(step)))
        if step.seconds is None:
            break
        seconds = step.seconds
        if step.kind is StepKind.HOLD and seconds >= HALFWAY_MIN_SECONDS:
            found.append(Planned(halfway_key(generation, i), at + seconds / 2, Cue.HALFWAY))
        if wants_countdown(step):
            for left in COUNTDOWN_SECONDS:
                if seconds > left:
                    found.append(Planned(countdown_key(generation, i, left),
                                         at + seconds - left, Cue.COUNTDOWN))
        at += seconds
        if i == len(steps) - 1:
            found.append(Planned(finish_key(generation), at, Cue.FINISH))
    if after is not None:
        found = [cue for cue in found if cue.at >= after]
    return sorted(found, key=lambda cue: cue.at)


def sample_position(at: float, origin: float, rate: int) -> int:
    """The stream's sample that plays at ``at``, the stream's sample 0 playing at ``origin``."""
    return round((at - origin) * rate)
