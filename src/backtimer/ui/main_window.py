"""The main window: start, session and finish screens in one stack, with the menus and keys.

It wires the parts together and owns no timing: the adapter counts, the screens draw, the cues
and the history log listen. Dialogs go through replaceable functions (``ask_stop``,
``ask_safety``, ``show_safety``, and the ``file_prompts`` and ``prompts`` of the session
dialogs) so tests can answer them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QByteArray, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox, QStackedWidget, QVBoxLayout, QWidget

from backtimer.engine.clock import Clock
from backtimer.engine.events import Event, SessionFinished, StepStarted
from backtimer.engine.runner import RunnerState
from backtimer.session.model import Session
from backtimer.store.library import Library
from backtimer.store.paths import Paths
from backtimer.store.settings import Settings, save_settings
from backtimer.store.user_sessions import UserSessions
from backtimer.ui.adapter import RunnerAdapter
from backtimer.ui.cues_port import CuesLike
from backtimer.ui.finish_screen import FinishScreen
from backtimer.ui.flash import FlashOverlay
from backtimer.ui.geometry import load_geometry, save_geometry
from backtimer.ui.history_view import HistoryView
from backtimer.ui.icons import app_icon
from backtimer.ui.library_actions import LibraryActions
from backtimer.ui.my_sessions import Prompts
from backtimer.ui.notice_bar import NoticeBar
from backtimer.ui.overlay import ShortcutsOverlay
from backtimer.ui.safety import ask_safety_first, show_safety_note
from backtimer.ui.session_files import FilePrompts
from backtimer.ui.session_log import LogArea, SessionLog
from backtimer.ui.session_screen import SessionScreen
from backtimer.ui.settings_dialog import SettingsDialog
from backtimer.ui.start_screen import StartScreen
from backtimer.ui.theme import step_colour
from backtimer.ui.words import tr

log = logging.getLogger(__name__)

DEFAULT_SIZE = (1280, 800)
MIN_SIZE = (720, 480)


def confirm_stop(parent: QWidget) -> bool:
    """Ask before ending a session early; the count goes on while the question is open."""
    answer = QMessageBox.question(
        parent, tr("Stop the session?"),
        tr("Stop this session now? What you have done so far is kept."),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


class MainWindow(QMainWindow):
    """BackTimer's window.

    Signals:
        settings_changed(object): the ``Settings`` after they changed and were saved (the
            safety note was acknowledged, or the settings dialog saved them).
        session_finished(object, object): the ``Session`` and its ``Summary``, after the finish
            screen is shown.
    """

    settings_changed = Signal(object)
    session_finished = Signal(object, object)

    def __init__(
        self,
        library: Library,
        settings: Settings,
        paths: Paths | None,
        *,
        clock: Clock | None = None,
        cues: CuesLike | None = None,
        ask_stop: Callable[[QWidget], bool] = confirm_stop,
        ask_safety: Callable[[QWidget], bool] = ask_safety_first,
        show_safety: Callable[[QWidget], None] = show_safety_note,
        file_prompts: FilePrompts | None = None,
        prompts: Prompts | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.paths = paths
        self._settings = settings
        library.default_prepare = settings.default_prepare
        self.store = UserSessions(library)
        self.cues: CuesLike | None = None
        self.ask_stop = ask_stop
        self.ask_safety = ask_safety
        self.show_safety = show_safety
        self.session: Session | None = None
        self.setWindowTitle("BackTimer")
        self.setWindowIcon(app_icon())

        self.adapter = RunnerAdapter(clock, self)
        self.adapter.add_listener(self._on_event)

        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.notice_bar = NoticeBar(central)
        column.addWidget(self.notice_bar)
        self.stack = QStackedWidget(central)
        column.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.start_screen = StartScreen(library, self.store, self.stack)
        self.session_screen = SessionScreen(self.adapter, library.exercises, self.stack)
        self.finish_screen = FinishScreen(self.stack)
        self.session_log = SessionLog(paths.history_file if paths else None, self.adapter, self)
        self.log_area = LogArea(self.session_log, self.finish_screen)
        self.finish_screen.set_extra(self.log_area)
        self.history_view: HistoryView | None = None
        self.settings_dialog: SettingsDialog | None = None
        self.library_actions = LibraryActions(
            self.store, self, self.start_screen.selected_session,
            lambda: self._settings.default_prepare, file_prompts=file_prompts, prompts=prompts,
        )
        for screen in (self.start_screen, self.session_screen, self.finish_screen):
            # An explicit minimum: a small laptop screen must fit the window, even squeezed.
            screen.setMinimumSize(MIN_SIZE[0], MIN_SIZE[1])
            self.stack.addWidget(screen)
        self.flash_overlay = FlashOverlay(central)
        self.shortcuts_overlay = ShortcutsOverlay(central)

        self.start_screen.start_requested.connect(self.start_session)
        self.session_screen.stop_requested.connect(self.request_stop)
        self.session_screen.fullscreen_requested.connect(self.toggle_fullscreen)
        self.finish_screen.back_requested.connect(self.show_start)
        self.finish_screen.again_requested.connect(self._again)
        self.adapter.session_started.connect(self._awake)
        self.adapter.resumed.connect(self._awake)
        self.adapter.paused.connect(self._release)
        self.adapter.finished.connect(self._on_finished)
        self.stack.currentChanged.connect(self._update_actions)
        self.start_screen.problem.connect(self.notice_bar_notify)
        self.start_screen.library_changed.connect(self._library_changed)
        self.start_screen.list_view.selectionModel().selectionChanged.connect(
            lambda *_: self.library_actions.refresh())
        self.library_actions.library_changed.connect(self._reload_library)
        self.session_log.problem.connect(self.notice_bar_notify)
        self.session_log.saved.connect(self._reload_history)

        self._build_actions()
        self._build_menus()
        self._update_actions()
        self._restore_geometry()
        if cues is not None:
            self.attach_cues(cues)

    def attach_cues(self, cues: CuesLike) -> None:
        """Let ``cues`` hear every runner event and keep the screen awake while counting."""
        self.cues = cues
        self.adapter.add_listener(cues.director.handle)
        found = getattr(cues, "problem_found", None)
        if found is not None:  # the real cues say when a part fails after start-up
            found.connect(self.notice_bar_notify)
        self.show_problems()

    # -- settings -------------------------------------------------------------------------------

    @property
    def settings(self) -> Settings:
        return self._settings

    def apply_settings(self, settings: Settings) -> None:
        """Take new settings (the settings dialog): cues, flash and get-ready follow at once."""
        self._settings = settings
        if self.library.default_prepare != settings.default_prepare:
            self.library.default_prepare = settings.default_prepare
            self.start_screen.reload()  # the totals include the get-ready time
        if self.cues is not None:
            cues = self.cues
            self._guard(lambda: cues.director.apply_settings(settings))
        if self.adapter.state is RunnerState.RUNNING:
            self._awake()

    def _save_settings(self, settings: Settings) -> None:
        self._settings = settings
        if self.paths is not None:
            try:
                save_settings(self.paths.settings_file, settings)
            except OSError as error:
                self.notice_bar.notify(
                    tr("Could not save your settings: {error}").format(error=error.strerror)
                )
        self.settings_changed.emit(settings)

    # -- actions and menus ----------------------------------------------------------------------

    def _action(self, text: str, keys: list[QKeySequence | str], slot: Callable[[], object],
                *, window_wide: bool = True) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) if isinstance(k, str) else k for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        key = Qt.Key
        self.action_start = self._action(
            tr("&Start selected session"),
            [QKeySequence(key.Key_Return), QKeySequence(key.Key_Enter)],
            self.start_screen.request_start,
        )
        self.action_pause = self._action(tr("&Pause / resume"), [QKeySequence(key.Key_Space)],
                                         self.adapter.toggle_pause)
        self.action_skip = self._action(tr("S&kip step"), [QKeySequence(key.Key_Right)],
                                        self.adapter.skip)
        self.action_back = self._action(tr("&Back"), [QKeySequence(key.Key_Left)],
                                        self.adapter.back)
        self.action_done = self._action(
            tr("&Done"), [QKeySequence(key.Key_Return), QKeySequence(key.Key_Enter)],
            self.adapter.done,
        )
        self.action_stop = self._action(tr("S&top session…"), [QKeySequence(key.Key_Escape)],
                                        self.request_stop)
        self.action_finish_back = self._action(
            tr("Back to sessions"), [QKeySequence(key.Key_Return), QKeySequence(key.Key_Enter)],
            self.show_start,
        )
        self.action_fullscreen = self._action(tr("&Full screen"), [QKeySequence(key.Key_F11)],
                                              self.toggle_fullscreen)
        self.action_fullscreen.setCheckable(True)
        self.action_shortcuts = self._action(
            tr("&Keyboard shortcuts"),
            [QKeySequence(key.Key_F1), QKeySequence("?"), QKeySequence("Shift+?")],
            self.shortcuts_overlay.toggle,
        )
        self.action_safety = self._action(tr("&Safety note"), [], lambda: self.show_safety(self))
        self.action_quit = self._action(
            tr("&Quit"), [QKeySequence(QKeySequence.StandardKey.Quit), QKeySequence("Ctrl+Q")],
            self.close,
        )
        self.action_settings = self._action(tr("Se&ttings…"), [QKeySequence("Ctrl+,")],
                                            self.open_settings)
        self.action_history = self._action(tr("&History…"), [QKeySequence("Ctrl+H")],
                                           self.open_history)
        self.action_about = self._action(tr("&About BackTimer"), [], self._about)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu(tr("&File"))
        self.file_menu.addAction(self.action_start)
        self.file_menu.addSeparator()
        actions = self.library_actions
        self.file_menu.addAction(actions.new_action)
        self.file_menu.addAction(actions.my_sessions_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(actions.import_action)
        self.file_menu.addAction(actions.export_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.action_settings)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.action_quit)
        self.session_menu = bar.addMenu(tr("&Session"))
        for action in (self.action_pause, self.action_skip, self.action_back, self.action_done,
                       self.action_stop):
            self.session_menu.addAction(action)
        self.view_menu = bar.addMenu(tr("&View"))
        self.view_menu.addAction(self.action_history)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.action_fullscreen)
        self.help_menu = bar.addMenu(tr("&Help"))
        self.help_menu.addAction(self.action_safety)
        self.help_menu.addAction(self.action_shortcuts)
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.action_about)

    def _update_actions(self, *_: object) -> None:
        current = self.stack.currentWidget()
        on_start = current is self.start_screen
        on_session = current is self.session_screen
        self.action_start.setEnabled(on_start)
        for action in (self.action_pause, self.action_skip, self.action_back, self.action_done,
                       self.action_stop):
            action.setEnabled(on_session)
        self.action_finish_back.setEnabled(current is self.finish_screen)
        self.library_actions.set_enabled(not on_session)
        self.action_settings.setEnabled(not on_session)
        if on_session:
            self.session_screen.setFocus()
        elif on_start:
            self.start_screen.list_view.setFocus()

    # -- screens --------------------------------------------------------------------------------

    def start_session(self, session: Session) -> bool:
        """Run ``session`` from its first step; the safety note comes first, once ever."""
        if not self._settings.safety_acknowledged:
            if not self.ask_safety(self):
                return False
            self._save_settings(self._settings.with_changes(safety_acknowledged=True))
        self.session = session
        timeline = self.library.timeline(session)
        self.adapter.load(timeline)  # stops (and so logs) a run still going first
        self.session_log.begin(session, timeline)
        self.stack.setCurrentWidget(self.session_screen)
        self.adapter.start()
        return True

    def show_start(self) -> None:
        if self.adapter.state in (RunnerState.RUNNING, RunnerState.PAUSED):
            self.adapter.stop()
        if self.stack.currentWidget() is self.finish_screen:
            self.log_area.keep_answers()
        self.stack.setCurrentWidget(self.start_screen)
        if self.session is not None:
            self.start_screen.select_id(self.session.id)

    def request_stop(self) -> None:
        if self.shortcuts_overlay.isVisible():
            self.shortcuts_overlay.hide()
            return
        if self.adapter.state not in (RunnerState.RUNNING, RunnerState.PAUSED):
            return
        if self.ask_stop(self):
            self.adapter.stop()

    def toggle_fullscreen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()
        self.action_fullscreen.setChecked(self.isFullScreen())

    def _again(self) -> None:
        self.log_area.keep_answers()
        if self.session is not None:
            self.start_session(self.session)

    # -- the user's sessions and settings ------------------------------------------------------

    def _reload_library(self, select: str) -> None:
        """A dialog changed the user's sessions: the list follows, keeping the selection."""
        self.start_screen.reload(select or None)
        self._library_changed(select)

    def _library_changed(self, _select: str) -> None:
        self.library_actions.refresh()
        dialog = self.library_actions.my_sessions
        if dialog is not None and dialog.isVisible():
            dialog.refresh()

    def open_settings(self) -> SettingsDialog | None:
        """The settings dialog; it saves the file itself, and the window applies the result."""
        if self.paths is None:
            return None
        if self.settings_dialog is not None and self.settings_dialog.isVisible():
            self.settings_dialog.raise_()
            return self.settings_dialog
        voice = getattr(self.cues, "voice", None)
        available = voice is None or getattr(voice, "problem", None) is None
        dialog = SettingsDialog(self.paths.settings_file, self._settings,
                                voice_available=available, parent=self)
        dialog.settings_saved.connect(self._settings_saved)
        self.settings_dialog = dialog
        dialog.open()
        return dialog

    def _settings_saved(self, settings: Settings) -> None:
        self.apply_settings(settings)
        self.settings_changed.emit(settings)

    # -- history --------------------------------------------------------------------------------

    def open_history(self) -> HistoryView | None:
        """The history window: one of it, brought to the front when it is already open."""
        if self.paths is None:
            return None
        view = self.history_view
        if view is None or not view.isVisible():
            if view is not None:
                view.deleteLater()
            view = HistoryView.open_window(self.paths, self)
            view.problem.connect(self.notice_bar_notify)
            self.history_view = view
        view.show()
        view.raise_()
        view.activateWindow()
        return view

    def _reload_history(self) -> None:
        if self.history_view is not None and self.history_view.isVisible():
            self.history_view.reload()

    def _about(self) -> None:
        QMessageBox.about(self, tr("About BackTimer"), tr(
            "BackTimer guides you through timed back-care exercise sessions.\n\n"
            "It is not medical advice."))

    # -- runner events --------------------------------------------------------------------------

    def _on_event(self, event: Event) -> None:
        """A plain listener like any other: the step-change flash and late notices."""
        if isinstance(event, StepStarted):
            if self._settings.flash:
                self.flash_overlay.flash(step_colour(event.step.kind, self))
            self.show_problems()

    def _on_finished(self, event: SessionFinished) -> None:
        self._release()
        title = self.session.title if self.session else ""
        self.finish_screen.show_summary(event.summary, title)
        self.log_area.start_over()
        self.stack.setCurrentWidget(self.finish_screen)
        if self.session is not None:
            self.session_finished.emit(self.session, event.summary)

    def _awake(self, *_: object) -> None:
        if self.cues is not None:
            keeper = self.cues.keeper
            self._guard(keeper.keep_awake)
        self.show_problems()

    def _release(self, *_: object) -> None:
        if self.cues is not None:
            keeper = self.cues.keeper
            self._guard(keeper.release)

    def notice_bar_notify(self, text: str) -> None:
        self.notice_bar.notify(text)

    def show_problems(self) -> None:
        """Show each cue problem once (no sound device, no speech, the screen may dim)."""
        if self.cues is None:
            return
        try:
            problems = list(self.cues.problems())
        except Exception:
            log.exception("could not ask the cues for their problems")
            return
        for problem in problems:
            self.notice_bar.notify(problem)

    @staticmethod
    def _guard(call: Callable[[], object]) -> None:
        """Cue and keep-awake calls must never stop a session."""
        try:
            call()
        except Exception:
            log.exception("a cue call failed; the session goes on")

    # -- window ---------------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        data = load_geometry(self.paths)
        if data is None or not self.restoreGeometry(QByteArray(data)):
            self.resize(*DEFAULT_SIZE)

    def save_window_state(self) -> None:
        save_geometry(self.paths, bytes(self.saveGeometry().data()))

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.adapter.state in (RunnerState.RUNNING, RunnerState.PAUSED):
            self.adapter.stop()  # the history entry ends as "stopped", not "in progress"
        if self.stack.currentWidget() is self.finish_screen:
            self.log_area.keep_answers()
        self.session_log.close()
        if self.history_view is not None:
            self.history_view.close()
        self._release()
        self.save_window_state()
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.WindowStateChange:
            self.action_fullscreen.setChecked(self.isFullScreen())


def deferred(window: MainWindow, call: Callable[[], object]) -> None:
    """Run ``call`` once the event loop runs (a session named on the command line)."""
    QTimer.singleShot(0, window, call)
