"""What the running window does with a second ``backtimer``'s request (``store.instance``).

It comes to the front (un-minimized), and, when a session was named, starts it: right away on
the start or finish screen; during a session only after asking, the session paused while the
question is open and resumed if the answer is no. A session that cannot be read, or a dialog
that is open, is said in the notice strip, never a crash and never a second window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from backtimer.ui.common.words import tr
from backtimer.ui.shell.outside_start import (
    AskSwitch,
    bring_to_front,
    confirm_switch,
    start_resolved,
)

if TYPE_CHECKING:
    from backtimer.store.instance import Request
    from backtimer.ui.shell.main_window import MainWindow


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
        bring_to_front(self.window)

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
        start_resolved(window, session, self.ask)
