"""The laptop sleeps mid-hold: the session pauses as of the last tick and nothing is lost.

Two ways the event loop can stop for a long while. A stalled process (or a platform whose
monotonic clock counts sleep, like Windows) shows up as a late tick: the monotonic clock has
jumped (``FakeClock.advance``). A real suspend on Linux or macOS does not: the monotonic clock
stands still while the computer sleeps, and only the clock that counts suspend
(``CLOCK_BOOTTIME``) jumps (``FakeClock.suspend``). Either way the gap is neither exercise (it
must not count towards the log) nor a reason to skip ahead: the session pauses where it was, as
of the last tick, and carries on from there when the person resumes. Checked on the runner and
through the Qt adapter, with its real QTimer driving a fake clock.
"""

from __future__ import annotations

import sys
import time

import pytest
from pytestqt.qtbot import QtBot

from backtimer.engine.clock import FakeClock, MonotonicClock
from backtimer.engine.events import Event, Paused, PauseReason, SessionFinished, StepStarted
from backtimer.engine.runner import Runner, RunnerState
from backtimer.session.timeline import StepKind, Timeline
from backtimer.ui.run.adapter import RunnerAdapter
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


# -- a real suspend: the monotonic clock stands still, the clock that counts sleep jumps ----


@pytest.mark.parametrize("asleep", [10 * 60.0, 5.5, 8 * 3600.0])
def test_a_real_suspend_mid_hold_pauses_as_of_the_last_tick(
    plan: Timeline, asleep: float
) -> None:
    clock = FakeClock()
    runner = Runner(plan, clock)
    runner.start()
    tick_for(runner, clock, 10 + 12.0)  # 12 s into the first 30 s hold
    last_tick = clock.now()

    clock.suspend(asleep)  # the lid closes; time.monotonic does not move meanwhile
    clock.advance(0.02)  # the first tick after waking
    events = runner.tick()

    assert events == [Paused(PauseReason.SLEEP)]
    snap = runner.snapshot()
    assert snap.state is RunnerState.PAUSED and snap.pause_reason is PauseReason.SLEEP
    assert snap.index == 1 and snap.step is not None and snap.step.kind is StepKind.HOLD
    assert snap.remaining == pytest.approx(18.0, abs=TICK)
    assert snap.session_elapsed == pytest.approx(last_tick - 1000.0), "paused at the last tick"
    clock.advance(30)
    assert runner.tick() == []
    assert runner.snapshot().remaining == pytest.approx(18.0, abs=TICK)


def test_after_a_real_suspend_the_done_time_leaves_the_sleep_out(plan: Timeline) -> None:
    clock = FakeClock()
    runner = Runner(plan, clock)
    runner.start()
    tick_for(runner, clock, 10 + 12.0)
    clock.suspend(10 * 60.0)
    clock.advance(0.05)
    assert runner.tick() == [Paused(PauseReason.SLEEP)]
    clock.advance(20)  # reading the notice
    runner.resume()
    events = tick_for(runner, clock, PLANNED - 22.0)
    [finished] = [e for e in events if isinstance(e, SessionFinished)]
    assert finished.summary.completed
    assert finished.summary.done_seconds == pytest.approx(PLANNED, abs=0.05)
    assert finished.summary.hold_seconds == pytest.approx(HOLDS, abs=0.05)


def test_a_short_suspend_is_left_out_without_a_pause(plan: Timeline) -> None:
    """Under the gap threshold, as for a stall: the monotonic clock never counted it anyway."""
    clock = FakeClock()
    runner = Runner(plan, clock)
    runner.start()
    tick_for(runner, clock, 10 + 12.0)
    clock.suspend(2.0)
    clock.advance(TICK)
    assert runner.tick() == []
    assert runner.state is RunnerState.RUNNING
    assert runner.snapshot().remaining == pytest.approx(18.0 - TICK, abs=TICK)


def test_a_suspend_before_a_command_pauses_first(plan: Timeline) -> None:
    """The person presses Pause on waking, before any tick: the sleep is what is reported."""
    clock = FakeClock()
    runner = Runner(plan, clock)
    runner.start()
    tick_for(runner, clock, 10 + 12.0)
    clock.suspend(600.0)
    assert runner.pause() == [Paused(PauseReason.SLEEP)]
    assert runner.snapshot().remaining == pytest.approx(18.0, abs=TICK)


def test_without_a_clock_that_counts_sleep_a_suspend_goes_unseen_but_loses_nothing(
    plan: Timeline,
) -> None:
    """The fallback where no such clock exists: the hold carries on where it was."""
    clock = FakeClock(counts_sleep=False)
    runner = Runner(plan, clock)
    runner.start()
    tick_for(runner, clock, 10 + 12.0)
    clock.suspend(600.0)
    clock.advance(TICK)
    assert runner.tick() == []
    assert runner.snapshot().remaining == pytest.approx(18.0 - TICK, abs=TICK)
    clock.advance(60.0)  # a stall is still seen from the monotonic clock alone
    assert runner.tick() == [Paused(PauseReason.SLEEP)]


@pytest.mark.skipif(sys.platform != "linux", reason="CLOCK_BOOTTIME is Linux's")
def test_the_real_clock_reads_boot_time_on_linux() -> None:
    clock = MonotonicClock()
    assert clock.sees_sleep
    first = clock.now_counting_sleep()
    assert first is not None
    # Boot time is monotonic time plus the time suspended: never behind it.
    assert first >= clock.now() - 0.5
    second = clock.now_counting_sleep()
    assert second is not None and second >= first


def test_a_clock_the_kernel_refuses_falls_back_to_late_ticks() -> None:
    refused = 9999  # no such clock id: clock_gettime says EINVAL
    with pytest.raises(OSError):
        time.clock_gettime(refused)
    clock = MonotonicClock(refused)
    assert not clock.sees_sleep
    assert clock.now_counting_sleep() is None
    assert MonotonicClock(None).now_counting_sleep() is None


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


def test_the_adapter_pauses_on_a_real_suspend(qtbot: QtBot, plan: Timeline) -> None:
    """The real adapter and its QTimer: monotonic time still, boot time 10 minutes on."""
    clock = FakeClock()
    adapter = RunnerAdapter(clock)
    seen: list[Event] = []
    adapter.add_listener(seen.append)
    adapter.load(plan)
    adapter.start()
    walk(adapter, clock, 10 + 12.0)

    clock.suspend(10 * 60.0)  # the next QTimer tick sees only the clock that counts sleep
    with qtbot.waitSignal(adapter.paused, timeout=2000) as paused:
        pass
    assert paused.args is not None and paused.args[0] == Paused(PauseReason.SLEEP)
    assert adapter.state is RunnerState.PAUSED
    assert not adapter.ticking
    snap = adapter.snapshot()
    assert snap is not None and snap.index == 1 and snap.pause_reason is PauseReason.SLEEP
    assert snap.remaining == pytest.approx(18.0, abs=0.01)
    assert snap.session_elapsed == pytest.approx(22.0, abs=0.01)

    adapter.resume()
    walk(adapter, clock, PLANNED - 22.0)
    [finished] = [e for e in seen if isinstance(e, SessionFinished)]
    assert finished.summary.completed
    assert finished.summary.done_seconds == pytest.approx(PLANNED, abs=0.05)
