"""The session screen: what to do now, readable from a mat three metres away.

Everything shown comes from the adapter's snapshots and the timeline's steps; this widget never
measures time. Texts are set only when they change, so while counting the only repaints are a
digit flip once a second, the progress track's sweep (stepped at most every 0.09 s of the
snapshots' own time, whatever the number of snapshots) and a few columns of the session bar.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from backtimer.engine.events import PauseReason
from backtimer.engine.runner import RunnerState, Snapshot
from backtimer.session.durations import format_clock, shown_seconds
from backtimer.session.figure import figure_at_pose
from backtimer.session.model import Exercise
from backtimer.session.timeline import Step, StepKind
from backtimer.ui.common.controls import BigButton
from backtimer.ui.common.figure_view import FigureView, height_for_width
from backtimer.ui.common.icons import svg_pixmap
from backtimer.ui.common.steady_text import fit_size, fit_width, set_steady_text
from backtimer.ui.common.theme import caution_colour, font, muted, step_colour
from backtimer.ui.common.words import (
    countdown_text,
    counts_line,
    next_line,
    side_word,
    step_word,
    tr,
    version_line,
)
from backtimer.ui.run.adapter import RunnerAdapter
from backtimer.ui.run.controls_row import ControlsRow
from backtimer.ui.run.fitting import Line, keep_last_words_together, ring_scale
from backtimer.ui.run.flash import edge_width_for
from backtimer.ui.run.ring import ProgressRing
from backtimer.ui.run.slim_bar import SlimBar

DIGITS_SHARE = 0.35  # of the window's height: the digits' size when the ring has room for it
TRACK_FRAME_SECONDS = 0.09  # of the session's time: the track's sweep at most ~10 times a second
HOW_SHARE = 0.034  # the instructions' size, of the window's height: readable from 3 m
HOW_MIN_PX = 14  # the smallest the instructions shrink to before the column scrolls
INFO_SHRINK = (1.0, 0.92, 0.84, 0.76, 0.68, 0.6)  # the info column's font scales, tried in turn
FIGURE_SHARE = 0.35  # the exercise figure's height, of the window's height, when words allow
# The figure's share, tried in turn once the words are as small as they go: the figure gives
# way last, in small steps, so at 1280x800 it keeps at least 260 px (the pose known from
# across the room).
FIGURE_SHRINK = (0.95, 0.93, 0.9, 0.8, 0.65, 0.5, 0.0)
FIGURE_KEEP = 0.93  # the figure's share kept while the words shrink below READ_SCALE
READ_SCALE = 0.76  # the words' scale down to which the "Then:" line stays
FIGURE_LEAST_PX = 72  # smaller than this the figure says nothing from the mat: it is hidden
FIGURE_GAP = 6  # between the figure and the exercise's name (the floor line is below the feet)


def _fit_tries() -> tuple[tuple[float, bool, bool, float], ...]:
    """The info column's fits, from the roomiest to the tightest: (font scale, easier line
    shown, "Then:" line shown, figure's share of its height). The words shrink to READ_SCALE
    while the figure keeps its full size; then the "Then:" line goes and the figure gives up a
    little (to FIGURE_KEEP); then the words shrink further, then the easier line goes, and the
    figure shrinks last."""
    read = INFO_SHRINK.index(READ_SCALE)
    keep = FIGURE_SHRINK.index(FIGURE_KEEP)
    smallest = INFO_SHRINK[-1]
    return (*((scale, True, True, 1.0) for scale in INFO_SHRINK[:read + 1]),
            *((READ_SCALE, True, False, share) for share in (1.0, *FIGURE_SHRINK[:keep + 1])),
            *((scale, True, False, FIGURE_KEEP) for scale in INFO_SHRINK[read + 1:]),
            (smallest, False, False, FIGURE_KEEP),
            *((smallest, False, False, share) for share in FIGURE_SHRINK[keep + 1:]))


FIT_TRIES = _fit_tries()  # the same for every step: made once


def set_text(label: QLabel, text: str) -> None:
    """Change a label only when its text changes (a same-text setText can still repaint)."""
    if label.text() != text:
        label.setText(text)


class SessionScreen(QWidget):
    """Shows the running step. Buttons act on the adapter; stop goes through the window.

    Beside the instructions is an empty slot for a picture of the exercise: ``set_figure``.

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
        self._header_key: tuple[object, ...] = ()  # what the header's text was made from
        self._how_lines: list[str] = []
        self._easier_line = ""
        self._fitting = False
        self._fit_start = 0  # the try that fitted last (the next fit starts looking there)
        self._build()
        # Fonts follow the window's height; an explicit minimum keeps the window's minimum from
        # following the fonts in turn (which would stop the window from ever shrinking).
        self.setMinimumSize(720, 380)  # the window's MIN_SIZE (ui.run.controller)
        adapter.snapshot_changed.connect(self.show_snapshot)

    # -- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        self._outer = outer = QVBoxLayout(self)
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
        outer.addSpacing(8)
        self.session_bar = SlimBar(self, 8)
        self.session_bar.setToolTip(tr("The whole session"))
        outer.addWidget(self.session_bar)
        outer.addSpacing(16)

        self._hero = hero = QHBoxLayout()
        hero.setSpacing(32)
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
        hero.addWidget(self.ring, 55)
        self.ring.resized.connect(self._ring_resized)

        column = QVBoxLayout()
        column.setSpacing(8)
        self.info_area = QScrollArea(self)
        self.info_area.setFrameShape(QFrame.Shape.NoFrame)
        self.info_area.setWidgetResizable(True)
        self.info_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.info_area.viewport().setAutoFillBackground(False)
        self.info = QWidget()
        self.info.setAutoFillBackground(False)
        self._build_info(QVBoxLayout(self.info))
        self.info_area.setWidget(self.info)
        self.info_area.installEventFilter(self)
        column.addWidget(self.info_area, 1)
        # The caution stays in view whatever the instructions need: it never scrolls away.
        column.addWidget(self.caution_box)
        # Done sits under the instructions, apart from the row of buttons, so its coming and
        # going never moves Pause or Skip under the hand; it is always at the column's foot.
        self.done_button = BigButton(tr("Done"), "done", self, shortcut_hint=tr("Enter"),
                                     primary=True)
        column.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignLeft)
        hero.addLayout(column, 45)
        outer.addLayout(hero, 1)
        outer.addSpacing(16)

        self.controls = ControlsRow(self)
        self.back_button = self.controls.back_button
        self.pause_button = self.controls.pause_button
        self.skip_button = self.controls.skip_button
        self.stop_button = self.controls.stop_button
        self.fullscreen_button = self.controls.fullscreen_button
        self.back_button.clicked.connect(self.adapter.back)
        self.pause_button.clicked.connect(self.adapter.toggle_pause)
        self.done_button.clicked.connect(self.adapter.done)
        self.skip_button.clicked.connect(self.adapter.skip)
        self.stop_button.clicked.connect(self.stop_requested.emit)
        self.fullscreen_button.clicked.connect(self.fullscreen_requested.emit)
        outer.addWidget(self.controls)
        self.done_button.hide()
        self.figure_view = FigureView(self.figure_host)
        self._has_figure = False
        self.set_figure(self.figure_view)
        self._apply_sizes()

    def _build_info(self, info: QVBoxLayout) -> None:
        info.setContentsMargins(0, 0, 0, 0)
        info.setSpacing(0)
        self.name_label = self._label(self.info, wrap=True)
        self.counts_label = self._label(self.info, wrap=True)
        self.how_label = self._label(self.info, wrap=True)
        self.how_label.setSizePolicy(QSizePolicy.Policy.Expanding,
                                     QSizePolicy.Policy.Preferred)
        self.version_label = self._label(self.info, wrap=True)
        self.version_label.setObjectName("versionLine")
        self.version_label.setContentsMargins(0, 0, 0, 8)  # a margin, so hidden it takes none
        self.version_label.hide()
        # The place for the exercise's figure, beside the instructions: empty and hidden until
        # a figure is set, so the instructions take the whole width.
        self.figure_host = QWidget(self.info)
        self.figure_slot = QVBoxLayout(self.figure_host)
        self.figure_slot.setContentsMargins(0, 0, 0, 0)
        self.figure_host.hide()
        how_row = QHBoxLayout()
        how_row.setSpacing(16)
        how_row.addWidget(self.how_label, 1, Qt.AlignmentFlag.AlignTop)
        caution_row = QHBoxLayout()
        caution_row.setSpacing(12)
        self.caution_icon = QLabel(self.info)
        self.caution_icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.caution_label = self._label(self.info, wrap=True)
        caution_row.addWidget(self.caution_icon, 0, Qt.AlignmentFlag.AlignTop)
        caution_row.addWidget(self.caution_label, 1)
        self.caution_box = QWidget(self.info)
        self.caution_box.setLayout(caution_row)
        caution_row.setContentsMargins(0, 0, 0, 0)
        self.next_label = self._label(self.info, wrap=True)
        info.addStretch(1)
        # The figure leads the column, above the name: large enough to know the pose from
        # the mat, it gives way (smaller, then hidden) only when the words need the room.
        info.addWidget(self.figure_host)
        info.addSpacing(FIGURE_GAP)
        info.addWidget(self.name_label)
        info.addSpacing(6)
        info.addWidget(self.counts_label)
        info.addSpacing(14)
        info.addWidget(self.version_label)
        info.addLayout(how_row)
        info.addStretch(2)
        info.addSpacing(10)
        info.addWidget(self.next_label)
        info.addStretch(1)

    def _label(self, parent: QWidget, *, centre: bool = False, wrap: bool = False) -> QLabel:
        label = QLabel(parent)
        label.setTextFormat(Qt.TextFormat.PlainText)
        if centre:
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(wrap)
        return label

    def set_figure(self, figure: QWidget | None) -> None:
        """Put ``figure`` (a picture of the exercise) beside the instructions; None: none."""
        while self.figure_slot.count():
            item = self.figure_slot.takeAt(0)
            old = item.widget() if item is not None else None
            if old is not None:
                old.setParent(None)
        if figure is not None:
            self.figure_slot.addWidget(figure)
        self._has_figure = figure is not None
        self.figure_host.setVisible(self._has_figure)
        self._fit_info()

    def set_full_screen(self, full: bool) -> None:
        """The window went to or left full screen: the button's icon follows."""
        self.controls.set_fullscreen(full)

    # -- sizes and colours ------------------------------------------------------------------------

    def window_height(self) -> int:
        return max(300, self.window().height())

    def _apply_sizes(self) -> None:
        """Scale every font with the window, so the screen reads the same at any size."""
        window = self.window()
        h = self.window_height()
        # The flash frame runs along the window's edges: text stays clear inside it.
        edge = edge_width_for(window.width(), window.height())
        side = max(edge + 14, round(window.width() * 0.03))
        self._outer.setContentsMargins(side, max(edge + 6, round(h * 0.025)),
                                       side, max(edge + 6, round(h * 0.03)))
        self._hero.setSpacing(max(16, round(window.width() * 0.025)))
        self.title_label.setFont(font(max(13, round(h * 0.024)), QFont.Weight.DemiBold))
        self.time_left_label.setFont(font(max(13, round(h * 0.024)), QFont.Weight.DemiBold))
        fit_size(self.time_left_label, self.time_left_label.text())
        scale = max(16, round(h * 0.024))
        self.controls.fit(max(200, self.width() - 2 * side), scale)
        # Done stands out by its colour; on a short window it is no taller than the others.
        done_scale = 1.2 if h >= 700 else 1.0
        self.done_button.set_scale(round(self.pause_button.font().pixelSize() * done_scale))
        icon = max(14, round(h * 0.03))
        self.caution_icon.setPixmap(svg_pixmap("caution", icon, caution_colour(self)))
        self.caution_icon.setFixedWidth(icon)
        self._fit_track_fonts()
        self._fit_info()
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
        for label in (self.title_label, self.time_left_label):
            self._colour_label(label, soft)
        # Read from the mat: the instructions near full contrast, not the soft grey of the
        # header (issue 14, item 16).
        self._colour_label(self.how_label, muted(self, 0.9))
        self._colour_label(self.next_label, muted(self, 0.85))
        self._colour_label(self.counts_label, muted(self, 0.85))
        self._colour_label(self.caution_label, caution_colour(self))

    @staticmethod
    def _colour_label(label: QLabel, colour: QColor) -> None:
        """The label's text colour, through its palette: a style sheet per label made every
        step change re-polish them (~2 ms of the ~8 ms a step change cost) and every repaint
        of the digits go through the style-sheet style."""
        role = QPalette.ColorRole.WindowText
        if label.palette().color(role) != colour:
            palette = label.palette()
            palette.setColor(role, colour)
            label.setPalette(palette)

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
        new_step = snapshot.index != self._shown_index or step is not self._shown_step
        if new_step:
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
            self._move_figure(step, snapshot.state)
        if step.timed:
            set_steady_text(self.digits, countdown_text(snapshot.remaining or 0.0))
            since = snapshot.session_elapsed - self._track_at
            if since >= TRACK_FRAME_SECONDS or since < 0 or snapshot.fraction < self.ring.fraction:
                self.ring.set_fraction(snapshot.fraction)
                self._track_at = snapshot.session_elapsed
        else:
            set_steady_text(self.digits, str(step.reps))
        # The header changes once a second at most: made again only when its second or its
        # reason does (it was a translation and a format at every snapshot).
        header_key = (shown_seconds(snapshot.session_left), snapshot.state,
                      snapshot.pause_reason)
        if header_key != self._header_key:
            self._header_key = header_key
            set_steady_text(self.time_left_label, self._header_text(snapshot))
            if new_step:  # laid out anyway: the header's width follows its text's shape
                fit_size(self.time_left_label, self.time_left_label.text())
            # The whole session's bar moves with its time left, once a second: a few pixels
            # a second at most, it was a repaint at every frame for no step anyone could see.
            self.session_bar.set_fraction(snapshot.session_fraction)
        if snapshot.state is RunnerState.RUNNING:
            # The figure's frames ride on the snapshots (3 a second): no wake-ups of its own.
            self.figure_view.frame_at(snapshot.elapsed)

    def _show_state(self, snapshot: Snapshot) -> None:
        step = snapshot.step
        paused = snapshot.state is RunnerState.PAUSED
        if paused:
            set_text(self.kind_label, tr("PAUSED"))
        elif step is not None:
            set_text(self.kind_label, step_word(step, self.exercises.get(step.exercise)))
        self.controls.set_paused(paused)

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
        set_text(self.kind_label, step_word(step, exercise))
        name = step.label
        side = side_word(step.side, exercise, joiner="\n")
        if step.kind is StepKind.SELF_PACED:
            set_text(self.side_label, tr("REPS") + (f"\n{side}" if side else ""))
        elif step.kind is StepKind.SWITCH and side and not (exercise and exercise.opposite_limbs):
            set_text(self.side_label, tr("TO THE {side}").format(side=side))
        else:
            set_text(self.side_label, side)
        self.side_label.setVisible(bool(self.side_label.text()))
        counts = counts_line(step)
        if step.stage is not None and step.kind is StepKind.HOLD and exercise is not None:
            # The exercise's name stays the big title; the stage (which can be a sentence, such
            # as the back extension's pillow check) leads the smaller line under it, where it
            # wraps instead of pushing the title past its space.
            name = exercise.name
            stage = step.label.removeprefix(f"{exercise.name}: ")
            counts = "  ·  ".join(part for part in (stage, counts) if part)
        # A no-break hyphen too: "arm-leg" never splits over two lines of the big title.
        set_text(self.name_label, keep_last_words_together(name).replace("-", "\u2011"))
        set_text(self.counts_label, keep_last_words_together(counts))
        self.counts_label.setVisible(bool(counts))
        how = exercise.how if exercise else ()
        self._how_lines = [f"•  {line}" for line in how[:5]]
        version = version_line(step, exercise)
        self._easier_line = ""
        if version is None and exercise is not None and exercise.easier:
            # The easier version is where the person sees it, during the step (issue 12).
            self._easier_line = tr("Easier: {how}").format(how=exercise.easier)
        self._show_how(with_easier=True)
        # The person chose this version: it comes first and stands out (issue 12).
        set_text(self.version_label, keep_last_words_together(version or ""))
        self.version_label.setVisible(version is not None)
        caution = exercise.caution if exercise else None
        set_text(self.caution_label, keep_last_words_together(caution or ""))
        self.caution_box.setVisible(bool(caution))
        following = timeline.steps[index + 1] if index + 1 < len(timeline.steps) else None
        ahead = self.exercises.get(following.exercise) if following is not None else None
        set_text(self.next_label, keep_last_words_together(next_line(following, ahead)))
        self.done_button.setVisible(step.kind is StepKind.SELF_PACED)
        # Getting ready for a stage shows that stage's pose (lie down, not the press-up).
        ahead_pose = following.pose if following is not None and step.kind in (
            StepKind.PREPARE, StepKind.TRANSITION) and following.exercise == step.exercise \
            else None
        self._show_figure(step, exercise, step.pose if step.pose is not None else ahead_pose)
        self._fit_track_fonts()
        self._fit_info()

    def _show_how(self, *, with_easier: bool) -> None:
        lines = [*self._how_lines, *([self._easier_line] if with_easier and self._easier_line
                                     else [])]
        set_text(self.how_label, keep_last_words_together("\n".join(lines)))
        self.how_label.setVisible(bool(lines))

    # -- fitting --------------------------------------------------------------------------------

    def _fit_info(self) -> None:
        """The largest info fonts at which the whole column fits its height: the instructions
        are never cut mid-list. The figure, the one thing known from across the room, gives way
        last: the words shrink first (the "Then:" line, which the rests and the next-up screen
        say too, going on the way), then the easier line goes, then the figure shrinks;
        beyond everything the column scrolls."""
        if self._fitting:
            return
        self._fitting = True
        try:
            h = self.window_height()
            width = self.info_area.width() if self.info_area.width() > 50 else round(
                self.width() * 0.4)
            # Measured as if the scroll bar showed: what fits then fits without it too.
            width -= self.info_area.verticalScrollBar().sizeHint().width()
            room = self.info_area.height() if self.info_area.height() > 50 else round(h * 0.5)
            # The caution under the column grows or shrinks with the fonts tried, and takes its
            # room from the column: laid out now at one size, it is measured at each.
            caution_now = self._caution_height(width)
            following = bool(self.next_label.text())
            figure = self.figure_view.figure

            def fits(index: int) -> bool:
                """Show the column as try ``index`` says; whether it fits its room."""
                scale, with_easier, with_next, figure_share = FIT_TRIES[index]
                self._set_info_fonts(h, scale)
                self._show_how(with_easier=with_easier)
                self.next_label.setVisible(following and with_next)
                figure_px = round(h * FIGURE_SHARE * figure_share) if self._has_figure else 0
                if figure is not None:  # no taller than the figure needs at the column's width
                    figure_px = min(figure_px, height_for_width(figure, width))
                self.figure_host.setVisible(figure_px >= FIGURE_LEAST_PX)
                if figure_px >= FIGURE_LEAST_PX:
                    self.figure_host.setFixedHeight(figure_px)
                return self._info_height(width) <= room - (
                    self._caution_height(width) - caution_now)

            # The first try that fits, found from the last step's answer: each try takes less
            # room than the one before, and the next step (the same exercise's next rep, its
            # rest) mostly fits where the last one did, so ~3 tries instead of up to a dozen
            # (each lays the column out again: most of a step change's fitting cost).
            index = min(self._fit_start, len(FIT_TRIES) - 1)
            if fits(index):
                while index > 0 and fits(index - 1):
                    index -= 1
                if index > 0:  # the larger try shown last did not fit: show this one again
                    fits(index)
            else:
                while index < len(FIT_TRIES) - 1:
                    index += 1
                    if fits(index):
                        break
            self._fit_start = index
        finally:
            self._fitting = False

    def _set_info_fonts(self, h: int, scale: float) -> None:
        def px(share: float, least: int) -> int:
            return max(least, round(h * share * scale))

        sizes = (
            (self.name_label, px(0.056, 17), QFont.Weight.Bold),
            (self.counts_label, px(0.036, 14), QFont.Weight.DemiBold),
            (self.how_label, px(HOW_SHARE, HOW_MIN_PX), QFont.Weight.Normal),
            (self.version_label, px(0.034, HOW_MIN_PX), QFont.Weight.Bold),
            (self.caution_label, px(HOW_SHARE, HOW_MIN_PX), QFont.Weight.DemiBold),
            (self.next_label, px(0.032, 14), QFont.Weight.DemiBold),
        )
        for label, pixels, weight in sizes:
            if label.font().pixelSize() != pixels or label.font().weight() != weight:
                label.setFont(font(pixels, weight))

    def _caution_height(self, width: int) -> int:
        """The caution's height at its font now (0 when there is none)."""
        if not self.caution_box.isVisibleTo(self):
            return 0
        label = self.caution_label.width() if self.caution_label.width() > 50 else width - 40
        return self.caution_label.heightForWidth(label)

    def _info_height(self, width: int) -> int:
        """The column's height at ``width`` with what it shows now (its stretches at zero)."""
        total = 6 + 14 + 10
        if self.figure_host.isVisibleTo(self):
            total += self.figure_host.maximumHeight() + FIGURE_GAP
        for label in (self.name_label, self.counts_label, self.version_label, self.next_label):
            if label.isVisibleTo(self):
                total += label.heightForWidth(width)
        if self.how_label.isVisibleTo(self):
            total += self.how_label.heightForWidth(width)
        return total

    def _show_figure(self, step: Step, exercise: Exercise | None, pose: int | None) -> None:
        """The exercise's figure for the step's side; the next one's on the next-up screen."""
        figure = exercise.figure if exercise is not None else None
        if figure is not None:  # a stage may show one pose of it (the back extension's parts)
            figure = figure_at_pose(figure, pose)
        self.figure_view.set_figure(figure, step.side.value if step.side else None)
        self._has_figure = figure is not None
        self._move_figure(step, self._state)

    def _move_figure(self, step: Step, state: RunnerState | None) -> None:
        """Holds and reps move in time with the step (the runner's elapsed time); else still."""
        if step.kind not in (StepKind.HOLD, StepKind.SELF_PACED):
            self.figure_view.show_key_pose()
        elif state is RunnerState.RUNNING:
            self.figure_view.follow(self._step_elapsed, step.seconds, own_frames=False)
        else:
            self.figure_view.hold()

    def _step_elapsed(self) -> float | None:
        snapshot = self.adapter.snapshot()
        return snapshot.elapsed if snapshot is not None else None

    def _fit_track_fonts(self) -> None:
        """The largest words and digits whose every line sits inside the ring's circle.

        The words give way a little first (to 80% of their size), then the digits, then the
        words again (to 60%), so "SWITCH SIDES" or "9:59" never reach the ring. The sizes are
        worked out for the widest text the step will show (its first second, and PAUSED), so
        they never jump mid-step. The digits' label is cut to the digits' own height (figures
        have no descenders).
        """
        h = self.window_height()
        radius = self.ring.inner_radius() if self.ring.height() > 50 else h * 0.25
        step = self._shown_step
        if step is None:
            widest = "0"
        elif step.seconds is not None:
            widest = countdown_text(step.seconds)
        else:
            widest = str(step.reps)
        kinds = [text for text in (self.kind_label.text(), tr("PAUSED")) if text]
        sides = [line for line in self.side_label.text().split("\n") if line]
        wished = (round(h * 0.062), round(h * DIGITS_SHARE), round(h * 0.058))

        def lines(words: float, digits: float) -> list[Line]:
            kind_m = QFontMetrics(font(round(wished[0] * words), QFont.Weight.Bold))
            digit_m = QFontMetrics(font(round(wished[1] * digits), QFont.Weight.DemiBold,
                                        digits=True))
            side_m = QFontMetrics(font(round(wished[2] * words), QFont.Weight.Bold))
            result = [Line(max(kind_m.horizontalAdvance(t) for t in kinds), kind_m.height())]
            result.append(Line(digit_m.horizontalAdvance(widest), wished[1] * digits * 0.86))
            if sides:
                result.append(Line(max(side_m.horizontalAdvance(t) for t in sides),
                                   side_m.lineSpacing() * (len(sides) - 1) + side_m.height()))
            return result

        words, digits = self._ring_scales(lines, radius)
        digits_px = max(12, int(wished[1] * digits))
        kind_px = max(10, int(wished[0] * words))
        side_px = max(10, int(wished[2] * words))
        if self.digits.font().pixelSize() != digits_px:
            self.digits.setFont(font(digits_px, QFont.Weight.DemiBold, digits=True))
        self.digits.setFixedHeight(round(digits_px * 0.86))
        fit_width(self.digits, widest)
        if self.kind_label.font().pixelSize() != kind_px:
            self.kind_label.setFont(font(kind_px, QFont.Weight.Bold))
        if self.side_label.font().pixelSize() != side_px:
            self.side_label.setFont(font(side_px, QFont.Weight.Bold))

    @staticmethod
    def _ring_scales(lines: Callable[[float, float], list[Line]],
                     radius: float) -> tuple[float, float]:
        """(words, digits) scales: the biggest digits with words at 80% or more, else at 60%."""
        digit_scales = [0.97 ** k for k in range(60)]
        for word_scales in ((1.0, 0.9, 0.8), (0.7, 0.6)):
            for digits in digit_scales:
                for words in word_scales:
                    if ring_scale(lines(words, digits), radius) >= 1.0:
                        return words, digits
        return 0.6, digit_scales[-1]

    def _ring_resized(self) -> None:
        # A circle needs no more width than height: the rest goes to the instructions.
        self.ring.setMaximumWidth(max(160, self.ring.height() + 4))
        self._fit_track_fonts()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.info_area and event.type() == QEvent.Type.Resize:
            self._fit_info()
        return False
