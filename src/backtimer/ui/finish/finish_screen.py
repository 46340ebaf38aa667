"""The finish screen: what was done, and the way back.

``extra_area`` is an empty QVBoxLayout under the figures, kept for the pain-and-note form the
history log adds; nothing here depends on what goes in it.

Signals:
    back_requested(): return to the start screen.
    again_requested(): run the same session once more.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from backtimer.engine.events import Summary
from backtimer.session.durations import format_clock
from backtimer.ui.common.controls import BigButton
from backtimer.ui.common.theme import accent_colour, blend, font, muted
from backtimer.ui.common.words import tr


class _Figure(QFrame):
    """A number over its caption, in a soft rounded tile."""

    def __init__(self, caption: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("figure")
        column = QVBoxLayout(self)
        column.setContentsMargins(28, 14, 28, 14)
        column.setSpacing(4)
        self.value = QLabel(self)
        self.value.setFont(font(40, QFont.Weight.Bold, digits=True))
        self.value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption = QLabel(caption, self)
        self.caption.setFont(font(16))
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.value)
        column.addWidget(self.caption)

    def recolour(self, parent: QWidget) -> None:
        palette = parent.palette()
        back = blend(palette.windowText().color(), palette.window().color(), 0.05)
        self.setStyleSheet(f"#figure {{ background: {back.name()}; border-radius: 18px; }}")
        self.caption.setStyleSheet(f"color: {muted(parent).name()};")


class FinishScreen(QWidget):
    back_requested = Signal()
    again_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary: Summary | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(60, 40, 60, 40)
        outer.setSpacing(0)
        outer.addStretch(2)
        self.headline = QLabel(self)
        self.headline.setFont(font(52, QFont.Weight.Bold))
        self.headline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.subline = QLabel(self)
        self.subline.setFont(font(20))
        self.subline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.subline.setWordWrap(True)
        outer.addWidget(self.headline)
        outer.addSpacing(10)
        outer.addWidget(self.subline)
        outer.addSpacing(30)

        figures = QGridLayout()
        figures.setHorizontalSpacing(20)
        self.time_figure = _Figure(tr("time exercising"), self)
        self.done_figure = _Figure(tr("steps done"), self)
        self.skipped_figure = _Figure(tr("steps skipped"), self)
        for column, figure in enumerate((self.time_figure, self.done_figure,
                                         self.skipped_figure)):
            figure.setMinimumWidth(220)
            figures.addWidget(figure, 0, column)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addLayout(figures)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addSpacing(28)

        self.extra_area = QVBoxLayout()
        outer.addLayout(self.extra_area)
        outer.addStretch(1)

        buttons = QHBoxLayout()
        buttons.setSpacing(16)
        buttons.addStretch(1)
        self.again_button = BigButton(tr("Do it again"), "play", self)
        self.back_button = BigButton(tr("Back to sessions"), "back", self,
                                     primary=True, shortcut_hint=tr("Enter"))
        for button in (self.again_button, self.back_button):
            button.set_scale(22)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.again_button.clicked.connect(self.again_requested.emit)
        self.back_button.clicked.connect(self.back_requested.emit)
        outer.addLayout(buttons)
        outer.addStretch(1)
        self._recolour()

    def set_extra(self, widget: QWidget) -> None:
        """Put ``widget`` (the history's log form) in ``extra_area``, centred, at most as wide
        as its maximum width."""
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(widget, 20)
        row.addStretch(1)
        self.extra_area.addLayout(row)

    # The label texts, for tests and for the history form that sits below them.
    @property
    def time_text(self) -> str:
        return self.time_figure.value.text()

    @property
    def done_text(self) -> str:
        return self.done_figure.value.text()

    @property
    def skipped_text(self) -> str:
        return self.skipped_figure.value.text()

    def show_summary(self, summary: Summary, title: str) -> None:
        self.summary = summary
        if summary.completed:
            self.headline.setText(tr("Well done"))
            self.subline.setText(tr("You finished {title}.").format(title=title))
        else:
            self.headline.setText(tr("Session stopped"))
            self.subline.setText(tr("You stopped {title} before the end. Every bit counts.")
                                 .format(title=title))
        exercising = summary.done_seconds - summary.prepare_seconds  # not the get-ready count
        self.time_figure.value.setText(format_clock(exercising))
        self.done_figure.value.setText(
            tr("{done} of {total}").format(done=summary.steps_done, total=summary.steps_total)
        )
        self.skipped_figure.value.setText(str(summary.steps_skipped))

    def _recolour(self) -> None:
        self.subline.setStyleSheet(f"color: {muted(self, 0.75).name()};")
        self.headline.setStyleSheet(f"color: {accent_colour(self).name()};")
        for figure in (self.time_figure, self.done_figure, self.skipped_figure):
            figure.recolour(self)
        for button in (self.again_button, self.back_button):
            button.restyle()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._recolour()
