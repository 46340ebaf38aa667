"""The step's progress as a ring around the countdown.

The ring is always a circle, whatever it holds ("SWITCH SIDES", "9:59"): the session screen
sizes the words and digits to fit inside it (``inner_radius``), never the ring to fit them.
Progress runs clockwise from the top centre. A forward step
repaints only the part of the track it covers; how often the track is stepped is up to the
session screen (about ten times a second, from the runner's snapshots).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from backtimer.ui.common.theme import blend


class ProgressRing(QWidget):
    """A rounded track with a coloured sweep for ``fraction`` (0 to 1). Children sit inside."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._fraction = 0.0
        self._colour = QColor("#1a8a4f")
        self._dimmed = False
        self._path = QPainterPath()
        self._length = 0.0
        # The ring fills its own background, so a sweep frame repaints only the ring, not the
        # window, stack and screen beneath it.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    # -- API ------------------------------------------------------------------------------------

    @property
    def fraction(self) -> float:
        return self._fraction

    def stroke_width(self) -> float:
        return max(8.0, min(self.width(), self.height()) * 0.04)

    def track_rect(self) -> QRectF:
        """Where the track's centre line runs: the largest centred square (a circle)."""
        inset = self.stroke_width() / 2 + 2
        area = QRectF(self.rect()).adjusted(inset, inset, -inset, -inset)
        side = max(0.0, min(area.width(), area.height()))
        centre = area.center()
        return QRectF(centre.x() - side / 2, centre.y() - side / 2, side, side)

    def inner_radius(self) -> float:
        """How far from the centre text may reach: inside the track, with a clear gap."""
        stroke = self.stroke_width()
        return max(0.0, self.track_rect().width() / 2 - stroke / 2 - max(6.0, stroke * 0.6))

    def set_colour(self, colour: QColor) -> None:
        if colour != self._colour:
            self._colour = QColor(colour)
            self.update()

    def set_dimmed(self, dimmed: bool) -> None:
        if dimmed != self._dimmed:
            self._dimmed = dimmed
            self.update()

    def set_fraction(self, fraction: float, *, force: bool = False) -> None:
        """Show ``fraction`` done: a forward move repaints the track's changed part only."""
        fraction = min(1.0, max(0.0, fraction))
        if fraction == self._fraction and not force:
            return
        old = self._fraction
        self._fraction = fraction
        if force or fraction < old:
            self.update()
        else:
            self.update(self._segment_rect(old, fraction).toAlignedRect())

    # -- painting -------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._rebuild()
        super().resizeEvent(event)

    def _rebuild(self) -> None:
        self._path = self._track_path()
        rect = self.track_rect()
        radius = min(rect.width(), rect.height()) / 2
        straight_x = max(0.0, rect.width() - 2 * radius)
        straight_y = max(0.0, rect.height() - 2 * radius)
        self._length = 2 * straight_x + 2 * straight_y + 2 * math.pi * radius

    def _track_path(self) -> QPainterPath:
        rect = self.track_rect()
        radius = min(rect.width(), rect.height()) / 2
        path = QPainterPath()
        if rect.width() <= 0 or rect.height() <= 0:
            return path
        left, top, right, bottom = rect.left(), rect.top(), rect.right(), rect.bottom()
        d = radius * 2
        path.moveTo(rect.center().x(), top)
        path.lineTo(right - radius, top)
        path.arcTo(QRectF(right - d, top, d, d), 90, -90)
        path.lineTo(right, bottom - radius)
        path.arcTo(QRectF(right - d, bottom - d, d, d), 0, -90)
        path.lineTo(left + radius, bottom)
        path.arcTo(QRectF(left, bottom - d, d, d), 270, -90)
        path.lineTo(left, top + radius)
        path.arcTo(QRectF(left, top, d, d), 180, -90)
        path.closeSubpath()
        return path

    def _point(self, fraction: float) -> QPointF:
        """The point ``fraction`` of the way round the track, computed directly.

        QPainterPath.percentAtLength would do, but it costs ~0.2 ms a call, which alone was
        more than 1% of a core at 15 frames a second.
        """
        rect = self.track_rect()
        r = min(rect.width(), rect.height()) / 2
        sx = max(0.0, rect.width() - 2 * r)
        sy = max(0.0, rect.height() - 2 * r)
        left, top, right, bottom = rect.left(), rect.top(), rect.right(), rect.bottom()
        quarter = math.pi * r / 2
        rest = max(0.0, min(1.0, fraction)) * self._length
        # (length, start point, direction) for straights; (length, centre, start angle) for arcs,
        # angles measured clockwise from straight up.
        pieces: list[tuple[str, float, QPointF, float, float]] = [
            ("line", sx / 2, QPointF(rect.center().x(), top), 1.0, 0.0),
            ("arc", quarter, QPointF(right - r, top + r), 0.0, 0.0),
            ("line", sy, QPointF(right, top + r), 0.0, 1.0),
            ("arc", quarter, QPointF(right - r, bottom - r), math.pi / 2, 0.0),
            ("line", sx, QPointF(right - r, bottom), -1.0, 0.0),
            ("arc", quarter, QPointF(left + r, bottom - r), math.pi, 0.0),
            ("line", sy, QPointF(left, bottom - r), 0.0, -1.0),
            ("arc", quarter, QPointF(left + r, top + r), 3 * math.pi / 2, 0.0),
            ("line", sx / 2, QPointF(left + r, top), 1.0, 0.0),
        ]
        for shape, length, anchor, a, b in pieces:
            if rest <= length or length == self._length:
                if shape == "line":
                    return QPointF(anchor.x() + a * rest, anchor.y() + b * rest)
                angle = a + (rest / r if r else 0.0)
                return QPointF(anchor.x() + r * math.sin(angle), anchor.y() - r * math.cos(angle))
            rest -= length
        return QPointF(rect.center().x(), top)

    def _segment_rect(self, start: float, end: float) -> QRectF:
        """The area the sweep from ``start`` to ``end`` covers, with the pen's width around it."""
        steps = 6
        points = [self._point(start + (end - start) * i / steps) for i in range(steps + 1)]
        xs = [p.x() for p in points]
        ys = [p.y() for p in points]
        pad = self.stroke_width() + 2
        return QRectF(min(xs) - pad, min(ys) - pad, max(xs) - min(xs) + 2 * pad,
                      max(ys) - min(ys) + 2 * pad)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        back = self.palette().color(self.backgroundRole())
        painter.fillRect(event.rect(), back)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = self.stroke_width()
        track = QPen(blend(self._colour, back, 0.16), width)
        painter.setPen(track)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)
        if self._fraction > 0:
            colour = blend(self._colour, back, 0.45) if self._dimmed else self._colour
            sweep = QPen(colour, width)
            sweep.setCapStyle(Qt.PenCapStyle.RoundCap)
            rect = self.track_rect()
            painter.setPen(sweep)
            if abs(rect.width() - rect.height()) < 0.5:
                # A circle: an arc is far cheaper to draw than a dashed path.
                painter.drawArc(rect, 90 * 16, -round(self._fraction * 360 * 16))
            else:
                drawn = self._length * self._fraction
                if self._fraction < 1.0:
                    # A dash as long as the done part, then a gap longer than the whole track.
                    sweep.setDashPattern([drawn / width, (self._length + width) / width])
                    painter.setPen(sweep)
                painter.drawPath(self._path)
        painter.end()
