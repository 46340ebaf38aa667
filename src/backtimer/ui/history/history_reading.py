"""What the history window reads from the log in one go, on its worker thread (no Qt).

``read_overview`` gathers everything the window shows when it opens or reloads: the first page
of the table, the number of rows, the days that count toward streaks, the weekly totals of the
chart and the calendar's minutes per day, and the streaks worked out from those days (on the
worker too: with years of sessions they are tens of thousands of days). Each read is an indexed
query or an aggregate.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from backtimer.store.history import (
    DayTotal,
    HistoryEntry,
    HistoryLog,
    SortKey,
    TableRow,
    WeekTotals,
    utc_text,
)
from backtimer.store.streaks import (
    best_streak,
    calendar_start,
    chart_weeks,
    current_streak,
    days_per_week,
)


@dataclass(frozen=True)
class Overview:
    """The window's figures and its first page, as read at one moment."""

    total: int  # every row, readable or not
    unreadable: int
    first_page: list[TableRow]
    current_streak: int  # days, from the days that count toward a streak
    best_streak: int
    per_week: dict[date, int]  # days done per week (by Monday), for the goal streak
    weeks: list[WeekTotals]
    calendar: list[DayTotal]


def read_overview(log: HistoryLog, key: SortKey, descending: bool, today: date,
                  page: int) -> Overview:
    since = min(chart_weeks(today)[0], calendar_start(today))
    days = log.active_days()
    return Overview(
        total=log.count(),
        unreadable=log.unreadable_count(),
        first_page=log.page(key, descending=descending, offset=0, limit=page),
        current_streak=current_streak(days, today),
        best_streak=best_streak(days),
        per_week=days_per_week(days, today),
        weeks=log.weekly_totals(chart_weeks(today)[0]),
        calendar=log.day_totals(since),
    )


def table_row(entry: HistoryEntry) -> TableRow:
    """An entry as a row of the table (after an edit), in ``HistoryLog.page``'s shape."""
    return (entry.uid, utc_text(entry.started), entry.title, entry.done_seconds,
            entry.planned_seconds, entry.status.value, entry.progress, entry.pain_before,
            entry.pain_after, entry.note, entry.session_id)
