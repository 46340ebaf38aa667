"""The sound player: one warmed effect per cue where sound works, silence and a notice where not."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from types import SimpleNamespace
from typing import ClassVar

import pytest
from PySide6.QtCore import QObject, QUrl, Signal
from pytestqt.qtbot import QtBot

from backtimer.cues import sound
from backtimer.cues.base import Cue
from backtimer.cues.sound import QtSoundPlayer
from backtimer.resources import resources_dir


def sounds() -> Path:
    return Path(str(resources_dir() / "sounds"))


class Status(Enum):
    Null = 0
    Loading = 1
    Ready = 2
    Error = 3


class FakeEffect(QObject):
    """Stands in for QSoundEffect on a machine with no sound device."""

    statusChanged = Signal()
    playingChanged = Signal()

    made: ClassVar[list[FakeEffect]] = []

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._status = Status.Null
        self.source = ""
        self.volume = 1.0
        self.muted = False
        self.playing = False
        self.plays: list[bool] = []  # muted or not, for each play
        FakeEffect.made.append(self)

    def setSource(self, url: QUrl) -> None:
        self.source = Path(url.toLocalFile()).name
        self._set_status(Status.Loading)

    def status(self) -> Status:
        return self._status

    def _set_status(self, status: Status) -> None:
        self._status = status
        self.statusChanged.emit()

    def setVolume(self, volume: float) -> None:
        self.volume = volume

    def setMuted(self, muted: bool) -> None:
        self.muted = muted

    def play(self) -> None:
        self.plays.append(self.muted)
        self.playing = True
        self.playingChanged.emit()

    def finish(self) -> None:
        self.playing = False
        self.playingChanged.emit()

    def stop(self) -> None:
        if self.playing:
            self.finish()

    def isPlaying(self) -> bool:
        return self.playing


def fake_multimedia(outputs: list[str]) -> SimpleNamespace:
    scale = SimpleNamespace(LogarithmicVolumeScale="log", LinearVolumeScale="linear")
    return SimpleNamespace(
        QMediaDevices=SimpleNamespace(audioOutputs=lambda: outputs),
        QSoundEffect=FakeEffect,
        QtAudio=SimpleNamespace(VolumeScale=scale, convertVolume=lambda v, _a, _b: v * v),
    )


@pytest.fixture
def effects(monkeypatch: pytest.MonkeyPatch) -> list[FakeEffect]:
    FakeEffect.made = []
    monkeypatch.setattr(sound, "import_multimedia", lambda: fake_multimedia(["Speakers"]))
    return FakeEffect.made


def by_source(effects: list[FakeEffect]) -> dict[str, FakeEffect]:
    return {effect.source: effect for effect in effects}


def test_the_real_multimedia_loads_quietly_and_says_why_when_silent(qtbot: QtBot) -> None:
    parent = QObject()
    player = QtSoundPlayer(sounds(), parent)
    player.load()  # Qt's warnings about missing libraries or servers would fail this test
    if player.problem is None:  # a machine with a sound device
        qtbot.waitUntil(lambda: player.ready)
    else:
        assert player.problem.startswith("Sound is off")
    for cue in Cue:
        player.play(cue)


def test_no_audio_output_means_no_effects_and_one_notice(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    FakeEffect.made = []
    monkeypatch.setattr(sound, "import_multimedia", lambda: fake_multimedia([]))
    parent = QObject()
    player = QtSoundPlayer(sounds(), parent)
    assert player.problem is None and not player.loaded  # nothing happens until load()
    with qtbot.waitSignal(player.problem_found) as blocker:
        player.load()
    assert blocker.args == ["Sound is off: no audio output was found."]
    assert FakeEffect.made == []
    player.play(Cue.HOLD)
    player.set_volume(0.2)
    player.set_soft(True)
    assert not player.ready


def test_without_the_multimedia_module_sound_is_off(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", None)  # as without libpulse
    parent = QObject()
    player = QtSoundPlayer(sounds(), parent)
    player.load()
    assert player.problem is not None
    assert player.problem.startswith("Sound is off: the sound system could not be loaded")
    player.play(Cue.FINISH)


def sounding(effects: list[FakeEffect]) -> list[str]:
    return [effect.source for effect in effects if effect.playing]


def test_every_cue_is_loaded_and_the_current_set_warmed_one_at_a_time(
    qtbot: QtBot, effects: list[FakeEffect]
) -> None:
    parent = QObject()
    player = QtSoundPlayer(sounds(), parent, volume=0.5)
    player.load()
    named = by_source(effects)
    assert sorted(named) == sorted(
        [f"{cue.value}.wav" for cue in Cue] + [f"soft-{cue.value}.wav" for cue in Cue]
    )
    assert all(effect.volume == 0.25 for effect in effects)  # the slider is perceptual
    for effect in effects:
        effect._set_status(Status.Ready)
    assert player.ready
    for cue in Cue:  # each plays once, muted, after the one before has ended
        effect = named[f"{cue.value}.wav"]
        assert sounding(effects) == [effect.source]
        assert effect.plays == [True]
        effect.finish()
        assert not effect.muted
    assert sounding(effects) == []
    assert all(named[f"soft-{cue.value}.wav"].plays == [] for cue in Cue)  # not chosen yet

    player.play(Cue.HOLD)
    assert named["hold.wav"].plays == [True, False]
    player.set_soft(True)  # the soft set warms once the hold chime has ended
    assert sounding(effects) == ["hold.wav"]
    named["hold.wav"].finish()
    assert sounding(effects) == ["soft-hold.wav"]
    player.play(Cue.REST)
    assert sounding(effects) == ["soft-rest.wav"]
    assert named["soft-rest.wav"].plays == [False]


def test_a_new_cue_cuts_the_one_still_ringing(qtbot: QtBot, effects: list[FakeEffect]) -> None:
    parent = QObject()
    player = QtSoundPlayer(sounds(), parent)
    player.load()
    named = by_source(effects)
    for effect in effects:
        effect._set_status(Status.Ready)
    player.play(Cue.COUNTDOWN)  # cuts the warming of the hold chime
    assert sounding(effects) == ["countdown.wav"]
    player.play(Cue.HOLD)
    assert sounding(effects) == ["hold.wav"]
    assert named["hold.wav"].plays == [True, False]
    named["hold.wav"].finish()
    assert sounding(effects) == ["rest.wav"]  # warming goes on when all is quiet


def test_an_effect_in_error_turns_sound_off_once(qtbot: QtBot, effects: list[FakeEffect]) -> None:
    parent = QObject()
    player = QtSoundPlayer(sounds(), parent)
    player.load()
    with qtbot.waitSignal(player.problem_found):
        effects[0]._set_status(Status.Error)
    with qtbot.assertNotEmitted(player.problem_found):
        effects[1]._set_status(Status.Error)
    effects[2]._set_status(Status.Ready)
    player.play(Cue.HOLD)
    assert all(not effect.plays for effect in effects)


def test_missing_sound_files_are_named(
    qtbot: QtBot, effects: list[FakeEffect], tmp_path: Path
) -> None:
    parent = QObject()
    player = QtSoundPlayer(tmp_path, parent)
    player.load()
    assert player.problem is not None and "hold.wav" in player.problem
    assert effects == []
