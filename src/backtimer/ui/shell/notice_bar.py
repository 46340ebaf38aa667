"""A quiet strip at the top of the window for one-time notices (sound off, screen may dim).

Never a modal: a person mid-exercise must not have to get up to dismiss anything. Each notice
text is shown at most once per window; all that are showing share one slim strip (so three
notices do not eat the countdown's room) and one close button.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from backtimer.ui.common.theme import blend, font
from backtimer.ui.common.words import tr


class NoticeBar(QWidget):
    """``notify(text)`` shows a notice unless that text was shown before; ``dismiss()`` hides."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._seen: set[str] = set()
        self._showing: list[str] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 8, 24, 0)
        self.strip = QFrame(self)
        self.strip.setObjectName("strip")
        row = QHBoxLayout(self.strip)
        row.setContentsMargins(16, 6, 6, 6)
        self.label = QLabel(self.strip)
        self.label.setWordWrap(True)
        self.label.setFont(font(14))
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        row.addWidget(self.label, 1)
        self.close_button = QToolButton(self.strip)
        self.close_button.setText("✕")
        self.close_button.setFont(font(14, QFont.Weight.Bold))
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(tr("Dismiss"))
        self.close_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.close_button.clicked.connect(self.dismiss)
        row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        outer.addWidget(self.strip)
        self._restyle()
        self.hide()

    def notify(self, text: str, *, repeat: bool = False) -> bool:
        """Show ``text`` once; returns False when it was already shown.

        ``repeat``: a confirmation of something the person just did ("Exported … to …"),
        shown again each time it happens (but never twice at once).
        """
        if text in self._seen and not (repeat and text not in self.texts()):
            return False
        self._seen.add(text)
        self._showing.append(text)
        self.label.setText("\n".join(self._showing))
        self.show()
        return True

    def texts(self) -> list[str]:
        """The notices showing now."""
        return list(self._showing) if not self.isHidden() else []

    def dismiss(self) -> None:
        self._showing.clear()
        self.hide()

    def _restyle(self) -> None:
        palette = self.palette()
        back = blend(palette.windowText().color(), palette.window().color(), 0.07)
        text = blend(palette.windowText().color(), palette.window().color(), 0.8)
        self.strip.setStyleSheet(f"#strip {{ background: {back.name()}; border-radius: 10px; }}")
        self.label.setStyleSheet(f"color: {text.name()};")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._restyle()
