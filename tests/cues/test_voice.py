"""The voice: speaks through QtTextToSpeech's mock engine here, and degrades where none exists."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from backtimer.cues.voice import QtVoice


def spoken_words(voice: QtVoice) -> list[str]:
    """Every word the engine reports saying, in order."""
    words: list[str] = []
    assert voice.speech is not None
    voice.speech.sayingWord.connect(lambda word, *_: words.append(word))
    return words


def test_the_mock_engine_speaks_the_phrase(qtbot: QtBot) -> None:
    parent = QObject()
    voice = QtVoice(parent, engine="mock")
    voice.prepare()
    assert voice.problem is None
    words = spoken_words(voice)
    voice.say("Side plank, left side")
    qtbot.waitUntil(lambda: len(words) == 4)
    assert words == ["Side", "plank", "left", "side"]


def test_a_new_phrase_interrupts_the_old_one(qtbot: QtBot) -> None:
    parent = QObject()
    voice = QtVoice(parent, engine="mock")
    voice.prepare()
    words = spoken_words(voice)
    voice.say("Next up: Bird dog, then a long rest")
    voice.say("Switch sides")
    qtbot.waitUntil(lambda: words[-1:] == ["sides"])
    assert words == ["Switch", "sides"]


def test_the_engine_is_made_on_first_use_when_not_prepared(qtbot: QtBot) -> None:
    parent = QObject()
    voice = QtVoice(parent, engine="mock")
    assert voice.speech is None  # nothing slow happens in the constructor
    voice.say("Rest")
    assert voice.prepared and voice.speech is not None


def test_an_unknown_engine_means_silence_and_one_notice(qtbot: QtBot) -> None:
    parent = QObject()
    voice = QtVoice(parent, engine="no-such-engine")
    with qtbot.waitSignal(voice.problem_found) as blocker:
        voice.say("Hold")
    assert blocker.args == ["Spoken cues are off: no speech engine is available."]
    assert voice.problem == blocker.args[0]
    with qtbot.assertNotEmitted(voice.problem_found):
        voice.say("Rest")
        voice.set_volume(0.5)


def test_without_the_speech_module_the_voice_stays_silent(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "PySide6.QtTextToSpeech", None)  # import fails
    parent = QObject()
    voice = QtVoice(parent, engine="mock")
    voice.say("Hold")
    assert voice.problem is not None
    assert voice.problem.startswith("Spoken cues are off")
