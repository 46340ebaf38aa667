"""Drawing an exercise's figure: a pictogram in the theme's colours, still or moving.

``paint_figure`` draws one pose into any rectangle (the session screen, thumbnails, the
gallery, a printed page); ``FigureView`` is the widget that shows a figure and, while a step
counts, moves it in time with the step. It never measures time: each frame it asks its time
source (the run adapter's snapshot of the runner) how far into the step it is, and the pure
``pose_at`` says where the limbs are then. Frames come either from the owner (the session screen
hands each of the runner's snapshots to ``frame_at``, so the figure moves on the wake-ups the
count already has) or from a modest timer of the view's own; either way only while a moving
figure is on screen: never for a still figure, a hidden or minimised window, a paused step, or
with "reduce motion" on. The moments shown are snapped to a grid of ``FRAME_RATE`` a second
(fewer for a long cycle on a large screen) within the figure's cycle (``figure_frames``), so
each frame is drawn once and later frames are copied from a cache. Each frame repaints only this
widget, and only when the moment changed.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QEvent, QObject, QPointF, QRect, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QHideEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
    QShowEvent,
)
from PySide6.QtWidgets import QWidget

from backtimer.session.figure import (
    HEAD_RADIUS,
    LIMB_WIDTH,
    LIMBS,
    TRUNK_WIDTH,
    Figure,
    Points,
    Pose,
    figure_bounds,
    figure_for_side,
    key_pose,
    place,
    pose_at,
)
from backtimer.ui.common.figure_frames import (
    FRAME_RATE,
    FrameCache,
    cycle_seconds,
    frame_moment,
)
from backtimer.ui.common.theme import accent_colour, blend, caution_colour

FRAME_MS = 1000 // FRAME_RATE  # the view's own frames, when no owner hands it the moments
MIN_DRAWN = 40  # pixels high: below this a figure would be a smudge, so nothing is drawn
MAT_THICKNESS = 0.2  # head units
BELOW_FLOOR = 0.45  # room under the floor line for the mat and the line itself


@dataclass(frozen=True)
class FigureColours:
    """The figure's colours, from the theme: near parts, far parts, worked parts, floor, mat."""

    body: QColor
    far: QColor
    work: QColor
    floor: QColor
    mat: QColor
    prop: QColor


def figure_colours(widget: QWidget) -> FigureColours:
    """Colours that read on ``widget``'s window colour, light or dark."""
    text = widget.palette().windowText().color()
    window = widget.palette().window().color()
    return FigureColours(
        body=text,
        far=blend(text, window, 0.5),
        work=accent_colour(widget),
        floor=blend(text, window, 0.6),
        mat=blend(accent_colour(widget), window, 0.7),
        prop=blend(caution_colour(widget), text, 0.2),
    )


def figure_units(figure: Figure) -> tuple[float, float]:
    """(width, height) of the area ``paint_figure`` fits the figure into, in head units: the
    figure's every pose, a margin, and the room under the floor for the mat."""
    left, bottom, right, top = figure_bounds(figure)
    return right - left + 0.6, top - bottom + BELOW_FLOOR + 0.3


def height_for_width(figure: Figure, width: float) -> int:
    """The height at which the figure, drawn ``width`` wide, fills that width: any taller and
    the rest is empty (a body lying down is wide and low)."""
    width_units, height_units = figure_units(figure)
    return math.ceil(width * height_units / width_units)


def paint_figure(
    painter: QPainter, rect: QRectF, figure: Figure, pose: Pose, colours: FigureColours,
    *, flipped: bool = False, arrows: Figure | None = None,
) -> None:
    """Draw ``pose`` of ``figure`` as large as fits in ``rect``, on its floor and mat.

    The scale and place come from every pose of the figure (``figure_bounds``), so a moving or
    mirrored figure never jumps. ``flipped``: the figure is the mirror image (right side).
    ``arrows``: whose movement the ``arrow`` prop shows (default the figure's own; a gallery
    of single poses passes the move into just that pose).
    """
    left, bottom, right, top = figure_bounds(figure)
    width_units, height_units = figure_units(figure)
    scale = min(rect.width() / width_units, rect.height() / height_units)
    if scale <= 0:
        return
    cx = rect.center().x() - (left + right) / 2 * scale
    floor = rect.center().y() + (top - bottom + BELOW_FLOOR) * scale / 2 - BELOW_FLOOR * scale

    def at(p: tuple[float, float]) -> QPointF:
        return QPointF(cx + p[0] * scale, floor - (p[1] - bottom) * scale)

    points = place(pose, figure.view, figure.mirror)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    _ground(painter, figure, rect, (left, bottom, right, top), scale, cx, floor, colours)

    def pen(colour: QColor, width: float) -> QPen:
        p = QPen(colour, width * scale)
        p.setCapStyle(Qt.PenCapStyle.RoundCap)
        p.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        return p

    def limb(name: str, behind: bool) -> None:
        chain = points.limbs[name]
        colour = colours.work if name in figure.work else (colours.far if behind
                                                           else colours.body)
        if behind and name in figure.work:
            colour = blend(colours.work, colours.far, 0.35)
        width = LIMB_WIDTH * (1.12 if name.endswith("leg") else 1.0)
        painter.setPen(pen(colour, width))
        path = QPainterPath(at(chain[0]))
        for p in chain[1:]:
            path.lineTo(at(p))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)

    if "stool" in figure.props:
        _stool(painter, points, at, scale, colours)
    # A front-view twist with the far arm's side forward brings that arm in front of the body.
    back_arm, front_arm = ("arm", "far-arm") if pose.twist < 0 else ("far-arm", "arm")
    limb("far-leg", True)
    limb(back_arm, True)
    trunk_colour = colours.work if "back" in figure.work else colours.body
    painter.setPen(pen(trunk_colour, TRUNK_WIDTH))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    hip, waist, neck = points.hip, points.waist, points.neck
    # Straight from the hip and into the neck, rounded at the waist: the curve stays between the
    # two halves of the back, so a flat low back stays flat on the mat (a partial curl).
    def middle(p: tuple[float, float], q: tuple[float, float], k: float) -> tuple[float, float]:
        return p[0] + (q[0] - p[0]) * k, p[1] + (q[1] - p[1]) * k

    trunk = QPainterPath(at(hip))
    trunk.lineTo(at(middle(hip, waist, 0.35)))
    trunk.quadTo(at(waist), at(middle(waist, neck, 0.65)))
    trunk.lineTo(at(neck))
    painter.drawPath(trunk)
    if points.belly is not None and (pose.belly > 0.0 or "belly" in figure.work):
        _belly(painter, points.belly, at,
               colours.work if "belly" in figure.work else trunk_colour)
    if figure.view != "side":  # seen from the front or above: the limbs hang from a shoulder
        limbs = points.limbs  # line and a hip line, or they would float beside the trunk
        for near, far in (("arm", "far-arm"), ("leg", "far-leg")):
            painter.drawLine(at(limbs[near][0]), at(limbs[far][0]))
    painter.setPen(pen(colours.body, LIMB_WIDTH * 0.9))
    painter.drawLine(at(neck), at(points.head))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colours.body)
    painter.drawEllipse(at(points.head), HEAD_RADIUS * scale, HEAD_RADIUS * scale)
    if points.nose is not None:
        _nose(painter, points.head, points.nose, at, pen(colours.body, 0.12))
    limb("leg", False)
    limb(front_arm, False)
    if "weights" in figure.props:
        _weights(painter, points, at, scale, colours)
    if "stick" in figure.props:
        _stick(painter, points, at, pen(colours.prop, 0.22), flipped)
    if "turn" in figure.props and figure.view == "top":
        _rock(painter, points, pose, at, scale, pen(colours.prop, 0.2))
    elif "turn" in figure.props:
        _turn(painter, points, at, scale, pen(colours.prop, 0.2))
    if "arrow" in figure.props:
        # Edged in the mat's pale colour, so an arrow crossing a limb (a knee lifting past the
        # other leg's shin) stays a line of its own at real size.
        _arrows(painter, arrows or figure, at, scale, pen(colours.mat, 0.3))
        _arrows(painter, arrows or figure, at, scale, pen(colours.prop, 0.16))
        if figure.view == "side" and pelvis_tilts(arrows or figure):
            _tilt(painter, points, at, scale, pen(colours.prop, 0.16), pen(colours.mat, 0.3))
    painter.restore()


def _belly(painter: QPainter, belly: tuple[tuple[float, float], ...], at: Mapper,
           colour: QColor) -> None:
    """The belly swelling out of the trunk's front (a breath in), or, flat, the worked wall of
    the belly (bracing): a filled curve from its lower end over its peak to its upper end."""
    start, peak, end = belly
    # The curve's control point, so that the curve passes through the peak.
    control = (2 * peak[0] - (start[0] + end[0]) / 2, 2 * peak[1] - (start[1] + end[1]) / 2)
    path = QPainterPath(at(start))
    path.quadTo(at(control), at(end))
    path.closeSubpath()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawPath(path)


def _nose(painter: QPainter, head: tuple[float, float], tip: tuple[float, float], at: Mapper,
          pen: QPen) -> None:
    """A small pointed nose on the head, so a body lying face down or face up can be told apart
    at a glance (a plain round head looks the same both ways)."""
    dx, dy = tip[0] - head[0], tip[1] - head[1]
    face = math.atan2(dy, dx)
    path = QPainterPath(at(tip))
    for turn in (0.75, -0.75):
        path.lineTo(at((head[0] + HEAD_RADIUS * 0.9 * math.cos(face + turn),
                        head[1] + HEAD_RADIUS * 0.9 * math.sin(face + turn))))
    path.closeSubpath()
    painter.setPen(pen)
    painter.setBrush(pen.color())
    painter.drawPath(path)
    painter.setPen(Qt.PenStyle.NoPen)


def _ground(
    painter: QPainter, figure: Figure, rect: QRectF, box: tuple[float, float, float, float],
    scale: float, cx: float, floor: float, colours: FigureColours,
) -> None:
    """The mat and the floor line (a top view has only the mat, under the whole body)."""
    left, bottom, right, top = box
    painter.setPen(Qt.PenStyle.NoPen)
    if figure.view == "top":
        if figure.mat:
            painter.setBrush(colours.mat)
            painter.setOpacity(0.3)
            painter.drawRoundedRect(QRectF(cx + (left - 0.1) * scale,
                                           floor - (top - bottom + 0.1) * scale,
                                           (right - left + 0.2) * scale,
                                           (top - bottom + 0.2) * scale),
                                    0.3 * scale, 0.3 * scale)
            painter.setOpacity(1.0)
        return
    if figure.mat:
        painter.setBrush(colours.mat)
        painter.drawRoundedRect(
            QRectF(cx + left * scale, floor, (right - left) * scale, MAT_THICKNESS * scale),
            0.08 * scale, 0.08 * scale,
        )
    line = floor + (MAT_THICKNESS + 0.06) * scale
    floor_pen = QPen(colours.floor, max(1.5, 0.08 * scale))
    floor_pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(floor_pen)
    margin = min(rect.width() * 0.04, 0.5 * scale)
    painter.drawLine(QPointF(rect.left() + margin, line), QPointF(rect.right() - margin, line))


Mapper = Callable[[tuple[float, float]], QPointF]


def _stool(painter: QPainter, points: Points, at: Mapper, scale: float,
           colours: FigureColours) -> None:
    """A low stool under the near heel (the standing hamstring stretch)."""
    ankle = points.limbs["leg"][2]
    height = max(0.0, ankle[1] - LIMB_WIDTH / 2)
    top_left = at((ankle[0] - 0.8, height))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colours.prop)
    painter.drawRoundedRect(QRectF(top_left.x(), top_left.y(), 1.6 * scale,
                                   (height + MAT_THICKNESS) * scale), 0.1 * scale, 0.1 * scale)


def _weights(painter: QPainter, points: Points, at: Mapper, scale: float,
             colours: FigureColours) -> None:
    """A kettlebell hanging from each hand (the farmer's carry): a handle in the fist and a round
    bell under it, so it reads as a weight held in the hand, not a box at the hips."""
    for name in ("far-arm", "arm"):
        hand = points.limbs[name][2]
        colour = colours.prop if name == "arm" else blend(colours.prop, colours.far, 0.5)
        handle = QPen(colour, 0.13 * scale)
        handle.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(handle)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        grip = at((hand[0], hand[1] + 0.08))
        painter.drawRoundedRect(QRectF(grip.x() - 0.28 * scale, grip.y(), 0.56 * scale,
                                       0.65 * scale), 0.24 * scale, 0.24 * scale)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(at((hand[0], hand[1] - 1.0)), 0.5 * scale, 0.47 * scale)


def _stick(painter: QPainter, points: Points, at: Mapper, pen: QPen, flipped: bool) -> None:
    """A broomstick along the back, touching the head, upper back and lower back (hip hinge)."""
    hx, hy = points.hip
    nx, ny = points.head
    length = math.hypot(nx - hx, ny - hy) or 1.0
    ux, uy = (nx - hx) / length, (ny - hy) / length
    # The back is a quarter turn from the spine's direction, away from the way the figure faces.
    side = (-1.0 if flipped else 1.0) * (TRUNK_WIDTH / 2 + 0.12)
    ox, oy = -uy * side, ux * side
    painter.setPen(pen)
    painter.drawLine(at((hx - ux * 0.8 + ox, hy - uy * 0.8 + oy)),
                     at((nx + ux * (HEAD_RADIUS + 0.4) + ox, ny + uy * (HEAD_RADIUS + 0.4) + oy)))


def _rock(painter: QPainter, points: Points, pose: Pose, at: Mapper, scale: float,
          pen: QPen) -> None:
    """Seen from above, a curved two-way arrow round the hips through the knees: the bent knees
    rock from side to side (lower trunk rotation)."""
    hip = points.hip
    along = math.radians(pose.lower_back + 180.0)  # the way the legs lie from the hips
    radius = 2.3  # just past the knees
    arc = [(hip[0] + radius * math.cos(along + math.radians(a)),
            hip[1] + radius * math.sin(along + math.radians(a))) for a in range(-62, 63, 4)]
    _two_way_arc(painter, arc, at, (pen,), 0.42 * scale)


TILT_MIN = 15.0  # degrees: a low back whose angle changes this much rocks the pelvis
TILT_RADIUS = 1.25  # head units: the tilt arrow's arc over the hip


def pelvis_tilts(figure: Figure) -> bool:
    """The low back rocks while the hips stay on the floor and the knees are up (a pelvic tilt):
    the arch alone, seen from the side, read as a belly swelling."""
    first, last = figure.poses[0], figure.poses[-1]
    if abs(first.lower_back - last.lower_back) < TILT_MIN:
        return False
    placed = [place(pose, figure.view, figure.mirror) for pose in (first, last)]
    return all(p.hip[1] < 1.0 and p.limbs["leg"][1][1] > 1.5 for p in placed)


def _tilt(painter: QPainter, points: Points, at: Mapper, scale: float, pen: QPen,
          edge: QPen) -> None:
    """A curved two-way arrow over the hip, from the thigh's side round to the back's: the
    pelvis rocks to and fro (a pelvic tilt)."""
    hip = points.hip
    steps = 16
    arc = [(hip[0] + TILT_RADIUS * math.cos(math.radians(25 + 130 * i / steps)),
            hip[1] + TILT_RADIUS * math.sin(math.radians(25 + 130 * i / steps)))
           for i in range(steps + 1)]
    _two_way_arc(painter, arc, at, (edge, pen), 0.4 * scale)


def _two_way_arc(painter: QPainter, arc: list[tuple[float, float]], at: Mapper,
                 pens: tuple[QPen, ...], head: float) -> None:
    """A curved line through ``arc`` (figure units) with a head at each end, drawn with each
    pen in turn (a pale edge under the arrow's own colour, where one is given)."""
    for drawn in pens:
        path = QPainterPath(at(arc[0]))
        for p in arc[1:]:
            path.lineTo(at(p))
        painter.setPen(drawn)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        for tip, before in ((arc[0], arc[1]), (arc[-1], arc[-2])):
            a, b = at(tip), at(before)
            _arrow_head(painter, a, a.x() - b.x(), a.y() - b.y(), head)


def _arrow_head(painter: QPainter, tip: QPointF, tx: float, ty: float, size: float) -> None:
    """Two short strokes back from ``tip``, opening round the direction (tx, ty) it points."""
    length = math.hypot(tx, ty) or 1.0
    tx, ty = tx / length, ty / length
    for spread in (-0.5, 0.5):
        c, s = math.cos(spread), math.sin(spread)
        bx, by = -(tx * c - ty * s), -(tx * s + ty * c)
        painter.drawLine(tip, QPointF(tip.x() + bx * size, tip.y() + by * size))


def _turn(painter: QPainter, points: Points, at: Mapper, scale: float, pen: QPen) -> None:
    """A curved arrow round the waist, pointing both ways: the upper body turns to and fro
    (helicopters), which a flat picture of one moment cannot show by itself."""
    neck, waist = points.neck, points.waist
    centre = at((0.85 * waist[0] + 0.15 * neck[0], 0.85 * waist[1] + 0.15 * neck[1]))
    rx, ry = 2.3 * scale, 0.55 * scale
    # The front of the ellipse (in front of the body), from one side round to the other.
    start, sweep = 200.0, 140.0  # Qt: degrees counter-clockwise from 3 o'clock; down is 270
    box = QRectF(centre.x() - rx, centre.y() - ry, 2 * rx, 2 * ry)
    path = QPainterPath()
    path.arcMoveTo(box, start)
    path.arcTo(box, start, sweep)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    head = 0.42 * scale
    for angle, direction in ((start, 1.0), (start + sweep, -1.0)):
        rad = math.radians(angle)
        tip = QPointF(centre.x() + rx * math.cos(rad), centre.y() - ry * math.sin(rad))
        # the arc's direction at its end, pointing away from the arc (outwards)
        _arrow_head(painter, tip, rx * math.sin(rad) * direction,
                    ry * math.cos(rad) * direction, head)


ARROW_MIN = 1.5  # head units: a hand or foot that moves less than this gets no arrow
KNEE_LIFT_MIN = 0.2  # head units: a knee on the floor that rises this much gets an up arrow
ON_FLOOR = 0.35  # head units: a knee or hand this low (its joint centre) rests on the floor
PUSH_RISE_MIN = 1.0  # head units: a shoulder rising this much over a planted hand is a push


@dataclass(frozen=True)
class Arrow:
    """A straight arrow in head units, from ``start`` to ``end``; ``both``: a head at each end
    (a to-and-fro movement, a breath in and out)."""

    start: tuple[float, float]
    end: tuple[float, float]
    both: bool = False


@lru_cache(maxsize=256)  # every frame draws them twice (edge, line): worked out once a figure
def movement_arrows(figure: Figure) -> tuple[Arrow, ...]:
    """The arrows the ``arrow`` prop draws, from the first pose to the pose where each hand or
    foot is farthest from it (the key pose, or for a march each leg's own tap): which limbs
    move, and which way, is the one thing that tells the look-alike dead bug variants apart in a
    still picture; a knee that leaves the floor by an inch (knee hover) and a belly that rises
    and falls (breathing) are too small to see without one."""
    placed = [place(pose, figure.view, figure.mirror) for pose in figure.poses]
    first, last = placed[0], placed[-1]
    arrows: list[Arrow] = []
    for name in LIMBS:
        x0, y0 = first.limbs[name][2]
        x1, y1 = max((points.limbs[name][2] for points in reversed(placed)),
                     key=lambda p: math.hypot(p[0] - x0, p[1] - y0))
        length = math.hypot(x1 - x0, y1 - y0)
        if length < ARROW_MIN:
            continue
        ux, uy = (x1 - x0) / length, (y1 - y0) / length
        # The middle of the way, clear of the hand or foot at either end.
        arrows.append(Arrow((x0 + ux * length * 0.28, y0 + uy * length * 0.28),
                            (x0 + ux * length * 0.86, y0 + uy * length * 0.86)))
    if figure.view == "side":
        for name in ("leg", "far-leg"):
            (_, k0), (kx, k1) = first.limbs[name][1], last.limbs[name][1]
            if k0 > ON_FLOOR or k1 - k0 < KNEE_LIFT_MIN:
                continue
            # Beside the knee, on the side away from the lower leg, from the floor upwards.
            side = 1.0 if kx >= last.limbs[name][2][0] else -1.0
            arrow = Arrow((kx + side * 0.75, 0.05), (kx + side * 0.75, k1 + 1.0))
            if arrow not in arrows:  # both knees lift together: one arrow
                arrows.append(arrow)
        for name in ("arm", "far-arm"):
            (_, s0), (sx, s1) = first.limbs[name][0], last.limbs[name][0]
            (hx0, hy0), (hx, hy) = first.limbs[name][2], last.limbs[name][2]
            if max(hy0, hy) > ON_FLOOR or math.hypot(hx - hx0, hy - hy0) >= ARROW_MIN \
                    or s1 - s0 < PUSH_RISE_MIN:
                continue
            # A hand planted on the floor while its shoulder rises pushes the body up (a
            # press-up): an up arrow in front of the hand, on the side away from the shoulder.
            side = 1.0 if hx >= sx else -1.0
            arrow = Arrow((hx + side * 0.8, 0.3), (hx + side * 0.8, 0.3 + (s1 - s0) * 0.7))
            if arrow not in arrows:  # both hands push together: one arrow
                arrows.append(arrow)
        if first.belly is not None and last.belly is not None \
                and figure.poses[0].belly != figure.poses[-1].belly:
            start, peak, end = last.belly
            mx, my = (start[0] + end[0]) / 2, (start[1] + end[1]) / 2
            dx, dy = peak[0] - mx, peak[1] - my
            size = math.hypot(dx, dy) or 1.0
            dx, dy = dx / size, dy / size
            arrows.append(Arrow((peak[0] + dx * 0.45, peak[1] + dy * 0.45),
                                (peak[0] + dx * 1.55, peak[1] + dy * 1.55), both=True))
    return tuple(arrows)


def _arrows(painter: QPainter, figure: Figure, at: Mapper, scale: float, pen: QPen) -> None:
    """Draw ``movement_arrows``: a line with a head at its end (or at both ends)."""
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    head = 0.4 * scale
    for arrow in movement_arrows(figure):
        a, b = at(arrow.start), at(arrow.end)
        painter.drawLine(a, b)
        _arrow_head(painter, b, b.x() - a.x(), b.y() - a.y(), head)
        if arrow.both:
            _arrow_head(painter, a, a.x() - b.x(), a.y() - b.y(), head)


@lru_cache(maxsize=256)
def _sided(figure: Figure, side: str | None) -> Figure:
    return figure_for_side(figure, side)


_TOKENS: dict[Figure, int] = {}


def _token(figure: Figure) -> int:
    """A small number for ``figure`` (the same for equal figures): a cheap frame-cache key."""
    token = _TOKENS.get(figure)
    if token is None:
        token = _TOKENS[figure] = len(_TOKENS)
    return token


def figure_pixmap(figure: Figure, size: QSize, side: str | None, colours: FigureColours,
                  *, ratio: float = 1.0, pose: int = -1) -> QPixmap:
    """A still picture of one pose (the key pose unless ``pose`` says which), for thumbnails
    and previews; transparent around the figure, and cached."""
    key = (figure, size.width(), size.height(), side, ratio, pose,
           tuple(colour.rgba() for colour in _colour_values(colours)))
    pixmap = _PIXMAPS.get(key)
    if pixmap is None:
        if len(_PIXMAPS) >= PIXMAP_CACHE:
            _PIXMAPS.pop(next(iter(_PIXMAPS)))
        pixmap = _pixmap(figure, size.width(), size.height(), side, colours, ratio, pose)
        _PIXMAPS[key] = pixmap
    return pixmap


PIXMAP_CACHE = 256
_PIXMAPS: dict[tuple[object, ...], QPixmap] = {}


def _colour_values(colours: FigureColours) -> tuple[QColor, ...]:
    return (colours.body, colours.far, colours.work, colours.floor, colours.mat, colours.prop)


def _pixmap(figure: Figure, width: int, height: int, side: str | None,
            colours: FigureColours, ratio: float, pose: int) -> QPixmap:
    pixmap = QPixmap(round(width * ratio), round(height * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    sided = _sided(figure, side)
    painter = QPainter(pixmap)
    paint_figure(painter, QRectF(0, 0, width, height), sided, sided.poses[pose], colours,
                 flipped=side == "right")
    painter.end()
    return pixmap


TimeSource = Callable[[], float | None]


class FigureView(QWidget):
    """Shows one exercise's figure for a side; moves it while a time source says the step counts.

    ``follow(source, step_seconds)``: each frame the pose is ``pose_at`` the source's elapsed
    seconds in the step (None from the source: hold the pose), snapped to the frame grid.
    With ``own_frames=False`` the owner calls ``frame_at(elapsed)`` for each frame instead of
    the view's timer. ``hold()`` stops moving and keeps the pose shown; ``show_key_pose()``
    shows the figure's key pose, still.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._figure: Figure | None = None
        self._flipped = False
        self._pose: Pose | None = None
        self._source: TimeSource | None = None
        self._step_seconds: float | None = None
        self._moment: float | None = None  # the frame shown (None: a still pose)
        # (figure token, step seconds, size, ratio, budget) -> frames a second and whether
        # cached (``FrameCache.rate_for``): worked out again only when one of those changes.
        self._plan: tuple[tuple[object, ...], int, bool] = ((), FRAME_RATE, False)
        self._token = -1  # the figure's frame-cache key (``_token``)
        self._own_frames = True
        self.frames = FrameCache()
        self._colours: tuple[int, FigureColours] | None = None  # (palette key, colours)
        self._reduce_motion = False
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._frame)
        self._watched: QWidget | None = None
        # Every pixel is painted here (background included), so a frame repaints nothing else.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setMinimumSize(80, 60)

    # -- what to show ------------------------------------------------------------------------

    @property
    def figure(self) -> Figure | None:
        """The figure shown, already turned for its side (None: nothing to show)."""
        return self._figure

    @property
    def pose(self) -> Pose | None:
        if self._pose is None and self._moment is not None and self._figure is not None:
            # A frame's pose is worked out only when needed: mostly the frame is copied.
            self._pose = pose_at(self._figure, self._moment, self._step_seconds)
        return self._pose

    @property
    def animating(self) -> bool:
        """Whether the figure moves now: frames (the timer's or the owner's) show new moments."""
        return self._moving() and (self._timer.isActive() or not self._own_frames)

    @property
    def timer_running(self) -> bool:
        """Whether the view's own frame timer runs (tests read it)."""
        return self._timer.isActive()

    def set_figure(self, figure: Figure | None, side: str | None = None) -> None:
        sided = None if figure is None else _sided(figure, side)
        flipped = side == "right"
        if sided == self._figure and flipped == self._flipped:
            return
        self._figure, self._flipped = sided, flipped
        self._source = None
        self._moment = None
        self._pose = None if sided is None else key_pose(sided)
        if sided is not None:
            self._token = _token(sided)
        self._update_timer()
        self.update()

    def show_key_pose(self) -> None:
        """Still, in the figure's key pose (rests, the next-up screen, reduce motion)."""
        self._source = None
        self._update_timer()
        if self._figure is not None:
            self._show(key_pose(self._figure))

    def follow(self, source: TimeSource, step_seconds: float | None, *,
               own_frames: bool = True) -> None:
        """Move with the step: ``source`` gives the seconds done of it (from the runner).

        ``own_frames=False``: no timer of the view's own; the owner calls ``frame_at``.
        """
        self._source = source
        self._own_frames = own_frames
        if step_seconds != self._step_seconds:
            self._moment = None  # a "step" cycle's frames depend on the step's length
        self._step_seconds = step_seconds
        self._frame()
        self._update_timer()

    def frame_at(self, elapsed: float) -> None:
        """The owner's frame: show the moment ``elapsed`` seconds into the step, if moving."""
        if self._moving() and self._figure is not None:
            self._show_moment(self._figure, elapsed)

    def hold(self) -> None:
        """Stop moving where the figure is (a paused step)."""
        self._source = None
        self._update_timer()

    def refresh(self) -> None:
        """Show the pose of this moment now, without waiting for the next frame."""
        self._frame()

    def set_reduce_motion(self, reduce: bool) -> None:
        self._reduce_motion = reduce
        if reduce and self._figure is not None:
            self._show(key_pose(self._figure))
        self._update_timer()

    # -- frames ------------------------------------------------------------------------------

    def _moving(self) -> bool:
        window = self.window()
        return (self._figure is not None and self._figure.moves and self._source is not None
                and not self._reduce_motion and self.isVisible()
                and not window.isMinimized())

    def _update_timer(self) -> None:
        if self._moving() and self._own_frames:
            if not self._timer.isActive():
                self._timer.start()
        else:
            self._timer.stop()

    def _frame(self) -> None:
        if self._figure is None or self._source is None:
            return
        if self._reduce_motion:
            self._show(key_pose(self._figure))
            return
        elapsed = self._source()
        if elapsed is None:
            return
        self._show_moment(self._figure, elapsed)
        if not self._moving():
            self._timer.stop()

    def _show_moment(self, figure: Figure, elapsed: float) -> None:
        rate, _ = self._frame_plan(figure)
        moment = frame_moment(figure, elapsed, self._step_seconds, rate)
        if moment != self._moment:
            self._moment = moment
            self._pose = None  # worked out when drawn (``pose``)
            self.update()

    def _show(self, pose: Pose) -> None:
        """A still pose (drawn once into the frame cache, then copied)."""
        if pose != self._pose or self._moment is not None:
            self._moment = None
            self._pose = pose
            self.update()

    # -- Qt ----------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        figure, moment = self._figure, self._moment
        ratio = self.devicePixelRatioF()
        if figure is not None and moment is not None and self._frame_plan(figure)[1]:
            # The figure by its token, not itself: hashing a figure hashes all its poses.
            key = (self._token, self._flipped, cycle_seconds(figure, self._step_seconds),
                   moment, self.width(), self.height(), ratio, self.palette().cacheKey())
            frame = self.frames.frame(key, self.size(), ratio, lambda p: self._draw(
                p, self.rect(), self.pose, self._figure_colours()))
            painter.drawPixmap(0, 0, frame)  # clipped to what needs painting
        elif (figure is not None and moment is None and self._pose is not None
              and self.height() >= MIN_DRAWN):
            # A still pose comes back at every rest and get-ready of the exercise: drawn once
            # (~1-2 ms of antialiased strokes), then copied like a frame.
            pose = self._pose
            still = (self._token, self._flipped, "still", pose, self.width(), self.height(),
                   ratio, self.palette().cacheKey())
            frame = self.frames.frame(still, self.size(), ratio, lambda p: self._draw(
                p, self.rect(), pose, self._figure_colours()))
            painter.drawPixmap(0, 0, frame)
        else:
            self._draw(painter, event.rect(), self.pose, self._figure_colours())
        painter.end()

    def _frame_plan(self, figure: Figure) -> tuple[int, bool]:
        """(frames a second, whether they are cached) for the figure, step and size now."""
        size, ratio = self.size(), self.devicePixelRatioF()
        key = (self._token, self._step_seconds, size.width(), size.height(), ratio,
               self.frames.budget)
        if self._plan[0] != key:
            rate = self.frames.rate_for(figure, self._step_seconds, size, ratio)
            self._plan = (key, rate or FRAME_RATE, rate is not None)
        return self._plan[1], self._plan[2]

    def _draw(self, painter: QPainter, rect: QRect, pose: Pose | None,
              colours: FigureColours) -> None:
        """The background over ``rect``, and the figure in ``pose`` (when there is room)."""
        painter.fillRect(rect, self.palette().window())
        if self._figure is not None and pose is not None and self.height() >= MIN_DRAWN:
            paint_figure(painter, QRectF(self.contentsRect()), self._figure, pose, colours,
                         flipped=self._flipped)

    def _figure_colours(self) -> FigureColours:
        """The theme's figure colours, worked out again only when the palette changes."""
        key = self.palette().cacheKey()
        if self._colours is None or self._colours[0] != key:
            self._colours = (key, figure_colours(self))
        return self._colours[1]

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        window = self.window()
        if window is not self._watched:  # minimising the window stops the frames too
            if self._watched is not None:
                self._watched.removeEventFilter(self)
            window.installEventFilter(self)
            self._watched = window
        self._update_timer()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._watched and event.type() == QEvent.Type.WindowStateChange:
            self._update_timer()
        return False

    def sizeHint(self) -> QSize:
        return QSize(320, 200)
