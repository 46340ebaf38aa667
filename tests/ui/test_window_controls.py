"""Keys, the stop question, the safety note, the help overlay and full screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from backtimer.engine.runner import RunnerState
from backtimer.store.paths import Paths
from backtimer.store.settings import Settings, load_settings
from backtimer.ui.shell.main_window import MainWindow
from tests.ui.window_kit import Answers, make_window, run_for, start, write_session

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def answers() -> Answers:
    return Answers()


@pytest.fixture
def window(qtbot: QtBot, paths: Paths, answers: Answers) -> MainWindow:
    write_session(paths)
    result = make_window(paths, answers=answers)
    qtbot.addWidget(result)
    result.show()
    qtbot.waitActive(result)
    return result


def key(window: MainWindow, which: Qt.Key) -> None:
    QTest.keyClick(window, which)


def kind(window: MainWindow) -> str:
    return window.run.session_screen.kind_label.text()


def test_space_pauses_and_resumes(window: MainWindow) -> None:
    start(window)
    key(window, Qt.Key.Key_Space)
    assert window.run.adapter.state is RunnerState.PAUSED
    assert not window.run.adapter.ticking
    key(window, Qt.Key.Key_Space)
    assert window.run.adapter.state is RunnerState.RUNNING


def test_right_skips_and_left_goes_back(window: MainWindow) -> None:
    start(window)
    key(window, Qt.Key.Key_Right)
    assert kind(window) == "HOLD"
    assert window.run.adapter.snapshot().index == 1  # type: ignore[union-attr]
    key(window, Qt.Key.Key_Left)
    assert kind(window) == "GET READY"


def test_enter_and_return_finish_an_own_pace_step(window: MainWindow) -> None:
    start(window)
    for _ in range(9):  # to the own-pace cat curl
        key(window, Qt.Key.Key_Right)
    assert kind(window) == "YOUR PACE"
    key(window, Qt.Key.Key_Return)
    assert kind(window) == "NEXT UP"
    key(window, Qt.Key.Key_Left)  # just begun: back to the own-pace step
    assert kind(window) == "YOUR PACE"
    key(window, Qt.Key.Key_Enter)
    assert kind(window) == "NEXT UP"


def test_enter_does_not_skip_a_timed_step(window: MainWindow) -> None:
    start(window)
    key(window, Qt.Key.Key_Return)
    assert kind(window) == "GET READY"


def test_escape_asks_before_stopping(window: MainWindow, answers: Answers) -> None:
    start(window)
    run_for(window, 7.0)
    answers.stop = False
    key(window, Qt.Key.Key_Escape)
    assert answers.asked_stop == 1
    assert window.run.adapter.state is RunnerState.RUNNING
    run_for(window, 1.0)
    assert window.run.session_screen.digits.text() == "2"  # still counting
    answers.stop = True
    window.run.session_screen.stop_button.click()
    assert answers.asked_stop == 2
    assert window.stack.currentWidget() is window.run.finish_screen
    assert window.run.finish_screen.headline.text() == "Session stopped"
    assert window.run.finish_screen.time_text == "0:03"  # the 5 s get-ready is not exercise
    assert window.run.finish_screen.done_text.startswith("1 of ")


def test_skipped_steps_show_on_the_finish_screen(window: MainWindow) -> None:
    start(window)
    key(window, Qt.Key.Key_Right)
    key(window, Qt.Key.Key_Right)
    key(window, Qt.Key.Key_Escape)
    assert window.run.finish_screen.skipped_text == "2"


def test_enter_on_the_start_screen_starts_the_selected_session(window: MainWindow) -> None:
    assert window.start_screen.select_id("ui-test")
    key(window, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.run.session_screen
    assert window.run.session is not None and window.run.session.id == "ui-test"


def test_session_keys_do_nothing_on_the_start_screen(window: MainWindow) -> None:
    key(window, Qt.Key.Key_Space)
    key(window, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.start_screen
    assert window.run.adapter.runner is None


def test_f11_toggles_full_screen(window: MainWindow, qtbot: QtBot) -> None:
    start(window)
    key(window, Qt.Key.Key_F11)
    qtbot.waitUntil(window.isFullScreen)
    assert window.window_actions.fullscreen.isChecked()
    key(window, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: not window.isFullScreen())


def test_help_overlay_opens_with_f1_and_question_mark(window: MainWindow) -> None:
    start(window)
    overlay = window.shortcuts_overlay
    key(window, Qt.Key.Key_F1)
    assert overlay.isVisible()
    assert any(label.text() == "Space" for label in overlay.key_labels)
    QTest.keyClick(overlay, Qt.Key.Key_A)  # any key closes it
    assert not overlay.isVisible()
    QTest.keyClick(window, Qt.Key.Key_Question, Qt.KeyboardModifier.ShiftModifier)
    assert overlay.isVisible()
    key(window, Qt.Key.Key_Escape)  # closes the help, does not stop the session
    assert not overlay.isVisible()
    assert window.run.adapter.state is RunnerState.RUNNING


def test_buttons_show_their_shortcut_and_never_take_focus(window: MainWindow) -> None:
    start(window)
    screen = window.run.session_screen
    for button, hint in ((screen.pause_button, "Space"), (screen.skip_button, "Right"),
                         (screen.back_button, "Left"), (screen.done_button, "Enter"),
                         (screen.stop_button, "Esc"), (screen.fullscreen_button, "F11")):
        assert hint in button.toolTip()
        assert button.focusPolicy() is Qt.FocusPolicy.NoFocus
        assert button.minimumHeight() >= 56


def test_menus(window: MainWindow) -> None:
    titles = [action.text().replace("&", "") for action in window.menuBar().actions()]
    assert {"File", "View", "Help"} <= set(titles)
    help_items = [a.text().replace("&", "") for a in window.help_menu.actions()]
    assert "Safety note" in help_items and "Keyboard shortcuts" in help_items


def test_safety_note_comes_before_the_first_session_only(
    qtbot: QtBot, paths: Paths, answers: Answers
) -> None:
    write_session(paths)
    window = make_window(paths, settings=Settings(), answers=answers)
    qtbot.addWidget(window)
    session = window.library.resolve("ui-test")
    answers.safety = False
    assert not window.start_session(session)
    assert window.stack.currentWidget() is window.start_screen
    assert not load_settings(paths.settings_file).settings.safety_acknowledged
    answers.safety = True
    assert window.start_session(session)
    assert answers.asked_safety == 2
    assert load_settings(paths.settings_file).settings.safety_acknowledged
    window.show_start()
    again = make_window(paths, settings=load_settings(paths.settings_file).settings,
                        answers=answers)
    qtbot.addWidget(again)
    assert again.start_session(session)
    assert answers.asked_safety == 2


def test_safety_note_from_help_any_time(window: MainWindow, answers: Answers) -> None:
    window.window_actions.safety.trigger()
    assert answers.shown_safety == 1


def remaining(window: MainWindow) -> float | None:
    snapshot = window.run.adapter.snapshot()
    assert snapshot is not None
    return snapshot.remaining


def test_the_stop_question_pauses_the_hold_and_no_resumes_it(
        window: MainWindow, answers: Answers) -> None:
    start(window)
    run_for(window, 7.0)  # into the first hold
    seen: list[tuple[RunnerState, float | None]] = []

    def ask(_parent: object) -> bool:
        before = remaining(window)
        run_for(window, 6.0)  # the person reads the question for six seconds
        seen.append((window.run.adapter.state, before))
        return False

    window.ask_stop = ask
    left = remaining(window)
    key(window, Qt.Key.Key_Escape)
    assert seen == [(RunnerState.PAUSED, left)]
    assert remaining(window) == left  # the hold did not run on behind the question
    assert window.run.adapter.state is RunnerState.RUNNING  # "no": it counts again


def test_the_stop_question_leaves_a_paused_session_paused(window: MainWindow) -> None:
    start(window)
    key(window, Qt.Key.Key_Space)
    window.ask_stop = lambda _parent: False
    key(window, Qt.Key.Key_Escape)
    assert window.run.adapter.state is RunnerState.PAUSED


def test_help_overlay_pauses_the_session_and_takes_its_keys(window: MainWindow) -> None:
    start(window)
    run_for(window, 7.0)
    index = window.run.adapter.snapshot().index  # type: ignore[union-attr]
    left = remaining(window)
    overlay = window.shortcuts_overlay
    key(window, Qt.Key.Key_F1)
    assert window.run.adapter.state is RunnerState.PAUSED
    run_for(window, 5.0)
    assert remaining(window) == left  # the count did not run on hidden
    QTest.keyClick(overlay, Qt.Key.Key_Right)  # the focus is on the help: the key closes it
    assert not overlay.isVisible()
    assert window.run.adapter.snapshot().index == index  # type: ignore[union-attr]
    assert window.run.adapter.state is RunnerState.RUNNING
    key(window, Qt.Key.Key_F1)
    key(window, Qt.Key.Key_Space)  # a window-wide key only closes the help too
    assert not overlay.isVisible()
    assert window.run.adapter.state is RunnerState.RUNNING
    key(window, Qt.Key.Key_Space)  # now it pauses, and the help leaves it paused
    key(window, Qt.Key.Key_F1)
    key(window, Qt.Key.Key_Left)
    assert window.run.adapter.state is RunnerState.PAUSED
    assert window.run.adapter.snapshot().index == index  # type: ignore[union-attr]
