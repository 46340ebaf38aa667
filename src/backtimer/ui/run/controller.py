"""The session controller: owns the running session and the parts that show and log it.

The runner adapter, the session screen with its step-change flash, the history log and the
finish screen with its log area cost time to build, so they are made on first use (the window's
``startup_stages`` asks for them after its first frames, or a session starting asks at once).
The controller knows nothing of the main window: it takes narrow inputs (the stack to show its
screens in, functions that give the exercises and the settings, the history opener) and says
what happened through signals, which the window connects to its own slots.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from backtimer.engine.runner import RunnerState
from backtimer.ui.common.theme import step_colour

if TYPE_CHECKING:
    from pathlib import Path

    from backtimer.engine.clock import Clock
    from backtimer.engine.events import Event, SessionFinished
    from backtimer.engine.runner import Snapshot
    from backtimer.session.model import Exercise, Session
    from backtimer.session.timeline import Timeline
    from backtimer.store.settings import Settings
    from backtimer.ui.finish.finish_screen import FinishScreen
    from backtimer.ui.run.adapter import RunnerAdapter
    from backtimer.ui.run.flash import FlashOverlay
    from backtimer.ui.run.session_log import LogArea, OpenLog, SessionLog
    from backtimer.ui.run.session_screen import SessionScreen

# Small enough that the window, with its menu bar (up to 30 px) and a one-line notice strip,
# fits a 800x500 screen under a title bar (784x452 left for it): each screen lays itself out
# for that space.
MIN_SIZE = (720, 380)


def add_screen(stack: QStackedWidget, screen: QWidget) -> None:
    """Put ``screen`` in the window's stack."""
    # An explicit minimum: a small laptop screen must fit the window, even squeezed.
    screen.setMinimumSize(MIN_SIZE[0], MIN_SIZE[1])
    stack.addWidget(screen)


class SessionController(QObject):
    """Runs one session at a time and owns what shows and logs it.

    ``stack`` shows the session and finish screens; ``overlay_parent`` holds the flash;
    ``exercises`` and ``settings`` give the current ones; ``history_file`` and ``open_log`` say
    where and how the log is opened (None: a window with no log, for previews);
    ``levels_path`` gives the file that keeps the level a person is on in each progression.

    Signals:
        counting(bool): True when a session starts or resumes counting, False when it pauses or
            ends (the screen may dim again).
        step_started(): a step began (the window shows late cue problems then).
        stop_requested(): the session screen's Stop button (the window asks first).
        fullscreen_requested(): the session screen's full-screen button.
        back_requested(): the finish screen's "Back to sessions".
        again_requested(object): the finish screen's "Again", with the ``Session``.
        problem(str): a line for the notice bar (the log could not be written).
        history_saved(): an entry reached the log (an open history window reloads).
        session_finished(object, object): the ``Session`` and its ``Summary``, after the finish
            screen is shown.
    """

    counting = Signal(bool)
    step_started = Signal()
    stop_requested = Signal()
    fullscreen_requested = Signal()
    back_requested = Signal()
    again_requested = Signal(object)
    problem = Signal(str)
    history_saved = Signal()
    session_finished = Signal(object, object)

    def __init__(self, parent: QWidget, stack: QStackedWidget, overlay_parent: QWidget, *,
                 clock: Clock | None, exercises: Callable[[], dict[str, Exercise]],
                 settings: Callable[[], Settings], history_file: Path | None,
                 open_log: OpenLog, levels_path: Callable[[], Path | None]) -> None:
        super().__init__(parent)
        self._host = parent
        self._stack = stack
        self._overlay_parent = overlay_parent
        self._clock = clock
        self._exercises = exercises
        self._settings = settings
        self._history_file = history_file
        self._open_log = open_log
        self._levels_path = levels_path
        self.session: Session | None = None
        self._adapter: RunnerAdapter | None = None
        self._flash_overlay: FlashOverlay | None = None
        self._session_screen: SessionScreen | None = None
        self._finish_screen: FinishScreen | None = None
        self._session_log: SessionLog | None = None
        self._log_area: LogArea | None = None
        self._full_screen = False

    # -- the parts, each made on first use ---------------------------------------------------

    @property
    def adapter(self) -> RunnerAdapter:
        """The runner adapter, with the controller listening."""
        if self._adapter is None:
            from backtimer.ui.run.adapter import RunnerAdapter

            adapter = RunnerAdapter(self._clock, self._host)
            self._adapter = adapter
            adapter.add_listener(self._on_event)
            adapter.session_started.connect(lambda _event: self.counting.emit(True))
            adapter.resumed.connect(lambda _event: self.counting.emit(True))
            adapter.paused.connect(lambda _event: self.counting.emit(False))
            adapter.finished.connect(self._on_finished)
            adapter.snapshot_changed.connect(self._on_snapshot)
        return self._adapter

    @property
    def flash_overlay(self) -> FlashOverlay:
        if self._flash_overlay is None:
            from backtimer.ui.run.flash import FlashOverlay

            self._flash_overlay = FlashOverlay(self._overlay_parent)
        return self._flash_overlay

    def set_full_screen(self, full: bool) -> None:
        """The window is in full screen (or not): the session screen's button shows it."""
        self._full_screen = full
        if self._session_screen is not None:
            self._session_screen.set_full_screen(full)

    @property
    def session_screen(self) -> SessionScreen:
        if self._session_screen is None:
            from backtimer.ui.run.session_screen import SessionScreen

            screen = SessionScreen(self.adapter, self._exercises(), self._stack)
            screen.figure_view.set_reduce_motion(self._settings().reduce_motion)
            self._session_screen = screen
            screen.set_full_screen(self._full_screen)
            add_screen(self._stack, screen)
            screen.stop_requested.connect(self.stop_requested)
            screen.fullscreen_requested.connect(self.fullscreen_requested)
        return self._session_screen

    def set_reduce_motion(self, reduce: bool) -> None:
        """The "reduce motion" setting: exercise figures hold their key pose."""
        if self._session_screen is not None:
            self._session_screen.figure_view.set_reduce_motion(reduce)

    @property
    def session_log(self) -> SessionLog:
        if self._session_log is None:
            from backtimer.ui.run.session_log import SessionLog

            log = SessionLog(self._history_file, self.adapter, self._host,
                             open_log=self._open_log)
            self._session_log = log
            log.problem.connect(self.problem)
            log.saved.connect(self.history_saved)
        return self._session_log

    @property
    def finish_screen(self) -> FinishScreen:
        if self._finish_screen is None:
            from backtimer.ui.finish.finish_screen import FinishScreen

            screen = FinishScreen(self._stack)
            self._finish_screen = screen
            add_screen(self._stack, screen)
            screen.back_requested.connect(self.back_requested)
            screen.again_requested.connect(self._again)
        return self._finish_screen

    @property
    def log_area(self) -> LogArea:
        """The finish screen's history part (it makes the finish screen and the log)."""
        if self._log_area is None:
            from backtimer.ui.run.session_log import LogArea

            screen = self.finish_screen
            self._log_area = LogArea(self.session_log, screen, levels_path=self._levels_path())
            screen.set_extra(self._log_area)
        return self._log_area

    # -- commands ------------------------------------------------------------------------------

    def start(self, session: Session, timeline: Timeline) -> None:
        """Run ``timeline`` (of ``session``) from its first step, on the session screen."""
        self.session = session
        self.adapter.load(timeline)  # stops (and so logs) a run still going first
        self.session_log.begin(session, timeline)
        self._stack.setCurrentWidget(self.session_screen)
        # Everything built so far (library, window, screens) is moved out of the garbage
        # collector's sight while the session counts: its rounds then look only at what the
        # session makes (before, they walked every object: ~10% of the CPU while counting).
        # Given back when the session ends, so nothing that became garbage meanwhile is kept.
        gc.freeze()
        self.adapter.start()

    def stop(self) -> None:
        """Stop a session that counts or is paused (logged as stopped); nothing otherwise."""
        if self.running():
            self.adapter.stop()

    def leave_finish(self) -> None:
        """The finish screen is left: the answers given on it are kept with the entry."""
        if self.showing_finish():
            self.log_area.keep_answers()

    def close(self) -> None:
        """The window closes: a running session ends as stopped and the log lets go."""
        self.stop()
        self.leave_finish()
        if self._session_log is not None:
            self._session_log.close()

    def hold(self) -> bool:
        """A question or overlay now covers the session: pause it if it counts.

        Returns whether it paused here, to hand to ``release`` when the cover goes: a session
        the person had paused stays paused.
        """
        from backtimer.engine.runner import RunnerState

        adapter = self._adapter
        if adapter is None or adapter.state is not RunnerState.RUNNING:
            return False
        adapter.pause()
        return True

    def release(self, held: bool) -> None:
        """The cover is gone: resume the session if ``hold`` paused it and it is still paused."""
        from backtimer.engine.runner import RunnerState

        adapter = self._adapter
        if held and adapter is not None and adapter.state is RunnerState.PAUSED:
            adapter.resume()

    # -- questions that never make a part to answer --------------------------------------------

    def running(self) -> bool:
        """Whether a session is counting or paused."""
        adapter = self._adapter
        if adapter is None:
            return False
        from backtimer.engine.runner import RunnerState

        return adapter.state in (RunnerState.RUNNING, RunnerState.PAUSED)

    def showing_session(self) -> bool:
        screen = self._session_screen
        return screen is not None and self._stack.currentWidget() is screen

    def showing_finish(self) -> bool:
        screen = self._finish_screen
        return screen is not None and self._stack.currentWidget() is screen

    # -- runner events and the finish screen's buttons -----------------------------------------

    def _on_event(self, event: Event) -> None:
        """A plain listener like any other: the step-change flash and late notices."""
        from backtimer.engine.events import StepStarted

        if isinstance(event, StepStarted):
            if self._settings().flash:
                self.flash_overlay.flash(step_colour(event.step.kind, self._host))
            self.step_started.emit()

    def _on_snapshot(self, snapshot: Snapshot) -> None:
        """The flash fades on the session's frames (no wake-ups of its own)."""
        overlay = self._flash_overlay
        if overlay is not None and overlay.active and snapshot.state is RunnerState.RUNNING:
            overlay.frame_at(snapshot.elapsed)

    def _on_finished(self, event: SessionFinished) -> None:
        gc.unfreeze()  # frozen while counting (``start``)
        self.counting.emit(False)
        title = self.session.title if self.session else ""
        self.finish_screen.show_summary(event.summary, title)
        self.log_area.start_over()
        self._stack.setCurrentWidget(self.finish_screen)
        if self.session is not None:
            self.session_finished.emit(self.session, event.summary)

    def _again(self) -> None:
        self.log_area.keep_answers()
        if self.session is not None:
            self.again_requested.emit(self.session)
