"""A moving figure's frames: drawn once per moment of its cycle, then copied, looking exactly
as if drawn directly, at about ``FRAME_RATE`` repaints a second however often it is asked."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from backtimer.session.figure import Figure, key_pose, pose_at
from backtimer.store.library import Library
from backtimer.store.paths import Paths
from backtimer.ui.common.figure_frames import (
    FRAME_RATE,
    FrameCache,
    frame_moment,
    frames_per_cycle,
)
from backtimer.ui.common.figure_view import FigureView, figure_colours, paint_figure


class Paints(QObject):
    def __init__(self, widget: FigureView) -> None:
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def moving_figure(paths: Paths, exercise: str = "dead-bug-march") -> Figure:
    figure = Library(paths).exercises[exercise].figure
    assert figure is not None and figure.moves and isinstance(figure.cycle, float)
    return figure


def shown_view(qtbot: QtBot, figure: Figure, clock: list[float]) -> FigureView:
    view = FigureView()
    qtbot.addWidget(view)
    view.resize(420, 240)
    view.set_figure(figure)
    view.show()
    qtbot.waitExposed(view)
    view.follow(lambda: clock[0], 5.0, own_frames=False)
    return view


def direct_image(view: FigureView, figure: Figure, t: float) -> QImage:
    image = QImage(view.size(), QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    painter.fillRect(image.rect(), view.palette().window())
    paint_figure(painter, QRectF(view.contentsRect()), figure,
                 pose_at(figure, frame_moment(figure, t, 5.0), 5.0), figure_colours(view))
    painter.end()
    return image


def test_a_frame_from_the_cache_looks_exactly_like_one_drawn_directly(
    qtbot: QtBot, paths: Paths
) -> None:
    figure = moving_figure(paths)
    clock = [0.0]
    view = shown_view(qtbot, figure, clock)
    for t in (0.35, 1.72, 2.9):
        view.frame_at(t)
        first = view.grab().toImage().convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
        again = view.grab().toImage().convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
        assert first == direct_image(view, figure, t)
        assert again == first
    assert view.frames.drawn == 3  # each moment drawn once, the second grab copied it


def test_a_still_pose_is_drawn_once_then_copied_and_looks_the_same(
    qtbot: QtBot, paths: Paths
) -> None:
    """Every rest and get-ready shows the exercise's key pose again: drawn once, then copied
    (a step change drew it afresh, ~1-2 ms of strokes each time)."""
    figure = moving_figure(paths)
    view = shown_view(qtbot, figure, [0.0])
    view.show_key_pose()
    drawn = view.frames.drawn
    first = view.grab().toImage().convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    assert view.frames.drawn == drawn + 1
    image = QImage(view.size(), QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    painter.fillRect(image.rect(), view.palette().window())
    paint_figure(painter, QRectF(view.contentsRect()), figure, key_pose(figure),
                 figure_colours(view))
    painter.end()
    assert first == image
    view.follow(lambda: 1.0, 5.0, own_frames=False)  # moving again (one frame drawn) ...
    view.frame_at(1.0)
    view.grab()
    view.show_key_pose()  # ... then still again: copied, not drawn
    again = view.grab().toImage().convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    assert again == first
    assert view.frames.drawn == drawn + 2  # the one moving frame; the still pose not again


@pytest.mark.parametrize("exercise", ["dead-bug-march", "walk"])
def test_each_cycle_after_the_first_is_copied_not_drawn(
    qtbot: QtBot, paths: Paths, exercise: str
) -> None:
    figure = moving_figure(paths, exercise)
    assert isinstance(figure.cycle, float)
    clock = [0.0]
    view = shown_view(qtbot, figure, clock)
    paints = Paints(view)
    asked = 0
    t = 0.0
    cycle_end = 3 * figure.cycle  # three cycles, asked for a frame 30 times a second
    while t < cycle_end:
        view.frame_at(t)
        QApplication.processEvents()  # the event loop paints between two frames
        asked += 1
        t += 1 / 30
    frames = frames_per_cycle(figure, 5.0)
    assert view.frames.drawn == frames  # the first cycle's frames, and never again
    assert frames == round(figure.cycle * FRAME_RATE)
    # A repaint only when the frame changed: about FRAME_RATE a second, not 30.
    assert 2 * frames <= paints.count <= 3 * frames + 1 < asked


def test_no_frames_while_hidden_or_still(qtbot: QtBot, paths: Paths) -> None:
    figure = moving_figure(paths)
    clock = [0.0]
    view = shown_view(qtbot, figure, clock)
    assert view.animating and not view.timer_running  # the owner hands it the moments
    view.hide()
    paints = Paints(view)
    view.frame_at(1.0)
    assert not view.animating and paints.count == 0
    view.show()
    view.hold()
    pose = view.pose
    view.frame_at(2.0)
    assert view.pose == pose


def test_the_cache_is_bounded_in_bytes(qtbot: QtBot, paths: Paths) -> None:
    figure = moving_figure(paths, "cat-curl")  # an 8 s cycle: 80 frames
    clock = [0.0]
    view = shown_view(qtbot, figure, clock)
    view.frames = FrameCache(budget=FrameCache.frame_bytes(view.size(), 1.0) * 10)
    # Too small for one cycle: frames are drawn directly and nothing is kept.
    for step in range(40):
        view.frame_at(step / FRAME_RATE)
        QApplication.processEvents()
    assert len(view.frames) == 0
    cache = FrameCache(budget=FrameCache.frame_bytes(view.size(), 1.0) * 3)
    for key in range(5):
        cache.frame(key, view.size(), 1.0, lambda p: None)
    assert len(cache) == 3 and cache.drawn == 5


def test_a_long_cycle_takes_fewer_frames_a_second_to_stay_cached(
    qtbot: QtBot, paths: Paths
) -> None:
    figure = moving_figure(paths, "cat-curl")  # an 8 s cycle: 24 frames at 3 a second
    clock = [0.0]
    view = shown_view(qtbot, figure, clock)
    at_two = frames_per_cycle(figure, 5.0, 2)
    view.frames = FrameCache(budget=FrameCache.frame_bytes(view.size(), 1.0) * at_two)
    view.follow(lambda: clock[0], 5.0, own_frames=False)
    paints = Paints(view)
    for step in range(2 * 8 * 30):  # two cycles, asked 30 times a second
        view.frame_at(step / 30)
        QApplication.processEvents()
    assert view.frames.drawn == at_two == 16  # 2 frames a second, every one kept
    assert paints.count <= 2 * at_two + 1


def test_the_figure_s_frames_are_the_session_s_frames() -> None:
    """Each wake of the counting session shows the next frame of an even grid: the figure's
    frame rate is the adapter's (at 10 a second against 4 wakes the steps went 0.2, 0.3 s)."""
    from backtimer.ui.run.adapter import FRAME_SECONDS

    assert round(FRAME_RATE * FRAME_SECONDS, 9) == 1.0
