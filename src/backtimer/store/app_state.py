"""What BackTimer remembers between runs that is not a setting: ``state.json`` in the data folder.

Two things, both small: which reminder occurrences were already shown (so a restart later the
same day does not show this morning's missed reminder again), and the folder the last file
dialog used (import, export, the handout, the history's CSV).

The file is the app's own, but it is still read as a hostile file (``store.reading``: at most
``LIMIT`` bytes, never a FIFO or a folder, never blocking). One that cannot be read (not JSON,
the wrong shape, a folder or a pipe under its name) is reported as ``unreadable`` and is never
overwritten: ``save_state`` checks it again right before writing and raises
``StateUnreadableError`` instead, so a person who looks at it finds what was there. Writing is
atomic (``store.atomic``).
"""

from __future__ import annotations

import errno
import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from backtimer.store.atomic import write_atomic
from backtimer.store.reading import UnreadableFileError, read_text_limited

VERSION = 1
LIMIT = 64 * 1024  # the app writes a few hundred bytes; more is not its file
MOST_SHOWN = 500  # reminder occurrences kept (two days' worth is far fewer)
LONGEST_TEXT = 4096  # a key or a folder path is never longer
KEPT_DAYS = 2  # occurrences older than this many days are forgotten: they can never come again


@dataclass(frozen=True)
class AppState:
    """``shown``: reminder occurrences already shown (``session.reminders.occurrence_key``);
    ``last_folder``: the folder the last file dialog used, or empty."""

    shown: frozenset[str] = field(default_factory=frozenset)
    last_folder: str = ""


@dataclass(frozen=True)
class LoadedState:
    """The state to use, and why the file could not be read (None when it could, or is missing)."""

    state: AppState
    unreadable: str | None = None


class StateUnreadableError(Exception):
    """Saving was refused: the state file on disk cannot be read, and is kept as it is."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def load_state(path: Path) -> LoadedState:
    """Read ``path``; a missing file is an empty state, a broken one is said, never fatal."""
    try:
        return LoadedState(_read(path))
    except FileNotFoundError:
        return LoadedState(AppState())
    except _Broken as broken:
        return LoadedState(AppState(), broken.reason)


def save_state(path: Path, state: AppState) -> None:
    """Write ``state`` atomically, unless the file there now cannot be read.

    Raises ``StateUnreadableError`` (nothing written) for a broken file, and OSError (a full
    disk, a read-only folder) with the old file intact.
    """
    try:
        _read(path)
    except FileNotFoundError:
        pass
    except _Broken as broken:
        raise StateUnreadableError(path, broken.reason) from None
    data = {"version": VERSION, "reminders_shown": sorted(state.shown),
            "last_folder": state.last_folder}
    write_atomic(path, (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8"))


def forget_old(shown: frozenset[str], today: date) -> frozenset[str]:
    """The occurrences still worth keeping: from yesterday on (keys start with their date)."""
    oldest = (today - timedelta(days=KEPT_DAYS - 1)).isoformat()
    return frozenset(key for key in shown if key[:10] >= oldest)


class _Broken(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _read(path: Path) -> AppState:
    """The state in ``path``; FileNotFoundError when there is none, _Broken saying why not."""
    try:
        text = read_text_limited(path, LIMIT)
    except UnreadableFileError as error:
        if error.errno == errno.ENOENT and not path.is_symlink():
            raise FileNotFoundError(str(path)) from None
        raise _Broken(error.reason) from None
    try:
        data: Any = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        raise _Broken(f"not BackTimer's state (not JSON: {error})") from None
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise _Broken("not BackTimer's state (an unknown shape or version)")
    shown = data.get("reminders_shown", [])
    folder = data.get("last_folder", "")
    if (not isinstance(shown, list) or len(shown) > MOST_SHOWN
            or not all(isinstance(k, str) and len(k) <= LONGEST_TEXT for k in shown)):
        raise _Broken("reminders_shown is not a list of occurrences")
    if not isinstance(folder, str) or len(folder) > LONGEST_TEXT or "\0" in folder:
        raise _Broken("last_folder is not a folder's path")
    return AppState(frozenset(shown), folder)
