"""The windows the main window opens beside a session: the settings dialog and the history.

One of each at a time: asking again raises the one already open. Without ``paths`` (a window
built for a test or a preview) there is no settings file or log to show, so neither opens.
Each module is imported when its window is first opened, not at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from backtimer.store.paths import Paths
    from backtimer.store.settings import Settings
    from backtimer.ui.history.history_view import HistoryView
    from backtimer.ui.settings.settings_dialog import SettingsDialog
    from backtimer.ui.shell.cues_port import CuesLike


class SideWindows:
    """Opens, raises, reloads and closes the settings dialog and the history window.

    ``settings`` and ``cues`` give the window's current ones; ``settings_saved`` hears what the
    dialog saved, ``notify`` the history's problems. A plain object, no signals.
    """

    def __init__(self, window: QWidget, paths: Paths | None, *,
                 settings: Callable[[], Settings], cues: Callable[[], CuesLike | None],
                 settings_saved: Callable[[Settings], None],
                 notify: Callable[[str], None]) -> None:
        self.window = window
        self.paths = paths
        self._settings = settings
        self._cues = cues
        self._settings_saved = settings_saved
        self._notify = notify
        self.settings_dialog: SettingsDialog | None = None
        self.history_view: HistoryView | None = None

    def open_settings(self) -> SettingsDialog | None:
        """The settings dialog; it saves the file itself, and the window applies the result."""
        if self.paths is None:
            return None
        if self.settings_dialog is not None and self.settings_dialog.isVisible():
            self.settings_dialog.raise_()
            return self.settings_dialog
        from backtimer.ui.settings.settings_dialog import SettingsDialog

        cues = self._cues()
        available = cues is None or cues.voice_available
        dialog = SettingsDialog(self.paths.settings_file, self._settings(),
                                voice_available=available, parent=self.window)
        dialog.settings_saved.connect(self._settings_saved)
        self.settings_dialog = dialog
        dialog.open()
        return dialog

    def open_history(self) -> HistoryView | None:
        """The history window, brought to the front when it is already open."""
        if self.paths is None:
            return None
        view = self.history_view
        if view is None or not view.isVisible():
            from backtimer.ui.history.history_view import HistoryView

            if view is not None:
                view.deleteLater()
            view = HistoryView.open_window(self.paths, self.window)
            view.problem.connect(self._notify)
            self.history_view = view
        view.show()
        view.raise_()
        view.activateWindow()
        return view

    def reload_history(self) -> None:
        """A session was logged: an open history window shows it."""
        if self.history_view is not None and self.history_view.isVisible():
            self.history_view.reload()

    def close(self) -> None:
        """The main window closes: so does the history window."""
        if self.history_view is not None:
            self.history_view.close()
