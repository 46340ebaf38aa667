"""A session begun a moment ahead (so its first sound can be placed on time) counts as usual."""

from __future__ import annotations

from backtimer.engine.clock import FakeClock
from backtimer.engine.events import Resumed, StepStarted
from backtimer.engine.runner import Runner, RunnerState
from tests.helpers import timeline

SESSION = """
    title: Ahead
    prepare: 5s
    items:
      - {exercise: back-extension, hold: 6s}
"""


def test_a_start_ahead_begins_the_first_step_then_and_shows_no_more_than_the_step() -> None:
    clock = FakeClock(start=100.0)
    runner = Runner(timeline(SESSION), clock)
    events = runner.start(at=100.4)
    first = next(e for e in events if isinstance(e, StepStarted))
    assert first.at == 100.4
    assert runner.snapshot().remaining == 5.0  # the lead is not shown as a sixth second
    started: list[StepStarted] = []
    for _ in range(109):  # 5.45 s in 50 ms ticks
        clock.advance(0.05)
        started += [e for e in runner.tick() if isinstance(e, StepStarted)]
    assert started and abs(started[0].at - 105.4) < 1e-9  # on the planned moment, not the tick


def test_resume_tells_the_new_deadline() -> None:
    clock = FakeClock(start=100.0)
    runner = Runner(timeline(SESSION), clock)
    runner.start()
    clock.advance(2.0)
    runner.pause()
    clock.advance(30.0)
    resumed = [e for e in runner.resume() if isinstance(e, Resumed)]
    assert resumed[0].index == 0 and resumed[0].deadline == 135.0
    assert runner.state is RunnerState.RUNNING
