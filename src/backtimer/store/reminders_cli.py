"""``backtimer reminders``: the reminders in settings.yaml and when the next one is due.

No Qt. Times are the person's local wall-clock times (``local_zone``); a reminder naming a
session that does not exist is listed with that said, so a typo in settings.yaml is found here
rather than at 07:30.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from typing import TextIO

from backtimer.session.reminders import next_due
from backtimer.store.library import Library
from backtimer.store.settings import LoadedSettings

NONE_YET = ("No reminders. Add them in Settings > Reminders, or as a reminders: list in "
            "settings.yaml (docs/format.md).")


def print_reminders(loaded: LoadedSettings, library: Library, out: TextIO, *,
                    now: datetime, zone: tzinfo) -> int:
    """One line per reminder (time, days, session and its title), then the next one due."""
    reminders = loaded.settings.reminders
    if not reminders:
        out.write(NONE_YET + "\n")
        return 0
    rows = []
    for reminder in reminders:
        entry = library.entries.get(reminder.session)
        if entry is None:
            title = "(no such session)"
        elif entry.session is None:
            title = "(the session cannot be used)"
        else:
            title = entry.session.title
        rows.append((reminder.time_text(), reminder.days_text(), reminder.session, title))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        out.write("  ".join([*cells, row[3]]).rstrip() + "\n")
    upcoming = next_due(reminders, now, zone)
    if upcoming is not None:
        when, reminder = upcoming
        out.write(f"Next: {when.strftime('%a %d %b %H:%M')} ({_in(when - now)}), "
                  f"{reminder.session}\n")
    return 0


def _in(delta: timedelta) -> str:
    """``in 2 h 15 min``, ``in 5 min``, ``in 3 days``."""
    minutes = max(0, round(delta.total_seconds() / 60))
    if minutes >= 48 * 60:
        return f"in {minutes // (24 * 60)} days"
    hours, minutes = divmod(minutes, 60)
    return f"in {hours} h {minutes} min" if hours else f"in {minutes} min"
