"""The keyboard help: a card over the window listing every shortcut; any key or click closes it.

While it is open it takes every key (Space, the arrows and Esc only close it, they never reach
the session behind) and says so through ``opened`` and ``closed``, so the window can pause the
session under it and resume it after.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from backtimer.ui.common.theme import blend, font, muted
from backtimer.ui.common.words import tr


def shortcut_rows() -> list[tuple[str, str]]:
    return [
        (tr("Space"), tr("Pause or resume")),
        (tr("→"), tr("Skip to the next step")),
        (tr("←"), tr("Back: restart this step, or the previous one")),
        (tr("Enter"), tr("Done (a step at your own pace); Start on the session list")),
        (tr("Esc"), tr("Stop the session (asks first)")),
        (tr("F11"), tr("Full screen")),
        (tr("? or F1"), tr("Show or hide this help")),
    ]


class ShortcutsOverlay(QWidget):
    """Covers its parent with a dimmed layer and a centred card of shortcuts.

    Signals:
        opened(): it was shown by ``open`` (or ``toggle``).
        closed(): it was closed by ``dismiss``, a key, a click or ``toggle``.
    """

    opened = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._host = parent
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.card = QFrame(self)
        self.card.setObjectName("card")
        self._column = column = QVBoxLayout(self.card)
        self._title = title = QLabel(tr("Keyboard shortcuts"), self.card)
        column.addWidget(title)
        self._grid = grid = QGridLayout()
        self.key_labels: list[QLabel] = []
        self._meaning_labels: list[QLabel] = []
        for row, (key, meaning) in enumerate(shortcut_rows()):
            key_label = QLabel(key, self.card)
            key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            key_label.setObjectName("key")
            meaning_label = QLabel(meaning, self.card)
            grid.addWidget(key_label, row, 0)
            grid.addWidget(meaning_label, row, 1)
            self.key_labels.append(key_label)
            self._meaning_labels.append(meaning_label)
        column.addLayout(grid)
        self.hint = QLabel(tr("Press any key or click to close."), self.card)
        column.addWidget(self.hint)
        self._scale = 0.0
        self._set_scale(1.0)
        parent.installEventFilter(self)
        self._restyle()
        self.hide()

    def _restyle(self) -> None:
        palette = self._host.palette()
        window = palette.window().color()
        text = palette.windowText().color()
        self.card.setStyleSheet(
            f"#card {{ background: {window.name()}; border-radius: 24px;"
            f" border: 1px solid {blend(text, window, 0.15).name()}; }}"
            f"#key {{ background: {blend(text, window, 0.08).name()}; border-radius: 10px;"
            " padding: 6px 12px; }"
        )
        self.hint.setStyleSheet(f"color: {muted(self._host).name()};")

    def toggle(self) -> None:
        if self.isVisible():
            self.dismiss()
        else:
            self.open()

    def open(self) -> None:
        was_open = self.isVisible()
        self._restyle()
        self._place()
        self.raise_()
        self.show()
        self.setFocus()
        if not was_open:
            self.opened.emit()

    def dismiss(self) -> None:
        """Close it (nothing if it is not open)."""
        if self.isVisible():
            self.hide()
            self.closed.emit()

    def _set_scale(self, scale: float) -> None:
        """Fonts and spacing at ``scale`` of their full size (a short window gets a smaller
        card rather than one that runs off the window)."""
        if scale == self._scale:
            return
        self._scale = scale

        def px(value: float) -> int:
            return max(1, round(value * scale))

        self._column.setContentsMargins(px(40), px(32), px(40), px(32))
        self._column.setSpacing(px(18))
        self._grid.setHorizontalSpacing(px(28))
        self._grid.setVerticalSpacing(px(12))
        self._title.setFont(font(px(28), QFont.Weight.Bold))
        for label in self.key_labels:
            label.setFont(font(px(19), QFont.Weight.Bold))
            label.setMinimumWidth(px(96))
        for label in self._meaning_labels:
            label.setFont(font(px(19)))
        self.hint.setFont(font(px(15)))

    def _place(self) -> None:
        self.setGeometry(self._host.rect())
        for scale in (1.0, 0.9, 0.8, 0.7, 0.6):
            self._set_scale(scale)
            hint = self.card.sizeHint()
            if hint.height() <= self.height() - 16 and hint.width() <= self.width() - 16:
                break
        hint = self.card.sizeHint()
        self.card.setGeometry((self.width() - hint.width()) // 2,
                              (self.height() - hint.height()) // 2, hint.width(), hint.height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        shade = QColor(0, 0, 0, 120)
        painter.fillRect(self.rect(), shade)
        painter.end()

    def event(self, event: QEvent) -> bool:
        # With the focus here, every key comes to keyPressEvent instead of the window's
        # shortcuts (Space would pause the hidden session, the arrows skip its steps).
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.dismiss()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.dismiss()
