"""Streaks and weekly minutes from local days: month ends, year ends, time zones."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from backtimer.store.history import local_day
from backtimer.store.streaks import (
    best_streak,
    calendar_start,
    chart_weeks,
    current_streak,
    days_per_week,
    fill_weeks,
    goal_weeks_from,
    week_start,
)


def days(*texts: str) -> list[date]:
    return [date.fromisoformat(text) for text in texts]


def test_a_streak_runs_across_a_month_end_and_a_year_end() -> None:
    done = days("2024-12-30", "2024-12-31", "2025-01-01", "2025-02-27", "2025-02-28",
                "2025-03-01")
    assert best_streak(done) == 3
    assert current_streak(done, today=date(2025, 3, 1)) == 3


def test_a_leap_day_is_a_day_of_its_own() -> None:
    assert best_streak(days("2024-02-28", "2024-03-01")) == 1
    assert best_streak(days("2024-02-28", "2024-02-29", "2024-03-01")) == 3


def test_the_current_streak_lives_until_today_ends_without_a_session() -> None:
    done = days("2025-03-29", "2025-03-30", "2025-03-31")
    assert current_streak(done, today=date(2025, 3, 31)) == 3
    assert current_streak(done, today=date(2025, 4, 1)) == 3  # not yet today: still alive
    assert current_streak(done, today=date(2025, 4, 2)) == 0


def test_several_sessions_on_one_day_count_once() -> None:
    done = days("2025-03-01", "2025-03-01", "2025-03-02")
    assert best_streak(done) == 2
    assert best_streak([]) == 0 and current_streak([], today=date(2025, 1, 1)) == 0


def test_a_utc_timestamp_can_be_a_different_local_day() -> None:
    # 23:30 UTC on 31 January is 1 February in Berlin and still 31 January in New York.
    moment = datetime(2025, 1, 31, 23, 30, tzinfo=UTC)
    assert local_day(moment, ZoneInfo("Europe/Berlin")) == date(2025, 2, 1)
    assert local_day(moment, ZoneInfo("America/New_York")) == date(2025, 1, 31)
    # A session late each evening in New York is a daily streak there, though in UTC it
    # jumps from 31 Jan to 2 Feb (skipping 1 Feb).
    evenings = [datetime(2025, 1, 31, 23, 30, tzinfo=UTC), datetime(2025, 2, 2, 0, 30, tzinfo=UTC)]
    new_york = [local_day(m, ZoneInfo("America/New_York")) for m in evenings]
    assert best_streak(new_york) == 2
    assert best_streak([m.date() for m in evenings]) == 1


def test_days_across_a_daylight_saving_change_stay_consecutive() -> None:
    # Europe switched to summer time on 30 March 2025: that day has only 23 hours.
    berlin = ZoneInfo("Europe/Berlin")
    moments = [
        datetime(2025, 3, 29, 22, 30, tzinfo=UTC),  # 23:30 on the 29th in Berlin
        datetime(2025, 3, 30, 21, 30, tzinfo=UTC),  # 23:30 on the 30th (now UTC+2)
        datetime(2025, 3, 31, 21, 30, tzinfo=UTC),  # 23:30 on the 31st
    ]
    local = [local_day(m, berlin) for m in moments]
    assert local == days("2025-03-29", "2025-03-30", "2025-03-31")
    assert current_streak(local, today=date(2025, 3, 31)) == 3


def test_weeks_start_on_monday_and_the_chart_ends_with_this_week() -> None:
    assert week_start(date(2025, 3, 2)) == date(2025, 2, 24)  # a Sunday
    assert week_start(date(2025, 3, 3)) == date(2025, 3, 3)
    weeks = chart_weeks(date(2025, 3, 5))
    assert len(weeks) == 12
    assert weeks[-1] == date(2025, 3, 3) and weeks[0] == date(2024, 12, 16)


def test_weeks_without_sessions_are_filled_with_zero() -> None:
    today = date(2025, 3, 5)
    points = fill_weeks({date(2025, 3, 3): 25.0}, {date(2025, 3, 3): 4.5}, today)
    assert [p.minutes for p in points] == [0.0] * 11 + [25.0]
    assert points[-1].pain == 4.5 and points[0].pain is None


# -- the weekly goal ---------------------------------------------------------------------------

def test_this_weeks_progress_counts_days_from_monday_to_today() -> None:
    done = days("2025-03-02", "2025-03-03", "2025-03-04", "2025-03-04", "2025-03-05")
    # Wednesday 5 March: Monday, Tuesday (twice) and today; Sunday 2 March was last week.
    assert days_per_week(done, today=date(2025, 3, 5))[date(2025, 3, 3)] == 3
    assert date(2025, 3, 10) not in days_per_week(done, today=date(2025, 3, 10))  # a new week
    assert days_per_week(done, today=date(2025, 3, 4))[date(2025, 3, 3)] == 2  # not after today


def goal_weeks(done: list[date], today: date, goal: int) -> int:
    return goal_weeks_from(days_per_week(done, today), today, goal)


def test_the_goal_streak_counts_whole_weeks_and_this_week_once_it_is_met() -> None:
    # Three days in each of the weeks of 10, 17 and 24 Feb; two so far this week (3 March).
    done = days("2025-02-03",
                "2025-02-10", "2025-02-12", "2025-02-14",
                "2025-02-17", "2025-02-18", "2025-02-19",
                "2025-02-24", "2025-02-26", "2025-03-01",
                "2025-03-03", "2025-03-04")
    today = date(2025, 3, 4)
    assert goal_weeks(done, today, goal=3) == 3  # this week is not over: it does not break it
    assert goal_weeks(done, today, goal=2) == 4  # met already this week: it adds one
    assert goal_weeks(done, today, goal=4) == 0
    # A week short of the goal ends the streak.
    assert goal_weeks([d for d in done if d != date(2025, 2, 18)], today, goal=3) == 1


def test_the_calendar_starts_on_a_monday_whole_weeks_back() -> None:
    assert calendar_start(date(2025, 3, 5), weeks=3) == date(2025, 2, 17)
