"""The history log: one SQLite row per session, written as the session runs.

Why it is built this way:

- An entry is inserted when a session starts and updated at every step, each write its own
  short transaction, so a crash or a killed process leaves a readable entry of what was done.
- WAL mode and a busy timeout let two windows (two connections, two processes) log at once.
- A database we cannot trust (not SQLite, damaged, locked, or written by a newer BackTimer) is
  reported with ``HistoryUnavailable`` and never written to: the file is first opened
  read-only and checked (magic header, ``user_version``, ``PRAGMA quick_check``) before any
  connection that could write, create a WAL file or migrate is made.
- The schema carries its version in ``PRAGMA user_version``; ``MIGRATIONS`` lists the steps
  from one version to the next, and a newer version is refused, never migrated down.
- Each entry also stores the local calendar day it started on (in the zone the person was in),
  so streaks and weekly totals are plain indexed SQL over days, even with 100,000 entries.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, tzinfo
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import Any, Final

SQLITE_MAGIC = b"SQLite format 3\x00"
DEFAULT_BUSY_TIMEOUT = 3.0


class EntryStatus(StrEnum):
    IN_PROGRESS = "in_progress"  # still running, or the process died mid-session
    COMPLETED = "completed"
    STOPPED = "stopped"  # the person stopped before the end


class Unavailable(StrEnum):
    """Why the log cannot be used; the window words the message for each."""

    CORRUPT = "corrupt"
    LOCKED = "locked"
    NEWER = "newer"
    UNREADABLE = "unreadable"


class HistoryUnavailable(Exception):
    """The log cannot be read or written; ``message`` says why in plain words.

    The file has not been changed. The caller keeps its entry in memory and may try again.
    """

    def __init__(self, reason: Unavailable, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


@dataclass(frozen=True)
class HistoryEntry:
    """One session as logged. Times are aware UTC datetimes; pain is 0-10 or None.

    ``uid`` identifies the entry across retries and processes, so saving the same entry twice
    updates it instead of adding a second one. ``progress`` is how far through the plan the
    session got (0 to 1), by planned time. ``timings`` is the session as it was run (after the
    person's changes), as compact JSON. ``local_date`` is the day it started where the person
    was; when None, ``HistoryLog.save`` derives it from ``started`` in the log's time zone.
    """

    uid: str
    session_id: str
    title: str
    started: datetime
    ended: datetime | None
    planned_seconds: float
    done_seconds: float
    steps_total: int
    steps_done: int
    steps_skipped: int
    status: EntryStatus
    progress: float = 0.0
    timings: str = ""
    pain_before: int | None = None
    pain_after: int | None = None
    note: str = ""
    local_date: date | None = None


@dataclass(frozen=True)
class WeekTotals:
    """One week's aggregate, as SQL computes it: minutes and the average pain logged."""

    week_start: date  # a Monday
    minutes: float
    sessions: int
    pain_before: float | None
    pain_after: float | None
    pain: float | None  # per entry the pain after, or before when only that was logged


# -- schema ----------------------------------------------------------------------------------

_V1 = """
CREATE TABLE entries (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    session_id TEXT NOT NULL,
    title TEXT NOT NULL,
    started_utc TEXT NOT NULL,
    ended_utc TEXT,
    local_date TEXT NOT NULL,
    planned_seconds REAL NOT NULL,
    done_seconds REAL NOT NULL,
    steps_total INTEGER NOT NULL,
    steps_done INTEGER NOT NULL,
    steps_skipped INTEGER NOT NULL,
    progress REAL NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('in_progress', 'completed', 'stopped')),
    timings TEXT NOT NULL,
    pain_before INTEGER CHECK (pain_before BETWEEN 0 AND 10),
    pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10),
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX entries_started ON entries (started_utc);
CREATE INDEX entries_local_date ON entries (local_date);
"""

# MIGRATIONS[i] takes the schema from version i to version i + 1. Append; never edit.
MIGRATIONS: tuple[str, ...] = (_V1,)
SCHEMA_VERSION = len(MIGRATIONS)

_COLUMNS = (
    "uid, session_id, title, started_utc, ended_utc, local_date, planned_seconds, "
    "done_seconds, steps_total, steps_done, steps_skipped, progress, status, timings, "
    "pain_before, pain_after, note"
)
_UPSERT = f"""
INSERT INTO entries ({_COLUMNS}) VALUES ({", ".join("?" * 17)})
ON CONFLICT (uid) DO UPDATE SET
    session_id = excluded.session_id, title = excluded.title,
    started_utc = excluded.started_utc, ended_utc = excluded.ended_utc,
    local_date = excluded.local_date, planned_seconds = excluded.planned_seconds,
    done_seconds = excluded.done_seconds, steps_total = excluded.steps_total,
    steps_done = excluded.steps_done, steps_skipped = excluded.steps_skipped,
    progress = excluded.progress, status = excluded.status, timings = excluded.timings,
    pain_before = excluded.pain_before, pain_after = excluded.pain_after, note = excluded.note
"""

# The table's columns, in the order ``table_rows`` returns them (no timings: they are big).
ROW_UID: Final = 0
ROW_STARTED: Final = 1
ROW_TITLE: Final = 2
ROW_DONE: Final = 3
ROW_PLANNED: Final = 4
ROW_STATUS: Final = 5
ROW_PROGRESS: Final = 6
ROW_PAIN_BEFORE: Final = 7
ROW_PAIN_AFTER: Final = 8
ROW_NOTE: Final = 9
ROW_SESSION_ID: Final = 10
TableRow = tuple[str, str, str, float, float, str, float, int | None, int | None, str, str]


# -- time helpers ----------------------------------------------------------------------------


def utc_text(moment: datetime) -> str:
    """ISO-8601 in UTC with a ``Z``, to the second: sortable as text, readable in a CSV."""
    if moment.tzinfo is None:
        raise ValueError("a naive datetime has no time zone; pass an aware one")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_utc(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def local_day(moment: datetime, tz: tzinfo | None = None) -> date:
    """The calendar day ``moment`` falls on in ``tz`` (the system's zone when None)."""
    return moment.astimezone(tz).date()


# -- the log ---------------------------------------------------------------------------------


class HistoryLog:
    """The log file, open for reading and writing. Build it with ``HistoryLog.open(path)``.

    Every method raises ``HistoryUnavailable`` (never a bare ``sqlite3`` error) when the file
    cannot be used, and leaves the file as it was.
    """

    def __init__(self, path: Path, connection: sqlite3.Connection, tz: tzinfo | None) -> None:
        self.path = path
        self.tz = tz
        self._db = connection

    @classmethod
    def open(
        cls, path: Path, *, busy_timeout: float = DEFAULT_BUSY_TIMEOUT, tz: tzinfo | None = None
    ) -> HistoryLog:
        """Open the log at ``path``, creating it (and its folder) when it does not exist.

        ``tz`` is the zone local days are computed in (the system's when None).
        """
        if path.exists() and path.stat().st_size > 0:
            _check_existing(path, busy_timeout)
        else:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise _unreadable(path, error) from None
        with _translated(path):
            connection = sqlite3.connect(
                path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
            )
        try:
            with _translated(path):
                connection.execute("PRAGMA journal_mode = WAL")
                connection.execute("PRAGMA synchronous = NORMAL")
                _migrate(connection, path)
        except BaseException:
            connection.close()
            raise
        return cls(path, connection, tz)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> HistoryLog:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------------------

    def save(self, entry: HistoryEntry) -> HistoryEntry:
        """Insert or update ``entry`` (by ``uid``) in one short transaction; return it as saved."""
        saved = self._with_day(entry)
        with self._transaction():
            self._db.execute(_UPSERT, _values(saved))
        return saved

    def save_many(self, entries: Iterable[HistoryEntry]) -> int:
        """Save many entries in one transaction (restoring deleted ones, benchmarks)."""
        rows = [_values(self._with_day(entry)) for entry in entries]
        with self._transaction():
            self._db.executemany(_UPSERT, rows)
        return len(rows)

    def delete(self, uids: Sequence[str]) -> list[HistoryEntry]:
        """Delete the entries; return them as they were, so the caller can offer Undo."""
        removed: list[HistoryEntry] = []
        with self._transaction():
            for uid in uids:
                row = self._db.execute(
                    f"SELECT {_COLUMNS} FROM entries WHERE uid = ?", (uid,)
                ).fetchone()
                if row is not None:
                    removed.append(_entry(row))
                    self._db.execute("DELETE FROM entries WHERE uid = ?", (uid,))
        return removed

    # -- reading -----------------------------------------------------------------------------

    def get(self, uid: str) -> HistoryEntry | None:
        rows = self._query(f"SELECT {_COLUMNS} FROM entries WHERE uid = ?", (uid,))
        return _entry(rows[0]) if rows else None

    def entries(self, *, newest_first: bool = True) -> list[HistoryEntry]:
        order = "DESC" if newest_first else "ASC"
        rows = self._query(f"SELECT {_COLUMNS} FROM entries ORDER BY started_utc {order}, id")
        return [_entry(row) for row in rows]

    def iter_entries(self, *, newest_first: bool = True) -> Iterator[HistoryEntry]:
        """Entries one by one, for exports that should not hold 100,000 objects at once."""
        order = "DESC" if newest_first else "ASC"
        with _translated(self.path):
            cursor = self._db.execute(
                f"SELECT {_COLUMNS} FROM entries ORDER BY started_utc {order}, id"
            )
            for row in cursor:
                yield _entry(row)

    def table_rows(self) -> list[TableRow]:
        """What the history table shows, newest first, in one fast query (see ``ROW_*``)."""
        return self._query(
            "SELECT uid, started_utc, title, done_seconds, planned_seconds, status, progress, "
            "pain_before, pain_after, note, session_id FROM entries "
            "ORDER BY started_utc DESC, id DESC"
        )

    def count(self) -> int:
        return int(self._query("SELECT COUNT(*) FROM entries")[0][0])

    def active_days(self) -> list[date]:
        """Every local day with at least one session, oldest first (an index-only scan)."""
        rows = self._query("SELECT DISTINCT local_date FROM entries ORDER BY local_date")
        return [date.fromisoformat(row[0]) for row in rows]

    def weekly_totals(self, since: date) -> list[WeekTotals]:
        """Minutes, sessions and average pain per Monday-to-Sunday week from ``since`` on."""
        rows = self._query(
            "SELECT date(local_date, 'weekday 0', '-6 days') AS week, SUM(done_seconds), "
            "COUNT(*), AVG(pain_before), AVG(pain_after), AVG(COALESCE(pain_after, pain_before)) "
            "FROM entries "
            "WHERE local_date >= ? GROUP BY week ORDER BY week",
            (since.isoformat(),),
        )
        return [
            WeekTotals(date.fromisoformat(week), seconds / 60.0, count, before, after, pain)
            for week, seconds, count, before, after, pain in rows
        ]

    # -- internals ---------------------------------------------------------------------------

    def _with_day(self, entry: HistoryEntry) -> HistoryEntry:
        if entry.local_date is not None:
            return entry
        return replace(entry, local_date=local_day(entry.started, self.tz))

    def _query(self, sql: str, parameters: Sequence[object] = ()) -> list[Any]:
        with _translated(self.path):
            return self._db.execute(sql, parameters).fetchall()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        with _translated(self.path):
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")


def _values(entry: HistoryEntry) -> tuple[object, ...]:
    assert entry.local_date is not None
    return (
        entry.uid, entry.session_id, entry.title, utc_text(entry.started),
        utc_text(entry.ended) if entry.ended else None, entry.local_date.isoformat(),
        entry.planned_seconds, entry.done_seconds, entry.steps_total, entry.steps_done,
        entry.steps_skipped, entry.progress, entry.status.value, entry.timings,
        entry.pain_before, entry.pain_after, entry.note,
    )


def _entry(row: Sequence[Any]) -> HistoryEntry:
    (uid, session_id, title, started, ended, day, planned, done, total, steps_done, skipped,
     progress, status, timings, before, after, note) = row
    return HistoryEntry(
        uid=str(uid), session_id=str(session_id), title=str(title),
        started=parse_utc(str(started)), ended=parse_utc(str(ended)) if ended else None,
        planned_seconds=float(planned), done_seconds=float(done),
        steps_total=int(total), steps_done=int(steps_done),
        steps_skipped=int(skipped), status=EntryStatus(status),
        progress=float(progress), timings=str(timings),
        pain_before=_pain(before), pain_after=_pain(after), note=str(note or ""),
        local_date=date.fromisoformat(str(day)),
    )


def _pain(value: Any) -> int | None:
    return None if value is None else int(value)


# -- opening safely --------------------------------------------------------------------------


def _check_existing(path: Path, busy_timeout: float) -> None:
    """Refuse a file we must not write to, touching nothing: read-only checks only."""
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as error:
        raise _unreadable(path, error) from None
    if not header.startswith(SQLITE_MAGIC) or len(header) < 100:
        raise _corrupt(path)
    # With no WAL file beside it, no writer has the file open: read it as immutable, which
    # creates no -wal/-shm files next to a file that may turn out to be damaged. With a WAL
    # file, a plain read-only connection sees the latest committed data.
    wal = path.with_name(path.name + "-wal")
    uri = path.resolve().as_uri() + ("?mode=ro" if wal.exists() else "?mode=ro&immutable=1")
    try:
        connection = sqlite3.connect(uri, uri=True, timeout=busy_timeout, isolation_level=None)
    except sqlite3.Error as error:
        raise _translate(path, error) from None
    try:
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise HistoryUnavailable(
                Unavailable.NEWER,
                f"The history file {path} was written by a newer version of BackTimer "
                f"(format {version}; this version reads up to {SCHEMA_VERSION}). "
                "It has been left as it is; update BackTimer to use it.",
            )
        result = connection.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise _corrupt(path)
    except sqlite3.Error as error:
        raise _translate(path, error) from None
    finally:
        connection.close()


def _migrate(connection: sqlite3.Connection, path: Path) -> None:
    """Bring the schema up to ``SCHEMA_VERSION``; two processes may race, so check inside."""
    if int(connection.execute("PRAGMA user_version").fetchone()[0]) == SCHEMA_VERSION:
        return
    connection.execute("BEGIN IMMEDIATE")
    try:
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise HistoryUnavailable(
                Unavailable.NEWER,
                f"The history file {path} was written by a newer version of BackTimer.",
            )
        for step in range(version, SCHEMA_VERSION):
            for statement in MIGRATIONS[step].split(";"):
                if statement.strip():
                    connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {step + 1}")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


@contextlib.contextmanager
def _translated(path: Path) -> Iterator[None]:
    try:
        yield
    except sqlite3.Error as error:
        raise _translate(path, error) from None
    except OSError as error:
        raise _unreadable(path, error) from None


def _translate(path: Path, error: sqlite3.Error) -> HistoryUnavailable:
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return HistoryUnavailable(
            Unavailable.LOCKED,
            f"The history file {path} is in use by another program and could not be written "
            "in time. Your session is kept and can be saved again.",
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return _corrupt(path)
    return HistoryUnavailable(
        Unavailable.UNREADABLE, f"The history file {path} cannot be used: {error}."
    )


def _corrupt(path: Path) -> HistoryUnavailable:
    return HistoryUnavailable(
        Unavailable.CORRUPT,
        f"The history file {path} is damaged. It has been left as it is, so nothing in it is "
        "lost; move it aside to start a new history.",
    )


def _unreadable(path: Path, error: OSError) -> HistoryUnavailable:
    return HistoryUnavailable(
        Unavailable.UNREADABLE,
        f"The history file {path} cannot be used: {error.strerror or error}.",
    )

