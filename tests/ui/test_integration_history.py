"""The history log end to end, through the window: every run is logged, the finish screen's
answers are kept, a stopped or closed session is logged as stopped, and a log that cannot be
used never stops a session and is never written over."""

from __future__ import annotations

import socket
import sqlite3
from datetime import UTC, datetime

import pytest
from pytestqt.qtbot import QtBot

from backtimer.store.history import EntryStatus, HistoryEntry, HistoryLog
from backtimer.store.paths import Paths
from backtimer.ui.settings.goal_page import GoalPage
from backtimer.ui.shell.main_window import MainWindow
from tests.store.test_history import dead_pid
from tests.ui.window_kit import (
    Answers,
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


def window_with_short(qtbot: QtBot, paths: Paths, answers: Answers | None = None) -> MainWindow:
    write_session(paths, "short", SHORT)
    window = make_window(paths, answers=answers)
    qtbot.addWidget(window)
    window.show()
    return window


def logged(paths: Paths) -> list[HistoryEntry]:
    with HistoryLog.open(paths.history_file) as log:
        return log.entries()


def test_a_session_run_to_the_end_is_one_completed_entry_with_the_answers(
    qtbot: QtBot, paths: Paths
) -> None:
    window = window_with_short(qtbot, paths)
    start(window, "short")
    run_for(window, 6.0)
    settle_log(qtbot, window)  # written on the log's worker thread
    (entry,) = logged(paths)  # written at the start and as steps end: a crash keeps it
    assert entry.status is EntryStatus.IN_PROGRESS and entry.steps_done == 1
    run_to_end(window)
    settle_log(qtbot, window)

    (entry,) = logged(paths)
    assert entry.status is EntryStatus.COMPLETED and entry.session_id == "short"
    assert entry.done_seconds == pytest.approx(15.0, abs=0.3)
    assert entry.planned_seconds == 15.0 and entry.steps_done == 4 and entry.steps_skipped == 0
    assert '"hold":5' in entry.timings

    area = window.run.log_area
    assert not area.form.isHidden() and area.status_row.isHidden()
    area.form.before.button(6).click()
    area.form.after.button(3).click()
    qtbot.keyClicks(area.form.note, "easier than last week")
    area.form.save_button.click()
    settle_log(qtbot, window)
    (entry,) = logged(paths)
    assert (entry.pain_before, entry.pain_after, entry.note) == (6, 3, "easier than last week")
    assert area.form.isHidden() and area.status.text() == "Saved in your history."
    assert area.retry_button.isHidden()

    window.run.finish_screen.again_button.click()  # a new run: a second entry, an empty form
    run_to_end(window)
    settle_log(qtbot, window)
    assert len(logged(paths)) == 2
    assert not area.form.isHidden() and area.form.values() == (None, None, "")
    area.form.skip_button.click()  # one click, nothing asked
    settle_log(qtbot, window)
    assert sorted(e.pain_before or 0 for e in logged(paths)) == [0, 6]  # the second has none


def test_answers_given_are_kept_when_leaving_with_enter(qtbot: QtBot, paths: Paths) -> None:
    window = window_with_short(qtbot, paths)
    start(window, "short")
    run_to_end(window)
    window.run.log_area.form.after.button(2).click()
    window.window_actions.finish_back.trigger()  # Enter on the finish screen
    assert window.stack.currentWidget() is window.start_screen
    settle_log(qtbot, window)
    assert logged(paths)[0].pain_after == 2


def test_stopping_halfway_gives_a_stopped_entry(qtbot: QtBot, paths: Paths) -> None:
    window = window_with_short(qtbot, paths, Answers(stop=True))
    start(window, "short")
    run_for(window, 9.0)  # get ready and the first hold done, into the rest
    window.request_stop()
    assert window.stack.currentWidget() is window.run.finish_screen
    summary = window.run.finish_screen.summary
    assert summary is not None and not summary.completed
    settle_log(qtbot, window)
    (entry,) = logged(paths)
    assert entry.status is EntryStatus.STOPPED and entry.steps_done == 2
    assert entry.done_seconds == summary.done_seconds >= 8.0


def test_closing_the_window_mid_session_logs_it_as_stopped(qtbot: QtBot, paths: Paths) -> None:
    window = window_with_short(qtbot, paths)
    start(window, "short")
    run_for(window, 4.0)
    window.close()
    (entry,) = logged(paths)
    assert entry.status is EntryStatus.STOPPED and entry.steps_done == 1


def test_a_corrupt_history_is_reported_never_written_and_offered_again(
    qtbot: QtBot, paths: Paths
) -> None:
    paths.history_file.parent.mkdir(parents=True, exist_ok=True)
    junk = b"this is not a database\n" * 200
    paths.history_file.write_bytes(junk)
    window = window_with_short(qtbot, paths)
    start(window, "short")
    settle_log(qtbot, window)  # the log is opened on the worker thread
    notices = window.notice_bar.texts()
    assert any("history" in text.lower() for text in notices), notices
    run_to_end(window)  # the session runs to its end all the same
    settle_log(qtbot, window)
    summary = window.run.finish_screen.summary
    assert summary is not None and summary.completed
    assert paths.history_file.read_bytes() == junk

    area = window.run.log_area
    assert not area.retry_button.isHidden()
    area.form.after.button(1).click()
    area.form.save_button.click()  # the answers join the entry kept in memory
    settle_log(qtbot, window)
    assert paths.history_file.read_bytes() == junk
    area.retry_button.click()
    qtbot.waitUntil(lambda: area.status.text().startswith("Still not saved"))
    assert paths.history_file.read_bytes() == junk

    paths.history_file.unlink()  # the person moved the broken file away
    area.retry_button.click()
    settle_log(qtbot, window)
    assert area.status.text() == "Saved in your history." and area.retry_button.isHidden()
    (entry,) = logged(paths)
    assert entry.status is EntryStatus.COMPLETED and entry.pain_after == 1


# Offscreen, a window cannot be raised (a real desktop can).
@pytest.mark.qt_log_ignore("does not support propagateSizeHints", "does not support raise")
def test_the_history_window_is_one_window_and_follows_each_session(qtbot: QtBot,
                                                                    paths: Paths) -> None:
    window = window_with_short(qtbot, paths)
    window.window_actions.history.trigger()
    view = window.side.history_view
    assert view is not None and view.isVisible()
    qtbot.waitUntil(lambda: not view.busy)  # the log is opened on the view's worker thread
    assert view.pages.currentWidget() is view.empty_page
    window.window_actions.history.trigger()
    assert window.side.history_view is view  # raised, not opened twice
    start(window, "short")
    run_to_end(window)
    qtbot.waitUntil(lambda: view.pages.currentWidget() is view.main_page)
    assert view.model.rowCount() == 1
    window.close()
    assert not view.isVisible()


def test_a_locked_history_never_holds_the_count_and_the_entry_lands_when_it_is_free(
    qtbot: QtBot, paths: Paths
) -> None:
    HistoryLog.open(paths.history_file).close()  # a log exists; another program locks it
    holder = sqlite3.connect(paths.history_file, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        window = window_with_short(qtbot, paths)
        start(window, "short")
        session_log = window.run.session_log
        settle_log(qtbot, window)
        # Every write fails at once instead of holding the log's worker 3 s for the lock.
        assert session_log.log is not None and session_log.log.busy_timeout == 0
        run_to_end(window)
        settle_log(qtbot, window)
        assert window.run.finish_screen.summary is not None
        assert window.run.finish_screen.summary.completed  # the count went on as usual
        assert session_log.pending and session_log.retry_timer.isActive()
        area = window.run.log_area
        assert area.status.text().startswith("This session is not in your history yet")
        assert logged(paths) == []
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    qtbot.waitUntil(lambda: not session_log.pending, timeout=10_000)  # the timer tries again
    (entry,) = logged(paths)
    assert entry.status is EntryStatus.COMPLETED and entry.steps_done == 4
    assert area.status.text() == "Saved in your history." and area.retry_button.isHidden()
    assert not session_log.retry_timer.isActive()


def test_a_file_locked_when_the_run_starts_still_gets_its_entry(
    qtbot: QtBot, paths: Paths
) -> None:
    HistoryLog.open(paths.history_file).close()
    holder = sqlite3.connect(paths.history_file, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")  # not even readable: the log cannot be opened
    try:
        window = window_with_short(qtbot, paths)
        start(window, "short")
        settle_log(qtbot, window)
        assert window.run.session_log.log is None
        run_for(window, 6.0)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    qtbot.waitUntil(lambda: window.run.session_log.log is not None, timeout=10_000)
    qtbot.waitUntil(lambda: len(logged(paths)) == 1, timeout=10_000)
    run_to_end(window)
    settle_log(qtbot, window)
    (entry,) = logged(paths)
    assert entry.status is EntryStatus.COMPLETED


def test_saving_again_by_hand_once_a_lock_is_gone_ends_the_timer_tries(
    qtbot: QtBot, paths: Paths
) -> None:
    HistoryLog.open(paths.history_file).close()
    holder = sqlite3.connect(paths.history_file, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")  # the log cannot even be opened
    try:
        window = window_with_short(qtbot, paths)
        start(window, "short")
        run_to_end(window)
        settle_log(qtbot, window)
        session_log = window.run.session_log
        assert session_log.log is None and session_log.retry_timer.isActive()
        session_log.retry_timer.stop()  # the button, not the timer, gets there first
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    area = window.run.log_area
    area.retry_button.click()
    settle_log(qtbot, window)
    assert area.status.text() == "Saved in your history."
    assert not session_log.retry_timer.isActive()  # nothing left to try each second
    (entry,) = logged(paths)
    assert entry.status is EntryStatus.COMPLETED


def test_entries_a_killed_run_left_in_progress_are_closed_at_the_next_start(
    qtbot: QtBot, paths: Paths
) -> None:
    with HistoryLog.open(paths.history_file) as log:
        for uid in ("killed", "alive"):
            log.save(HistoryEntry(
                uid=uid, session_id="short", title="Short",
                started=datetime(2025, 3, 3, 7, 0, tzinfo=UTC), ended=None,
                planned_seconds=15.0, done_seconds=8.0, steps_total=4, steps_done=2,
                steps_skipped=0, status=EntryStatus.IN_PROGRESS, progress=0.5,
            ))
        # "alive" is this process's own: a second BackTimer still in its session.
        log._db.execute("UPDATE entries SET writer = ? WHERE uid = 'killed'",
                        (f"{socket.gethostname()}/{dead_pid()}",))
    window = window_with_short(qtbot, paths)
    window.run.log_area  # made in the start-up's last stage, or here  # noqa: B018

    def status() -> dict[str, EntryStatus]:
        return {entry.uid: entry.status for entry in logged(paths)}

    qtbot.waitUntil(lambda: status()["killed"] is EntryStatus.INTERRUPTED, timeout=10_000)
    assert status()["alive"] is EntryStatus.IN_PROGRESS
    (killed,) = [entry for entry in logged(paths) if entry.uid == "killed"]
    assert (killed.done_seconds, killed.steps_done) == (8.0, 2)  # the work it recorded


# -- progressions (issue 12) -----------------------------------------------------------------

LEVELLED = """\
title: Levelled
prepare: 3s
items:
  - exercise: pelvic-tilt
    levels:
      - {label: short, hold: 5s}
      - {label: long, hold: 8s}
"""


def test_start_runs_the_level_picked_and_the_entry_keeps_it_with_how_it_felt(
    qtbot: QtBot, paths: Paths
) -> None:
    from backtimer.session.progression import Feeling

    write_session(paths, "levelled", LEVELLED)
    window = make_window(paths)
    qtbot.addWidget(window)
    window.show()
    screen = window.start_screen
    assert screen.select_id("levelled")
    screen.level_box.setCurrentIndex(1)
    assert screen.level_box.currentText() == "Level 2 of 2: long"
    screen.request_start()
    assert window.stack.currentWidget() is window.run.session_screen
    run_to_end(window)
    settle_log(qtbot, window)
    (entry,) = logged(paths)
    assert entry.planned_seconds == 11.0 and entry.level == 2  # 3 s get ready + 8 s hold
    area = window.run.log_area
    area.form.feel_choice.button(Feeling.TOO_HARD).click()
    area.form.save_button.click()
    settle_log(qtbot, window)
    (entry,) = logged(paths)
    assert entry.feel == "too_hard"


def finish_levelled(qtbot: QtBot, window: MainWindow, feel: object, before: int | None = None,
                    after: int | None = None) -> None:
    from backtimer.session.progression import Feeling

    assert isinstance(feel, Feeling)
    window.start_screen.select_id("levelled")
    window.start_screen.request_start()
    run_to_end(window)
    form = window.run.log_area.form
    form.feel_choice.button(feel).click()
    if before is not None:
        form.before.button(before).click()
    if after is not None:
        form.after.button(after).click()
    form.save_button.click()
    settle_log(qtbot, window)  # saved, and the last runs read, on the log's worker


def test_two_good_sessions_suggest_the_next_level_and_only_a_click_moves_it(
    qtbot: QtBot, paths: Paths
) -> None:
    from backtimer.session.progression import Feeling
    from backtimer.store.levels import load_levels

    write_session(paths, "levelled", LEVELLED)
    window = make_window(paths)
    qtbot.addWidget(window)
    window.show()
    offer = window.run.log_area.level_suggestion
    finish_levelled(qtbot, window, Feeling.ABOUT_RIGHT)
    assert offer.isHidden()  # one good session is not yet two
    window.show_start()
    finish_levelled(qtbot, window, Feeling.TOO_EASY)
    assert not offer.isHidden()
    assert offer.text.text() == ("Two good sessions in a row at level 1. "
                                 "Try level 2 (long) next time?")
    assert offer.move_button.text() == "Move up" and offer.safety.isHidden()
    assert load_levels(paths.levels_file) == {}  # nothing moved by itself
    offer.move_button.click()
    assert load_levels(paths.levels_file) == {"levelled": 2}
    window.show_start()
    assert window.start_screen.level_box.currentText() == "Level 2 of 2: long"


def test_too_hard_or_pain_up_suggests_the_level_below_with_the_safety_advice(
    qtbot: QtBot, paths: Paths
) -> None:
    from backtimer.session.progression import Feeling
    from backtimer.store.levels import load_levels, save_level

    write_session(paths, "levelled", LEVELLED)
    save_level(paths.levels_file, "levelled", 2)
    window = make_window(paths)
    qtbot.addWidget(window)
    window.show()
    offer = window.run.log_area.level_suggestion
    finish_levelled(qtbot, window, Feeling.ABOUT_RIGHT, before=2, after=4)  # pain up by 2
    assert not offer.isHidden() and not offer.safety.isHidden()
    assert offer.text.text() == ("Your pain went up by 2 or more. "
                                 "Try level 1 (short) next time?")
    assert "Stop an exercise if it makes your pain worse" in offer.safety.text()
    offer.stay_button.click()  # the person stays: nothing changes
    assert offer.isHidden() and load_levels(paths.levels_file) == {"levelled": 2}
    window.show_start()
    finish_levelled(qtbot, window, Feeling.TOO_HARD)
    assert offer.text.text().startswith("That felt too hard.")
    assert offer.move_button.text() == "Move down"
    offer.move_button.click()
    assert load_levels(paths.levels_file) == {"levelled": 1}


def test_a_session_without_levels_suggests_nothing(qtbot: QtBot, paths: Paths) -> None:
    window = window_with_short(qtbot, paths)
    for _ in range(2):
        start(window, "short")
        run_to_end(window)
        window.run.log_area.form.feel_choice.button(window.run.log_area.form.feel_choice.value()
                                                or _about_right()).click()
        window.run.log_area.form.save_button.click()
        settle_log(qtbot, window)
    assert window.run.log_area.level_suggestion.isHidden()
    assert logged(paths)[0].feel == "about_right" and logged(paths)[0].level is None


def _about_right() -> object:
    from backtimer.session.progression import Feeling

    return Feeling.ABOUT_RIGHT


@pytest.mark.qt_log_ignore("does not support propagateSizeHints", "does not support raise")
def test_the_history_window_follows_the_weekly_goal_set_in_settings(
    qtbot: QtBot, paths: Paths
) -> None:
    window = window_with_short(qtbot, paths)
    start(window, "short")
    run_to_end(window)
    settle_log(qtbot, window)
    window.window_actions.history.trigger()
    view = window.side.history_view
    assert view is not None
    qtbot.waitUntil(lambda: view.pages.currentWidget() is view.main_page)
    assert view.week_goal.value.text() == "1 of 4"
    dialog = window.side.open_settings()
    assert dialog is not None
    dialog.page(GoalPage).days.setValue(1)
    dialog.save()
    assert view.week_goal.value.text() == "1 of 1"
    assert view.week_goal.caption.text() == "days this week: goal met"
