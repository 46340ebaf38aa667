"""A session started from outside the window (a reminder, the tray): it comes to the front and
starts; with a session running it asks first, and "no" leaves that session running."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from backtimer.engine.runner import RunnerState
from backtimer.store.paths import Paths
from backtimer.ui.shell.outside_start import start_from_outside
from tests.ui.window_kit import make_window, start, write_session

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints",
                                       "does not support raise")


def test_from_the_start_screen_it_starts_at_once(qtbot: QtBot, paths: Paths) -> None:
    window = make_window(paths)
    qtbot.addWidget(window)
    window.hide()  # in the tray
    asked: list[str] = []
    assert start_from_outside(window, "daily-routine", ask=lambda _w, t: bool(asked.append(t)))
    assert window.isVisible() and window.run.showing_session() and not asked


def test_with_a_session_running_it_asks_first(qtbot: QtBot, paths: Paths) -> None:
    write_session(paths)
    window = make_window(paths)
    qtbot.addWidget(window)
    window.show()
    start(window)
    asked: list[str] = []

    def no(_window: object, title: str) -> bool:
        asked.append(title)
        assert window.run.adapter.state is RunnerState.PAUSED  # held while asking
        return False

    assert not start_from_outside(window, "daily-routine", ask=no)
    assert asked == ["Daily back routine"]
    assert window.run.session is not None and window.run.session.id == "ui-test"
    assert window.run.adapter.state is RunnerState.RUNNING  # resumed
    assert start_from_outside(window, "daily-routine", ask=lambda _w, _t: True)
    assert window.run.session is not None and window.run.session.id == "daily-routine"


def test_a_session_that_is_gone_is_said_in_the_window(qtbot: QtBot, paths: Paths) -> None:
    window = make_window(paths)
    qtbot.addWidget(window)
    window.show()
    assert not start_from_outside(window, "no-such-session")
    assert any("no-such-session" in text for text in window.notice_bar.texts())
