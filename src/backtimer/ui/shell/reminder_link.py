"""Reminders in the running app: a reminder that came due becomes a desktop notification (or
the tray's message, or a notice in the window), and the answer starts or snoozes the session.

The parts are built in ``app.py`` and handed in: the clock (``ReminderClock``), the notes
thread (``cues.desktop_notes``), the tray (None when the desktop has none). What the notes
thread hears arrives here through queued signals, on the GUI thread. Each missing part is said
once in the window: no notification service (reminders then show in the tray, or failing that
in the window), no tray (reminders then come only while the window is open).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from backtimer.cues.desktop_notes import SNOOZE_LONG, SNOOZE_SHORT, START, DesktopNotes, Note
from backtimer.session.reminders import SNOOZES, Due, Reminder, next_due
from backtimer.ui.common.words import tr
from backtimer.ui.shell.outside_start import bring_to_front, start_from_outside

if TYPE_CHECKING:
    from backtimer.store.settings import Settings
    from backtimer.ui.shell.main_window import MainWindow
    from backtimer.ui.shell.reminder_clock import ReminderClock
    from backtimer.ui.shell.tray import Tray

DoneToday = Callable[[str, date], bool]  # (session id, local day) -> done; off the GUI thread
KEPT = 20  # notifications remembered for their answers; older ones are forgotten


class ReminderLink(QObject):
    """Wires reminders to the window; ``heard_action``/``heard_failure``/``heard_shown`` may be
    called from any thread.

    Signals:
        shown(str): a notification was shown (its key); tests wait for it.
    """

    shown = Signal(str)
    _acted = Signal(str, str)
    _failed = Signal(str, str)

    def __init__(self, window: MainWindow, clock: ReminderClock, notes: DesktopNotes,
                 tray: Tray | None, *, zone: tzinfo, done_today: DoneToday,
                 start: Callable[[MainWindow, str], object] = start_from_outside) -> None:
        super().__init__(window)
        self.window = window
        self.clock = clock
        self.notes = notes
        self.tray = tray
        self.zone = zone
        self.done_today = done_today
        self.start = start
        self._waiting: dict[str, Due] = {}  # key -> the reminder a notification is about
        self._tray_due: Due | None = None
        self._service_missing = False
        self._acted.connect(self._act)
        self._failed.connect(self._fall_back)
        clock.came_due.connect(self.deliver)
        window.settings_changed.connect(self.settings_changed)
        window.keep_running = self._keep_running

    # -- from the notes thread -----------------------------------------------------------------

    def heard_action(self, key: str, action: str) -> None:
        self._acted.emit(key, action)

    def heard_failure(self, key: str, reason: str) -> None:
        self._failed.emit(key, reason)

    def heard_shown(self, key: str) -> None:
        self.shown.emit(key)

    # -- on the GUI thread ---------------------------------------------------------------------

    def begin(self) -> None:
        """Say what is missing (once), then start the clock (this morning's missed one)."""
        self._say_no_tray(self.window.settings)
        self._say_unknown_sessions(self.window.settings)
        self.refresh()
        self.clock.start()

    def deliver(self, due: Due) -> None:
        """Send the notification for ``due`` (unless its session is done today)."""
        key = f"{due.reminder.session}@{due.at.isoformat()}"
        self._waiting[key] = due
        while len(self._waiting) > KEPT:
            self._waiting.pop(next(iter(self._waiting)))
        title, body = self.words(due)
        session, day = due.reminder.session, due.at.astimezone(self.zone).date()
        done_today = self.done_today
        self.notes.notify(Note(key, title, body, tr("Start"), tr("Snooze 10 min"),
                               tr("Snooze 1 h")),
                          lambda: not done_today(session, day))
        self.refresh()

    def words(self, due: Due) -> tuple[str, str]:
        """The notification's title and text."""
        title = tr("Time for “{title}”").format(title=self.session_title(due.reminder.session))
        if due.missed:
            body = tr("Your {time} reminder came while the computer was asleep or off.")
        else:
            body = tr("Your {time} reminder. Start now, or snooze it.")
        return title, body.format(time=due.reminder.time_text())

    def session_title(self, session_id: str) -> str:
        entry = self.window.library.entries.get(session_id)
        return entry.session.title if entry is not None and entry.session is not None \
            else session_id

    def settings_changed(self, settings: Settings) -> None:
        self.clock.replace_reminders(settings.reminders)
        self._say_no_tray(settings)
        self.refresh()

    def refresh(self) -> None:
        """The tray's menu: today's session, the next reminder, show or hide."""
        if self.tray is None:
            return
        today = self.todays_session()
        self.tray.set_start(self.session_title(today) if today else None)
        self.tray.set_next(self.next_text())
        self.tray.set_window_shown(self.window.isVisible())

    def todays_session(self) -> str | None:
        """The session of today's first reminder; else the one last started."""
        now = self.clock.now().astimezone(self.zone)
        todays = sorted((r for r in self.clock.scheduler.reminders
                         if now.weekday() in r.days), key=lambda r: r.at)
        if todays:
            return todays[0].session
        return self.window.settings.last_session or None

    def next_text(self) -> str:
        upcoming = self.clock.next_due()
        if upcoming is None:
            return tr("No reminders")
        reminder = self._reminder_at(upcoming)
        when = upcoming.astimezone(self.zone).strftime("%a %H:%M")
        if reminder is None:
            return tr("Next reminder: {when}").format(when=when)
        return tr("Next reminder: {when}, {title}").format(
            when=when, title=self.session_title(reminder.session))

    def start_today(self) -> None:
        """The tray's "Start …" entry."""
        session = self.todays_session()
        if session is not None:
            self.start(self.window, session)

    def toggle_window(self) -> None:
        if self.window.isVisible() and not self.window.isMinimized():
            self.window.hide_to_tray()
        else:
            bring_to_front(self.window)
        self.refresh()

    def tray_message_clicked(self) -> None:
        due, self._tray_due = self._tray_due, None
        if due is not None:
            self.start(self.window, due.reminder.session)

    def _act(self, key: str, action: str) -> None:
        due = self._waiting.pop(key, None)
        if due is None:
            return
        if action == START:
            self.start(self.window, due.reminder.session)
        elif action in (SNOOZE_SHORT, SNOOZE_LONG):
            self.clock.snooze(due.reminder, SNOOZES[0 if action == SNOOZE_SHORT else 1])
            self.refresh()

    def _fall_back(self, key: str, reason: str) -> None:
        """No notification service: the tray's message, else a notice in the window."""
        due = self._waiting.pop(key, None)
        if not self._service_missing:
            self._service_missing = True
            where = tr("in the tray") if self.tray is not None else tr("in this window")
            self.window.notice_bar_notify(tr(
                "Desktop notifications are not available ({reason}); reminders show {where} "
                "instead.").format(reason=reason, where=where))
        if due is None:
            return
        title, body = self.words(due)
        if self.tray is not None:
            self._tray_due = due
            self.tray.show_message(title, body + " " + tr("Click here to start."))
            return
        day = due.at.astimezone(self.zone).strftime("%a %d %b")
        self.window.notice_bar_notify(tr("Reminder ({day}, {time}): {title}. Pick it on the "
                                         "start screen and press Start.").format(
            day=day, time=due.reminder.time_text(),
            title=self.session_title(due.reminder.session)))

    def _say_unknown_sessions(self, settings: Settings) -> None:
        """Reminders in settings.yaml for a session the library does not have (a typo, a
        session removed since): said once, with their lines; they are kept (the session may
        come back) and say the same when they come due."""
        unknown = [r for r in settings.reminders if r.session not in self.window.library.entries]
        if not unknown:
            return
        file = self.window.paths.settings_file if self.window.paths else "settings.yaml"
        lines = [tr("These reminders are for sessions that are not in your library; change "
                    "them in Settings ▸ Reminders:")]
        for reminder in unknown[:5]:
            where = f"{file}:{reminder.line}: " if reminder.line else ""
            lines.append(f"  {where}{reminder.time_text()} {reminder.days_text()}: "
                         f"“{reminder.session}”")
        if len(unknown) > 5:
            lines.append("  " + tr("and {count} more").format(count=len(unknown) - 5))
        self.window.notice_bar_notify("\n".join(lines))

    def _say_no_tray(self, settings: Settings) -> None:
        if self.tray is None and settings.reminders:
            self.window.notice_bar_notify(tr(
                "There is no system tray on this desktop: reminders come only while this "
                "window is open."))

    def close(self) -> None:
        """The app ends: the notes thread stops, the tray icon goes."""
        self.notes.close()
        if self.tray is not None:
            self.tray.close()

    def _keep_running(self) -> bool:
        """Closing the window hides it to the tray (the setting, and only with a tray)."""
        return self.tray is not None and self.window.settings.keep_in_tray

    def _reminder_at(self, moment: datetime) -> Reminder | None:
        for reminder, until in self.clock.scheduler.snoozed.items():
            if until == moment:
                return reminder
        found = next_due(self.clock.scheduler.reminders, self.clock.now(), self.zone)
        return found[1] if found is not None and found[0] == moment else None
