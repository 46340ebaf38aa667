"""The reminder schedule on a fake clock, in a real time zone (Europe/Berlin changes its clocks
on 29 March 2026, 02:00 -> 03:00, and 25 October 2026, 03:00 -> 02:00; both are Sundays)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from backtimer.session.reminders import (
    EVERY_DAY,
    WEEKDAYS,
    Reminder,
    Scheduler,
    days_text,
    next_due,
    occurrence,
    parse_days,
    parse_time,
)

BERLIN = ZoneInfo("Europe/Berlin")
MORNING = Reminder(time(7, 30), WEEKDAYS, "daily-routine")


def at(day: str, clock: str) -> datetime:
    return datetime.combine(date.fromisoformat(day), time.fromisoformat(clock), BERLIN)


def walk(scheduler: Scheduler, start: datetime, end: datetime, step: timedelta) -> list:
    """Check every ``step`` from ``start`` to ``end``, like the app's timer; what came due."""
    seen = []
    now = start
    while now <= end:
        seen += [(now, due) for due in scheduler.check(now)]
        now += step
    return seen


def test_a_weekday_reminder_comes_on_weekdays_at_its_time_only() -> None:
    # Monday 2 March 2026 to Sunday 8 March, checked every minute.
    scheduler = Scheduler((MORNING,), BERLIN, at("2026-03-02", "00:00"))
    seen = walk(scheduler, at("2026-03-02", "00:00"), at("2026-03-08", "23:59"),
                timedelta(minutes=1))
    assert [(now.strftime("%a %H:%M"), due.missed) for now, due in seen] == [
        ("Mon 07:30", False), ("Tue 07:30", False), ("Wed 07:30", False),
        ("Thu 07:30", False), ("Fri 07:30", False)]


def test_the_next_one_is_found_from_any_moment() -> None:
    friday_evening = at("2026-03-06", "20:00")
    when, reminder = next_due([MORNING], friday_evening, BERLIN) or (None, None)
    assert reminder is MORNING and when == at("2026-03-09", "07:30")  # Monday
    sunday = Reminder(time(18, 0), frozenset({6}), "stretch-break")
    assert next_due([MORNING, sunday], friday_evening, BERLIN) == (
        at("2026-03-08", "18:00"), sunday)
    assert next_due([], friday_evening, BERLIN) is None


def test_on_the_day_clocks_go_forward_0730_is_still_0730_local_time() -> None:
    daily = Reminder(time(7, 30), EVERY_DAY, "daily-routine")
    scheduler = Scheduler((daily,), BERLIN, at("2026-03-28", "12:00"))
    seen = walk(scheduler, at("2026-03-28", "12:00"), at("2026-03-30", "12:00"),
                timedelta(minutes=1))
    fired = [now.astimezone(BERLIN).strftime("%d %H:%M %Z") for now, _ in seen]
    assert fired == ["29 07:30 CEST", "30 07:30 CEST"]
    assert seen[0][0].astimezone(UTC).hour == 5  # 07:30 summer time is 05:30 UTC


def test_a_time_that_does_not_exist_comes_at_the_next_valid_time() -> None:
    night = Reminder(time(2, 30), EVERY_DAY, "daily-routine")
    when = occurrence(night, date(2026, 3, 29), BERLIN)
    assert when is not None and when.strftime("%H:%M %Z") == "03:00 CEST"
    scheduler = Scheduler((night,), BERLIN, at("2026-03-29", "00:00"))
    # Check every 5 minutes through the night on real (UTC) time, as the app's timer does.
    start = at("2026-03-29", "00:00").astimezone(UTC)
    seen = walk(scheduler, start, start + timedelta(hours=6), timedelta(minutes=5))
    assert len(seen) == 1
    assert seen[0][0].astimezone(BERLIN).strftime("%H:%M %Z") == "03:00 CEST"


def test_a_time_that_happens_twice_comes_once() -> None:
    night = Reminder(time(2, 30), EVERY_DAY, "daily-routine")
    start = at("2026-10-25", "00:00").astimezone(UTC)
    scheduler = Scheduler((night,), BERLIN, start)
    seen = walk(scheduler, start, start + timedelta(hours=6), timedelta(minutes=1))
    assert len(seen) == 1
    assert seen[0][0].astimezone(BERLIN).strftime("%H:%M %Z") == "02:30 CEST"  # the first


def test_missed_while_asleep_is_shown_once_not_stacked() -> None:
    daily = Reminder(time(7, 30), EVERY_DAY, "daily-routine")
    evening = Reminder(time(19, 0), EVERY_DAY, "daily-routine")
    scheduler = Scheduler((daily, evening), BERLIN, at("2026-03-02", "06:00"))
    assert scheduler.check(at("2026-03-02", "06:00")) == []
    # The laptop sleeps from 06:00 Monday until 20:00 Wednesday: five reminders passed.
    woke = at("2026-03-04", "20:00")
    [due] = scheduler.check(woke)
    assert due.at == at("2026-03-04", "19:00") and due.missed
    assert scheduler.check(woke + timedelta(minutes=1)) == []


def test_a_reminder_missed_on_an_earlier_day_is_over() -> None:
    scheduler = Scheduler((MORNING,), BERLIN, at("2026-03-02", "06:00"))
    assert scheduler.check(at("2026-03-03", "06:00")) == []  # Monday's 07:30 is over


def test_started_after_the_time_the_missed_reminder_of_today_comes_once() -> None:
    started = at("2026-03-02", "09:12")
    today = started.replace(hour=0, minute=0)
    scheduler = Scheduler((MORNING,), BERLIN, today)
    [due] = scheduler.check(started)
    assert due.missed and due.at == at("2026-03-02", "07:30")
    assert scheduler.check(started + timedelta(seconds=30)) == []


def test_a_clock_set_back_repeats_nothing() -> None:
    scheduler = Scheduler((MORNING,), BERLIN, at("2026-03-02", "07:00"))
    assert len(scheduler.check(at("2026-03-02", "07:31"))) == 1
    assert scheduler.check(at("2026-03-02", "07:00")) == []
    assert scheduler.check(at("2026-03-02", "07:45")) == []


@pytest.mark.parametrize(("delay", "again"), [(timedelta(minutes=10), "07:40"),
                                              (timedelta(hours=1), "08:30")])
def test_snooze_asks_again_after_the_delay(delay: timedelta, again: str) -> None:
    scheduler = Scheduler((MORNING,), BERLIN, at("2026-03-02", "07:00"))
    [due] = scheduler.check(at("2026-03-02", "07:30"))
    scheduler.snooze(due.reminder, delay, at("2026-03-02", "07:30"))
    assert scheduler.next_wake(at("2026-03-02", "07:31")) == at("2026-03-02", again)
    seen = walk(scheduler, at("2026-03-02", "07:31"), at("2026-03-02", "12:00"),
                timedelta(minutes=1))
    assert [(now.strftime("%H:%M"), due.missed) for now, due in seen] == [(again, False)]


def test_two_reminders_for_one_session_at_once_are_one_notice() -> None:
    early = Reminder(time(7, 0), EVERY_DAY, "daily-routine")
    other = Reminder(time(7, 15), EVERY_DAY, "stretch-break")
    scheduler = Scheduler((early, MORNING, other), BERLIN, at("2026-03-02", "06:00"))
    dues = scheduler.check(at("2026-03-02", "08:00"))
    assert [(d.reminder.session, d.at.strftime("%H:%M")) for d in dues] == [
        ("stretch-break", "07:15"), ("daily-routine", "07:30")]


def test_edited_reminders_count_from_the_last_check() -> None:
    scheduler = Scheduler((MORNING,), BERLIN, at("2026-03-02", "06:00"))
    scheduler.check(at("2026-03-02", "08:00"))
    early = Reminder(time(7, 45), EVERY_DAY, "daily-routine")
    scheduler.replace_reminders([early])
    assert scheduler.check(at("2026-03-02", "08:01")) == []  # 07:45 was before the edit
    assert scheduler.next_wake(at("2026-03-02", "08:01")) == at("2026-03-03", "07:45")


@pytest.mark.parametrize(("text", "days"), [
    ("mon-fri", WEEKDAYS), ("daily", EVERY_DAY), ("sat-sun", {5, 6}),
    ("mon, wed, fri", {0, 2, 4}), ("fri-mon", {4, 5, 6, 0}), (["mon", "tue"], {0, 1}),
    ("Mon-Fri", WEEKDAYS), ("weekdays", WEEKDAYS),
])
def test_days_are_read_as_written(text: str | list[str], days: set[int]) -> None:
    assert parse_days(text) == frozenset(days)


@pytest.mark.parametrize("text", ["monday", "mon-fri-sun", "", [], ["xyz"]])
def test_a_wrong_day_is_a_message(text: str | list[str]) -> None:
    assert isinstance(parse_days(text), str)


def test_days_are_written_back_short() -> None:
    assert days_text(WEEKDAYS) == "mon-fri"
    assert days_text({5, 6}) == "sat-sun"
    assert days_text({0, 2, 4}) == "mon, wed, fri"
    assert days_text({0, 1, 4}) == "mon, tue, fri"
    assert days_text(EVERY_DAY) == "daily"
    for days in (WEEKDAYS, {5, 6}, {0, 2, 4}, {0, 1, 4}, EVERY_DAY, {3}):
        assert parse_days(days_text(days)) == frozenset(days)


@pytest.mark.parametrize(("text", "expected"), [
    ("07:30", time(7, 30)), ("7:30", time(7, 30)), ("23:59", time(23, 59)),
    ("24:00", None), ("7.30", None), ("07:60", None), ("", None)])
def test_times_are_24_hour_clock_times(text: str, expected: time | None) -> None:
    assert parse_time(text) == expected
