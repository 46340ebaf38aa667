"""Starting a session asked for from outside the window: a reminder, the tray, a second
``backtimer`` (``handover``).

The window comes to the front (shown again from the tray, un-minimized), then the session
starts: at once on the start or finish screen; during a session only after asking (the running
one paused while the question is open, resumed if the answer is no). A session id that no
longer exists, or a dialog that is open, is said in the notice strip, never a crash.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from backtimer.ui.common.words import tr

if TYPE_CHECKING:
    from backtimer.session.model import Session
    from backtimer.ui.shell.main_window import MainWindow

AskSwitch = Callable[[QWidget, str], bool]
_asking: list[str] = []  # the session a "Start another session?" question is open for


def confirm_switch(parent: QWidget, title: str) -> bool:
    """Ask, as a card in the window (readable from the mat, answered by keyboard: Enter, Esc,
    Tab; Space presses nothing), before a session started from outside replaces the one
    running. Esc and "Keep going" leave the running session as it was."""
    from backtimer.ui.common.question_card import ask

    return ask(parent, tr("Start another session?"),
               tr("A session is running. Stop it and start “{title}”? What you have done so "
                  "far is kept.").format(title=title),
               yes=tr("Switch"), no=tr("Keep going"))


def bring_to_front(window: QWidget) -> None:
    """Show the window (from the tray, or minimized) and raise it."""
    if window.isMinimized() or not window.isVisible():
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
        window.show()
    window.raise_()
    window.activateWindow()


def start_from_outside(window: MainWindow, session_id: str,
                       ask: AskSwitch = confirm_switch) -> bool:
    """Bring ``window`` to the front and start ``session_id``; whether it started."""
    bring_to_front(window)
    entry = window.library.entries.get(session_id)
    session = entry.session if entry is not None else None
    if session is None:
        window.notice_bar_notify(tr("The reminder's session “{id}” is not in your library "
                                    "any more; change the reminder in Settings.").format(
            id=session_id))
        return False
    return start_resolved(window, session, ask)


def start_resolved(window: MainWindow, session: Session, ask: AskSwitch = confirm_switch) -> bool:
    """Start ``session``, asked for from outside (a reminder, the tray, a second
    ``backtimer``), unless a dialog is open; during a session only if ``ask`` says yes (the
    running one held while it asks, resumed on no). Whether it started."""
    modal = QApplication.activeModalWidget()
    if modal is not None and modal is not window:
        modal.raise_()
        window.notice_bar_notify(tr("Close the open dialog, then start “{title}”.").format(
            title=session.title))
        return False
    if _asking:  # a second request while the first question is open: one question at a time
        window.notice_bar_notify(tr("Answer the open question first, then start “{title}”.")
                                 .format(title=session.title))
        return False
    if window.run.running():
        held = window.run.hold()
        _asking.append(session.id)
        try:
            answer = ask(window, session.title)
        finally:
            _asking.pop()
        if not answer:
            window.run.release(held)
            return False
        window.run.stop()
    window.start_screen.select_id(session.id)
    return window.start_session(session)
