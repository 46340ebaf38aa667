"""The tray icon (when the desktop has a system tray): start today's session, the next
reminder, show or hide the window, quit.

It only shows and asks: what its entries do is given as calls (``TrayCalls``), and what they
say is set from outside (``set_start``, ``set_next``), so the tray knows nothing of sessions
or reminders. A click on the icon shows or hides the window, as in most tray apps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from backtimer.ui.common.words import tr


@dataclass(frozen=True)
class TrayCalls:
    """What the tray's entries do."""

    start: Callable[[], object]
    toggle_window: Callable[[], object]
    quit: Callable[[], object]
    message_clicked: Callable[[], object]
    refresh: Callable[[], object]  # the menu is about to show: bring its texts up to date


def tray_available() -> bool:
    """Whether the desktop shows tray icons (no tray under a bare X server or offscreen)."""
    return QSystemTrayIcon.isSystemTrayAvailable()


class Tray(QObject):
    """The tray icon and its menu. No signals: ``TrayCalls`` are called."""

    def __init__(self, icon: QIcon, calls: TrayCalls, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.calls = calls
        self.icon = QSystemTrayIcon(icon, self)
        self.icon.setToolTip("BackTimer")
        self.menu = QMenu()
        self.start_action = QAction(tr("Start today's session"), self.menu)
        self.next_action = QAction(tr("No reminders"), self.menu)
        self.next_action.setEnabled(False)  # information, not a command
        self.window_action = QAction(tr("Hide window"), self.menu)
        self.quit_action = QAction(tr("Quit BackTimer"), self.menu)
        self.menu.addAction(self.start_action)
        self.menu.addAction(self.next_action)
        self.menu.addSeparator()
        self.menu.addAction(self.window_action)
        self.menu.addAction(self.quit_action)
        self.start_action.triggered.connect(lambda: calls.start())
        self.window_action.triggered.connect(lambda: calls.toggle_window())
        self.quit_action.triggered.connect(lambda: calls.quit())
        self.icon.messageClicked.connect(lambda: calls.message_clicked())
        self.menu.aboutToShow.connect(lambda: calls.refresh())
        self.icon.activated.connect(self._activated)
        self.icon.setContextMenu(self.menu)
        self.icon.show()

    def set_start(self, title: str | None) -> None:
        """Name today's session in the menu (None: nothing to start)."""
        self.start_action.setEnabled(title is not None)
        self.start_action.setText(tr("Start “{title}”").format(title=title) if title
                                  else tr("Start today's session"))

    def set_next(self, text: str) -> None:
        self.next_action.setText(text)

    def set_window_shown(self, shown: bool) -> None:
        self.window_action.setText(tr("Hide window") if shown else tr("Show window"))

    def show_message(self, title: str, body: str) -> None:
        """The fallback for a reminder when there is no notification service."""
        self.icon.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information, 60_000)

    def close(self) -> None:
        self.icon.hide()
        self.menu.deleteLater()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.calls.toggle_window()
