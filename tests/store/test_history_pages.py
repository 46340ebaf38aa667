"""The history read a page at a time in any order (schema 4), the streak rule, edits, the
calendar's day totals, and older logs upgraded through to schema 4."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from backtimer.store.history import (
    APPLICATION_ID,
    COUNTED_SECONDS,
    MIGRATIONS,
    ROW_DONE,
    ROW_NOTE,
    ROW_PAIN_AFTER,
    ROW_PAIN_BEFORE,
    ROW_PROGRESS,
    ROW_STARTED,
    ROW_STATUS,
    ROW_TITLE,
    ROW_UID,
    SCHEMA_VERSION,
    UNREADABLE,
    DayTotal,
    EntryStatus,
    HistoryEntry,
    HistoryLog,
    HistoryUnavailable,
    SortKey,
    TableRow,
)
from backtimer.store.paths import Paths
from tests.helpers import digest
from tests.store.test_history import entry, version_1_log

STATUSES = (EntryStatus.COMPLETED, EntryStatus.STOPPED, EntryStatus.INTERRUPTED,
            EntryStatus.IN_PROGRESS)
T0 = datetime(2020, 1, 1, 6, tzinfo=UTC)


def made(n: int) -> HistoryEntry:
    """A varied entry: titles in mixed case, repeated figures, pain given or not."""
    pain_before = n % 13 if n % 13 <= 10 else None
    return entry(
        f"e{n}", T0 + timedelta(hours=7 * n), note=("", "Stiff", "better", "ok")[n % 4],
        title=("Stretch", "core", "Bird dog")[n % 3] + f" {n % 7}",
        done_seconds=float((n * 7919) % 900), status=STATUSES[n % 4],
        progress=(n % 10) / 10, pain_before=pain_before,
        pain_after=None if n % 5 == 0 else n % 11,
    )


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HistoryLog]:
    """20,000 entries, written once for the module (2-3 s): the tests using it only read pages."""
    with HistoryLog.open(tmp_path_factory.mktemp("big") / "history.sqlite", tz=UTC) as log:
        log.save_many(made(n) for n in range(20_000))
        yield log


def python_key(key: SortKey, row: TableRow) -> tuple[object, ...]:
    """The order each SortKey promises, written out in Python for comparison."""
    if key is SortKey.TITLE:
        return (row[ROW_TITLE].lower(), row[ROW_STARTED])
    if key is SortKey.DONE:
        return (row[ROW_DONE], row[ROW_STARTED])
    if key is SortKey.RESULT:
        rank = {"completed": 3, "stopped": 2, "interrupted": 1}.get(row[ROW_STATUS], 0)
        return (rank, row[ROW_PROGRESS])
    if key is SortKey.NOTE:
        return (row[ROW_NOTE].lower(), row[ROW_STARTED])
    if key is SortKey.PAIN:
        after, before = row[ROW_PAIN_AFTER], row[ROW_PAIN_BEFORE]
        pain = after if after is not None else before
        return (-1 if pain is None else pain, -1 if before is None else before)
    return (row[ROW_STARTED],)


def steps_of(log: HistoryLog, action: object) -> int:
    """SQLite virtual-machine steps an action takes: a budget that does not depend on the
    machine's speed (a sort of every row would take millions)."""
    count = [0]

    def tick() -> int:
        count[0] += 1
        return 0

    log._db.set_progress_handler(tick, 1)
    try:
        action()  # type: ignore[operator]
    finally:
        log._db.set_progress_handler(None, 1)
    return count[0]


@pytest.mark.parametrize("key", list(SortKey))
@pytest.mark.parametrize("descending", [False, True])
def test_a_page_in_any_order_comes_from_an_index_within_a_step_budget(
    big: HistoryLog, key: SortKey, descending: bool
) -> None:
    everything = big.page(key, descending=descending, offset=0, limit=-1)
    assert len(everything) == 20_000
    keys = [python_key(key, row) for row in everything]
    assert keys == sorted(keys, reverse=descending)  # the right order, every row
    first: list[TableRow] = []
    steps = steps_of(big, lambda: first.extend(
        big.page(key, descending=descending, offset=0, limit=200)))
    assert first == everything[:200]
    assert steps < 10_000  # ~30 steps a row: the index is walked, nothing is sorted
    later = big.page(key, descending=descending, offset=5_000, limit=200)
    assert later == everything[5_000:5_200]


def test_an_unreadable_row_is_marked_on_its_page(paths: Paths) -> None:
    with HistoryLog.open(paths.history_file, tz=UTC) as log:
        log.save_many([made(n) for n in range(5)])
        log._db.execute("UPDATE entries SET started_utc = '2026-12-01 7am' WHERE uid = 'e2'")
        rows = log.page(SortKey.DONE, descending=False, offset=0, limit=10)
        assert log.unreadable_count() == 1
    bad = [row for row in rows if row[ROW_UID] == "e2"]
    assert bad[0][ROW_STATUS] == UNREADABLE and bad[0][ROW_DONE] == 0.0
    assert all(row[ROW_STATUS] != UNREADABLE for row in rows if row[ROW_UID] != "e2")


def test_a_short_stopped_run_does_not_count_toward_the_streak(paths: Paths) -> None:
    day = datetime(2025, 3, 3, 7, tzinfo=UTC)
    with HistoryLog.open(paths.history_file, tz=UTC) as log:
        log.save_many([
            entry("13s", day, status=EntryStatus.STOPPED, done_seconds=13.0, progress=0.02),
            entry("short-but-done", day + timedelta(days=1), done_seconds=120.0),
            entry("long-stopped", day + timedelta(days=2), status=EntryStatus.STOPPED,
                  done_seconds=float(COUNTED_SECONDS), progress=0.5),
            entry("killed", day + timedelta(days=3), status=EntryStatus.INTERRUPTED,
                  done_seconds=60.0, progress=0.1),
        ])
        assert log.active_days() == [date(2025, 3, 4), date(2025, 3, 5)]
        totals = log.day_totals(date(2025, 3, 1))
    assert totals[0] == DayTotal(date(2025, 3, 3), 13 / 60, counted=False)
    assert [t.counted for t in totals] == [False, True, True, False]


def test_day_totals_add_the_minutes_of_a_day(paths: Paths) -> None:
    day = datetime(2025, 3, 3, 7, tzinfo=UTC)
    with HistoryLog.open(paths.history_file, tz=UTC) as log:
        log.save_many([entry("a", day, done_seconds=600.0),
                       entry("b", day + timedelta(hours=5), done_seconds=300.0),
                       entry("old", day - timedelta(days=40))])
        assert log.day_totals(date(2025, 3, 1)) == [DayTotal(date(2025, 3, 3), 15.0, True)]


def test_pain_and_note_can_be_changed_afterwards_and_are_saved(paths: Paths) -> None:
    with HistoryLog.open(paths.history_file) as log:
        log.save(entry("a", pain_before=4, note="stiff"))
        saved = log.update_feedback("a", pain_before=3, pain_after=1, note="better after")
        assert saved is not None and saved.note == "better after"
        assert log.update_feedback("nope", pain_before=None, pain_after=None, note="") is None
        with pytest.raises(ValueError, match="0 to 10"):
            log.update_feedback("a", pain_before=11, pain_after=None, note="")
    with HistoryLog.open(paths.history_file) as log:
        again = log.get("a")
        [row] = log.table_rows()
    assert again is not None
    assert (again.pain_before, again.pain_after, again.note) == (3, 1, "better after")
    assert again.done_seconds == 700.0  # nothing else changed
    assert row[ROW_NOTE] == "better after"


def test_a_version_3_log_is_upgraded_to_the_sort_indexes_keeping_every_entry(
    paths: Paths,
) -> None:
    version_1_log(paths.history_file, [entry("old")])
    db = sqlite3.connect(paths.history_file, isolation_level=None)
    for step in (1, 2):
        for statement in MIGRATIONS[step].split(";"):
            if statement.strip():
                db.execute(statement)
    db.execute("PRAGMA user_version = 3")
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.close()
    with HistoryLog.open(paths.history_file) as log:
        assert [row[ROW_UID] for row in log.page(SortKey.TITLE, descending=False, offset=0,
                                                 limit=10)] == ["old"]
    db = sqlite3.connect(paths.history_file)
    names = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 5
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    db.close()
    assert {"entries_by_title", "entries_by_done", "entries_by_result",
            "entries_by_pain", "entries_by_note"} <= names


def test_a_newer_log_is_still_refused_and_left_as_it_is(paths: Paths, tmp_path: Path) -> None:
    with HistoryLog.open(paths.history_file) as log:
        log.save(entry("a"))
    db = sqlite3.connect(paths.history_file, isolation_level=None)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    before = digest(paths.history_file)
    with pytest.raises(HistoryUnavailable):
        HistoryLog.open(paths.history_file)
    assert digest(paths.history_file) == before


def test_a_page_past_the_end_is_empty(paths: Paths) -> None:
    with HistoryLog.open(paths.history_file) as log:
        log.save(replace(entry("a")))
        assert log.page(SortKey.STARTED, descending=True, offset=1, limit=200) == []


def test_a_quick_look_skips_only_the_page_check_and_never_writes(paths: Paths) -> None:
    with HistoryLog.open(paths.history_file) as log:
        log.save(entry("a"))
    with pytest.raises(ValueError, match="read-only"):
        HistoryLog.open(paths.history_file, check_pages=False)
    with HistoryLog.open(paths.history_file, read_only=True, check_pages=False) as look:
        assert [row[ROW_UID] for row in look.table_rows()] == ["a"]
        with pytest.raises(HistoryUnavailable):
            look.save(entry("b"))
    db = sqlite3.connect(paths.history_file, isolation_level=None)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(HistoryUnavailable, match="newer"):  # still checked without the pages
        HistoryLog.open(paths.history_file, read_only=True, check_pages=False)
