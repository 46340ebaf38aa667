"""The reminders' clock: wakes when the next reminder is due and says which came due.

The schedule itself is ``session.reminders`` (pure); this only gives it the time. A QTimer
counts on the monotonic clock, which stands still while the computer sleeps, so the timer is
never trusted to land on the reminder's time: it wakes at the next due time or within
``LONGEST_WAIT`` (whichever is sooner), and each wake asks the schedule what came due by the
wall clock since the last one. A wake after sleep, or after the clocks changed, then finds
what it missed, once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime, timedelta, tzinfo

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from backtimer.session.reminders import Reminder, Scheduler

LONGEST_WAIT = timedelta(seconds=30)  # how late a reminder can be after the computer wakes


class ReminderClock(QObject):
    """Runs a ``Scheduler`` on the wall clock ``now`` (aware datetimes in ``zone``).

    Signals:
        came_due(object): a ``Due`` (one per session, missed ones included).
    """

    came_due = Signal(object)

    def __init__(self, reminders: Sequence[Reminder], zone: tzinfo,
                 now: Callable[[], datetime], parent: QObject | None = None, *,
                 shown: Iterable[str] = (),
                 remember: Callable[[frozenset[str]], None] | None = None) -> None:
        """``shown``: occurrences shown in an earlier run (not shown again); ``remember`` is
        given the shown occurrences whenever one more was shown, to keep them for the next
        run (it must not wait on the disk)."""
        super().__init__(parent)
        self.now = now
        self.remember = remember
        moment = now()
        midnight = moment.astimezone(zone).replace(hour=0, minute=0, second=0, microsecond=0)
        # From the start of today: a reminder missed this morning (the computer was off)
        # comes once now.
        self.scheduler = Scheduler(tuple(reminders), zone, midnight, shown=set(shown))
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse timer may wake early
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        """Check now, then keep checking (the first check may find this morning's reminder)."""
        self.check()

    def check(self) -> None:
        """Report what came due since the last check, and wait for the next one."""
        now = self.now()
        before = len(self.scheduler.shown)
        dues = self.scheduler.check(now)
        if self.remember is not None and len(self.scheduler.shown) != before:
            self.remember(frozenset(self.scheduler.shown))
        for due in dues:
            self.came_due.emit(due)
        self._wait(now)

    def replace_reminders(self, reminders: Sequence[Reminder]) -> None:
        self.scheduler.replace_reminders(reminders)
        self._wait(self.now())

    def snooze(self, reminder: Reminder, delay: timedelta) -> None:
        self.scheduler.snooze(reminder, delay, self.now())
        self._wait(self.now())

    def next_due(self) -> datetime | None:
        """When the next reminder (or snooze) is due, for the tray's menu."""
        return self.scheduler.next_wake(self.now())

    def _wait(self, now: datetime) -> None:
        wake = self.scheduler.next_wake(now)
        if wake is None:  # no reminders: nothing to wake for until some are set
            self.timer.stop()
            return
        wait = min(LONGEST_WAIT, max(timedelta(0), wake.astimezone(UTC) - now.astimezone(UTC)))
        self.timer.start(max(50, round(wait.total_seconds() * 1000)))
