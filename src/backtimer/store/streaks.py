"""Streaks and weekly minutes, from calendar days: pure functions, no database, no Qt.

They take ``date`` values (the local days sessions were done on), never timestamps: turning a
UTC moment into the person's day happens once, where the entry is written, so month ends,
daylight-saving changes and time zones are handled by ``datetime`` and not by arithmetic here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

ONE_DAY = timedelta(days=1)
CHART_WEEKS = 12


def best_streak(days: Iterable[date]) -> int:
    """The longest run of consecutive days with at least one session."""
    best = run = 0
    previous: date | None = None
    for day in sorted(set(days)):
        run = run + 1 if previous is not None and day - previous == ONE_DAY else 1
        best = max(best, run)
        previous = day
    return best


def current_streak(days: Iterable[date], today: date) -> int:
    """Consecutive days up to today; a streak is still alive until today ends without one.

    So with sessions yesterday and the day before, but none yet today, the streak is 2.
    """
    done = set(days)
    day = today if today in done else today - ONE_DAY
    count = 0
    while day in done:
        count += 1
        day -= ONE_DAY
    return count


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def chart_weeks(today: date, weeks: int = CHART_WEEKS) -> list[date]:
    """The Mondays of the last ``weeks`` weeks, oldest first, this week last."""
    this_week = week_start(today)
    return [this_week - timedelta(weeks=back) for back in range(weeks - 1, -1, -1)]


@dataclass(frozen=True)
class WeekPoint:
    """One bar of the chart: a week's minutes, and its average pain when any was logged."""

    week_start: date
    minutes: float
    pain: float | None


def fill_weeks(
    minutes: Mapping[date, float],
    pain: Mapping[date, float],
    today: date,
    weeks: int = CHART_WEEKS,
) -> list[WeekPoint]:
    """Every one of the last ``weeks`` weeks, with zero minutes for a week with no sessions."""
    return [
        WeekPoint(monday, minutes.get(monday, 0.0), pain.get(monday))
        for monday in chart_weeks(today, weeks)
    ]


# -- the weekly goal (issue 15): days a week, 1 to 7 -----------------------------------------

CALENDAR_WEEKS = 17  # about four months of days in the calendar


def days_per_week(days: Iterable[date], today: date) -> dict[date, int]:
    """Days done in each week (by its Monday) up to ``today``: this week's progress toward the
    goal ("3 of 5 days") is its entry for this week; counted once, so that the goal streak for
    any goal is then a short walk back over weeks (``goal_weeks_from``)."""
    per_week: dict[date, int] = {}
    for day in set(days):
        if day <= today:
            monday = week_start(day)
            per_week[monday] = per_week.get(monday, 0) + 1
    return per_week


def goal_weeks_from(per_week: Mapping[date, int], today: date, goal: int) -> int:
    """Weeks in a row with at least ``goal`` days done, up to this week, from the days per
    week ``days_per_week`` counted.

    Like the day streak, this week does not break it while it is still running: it adds one
    once the goal is met, and until then the streak is the weeks before it.
    """
    monday = week_start(today)
    count = 1 if per_week.get(monday, 0) >= goal else 0
    monday -= timedelta(weeks=1)
    while per_week.get(monday, 0) >= goal:
        count += 1
        monday -= timedelta(weeks=1)
    return count


def calendar_start(today: date, weeks: int = CALENDAR_WEEKS) -> date:
    """The Monday the calendar starts on: ``weeks`` whole weeks, this week last."""
    return week_start(today) - timedelta(weeks=weeks - 1)


# -- everything the History shows of them, at once -------------------------------------------

GOALS = tuple(range(1, 8))  # the weekly goals one can set: 1 to 7 days


@dataclass(frozen=True)
class Streaks:
    """The History's streak figures: the day streaks, this week's counted days, and the goal
    streak for every goal (``goal_streaks[goal - 1]``), so a new goal needs no new read."""

    current: int
    best: int
    week_days: int
    goal_streaks: tuple[int, ...]

    def goal_streak(self, goal: int) -> int:
        return self.goal_streaks[min(max(goal, GOALS[0]), GOALS[-1]) - 1]


def streaks_from_days(days: Iterable[date], today: date) -> Streaks:
    """The figures from every counted day, in Python: the plain statement of what the log's
    own tables (``counted_days.read_streaks``) give in a few lookups, and what a log too old
    to have them (a read-only look at version 4) shows."""
    done = set(days)
    per_week = days_per_week(done, today)
    return Streaks(
        current=current_streak(done, today),
        best=best_streak(done),
        week_days=per_week.get(week_start(today), 0),
        goal_streaks=tuple(goal_weeks_from(per_week, today, goal) for goal in GOALS),
    )


NO_STREAKS = Streaks(current=0, best=0, week_days=0, goal_streaks=(0,) * len(GOALS))
