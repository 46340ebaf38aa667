"""The start screen's type and spacing for the room it has, from 720x480 up to a 4K screen.

At 1280x800 the start screen reads from the mat; on an 800x500 window the same sizes left the
list a card and a half tall and pushed the quick-adjust fields out of sight, and on a 4K screen
(at scale 1) everything looked small in a sea of space. ``sizes_for`` scales the type with the
window (within limits, so text never gets too small to read), drops the secondary hint when the
window is short, and stacks the list above the details when the window is too narrow for two
columns (a portrait screen).
"""

from __future__ import annotations

from dataclasses import dataclass

BASE = (1280, 760)  # the start screen's size (under the menu bar) its type was designed for
STACK_BELOW = 700  # narrower than this: the list above the details, not beside them


@dataclass(frozen=True)
class StartSizes:
    """Pixel sizes of the start screen's parts; ``stacked``: one column instead of two."""

    scale: float
    heading: int
    hint: int
    title: int
    total: int
    summary: int
    start: int  # the Start button's text
    start_width: int
    margin: int
    spacing: int
    show_hint: bool
    summary_lines: int  # 0: the whole summary; else at most this many lines (the rest elided)
    stacked: bool


def _px(base: float, scale: float, smallest: int) -> int:
    return max(smallest, round(base * scale))


def sizes_for(width: int, height: int) -> StartSizes:
    """The sizes for a start screen ``width`` x ``height`` pixels."""
    scale = max(0.7, min(1.6, width / BASE[0], height / BASE[1]))
    short = height < 620
    return StartSizes(
        scale=scale,
        heading=_px(30, scale, 22),
        hint=_px(16, scale, 14),
        title=_px(34, scale, 22),
        total=_px(18, scale, 15),
        summary=_px(16, scale, 14),
        start=_px(24, scale, 18),
        start_width=_px(260, scale, 180),
        margin=_px(36, scale, 16),
        spacing=_px(40, scale, 20),
        show_hint=not short,
        summary_lines=2 if short else 0,
        stacked=width < STACK_BELOW or (height > width * 1.3 and width < 1100),
    )
