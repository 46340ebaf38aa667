"""The main window: start, session and finish screens in one stack, with the menus and keys.

It wires the parts together and owns no timing: the adapter counts, the screens draw, the cues
and the history log listen. Dialogs go through replaceable functions (``ask_stop``,
``ask_safety``, ``show_safety``, and the ``file_prompts`` and ``prompts`` of the session
dialogs) so tests can answer them.

Its jobs live in small modules: ``startup_stages`` (a light first frame, then the rest in
stages: read it for the order things are built in), ``session_parts`` (what runs a session,
made on first use), ``window_actions`` (actions, keys and menus), ``window_cues`` (sound, voice
and keep-awake, guarded), ``side_windows`` (the settings dialog and the history window) and
``window_dialogs`` (the questions it asks). This module imports nothing heavier than the first
frame needs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast, overload

from PySide6.QtCore import QByteArray, QEvent, QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from backtimer.ui.common.words import tr
from backtimer.ui.run.session_parts import MIN_SIZE, SessionParts, add_screen
from backtimer.ui.shell.geometry import load_geometry, save_geometry
from backtimer.ui.shell.side_windows import SideWindows
from backtimer.ui.shell.startup_stages import PaintWatch, StartUp
from backtimer.ui.shell.window_cues import CueLink
from backtimer.ui.shell.window_dialogs import ask_safety_first, confirm_stop, show_safety_note
from backtimer.ui.start.loading_screen import LoadingScreen

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QCloseEvent

    from backtimer.engine.clock import Clock
    from backtimer.session.model import Session
    from backtimer.store.library import Library
    from backtimer.store.paths import Paths
    from backtimer.store.settings import Settings
    from backtimer.store.user_sessions import UserSessions
    from backtimer.ui.finish.finish_screen import FinishScreen
    from backtimer.ui.history.history_view import HistoryView
    from backtimer.ui.library.library_actions import LibraryActions
    from backtimer.ui.library.my_sessions import Prompts
    from backtimer.ui.library.session_files import FilePrompts
    from backtimer.ui.run.adapter import RunnerAdapter
    from backtimer.ui.run.flash import FlashOverlay
    from backtimer.ui.run.session_log import LogArea, SessionLog
    from backtimer.ui.run.session_screen import SessionScreen
    from backtimer.ui.settings.settings_dialog import SettingsDialog
    from backtimer.ui.shell.cues_port import CuesLike
    from backtimer.ui.shell.notice_bar import NoticeBar
    from backtimer.ui.shell.overlay import ShortcutsOverlay
    from backtimer.ui.shell.window_actions import WindowActions
    from backtimer.ui.start.start_screen import StartScreen

# The names other modules and tests have imported from here.
__all__ = [
    "DEFAULT_SIZE", "MIN_SIZE", "MainWindow", "PaintWatch", "ask_safety_first", "confirm_stop",
    "deferred", "show_safety_note",
]

DEFAULT_SIZE = (1280, 800)


class ActionOf:
    """A window's ``action_<name>``: its ``window_actions.<name>`` (made in stage 2).

    Defined here, not beside ``WindowActions``: importing QtGui's action classes costs the first
    frame ~10 ms, so that module is imported in stage 2.
    """

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name.removeprefix("action_")

    @overload
    def __get__(self, window: None, owner: type) -> ActionOf: ...

    @overload
    def __get__(self, window: MainWindow, owner: type) -> QAction: ...

    def __get__(self, window: MainWindow | None, owner: type) -> QAction | ActionOf:
        if window is None:
            return self
        return cast("QAction", getattr(window.window_actions, self._name))


class MainWindow(QMainWindow):
    """BackTimer's window.

    ``library`` and ``settings`` are the values, or functions that read them: given functions,
    the window paints its first frame before calling them (stage 2 of ``startup_stages``).

    Signals:
        settings_changed(object): the ``Settings`` after they changed and were saved (the
            safety note was acknowledged, or the settings dialog saved them).
        session_finished(object, object): the ``Session`` and its ``Summary``, after the finish
            screen is shown.
    """

    settings_changed = Signal(object)
    session_finished = Signal(object, object)

    # Built in stage 2 (``_build_ready``).
    action_start = ActionOf()
    action_pause = ActionOf()
    action_skip = ActionOf()
    action_back = ActionOf()
    action_done = ActionOf()
    action_stop = ActionOf()
    action_finish_back = ActionOf()
    action_fullscreen = ActionOf()
    action_shortcuts = ActionOf()
    action_safety = ActionOf()
    action_quit = ActionOf()
    action_settings = ActionOf()
    action_history = ActionOf()
    action_about = ActionOf()
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
        self._file_prompts = file_prompts
        self._prompts = prompts
        self.ask_stop = ask_stop
        self.ask_safety = ask_safety
        self.show_safety = show_safety
        self.session: Session | None = None
        # Parts built in stage 2, or on first use.
        self._notice_bar: NoticeBar | None = None
        self._start_screen: StartScreen | None = None
        self._library_actions: LibraryActions | None = None
        self._window_actions: WindowActions | None = None
        lazy = self._library is None or self._settings is None
        self._startup = StartUp(self, self._build_ready, [
            lambda: self.session_screen,
            lambda: self.log_area,
            self._set_icon,
        ], load=self._load if lazy else None, preload=_import_readers)
        self.setWindowTitle("BackTimer")

        self._central = QWidget(self)
        self._column = QVBoxLayout(self._central)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(0)
        self.stack = QStackedWidget(self._central)
        self._column.addWidget(self.stack, 1)
        self.setCentralWidget(self._central)
        self._cue_link = CueLink(self.notice_bar_notify)
        self._side = SideWindows(self, paths, settings=lambda: self.settings,
                                 cues=lambda: self.cues, settings_saved=self._settings_saved,
                                 notify=self.notice_bar_notify)
        self._parts = SessionParts(self, self._central, clock, self._cue_link, self._side)
        self._parts.session_finished.connect(self.session_finished)
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
        if cues is not None:
            self.attach_cues(cues)

    # -- start-up stages ------------------------------------------------------------------------

    @property
    def _ready(self) -> bool:
        return self._startup.ready

    def _make_ready(self) -> None:
        """Stage 2, now, unless it already ran."""
        self._startup.make_ready()

    def _build_ready(self) -> QWidget:
        """Stage 2: the library, the start screen, the notice bar, the actions and menus."""
        from backtimer.ui.library.library_actions import LibraryActions
        from backtimer.ui.shell.notice_bar import NoticeBar
        from backtimer.ui.shell.overlay import ShortcutsOverlay
        from backtimer.ui.shell.window_actions import WindowActions
        from backtimer.ui.start.start_screen import StartScreen

        library = self.library
        self._notice_bar = NoticeBar(self._central)
        self._column.insertWidget(0, self._notice_bar)
        start = StartScreen(library, self.store, self.stack)
        self._start_screen = start
        add_screen(self.stack, start)
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
        self._window_actions = WindowActions(self)
        self._window_actions.fill_menus(self._library_actions)
        self._update_actions()
        self._notify_folder_problems()
        return start

    def defer(self, call: Callable[[], object]) -> None:
        """Run ``call`` after the window's own start-up stages (or at once, if they are done).

        A session never starts before it ran: ``start_session`` finishes every stage first.
        """
        self._startup.defer(call)

    def finish_start_up(self) -> None:
        """Run every start-up stage still waiting, now (a session is about to start)."""
        self._startup.finish()

    def _set_icon(self) -> None:
        from backtimer.ui.common.icons import app_icon  # QtSvg: not on the first frame's path

        self.setWindowIcon(app_icon())

    # -- the library, the settings and the stage 2 parts, read or built on first use ------------

    def _load(self) -> tuple[Library, Settings]:
        """The library and settings, read once: on the start-up worker thread, or on first use.

        A read still running on the worker is waited for, never started a second time.
        """
        self._startup.wait_loaded()
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
    def settings(self) -> Settings:
        return self._load()[1]

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
    def window_actions(self) -> WindowActions:
        """The window's actions (the ``action_*`` attributes are these)."""
        self._make_ready()
        assert self._window_actions is not None
        return self._window_actions

    # -- the session's parts (``session_parts``), made on first use -----------------------------

    @property
    def adapter(self) -> RunnerAdapter:
        """The runner adapter, made on first use with its listeners."""
        return self._parts.adapter

    @property
    def flash_overlay(self) -> FlashOverlay:
        return self._parts.flash_overlay

    @property
    def session_screen(self) -> SessionScreen:
        return self._parts.session_screen

    @property
    def session_log(self) -> SessionLog:
        return self._parts.session_log

    @property
    def finish_screen(self) -> FinishScreen:
        return self._parts.finish_screen

    @property
    def log_area(self) -> LogArea:
        """The finish screen's history part (it makes the finish screen and the log)."""
        return self._parts.log_area

    # -- cues (``window_cues``) -----------------------------------------------------------------

    @property
    def cues(self) -> CuesLike | None:
        """The sound, voice and keep-awake parts; ``None`` until ``attach_cues``."""
        return self._cue_link.cues

    def attach_cues(self, cues: CuesLike) -> None:
        """Let ``cues`` hear every runner event and keep the screen awake while counting."""
        self._cue_link.attach(cues, self.adapter)

    def show_problems(self) -> None:
        """Show each cue problem once (no sound device, no speech, the screen may dim)."""
        self._cue_link.show_problems()

    def notice_bar_notify(self, text: str) -> None:
        self.notice_bar.notify(text)

    # -- settings -------------------------------------------------------------------------------

    def apply_settings(self, settings: Settings) -> None:
        """Take new settings (the settings dialog): cues, flash and get-ready follow at once."""
        self._settings = settings
        if self.library.default_prepare != settings.default_prepare:
            self.library.default_prepare = settings.default_prepare
            if self._start_screen is not None:
                self._start_screen.reload()  # the totals include the get-ready time
        self._cue_link.apply_settings(settings)
        if self._parts.running():
            self._cue_link.awake()

    def _save_settings(self, settings: Settings) -> None:
        from backtimer.store.settings import SettingsUnreadableError, save_settings

        self._settings = settings
        if self.paths is not None:
            try:
                save_settings(self.paths.settings_file, settings)
            except SettingsUnreadableError as error:  # kept: used for this run only
                from backtimer.ui.settings.settings_words import unreadable_text

                self.notice_bar.notify(unreadable_text(error.problem))
            except OSError as error:
                self.notice_bar.notify(
                    tr("Could not save your settings: {error}").format(error=error.strerror)
                )
        self.settings_changed.emit(settings)

    def _settings_saved(self, settings: Settings) -> None:
        self.apply_settings(settings)
        self.settings_changed.emit(settings)

    # -- the settings dialog and the history window (``side_windows``) --------------------------

    @property
    def settings_dialog(self) -> SettingsDialog | None:
        return self._side.settings_dialog

    @property
    def history_view(self) -> HistoryView | None:
        return self._side.history_view

    def open_settings(self) -> SettingsDialog | None:
        """The settings dialog; it saves the file itself, and the window applies the result."""
        return self._side.open_settings()

    def open_history(self) -> HistoryView | None:
        """The history window: one of it, brought to the front when it is already open."""
        return self._side.open_history()

    # -- screens --------------------------------------------------------------------------------

    def _update_actions(self, *_: object) -> None:
        if not self._ready:
            return
        on_start = self.stack.currentWidget() is self._start_screen
        on_session = self._parts.showing_session()
        self.window_actions.follow_screen(on_start=on_start, on_session=on_session,
                                          on_finish=self._parts.showing_finish())
        self.library_actions.set_enabled(not on_session)
        if on_session:
            self.session_screen.setFocus()
        elif on_start:
            self.start_screen.list_view.setFocus()

    def start_session(self, session: Session) -> bool:
        """Run ``session`` from its first step; the safety note comes first, once ever."""
        self.finish_start_up()
        if not self.settings.safety_acknowledged:
            if not self.ask_safety(self):
                return False
            self._save_settings(self.settings.with_changes(safety_acknowledged=True))
        self.session = session
        from backtimer.store.levels import chosen_level, levels_file

        level = chosen_level(levels_file(self.paths) if self.paths else None, session)
        timeline = self.library.timeline(session, level)  # the level picked on the start screen
        self.adapter.load(timeline)  # stops (and so logs) a run still going first
        self.session_log.begin(session, timeline)
        self.stack.setCurrentWidget(self.session_screen)
        self.adapter.start()
        return True

    def show_start(self) -> None:
        if self._parts.running():
            self.adapter.stop()
        if self._parts.showing_finish():
            self.log_area.keep_answers()
        self.stack.setCurrentWidget(self.start_screen)
        if self.session is not None:
            self.start_screen.select_id(self.session.id)

    def request_stop(self) -> None:
        if self._ready and self.shortcuts_overlay.isVisible():
            self.shortcuts_overlay.hide()
            return
        if not self._parts.running():
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

    # -- the user's sessions --------------------------------------------------------------------

    def _reload_library(self, select: str) -> None:
        """A dialog changed the user's sessions: the list follows, keeping the selection."""
        self.start_screen.reload(select or None)
        self._library_changed(select)
        self._notify_folder_problems()

    def _notify_folder_problems(self) -> None:
        """The user's sessions folder could not be listed: say so, not just show fewer."""
        from backtimer.ui.library.library_actions import folder_notices

        for text in folder_notices(self.library):
            self.notice_bar.notify(text)

    def _library_changed(self, _select: str) -> None:
        self.library_actions.refresh()
        dialog = self.library_actions.my_sessions
        if dialog is not None and dialog.isVisible():
            dialog.refresh()

    # -- window ---------------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        data = load_geometry(self.paths)
        if data is None or not self.restoreGeometry(QByteArray(data)):
            self.resize(*DEFAULT_SIZE)

    def save_window_state(self) -> None:
        save_geometry(self.paths, bytes(self.saveGeometry().data()))

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._parts.running():
            self.adapter.stop()  # the history entry ends as "stopped", not "in progress"
        if self._parts.showing_finish():
            self.log_area.keep_answers()
        self._parts.close_log()
        self._side.close()
        self._cue_link.release()
        self.save_window_state()
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if self._ready and event.type() == QEvent.Type.WindowStateChange:
            self.action_fullscreen.setChecked(self.isFullScreen())


def _import_readers() -> None:
    """Import what ``_load`` uses, on the GUI thread, before the worker thread runs it."""
    import backtimer.store.library
    import backtimer.store.settings
    import backtimer.store.user_sessions  # noqa: F401


def deferred(window: MainWindow, call: Callable[[], object]) -> None:
    """Run ``call`` once the event loop runs (a session named on the command line)."""
    QTimer.singleShot(0, window, call)
