"""The ``reminders:`` list of ``settings.yaml``: read, checked one reminder at a time, written.

The other settings are single values; this one is a list of small mappings, so it has its own
reader. A reminder that is wrong (a time like ``7.30``, a day like ``monday``, an unknown key)
is reported with its line and left out; the good ones are kept, so one typo never silences
every reminder. A reminder written twice is said too (and used once). While the file has such a
problem, ``store.settings`` does not write it (writing would drop the reminder the person
meant). A problem quotes at most a few dozen characters of what was written, whatever its
size. ``salvage`` finds the list in a file that cannot be read as a whole (a YAML typo
elsewhere, or far too many reminders), reading just the start of the ``reminders:`` block,
with its real line numbers.

In the file::

    reminders:
      - {time: "07:30", days: mon-fri, session: daily-routine}
      - time: "18:00"
        days: [sat, sun]
        session: stretch-break
"""

from __future__ import annotations

import re
from typing import Any

from backtimer.session.fields import ID_PATTERN
from backtimer.session.problems import Problem, ProblemsError
from backtimer.session.reminders import DAY_NAMES, Reminder, parse_days, parse_time
from backtimer.session.shown import shown_value
from backtimer.session.yamltext import Located, read_yaml_file

KEY = "reminders"
MAX_REMINDERS = 50
_FIELDS = ("time", "days", "session")
_BLOCK_START = re.compile(r"^reminders[ \t]*:")
_BLOCK_LINE = re.compile(r"^([ \t]|-|#|$)")  # inside the block: indented, a dash, a comment
_ITEM_START = re.compile(r"^[ \t]*-")
SAME_AS = "the same reminder as on line"  # a problem that loses nothing when the file is written
SALVAGED_LINES = 1000  # of a broken file's block, only this many lines are read again
LONGEST_ID = 200


def read_reminders(file: str, entry: Located) -> tuple[tuple[Reminder, ...], list[Problem]]:
    """The valid reminders in ``entry`` (the value of ``reminders:``) and a problem for each
    one that was left out."""
    if entry.value is None:
        return (), []
    if not isinstance(entry.value, list):
        return (), [Problem(file, entry.line, "expected a list of reminders (- time: ...)",
                            field=KEY)]
    reminders: list[Reminder] = []
    first_line: dict[Reminder, int] = {}
    problems: list[Problem] = []
    for item in entry.value:
        reminder, problem = _one(file, item)
        if problem is not None:
            problems.append(problem)
        elif reminder is not None and reminder in first_line:
            problems.append(Problem(file, item.line, f"{SAME_AS} {first_line[reminder]}; it is "
                                    "used once", field=KEY))
        elif reminder is not None:
            first_line[reminder] = item.line
            reminders.append(reminder)
    if len(reminders) > MAX_REMINDERS:
        problems.append(Problem(file, entry.line, f"more than {MAX_REMINDERS} reminders; "
                                f"the first {MAX_REMINDERS} are used", field=KEY))
        reminders = reminders[:MAX_REMINDERS]
    return tuple(reminders), problems


def keeps_file(problem: Problem) -> bool:
    """Whether ``problem`` (of ``read_reminders``) must keep the file from being written:
    writing would drop a reminder the person wrote (a typo, one past the limit). A reminder
    written twice loses nothing."""
    return (problem.field or "").startswith(KEY) and not problem.message.startswith(SAME_AS)


def _one(file: str, item: Located) -> tuple[Reminder | None, Problem | None]:
    def problem(message: str, line: int = item.line, name: str = KEY) -> Problem:
        return Problem(file, line, message, field=name)

    if not isinstance(item.value, dict):
        return None, problem("each reminder is time:, days: and session:")
    values: dict[str, Located] = item.value
    for key, value in values.items():
        if key not in _FIELDS:
            return None, problem("unknown key in a reminder; use time, days and session",
                                 value.line, f"{KEY}: {key}")
    for key in _FIELDS:
        if key not in values:
            return None, problem(f"a reminder needs {key}:", item.line, f"{KEY}: {key}")
    time_entry, days_entry, session_entry = (values[key] for key in _FIELDS)
    at = parse_time(time_entry.value) if isinstance(time_entry.value, str) else None
    if at is None:
        return None, problem(f"expected a time like \"07:30\", not {shown_value(time_entry.value)}",
                             time_entry.line, f"{KEY}: time")
    days = _days(days_entry.value)
    if isinstance(days, str):
        return None, problem(days, days_entry.line, f"{KEY}: days")
    session = session_entry.value
    if not isinstance(session, str) or not ID_PATTERN.match(session):
        return None, problem("expected a session id (lowercase-with-dashes)",
                             session_entry.line, f"{KEY}: session")
    if len(session) > LONGEST_ID:  # like any text setting: never a novel in the window
        return None, problem(f"a session id is at most {LONGEST_ID} characters",
                             session_entry.line, f"{KEY}: session")
    return Reminder(at, days, session, line=item.line), None


def _days(value: Any) -> frozenset[int] | str:
    if isinstance(value, str):
        return parse_days(value)
    if isinstance(value, list) and all(isinstance(v.value, str) for v in value):
        return parse_days([v.value for v in value])
    return f"expected days like mon-fri or [{', '.join(DAY_NAMES[:2])}]"


def reminders_data(reminders: tuple[Reminder, ...]) -> list[dict[str, str]]:
    """The reminders as ``settings.yaml`` keeps them (what ``read_reminders`` reads back)."""
    return [{"time": r.time_text(), "days": r.days_text(), "session": r.session}
            for r in reminders]


def salvage(file: str, text: str) -> Located | None:
    """The ``reminders:`` block of a file that cannot be read as a whole, read on its own
    (its lines keep their numbers); None when it is not there or cannot be read either."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if _BLOCK_START.match(line)), None)
    if start is None:
        return None
    end = start + 1
    while end < len(lines) and _BLOCK_LINE.match(lines[end]):
        end += 1
    if end - start > SALVAGED_LINES:  # thousands of reminders: the first ones, whole
        end = next((i for i in range(start + SALVAGED_LINES, start, -1)
                    if _ITEM_START.match(lines[i])), start + 1)
    block = "\n" * start + "\n".join(lines[start:end]) + "\n"
    try:
        located = read_yaml_file(file, block.encode("utf-8"))
    except ProblemsError:
        return None
    found = located.value.get(KEY) if isinstance(located.value, dict) else None
    return found if isinstance(found, Located) else None
