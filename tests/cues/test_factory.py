"""create_cues: returns at once, and where nothing works the session still runs, silently."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QCoreApplication, QObject
from pytestqt.qtbot import QtBot

from backtimer.cues import factory
from backtimer.cues.factory import create_cues
from backtimer.engine.clock import FakeClock
from backtimer.engine.runner import Runner
from backtimer.store.settings import Settings
from tests.cues.fakes import FakeMode
from tests.cues.test_director import SESSION, run_session
from tests.helpers import exercises, timeline


@pytest.fixture(autouse=True)
def no_delays(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(factory, "VOICE_PREPARE_DELAY_MS", 0)


@pytest.fixture
def nothing_works(monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine without libpulse (so no QtMultimedia), no speech engine and no session bus."""
    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", None)
    monkeypatch.setenv("QT_TEXTTOSPEECH_ENGINE", "no-such-engine")  # the speech process inherits


def test_with_nothing_available_every_call_works_and_each_problem_shows_once(
    qtbot: QtBot, nothing_works: None
) -> None:
    parent = QObject()
    cues = create_cues(Settings(), parent, awake_mode=lambda: FakeMode(works=False))
    found: list[str] = []
    cues.problem_found.connect(found.append)
    assert not cues.player.loaded  # type: ignore[attr-defined]  # loading waits for the loop
    cues.keeper.keep_awake()
    qtbot.waitUntil(lambda: len(cues.problems()) == 3, timeout=15_000)  # a process starts
    problems = cues.problems()
    assert problems[0].startswith("Sound is off")
    assert problems[1].startswith("Spoken cues are off")
    assert problems[2].startswith("The screen may dim")
    assert sorted(found) == sorted(problems)
    run_session(cues.director)  # a whole session, silently
    cues.keeper.release()
    cues.keeper.keep_awake()
    assert cues.problems() == problems
    cues.close()


def test_problems_are_only_those_of_parts_switched_on(qtbot: QtBot, nothing_works: None) -> None:
    parent = QObject()
    settings = Settings(sounds=False, voice=False, keep_awake=False)
    cues = create_cues(settings, parent, awake_mode=lambda: FakeMode(works=False))
    qtbot.waitUntil(lambda: cues.player.loaded)  # type: ignore[attr-defined]
    cues.keeper.keep_awake()
    assert cues.problems() == []
    cues.director.apply_settings(Settings(sounds=True, voice=False))
    assert [p[:12] for p in cues.problems()] == ["Sound is off"]
    cues.close()


def test_the_voice_speaks_the_exercise_cue_line_through_the_director(qtbot: QtBot) -> None:
    parent = QObject()
    cues = create_cues(
        Settings(sounds=False), parent, exercises=exercises(), voice_engine="mock",
        awake_mode=FakeMode,
    )
    qtbot.waitUntil(lambda: cues.voice.ready, timeout=15_000)  # type: ignore[attr-defined]
    words: list[str] = []
    cues.voice.word_spoken.connect(words.append)  # type: ignore[attr-defined]
    runner = Runner(timeline(SESSION), FakeClock())
    for event in [*runner.start(), *runner.skip()]:  # get ready, then the first hold
        cues.director.handle(event)
    expected = ["Side", "plank", "left", "side", "Hold", "Lift", "your", "hips"]
    qtbot.waitUntil(lambda: words[-len(expected):] == expected)
    cues.close()


def test_sounds_load_after_the_first_frames_not_in_the_next_turn_of_the_loop(
    qtbot: QtBot, nothing_works: None
) -> None:
    parent = QObject()
    cues = create_cues(Settings(), parent, awake_mode=lambda: FakeMode(works=False))
    player = cues.player
    for _ in range(3):  # what a 0 ms timer would run in: the window's first frames go first
        QCoreApplication.processEvents()
    assert not player.loaded  # type: ignore[attr-defined]
    assert factory.SOUND_LOAD_DELAY_MS >= 300
    qtbot.waitUntil(lambda: player.loaded)  # type: ignore[attr-defined]
    cues.close()
