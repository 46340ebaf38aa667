"""How the history copes with 100,000 entries. Not a test: it prints figures.

    python benchmarks/history_scale.py [ENTRIES]

Fills a log in a temporary BACKTIMER_HOME (never the real one), ending today, with a session
every 8 hours (every day counts: a 91-year run at 100,000 entries, the streaks' worst case),
times upgrading a copy of it as version 4 left it, then times each query (the streaks from the
log's tables, and the old way, every counted day read and worked out in Python), a bare
PySide6 window shown and painted, and, beside it in the same process, the history window:
its first frame, its opening until the figures and the first page are painted (read on the
window's worker thread through a quick read-only look), until the log is checked page by page
and open for writing, the longest stretch the GUI thread was busy meanwhile, sorting by four
columns (SQLite, from an index, until the first page is painted), and scrolling (each next
page of 200 rows fetched and painted).
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TypeVar

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

T = TypeVar("T")


def timed(label: str, action: Callable[[], T]) -> T:
    start = time.perf_counter()
    result = action()
    print(f"{label:<46} {1000 * (time.perf_counter() - start):9.1f} ms")
    return result


def main(argv: list[str]) -> int:
    count = int(argv[1]) if len(argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as home:
        os.environ["BACKTIMER_HOME"] = home
        return run(count)


def run(count: int) -> int:
    from PySide6.QtCore import QEventLoop, QModelIndex, Qt, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from backtimer.store.history import EntryStatus, HistoryEntry, HistoryLog, SortKey
    from backtimer.store.paths import Paths
    from backtimer.store.streaks import (
        calendar_start,
        chart_weeks,
        fill_weeks,
        streaks_from_days,
        week_start,
    )
    from backtimer.ui.history.history_model import (
        COL_PAIN,
        COL_SESSION,
        COL_TIME,
        COL_WHEN,
        PAGE,
    )
    from backtimer.ui.history.history_view import HistoryView

    paths = Paths.from_environment()
    today = date.today()  # the window's own today: its chart and calendar show the log's end
    rng = random.Random(1)
    timings = '{"prepare":10,"transition":10,"items":[{"exercise":"side-plank","hold":10,' \
              '"rest":3,"reps":10,"sets":1,"sides":"each"}]}'
    first = datetime.now(UTC) - timedelta(days=count // 3, hours=4)

    def entries() -> list[HistoryEntry]:
        made = []
        for n in range(count):
            start = first + timedelta(hours=8 * n + rng.randrange(4))
            pain = rng.randrange(11) if rng.random() < 0.4 else None
            made.append(HistoryEntry(
                uid=f"bench-{n}", session_id="daily-routine", title=f"Session {n % 11}",
                started=start, ended=start + timedelta(minutes=12), planned_seconds=720.0,
                done_seconds=rng.uniform(300, 720), steps_total=40, steps_done=40,
                steps_skipped=0, status=EntryStatus.COMPLETED, progress=1.0, timings=timings,
                pain_before=pain, pain_after=pain,
            ))
        return made

    print(f"{count:,} entries, SQLite at {paths.history_file}")
    made = timed("build the entries in Python", entries)
    with HistoryLog.open(paths.history_file) as log:
        timed("fill the log (one transaction)", lambda: log.save_many(made))
    size = paths.history_file.stat().st_size
    print(f"{'file size':<46} {size / 1e6:9.1f} MB")

    def as_version_4() -> Path:
        """A copy of the log as version 4 left it (no tables of counted days)."""
        copy = paths.history_file.with_name("version-4.sqlite3")
        shutil.copy(paths.history_file, copy)
        db = sqlite3.connect(copy, isolation_level=None)
        for trigger in ("entries_counted_added", "entries_counted_changed",
                        "entries_counted_removed"):
            db.execute(f"DROP TRIGGER {trigger}")
        for table in ("counted_days", "streak_runs", "counted_weeks"):
            db.execute(f"DROP TABLE {table}")
        db.execute("PRAGMA user_version = 4")
        db.close()
        return copy

    old = as_version_4()
    timed("upgrade a version 4 log to 5 (once, worker)", lambda: HistoryLog.open(old).close())
    old.unlink()

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    warm = QWidget()  # the first window of a process pays for fonts and style: not counted
    warm.resize(400, 300)
    warm.show()
    app.processEvents()
    warm.close()

    log = timed("open the log (header, version, quick_check)",
                lambda: HistoryLog.open(paths.history_file))
    timed("  first page of the table (200 rows, SQL)",
          lambda: log.page(SortKey.STARTED, descending=True, offset=0, limit=PAGE))
    streaks = timed("streaks and goal, from the log's tables (SQL)", lambda: log.streaks(today))
    days = timed("  before: every day that counts, SQL", log.active_days)
    before = timed("  the same figures in Python (7 goals), check",
                   lambda: streaks_from_days(days, today))
    assert streaks == before, (streaks, before)
    print(f"{'  days that count / current streak / best':<46} "
          f"{len(days):,} / {streaks.current:,} / {streaks.best:,}")
    until = week_start(today) + timedelta(weeks=1)

    def chart() -> object:
        weeks = chart_weeks(today)
        totals = log.weekly_totals(weeks[0], until)
        return fill_weeks({w.week_start: w.minutes for w in totals},
                          {w.week_start: w.pain for w in totals if w.pain is not None}, today)

    timed("compute the chart (12 weeks, GROUP BY)", chart)
    timed("compute the calendar (17 weeks, GROUP BY)",
          lambda: log.day_totals(calendar_start(today), until))
    log.close()

    def bare_window() -> float:
        start = time.perf_counter()
        window = QWidget()
        window.resize(1000, 820)
        window.show()
        app.processEvents()
        window.repaint()
        took = time.perf_counter() - start
        window.close()
        return took

    def wait_for(done: Callable[[], bool]) -> float:
        """Run the event loop until ``done()``; return the longest gap between two ticks of
        a 1 ms timer meanwhile: the longest the GUI thread was busy at a stretch."""
        loop = QEventLoop()
        gaps = [0.0]
        last = [time.perf_counter()]

        def tick() -> None:
            now = time.perf_counter()
            gaps[0] = max(gaps[0], now - last[0])
            last[0] = now
            if done():
                loop.quit()

        timer = QTimer()
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.setInterval(1)
        timer.timeout.connect(tick)
        timer.start()
        if not done():
            loop.exec()
        timer.stop()
        return gaps[0]

    def open_history() -> tuple[float, float, float, float, HistoryView]:
        """Until the window's first frame, until the figures and first page are painted
        (from the quick read-only look), until the log is checked and open for writing, and
        the longest the GUI thread was busy at a stretch meanwhile."""
        start = time.perf_counter()
        view = HistoryView.open_window(paths, weekly_goal=4)
        view.resize(1000, 820)
        view.show()
        app.processEvents()
        view.repaint()
        first = time.perf_counter() - start
        longest = wait_for(lambda: view.pages.currentWidget() is view.main_page)
        view.repaint()
        shown = time.perf_counter() - start
        longest = max(longest, wait_for(lambda: not view.busy))
        return first, shown, time.perf_counter() - start, longest, view

    def median_ms(values: list[float]) -> float:
        return 1000 * statistics.median(values)

    bare = [bare_window() for _ in range(5)]
    opened = []
    for _ in range(5):
        *figures, view = open_history()
        opened.append(figures)
        view.close()
        app.processEvents()
    print(f"{'bare PySide6 window, shown and painted (median)':<46} {median_ms(bare):9.1f} ms")
    print(f"{'history window, first frame (median)':<46} "
          f"{median_ms([o[0] for o in opened]):9.1f} ms")
    print(f"{'history open and paint, all figures (median)':<46} "
          f"{median_ms([o[1] for o in opened]):9.1f} ms")
    print(f"{'history log checked and writable (median)':<46} "
          f"{median_ms([o[2] for o in opened]):9.1f} ms")
    print(f"{'history open, longest GUI-thread stretch (max)':<46} "
          f"{1000 * max(o[3] for o in opened):9.1f} ms")

    *_, view = open_history()

    def settle() -> None:
        wait_for(lambda: not view.busy)
        view.repaint()

    for column, name in ((COL_SESSION, "session"), (COL_TIME, "time"), (COL_PAIN, "pain"),
                         (COL_WHEN, "when")):
        timed(f"sort by {name}, first page painted", lambda column=column: (
            view.table.sortByColumn(column, Qt.SortOrder.AscendingOrder), settle()))

    steps = []
    while len(steps) < 10 and view.model.canFetchMore(QModelIndex()):
        rows = view.model.rowCount()
        start = time.perf_counter()
        view.table.scrollToBottom()
        wait_for(lambda rows=rows: view.model.rowCount() > rows and not view.busy)
        view.repaint()
        steps.append(time.perf_counter() - start)
    if not steps:
        steps.append(0.0)
    print(f"{'scroll: next 200 rows fetched and painted (median)':<46} "
          f"{median_ms(steps):9.1f} ms")
    print(f"{'scroll: next 200 rows fetched and painted (max)':<46} "
          f"{1000 * max(steps):9.1f} ms")
    one = replace(made[-1], uid="bench-live", steps_done=3)
    with HistoryLog.open(paths.history_file) as writer:
        timed("one recorder write (a step ends)", lambda: writer.save(one))
    print(f"{'rows in the table after scrolling':<46} {view.model.rowCount():9,}")
    view.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
