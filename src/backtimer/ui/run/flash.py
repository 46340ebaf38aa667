"""A brief coloured frame around the window when the step changes, for whoever missed the sound.

Why a frame and not a wash over the whole window: a translucent fill of a 1280x800 window at
animation speed made Qt repaint every widget beneath it ~40 times per step change, and Qt's
raster engine splits fills that tall across its worker threads; in the drift benchmark the
flash alone cost ~1% of a core and ~50 thread wake-ups a second. The frame is four thin opaque
strips along the edges (over the window's margins), painted in the step's colour blended into
the window's background, and it fades in three steps, so each step paints ~70,000 pixels
of plain colour and nothing beneath it.

The fade rides on the session's own frames (``frame_at``, three a second), as the figure's
movement does: its steps were three wake-ups of the window of their own at every step change
(at 330/160/160 ms, off the frames' grid). A timer of its own only ends a flash whose frames
stopped coming (a pause just after the change), and it never fires otherwise.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from backtimer.ui.common.theme import blend
from backtimer.ui.run.adapter import FRAME_SECONDS

# (strength, frames) per step: a held flash, then a quick fade, one of the session's frames each
# (``FRAME_SECONDS`` apart, a second in all). A step ends half a frame before the next frame
# is due, so a frame a hair early or late still shows the step it is meant to.
STEPS = ((0.85, 1), (0.5, 2), (0.2, 3))
# No frame came to end it (a pause): the flash ends by itself half a frame after its last.
FRAMES_MISSED_MS = round((STEPS[-1][1] + 0.5) * FRAME_SECONDS * 1000)
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
        self._timer.setSingleShot(True)
        self._timer.setInterval(FRAMES_MISSED_MS)
        self._timer.timeout.connect(self.hide)
        self._shown = False
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
        self._shown = True
        self._timer.start()

    def frame_at(self, seconds: float) -> None:
        """The session's frame ``seconds`` after the change: fade a step, or end the flash."""
        if not self._shown:
            return
        frames = seconds / FRAME_SECONDS
        step = next((index for index, (_, until) in enumerate(STEPS) if frames < until - 0.5),
                    None)
        if step is None:
            self.hide()
        elif step > self._step:  # it only fades: a frame from before the change changes nothing
            self._step = step
            self._paint_step()

    @property
    def active(self) -> bool:
        return self._shown

    @property
    def strength(self) -> float:
        """How strongly the frame shows now (0 when it is hidden)."""
        return STEPS[self._step][0] if self.active else 0.0

    def edge_width(self) -> int:
        return edge_width_for(self._host.width(), self._host.height())

    def hide(self) -> None:
        """End the flash now (the screen renderer wants still pictures)."""
        self._timer.stop()
        self._shown = False
        for strip in self.strips:
            strip.hide()

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
