"""A brief wash of colour over the window when the step changes, for whoever missed the sound."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QVariantAnimation
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

FLASH_MS = 650


class FlashOverlay(QWidget):
    """Covers its parent, lets every click through, and fades a colour out once per ``flash``."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._host = parent
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self._colour = QColor(0, 0, 0, 0)
        self._strength = 0.0
        self._animation = QVariantAnimation(self)
        self._animation.setDuration(FLASH_MS)
        self._animation.setStartValue(0.42)
        self._animation.setEndValue(0.0)
        self._animation.valueChanged.connect(self._step)
        self._animation.finished.connect(self.hide)
        self.flashes = 0  # how many flashes started (tests and the preview script read it)
        parent.installEventFilter(self)
        self.resize(parent.size())
        self.hide()

    def flash(self, colour: QColor) -> None:
        self.flashes += 1
        self._colour = QColor(colour)
        self.resize(self._host.size())
        self.raise_()
        self.show()
        self._animation.stop()
        self._animation.start()

    @property
    def active(self) -> bool:
        return self.isVisible()

    def _step(self, value: object) -> None:
        self._strength = float(value)  # type: ignore[arg-type]
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.resize(self._host.size())
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        colour = QColor(self._colour)
        colour.setAlphaF(max(0.0, min(1.0, self._strength)))
        painter = QPainter(self)
        painter.fillRect(self.rect(), colour)
        painter.end()
