"""A brief coloured frame around the window when the step changes, for whoever missed the sound.

Why a frame and not a wash over the whole window: a translucent fill of a 1280x800 window at
animation speed made Qt repaint every widget beneath it ~40 times per step change, and Qt's
raster engine splits fills that tall across its worker threads; in the drift benchmark the
flash alone cost ~1% of a core and ~50 thread wake-ups a second. The frame is four thin opaque
strips along the edges (over the window's margins), painted in the step's colour blended into
the window's background, and it fades in three steps, so each step paints ~70,000 pixels
of plain colour and nothing beneath it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from backtimer.ui.common.theme import blend

# (strength, milliseconds) per step: a held flash, then a quick fade; 650 ms in all. Each step
# is one wake-up of the window while a session counts: three, not the five of even 130 ms steps.
STEPS = ((0.85, 330), (0.5, 160), (0.2, 160))
EDGE_SHARE = 0.025  # the frame's width, of the window's shorter side


def edge_width_for(width: int, height: int) -> int:
    """The frame's width over an area this size (the session screen keeps its text inside it)."""
    return max(8, round(min(width, height) * EDGE_SHARE))


class _Strip(QWidget):
    """One edge of the frame: a plain rectangle that paints every pixel it covers."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        # Opaque: Qt need not paint what lies beneath when the strip changes colour.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.colour = QColor(0, 0, 0)
        self.paints = 0  # tests count them

    def paintEvent(self, event: QPaintEvent) -> None:
        self.paints += 1
        painter = QPainter(self)
        painter.fillRect(event.rect(), self.colour)
        painter.end()


class FlashOverlay(QObject):
    """Flashes a frame around ``parent``'s edges once per ``flash``; lets every click through."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._host = parent
        self._colour = QColor(0, 0, 0)
        self._step = 0
        self.strips = [_Strip(parent) for _ in range(4)]
        for strip in self.strips:
            strip.hide()
        self._timer = QTimer(self)
        self._timer.setInterval(STEPS[0][1])
        self._timer.timeout.connect(self._next)
        self.flashes = 0  # how many flashes started (tests and the preview script read it)
        parent.installEventFilter(self)

    def flash(self, colour: QColor) -> None:
        self.flashes += 1
        self._colour = QColor(colour)
        self._step = 0
        self._place()
        self._paint_step()
        for strip in self.strips:
            strip.raise_()
            strip.show()
        self._timer.start(STEPS[0][1])

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    @property
    def strength(self) -> float:
        """How strongly the frame shows now (0 when it is hidden)."""
        return STEPS[self._step][0] if self.active else 0.0

    def edge_width(self) -> int:
        return edge_width_for(self._host.width(), self._host.height())

    def hide(self) -> None:
        """End the flash now (the screen renderer wants still pictures)."""
        self._timer.stop()
        for strip in self.strips:
            strip.hide()

    def _next(self) -> None:
        self._step += 1
        if self._step >= len(STEPS):
            self.hide()
            return
        self._timer.setInterval(STEPS[self._step][1])
        self._paint_step()

    def _paint_step(self) -> None:
        back = self._host.palette().color(self._host.backgroundRole())
        colour = blend(self._colour, back, STEPS[self._step][0])
        for strip in self.strips:
            if strip.colour != colour:
                strip.colour = colour
                strip.update()

    def _place(self) -> None:
        w, h, e = self._host.width(), self._host.height(), self.edge_width()
        top, bottom, left, right = self.strips
        top.setGeometry(0, 0, w, e)
        bottom.setGeometry(0, h - e, w, e)
        left.setGeometry(0, e, e, max(0, h - 2 * e))
        right.setGeometry(w - e, e, e, max(0, h - 2 * e))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._host and event.type() == QEvent.Type.Resize:
            self._place()
        return False
