"""Ctrl+C in the terminal stops ``backtimer start`` the way closing the window does."""

from __future__ import annotations

import signal

import pytest
from pytestqt.qtbot import QtBot

from backtimer.app import stop_on_interrupt
from backtimer.store.history import EntryStatus, HistoryLog
from backtimer.store.paths import Paths
from tests.ui.test_integration_history import window_with_short
from tests.ui.window_kit import run_for, start

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def test_ctrl_c_closes_the_window_and_logs_the_session_as_stopped(
    qtbot: QtBot, paths: Paths
) -> None:
    window = window_with_short(qtbot, paths)
    start(window, "short")
    run_for(window, 4.0)
    before = signal.getsignal(signal.SIGINT)
    restore = stop_on_interrupt(window)
    try:
        signal.raise_signal(signal.SIGINT)  # no KeyboardInterrupt: the handler is ours
        qtbot.waitUntil(lambda: not window.isVisible())
    finally:
        restore()
    assert signal.getsignal(signal.SIGINT) is before
    with HistoryLog.open(paths.history_file) as log:
        (entry,) = log.entries()
    assert entry.status is EntryStatus.STOPPED and entry.steps_done == 1
