"""Labels whose text changes every second without laying the window out again.

Qt passes a label's new text up as a new size: ``QLabel.setText`` calls ``updateGeometry``,
which invalidates the parent's layout, which asks its parent in turn, up to the main window
(whose layout even makes a zero-length geometry animation for its central widget). For a
countdown that is a whole-window layout pass every second. Qt stops the climb at a widget whose
size is fixed (minimum equal to maximum), so a label fixed to the widest text it will show
repaints itself alone when its text changes.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel

DIGIT = re.compile(r"\d")
SLACK = 2  # pixels: rounding of advances, and kerning next to the widest digit
_widest_digits: dict[str, str] = {}  # by QFont.key(): the few fonts a screen uses


def widest_of_shape(text: str, metrics: QFontMetrics, font_key: str) -> int:
    """The widest ``text`` can be while its digits count: every digit the font's widest one.

    "9:59 left" and "1:11 left" differ in width in a proportional font; this is the width of
    the widest text of the same shape, so a countdown never outgrows it.
    """
    widest_digit = _widest_digits.get(font_key)
    if widest_digit is None:
        widest_digit = _widest_digits[font_key] = max("0123456789",
                                                      key=metrics.horizontalAdvance)
    return metrics.horizontalAdvance(DIGIT.sub(widest_digit, text)) + SLACK


def _edges(label: QLabel) -> tuple[int, int]:
    """What ``label`` adds around its text: (left + right, top + bottom)."""
    margins = label.contentsMargins()
    return (margins.left() + margins.right() + 2 * label.margin(),
            margins.top() + margins.bottom() + 2 * label.margin())


def text_width(label: QLabel, text: str) -> int:
    """The width ``label`` needs for one line of ``text`` of this shape, margins included."""
    return widest_of_shape(text, label.fontMetrics(), label.font().key()) + _edges(label)[0]


def fit_width(label: QLabel, text: str) -> None:
    """Fix ``label``'s width to ``text``'s shape (its height is fixed by the caller or by
    ``fit_size``): changes among texts of that shape repaint the label alone."""
    width = text_width(label, text)
    if label.minimumWidth() != width or label.maximumWidth() != width:
        label.setFixedWidth(width)


def fit_size(label: QLabel, text: str) -> None:
    """Fix ``label``'s width to ``text``'s shape and its height to one line of its font."""
    fit_width(label, text)
    height = label.fontMetrics().height() + _edges(label)[1]
    if label.minimumHeight() != height or label.maximumHeight() != height:
        label.setFixedHeight(height)


def set_steady_text(label: QLabel, text: str) -> None:
    """Show ``text`` in a fixed-size label, widening it first only when the text would not fit
    (a longer message than the countdown's; the one relayout that needs).

    Measured against the width the label was fixed to, not its geometry: the layout gives the
    label that width only later, at its next pass. A label never fitted is not fixed, and Qt
    lays it out for its new text as for any label.
    """
    if label.text() == text:
        return
    needed = label.fontMetrics().horizontalAdvance(text) + SLACK + _edges(label)[0]
    if needed > label.maximumWidth():
        fit_width(label, text)
    label.setText(text)
