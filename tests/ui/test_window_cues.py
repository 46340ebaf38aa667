"""The window with cues: they hear every event, keep the screen awake only while counting,
their problems show once, and cues that fail never stop a session."""

from __future__ import annotations

import logging

import pytest
from pytestqt.qtbot import QtBot

from backtimer.engine.events import SessionFinished, StepStarted
from backtimer.engine.runner import RunnerState
from backtimer.store.paths import Paths
from backtimer.ui.settings.sound_page import SoundPage
from backtimer.ui.shell.main_window import MainWindow
from tests.ui.window_kit import Answers, FakeCues, make_window, run_for, start, write_session

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def window_with(qtbot: QtBot, paths: Paths, cues: FakeCues) -> MainWindow:
    write_session(paths)
    window = make_window(paths, cues=cues, answers=Answers(stop=True))
    qtbot.addWidget(window)
    window.show()
    return window


def test_cues_hear_every_step(qtbot: QtBot, paths: Paths) -> None:
    cues = FakeCues()
    window = window_with(qtbot, paths, cues)
    start(window)
    run_for(window, 6.0)
    started = [e for e in cues.director.events if isinstance(e, StepStarted)]
    assert [e.index for e in started] == [0, 1]


def test_screen_kept_awake_only_while_counting(qtbot: QtBot, paths: Paths) -> None:
    cues = FakeCues()
    window = window_with(qtbot, paths, cues)
    start(window)
    assert cues.keeper.calls == ["keep_awake"]
    window.run.adapter.pause()
    assert cues.keeper.calls[-1] == "release"
    window.run.adapter.resume()
    assert cues.keeper.calls[-1] == "keep_awake"
    window.request_stop()
    assert cues.keeper.calls[-1] == "release"
    assert window.run.adapter.state is RunnerState.FINISHED


def test_screen_released_when_the_session_finishes(qtbot: QtBot, paths: Paths) -> None:
    cues = FakeCues()
    window = window_with(qtbot, paths, cues)
    start(window)
    run_for(window, 40.0)
    window.run.adapter.done()
    run_for(window, 10.0)
    assert isinstance(cues.director.events[-1], SessionFinished)
    assert cues.keeper.calls[-1] == "release"


def test_each_problem_shows_once_without_a_dialog(qtbot: QtBot, paths: Paths) -> None:
    cues = FakeCues(notices=["Sound is off: no audio device was found"])
    window = window_with(qtbot, paths, cues)
    assert window.notice_bar.texts() == ["Sound is off: no audio device was found"]
    cues.notices.append("The screen may dim: keep-awake is not available here")
    start(window)
    run_for(window, 12.0)
    assert window.notice_bar.texts() == [
        "Sound is off: no audio device was found",
        "The screen may dim: keep-awake is not available here",
    ]
    # Dismissed notices stay dismissed, however often the cues repeat them.
    window.notice_bar.close_button.click()
    assert not window.notice_bar.isVisible()
    run_for(window, 6.0)
    assert window.notice_bar.texts() == []
    cues.notices.append("Sound is back")
    run_for(window, 6.0)
    assert window.notice_bar.texts() == ["Sound is back"]


def test_a_problem_found_after_start_up_shows_at_once(qtbot: QtBot, paths: Paths) -> None:
    cues = FakeCues()
    window = window_with(qtbot, paths, cues)
    assert window.notice_bar.texts() == []
    cues.problem_found.emit("Spoken cues are off: the speech service does not answer")
    assert window.notice_bar.texts() == ["Spoken cues are off: the speech service does not answer"]


def test_settings_say_when_speech_is_missing(qtbot: QtBot, paths: Paths) -> None:
    window = window_with(qtbot, paths, FakeCues(voice_available=False))
    window.window_actions.settings.trigger()
    dialog = window.side.settings_dialog
    assert dialog is not None and dialog.isVisible()
    assert "No speech engine" in dialog.page(SoundPage).voice_note.text()
    dialog.reject()


def test_settings_say_nothing_of_speech_that_works(qtbot: QtBot, paths: Paths) -> None:
    window = window_with(qtbot, paths, FakeCues())
    window.window_actions.settings.trigger()
    dialog = window.side.settings_dialog
    assert dialog is not None and dialog.isVisible()
    assert not hasattr(dialog, "voice_note")
    dialog.reject()


def test_failing_cues_never_stop_the_session(
    qtbot: QtBot, paths: Paths, caplog: pytest.LogCaptureFixture
) -> None:
    cues = FakeCues(fail=True)
    cues.director.fail = True
    cues.keeper.fail = True
    with caplog.at_level(logging.ERROR):
        window = window_with(qtbot, paths, cues)
        start(window)
        run_for(window, 40.0)
        window.run.adapter.pause()
        window.run.adapter.resume()
        window.run.adapter.done()
        run_for(window, 10.0)
    assert window.stack.currentWidget() is window.run.finish_screen
    assert window.run.finish_screen.headline.text() == "Well done"
    assert "no audio device" in caplog.text


def test_settings_reach_the_cues(qtbot: QtBot, paths: Paths) -> None:
    cues = FakeCues()
    window = window_with(qtbot, paths, cues)
    quieter = window.settings.with_changes(sounds=False)
    window.apply_settings(quieter)
    assert cues.director.settings[-1] == quieter
    assert window.settings == quieter
