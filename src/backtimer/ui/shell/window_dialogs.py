"""The questions and notes the main window shows, as plain functions it can be given instead.

The window takes ``ask_stop``, ``ask_safety`` and ``show_safety`` as arguments, with these as
the defaults, so tests answer them without a modal dialog. Each imports its dialog's module when
it is first asked, keeping ``ui.common.question_card`` and ``ui.safety`` off the first frame's
path. Questions are large cards in the window (``question_card``), readable from the mat.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from backtimer.ui.common.words import tr


def confirm_stop(parent: QWidget) -> bool:
    """Ask before ending a session early (the window pauses the session while it asks)."""
    from backtimer.ui.common.question_card import ask

    return ask(parent, tr("Stop the session?"),
               tr("What you have done so far is kept."),
               yes=tr("Stop"), no=tr("Keep going"), danger=True)


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
    from backtimer.ui.common.question_card import tell

    tell(parent, tr("About BackTimer"), tr(
        "BackTimer guides you through timed back-care exercise sessions.\n\n"
        "It is not medical advice."))
