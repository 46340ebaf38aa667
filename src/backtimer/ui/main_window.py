"""The main window: start, session and finish screens in one stack, with the menus and keys.

It wires the parts together and owns no timing: the adapter counts, the screens draw, the cues
and the history log listen. Dialogs go through replaceable functions (``ask_stop``,
``ask_safety``, ``show_safety``, and the ``file_prompts`` and ``prompts`` of the session
dialogs) so tests can answer them.

Start-up comes in three stages, so the first frame costs little more than a bare window:

1. ``__init__`` builds only the frame: the menu bar's titles and a ``LoadingScreen`` (the start
   screen's heading and "Loading sessions…"). This module imports nothing heavier than that.
2. Right after that frame is painted (seen by an event filter, since a 0 ms timer would run
   before it), the settings and library are read (when they were given as callables) and the
   real start screen, the notice bar, the actions and the menus' items take the loading
   screen's place.
3. Once the start screen has been painted, the parts a session needs are built one per turn of
   the event loop: the runner adapter and the session screen, the finish screen and the history
   log, the window icon, then whatever ``defer()`` was given (the app's cues).

Anything that needs a later part builds it on the spot (the properties below), and starting a
session first finishes every stage, so nothing depends on the timing of stages 2 and 3.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from backtimer.ui.geometry import load_geometry, save_geometry
from backtimer.ui.loading_screen import LoadingScreen
from backtimer.ui.theme import step_colour
from backtimer.ui.words import tr

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QCloseEvent, QKeySequence

    from backtimer.engine.clock import Clock
    from backtimer.engine.events import Event, SessionFinished
    from backtimer.session.model import Session
    from backtimer.store.library import Library
    from backtimer.store.paths import Paths
    from backtimer.store.settings import Settings
    from backtimer.store.user_sessions import UserSessions
    from backtimer.ui.adapter import RunnerAdapter
    from backtimer.ui.cues_port import CuesLike
    from backtimer.ui.finish_screen import FinishScreen
    from backtimer.ui.flash import FlashOverlay
    from backtimer.ui.history_view import HistoryView
    from backtimer.ui.library_actions import LibraryActions
    from backtimer.ui.my_sessions import Prompts
    from backtimer.ui.notice_bar import NoticeBar
    from backtimer.ui.overlay import ShortcutsOverlay
    from backtimer.ui.session_files import FilePrompts
    from backtimer.ui.session_log import LogArea, SessionLog
    from backtimer.ui.session_screen import SessionScreen
    from backtimer.ui.settings_dialog import SettingsDialog
    from backtimer.ui.start_screen import StartScreen

log = logging.getLogger(__name__)

DEFAULT_SIZE = (1280, 800)
MIN_SIZE = (720, 480)


def confirm_stop(parent: QWidget) -> bool:
    """Ask before ending a session early; the count goes on while the question is open."""
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
    from backtimer.ui.safety import ask_safety_first as ask

    return ask(parent)


def show_safety_note(parent: QWidget) -> None:
    from backtimer.ui.safety import show_safety_note as show

    show(parent)


class PaintWatch(QObject):
    """Calls ``then`` once, on the event loop, after ``widget`` is first painted.

    A 0 ms timer set before ``show()`` runs before the first frame; a call queued from the
    widget's first paint event runs once that frame is done.
    """

    def __init__(self, widget: QWidget, then: Callable[[], object]) -> None:
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._fire)
        return False

    def _fire(self) -> None:
        self._then()
        self.deleteLater()


class MainWindow(QMainWindow):
    """BackTimer's window.

    ``library`` and ``settings`` are the values, or functions that read them: given functions,
    the window paints its first frame before calling them (stage 2 above).

    Signals:
        settings_changed(object): the ``Settings`` after they changed and were saved (the
            safety note was acknowledged, or the settings dialog saved them).
        session_finished(object, object): the ``Session`` and its ``Summary``, after the finish
            screen is shown.
    """

    settings_changed = Signal(object)
    session_finished = Signal(object, object)

    # Built in stage 2 (``_make_ready``).
    action_start: QAction
    action_pause: QAction
    action_skip: QAction
    action_back: QAction
    action_done: QAction
    action_stop: QAction
    action_finish_back: QAction
    action_fullscreen: QAction
    action_shortcuts: QAction
    action_safety: QAction
    action_quit: QAction
    action_settings: QAction
    action_history: QAction
    action_about: QAction
    shortcuts_overlay: ShortcutsOverlay

    def __init__(
        self,
        library: Library | Callable[[], Library],
        settings: Settings | Callable[[], Settings],
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
        self.paths = paths
        self._read_library = library if callable(library) else None
        self._library: Library | None = None if callable(library) else library
        self._read_settings = settings if callable(settings) else None
        self._settings: Settings | None = None if callable(settings) else settings
        self._store: UserSessions | None = None
        self._clock = clock
        self._file_prompts = file_prompts
        self._prompts = prompts
        self.cues: CuesLike | None = None
        self.ask_stop = ask_stop
        self.ask_safety = ask_safety
        self.show_safety = show_safety
        self.session: Session | None = None
        self.history_view: HistoryView | None = None
        self.settings_dialog: SettingsDialog | None = None
        # Parts built in stages 2 and 3, or on first use.
        self._ready = False
        self._notice_bar: NoticeBar | None = None
        self._start_screen: StartScreen | None = None
        self._library_actions: LibraryActions | None = None
        self._adapter: RunnerAdapter | None = None
        self._flash_overlay: FlashOverlay | None = None
        self._session_screen: SessionScreen | None = None
        self._finish_screen: FinishScreen | None = None
        self._session_log: SessionLog | None = None
        self._log_area: LogArea | None = None
        self._later: list[Callable[[], object]] = [
            lambda: self.session_screen,
            lambda: self.log_area,
            self._set_icon,
        ]
        self._warm_done = False  # stage 3 ran out of parts to build
        self.setWindowTitle("BackTimer")

        self._central = QWidget(self)
        self._column = QVBoxLayout(self._central)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(0)
        self.stack = QStackedWidget(self._central)
        self._column.addWidget(self.stack, 1)
        self.setCentralWidget(self._central)
        self._loading: LoadingScreen | None = None
        bar = self.menuBar()
        self.file_menu = bar.addMenu(tr("&File"))
        self.session_menu = bar.addMenu(tr("&Session"))
        self.view_menu = bar.addMenu(tr("&View"))
        self.help_menu = bar.addMenu(tr("&Help"))
        if self._library is None or self._settings is None:
            self._loading = LoadingScreen(self.stack)
            self.stack.addWidget(self._loading)
        else:
            self._make_ready()
        self._restore_geometry()
        PaintWatch(self, self._after_first_frame)
        if cues is not None:
            self.attach_cues(cues)

    # -- start-up stages ------------------------------------------------------------------------

    def _after_first_frame(self) -> None:
        if self._ready:
            self._warm_next()
            return
        self._make_ready()
        assert self._start_screen is not None
        PaintWatch(self._start_screen, self._warm_next)

    def _make_ready(self) -> None:
        """Stage 2: the library, the start screen, the notice bar, the actions and menus."""
        if self._ready:
            return
        self._ready = True
        from backtimer.ui.library_actions import LibraryActions
        from backtimer.ui.notice_bar import NoticeBar
        from backtimer.ui.overlay import ShortcutsOverlay
        from backtimer.ui.start_screen import StartScreen

        library = self.library
        self._notice_bar = NoticeBar(self._central)
        self._column.insertWidget(0, self._notice_bar)
        start = StartScreen(library, self.store, self.stack)
        self._start_screen = start
        self._add_screen(start)
        self.stack.setCurrentWidget(start)
        if self._loading is not None:
            self.stack.removeWidget(self._loading)
            self._loading.deleteLater()
            self._loading = None
        self._library_actions = LibraryActions(
            self.store, self, start.selected_session,
            lambda: self.settings.default_prepare,
            file_prompts=self._file_prompts, prompts=self._prompts,
        )
        self.shortcuts_overlay = ShortcutsOverlay(self._central)

        start.start_requested.connect(self.start_session)
        start.problem.connect(self.notice_bar_notify)
        start.library_changed.connect(self._library_changed)
        start.list_view.selectionModel().selectionChanged.connect(
            lambda *_: self.library_actions.refresh())
        self._library_actions.library_changed.connect(self._reload_library)
        self.stack.currentChanged.connect(self._update_actions)
        self._build_actions()
        self._fill_menus()
        self._update_actions()

    def _warm_next(self) -> None:
        """Stage 3: build the next part a session needs, then yield to the event loop."""
        if not self._later:
            self._warm_done = True
            return
        call = self._later.pop(0)
        try:
            call()
        finally:
            QTimer.singleShot(0, self, self._warm_next)

    def defer(self, call: Callable[[], object]) -> None:
        """Run ``call`` after the window's own start-up stages (or at once, if they are done).

        A session never starts before it ran: ``start_session`` finishes every stage first.
        """
        self._later.append(call)
        if self._warm_done:
            self._warm_done = False
            QTimer.singleShot(0, self, self._warm_next)

    def finish_start_up(self) -> None:
        """Run every start-up stage still waiting, now (a session is about to start)."""
        self._make_ready()
        while self._later:
            self._later.pop(0)()

    def _set_icon(self) -> None:
        from backtimer.ui.icons import app_icon  # QtSvg: not on the first frame's path

        self.setWindowIcon(app_icon())

    def _add_screen(self, screen: QWidget) -> None:
        # An explicit minimum: a small laptop screen must fit the window, even squeezed.
        screen.setMinimumSize(MIN_SIZE[0], MIN_SIZE[1])
        self.stack.addWidget(screen)

    # -- parts, built on first use --------------------------------------------------------------

    def _load(self) -> tuple[Library, Settings]:
        if self._settings is None:
            assert self._read_settings is not None
            self._settings = self._read_settings()
        if self._library is None:
            assert self._read_library is not None
            self._library = self._read_library()
        if self._store is None:
            from backtimer.store.user_sessions import UserSessions

            self._library.default_prepare = self._settings.default_prepare
            self._store = UserSessions(self._library)
        return self._library, self._settings

    @property
    def library(self) -> Library:
        return self._load()[0]

    @property
    def store(self) -> UserSessions:
        self._load()
        assert self._store is not None
        return self._store

    @property
    def start_screen(self) -> StartScreen:
        self._make_ready()
        assert self._start_screen is not None
        return self._start_screen

    @property
    def notice_bar(self) -> NoticeBar:
        self._make_ready()
        assert self._notice_bar is not None
        return self._notice_bar

    @property
    def library_actions(self) -> LibraryActions:
        self._make_ready()
        assert self._library_actions is not None
        return self._library_actions

    @property
    def adapter(self) -> RunnerAdapter:
        """The runner adapter, made on first use with its listeners."""
        if self._adapter is None:
            from backtimer.ui.adapter import RunnerAdapter

            adapter = RunnerAdapter(self._clock, self)
            self._adapter = adapter
            adapter.add_listener(self._on_event)
            adapter.session_started.connect(self._awake)
            adapter.resumed.connect(self._awake)
            adapter.paused.connect(self._release)
            adapter.finished.connect(self._on_finished)
        return self._adapter

    @property
    def flash_overlay(self) -> FlashOverlay:
        if self._flash_overlay is None:
            from backtimer.ui.flash import FlashOverlay

            self._flash_overlay = FlashOverlay(self._central)
        return self._flash_overlay

    @property
    def session_screen(self) -> SessionScreen:
        if self._session_screen is None:
            from backtimer.ui.session_screen import SessionScreen

            screen = SessionScreen(self.adapter, self.library.exercises, self.stack)
            self._session_screen = screen
            self._add_screen(screen)
            screen.stop_requested.connect(self.request_stop)
            screen.fullscreen_requested.connect(self.toggle_fullscreen)
        return self._session_screen

    @property
    def session_log(self) -> SessionLog:
        if self._session_log is None:
            from backtimer.ui.session_log import SessionLog

            paths = self.paths
            self._session_log = SessionLog(paths.history_file if paths else None, self.adapter,
                                           self)
            self._session_log.problem.connect(self.notice_bar_notify)
            self._session_log.saved.connect(self._reload_history)
        return self._session_log

    @property
    def finish_screen(self) -> FinishScreen:
        if self._finish_screen is None:
            from backtimer.ui.finish_screen import FinishScreen

            screen = FinishScreen(self.stack)
            self._finish_screen = screen
            self._add_screen(screen)
            screen.back_requested.connect(self.show_start)
            screen.again_requested.connect(self._again)
        return self._finish_screen

    @property
    def log_area(self) -> LogArea:
        """The finish screen's history part (it makes the finish screen and the log)."""
        if self._log_area is None:
            from backtimer.ui.session_log import LogArea

            screen = self.finish_screen
            self._log_area = LogArea(self.session_log, screen)
            screen.set_extra(self._log_area)
        return self._log_area

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
        return self._load()[1]

    def apply_settings(self, settings: Settings) -> None:
        """Take new settings (the settings dialog): cues, flash and get-ready follow at once."""
        self._settings = settings
        if self.library.default_prepare != settings.default_prepare:
            self.library.default_prepare = settings.default_prepare
            if self._start_screen is not None:
                self._start_screen.reload()  # the totals include the get-ready time
        if self.cues is not None:
            cues = self.cues
            self._guard(lambda: cues.director.apply_settings(settings))
        if self._running():
            self._awake()

    def _save_settings(self, settings: Settings) -> None:
        from backtimer.store.settings import save_settings

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
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QAction, QKeySequence

        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) if isinstance(k, str) else k for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QKeySequence

        key = Qt.Key
        self.action_start = self._action(
            tr("&Start selected session"),
            [QKeySequence(key.Key_Return), QKeySequence(key.Key_Enter)],
            self.start_screen.request_start,
        )
        self.action_pause = self._action(tr("&Pause / resume"), [QKeySequence(key.Key_Space)],
                                         lambda: self.adapter.toggle_pause())
        self.action_skip = self._action(tr("S&kip step"), [QKeySequence(key.Key_Right)],
                                        lambda: self.adapter.skip())
        self.action_back = self._action(tr("&Back"), [QKeySequence(key.Key_Left)],
                                        lambda: self.adapter.back())
        self.action_done = self._action(
            tr("&Done"), [QKeySequence(key.Key_Return), QKeySequence(key.Key_Enter)],
            lambda: self.adapter.done(),
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

    def _fill_menus(self) -> None:
        """The menus' items (their titles are in the first frame already)."""
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
        for action in (self.action_pause, self.action_skip, self.action_back, self.action_done,
                       self.action_stop):
            self.session_menu.addAction(action)
        self.view_menu.addAction(self.action_history)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.action_fullscreen)
        self.help_menu.addAction(self.action_safety)
        self.help_menu.addAction(self.action_shortcuts)
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.action_about)

    def _update_actions(self, *_: object) -> None:
        if not self._ready:
            return
        current = self.stack.currentWidget()
        on_start = current is self._start_screen
        on_session = self._session_screen is not None and current is self._session_screen
        self.action_start.setEnabled(on_start)
        for action in (self.action_pause, self.action_skip, self.action_back, self.action_done,
                       self.action_stop):
            action.setEnabled(on_session)
        self.action_finish_back.setEnabled(
            self._finish_screen is not None and current is self._finish_screen)
        self.library_actions.set_enabled(not on_session)
        self.action_settings.setEnabled(not on_session)
        if on_session:
            self.session_screen.setFocus()
        elif on_start:
            self.start_screen.list_view.setFocus()

    # -- screens --------------------------------------------------------------------------------

    def _running(self) -> bool:
        """Whether a session is counting or paused (never makes the adapter to find out)."""
        adapter = self._adapter
        if adapter is None:
            return False
        from backtimer.engine.runner import RunnerState

        return adapter.state in (RunnerState.RUNNING, RunnerState.PAUSED)

    def _on_finish_screen(self) -> bool:
        screen = self._finish_screen
        return screen is not None and self.stack.currentWidget() is screen

    def start_session(self, session: Session) -> bool:
        """Run ``session`` from its first step; the safety note comes first, once ever."""
        self.finish_start_up()
        if not self.settings.safety_acknowledged:
            if not self.ask_safety(self):
                return False
            self._save_settings(self.settings.with_changes(safety_acknowledged=True))
        self.session = session
        timeline = self.library.timeline(session)
        self.adapter.load(timeline)  # stops (and so logs) a run still going first
        self.session_log.begin(session, timeline)
        self.stack.setCurrentWidget(self.session_screen)
        self.adapter.start()
        return True

    def show_start(self) -> None:
        if self._running():
            self.adapter.stop()
        if self._on_finish_screen():
            self.log_area.keep_answers()
        self.stack.setCurrentWidget(self.start_screen)
        if self.session is not None:
            self.start_screen.select_id(self.session.id)

    def request_stop(self) -> None:
        if self._ready and self.shortcuts_overlay.isVisible():
            self.shortcuts_overlay.hide()
            return
        if not self._running():
            return
        if self.ask_stop(self):
            self.adapter.stop()

    def toggle_fullscreen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()
        if self._ready:
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
        from backtimer.ui.settings_dialog import SettingsDialog

        voice = getattr(self.cues, "voice", None)
        available = voice is None or getattr(voice, "problem", None) is None
        dialog = SettingsDialog(self.paths.settings_file, self.settings,
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
            from backtimer.ui.history_view import HistoryView

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
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(self, tr("About BackTimer"), tr(
            "BackTimer guides you through timed back-care exercise sessions.\n\n"
            "It is not medical advice."))

    # -- runner events --------------------------------------------------------------------------

    def _on_event(self, event: Event) -> None:
        """A plain listener like any other: the step-change flash and late notices."""
        from backtimer.engine.events import StepStarted

        if isinstance(event, StepStarted):
            if self.settings.flash:
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
        if self._running():
            self.adapter.stop()  # the history entry ends as "stopped", not "in progress"
        if self._on_finish_screen():
            self.log_area.keep_answers()
        if self._session_log is not None:
            self._session_log.close()
        if self.history_view is not None:
            self.history_view.close()
        self._release()
        self.save_window_state()
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if self._ready and event.type() == QEvent.Type.WindowStateChange:
            self.action_fullscreen.setChecked(self.isFullScreen())


def deferred(window: MainWindow, call: Callable[[], object]) -> None:
    """Run ``call`` once the event loop runs (a session named on the command line)."""
    QTimer.singleShot(0, window, call)
