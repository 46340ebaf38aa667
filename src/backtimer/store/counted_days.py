"""The days that count, kept ready by SQLite itself (schema version 5), and the streaks read
from them in a few index lookups.

Why: with 100,000 entries the streaks were worked out in Python from every counted day (tens
of thousands of them), which took two thirds of the time the History took to open. Version 5
keeps three small tables up to date with triggers, so they follow every change to ``entries``
(BackTimer's writes, an Undo, and a change made with another tool alike):

- ``counted_days``: each local day with a readable session that counts (``_COUNTS``);
- ``streak_runs``: the runs of consecutive counted days, first day, last day and length. The
  current streak is the run holding today or yesterday, the best streak the longest run: each
  one index lookup, however long the history;
- ``counted_weeks``: how many counted days each week (by its Monday) has, for the weekly goal
  and its streak, read back from this week only until every goal's streak is broken (and
  not at all through a run of days: its whole weeks meet every goal).

A day's membership is worked out again from ``entries`` whenever an entry on it changes, so a
trigger never adds up differences that could drift. The triggers use no ``OR IGNORE``: the
conflict clause of the statement that fired them (the log's upsert) would override it. Days
are the stored ``local_date`` (the person's own day, fixed when the entry was written); a day
that does not exist (30 February, changed by hand) never counts, as in the Python version
(``streaks.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from backtimer.store.streaks import GOALS, ONE_DAY, Streaks, week_start

Query = Callable[[str, Sequence[object]], Iterable[Any]]  # rows, read as iterated

_MONDAY = "date({day}, 'weekday 0', '-6 days')"


def _real_day(column: str) -> str:
    """SQL: ``column`` is a day that exists, as Python's ``date`` reads it (SQLite's ``date``
    reads 30 February as 2 March, and year 0 is not a ``date``)."""
    return f"(date(julianday({column})) IS {column} AND {column} >= '0001-01-01')"


def _length(first: str, last: str) -> str:
    return f"CAST(round(julianday({last}) - julianday({first})) AS INTEGER) + 1"


def schema(counts: str, readable: str) -> str:
    """Version 5's tables, filled from the entries already logged (all at once: the days in a
    row share ``julianday(day) - ROW_NUMBER()``), then the triggers that keep them up to date.

    ``counts`` says in SQL that an entry counts toward a streak, ``readable`` that it can be
    read (the same conditions the rest of the log uses).
    """
    counted = (f"SELECT 1 FROM entries WHERE local_date = {{day}} AND {counts} "
               f"AND {readable}")
    gone = (f"DELETE FROM counted_days WHERE day = OLD.local_date "
            f"AND NOT EXISTS ({counted.format(day='OLD.local_date')});")
    came = (f"INSERT INTO counted_days (day) SELECT NEW.local_date "
            f"WHERE {_real_day('NEW.local_date')} "
            "AND NOT EXISTS (SELECT 1 FROM counted_days WHERE day = NEW.local_date) "
            f"AND EXISTS ({counted.format(day='NEW.local_date')});")
    after = "date(NEW.day, '+1 day')"
    before = "date(NEW.day, '-1 day')"
    next_last = ("COALESCE((SELECT r.last_day FROM streak_runs AS r "
                 f"WHERE r.first_day = {after}), NEW.day)")
    monday = _MONDAY.format(day="NEW.day")
    holding = ("(SELECT MAX(r.first_day) FROM streak_runs AS r "
               "WHERE r.first_day {op} OLD.day)")
    return f"""
CREATE TABLE counted_days (day TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE streak_runs (
    first_day TEXT PRIMARY KEY,
    last_day TEXT NOT NULL,
    days INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX streak_runs_last ON streak_runs (last_day);
CREATE INDEX streak_runs_days ON streak_runs (days);
CREATE TABLE counted_weeks (monday TEXT PRIMARY KEY, days INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO counted_days (day)
    SELECT DISTINCT local_date FROM entries
    WHERE {counts} AND {readable} AND {_real_day('local_date')};
INSERT INTO streak_runs (first_day, last_day, days)
    SELECT MIN(day), MAX(day), COUNT(*) FROM (
        SELECT day, julianday(day) - ROW_NUMBER() OVER (ORDER BY day) AS run
        FROM counted_days
    ) GROUP BY run;
INSERT INTO counted_weeks (monday, days)
    SELECT {_MONDAY.format(day='day')} AS monday, COUNT(*) FROM counted_days GROUP BY monday;
CREATE TRIGGER counted_day_added AFTER INSERT ON counted_days BEGIN
    INSERT INTO streak_runs (first_day, last_day, days)
        SELECT NEW.day, {next_last}, {_length('NEW.day', next_last)}
        WHERE NOT EXISTS (SELECT 1 FROM streak_runs WHERE last_day = {before});
    UPDATE streak_runs SET last_day = {next_last}, days = {_length('first_day', next_last)}
        WHERE last_day = {before};
    DELETE FROM streak_runs WHERE first_day = {after};
    INSERT INTO counted_weeks (monday, days) SELECT {monday}, 0
        WHERE NOT EXISTS (SELECT 1 FROM counted_weeks WHERE monday = {monday});
    UPDATE counted_weeks SET days = days + 1 WHERE monday = {monday};
END;
CREATE TRIGGER counted_day_removed AFTER DELETE ON counted_days BEGIN
    INSERT INTO streak_runs (first_day, last_day, days)
        SELECT date(OLD.day, '+1 day'), last_day, {_length("date(OLD.day, '+1 day')", 'last_day')}
        FROM streak_runs WHERE first_day = {holding.format(op='<=')} AND last_day > OLD.day;
    DELETE FROM streak_runs WHERE first_day = OLD.day;
    UPDATE streak_runs SET last_day = date(OLD.day, '-1 day'),
        days = {_length('first_day', "date(OLD.day, '-1 day')")}
        WHERE first_day = {holding.format(op='<')} AND last_day >= OLD.day;
    UPDATE counted_weeks SET days = days - 1 WHERE monday = {_MONDAY.format(day='OLD.day')};
    DELETE FROM counted_weeks WHERE monday = {_MONDAY.format(day='OLD.day')} AND days <= 0;
END;
CREATE TRIGGER entries_counted_added AFTER INSERT ON entries BEGIN
    {came}
END;
CREATE TRIGGER entries_counted_changed AFTER UPDATE ON entries BEGIN
    {gone}
    {came}
END;
CREATE TRIGGER entries_counted_removed AFTER DELETE ON entries BEGIN
    {gone}
END;
"""


def read_streaks(query: Query, today: date) -> Streaks:
    """The streaks and this week's goal figures from version 5's tables: a handful of index
    lookups, plus one row a week back from this week while some goal's streak lasts."""
    monday = week_start(today)
    best = _one(query, "SELECT MAX(days) FROM streak_runs", ())
    week_days = _one(query, "SELECT COUNT(*) FROM counted_days WHERE day BETWEEN ? AND ?",
                     (monday.isoformat(), today.isoformat()))
    return Streaks(
        current=_current(query, today),
        best=int(best or 0),
        week_days=int(week_days),
        goal_streaks=_goal_streaks(query, monday, int(week_days)),
    )


def _one(query: Query, sql: str, parameters: Sequence[object]) -> Any:
    for row in query(sql, parameters):
        return row[0]
    return None


def _current(query: Query, today: date) -> int:
    """Days in a row up to today, or up to yesterday while today has none yet."""
    for day in (today, today - ONE_DAY):
        rows = list(query(
            "SELECT first_day, last_day FROM streak_runs WHERE first_day = "
            "(SELECT MAX(first_day) FROM streak_runs WHERE first_day <= ?)",
            (day.isoformat(),),
        ))
        if rows and str(rows[0][1]) >= day.isoformat():
            return (day - date.fromisoformat(str(rows[0][0]))).days + 1
    return 0


def _goal_streaks(query: Query, monday: date, week_days: int) -> tuple[int, ...]:
    """For each goal of 1 to 7 days, the weeks in a row before this one with at least the
    goal's days, plus this week once its goal is met (``streaks.goal_weeks_from``).

    The whole weeks inside the run of days that holds last Sunday have 7 days, so they count
    for every goal without being read; the walk back over ``counted_weeks`` starts before them
    and stops at the first week that breaks every goal's streak.
    """
    whole = _whole_weeks_before(query, monday)
    streaks = [whole] * len(GOALS)
    alive = set(range(len(GOALS)))
    expected = monday - timedelta(weeks=whole + 1)
    rows = query("SELECT monday, days FROM counted_weeks WHERE monday <= ? "
                 "ORDER BY monday DESC", (expected.isoformat(),))
    for week, days in rows:
        if not alive or str(week) != expected.isoformat():
            break  # a week with no counted day ends every streak
        for index in list(alive):
            if int(days) >= GOALS[index]:
                streaks[index] += 1
            else:
                alive.discard(index)
        expected -= timedelta(weeks=1)
    return tuple(count + (1 if week_days >= goal else 0)
                 for count, goal in zip(streaks, GOALS, strict=True))


def _whole_weeks_before(query: Query, monday: date) -> int:
    """How many whole weeks just before ``monday`` had a counted day every day."""
    sunday = monday - ONE_DAY
    rows = list(query(
        "SELECT first_day, last_day FROM streak_runs WHERE first_day = "
        "(SELECT MAX(first_day) FROM streak_runs WHERE first_day <= ?)", (sunday.isoformat(),),
    ))
    if not rows or str(rows[0][1]) < sunday.isoformat():
        return 0
    first = date.fromisoformat(str(rows[0][0]))
    return ((sunday - first).days + 1) // 7
