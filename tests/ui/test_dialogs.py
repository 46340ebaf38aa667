"""One of each window at a time: the registry the side windows and the File menu share."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from backtimer.ui.common.dialogs import DialogRegistry

pytestmark = pytest.mark.qt_log_ignore("does not support raise")


def test_asking_twice_raises_the_open_window_instead_of_building_another(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    registry = DialogRegistry()
    built: list[QDialog] = []

    def factory() -> QDialog:
        built.append(QDialog(parent))
        return built[-1]

    first = registry.show("editor", factory)
    assert first.isVisible()
    assert registry.show("editor", factory) is first
    assert len(built) == 1


def test_a_closed_window_is_replaced_by_a_new_one(qtbot: QtBot) -> None:
    registry = DialogRegistry()
    first = registry.show("history", QWidget)
    qtbot.addWidget(first)
    first.close()
    assert registry.live("history") is None
    second = registry.show("history", QWidget)
    qtbot.addWidget(second)
    assert second is not first and second.isVisible()
    registry.close("history")
    assert not second.isVisible()


def test_windows_under_different_keys_are_independent(qtbot: QtBot) -> None:
    registry = DialogRegistry()
    one = registry.show("a", QWidget)
    two = registry.show("b", QWidget)
    qtbot.addWidget(one)
    qtbot.addWidget(two)
    assert one is not two and registry.get("a") is one and registry.get("b") is two
