"""A quiet strip at the top of the window for one-time notices (sound off, screen may dim).

Never a modal: a person mid-exercise must not have to get up to dismiss anything. Each notice
text is shown at most once per window; all that are showing share one slim strip (so three
notices do not eat the countdown's room) and one close button. In full screen the strip folds
to a small icon at the right (``set_folded``); clicking the icon opens the strip again. In a
short window (under ``COMPACT_HEIGHT``, a 800x500 laptop) the strip is one line, shortened
with "…", the whole text in its tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
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

from backtimer.ui.common.icons import tinted_icon
from backtimer.ui.common.theme import blend, caution_colour, font
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
        self._outer = outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 8, 24, 0)
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
        self.fold_button = QToolButton(self)
        self.fold_button.setAutoRaise(True)
        self.fold_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.fold_button.setIconSize(QSize(22, 22))
        self.fold_button.clicked.connect(self._unfold)
        outer.addWidget(self.fold_button, 0, Qt.AlignmentFlag.AlignRight)
        self._folded = False
        self._unfolded = False  # folded, but opened by a click on the icon
        self._restyle()
        self._refresh()
        if parent is not None:
            parent.installEventFilter(self)

    def notify(self, text: str, *, repeat: bool = False) -> bool:
        """Show ``text`` once; returns False when it was already shown.

        ``repeat``: a confirmation of something the person just did ("Exported … to …"),
        shown again each time it happens (but never twice at once).
        """
        if text in self._seen and not (repeat and text not in self.texts()):
            return False
        self._seen.add(text)
        self._showing.append(text)
        self.label.set_full("\n".join(self._showing))
        self._refresh()
        return True

    def texts(self) -> list[str]:
        """The notices showing now."""
        return list(self._showing) if not self.isHidden() else []

    def dismiss(self) -> None:
        self._showing.clear()
        self._unfolded = False
        self._refresh()

    def set_folded(self, folded: bool) -> None:
        """Fold the notices to an icon (full screen), or show them as a strip again."""
        self._folded = folded
        self._unfolded = False
        self._refresh()

    @property
    def folded(self) -> bool:
        """The notices are showing as the icon only."""
        return self._folded and not self._unfolded and bool(self._showing)

    def _unfold(self) -> None:
        self._unfolded = True
        self._refresh()

    def _refresh(self) -> None:
        count = len(self._showing)
        self.strip.setVisible(count > 0 and not self.folded)
        self.fold_button.setVisible(self.folded)
        self.fold_button.setToolTip(
            tr("1 notice: click to read it") if count == 1
            else tr("{n} notices: click to read them").format(n=count))
        self.setVisible(count > 0)

    def _restyle(self) -> None:
        palette = self.palette()
        back = blend(palette.windowText().color(), palette.window().color(), 0.07)
        text = blend(palette.windowText().color(), palette.window().color(), 0.8)
        self.strip.setStyleSheet(f"#strip {{ background: {back.name()}; border-radius: 10px; }}")
        self.label.setStyleSheet(f"color: {text.name()};")
        self.fold_button.setIcon(tinted_icon("caution", caution_colour(self), 44))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        host = self.parentWidget()
        if host is not None and watched is host and event.type() == QEvent.Type.Resize:
            # The step-change flash is a frame along the window's edges: stay inside it.
            from backtimer.ui.run.flash import edge_width_for

            edge = edge_width_for(host.width(), host.height())
            side = max(24, edge + 8)
            self._outer.setContentsMargins(side, edge + 4, side, 0)
            assert isinstance(event, QResizeEvent)
            self.set_compact(event.size().height() < COMPACT_HEIGHT)
        return False

    def set_compact(self, compact: bool) -> None:
        """One shortened line (a short window), or every notice in full."""
        self.label.set_one_line(compact)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._restyle()
