"""Ctrl+C in the terminal stops ``backtimer start`` the way closing the window does."""

from __future__ import annotations

import os
import signal
import threading

import pytest
from PySide6.QtCore import QEventLoop, QTimer
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


def test_ctrl_c_wakes_an_idle_window_without_a_polling_timer(
    qtbot: QtBot, paths: Paths
) -> None:
    """The signal itself wakes Qt's loop while it waits in C: no timer wakes the window every
    fifth of a second all day just in case (one did, ~5 wake-ups a second)."""
    window = window_with_short(qtbot, paths)
    active_before = {id(t) for t in window.findChildren(QTimer) if t.isActive()}
    restore = stop_on_interrupt(window)
    try:
        added = [t for t in window.findChildren(QTimer)
                 if t.isActive() and id(t) not in active_before]
        assert added == [], "no timer polls for the signal"
        loop = QEventLoop()
        window.destroyed.connect(loop.quit)
        closed: list[bool] = []
        window.closed.connect(lambda: (closed.append(True), loop.quit()))
        QTimer.singleShot(20_000, loop.quit)  # a safety net only: the test fails if it fires
        # Sent from another thread while the loop waits in C: only the wake-up fd wakes it.
        threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGINT)).start()
        loop.exec()
        assert closed, "Ctrl+C did not reach the waiting window"
    finally:
        restore()
