""""Deleted “Evening stretches”. [Undo]": the strip every delete-with-undo shows.

Deleting asks no question anywhere in the window, because it can be undone: My sessions, the
start screen and the history each offer Undo the same way, with this strip. The caller keeps
what was deleted and does the undoing when ``undo_clicked`` comes; the strip only says what
happened and offers the button.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from backtimer.ui.common.theme import blend, font
from backtimer.ui.common.words import tr


class UndoStrip(QFrame):
    """A soft strip with what was just removed and an Undo button; hidden until ``offer``.

    Signals:
        undo_clicked(): the person asked for the removed thing back.
    """

    undo_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("undoStrip")
        self._colouring = False
        row = QHBoxLayout(self)
        row.setContentsMargins(14, 8, 8, 8)
        self.label = QLabel(self)
        self.label.setFont(font(14))
        self.label.setWordWrap(True)
        self.button = QPushButton(tr("Undo"), self)
        self.button.setFont(font(14, QFont.Weight.DemiBold))
        self.button.setAutoDefault(False)  # Enter in a dialog must not undo
        self.button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.button.clicked.connect(self.undo_clicked)
        row.addWidget(self.label, 1)
        row.addWidget(self.button)
        self._colour()
        self.hide()

    def offer(self, words: str) -> None:
        """Say what was removed and show the Undo button."""
        self.label.setText(words)
        self.show()

    def withdraw(self) -> None:
        """Nothing to undo any more (undone, or something else changed)."""
        self.hide()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and not self._colouring:
            self._colouring = True  # setting the style sheet changes the palette again
            try:
                self._colour()
            finally:
                self._colouring = False

    def _colour(self) -> None:
        # From the parent's palette: the strip's own is changed by its style sheet.
        palette = (self.parentWidget() or self).palette()
        back = blend(palette.windowText().color(), palette.window().color(), 0.07)
        sheet = f"#undoStrip {{ background: {back.name()}; border-radius: 10px; }}"
        if sheet != self.styleSheet():
            self.setStyleSheet(sheet)
