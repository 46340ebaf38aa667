"""The history on a full disk or in a read-only folder says which, in words a person can act on
(SQLite's own were "unable to open database file" and "database or disk is full"), and the
entry is kept to be saved again. The read-only folder is an OSError injected beside the real
open (a read-only mount needs root); the full disk is SQLite's own, made by capping the file's
pages."""

from __future__ import annotations

import errno
import os
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from backtimer.store import history as history_module
from backtimer.store.history import EntryStatus, HistoryEntry, HistoryLog, HistoryUnavailable
from backtimer.store.paths import Paths
from backtimer.ui.common.words import history_unavailable_text


def entry(uid: str) -> HistoryEntry:
    start = datetime(2026, 3, 2, 7, 30, tzinfo=UTC)
    return HistoryEntry(
        uid=uid, session_id="daily-routine", title="Daily routine", started=start,
        ended=start + timedelta(minutes=12), planned_seconds=720.0, done_seconds=700.0,
        steps_total=40, steps_done=40, steps_skipped=0, status=EntryStatus.COMPLETED,
        progress=1.0, timings='{"items":[]}' + " " * 3000)


def test_a_new_log_in_a_read_only_folder_says_the_folder(
        paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = os.open

    def read_only(path: str | os.PathLike[str], flags: int, *args: int) -> int:
        if flags & os.O_CREAT and Path(path) == paths.history_file:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_open(path, flags, *args)

    paths.data_dir.mkdir(parents=True)
    monkeypatch.setattr(history_module.os, "open", read_only)
    with pytest.raises(HistoryUnavailable) as caught:
        HistoryLog.open(paths.history_file)
    said = history_unavailable_text(caught.value)
    assert f"the folder {paths.data_dir} cannot be written to" in said
    assert "unable to open" not in said
    assert list(paths.data_dir.iterdir()) == []


def test_a_full_disk_says_the_disk_is_full_and_keeps_what_was_saved(paths: Paths) -> None:
    with HistoryLog.open(paths.history_file) as log:
        log.save(entry("first"))
        pages = int(log._db.execute("PRAGMA page_count").fetchone()[0])
        log._db.execute(f"PRAGMA max_page_count = {pages}")  # no room for one page more
        with pytest.raises(HistoryUnavailable) as caught:
            for n in range(200):
                log.save(replace(entry(f"more-{n}"), note="x" * 2000))
        said = history_unavailable_text(caught.value)
        assert "the disk is full" in said and str(paths.history_file) in said
    with HistoryLog.open(paths.history_file) as log:
        assert "first" in {saved.uid for saved in log.entries()}
