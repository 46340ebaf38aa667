"""The history window: the weekly goal, streaks, minutes per week with the pain trend, a
calendar of the days done, and every session logged (with its pain and note, editable).

The figures come from SQL aggregates (distinct local days, weekly and daily sums), never from
walking every entry in Python, and the table reads a page of rows at a time in the order
chosen (SQLite sorts, from an index), so the view opens quickly with 100,000 entries. Every
read and write of the log, its opening too, runs on the window's worker thread
(``HistoryWorker``): the window paints at once and fills in when the figures come. An empty
history shows a first-run message instead of an empty grid, and a log that cannot be opened
shows why.

Dialogs sit behind replaceable functions (``choose_csv_path``) so tests can answer them;
deleting needs no dialog at all because it can be undone.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, tzinfo
from pathlib import Path
from typing import BinaryIO

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QFont,
    QFontMetrics,
    QKeySequence,
    QPalette,
    QResizeEvent,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from backtimer.store.atomic import write_atomic_with
from backtimer.store.history import (
    ROW_NOTE,
    ROW_PAIN_AFTER,
    ROW_PAIN_BEFORE,
    ROW_STATUS,
    ROW_UID,
    UNREADABLE,
    EntryStatus,
    HistoryEntry,
    HistoryLog,
    HistoryUnavailable,
    SortKey,
    TableRow,
)
from backtimer.store.history_cli import write_csv
from backtimer.store.paths import Paths
from backtimer.store.streaks import NO_STREAKS, fill_weeks
from backtimer.ui.common.file_folder import last_folder
from backtimer.ui.common.screen_fit import fit_to_screen
from backtimer.ui.common.theme import (
    blend,
    font,
    minutes_colour,
    readable_on,
    short_of_plan_colour,
)
from backtimer.ui.common.undo_strip import UndoStrip
from backtimer.ui.common.words import (
    failure_text,
    history_unavailable_text,
    tr,
    write_failure_reason,
)
from backtimer.ui.history.day_calendar import DayCalendar
from backtimer.ui.history.feedback_editor import FeedbackEditor
from backtimer.ui.history.history_chart import GrowingBars, WeeklyChart
from backtimer.ui.history.history_model import (
    COL_PAIN,
    COL_RESULT,
    COL_SESSION,
    COL_TIME,
    COL_WHEN,
    PAGE,
    UID_ROLE,
    HistoryProxy,
    HistoryTableModel,
)
from backtimer.ui.history.history_reading import Overview, read_overview, table_row
from backtimer.ui.history.history_worker import HistoryWorker
from backtimer.ui.history.sort_header import SortHeader

ChooseCsvPath = Callable[[QWidget, str], Path | None]
HISTORY_SIZE = (1000, 820)  # or less, to fit the screen
COMPACT_HEIGHT = 660  # below this the charts and the table take turns


def ask_csv_path(parent: QWidget, suggested: str) -> Path | None:
    """The real save dialog, in the home folder or the folder last used (``file_folder``);
    tests pass their own function instead."""
    folder = last_folder()
    name, _ = QFileDialog.getSaveFileName(
        parent, tr("Export history as CSV"), folder.start_in(suggested),
        tr("CSV files (*.csv)")
    )
    if not name:
        return None
    folder.remember(Path(name))
    return Path(name)


class _Stat(QFrame):
    """One figure on a soft card: a big number and a caption."""

    def __init__(self, caption: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("stat")
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 8, 16, 8)
        column.setSpacing(0)
        self.value = QLabel("–", self)
        self.value.setFont(font(26, QFont.Weight.DemiBold))
        self.column = column
        self.caption = QLabel(caption, self)
        self.caption.setFont(font(14))
        self.caption.setWordWrap(True)
        self.caption.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        column.addWidget(self.value)
        column.addWidget(self.caption)

    def set_compact(self, compact: bool) -> None:
        """Smaller figure and margins, for a low window."""
        self.value.setFont(font(20 if compact else 26, QFont.Weight.DemiBold))
        self.column.setContentsMargins(12 if compact else 16, 4 if compact else 8,
                                       12 if compact else 16, 4 if compact else 8)


class HistoryView(QWidget):
    """The whole history: figures, chart, calendar and table, or a friendly page when there is
    none.

    Signals: ``problem(str)`` when the log fails while the view is open (the message is also
    shown in the view); ``loaded()`` each time the figures and the first page are on screen.
    Call ``reload()`` after a session has been logged. ``busy`` is True while a read or a write
    is on its way (tests wait for it to end).
    """

    problem = Signal(str)
    loaded = Signal()

    def __init__(
        self,
        log: HistoryLog | None,
        parent: QWidget | None = None,
        *,
        unavailable: HistoryUnavailable | None = None,
        today: Callable[[], date] = date.today,
        tz: tzinfo | None = None,
        choose_csv_path: ChooseCsvPath = ask_csv_path,
        weekly_goal: int = 4,
        open_log: Callable[[], HistoryLog] | None = None,
        peek_log: Callable[[], HistoryLog] | None = None,
    ) -> None:
        super().__init__(parent)
        self.log = log
        self.today = today
        self.choose_csv_path = choose_csv_path
        self.weekly_goal = weekly_goal
        self.owns_log = False
        self.deleted: list[HistoryEntry] = []  # the last deletion, for Undo
        self.sort_key = SortKey.STARTED
        self.descending = True
        self._keep_selected: list[str] = []
        self._sorting: tuple[SortKey, bool] | None = None  # an order being read
        self._streaks = NO_STREAKS  # until the log is read
        self.setWindowTitle(tr("BackTimer history"))
        # Explicit, so the layout's tall minimum never stops the window from shrinking to a
        # 800x500 screen: below COMPACT_HEIGHT the page lays itself out smaller instead.
        self.setMinimumSize(600, 400)
        fit_to_screen(self, *HISTORY_SIZE)  # its Delete button was off a 800-pixel-high screen

        self.worker = HistoryWorker(self)
        self.model = HistoryTableModel(self, tz=tz)
        self.model.fetcher = self._fetch_page
        self.model.sorter = self._sort
        self.proxy = HistoryProxy(self)
        self.proxy.setSourceModel(self.model)

        self.pages = QStackedWidget(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.pages)
        self.empty_page = self._message_page(
            tr("Your history starts with your first session"),
            tr(
                "Finish a session and it appears here, with your streak, your minutes per week "
                "and, if you note it, how your back felt before and after."
            ),
        )
        self.loading_page = self._message_page(tr("Reading your history…"), "")
        self.unavailable_page = self._message_page(tr("The history cannot be shown"), "")
        self.main_page = self._build_main_page()
        for page in (self.loading_page, self.main_page, self.empty_page,
                     self.unavailable_page):
            self.pages.addWidget(page)
        self._style()
        self._shortcuts()
        self._peeked = False  # the figures shown came from a quick read-only look
        if log is not None:
            self.reload()
        elif open_log is not None:
            if peek_log is not None:
                self._peek(peek_log)
            self.worker.submit(open_log, self._opened, self._open_failed)
        else:
            self._show_unavailable(history_unavailable_text(unavailable) if unavailable
                                   else tr("The history file could not be opened."))

    @classmethod
    def open_window(cls, paths: Paths, parent: QWidget | None = None, *,
                    open_log: Callable[[Path], HistoryLog] | None = None,
                    weekly_goal: int = 4) -> HistoryView:
        """A view that opens the log at ``paths.history_file`` on its worker thread (the
        window shows at once, "Reading your history…") and closes it when closed.

        ``open_log`` is the app's way of opening the log (``app.open_log``); by default, with
        no busy timeout, so a file another program holds locked is reported at once. With a
        parent, the view is still its own window (``Qt.Window``); call ``show()``.
        """
        path = paths.history_file
        opener = open_log or (lambda file: HistoryLog.open(file, busy_timeout=0))
        view = cls(None, parent, open_log=lambda: opener(path), weekly_goal=weekly_goal,
                   peek_log=lambda: HistoryLog.open(path, read_only=True, check_pages=False,
                                                    busy_timeout=0))
        view.owns_log = True
        if parent is not None:
            view.setWindowFlag(Qt.WindowType.Window)
            # Placed again as a window: placed as a child, its title bar went above the screen.
            fit_to_screen(view, *HISTORY_SIZE)
        return view

    @property
    def busy(self) -> bool:
        return self.worker.pending > 0

    # -- building ----------------------------------------------------------------------------

    def _build_main_page(self) -> QWidget:
        page = QWidget(self)
        column = QVBoxLayout(page)
        column.setContentsMargins(24, 16, 24, 14)
        column.setSpacing(12)

        self._main_column = column
        head = QHBoxLayout()
        title = QLabel(tr("Your history"), page)
        title.setFont(font(26, QFont.Weight.DemiBold))
        self._title = title
        head.addWidget(title)
        head.addStretch(1)
        # In a low window the charts and the table take turns (``_lay_out``).
        self.show_charts = QPushButton(tr("Charts"), page)
        self.show_table = QPushButton(tr("Sessions"), page)
        self.switch = QButtonGroup(page)
        for button in (self.show_charts, self.show_table):
            button.setCheckable(True)
            button.setObjectName("switch")
            button.setFont(font(15))
            button.setMinimumHeight(36)
            self.switch.addButton(button)
            head.addWidget(button)
        self.show_charts.setChecked(True)
        self.switch.buttonClicked.connect(self._lay_out)
        head.addSpacing(12)
        self.export_button = QPushButton(tr("Export CSV…"), page)
        self.export_button.setFont(font(15))
        self.export_button.setMinimumHeight(36)
        self.export_button.clicked.connect(self.export_csv)
        head.addWidget(self.export_button)
        column.addLayout(head)

        stats = QHBoxLayout()
        stats.setSpacing(12)
        self.week_goal = _Stat(tr("days this week"), page)
        self.current_streak = _Stat(tr("days in a row now"), page)
        self.goal_streak = _Stat(tr("weeks in a row at your goal"), page)
        self.week_minutes = _Stat(tr("minutes this week"), page)
        for stat in (self.week_goal, self.current_streak, self.goal_streak, self.week_minutes):
            stats.addWidget(stat, 1)
        column.addLayout(stats)

        overview = QHBoxLayout()
        overview.setSpacing(12)
        chart_card = QFrame(page)
        chart_card.setObjectName("card")
        inside = QVBoxLayout(chart_card)
        inside.setContentsMargins(18, 12, 18, 8)
        self.chart = WeeklyChart(chart_card)
        self.chart.setMinimumHeight(150)
        inside.addWidget(self.chart)
        overview.addWidget(chart_card, 3)
        calendar_card = QFrame(page)
        calendar_card.setObjectName("card")
        inside = QVBoxLayout(calendar_card)
        inside.setContentsMargins(14, 12, 14, 8)
        self.calendar = DayCalendar(calendar_card)
        inside.addWidget(self.calendar)
        overview.addWidget(calendar_card, 2)
        self.overview = QWidget(page)
        self.overview.setLayout(overview)
        overview.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.overview, 5)

        self.notice = QLabel(page)
        self.notice.setWordWrap(True)
        self.notice.setFont(font(14))
        self.notice.hide()
        column.addWidget(self.notice)

        self.table = QTableView(page)
        self.table.setHorizontalHeader(SortHeader(self.table))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(COL_WHEN, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setFont(font(15))
        self.table.setFrameShape(QFrame.Shape.NoFrame)
        self.table.doubleClicked.connect(self._edit_row)
        vertical = self.table.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(34)
        header = self.table.horizontalHeader()
        header.setFont(font(14, QFont.Weight.DemiBold))
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setMinimumHeight(130)
        column.addWidget(self.table, 6)

        self.editor = FeedbackEditor(page)
        self.editor.save_asked.connect(self.save_feedback)
        self.editor.cancelled.connect(self.table.setFocus)
        column.addWidget(self.editor)

        foot = QHBoxLayout()
        self.summary = QLabel(page)  # sessions logged, best streak
        self.summary.setFont(font(14))
        self.summary.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        foot.addWidget(self.summary)
        foot.addSpacing(12)
        self.undo_strip = UndoStrip(page)
        self.undo_button = self.undo_strip.button
        self.undo_strip.undo_clicked.connect(self.undo_delete)
        foot.addWidget(self.undo_strip)
        foot.addStretch(1)
        self.edit_button = QPushButton(tr("Edit pain and note…"), page)
        self.edit_button.setToolTip(tr("Change the pain and the note of the selected session"))
        self.edit_button.setEnabled(False)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(tr("Delete"), page)
        self.delete_button.setToolTip(tr("Delete the selected sessions (you can undo it)"))
        self.delete_button.setEnabled(False)
        self.delete_button.clicked.connect(self.delete_selected)
        for button in (self.edit_button, self.delete_button):
            button.setFont(font(14))
            foot.addWidget(button)
        foot.addSpacing(12)
        self.close_button = self._close_button(page)
        foot.addWidget(self.close_button)
        column.addLayout(foot)

        selection = self.table.selectionModel()
        selection.selectionChanged.connect(self._selection_changed)
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(self.delete_selected)
        return page

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._lay_out()

    def _lay_out(self) -> None:
        """Fit the page to the window: in a low window (800x500) the charts and the table take
        turns, switched in the head row; the table's columns share its width, so nothing
        scrolls sideways."""
        compact = self.height() < COMPACT_HEIGHT
        self._title.setFont(font(22 if compact else 26, QFont.Weight.DemiBold))
        for stat in (self.week_goal, self.current_streak, self.goal_streak, self.week_minutes):
            stat.set_compact(compact)
        if compact:
            self._main_column.setContentsMargins(16, 10, 16, 10)
            self._main_column.setSpacing(8)
        else:
            self._main_column.setContentsMargins(24, 16, 24, 14)
            self._main_column.setSpacing(12)
        for button in (self.show_charts, self.show_table):
            button.setVisible(compact)
        charts = not compact or self.show_charts.isChecked()
        table = not compact or self.show_table.isChecked()
        self.overview.setVisible(charts)
        self.table.setVisible(table)
        for button in (self.edit_button, self.delete_button):
            button.setVisible(table)
        if not table:
            self.editor.hide()
        # The table's width follows the window's (page margins and the scroll bar aside); the
        # viewport's own width is not laid out yet when the window is resized.
        margins = self._main_column.contentsMargins()
        width = self.width() - margins.left() - margins.right() - 18
        self.model.compact_dates = width < 900  # no weekday: "5 Mar 2025, 19:54"
        metrics = QFontMetrics(self.table.font())
        pad = 30  # the cells' padding, both sides, and a little air
        fixed = {
            COL_WHEN: metrics.horizontalAdvance(
                self.model.when_text("2025-09-28T19:54:00Z") + "0") + pad,
            COL_TIME: metrics.horizontalAdvance("999 min") + pad,
            COL_RESULT: metrics.horizontalAdvance(tr("Stopped at 100%")) + pad,
            COL_PAIN: metrics.horizontalAdvance("10 → 10") + pad,
        }
        for column_number, column_width in fixed.items():
            self.table.setColumnWidth(column_number, column_width)
        left = width - sum(fixed.values())
        self.table.setColumnWidth(COL_SESSION, max(120, round(left * 0.55)))

    def _close_button(self, page: QWidget) -> QPushButton:
        """Every page has a Close button, bottom right."""
        button = QPushButton(tr("Close"), page)
        button.setFont(font(14))
        button.setMinimumWidth(96)
        button.clicked.connect(self.close)
        return button

    def _shortcuts(self) -> None:
        """Esc and Ctrl+W close the window (Esc first closes an open editor)."""
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.activated.connect(self._escape)
        close = QShortcut(QKeySequence("Ctrl+W"), self)
        close.activated.connect(self.close)

    def _escape(self) -> None:
        if self.editor.isVisible():
            self.editor.cancel()
        else:
            self.close()

    def _message_page(self, heading: str, text: str) -> QWidget:
        page = QWidget(self)
        column = QVBoxLayout(page)
        column.setContentsMargins(48, 48, 24, 14)
        column.addStretch(2)
        mark = GrowingBars(page)
        title = QLabel(heading, page)
        title.setFont(font(26, QFont.Weight.DemiBold))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setWordWrap(True)
        body = QLabel(page)
        body.setObjectName("body")
        body.setFont(font(17))
        body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body.setWordWrap(True)
        body.setFixedWidth(560)
        _set_wrapped(body, text)
        body.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        column.addWidget(mark, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addSpacing(12)
        column.addWidget(title)
        column.addSpacing(8)
        column.addWidget(body, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(3)
        column.addWidget(self._close_button(page), 0, Qt.AlignmentFlag.AlignRight)
        return page

    def _style(self) -> None:
        palette = self.palette()
        window = palette.color(QPalette.ColorRole.Window)
        text = palette.color(QPalette.ColorRole.WindowText)
        card = blend(text, window, 0.045).name()
        accent = minutes_colour(self).name()
        for stat in (self.week_goal, self.current_streak):
            stat.value.setStyleSheet(f"color: {accent};")
        self.model.status_colours = {
            EntryStatus.COMPLETED.value: minutes_colour(self),
            EntryStatus.STOPPED.value: short_of_plan_colour(self),
            EntryStatus.INTERRUPTED.value: short_of_plan_colour(self),
            UNREADABLE: palette.color(QPalette.ColorRole.PlaceholderText),
            EntryStatus.IN_PROGRESS.value: palette.color(QPalette.ColorRole.PlaceholderText),
        }
        self.setStyleSheet(
            f"#stat, #card {{ background: {card}; border-radius: 14px; }}"
            "QTableView::item { padding-left: 10px; padding-right: 10px; }"
            "QHeaderView::section { padding-left: 10px; padding-right: 10px; }"
            f"QPushButton#switch {{ background: {card}; border: 1px solid "
            f"{blend(text, window, 0.25).name()}; border-radius: 6px; padding: 6px 14px; }}"
            f"QPushButton#switch:checked {{ background: {accent}; border-color: {accent}; "
            f"color: {readable_on(minutes_colour(self)).name()}; }}"
        )

    # -- reading, on the worker --------------------------------------------------------------

    def _peek(self, peek_log: Callable[[], HistoryLog]) -> None:
        """Show the history from a quick read-only look, before the log is checked page by
        page and opened for writing (``_opened``), which with 100,000 entries takes longer
        than the rest together. Nothing is ever written through this look; when it fails,
        the checked opening that follows says why."""
        key, descending, today = self.sort_key, self.descending, self.today()

        def look() -> Overview:
            with peek_log() as log:
                return read_overview(log, key, descending, today, PAGE)

        def shown(overview: Overview) -> None:
            if self.log is None and not self.worker.closing:
                self._peeked = True
                self._show_overview(overview)

        self.worker.submit(look, shown, lambda error: None)

    def _opened(self, log: HistoryLog) -> None:
        if self.worker.closing:  # closed while it was opening
            self.worker.run_last(log.close)
            return
        self.log = log
        if not self._peeked:  # what the quick look showed is still what the log holds
            self.reload()

    def _open_failed(self, error: Exception) -> None:
        self._peeked = False
        self._show_unavailable(_failure(error))

    def _failed(self, error: Exception) -> None:
        """A read or write failed while the view was open: say so, here and in the window."""
        self._say(_failure(error))
        self.problem.emit(_failure(error))

    def reload(self) -> None:
        """Read the log again: the figures, the chart, the calendar and the table's first
        page, on the worker; the view shows them when they come."""
        log = self.log
        if log is None:
            return
        if self.pages.currentWidget() is not self.main_page:
            self.pages.setCurrentWidget(self.loading_page)
        self._keep_selected = self._keep_selected or self.selected_uids()
        key, descending, today = self.sort_key, self.descending, self.today()
        self.worker.submit(lambda: read_overview(log, key, descending, today, PAGE),
                           self._show_overview, self._reload_failed)

    def _reload_failed(self, error: Exception) -> None:
        self._show_unavailable(_failure(error))
        self.problem.emit(_failure(error))

    def _show_overview(self, overview: Overview) -> None:
        self.model.start(overview.first_page, overview.total)
        self._reselect()
        if overview.total == 0:
            self.pages.setCurrentWidget(self.empty_page)
            self.loaded.emit()
            return
        today = self.today()
        minutes = {week.week_start: week.minutes for week in overview.weeks}
        pain = {week.week_start: week.pain for week in overview.weeks if week.pain is not None}
        points = fill_weeks(minutes, pain, today)
        self.chart.set_weeks(points)
        self.calendar.set_days(overview.calendar, today)
        self._streaks = overview.streaks
        self._show_goal()
        self.current_streak.value.setText(str(overview.streaks.current))
        self.week_minutes.value.setText(str(round(points[-1].minutes)))
        sessions = overview.total - overview.unreadable
        self.summary.setText(
            (tr("{count} session logged").format(count=1) if sessions == 1 else
             tr("{count} sessions logged").format(count=f"{sessions:,}"))
            + " · " + (tr("best streak 1 day") if overview.streaks.best == 1 else
                       tr("best streak {days} days").format(days=overview.streaks.best)))
        if overview.unreadable:
            self._say(
                tr("{count} entries were changed outside BackTimer and cannot be read; they "
                   "are left as they are and not counted.").format(count=overview.unreadable)
            )
        self.pages.setCurrentWidget(self.main_page)
        self.loaded.emit()

    def set_weekly_goal(self, goal: int) -> None:
        """The goal changed in Settings: the figures follow without reading the log again."""
        self.weekly_goal = goal
        self._show_goal()

    def _show_goal(self) -> None:
        goal = self.weekly_goal
        done = self._streaks.week_days
        self.week_goal.value.setText(tr("{done} of {goal}").format(done=done, goal=goal))
        self.week_goal.caption.setText(
            tr("days this week: goal met") if done >= goal else tr("days this week"))
        self.goal_streak.value.setText(str(self._streaks.goal_streak(goal)))
        self.goal_streak.caption.setText(
            tr("weeks in a row with {goal} days or more").format(goal=goal) if goal > 1
            else tr("weeks in a row with a day or more"))

    def _fetch_page(self, offset: int) -> None:
        """The table scrolled near its end: read the next page on the worker."""
        log = self.log
        if log is None:  # still being opened: the view asks again as it scrolls
            self.model.fetching = False
            return
        generation, key, descending = self.model.generation, self.sort_key, self.descending
        self.worker.submit(
            lambda: log.page(key, descending=descending, offset=offset, limit=PAGE),
            lambda rows: self.model.add_page(generation, offset, rows), self._failed)

    def _sort(self, key: SortKey, descending: bool) -> None:
        """A header was clicked: SQLite sorts; the table starts again from the first page."""
        log = self.log
        if self._sorting == (key, descending):
            return  # the table asks twice for one click (the view, then its header)
        self.sort_key, self.descending = key, descending
        if log is None:
            self._peeked = False  # read again, in this order, once the log is open
            return
        self._sorting = (key, descending)
        self._keep_selected = self._keep_selected or self.selected_uids()

        def first_page() -> tuple[list[TableRow], int]:
            return log.page(key, descending=descending, offset=0, limit=PAGE), log.count()

        def failed(error: Exception) -> None:
            self._sorting = None
            self._failed(error)

        self.worker.submit(first_page, self._show_first_page, failed)

    def _show_first_page(self, answer: tuple[list[TableRow], int]) -> None:
        self._sorting = None
        rows, total = answer
        self.model.start(rows, total)
        self.table.scrollToTop()  # a new order is read from its start
        self._reselect()

    def _reselect(self) -> None:
        """Select again the rows that were selected, where they are now (when fetched)."""
        uids, self._keep_selected = self._keep_selected, []
        selection = self.table.selectionModel()
        for uid in uids:
            number = self.model.row_of(uid)
            if number is not None:
                index = self.proxy.mapFromSource(self.model.index(number, 0))
                selection.select(index, QItemSelectionModel.SelectionFlag.Select
                                 | QItemSelectionModel.SelectionFlag.Rows)

    def _show_unavailable(self, message: str) -> None:
        body = self.unavailable_page.findChild(QLabel, "body")
        assert isinstance(body, QLabel)
        _set_wrapped(body, message)
        self.pages.setCurrentWidget(self.unavailable_page)

    def _say(self, message: str) -> None:
        self.notice.setText(message)
        self.notice.show()

    # -- actions -----------------------------------------------------------------------------

    def selected_uids(self) -> list[str]:
        rows = self.table.selectionModel().selectedRows()
        return [str(self.proxy.data(index, UID_ROLE)) for index in rows]

    def select_row(self, row: int) -> None:
        """Select one table row as shown (for keyboard users, and tests)."""
        index = self.proxy.index(row, 0)
        self.table.selectionModel().select(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def _selected_row(self) -> TableRow | None:
        """The one readable row selected (the editor's), or None."""
        rows = self.table.selectionModel().selectedRows()
        if len(rows) != 1:
            return None
        row = self.model.row(self.proxy.mapToSource(rows[0]).row())
        return None if row[ROW_STATUS] == UNREADABLE else row

    def edit_selected(self) -> None:
        """Open the editor on the selected session's pain and note."""
        row = self._selected_row()
        if row is not None and self.table.isVisible():
            self.editor.edit(row[ROW_UID], row[ROW_PAIN_BEFORE], row[ROW_PAIN_AFTER],
                             row[ROW_NOTE])

    def _edit_row(self, index: QModelIndex) -> None:
        self.select_row(index.row())
        self.edit_selected()

    def save_feedback(self, uid: str, before: int | None, after: int | None,
                      note: str) -> None:
        """Write the edited pain and note to the log; the row shows them once saved."""
        log = self.log
        if log is None:
            return

        def saved(entry: HistoryEntry | None) -> None:
            if entry is None:
                self._say(tr("That entry is no longer in the history."))
                return
            self.model.replace_row(table_row(entry))
            self._say(tr("Saved."))
            self.reload()  # the pain trend follows

        self.worker.submit(
            lambda: log.update_feedback(uid, pain_before=before, pain_after=after, note=note),
            saved, self._failed)

    def delete_selected(self) -> None:
        uids = self.selected_uids()
        log = self.log
        if not uids or log is None:
            return

        def deleted(removed: list[HistoryEntry]) -> None:
            if len(removed) < len(uids):
                self._say(tr("Unreadable entries are left as they are: Undo could not give "
                             "them back."))
            if not removed:
                return
            self.deleted = removed
            self.table.clearSelection()
            count = len(removed)
            self.undo_strip.offer(
                tr("Deleted {count} session.").format(count=1)
                if count == 1 else tr("Deleted {count} sessions.").format(count=count)
            )
            self.reload()

        self.worker.submit(lambda: log.delete(uids), deleted, self._failed)

    def undo_delete(self) -> None:
        log, entries = self.log, self.deleted
        if not entries or log is None:
            return

        def restored(_: int) -> None:
            self.deleted = []
            self.undo_strip.withdraw()
            self.reload()

        self.worker.submit(lambda: log.save_many(entries), restored, self._failed)

    def export_csv(self) -> Path | None:
        """Ask where, then write every entry as CSV (UTC times) on the worker; returns the
        file being written (the notice says when it is done)."""
        log = self.log
        if log is None:
            return None
        suggested = f"backtimer-history-{self.today().isoformat()}.csv"
        target = self.choose_csv_path(self, suggested)
        if target is None:
            return None

        def write() -> int:
            # Atomic: a failure (a full disk) leaves a file chosen to be replaced as it was,
            # and a FIFO or device under the name is refused (it held the worker for ever).
            counted: list[int] = []

            def fill(handle: BinaryIO) -> None:
                out = io.TextIOWrapper(handle, encoding="utf-8", newline="")
                counted.append(write_csv(log.iter_entries(), out))
                out.flush()
                out.detach()  # the handle is flushed and closed by write_atomic_with

            write_atomic_with(target, fill)
            return counted[0]

        def written(count: int) -> None:
            self._say(tr("Exported {count} sessions to {file}").format(count=count,
                                                                        file=target))

        def failed(error: Exception) -> None:
            reason = (write_failure_reason(target, error) if isinstance(error, OSError)
                      else _failure(error))
            self._say(tr("The export to {file} failed: {reason}. Nothing was changed there.")
                      .format(file=target, reason=reason.rstrip(".")))

        self.worker.submit(write, written, failed)
        return target

    def _selection_changed(self) -> None:
        self.delete_button.setEnabled(bool(self.table.selectionModel().selectedRows()))
        self.edit_button.setEnabled(self._selected_row() is not None)

    def closeEvent(self, event: QCloseEvent) -> None:
        log = self.log
        self.log = None
        # No reference cycle through the model: a closed view is freed by reference counting,
        # on this thread, and never by the garbage collector on the worker thread (deleting
        # Qt widgets off the GUI thread crashes).
        self.model.fetcher = None
        self.model.sorter = None
        self.worker.run_last(log.close if self.owns_log and log is not None else lambda: None)
        super().closeEvent(event)


def _failure(error: Exception) -> str:
    if isinstance(error, HistoryUnavailable):
        return history_unavailable_text(error)
    return failure_text(error)


def _set_wrapped(label: QLabel, text: str) -> None:
    """Set wrapped text and give the label the height it needs: an aligned item in a layout
    does not get a height for its width, and the last lines would be cut off."""
    label.setText(text)
    label.setMinimumHeight(max(0, label.heightForWidth(label.width())))
