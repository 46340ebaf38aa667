"""Every screen at every size a person may have, from a 800x500 laptop to 4K: no clipped text.

Each screen is built as the app builds it (the real windows, offscreen, on a fake clock),
sized to the space a window gets on that screen, and checked with ``size_check``: text cut
off, widgets laid over each other, widgets reaching out of their parent. A side window or dialog
opens at its own size, or smaller to fit the screen, so it is checked at that size.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from backtimer.engine.clock import FakeClock
from backtimer.session.timeline import StepKind
from backtimer.store.history import EntryStatus, HistoryEntry, HistoryLog
from backtimer.store.library import Library
from backtimer.store.paths import Paths
from backtimer.store.settings import Settings
from backtimer.store.user_exercises import UserExercises
from backtimer.store.user_sessions import UserSessions
from backtimer.ui.shell.main_window import MainWindow
from tests.ui import size_check
from tests.ui.window_kit import (
    clock_of,
    make_window,
    run_for,
    run_to_end,
    settle_log,
    start,
    write_session,
)

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

# 800x500 less a window manager's title bar; 800x500; a laptop; full HD; 4K.
SIZES = [(784, 452), (800, 500), (1280, 800), (1920, 1080), (3840, 2160)]
SIZE_IDS = [f"{w}x{h}" for w, h in SIZES]

# Screens other helpers are fixing (issue 14): known to fail at the small sizes until their
# branches land; those helpers remove the marks.


def sizes(mark: pytest.MarkDecorator | None = None) -> list[object]:
    """Every size, the two smallest carrying ``mark`` (a screen not yet fixed at them)."""
    return [pytest.param(size, id=name, marks=[mark] if mark and size[1] <= 500 else [])
            for size, name in zip(SIZES, SIZE_IDS, strict=True)]

LONG_NOTICE = ("Sound is off: no audio output was found. The session still runs; the screen "
               "flashes at every change of step instead.")


def settle(qtbot: QtBot) -> None:
    for _ in range(3):
        QApplication.processEvents()
    qtbot.wait(1)


def check(qtbot: QtBot, top: QWidget, size: tuple[int, int]) -> None:
    """``top`` fits ``size`` and nothing in it is clipped, overlapping or spilling."""
    top.show()
    settle(qtbot)
    top.resize(*size)
    settle(qtbot)
    assert top.width() <= size[0] and top.height() <= size[1], (
        f"{type(top).__name__} cannot shrink to {size}: it stays {top.width()}x{top.height()}")
    found = size_check.problems(top)
    assert not found, size_check.report(found)


def dialog_size(dialog: QWidget, size: tuple[int, int]) -> tuple[int, int]:
    """The size a dialog opens at on a screen of ``size``: its own, or less to fit."""
    return min(dialog.width(), size[0]), min(dialog.height(), size[1])


def window(qtbot: QtBot, paths: Paths) -> MainWindow:
    write_session(paths)
    built = make_window(paths, clock=FakeClock(), size=None)
    qtbot.addWidget(built)
    return built


def advance_to(built: MainWindow, kind: StepKind, limit: float = 600.0) -> None:
    """Run until a step of ``kind`` has been on for a second (Done pressed on the way).

    The steps before it are passed a step at a time: one tick just past each one's end (at
    most 4 s on, under the runner's 5 s gap that would count as a sleep), not four ticks a
    second. Only the screen at the moment is checked; the way there just passes every step.
    """
    clock = clock_of(built)
    waited = 0.0
    while waited < limit:
        snapshot = built.run.adapter.snapshot()
        assert snapshot is not None
        if snapshot.step is not None and snapshot.step.kind is kind:
            run_for(built, 1.0)
            return
        if snapshot.step is not None and snapshot.step.seconds is None:
            built.run.adapter.done()
        jump = 0.5 if snapshot.remaining is None else min(snapshot.remaining + 0.01, 4.0)
        clock.advance(jump)
        built.run.adapter.tick()
        waited += jump
    raise AssertionError(f"no {kind} step")


# -- the main window's screens ------------------------------------------------------------------

@pytest.mark.parametrize("size", sizes())
def test_start_screen(qtbot: QtBot, paths: Paths, size: tuple[int, int]) -> None:
    built = window(qtbot, paths)
    built.start_screen.select_id("daily-routine")
    check(qtbot, built, size)


@pytest.mark.parametrize("size", sizes())
def test_loading_screen(qtbot: QtBot, size: tuple[int, int]) -> None:
    """The first frame, before the sessions are read (on its own: in a window, the start-up
    stages replace it as soon as events run)."""
    from backtimer.ui.start.loading_screen import LoadingScreen

    screen = LoadingScreen()
    qtbot.addWidget(screen)
    check(qtbot, screen, (size[0], size[1] - 24))  # under the menu bar


SESSION_MOMENTS = {
    "get-ready": ("side-plank-intervals", StepKind.PREPARE),
    "hold": ("side-plank-intervals", StepKind.HOLD),
    "march": ("bird-dog-dead-bug", StepKind.HOLD),
    "walk": ("daily-walk", StepKind.HOLD),
    "rest": ("side-plank-intervals", StepKind.REST),
    "switch": ("side-plank-intervals", StepKind.SWITCH),
    "next-up": ("daily-routine", StepKind.TRANSITION),
    "own-pace": ("ui-test", StepKind.SELF_PACED),
}


@pytest.mark.parametrize("size", sizes())
@pytest.mark.parametrize("moment", list(SESSION_MOMENTS))
def test_session_screen(qtbot: QtBot, paths: Paths, size: tuple[int, int], moment: str) -> None:
    built = window(qtbot, paths)
    session_id, kind = SESSION_MOMENTS[moment]
    start(built, session_id)
    advance_to(built, kind)
    built.run.flash_overlay.hide()
    check(qtbot, built, size)


@pytest.mark.parametrize("size", sizes())
def test_help_overlay_over_a_session(qtbot: QtBot, paths: Paths, size: tuple[int, int]) -> None:
    built = window(qtbot, paths)
    start(built)
    advance_to(built, StepKind.HOLD)
    built.run.flash_overlay.hide()
    built.shortcuts_overlay.toggle()
    check(qtbot, built, size)
    found = size_check.problems(built.shortcuts_overlay)
    assert not found, size_check.report(found)


@pytest.mark.parametrize("size", sizes())
def test_finish_screen(qtbot: QtBot, paths: Paths, size: tuple[int, int]) -> None:
    built = window(qtbot, paths)
    start(built)
    run_to_end(built)
    check(qtbot, built, size)


@pytest.mark.parametrize("size", sizes())
def test_notices_on_the_start_screen(qtbot: QtBot, paths: Paths, size: tuple[int, int]) -> None:
    built = window(qtbot, paths)
    built.notice_bar.notify(LONG_NOTICE)
    built.notice_bar.notify("Your sessions folder could not be read: permission denied.")
    built.show()
    settle(qtbot)
    built.resize(*size)
    settle(qtbot)
    assert built.width() <= size[0] and built.height() <= size[1], built.size()
    # The bar alone: the start screen under it is another helper's (test_start_screen).
    found = size_check.problems(built.notice_bar)
    assert not found, size_check.report(found)
    label = built.notice_bar.label
    if size[1] < 600:  # one line, the whole of both notices in its tooltip
        assert label.text().endswith("…") and LONG_NOTICE in label.toolTip()
        assert "permission denied" in label.toolTip()
    else:
        assert LONG_NOTICE in label.text() and not label.toolTip()


# -- side windows and dialogs -------------------------------------------------------------------

def history_log(paths: Paths) -> HistoryLog:
    log = HistoryLog.open(paths.history_file, tz=UTC)
    today = date.today()
    entries = []
    for n in range(30):
        day = today - timedelta(days=n * 2)
        begin = datetime(day.year, day.month, day.day, 12, 0, tzinfo=UTC)
        entries.append(HistoryEntry(
            uid=f"e{n}", session_id="daily-routine", title="Hips and core, with the side plank",
            started=begin, ended=begin + timedelta(minutes=20), planned_seconds=1200.0,
            done_seconds=1100.0, steps_total=40, steps_done=38, steps_skipped=2,
            status=EntryStatus.STOPPED if n % 5 == 0 else EntryStatus.COMPLETED,
            progress=0.8 if n % 5 == 0 else 1.0, pain_before=5, pain_after=3, local_date=day))
    log.save_many(entries)
    log.close()
    return log


def side(qtbot: QtBot, build: Callable[[], QWidget], size: tuple[int, int]) -> None:
    dialog = build()
    qtbot.addWidget(dialog)
    check(qtbot, dialog, dialog_size(dialog, size))


@pytest.mark.parametrize("size", [*SIZES, (980, 640), (980, 639)],
                         ids=[*SIZE_IDS, "980x640", "980x639"])
def test_history_window(qtbot: QtBot, paths: Paths, size: tuple[int, int]) -> None:
    """A window of its own that a person may maximise: checked at the whole screen's size,
    and on either side of the height where it turns compact."""
    from backtimer.ui.history.history_view import HistoryView

    history_log(paths)
    view = HistoryView.open_window(paths)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: not view.busy)  # the log is read on the view's worker thread
    check(qtbot, view, size)
    if view.show_table.isVisible():  # a low window: the charts and the sessions take turns
        view.show_table.click()
        check(qtbot, view, size)
    assert view.delete_button.isVisible() and view.close_button.isVisible()


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_session_editor(qtbot: QtBot, paths: Paths, size: tuple[int, int]) -> None:
    from backtimer.ui.library.editor import SessionEditorDialog

    store = UserSessions(Library(paths))
    session = store.library.resolve("daily-routine")
    side(qtbot, lambda: SessionEditorDialog(store, session), size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_exercise_editor(qtbot: QtBot, paths: Paths, size: tuple[int, int]) -> None:
    from backtimer.ui.library.exercise_editor import ExerciseEditorDialog, Mode

    library = Library(paths)
    side(qtbot, lambda: ExerciseEditorDialog(UserExercises(library),
                                             library.exercises["side-plank"], Mode.DUPLICATE),
         size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_my_sessions(qtbot: QtBot, paths: Paths, size: tuple[int, int]) -> None:
    from backtimer.ui.library.my_sessions import MySessionsDialog

    write_session(paths)
    side(qtbot, lambda: MySessionsDialog(UserSessions(Library(paths))), size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_repair_dialog(qtbot: QtBot, paths: Paths, size: tuple[int, int]) -> None:
    from backtimer.ui.library.repair_dialog import RepairDialog

    write_session(paths, "broken", "title: Broken\nitems:\n  - exercise: no-such-thing\n"
                  "    hold: 5s\n    rep: 3\n")
    store = UserSessions(Library(paths))
    side(qtbot, lambda: RepairDialog(store, "broken"), size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_settings_dialog_every_tab(qtbot: QtBot, paths: Paths, size: tuple[int, int]) -> None:
    from datetime import time

    from backtimer.session.reminders import WEEKDAYS, Reminder
    from backtimer.ui.settings.settings_dialog import SettingsDialog

    reminders = (Reminder(time(7, 30), WEEKDAYS, "daily-routine"),
                 Reminder(time(18, 0), frozenset({5, 6}), "gentle-sciatica"))
    sessions = tuple((entry.id, entry.session.title) for entry in Library(paths).entries.values()
                     if entry.session is not None)
    dialog = SettingsDialog(paths.settings_file, Settings(reminders=reminders),
                            sessions=sessions)
    qtbot.addWidget(dialog)
    target = dialog_size(dialog, size)
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        check(qtbot, dialog, target)


# -- the window's own limits --------------------------------------------------------------------

def test_the_window_can_be_as_small_as_800x500_less_a_title_bar(
        qtbot: QtBot, paths: Paths) -> None:
    built = window(qtbot, paths)
    built.show()
    settle(qtbot)
    hint = built.minimumSizeHint().expandedTo(built.minimumSize())
    assert hint.width() <= 784 and hint.height() <= 452, hint


@pytest.mark.parametrize("size", [(784, 452), (1280, 800)], ids=["784x452", "1280x800"])
@pytest.mark.parametrize("answer", ["save", "skip"])
def test_the_finish_screens_buttons_stay_put_after_save_or_skip(
        qtbot: QtBot, paths: Paths, size: tuple[int, int], answer: str) -> None:
    built = window(qtbot, paths)
    start(built)
    run_to_end(built)
    check(qtbot, built, size)
    finish = built.run.finish_screen
    before = [b.mapTo(built, b.rect().topLeft()) for b in (finish.again_button,
                                                           finish.back_button)]
    form = built.run.log_area.form
    form.before.button(5).click()
    (form.save_button if answer == "save" else form.skip_button).click()
    settle_log(qtbot, built)  # saved on the log's worker; the line comes when it answers
    settle(qtbot)
    assert form.isHidden() and built.run.log_area.status.text() == "Saved in your history."
    after = [b.mapTo(built, b.rect().topLeft()) for b in (finish.again_button,
                                                          finish.back_button)]
    assert after == before
    found = size_check.problems(built)
    assert not found, size_check.report(found)


@pytest.mark.parametrize("screen", [(800, 500), (1280, 800), (3840, 2160)],
                         ids=["800x500", "1280x800", "4K"])
def test_safety_note(qtbot: QtBot, screen: tuple[int, int]) -> None:
    """The first-run note fits the screen with every point whole (its wrapped points were
    cut mid-line on a 800x500 screen)."""
    from PySide6.QtCore import QRect

    from backtimer.ui.shell.safety import SafetyDialog

    dialog = SafetyDialog(None, first_time=True)
    qtbot.addWidget(dialog)
    dialog.fit_to(QRect(0, 0, *screen))
    check(qtbot, dialog, (dialog.width(), dialog.height()))
    assert dialog.height() <= screen[1] - 40
