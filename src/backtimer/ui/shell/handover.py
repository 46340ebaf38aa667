"""What the running window does with a second ``backtimer``'s request (``store.instance``).

It comes to the front (un-minimized), and, when a session was named, starts it: right away on
the start or finish screen; during a session only after asking, the session paused while the
question is open and resumed if the answer is no. A session that cannot be read, or a dialog
that is open, is said in the notice strip, never a crash and never a second window.

A session named by its file is read and checked on a worker thread (``startup_stages``'
``Background``), like the sessions at start-up: a file of up to 1 MB takes most of a second
to parse, and a file on a slow or stuck disk longer, while the window must keep painting (and
keep counting a running session). An id is looked up in the library already in memory.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from backtimer.ui.common.words import tr
from backtimer.ui.shell.outside_start import (
    AskSwitch,
    bring_to_front,
    confirm_switch,
    start_resolved,
)
from backtimer.ui.shell.startup_stages import Background

if TYPE_CHECKING:
    from backtimer.store.instance import Request
    from backtimer.ui.shell.main_window import MainWindow


class Handover(QObject):
    """Carries out requests on ``window``; ``ask`` is the question (tests answer it). No signals.
    """

    def __init__(self, window: MainWindow, ask: AskSwitch = confirm_switch) -> None:
        super().__init__(window)
        self.window = window
        self.ask = ask
        self._reads: list[tuple[Background, str, list[object]]] = []  # file reads under way

    def take(self, request: Request) -> None:
        if request.minimized and request.session is None:
            return  # a login's autostart while BackTimer already runs: nothing to show
        self.bring_to_front()
        if request.session is not None:
            self._start(request.session)

    def bring_to_front(self) -> None:
        bring_to_front(self.window)

    @property
    def reading(self) -> bool:
        """A session file named by a second start is still being read (tests wait on it)."""
        return bool(self._reads)

    def _start(self, ref: str) -> None:
        from backtimer.store.library import is_file_reference

        library = self.window.library  # read at start-up (waited for if that read still runs)
        answer: list[object] = []

        def resolve() -> None:
            from backtimer.session.problems import ProblemsError
            from backtimer.store.library import UnknownSessionError

            try:
                answer.append(library.resolve(ref))
            except (UnknownSessionError, ProblemsError) as error:
                answer.append(error)

        if not is_file_reference(ref):
            resolve()
            self._resolved(ref, answer)
            return
        reader = Background(resolve)
        self._reads.append((reader, ref, answer))
        reader.done.connect(self._read_done)  # queued: a method of this QObject, GUI thread
        reader.start()

    def _read_done(self) -> None:
        for read in [r for r in self._reads if r[0].finished()]:
            self._reads.remove(read)
            self._resolved(read[1], read[2])

    def _resolved(self, ref: str, answer: list[object]) -> None:
        from backtimer.session.model import Session
        from backtimer.session.problems import ProblemsError
        from backtimer.store.library import UnknownSessionError

        window = self.window
        result = answer[0] if answer else None
        if isinstance(result, UnknownSessionError):
            window.notice_bar_notify(str(result.args[0]))
        elif isinstance(result, ProblemsError):
            window.notice_bar_notify(tr("{ref} cannot be started: {problem}").format(
                ref=ref, problem=result.problems[0]))
        elif isinstance(result, Session):
            start_resolved(window, result, self.ask)
        else:  # the read raised something unforeseen (logged by Background)
            window.notice_bar_notify(tr("{ref} cannot be started: it could not be read.").format(
                ref=ref))
