"""The streaks the History shows, read from the log's own tables of counted days (schema 5):
the same figures as the plain Python rule on any log, after any mix of writes, deletes and
changes made by hand, within a step budget at 20,000 entries, and old logs upgraded."""

from __future__ import annotations

import sqlite3
import tempfile
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backtimer.store.history import (
    MIGRATIONS,
    SCHEMA_VERSION,
    EntryStatus,
    HistoryEntry,
    HistoryLog,
    SortKey,
    statements,
)
from backtimer.store.paths import Paths
from backtimer.store.streaks import GOALS, streaks_from_days
from backtimer.ui.history.history_reading import read_overview
from tests.store.test_history import entry
from tests.store.test_history_pages import big, steps_of  # noqa: F401 (big: a fixture)

TODAY = date(2025, 3, 19)  # a Wednesday
STATUSES = list(EntryStatus)


def python_figures(log: HistoryLog, today: date) -> object:
    """What the plain Python rule makes of the log's counted days."""
    return streaks_from_days(log.active_days(), today)


def one(n: int, day: int, status: EntryStatus, seconds: float) -> HistoryEntry:
    start = datetime(2025, 2, 1, 9, tzinfo=UTC) + timedelta(days=day)
    return entry(f"e{n}", start, status=status, done_seconds=seconds)


# An action on the log: save entry n on a day (new, or changed), delete it, or change its row
# by hand so that it no longer reads or falls on a day that does not exist.
action = st.one_of(
    st.tuples(st.just("save"), st.integers(0, 14), st.integers(0, 55),
              st.sampled_from(STATUSES), st.sampled_from([0.0, 13.0, 299.0, 300.0, 700.0])),
    st.tuples(st.just("delete"), st.integers(0, 14)),
    st.tuples(st.just("garble"), st.integers(0, 14)),
    st.tuples(st.just("no such day"), st.integers(0, 14)),
    st.tuples(st.just("mend"), st.integers(0, 14)),
)


def apply(log: HistoryLog, step: tuple[object, ...]) -> None:
    kind, n = step[0], step[1]
    uid = f"e{n}"
    db = log._db
    if kind == "save":
        _, _, day, status, seconds = step
        log.save(one(int(str(n)), int(str(day)), status, float(str(seconds))))  # type: ignore[arg-type]
    elif kind == "delete":
        db.execute("DELETE FROM entries WHERE uid = ?", (uid,))  # also an unreadable row
    elif kind == "garble":
        db.execute("UPDATE entries SET started_utc = '2025-03-01 7am' WHERE uid = ?", (uid,))
    elif kind == "no such day":
        db.execute("UPDATE entries SET local_date = '2025-02-30' WHERE uid = ?", (uid,))
    else:
        db.execute("UPDATE entries SET started_utc = '2025-03-01T07:00:00Z', "
                   "local_date = '2025-03-01' WHERE uid = ?", (uid,))


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(action, max_size=40), today=st.integers(0, 60))
def test_the_streaks_from_the_log_are_the_python_rules_on_any_log(
    steps: list[tuple[object, ...]], today: int
) -> None:
    day = date(2025, 2, 1) + timedelta(days=today)
    with tempfile.TemporaryDirectory() as folder, \
            HistoryLog.open(Path(folder) / "history.sqlite3", tz=UTC) as log:
        for step in steps:
            apply(log, step)
        assert log.streaks(day) == python_figures(log, day)
        kept = [row[0] for row in log._db.execute("SELECT day FROM counted_days ORDER BY day")]
        assert kept == [d.isoformat() for d in log.active_days()]


@settings(max_examples=30, deadline=None)
@given(days=st.sets(st.integers(0, 90), max_size=80), today=st.integers(0, 100))
def test_long_runs_and_full_weeks_give_the_python_figures(days: set[int], today: int) -> None:
    day = date(2025, 2, 1) + timedelta(days=today)
    with tempfile.TemporaryDirectory() as folder, \
            HistoryLog.open(Path(folder) / "history.sqlite3", tz=UTC) as log:
        log.save_many(one(n, n, EntryStatus.COMPLETED, 700.0) for n in days)
        assert log.streaks(day) == python_figures(log, day)


def test_a_run_of_days_is_split_and_joined_as_days_come_and_go(paths: Paths) -> None:
    with HistoryLog.open(paths.history_file, tz=UTC) as log:
        log.save_many(one(n, n, EntryStatus.COMPLETED, 700.0) for n in range(10))
        today = date(2025, 2, 10)  # the run is 1 to 10 February
        assert (log.streaks(today).current, log.streaks(today).best) == (10, 10)
        log.delete(["e4"])  # 5 February: 4 days, then 5 days
        assert (log.streaks(today).current, log.streaks(today).best) == (5, 5)
        log.save(one(4, 4, EntryStatus.STOPPED, 60.0))  # back, but too short to count
        assert log.streaks(today).best == 5
        log.save(one(4, 4, EntryStatus.STOPPED, 400.0))  # now it counts: one run again
        assert (log.streaks(today).current, log.streaks(today).best) == (10, 10)
        assert log.streaks(today + timedelta(days=2)).current == 0  # a day with none ended


def test_every_goal_streak_is_read_at_once(paths: Paths) -> None:
    # Weeks back from 17 March 2025: 5 days, 3 days, 7 days, none, then 7 days.
    days = ([date(2025, 3, 10) + timedelta(days=k) for k in range(5)]
            + [date(2025, 3, 3) + timedelta(days=k) for k in range(3)]
            + [date(2025, 2, 24) + timedelta(days=k) for k in range(7)]
            + [date(2025, 2, 10) + timedelta(days=k) for k in range(7)])
    with HistoryLog.open(paths.history_file, tz=UTC) as log:
        log.save_many(replace(entry(f"d{n}", datetime(d.year, d.month, d.day, 8, tzinfo=UTC)))
                      for n, d in enumerate(days))
        figures = log.streaks(TODAY)  # nothing yet this week
        assert figures.week_days == 0
        assert figures.goal_streaks == (3, 3, 3, 1, 1, 0, 0)
        assert figures == python_figures(log, TODAY)
        assert len(figures.goal_streaks) == len(GOALS)


def version_4_log(path: Path, entries: list[HistoryEntry]) -> None:
    """A log as version 4 wrote it, with these entries in it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, isolation_level=None)
    for step in range(4):
        for statement in statements(MIGRATIONS[step]):
            db.execute(statement)
    db.execute("PRAGMA user_version = 4")
    db.execute("PRAGMA application_id = 1112828269")
    db.close()
    # Rows written through a log object of the time: the same table, the same columns.
    with sqlite3.connect(path) as db:
        for item in entries:
            db.execute(
                "INSERT INTO entries (uid, session_id, title, started_utc, local_date, "
                "planned_seconds, done_seconds, steps_total, steps_done, steps_skipped, "
                "progress, status, timings) VALUES (?, 's', 't', ?, ?, 600, ?, 1, 1, 0, 1, ?, "
                "'')", (item.uid, item.started.strftime("%Y-%m-%dT%H:%M:%SZ"),
                        item.started.date().isoformat(), item.done_seconds,
                        item.status.value))
    db.close()


def test_a_version_4_log_is_read_as_it_is_then_upgraded_with_the_same_figures(
    paths: Paths,
) -> None:
    made = [one(n, n % 30 + (n // 30) * 2, STATUSES[n % 4], 100.0 * (n % 5)) for n in range(90)]
    version_4_log(paths.history_file, made)
    with HistoryLog.open(paths.history_file, tz=UTC, read_only=True, check_pages=False) as log:
        looked = log.streaks(TODAY)  # not upgraded by a look: every day read in Python
        assert log.entries() and log._db.execute("PRAGMA user_version").fetchone()[0] == 4
    with HistoryLog.open(paths.history_file, tz=UTC) as log:
        assert log._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 5
        assert len(log.entries()) == 90  # nothing lost
        assert log.streaks(TODAY) == looked == python_figures(log, TODAY)
        assert looked.best > 1
        upgraded = tables(log)
    fresh = paths.history_file.with_name("fresh.sqlite3")
    with HistoryLog.open(fresh, tz=UTC) as log:  # the same days, kept up by the triggers
        log.save_many(made)
        assert tables(log) == upgraded


def tables(log: HistoryLog) -> list[list[tuple[object, ...]]]:
    return [log._db.execute(f"SELECT * FROM {name} ORDER BY 1").fetchall()
            for name in ("counted_days", "streak_runs", "counted_weeks")]


def test_the_overview_of_20000_entries_reads_within_a_step_budget(big: HistoryLog) -> None:  # noqa: F811
    today = date(2020, 12, 31)  # the history runs from January 2020 to December 2035
    assert big.streaks(today) == python_figures(big, today)
    steps = steps_of(big, lambda: read_overview(big, SortKey.STARTED, True, today, 200))
    every_day = steps_of(big, big.active_days)
    # ~31,000: the first page (~5,600), 12 and 17 weeks of entries (~25,000), the streaks
    # (~300, a few lookups); reading every counted day instead took ~265,000 on its own.
    assert steps < 45_000, steps
    assert every_day > 4 * steps


def test_the_streak_reads_use_indexes_not_scans(big: HistoryLog) -> None:  # noqa: F811
    for sql, parameters in (
        ("SELECT MAX(days) FROM streak_runs", ()),
        ("SELECT first_day, last_day FROM streak_runs WHERE first_day = "
         "(SELECT MAX(first_day) FROM streak_runs WHERE first_day <= ?)", ("2020-06-01",)),
        ("SELECT COUNT(*) FROM counted_days WHERE day BETWEEN ? AND ?",
         ("2020-06-01", "2020-06-07")),
        ("SELECT monday, days FROM counted_weeks WHERE monday < ? ORDER BY monday DESC",
         ("2020-06-01",)),
    ):
        plan = " | ".join(str(row[-1]) for row in big._db.execute(
            f"EXPLAIN QUERY PLAN {sql}", parameters))
        assert "SCAN" not in plan.replace("SCAN CONSTANT ROW", ""), (sql, plan)


def test_the_chart_and_calendar_read_only_the_weeks_shown(big: HistoryLog) -> None:  # noqa: F811
    # 17 weeks of the 16 years logged: the day index is searched for the range, so what is
    # logged after it (15 years here) is never read.
    since, until = date(2020, 6, 1), date(2020, 9, 28)
    calendar = steps_of(big, lambda: big.day_totals(since, until))
    chart = steps_of(big, lambda: big.weekly_totals(since, until))
    in_range = sum(1 for e in big.iter_entries() if since <= e.started.date() < until)
    assert in_range > 300
    assert calendar < 45 * in_range and chart < 45 * in_range, (calendar, chart, in_range)
    assert steps_of(big, lambda: big.day_totals(since)) > 20 * calendar  # unbounded: all
