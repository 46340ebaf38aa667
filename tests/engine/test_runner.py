"""The runner against a fake clock: no test waits on real seconds."""

from __future__ import annotations

import pytest

from backtimer.engine.clock import FakeClock
from backtimer.engine.events import (
    CountdownSecond,
    Event,
    HalfwayReached,
    Paused,
    PauseReason,
    SessionFinished,
    StepEnded,
    StepOutcome,
    StepStarted,
)
from backtimer.engine.runner import Runner, RunnerState
from backtimer.session.model import Side
from backtimer.session.timeline import StepKind
from tests.helpers import timeline

SIDE_PLANK = """
    title: Core
    prepare: 10s
    items:
      - {exercise: side-plank, hold: 10s, rest: 3s, reps: 10}
"""


def make(text: str = SIDE_PLANK, **kwargs: float | None) -> tuple[Runner, FakeClock]:
    clock = FakeClock()
    return Runner(timeline(text), clock, **kwargs), clock  # type: ignore[arg-type]


def run_for(runner: Runner, clock: FakeClock, seconds: float, step: float = 0.05) -> list[Event]:
    """Tick like the window does, every ``step`` seconds."""
    events: list[Event] = []
    end = clock.now() + seconds
    while clock.now() + step <= end + 1e-9:
        clock.advance(step)
        events += runner.tick()
    clock.set(end)
    events += runner.tick()
    return events


def of(events: list[Event], kind: type) -> list:  # type: ignore[type-arg]
    return [e for e in events if isinstance(e, kind)]


def test_a_whole_session_runs_to_its_planned_length() -> None:
    runner, clock = make()
    start = clock.now()
    events = runner.start() + run_for(runner, clock, 269, step=0.25)
    finished = of(events, SessionFinished)
    assert len(finished) == 1
    summary = finished[0].summary
    assert summary.completed and summary.steps_done == summary.steps_total == 40
    assert summary.steps_skipped == 0
    assert summary.done_seconds == pytest.approx(269)
    assert summary.hold_seconds == pytest.approx(200)
    assert summary.prepare_seconds == pytest.approx(10)
    assert clock.now() - start == 269
    assert runner.state is RunnerState.FINISHED


def test_a_stalled_tick_catches_up_without_drift() -> None:
    runner, clock = make()
    runner.start()
    starts: list[float] = []
    # Ticks stall for 7.3 s three times; step boundaries must still fall on the plan.
    for gap in [0.1] * 50 + [4.3] + [0.1] * 100 + [4.9] + [0.1] * 30 + [3.7]:
        clock.advance(gap)
        for event in runner.tick():
            if isinstance(event, StepStarted):
                starts.append(event.index)
    snapshot = runner.snapshot()
    elapsed = clock.now() - 1000.0
    # Planned time left must equal the plan minus the real time gone: nothing lost or gained.
    assert snapshot.session_left == pytest.approx(269 - elapsed)
    assert starts == sorted(starts) and len(set(starts)) == len(starts)


def test_late_tick_ends_each_passed_step_at_its_own_deadline() -> None:
    runner, clock = make(max_gap=60)
    runner.start()
    clock.advance(10 + 10 + 3 + 4)  # 4 s into the second hold, seen in one late tick
    events = runner.tick()
    assert [e.index for e in of(events, StepEnded)] == [0, 1, 2]
    assert runner.index == 3
    assert runner.snapshot().remaining == pytest.approx(6)


def test_pause_keeps_the_remaining_time() -> None:
    runner, clock = make()
    runner.start()
    run_for(runner, clock, 14)  # 4 s into the first hold
    assert runner.pause() == [Paused(PauseReason.USER)]
    clock.advance(600)  # a long phone call
    runner.tick()
    assert runner.snapshot().remaining == pytest.approx(6)
    assert runner.state is RunnerState.PAUSED
    runner.resume()
    run_for(runner, clock, 5.9)
    assert runner.index == 1
    run_for(runner, clock, 0.2)
    assert runner.index == 2 and runner.step.kind is StepKind.REST


def test_sleep_gap_pauses_instead_of_counting_as_exercise() -> None:
    runner, clock = make()
    runner.start()
    run_for(runner, clock, 12)  # 2 s into the first hold
    clock.advance(3600)  # the lid closed for an hour
    events = runner.tick()
    assert events == [Paused(PauseReason.SLEEP)]
    snap = runner.snapshot()
    assert snap.remaining == pytest.approx(8)
    assert snap.pause_reason is PauseReason.SLEEP
    assert snap.session_elapsed == pytest.approx(12)


def test_skip_at_every_kind_of_step_moves_on_and_counts_as_skipped() -> None:
    runner, clock = make("""
        title: All kinds
        prepare: 5s
        items:
          - {exercise: side-plank, hold: 10s, rest: 3s, reps: 2, sets: 2, set_rest: 20s}
          - {exercise: squat, reps: 10}
    """)
    runner.start()
    seen = []
    while runner.state is not RunnerState.FINISHED:
        seen.append(runner.step.kind)
        clock.advance(1)
        runner.skip()
    assert set(seen) == {StepKind.PREPARE, StepKind.HOLD, StepKind.REST, StepKind.SWITCH,
                         StepKind.SET_REST, StepKind.TRANSITION, StepKind.SELF_PACED}
    summary = runner.summary
    assert summary is not None and summary.completed
    assert summary.steps_skipped == summary.steps_total and summary.steps_done == 0
    assert summary.done_seconds == pytest.approx(len(seen))


def test_back_restarts_the_step_or_goes_back_near_its_start() -> None:
    runner, clock = make()
    runner.start()
    run_for(runner, clock, 15)  # 5 s into hold 1 (index 1)
    runner.back()
    assert runner.index == 1 and runner.snapshot().remaining == pytest.approx(10)
    run_for(runner, clock, 0.5)
    runner.back()  # near its start: to the prepare step
    assert runner.index == 0 and runner.step.kind is StepKind.PREPARE
    assert runner.snapshot().remaining == pytest.approx(10)


def test_back_and_skip_while_paused_stay_paused() -> None:
    runner, clock = make()
    runner.start()
    run_for(runner, clock, 3)
    runner.pause()
    runner.skip()
    assert runner.state is RunnerState.PAUSED and runner.index == 1
    assert runner.snapshot().remaining == 10
    clock.advance(100)
    runner.tick()
    assert runner.index == 1


def test_self_paced_step_waits_for_done() -> None:
    runner, clock = make("""
        title: Squats
        prepare: 3s
        items:
          - {exercise: squat, reps: 10, sets: 2, set_rest: 30s}
    """)
    runner.start()
    run_for(runner, clock, 3)
    assert runner.step.kind is StepKind.SELF_PACED
    run_for(runner, clock, 120)
    assert runner.index == 1 and runner.snapshot().remaining is None
    assert runner.skip() != [] and runner.index == 2  # skip works too
    runner.back()  # just started: back to the self-paced step
    assert runner.index == 1
    events = runner.done()
    assert of(events, StepEnded)[0].outcome is StepOutcome.DONE
    assert runner.step.kind is StepKind.SET_REST
    assert runner.done() == []  # done does nothing on a timed step


def test_countdown_three_two_one_before_a_step_ends() -> None:
    runner, clock = make()
    runner.start()
    events = run_for(runner, clock, 10 + 10)
    hold_countdown = [e.seconds_left for e in of(events, CountdownSecond) if e.index == 1]
    assert hold_countdown == [3, 2, 1]
    first = next(e for e in of(events, CountdownSecond) if e.index == 1)
    assert first.step.kind is StepKind.HOLD


def test_countdown_after_a_stall_announces_only_the_latest_second() -> None:
    runner, clock = make()
    runner.start()
    run_for(runner, clock, 16)  # 4 s left of the hold
    clock.advance(2.5)  # stall across the 3 and 2 marks
    events = runner.tick()
    assert [e.seconds_left for e in of(events, CountdownSecond)] == [2]


def test_halfway_cue_for_long_holds_only() -> None:
    runner, clock = make("""
        title: Long
        prepare: 0
        items:
          - {exercise: squat, hold: 30s}
          - {exercise: squat, hold: 10s}
    """)
    events = runner.start() + run_for(runner, clock, 60)
    halfway = of(events, HalfwayReached)
    assert [e.index for e in halfway] == [0]


def test_stop_ends_early_with_what_was_done() -> None:
    runner, clock = make()
    runner.start()
    run_for(runner, clock, 10 + 13 * 3 + 5)
    events = runner.stop()
    summary = of(events, SessionFinished)[0].summary
    assert not summary.completed
    assert summary.steps_done == 7  # prepare + 3 holds + 3 rests
    assert summary.done_seconds == pytest.approx(54)
    assert summary.outcomes[7] is StepOutcome.NOT_REACHED
    assert runner.tick() == [] and runner.resume() == []


def test_commands_that_make_no_sense_do_nothing() -> None:
    runner, _clock = make()
    assert runner.tick() == [] and runner.pause() == [] and runner.skip() == []
    runner.start()
    assert runner.resume() == [] and runner.start() == []


def test_the_fake_clock_refuses_to_go_backwards() -> None:
    clock = FakeClock()
    with pytest.raises(ValueError):
        clock.advance(-1)
    with pytest.raises(ValueError):
        clock.set(clock.now() - 1)


def test_alternating_hold_shows_sides_in_turn() -> None:
    runner, clock = make("""
        title: Bird dog
        prepare: 0
        items:
          - {exercise: bird-dog, hold: 5s, sides: alternate, for: 2m}
    """)
    runner.start()
    sides = [runner.step.side]
    for _ in range(3):
        run_for(runner, clock, 5)
        sides.append(runner.step.side)
    assert sides == [Side.LEFT, Side.RIGHT, Side.LEFT, Side.RIGHT]


def test_the_get_ready_time_is_told_apart_even_when_stopped_during_it() -> None:
    runner, clock = make()
    runner.start()
    run_for(runner, clock, 4)
    runner.pause()
    clock.advance(30)  # a pause is no time at all
    runner.resume()
    run_for(runner, clock, 2)
    summary = of(runner.stop(), SessionFinished)[0].summary
    assert summary.done_seconds == pytest.approx(6)
    assert summary.prepare_seconds == pytest.approx(6)
