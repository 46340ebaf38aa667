"""The main window's actions: their words and keys, the menus' items, and which are enabled.

Every action has a window-wide shortcut (it works whichever child has the focus) and calls
back into the window; the window says which screen is showing (``follow_screen``) and the
actions that make no sense there are disabled, so their keys do nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QLineEdit

from backtimer.ui.common.words import tr
from backtimer.ui.shell.window_dialogs import show_about

if TYPE_CHECKING:
    from backtimer.ui.library.library_actions import LibraryActions
    from backtimer.ui.shell.main_window import MainWindow

ENTER = [QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)]


class WindowActions:
    """The window's own actions (``library_actions`` holds the File menu's session ones).

    A plain object, no signals: each action's ``triggered`` calls the window.
    """

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        key = Qt.Key
        self.start = self._action(tr("&Start selected session"), ENTER, self._start_unless_typing)
        self.pause = self._action(tr("&Pause / resume"), [QKeySequence(key.Key_Space)],
                                  lambda: window.adapter.toggle_pause())
        self.skip = self._action(tr("S&kip step"), [QKeySequence(key.Key_Right)],
                                 lambda: window.adapter.skip())
        self.back = self._action(tr("&Back"), [QKeySequence(key.Key_Left)],
                                 lambda: window.adapter.back())
        self.done = self._action(tr("&Done"), ENTER, lambda: window.adapter.done())
        self.stop = self._action(tr("S&top session…"), [QKeySequence(key.Key_Escape)],
                                 window.request_stop)
        self.finish_back = self._action(tr("Back to sessions"), ENTER, window.show_start)
        self.fullscreen = self._action(tr("&Full screen"), [QKeySequence(key.Key_F11)],
                                       window.toggle_fullscreen)
        self.fullscreen.setCheckable(True)
        self.shortcuts = self._action(
            tr("&Keyboard shortcuts"),
            [QKeySequence(key.Key_F1), QKeySequence("?"), QKeySequence("Shift+?")],
            window.shortcuts_overlay.toggle,
        )
        self.safety = self._action(tr("&Safety note"), [], lambda: window.show_safety(window))
        self.quit = self._action(
            tr("&Quit"), [QKeySequence(QKeySequence.StandardKey.Quit), QKeySequence("Ctrl+Q")],
            window.close,
        )
        self.settings = self._action(tr("Se&ttings…"), [QKeySequence("Ctrl+,")],
                                     window.open_settings)
        self.history = self._action(tr("&History…"), [QKeySequence("Ctrl+H")],
                                    window.open_history)
        self.about = self._action(tr("&About BackTimer"), [], lambda: show_about(window))

    def _start_unless_typing(self) -> None:
        """Enter starts the session, except where the person is typing a value.

        In a spin box or text field Enter means "take this value": starting the session there
        would run times the person has not finished typing.
        """
        widget = QApplication.focusWidget()
        while widget is not None:
            if isinstance(widget, QAbstractSpinBox):
                widget.interpretText()
                widget.selectAll()
                return
            if isinstance(widget, QLineEdit | QComboBox):
                return
            widget = widget.parentWidget()
        self.window.start_screen.request_start()

    def _action(self, text: str, keys: list[QKeySequence], slot: Callable[[], object]) -> QAction:
        action = QAction(text, self.window)
        action.setShortcuts(keys)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)
        return action

    def session_controls(self) -> tuple[QAction, ...]:
        """The Session menu's actions: only a running session screen takes them."""
        return (self.pause, self.skip, self.back, self.done, self.stop)

    def fill_menus(self, library: LibraryActions) -> None:
        """The menus' items (their titles are in the window's first frame already)."""
        window = self.window
        file_menu = window.file_menu
        file_menu.addAction(self.start)
        file_menu.addSeparator()
        file_menu.addAction(library.new_action)
        file_menu.addAction(library.my_sessions_action)
        file_menu.addSeparator()
        file_menu.addAction(library.import_action)
        file_menu.addAction(library.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.settings)
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        for action in self.session_controls():
            window.session_menu.addAction(action)
        window.view_menu.addAction(self.history)
        window.view_menu.addSeparator()
        window.view_menu.addAction(self.fullscreen)
        window.help_menu.addAction(self.safety)
        window.help_menu.addAction(self.shortcuts)
        window.help_menu.addSeparator()
        window.help_menu.addAction(self.about)

    def follow_screen(self, *, on_start: bool, on_session: bool, on_finish: bool) -> None:
        """Enable the actions of the screen now showing, and only those."""
        self.start.setEnabled(on_start)
        for action in self.session_controls():
            action.setEnabled(on_session)
        self.finish_back.setEnabled(on_finish)
        self.settings.setEnabled(not on_session)
