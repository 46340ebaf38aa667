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
from tests.helpers import digest, foreign_database


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


@pytest.mark.parametrize("arguments", [["history"], ["history", "--csv"]])
def test_history_refuses_another_programs_database_and_leaves_it(
    paths: Paths, capsys: pytest.CaptureFixture[str], arguments: list[str]
) -> None:
    foreign_database(paths.history_file)
    before = digest(paths.history_file)
    assert main(arguments) == 1
    assert "not a BackTimer history" in capsys.readouterr().err
    assert digest(paths.history_file) == before
    assert [p.name for p in paths.data_dir.iterdir()] == ["history.sqlite3"]


def test_printing_the_history_never_changes_the_file(paths: Paths) -> None:
    with HistoryLog.open(paths.history_file) as log:
        log.save(sample(1))
    before = digest(paths.history_file)
    assert main(["history"]) == 0 and main(["history", "--csv"]) == 0
    assert digest(paths.history_file) == before


def bad_date_log(paths: Paths) -> None:
    with HistoryLog.open(paths.history_file) as log:
        for n in range(3):
            log.save(sample(n))
        log._db.execute("UPDATE entries SET started_utc = '2026-12-01 7am' WHERE uid = 'u1'")


def test_a_row_with_a_bad_date_is_shown_as_unreadable_and_left_out_of_the_total(
    paths: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    bad_date_log(paths)
    assert main(["history"]) == 0
    out = capsys.readouterr().out
    assert "2 sessions, 21:43 in all." in out  # 650.5 + 652.5 s; not the bad row's 651.5
    assert "1 entry could not be read" in out and "'2026-12-01 7am'" in out


def test_the_csv_keeps_every_readable_row_and_names_the_bad_one_on_stderr(
    paths: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    bad_date_log(paths)
    assert main(["history", "--csv"]) == 0
    captured = capsys.readouterr()
    assert [row["uid"] for row in csv.DictReader(io.StringIO(captured.out))] == ["u2", "u0"]
    assert "unreadable" in captured.err and "2026-12-01 7am" in captured.err



def test_the_csv_has_the_level_and_how_it_felt(paths: Paths) -> None:
    with HistoryLog.open(paths.history_file) as log:
        log.save(replace(sample(1), level=3, feel="too_easy"))
        log.save(sample(2))
    out = io.StringIO()
    assert print_history(paths, csv_output=True, out=out) == 0
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [(row["level"], row["feel"]) for row in rows] == [("", ""), ("3", "too_easy")]
    back = list(read_csv(io.StringIO(out.getvalue())))
    assert [(entry.level, entry.feel) for entry in back] == [(None, None), (3, "too_easy")]


def test_one_session_is_one_session_not_one_sessions(
    capsys: pytest.CaptureFixture[str], paths: Paths
) -> None:
    with HistoryLog.open(paths.history_file) as log:
        log.save(sample(0))
    assert main(["history"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("1 session, ")
