"""The progress ring repaints only the part of its track a step covers; what is on screen after
many such small repaints is exactly what a full repaint draws."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from backtimer.ui.run.ring import ProgressRing


def on_screen(ring: ProgressRing) -> QImage:
    """What the window shows now (its backing store), not a fresh paint."""
    screen = QApplication.primaryScreen()
    return screen.grabWindow(ring.winId()).toImage().convertToFormat(
        QImage.Format.Format_RGB32)


def test_small_steps_leave_the_same_picture_as_a_full_paint(qtbot: QtBot) -> None:
    ring = ProgressRing()
    qtbot.addWidget(ring)
    ring.resize(320, 320)
    ring.set_colour(QColor("#1a8a4f"))
    ring.show()
    qtbot.waitExposed(ring)
    QApplication.processEvents()
    for step in range(1, 88):  # most of the way round, in tenth-of-a-second-like steps
        ring.set_fraction(step / 100)
        QApplication.processEvents()
    stepped = on_screen(ring)
    ring.update()  # everything again, in one paint
    QApplication.processEvents()
    # The same picture: the arc's edge pixels may differ by some shades (Qt splits an arc into
    # curves by its whole length, so its antialiased edge moves a little as it grows), nothing
    # more: no gap, no piece of the track left unswept (that would differ by ~150).
    assert largest_difference(on_screen(ring), stepped) <= 48
    fresh = ring.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    assert largest_difference(fresh, stepped) <= 48


def largest_difference(a: QImage, b: QImage) -> int:
    """The largest difference of any colour channel at any pixel."""
    assert a.size() == b.size()
    worst = 0
    for y in range(a.height()):
        for x in range(a.width()):
            pa, pb = a.pixel(x, y), b.pixel(x, y)
            if pa != pb:
                worst = max(worst, *(abs((pa >> s & 255) - (pb >> s & 255)) for s in (0, 8, 16)))
    return worst
