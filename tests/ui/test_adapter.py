"""The adapter drives the runner from a QTimer, re-emits events, and feeds listeners."""

from __future__ import annotations

import logging
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from backtimer.engine.clock import FakeClock
from backtimer.engine.events import (
    CountdownSecond,
    Event,
    Paused,
    Resumed,
    SessionFinished,
    SessionStarted,
    StepStarted,
)
from backtimer.engine.runner import RunnerState, Snapshot
from backtimer.session.timeline import StepKind
from backtimer.ui.run.adapter import RunnerAdapter, next_moment, next_wake
from tests.helpers import timeline

SHORT = """\
title: Short
prepare: 3s
items:
  - exercise: squat
    hold: 4s
    rest: 2s
    reps: 2
"""


@pytest.fixture
def adapter(qtbot: QtBot) -> RunnerAdapter:
    result = RunnerAdapter(FakeClock())
    result.load(timeline(SHORT))
    return result


def advance(adapter: RunnerAdapter, seconds: float) -> None:
    assert isinstance(adapter.clock, FakeClock)
    adapter.clock.advance(seconds)
    adapter.tick()


def test_one_precise_single_shot_timer_wakes_the_runner(adapter: RunnerAdapter) -> None:
    wake = adapter._wake
    assert wake.timerType() is Qt.TimerType.PreciseTimer and wake.isSingleShot()
    assert wake.parent() is adapter


def test_the_timer_is_armed_for_the_next_frame_or_moment(adapter: RunnerAdapter) -> None:
    adapter.start()  # 3 s of get-ready: the next frame is a third of a second away
    assert adapter.wake_ms == 334  # (rounded up: a timer never fires early)
    advance(adapter, 0.1)  # 2.9 s left: the frame at 2.67 s left
    assert adapter.wake_ms == 234
    advance(adapter, 0.85)  # 2.05 s left: "2" (a countdown second) is due in 50 ms
    assert adapter.wake_ms == 50
    advance(adapter, 0.05)
    advance(adapter, 0.97)  # 1.03 s left
    assert adapter.wake_ms == 30
    advance(adapter, 1.0)  # 0.03 s left of the get-ready: the hold starts in 30 ms
    assert adapter.wake_ms == 30
    adapter.pause()
    assert adapter.wake_ms is None and not adapter.ticking  # nothing wakes while paused
    adapter.resume()
    assert adapter.wake_ms == 30
    adapter.skip()  # a fresh 4 s hold: its first frame
    assert adapter.wake_ms == 334
    adapter.stop()
    assert adapter.wake_ms is None and not adapter.ticking


@pytest.mark.parametrize(
    ("remaining", "elapsed", "expected"),
    [
        (10.0, 0.0, 1 / 3),  # a fresh step: its first frame
        (9.9, 0.1, 9.9 - (9 + 2 / 3)),  # the frame at 9.67 s left
        (9 + 2 / 3 - 0.0004, 1 / 3 + 0.0004, 1 / 3 - 0.0004),  # a hair past a frame (the
        # timer rounds up): the next one
        (None, 0.6, 2 / 3 - 0.6),  # a step without a duration: frames from its start
    ],
)
def test_next_wake_is_the_next_frame_on_the_step_s_grid(
    remaining: float | None, elapsed: float, expected: float
) -> None:
    step = replace(timeline(SHORT).steps[1], seconds=10.0)
    shot = Snapshot(
        state=RunnerState.RUNNING, index=0, step=step, remaining=remaining, elapsed=elapsed,
        fraction=0.0, session_elapsed=0.0, session_left=0.0, session_fraction=0.0,
        pause_reason=None,
    )
    assert next_wake(shot) == pytest.approx(expected)
    assert next_wake(replace(shot, state=RunnerState.PAUSED)) is None


@pytest.mark.parametrize(
    ("seconds", "remaining", "expected"),
    [
        (10.0, 10.0, 1.0),  # a fresh step: the digits change in a second
        (10.0, 2.25, 0.25),  # the countdown's "2" in a quarter second
        (10.0, 0.4, 0.4),  # the step's end
        (25.0, 12.54, 0.04),  # halfway (12.5 s left) comes before "12"
        (25.0, 12.5, 0.5),  # halfway passed: the next whole second
        (15.0, 7.54, 0.54),  # a hold too short for a halfway cue
    ],
)
def test_next_moment_is_the_next_whole_second_or_halfway(
    seconds: float, remaining: float, expected: float
) -> None:
    step = replace(timeline(SHORT).steps[1], seconds=seconds)
    assert step.kind is StepKind.HOLD
    shot = Snapshot(
        state=RunnerState.RUNNING, index=0, step=step, remaining=remaining,
        elapsed=seconds - remaining, fraction=0.0, session_elapsed=0.0, session_left=0.0,
        session_fraction=0.0, pause_reason=None,
    )
    assert next_moment(shot) == pytest.approx(expected)
    assert next_moment(replace(shot, state=RunnerState.PAUSED)) is None
    assert next_moment(replace(shot, remaining=None)) is None


def test_every_boundary_lands_on_its_deadline_with_three_wakes_a_second(qtbot: QtBot) -> None:
    """Waking when the timer says hits every moment, and the seconds are frames too: three
    wake-ups a second (the track's frames), none extra for the digits or the boundaries."""
    clock = FakeClock()
    adapter = RunnerAdapter(clock)
    adapter.load(timeline(SHORT))
    starts: list[tuple[float, StepKind]] = []
    adapter.add_listener(
        lambda e: starts.append((clock.now(), e.step.kind)) if isinstance(e, StepStarted) else None
    )
    adapter.start()
    began = clock.now()
    wakes = 0
    while adapter.state is RunnerState.RUNNING and wakes < 1000:
        ms = adapter.wake_ms
        assert ms is not None, "a running step is always woken again"
        clock.advance(ms / 1000)
        adapter.tick()  # what the timer's timeout does
        wakes += 1
    assert adapter.state is RunnerState.FINISHED
    assert wakes == (3 + 4 + 2 + 4) * 3
    ideal = [0.0, 3.0, 7.0, 9.0]
    assert [kind for _, kind in starts] == [
        StepKind.PREPARE, StepKind.HOLD, StepKind.REST, StepKind.HOLD
    ]
    for (at, _), planned in zip(starts, ideal, strict=True):
        assert at - began == pytest.approx(planned, abs=0.001)


def test_the_timer_itself_brings_the_next_step(qtbot: QtBot) -> None:
    clock = FakeClock()
    adapter = RunnerAdapter(clock)
    adapter.load(timeline(SHORT))
    adapter.start()
    clock.advance(2.98)
    adapter.tick()
    assert adapter.wake_ms == 20
    clock.advance(0.02)  # the deadline passes; nobody calls tick() here
    started: list[StepStarted] = []
    adapter.add_listener(lambda e: started.append(e) if isinstance(e, StepStarted) else None)
    qtbot.waitUntil(lambda: bool(started), timeout=1000)
    assert started[0].step.kind is StepKind.HOLD


def test_timer_runs_only_while_counting(adapter: RunnerAdapter) -> None:
    assert not adapter.ticking
    adapter.start()
    assert adapter.ticking
    adapter.pause()
    assert not adapter.ticking
    adapter.resume()
    assert adapter.ticking
    adapter.stop()
    assert not adapter.ticking
    assert adapter.state is RunnerState.FINISHED


def test_events_reach_listeners_and_the_window_s_signals(
    adapter: RunnerAdapter, qtbot: QtBot
) -> None:
    heard: list[Event] = []
    adapter.add_listener(heard.append)
    signalled: list[Event] = []
    for signal in (adapter.session_started, adapter.paused, adapter.resumed, adapter.finished):
        signal.connect(signalled.append)
    adapter.start()
    advance(adapter, 1.0)  # 2 s left of the prepare: a countdown second
    adapter.pause()
    adapter.resume()
    with qtbot.waitSignal(adapter.finished, timeout=1000):
        for _ in range(40):
            advance(adapter, 0.5)
    assert [type(e) for e in signalled] == [SessionStarted, Paused, Resumed, SessionFinished]
    assert all(any(e is h for h in heard) for e in signalled)  # the same events, once each
    kinds = [event.step.kind for event in heard if isinstance(event, StepStarted)]
    assert kinds == [StepKind.PREPARE, StepKind.HOLD, StepKind.REST, StepKind.HOLD]
    assert any(isinstance(e, CountdownSecond) for e in heard)
    assert isinstance(heard[-1], SessionFinished)
    assert heard[-1].summary.completed


def test_a_failing_listener_is_logged_and_the_count_goes_on(
    adapter: RunnerAdapter, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(event: Event) -> None:
        raise RuntimeError("speaker on fire")

    heard: list[Event] = []
    adapter.add_listener(broken)
    adapter.add_listener(heard.append)
    with caplog.at_level(logging.ERROR):
        adapter.start()
        advance(adapter, 3.5)
    assert "speaker on fire" in caplog.text
    assert any(isinstance(e, StepStarted) and e.step.kind is StepKind.HOLD for e in heard)
    adapter.remove_listener(broken)
    caplog.clear()
    advance(adapter, 4.0)
    assert "speaker on fire" not in caplog.text


def test_snapshots_follow_the_clock_not_the_number_of_ticks(adapter: RunnerAdapter) -> None:
    shots: list[Snapshot] = []
    adapter.snapshot_changed.connect(shots.append)
    adapter.start()
    advance(adapter, 2.9)  # one late tick instead of ninety: the display still lands exactly
    assert shots[-1].remaining == pytest.approx(0.1)
    advance(adapter, 1.1)  # a stalled loop: the next tick catches up into the hold
    assert shots[-1].step is not None and shots[-1].step.kind is StepKind.HOLD
    assert shots[-1].remaining == pytest.approx(3.0)


def test_a_sleeping_computer_pauses_the_session(adapter: RunnerAdapter) -> None:
    heard: list[Event] = []
    adapter.add_listener(heard.append)
    adapter.start()
    advance(adapter, 60.0)
    assert adapter.state is RunnerState.PAUSED
    assert not adapter.ticking
    assert any(isinstance(e, Paused) for e in heard)
