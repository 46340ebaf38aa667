"""The history window: figures, chart, table, delete with undo, export, empty and broken logs."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QStyleOptionHeader, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from backtimer.store.history import (
    EntryStatus,
    HistoryEntry,
    HistoryLog,
    HistoryUnavailable,
    Unavailable,
)
from backtimer.store.paths import Paths
from backtimer.ui.history.history_model import (
    COL_PAIN,
    COL_RESULT,
    COL_SESSION,
    COL_TIME,
    COL_WHEN,
    HistoryTableModel,
)
from backtimer.ui.history.history_view import HistoryView
from tests.helpers import digest, foreign_database

# The offscreen platform says this whenever a shown top-level window has a minimum size.
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

TODAY = date(2025, 3, 5)  # a Wednesday


def entry(uid: str, day: date, *, minutes: float = 10.0, title: str = "Daily routine",
          status: EntryStatus = EntryStatus.COMPLETED, progress: float = 1.0,
          pain: tuple[int | None, int | None] = (None, None)) -> HistoryEntry:
    start = datetime(day.year, day.month, day.day, 12, 0, tzinfo=UTC)
    return HistoryEntry(
        uid=uid, session_id="s", title=title, started=start,
        ended=start + timedelta(minutes=minutes), planned_seconds=600.0,
        done_seconds=minutes * 60, steps_total=10, steps_done=10, steps_skipped=0,
        status=status, progress=progress, pain_before=pain[0], pain_after=pain[1],
        local_date=day,
    )


@pytest.fixture
def log(paths: Paths) -> Iterator[HistoryLog]:
    opened = HistoryLog.open(paths.history_file, tz=UTC)
    yield opened
    opened.close()


def view_of(qtbot: QtBot, log: HistoryLog | None, **kwargs: object) -> HistoryView:
    view = HistoryView(log, today=lambda: TODAY, tz=UTC, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    settle(qtbot, view)
    return view


def settle(qtbot: QtBot, view: HistoryView) -> None:
    """Wait until the view's reads and writes (on its worker thread) have all come back."""
    qtbot.waitUntil(lambda: not view.busy)


def shown(view: HistoryView) -> list[list[str]]:
    proxy = view.proxy
    return [
        [str(proxy.index(row, column).data()) for column in range(proxy.columnCount())]
        for row in range(proxy.rowCount())
    ]


def test_an_empty_history_shows_a_first_run_message_not_a_grid(
    qtbot: QtBot, log: HistoryLog
) -> None:
    view = view_of(qtbot, log)
    assert view.pages.currentWidget() is view.empty_page
    texts = " ".join(label.text() for label in view.empty_page.findChildren(type(view.notice)))
    assert "first session" in texts


def test_figures_chart_and_table_come_from_the_log(qtbot: QtBot, log: HistoryLog) -> None:
    log.save_many([
        entry("a", date(2025, 3, 3), minutes=20, pain=(6, 4)),  # Monday this week
        entry("b", date(2025, 3, 4), minutes=15, pain=(5, 2), status=EntryStatus.STOPPED,
              progress=0.6),
        entry("c", date(2025, 3, 5), minutes=5),
        entry("d", date(2025, 2, 20), minutes=30),  # two weeks back
        entry("e", date(2025, 2, 21), minutes=30),
        entry("f", date(2025, 2, 22), minutes=30),
        entry("g", date(2025, 2, 23), minutes=30),
    ])
    view = view_of(qtbot, log)
    assert view.pages.currentWidget() is view.main_page
    assert view.current_streak.value.text() == "3"
    assert "best streak 4 days" in view.summary.text()
    assert view.week_minutes.value.text() == "40"
    assert view.summary.text().startswith("7 sessions logged")
    assert view.week_goal.value.text() == "3 of 4"  # Monday to Wednesday, the default goal
    assert view.goal_streak.value.text() == "0"  # 4 days in the week of 17 Feb, none after
    view.set_weekly_goal(3)
    assert view.week_goal.value.text() == "3 of 3"
    assert view.goal_streak.value.text() == "1"  # met this week
    weeks = view.chart.weeks()
    assert len(weeks) == 12 and weeks[-1].week_start == date(2025, 3, 3)
    assert [w.minutes for w in weeks[-3:]] == [120.0, 0.0, 40.0]
    assert weeks[-1].pain == 3.0 and weeks[-3].pain is None
    rows = shown(view)
    assert rows[0][COL_WHEN].endswith("5 Mar 2025, 12:00")  # newest first, local time
    assert rows[1][COL_RESULT] == "Stopped at 60%"
    assert rows[1][COL_PAIN] == "5 → 2"
    assert rows[1][COL_TIME] == "15 min"


def test_clicking_a_header_sorts_the_table(qtbot: QtBot, log: HistoryLog) -> None:
    log.save_many([
        entry("a", date(2025, 3, 1), minutes=12, title="Stretches"),
        entry("b", date(2025, 3, 2), minutes=30, title="core strength"),
        entry("c", date(2025, 3, 3), minutes=3, title="Bird dog"),
    ])
    view = view_of(qtbot, log)
    view.table.sortByColumn(COL_SESSION, Qt.SortOrder.AscendingOrder)
    settle(qtbot, view)
    assert [row[COL_SESSION] for row in shown(view)] == ["Bird dog", "core strength",
                                                         "Stretches"]
    view.table.sortByColumn(COL_TIME, Qt.SortOrder.DescendingOrder)
    settle(qtbot, view)
    assert [row[COL_TIME] for row in shown(view)] == ["30 min", "12 min", "3 min"]


def test_delete_removes_the_entry_from_the_log_and_undo_brings_it_back(
    qtbot: QtBot, log: HistoryLog
) -> None:
    log.save_many([entry("old", date(2025, 3, 1)), entry("new", date(2025, 3, 2))])
    view = view_of(qtbot, log)
    view.select_row(0)
    assert view.delete_button.isEnabled()
    qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    settle(qtbot, view)
    assert [e.uid for e in log.entries()] == ["old"]
    assert view.summary.text().startswith("1 session logged")
    assert view.undo_button.isVisibleTo(view)
    qtbot.mouseClick(view.undo_button, Qt.MouseButton.LeftButton)
    settle(qtbot, view)
    assert [e.uid for e in log.entries()] == ["new", "old"]
    assert len(shown(view)) == 2 and not view.undo_button.isVisibleTo(view)


def test_deleting_the_last_entry_shows_the_first_run_page(qtbot: QtBot, log: HistoryLog) -> None:
    log.save(entry("only", date(2025, 3, 1)))
    view = view_of(qtbot, log)
    view.select_row(0)
    view.delete_selected()
    settle(qtbot, view)
    assert view.pages.currentWidget() is view.empty_page


def test_export_writes_every_entry_to_the_chosen_file(
    qtbot: QtBot, log: HistoryLog, tmp_path: Path
) -> None:
    log.save_many([entry("a", date(2025, 3, 1), pain=(3, 1)), entry("b", date(2025, 3, 2))])
    target = tmp_path / "out.csv"
    asked: list[str] = []

    def choose(parent: QWidget, suggested: str) -> Path:
        asked.append(suggested)
        return target

    view = view_of(qtbot, log, choose_csv_path=choose)
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    settle(qtbot, view)
    assert "Exported 2 sessions" in view.notice.text()
    assert asked == ["backtimer-history-2025-03-05.csv"]
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["uid"] for row in rows] == ["b", "a"]
    assert rows[1]["started_utc"] == "2025-03-01T12:00:00Z" and rows[1]["pain_before"] == "3"


@pytest.mark.parametrize("fault", ["fifo", "disk full"])
def test_a_failed_export_says_why_and_leaves_the_file_there_as_it_was(
    qtbot: QtBot, log: HistoryLog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    """A FIFO chosen as the target held the history's worker for ever (every later read and
    save waited behind it); a disk that filled midway left a torn CSV where last month's
    export was. Now the export is written whole or not at all."""
    import errno
    import os

    from backtimer.ui.history import history_view

    log.save_many([entry("a", date(2025, 3, 1)), entry("b", date(2025, 3, 2))])
    target = tmp_path / "out.csv"
    if fault == "fifo":
        os.mkfifo(target)
    else:
        target.write_text("last month's export\n", encoding="utf-8")
        real = history_view.write_csv

        def filling(entries: object, out: object) -> int:
            real(entries, out)  # type: ignore[arg-type]
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(history_view, "write_csv", filling)
    view = view_of(qtbot, log, choose_csv_path=lambda parent, suggested: target)
    view.export_csv()
    settle(qtbot, view)
    said = view.notice.text()
    assert f"The export to {target} failed" in said and "Nothing was changed" in said
    assert ("pipe (FIFO)" if fault == "fifo" else "disk is full") in said
    if fault == "disk full":
        assert target.read_text(encoding="utf-8") == "last month's export\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []
    view.reload()  # the worker is free: the history still reads
    settle(qtbot, view)
    assert view.model.rowCount() == 2


def test_cancelling_the_export_writes_nothing(qtbot: QtBot, log: HistoryLog) -> None:
    log.save(entry("a", date(2025, 3, 1)))
    view = view_of(qtbot, log, choose_csv_path=lambda parent, suggested: None)
    assert view.export_csv() is None
    assert not view.notice.isVisibleTo(view)


def test_a_log_that_could_not_be_opened_is_explained(qtbot: QtBot, paths: Paths) -> None:
    damaged = HistoryUnavailable(Unavailable.CORRUPT, paths.history_file)
    view = view_of(qtbot, None, unavailable=damaged)
    assert view.pages.currentWidget() is view.unavailable_page
    texts = [label.text() for label in view.unavailable_page.findChildren(type(view.notice))]
    assert any(f"The history file {paths.history_file} is damaged." in text for text in texts)


def test_open_window_reports_a_damaged_file_and_leaves_it(qtbot: QtBot, paths: Paths) -> None:
    paths.data_dir.mkdir(parents=True)
    paths.history_file.write_bytes(b"garbage" * 100)
    view = HistoryView.open_window(paths)
    qtbot.addWidget(view)
    settle(qtbot, view)
    assert view.pages.currentWidget() is view.unavailable_page
    assert paths.history_file.read_bytes() == b"garbage" * 100


def test_the_table_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = HistoryTableModel(tz=UTC)
    with HistoryLog.open(Paths.from_environment().history_file) as log:
        log.save_many([entry(f"e{n}", date(2025, 1, 1) + timedelta(days=n),
                             pain=(n % 11, None)) for n in range(30)])
        model.set_rows(log.table_rows())
    qtmodeltester.check(model)
    model.sort(COL_PAIN, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.data(QModelIndex()) is None


def test_the_proxy_passes_the_model_tester_and_keeps_the_selection_when_sorting(
    qtbot: QtBot, log: HistoryLog, qtmodeltester: ModelTester
) -> None:
    log.save_many([entry(f"e{n}", date(2025, 1, 1) + timedelta(days=n), minutes=n + 1)
                   for n in range(20)])
    view = view_of(qtbot, log)
    qtmodeltester.check(view.proxy)
    view.select_row(0)  # the newest: e19, 20 minutes
    view.table.sortByColumn(COL_TIME, Qt.SortOrder.AscendingOrder)
    settle(qtbot, view)
    assert view.selected_uids() == ["e19"]
    assert view.table.selectionModel().selectedRows()[0].row() == 19


def test_a_row_with_a_bad_date_is_shown_as_unreadable_and_not_counted(
    qtbot: QtBot, log: HistoryLog
) -> None:
    log.save_many([entry("a", date(2025, 3, 4)), entry("b", date(2025, 3, 5), minutes=30),
                   entry("c", date(2025, 3, 3))])
    log._db.execute("UPDATE entries SET started_utc = '2026-12-01 7am' WHERE uid = 'b'")
    view = view_of(qtbot, log)
    view.grab()  # a full paint: every cell's text, which used to raise on every paint
    rows = shown(view)
    [bad] = [row for row in rows if row[COL_RESULT] == "Unreadable"]
    assert bad[COL_WHEN] == "2026-12-01 7am" and bad[COL_TIME] == "–"
    assert view.summary.text().startswith("2 sessions logged")
    assert view.week_minutes.value.text() == "20"  # not the bad row's 30 minutes
    assert view.current_streak.value.text() == "2"  # its day (the 5th) is not a streak day
    assert "cannot be read" in view.notice.text()
    view.table.sortByColumn(COL_WHEN, Qt.SortOrder.AscendingOrder)
    settle(qtbot, view)
    view.grab()
    view.select_row([r[COL_RESULT] for r in shown(view)].index("Unreadable"))
    view.delete_selected()  # left as it is: Undo could not give it back
    settle(qtbot, view)
    assert log.count() == 3 and view.undo_strip.isHidden()


def test_an_interrupted_entry_says_so(qtbot: QtBot, log: HistoryLog) -> None:
    log.save(entry("a", TODAY, status=EntryStatus.INTERRUPTED, progress=0.4))
    view = view_of(qtbot, log)
    assert shown(view)[0][COL_RESULT] == "Interrupted at 40%"


def test_another_programs_database_is_explained_and_left_byte_for_byte(
    qtbot: QtBot, paths: Paths
) -> None:
    foreign_database(paths.history_file)
    before = digest(paths.history_file)
    view = HistoryView.open_window(paths)
    qtbot.addWidget(view)
    settle(qtbot, view)
    assert view.pages.currentWidget() is view.unavailable_page
    labels = view.unavailable_page.findChildren(type(view.notice))
    assert "not a BackTimer history" in " ".join(label.text() for label in labels)
    view.close()
    assert digest(paths.history_file) == before


class _ArrowRecorder(QProxyStyle):
    """Notes which way each header sort arrow the style is asked to draw points."""

    def __init__(self) -> None:
        super().__init__()
        self.arrows: list[QStyleOptionHeader.SortIndicator] = []

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption,
                      painter: QPainter, widget: QWidget | None = None) -> None:
        if element is QStyle.PrimitiveElement.PE_IndicatorHeaderArrow:
            assert isinstance(option, QStyleOptionHeader)
            self.arrows.append(option.sortIndicator)
        super().drawPrimitive(element, option, painter, widget)


def test_the_when_arrow_points_down_while_the_newest_is_first(
        qtbot: QtBot, log: HistoryLog) -> None:
    log.save_many([entry("a", date(2025, 3, 1), minutes=12),
                   entry("b", date(2025, 3, 2), minutes=30)])
    view = view_of(qtbot, log)
    assert shown(view)[0][COL_WHEN].endswith("2 Mar 2025, 12:00")  # newest first
    recorder = _ArrowRecorder()
    header = view.table.horizontalHeader()
    header.setStyle(recorder)
    header.grab()
    assert recorder.arrows == [QStyleOptionHeader.SortIndicator.SortDown]
    recorder.arrows.clear()
    view.table.sortByColumn(COL_WHEN, Qt.SortOrder.AscendingOrder)
    settle(qtbot, view)
    recorder.arrows.clear()  # the event loop repainted it meanwhile
    header.grab()
    assert shown(view)[0][COL_WHEN].endswith("1 Mar 2025, 12:00")
    assert recorder.arrows == [QStyleOptionHeader.SortIndicator.SortUp]


def test_the_history_window_opens_within_the_screen(qtbot: QtBot, log: HistoryLog) -> None:
    log.save_many([entry("a", date(2025, 3, 1), minutes=12)])
    view = view_of(qtbot, log)
    screen = view.screen()
    assert screen is not None
    area = screen.availableGeometry()
    assert area.height() < 820 + 40  # asked as it was, it would not fit with its title bar
    assert view.height() + 40 <= area.height() and view.width() <= area.width()
    assert view.delete_button.isVisible()
