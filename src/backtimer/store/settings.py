"""App-wide preferences, kept in ``settings.yaml`` in the config folder.

Unknown or broken values fall back to defaults one by one (and are reported), so a hand-edited
settings file can never stop the app from starting. The file is read with the same reader and
limits as session files (``session.yamltext``: 1 MB, 20,000 nodes, depth 40), so no file can
make reading it fail with anything but a reported problem.

A file that cannot be read as a whole (a YAML typo, too large, too deep, not text) is never
overwritten: ``load_settings`` reports it as ``unreadable`` and uses the values it can still
find line by line, and ``save_settings`` checks the file again right before writing and raises
``SettingsUnreadableError`` instead of replacing it. The same goes for a file with a reminder
that is wrong (``store.settings_reminders.keeps_file``): writing would drop it. Saving is
atomic.
"""

from __future__ import annotations

import errno
import re
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

import yaml

from backtimer.session.model import DEFAULT_PREPARE
from backtimer.session.problems import Problem, ProblemsError
from backtimer.session.reminders import Reminder
from backtimer.session.shown import shown_value
from backtimer.session.yamltext import MAX_BYTES, Located, read_yaml_file
from backtimer.store.atomic import write_atomic
from backtimer.store.reading import UnreadableFileError, read_bytes_limited
from backtimer.store.settings_reminders import KEY as REMINDERS
from backtimer.store.settings_reminders import (
    keeps_file,
    read_reminders,
    reminders_data,
    salvage,
)


@dataclass(frozen=True)
class Settings:
    """Preferences; each field's default is what a new user gets."""

    default_prepare: float = DEFAULT_PREPARE  # get-ready time when a session sets none
    sounds: bool = True
    soft_sounds: bool = False  # the low, quiet set of cues for early mornings
    volume: float = 0.8  # 0.0 to 1.0
    voice: bool = True
    flash: bool = True  # a brief colour flash of the window at every change of step
    keep_awake: bool = True
    safety_acknowledged: bool = False  # the safety note was shown before a first session
    reduce_motion: bool = False  # exercise figures hold their key pose instead of moving
    last_session: str = ""  # id of the session last started; the start screen opens on it
    weekly_goal: int = 4  # days a week the person aims to exercise (1 to 7)
    voice_name: str = ""  # the speech engine's voice to use; empty is the engine's default
    autostart: bool = False  # start BackTimer (in the tray) when the person logs in
    keep_in_tray: bool = False  # closing the window keeps BackTimer running in the tray
    # Times to be reminded of a session (``store.settings_reminders`` reads and checks them).
    reminders: tuple[Reminder, ...] = ()

    def with_changes(self, **changes: Any) -> Settings:
        return replace(self, **changes)


_LIMITS: dict[str, tuple[float, float]] = {
    "default_prepare": (0.0, 300.0), "volume": (0.0, 1.0), "weekly_goal": (1, 7)}
_LONGEST_TEXT = 200  # a text setting (an id, a voice's name) is never longer
_KNOWN = {f.name for f in fields(Settings)}
_TYPE_WORDS = {float: "a number", bool: "true or false", int: "a whole number", str: "text"}
# One ``key: value`` line, for reading what can still be read from a broken file. Indented
# lines count too: a badly indented line is the typo this is for, and settings are flat.
_LINE = re.compile(r"^[ \t]*([A-Za-z_]+)[ \t]*:(.*)$")
_LONGEST_LINE = 200  # no valid setting is longer: a longer line is not parsed again on its own


@dataclass(frozen=True)
class LoadedSettings:
    """The settings to use, what was wrong with single values, and whether the file is broken.

    ``problems``: values that were ignored (unknown key, wrong type, out of range); each such
    setting keeps its default. ``unreadable``: the file as a whole could not be read (with the
    line at fault); the values that could still be read are in ``settings``, and the file must
    not be overwritten (``save_settings`` refuses to) until the person has fixed it.
    """

    settings: Settings
    problems: tuple[Problem, ...] = ()
    unreadable: Problem | None = None


class SettingsUnreadableError(Exception):
    """Saving was refused: the settings file on disk cannot be read, and is kept as it is."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def load_settings(path: Path) -> LoadedSettings:
    """Read settings; a missing file gives the defaults, a broken value its default."""
    try:
        entries = _read_entries(path)
    except FileNotFoundError:
        return LoadedSettings(Settings())
    except _Unreadable as broken:
        values, problems = _check_values(path, broken.salvaged)
        # The file exists, so the person has used BackTimer before; a file that could not be
        # read must not bring back the first-run safety question unless it says so itself.
        values.setdefault("safety_acknowledged", True)
        return LoadedSettings(replace(Settings(), **values), tuple(problems), broken.problem)
    values, problems = _check_values(path, entries)
    return LoadedSettings(replace(Settings(), **values), tuple(problems))


def save_settings(path: Path, settings: Settings) -> None:
    """Write all settings atomically, unless the file there now cannot be read.

    Raises ``SettingsUnreadableError`` (nothing written) when the file on disk is broken, so
    that what the person wrote is never replaced, and OSError (disk full, read-only folder)
    with the old file intact.
    """
    try:
        entries = _read_entries(path)
    except FileNotFoundError:
        entries = {}
    except _Unreadable as broken:
        raise SettingsUnreadableError(broken.problem) from None
    if REMINDERS in entries:  # a reminder with a typo would be lost: kept until it is fixed
        _, wrong = read_reminders(str(path), entries[REMINDERS])
        blocking = [problem for problem in wrong if keeps_file(problem)]
        if blocking:
            raise SettingsUnreadableError(blocking[0])
    text = "# BackTimer settings. Written by the app; edits are kept if they are valid.\n"
    data = asdict(settings)
    data[REMINDERS] = reminders_data(settings.reminders)
    text += yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    write_atomic(path, text.encode("utf-8"))


class _Unreadable(Exception):
    """The file cannot be read as a whole; ``salvaged`` holds the lines that still could be."""

    def __init__(self, problem: Problem, salvaged: dict[str, Located] | None = None) -> None:
        super().__init__(str(problem))
        self.problem = problem
        self.salvaged = salvaged or {}


def _read_entries(path: Path) -> dict[str, Located]:
    """The file's ``key: value`` entries; FileNotFoundError, or _Unreadable naming the line."""
    name = str(path)
    data = _read_bounded(path)
    if _blank(data):
        return {}
    try:
        located = read_yaml_file(name, data)
    except ProblemsError as error:
        raise _Unreadable(error.problems[0], _salvage(name, data)) from None
    if not isinstance(located.value, dict):
        raise _Unreadable(Problem(name, located.line, "expected key: value lines"))
    entries: dict[str, Located] = located.value
    return entries


def _read_bounded(path: Path) -> bytes:
    """At most MAX_BYTES + 1 bytes of a regular file, never waiting on a FIFO or a device
    (``store.reading``, as for every other file); a missing file raises FileNotFoundError."""
    try:
        return read_bytes_limited(path, MAX_BYTES)
    except UnreadableFileError as error:
        if error.errno == errno.ENOENT and not path.is_symlink():
            raise FileNotFoundError(errno.ENOENT, "no settings file yet", str(path)) from None
        raise _Unreadable(_whole_file(path, error.reason)) from None


def _whole_file(path: Path, reason: str) -> Problem:
    return Problem(str(path), 1, reason)


def _blank(data: bytes) -> bool:
    """Nothing but white space and comments: the defaults, as for a missing file."""
    return all(not line.strip() or line.lstrip().startswith(b"#") for line in data.splitlines())


def _salvage(name: str, data: bytes) -> dict[str, Located]:
    """The known settings that can still be read one line at a time from a broken file.

    Each candidate line goes through the same reader on its own; the first readable line of
    each setting wins, and at most one short line per setting is parsed, so this stays cheap.
    The reminders are a block of lines, read as one (``settings_reminders.salvage``).
    """
    found: dict[str, Located] = {}
    text = data.decode("utf-8", errors="replace")
    for number, line in enumerate(text.splitlines(), 1):
        match = _LINE.match(line) if len(line) <= _LONGEST_LINE else None
        if match is None or match[1] not in _KNOWN or match[1] in found or match[1] == REMINDERS:
            continue
        key = match[1]
        try:
            located = read_yaml_file(name, f"{key}:{match[2]}".encode())
        except ProblemsError:
            continue
        entry = located.value.get(key) if isinstance(located.value, dict) else None
        if entry is not None:
            found[key] = Located(entry.value, number)
    block = salvage(name, text)
    if block is not None:
        found[REMINDERS] = block
    return found


def _check_values(path: Path, entries: dict[str, Located]) -> tuple[dict[str, Any], list[Problem]]:
    """The valid values by name, and a problem for each entry that was ignored."""
    defaults = Settings()
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for key, entry in entries.items():
        value = entry.value
        if key not in _KNOWN:
            problems.append(Problem(str(path), entry.line, "unknown setting", field=key))
            continue
        if key == REMINDERS:
            values[key], wrong = read_reminders(str(path), entry)
            problems += wrong
            continue
        expected = type(getattr(defaults, key))
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, expected) or (expected in (float, int)
                                                and isinstance(value, bool)):
            message = f"expected {_TYPE_WORDS[expected]}, not {shown_value(entry.value)}"
            problems.append(Problem(str(path), entry.line, message, field=key))
            continue
        if expected is str and len(value) > _LONGEST_TEXT:
            message = f"longer than {_LONGEST_TEXT} characters"
            problems.append(Problem(str(path), entry.line, message, field=key))
            continue
        low_high = _LIMITS.get(key)
        if low_high and not low_high[0] <= value <= low_high[1]:
            message = (f"must be from {low_high[0]:g} to {low_high[1]:g}, "
                       f"not {shown_value(entry.value)}")
            problems.append(Problem(str(path), entry.line, message, field=key))
            continue
        values[key] = value
    return values, problems
