"""The session screen's row of buttons: Back, Pause/Resume, Skip, Stop and full screen.

The row fits the window's width (the text shrinks, then the side buttons show only their
icons) and never lets a button move under the hand: Pause is as wide as Resume, and the group
stays centred on the window whatever is shown beside it.
"""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QHBoxLayout, QWidget

from backtimer.ui.common.controls import BigButton
from backtimer.ui.common.words import tr

SPACING_SHARE = 0.6  # the gap between two buttons, of the text's pixel size
BUTTON_MIN_PX = 12  # the smallest button text before the side buttons show only their icons


class ControlsRow(QWidget):
    """The buttons; the screen connects their ``clicked`` signals."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.back_button = BigButton(tr("Back"), "back", self, shortcut_hint=tr("Left arrow"))
        self.pause_button = BigButton(tr("Pause"), "pause", self, shortcut_hint=tr("Space"))
        self.skip_button = BigButton(tr("Skip"), "skip", self, shortcut_hint=tr("Right arrow"))
        self.stop_button = BigButton(tr("Stop"), "stop", self, shortcut_hint=tr("Esc"))
        self.fullscreen_button = BigButton("", "fullscreen", self)
        self._texts = {self.back_button: tr("Back"), self.skip_button: tr("Skip"),
                       self.stop_button: tr("Stop")}
        # An empty box as wide as the full-screen button keeps the main buttons centred.
        self._balance = QWidget(self)
        self._layout.addWidget(self._balance)
        self._layout.addStretch(1)
        for button in self.main_buttons():
            self._layout.addWidget(button)
        self._layout.addStretch(1)
        self._layout.addWidget(self.fullscreen_button)
        self.set_fullscreen(False)
        self.set_paused(False)

    def main_buttons(self) -> tuple[BigButton, ...]:
        return (self.back_button, self.pause_button, self.skip_button, self.stop_button)

    def set_paused(self, paused: bool) -> None:
        """Pause becomes Resume in the same place and at the same width."""
        word = tr("Resume") if paused else tr("Pause")
        if self.pause_button.text() != word:
            self.pause_button.setText(word)
        self.pause_button.set_icon_name("play" if paused else "pause")
        self.pause_button.setToolTip(f"{word}  ({tr('Space')})")

    def set_fullscreen(self, full: bool) -> None:
        """The button's icon shows what pressing it does: enter or leave full screen."""
        self.fullscreen_button.set_icon_name("fullscreen-exit" if full else "fullscreen")
        self.fullscreen_button.setToolTip(
            (tr("Leave full screen") if full else tr("Full screen")) + "  (F11)")

    def fit(self, width: int, pixels: int) -> None:
        """The largest text size up to ``pixels`` at which the row fits ``width`` unclipped;
        below the smallest readable size the side buttons show only their icons."""
        for icons_only in (False, True):
            self._set_icons_only(icons_only)
            for size in range(max(pixels, BUTTON_MIN_PX), BUTTON_MIN_PX - 1, -1):
                if self._needed(size) <= width:
                    self._apply(size)
                    return
        self._apply(BUTTON_MIN_PX)

    def _set_icons_only(self, icons_only: bool) -> None:
        for button, text in self._texts.items():
            button.setText("" if icons_only else text)

    def _pause_width(self) -> int:
        """Pause's width with its wider word, so Resume never pushes the row."""
        button = self.pause_button
        metrics = QFontMetrics(button.font())
        words = max(metrics.horizontalAdvance(tr("Pause")), metrics.horizontalAdvance(tr("Resume")))
        return button.sizeHint().width() - metrics.horizontalAdvance(button.text()) + words

    def _needed(self, size: int) -> int:
        for button in (*self.main_buttons(), self.fullscreen_button):
            button.set_scale(size)
        widths = [b.sizeHint().width() for b in (self.back_button, self.skip_button,
                                                 self.stop_button)]
        widths.append(self._pause_width())
        side = self.fullscreen_button.sizeHint().width()
        spacing = round(size * SPACING_SHARE)
        return sum(widths) + 2 * side + spacing * 5

    def _apply(self, size: int) -> None:
        self._needed(size)
        self._layout.setSpacing(round(size * SPACING_SHARE))
        for button in (self.back_button, self.skip_button, self.stop_button,
                       self.fullscreen_button):
            button.setFixedWidth(button.sizeHint().width())
        self.pause_button.setFixedWidth(self._pause_width())
        self._balance.setFixedWidth(self.fullscreen_button.width())
