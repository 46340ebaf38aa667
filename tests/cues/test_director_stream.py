"""The director with a session stream: cues planned ahead, re-planned on pause/skip/back, and
played one by one (the old way) when no stream can open."""

from __future__ import annotations

from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from backtimer.cues.base import Cue
from backtimer.cues.director import CueDirector
from backtimer.cues.plan import CueKey, Planned
from backtimer.engine.clock import FakeClock
from backtimer.engine.events import Event
from backtimer.engine.runner import Runner
from backtimer.store.settings import Settings
from tests.cues.fakes import RecordingPlayer, RecordingVoice
from tests.helpers import timeline

SESSION = """
    title: Short
    prepare: 5s
    items:
      - {exercise: back-extension, hold: 6s, rest: 4s, reps: 2}
"""


class FakeStream:
    """Writes a cue the moment the clock passes it, as the writer thread would."""

    def __init__(self, clock: FakeClock, opens: bool = True) -> None:
        self.clock = clock
        self.opens = opens
        self.started = False
        self.pending: dict[CueKey, tuple[float, Cue]] = {}
        self.written: dict[CueKey, tuple[float, Cue]] = {}

    @property
    def problem(self) -> str | None:
        return None if self.opens else "no audio output"

    def start(self) -> None:
        self.started = True

    def lead(self) -> float:
        return 0.12

    def schedule(self, planned: list[Planned]) -> None:
        self.pending = {p.key: (p.at, p.cue) for p in planned if p.key not in self.written}

    def claim(self, key: CueKey, cue: Cue, now: float) -> bool:
        if key in self.written:
            return True
        due = self.pending.get(key)
        return due is not None and due[0] > now

    def cancel(self) -> None:
        self.pending.clear()

    def close(self) -> None:
        self.started = False

    def write(self, until: float) -> None:
        for key, (at, cue) in list(self.pending.items()):
            if at <= until:
                self.written[key] = (at, cue)
                del self.pending[key]

    def sounds(self) -> list[tuple[float, Cue]]:
        return sorted(self.written.values())


def make(clock: FakeClock, stream: FakeStream | None) -> tuple[CueDirector, RecordingPlayer,
                                                                 QObject]:
    parent = QObject()
    player = RecordingPlayer()
    director = CueDirector(player, RecordingVoice(), Settings(voice=False), parent,
                           speech_delay_ms=0, stream=lambda: stream,  # type: ignore[arg-type,return-value]
                           now=clock.now)
    return director, player, parent


def drive(director: CueDirector, stream: FakeStream | None, runner: Runner, clock: FakeClock,
          seconds: float, events: list[Event] | None = None) -> None:
    for event in events or []:
        director.handle(event)
    end = clock.now() + seconds
    while clock.now() < end:
        clock.advance(0.05)
        if stream is not None:
            stream.write(clock.now() + 0.08)  # the writer is 80 ms ahead of the loudspeaker
        for event in runner.tick():
            director.handle(event)


def test_every_cue_goes_into_the_stream_at_its_planned_moment(qtbot: QtBot) -> None:
    clock = FakeClock(start=10.0)
    stream = FakeStream(clock)
    director, player, _parent = make(clock, stream)
    runner = Runner(timeline(SESSION), clock)
    lead = director.start_lead()
    assert stream.started and lead == 0.12
    drive(director, stream, runner, clock, 30.0, runner.start(at=clock.now() + lead))
    sounds = [(round(at, 6), cue) for at, cue in stream.sounds()]
    assert sounds[0] == (10.12, Cue.REST)  # the very first chime, on the start moment itself
    assert (15.12, Cue.HOLD) in sounds
    assert sounds[-1] == (31.12, Cue.FINISH)
    assert [cue for _, cue in sounds].count(Cue.COUNTDOWN) == 12  # 3 for each step
    assert player.played == []  # nothing went the old way


def test_a_pause_cancels_what_was_planned_and_resuming_plans_again(qtbot: QtBot) -> None:
    clock = FakeClock(start=10.0)
    stream = FakeStream(clock)
    director, _player, _parent = make(clock, stream)
    runner = Runner(timeline(SESSION), clock)
    drive(director, stream, runner, clock, 1.0, runner.start())
    for event in runner.pause():
        director.handle(event)
    assert stream.pending == {}
    clock.advance(60.0)  # nothing sounds while paused
    for event in runner.resume():
        director.handle(event)
    drive(director, stream, runner, clock, 30.0)
    after = [cue for at, cue in stream.sounds() if at > 11.0]
    assert after[0] is Cue.COUNTDOWN and after.count(Cue.FINISH) == 1
    assert all(at >= 71.0 for at, _ in stream.sounds() if at > 11.0)


def test_back_plays_the_restarted_steps_chime_again_at_once(qtbot: QtBot) -> None:
    clock = FakeClock(start=10.0)
    stream = FakeStream(clock)
    director, player, _parent = make(clock, stream)
    runner = Runner(timeline(SESSION), clock)
    drive(director, stream, runner, clock, 7.0, runner.start())  # 2 s into the first hold
    for event in runner.back():  # restart the hold
        director.handle(event)
    holds = [at for at, cue in stream.sounds() if cue is Cue.HOLD]
    assert holds == [15.0]  # the planned one
    # Nobody could plan the restart: the player sounds it now rather than after the queue.
    assert player.played[-1] is Cue.HOLD and player.played.count(Cue.HOLD) == 1
    assert stream.pending  # and the rest is planned again from the restart


def test_without_a_stream_each_cue_is_played_when_its_event_comes(qtbot: QtBot) -> None:
    clock = FakeClock(start=10.0)
    broken = FakeStream(clock, opens=False)  # no audio device: the stream could not open
    director, player, _parent = make(clock, broken)
    runner = Runner(timeline(SESSION), clock)
    assert director.start_lead() == 0.0
    drive(director, None, runner, clock, 30.0, runner.start())
    assert player.played[0] is Cue.REST
    assert player.played[-1] is Cue.FINISH
    assert player.played.count(Cue.COUNTDOWN) == 12
    assert broken.written == {}
