"""Settings saved on a worker thread, one save after another, for saves made mid-action.

Starting a session keeps its id as ``last_session`` (the start screen opens on it next time).
That save must not hold the GUI thread while the countdown begins: a slow or stuck disk would
freeze the first seconds. The writer runs ``save_settings`` (atomic, and never over a file
that cannot be read) on one worker thread, in the order the saves were asked for, and reports a
failure through ``failed`` on the GUI thread.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from backtimer.store.settings import Settings, SettingsUnreadableError, save_settings
from backtimer.ui.common.save_queue import SaveQueue
from backtimer.ui.common.words import tr
from backtimer.ui.settings.settings_words import unreadable_text

log = logging.getLogger(__name__)


class SettingsWriter(QObject):
    """``save(settings)`` queues a save of ``path``; ``wait()`` lets tests see it land.

    Signals:
        failed(str): a save failed; the words to show (the window's notice bar).
    """

    failed = Signal(str)

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self._saves = SaveQueue("settings-save")

    def save(self, settings: Settings) -> None:
        self._saves.submit(lambda: self._write(settings))

    def _write(self, settings: Settings) -> None:
        try:
            save_settings(self.path, settings)
        except SettingsUnreadableError as error:  # kept as it is; used for this run only
            self.failed.emit(unreadable_text(error.problem))
        except OSError as error:
            log.warning("settings not saved: %s", error)
            self.failed.emit(tr("Could not save your settings: {error}").format(
                error=error.strerror))

    def wait(self) -> None:
        """Block until every save asked for so far is done (tests; closing the window)."""
        self._saves.wait()

    def close(self) -> None:
        """Finish the saves queued (they are small) and stop the worker."""
        self._saves.close()
