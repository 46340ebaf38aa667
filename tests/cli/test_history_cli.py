"""``backtimer history`` and ``--csv``: the table, the empty message, and a CSV round trip."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from backtimer.cli import main
from backtimer.store.history import EntryStatus, HistoryEntry, HistoryLog
from backtimer.store.history_cli import CSV_COLUMNS, print_history, read_csv, write_csv
from backtimer.store.paths import Paths


def sample(n: int) -> HistoryEntry:
    start = datetime(2025, 3, 1, 7, 30, tzinfo=UTC) + timedelta(days=n)
    return HistoryEntry(
        uid=f"u{n}", session_id="daily-routine", title=f"Daily, routine \"{n}\"",
        started=start, ended=start + timedelta(minutes=11), planned_seconds=720.0,
        done_seconds=650.5 + n, steps_total=40, steps_done=36, steps_skipped=1,
        status=EntryStatus.STOPPED if n % 2 else EntryStatus.COMPLETED, progress=0.9,
        timings='{"items":[{"exercise":"bird-dog","hold":5}]}',
        pain_before=None if n == 0 else 6, pain_after=3, note="line one\nline, two" if n else "",
    )


def test_csv_round_trip_gives_back_the_entries(paths: Paths) -> None:
    with HistoryLog.open(paths.history_file) as log:
        saved = [log.save(sample(n)) for n in range(4)]
    out = io.StringIO()
    assert print_history(paths, csv_output=True, out=out) == 0
    text = out.getvalue()
    rows = list(csv.reader(io.StringIO(text)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == 5  # header + one line per entry, notes with newlines included
    assert rows[1][0] == "2025-03-04T07:30:00Z"  # newest first, UTC
    back = list(read_csv(io.StringIO(text)))
    assert back == sorted(saved, key=lambda e: e.started, reverse=True)


def test_write_csv_rounds_floats_only_in_text() -> None:
    out = io.StringIO()
    write_csv([replace(sample(1), done_seconds=12.25, progress=0.5)], out)
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["done_seconds"] == "12.25" and row["progress"] == "0.5000"


def test_the_table_lists_newest_first_with_result_and_pain(
    paths: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    with HistoryLog.open(paths.history_file) as log:
        for n in range(3):
            log.save(sample(n))
    assert main(["history"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["When", "Session", "Time", "Result", "Pain"]
    newest = sample(2).started.astimezone().strftime("%Y-%m-%d %H:%M")  # local time
    assert lines[2].startswith(newest) and "completed" in lines[2] and "6 -> 3" in lines[2]
    assert "stopped at 90%" in lines[3]  # u1 is odd: stopped
    assert "completed" in lines[4] and "- -> 3" in lines[4]
    assert lines[-1] == "3 sessions, 32:35 in all."


def test_an_empty_history_prints_a_friendly_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history"]) == 0
    assert "No sessions logged yet" in capsys.readouterr().out
    assert main(["history", "--csv"]) == 0
    assert capsys.readouterr().out.strip() == ",".join(CSV_COLUMNS)


def test_a_damaged_history_is_reported_with_status_1(
    paths: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    paths.data_dir.mkdir(parents=True)
    paths.history_file.write_bytes(b"not a database at all" * 10)
    assert main(["history"]) == 1
    assert "damaged" in capsys.readouterr().err
