"""The cue plan: every sound at the moment the runner will reach it, known ahead of time."""

from __future__ import annotations

import math

from backtimer.cues.base import Cue
from backtimer.cues.plan import plan_cues, sample_position
from backtimer.engine.clock import FakeClock
from backtimer.engine.events import (
    CountdownSecond,
    Event,
    HalfwayReached,
    SessionFinished,
    StepStarted,
)
from backtimer.engine.runner import Runner, RunnerState
from backtimer.session.timeline import StepKind
from tests.helpers import timeline

SESSION = """
    title: Plan
    prepare: 5s
    transition: 4s
    items:
      - {exercise: side-plank, hold: 20s, rest: 3s, reps: 2, switch: 5s}
      - {exercise: bird-dog, hold: 6s, rest: 2s, reps: 2}
"""


def heard(events: list[Event], at: float) -> list[tuple[float, Cue]]:
    found: list[tuple[float, Cue]] = []
    for event in events:
        if isinstance(event, StepStarted):
            kind = event.step.kind
            found.append((event.at, Cue.HOLD if kind is StepKind.HOLD else Cue.REST))
        elif isinstance(event, HalfwayReached):
            found.append((at, Cue.HALFWAY))
        elif isinstance(event, CountdownSecond) and (event.step.seconds or 0) >= 4:
            found.append((at, Cue.COUNTDOWN))
        elif isinstance(event, SessionFinished):
            found.append((at, Cue.FINISH))
    return found


def test_the_plan_puts_every_cue_where_the_runner_reaches_it() -> None:
    """Walked on the fake clock a millisecond at a time, the runner meets each planned cue."""
    steps = timeline(SESSION)
    clock = FakeClock(start=100.0)
    runner = Runner(steps, clock)
    events = runner.start(at=100.25)  # begun a little ahead, as the window does for the sound
    first = next(e for e in events if isinstance(e, StepStarted))
    assert first.at == 100.25
    planned = plan_cues(steps.steps, 0, first.at, horizon=math.inf)
    met = heard(events, clock.now())
    while runner.state is not RunnerState.FINISHED:
        clock.advance(0.001)
        met += heard(runner.tick(), clock.now())
    assert [cue for _, cue in met] == [p.cue for p in planned]
    for (at, _), plan in zip(met, planned, strict=True):
        assert abs(at - plan.at) < 0.0011  # the runner notices within its 1 ms tick
    assert planned[-1].cue is Cue.FINISH
    assert planned[-1].at == 100.25 + steps.total_seconds


def test_sample_positions_follow_the_stream_clock() -> None:
    steps = timeline(SESSION).steps
    planned = plan_cues(steps, 0, 50.0)
    origin = 49.5  # the stream's sample 0 played at 49.5 s
    positions = [sample_position(p.at, origin, 22050) for p in planned]
    assert positions[0] == 11025  # the first chime half a second into the stream
    assert positions[1] == round((52.0 - 49.5) * 22050)  # the get-ready's first pip
    hold = next(n for n, p in enumerate(planned) if p.cue is Cue.HOLD)
    assert positions[hold] == round((55.0 - 49.5) * 22050)  # the hold's chime after get-ready
    assert positions == sorted(positions)


def test_resuming_plans_only_what_is_still_ahead() -> None:
    steps = timeline(SESSION).steps
    planned = plan_cues(steps, 1, 10.0, generation=7, after=25.0)
    assert all(p.at >= 25.0 for p in planned)
    assert planned[0].cue is Cue.COUNTDOWN  # 3 s before the 20 s hold ends
    assert {p.key[0] for p in planned} == {7}


def test_a_self_paced_step_ends_the_plan() -> None:
    steps = timeline("""
        title: Own pace
        prepare: 5s
        items:
          - {exercise: squat, reps: 10}
          - {exercise: bird-dog, hold: 6s}
    """).steps
    planned = plan_cues(steps, 0, 0.0, horizon=math.inf)
    assert [p.cue for p in planned] == [Cue.REST, Cue.COUNTDOWN, Cue.COUNTDOWN, Cue.COUNTDOWN,
                                        Cue.HOLD]
