"""The session screen: what to do now, readable from a mat three metres away.

Everything shown comes from the adapter's snapshots and the timeline's steps; this widget never
measures time. Texts are set only when they change, so while counting the only repaints are a
digit flip once a second, the progress track's sweep (stepped at most every 0.09 s of the
snapshots' own time, whatever the number of snapshots) and a few columns of the session bar.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from backtimer.engine.events import PauseReason
from backtimer.engine.runner import RunnerState, Snapshot
from backtimer.session.durations import format_clock
from backtimer.session.model import Exercise
from backtimer.session.timeline import Step, StepKind
from backtimer.ui.common.controls import BigButton
from backtimer.ui.common.icons import svg_pixmap
from backtimer.ui.common.theme import caution_colour, font, muted, step_colour
from backtimer.ui.common.words import (
    countdown_text,
    counts_line,
    kind_word,
    next_line,
    side_word,
    tr,
    version_line,
)
from backtimer.ui.run.adapter import RunnerAdapter
from backtimer.ui.run.ring import ProgressRing
from backtimer.ui.run.slim_bar import SlimBar

DIGITS_SHARE = 0.35  # of the window's height; the issue asks for at least a third
TRACK_FRAME_SECONDS = 0.09  # of the session's time: the track's sweep at ~10 frames a second


def set_text(label: QLabel, text: str) -> None:
    """Change a label only when its text changes (a same-text setText can still repaint)."""
    if label.text() != text:
        label.setText(text)


class SessionScreen(QWidget):
    """Shows the running step. Buttons act on the adapter; stop goes through the window.

    Signals:
        stop_requested(): the person pressed Stop (the window asks before stopping).
        fullscreen_requested(): the full-screen button was pressed.
    """

    stop_requested = Signal()
    fullscreen_requested = Signal()

    def __init__(self, adapter: RunnerAdapter, exercises: Mapping[str, Exercise],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.adapter = adapter
        self.exercises = exercises
        self._shown_index: int | None = None
        self._shown_step: Step | None = None
        self._state: RunnerState | None = None
        self._track_at = 0.0  # the snapshot time of the track's last step
        self._build()
        # Fonts follow the window's height; an explicit minimum keeps the window's minimum from
        # following the fonts in turn (which would stop the window from ever shrinking).
        self.setMinimumSize(720, 380)  # the window's MIN_SIZE (ui.run.controller)
        adapter.snapshot_changed.connect(self.show_snapshot)

    # -- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 20, 40, 28)
        outer.setSpacing(0)

        header = QHBoxLayout()
        self.title_label = QLabel(self)
        self.time_left_label = QLabel(self)
        self.time_left_label.setAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        # It changes every second; filling its own background keeps Qt from repainting the
        # screen and window beneath it each time.
        self.time_left_label.setAutoFillBackground(True)
        header.addWidget(self.title_label, 1)
        header.addWidget(self.time_left_label)
        outer.addLayout(header)
        outer.addSpacing(10)
        self.session_bar = SlimBar(self, 8)
        self.session_bar.setToolTip(tr("The whole session"))
        outer.addWidget(self.session_bar)
        outer.addSpacing(22)

        hero = QHBoxLayout()
        hero.setSpacing(44)
        self.ring = ProgressRing(self)
        inside = QVBoxLayout(self.ring)
        inside.setSpacing(0)
        self.kind_label = self._label(self.ring, centre=True)
        self.digits = self._label(self.ring, centre=True)
        self.digits.setObjectName("digits")
        self.side_label = self._label(self.ring, centre=True)
        # Each label only as wide as its text, so the track's sweep rarely repaints them.
        inside.addStretch(1)
        for label in (self.kind_label, self.digits, self.side_label):
            inside.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
        inside.addStretch(1)
        hero.addWidget(self.ring, 60)
        self.ring.installEventFilter(self)

        info = QVBoxLayout()
        info.setSpacing(0)
        self.name_label = self._label(self, wrap=True)
        self.counts_label = self._label(self, wrap=True)
        self.how_label = self._label(self, wrap=True)
        self.how_label.setTextFormat(Qt.TextFormat.PlainText)
        self.version_label = self._label(self, wrap=True)
        self.version_label.setTextFormat(Qt.TextFormat.PlainText)
        self.version_label.setObjectName("versionLine")
        self.version_label.setContentsMargins(0, 0, 0, 8)  # a margin, so hidden it takes none
        self.version_label.hide()
        caution_row = QHBoxLayout()
        caution_row.setSpacing(12)
        self.caution_icon = QLabel(self)
        self.caution_icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.caution_label = self._label(self, wrap=True)
        caution_row.addWidget(self.caution_icon, 0, Qt.AlignmentFlag.AlignTop)
        caution_row.addWidget(self.caution_label, 1)
        self.caution_box = QWidget(self)
        self.caution_box.setLayout(caution_row)
        caution_row.setContentsMargins(0, 0, 0, 0)
        self.next_label = self._label(self, wrap=True)
        info.addStretch(1)
        info.addWidget(self.name_label)
        info.addSpacing(8)
        info.addWidget(self.counts_label)
        info.addSpacing(22)
        info.addWidget(self.version_label)
        info.addWidget(self.how_label)
        info.addSpacing(18)
        info.addWidget(self.caution_box)
        info.addStretch(2)
        info.addWidget(self.next_label)
        info.addStretch(1)
        hero.addLayout(info, 40)
        outer.addLayout(hero, 1)
        outer.addSpacing(26)

        controls = QHBoxLayout()
        controls.setSpacing(16)
        self.back_button = BigButton(tr("Back"), "back", self, shortcut_hint=tr("Left arrow"))
        self.pause_button = BigButton(tr("Pause"), "pause", self, shortcut_hint=tr("Space"))
        self.done_button = BigButton(tr("Done"), "done", self, shortcut_hint=tr("Enter"),
                                     primary=True)
        self.skip_button = BigButton(tr("Skip"), "skip", self, shortcut_hint=tr("Right arrow"))
        self.stop_button = BigButton(tr("Stop"), "stop", self, shortcut_hint=tr("Esc"))
        self.fullscreen_button = BigButton("", "fullscreen", self)
        self.fullscreen_button.setToolTip(tr("Full screen  (F11)"))
        self.back_button.clicked.connect(self.adapter.back)
        self.pause_button.clicked.connect(self.adapter.toggle_pause)
        self.done_button.clicked.connect(self.adapter.done)
        self.skip_button.clicked.connect(self.adapter.skip)
        self.stop_button.clicked.connect(self.stop_requested.emit)
        self.fullscreen_button.clicked.connect(
            self.fullscreen_requested.emit
        )
        # An empty box as wide as the full-screen button keeps the main buttons centred.
        self._balance = QWidget(self)
        controls.addWidget(self._balance)
        controls.addStretch(1)
        for button in (self.back_button, self.pause_button, self.done_button,
                       self.skip_button, self.stop_button):
            controls.addWidget(button)
        controls.addStretch(1)
        controls.addWidget(self.fullscreen_button)
        outer.addLayout(controls)
        self.done_button.hide()
        self._apply_sizes()

    def _label(self, parent: QWidget, *, centre: bool = False, wrap: bool = False) -> QLabel:
        label = QLabel(parent)
        label.setTextFormat(Qt.TextFormat.PlainText)
        if centre:
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(wrap)
        return label

    # -- sizes and colours ------------------------------------------------------------------------

    def window_height(self) -> int:
        return max(300, self.window().height())

    def _apply_sizes(self) -> None:
        """Scale every font with the window, so the screen reads the same at any size."""
        h = self.window_height()
        self._fit_track_fonts()
        self.name_label.setFont(font(round(h * 0.056), QFont.Weight.Bold))
        self.counts_label.setFont(font(round(h * 0.036), QFont.Weight.DemiBold))
        self.how_label.setFont(font(round(h * 0.025)))
        self.version_label.setFont(font(round(h * 0.03), QFont.Weight.Bold))
        self.caution_label.setFont(font(round(h * 0.025), QFont.Weight.DemiBold))
        self.next_label.setFont(font(round(h * 0.032), QFont.Weight.DemiBold))
        self.title_label.setFont(font(round(h * 0.024), QFont.Weight.DemiBold))
        self.time_left_label.setFont(font(round(h * 0.024), QFont.Weight.DemiBold))
        scale = max(20, round(h * 0.024))
        for button in (self.back_button, self.pause_button, self.done_button,
                       self.skip_button, self.stop_button, self.fullscreen_button):
            button.set_scale(scale)
        self.done_button.set_scale(round(scale * 1.25))
        icon = round(h * 0.03)
        self.caution_icon.setPixmap(svg_pixmap("caution", icon, caution_colour(self)))
        self.caution_icon.setFixedWidth(icon)
        self._balance.setFixedWidth(self.fullscreen_button.sizeHint().width())
        self._fit_ring(self._shown_step)
        self._recolour()

    def _recolour(self) -> None:
        step = self._shown_step
        paused = self._state is RunnerState.PAUSED
        colour = step_colour(step.kind, self) if step else muted(self)
        soft = muted(self)
        self.ring.set_colour(colour)
        self.ring.set_dimmed(paused)
        self.session_bar.set_colour(colour)
        self._colour_label(self.kind_label, soft if paused else colour)
        self._colour_label(self.side_label, colour)
        self._colour_label(self.digits, soft if paused else self.palette().windowText().color())
        for label in (self.how_label, self.title_label, self.time_left_label):
            self._colour_label(label, soft)
        self._colour_label(self.next_label, muted(self, 0.8))
        self._colour_label(self.counts_label, muted(self, 0.85))
        self._colour_label(self.caution_label, caution_colour(self))

    @staticmethod
    def _colour_label(label: QLabel, colour: QColor) -> None:
        sheet = f"color: {colour.name()};"
        if label.styleSheet() != sheet:
            label.setStyleSheet(sheet)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_sizes()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._apply_sizes()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_sizes()

    # -- showing a snapshot ---------------------------------------------------------------------

    def show_snapshot(self, snapshot: Snapshot) -> None:
        step = snapshot.step
        timeline = self.adapter.timeline
        if step is None or timeline is None:
            return
        state_changed = snapshot.state is not self._state
        self._state = snapshot.state
        if snapshot.index != self._shown_index or step is not self._shown_step:
            self._shown_index = snapshot.index
            self._shown_step = step
            set_text(self.title_label, timeline.session.title)
            self._show_step(step, snapshot.index)
            self.ring.set_fraction(snapshot.fraction if step.timed else 0.0, force=True)
            self._track_at = snapshot.session_elapsed
            self._recolour()
        elif state_changed:
            self._recolour()
        if state_changed:
            self._show_state(snapshot)
        if step.timed:
            set_text(self.digits, countdown_text(snapshot.remaining or 0.0))
            since = snapshot.session_elapsed - self._track_at
            if since >= TRACK_FRAME_SECONDS or since < 0 or snapshot.fraction < self.ring.fraction:
                self.ring.set_fraction(snapshot.fraction)
                self._track_at = snapshot.session_elapsed
        else:
            set_text(self.digits, str(step.reps))
        set_text(self.time_left_label, self._header_text(snapshot))
        self.session_bar.set_fraction(snapshot.session_fraction)

    def _show_state(self, snapshot: Snapshot) -> None:
        step = snapshot.step
        paused = snapshot.state is RunnerState.PAUSED
        if paused:
            set_text(self.kind_label, tr("PAUSED"))
        elif step is not None:
            set_text(self.kind_label, kind_word(step.kind))
        self.pause_button.setText(tr("Resume") if paused else tr("Pause"))
        self.pause_button.set_icon_name("play" if paused else "pause")
        self.pause_button.setToolTip(
            (tr("Resume") if paused else tr("Pause")) + "  (" + tr("Space") + ")"
        )

    @staticmethod
    def _header_text(snapshot: Snapshot) -> str:
        """The time left, or while a sleep keeps the session paused, why it stopped.

        The reason stays for as long as the pause does (every snapshot sets this text, so it
        must be decided here, not once when the state changes); resuming brings the time back.
        """
        if snapshot.state is RunnerState.PAUSED and snapshot.pause_reason is PauseReason.SLEEP:
            return tr("Paused: the computer was asleep")
        return tr("{t} left").format(t=format_clock(snapshot.session_left))

    def _show_step(self, step: Step, index: int) -> None:
        timeline = self.adapter.timeline
        assert timeline is not None
        exercise = self.exercises.get(step.exercise)
        set_text(self.kind_label, kind_word(step.kind))
        set_text(self.name_label, step.label)
        if step.kind is StepKind.SELF_PACED:
            side = side_word(step.side)
            set_text(self.side_label, tr("REPS") + (f"  ·  {side}" if side else ""))
        elif step.kind is StepKind.SWITCH:
            set_text(self.side_label, tr("TO THE {side}").format(side=side_word(step.side)))
        else:
            set_text(self.side_label, side_word(step.side))
        counts = counts_line(step)
        if step.stage is not None and step.kind is StepKind.HOLD and exercise is not None:
            # The exercise's name stays the big title; the stage (which can be a sentence, such
            # as the back extension's pillow check) leads the smaller line under it, where it
            # wraps instead of pushing the title past its space.
            set_text(self.name_label, exercise.name)
            stage = step.label.removeprefix(f"{exercise.name}: ")
            counts = "  ·  ".join(part for part in (stage, counts) if part)
        set_text(self.counts_label, counts)
        self.counts_label.setVisible(bool(self.counts_label.text()))
        how = exercise.how if exercise else ()
        lines = [f"•  {line}" for line in how[:5]]
        version = version_line(step, exercise)
        if version is None and exercise is not None and exercise.easier:
            # The easier version is where the person sees it, during the step (issue 12).
            lines.append(tr("Easier: {how}").format(how=exercise.easier))
        set_text(self.how_label, "\n".join(lines))
        self.how_label.setVisible(bool(lines))
        # The person chose this version: it comes first and stands out (issue 12).
        set_text(self.version_label, version or "")
        self.version_label.setVisible(version is not None)
        caution = exercise.caution if exercise else None
        set_text(self.caution_label, caution or "")
        self.caution_box.setVisible(bool(caution))
        following = timeline.steps[index + 1] if index + 1 < len(timeline.steps) else None
        set_text(self.next_label, next_line(following))
        self.done_button.setVisible(step.kind is StepKind.SELF_PACED)
        self._fit_ring(step)

    def _fit_track_fonts(self) -> None:
        """Digits a third of the window or more; the words above and below give way first.

        When notices or a short window leave the track little height, the kind and side words
        shrink so nothing overlaps the track, but the digits never go below a third of the
        window's height. The digits' label is cut to the digits' own height (figures have no
        descenders), so the three lines sit close together.
        """
        h = self.window_height()
        room = self.ring.height() if self.ring.height() > 50 else h * 0.6
        digits_px = max(math.ceil(h / 3) + 1, min(round(h * DIGITS_SHARE), round(room * 0.56)))
        digits_height = round(digits_px * 0.86)
        words_room = (room * 0.84 - digits_height) / 2 / 1.25
        kind_px = max(14, min(round(h * 0.062), round(words_room)))
        side_px = max(14, min(round(h * 0.058), round(words_room)))
        if self.digits.font().pixelSize() != digits_px:
            self.digits.setFont(font(digits_px, QFont.Weight.DemiBold, digits=True))
        self.digits.setFixedHeight(digits_height)
        if self.kind_label.font().pixelSize() != kind_px:
            self.kind_label.setFont(font(kind_px, QFont.Weight.Bold))
        if self.side_label.font().pixelSize() != side_px:
            self.side_label.setFont(font(side_px, QFont.Weight.Bold))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.ring and event.type() == QEvent.Type.Resize:
            self._fit_track_fonts()
            self._fit_ring(self._shown_step)
        return False

    def _fit_ring(self, step: Step | None) -> None:
        """Tell the track how wide its content gets during this step (it never jumps mid-step)."""
        if step is None:
            return
        widest = countdown_text(step.seconds) if step.seconds is not None else str(step.reps)
        digits = QFontMetrics(self.digits.font()).horizontalAdvance(widest)
        words = max(QFontMetrics(label.font()).horizontalAdvance(label.text())
                    for label in (self.kind_label, self.side_label))
        # Words sit near the top and bottom of the track, where a circle is narrower.
        self.ring.set_content_width(max(digits, round(words * 1.3)))
