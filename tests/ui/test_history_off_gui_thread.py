"""The history never holds the window while a session counts: the log is opened and every
entry written on the session log's worker thread, in order. A log whose opening hangs (a slow
or stuck disk, held here on an Event) leaves the count ticking and the screen painting; once
it opens, the entries land in the order they were made. Closing the window waits (a bounded
time) for the last one, and a write that fails is still said on the finish screen.
"""

from __future__ import annotations

import errno
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from backtimer.store.history import (
    EntryStatus,
    HistoryEntry,
    HistoryLog,
    HistoryUnavailable,
    Unavailable,
)
from backtimer.store.paths import Paths
from backtimer.ui.common.words import history_unavailable_text
from backtimer.ui.run import session_log as session_log_module
from backtimer.ui.shell.main_window import MainWindow
from tests.ui.window_kit import (
    EventCounter,
    make_window,
    run_for,
    run_to_end,
    settle_log,
    start,
    write_session,
)

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

# get ready 3 | hold 5 | rest 2 | hold 5 = 15 s, 4 steps
SHORT = """\
title: Short
prepare: 3s
items:
  - exercise: pelvic-tilt
    hold: 5s
    rest: 2s
    reps: 2
"""
HELD = 10.0  # seconds a held disk waits at most, so a failing test ends (never reached)


@dataclass
class Disk:
    """The history's disk: opening waits for ``opens``, each save for ``saves`` (both open by
    default); every open and save is noted with the thread it ran on; ``full`` fails saves."""

    opens: threading.Event = field(default_factory=threading.Event)
    saves: threading.Event = field(default_factory=threading.Event)
    full: bool = False
    open_threads: list[str] = field(default_factory=list)
    saved: list[tuple[str, EntryStatus, int]] = field(default_factory=list)  # thread, status, done

    def __post_init__(self) -> None:
        self.opens.set()
        self.saves.set()

    def open_log(self, path: Path) -> HistoryLog:
        self.open_threads.append(threading.current_thread().name)
        self.opens.wait(HELD)
        disk = self

        class Log(HistoryLog):
            def save(self, entry: HistoryEntry) -> HistoryEntry:
                disk.saves.wait(HELD)
                if disk.full:
                    raise HistoryUnavailable(Unavailable.UNREADABLE, path,
                                             "database or disk is full", code=errno.ENOSPC)
                disk.saved.append((threading.current_thread().name, entry.status,
                                   entry.steps_done))
                return super().save(entry)

        return Log.open(path, busy_timeout=0)


def window_on(qtbot: QtBot, paths: Paths, disk: Disk) -> MainWindow:
    write_session(paths, "short", SHORT)
    window = make_window(paths, open_log=disk.open_log)
    qtbot.addWidget(window)
    window.show()
    return window


def logged(paths: Paths) -> list[HistoryEntry]:
    with HistoryLog.open(paths.history_file) as log:
        return log.entries()


def test_a_log_whose_opening_hangs_never_holds_the_count_and_lands_in_order_after(
        qtbot: QtBot, paths: Paths) -> None:
    disk = Disk()
    disk.opens.clear()  # a stuck disk: opening the log waits
    window = window_on(qtbot, paths, disk)
    start(window, "short")
    qtbot.waitUntil(lambda: bool(disk.open_threads))
    assert disk.open_threads == [disk.open_threads[0]]
    assert disk.open_threads[0] != threading.main_thread().name  # not the GUI thread

    screen = window.run.session_screen
    paints = EventCounter()
    screen.digits.installEventFilter(paints)
    try:
        run_for(window, 6.0)  # the count goes on: get ready, into the first hold
        assert screen.digits.text() == "2"  # 3 s into the 5 s hold
        qtbot.waitUntil(lambda: paints.count > 0)  # and the screen paints
        counted = paints.count
        run_for(window, 1.0)
        assert screen.digits.text() == "1"
        qtbot.waitUntil(lambda: paints.count > counted)
    finally:
        screen.digits.removeEventFilter(paints)
    assert disk.saved == [] and window.run.session_log.log is None  # still held

    disk.opens.set()
    settle_log(qtbot, window)
    run_to_end(window)
    settle_log(qtbot, window)
    gui = threading.main_thread().name
    assert all(thread != gui for thread, _, _ in disk.saved)
    statuses = [status for _, status, _ in disk.saved]
    done = [steps for _, _, steps in disk.saved]
    assert statuses[-1] is EntryStatus.COMPLETED  # the finish's write came last
    assert set(statuses[:-1]) == {EntryStatus.IN_PROGRESS}
    assert done == sorted(done) and done[-1] == 4  # one step after another, as they ended
    (entry,) = logged(paths)
    assert entry.status is EntryStatus.COMPLETED and entry.steps_done == 4
    # Times are the clock's when each event happened, not when the held worker got to it.
    assert entry.ended is not None
    assert (entry.ended - entry.started).total_seconds() == pytest.approx(15.0, abs=0.3)


def test_closing_the_window_waits_for_the_entry_of_the_run_it_stops(
        qtbot: QtBot, paths: Paths) -> None:
    disk = Disk()
    window = window_on(qtbot, paths, disk)
    start(window, "short")
    run_for(window, 4.0)
    settle_log(qtbot, window)
    disk.saves.clear()  # the disk is slow from here: saves wait until closing waits for them
    worker = window.run.session_log.worker
    real_wait = worker.wait

    def closing_waits(timeout: float) -> bool:
        disk.saves.set()
        return real_wait(timeout)

    worker.wait = closing_waits  # type: ignore[method-assign]
    window.close()
    (entry,) = logged(paths)  # no waiting here: it landed before close() returned
    assert entry.status is EntryStatus.STOPPED and entry.steps_done == 1


def test_closing_waits_a_bounded_time_and_the_entry_still_lands_after(
        qtbot: QtBot, paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    disk = Disk()
    window = window_on(qtbot, paths, disk)
    start(window, "short")
    run_for(window, 4.0)
    settle_log(qtbot, window)
    disk.saves.clear()  # a stuck disk
    monkeypatch.setattr(session_log_module, "CLOSE_WAIT", 0.0)
    window.close()  # returns, though the write cannot land yet
    assert logged(paths)[0].status is EntryStatus.IN_PROGRESS
    disk.saves.set()
    qtbot.waitUntil(lambda: logged(paths)[0].status is EntryStatus.STOPPED)


def test_a_write_that_fails_on_the_worker_is_said_and_can_be_saved_again(
        qtbot: QtBot, paths: Paths) -> None:
    disk = Disk(full=True)
    window = window_on(qtbot, paths, disk)
    start(window, "short")
    run_to_end(window)  # the session runs to its end all the same
    settle_log(qtbot, window)
    area = window.run.log_area
    assert area.status.text() == ("This session is not in your history yet; "
                                  "it is kept until you save it.")
    assert not area.retry_button.isHidden()
    full = HistoryUnavailable(Unavailable.UNREADABLE, paths.history_file,
                              "database or disk is full", code=errno.ENOSPC)
    assert history_unavailable_text(full) in window.notice_bar.texts()
    assert "the disk is full" in history_unavailable_text(full)

    area.form.after.button(2).click()
    area.form.save_button.click()
    settle_log(qtbot, window)
    assert area.status.text() == "Your answers are kept, but the history could not be saved."
    area.retry_button.click()
    settle_log(qtbot, window)
    assert area.status.text().startswith("Still not saved: ")
    assert "the disk is full" in area.status.text()
    assert logged(paths) == []

    disk.full = False  # room made on the disk
    area.retry_button.click()
    settle_log(qtbot, window)
    assert area.status.text() == "Saved in your history." and area.retry_button.isHidden()
    (entry,) = logged(paths)
    assert entry.status is EntryStatus.COMPLETED and entry.pain_after == 2
