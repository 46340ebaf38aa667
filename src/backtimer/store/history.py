"""The history log: one SQLite row per session, written as the session runs.

Why it is built this way:

- An entry is inserted when a session starts and updated at every step, each write its own
  short transaction, so a crash or a killed process leaves a readable entry of what was done.
- WAL mode and a busy timeout let two windows (two connections, two processes) log at once.
- A database we cannot trust (not SQLite, damaged, locked, another program's, or written by a
  newer BackTimer) is reported with ``HistoryUnavailable`` and never written to: the file is
  first opened read-only and checked (magic header, ``application_id``, ``user_version``,
  ``PRAGMA quick_check``) before any connection that could write, create a WAL file or migrate
  is made. Only a missing or empty file is made into a new log: any other database must carry
  BackTimer's ``application_id`` (or be exactly the first version's schema, which had none).
- The schema carries its version in ``PRAGMA user_version``; ``MIGRATIONS`` lists the steps
  from one version to the next, and a newer version is refused, never migrated down.
- A row changed by hand so that it no longer reads (a date like ``2026-12-01 7am``) is never
  fatal: ``READABLE`` says in SQL which rows are as BackTimer writes them; the others are
  shown as unreadable, left as they are, and kept out of every total.
- Each entry records which process writes it (``writer``: host and pid), so the next start
  can close entries a killed run left "in progress" as interrupted, without touching the entry
  of a second BackTimer that is still running.
- Each entry also stores the local calendar day it started on (in the zone the person was in),
  so streaks and weekly totals are plain indexed SQL over days, even with 100,000 entries.
- Version 3 adds the level of a progression the session was run at and how it felt (issue
  12), both nullable: older entries have neither, and a value changed by hand so that it no
  longer reads is shown as "not given" rather than making the whole entry unreadable.
- Version 4 adds an index for every order the history table can be sorted in (issue 16), so
  the window asks for one page of rows at a time (``page``) in any order and SQLite walks an
  index instead of sorting 100,000 rows: the first page costs the same at any size.
- A day counts toward a streak (``active_days``) when a session on it was completed or ran at
  least ``COUNTED_SECONDS`` (the app's own choice: 5 minutes): a run stopped after 13 seconds
  is logged and shown, but is not a day of exercise.
- Version 5 keeps the days that count, their runs and their count per week in small tables
  that triggers keep up to date (``counted_days``), so the streaks are a few index lookups
  instead of reading every counted day (issue 16: the History's figures at 100,000 entries).
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, tzinfo
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import Any, Final

from backtimer.store.counted_days import read_streaks
from backtimer.store.counted_days import schema as counted_days_schema
from backtimer.store.owner import writer_gone, writer_id
from backtimer.store.reading import not_a_regular_file
from backtimer.store.streaks import Streaks, streaks_from_days

SQLITE_MAGIC = b"SQLite format 3\x00"
DEFAULT_BUSY_TIMEOUT = 3.0
APPLICATION_ID: Final = 0x4254696D  # "BTim" in the database header: this file is BackTimer's


class EntryStatus(StrEnum):
    IN_PROGRESS = "in_progress"  # still running, or the process died mid-session
    COMPLETED = "completed"
    STOPPED = "stopped"  # the person stopped before the end
    INTERRUPTED = "interrupted"  # the process died mid-session; closed at a later start


# What ``table_rows`` puts in the status column of a row that cannot be read.
UNREADABLE: Final = "unreadable"


class Unavailable(StrEnum):
    """Why the log cannot be used; the window words the message for each."""

    CORRUPT = "corrupt"
    FOREIGN = "foreign"  # a database, but another program's: never touched
    LOCKED = "locked"
    NEWER = "newer"
    UNREADABLE = "unreadable"


class HistoryUnavailable(Exception):
    """The log cannot be read or written: ``reason`` says why, ``path`` which file.

    The store gives reasons, not sentences for the window: ``ui/common/words.py`` words each
    reason (``history_unavailable_text``). ``detail`` is the system's own words for an
    unreadable file (``code`` its errno, when known: a full disk, a read-only folder),
    ``found_version`` the format a newer BackTimer wrote. ``message`` (also ``str(error)``) is
    plain English for the command line and the log file.

    The file has not been changed. The caller keeps its entry in memory and may try again.
    """

    def __init__(self, reason: Unavailable, path: Path, detail: str = "", *,
                 found_version: int | None = None, code: int = 0) -> None:
        self.reason = reason
        self.path = path
        self.detail = detail
        self.found_version = found_version
        self.code = code  # the errno of an unreadable or unwritable file (0: not known)
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """The reason in plain English, for ``backtimer history`` and the log file."""
        path = self.path
        if self.reason is Unavailable.NEWER:
            version = (f" (format {self.found_version}; this version reads up to "
                       f"{SCHEMA_VERSION})" if self.found_version is not None else "")
            return (f"The history file {path} was written by a newer version of BackTimer"
                    f"{version}. It has been left as it is; update BackTimer to use it.")
        if self.reason is Unavailable.LOCKED:
            return (f"The history file {path} is in use by another program and could not be "
                    "written in time. Your session is kept and can be saved again.")
        if self.reason is Unavailable.FOREIGN:
            return (f"The file {path} is a database, but not a BackTimer history (another "
                    "program's?). It has been left as it is; move it aside to start a new "
                    "history.")
        if self.reason is Unavailable.CORRUPT:
            return (f"The history file {path} is damaged. It has been left as it is, so "
                    "nothing in it is lost; move it aside to start a new history.")
        return f"The history file {path} cannot be used: {self.detail}."


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
    level: int | None = None  # the progression's level it was run at; None: no levels
    feel: str | None = None  # "too_easy", "about_right" or "too_hard" (progression.Feeling)


FEELS: Final = ("too_easy", "about_right", "too_hard")


@dataclass(frozen=True)
class WeekTotals:
    """One week's aggregate, as SQL computes it: minutes and the average pain logged."""

    week_start: date  # a Monday
    minutes: float
    sessions: int
    pain_before: float | None
    pain_after: float | None
    pain: float | None  # per entry the pain after, or before when only that was logged


@dataclass(frozen=True)
class DayTotal:
    """One local day's minutes (readable entries only) and whether it counts toward a streak."""

    day: date
    minutes: float
    counted: bool


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

# A row is readable when every value is as BackTimer writes it: times in the shape ``utc_text``
# gives, numbers stored as numbers, a known status. Only string shapes and ranges are checked
# here (SQLite's date functions on every row would slow the history window down by a third with
# 100,000 entries); a day that does not exist (30 February) passes, and Python, which parses
# every value it uses, skips it.
_DAY = "[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]"


def _day_shape(column: str) -> str:
    return (f"{column} GLOB '{_DAY}*' AND substr({column}, 6, 2) BETWEEN '01' AND '12' "
            f"AND substr({column}, 9, 2) BETWEEN '01' AND '31'")


def _time_shape(column: str) -> str:
    return (f"{column} GLOB '{_DAY}T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z' "
            f"AND {_day_shape(column)} AND substr({column}, 12, 2) < '24'")


READABLE: Final = f"""(
    status IN ('in_progress', 'completed', 'stopped', 'interrupted')
    AND {_time_shape('started_utc')}
    AND (ended_utc IS NULL OR ({_time_shape('ended_utc')}))
    AND length(local_date) = 10 AND {_day_shape('local_date')}
    AND typeof(planned_seconds) IN ('real', 'integer')
    AND typeof(done_seconds) IN ('real', 'integer')
    AND typeof(progress) IN ('real', 'integer')
    AND typeof(steps_total) = 'integer' AND typeof(steps_done) = 'integer'
    AND typeof(steps_skipped) = 'integer'
    AND (pain_before IS NULL OR typeof(pain_before) = 'integer')
    AND (pain_after IS NULL OR typeof(pain_after) = 'integer')
)"""

# The ids of the unreadable rows. A partial index (version 2) holds exactly these rows and
# SQLite keeps it up to date on every change, even one made with another tool, so finding
# them takes no table scan: the history window opens as fast as before with 100,000 entries.
_UNREADABLE_IDS: Final = f"SELECT id FROM entries WHERE NOT {READABLE}"
_IS_READABLE: Final = f"id NOT IN ({_UNREADABLE_IDS})"

# Version 2 allows the "interrupted" status and records the writing process. SQLite cannot
# change a CHECK constraint in place, so the table is copied into a new one.
_V2 = """
CREATE TABLE entries_v2 (
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
    status TEXT NOT NULL
        CHECK (status IN ('in_progress', 'completed', 'stopped', 'interrupted')),
    timings TEXT NOT NULL,
    pain_before INTEGER CHECK (pain_before BETWEEN 0 AND 10),
    pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10),
    note TEXT NOT NULL DEFAULT '',
    writer TEXT NOT NULL DEFAULT ''
);
INSERT INTO entries_v2 (id, uid, session_id, title, started_utc, ended_utc, local_date,
    planned_seconds, done_seconds, steps_total, steps_done, steps_skipped, progress, status,
    timings, pain_before, pain_after, note)
SELECT id, uid, session_id, title, started_utc, ended_utc, local_date, planned_seconds,
    done_seconds, steps_total, steps_done, steps_skipped, progress, status, timings,
    pain_before, pain_after, note FROM entries;
DROP TABLE entries;
ALTER TABLE entries_v2 RENAME TO entries;
CREATE INDEX entries_started ON entries (started_utc);
CREATE INDEX entries_local_date ON entries (local_date);
""" + f"CREATE INDEX entries_unreadable ON entries (id) WHERE NOT {READABLE};"

# Version 3 adds the progression's level and how the session felt (issue 12). Plain added
# columns, NULL in older rows; READABLE (and the partial index built from it in version 2) is
# unchanged: Python reads a bad value in them as "not given" (see ``_level``, ``_feel``).
_V3 = """
ALTER TABLE entries ADD COLUMN level INTEGER;
ALTER TABLE entries ADD COLUMN feel TEXT;
"""

# The orders the history table sorts in. Each is a list of terms that all run the same way
# (so one index serves both directions), ending with ``id`` so that equal keys keep one order.
# Version 4's indexes are built from exactly these expressions: SQLite uses an index for an
# ORDER BY only when the expressions match.
_STATUS_RANK: Final = ("(CASE status WHEN 'completed' THEN 3 WHEN 'stopped' THEN 2 "
                       "WHEN 'interrupted' THEN 1 ELSE 0 END)")
_PAIN_KEY: Final = "COALESCE(pain_after, pain_before, -1)"
_PAIN_BEFORE_KEY: Final = "COALESCE(pain_before, -1)"


class SortKey(StrEnum):
    """What the history table is sorted by (``HistoryLog.page``)."""

    STARTED = "started"
    TITLE = "title"  # case-insensitive (ASCII), then by start
    DONE = "done"  # minutes done, then by start
    RESULT = "result"  # completed, stopped, interrupted, in progress; then by progress
    PAIN = "pain"  # the pain after (or before when only that was given); none first
    NOTE = "note"  # case-insensitive (ASCII), empty first, then by start


_ORDER_TERMS: Final[dict[SortKey, tuple[str, ...]]] = {
    SortKey.STARTED: ("started_utc", "id"),
    SortKey.TITLE: ("title COLLATE NOCASE", "started_utc", "id"),
    SortKey.DONE: ("done_seconds", "started_utc", "id"),
    SortKey.RESULT: (_STATUS_RANK, "progress", "id"),
    SortKey.PAIN: (_PAIN_KEY, _PAIN_BEFORE_KEY, "id"),
    SortKey.NOTE: ("note COLLATE NOCASE", "started_utc", "id"),
}

# A day counts toward a streak when a session on it was completed or ran this long: the app's
# own choice (docs/format.md), so that a run stopped after a few seconds is not a day done.
COUNTED_SECONDS: Final = 5 * 60
_COUNTS: Final = f"(status = 'completed' OR done_seconds >= {COUNTED_SECONDS})"

# Version 4: an index per sort order of the history table (see ``_ORDER_TERMS``; the start
# order already has ``entries_started``), and one of the days that count toward a streak.
_V4 = f"""
CREATE INDEX entries_by_title ON entries (title COLLATE NOCASE, started_utc);
CREATE INDEX entries_by_done ON entries (done_seconds, started_utc);
CREATE INDEX entries_by_result ON entries ({_STATUS_RANK}, progress);
CREATE INDEX entries_by_pain ON entries ({_PAIN_KEY}, {_PAIN_BEFORE_KEY});
CREATE INDEX entries_by_note ON entries (note COLLATE NOCASE, started_utc);
CREATE INDEX entries_counted_days ON entries (local_date, status, done_seconds) WHERE {_COUNTS};
"""

# Version 5: the counted days, their runs and weeks, kept by triggers (``counted_days``).
_V5 = counted_days_schema(_COUNTS, _IS_READABLE)

# MIGRATIONS[i] takes the schema from version i to version i + 1. Append; never edit.
MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3, _V4, _V5)
SCHEMA_VERSION = len(MIGRATIONS)

# What version 1 (which set no application_id) left in ``sqlite_master``: such a file is ours.
_V1_OBJECTS = frozenset({
    ("table", "entries"), ("index", "entries_started"), ("index", "entries_local_date"),
    ("index", "sqlite_autoindex_entries_1"),
})



_COLUMNS = (
    "uid, session_id, title, started_utc, ended_utc, local_date, planned_seconds, "
    "done_seconds, steps_total, steps_done, steps_skipped, progress, status, timings, "
    "pain_before, pain_after, note, level, feel"
)
_UPSERT = f"""
INSERT INTO entries ({_COLUMNS}, writer) VALUES ({", ".join("?" * 20)})
ON CONFLICT (uid) DO UPDATE SET writer = excluded.writer,
    session_id = excluded.session_id, title = excluded.title,
    started_utc = excluded.started_utc, ended_utc = excluded.ended_utc,
    local_date = excluded.local_date, planned_seconds = excluded.planned_seconds,
    done_seconds = excluded.done_seconds, steps_total = excluded.steps_total,
    steps_done = excluded.steps_done, steps_skipped = excluded.steps_skipped,
    progress = excluded.progress, status = excluded.status, timings = excluded.timings,
    pain_before = excluded.pain_before, pain_after = excluded.pain_after, note = excluded.note,
    level = excluded.level, feel = excluded.feel
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
# An unreadable row has ``UNREADABLE`` as its status, its stored start as text, and zeros.


@dataclass(frozen=True)
class UnreadableRow:
    """A row changed outside BackTimer so that it cannot be read; it is left as it is."""

    row_id: int
    uid: str
    started_text: str
    title: str


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
        cls,
        path: Path,
        *,
        busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
        tz: tzinfo | None = None,
        read_only: bool = False,
        check_pages: bool = True,
    ) -> HistoryLog:
        """Open the log at ``path``, creating it (and its folder) when it does not exist.

        ``tz`` is the zone local days are computed in (the system's when None). With
        ``read_only`` the file is only read (``backtimer history``): nothing is created,
        migrated or switched to WAL, and a missing or empty file reads as an empty log.
        ``busy_timeout`` is how long a write waits for another writer (0: fail at once).
        ``check_pages=False`` (only with ``read_only``) skips ``PRAGMA quick_check``, which
        reads the whole file (a third of a second for 100,000 entries on a busy machine): a
        quick look to show the history at once, while a checked connection is opened for any
        write. The header, ``application_id`` and version are checked all the same.
        """
        if not check_pages and not read_only:
            raise ValueError("only a read-only log may skip the page check")
        try:
            existing = path.exists() and _regular_size(path) > 0
        except OSError as error:
            raise _unreadable(path, error) from None
        if existing:
            _check_existing(path, busy_timeout, check_pages)
        if read_only:
            return cls(path, _read_only_connection(path, busy_timeout, existing), tz)
        if not existing:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                # Made here, empty (which SQLite takes as a new database): SQLite itself says
                # only "unable to open database file" for a read-only folder or a full disk.
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | getattr(os, "O_CLOEXEC", 0),
                                 0o644))
            except OSError as error:
                raise _unreadable(path, error) from None
        with _translated(path):
            connection = sqlite3.connect(
                path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
            )
        try:
            with _translated(path):
                connection.execute("PRAGMA synchronous = NORMAL")
                # The tables and the application_id first, in one rollback-journal transaction:
                # a file killed half-made is then either empty or a whole BackTimer log.
                _migrate(connection, path)
                connection.execute("PRAGMA journal_mode = WAL")
        except BaseException:
            connection.close()
            raise
        return cls(path, connection, tz)

    @property
    def busy_timeout(self) -> float:
        """How long, in seconds, a write waits for another program's lock before failing."""
        return int(self._query("PRAGMA busy_timeout")[0][0]) / 1000.0

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
            self._db.execute(_UPSERT, (*_values(saved), writer_id()))
        return saved

    def save_many(self, entries: Iterable[HistoryEntry]) -> int:
        """Save many entries in one transaction (restoring deleted ones, benchmarks)."""
        writer = writer_id()
        rows = [(*_values(self._with_day(entry)), writer) for entry in entries]
        with self._transaction():
            self._db.executemany(_UPSERT, rows)
        return len(rows)

    def delete(self, uids: Sequence[str]) -> list[HistoryEntry]:
        """Delete the entries; return them as they were, so the caller can offer Undo.

        An unreadable row could not be given back by Undo, so it is left as it is.
        """
        removed: list[HistoryEntry] = []
        with self._transaction():
            for uid in uids:
                row = self._db.execute(
                    f"SELECT {_COLUMNS} FROM entries WHERE uid = ? AND {_IS_READABLE}", (uid,)
                ).fetchone()
                entry = _entry_or_none(row) if row is not None else None
                if entry is not None:
                    removed.append(entry)
                    self._db.execute("DELETE FROM entries WHERE uid = ?", (uid,))
        return removed

    def close_interrupted(self, now: datetime | None = None) -> int:
        """Close entries a killed or crashed run left in progress; return how many.

        Each becomes ``INTERRUPTED`` with the work it recorded. An entry whose writer still
        runs (a second BackTimer in the middle of a session) is left alone; see ``owner``.
        """
        moment = now or datetime.now(UTC)
        select = (f"SELECT uid, writer, ended_utc, started_utc FROM entries "
                  f"WHERE status = 'in_progress' AND {_IS_READABLE}")

        def stale(rows: list[Any]) -> list[tuple[str]]:
            return [(str(uid),) for uid, writer, ended, started in rows
                    if writer_gone(str(writer), parse_utc(str(ended or started)), moment)]

        if not stale(self._query(select)):
            return 0  # the usual case: no write lock taken at all
        with self._transaction():
            closing = stale(self._db.execute(select).fetchall())
            self._db.executemany(
                "UPDATE entries SET status = 'interrupted' "
                "WHERE uid = ? AND status = 'in_progress'", closing
            )
        return len(closing)

    # -- reading -----------------------------------------------------------------------------

    def get(self, uid: str) -> HistoryEntry | None:
        """The entry with this uid; None when there is none or it cannot be read."""
        rows = self._query(f"SELECT {_COLUMNS} FROM entries WHERE uid = ?", (uid,))
        return _entry_or_none(rows[0]) if rows else None

    def recent(self, session_id: str, limit: int = 5) -> list[HistoryEntry]:
        """The latest readable entries of one session, newest first (the progression rule
        needs only its last few runs: the started-time index is walked back, no full scan)."""
        rows = self._query(
            f"SELECT {_COLUMNS} FROM entries WHERE session_id = ? AND {_IS_READABLE} "
            "ORDER BY started_utc DESC, id DESC LIMIT ?", (session_id, limit),
        )
        return [entry for row in rows if (entry := _entry_or_none(row)) is not None]

    def entries(self, *, newest_first: bool = True) -> list[HistoryEntry]:
        """Every readable entry (see ``unreadable_rows`` for the others)."""
        return list(self.iter_entries(newest_first=newest_first))

    def iter_entries(self, *, newest_first: bool = True) -> Iterator[HistoryEntry]:
        """Readable entries one by one, for exports that should not hold 100,000 at once."""
        order = "DESC" if newest_first else "ASC"
        with _translated(self.path):
            cursor = self._db.execute(
                f"SELECT {_COLUMNS} FROM entries WHERE {_IS_READABLE} "
                f"ORDER BY started_utc {order}, id"
            )
            for row in cursor:
                entry = _entry_or_none(row)
                if entry is not None:
                    yield entry

    def unreadable_rows(self) -> list[UnreadableRow]:
        """Rows changed outside BackTimer so that they cannot be read, in the order stored.

        Reads every row in Python (for ``backtimer history``, which reads them all anyway).
        """
        unreadable = {row[0] for row in self._query(_UNREADABLE_IDS)}
        rows = self._query(f"SELECT id, {_COLUMNS} FROM entries ORDER BY id")
        return [UnreadableRow(int(row[0]), str(row[1]), str(row[4]), str(row[3]))
                for row in rows if row[0] in unreadable or _entry_or_none(row[1:]) is None]

    def table_rows(self) -> list[TableRow]:
        """Every row the history table can show, newest first (see ``ROW_*``); the window
        reads them a page at a time instead (``page``)."""
        return self.page(SortKey.STARTED, descending=True, offset=0, limit=-1)

    def page(self, key: SortKey, *, descending: bool, offset: int, limit: int) -> list[TableRow]:
        """``limit`` rows of the table from ``offset`` on, in the order ``key`` (-1: all).

        Version 4's indexes give every order without a sort: the rows are read from an index
        in order and the query stops after ``limit``, so the first page of 100,000 entries
        costs what the first page of 200 does. An unreadable row comes with ``UNREADABLE`` as
        its status and zeros for its figures; the partial index of version 2 lists them.
        """
        way = " DESC" if descending else ""
        order = ", ".join(term + way for term in _ORDER_TERMS[key])
        rows = self._query(
            "SELECT uid, started_utc, title, done_seconds, planned_seconds, status, progress, "
            f"pain_before, pain_after, note, session_id, id IN ({_UNREADABLE_IDS}) "
            f"FROM entries ORDER BY {order} LIMIT ? OFFSET ?", (limit, offset),
        )
        return [_unreadable_table_row(row[:-1]) if row[-1] else tuple(row[:-1])
                for row in rows]

    def update_feedback(self, uid: str, *, pain_before: int | None, pain_after: int | None,
                        note: str) -> HistoryEntry | None:
        """Change the pain and the note of a logged entry (the History's Edit); return the
        entry as saved, or None when there is no such readable entry (nothing is written)."""
        for pain in (pain_before, pain_after):
            if pain is not None and not 0 <= pain <= 10:
                raise ValueError(f"pain is 0 to 10, not {pain}")
        with self._transaction():
            self._db.execute(
                f"UPDATE entries SET pain_before = ?, pain_after = ?, note = ? "
                f"WHERE uid = ? AND {_IS_READABLE}", (pain_before, pain_after, note, uid),
            )
        return self.get(uid)

    def unreadable_count(self) -> int:
        """Rows that cannot be read; counted from the partial index of version 2, no scan."""
        return int(self._query(f"SELECT COUNT(*) FROM ({_UNREADABLE_IDS})")[0][0])

    def count(self) -> int:
        """Every row, readable or not."""
        return int(self._query("SELECT COUNT(*) FROM entries")[0][0])

    def readable_count(self) -> int:
        return int(self._query(f"SELECT COUNT(*) FROM entries WHERE {_IS_READABLE}")[0][0])

    def done_on(self, session_id: str, day: date) -> bool:
        """Whether ``session_id`` was done to its end on the local ``day``: a reminder to do
        it that day is no longer needed (one indexed lookup by day)."""
        rows = self._query(
            "SELECT 1 FROM entries WHERE local_date = ? AND session_id = ? AND status = ? "
            f"AND {_IS_READABLE} LIMIT 1",
            (day.isoformat(), session_id, EntryStatus.COMPLETED.value),
        )
        return bool(rows)

    def active_days(self) -> list[date]:
        """Every local day that counts toward a streak, oldest first: a readable session on it
        was completed or ran at least ``COUNTED_SECONDS``."""
        rows = self._query(
            f"SELECT DISTINCT local_date FROM entries WHERE {_COUNTS} AND {_IS_READABLE} "
            "ORDER BY local_date"
        )
        days = []
        for (text,) in rows:
            with contextlib.suppress(ValueError):  # a day that does not exist (30 February)
                days.append(date.fromisoformat(text))
        return days

    def streaks(self, today: date) -> Streaks:
        """The day streaks, this week's counted days and every goal's streak, as of ``today``.

        From version 5's tables in a few index lookups; a read-only look at an older log
        (not upgraded until it is opened to write) reads every counted day instead.
        """
        if int(self._query("PRAGMA user_version")[0][0]) >= 5:
            return read_streaks(self._rows, today)
        return streaks_from_days(self.active_days(), today)

    def weekly_totals(self, since: date, until: date | None = None) -> list[WeekTotals]:
        """Minutes, sessions and average pain per Monday-to-Sunday week from ``since`` on, and
        before ``until`` when given (the window reads only the weeks it shows: entries dated
        later, by a clock set wrong, would otherwise be read for nothing)."""
        days, parameters = _days_between(since, until)
        rows = self._query(
            "SELECT date(local_date, 'weekday 0', '-6 days') AS week, SUM(done_seconds), "
            "COUNT(*), AVG(pain_before), AVG(pain_after), AVG(COALESCE(pain_after, pain_before)) "
            f"FROM entries WHERE {days} AND {_IS_READABLE} GROUP BY week ORDER BY week",
            parameters,
        )
        return [
            WeekTotals(date.fromisoformat(week), seconds / 60.0, count, before, after, pain)
            for week, seconds, count, before, after, pain in rows
        ]

    def day_totals(self, since: date, until: date | None = None) -> list[DayTotal]:
        """Minutes per local day from ``since`` on (the calendar), and before ``until`` when
        given, oldest first, with whether the day counts toward a streak; one GROUP BY over
        the day index."""
        days, parameters = _days_between(since, until)
        rows = self._query(
            f"SELECT local_date, SUM(done_seconds), MAX({_COUNTS}) FROM entries "
            f"WHERE {days} AND {_IS_READABLE} GROUP BY local_date ORDER BY local_date",
            parameters,
        )
        totals = []
        for text, seconds, counted in rows:
            with contextlib.suppress(ValueError):  # a day that does not exist (30 February)
                totals.append(DayTotal(date.fromisoformat(text), seconds / 60.0, bool(counted)))
        return totals

    # -- internals ---------------------------------------------------------------------------

    def _with_day(self, entry: HistoryEntry) -> HistoryEntry:
        if entry.local_date is not None:
            return entry
        return replace(entry, local_date=local_day(entry.started, self.tz))

    def _query(self, sql: str, parameters: Sequence[object] = ()) -> list[Any]:
        with _translated(self.path):
            return self._db.execute(sql, parameters).fetchall()

    def _rows(self, sql: str, parameters: Sequence[object] = ()) -> Iterator[Any]:
        """Rows one at a time, for a read that may stop early."""
        with _translated(self.path):
            yield from self._db.execute(sql, parameters)

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


def _days_between(since: date, until: date | None) -> tuple[str, tuple[str, ...]]:
    """The condition on the local day, as a range the day index is searched by."""
    if until is None:
        return "local_date >= ?", (since.isoformat(),)
    return "local_date >= ? AND local_date < ?", (since.isoformat(), until.isoformat())


def session_done_on(path: Path, session_id: str, day: date) -> bool:
    """Whether the log at ``path`` has ``session_id`` done on ``day``; read only, and False
    when the log cannot be read (a reminder too many beats a lost one). Off the GUI thread."""
    try:
        with HistoryLog.open(path, read_only=True, busy_timeout=0.5) as log:
            return log.done_on(session_id, day)
    except HistoryUnavailable:
        return False


def close_interrupted_entries(path: Path) -> int:
    """At a start: close the entries killed runs left in progress in the log at ``path``.

    Nothing is created: with no log (or an empty file) there is nothing to close. May wait for
    another program's lock, so the window calls it off the GUI thread.
    """
    if not path.exists() or path.stat().st_size == 0:
        return 0
    with HistoryLog.open(path) as log:
        return log.close_interrupted()


def _values(entry: HistoryEntry) -> tuple[object, ...]:
    assert entry.local_date is not None
    return (
        entry.uid, entry.session_id, entry.title, utc_text(entry.started),
        utc_text(entry.ended) if entry.ended else None, entry.local_date.isoformat(),
        entry.planned_seconds, entry.done_seconds, entry.steps_total, entry.steps_done,
        entry.steps_skipped, entry.progress, entry.status.value, entry.timings,
        entry.pain_before, entry.pain_after, entry.note, entry.level, entry.feel,
    )


def _entry(row: Sequence[Any]) -> HistoryEntry:
    (uid, session_id, title, started, ended, day, planned, done, total, steps_done, skipped,
     progress, status, timings, before, after, note, level, feel) = row
    return HistoryEntry(
        uid=str(uid), session_id=str(session_id), title=str(title),
        started=parse_utc(str(started)), ended=parse_utc(str(ended)) if ended else None,
        planned_seconds=float(planned), done_seconds=float(done),
        steps_total=int(total), steps_done=int(steps_done),
        steps_skipped=int(skipped), status=EntryStatus(status),
        progress=float(progress), timings=str(timings),
        pain_before=_pain(before), pain_after=_pain(after), note=str(note or ""),
        local_date=date.fromisoformat(str(day)), level=_level(level), feel=_feel(feel),
    )


def _entry_or_none(row: Sequence[Any]) -> HistoryEntry | None:
    """The entry, or None when a value in the row cannot be read (SQL's ``READABLE`` lets a
    few through that Python refuses, such as a text that is not valid UTF-8)."""
    try:
        return _entry(row)
    except (ValueError, TypeError, OverflowError):
        return None


def _unreadable_table_row(row: Sequence[Any]) -> TableRow:
    uid, started, title, _, _, _, _, _, _, note, session_id = row
    return (str(uid), str(started), str(title), 0.0, 0.0, UNREADABLE, 0.0, None, None,
            str(note or ""), str(session_id))


def _pain(value: Any) -> int | None:
    return None if value is None else int(value)


def _level(value: Any) -> int | None:
    """A level as stored; anything else (changed by hand) reads as no level."""
    return value if isinstance(value, int) and value >= 1 else None


def _feel(value: Any) -> str | None:
    return value if value in FEELS else None


# -- opening safely --------------------------------------------------------------------------


def _regular_size(path: Path) -> int:
    """The size of the file at ``path`` (links followed), which must be a regular file.

    Anything else is refused before SQLite sees it, with what it is: opened by SQLite, a FIFO
    or a link to ``/dev/zero`` (size 0, so "no log yet") gave only "disk I/O error", and SQLite
    made its journal beside the device (``/dev/zero-journal``, for a process allowed to).
    """
    info = path.stat()
    error = not_a_regular_file(path, info.st_mode, "it was left as it is")
    if error is not None:
        raise error
    return info.st_size


def _check_existing(path: Path, busy_timeout: float, check_pages: bool = True) -> None:
    """Refuse a file we must not write to, touching nothing: read-only checks only."""
    try:
        # Non-blocking, and only a regular file: a FIFO at the log's path must not hang us.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise _corrupt(path)
            header = handle.read(100)
    except OSError as error:
        raise _unreadable(path, error) from None
    if not header.startswith(SQLITE_MAGIC) or len(header) < 100:
        raise _corrupt(path)
    connection = _read_only_connection(path, busy_timeout, existing=True)
    try:
        application_id = int(connection.execute("PRAGMA application_id").fetchone()[0])
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        if application_id == APPLICATION_ID and version > SCHEMA_VERSION:
            raise HistoryUnavailable(Unavailable.NEWER, path, found_version=version)
        if not _is_ours(connection, application_id, version):
            raise _foreign(path)
        if check_pages and connection.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise _corrupt(path)
    except sqlite3.Error as error:
        raise _translate(path, error) from None
    finally:
        connection.close()


def _is_ours(connection: sqlite3.Connection, application_id: int, version: int) -> bool:
    """BackTimer's own application_id with a version, or exactly version 1's tables (it set
    no application_id); any other database is another program's."""
    if application_id == APPLICATION_ID:
        return version >= 1
    if application_id != 0 or version != 1:
        return False
    objects = connection.execute("SELECT type, name FROM sqlite_master").fetchall()
    return {(str(kind), str(name)) for kind, name in objects} == _V1_OBJECTS


def _read_only_connection(path: Path, busy_timeout: float, existing: bool) -> sqlite3.Connection:
    """A connection that cannot write: to the file, or to an empty log when there is none.

    With no WAL file beside it, no writer has the file open: read it as immutable, which
    creates no -wal/-shm files next to a file that may turn out to be damaged. With a WAL
    file, a plain read-only connection sees the latest committed data.
    """
    if not existing:
        empty = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        _migrate(empty, path)
        empty.execute("PRAGMA query_only = ON")
        return empty
    wal = path.with_name(path.name + "-wal")
    uri = path.resolve().as_uri() + ("?mode=ro" if wal.exists() else "?mode=ro&immutable=1")
    try:
        return sqlite3.connect(uri, uri=True, timeout=busy_timeout, isolation_level=None,
                               check_same_thread=False)
    except sqlite3.Error as error:
        raise _translate(path, error) from None


def _migrate(connection: sqlite3.Connection, path: Path) -> None:
    """Bring the schema up to ``SCHEMA_VERSION``; two processes may race, so check inside."""
    if int(connection.execute("PRAGMA user_version").fetchone()[0]) == SCHEMA_VERSION:
        return
    connection.execute("BEGIN IMMEDIATE")
    try:
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise HistoryUnavailable(Unavailable.NEWER, path, found_version=version)
        for step in range(version, SCHEMA_VERSION):
            for statement in statements(MIGRATIONS[step]):
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {step + 1}")
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def statements(script: str) -> list[str]:
    """The statements of a migration one by one (a trigger's body holds ``;`` too)."""
    done: list[str] = []
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                done.append(pending)
            pending = ""
    return done


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
        return HistoryUnavailable(Unavailable.LOCKED, path)
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return _corrupt(path)
    if "disk is full" in text:  # SQLITE_FULL
        return HistoryUnavailable(Unavailable.UNREADABLE, path, str(error), code=errno.ENOSPC)
    if "readonly" in text or "read-only" in text:  # SQLITE_READONLY
        return HistoryUnavailable(Unavailable.UNREADABLE, path, str(error), code=errno.EROFS)
    return HistoryUnavailable(Unavailable.UNREADABLE, path, str(error))


def _foreign(path: Path) -> HistoryUnavailable:
    return HistoryUnavailable(Unavailable.FOREIGN, path)


def _corrupt(path: Path) -> HistoryUnavailable:
    return HistoryUnavailable(Unavailable.CORRUPT, path)


def _unreadable(path: Path, error: OSError) -> HistoryUnavailable:
    return HistoryUnavailable(Unavailable.UNREADABLE, path, str(error.strerror or error),
                              code=error.errno or 0)
