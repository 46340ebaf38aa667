"""Issue 14 item 21: the ids the command line takes are visible and copyable in the window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from backtimer.store.library import Library
from backtimer.store.paths import Paths
from backtimer.ui.start.start_screen import StartScreen

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def screen(qtbot: QtBot, paths: Paths) -> StartScreen:
    result = StartScreen(Library(paths))
    qtbot.addWidget(result)
    result.resize(1280, 760)
    result.show()
    result.select_id("side-plank-intervals")
    return result


def test_the_details_show_the_command_that_starts_the_session(screen: StartScreen) -> None:
    assert screen.command_line.isVisible()
    assert screen.command_line.label.text() == "backtimer start side-plank-intervals"
    screen.select_id("daily-routine")
    assert screen.command_line.label.text() == "backtimer start daily-routine"


def test_copy_command_line_puts_it_on_the_clipboard(screen: StartScreen) -> None:
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("something else")
    screen.command_line.copy_button.click()
    assert clipboard.text() == "backtimer start side-plank-intervals"
    assert screen.command_line.copy_button.text() == "Copied"
    screen.select_id("daily-routine")  # a new session: the button offers to copy again
    assert screen.command_line.copy_button.text() == "Copy command line"


def test_the_context_menu_copies_the_command_line(screen: StartScreen) -> None:
    entry = screen.library.entries["daily-routine"]
    actions = {action.text(): action for action in screen.context_actions(entry)}
    QGuiApplication.clipboard().setText("")
    actions["Copy command line"].trigger()
    assert QGuiApplication.clipboard().text() == "backtimer start daily-routine"


def test_each_card_tooltip_names_its_id(screen: StartScreen) -> None:
    model = screen.model
    tip = str(model.data(model.index(model.row_of("daily-routine"), 0),
                         Qt.ItemDataRole.ToolTipRole))
    assert tip.endswith("Command line: backtimer start daily-routine")
