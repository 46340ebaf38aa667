"""Where file dialogs open: the folder last used for a file (this run or an earlier one), else
the home folder.

Given a bare file name, Qt's dialogs open in the process's working directory: for a person who
started BackTimer from its menu entry that is some system folder, and for one who started it
from a terminal, wherever the terminal was. Import, export and the history's CSV export all
start here instead, and each remembers the folder of the file picked, so the next dialog opens
where the person just was. The app keeps that folder between runs (``app.keep_state`` gives
``LastFolder`` the one from the last run and a ``remember`` call that saves it); a folder that
is gone since, or was never a folder, is passed over for the home folder.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


class LastFolder:
    """The folder the next file dialog opens in."""

    def __init__(self, home: Path | None = None) -> None:
        self._home = home
        self._folder: Path | None = None
        self.on_change: Callable[[Path], None] | None = None  # keeps it for the next run

    def restore(self, folder: str) -> None:
        """The folder an earlier run used last (empty: none)."""
        self._folder = Path(folder) if folder else None

    def folder(self) -> Path:
        if self._folder is not None and _is_folder(self._folder):
            return self._folder
        return self._home if self._home is not None else Path.home()

    def start_in(self, name: str = "") -> str:
        """What to give a dialog: the folder, with ``name`` suggested in it."""
        folder = self.folder()
        return str(folder / name) if name else str(folder)

    def remember(self, chosen: Path) -> None:
        """A file was picked: the next dialog opens in its folder (this run and the next)."""
        self._folder = chosen.parent
        if self.on_change is not None:
            self.on_change(chosen.parent)


def _is_folder(path: Path) -> bool:
    try:
        return path.is_absolute() and path.is_dir()
    except (OSError, ValueError):  # a name too long, a NUL byte
        return False


_SHARED: LastFolder | None = None


def last_folder() -> LastFolder:
    """The window's one ``LastFolder`` (made on first use, not at import)."""
    global _SHARED
    if _SHARED is None:
        _SHARED = LastFolder()
    return _SHARED
