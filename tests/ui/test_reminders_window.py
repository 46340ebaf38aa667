"""Reminders in the window, end to end: a reminder due in two seconds (on a wall clock that
starts just before 07:30) reaches a stand-in notification service on a private session bus,
and clicking it starts the session in the window. Without a service, the window says so once
and shows the reminder itself. Skipped where there is no ``dbus-daemon``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot

from backtimer.app import attach_reminders
from backtimer.session.reminders import EVERY_DAY, Reminder
from backtimer.store.history import HistoryLog
from backtimer.store.paths import Paths
from backtimer.store.settings import Settings
from backtimer.ui.shell.main_window import MainWindow
from backtimer.ui.shell.reminder_link import ReminderLink
from tests.notification_service import Recorder, notification_service, private_bus
from tests.store.test_history import entry
from tests.ui.window_kit import make_window

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints",
                                       "does not support raise")
BERLIN = ZoneInfo("Europe/Berlin")
DUE = datetime(2026, 3, 2, 7, 30, tzinfo=BERLIN)
MORNING = Reminder(time(7, 30), EVERY_DAY, "daily-routine")


@pytest.fixture
def bus(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    try:
        with private_bus() as address:
            monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
            yield address
    except LookupError as missing:
        pytest.skip(str(missing))


def two_seconds_before_due() -> datetime:
    """A wall clock that reads 07:29:58 now and runs at the real pace from there."""
    began = datetime.now(UTC)
    return lambda: DUE - timedelta(seconds=2) + (datetime.now(UTC) - began)  # type: ignore[return-value]


def open_window(qtbot: QtBot, paths: Paths, *reminders: Reminder) -> tuple[MainWindow,
                                                                          ReminderLink]:
    settings = Settings(safety_acknowledged=True, reminders=reminders)
    window = make_window(paths, settings=settings)
    qtbot.addWidget(window)
    window.show()
    link = attach_reminders(window, paths, now=two_seconds_before_due(), zone=BERLIN)
    return window, link


def wait_sent(qtbot: QtBot, service: Recorder, count: int = 1) -> None:
    qtbot.waitUntil(lambda: len(service.sent) >= count, timeout=20_000)


def test_a_reminder_notifies_and_clicking_it_starts_the_session(
        qtbot: QtBot, paths: Paths, bus: str) -> None:
    with notification_service(bus) as service:
        window, link = open_window(qtbot, paths, MORNING)
        try:
            assert not window.run.showing_session()
            with qtbot.waitSignal(link.shown, timeout=20_000):
                pass
            [sent] = service.sent
            assert sent.summary == "Time for “Daily back routine”"
            assert "07:30 reminder" in sent.body
            assert {"Start", "Snooze 10 min", "Snooze 1 h"} <= set(sent.action_keys())
            service.click(sent)
            qtbot.waitUntil(window.run.showing_session, timeout=10_000)
            assert window.run.session is not None
            assert window.run.session.id == "daily-routine"
        finally:
            link.close()
            window.quit_app()


def test_snooze_asks_again_later(qtbot: QtBot, paths: Paths, bus: str) -> None:
    with notification_service(bus) as service:
        window, link = open_window(qtbot, paths, MORNING)
        try:
            with qtbot.waitSignal(link.shown, timeout=20_000):
                pass
            service.click(service.sent[0], "Snooze 1 h")
            qtbot.waitUntil(lambda: bool(link.clock.scheduler.snoozed), timeout=10_000)
            [until] = link.clock.scheduler.snoozed.values()
            assert until - DUE >= timedelta(hours=1)
            assert not window.run.showing_session()
            assert link.next_text().startswith("Next reminder: Mon 08:30")
        finally:
            link.close()
            window.quit_app()


def test_no_reminder_once_todays_session_is_logged(qtbot: QtBot, paths: Paths,
                                                   bus: str) -> None:
    with HistoryLog.open(paths.history_file, tz=BERLIN) as log:
        log.save(entry("done", DUE - timedelta(minutes=40)))  # daily-routine, completed
    other = Reminder(time(7, 30), EVERY_DAY, "stretches")
    with notification_service(bus) as service:
        window, link = open_window(qtbot, paths, MORNING, other)
        try:
            wait_sent(qtbot, service)
            [sent] = service.sent  # daily-routine is done today: only the other one
            assert sent.summary == "Time for “Hip and hamstring stretches”"
        finally:
            link.close()
            window.quit_app()


def test_without_a_notification_service_the_window_shows_the_reminder(
        qtbot: QtBot, paths: Paths, bus: str) -> None:
    window, link = open_window(qtbot, paths, MORNING)
    try:
        qtbot.waitUntil(lambda: any("Reminder (Mon 02 Mar, 07:30)" in text
                                    for text in window.notice_bar.texts()), timeout=30_000)
        texts = "\n".join(window.notice_bar.texts())
        assert "Desktop notifications are not available" in texts
        assert "no system tray" in texts  # offscreen: no tray either, said once
    finally:
        link.close()
        window.quit_app()


def test_closing_the_window_keeps_it_in_the_tray_only_with_a_tray(
        qtbot: QtBot, paths: Paths) -> None:
    window = make_window(paths, settings=Settings(safety_acknowledged=True, keep_in_tray=True))
    qtbot.addWidget(window)
    window.show()
    closed = threading.Event()
    window.closed.connect(closed.set)
    window.keep_running = lambda: True  # what the link answers when there is a tray
    window.close()
    assert not window.isVisible() and not closed.is_set()
    window.quit_app()
    assert closed.is_set()
