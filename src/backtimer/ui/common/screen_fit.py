"""A window's first size: what it asks for, or less so that it fits the screen it opens on."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

# Room for the window manager's title bar and borders, which a window not yet shown cannot
# measure: a 1280x800 window opened on a 1280x800 screen had its bottom under the panel.
FRAME_ALLOWANCE = (16, 48)


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Size ``widget`` to ``width`` x ``height``, or less so that, framed, it fits the screen's
    available area (without panels and docks), and centre it there."""
    screen = widget.screen()
    if screen is None:
        widget.resize(width, height)
        return
    area = screen.availableGeometry()
    frame_w, frame_h = FRAME_ALLOWANCE
    fitted_w = max(1, min(width, area.width() - frame_w))
    fitted_h = max(1, min(height, area.height() - frame_h))
    widget.resize(fitted_w, fitted_h)
    widget.move(area.x() + (area.width() - fitted_w - frame_w) // 2,
                area.y() + (area.height() - fitted_h - frame_h) // 2)
