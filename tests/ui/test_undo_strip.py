"""Delete-with-undo looks and works the same on the start screen, in My sessions and history."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from backtimer.ui.common.undo_strip import UndoStrip
from backtimer.ui.history.history_view import HistoryView


def test_the_strip_says_what_was_removed_and_asks_for_it_back(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    strip = UndoStrip(parent)
    parent.show()
    assert not strip.isVisible()
    strip.offer("Deleted “Evening stretches”.")
    assert strip.isVisible() and strip.label.text() == "Deleted “Evening stretches”."
    with qtbot.waitSignal(strip.undo_clicked):
        qtbot.mouseClick(strip.button, Qt.MouseButton.LeftButton)
    strip.withdraw()
    assert not strip.isVisible()


def test_a_palette_change_recolours_the_strip_once(qtbot: QtBot) -> None:
    for parent in (QWidget(), None):
        strip = UndoStrip(parent)
        qtbot.addWidget(parent or strip)
        dark = QPalette(strip.palette())
        dark.setColor(QPalette.ColorRole.Window, QColor("#202020"))
        dark.setColor(QPalette.ColorRole.WindowText, QColor("#f0f0f0"))
        (parent or strip).setPalette(dark)  # returns: no endless style-sheet loop
        assert "background" in strip.styleSheet()


def test_the_history_uses_the_shared_strip(qtbot: QtBot) -> None:
    view = HistoryView(None)
    qtbot.addWidget(view)
    assert isinstance(view.undo_strip, UndoStrip)
