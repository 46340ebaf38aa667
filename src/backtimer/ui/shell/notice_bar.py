"""A quiet strip at the top of the window for one-time notices (sound off, screen may dim).

Never a modal: a person mid-exercise must not have to get up to dismiss anything. Each notice
text is shown at most once per window; all that are showing share one slim strip (so three
notices do not eat the countdown's room) and one close button. In a short window (under
``COMPACT_HEIGHT``, a 800x500 laptop) the strip is one line, shortened with "…", the whole text
in its tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from backtimer.ui.common.theme import blend, font
from backtimer.ui.common.words import tr

COMPACT_HEIGHT = 600  # the parent's height below which the notices take one line


class _NoticeText(QLabel):
    """The notices, wrapped; or, when ``one_line``, shortened to one line with "…" and the
    whole text as tooltip (the property ``elided`` says so to the size checks)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._full = ""
        self._one_line = False
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)

    def set_full(self, text: str) -> None:
        self._full = text
        self._fill()

    def set_one_line(self, one_line: bool) -> None:
        if one_line == self._one_line:
            return
        self._one_line = one_line
        self.setWordWrap(not one_line)
        self.setSizePolicy(QSizePolicy.Policy.Ignored if one_line
                           else QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._fill()

    def _fill(self) -> None:
        if not self._one_line:
            self.setProperty("elided", False)
            self.setToolTip("")
            self.setText(self._full)
            return
        line = "  ·  ".join(self._full.split("\n"))
        shown = self.fontMetrics().elidedText(line, Qt.TextElideMode.ElideRight,
                                              max(self.contentsRect().width(), 40))
        self.setProperty("elided", shown != line)
        self.setToolTip(self._full if shown != line else "")
        self.setText(shown)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._one_line:
            self._fill()


class NoticeBar(QWidget):
    """``notify(text)`` shows a notice unless that text was shown before; ``dismiss()`` hides."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._seen: set[str] = set()
        self._showing: list[str] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 6, 24, 0)
        self.strip = QFrame(self)
        self.strip.setObjectName("strip")
        row = QHBoxLayout(self.strip)
        row.setContentsMargins(14, 2, 4, 2)
        self.label = _NoticeText(self.strip)
        self.label.setFont(font(14))
        # One line at least, never the wrapped height: the window's minimum must not depend
        # on the notices (a short window turns them into one line as it shrinks).
        self.label.setMinimumHeight(self.label.fontMetrics().height())
        row.addWidget(self.label, 1)
        self.close_button = QToolButton(self.strip)
        self.close_button.setText("✕")
        self.close_button.setFont(font(14, QFont.Weight.Bold))
        self.close_button.setAutoRaise(True)
        self.close_button.setFixedSize(24, 24)
        self.close_button.setToolTip(tr("Dismiss"))
        self.close_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.close_button.clicked.connect(self.dismiss)
        row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        outer.addWidget(self.strip)
        self._restyle()
        self.hide()
        if parent is not None:
            parent.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The window's content area was resized: one line when it is short."""
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            assert isinstance(event, QResizeEvent)
            self.set_compact(event.size().height() < COMPACT_HEIGHT)
        return False

    def set_compact(self, compact: bool) -> None:
        """One shortened line and tight margins (a short window), or every notice in full."""
        self.label.set_one_line(compact)

    def notify(self, text: str) -> bool:
        """Show ``text`` once; returns False when it was already shown."""
        if text in self._seen:
            return False
        self._seen.add(text)
        self._showing.append(text)
        self.label.set_full("\n".join(self._showing))
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
