"""The tray's menu and what it does, and the tray's message as the reminders' fallback. The tray
icon is made directly (offscreen has no system tray to show it in; ``tray_available`` says so
and the app then makes none)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot

from backtimer.cues.desktop_notes import DesktopNotes
from backtimer.session.reminders import EVERY_DAY, Due, Reminder
from backtimer.store.paths import Paths
from backtimer.store.settings import Settings
from backtimer.ui.common.icons import app_icon
from backtimer.ui.shell.main_window import MainWindow
from backtimer.ui.shell.reminder_clock import ReminderClock
from backtimer.ui.shell.reminder_link import ReminderLink
from backtimer.ui.shell.tray import Tray, TrayCalls, tray_available
from tests.ui.window_kit import make_window

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints",
                                       "does not support raise", "systemTrayWindowChanged")
BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 3, 2, 6, 0, tzinfo=BERLIN)  # a Monday
MORNING = Reminder(time(7, 30), EVERY_DAY, "daily-routine")


class Parts:
    def __init__(self, window: MainWindow, link: ReminderLink, tray: Tray) -> None:
        self.window, self.link, self.tray = window, link, tray
        self.messages: list[tuple[str, str]] = []
        tray.show_message = lambda title, body: self.messages.append((title, body))  # type: ignore[method-assign]


@pytest.fixture
def parts(qtbot: QtBot, paths: Paths, monkeypatch: pytest.MonkeyPatch) -> Iterator[Parts]:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")  # no service
    window = make_window(paths, settings=Settings(safety_acknowledged=True, keep_in_tray=True,
                                                  reminders=(MORNING,)))
    qtbot.addWidget(window)
    window.show()
    clock = ReminderClock(window.settings.reminders, BERLIN, lambda: NOW, window)
    link: ReminderLink | None = None

    def linked() -> ReminderLink:
        assert link is not None
        return link

    notes = DesktopNotes("BackTimer", on_action=lambda k, a: linked().heard_action(k, a),
                         on_failed=lambda k, r: linked().heard_failure(k, r), timeout=2.0)
    tray = Tray(app_icon(), TrayCalls(
        start=lambda: linked().start_today(), toggle_window=lambda: linked().toggle_window(),
        quit=window.quit_app, message_clicked=lambda: linked().tray_message_clicked(),
        refresh=lambda: linked().refresh()), window)
    link = ReminderLink(window, clock, notes, tray, zone=BERLIN,
                        done_today=lambda _session, _day: False)
    link.begin()
    made = Parts(window, link, tray)
    yield made
    link.close()
    window.quit_app()


def test_the_menu_names_todays_session_and_the_next_reminder(parts: Parts) -> None:
    assert parts.tray.start_action.text() == "Start “Daily back routine”"
    assert parts.tray.next_action.text() == "Next reminder: Mon 07:30, Daily back routine"
    assert not parts.tray.next_action.isEnabled()
    assert parts.tray.window_action.text() == "Hide window"


def test_start_from_the_tray_starts_todays_session(qtbot: QtBot, parts: Parts) -> None:
    parts.tray.start_action.trigger()
    qtbot.waitUntil(parts.window.run.showing_session)
    assert parts.window.run.session is not None
    assert parts.window.run.session.id == "daily-routine"


def test_hide_and_show_keep_it_running_and_quit_ends_it(qtbot: QtBot, parts: Parts) -> None:
    closed: list[bool] = []
    parts.window.closed.connect(lambda: closed.append(True))
    parts.tray.window_action.trigger()
    assert not parts.window.isVisible() and not closed
    parts.link.refresh()
    assert parts.tray.window_action.text() == "Show window"
    parts.tray.window_action.trigger()
    assert parts.window.isVisible()
    parts.tray.quit_action.trigger()
    assert closed == [True]


def test_without_a_notification_service_the_tray_shows_the_reminder(
        qtbot: QtBot, parts: Parts) -> None:
    parts.link.deliver(Due(MORNING, NOW + timedelta(minutes=90)))
    qtbot.waitUntil(lambda: bool(parts.messages), timeout=20_000)
    [(title, body)] = parts.messages
    assert title == "Time for “Daily back routine”" and "Click here to start" in body
    assert any("Desktop notifications are not available" in text and "in the tray" in text
               for text in parts.window.notice_bar.texts())
    parts.tray.icon.messageClicked.emit()
    qtbot.waitUntil(parts.window.run.showing_session)


def test_offscreen_has_no_tray() -> None:
    assert not tray_available()


def test_the_clock_sleeps_without_reminders_and_wakes_when_one_is_set(qtbot: QtBot) -> None:
    clock = ReminderClock((), BERLIN, lambda: NOW)
    clock.start()
    assert not clock.timer.isActive()
    clock.replace_reminders([MORNING])
    assert clock.timer.isActive() and clock.timer.interval() <= 30_000
    assert clock.next_due() == NOW.replace(hour=7, minute=30)


@pytest.mark.parametrize("at_login", [True, False])
def test_started_at_login_with_a_tray_it_goes_straight_to_the_tray(
        qtbot: QtBot, paths: Paths, monkeypatch: pytest.MonkeyPatch, at_login: bool) -> None:
    from PySide6.QtWidgets import QApplication

    from backtimer.app import attach_reminders
    from backtimer.ui.shell import tray as tray_module

    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")  # no service
    monkeypatch.setattr(tray_module, "tray_available", lambda: True)  # as on a desktop
    window = make_window(paths, settings=Settings(safety_acknowledged=True, keep_in_tray=True,
                                                  reminders=(MORNING,)))
    qtbot.addWidget(window)
    window.showMinimized()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    quits_on_close = app.quitOnLastWindowClosed()
    link = attach_reminders(window, paths, now=lambda: NOW, zone=BERLIN, to_tray=at_login)
    try:
        # At login (``--minimized``) the window waits in the tray, not on the task bar; a start
        # by hand shows it as it was asked.
        assert window.isVisible() is not at_login
    finally:
        link.close()
        window.quit_app()
        app.setQuitOnLastWindowClosed(quits_on_close)
