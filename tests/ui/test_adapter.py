"""The adapter drives the runner from a QTimer, re-emits events, and feeds listeners."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from backtimer.engine.clock import FakeClock
from backtimer.engine.events import (
    CountdownSecond,
    Event,
    Paused,
    SessionFinished,
    StepStarted,
)
from backtimer.engine.runner import RunnerState, Snapshot
from backtimer.session.timeline import StepKind
from backtimer.ui.adapter import RunnerAdapter
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


def test_timer_is_precise_and_fast_enough_for_a_smooth_display(adapter: RunnerAdapter) -> None:
    timer = adapter._timer
    assert timer.timerType() is Qt.TimerType.PreciseTimer
    assert 10 <= timer.interval() <= 50
    assert timer.parent() is adapter


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


def test_events_become_signals_and_reach_listeners(adapter: RunnerAdapter, qtbot: QtBot) -> None:
    heard: list[Event] = []
    started: list[StepStarted] = []
    adapter.add_listener(heard.append)
    adapter.step_started.connect(started.append)
    adapter.start()
    advance(adapter, 1.0)  # 2 s left of the prepare: a countdown second
    with qtbot.waitSignal(adapter.finished, timeout=1000):
        for _ in range(40):
            advance(adapter, 0.5)
    kinds = [event.step.kind for event in started]
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
