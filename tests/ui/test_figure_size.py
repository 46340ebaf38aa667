"""The figure is large on the session screen: from across the room the pose must be known.

At 1280x800 every built-in exercise's figure is drawn at least as large as in a box 260 px high
(a body lying down, wide and low, fills the column's width in less) through every step of every
built-in session, and nearly that through a self-paced step of each exercise (its Done button,
its caution, its easier line and the "Then:" line all wanting room): the words give way first.
At 800x500 the words win, but nothing is ever cut.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from backtimer.store.library import Library
from backtimer.store.paths import Paths
from backtimer.ui.common.figure_view import height_for_width
from backtimer.ui.shell.main_window import MainWindow
from tests.ui.window_kit import make_window, write_session

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

LEAST_PX = 260  # at 1280x800, in the built-in sessions
LEAST_SELF_PACED_PX = 250  # at 1280x800, any exercise done at its own pace (a Done button too)


def every_exercise_self_paced() -> str:
    lines = ["title: Every exercise", "summary: Each built-in exercise, at your own pace.",
             "items:"]
    for exercise in Library(None).exercises.values():
        lines += [f"  - exercise: {exercise.id}", "    reps: 10"]
        if exercise.has_sides:
            lines.append("    sides: each")
    return "\n".join(lines) + "\n"


def figure_heights(window: MainWindow, sessions: list[str]) -> dict[str, int]:
    """For each exercise, the least height of a box that its figure, as drawn, would fill (the
    box's own height, or less when the column's width bounds a wide figure), over every step
    of ``sessions``; on the way, that no line of words is ever cut."""
    least: dict[str, int] = {}
    screen = window.run.session_screen
    for session_id in sessions:
        assert window.start_session(window.library.resolve(session_id)), session_id
        seen: set[tuple[object, ...]] = set()
        while window.stack.currentWidget() is screen:
            snapshot = window.run.adapter.snapshot()
            if snapshot is None or snapshot.step is None:
                break
            step = snapshot.step
            key = (step.exercise, step.label, step.kind, step.side)
            if step.exercise is not None and key not in seen:
                seen.add(key)
                for _ in range(3):  # the step's words, then the layout that fits them
                    QApplication.processEvents()
                for label in (screen.name_label, screen.counts_label, screen.how_label,
                              screen.next_label, screen.caution_label):
                    if label.isVisibleTo(screen):
                        assert label.height() >= label.heightForWidth(label.width()), (
                            session_id, step.exercise, label.text()[:40])
                view = screen.figure_view
                height = 0
                if screen.figure_host.isVisibleTo(screen) and view.figure is not None:
                    # Fitted as if the column's scroll bar showed: a little narrower.
                    fills = height_for_width(view.figure, view.width() - 24)
                    # A box as tall as the width allows counts as the full 260 px.
                    height = view.height() if view.height() < fills - 2 else max(
                        view.height(), LEAST_PX)
                least[step.exercise] = min(height, least.get(step.exercise, height))
            window.run.adapter.skip()
        window.run.adapter.stop()
        QApplication.processEvents()
    return least


@pytest.mark.parametrize("size", [(1280, 800), (800, 500)])
def test_every_figure_is_large_at_1280x800_and_nothing_is_cut_at_any_size(
    qtbot: QtBot, paths: Paths, size: tuple[int, int]
) -> None:
    write_session(paths, "every-exercise", every_exercise_self_paced())
    window = make_window(paths, size=size)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    built_in = sorted(set(window.library.entries) - {"every-exercise"})
    least = figure_heights(window, built_in)
    self_paced = figure_heights(window, ["every-exercise"])
    assert set(self_paced) == set(Library(None).exercises)
    if size == (1280, 800):
        assert {exercise: px for exercise, px in least.items() if px < LEAST_PX} == {}
        assert {exercise: px for exercise, px in self_paced.items()
                if px < LEAST_SELF_PACED_PX} == {}
