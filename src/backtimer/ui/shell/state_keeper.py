"""The app's remembered state (``store.app_state``) for the running window: changes saved on a
worker thread, in order, and trouble said once.

Reminders shown and the last folder used change while the person is busy (a reminder comes
during a session, a file dialog just closed): the GUI thread must not wait for the disk then,
so ``update`` returns at once and ``save_state`` runs on one worker thread. Nor does it wait
for the read: the app reads the file on the start-up worker thread, with the settings
(``app.read_settings_and_state``), and hands what it read in as ``loaded``. A state file that
could not be read when the app started is kept as it is: nothing is written to it for the rest
of the run (the values live in memory only), and the window says so once.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from backtimer.store.app_state import (
    AppState,
    LoadedState,
    StateUnreadableError,
    forget_old,
    load_state,
    save_state,
)
from backtimer.ui.common.save_queue import SaveQueue
from backtimer.ui.common.words import tr

log = logging.getLogger(__name__)


class StateKeeper(QObject):
    """``state`` as read from ``path``; ``update(...)`` changes it and saves it off the GUI thread.

    ``loaded`` is the file as read already (on a worker thread); without it the keeper reads
    ``path`` itself, on the calling thread (tests, and a keeper made outside the app).

    Signals:
        trouble(str): words for the window's notice strip (said at most once a run).
    """

    trouble = Signal(str)

    def __init__(self, path: Path, parent: QObject | None = None, *,
                 loaded: LoadedState | None = None) -> None:
        super().__init__(parent)
        self.path = path
        if loaded is None:
            loaded = load_state(path)
        self.state = loaded.state
        self.unreadable = loaded.unreadable
        self._said = False
        self._saves = SaveQueue("state-save")

    def say_trouble(self) -> None:
        """Say (once) that the state file could not be read; call once the window can show it."""
        if self.unreadable is not None:
            self._say(tr("Which reminders were shown and the last folder used are not kept after "
                         "this run: {path}: {reason}.").format(path=self.path,
                                                              reason=self.unreadable))

    def remember_shown(self, shown: frozenset[str], today: date) -> None:
        """Reminder occurrences shown so far (old days forgotten), kept for the next run."""
        self.update(shown=forget_old(shown, today))

    def remember_folder(self, folder: Path) -> None:
        self.update(last_folder=str(folder))

    def update(self, **changes: Any) -> None:
        """Change the state and save it on the worker thread (not when the file is broken)."""
        state = replace(self.state, **changes)
        if state == self.state:
            return
        self.state = state
        if self.unreadable is not None:
            return
        self._saves.submit(lambda: self._write(state))

    def _write(self, state: AppState) -> None:
        try:
            save_state(self.path, state)
        except StateUnreadableError as error:  # broken since the start: kept, said once
            self._say(tr("{path} could not be read ({reason}); it is kept as it is.").format(
                path=error.path, reason=error.reason))
        except OSError as error:
            log.warning("state not saved: %s", error)
            self._say(tr("Could not save which reminders were shown and the last folder "
                         "used: {error}").format(error=error.strerror or error))

    def _say(self, text: str) -> None:
        if not self._said:
            self._said = True
            self.trouble.emit(text)

    def wait(self) -> None:
        """Block until every save asked for so far is done (tests; the app ending)."""
        self._saves.wait()

    def close(self) -> None:
        self._saves.close()
