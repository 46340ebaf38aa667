"""The laptop sleeps mid-hold: the session pauses as of the last tick and nothing is lost.

Closing the lid stops the event loop; when it opens again the first tick sees a clock that has
jumped. The gap is neither exercise (it must not count towards the log) nor a reason to skip
ahead: the session pauses where it was, with the same time left in the hold, and carries on
from there when the person resumes. Checked on the runner and through the Qt adapter, with its
real QTimer driving a fake clock.
"""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from backtimer.engine.clock import FakeClock
from backtimer.engine.events import Event, Paused, PauseReason, SessionFinished, StepStarted
from backtimer.engine.runner import Runner, RunnerState
from backtimer.session.timeline import StepKind, Timeline
from backtimer.ui.adapter import RunnerAdapter
from tests.helpers import timeline

SESSION = """
    title: Planks
    prepare: 10s
    items:
      - {exercise: side-plank, hold: 30s, rest: 5s, reps: 2}
"""
# prepare 10 | L hold 30 | rest 5 | L hold 30 | switch 5 | R hold 30 | rest 5 | R hold 30
PLANNED = 10 + 30 + 5 + 30 + 5 + 30 + 5 + 30
HOLDS = 4 * 30
TICK = 0.033  # the window ticks about thirty times a second


def tick_for(runner: Runner, clock: FakeClock, seconds: float) -> list[Event]:
    events: list[Event] = []
    end = clock.now() + seconds
    while clock.now() + TICK < end:
        clock.advance(TICK)
        events += runner.tick()
    clock.set(end)
    return events + runner.tick()


@pytest.fixture
def plan() -> Timeline:
    return timeline(SESSION)


@pytest.mark.parametrize("asleep", [5.5, 60.0, 8 * 3600.0])
def test_sleep_mid_hold_pauses_with_the_hold_time_kept(plan: Timeline, asleep: float) -> None:
    clock = FakeClock()
    runner = Runner(plan, clock)
    runner.start()
    tick_for(runner, clock, 10 + 12.0)  # 12 s into the first 30 s hold
    assert runner.step.kind is StepKind.HOLD
    last_tick = clock.now()

    clock.advance(asleep)
    events = runner.tick()

    assert events == [Paused(PauseReason.SLEEP)]
    snap = runner.snapshot()
    assert snap.state is RunnerState.PAUSED and snap.pause_reason is PauseReason.SLEEP
    assert snap.index == 1, "the sleep must not skip ahead"
    assert snap.remaining == pytest.approx(18.0, abs=TICK)
    assert snap.session_elapsed == pytest.approx(last_tick - 1000.0)

    # Paused ticks (the window keeps drawing) change nothing, however long the wait.
    clock.advance(30)
    assert runner.tick() == []
    assert runner.snapshot().remaining == pytest.approx(18.0, abs=TICK)


def test_after_the_sleep_the_session_ends_on_its_plan_and_the_gap_is_not_exercise(
    plan: Timeline,
) -> None:
    clock = FakeClock()
    runner = Runner(plan, clock)
    runner.start()
    tick_for(runner, clock, 10 + 12.0)
    clock.advance(3600)
    runner.tick()
    clock.advance(20)  # reading the "you were away" notice
    resumed_at = clock.now()
    runner.resume()
    events = tick_for(runner, clock, PLANNED - 22.0 - 0.01)
    assert not any(isinstance(e, SessionFinished) for e in events), "ended early"
    events = tick_for(runner, clock, 0.02)
    [finished] = [e for e in events if isinstance(e, SessionFinished)]
    summary = finished.summary
    assert clock.now() - resumed_at == pytest.approx(PLANNED - 22.0, abs=0.02)
    assert summary.completed
    assert summary.done_seconds == pytest.approx(PLANNED, abs=0.05)
    assert summary.hold_seconds == pytest.approx(HOLDS, abs=0.05)


def test_a_sleep_during_a_rest_pauses_the_rest_not_the_next_hold(plan: Timeline) -> None:
    clock = FakeClock()
    runner = Runner(plan, clock)
    runner.start()
    tick_for(runner, clock, 10 + 30 + 2.0)  # 2 s into the first rest
    clock.advance(900)
    runner.tick()
    snap = runner.snapshot()
    assert snap.step is not None and snap.step.kind is StepKind.REST
    assert snap.remaining == pytest.approx(3.0, abs=TICK)


def test_a_short_stall_is_caught_up_not_paused(plan: Timeline) -> None:
    """A busy moment (under the sleep threshold) is real time: the count simply catches up."""
    clock = FakeClock()
    runner = Runner(plan, clock)
    runner.start()
    tick_for(runner, clock, 10 + 29.0)
    clock.advance(2.0)  # the loop stalled for 2 s across the end of the hold
    events = runner.tick()
    assert runner.state is RunnerState.RUNNING
    assert [e.step.kind for e in events if isinstance(e, StepStarted)] == [StepKind.REST]
    assert runner.snapshot().remaining == pytest.approx(4.0)


# -- through the Qt adapter, driven by its own QTimer --------------------------------------


def walk(adapter: RunnerAdapter, clock: FakeClock, seconds: float) -> None:
    """Move the fake clock in small steps, ticking as the QTimer would while awake."""
    end = clock.now() + seconds
    while clock.now() < end:
        clock.set(min(end, clock.now() + 0.5))
        adapter.tick()


def test_the_adapter_pauses_on_sleep_and_stops_waking_up(qtbot: QtBot, plan: Timeline) -> None:
    clock = FakeClock()
    adapter = RunnerAdapter(clock)
    seen: list[Event] = []
    adapter.add_listener(seen.append)
    adapter.load(plan)
    adapter.start()
    assert adapter.ticking
    walk(adapter, clock, 10 + 12.0)
    snap = adapter.snapshot()
    assert snap is not None and snap.index == 1

    clock.advance(3600)  # the lid closes; the next QTimer tick sees the jump
    with qtbot.waitSignal(adapter.paused, timeout=2000) as paused:
        pass
    assert paused.args is not None and paused.args[0] == Paused(PauseReason.SLEEP)
    assert adapter.state is RunnerState.PAUSED
    assert not adapter.ticking, "a paused session must not keep waking the computer"
    snap = adapter.snapshot()
    assert snap is not None and snap.index == 1
    assert snap.remaining == pytest.approx(18.0, abs=0.2)
    assert not any(isinstance(e, SessionFinished) for e in seen)

    adapter.resume()
    assert adapter.ticking
    walk(adapter, clock, 18.0)
    snap = adapter.snapshot()
    assert snap is not None and snap.step is not None and snap.step.kind is StepKind.REST
    assert snap.remaining == pytest.approx(5.0, abs=0.2)
    adapter.stop()
