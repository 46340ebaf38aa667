"""What the running window does with a second ``backtimer``'s request (``store.instance``).

It comes to the front (un-minimized), and, when a session was named, starts it: right away on
the start or finish screen; during a session only after asking, the session paused while the
question is open and resumed if the answer is no. A session that cannot be read, or a dialog
that is open, is said in the notice strip, never a crash and never a second window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from backtimer.ui.common.words import tr

if TYPE_CHECKING:
    from backtimer.store.instance import Request
    from backtimer.ui.shell.main_window import MainWindow

AskSwitch = Callable[[QWidget, str], bool]


def confirm_switch(parent: QWidget, title: str) -> bool:
    """Ask before a session started from outside replaces the one running."""
    from PySide6.QtWidgets import QMessageBox

    answer = QMessageBox.question(
        parent, tr("Start another session?"),
        tr("A session is running. Stop it and start “{title}”? What you have done so far is "
           "kept.").format(title=title),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


class Handover:
    """Carries out requests on ``window``; ``ask`` is the question (tests answer it). No signals.
    """

    def __init__(self, window: MainWindow, ask: AskSwitch = confirm_switch) -> None:
        self.window = window
        self.ask = ask

    def take(self, request: Request) -> None:
        if request.minimized and request.session is None:
            return  # a login's autostart while BackTimer already runs: nothing to show
        self.bring_to_front()
        if request.session is not None:
            self._start(request.session)

    def bring_to_front(self) -> None:
        window = self.window
        if window.isMinimized() or not window.isVisible():
            window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
            window.show()
        window.raise_()
        window.activateWindow()

    def _start(self, ref: str) -> None:
        from backtimer.session.problems import ProblemsError
        from backtimer.store.library import UnknownSessionError

        window = self.window
        try:
            session = window.library.resolve(ref)
        except UnknownSessionError as error:
            window.notice_bar_notify(str(error.args[0]))
            return
        except ProblemsError as error:
            window.notice_bar_notify(tr("{ref} cannot be started: {problem}").format(
                ref=ref, problem=error.problems[0]))
            return
        modal = QApplication.activeModalWidget()
        if modal is not None and modal is not window:
            modal.raise_()
            window.notice_bar_notify(tr("Close the open dialog, then start “{title}”.").format(
                title=session.title))
            return
        if window.run.running():
            held = window.run.hold()
            if not self.ask(window, session.title):
                window.run.release(held)
                return
            window.run.stop()
        window.start_screen.select_id(session.id)
        window.start_session(session)
