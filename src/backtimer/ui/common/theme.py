"""Colours and type for the window, derived from the system palette so light and dark both work.

Step colours come in two shades: a deeper one that reads on a light window and a brighter one
that reads on a dark window. Which one applies is decided from the live palette, never assumed.

The window's first frame uses this module, so it imports nothing heavy: the step colours are
keyed by the step kind's value, and ``Qt`` (whose enums take PySide6 ~10 ms to build) is only
imported when the system's colour scheme must be asked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from backtimer.session.timeline import StepKind

FAMILIES = ["Inter", "Cantarell", "Noto Sans", "Ubuntu", "Segoe UI", "Helvetica Neue",
            "DejaVu Sans", "Nimbus Sans", "Arial"]

# (on a light window, on a dark window), by ``StepKind`` value
_STEP_COLOURS: dict[str, tuple[str, str]] = {
    "prepare": ("#c26a00", "#ffb347"),
    "hold": ("#1a8a4f", "#4ad98a"),
    "rest": ("#2563c9", "#6aa6ff"),
    "switch": ("#7a3fd1", "#b891ff"),
    "set_rest": ("#0f7f8c", "#4fd3e0"),
    "transition": ("#4a55b8", "#9aa3ff"),
    "self_paced": ("#b0367a", "#ff84c4"),
}
_CAUTION = ("#a4480b", "#ffb37a")
_ACCENT = ("#1a8a4f", "#3ccf7e")
# The history's figures: minutes of exercise, the pain line, and sessions ended short of plan.
_MINUTES = ("#2e8b78", "#4fc2a8")
_PAIN = ("#d0643c", "#ffa17a")
_SHORT_OF_PLAN = ("#a3620a", "#f0b35e")


def is_dark(palette: QPalette | None = None) -> bool:
    """True when the window background is dark (the system's dark theme, or a dark palette)."""
    if palette is None:
        from PySide6.QtCore import Qt

        hints = QGuiApplication.styleHints()
        scheme = hints.colorScheme() if hints is not None else Qt.ColorScheme.Unknown
        if scheme is Qt.ColorScheme.Dark:
            return True
        if scheme is Qt.ColorScheme.Light:
            return False
        palette = QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def _pick(pair: tuple[str, str], widget: QWidget | None) -> QColor:
    dark = is_dark(widget.palette()) if widget is not None else is_dark()
    return QColor(pair[1] if dark else pair[0])


def step_colour(kind: StepKind, widget: QWidget | None = None) -> QColor:
    return _pick(_STEP_COLOURS[kind.value], widget)


def caution_colour(widget: QWidget | None = None) -> QColor:
    return _pick(_CAUTION, widget)


def accent_colour(widget: QWidget | None = None) -> QColor:
    return _pick(_ACCENT, widget)


def minutes_colour(widget: QWidget | None = None) -> QColor:
    return _pick(_MINUTES, widget)


def pain_colour(widget: QWidget | None = None) -> QColor:
    return _pick(_PAIN, widget)


def short_of_plan_colour(widget: QWidget | None = None) -> QColor:
    """A session stopped or interrupted before its end (amber: not a fault, not complete)."""
    return _pick(_SHORT_OF_PLAN, widget)


def muted(widget: QWidget, amount: float = 0.62) -> QColor:
    """Text colour blended toward the background: secondary text that still reads."""
    palette = widget.palette()
    text = palette.color(QPalette.ColorRole.WindowText)
    back = palette.color(QPalette.ColorRole.Window)
    return blend(text, back, amount)


def blend(a: QColor, b: QColor, amount: float) -> QColor:
    """``amount`` of ``a`` and the rest of ``b``."""
    return QColor(
        round(a.red() * amount + b.red() * (1 - amount)),
        round(a.green() * amount + b.green() * (1 - amount)),
        round(a.blue() * amount + b.blue() * (1 - amount)),
    )


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def readable_on(background: QColor) -> QColor:
    """White text where it reaches 3:1 (large bold text, WCAG AA), else near-black."""
    white = 1.05 / (_luminance(background) + 0.05)
    return QColor("#ffffff") if white >= 3.0 else QColor("#111111")


def font(pixels: int, weight: QFont.Weight = QFont.Weight.Normal, *, digits: bool = False) -> QFont:
    """A UI font at a pixel size (pixels, not points, so sizes follow the window exactly)."""
    result = QFont()
    result.setFamilies(FAMILIES)
    result.setPixelSize(max(1, pixels))
    result.setWeight(weight)
    if digits:
        # Tabular figures: the digits never shift sideways while counting.
        result.setFeature(QFont.Tag("tnum"), 1)
    return result
