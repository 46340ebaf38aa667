"""The history log on disk: saving, reading, aggregates, and refusing files it must not touch."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from backtimer.store.history import (
    APPLICATION_ID,
    MIGRATIONS,
    ROW_DONE,
    ROW_STATUS,
    ROW_UID,
    SCHEMA_VERSION,
    UNREADABLE,
    EntryStatus,
    HistoryEntry,
    HistoryLog,
    HistoryUnavailable,
    Unavailable,
    utc_text,
)
from backtimer.store.paths import Paths
from tests.helpers import digest, foreign_database

BERLIN = ZoneInfo("Europe/Berlin")


def entry(uid: str = "a", started: datetime | None = None, **changes: object) -> HistoryEntry:
    start = started or datetime(2025, 3, 3, 7, 30, tzinfo=UTC)
    base = HistoryEntry(
        uid=uid, session_id="daily-routine", title="Daily routine", started=start,
        ended=start + timedelta(minutes=12), planned_seconds=720.0, done_seconds=700.0,
        steps_total=40, steps_done=40, steps_skipped=0, status=EntryStatus.COMPLETED,
        progress=1.0, timings='{"items":[]}',
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def files_beside(path: Path) -> set[str]:
    return {p.name for p in path.parent.iterdir()}


def test_a_new_log_is_created_in_the_data_folder_with_wal_and_a_schema_version(
    paths: Paths,
) -> None:
    with HistoryLog.open(paths.history_file) as log:
        log.save(entry())
    assert paths.history_file.is_file()
    db = sqlite3.connect(paths.history_file)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 5
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()


def test_saving_the_same_entry_again_updates_it_instead_of_adding_one(paths: Paths) -> None:
    with HistoryLog.open(paths.history_file) as log:
        log.save(entry(status=EntryStatus.IN_PROGRESS, steps_done=3, progress=0.1))
        log.save(entry(pain_before=6, pain_after=3, note="felt better"))
        [saved] = log.entries()
    assert saved.status is EntryStatus.COMPLETED
    assert (saved.pain_before, saved.pain_after, saved.note) == (6, 3, "felt better")
    assert saved.steps_done == 40


def test_entries_read_back_equal_what_was_saved(paths: Paths) -> None:
    original = entry(pain_before=4, note="ok", ended=None, status=EntryStatus.STOPPED)
    with HistoryLog.open(paths.history_file, tz=BERLIN) as log:
        saved = log.save(original)
        assert log.get("a") == saved == replace(original, local_date=date(2025, 3, 3))


def test_the_local_day_comes_from_the_utc_start_in_the_log_time_zone(paths: Paths) -> None:
    # 23:30 UTC on 31 March is already 1 April in Berlin (summer time, UTC+2).
    late = datetime(2025, 3, 31, 23, 30, tzinfo=UTC)
    with HistoryLog.open(paths.history_file, tz=BERLIN) as log:
        log.save(entry("late", late))
        assert log.active_days() == [date(2025, 4, 1)]


def test_newest_entries_come_first_and_delete_returns_what_it_removed(paths: Paths) -> None:
    start = datetime(2025, 1, 1, 8, tzinfo=UTC)
    with HistoryLog.open(paths.history_file) as log:
        for day in range(3):
            log.save(entry(f"e{day}", start + timedelta(days=day)))
        assert [e.uid for e in log.entries()] == ["e2", "e1", "e0"]
        assert [row[0] for row in log.table_rows()] == ["e2", "e1", "e0"]
        removed = log.delete(["e1"])
        assert [e.uid for e in removed] == ["e1"]
        assert log.count() == 2
        log.save_many(removed)  # undo
        assert log.count() == 3


def test_weekly_totals_group_by_monday_weeks_in_sql(paths: Paths) -> None:
    with HistoryLog.open(paths.history_file, tz=UTC) as log:
        # Sunday 2 March and Monday 3 March 2025 fall in different weeks.
        log.save(entry("sun", datetime(2025, 3, 2, 9, tzinfo=UTC), done_seconds=600.0,
                       pain_after=4))
        log.save(entry("mon", datetime(2025, 3, 3, 9, tzinfo=UTC), done_seconds=300.0,
                       pain_before=6, pain_after=2))
        log.save(entry("tue", datetime(2025, 3, 4, 9, tzinfo=UTC), done_seconds=900.0,
                       pain_after=4))
        weeks = log.weekly_totals(date(2025, 2, 24))
    assert [(w.week_start, w.minutes, w.sessions) for w in weeks] == [
        (date(2025, 2, 24), 10.0, 1),
        (date(2025, 3, 3), 20.0, 2),
    ]
    assert weeks[1].pain_before == 6 and weeks[1].pain_after == 3
    assert weeks[0].pain == 4 and weeks[1].pain == 3


def test_two_logs_on_the_same_file_both_write(paths: Paths) -> None:
    first = HistoryLog.open(paths.history_file)
    second = HistoryLog.open(paths.history_file)
    try:
        for n in range(5):
            first.save(entry(f"one-{n}", steps_done=n))
            second.save(entry(f"two-{n}", steps_done=n))
        assert first.count() == second.count() == 10
    finally:
        first.close()
        second.close()


def test_a_file_that_is_not_sqlite_is_reported_and_left_byte_for_byte(paths: Paths) -> None:
    paths.data_dir.mkdir(parents=True)
    garbage = b"this was my history, honest\n" + os.urandom(4000)
    paths.history_file.write_bytes(garbage)
    with pytest.raises(HistoryUnavailable) as caught:
        HistoryLog.open(paths.history_file)
    assert caught.value.reason is Unavailable.CORRUPT
    assert "damaged" in caught.value.message
    assert paths.history_file.read_bytes() == garbage
    assert files_beside(paths.history_file) == {"history.sqlite3"}


@pytest.mark.parametrize("kind", ["fifo", "link to a fifo", "socket", "device", "folder"])
@pytest.mark.parametrize("read_only", [False, True])
def test_something_that_is_not_a_file_is_said_for_what_it_is_and_left_alone(
        paths: Paths, tmp_path: Path, kind: str, read_only: bool) -> None:
    """A FIFO or a link to /dev/zero read as "no log yet" (size 0), and SQLite then said only
    "disk I/O error" and made its journal beside it (/dev/zero-journal, as root)."""
    import stat

    paths.data_dir.mkdir(parents=True)
    odd = tmp_path / "odd"
    if kind in ("fifo", "link to a fifo"):
        os.mkfifo(odd)
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(odd))
        server.close()
    elif kind == "device":
        try:  # a node of our own (the numbers of /dev/zero): a slip harms nothing real
            os.mknod(odd, 0o600 | stat.S_IFCHR, os.makedev(1, 5))
        except PermissionError:
            pytest.skip("making a device node needs root")
    else:
        odd.mkdir()
    if kind == "link to a fifo":
        paths.history_file.symlink_to(odd)
    else:
        odd.rename(paths.history_file)
        odd = paths.history_file
    with pytest.raises(HistoryUnavailable) as caught:
        HistoryLog.open(paths.history_file, read_only=read_only)
    said = caught.value.message
    what = {"folder": "a folder", "socket": "a socket", "device": "a device"}.get(kind, "FIFO")
    assert str(paths.history_file) in said and what in said and "I/O" not in said
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["home"] + (["odd"] if kind == "link to a fifo" else []))
    assert files_beside(paths.history_file) == {"history.sqlite3"}


def test_a_damaged_page_is_found_by_the_check_and_nothing_is_written(paths: Paths) -> None:
    with HistoryLog.open(paths.history_file) as log:
        log.save_many(entry(f"e{n}", note="x" * 200) for n in range(200))
    data = bytearray(paths.history_file.read_bytes())
    data[4096 : 4096 + 64] = b"\x55" * 64  # scribble over the second page's header
    paths.history_file.write_bytes(bytes(data))
    before = paths.history_file.read_bytes()
    with pytest.raises(HistoryUnavailable) as caught:
        HistoryLog.open(paths.history_file)
    assert caught.value.reason is Unavailable.CORRUPT
    assert paths.history_file.read_bytes() == before
    assert files_beside(paths.history_file) == {"history.sqlite3"}


def test_a_newer_schema_version_is_refused_and_not_migrated_down(paths: Paths) -> None:
    paths.data_dir.mkdir(parents=True)
    db = sqlite3.connect(paths.history_file)
    db.execute("CREATE TABLE entries (future TEXT)")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")  # a newer BackTimer's file
    db.commit()
    db.close()
    before = paths.history_file.read_bytes()
    with pytest.raises(HistoryUnavailable) as caught:
        HistoryLog.open(paths.history_file)
    assert caught.value.reason is Unavailable.NEWER
    assert "newer version" in caught.value.message
    assert paths.history_file.read_bytes() == before


def test_a_locked_database_is_reported_after_the_busy_timeout_not_forever(paths: Paths) -> None:
    with HistoryLog.open(paths.history_file) as log:
        log.save(entry("kept"))
    holder = sqlite3.connect(paths.history_file, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with (
            HistoryLog.open(paths.history_file, busy_timeout=0.05) as log,
            pytest.raises(HistoryUnavailable) as caught,
        ):
            log.save(entry("new"))
        assert caught.value.reason is Unavailable.LOCKED
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with HistoryLog.open(paths.history_file) as log:
        assert [e.uid for e in log.entries()] == ["kept"]


def test_a_database_locked_in_exclusive_mode_is_reported_when_opening(paths: Paths) -> None:
    with HistoryLog.open(paths.history_file) as log:
        log.save(entry("kept"))
    holder = sqlite3.connect(paths.history_file, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("UPDATE entries SET note = 'held'")
    try:
        with pytest.raises(HistoryUnavailable) as caught:
            HistoryLog.open(paths.history_file, busy_timeout=0.05)
        assert caught.value.reason is Unavailable.LOCKED
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_two_processes_write_to_the_same_log(paths: Paths, tmp_path: Path) -> None:
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from datetime import UTC, datetime\n"
        "from pathlib import Path\n"
        "from backtimer.store.history import EntryStatus, HistoryEntry, HistoryLog\n"
        "log = HistoryLog.open(Path(sys.argv[1]))\n"
        "for n in range(30):\n"
        "    log.save(HistoryEntry(uid=f'child-{n}', session_id='s', title='S',\n"
        "        started=datetime(2025, 1, 1, tzinfo=UTC), ended=None, planned_seconds=60.0,\n"
        "        done_seconds=60.0, steps_total=1, steps_done=1, steps_skipped=0,\n"
        "        status=EntryStatus.COMPLETED))\n"
    )
    log = HistoryLog.open(paths.history_file)
    child = subprocess.Popen([sys.executable, "-c", script, str(paths.history_file)])
    try:
        for n in range(30):
            log.save(entry(f"parent-{n}"))
        assert child.wait(timeout=60) == 0
        uids = {e.uid for e in log.entries()}
    finally:
        log.close()
    assert uids == {f"parent-{n}" for n in range(30)} | {f"child-{n}" for n in range(30)}


# -- another program's database (issue 9, item 5) --------------------------------------------


def test_another_programs_database_is_refused_and_left_byte_for_byte(paths: Paths) -> None:
    foreign_database(paths.history_file)
    before = digest(paths.history_file)
    for read_only in (False, True):
        with pytest.raises(HistoryUnavailable) as caught:
            HistoryLog.open(paths.history_file, read_only=read_only)
        assert caught.value.reason is Unavailable.FOREIGN
        assert "not a BackTimer history" in caught.value.message
    assert digest(paths.history_file) == before
    assert files_beside(paths.history_file) == {"history.sqlite3"}  # no -wal, no -shm
    db = sqlite3.connect(paths.history_file)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # not turned into WAL
    assert [row[0] for row in db.execute("SELECT name FROM sqlite_master")] == ["moz_bookmarks"]
    db.close()


def test_a_database_with_no_tables_is_not_taken_over_either(paths: Paths) -> None:
    paths.data_dir.mkdir(parents=True)
    db = sqlite3.connect(paths.history_file)
    db.execute("VACUUM")  # a valid, empty SQLite database: not ours, not an empty file
    db.close()
    assert paths.history_file.stat().st_size > 0
    before = digest(paths.history_file)
    with pytest.raises(HistoryUnavailable) as caught:
        HistoryLog.open(paths.history_file)
    assert caught.value.reason is Unavailable.FOREIGN
    assert digest(paths.history_file) == before


def test_an_empty_file_becomes_a_new_log(paths: Paths) -> None:
    paths.data_dir.mkdir(parents=True)
    paths.history_file.touch()
    with HistoryLog.open(paths.history_file) as log:
        log.save(entry())
    with HistoryLog.open(paths.history_file) as log:
        assert [e.uid for e in log.entries()] == ["a"]


def version_1_log(path: Path, entries: list[HistoryEntry]) -> None:
    """A log as BackTimer's first schema wrote it: no application_id, user_version 1."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    for statement in MIGRATIONS[0].split(";"):
        if statement.strip():
            db.execute(statement)
    db.execute("PRAGMA user_version = 1")
    for item in entries:
        db.execute(
            "INSERT INTO entries (uid, session_id, title, started_utc, ended_utc, local_date, "
            "planned_seconds, done_seconds, steps_total, steps_done, steps_skipped, progress, "
            "status, timings) VALUES (?, 's', 'Old', ?, ?, ?, 60, ?, 4, ?, 0, ?, ?, '{}')",
            (item.uid, utc_text(item.started), utc_text(item.started),
             item.started.date().isoformat(), item.done_seconds, item.steps_done,
             item.progress, item.status.value),
        )
    db.close()


def test_a_log_from_the_first_version_is_ours_and_is_upgraded(paths: Paths) -> None:
    version_1_log(paths.history_file, [
        entry("done"), entry("left", status=EntryStatus.IN_PROGRESS, done_seconds=30.0,
                             steps_done=2, progress=0.5),
    ])
    with HistoryLog.open(paths.history_file) as log:
        assert {e.uid for e in log.entries()} == {"done", "left"}
        assert log.close_interrupted() == 1  # version 1 cannot write this file any more
        left = log.get("left")
    assert left is not None and left.status is EntryStatus.INTERRUPTED
    assert (left.done_seconds, left.steps_done) == (30.0, 2)  # the work it recorded
    db = sqlite3.connect(paths.history_file)
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.close()


# -- rows changed by hand (issue 9, item 8) --------------------------------------------------


def test_a_row_with_a_bad_date_is_unreadable_and_kept_out_of_every_total(paths: Paths) -> None:
    monday = datetime(2025, 3, 3, 7, 30, tzinfo=UTC)
    with HistoryLog.open(paths.history_file, tz=UTC) as log:
        log.save(entry("good", monday, done_seconds=600.0))
        log.save(entry("bad", monday + timedelta(days=8), done_seconds=900.0))
        log._db.execute("UPDATE entries SET started_utc = '2026-12-01 7am' WHERE uid = 'bad'")
        assert [e.uid for e in log.entries()] == ["good"]
        assert [e.uid for e in log.iter_entries()] == ["good"]
        assert log.get("bad") is None
        [unreadable] = log.unreadable_rows()
        assert (unreadable.uid, unreadable.started_text) == ("bad", "2026-12-01 7am")
        rows = {row[ROW_UID]: row for row in log.table_rows()}
        assert rows["bad"][ROW_STATUS] == UNREADABLE and rows["bad"][ROW_DONE] == 0.0
        assert rows["good"][ROW_STATUS] == "completed"
        assert log.active_days() == [monday.date()]
        [week] = log.weekly_totals(date(2025, 3, 3))
        assert week.minutes == 10.0 and week.sessions == 1
        assert log.count() == 2 and log.readable_count() == 1
        assert log.delete(["bad"]) == []  # Undo could not give it back: it stays
        assert log.count() == 2


@pytest.mark.parametrize(("column", "value"), [
    ("started_utc", "2025-13-01T07:00:00Z"), ("ended_utc", "yesterday"),
    ("local_date", "2025-13-01"), ("done_seconds", "lots"), ("steps_done", "three"),
    ("pain_after", "x"),
])
def test_other_hand_edits_are_unreadable_too(paths: Paths, column: str, value: str) -> None:
    with HistoryLog.open(paths.history_file) as log:
        log.save(entry("edited"))
        log._db.execute("PRAGMA ignore_check_constraints = ON")
        log._db.execute(f"UPDATE entries SET {column} = ? WHERE uid = 'edited'", (value,))
        assert log.entries() == [] and log.active_days() == []
        assert [row.uid for row in log.unreadable_rows()] == ["edited"]
        assert log.table_rows()[0][ROW_STATUS] == UNREADABLE


def test_a_day_that_does_not_exist_is_skipped_not_fatal(paths: Paths) -> None:
    with HistoryLog.open(paths.history_file) as log:
        log.save(entry("edited"))
        log._db.execute("UPDATE entries SET started_utc = '2025-02-30T07:00:00Z', "
                        "local_date = '2025-02-30'")
        assert log.entries() == [] and log.active_days() == []
        assert [row.uid for row in log.unreadable_rows()] == ["edited"]
        assert len(log.table_rows()) == 1


# -- entries a killed run left in progress (issue 9, item 16) --------------------------------


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_entries_of_a_run_that_died_are_closed_as_interrupted_at_the_next_start(
    paths: Paths,
) -> None:
    with HistoryLog.open(paths.history_file) as log:
        log.save(entry("died", status=EntryStatus.IN_PROGRESS, done_seconds=120.0,
                       steps_done=7, progress=0.2))
        log.save(entry("running", status=EntryStatus.IN_PROGRESS))
        log.save(entry("finished"))
        host = socket.gethostname()
        log._db.execute("UPDATE entries SET writer = ? WHERE uid = 'died'",
                        (f"{host}/{dead_pid()}",))
        # "running" keeps this process as its writer: a second BackTimer still in its session.
    with HistoryLog.open(paths.history_file) as log:
        assert log.close_interrupted() == 1
        assert log.close_interrupted() == 0
        status = {e.uid: e.status for e in log.entries()}
        died = log.get("died")
    assert status == {"died": EntryStatus.INTERRUPTED, "running": EntryStatus.IN_PROGRESS,
                      "finished": EntryStatus.COMPLETED}
    assert died is not None and (died.done_seconds, died.steps_done) == (120.0, 7)


def test_an_entry_from_another_computer_is_closed_only_when_a_day_old(paths: Paths) -> None:
    start = datetime(2025, 3, 3, 7, 30, tzinfo=UTC)
    with HistoryLog.open(paths.history_file) as log:
        log.save(entry("elsewhere", start, status=EntryStatus.IN_PROGRESS))
        log._db.execute("UPDATE entries SET writer = 'another-laptop/4242'")
        assert log.close_interrupted(now=start + timedelta(hours=2)) == 0
        assert log.close_interrupted(now=start + timedelta(days=2)) == 1


# -- the level and how it felt (issue 12) ----------------------------------------------------


def version_2_log(path: Path, entries: list[HistoryEntry]) -> None:
    """A log as version 2 wrote it: no level, no feel columns."""
    version_1_log(path, entries)
    db = sqlite3.connect(path, isolation_level=None)
    for statement in MIGRATIONS[1].split(";"):
        if statement.strip():
            db.execute(statement)
    db.execute("PRAGMA user_version = 2")
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.close()


def test_the_level_and_how_it_felt_are_kept(paths: Paths) -> None:
    with HistoryLog.open(paths.history_file) as log:
        log.save(entry("a", level=3, feel="too_hard", pain_before=2, pain_after=5))
        log.save(entry("b", datetime(2025, 3, 4, 7, 30, tzinfo=UTC)))
    with HistoryLog.open(paths.history_file) as log:
        a, b = log.get("a"), log.get("b")
    assert a is not None and (a.level, a.feel) == (3, "too_hard")
    assert b is not None and (b.level, b.feel) == (None, None)


def test_a_version_2_log_is_upgraded_keeping_every_entry(paths: Paths) -> None:
    version_2_log(paths.history_file, [entry("old")])
    with HistoryLog.open(paths.history_file) as log:
        old = log.get("old")
        assert old is not None and old.level is None and old.feel is None
        log.save(entry("new", level=2, feel="about_right"))
        assert {e.uid for e in log.entries()} == {"old", "new"}
    db = sqlite3.connect(paths.history_file)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.close()


def test_a_version_1_log_is_upgraded_through_to_the_level_columns(paths: Paths) -> None:
    version_1_log(paths.history_file, [entry("old")])
    with HistoryLog.open(paths.history_file) as log:
        log.save(entry("new", level=4))
        new = log.get("new")
    assert new is not None and new.level == 4


def test_a_level_or_feel_changed_by_hand_reads_as_not_given(paths: Paths) -> None:
    with HistoryLog.open(paths.history_file) as log:
        log.save(entry("a", level=2, feel="too_easy"))
        log._db.execute("UPDATE entries SET level = 'two', feel = 'meh' WHERE uid = 'a'")
        read = log.get("a")
    assert read is not None and (read.level, read.feel) == (None, None)


def test_recent_gives_one_sessions_latest_entries_newest_first(paths: Paths) -> None:
    day = datetime(2025, 3, 3, 7, 30, tzinfo=UTC)
    with HistoryLog.open(paths.history_file) as log:
        for number in range(4):
            log.save(entry(f"p{number}", day + timedelta(days=number), session_id="plank",
                           level=number + 1))
        log.save(entry("other", day + timedelta(days=9)))
        recent = log.recent("plank", limit=2)
    assert [e.uid for e in recent] == ["p3", "p2"]
