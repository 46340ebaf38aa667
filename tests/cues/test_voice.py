"""The voice: speaks through a speech process of its own, and drops it when it stops answering.

The real speech process runs QtTextToSpeech's mock engine here; stand-in processes that never
answer (or stop answering mid-session) play the speech-dispatcher that hangs.
"""

from __future__ import annotations

import os
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QProcess
from pytestqt.qtbot import QtBot

from backtimer.cues.voice import QtVoice

START_MS = 15_000  # a Python process with QtCore, on a busy machine

# Answers "started" and "ready", then reads phrases and hangs on the second one, as
# ``spd_execute_command`` did with a real speech-dispatcher mid-session.
HANGS_ON_SECOND_PHRASE = textwrap.dedent(
    """
    import json, sys, time
    print(json.dumps({"started": True}), flush=True)
    print(json.dumps({"ready": True}), flush=True)
    phrases = 0
    for line in sys.stdin:
        if "say" in json.loads(line):
            phrases += 1
            if phrases == 2:
                time.sleep(600)
            print(json.dumps({"said": True}), flush=True)
    """
)


def word_list(voice: QtVoice) -> list[str]:
    """Every word the engine reports saying, in order."""
    words: list[str] = []
    voice.word_spoken.connect(words.append)
    return words


def ready_voice(qtbot: QtBot, parent: QObject) -> QtVoice:
    voice = QtVoice(parent, engine="mock")
    voice.prepare()
    qtbot.waitUntil(lambda: voice.ready, timeout=START_MS)
    return voice


def test_the_mock_engine_speaks_the_phrase(qtbot: QtBot) -> None:
    parent = QObject()
    voice = ready_voice(qtbot, parent)
    assert voice.problem is None
    words = word_list(voice)
    voice.say("Side plank, left side")
    qtbot.waitUntil(lambda: len(words) == 4)
    assert words == ["Side", "plank", "left", "side"]
    voice.close()


def test_a_new_phrase_interrupts_the_old_one(qtbot: QtBot) -> None:
    parent = QObject()
    voice = ready_voice(qtbot, parent)
    words = word_list(voice)
    voice.say("Next up: Bird dog, then a long rest")
    voice.say("Switch sides")
    qtbot.waitUntil(lambda: words[-1:] == ["sides"])
    assert words == ["Switch", "sides"]
    voice.close()


def test_the_engine_is_made_on_first_use_and_the_latest_phrase_is_spoken(qtbot: QtBot) -> None:
    parent = QObject()
    voice = QtVoice(parent, engine="mock")
    assert not voice.prepared  # nothing happens in the constructor
    words = word_list(voice)
    voice.say("Get ready")
    voice.say("Rest")  # before the engine is up: only the latest phrase is still worth saying
    assert voice.prepared
    qtbot.waitUntil(lambda: words == ["Rest"], timeout=START_MS)
    voice.close()


def test_an_unknown_engine_means_silence_and_one_notice(qtbot: QtBot) -> None:
    parent = QObject()
    voice = QtVoice(parent, engine="no-such-engine")
    with qtbot.waitSignal(voice.problem_found, timeout=START_MS) as blocker:
        voice.say("Hold")
    assert blocker.args == ["Spoken cues are off: no speech engine is available."]
    assert voice.problem == blocker.args[0]
    with qtbot.assertNotEmitted(voice.problem_found):
        voice.say("Rest")
        voice.set_volume(0.5)
    voice.close()


def test_without_the_speech_module_the_voice_stays_silent(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # The speech process starts with QtTextToSpeech unimportable (no libpulse, say).
    (tmp_path / "sitecustomize.py").write_text(
        "import sys\nsys.modules['PySide6.QtTextToSpeech'] = None\n", encoding="utf-8"
    )
    existing = os.environ.get("PYTHONPATH")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(tmp_path), existing])))
    parent = QObject()
    voice = QtVoice(parent, engine="mock")
    with qtbot.waitSignal(voice.problem_found, timeout=START_MS):
        voice.say("Hold")
    assert voice.problem is not None
    assert voice.problem.startswith("Spoken cues are off: speech could not be loaded")
    voice.close()


def test_a_speech_process_that_never_answers_is_dropped_and_reported_once(
    qtbot: QtBot,
) -> None:
    parent = QObject()
    voice = QtVoice(
        parent, command=[sys.executable, "-c", "import time; time.sleep(600)"],
        start_timeout_ms=300,
    )
    problems: list[str] = []
    voice.problem_found.connect(problems.append)
    voice.say("Get ready")  # returns at once: nothing waits for the process
    voice.say("Hold")
    qtbot.waitUntil(lambda: bool(problems))
    assert problems == ["Spoken cues are off: the speech engine did not answer."]
    for _ in range(5):
        voice.say("Rest")
    qtbot.wait(400)  # longer than every time-out: nothing more is reported
    assert problems == ["Spoken cues are off: the speech engine did not answer."]
    assert not voice.ready
    voice.close()


def test_a_speech_process_that_hangs_mid_session_is_dropped_and_reported_once(
    qtbot: QtBot,
) -> None:
    parent = QObject()
    voice = QtVoice(
        parent, command=[sys.executable, "-c", HANGS_ON_SECOND_PHRASE], answer_timeout_ms=300
    )
    voice.prepare()
    qtbot.waitUntil(lambda: voice.ready, timeout=START_MS)
    problems: list[str] = []
    voice.problem_found.connect(problems.append)
    voice.say("Get ready")
    qtbot.wait(100)
    assert voice.ready and problems == []  # answered in time
    voice.say("Hold")  # this one hangs
    voice.say("Rest")
    qtbot.waitUntil(lambda: bool(problems))
    assert problems == ["Spoken cues are off: the speech engine did not answer."]
    voice.say("Well done.")
    qtbot.wait(400)
    assert len(problems) == 1 and not voice.ready
    voice.close()


def test_close_ends_a_hung_speech_process(qtbot: QtBot) -> None:
    parent = QObject()
    voice = QtVoice(parent, command=[sys.executable, "-c", HANGS_ON_SECOND_PHRASE])
    voice.prepare()
    qtbot.waitUntil(lambda: voice.ready, timeout=START_MS)
    process = voice.findChild(QProcess)
    assert process is not None and process.state() is QProcess.ProcessState.Running
    voice.say("one")
    voice.say("two")  # the process is now stuck
    voice.close()  # kills it: no hung child outlives the app
    assert process.state() is QProcess.ProcessState.NotRunning
    assert voice.problem is None  # closing is not a problem to report


def test_the_engines_voices_are_listed_and_one_can_be_chosen(qtbot: QtBot) -> None:
    parent = QObject()
    voice = QtVoice(parent, engine="mock")
    with qtbot.waitSignal(voice.voices_found, timeout=START_MS) as found:
        voice.prepare()
    names = found.args[0] if found.args else []
    assert names and names == voice.voices  # the mock engine has voices of its own
    voice.set_voice(names[-1])
    words = word_list(voice)
    voice.say("Still speaking")
    qtbot.waitUntil(lambda: len(words) == 2)  # a chosen voice still speaks
    voice.close()
