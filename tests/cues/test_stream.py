"""The session stream where no audio output exists: it says so, and hands every cue back."""

from __future__ import annotations

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
