"""The parts of the main window that run a session, each made on first use.

The runner adapter, the session screen with its step-change flash, the history log and the
finish screen with its log area cost time to build, so the window builds them after its first
frames (``startup_stages``), or on the spot when something needs one first. Each is wired to
the others as it is made; the handlers of the runner's events that only concern these parts
(the flash, the finish screen, "again") live here too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from backtimer.ui.common.theme import step_colour

if TYPE_CHECKING:
    from backtimer.engine.clock import Clock
    from backtimer.engine.events import Event, SessionFinished
    from backtimer.ui.finish.finish_screen import FinishScreen
    from backtimer.ui.run.adapter import RunnerAdapter
    from backtimer.ui.run.flash import FlashOverlay
    from backtimer.ui.run.session_log import LogArea, SessionLog
    from backtimer.ui.run.session_screen import SessionScreen
    from backtimer.ui.shell.main_window import MainWindow
    from backtimer.ui.shell.side_windows import SideWindows
    from backtimer.ui.shell.window_cues import CueLink

MIN_SIZE = (720, 480)


def add_screen(stack: QStackedWidget, screen: QWidget) -> None:
    """Put ``screen`` in the window's stack."""
    # An explicit minimum: a small laptop screen must fit the window, even squeezed.
    screen.setMinimumSize(MIN_SIZE[0], MIN_SIZE[1])
    stack.addWidget(screen)


class SessionParts(QObject):
    """Makes and wires the session's parts; the Qt parent of each is the window, as before.

    ``overlay_parent`` holds the flash; ``cue_link`` hears the adapter; ``side`` reloads an open
    history window when the log saves.

    Signals:
        session_finished(object, object): the ``Session`` and its ``Summary``, after the finish
            screen is shown.
    """

    session_finished = Signal(object, object)

    def __init__(self, window: MainWindow, overlay_parent: QWidget, clock: Clock | None,
                 cue_link: CueLink, side: SideWindows) -> None:
        super().__init__(window)
        self.window = window
        self._overlay_parent = overlay_parent
        self._clock = clock
        self._cue_link = cue_link
        self._side = side
        self._adapter: RunnerAdapter | None = None
        self._flash_overlay: FlashOverlay | None = None
        self._session_screen: SessionScreen | None = None
        self._finish_screen: FinishScreen | None = None
        self._session_log: SessionLog | None = None
        self._log_area: LogArea | None = None

    # -- the parts

    @property
    def adapter(self) -> RunnerAdapter:
        """The runner adapter, made on first use with its listeners."""
        if self._adapter is None:
            from backtimer.ui.run.adapter import RunnerAdapter

            adapter = RunnerAdapter(self._clock, self.window)
            self._adapter = adapter
            adapter.add_listener(self._on_event)
            adapter.session_started.connect(self._cue_link.awake)
            adapter.resumed.connect(self._cue_link.awake)
            adapter.paused.connect(self._cue_link.release)
            adapter.finished.connect(self._on_finished)
        return self._adapter

    @property
    def flash_overlay(self) -> FlashOverlay:
        if self._flash_overlay is None:
            from backtimer.ui.run.flash import FlashOverlay

            self._flash_overlay = FlashOverlay(self._overlay_parent)
        return self._flash_overlay

    @property
    def session_screen(self) -> SessionScreen:
        if self._session_screen is None:
            from backtimer.ui.run.session_screen import SessionScreen

            window = self.window
            screen = SessionScreen(self.adapter, window.library.exercises, window.stack)
            self._session_screen = screen
            add_screen(window.stack, screen)
            screen.stop_requested.connect(window.request_stop)
            screen.fullscreen_requested.connect(window.toggle_fullscreen)
        return self._session_screen

    @property
    def session_log(self) -> SessionLog:
        if self._session_log is None:
            from backtimer.ui.run.session_log import SessionLog

            paths = self.window.paths
            self._session_log = SessionLog(paths.history_file if paths else None, self.adapter,
                                           self.window)
            self._session_log.problem.connect(self.window.notice_bar_notify)
            self._session_log.saved.connect(self._side.reload_history)
        return self._session_log

    @property
    def finish_screen(self) -> FinishScreen:
        if self._finish_screen is None:
            from backtimer.ui.finish.finish_screen import FinishScreen

            screen = FinishScreen(self.window.stack)
            self._finish_screen = screen
            add_screen(self.window.stack, screen)
            screen.back_requested.connect(self.window.show_start)
            screen.again_requested.connect(self._again)
        return self._finish_screen

    @property
    def log_area(self) -> LogArea:
        """The finish screen's history part (it makes the finish screen and the log)."""
        if self._log_area is None:
            from backtimer.ui.run.session_log import LogArea

            screen = self.finish_screen
            from backtimer.store.levels import levels_file

            paths = self.window.paths
            self._log_area = LogArea(self.session_log, screen,
                                     levels_path=levels_file(paths) if paths else None)
            screen.set_extra(self._log_area)
        return self._log_area

    # -- questions that never make a part to answer

    def running(self) -> bool:
        """Whether a session is counting or paused."""
        adapter = self._adapter
        if adapter is None:
            return False
        from backtimer.engine.runner import RunnerState

        return adapter.state in (RunnerState.RUNNING, RunnerState.PAUSED)

    def showing_session(self) -> bool:
        screen = self._session_screen
        return screen is not None and self.window.stack.currentWidget() is screen

    def showing_finish(self) -> bool:
        screen = self._finish_screen
        return screen is not None and self.window.stack.currentWidget() is screen

    def close_log(self) -> None:
        """The window closes: the history log lets go of its file."""
        if self._session_log is not None:
            self._session_log.close()

    # -- runner events and the finish screen's buttons

    def _on_event(self, event: Event) -> None:
        """A plain listener like any other: the step-change flash and late notices."""
        from backtimer.engine.events import StepStarted

        if isinstance(event, StepStarted):
            if self.window.settings.flash:
                self.flash_overlay.flash(step_colour(event.step.kind, self.window))
            self.window.show_problems()

    def _on_finished(self, event: SessionFinished) -> None:
        self._cue_link.release()
        window = self.window
        title = window.session.title if window.session else ""
        self.finish_screen.show_summary(event.summary, title)
        self.log_area.start_over()
        window.stack.setCurrentWidget(self.finish_screen)
        if window.session is not None:
            self.session_finished.emit(window.session, event.summary)

    def _again(self) -> None:
        self.log_area.keep_answers()
        session = self.window.session
        if session is not None:
            self.window.start_session(session)
