"""The finish screen: what was done, and the way back.

``extra_area`` is an empty QVBoxLayout under the figures, kept for the pain-and-note form the
history log adds; nothing here depends on what goes in it.

The headline, figures and form scroll when the window is too short for them (a 800x500
screen), and the way back sits under them, outside the scroll: the buttons keep their place
whatever the form turns into after Save or Skip. On a short window the headline and figures
are set smaller and the subline goes (``COMPACT_HEIGHT``).

Signals:
    back_requested(): return to the start screen.
    again_requested(): run the same session once more.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from backtimer.engine.events import Summary
from backtimer.session.durations import format_clock
from backtimer.ui.common.controls import BigButton
from backtimer.ui.common.theme import accent_colour, blend, font, muted
from backtimer.ui.common.words import tr

COMPACT_HEIGHT = 640  # below this height the screen sets its text smaller and drops the subline


class _Figure(QFrame):
    """A number over its caption, in a soft rounded tile."""

    def __init__(self, caption: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("figure")
        self.column = QVBoxLayout(self)
        self.column.setSpacing(4)
        self.value = QLabel(self)
        self.value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption = QLabel(caption, self)
        self.caption.setFont(font(16))
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.column.addWidget(self.value)
        self.column.addWidget(self.caption)
        self.set_compact(False)

    def set_compact(self, compact: bool) -> None:
        """Smaller digits and margins, for a short window."""
        self.value.setFont(font(30 if compact else 40, QFont.Weight.Bold, digits=True))
        margin_h, margin_v = (18, 8) if compact else (28, 14)
        self.column.setContentsMargins(margin_h, margin_v, margin_h, margin_v)

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
        self._compact: bool | None = None
        screen = QVBoxLayout(self)
        screen.setContentsMargins(0, 0, 0, 0)
        screen.setSpacing(0)
        self.body = QScrollArea(self)
        self.body.setWidgetResizable(True)
        self.body.setFrameShape(QFrame.Shape.NoFrame)
        self.body.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body.viewport().setBackgroundRole(QPalette.ColorRole.Window)
        content = QWidget(self.body)
        content.setBackgroundRole(QPalette.ColorRole.Window)
        self.body.setWidget(content)
        screen.addWidget(self.body, 1)

        outer = QVBoxLayout(content)
        self._outer = outer
        outer.setSpacing(0)
        outer.addStretch(2)
        self.headline = QLabel(content)
        self.headline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.subline = QLabel(content)
        self.subline.setFont(font(20))
        self.subline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.subline.setWordWrap(True)
        outer.addWidget(self.headline)
        outer.addSpacing(10)
        outer.addWidget(self.subline)
        self._gap = QWidget(content)  # the room between the words and the figures
        outer.addWidget(self._gap)

        figures = QGridLayout()
        figures.setHorizontalSpacing(20)
        self.time_figure = _Figure(tr("time exercising"), content)
        self.done_figure = _Figure(tr("steps done"), content)
        self.skipped_figure = _Figure(tr("steps skipped"), content)
        for column, figure in enumerate((self.time_figure, self.done_figure,
                                         self.skipped_figure)):
            figure.setMinimumWidth(190)
            figures.addWidget(figure, 0, column)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addLayout(figures)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addSpacing(20)

        self.extra_area = QVBoxLayout()
        outer.addLayout(self.extra_area)
        outer.addStretch(1)

        # The way back, under the scroll: it stays put whatever happens above it.
        buttons = QHBoxLayout()
        self._buttons = buttons
        buttons.setSpacing(16)
        buttons.addStretch(1)
        self.again_button = BigButton(tr("Do it again"), "play", self)
        self.back_button = BigButton(tr("Back to sessions"), "back", self,
                                     primary=True, shortcut_hint=tr("Enter"))
        for button in (self.again_button, self.back_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.again_button.clicked.connect(self.again_requested.emit)
        self.back_button.clicked.connect(self.back_requested.emit)
        screen.addLayout(buttons)
        self._set_compact(False)
        self._recolour()

    def _set_compact(self, compact: bool) -> None:
        """Lay out for a short window (``COMPACT_HEIGHT``) or a tall one."""
        if compact == self._compact:
            return
        self._compact = compact
        self.headline.setFont(font(34 if compact else 52, QFont.Weight.Bold))
        self.subline.setVisible(not compact)
        self._gap.setFixedHeight(12 if compact else 30)
        side = 40 if compact else 60
        self._outer.setContentsMargins(side, 12 if compact else 40, side, 8)
        self._buttons.setContentsMargins(side, 8, side, 14 if compact else 40)
        for figure in (self.time_figure, self.done_figure, self.skipped_figure):
            figure.set_compact(compact)
        for button in (self.again_button, self.back_button):
            button.set_scale(18 if compact else 22)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._set_compact(event.size().height() < COMPACT_HEIGHT)
        super().resizeEvent(event)

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
