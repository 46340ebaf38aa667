"""The start screen's first frame: its heading and hint, and "Loading sessions…" under them.

The window paints this while the session library is read (a few tens of milliseconds after the
first frame), then puts the real start screen in its place. It has the start screen's margins
and heading, so nothing moves when the list arrives. It imports only what a bare PySide6 window
does: no ``Qt`` namespace, no style sheets, no session model.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QPalette, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from backtimer.ui.common.theme import font, muted
from backtimer.ui.common.words import tr
from backtimer.ui.start.start_fit import sizes_for

# The start screen's layout, shared so the heading stays in place when the list arrives.
MARGINS = (36, 28, 36, 32)
SPACING = 40
COLUMN_SPACING = 6
LEFT, RIGHT = 40, 60  # stretch of the list column and of the selected session's column


def heading_labels(parent: QWidget) -> tuple[QLabel, QLabel]:
    """The start screen's "Sessions" heading and the hint under it."""
    heading = QLabel(tr("Sessions"), parent)
    heading.setFont(font(30, QFont.Weight.Bold))
    hint = QLabel(tr("Choose one, adjust it if you like, then press Start."), parent)
    hint.setFont(font(16))
    hint.setWordWrap(True)
    return heading, hint


class LoadingScreen(QWidget):
    """What the start screen looks like before the library has been read."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(*MARGINS)
        outer.setSpacing(SPACING)
        left = QVBoxLayout()
        left.setSpacing(COLUMN_SPACING)
        heading, self.hint = heading_labels(self)
        self.message = QLabel(tr("Loading sessions…"), self)
        self.message.setFont(font(16))
        # A palette colour, not a style sheet: a style sheet costs its own style at start-up.
        for label in (self.hint, self.message):
            palette = label.palette()
            palette.setColor(QPalette.ColorRole.WindowText, muted(self))
            label.setPalette(palette)
        self.heading = heading
        left.addWidget(heading)
        left.addWidget(self.hint)
        left.addSpacing(14 + 18)  # the list's spacing, then where its first card's title sits
        left.addWidget(self.message)
        left.addStretch(1)
        outer.addLayout(left, LEFT)
        outer.addStretch(RIGHT)
        self._outer = outer

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The start screen's heading size and margins for this size (``start_fit``), so the
        heading stays in place when the list arrives."""
        super().resizeEvent(event)
        sizes = sizes_for(event.size().width(), event.size().height())
        margin = sizes.margin
        self._outer.setContentsMargins(margin, round(margin * 0.8), margin, round(margin * 0.9))
        self.heading.setFont(font(sizes.heading, QFont.Weight.Bold))
        self.hint.setFont(font(sizes.hint))
        self.hint.setVisible(sizes.show_hint)
