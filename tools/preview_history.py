"""Render the history view with sample data to a PNG (offscreen), to look at it.

    python tools/preview_history.py docs/history.png [--empty] [--dark] [--size 800x500]
        [--sessions] [--edit]
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from backtimer.store.history import EntryStatus, HistoryEntry, HistoryLog
from backtimer.ui.history.history_view import HistoryView

SESSIONS = [
    ("daily-routine", "Daily routine", 14 * 60),
    ("core-strengthening", "Core strengthening", 22 * 60),
    ("gentle-sciatica", "Gentle sciatica relief", 11 * 60),
    ("side-plank-intervals", "Side-plank intervals", 9 * 60),
    ("stretches", "Stretches", 16 * 60),
]


def sample_entries(today: date, seed: int = 7) -> list[HistoryEntry]:
    """Eleven weeks of a person getting into the habit: more minutes, less pain."""
    rng = random.Random(seed)
    entries: list[HistoryEntry] = []
    start_day = today - timedelta(days=76)
    for offset in range(77):
        day = start_day + timedelta(days=offset)
        keen = 0.35 + 0.5 * offset / 77
        if offset in range(22, 29) or rng.random() > keen:
            continue
        sid, title, planned = rng.choice(SESSIONS)
        started = datetime(day.year, day.month, day.day, rng.choice([7, 8, 18, 19]),
                           rng.randrange(60), tzinfo=UTC)
        stopped = rng.random() < 0.12
        progress = rng.uniform(0.3, 0.85) if stopped else 1.0
        done = planned * progress
        pain = None
        if rng.random() < 0.7:
            base = 7 - 4 * offset / 77 + rng.uniform(-1, 1)
            after = base - rng.uniform(0.5, 2)
            pain = (round(min(10, max(0, base))), round(min(10, max(0, after))))
        entries.append(HistoryEntry(
            uid=f"s{offset}", session_id=sid, title=title, started=started,
            ended=started + timedelta(seconds=done), planned_seconds=planned, done_seconds=done,
            steps_total=40, steps_done=round(40 * progress), steps_skipped=0,
            status=EntryStatus.STOPPED if stopped else EntryStatus.COMPLETED, progress=progress,
            pain_before=pain[0] if pain else None, pain_after=pain[1] if pain else None,
            note="Left side tighter today" if offset % 9 == 0 else "",
        ))
    stopped = datetime(today.year, today.month, today.day, 7, 10, tzinfo=UTC) - timedelta(days=1)
    entries.append(HistoryEntry(  # a run stopped after 13 seconds: listed, not counted
        uid="short", session_id="daily-routine", title="Daily routine", started=stopped,
        ended=stopped + timedelta(seconds=13), planned_seconds=14 * 60, done_seconds=13.0,
        steps_total=40, steps_done=1, steps_skipped=0, status=EntryStatus.STOPPED,
        progress=0.02))
    return entries


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#1f2124"), (QPalette.ColorRole.WindowText, "#e8e8e6"),
        (QPalette.ColorRole.Base, "#26282c"), (QPalette.ColorRole.AlternateBase, "#2c2f33"),
        (QPalette.ColorRole.Text, "#e8e8e6"), (QPalette.ColorRole.Button, "#2c2f33"),
        (QPalette.ColorRole.ButtonText, "#e8e8e6"), (QPalette.ColorRole.PlaceholderText, "#9a9c9f"),
    ):
        palette.setColor(role, QColor(colour))
    return palette


def main(argv: list[str]) -> int:
    out = Path(argv[1] if len(argv) > 1 else "history.png")
    app = QApplication([])
    if "--dark" in argv:
        app.setPalette(dark_palette())
    today = date(2025, 3, 5)
    with tempfile.TemporaryDirectory() as folder:
        log = HistoryLog.open(Path(folder) / "history.sqlite3")
        if "--empty" not in argv:
            log.save_many(sample_entries(today))
        view = HistoryView(log, today=lambda: today, weekly_goal=4)
        width, height = (1000, 820)
        if "--size" in argv:
            width, height = map(int, argv[argv.index("--size") + 1].split("x"))
        view.resize(width, height)
        view.show()
        while view.busy:  # the log is read on the view's worker thread
            app.processEvents()
        if "--sessions" in argv:  # a low window: the table instead of the charts
            view.show_table.click()
        if "--edit" in argv:
            view.show_table.click()
            view.select_row(4)
            view.edit_selected()
        app.processEvents()
        out.parent.mkdir(parents=True, exist_ok=True)
        view.grab().save(str(out))
        view.close()
        log.close()
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
