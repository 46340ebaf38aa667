"""A quiet strip at the top of the window for one-time notices (sound off, screen may dim).

Never a modal: a person mid-exercise must not have to get up to dismiss anything. Each notice
text is shown at most once per window, and each can be closed on its own.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from backtimer.ui.theme import font, muted
from backtimer.ui.words import tr


class _Notice(QWidget):
    closed = Signal()

    def __init__(self, text: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("notice")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        row = QHBoxLayout(self)
        row.setContentsMargins(18, 8, 8, 8)
        self.label = QLabel(text, self)
        self.label.setWordWrap(True)
        self.label.setFont(font(15))
        row.addWidget(self.label, 1)
        close = QToolButton(self)
        close.setText("✕")
        close.setFont(font(15, QFont.Weight.Bold))
        close.setAutoRaise(True)
        close.setToolTip(tr("Dismiss this notice"))
        close.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        close.clicked.connect(self.closed.emit)
        row.addWidget(close)
        colour = muted(self, 0.08).name()
        self.setStyleSheet(
            f"#notice {{ background: {colour}; border-radius: 10px; }}"
        )


class NoticeBar(QWidget):
    """Signals: none. ``notify(text)`` shows a notice unless that text was shown before."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._seen: set[str] = set()
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(24, 8, 24, 0)
        self._column.setSpacing(6)
        self.hide()

    def notify(self, text: str) -> bool:
        """Show ``text`` once; returns False when it was already shown."""
        if text in self._seen:
            return False
        self._seen.add(text)
        notice = _Notice(text, self)
        notice.closed.connect(lambda: self._remove(notice))
        self._column.addWidget(notice)
        notice.show()
        self.show()
        return True

    def texts(self) -> list[str]:
        """The notices showing now."""
        return [w.label.text() for w in self.findChildren(_Notice) if not w.isHidden()]

    def _remove(self, notice: _Notice) -> None:
        notice.hide()
        self._column.removeWidget(notice)
        notice.deleteLater()
        if not self.texts():
            self.hide()
