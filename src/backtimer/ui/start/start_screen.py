"""The start screen: pick a session, adjust its numbers in place, start.

A session with levels (a progression, issue 12) shows "Level 3 of 7: 30 s on / 3 s off" in a
small box above its total, which is that level's; picking another level keeps it at once
(``store.levels``), and Start runs that level. Its items show the level's numbers read-only.

The right side shows the selected session with the quick-adjust panel (each item's hold, rest,
reps, sets and sides as spin boxes); the total follows as you type. Start saves the adjustments
as the user's version first, so what was done is what is kept and survives a restart. A user's
file that no longer validates stays listed with its problem, and can be repaired or deleted
from here. Removing a file (delete, reset to original) is undone with one click, not confirmed.

Signals:
    start_requested(object): the ``Session`` to run (Start button, double-click, or Enter).
    library_changed(str): this screen changed the user's sessions; the id now selected.
    problem(str): something could not be saved; the window shows it in its notice bar.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QFontMetrics, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from backtimer.session.durations import format_clock
from backtimer.session.model import DEFAULT_PREPARE, Session
from backtimer.session.timeline import (
    StepKind,
    TimelineTooLongError,
    level_count,
    level_label,
)
from backtimer.store.levels import LevelsUnreadableError, chosen_level, save_level
from backtimer.store.library import Library, Origin, SessionEntry
from backtimer.store.user_sessions import DeletedFile, UserFileError, UserSessions
from backtimer.ui.common.controls import BigButton
from backtimer.ui.common.theme import accent_colour, caution_colour, font, muted
from backtimer.ui.common.undo_strip import UndoStrip
from backtimer.ui.common.words import failure_text, tr
from backtimer.ui.library.repair_dialog import RepairDialog
from backtimer.ui.start.command_line import CommandLineBox, copy_start_command
from backtimer.ui.start.loading_screen import (
    COLUMN_SPACING,
    LEFT,
    MARGINS,
    RIGHT,
    SPACING,
    heading_labels,
)
from backtimer.ui.start.quick_adjust import QuickAdjustPanel
from backtimer.ui.start.session_card import SessionCardDelegate, wrap
from backtimer.ui.start.session_list import SessionListModel, total_text
from backtimer.ui.start.start_fit import StartSizes, sizes_for
from backtimer.ui.start.version_summary import version_summary

LIST_MIN_WIDTH = 260  # the session list's narrowest: titles wrap between words, not inside


class StartScreen(QWidget):
    start_requested = Signal(object)
    library_changed = Signal(str)
    problem = Signal(str)

    def __init__(self, library: Library, store: UserSessions | None = None,
                 parent: QWidget | None = None, *,
                 prepare: Callable[[], float] = lambda: DEFAULT_PREPARE) -> None:
        super().__init__(parent)
        self.library = library
        self.prepare = prepare  # the person's default get-ready time, for the totals
        self.store = store if store is not None else UserSessions(library)
        self.model = SessionListModel(library, self, prepare=prepare)
        self.repair: RepairDialog | None = None
        self._picked: dict[str, int] = {}  # levels picked, when there is no config folder
        self._undo: DeletedFile | None = None
        self._build()
        if self.model.rowCount() > 0:
            self.select(0)

    def _build(self) -> None:
        outer = self.outer = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        outer.setContentsMargins(*MARGINS)
        outer.setSpacing(SPACING)

        left = QVBoxLayout()
        left.setSpacing(COLUMN_SPACING)
        self.heading, self.hint = heading_labels(self)
        left.addWidget(self.heading)
        left.addWidget(self.hint)
        left.addSpacing(14)
        self.list_view = QListView(self)
        self.list_view.setModel(self.model)
        self.cards = SessionCardDelegate(self, self.list_view)
        self.list_view.setItemDelegate(self.cards)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list_view.setFrameShape(QFrame.Shape.NoFrame)
        self.list_view.setMouseTracking(True)
        self.list_view.setSpacing(1)
        # Cards wrap their titles to the list's width: lay them out again when it changes.
        self.list_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.list_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list_view.setAttribute(Qt.WidgetAttribute.WA_MacShowFocusRect, False)
        self.list_view.viewport().setAutoFillBackground(False)
        self.list_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list_view.customContextMenuRequested.connect(self._context_menu)
        self.list_view.doubleClicked.connect(self._on_double_click)
        selection = self.list_view.selectionModel()
        selection.selectionChanged.connect(self._on_selection)
        # Never squeezed below a card's width for whole words (the details wrap instead).
        self.list_view.setMinimumWidth(LIST_MIN_WIDTH)
        left.addWidget(self.list_view, 1)
        left.addWidget(self._undo_strip())
        outer.addLayout(left, LEFT)

        right = QVBoxLayout()
        right.setSpacing(0)
        self.title_label = QLabel(self)
        self.title_label.setFont(font(34, QFont.Weight.Bold))
        self.title_label.setWordWrap(True)
        self.total_label = QLabel(self)
        self.total_label.setFont(font(18, QFont.Weight.DemiBold))
        self.total_label.setWordWrap(True)  # "· some reps at your own pace" must not widen it
        self.summary_label = QLabel(self)
        self.summary_label.setFont(font(16))
        self.summary_label.setWordWrap(True)
        self.problem_label = QLabel(self)
        self.problem_label.setFont(font(16))
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.level_box = QComboBox(self)
        self.level_box.setFont(font(16))
        self.level_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.level_box.setToolTip(tr("The level of this progression you are on"))
        self.level_box.currentIndexChanged.connect(self._level_picked)
        self.level_box.hide()
        right.addSpacing(6)
        right.addWidget(self.title_label)
        right.addSpacing(8)
        right.addWidget(self.level_box, 0, Qt.AlignmentFlag.AlignLeft)
        right.addSpacing(4)
        right.addWidget(self.total_label)
        right.addSpacing(12)
        right.addWidget(self.summary_label)
        right.addWidget(self.problem_label)
        right.addSpacing(18)

        # A broken user file: what can be done about it, right under its problem.
        self.broken_row = QWidget(self)
        broken = QHBoxLayout(self.broken_row)
        broken.setContentsMargins(0, 0, 0, 0)
        self.repair_button = QPushButton(tr("Repair…"), self.broken_row)
        self.repair_button.setToolTip(tr("Open the file's text, fix it and save"))
        self.delete_button = QPushButton(tr("Delete file"), self.broken_row)
        for button in (self.repair_button, self.delete_button):
            button.setFont(font(15))
            button.setMinimumHeight(36)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            broken.addWidget(button)
        broken.addStretch(1)
        self.repair_button.clicked.connect(self.open_repair)
        self.delete_button.clicked.connect(self.delete_broken)
        right.addWidget(self.broken_row)

        self.panel = QuickAdjustPanel(self.store, self, prepare=self.prepare)
        self.panel.items.levels_note = tr("This exercise has levels; choose the level above.")
        self.panel.items.total_label.hide()  # the total above, in large type, says it
        # Larger numbers, read from a mat. (No style sheet here: it would stop the font
        # reaching the spin boxes.)
        self._panel_font = self.panel.font()
        self.panel.setFont(_larger(self._panel_font, 1.2))
        self.panel.session_changed.connect(self._show_total)
        self.panel.library_changed.connect(self._after_change)
        self.panel.reset_done.connect(self._reset_done)
        right.addWidget(self.panel, 1)
        right.addSpacing(18)

        buttons = QHBoxLayout()
        buttons.setSpacing(16)
        self.command_line = CommandLineBox(self)
        buttons.addWidget(self.command_line, 1)
        self.start_button = BigButton(tr("Start"), "play", self, primary=True,
                                      shortcut_hint=tr("Enter"))
        self.start_button.set_scale(24)
        self.start_button.setMinimumWidth(260)
        self.start_button.clicked.connect(self.request_start)
        buttons.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignBottom)
        right.addLayout(buttons)
        outer.addLayout(right, RIGHT)
        self._colour()
        self._sizes: StartSizes | None = None
        self._summary_text = ""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit(sizes_for(event.size().width(), event.size().height()))
        self._show_summary()  # shortened to the label's new width

    def _fit(self, sizes: StartSizes) -> None:
        """Type and spacing for the room there is (``start_fit``); nothing is cut or hidden
        but the hint under the heading on a short window."""
        if sizes == self._sizes:
            return
        self._sizes = sizes
        self.outer.setDirection(QBoxLayout.Direction.TopToBottom if sizes.stacked
                                else QBoxLayout.Direction.LeftToRight)
        margin = sizes.margin
        self.outer.setContentsMargins(margin, round(margin * 0.8), margin, round(margin * 0.9))
        self.outer.setSpacing(sizes.spacing)
        self.heading.setFont(font(sizes.heading, QFont.Weight.Bold))
        self.hint.setFont(font(sizes.hint))
        self.hint.setVisible(sizes.show_hint)
        self.title_label.setFont(font(sizes.title, QFont.Weight.Bold))
        self.total_label.setFont(font(sizes.total, QFont.Weight.DemiBold))
        self.summary_label.setFont(font(sizes.summary))
        self.problem_label.setFont(font(sizes.summary))
        self.start_button.set_scale(sizes.start)
        self.start_button.setMinimumWidth(sizes.start_width)
        self.panel.setFont(_larger(self._panel_font, 1.2 * max(0.85, min(1.4, sizes.scale))))
        self.cards.scale = sizes.scale
        self.command_line.set_pixels(max(13, round(13 * sizes.scale)))
        self.list_view.doItemsLayout()
        self._scroll_to_current()  # the cards changed height: keep the selection in view
        self._show_summary()

    def _show_summary(self) -> None:
        """The summary in full, or (on a short window) its first lines, the rest in a tooltip."""
        text = self._summary_text
        lines = self._sizes.summary_lines if self._sizes is not None else 0
        shown = text
        if lines and text:
            width = max(100, self.summary_label.width())
            shown = "\n".join(wrap(text, QFontMetrics(self.summary_label.font()), width, width,
                                    limit=lines))
        self.summary_label.setText(shown)
        self.summary_label.setToolTip(text if shown != text else "")
        self.summary_label.setVisible(bool(text))

    def _undo_strip(self) -> UndoStrip:
        self.undo_strip = UndoStrip(self)
        self.undo_button = self.undo_strip.button
        self.undo_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the list keeps the keys
        self.undo_strip.undo_clicked.connect(self.undo)
        return self.undo_strip

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._colour()

    def _colour(self) -> None:
        self.hint.setStyleSheet(f"color: {muted(self).name()};")
        self.total_label.setStyleSheet(f"color: {accent_colour(self).name()};")
        self.summary_label.setStyleSheet(f"color: {muted(self, 0.75).name()};")
        self.problem_label.setStyleSheet(f"color: {caution_colour(self).name()};")
        self.start_button.restyle()

    # -- selection ------------------------------------------------------------------------------

    def select(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.list_view.setCurrentIndex(index)

    def select_id(self, session_id: str) -> bool:
        row = self.model.row_of(session_id)
        if row >= 0:
            self.select(row)
        return row >= 0

    def selected_entry(self) -> SessionEntry | None:
        row = self.model.row_at(self.list_view.currentIndex().row())
        return row.entry if row else None

    def selected_session(self) -> Session | None:
        """The selected session with the adjustments made on this screen (saved or not)."""
        entry = self.selected_entry()
        if entry is None or entry.session is None:
            return None
        return self.panel.session() or entry.session

    def reload(self, select: str | None = None) -> None:
        """Re-read the list after the library changed, keeping (or moving to) a selection."""
        current = self.selected_entry()
        wanted = select or (current.id if current else None)
        self.model.reload(self.library)
        if not (wanted and self.select_id(wanted)) and self.model.rowCount():
            self.select(0)

    def _on_selection(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        self._show_row(self.list_view.currentIndex().row())

    def _show_row(self, number: int) -> None:
        row = self.model.row_at(number)
        if row is None:
            return
        entry = row.entry
        if self._undo is not None and self._undo.session_id != entry.id:
            self._hide_undo()
        self.title_label.setText(entry.title)
        self.command_line.show_id(entry.id if entry.valid else "")
        self._show_levels(row.session)
        self.panel.items.level = self.level()
        self.panel.show_entry(entry)
        session = row.session
        if session is None:
            self.total_label.setText("")
            self._summary_text = ""
            self.summary_label.hide()
            self.problem_label.setText(
                row.problem + "\n" + tr("File: {path}").format(path=entry.path)
            )
            self.problem_label.show()
            self.broken_row.setVisible(entry.origin is not Origin.BUILTIN)
            self.start_button.setEnabled(False)
            return
        self._show_total(session)  # and the summary under it
        self.problem_label.hide()
        self.broken_row.hide()
        self.start_button.setEnabled(True)

    def _show_total(self, session: Session) -> None:
        """The total time and the count of exercises, worked out again at every edit."""
        try:
            timeline = self.library.timeline(
                session, prepare=self.prepare(), level=min(self.level(), level_count(session)))
        except TimelineTooLongError:
            self.total_label.setText(tr("Too many steps to run"))
            self._describe(session)
            return
        total = format_clock(timeline.total_seconds)
        exercises = len(session.items)
        text = tr("{t} in total  ·  {n} exercises").format(t=total, n=exercises)
        if exercises == 1:
            text = tr("{t} in total  ·  1 exercise").format(t=total)
        if any(step.kind is StepKind.SELF_PACED for step in timeline.steps):
            text += "  ·  " + tr("some reps at your own pace")
        self.total_label.setText(text)
        self._describe(session, total)

    def _describe(self, session: Session, total: str | None = None) -> None:
        """The summary, after what this version changed ("Your version: … (was …)") when its
        numbers differ from the built-in's (or, while adjusting, from the saved ones)."""
        entry = self.selected_entry()
        base = (entry.original or entry.session) if entry is not None else None
        changes = ""
        if base is not None and base != session:
            totals = None
            if total is not None:
                with contextlib.suppress(TimelineTooLongError):
                    was = self.library.timeline(base, prepare=self.prepare(),
                                                level=min(self.level(), level_count(base)))
                    totals = (total, format_clock(was.total_seconds))
            changes = version_summary(session, base, self.library.exercises, totals)
        self._summary_text = "\n".join(text for text in (changes, session.summary) if text)
        self._show_summary()

    # -- the level of a progression --------------------------------------------------------------

    def level(self) -> int:
        """The level picked for the selected session (1 for a session without levels)."""
        return self.level_box.currentIndex() + 1 if self.level_box.isVisibleTo(self) else 1

    def _chosen(self, session: Session) -> int:
        if self.library.paths is None:  # no config folder (tests, a demo): kept for this run
            return max(1, min(self._picked.get(session.id, 1), level_count(session)))
        return chosen_level(self.library.paths.levels_file, session)

    def _show_levels(self, session: Session | None) -> None:
        """The level box for a progression, on the level the person is on; hidden otherwise."""
        count = level_count(session) if session is not None else 1
        self.level_box.blockSignals(True)
        self.level_box.clear()
        if session is not None and count > 1:
            for number in range(1, count + 1):
                self.level_box.addItem(level_words(session, number))
            self.level_box.setCurrentIndex(self._chosen(session) - 1)
        self.level_box.blockSignals(False)
        self.level_box.setVisible(count > 1)

    def showEvent(self, event: QShowEvent) -> None:
        """Back from a session: a level taken on the finish screen shows here at once."""
        super().showEvent(event)
        self.refresh_level()
        # The selection (the session last used) in view, once the cards are laid out.
        QTimer.singleShot(0, self, self._scroll_to_current)

    def _scroll_to_current(self) -> None:
        self.list_view.scrollTo(self.list_view.currentIndex())

    def refresh_level(self) -> None:
        """Show the level kept for the selected session, if it changed since it was shown."""
        row = self.model.row_at(self.list_view.currentIndex().row())
        session = row.session if row is not None else None
        if session is None or level_count(session) == 1 or self._chosen(session) == self.level():
            return
        self._show_levels(session)
        self._apply_level(self.level())

    def _level_picked(self, index: int) -> None:
        """Keep the level picked (so Start, and the next time, run it) and show its numbers."""
        session = self.panel.session()
        entry = self.selected_entry()
        if index < 0 or session is None or entry is None:
            return
        level = index + 1
        self._picked[entry.id] = level
        if self.library.paths is not None:
            try:
                save_level(self.library.paths.levels_file, entry.id, level)
            except (LevelsUnreadableError, OSError) as error:
                self.problem.emit(tr("Your level could not be kept: {error}").format(
                    error=error))
        self._apply_level(level)

    def _apply_level(self, level: int) -> None:
        """The items, the total and the card's total as done at ``level``."""
        session = self.panel.session()
        entry = self.selected_entry()
        if session is None or entry is None:
            return
        self.panel.items.set_level(level)
        self._show_total(session)
        with contextlib.suppress(TimelineTooLongError):  # the total above says so
            timeline = self.library.timeline(session, prepare=self.prepare(), level=level)
            self.model.set_total(entry.id, total_text(timeline))

    # -- changes to the user's files ------------------------------------------------------------

    def _after_change(self, session_id: str) -> None:
        self.reload(session_id)
        self.library_changed.emit(session_id)

    def _reset_done(self, deleted: DeletedFile) -> None:
        entry = self.library.entries.get(deleted.session_id)
        title = entry.title if entry is not None else deleted.session_id
        self._offer_undo(tr("“{title}” is back to the original.").format(title=title), deleted)

    def reset_selected(self) -> None:
        """Bring the built-in version of the selected session back (undo stays offered)."""
        entry = self.selected_entry()
        if entry is not None and entry.origin is Origin.CUSTOMIZED:
            self.panel.reset()

    def open_repair(self) -> None:
        entry = self.selected_entry()
        if entry is None or entry.valid or entry.origin is Origin.BUILTIN:
            return
        self.repair = RepairDialog(self.store, entry.id, self)
        self.repair.repaired.connect(lambda fixed: self._after_change(fixed.id))
        self.repair.open()  # window-modal, not blocking

    def delete_broken(self) -> None:
        """Delete the selected user file that cannot be used; Undo puts the same bytes back."""
        entry = self.selected_entry()
        if entry is None or entry.valid or entry.origin is Origin.BUILTIN:
            return
        name = entry.path.rsplit("/", 1)[-1]
        try:
            deleted = self.store.delete(entry.id)
        except (UserFileError, ValueError) as error:
            self.problem.emit(failure_text(error))
            return
        self._after_change(entry.id)
        self._offer_undo(tr("Deleted {name}.").format(name=name), deleted)

    def _offer_undo(self, words: str, deleted: DeletedFile) -> None:
        self._undo = deleted
        self.undo_strip.offer(words)

    def _hide_undo(self) -> None:
        self._undo = None
        self.undo_strip.withdraw()

    def undo(self) -> None:
        deleted = self._undo
        if deleted is None:
            return
        self._hide_undo()
        try:
            self.store.restore(deleted)
        except UserFileError as error:
            self.problem.emit(failure_text(error))
            return
        self._after_change(deleted.session_id)

    # -- the context menu -----------------------------------------------------------------------

    def context_actions(self, entry: SessionEntry) -> list[QAction]:
        """What the list's context menu offers for ``entry`` (also used by the tests)."""
        actions: list[QAction] = []

        def add(text: str, slot: Callable[[], None]) -> None:
            action = QAction(text, self)
            action.triggered.connect(lambda _checked=False: slot())
            actions.append(action)

        if entry.valid:
            add(tr("Start"), self.request_start)
            add(tr("Copy command line"), lambda: self._copy_command(entry.id))
        if entry.origin is Origin.CUSTOMIZED:
            add(tr("Reset to original"), self.reset_selected)
        if not entry.valid and entry.origin is not Origin.BUILTIN:
            add(tr("Repair…"), self.open_repair)
            add(tr("Delete file"), self.delete_broken)
        return actions

    def _copy_command(self, session_id: str) -> None:
        copy_start_command(session_id)

    def _context_menu(self, position: QPoint) -> None:
        index = self.list_view.indexAt(position)
        if not index.isValid():
            return
        self.select(index.row())
        entry = self.selected_entry()
        if entry is None:
            return
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for action in self.context_actions(entry):
            action.setParent(menu)
            menu.addAction(action)
        menu.popup(self.list_view.viewport().mapToGlobal(position))

    # -- starting -------------------------------------------------------------------------------

    def _on_double_click(self, index: QModelIndex) -> None:
        self.select(index.row())
        self.request_start()

    def request_start(self) -> None:
        """Keep the adjustments as the user's version, then ask to run the adjusted session.

        A value the editor refused (out of its limits) blocks the start: its message shows.
        A save that fails (disk full) does not: the session runs as adjusted, and the
        ``problem`` signal says that the change was not kept.
        """
        entry = self.selected_entry()
        if entry is None or entry.session is None or self.panel.items.has_problem():
            return
        if not self.panel.save_if_changed():
            self.problem.emit(self.panel.message.text())
        session = self.panel.session()
        if session is not None:
            self.start_requested.emit(session)


def level_words(session: Session, level: int) -> str:
    """ "Level 3 of 7: 30 s on / 3 s off" (without the label when the level has none)."""
    count = level_count(session)
    label = level_label(session, level)
    if label:
        return tr("Level {n} of {count}: {label}").format(n=level, count=count, label=label)
    return tr("Level {n} of {count}").format(n=level, count=count)


def _larger(base: QFont, factor: float) -> QFont:
    """``base`` scaled, whether it was given in points or in pixels."""
    scaled = QFont(base)
    if base.pointSizeF() > 0:
        scaled.setPointSizeF(base.pointSizeF() * factor)
    else:
        scaled.setPixelSize(round(base.pixelSize() * factor))
    return scaled
