"""What BackTimer remembers between runs (``state.json``): a reminder shown once is not shown
again after a restart the same day; the file dialogs open in the folder used last time (home
when it is gone); a state file that cannot be read is said once and never written over. The
wall clock is a fake one; "a restart" is a new clock and keeper over the same file."""

from __future__ import annotations

import json
import os
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot

from backtimer.session.reminders import EVERY_DAY, Due, Reminder
from backtimer.store.app_state import AppState, StateUnreadableError, load_state, save_state
from backtimer.store.paths import Paths
from backtimer.ui.common.file_folder import LastFolder
from backtimer.ui.shell.reminder_clock import ReminderClock
from backtimer.ui.shell.state_keeper import StateKeeper

BERLIN = ZoneInfo("Europe/Berlin")
MORNING = Reminder(time(7, 30), EVERY_DAY, "daily-routine")


class Run:
    """One run of the app: a keeper over ``path`` and a reminders clock reading ``now``."""

    def __init__(self, path: Path, now: datetime) -> None:
        self.now = now
        self.keeper = StateKeeper(path)
        self.troubles: list[str] = []
        self.keeper.trouble.connect(self.troubles.append)
        self.keeper.say_trouble()
        self.clock = ReminderClock(
            [MORNING], BERLIN, lambda: self.now, shown=self.keeper.state.shown,
            remember=lambda shown: self.keeper.remember_shown(shown, self.now.date()))
        self.due: list[Due] = []
        self.clock.came_due.connect(self.due.append)

    def check(self) -> list[Due]:
        self.clock.check()
        self.clock.timer.stop()
        self.keeper.wait()
        return self.due

    def end(self) -> None:
        self.keeper.close()


def test_a_missed_reminder_is_shown_once_across_restarts(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "data" / "state.json"
    first = Run(path, datetime(2026, 3, 2, 9, 0, tzinfo=BERLIN))  # the computer was off at 07:30
    [due] = first.check()
    assert due.missed and due.reminder == MORNING
    first.end()
    again = Run(path, datetime(2026, 3, 2, 11, 15, tzinfo=BERLIN))  # restarted the same morning
    assert again.check() == []
    again.end()
    tomorrow = Run(path, datetime(2026, 3, 3, 7, 31, tzinfo=BERLIN))
    [next_day] = tomorrow.check()
    assert next_day.at.date().day == 3
    tomorrow.end()
    later = Run(path, datetime(2026, 3, 6, 7, 31, tzinfo=BERLIN))
    later.check()
    later.end()
    kept = load_state(path).state.shown
    assert kept == {"2026-03-06 07:30 daily-routine"}  # days that cannot come again: forgotten


def test_a_reminder_shown_in_this_run_is_not_shown_twice(qtbot: QtBot, tmp_path: Path) -> None:
    run = Run(tmp_path / "state.json", datetime(2026, 3, 2, 7, 30, 1, tzinfo=BERLIN))
    assert len(run.check()) == 1
    run.now += timedelta(minutes=5)
    assert len(run.check()) == 1  # the same one, not a second
    run.end()


@pytest.mark.parametrize("kind", ["garbage", "wrong shape", "folder", "fifo", "huge"])
def test_a_state_file_that_cannot_be_read_is_said_once_and_kept(
        qtbot: QtBot, tmp_path: Path, kind: str) -> None:
    path = tmp_path / "state.json"
    if kind == "garbage":
        path.write_bytes(b"{\x00\xff not json")
    elif kind == "wrong shape":
        path.write_text(json.dumps({"version": 1, "reminders_shown": "all of them"}))
    elif kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        path.write_text(json.dumps({"version": 1, "last_folder": "x" * 100_000}))
    before = path.read_bytes() if path.is_file() else None
    run = Run(path, datetime(2026, 3, 2, 9, 0, tzinfo=BERLIN))
    assert len(run.check()) == 1  # reminders still come
    run.keeper.remember_folder(tmp_path)
    run.end()
    assert len(run.troubles) == 1 and str(path) in run.troubles[0]
    if before is not None:
        assert path.read_bytes() == before
    else:
        assert not path.is_file()
    with pytest.raises(StateUnreadableError):
        save_state(path, AppState())


def test_the_file_dialogs_open_where_the_last_one_was_even_after_a_restart(
        qtbot: QtBot, tmp_path: Path) -> None:
    home, work = tmp_path / "home", tmp_path / "work" / "backs"
    home.mkdir()
    work.mkdir(parents=True)
    path = tmp_path / "state.json"
    keeper = StateKeeper(path)
    folder = LastFolder(home=home)
    folder.restore(keeper.state.last_folder)
    folder.on_change = keeper.remember_folder
    assert folder.folder() == home
    folder.remember(work / "mine.yaml")
    keeper.close()

    restarted = LastFolder(home=home)
    restarted.restore(StateKeeper(path).state.last_folder)
    assert restarted.start_in("out.pdf") == str(work / "out.pdf")
    work.rmdir()  # gone since: home again
    assert restarted.folder() == home
    restarted.restore("relative/or/odd\0name")
    assert restarted.folder() == home


@pytest.mark.qt_log_ignore("does not support propagateSizeHints", "does not support raise")
def test_a_reminder_for_a_session_not_in_the_library_is_said_with_its_line(
        qtbot: QtBot, paths: Paths) -> None:
    from backtimer.app import attach_reminders, read_settings
    from tests.ui.window_kit import make_window

    paths.config_dir.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text(
        "safety_acknowledged: true\nreminders:\n"
        '  - {time: "07:30", days: daily, session: daily-routine}\n'
        '  - {time: "18:00", days: sat-sun, session: no-such-session}\n')
    window = make_window(paths, settings=read_settings(paths))
    qtbot.addWidget(window)
    window.show()
    link = attach_reminders(window, paths, now=lambda: datetime(2026, 3, 2, 6, 0, tzinfo=BERLIN),
                            zone=BERLIN)
    try:
        [said] = [t for t in window.notice_bar.texts() if "not in your library" in t]
        assert f"{paths.settings_file}:4: 18:00 sat-sun: “no-such-session”" in said
        assert "daily-routine" not in said
        assert len(window.settings.reminders) == 2  # kept: the session may come back
    finally:
        link.close()
        window.quit_app()


@pytest.mark.qt_log_ignore("does not support propagateSizeHints", "does not support raise")
def test_the_app_reads_state_json_off_the_gui_thread_and_keeps_a_broken_one(
        qtbot: QtBot, paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    """The real start-up: ``state.json`` is read on the start-up worker thread (with the
    settings), never on the GUI thread; a broken one is said once in the window and its bytes
    are still there after the run."""
    import threading

    from backtimer.store import app_state
    from backtimer.ui.shell import state_keeper
    from tests.ui.test_window_startup import _run_app

    paths.data_dir.mkdir(parents=True)
    broken = b'{"version": 1, "reminders_shown": [tru'
    paths.state_file.write_bytes(broken)
    threads: list[threading.Thread] = []
    real = app_state.load_state

    def watched(path: Path) -> app_state.LoadedState:
        threads.append(threading.current_thread())
        return real(path)

    monkeypatch.setattr(app_state, "load_state", watched)
    monkeypatch.setattr(state_keeper, "load_state", watched)

    def said(window: object) -> list[str]:
        from backtimer.ui.shell.main_window import MainWindow

        assert isinstance(window, MainWindow)
        return [t for t in window.notice_bar.texts() if str(paths.state_file) in t]

    code, seen = _run_app(monkeypatch, None, lambda w: w.cues is not None and bool(said(w)))
    assert code == 0 and seen, "the window never said the state file was broken"
    qtbot.addWidget(seen[0])
    assert threads and all(t is not threading.main_thread() for t in threads)
    assert len(said(seen[0])) == 1
    assert paths.state_file.read_bytes() == broken
