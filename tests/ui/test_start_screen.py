"""The start screen lists the library (broken files with their problem) and starts sessions."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from backtimer.store.library import Library
from backtimer.store.paths import Paths
from backtimer.ui.start.session_list import PROBLEM_ROLE, TOTAL_ROLE, SessionListModel
from backtimer.ui.start.start_screen import StartScreen
from tests.ui.window_kit import make_window, write_session

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

BROKEN = """\
title: Broken
items:
  - exercise: side-plank
    hold: 10s
    reeps: 3
"""


@pytest.fixture
def library(paths: Paths) -> Library:
    write_session(paths)
    write_session(paths, "broken", BROKEN)
    return Library(paths)


@pytest.fixture
def screen(qtbot: QtBot, library: Library) -> StartScreen:
    result = StartScreen(library)
    qtbot.addWidget(result)
    result.resize(1280, 780)
    result.show()
    return result


def test_model_passes_the_model_tester(qtmodeltester, library: Library) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(SessionListModel(library))


def test_every_session_is_listed_with_its_total(screen: StartScreen, library: Library) -> None:
    model = screen.model
    assert model.rowCount() == len(library.entries)
    row = model.row_of("side-plank-intervals")
    assert model.data(model.index(row, 0)) == "Side plank intervals"
    assert model.data(model.index(row, 0), TOTAL_ROLE) == "4:24"
    own_pace = model.row_of("ui-test")
    assert model.data(model.index(own_pace, 0), TOTAL_ROLE) == "0:44+"


def test_a_broken_session_is_listed_with_its_problem(screen: StartScreen) -> None:
    model = screen.model
    row = model.row_of("broken")
    problem = model.data(model.index(row, 0), PROBLEM_ROLE)
    assert "unknown key" in problem and "'reps'" in problem
    assert "line 5" in problem
    screen.select(row)
    assert "unknown key" in screen.problem_label.text()
    assert not screen.start_button.isEnabled()
    started: list[object] = []
    screen.start_requested.connect(started.append)
    screen.request_start()
    assert started == []


def test_selecting_shows_the_items_for_adjusting_and_the_total(screen: StartScreen) -> None:
    assert screen.select_id("ui-test")
    assert screen.title_label.text() == "UI test"
    assert screen.total_label.text().startswith("0:44 in total  ·  3 exercises")
    items = screen.panel.items
    first = items.card(0).item_fields
    assert first.hold is not None and first.hold.value() == 5 and first.reps is not None
    assert first.reps.value() == 2
    assert items.card(1).item_fields.hold is None  # at your own pace: nothing to time
    assert screen.select_id("side-plank-intervals")
    hold = screen.panel.items.card(0).item_fields.hold
    assert hold is not None and hold.value() == 10


def test_the_total_follows_an_edit_before_anything_is_saved(screen: StartScreen) -> None:
    assert screen.select_id("side-plank-intervals")
    assert screen.total_label.text().startswith("4:24 in total")
    hold = screen.panel.items.card(0).item_fields.hold
    assert hold is not None
    hold.setValue(20)  # 10 more seconds for each of 20 holds
    assert screen.total_label.text().startswith("7:44 in total")
    assert screen.library.entries["side-plank-intervals"].origin.value == "builtin"


def test_start_button_and_double_click_start(screen: StartScreen, qtbot: QtBot) -> None:
    started: list[object] = []
    screen.start_requested.connect(started.append)
    screen.select_id("ui-test")
    screen.start_button.click()
    assert [s.id for s in started] == ["ui-test"]  # type: ignore[attr-defined]
    row = screen.model.row_of("side-plank-intervals")
    view = screen.list_view
    view.scrollTo(screen.model.index(row, 0))
    rect = view.visualRect(screen.model.index(row, 0))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert screen.selected_session().id == "side-plank-intervals"  # type: ignore[union-attr]
    assert len(started) == 1  # a single click only selects
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert [s.id for s in started] == ["ui-test", "side-plank-intervals"]  # type: ignore[attr-defined]


def test_the_window_opens_on_the_start_screen(qtbot: QtBot, paths: Paths) -> None:
    window = make_window(paths)
    qtbot.addWidget(window)
    assert window.stack.currentWidget() is window.start_screen
    window.show()
    # The icon (QtSvg) comes just after the first frame.
    qtbot.waitUntil(lambda: not window.windowIcon().isNull())


# -- progressions (issue 12) -------------------------------------------------------------------

PROGRESSION = "side-plank-progression"


def test_a_progression_shows_its_level_and_that_levels_total(
    screen: StartScreen, library: Library, paths: Paths
) -> None:
    from backtimer.session.durations import format_clock
    from backtimer.store.levels import chosen_level

    assert screen.select_id(PROGRESSION)
    box = screen.level_box
    assert box.isVisible() and box.count() == 10
    assert box.currentText() == "Level 1 of 10: 10 x 10 s on / 3 s off"
    session = library.resolve(PROGRESSION)
    level_3 = format_clock(library.timeline(session, level=3).total_seconds)
    assert level_3 != format_clock(library.timeline(session, level=1).total_seconds)

    box.setCurrentIndex(2)  # the person picks level 3
    assert box.currentText() == "Level 3 of 10: 3 x 30 s on / 3 s off"
    assert screen.total_label.text().startswith(f"{level_3} in total")
    model = screen.model
    assert model.data(model.index(model.row_of(PROGRESSION), 0), TOTAL_ROLE) == level_3
    assert chosen_level(paths.levels_file, session) == 3  # kept for Start and next time

    again = StartScreen(Library(paths))  # a restart: still on level 3
    again.select_id(PROGRESSION)
    assert again.level_box.currentIndex() == 2
    again.deleteLater()


def test_a_session_without_levels_shows_no_level_box(screen: StartScreen) -> None:
    assert screen.select_id("side-plank-intervals")
    assert not screen.level_box.isVisible() and screen.level() == 1


def test_items_with_levels_show_the_levels_numbers_and_cannot_lose_an_edit(
    screen: StartScreen,
) -> None:
    screen.select_id(PROGRESSION)
    screen.level_box.setCurrentIndex(2)
    card = screen.panel.items.card(0)
    hold = card.item_fields.hold
    assert hold is not None and hold.value() == 30  # level 3's hold, not level 1's
    assert not card.item_fields.isEnabled()  # an edit here would not be saved: none is offered
    assert card.levels_label is not None and not card.levels_label.isHidden()
    assert "choose the level above" in card.levels_label.text()
    plain = StartScreen(screen.library)
    plain.select_id("side-plank-intervals")
    assert plain.panel.items.card(0).item_fields.isEnabled()
    assert plain.panel.items.card(0).levels_label is None
    plain.deleteLater()
