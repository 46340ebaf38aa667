"""The exercise's figure on the session screen: shown for the step's side, moving with the count
on the runner's clock, repainting only itself, and still whenever moving would be wasted."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from backtimer.session.figure import figure_for_side, key_pose, pose_at
from backtimer.store.paths import Paths
from backtimer.store.settings import Settings
from backtimer.ui.common.figure_frames import FRAME_RATE, frame_moment
from backtimer.ui.shell.main_window import MainWindow
from tests.ui.window_kit import clock_of, make_window, run_for, start, write_session

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def window(qtbot: QtBot, paths: Paths) -> MainWindow:
    write_session(paths)
    result = make_window(paths)
    qtbot.addWidget(result)
    result.show()
    qtbot.waitExposed(result)
    return result


class PaintCounter(QObject):
    def __init__(self, widgets: list[QWidget]) -> None:
        super().__init__()
        self.counts = {id(w): 0 for w in widgets}
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and id(watched) in self.counts:
            self.counts[id(watched)] += 1
        return False


def test_the_figure_shows_the_side_being_worked(window: MainWindow) -> None:
    start(window)
    view = window.run.session_screen.figure_view
    plank = window.library.exercises["side-plank"].figure
    assert plank is not None
    assert view.isVisible() and view.figure == plank  # get ready: the first exercise's figure
    assert view.pose == key_pose(plank) and not view.animating  # still until the hold
    run_for(window, 5.5)  # the first hold, on the left
    assert view.figure == plank and view.animating
    run_for(window, 5.0 + 2.0 + 5.0 + 3.0)  # past the switch: the right side, mirrored
    assert view.figure == figure_for_side(plank, "right")
    run_for(window, 12.5)  # next up: the next exercise's figure, still
    assert window.run.session_screen.kind_label.text() == "NEXT UP"
    assert view.figure == window.library.exercises["cat-curl"].figure
    assert not view.animating


def test_the_figure_moves_with_the_runners_time(window: MainWindow) -> None:
    start(window)
    run_for(window, 5.5)  # 0.5 s into the first hold
    view = window.run.session_screen.figure_view
    assert view.figure is not None and view.figure.moves
    clock_of(window).advance(0.4)  # the runner's clock moves; the next tick's frame shows it
    window.run.adapter.tick()
    snapshot = window.run.adapter.snapshot()
    assert snapshot is not None and snapshot.elapsed == pytest.approx(0.9)
    wanted = pose_at(view.figure, frame_moment(view.figure, snapshot.elapsed, 5.0), 5.0)
    assert wanted != pose_at(view.figure, 0.5, 5.0)
    assert view.pose == wanted
    # On the frame grid (FRAME_RATE a second), at most one frame's time behind the runner.
    assert -1e-6 <= snapshot.elapsed - frame_moment(view.figure, snapshot.elapsed, 5.0) \
        < 1 / FRAME_RATE + 1e-9


def test_a_frame_repaints_the_figure_and_nothing_else(window: MainWindow, qtbot: QtBot) -> None:
    start(window)
    run_for(window, 5.25)
    screen = window.run.session_screen
    view = screen.figure_view
    others = [w for w in screen.findChildren(QWidget) if w is not view and w.isVisible()]
    QApplication.processEvents()  # what the step's start asked to repaint is painted first
    counter = PaintCounter([view, screen, *others])
    clock = clock_of(window)
    for _ in range(3):  # three frames, without the adapter ticking (the digits stay put)
        clock.advance(1 / FRAME_RATE)  # the next frame of the grid
        view.refresh()
        qtbot.waitUntil(lambda: counter.counts[id(view)] > 0, timeout=2000)
    assert counter.counts[id(view)] >= 1
    repainted = [type(w).__name__ for w in [screen, *others] if counter.counts[id(w)]]
    assert repainted == []


def test_no_frames_when_still_paused_hidden_or_reducing_motion(
    window: MainWindow, qtbot: QtBot
) -> None:
    start(window)
    view = window.run.session_screen.figure_view
    assert not view.animating  # get ready: still
    run_for(window, 5.5)
    assert view.animating
    assert not view.timer_running  # its frames ride on the count's own wake-ups
    window.run.adapter.pause()
    assert not view.animating
    window.run.adapter.resume()
    assert view.animating
    window.hide()
    assert not view.animating
    window.show()
    qtbot.waitExposed(window)
    assert view.animating
    window.setWindowState(Qt.WindowState.WindowMinimized)
    qtbot.waitUntil(lambda: not view.animating, timeout=2000)
    window.setWindowState(Qt.WindowState.WindowNoState)
    qtbot.waitUntil(lambda: view.animating, timeout=2000)
    window.run.set_reduce_motion(True)
    assert not view.animating
    assert view.figure is not None and view.pose == key_pose(view.figure)
    run_for(window, 5.0)  # the rest: still in any case
    window.run.set_reduce_motion(False)
    assert not view.animating


def test_reduce_motion_from_the_settings_holds_the_figure(qtbot: QtBot, paths: Paths) -> None:
    write_session(paths)
    window = make_window(paths, settings=Settings(safety_acknowledged=True, reduce_motion=True))
    qtbot.addWidget(window)
    window.show()
    start(window)
    run_for(window, 5.5)
    assert not window.run.session_screen.figure_view.animating


@pytest.mark.parametrize("size", [(1280, 800), (800, 500)])
def test_the_figure_takes_only_the_room_the_words_leave(
    qtbot: QtBot, paths: Paths, size: tuple[int, int]
) -> None:
    write_session(paths)
    window = make_window(paths, size=size)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    start(window)
    run_for(window, 5.5)  # a side-plank hold: its instructions are among the longest
    QApplication.processEvents()
    screen = window.run.session_screen
    for label in (screen.name_label, screen.counts_label, screen.how_label, screen.next_label):
        if label.isVisibleTo(screen):  # a hidden label's geometry is whatever it last had
            assert label.height() >= label.heightForWidth(label.width()), label.text()[:30]
    view = screen.figure_view
    assert view.geometry().bottom() < screen.name_label.geometry().top()
    if size == (1280, 800):
        assert view.height() >= 100  # large enough to read from across the room


def test_a_face_down_figure_is_drawn_with_its_nose_towards_the_floor(qtbot: QtBot) -> None:
    """The face mark is painted: below a face-down head there is ink, beside it there is none."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter

    from backtimer.session.figure import figure_bounds, place
    from backtimer.store.library import Library
    from backtimer.ui.common.figure_view import figure_colours, paint_figure

    figure = Library(None).exercises["superman"].figure
    assert figure is not None
    widget = QWidget()
    qtbot.addWidget(widget)
    colours = figure_colours(widget)
    colours = type(colours)(QColor("black"), QColor("gray"), QColor("green"),
                            QColor("white"), QColor("white"), QColor("brown"))
    image = QImage(800, 300, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    pose = figure.poses[0]
    paint_figure(painter, QRectF(0, 0, 800, 300), figure, pose, colours)
    painter.end()
    # Where the head and nose land: the same mapping paint_figure uses.
    left, bottom, right, top = figure_bounds(figure)
    scale = min(800 / (right - left + 0.6), 300 / (top - bottom + 0.45 + 0.3))
    cx = 400 - (left + right) / 2 * scale
    floor = 150 + (top - bottom + 0.45) * scale / 2 - 0.45 * scale
    points = place(pose)
    nose = points.nose
    assert nose is not None
    hx, hy = points.head

    def ink(k: float) -> int:  # how light the picture is k of the way from the head to the nose
        px, py = hx + (nose[0] - hx) * k, hy + (nose[1] - hy) * k
        return QColor(image.pixel(round(cx + px * scale),
                                  round(floor - (py - bottom) * scale))).lightness()

    assert nose[1] < hy  # face down
    assert ink(0.8) < 100  # past the round head: the nose, drawn in the body's ink


def test_an_arrow_shows_which_hand_or_foot_moves_and_only_that(qtbot: QtBot) -> None:
    """``props: [arrow]`` draws prop-coloured ink on the way the moving foot goes (the dead bug
    lifts its knee), and nothing for a figure that holds still."""
    import dataclasses

    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter

    from backtimer.session.figure import Figure
    from backtimer.store.library import Library
    from backtimer.ui.common.figure_view import figure_colours, paint_figure

    figure = Library(None).exercises["dead-bug"].figure
    assert figure is not None and "arrow" in figure.props
    widget = QWidget()
    qtbot.addWidget(widget)
    colours = figure_colours(widget)
    colours = type(colours)(QColor("black"), QColor("gray"), QColor("green"),
                            QColor("white"), QColor("white"), QColor(200, 0, 0))

    def red_pixels(shown: Figure) -> int:
        image = QImage(400, 200, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        paint_figure(painter, QRectF(0, 0, 400, 200), shown, shown.poses[-1], colours)
        painter.end()
        return sum(1 for x in range(0, 400, 2) for y in range(0, 200, 2)
                   if (c := QColor(image.pixel(x, y))).red() > 150 and c.green() < 80)

    assert red_pixels(figure) > 20
    still = dataclasses.replace(figure, poses=(figure.poses[-1], figure.poses[-1]))
    assert red_pixels(still) == 0
    assert red_pixels(dataclasses.replace(figure, props=())) == 0


def test_a_knee_that_leaves_the_floor_gets_a_short_up_arrow() -> None:
    """Knee hover: the knees rise only an inch, so the still picture needs an up arrow beside
    them (one, both knees lift together); the dead bug keeps its one foot arrow, and a figure
    whose knees stay down gets none."""
    import dataclasses

    from backtimer.session.figure import figure_at_pose, place
    from backtimer.store.library import Library
    from backtimer.ui.common.figure_view import movement_arrows

    library = Library(None).exercises
    hover = library["knee-hover"].figure
    assert hover is not None and "arrow" in hover.props
    arrows = movement_arrows(hover)
    assert len(arrows) == 1
    (x0, y0), (x1, y1) = arrows[0].start, arrows[0].end
    knee = place(hover.poses[-1], hover.view, hover.mirror).limbs["leg"][1]
    assert x0 == x1 and y1 > y0 and y0 < knee[1] < y1  # straight up, beside the knee
    assert abs(x0 - knee[0]) < 1.0
    assert not arrows[0].both
    down = dataclasses.replace(hover, poses=(hover.poses[0], hover.poses[0]))
    assert movement_arrows(down) == ()
    dead_bug = library["dead-bug"].figure
    assert dead_bug is not None  # its knee stage and its arm stage: one arrow each
    assert len(movement_arrows(figure_at_pose(dead_bug, 2))) == 1
    assert len(movement_arrows(figure_at_pose(dead_bug, 3))) == 1
    together = library["dead-bug-opposite"].figure
    assert together is not None  # the arm and the opposite leg move at once: two arrows
    assert len(movement_arrows(together)) == 2


def test_a_press_up_gets_an_up_arrow_at_its_planted_hands() -> None:
    """The press-up and the back extension both reach straight arms with the hips down; the
    press-up's push (hands planted, the chest rising) gets an up arrow in front of the hands."""
    from backtimer.session.figure import place
    from backtimer.store.library import Library
    from backtimer.ui.common.figure_view import movement_arrows

    figure = Library(None).exercises["press-up"].figure
    assert figure is not None and "arrow" in figure.props
    (arrow,) = movement_arrows(figure)
    _, _, hand = place(figure.poses[-1], figure.view, figure.mirror).limbs["arm"]
    (x0, y0), (x1, y1) = arrow.start, arrow.end
    assert x0 == x1 and y1 > y0 + 1.0  # straight up
    assert 0.3 < x0 - hand[0] < 1.2 and y0 < 0.5  # just in front of the hand, from the floor


def test_only_a_pelvic_tilt_gets_the_rocking_arrow_at_the_pelvis() -> None:
    """The pelvic tilt's arch alone read as a belly swelling: its rocking pelvis gets a curved
    two-way arrow; no other figure with arrows does (the press-up's back bends too, but on the
    front, knees down)."""
    from backtimer.store.library import Library
    from backtimer.ui.common.figure_view import pelvis_tilts

    library = Library(None).exercises
    rocking = {exercise_id for exercise_id, exercise in library.items()
               if exercise.figure is not None and "arrow" in exercise.figure.props
               and pelvis_tilts(exercise.figure)}
    assert rocking == {"pelvic-tilt"}


def test_a_breath_gets_a_two_way_arrow_over_the_belly_and_the_hips_stay_put() -> None:
    """Diaphragm breathing: the swelling belly alone could read as the hips lifting, so the
    arrow prop adds an up-and-down arrow above the belly, and the hips never move."""
    import dataclasses

    from backtimer.session.figure import place
    from backtimer.store.library import Library
    from backtimer.ui.common.figure_view import movement_arrows

    figure = Library(None).exercises["diaphragm-breathing"].figure
    assert figure is not None and "arrow" in figure.props
    placed = [place(pose, figure.view, figure.mirror) for pose in figure.poses]
    assert len({p.hip for p in placed}) == 1
    assert len({(p.limbs["leg"], p.limbs["far-leg"]) for p in placed}) == 1
    arrows = movement_arrows(figure)
    assert len(arrows) == 1 and arrows[0].both
    belly = placed[-1].belly
    assert belly is not None
    peak = belly[1]
    assert peak[1] < arrows[0].start[1] < arrows[0].end[1]  # above the belly, pointing up
    assert abs(arrows[0].start[0] - peak[0]) < 0.5
    held = dataclasses.replace(figure, poses=(figure.poses[-1], figure.poses[-1]))
    assert movement_arrows(held) == ()


def test_each_stage_shows_its_own_pose_from_getting_ready_on(qtbot: QtBot, paths: Paths) -> None:
    """The back extension: lying face down for 5 minutes shows a body lying face down (not the
    elbows, its key pose), the elbows stage the elbows, the press-ups the press-up."""
    window = make_window(paths)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    start(window, "back-extension")
    figure = window.library.exercises["back-extension"].figure
    assert figure is not None
    view = window.run.session_screen.figure_view
    shown: list[tuple[object, ...]] = []
    for _ in range(40):
        snapshot = window.run.adapter.snapshot()
        if snapshot is None or snapshot.step is None or snapshot.step.exercise is None:
            break
        run_for(window, 2.0)  # into the step: a moving figure has reached its pose
        assert view.figure is not None and view.pose is not None
        shown.append((snapshot.step.kind.value, snapshot.step.pose, view.pose))
        window.run.adapter.skip()
    first, pressed, elbows = figure.poses
    prepare = [pose for kind, _, pose in shown if kind == "prepare"]
    assert prepare and all(pose == first for pose in prepare)
    by_stage = {stage: pose for kind, stage, pose in shown if kind == "hold"}
    assert by_stage == {1: first, 3: elbows, 2: pressed}
