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
        column = QVBoxLayout(self.card)
        column.setContentsMargins(40, 32, 40, 32)
        column.setSpacing(18)
        title = QLabel(tr("Keyboard shortcuts"), self.card)
        title.setFont(font(28, QFont.Weight.Bold))
        column.addWidget(title)
        grid = QGridLayout()
        grid.setHorizontalSpacing(28)
        grid.setVerticalSpacing(12)
        self.key_labels: list[QLabel] = []
        for row, (key, meaning) in enumerate(shortcut_rows()):
            key_label = QLabel(key, self.card)
            key_label.setFont(font(19, QFont.Weight.Bold))
            key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            key_label.setMinimumWidth(96)
            key_label.setObjectName("key")
            meaning_label = QLabel(meaning, self.card)
            meaning_label.setFont(font(19))
            grid.addWidget(key_label, row, 0)
            grid.addWidget(meaning_label, row, 1)
            self.key_labels.append(key_label)
        column.addLayout(grid)
        self.hint = QLabel(tr("Press any key or click to close."), self.card)
        self.hint.setFont(font(15))
        column.addSpacing(4)
        column.addWidget(self.hint)
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

    def _place(self) -> None:
        self.setGeometry(self._host.rect())
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
