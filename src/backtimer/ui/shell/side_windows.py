"""The windows the main window opens beside a session: the settings dialog and the history.

One of each at a time: asking again raises the one already open. Without ``paths`` (a window
built for a test or a preview) there is no settings file or log to show, so neither opens.
Each module is imported when its window is first opened, not at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtWidgets import QWidget

from backtimer.ui.common.dialogs import DialogRegistry
from backtimer.ui.shell.window_cues import guard

if TYPE_CHECKING:
    from backtimer.store.paths import Paths
    from backtimer.store.settings import Settings
    from backtimer.ui.history.history_view import HistoryView
    from backtimer.ui.run.session_log import OpenLog
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
                 notify: Callable[[str], None], open_log: OpenLog | None = None,
                 sessions: Callable[[], tuple[tuple[str, str], ...]] = tuple) -> None:
        self.window = window
        self._open_log = open_log
        self.paths = paths
        self._settings = settings
        self._cues = cues
        self._settings_saved = settings_saved
        self._notify = notify
        self._sessions = sessions
        self.windows = DialogRegistry()

    @property
    def settings_dialog(self) -> SettingsDialog | None:
        return cast("SettingsDialog | None", self.windows.get("settings"))

    @property
    def history_view(self) -> HistoryView | None:
        return cast("HistoryView | None", self.windows.get("history"))

    def open_settings(self) -> SettingsDialog | None:
        """The settings dialog; it saves the file itself, and the window applies the result."""
        if self.paths is None:
            return None
        return self.windows.show("settings", self._new_settings_dialog)

    def _new_settings_dialog(self) -> SettingsDialog:
        assert self.paths is not None
        from backtimer.ui.settings.settings_dialog import SettingsDialog
        from backtimer.ui.settings.settings_page import PageContext

        cues = self._cues()
        sessions = self._sessions()
        context = PageContext(voice_available=cues is None or cues.voice_available,
                              sessions=sessions)
        if cues is not None:
            context = PageContext(
                voice_available=cues.voice_available,
                preview=lambda settings: guard(lambda: cues.director.apply_settings(settings)),
                test=lambda settings: guard(lambda: cues.test(settings)),
                voices=cues.voice_names,
                voices_found=cues.voices_found,
                sessions=sessions,
            )
        dialog = SettingsDialog(self.paths.settings_file, self._settings(),
                                context=context, parent=self.window)
        dialog.settings_saved.connect(self._settings_saved)
        dialog.settings_saved.connect(self._goal_changed)
        return dialog

    def _goal_changed(self, settings: Settings) -> None:
        """An open history window follows the weekly goal set in Settings."""
        view = self.windows.live("history")
        if view is not None:
            cast("HistoryView", view).set_weekly_goal(settings.weekly_goal)

    def open_history(self) -> HistoryView | None:
        """The history window, brought to the front when it is already open."""
        if self.paths is None:
            return None
        return self.windows.show("history", self._new_history_view)

    def _new_history_view(self) -> HistoryView:
        assert self.paths is not None
        from backtimer.ui.history.history_view import HistoryView

        view = HistoryView.open_window(self.paths, self.window, open_log=self._open_log,
                                       weekly_goal=self._settings().weekly_goal)
        view.problem.connect(self._notify)
        return view

    def reload_history(self) -> None:
        """A session was logged: an open history window shows it."""
        view = self.windows.live("history")
        if view is not None:
            cast("HistoryView", view).reload()

    def close(self) -> None:
        """The main window closes: so does the history window."""
        self.windows.close("history")
