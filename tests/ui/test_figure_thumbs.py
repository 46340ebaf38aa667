"""Issue 13 item 4: a small figure beside each item on the start screen and in the session
editor, and beside each exercise in the picker; an exercise without a figure has no picture
(and no empty box), and a card too narrow for it drops it."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtGui import QColor, QImage, QPalette
from pytestqt.qtbot import QtBot

from backtimer.session.model import Exercise
from backtimer.store.library import Library
from backtimer.store.paths import Paths
from backtimer.store.user_sessions import UserSessions
from backtimer.ui.common.figure_thumb import FigureThumb
from backtimer.ui.library.editor import ExercisePicker
from backtimer.ui.library.items_editor import ItemsEditor
from backtimer.ui.start.quick_adjust import QuickAdjustPanel

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def without_figure(library: Library, exercise_id: str) -> dict[str, Exercise]:
    exercises = dict(library.exercises)
    exercises[exercise_id] = replace(exercises[exercise_id], figure=None)
    return exercises


def drawn_colours(image: QImage) -> set[int]:
    """The opaque colours painted (every 3rd pixel: enough to see what was drawn)."""
    return {image.pixel(x, y) for x in range(0, image.width(), 3)
            for y in range(0, image.height(), 3) if QColor(image.pixel(x, y)).alpha() > 200}


def test_each_item_on_the_start_screen_shows_its_figure(qtbot: QtBot, paths: Paths) -> None:
    panel = QuickAdjustPanel(UserSessions(Library(paths)))
    qtbot.addWidget(panel)
    panel.resize(900, 700)
    panel.show()
    entry = panel.store.entry("daily-routine")
    assert entry is not None
    panel.show_entry(entry)
    cards = panel.items._cards
    assert cards and all(card.thumb is not None for card in cards)
    qtbot.waitUntil(lambda: all(card.thumb is not None and card.thumb.isVisible()
                                for card in cards[:2]))
    thumb = cards[0].thumb
    assert thumb is not None
    assert drawn_colours(thumb.grab().toImage())  # a figure is drawn, not an empty box


def test_an_exercise_without_a_figure_has_no_picture(qtbot: QtBot, paths: Paths) -> None:
    library = Library(paths)
    editor = ItemsEditor(without_figure(library, "side-plank"))
    qtbot.addWidget(editor)
    editor.set_session(library.resolve("daily-routine"))
    names = [card.item.exercise for card in editor._cards]
    for card, name in zip(editor._cards, names, strict=True):
        assert (card.thumb is None) == (name == "side-plank"), name
    plank = editor._cards[names.index("side-plank")]
    assert not plank.findChildren(FigureThumb)


def test_a_narrow_card_drops_its_figure_and_a_wide_one_shows_it(qtbot: QtBot,
                                                                 paths: Paths) -> None:
    library = Library(paths)
    editor = ItemsEditor(library.exercises)
    qtbot.addWidget(editor)
    editor.set_session(library.resolve("side-plank-intervals"))
    editor.resize(700, 400)
    editor.show()
    thumb = editor.card(0).thumb
    assert thumb is not None
    qtbot.waitUntil(thumb.isVisible)
    editor.resize(150, 400)
    qtbot.waitUntil(lambda: not thumb.isVisible())
    editor.resize(700, 400)
    qtbot.waitUntil(thumb.isVisible)
    assert thumb.width() == thumb.sizeHint().width()


def test_the_thumbnail_takes_the_themes_colours(qtbot: QtBot, paths: Paths) -> None:
    library = Library(paths)
    editor = ItemsEditor(library.exercises)
    qtbot.addWidget(editor)
    editor.set_session(library.resolve("side-plank-intervals"))
    editor.resize(700, 400)
    editor.show()
    thumb = editor.card(0).thumb
    assert thumb is not None
    qtbot.waitUntil(thumb.isVisible)
    light = thumb.pixmap().toImage()
    dark = QPalette(thumb.palette())
    dark.setColor(QPalette.ColorRole.Window, QColor("#1e2024"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e8e9eb"))
    thumb.setPalette(dark)
    assert QColor("#e8e9eb").rgba() in drawn_colours(thumb.pixmap().toImage())
    assert QColor("#e8e9eb").rgba() not in drawn_colours(light)
    assert thumb.pixmap().cacheKey() == thumb.pixmap().cacheKey()  # cached, not redrawn


def test_the_picker_shows_each_exercises_figure(qtbot: QtBot, paths: Paths) -> None:
    library = Library(paths)
    picker = ExercisePicker(without_figure(library, "side-plank"))
    qtbot.addWidget(picker)
    shown = picker.shown_ids()
    assert "side-plank" in shown and "bird-dog" in shown
    for row, exercise_id in enumerate(shown):
        icon = picker.list.item(row).icon()
        assert icon.isNull() == (exercise_id == "side-plank"), exercise_id
    assert picker.list.iconSize().height() >= picker.fontMetrics().height()
