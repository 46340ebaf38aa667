"""How the history copes with 100,000 entries. Not a test: it prints figures.

    python benchmarks/history_scale.py [ENTRIES]

Fills a log in a temporary BACKTIMER_HOME (never the real one), then times opening the log
(with its integrity check), opening the history view (table rows, streaks, the chart's SQL
aggregates, first paint), the chart's data alone, sorting the table, and one step update as
the recorder writes it.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
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
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from backtimer.store.history import EntryStatus, HistoryEntry, HistoryLog
    from backtimer.store.paths import Paths
    from backtimer.store.streaks import best_streak, chart_weeks, current_streak, fill_weeks
    from backtimer.ui.history.history_model import COL_SESSION
    from backtimer.ui.history.history_view import HistoryView

    paths = Paths.from_environment()
    today = date(2025, 3, 5)
    rng = random.Random(1)
    timings = '{"prepare":10,"transition":10,"items":[{"exercise":"side-plank","hold":10,' \
              '"rest":3,"reps":10,"sets":1,"sides":"each"}]}'
    first = datetime(2025, 3, 5, 20, tzinfo=UTC) - timedelta(days=count // 3)

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

    app = QApplication.instance() or QApplication([])
    log = timed("open the log (header, version, quick_check)",
                lambda: HistoryLog.open(paths.history_file))
    rows = timed("  table rows, one query", log.table_rows)
    days = timed("  distinct local days (streaks), SQL", log.active_days)
    timed("  current and best streak, Python",
          lambda: (current_streak(days, today), best_streak(days)))

    def chart() -> object:
        weeks = chart_weeks(today)
        totals = log.weekly_totals(weeks[0])
        return fill_weeks({w.week_start: w.minutes for w in totals},
                          {w.week_start: w.pain for w in totals if w.pain is not None}, today)

    timed("compute the chart (12 weeks, GROUP BY)", chart)

    def open_view() -> HistoryView:
        view = HistoryView(log, today=lambda: today)
        view.resize(1000, 860)
        view.show()
        app.processEvents()
        return view

    view = timed("open the history view and paint it", open_view)
    timed("reload the view", lambda: (view.reload(), app.processEvents()))
    timed("sort the table by session", lambda: (
        view.table.sortByColumn(COL_SESSION, Qt.SortOrder.AscendingOrder), app.processEvents()))
    timed("grab the window (a full repaint)", view.grab)
    one = replace(made[-1], uid="bench-live", steps_done=3)
    timed("one recorder write (a step ends)", lambda: log.save(one))
    print(f"{'rows in the table':<46} {len(rows):9,}")
    view.close()
    log.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
