"""The step's progress as a ring around the countdown.

The ring is always a circle, whatever it holds ("SWITCH SIDES", "9:59"): the session screen
sizes the words and digits to fit inside it (``inner_radius``), never the ring to fit them.
Progress runs clockwise from the top centre. A forward step
repaints only the part of the track it covers; how often the track is stepped is up to the
session screen (three times a second, from the runner's snapshots).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from backtimer.ui.common.theme import blend

TRACKS_KEPT = 6  # drawn tracks kept: a session's step colours (hold, rest, get ready, ...)


class ProgressRing(QWidget):
    """A rounded track with a coloured sweep for ``fraction`` (0 to 1). Children sit inside.

    Signals:
        resized(): the ring's size changed (its owner fits the words inside it again); a
            signal rather than an event filter, which would cost a Python call per paint.
    """

    resized = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._fraction = 0.0
        self._colour = QColor("#1a8a4f")
        self._dimmed = False
        self._path = QPainterPath()
        self._length = 0.0
        # The track's pieces in order, for ``_point``: (kind, length, x, y, a, b), worked out
        # once per size: straights start at (x, y) going (a, b); arcs turn about centre (x, y)
        # from angle a (clockwise from straight up), radius b.
        self._pieces: list[tuple[str, float, float, float, float, float]] = []
        self._pens: tuple[tuple[object, ...], QPen] | None = None  # (key, the sweep's pen)
        # The background and the whole track, drawn once per size and colour: a sweep frame
        # copies the part it repaints instead of stroking the track's circle again. A few are
        # kept, so a step change between a hold's and a rest's colour draws nothing anew.
        self._tracks: dict[tuple[object, ...], QPixmap] = {}
        self._geometry = (self.size(), QRectF(), 8.0)  # (for size, track_rect, stroke_width)
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
        self.resized.emit()

    def _rebuild(self) -> None:
        self._path = self._track_path()
        rect = self.track_rect()
        r = min(rect.width(), rect.height()) / 2
        sx = max(0.0, rect.width() - 2 * r)
        sy = max(0.0, rect.height() - 2 * r)
        self._length = 2 * sx + 2 * sy + 2 * math.pi * r
        left, top, right, bottom = rect.left(), rect.top(), rect.right(), rect.bottom()
        quarter = math.pi * r / 2
        cx = rect.center().x()
        self._pieces = [
            ("line", sx / 2, cx, top, 1.0, 0.0),
            ("arc", quarter, right - r, top + r, 0.0, r),
            ("line", sy, right, top + r, 0.0, 1.0),
            ("arc", quarter, right - r, bottom - r, math.pi / 2, r),
            ("line", sx, right - r, bottom, -1.0, 0.0),
            ("arc", quarter, left + r, bottom - r, math.pi, r),
            ("line", sy, left, bottom - r, 0.0, -1.0),
            ("arc", quarter, left + r, top + r, 3 * math.pi / 2, r),
            ("line", sx / 2, left + r, top, 1.0, 0.0),
        ]
        self._pens = None
        self._tracks.clear()
        self._geometry = (self.size(), rect, self.stroke_width())

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

    def _point(self, fraction: float) -> tuple[float, float]:
        """The point ``fraction`` of the way round the track, computed directly.

        QPainterPath.percentAtLength would do, but it costs ~0.2 ms a call, which alone was
        more than 1% of a core at 15 frames a second; the pieces are worked out once per size.
        """
        rest = max(0.0, min(1.0, fraction)) * self._length
        for shape, length, x, y, a, b in self._pieces:
            if rest <= length or length == self._length:
                if shape == "line":
                    return x + a * rest, y + b * rest
                angle = a + (rest / b if b else 0.0)
                return x + b * math.sin(angle), y - b * math.cos(angle)
            rest -= length
        rect = self.track_rect()
        return rect.center().x(), rect.top()

    def _segment_rect(self, start: float, end: float) -> QRectF:
        """The area the sweep from ``start`` to ``end`` covers, with the pen's width around it."""
        # A point at least every 15 degrees: the usual tenth of a second's step needs three.
        steps = max(2, math.ceil(abs(end - start) * 24))
        points = [self._point(start + (end - start) * i / steps) for i in range(steps + 1)]
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        pad = self.stroke_width() + 2
        return QRectF(min(xs) - pad, min(ys) - pad, max(xs) - min(xs) + 2 * pad,
                      max(ys) - min(ys) + 2 * pad)

    def _sweep_pen(self, back: QColor, width: float) -> QPen:
        """The sweep's pen, made again only when the colour, size or dimming change."""
        key = (back.rgba(), self._colour.rgba(), width, self._dimmed)
        if self._pens is None or self._pens[0] != key:
            colour = blend(self._colour, back, 0.45) if self._dimmed else self._colour
            sweep = QPen(colour, width)
            sweep.setCapStyle(Qt.PenCapStyle.RoundCap)
            self._pens = (key, sweep)
        return self._pens[1]

    def _track_pixmap(self, back: QColor, width: float) -> QPixmap:
        """The background with the empty track on it, drawn again only when something changes."""
        ratio = self.devicePixelRatioF()
        key = (back.rgba(), self._colour.rgba(), width, self.width(), self.height(), ratio)
        pixmap = self._tracks.get(key)
        if pixmap is None:
            if len(self._tracks) >= TRACKS_KEPT:  # a new size or theme: the old ones go
                self._tracks.clear()
            pixmap = QPixmap(round(self.width() * ratio), round(self.height() * ratio))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(back)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(blend(self._colour, back, 0.16), width))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(self._path)
            painter.end()
            self._tracks[key] = pixmap
        return pixmap

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._geometry[0] != self.size():
            self._rebuild()
        _, rect, width = self._geometry
        painter = QPainter(self)
        back = self.palette().color(self.backgroundRole())
        painter.drawPixmap(0, 0, self._track_pixmap(back, width))  # clipped to the event's rect
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self._fraction > 0:
            sweep = self._sweep_pen(back, width)
            painter.setPen(sweep)
            if abs(rect.width() - rect.height()) < 0.5:
                # A circle: an arc is far cheaper to draw than a dashed path.
                painter.drawArc(rect, 90 * 16, -round(self._fraction * 360 * 16))
            else:
                drawn = self._length * self._fraction
                if self._fraction < 1.0:
                    sweep = QPen(sweep)  # the kept pen stays plain
                    # A dash as long as the done part, then a gap longer than the whole track.
                    sweep.setDashPattern([drawn / width, (self._length + width) / width])
                    painter.setPen(sweep)
                painter.drawPath(self._path)
        painter.end()
