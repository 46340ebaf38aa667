"""A thin rounded progress bar for the whole session; repaints only the pixels that change.

The bar paints its own background (it is opaque to Qt), so a step of its fill repaints the few
columns that changed and nothing of the window beneath it.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from backtimer.ui.common.theme import blend


class SlimBar(QWidget):
    def __init__(self, parent: QWidget | None = None, height: int = 8) -> None:
        super().__init__(parent)
        self._fraction = 0.0
        self._colour = QColor("#1a8a4f")
        self.setFixedHeight(height)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._track: tuple[int, QColor] = (-1, QColor())  # (palette key, the track's colour)

    @property
    def fraction(self) -> float:
        return self._fraction

    def sizeHint(self) -> QSize:
        return QSize(200, self.height())

    def set_colour(self, colour: QColor) -> None:
        if colour != self._colour:
            self._colour = QColor(colour)
            self.update()

    def set_fraction(self, fraction: float) -> None:
        fraction = min(1.0, max(0.0, fraction))
        before = self._fill_width(self._fraction)
        self._fraction = fraction
        after = self._fill_width(fraction)
        if after != before:
            # The fill's rounded end spans one bar height: repaint from there to the new end.
            left = min(before, after) - self.height() - 1
            self.update(QRect(left, 0, abs(after - before) + self.height() + 2, self.height()))

    def _fill_width(self, fraction: float) -> int:
        """How many pixels the fill reaches (at least a round dot once anything is done)."""
        done = round(self.width() * fraction)
        return max(done, self.height()) if done > 0 else 0

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        palette = self.palette()
        back = palette.color(self.backgroundRole())
        painter.fillRect(event.rect(), back)
        radius = self.height() / 2
        if self._track[0] != palette.cacheKey():  # worked out again only for a new palette
            self._track = (palette.cacheKey(),
                           blend(palette.color(self.foregroundRole()), back, 0.12))
        painter.setBrush(self._track[1])
        painter.drawRoundedRect(QRectF(self.rect()), radius, radius)
        done = self._fill_width(self._fraction)
        if done > 0:
            painter.setBrush(self._colour)
            painter.drawRoundedRect(QRectF(0, 0, done, self.height()), radius, radius)
        painter.end()
