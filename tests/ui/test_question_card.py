"""Questions are big cards in the window, answered by keyboard as well as by mouse (issue 14,
item 15): Enter, Esc, Tab and the arrows; no key reaches the session behind a question."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from backtimer.engine.clock import FakeClock
from backtimer.engine.runner import RunnerState
from backtimer.store.paths import Paths
from backtimer.ui.common.question_card import QuestionCard, ask, ask_text, tell
from backtimer.ui.shell.window_dialogs import confirm_stop
from tests.ui import size_check
from tests.ui.window_kit import make_window, run_for, start, write_session

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints",
                                       "does not support raise")


def host(qtbot: QtBot, size: tuple[int, int] = (1280, 800)) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    widget.activateWindow()
    qtbot.waitActive(widget)
    return widget


def press(key: Qt.Key) -> None:
    """A key as a person presses it: to whatever has the focus."""
    focus = QApplication.focusWidget()
    assert focus is not None
    QtBot.keyClick(focus, key)


def when_asked(action: Callable[[], None], tries: int = 300) -> None:
    """Run ``action`` once a card has the keys (the window takes a moment to become active);
    if none ever does, answer the open card's cautious way so the test fails, not hangs."""
    def attempt(left: int) -> None:
        focus = QApplication.focusWidget()
        cards = [w for w in QApplication.allWidgets()
                 if isinstance(w, QuestionCard) and w.isVisible()]
        if focus is not None and any(c.isAncestorOf(focus) for c in cards):
            action()
        elif left > 0:
            QTimer.singleShot(10, lambda: attempt(left - 1))
        else:
            for open_card in cards:
                open_card.choose(open_card.cancel)

    QTimer.singleShot(0, lambda: attempt(tries))


def card(qtbot: QtBot, parent: QWidget, **kwargs: object) -> tuple[QuestionCard, list[int]]:
    made = QuestionCard(parent, "Stop the session?", "What you have done so far is kept.",
                        ["Keep going", "Stop"], **kwargs)  # type: ignore[arg-type]
    answers: list[int] = []
    made.answered.connect(answers.append)
    made.open()
    # The window a test before left active may hold the focus a moment: wait for the card's.
    qtbot.waitUntil(lambda: (focus := QApplication.focusWidget()) is not None
                    and made.isAncestorOf(focus))
    return made, answers


def test_enter_answers_with_the_highlighted_button(qtbot: QtBot) -> None:
    made, answers = card(qtbot, host(qtbot))
    assert QApplication.focusWidget() is made.buttons[1]
    press(Qt.Key.Key_Return)
    assert answers == [1] and not made.isVisible()


def test_esc_gives_the_cautious_answer(qtbot: QtBot) -> None:
    _made, answers = card(qtbot, host(qtbot))
    press(Qt.Key.Key_Escape)
    assert answers == [0]


def test_arrows_and_tab_move_between_the_buttons(qtbot: QtBot) -> None:
    made, answers = card(qtbot, host(qtbot))
    press(Qt.Key.Key_Left)
    assert QApplication.focusWidget() is made.buttons[0]
    press(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is made.buttons[1]
    press(Qt.Key.Key_Tab)  # round again, never to the window behind
    assert QApplication.focusWidget() is made.buttons[0]
    press(Qt.Key.Key_Enter)
    assert answers == [0]


def test_the_card_covers_the_window_and_is_big_enough_to_read_from_the_mat(
        qtbot: QtBot) -> None:
    parent = host(qtbot)
    made, _answers = card(qtbot, parent)
    assert made.geometry() == parent.rect()
    assert made.title.font().pixelSize() >= 28 and made.text.font().pixelSize() >= 20
    assert all(button.height() >= 56 for button in made.buttons)


@pytest.mark.parametrize("size", [(784, 452), (1280, 800), (3840, 2160)],
                         ids=["784x452", "1280x800", "3840x2160"])
def test_a_card_with_details_fits_every_window_size(qtbot: QtBot, size: tuple[int, int]) -> None:
    parent = host(qtbot, size)
    details = "\n".join(f"mine.yaml:{n}: unknown key 'hodl' (did you mean 'hold'?)"
                        for n in range(3, 40))
    made = QuestionCard(parent, "Import session",
                        "mine.yaml cannot be imported. Nothing was changed.", ["OK"],
                        details=details)
    made.open()
    qtbot.waitUntil(made.isVisible)
    found = size_check.problems(made)
    assert not found, size_check.report(found)
    assert made.card.geometry().bottom() <= made.height()


def test_ask_text_returns_the_typed_text_or_none(qtbot: QtBot) -> None:
    parent = host(qtbot)

    def type_and_enter() -> None:
        field = QApplication.focusWidget()
        assert isinstance(field, QLineEdit) and field.selectedText() == "Old"
        QtBot.keyClicks(field, "Morning stretch")  # over the selected old title
        QtBot.keyClick(field, Qt.Key.Key_Return)

    when_asked(type_and_enter)
    assert ask_text(parent, "Rename session", "New title:", "Old") == "Morning stretch"
    when_asked(lambda: press(Qt.Key.Key_Escape))
    assert ask_text(parent, "Rename session", "New title:", "Old") is None


def test_ask_and_tell_wait_for_the_answer(qtbot: QtBot) -> None:
    parent = host(qtbot)
    when_asked(lambda: press(Qt.Key.Key_Return))
    assert ask(parent, "Discard your changes?", "Lose them?", yes="Discard") is True
    when_asked(lambda: press(Qt.Key.Key_Escape))
    assert ask(parent, "Discard your changes?", "Lose them?", yes="Discard") is False
    when_asked(lambda: press(Qt.Key.Key_Return))
    tell(parent, "Import session", "Imported “Morning”.")  # returns once OK is pressed


def test_no_key_reaches_the_session_behind_the_stop_question(
        qtbot: QtBot, paths: Paths) -> None:
    """Space (pause) and Right (skip) under the card do nothing; the hold stays paused while it
    is open, and Esc (keep going) resumes it where it was."""
    write_session(paths)
    window = make_window(paths, clock=FakeClock())
    window.ask_stop = confirm_stop
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    start(window)
    run_for(window, 6.0)  # into the first hold
    adapter = window.run.adapter
    before = adapter.snapshot()
    assert before is not None and adapter.state is RunnerState.RUNNING
    seen: list[object] = []

    def at_the_question() -> None:
        seen.append(adapter.state)
        press(Qt.Key.Key_Space)
        press(Qt.Key.Key_Right)
        run_for(window, 5.0)  # time passes while the person reads
        seen.append(adapter.state)
        snapshot = adapter.snapshot()
        assert snapshot is not None
        seen.append(snapshot.index)
        press(Qt.Key.Key_Escape)

    when_asked(at_the_question)
    window.request_stop()
    assert seen == [RunnerState.PAUSED, RunnerState.PAUSED, before.index]
    assert adapter.state is RunnerState.RUNNING  # "Keep going"
    after = adapter.snapshot()
    assert after is not None and after.index == before.index


def test_start_another_session_is_a_card_that_holds_the_session(
        qtbot: QtBot, paths: Paths) -> None:
    """A second ``backtimer start ID`` (or a reminder) while a session runs asks in a card:
    the running hold stays paused while it is open, Space presses nothing, Esc keeps the
    session going where it was; Enter switches."""
    from backtimer.ui.shell.outside_start import start_from_outside

    write_session(paths)
    window = make_window(paths, clock=FakeClock())
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    start(window)
    run_for(window, 6.0)
    adapter = window.run.adapter
    before = adapter.snapshot()
    assert before is not None
    seen: list[object] = []

    def at_the_question() -> None:
        cards = [w for w in QApplication.allWidgets()
                 if isinstance(w, QuestionCard) and w.isVisible()]
        seen.append(cards[0].title.text())
        press(Qt.Key.Key_Space)  # the pause key: not an answer
        run_for(window, 5.0)
        seen.append(adapter.state)
        seen.append(any(c.isVisible() for c in cards))
        press(Qt.Key.Key_Escape)

    when_asked(at_the_question)
    assert not start_from_outside(window, "daily-routine")
    assert seen == ["Start another session?", RunnerState.PAUSED, True]
    assert window.run.session is not None and window.run.session.id == "ui-test"
    assert adapter.state is RunnerState.RUNNING
    after = adapter.snapshot()
    assert after is not None and after.index == before.index

    when_asked(lambda: press(Qt.Key.Key_Return))
    assert start_from_outside(window, "daily-routine")
    assert window.run.session is not None and window.run.session.id == "daily-routine"
