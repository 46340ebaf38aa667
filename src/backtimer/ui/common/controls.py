"""Big, flat buttons that can be hit from the mat, with their shortcut in the tooltip."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QPushButton, QWidget

from backtimer.ui.common.icons import tinted_icon
from backtimer.ui.common.theme import accent_colour, blend, font, readable_on


class BigButton(QPushButton):
    """A rounded button; ``primary`` ones are filled with the accent colour, others are soft.

    Colours come from the parent's palette and are worked out again when it changes, so the
    buttons follow the system's light or dark theme.

    Buttons never take keyboard focus, so Space and Enter always reach the window's shortcuts
    instead of clicking whichever button was pressed last.
    """

    def __init__(self, text: str, icon: str | None, parent: QWidget | None = None, *,
                 primary: bool = False, shortcut_hint: str = "") -> None:
        super().__init__(text, parent)
        self._icon_name = icon
        self._primary = primary
        self._icon_key: tuple[str, str] | None = None
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        if shortcut_hint:
            self.setToolTip(f"{text}  ({shortcut_hint})")
        self.set_scale(20)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "_pixels"):
            self.restyle()

    def set_icon_name(self, name: str | None) -> None:
        self._icon_name = name
        self.restyle()

    def set_scale(self, pixels: int) -> None:
        """Text size in pixels; padding, radius and icon follow it."""
        self._pixels = pixels
        self.setFont(font(pixels, font(pixels).Weight.DemiBold))
        self.setIconSize(QSize(round(pixels * 1.2), round(pixels * 1.2)))
        self.setMinimumHeight(round(pixels * 3.0))
        self.restyle()

    def restyle(self) -> None:
        """Work the colours out again from the parent's palette (after a theme change)."""
        # The parent's palette: our own is altered by the style sheet set below.
        source = self.parentWidget()
        palette = source.palette() if source is not None else QGuiApplication.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        window = palette.color(QPalette.ColorRole.Window)
        pad_v, pad_h = round(self._pixels * 0.6), round(self._pixels * 1.3)
        radius = round(self._pixels * 0.8)
        if self._primary:
            back = accent_colour(source)
            fore = readable_on(back)
            hover = back.lighter(112)
            border = back
        else:
            back = blend(text, window, 0.075)
            fore = text
            hover = blend(text, window, 0.14)
            border = back
        if self._icon_name and (self._icon_name, fore.name()) != self._icon_key:
            self._icon_key = (self._icon_name, fore.name())
            self.setIcon(tinted_icon(self._icon_name, fore, 64))
        sheet = (
            "QPushButton {"
            f" background: {back.name()}; color: {fore.name()};"
            f" border: 1px solid {border.name()}; border-radius: {radius}px;"
            f" padding: {pad_v}px {pad_h}px; }}"
            f"QPushButton:hover {{ background: {hover.name()}; }}"
            f"QPushButton:pressed {{ background: {back.darker(115).name()}; }}"
        )
        if sheet != self.styleSheet():  # setting it again would re-polish and loop
            self.setStyleSheet(sheet)
