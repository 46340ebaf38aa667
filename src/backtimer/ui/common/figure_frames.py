"""A moving figure's frames: on a fixed grid of moments, drawn once, then only copied.

A figure's movement repeats every cycle (and every rep of the exercise), so the session screen
need not draw the same pose again and again: ``frame_moment`` snaps a moment of the step to a
grid of ``FRAME_RATE`` frames a second within one cycle, so the same few dozen moments come
back every cycle; ``FrameCache`` keeps each one drawn as a pixmap the size of the widget. Copying
a pixmap costs a small fraction of drawing the antialiased figure (measured on the 2-core
benchmark machine: ~0.13 ms against ~0.5-1.2 ms a frame), which is most of what the animation
cost the CPU. The cache is bounded in bytes: a long cycle gets fewer frames a second (down to
``MIN_CACHED_RATE``) to fit, and one that would still not fit (a very long cycle on a very large
screen) is drawn directly, frame by frame, at ``FRAME_RATE``.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable, Hashable

from PySide6.QtCore import QSize
from PySide6.QtGui import QPainter, QPixmap

from backtimer.session.figure import EASE_IN, SELF_PACED_CYCLE, Figure

# Frames a second while a figure moves: the session's frames (the adapter wakes three times a
# second, ``FRAME_SECONDS``), so every wake shows the next frame of an evenly spaced grid (at
# 10 a second the frames shown were 0.2 and 0.3 s apart in turn).
FRAME_RATE = 3
MIN_CACHED_RATE = 2  # a long cycle may have fewer frames a second, down to this, to stay cached
CACHE_BYTES = 32 * 1024 * 1024  # one cycle of a 4 s figure at 1280x800 takes ~20 MB


def cycle_seconds(figure: Figure, step_seconds: float | None) -> float | None:
    """How long the figure's movement runs before it repeats; None: it moves once into its
    last pose (over ``EASE_IN``) and holds it."""
    if figure.cycle is None:
        return None
    if figure.cycle == "step":
        return step_seconds if step_seconds else SELF_PACED_CYCLE
    assert isinstance(figure.cycle, float)
    return figure.cycle


def frames_per_cycle(figure: Figure, step_seconds: float | None,
                     rate: int = FRAME_RATE) -> int:
    """How many different frames the movement has (one cycle, or the ease into the last pose)
    at ``rate`` frames a second."""
    if not figure.moves:
        return 1
    length = cycle_seconds(figure, step_seconds)
    if length is None:
        return math.floor(EASE_IN * rate) + 1
    return max(1, round(length * rate))


def frame_moment(figure: Figure, t: float, step_seconds: float | None,
                 rate: int = FRAME_RATE) -> float:
    """The moment of the movement shown ``t`` seconds into the step: ``t`` snapped down to the
    grid of ``rate`` frames a second, within one cycle, so the same frames come back every
    cycle."""
    t = max(0.0, t)
    if not figure.moves:
        return 0.0
    length = cycle_seconds(figure, step_seconds)
    if length is None:
        return min(math.floor(t * rate + 1e-9) / rate, EASE_IN)
    frames = frames_per_cycle(figure, step_seconds, rate)
    index = math.floor((t % length) / length * frames + 1e-9) % frames
    return index * length / frames


class FrameCache:
    """Drawn frames as pixmaps, the least recently used dropped first past ``budget`` bytes."""

    def __init__(self, budget: int = CACHE_BYTES) -> None:
        self.budget = budget
        self._frames: OrderedDict[Hashable, QPixmap] = OrderedDict()
        self._bytes = 0
        self.drawn = 0  # frames drawn (not copied) so far: tests and the benchmark read it

    @staticmethod
    def frame_bytes(size: QSize, ratio: float) -> int:
        return round(size.width() * ratio) * round(size.height() * ratio) * 4

    def fits(self, frames: int, size: QSize, ratio: float) -> bool:
        """Whether ``frames`` frames of ``size`` can all stay in the cache at once."""
        return frames * self.frame_bytes(size, ratio) <= self.budget

    def rate_for(self, figure: Figure, step_seconds: float | None, size: QSize,
                 ratio: float) -> int | None:
        """The most frames a second (``FRAME_RATE`` down to ``MIN_CACHED_RATE``) at which one
        cycle of ``figure`` stays cached at ``size``; None: none does (draw each frame)."""
        for rate in range(FRAME_RATE, MIN_CACHED_RATE - 1, -1):
            if self.fits(frames_per_cycle(figure, step_seconds, rate), size, ratio):
                return rate
        return None

    def frame(self, key: Hashable, size: QSize, ratio: float,
              draw: Callable[[QPainter], None]) -> QPixmap:
        """The pixmap for ``key``; drawn by ``draw`` (on a pixmap of ``size``) the first time."""
        pixmap = self._frames.get(key)
        if pixmap is not None:
            self._frames.move_to_end(key)
            return pixmap
        pixmap = QPixmap(round(size.width() * ratio), round(size.height() * ratio))
        pixmap.setDevicePixelRatio(ratio)
        painter = QPainter(pixmap)
        draw(painter)
        painter.end()
        self.drawn += 1
        self._frames[key] = pixmap
        self._bytes += self.frame_bytes(size, ratio)
        while self._bytes > self.budget and len(self._frames) > 1:
            _, old = self._frames.popitem(last=False)
            self._bytes -= old.width() * old.height() * 4
        return pixmap

    def clear(self) -> None:
        self._frames.clear()
        self._bytes = 0

    def __len__(self) -> int:
        return len(self._frames)
