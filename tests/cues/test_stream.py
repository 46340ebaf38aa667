"""The session stream where no audio output exists: it says so, and hands every cue back."""

from __future__ import annotations

import time
from array import array

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from backtimer.cues.base import Cue
from backtimer.cues.qtlog import quiet_qt_messages
from backtimer.cues.sound import import_multimedia
from backtimer.cues.stream import CueStream


def test_no_audio_output_means_no_stream_and_cues_go_back_to_the_player(qtbot: QtBot) -> None:
    try:
        module = import_multimedia()
    except ImportError:
        pytest.skip("QtMultimedia cannot load here")
    with quiet_qt_messages():
        no_output = module.QMediaDevices.defaultAudioOutput().isNull()
    if not no_output:
        pytest.skip("this machine has an audio output")
    parent = QObject()
    sounds = {(cue, soft): array("h", [0, 100, -100]) for cue in Cue for soft in (False, True)}
    stream = CueStream(module, sounds, parent)
    with qtbot.waitSignal(stream.failed, timeout=5000):
        stream.start()
    assert stream.problem is not None
    assert stream.lead() == 0.0  # the session starts at once
    assert not stream.claim((1, 0, "chime", 0), Cue.HOLD, 0.0)  # the caller plays it
    stream.close(wait_ms=1000)


def test_on_a_real_pulseaudio_the_stream_plays_drops_a_paused_cue_and_takes_a_late_one(
    qtbot: QtBot,
) -> None:
    """Needs a sound server (``with_services.sh`` or CI's private PulseAudio); skipped without."""
    from backtimer.cues.plan import Planned
    from backtimer.cues.pulse import PulseOutput

    try:
        PulseOutput(22050, "BackTimer test", 1.0).close()
        module = import_multimedia()
    except (OSError, ImportError):
        pytest.skip("no PulseAudio here")
    parent = QObject()
    sounds = {(cue, soft): array("h", [1000] * 2205) for cue in Cue for soft in (False, True)}
    stream = CueStream(module, sounds, parent)
    stream.start()
    qtbot.waitUntil(lambda: stream.playing, timeout=5000)
    shared = stream._shared  # what the stream's thread wrote, to look at
    far = (0, 0, "chime", 0)
    origin = shared.origin
    assert origin is not None
    stream.schedule([Planned(far, origin + 1e6, Cue.HOLD)])  # far ahead: not yet written
    assert stream.claim(far, Cue.HOLD, 0.0)  # planned, still to come: the stream has it
    late = (0, 1, "chime", 0)
    assert stream.claim(late, Cue.REST, time.monotonic())  # never planned: it goes in at once
    qtbot.waitUntil(lambda: late in shared.started, timeout=5000)
    stream.cancel()  # a pause
    qtbot.waitUntil(lambda: not shared.pending, timeout=5000)
    assert stream.problem is None
    stream.close(wait_ms=2000)
