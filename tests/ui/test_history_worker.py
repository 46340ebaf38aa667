"""The history workers pause the garbage collector while their jobs run (a collection on a
worker could free a Qt widget off the GUI thread): paused while any worker's job runs, and
back on only when the last one ends."""

from __future__ import annotations

import gc
import threading

from pytestqt.qtbot import QtBot

from backtimer.ui.history.history_worker import HistoryWorker


def test_the_collector_stays_paused_while_any_worker_s_job_runs(qtbot: QtBot) -> None:
    assert gc.isenabled()
    first, second = HistoryWorker(name="first"), HistoryWorker(name="second")
    second_started, release_second = threading.Event(), threading.Event()
    seen: list[bool] = []

    def long_job() -> None:
        second_started.set()
        release_second.wait(10)
        seen.append(gc.isenabled())

    first_can_end = threading.Event()
    first.submit(lambda: first_can_end.wait(10), lambda _: None, lambda _: None)
    second.submit(long_job, lambda _: None, lambda _: None)
    assert second_started.wait(10)
    first_can_end.set()  # the first job ends while the second still runs
    qtbot.waitUntil(lambda: first.pending == 0)
    assert not gc.isenabled()  # the second's job still runs: no collection may start
    release_second.set()
    qtbot.waitUntil(lambda: second.pending == 0)
    assert seen == [False]
    assert gc.isenabled()  # both done: collecting again
