"""The history table's item model, fast enough for 100,000 entries.

It holds only the rows fetched so far, a page (``PAGE`` rows) at a time: the view asks for
more as it is scrolled (``canFetchMore``/``fetchMore``) and the model asks its ``fetcher``
(the window, which reads the page on its worker thread) and takes the rows when they come
(``add_page``). Sorting is done by SQLite (``HistoryLog.page`` walks an index in the chosen
order): ``sort()`` hands the order to ``sorter`` and the window starts again from the first
page. The text shown is built only for the rows on screen. Without a fetcher (a model given
all its rows with ``set_rows``) it sorts in Python, as before.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QDateTime,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTime,
)
from PySide6.QtGui import QColor

from backtimer.session.durations import format_clock
from backtimer.store.history import (
    ROW_DONE,
    ROW_NOTE,
    ROW_PAIN_AFTER,
    ROW_PAIN_BEFORE,
    ROW_PLANNED,
    ROW_PROGRESS,
    ROW_STARTED,
    ROW_STATUS,
    ROW_TITLE,
    ROW_UID,
    UNREADABLE,
    EntryStatus,
    SortKey,
    TableRow,
)
from backtimer.ui.common.words import tr, whole_minutes

COL_WHEN, COL_SESSION, COL_TIME, COL_RESULT, COL_PAIN, COL_NOTE = range(6)
COLUMNS = 6
PAGE = 200  # rows read at a time: a few screens' worth
SORT_KEYS = (SortKey.STARTED, SortKey.TITLE, SortKey.DONE, SortKey.RESULT, SortKey.PAIN,
             SortKey.NOTE)  # by column
UID_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex
_STATUS_ORDER = {"completed": 3, "stopped": 2, "interrupted": 1, "in_progress": 0, UNREADABLE: -1}


def _sort_key(column: int) -> Callable[[TableRow], Any]:
    if column == COL_SESSION:
        return lambda row: (row[ROW_TITLE].casefold(), row[ROW_STARTED])
    if column == COL_TIME:
        return lambda row: (row[ROW_DONE], row[ROW_STARTED])
    if column == COL_RESULT:
        return lambda row: (_STATUS_ORDER.get(row[ROW_STATUS], 0), row[ROW_PROGRESS])
    if column == COL_PAIN:
        return _pain_key
    if column == COL_NOTE:
        return lambda row: (row[ROW_NOTE].casefold(), row[ROW_STARTED])
    return lambda row: row[ROW_STARTED]  # ISO-8601 UTC text sorts as time


def _pain_key(row: TableRow) -> tuple[int, int]:
    """Pain after (or before when only that was logged); entries without pain come first."""
    after, before = row[ROW_PAIN_AFTER], row[ROW_PAIN_BEFORE]
    pain = after if after is not None else before
    return (-1 if pain is None else pain, -1 if before is None else before)


class HistoryTableModel(QAbstractTableModel):
    """One row per logged session: when (local time), session, time done, result, pain, note.

    ``UID_ROLE`` gives a row's entry uid (for delete); ``STATUS_ROLE`` its status text.
    ``fetcher(offset)`` is asked for the next page (answer with ``add_page``); ``sorter(key,
    descending)`` for a new order (answer with ``start``). Signals: none of its own.
    """

    def __init__(self, parent: QObject | None = None, *, tz: tzinfo | None = None) -> None:
        super().__init__(parent)
        self.tz = tz
        self._rows: list[TableRow] = []
        self.total = 0  # rows in the log, fetched or not
        self.fetching = False  # a page has been asked for and has not come yet
        self.generation = 0  # which order the rows are in; a page of an older one is dropped
        self.fetcher: Callable[[int], None] | None = None
        self.sorter: Callable[[SortKey, bool], None] | None = None
        self._locale = QLocale()
        self.compact_dates = False  # a narrow window: dates without the weekday
        # Set by the view from its palette; the model has no widget to ask.
        self.status_colours: dict[str, QColor] = {}

    # -- contents ----------------------------------------------------------------------------

    def set_rows(self, rows: list[TableRow]) -> None:
        """All the rows at once (a model with no fetcher)."""
        self.start(rows, len(rows))

    def start(self, first_page: list[TableRow], total: int) -> None:
        """Begin again from the first page of a new order (or a reloaded log)."""
        self.beginResetModel()
        self.generation += 1
        self._rows = list(first_page)
        self.total = max(total, len(self._rows))
        self.fetching = False
        self.endResetModel()

    def add_page(self, generation: int, offset: int, rows: list[TableRow]) -> None:
        """A page the fetcher read; dropped when the order changed since it was asked."""
        if generation != self.generation or offset != len(self._rows):
            return
        self.fetching = False
        if not rows:
            self.total = len(self._rows)  # the log shrank meanwhile
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def row_of(self, uid: str) -> int | None:
        return next((n for n, row in enumerate(self._rows) if row[ROW_UID] == uid), None)

    def replace_row(self, row: TableRow) -> None:
        """Show an edited entry in place (its pain and note), wherever it is."""
        number = self.row_of(row[ROW_UID])
        if number is not None:
            self._rows[number] = row
            self.dataChanged.emit(self.index(number, 0), self.index(number, COLUMNS - 1))

    def row(self, number: int) -> TableRow:
        return self._rows[number]

    # -- fetching as the view scrolls --------------------------------------------------------

    def canFetchMore(self, parent: _Index) -> bool:
        return (not parent.isValid() and self.fetcher is not None and not self.fetching
                and len(self._rows) < self.total)

    def fetchMore(self, parent: _Index) -> None:
        if self.canFetchMore(parent) and self.fetcher is not None:
            self.fetching = True
            self.fetcher(len(self._rows))

    # -- QAbstractTableModel -----------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Vertical:
            return None
        if role == Qt.ItemDataRole.DisplayRole and 0 <= section < COLUMNS:
            return (
                tr("When"), tr("Session"), tr("Time"), tr("Result"),
                tr("Pain"), tr("Note"),
            )[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == COL_PAIN:
            return tr("Pain before the session → after it, from 0 to 10")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _alignment(section)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _alignment(column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if row[ROW_STATUS] == UNREADABLE:
                return tr("This entry was changed outside BackTimer and cannot be read. "
                               "It is left as it is and not counted.")
            if column == COL_TIME:
                return tr("{done} done of {planned} planned").format(
                    done=format_clock(row[ROW_DONE]), planned=format_clock(row[ROW_PLANNED]))
            return row[ROW_NOTE] or None
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_RESULT:
            return self.status_colours.get(row[ROW_STATUS])
        if role == UID_ROLE:
            return row[ROW_UID]
        if role == STATUS_ROLE:
            return row[ROW_STATUS]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < COLUMNS:
            return
        if self.sorter is not None:  # SQL sorts; the rows come back from the first page
            self.sorter(SORT_KEYS[column], order is Qt.SortOrder.DescendingOrder)
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        held = [(index, self._rows[index.row()][ROW_UID]) for index in persistent]
        self._rows.sort(
            key=_sort_key(column), reverse=order is Qt.SortOrder.DescendingOrder
        )
        if held:
            where = {row[ROW_UID]: number for number, row in enumerate(self._rows)}
            self.changePersistentIndexList(
                [index for index, _ in held],
                [self.index(where[uid], index.column()) for index, uid in held],
            )
        self.layoutChanged.emit()

    # -- text --------------------------------------------------------------------------------

    def _text(self, row: TableRow, column: int) -> str:
        if column == COL_WHEN:
            return self.when_text(row[ROW_STARTED])
        if column == COL_SESSION:
            return row[ROW_TITLE]
        if column == COL_TIME:
            return "–" if row[ROW_STATUS] == UNREADABLE else whole_minutes(row[ROW_DONE])
        if column == COL_RESULT:
            return self.result_text(row[ROW_STATUS], row[ROW_PROGRESS])
        if column == COL_NOTE:
            return " ".join(row[ROW_NOTE].split())  # one line, whatever was typed
        return pain_text(row[ROW_PAIN_BEFORE], row[ROW_PAIN_AFTER])

    def when_text(self, started_utc: str) -> str:
        """The start in local time; an unreadable row's stored text as it is."""
        try:
            local = datetime.fromisoformat(started_utc).astimezone(self.tz)
        except (ValueError, TypeError):
            return str(started_utc)
        moment = QDateTime(
            QDate(local.year, local.month, local.day), QTime(local.hour, local.minute)
        )
        return self._locale.toString(
            moment, "d MMM yyyy, HH:mm" if self.compact_dates else "ddd d MMM yyyy, HH:mm")

    def result_text(self, status: str, progress: float) -> str:
        percent = str(round(progress * 100))
        if status == EntryStatus.COMPLETED.value:
            return tr("Completed")
        if status == EntryStatus.STOPPED.value:
            return tr("Stopped at {percent}%").format(percent=percent)
        if status == EntryStatus.INTERRUPTED.value:
            return tr("Interrupted at {percent}%").format(percent=percent)
        if status == UNREADABLE:
            return tr("Unreadable")
        return tr("Unfinished at {percent}%").format(percent=percent)


def pain_text(before: int | None, after: int | None) -> str:
    if before is None and after is None:
        return ""
    return f"{'–' if before is None else before} → {'–' if after is None else after}"


def _alignment(column: int) -> int:
    vertical = Qt.AlignmentFlag.AlignVCenter
    if column == COL_TIME:
        return int(Qt.AlignmentFlag.AlignRight | vertical)
    if column == COL_PAIN:
        return int(Qt.AlignmentFlag.AlignHCenter | vertical)
    return int(Qt.AlignmentFlag.AlignLeft | vertical)


class HistoryProxy(QSortFilterProxyModel):
    """Sorts by handing the sort to the source model (fast) and keeps the filter machinery.

    The proxy's own sort column stays -1, so it only maps rows and never re-sorts in Python.
    """

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if isinstance(source, HistoryTableModel):
            source.sort(column, order)
        else:
            super().sort(column, order)
