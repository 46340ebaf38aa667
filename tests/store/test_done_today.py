""""Done today": a reminder asks the log whether its session was done on that local day."""

from __future__ import annotations

from datetime import date, datetime

from backtimer.store.history import EntryStatus, HistoryLog, session_done_on
from backtimer.store.paths import Paths
from tests.store.test_history import BERLIN, entry


def test_a_completed_session_that_day_is_done(paths: Paths) -> None:
    morning = datetime(2026, 3, 2, 7, 40, tzinfo=BERLIN)
    with HistoryLog.open(paths.history_file, tz=BERLIN) as log:
        log.save(entry("a", morning))
        log.save(entry("b", morning, session_id="stretch-break", status=EntryStatus.STOPPED))
    file = paths.history_file
    assert session_done_on(file, "daily-routine", date(2026, 3, 2))
    assert not session_done_on(file, "daily-routine", date(2026, 3, 3))
    assert not session_done_on(file, "stretch-break", date(2026, 3, 2))  # stopped early


def test_no_log_or_a_broken_log_means_not_done(paths: Paths) -> None:
    assert not session_done_on(paths.history_file, "daily-routine", date(2026, 3, 2))
    assert not paths.history_file.exists()  # only read, never created
    paths.data_dir.mkdir(parents=True)
    paths.history_file.write_bytes(b"not a database at all")
    assert not session_done_on(paths.history_file, "daily-routine", date(2026, 3, 2))
