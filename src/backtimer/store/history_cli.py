"""The history as text: ``backtimer history`` (a readable table) and ``--csv``; no Qt here.

The CSV writer is shared with the window's export, so both give the same file: a header row,
UTC times in ISO-8601, one line per entry, newest first. The log is opened read-only: printing
it never changes the file. A row changed by hand so that it cannot be read is named as
unreadable (after the table; on stderr for CSV, which stays one valid row per entry) and is
left out of the totals, never fatal.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from typing import TextIO

from backtimer.session.durations import format_clock
from backtimer.store.history import (
    EntryStatus,
    HistoryEntry,
    HistoryLog,
    HistoryUnavailable,
    UnreadableRow,
    parse_utc,
    utc_text,
)
from backtimer.store.paths import Paths

CSV_COLUMNS = (
    "started_utc", "ended_utc", "session_id", "title", "status", "planned_seconds",
    "done_seconds", "progress", "steps_total", "steps_done", "steps_skipped", "pain_before",
    "pain_after", "note", "timings", "local_date", "uid", "level", "feel",
)


def write_csv(entries: Iterable[HistoryEntry], out: TextIO) -> int:
    """Write the header and one row per entry; return how many entries were written."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    count = 0
    for entry in entries:
        writer.writerow(_csv_row(entry))
        count += 1
    return count


def _csv_row(entry: HistoryEntry) -> list[object]:
    return [
        utc_text(entry.started), utc_text(entry.ended) if entry.ended else "",
        _cell(entry.session_id), _cell(entry.title), entry.status.value,
        _plain(entry.planned_seconds),
        _plain(entry.done_seconds), f"{entry.progress:.4f}", entry.steps_total,
        entry.steps_done, entry.steps_skipped,
        "" if entry.pain_before is None else entry.pain_before,
        "" if entry.pain_after is None else entry.pain_after,
        _cell(entry.note), _cell(entry.timings),
        entry.local_date.isoformat() if entry.local_date else "",
        entry.uid,
        "" if entry.level is None else entry.level,
        entry.feel or "",
    ]


def read_csv(source: TextIO) -> Iterator[HistoryEntry]:
    """Read entries back from ``write_csv`` output (for tests, and a future import)."""
    for row in csv.DictReader(source):
        yield HistoryEntry(
            uid=row["uid"], session_id=_uncell(row["session_id"]),
            title=_uncell(row["title"]),
            started=parse_utc(row["started_utc"]),
            ended=parse_utc(row["ended_utc"]) if row["ended_utc"] else None,
            planned_seconds=float(row["planned_seconds"]),
            done_seconds=float(row["done_seconds"]),
            steps_total=int(row["steps_total"]), steps_done=int(row["steps_done"]),
            steps_skipped=int(row["steps_skipped"]), status=EntryStatus(row["status"]),
            progress=float(row["progress"]), timings=_uncell(row["timings"]),
            pain_before=int(row["pain_before"]) if row["pain_before"] else None,
            pain_after=int(row["pain_after"]) if row["pain_after"] else None,
            note=_uncell(row["note"]),
            local_date=date.fromisoformat(row["local_date"]) if row["local_date"] else None,
            level=int(row["level"]) if row.get("level") else None,
            feel=row.get("feel") or None,
        )


# A spreadsheet runs a cell starting with one of these as a formula (CSV injection): a note
# like "=HYPERLINK(...)" must open as the text it is. A leading ' makes it text in Excel and
# LibreOffice; a text that already starts with ' before one of them gets one more, so
# ``read_csv`` can take exactly one off and give back what was written.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    """``text`` as a CSV cell that no spreadsheet runs as a formula."""
    return "'" + text if text.lstrip("'").startswith(_FORMULA_START) else text


def _uncell(cell: str) -> str:
    """The text ``_cell`` was given."""
    formula = cell.startswith("'") and cell.lstrip("'").startswith(_FORMULA_START)
    return cell[1:] if formula else cell


def _plain(seconds: float) -> str:
    return f"{seconds:.3f}".rstrip("0").rstrip(".")


def print_history(paths: Paths, *, csv_output: bool, out: TextIO) -> int:
    """``backtimer history [--csv]``: newest first; 1 when the log cannot be read."""
    if not paths.history_file.exists():
        if csv_output:
            write_csv([], out)
        else:
            out.write("No sessions logged yet. Finish a session and it will show up here.\n")
        return 0
    try:
        with HistoryLog.open(paths.history_file, read_only=True) as log:
            unreadable = log.unreadable_rows()
            if csv_output:
                write_csv(log.iter_entries(), out)
                if unreadable:
                    print(_unreadable_text(unreadable), file=sys.stderr, end="")
                return 0
            entries = log.entries()
    except HistoryUnavailable as error:
        print(error.message, file=sys.stderr)
        return 1
    if not entries and not unreadable:
        out.write("No sessions logged yet. Finish a session and it will show up here.\n")
        return 0
    _print_table(entries, out)
    if unreadable:
        out.write("\n" + _unreadable_text(unreadable))
    return 0


def _unreadable_text(rows: list[UnreadableRow]) -> str:
    count = "1 entry" if len(rows) == 1 else f"{len(rows)} entries"
    lines = [f"{count} could not be read (changed outside BackTimer?); "
             "left as is and not counted:\n"]
    lines += [f"  unreadable: #{row.row_id} {row.title!r}, started {row.started_text!r}\n"
              for row in rows]
    return "".join(lines)


def _print_table(entries: list[HistoryEntry], out: TextIO) -> None:
    rows = [("When", "Session", "Time", "Result", "Pain")]
    for entry in entries:
        when = entry.started.astimezone().strftime("%Y-%m-%d %H:%M")
        rows.append((when, entry.title, format_clock(entry.done_seconds), _result(entry),
                     _pain_text(entry)))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for number, row in enumerate(rows):
        line = "  ".join(
            cell.rjust(width) if index == 2 else cell.ljust(width)
            for index, (cell, width) in enumerate(zip(row, widths, strict=True))
        )
        out.write(line.rstrip() + "\n")
        if number == 0:
            out.write("  ".join("-" * width for width in widths) + "\n")
    total = sum(entry.done_seconds for entry in entries)
    count = len(entries)
    noun = "session" if count == 1 else "sessions"
    out.write(f"\n{count} {noun}, {format_clock(total)} in all.\n")


def _result(entry: HistoryEntry) -> str:
    percent = round(entry.progress * 100)
    if entry.status is EntryStatus.COMPLETED:
        return "completed"
    if entry.status is EntryStatus.STOPPED:
        return f"stopped at {percent}%"
    if entry.status is EntryStatus.INTERRUPTED:
        return f"interrupted at {percent}%"
    return f"unfinished at {percent}%"


def _pain_text(entry: HistoryEntry) -> str:
    if entry.pain_before is None and entry.pain_after is None:
        return ""
    before = "-" if entry.pain_before is None else str(entry.pain_before)
    after = "-" if entry.pain_after is None else str(entry.pain_after)
    return f"{before} -> {after}"
