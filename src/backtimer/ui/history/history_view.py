"""The history window: streaks, minutes per week with the pain trend, and every session logged.

The figures come from SQL aggregates (distinct local days, weekly sums), never from walking
every entry in Python, so the view opens quickly with 100,000 entries. An empty history shows
a first-run message instead of an empty grid, and a log that cannot be opened shows why.

Dialogs sit behind replaceable functions (``choose_csv_path``) so tests can answer them;
deleting needs no dialog at all because it can be undone.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, tzinfo
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeySequence, QPalette, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
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

from backtimer.store.history import (
    ROW_STATUS,
    UNREADABLE,
    EntryStatus,
    HistoryEntry,
    HistoryLog,
    HistoryUnavailable,
)
from backtimer.store.history_cli import write_csv
from backtimer.store.paths import Paths
from backtimer.store.streaks import best_streak, chart_weeks, current_streak, fill_weeks
from backtimer.ui.common.screen_fit import fit_to_screen
from backtimer.ui.common.theme import blend, font, minutes_colour, short_of_plan_colour
from backtimer.ui.common.undo_strip import UndoStrip
from backtimer.ui.common.words import failure_text, history_unavailable_text, tr
from backtimer.ui.history.history_chart import GrowingBars, WeeklyChart
from backtimer.ui.history.history_model import (
    COL_PAIN,
    COL_RESULT,
    COL_SESSION,
    COL_TIME,
    COL_WHEN,
    UID_ROLE,
    HistoryProxy,
    HistoryTableModel,
)
from backtimer.ui.history.sort_header import SortHeader

ChooseCsvPath = Callable[[QWidget, str], Path | None]
HISTORY_SIZE = (980, 820)  # or less, to fit the screen
COMPACT_HEIGHT = 640  # below this the history sets its figures smaller and its chart lower


def ask_csv_path(parent: QWidget, suggested: str) -> Path | None:
    """The real save dialog; tests pass their own function instead."""
    name, _ = QFileDialog.getSaveFileName(
        parent, tr("Export history as CSV"), suggested, tr("CSV files (*.csv)")
    )
    return Path(name) if name else None


class _Stat(QFrame):
    """One figure on a soft card: a big number and a caption."""

    def __init__(self, caption: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("stat")
        column = QVBoxLayout(self)
        column.setContentsMargins(18, 12, 18, 12)
        column.setSpacing(2)
        self.value = QLabel("–", self)
        self.value.setFont(font(30, QFont.Weight.DemiBold))
        self.caption = QLabel(caption, self)
        self.caption.setFont(font(14))
        self.caption.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        column.addWidget(self.value)
        column.addWidget(self.caption)
        self.column = column

    def set_compact(self, compact: bool) -> None:
        """Smaller figure and margins, for a short window."""
        self.value.setFont(font(22 if compact else 30, QFont.Weight.DemiBold))
        margin_v = 6 if compact else 12
        self.column.setContentsMargins(14 if compact else 18, margin_v,
                                       14 if compact else 18, margin_v)


class HistoryView(QWidget):
    """The whole history: figures, chart and table, or a friendly page when there is none.

    Signals: ``problem(str)`` when the log fails while the view is open (the message is also
    shown in the view). Call ``reload()`` after a session has been logged.
    """

    problem = Signal(str)

    def __init__(
        self,
        log: HistoryLog | None,
        parent: QWidget | None = None,
        *,
        unavailable: HistoryUnavailable | None = None,
        today: Callable[[], date] = date.today,
        tz: tzinfo | None = None,
        choose_csv_path: ChooseCsvPath = ask_csv_path,
    ) -> None:
        super().__init__(parent)
        self.log = log
        self.today = today
        self.choose_csv_path = choose_csv_path
        self.owns_log = False
        self.deleted: list[HistoryEntry] = []  # the last deletion, for Undo
        self.setWindowTitle(tr("BackTimer history"))
        # Explicit, so the layout's tall minimum never stops the window from shrinking to a
        # 800x500 screen: below COMPACT_HEIGHT the page lays itself out smaller instead.
        self.setMinimumSize(600, 400)
        fit_to_screen(self, *HISTORY_SIZE)  # its Delete button was off a 800-pixel-high screen

        self.model = HistoryTableModel(self, tz=tz)
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
        self.unavailable_page = self._message_page(tr("The history cannot be shown"), "")
        self.main_page = self._build_main_page()
        for page in (self.main_page, self.empty_page, self.unavailable_page):
            self.pages.addWidget(page)
        self._style()
        if log is None:
            self._show_unavailable(history_unavailable_text(unavailable) if unavailable
                                   else tr("The history file could not be opened."))
        else:
            self.reload()

    @classmethod
    def open_window(cls, paths: Paths, parent: QWidget | None = None, *,
                    open_log: Callable[[Path], HistoryLog] | None = None) -> HistoryView:
        """Open the log at ``paths.history_file`` and build a view that closes it when closed.

        ``open_log`` is the app's way of opening the log (``app.open_log``); by default, with
        no busy timeout, so a file another program holds locked is reported at once instead of
        holding the window for seconds. With a parent, the view is still its own window
        (``Qt.Window``); call ``show()``.
        """
        try:
            if open_log is None:
                log: HistoryLog | None = HistoryLog.open(paths.history_file, busy_timeout=0)
            else:
                log = open_log(paths.history_file)
            unavailable = None
        except HistoryUnavailable as error:
            log, unavailable = None, error
        view = cls(log, parent, unavailable=unavailable)
        view.owns_log = log is not None
        if parent is not None:
            view.setWindowFlag(Qt.WindowType.Window)
            # Placed again as a window: placed as a child, its title bar went above the screen.
            fit_to_screen(view, *HISTORY_SIZE)
        return view

    # -- building ----------------------------------------------------------------------------

    def _build_main_page(self) -> QWidget:
        page = QWidget(self)
        column = QVBoxLayout(page)
        self._main_column = column

        head = QHBoxLayout()
        title = QLabel(tr("Your history"), page)
        self._title = title
        head.addWidget(title)
        head.addStretch(1)
        self.export_button = QPushButton(tr("Export CSV…"), page)
        self.export_button.setFont(font(15))
        self.export_button.setMinimumHeight(38)
        self.export_button.clicked.connect(self.export_csv)
        head.addWidget(self.export_button)
        column.addLayout(head)

        stats = QHBoxLayout()
        stats.setSpacing(14)
        self.current_streak = _Stat(tr("days in a row now"), page)
        self.best_streak = _Stat(tr("best streak, in days"), page)
        self.week_minutes = _Stat(tr("minutes this week"), page)
        self.sessions = _Stat(tr("sessions logged"), page)
        for stat in (self.current_streak, self.best_streak, self.week_minutes, self.sessions):
            stats.addWidget(stat, 1)
        column.addLayout(stats)

        card = QFrame(page)
        card.setObjectName("card")
        inside = QVBoxLayout(card)
        self._card_column = inside
        self.chart = WeeklyChart(card)
        inside.addWidget(self.chart)
        column.addWidget(card, 5)

        self.notice = QLabel(page)
        self.notice.setWordWrap(True)
        self.notice.setFont(font(14))
        self.notice.hide()
        column.addWidget(self.notice)

        self.table = QTableView(page)
        self.table.setHorizontalHeader(SortHeader(self.table))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_WHEN, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setFont(font(15))
        self.table.setFrameShape(QFrame.Shape.NoFrame)
        vertical = self.table.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(36)
        header = self.table.horizontalHeader()
        header.setFont(font(14, QFont.Weight.DemiBold))
        header.setHighlightSections(False)
        header.setSectionResizeMode(COL_SESSION, QHeaderView.ResizeMode.Stretch)
        for column_number, width in ((COL_WHEN, 215), (COL_TIME, 80), (COL_RESULT, 165),
                                     (COL_PAIN, 100)):
            self.table.setColumnWidth(column_number, width)
        column.addWidget(self.table, 6)

        foot = QHBoxLayout()
        self.undo_strip = UndoStrip(page)
        self.undo_button = self.undo_strip.button
        self.undo_strip.undo_clicked.connect(self.undo_delete)
        foot.addWidget(self.undo_strip)
        foot.addStretch(1)
        self.delete_button = QPushButton(tr("Delete"), page)
        self.delete_button.setFont(font(14))
        self.delete_button.setToolTip(tr("Delete the selected sessions (you can undo it)"))
        self.delete_button.setEnabled(False)
        self.delete_button.clicked.connect(self.delete_selected)
        foot.addWidget(self.delete_button)
        column.addLayout(foot)

        selection = self.table.selectionModel()
        selection.selectionChanged.connect(self._selection_changed)
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(self.delete_selected)
        self._compact: bool | None = None
        self._set_compact(False)
        return page

    def _set_compact(self, compact: bool) -> None:
        """Lay the main page out for a short window (under ``COMPACT_HEIGHT``) or a tall one:
        smaller title, figures and margins, a lower chart and table, so Delete stays on screen
        on a 800x500 laptop."""
        if compact == self._compact:
            return
        self._compact = compact
        column = self._main_column
        if compact:
            column.setContentsMargins(16, 10, 16, 10)
            column.setSpacing(8)
            self._card_column.setContentsMargins(14, 8, 14, 6)
        else:
            column.setContentsMargins(28, 24, 28, 20)
            column.setSpacing(18)
            self._card_column.setContentsMargins(20, 16, 20, 12)
        self._title.setFont(font(22 if compact else 28, QFont.Weight.DemiBold))
        for stat in (self.current_streak, self.best_streak, self.week_minutes, self.sessions):
            stat.set_compact(compact)
        self.chart.setMinimumHeight(120 if compact else 150)  # room for the bars, at least
        self.table.setMinimumHeight(100 if compact else 150)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._set_compact(event.size().height() < COMPACT_HEIGHT)
        super().resizeEvent(event)

    def _message_page(self, heading: str, text: str) -> QWidget:
        page = QWidget(self)
        column = QVBoxLayout(page)
        column.setContentsMargins(48, 48, 48, 48)
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
        return page

    def _style(self) -> None:
        palette = self.palette()
        window = palette.color(QPalette.ColorRole.Window)
        text = palette.color(QPalette.ColorRole.WindowText)
        card = blend(text, window, 0.045).name()
        accent = minutes_colour(self).name()
        self.current_streak.value.setStyleSheet(f"color: {accent};")
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
        )

    # -- contents ----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the log again: the figures, the chart and the table."""
        if self.log is None:
            return
        try:
            rows = self.log.table_rows()
            days = self.log.active_days()
            weeks = chart_weeks(self.today())
            totals = self.log.weekly_totals(weeks[0])
        except HistoryUnavailable as error:
            self._show_unavailable(history_unavailable_text(error))
            self.problem.emit(history_unavailable_text(error))
            return
        header = self.table.horizontalHeader()
        self.model.set_rows(rows)
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        if not rows:
            self.pages.setCurrentWidget(self.empty_page)
            return
        today = self.today()
        minutes = {week.week_start: week.minutes for week in totals}
        pain = {week.week_start: week.pain for week in totals if week.pain is not None}
        points = fill_weeks(minutes, pain, today)
        self.chart.set_weeks(points)
        self.current_streak.value.setText(str(current_streak(days, today)))
        self.best_streak.value.setText(str(best_streak(days)))
        self.week_minutes.value.setText(str(round(points[-1].minutes)))
        unreadable = sum(1 for row in rows if row[ROW_STATUS] == UNREADABLE)
        self.sessions.value.setText(f"{len(rows) - unreadable:,}")
        if unreadable:
            self._say(
                tr("{count} entries were changed outside BackTimer and cannot be read; they "
                   "are left as they are and not counted.").format(count=unreadable)
            )
        self.pages.setCurrentWidget(self.main_page)

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

    def delete_selected(self) -> None:
        uids = self.selected_uids()
        if not uids or self.log is None:
            return
        try:
            removed = self.log.delete(uids)
        except HistoryUnavailable as error:
            self._say(history_unavailable_text(error))
            self.problem.emit(history_unavailable_text(error))
            return
        if len(removed) < len(uids):
            self._say(tr("Unreadable entries are left as they are: Undo could not give "
                              "them back."))
        if not removed:
            return
        self.deleted = removed
        self.reload()
        if self.pages.currentWidget() is self.main_page:
            count = len(removed)
            self.undo_strip.offer(
                tr("Deleted {count} session.").format(count=1)
                if count == 1 else tr("Deleted {count} sessions.").format(count=count)
            )

    def undo_delete(self) -> None:
        if not self.deleted or self.log is None:
            return
        try:
            self.log.save_many(self.deleted)
        except HistoryUnavailable as error:
            self._say(history_unavailable_text(error))
            self.problem.emit(history_unavailable_text(error))
            return
        self.deleted = []
        self.undo_strip.withdraw()
        self.reload()

    def export_csv(self) -> Path | None:
        """Ask where, then write every entry as CSV (UTC times); returns the file written."""
        if self.log is None:
            return None
        suggested = f"backtimer-history-{self.today().isoformat()}.csv"
        target = self.choose_csv_path(self, suggested)
        if target is None:
            return None
        try:
            with target.open("w", encoding="utf-8", newline="") as out:
                count = write_csv(self.log.iter_entries(), out)
        except (OSError, HistoryUnavailable) as error:
            self._say(tr("The export failed: {reason}").format(reason=failure_text(error)))
            return None
        self._say(
            tr("Exported {count} sessions to {file}").format(count=count, file=target)
        )
        return target

    def _selection_changed(self) -> None:
        self.delete_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.owns_log and self.log is not None:
            self.log.close()
            self.log = None
        super().closeEvent(event)


def _set_wrapped(label: QLabel, text: str) -> None:
    """Set wrapped text and give the label the height it needs: an aligned item in a layout
    does not get a height for its width, and the last lines would be cut off."""
    label.setText(text)
    label.setMinimumHeight(max(0, label.heightForWidth(label.width())))

