"""Reminders to do a session: when each is due, in local wall-clock time. No Qt, no I/O.

A reminder is a time of day, days of the week and a session ("Mon-Fri 07:30, daily
routine"). It is a promise about the clock on the wall, so it is computed in the person's time
zone, day by day, and never as "24 hours after the last one":

- on the day clocks change, a 07:30 reminder still comes at 07:30 local time;
- a time that does not exist that day (02:30 when clocks jump from 02:00 to 03:00) comes at
  the next time that does (03:00); a time that happens twice (clocks go back) comes once, the
  first time.

``Scheduler`` walks wall-clock time forward from one check to the next, so it does not matter
whether the program was asleep, suspended or off in between: whatever came due since the last
check is reported at the next one, each reminder once (the latest of its missed times, never a
stack of them), and only while it is still the same day (yesterday's reminder is over).
Snoozing asks again after a while. Whether today's session is already done is the caller's to
ask (the history log lives in ``store``); ``Scheduler.check`` only says what came due.

Comparisons are made in UTC: two aware datetimes with the same ``tzinfo`` compare by their
wall time alone in Python, which is wrong for the hour that happens twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
EVERY_DAY = frozenset(range(7))
WEEKDAYS = frozenset(range(5))
MISSED_AFTER = timedelta(minutes=2)  # a reminder reported this late was missed (asleep, off)
SNOOZES = (timedelta(minutes=10), timedelta(hours=1))
_LOOKAHEAD_DAYS = 8  # a reminder on any day of the week comes due within 8 local days
_TIME = re.compile(r"^([01]?[0-9]|2[0-3]):([0-5][0-9])$")


@dataclass(frozen=True)
class Reminder:
    """Remind the person to do ``session`` at ``at`` (local time) on ``days`` (0 is Monday)."""

    at: time
    days: frozenset[int]
    session: str
    # The line of settings.yaml it was read from (0: made in the window), for messages about
    # it; not part of what the reminder is.
    line: int = field(default=0, compare=False)

    def time_text(self) -> str:
        """``07:30``: the form ``settings.yaml`` keeps."""
        return f"{self.at.hour:02d}:{self.at.minute:02d}"

    def days_text(self) -> str:
        """The days as ``settings.yaml`` keeps them: ``mon-fri``, ``mon, wed, fri``."""
        return days_text(self.days)


@dataclass(frozen=True)
class Due:
    """A reminder that came due: when it was meant for, and whether that was a while ago."""

    reminder: Reminder
    at: datetime  # when it was due (its time that day, or the end of a snooze), aware
    missed: bool = False  # it came due while the computer slept or was off


def parse_time(text: str) -> time | None:
    """``07:30`` or ``7:30`` (24-hour clock) as a time; None for anything else."""
    match = _TIME.match(text.strip())
    return time(int(match[1]), int(match[2])) if match else None


def parse_days(value: str | Sequence[str]) -> frozenset[int] | str:
    """Days from ``[mon, tue]``, ``mon-fri``, ``mon, wed, fri``, ``sat-sun``, ``weekdays`` or
    ``daily``.

    Returns the days (0 is Monday), or a message saying what is wrong. A range may wrap over
    the weekend (``fri-mon``).
    """
    parts: list[str] = []
    if isinstance(value, str):
        if value.strip().lower() in ("daily", "every day"):
            return EVERY_DAY
        if value.strip().lower() == "weekdays":
            return WEEKDAYS
        parts = [part.strip() for part in value.split(",")]
    else:
        parts = [part.strip() for part in value]
    days: set[int] = set()
    for part in parts:
        ends = [end.strip().lower() for end in part.split("-")]
        if len(ends) > 2 or not all(end in DAY_NAMES for end in ends):
            shown = part if len(part) <= 20 else part[:16] + "…"  # never a novel in a message
            return f"'{shown}' is not a day; use mon, tue, wed, thu, fri, sat, sun or a " \
                   "range like mon-fri"
        first, last = DAY_NAMES.index(ends[0]), DAY_NAMES.index(ends[-1])
        days.update((first + step) % 7 for step in range((last - first) % 7 + 1))
    if not days:
        return "names no day"
    return frozenset(days)


def days_text(days: Iterable[int]) -> str:
    """``mon-fri``, ``sat-sun``, ``mon, wed, fri``: runs of three or more days as ranges;
    ``daily`` for all seven."""
    chosen = sorted(set(days))
    if len(chosen) == 7:
        return "daily"
    runs: list[list[int]] = []
    for day in chosen:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = []
    for run in runs:
        if len(run) >= 2 and (len(run) >= 3 or len(runs) == 1):
            parts.append(f"{DAY_NAMES[run[0]]}-{DAY_NAMES[run[-1]]}")
        else:
            parts.extend(DAY_NAMES[day] for day in run)
    return ", ".join(parts)


def occurrence(reminder: Reminder, day: date, zone: tzinfo) -> datetime | None:
    """When ``reminder`` comes due on the local ``day`` (aware, in ``zone``); None when the
    reminder is not for that day of the week."""
    if day.weekday() not in reminder.days:
        return None
    return valid_local(datetime.combine(day, reminder.at), zone)


def valid_local(wall: datetime, zone: tzinfo) -> datetime:
    """``wall`` (naive) in ``zone``; a time skipped by a clock change moves on to the first
    minute that exists, a time that happens twice is its first one."""
    for minutes in range(24 * 60):
        candidate = (wall + timedelta(minutes=minutes)).replace(tzinfo=zone, fold=0)
        back = candidate.astimezone(UTC).astimezone(zone)
        if back.replace(tzinfo=None) == candidate.replace(tzinfo=None):
            return candidate
    return wall.replace(tzinfo=zone)  # a zone that skipped a whole day: as the zone reads it


def occurrences_between(reminder: Reminder, start: datetime, end: datetime,
                        zone: tzinfo) -> list[datetime]:
    """Every time ``reminder`` came due after ``start`` up to and including ``end``."""
    first = start.astimezone(zone).date() - timedelta(days=1)
    last = end.astimezone(zone).date() + timedelta(days=1)
    if (last - first).days > 400:  # off for more than a year: only the recent ones matter
        first = last - timedelta(days=400)
    found = []
    day = first
    while day <= last:
        moment = occurrence(reminder, day, zone)
        if moment is not None and _utc(start) < _utc(moment) <= _utc(end):
            found.append(moment)
        day += timedelta(days=1)
    return found


def next_due(reminders: Iterable[Reminder], after: datetime,
             zone: tzinfo) -> tuple[datetime, Reminder] | None:
    """The first reminder due strictly after ``after``, with when; None without reminders."""
    best: tuple[datetime, Reminder] | None = None
    end = after + timedelta(days=_LOOKAHEAD_DAYS)
    for reminder in reminders:
        times = occurrences_between(reminder, after, end, zone)
        if times and (best is None or _utc(times[0]) < _utc(best[0])):
            best = (times[0], reminder)
    return best


@dataclass
class Scheduler:
    """What came due since the last check, each reminder once; snoozes; the next wake-up.

    ``checked`` is the moment up to which reminders were already handled. Give it the start of
    today when the program starts, so a reminder missed earlier today (the computer was off)
    is shown once; ``check`` moves it forward, never back (a clock set back repeats nothing).
    """

    reminders: tuple[Reminder, ...]
    zone: tzinfo
    checked: datetime
    snoozed: dict[Reminder, datetime] = field(default_factory=dict)
    # Occurrences already shown (``occurrence_key``), kept across runs by the caller: a
    # restart later the same day starts ``checked`` at midnight again, and these are not shown
    # a second time.
    shown: set[str] = field(default_factory=set)

    def check(self, now: datetime) -> list[Due]:
        """The reminders due since the last check (snoozes that ended included), one each."""
        today = now.astimezone(self.zone).date()
        found: dict[Reminder, Due] = {}
        for reminder in self.reminders:
            times = occurrences_between(reminder, self.checked, now, self.zone)
            if times and times[-1].astimezone(self.zone).date() == today:
                key = occurrence_key(reminder, times[-1], self.zone)
                if key in self.shown:
                    continue
                self.shown.add(key)
                found[reminder] = Due(reminder, times[-1],
                                      missed=_utc(now) - _utc(times[-1]) > MISSED_AFTER)
        for reminder, until in list(self.snoozed.items()):
            if _utc(until) <= _utc(now):
                del self.snoozed[reminder]
                if reminder in self.reminders:
                    found.setdefault(reminder, Due(reminder, until))
        if _utc(now) > _utc(self.checked):
            self.checked = now
        return _one_per_session(found.values())

    def snooze(self, reminder: Reminder, delay: timedelta, now: datetime) -> datetime:
        """Ask again ``delay`` after ``now`` (replacing an earlier snooze); returns when."""
        until = now + delay
        self.snoozed[reminder] = until
        return until

    def replace_reminders(self, reminders: Sequence[Reminder]) -> None:
        """The person edited the reminders: the new ones count from the last check on."""
        self.reminders = tuple(reminders)
        self.snoozed = {r: t for r, t in self.snoozed.items() if r in self.reminders}

    def next_wake(self, now: datetime) -> datetime | None:
        """The next moment something can come due (a reminder or a snooze's end)."""
        candidates = [until for until in self.snoozed.values()]
        upcoming = next_due(self.reminders, now, self.zone)
        if upcoming is not None:
            candidates.append(upcoming[0])
        return min(candidates, key=_utc) if candidates else None


def occurrence_key(reminder: Reminder, at: datetime, zone: tzinfo) -> str:
    """One occurrence of a reminder, as kept between runs: ``2026-12-03 07:30 daily-routine``
    (its local day first, so old ones can be told and forgotten by the text alone)."""
    day = at.astimezone(zone).date().isoformat()
    return f"{day} {reminder.time_text()} {reminder.session}"


def _one_per_session(dues: Iterable[Due]) -> list[Due]:
    """Two reminders for the same session that came due together are one notice (the
    latest)."""
    by_session: dict[str, Due] = {}
    for due in sorted(dues, key=lambda d: _utc(d.at)):
        by_session[due.reminder.session] = due
    return sorted(by_session.values(), key=lambda d: _utc(d.at))


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)
