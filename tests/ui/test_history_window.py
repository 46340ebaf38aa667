"""The history window, issue 14/15/16 parts: pages fetched as it scrolls, the log opened off
the GUI thread, Close/Esc/Ctrl+W, notes in the table and editable, the weekly goal and the
calendar of days done."""

from __future__ import annotations

import threading
from datetime import UTC, date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from backtimer.store.history import EntryStatus, HistoryLog
from backtimer.store.paths import Paths
from backtimer.ui.history.history_model import COL_NOTE, COL_PAIN, PAGE
from backtimer.ui.history.history_view import HistoryView
from tests.ui.test_history_view import TODAY, entry, settle, shown, view_of

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def log(paths: Paths) -> HistoryLog:
    opened = HistoryLog.open(paths.history_file, tz=UTC)
    yield opened  # type: ignore[misc]
    opened.close()


def test_the_table_fetches_a_page_at_a_time_as_it_is_scrolled(
    qtbot: QtBot, log: HistoryLog
) -> None:
    log.save_many([entry(f"e{n}", date(2020, 1, 1) + timedelta(days=n), minutes=1 + n % 50)
                   for n in range(PAGE * 2 + 50)])
    view = view_of(qtbot, log)
    assert view.model.rowCount() == PAGE and view.model.total == PAGE * 2 + 50
    assert view.summary.text().startswith("450 sessions logged")  # counted, not fetched
    for expected in (PAGE * 2, PAGE * 2 + 50):
        view.table.scrollToBottom()
        qtbot.waitUntil(lambda expected=expected: view.model.rowCount() == expected)
        settle(qtbot, view)
    assert not view.model.canFetchMore(view.model.index(-1, -1))
    uids = [view.model.row(n)[0] for n in range(view.model.rowCount())]
    assert uids[0] == f"e{PAGE * 2 + 49}" and uids[-1] == "e0"  # newest first, none twice
    assert len(set(uids)) == len(uids)


def test_a_new_order_starts_again_from_the_first_page_sorted_by_sqlite(
    qtbot: QtBot, log: HistoryLog
) -> None:
    log.save_many([entry(f"e{n}", date(2020, 1, 1) + timedelta(days=n), minutes=1 + n % 97)
                   for n in range(PAGE * 2)])
    view = view_of(qtbot, log)
    view.table.scrollToBottom()
    qtbot.waitUntil(lambda: view.model.rowCount() == PAGE * 2)
    view.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # Time, longest first
    settle(qtbot, view)
    assert view.model.rowCount() == PAGE
    assert shown(view)[0][2] == "97 min"


def test_the_log_is_opened_off_the_gui_thread_and_the_window_shows_at_once(
    qtbot: QtBot, paths: Paths
) -> None:
    with HistoryLog.open(paths.history_file) as made:
        made.save(entry("a", TODAY))
    threads: list[str] = []

    def open_log(path: Path) -> HistoryLog:
        threads.append(threading.current_thread().name)
        return HistoryLog.open(path, busy_timeout=0)

    view = HistoryView.open_window(paths, open_log=open_log)
    qtbot.addWidget(view)
    assert view.pages.currentWidget() is view.loading_page  # painted before any disk work
    with qtbot.waitSignal(view.loaded):
        view.show()
    assert threads and threads[0] != threading.main_thread().name
    assert view.pages.currentWidget() is view.main_page
    view.close()


@pytest.mark.parametrize("how", ["button", "escape", "ctrl+w"])
def test_close_button_esc_and_ctrl_w_close_the_window(
    qtbot: QtBot, log: HistoryLog, how: str
) -> None:
    log.save(entry("a", TODAY))
    view = view_of(qtbot, log)
    view.activateWindow()
    if how == "button":
        qtbot.mouseClick(view.close_button, Qt.MouseButton.LeftButton)
    elif how == "escape":
        qtbot.keyClick(view.table, Qt.Key.Key_Escape)
    else:
        qtbot.keyClick(view.table, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert not view.isVisible()


def test_notes_show_in_the_table_and_pain_and_note_can_be_edited_and_are_saved(
    qtbot: QtBot, log: HistoryLog
) -> None:
    log.save(entry("a", TODAY, pain=(6, None)))
    log.update_feedback("a", pain_before=6, pain_after=None, note="stiff\nin the morning")
    view = view_of(qtbot, log)
    assert shown(view)[0][COL_NOTE] == "stiff in the morning"  # one line
    view.select_row(0)
    assert view.edit_button.isEnabled()
    qtbot.mouseClick(view.edit_button, Qt.MouseButton.LeftButton)
    assert view.editor.isVisible() and view.editor.before.value() == 6
    assert view.editor.after.text() == "–"  # not given
    view.editor.after.setValue(3)
    view.editor.note.setText("better after the walk")
    qtbot.keyClick(view.editor.note, Qt.Key.Key_Escape)  # Esc cancels the editor first
    assert not view.editor.isVisible() and view.isVisible()
    qtbot.mouseClick(view.edit_button, Qt.MouseButton.LeftButton)
    view.editor.after.setValue(3)
    view.editor.note.setText("better after the walk")
    qtbot.keyClick(view.editor.note, Qt.Key.Key_Return)
    settle(qtbot, view)
    saved = log.get("a")
    assert saved is not None
    assert (saved.pain_before, saved.pain_after, saved.note) == (6, 3, "better after the walk")
    assert shown(view)[0][COL_PAIN] == "6 → 3"
    assert shown(view)[0][COL_NOTE] == "better after the walk"


def test_a_stopped_13_second_run_is_listed_but_does_not_count(
    qtbot: QtBot, log: HistoryLog
) -> None:
    yesterday = TODAY - timedelta(days=1)
    log.save_many([
        entry("done", yesterday, minutes=10),
        entry("13s", TODAY, minutes=13 / 60, status=EntryStatus.STOPPED, progress=0.02),
    ])
    view = view_of(qtbot, log)
    assert len(shown(view)) == 2
    assert view.current_streak.value.text() == "1"  # yesterday only
    assert view.week_goal.value.text() == "1 of 4"
    assert view.calendar.shade(yesterday) == 2  # 10 minutes: the second shade
    assert view.calendar.shade(TODAY) == -1  # outlined: a session, not a day done
    assert "too short to count" in view.calendar.day_text(TODAY)


def test_the_weekly_goal_is_shown_as_days_of_the_goal(qtbot: QtBot, log: HistoryLog) -> None:
    monday = TODAY - timedelta(days=2)
    log.save_many([entry(f"d{n}", monday + timedelta(days=n)) for n in range(3)])
    view = view_of(qtbot, log, weekly_goal=5)
    assert view.week_goal.value.text() == "3 of 5"
    assert view.goal_streak.caption.text() == "weeks in a row with 5 days or more"


def test_in_a_low_window_the_charts_and_the_table_take_turns(
    qtbot: QtBot, log: HistoryLog
) -> None:
    log.save(entry("a", TODAY))
    view = view_of(qtbot, log)
    view.resize(800, 500)
    assert view.show_charts.isVisible() and view.overview.isVisible()
    assert not view.table.isVisible()
    qtbot.mouseClick(view.show_table, Qt.MouseButton.LeftButton)
    assert view.table.isVisible() and not view.overview.isVisible()
    assert view.width() == 800  # nothing forces the window wider
    view.resize(1280, 800)
    assert view.table.isVisible() and view.overview.isVisible()
    assert not view.show_charts.isVisible()


def test_the_history_shows_from_a_quick_look_while_the_log_is_still_being_checked(
    qtbot: QtBot, paths: Paths
) -> None:
    with HistoryLog.open(paths.history_file) as made:
        made.save_many([entry(f"e{n}", date.today() - timedelta(days=n)) for n in range(3)])
    checking = threading.Event()

    def slow_open(path: Path) -> HistoryLog:
        checking.wait(timeout=30)  # the page-by-page check of a big file, held here
        return HistoryLog.open(path, busy_timeout=0)

    view = HistoryView.open_window(paths, open_log=slow_open)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.pages.currentWidget() is view.main_page)
    assert view.busy and view.log is None  # shown, and nothing can be written yet
    assert view.model.rowCount() == 3 and view.current_streak.value.text() == "3"
    view.select_row(0)
    view.delete_selected()  # waits for the checked log: nothing happens before it
    checking.set()
    settle(qtbot, view)
    assert view.log is not None and view.model.rowCount() == 3
    view.close()


def test_the_paged_model_passes_the_model_tester_while_it_fetches(
    qtbot: QtBot, log: HistoryLog, qtmodeltester: ModelTester
) -> None:
    log.save_many([entry(f"e{n}", date(2020, 1, 1) + timedelta(days=n)) for n in range(PAGE + 30)])
    view = view_of(qtbot, log)
    qtmodeltester.check(view.model)  # asks for more rows: they come from the worker
    qtbot.waitUntil(lambda: view.model.rowCount() == PAGE + 30)
    settle(qtbot, view)
