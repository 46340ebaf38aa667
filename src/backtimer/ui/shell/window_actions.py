"""The main window's actions: their words and keys, the menus' items, and which are enabled.

Every action has a window-wide shortcut (it works whichever child has the focus) and calls
back into the window; the window says which screen is showing (``follow_screen``) and the
actions that make no sense there are disabled, so their keys do nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QLineEdit

from backtimer.ui.common.words import tr

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu, QWidget

    from backtimer.ui.library.library_actions import LibraryActions

ENTER = [QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)]

Call = Callable[[], object]


@dataclass(frozen=True)
class Triggers:
    """What each action does, as plain calls: the actions know nothing of the window."""

    start: Call
    pause: Call
    skip: Call
    back: Call
    done: Call
    stop: Call
    finish_back: Call
    fullscreen: Call
    shortcuts: Call
    safety: Call
    quit: Call
    settings: Call
    history: Call
    about: Call


@dataclass(frozen=True)
class Menus:
    """The menu bar's menus, whose titles are in the first frame already."""

    file: QMenu
    session: QMenu
    view: QMenu
    help: QMenu


class WindowActions:
    """The window's own actions (``library_actions`` holds the File menu's session ones).

    A plain object, no signals: each action's ``triggered`` runs its call in ``triggers``;
    ``host`` owns the actions and their window-wide shortcuts.
    """

    def __init__(self, host: QWidget, triggers: Triggers) -> None:
        self.host = host
        key = Qt.Key
        do = triggers
        self._request_start = do.start
        self.start = self._action(tr("&Start selected session"), ENTER, self._start_unless_typing)
        self.pause = self._action(tr("&Pause / resume"), [QKeySequence(key.Key_Space)], do.pause)
        self.skip = self._action(tr("S&kip step"), [QKeySequence(key.Key_Right)], do.skip)
        self.back = self._action(tr("&Back"), [QKeySequence(key.Key_Left)], do.back)
        self.done = self._action(tr("&Done"), ENTER, do.done)
        self.stop = self._action(tr("S&top session…"), [QKeySequence(key.Key_Escape)], do.stop)
        self.finish_back = self._action(tr("Back to sessions"), ENTER, do.finish_back)
        self.fullscreen = self._action(tr("&Full screen"), [QKeySequence(key.Key_F11)],
                                       do.fullscreen)
        self.fullscreen.setCheckable(True)
        self.shortcuts = self._action(
            tr("&Keyboard shortcuts"),
            [QKeySequence(key.Key_F1), QKeySequence("?"), QKeySequence("Shift+?")],
            do.shortcuts,
        )
        self.safety = self._action(tr("&Safety note"), [], do.safety)
        # One key sequence: StandardKey.Quit is Ctrl+Q where it exists, and registering both
        # made Qt call the shortcut ambiguous and do nothing.
        self.quit = self._action(tr("&Quit"), [QKeySequence("Ctrl+Q")], do.quit)
        self.settings = self._action(tr("Se&ttings…"), [QKeySequence("Ctrl+,")], do.settings)
        self.history = self._action(tr("&History…"), [QKeySequence("Ctrl+H")], do.history)
        self.about = self._action(tr("&About BackTimer"), [], do.about)

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
        self._request_start()

    def _action(self, text: str, keys: list[QKeySequence], slot: Call) -> QAction:
        action = QAction(text, self.host)
        action.setShortcuts(keys)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.host.addAction(action)
        return action

    def session_controls(self) -> tuple[QAction, ...]:
        """The Session menu's actions: only a running session screen takes them."""
        return (self.pause, self.skip, self.back, self.done, self.stop)

    def fill_menus(self, menus: Menus, library: LibraryActions) -> None:
        """The menus' items (their titles are in the window's first frame already)."""
        file_menu = menus.file
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
            menus.session.addAction(action)
        menus.view.addAction(self.history)
        menus.view.addSeparator()
        menus.view.addAction(self.fullscreen)
        menus.help.addAction(self.safety)
        menus.help.addAction(self.shortcuts)
        menus.help.addSeparator()
        menus.help.addAction(self.about)

    def follow_screen(self, *, on_start: bool, on_session: bool, on_finish: bool) -> None:
        """Enable the actions of the screen now showing, and only those."""
        self.start.setEnabled(on_start)
        for action in self.session_controls():
            action.setEnabled(on_session)
        self.finish_back.setEnabled(on_finish)
        self.settings.setEnabled(not on_session)
