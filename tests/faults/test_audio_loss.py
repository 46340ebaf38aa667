"""The audio device disappears mid-session: the session goes on, the problem is said once.

Unplugging headphones or losing the sound server turns every QSoundEffect to its Error status.
The real ``QtSoundPlayer`` is used here with a stand-in for ``PySide6.QtMultimedia`` (a test
machine has no audio output to lose), injected where the player imports the module. The runner
is driven through the real adapter with the cue director listening, as in the window.
"""

from __future__ import annotations

import logging
from enum import Enum
from types import SimpleNamespace
from typing import Any, ClassVar

import pytest
from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from pytestqt.qtbot import QtBot

from backtimer.cues import sound
from backtimer.cues.base import Cue, ScreenKeeper, SoundPlayer, Voice
from backtimer.cues.factory import Cues
from backtimer.cues.sound import QtSoundPlayer
from backtimer.engine.clock import FakeClock
from backtimer.engine.events import Event, SessionFinished
from backtimer.resources import resources_dir
from backtimer.store.settings import Settings
from backtimer.ui.run.adapter import RunnerAdapter
from tests.cues.fakes import RecordingVoice, SilentKeeper
from tests.helpers import exercises, timeline

SESSION = """
    title: Planks
    prepare: 5s
    items:
      - {exercise: side-plank, hold: 10s, rest: 5s, reps: 3}
"""


class Status(Enum):
    Null = 0
    Loading = 1
    Ready = 2
    Error = 3


class FakeSoundEffect(QObject):
    """Behaves like QSoundEffect as far as the player uses it; records real (unmuted) plays."""

    statusChanged = Signal()
    playingChanged = Signal()
    made: ClassVar[list[FakeSoundEffect]] = []

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._status = Status.Null
        self.muted = False
        self.audible_plays = 0
        self.plays_after_loss = 0
        FakeSoundEffect.made.append(self)

    def setVolume(self, volume: float) -> None:
        pass

    def setMuted(self, muted: bool) -> None:
        self.muted = muted

    def setSource(self, url: QUrl) -> None:
        self._status = Status.Loading
        QTimer.singleShot(0, self, lambda: self.set_status(Status.Ready))

    def status(self) -> Status:
        return self._status

    def set_status(self, status: Status) -> None:
        self._status = status
        self.statusChanged.emit()

    def play(self) -> None:
        if self._status is Status.Error:
            self.plays_after_loss += 1
        elif not self.muted:
            self.audible_plays += 1

    def stop(self) -> None:
        pass

    def isPlaying(self) -> bool:
        return False


def fake_multimedia() -> Any:
    scale = SimpleNamespace(LogarithmicVolumeScale=1, LinearVolumeScale=0)
    return SimpleNamespace(
        QSoundEffect=FakeSoundEffect,
        QMediaDevices=SimpleNamespace(audioOutputs=lambda: ["speakers"]),
        QtAudio=SimpleNamespace(VolumeScale=scale, convertVolume=lambda v, a, b: v),
    )


@pytest.fixture
def effects(monkeypatch: pytest.MonkeyPatch) -> list[FakeSoundEffect]:
    FakeSoundEffect.made = []
    monkeypatch.setattr(sound, "import_multimedia", fake_multimedia)
    return FakeSoundEffect.made


def walk(adapter: RunnerAdapter, clock: FakeClock, seconds: float) -> None:
    end = clock.now() + seconds
    while clock.now() < end:
        clock.set(min(end, clock.now() + 0.25))
        adapter.tick()


def test_losing_the_audio_device_mid_session(
    qtbot: QtBot, effects: list[FakeSoundEffect]
) -> None:
    parent = QObject()
    voice = RecordingVoice()

    def parts(cues: Cues) -> tuple[SoundPlayer, Voice, ScreenKeeper]:
        player = QtSoundPlayer(resources_dir() / "sounds", cues)
        return player, voice, SilentKeeper()

    cues = Cues(parent, parts, Settings(), exercises())
    player = cues.player
    assert isinstance(player, QtSoundPlayer)
    player.load()
    qtbot.waitUntil(lambda: player.ready)
    reported: list[str] = []
    cues.problem_found.connect(reported.append)

    clock = FakeClock()
    adapter = RunnerAdapter(clock, parent)
    seen: list[Event] = []
    adapter.add_listener(cues.director.handle)
    adapter.add_listener(seen.append)
    adapter.load(timeline(SESSION))
    adapter.start()
    walk(adapter, clock, 5 + 10 + 2)  # into the first rest
    assert sum(e.audible_plays for e in effects) >= 2, "sound worked before the loss"

    for effect in effects:  # the device goes: every effect reports an error
        effect.set_status(Status.Error)

    walk(adapter, clock, 120)
    [finished] = [e for e in seen if isinstance(e, SessionFinished)]
    assert finished.summary.completed
    assert finished.summary.steps_done == finished.summary.steps_total
    assert len(reported) == 1, reported
    assert "Sound is off" in reported[0]
    assert cues.problems() == reported
    assert sum(e.plays_after_loss for e in effects) == 0, "the player kept using dead effects"
    # The voice carries on without sound: the closing words still come.
    qtbot.waitUntil(lambda: "Well done." in voice.said)


class DyingPlayer:
    """A player whose device vanishes in a harsher way: ``play`` starts raising."""

    def __init__(self) -> None:
        self.alive = True
        self.played: list[Cue] = []

    @property
    def problem(self) -> str | None:
        return None if self.alive else "the audio device is gone"

    def play(self, cue: Cue) -> None:
        if not self.alive:
            raise RuntimeError("Internal C++ object (QSoundEffect) already deleted.")
        self.played.append(cue)

    def set_volume(self, volume: float) -> None:
        pass

    def set_soft(self, soft: bool) -> None:
        pass


def test_a_player_that_starts_raising_does_not_stop_the_session(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    parent = QObject()
    player = DyingPlayer()
    cues = Cues(parent, lambda c: (player, RecordingVoice(), SilentKeeper()), Settings())
    clock = FakeClock()
    adapter = RunnerAdapter(clock, parent)
    seen: list[Event] = []
    adapter.add_listener(cues.director.handle)
    adapter.add_listener(seen.append)
    adapter.load(timeline(SESSION))
    adapter.start()
    walk(adapter, clock, 8)
    assert player.played
    player.alive = False
    with caplog.at_level(logging.ERROR):
        walk(adapter, clock, 120)
    [finished] = [e for e in seen if isinstance(e, SessionFinished)]
    assert finished.summary.completed
    assert finished.summary.steps_done == finished.summary.steps_total
    assert cues.problems() == ["the audio device is gone"]


def test_a_player_that_starts_raising_does_not_silence_the_voice(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    parent = QObject()
    player = SilentlyDyingPlayer()
    voice = RecordingVoice()
    cues = Cues(parent, lambda c: (player, voice, SilentKeeper()), Settings())
    reported: list[str] = []
    cues.problem_found.connect(reported.append)
    clock = FakeClock()
    adapter = RunnerAdapter(clock, parent)
    seen: list[Event] = []
    adapter.add_listener(cues.director.handle)
    adapter.add_listener(seen.append)
    adapter.load(timeline(SESSION))
    adapter.start()
    player.alive = False
    with caplog.at_level(logging.ERROR):
        walk(adapter, clock, 120)
    [finished] = [e for e in seen if isinstance(e, SessionFinished)]
    assert finished.summary.completed
    qtbot.waitUntil(lambda: "Well done." in voice.said, timeout=2000)
    # Reported once, in plain words, though every later cue raised too.
    assert len(reported) == 1 and reported[0].startswith("Sound is off")
    assert cues.problems() == reported
    assert player.failures > 5
    assert caplog.text.count("the sound player failed") == 1


class SilentlyDyingPlayer(DyingPlayer):
    """A player that raises without saying it has a problem (its ``problem`` stays None)."""

    def __init__(self) -> None:
        super().__init__()
        self.failures = 0

    @property
    def problem(self) -> str | None:
        return None

    def play(self, cue: Cue) -> None:
        if not self.alive:
            self.failures += 1
        super().play(cue)
