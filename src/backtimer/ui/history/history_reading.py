"""What the history window reads from the log in one go, on its worker thread (no Qt).

``read_overview`` gathers everything the window shows when it opens or reloads: the first page
of the table, the number of rows, the days that count toward streaks, the weekly totals of the
chart and the calendar's minutes per day, and the streaks. Each read is an indexed query or an
aggregate over the weeks shown: the streaks come from the log's own tables of counted days and
their runs (schema version 5), a few index lookups however long the history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from backtimer.store.history import (
    DayTotal,
    HistoryEntry,
    HistoryLog,
    SortKey,
    TableRow,
    WeekTotals,
    utc_text,
)
from backtimer.store.streaks import Streaks, calendar_start, chart_weeks, week_start


@dataclass(frozen=True)
class Overview:
    """The window's figures and its first page, as read at one moment."""

    total: int  # every row, readable or not
    unreadable: int
    first_page: list[TableRow]
    streaks: Streaks  # day streaks, this week's days, each goal's streak
    weeks: list[WeekTotals]
    calendar: list[DayTotal]


def read_overview(log: HistoryLog, key: SortKey, descending: bool, today: date,
                  page: int) -> Overview:
    since = min(chart_weeks(today)[0], calendar_start(today))
    until = week_start(today) + timedelta(weeks=1)  # nothing after this week is shown
    return Overview(
        total=log.count(),
        unreadable=log.unreadable_count(),
        first_page=log.page(key, descending=descending, offset=0, limit=page),
        streaks=log.streaks(today),
        weeks=log.weekly_totals(chart_weeks(today)[0], until),
        calendar=log.day_totals(since, until),
    )


def table_row(entry: HistoryEntry) -> TableRow:
    """An entry as a row of the table (after an edit), in ``HistoryLog.page``'s shape."""
    return (entry.uid, utc_text(entry.started), entry.title, entry.done_seconds,
            entry.planned_seconds, entry.status.value, entry.progress, entry.pain_before,
            entry.pain_after, entry.note, entry.session_id)
