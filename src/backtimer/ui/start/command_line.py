"""The selected session's command line, ``backtimer start ID``, shown and ready to copy.

The command line takes a session's id, and nothing in the window used to show it: a person
making a launcher or a desktop shortcut had to guess it from a file name. The start screen
shows it under the selected session, with a button that copies it; the list's tooltips and
context menu carry it too.
"""

from __future__ import annotations

import shlex

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from backtimer.ui.common.theme import font
from backtimer.ui.common.words import tr


def start_command(session_id: str) -> str:
    """What starts the session from a terminal or a launcher."""
    return f"backtimer start {shlex.quote(session_id)}"


def copy_start_command(session_id: str) -> str:
    """Put the session's command line on the clipboard; returns it."""
    command = start_command(session_id)
    clipboard = QGuiApplication.clipboard()
    if clipboard is not None:
        clipboard.setText(command)
    return command


class CommandLineBox(QWidget):
    """``backtimer start ID`` (selectable) and a "Copy command line" button under it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session_id = ""
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setFont(font(13))
        self.label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setToolTip(tr("Starts this session from a terminal or a launcher"))
        self.copy_button = QPushButton(tr("Copy command line"), self)
        self.copy_button.setFont(font(13))
        self.copy_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.copy_button.setToolTip(tr("Copy “backtimer start …” for this session"))
        self.copy_button.clicked.connect(self.copy)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addWidget(self.label)
        column.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addStretch(1)

    def set_pixels(self, pixels: int) -> None:
        """Its type size (the start screen's follows the window's size)."""
        self.label.setFont(font(pixels))
        self.copy_button.setFont(font(pixels))

    def show_id(self, session_id: str) -> None:
        self.session_id = session_id
        self.label.setText(start_command(session_id))
        self.copy_button.setText(tr("Copy command line"))
        self.setVisible(bool(session_id))

    def copy(self) -> None:
        if self.session_id:
            copy_start_command(self.session_id)
            self.copy_button.setText(tr("Copied"))
