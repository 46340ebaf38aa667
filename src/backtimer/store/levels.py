"""The level a person is on in each progression: ``levels.yaml`` in the config folder.

Why a file of its own (issue 12): the level is a choice the person makes (on the start screen,
or by accepting the finish screen's suggestion), not a fact about a past run, so it is not
read back from the history: a suggestion accepted without running again must stick. And
``settings.yaml`` is a flat list of typed preferences that is salvaged line by line when
broken; a mapping that grows with every progression does not belong in it.

The file is one ``session-id: level`` line per progression. Like the settings, it is read
bounded and non-blocking, a value that cannot be used is ignored (level 1 then applies), and a
file that cannot be read as a whole is never overwritten: ``save_level`` raises
``LevelsUnreadableError`` and leaves it as it is. Saving is atomic. Qt-free.
"""

from __future__ import annotations

import errno
from pathlib import Path

import yaml

from backtimer.session.model import Session
from backtimer.session.problems import ProblemsError
from backtimer.session.timeline import level_count
from backtimer.session.yamltext import read_yaml_file
from backtimer.store.atomic import write_atomic
from backtimer.store.reading import read_bytes_limited

MAX_BYTES = 256 * 1024  # thousands of progressions; a larger file is not ours


class LevelsUnreadableError(Exception):
    """The levels file cannot be read as a whole; it was left as it is, nothing written."""


def load_levels(path: Path) -> dict[str, int]:
    """Every usable ``session-id: level``; an unreadable file reads as none chosen yet."""
    try:
        return _read(path)
    except (FileNotFoundError, LevelsUnreadableError):
        return {}


def levels_problem(path: Path) -> str | None:
    """Why the levels file cannot be read, naming it (None when it can, or is not there yet).

    The levels then read as none chosen (level 1), so the window must say why, once.
    """
    try:
        _read(path)
    except FileNotFoundError:
        return None
    except LevelsUnreadableError as error:
        return str(error)
    return None


def chosen_level(path: Path | None, session: Session) -> int:
    """The level to run ``session`` at: the one chosen, kept within the session's levels.

    1 for a session without levels, when nothing was chosen, or when the session has fewer
    levels now than the level chosen (the highest it has then).
    """
    count = level_count(session)
    if count == 1 or path is None:
        return 1
    level = load_levels(path).get(session.id, 1)
    return max(1, min(level, count))


def save_level(path: Path, session_id: str, level: int) -> None:
    """Keep ``level`` for ``session_id``, leaving every other line's level as it was.

    Raises ``LevelsUnreadableError`` (nothing written) when the file there cannot be read,
    and OSError (disk full, read-only folder) with the old file intact.
    """
    if level < 1:
        raise ValueError(f"levels start at 1, not {level}")
    try:
        levels = _read(path)
    except FileNotFoundError:
        levels = {}
    levels[session_id] = level
    text = "# The level you are on in each progression. Written by BackTimer.\n"
    text += yaml.safe_dump(dict(sorted(levels.items())), sort_keys=False, allow_unicode=True)
    write_atomic(path, text.encode("utf-8"))


def _read(path: Path) -> dict[str, int]:
    try:
        data = read_bytes_limited(path, MAX_BYTES)
    except OSError as error:
        # No file, or no config folder (a file in its place is said about the folder): none.
        if error.errno in (errno.ENOENT, errno.ENOTDIR) and not path.is_symlink():
            raise FileNotFoundError(errno.ENOENT, "no levels file", str(path)) from None
        raise LevelsUnreadableError(str(error)) from None
    if not data.strip():
        return {}
    try:
        located = read_yaml_file(str(path), data)
    except ProblemsError as error:
        raise LevelsUnreadableError(str(error)) from None
    if located.value is None:
        return {}
    if not isinstance(located.value, dict):
        raise LevelsUnreadableError(f"{path}: expected session-id: level lines")
    found: dict[str, int] = {}
    for key, entry in located.value.items():
        value = entry.value
        if isinstance(key, str) and isinstance(value, int) and not isinstance(value, bool) and (
                value >= 1):
            found[key] = value
    return found
