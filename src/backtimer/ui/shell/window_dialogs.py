"""The questions and notes the main window shows, as plain functions it can be given instead.

The window takes ``ask_stop``, ``ask_safety`` and ``show_safety`` as arguments, with these as
the defaults, so tests answer them without a modal dialog. Each imports its dialog's module when
it is first asked, keeping QMessageBox and ``ui.safety`` off the first frame's path.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from backtimer.ui.common.words import tr


def confirm_stop(parent: QWidget) -> bool:
    """Ask before ending a session early (the window pauses the session while it asks)."""
    from PySide6.QtWidgets import QMessageBox

    answer = QMessageBox.question(
        parent, tr("Stop the session?"),
        tr("Stop this session now? What you have done so far is kept."),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def ask_safety_first(parent: QWidget) -> bool:
    """The safety note before a first session (``ui.safety``, imported when it is needed)."""
    from backtimer.ui.shell.safety import ask_safety_first as ask

    return ask(parent)


def show_safety_note(parent: QWidget) -> None:
    """The safety note again, from the Help menu."""
    from backtimer.ui.shell.safety import show_safety_note as show

    show(parent)


def show_about(parent: QWidget) -> None:
    """Help > About: what the app is for, and that it is not medical advice."""
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.about(parent, tr("About BackTimer"), tr(
        "BackTimer guides you through timed back-care exercise sessions.\n\n"
        "It is not medical advice."))
