"""A thin rounded progress bar for the whole session; repaints only when a pixel changes."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from backtimer.ui.theme import blend


class SlimBar(QWidget):
    def __init__(self, parent: QWidget | None = None, height: int = 8) -> None:
        super().__init__(parent)
        self._fraction = 0.0
        self._colour = QColor("#1a8a4f")
        self.setFixedHeight(height)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

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
        before = round(self._fraction * self.width())
        self._fraction = fraction
        if round(fraction * self.width()) != before:
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        back = self.palette().color(self.backgroundRole())
        radius = self.height() / 2
        painter.setBrush(blend(self.palette().color(self.foregroundRole()), back, 0.12))
        painter.drawRoundedRect(QRectF(self.rect()), radius, radius)
        done = self.width() * self._fraction
        if done > 0:
            painter.setBrush(self._colour)
            painter.drawRoundedRect(QRectF(0, 0, max(done, self.height()), self.height()),
                                    radius, radius)
        painter.end()
