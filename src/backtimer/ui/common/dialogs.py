"""One of each window at a time: asking again raises the one already open.

The main window's side windows (settings, history) and the File menu's dialogs (editor,
My sessions) all follow this rule; one registry keeps it so they cannot drift apart.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TypeVar, cast

from PySide6.QtWidgets import QDialog, QWidget

W = TypeVar("W", bound=QWidget)


class DialogRegistry:
    """The open windows by key; ``show`` raises the live one or builds, shows and keeps a new one.

    A window that was closed (hidden) is replaced, and the old one is deleted later. A new
    ``QDialog`` is opened window-modal without blocking (``open()``); any other widget is shown
    and brought to the front as its own window.
    """

    def __init__(self) -> None:
        self._windows: dict[str, QWidget] = {}

    def get(self, key: str) -> QWidget | None:
        """The window kept under ``key`` (open or closed), or None."""
        return self._windows.get(key)

    def live(self, key: str) -> QWidget | None:
        """The window under ``key`` when it is on screen, else None."""
        window = self._windows.get(key)
        try:
            return window if window is not None and window.isVisible() else None
        except RuntimeError:  # its C++ side is gone (deleted on close)
            return None

    def show(self, key: str, factory: Callable[[], W]) -> W:
        """The window under ``key``, raised when on screen, else a new one from ``factory``."""
        window = self.live(key)
        if window is None:
            old = self._windows.pop(key, None)
            if old is not None:
                with contextlib.suppress(RuntimeError):  # already deleted on close
                    old.deleteLater()
            window = factory()
            self._windows[key] = window
            if isinstance(window, QDialog):
                window.open()  # window-modal, on top of its parent already
                return cast(W, window)
            window.show()
        window.raise_()
        window.activateWindow()
        return cast(W, window)

    def close(self, key: str) -> None:
        """Close the window under ``key`` if it is on screen."""
        window = self.live(key)
        if window is not None:
            window.close()
