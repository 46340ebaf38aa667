"""The main window: start, session and finish screens in one stack, with the menus and keys.

It wires the parts together and owns no timing: the adapter counts, the screens draw, the cues
and the history log listen. Dialogs go through replaceable functions (``ask_stop``,
``ask_safety``, ``show_safety``, and the ``file_prompts`` and ``prompts`` of the session
dialogs) so tests can answer them.

Its jobs live in small modules: ``startup_stages`` (a light first frame, then the rest in
stages: read it for the order things are built in), ``ui.run.controller`` (the session
controller: what runs a session, made on first use, speaking through signals),
``window_actions`` (actions, keys and menus, given what they trigger as calls), ``window_cues``
(sound, voice and keep-awake, guarded), ``side_windows`` (the settings dialog and the history
window) and ``window_dialogs`` (the questions it asks). No module it uses imports it back. This
module imports nothing heavier than the first frame needs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from backtimer.ui.common.screen_fit import fit_to_screen
from backtimer.ui.common.words import tr
from backtimer.ui.run.controller import MIN_SIZE, SessionController, add_screen
from backtimer.ui.shell.geometry import load_geometry, save_geometry
from backtimer.ui.shell.side_windows import SideWindows
from backtimer.ui.shell.startup_stages import StartUp
from backtimer.ui.shell.window_cues import CueLink
from backtimer.ui.shell.window_dialogs import (
    ask_safety_first,
    confirm_stop,
    show_about,
    show_safety_note,
)
from backtimer.ui.start.loading_screen import LoadingScreen

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtGui import QCloseEvent

    from backtimer.engine.clock import Clock
    from backtimer.session.model import Session
    from backtimer.store.library import Library
    from backtimer.store.paths import Paths
    from backtimer.store.settings import Settings
    from backtimer.store.user_sessions import UserSessions
    from backtimer.ui.handout.handout_actions import HandoutActions, HandoutPrompts
    from backtimer.ui.library.library_actions import LibraryActions
    from backtimer.ui.library.my_sessions import Prompts
    from backtimer.ui.library.session_files import FilePrompts
    from backtimer.ui.run.session_log import OpenLog
    from backtimer.ui.shell.cues_port import CuesLike
    from backtimer.ui.shell.notice_bar import NoticeBar
    from backtimer.ui.shell.overlay import ShortcutsOverlay
    from backtimer.ui.shell.settings_writer import SettingsWriter
    from backtimer.ui.shell.window_actions import WindowActions
    from backtimer.ui.start.start_screen import StartScreen

# The names other modules and tests have imported from here.
__all__ = ["DEFAULT_SIZE", "MIN_SIZE", "MainWindow", "deferred"]

DEFAULT_SIZE = (1280, 800)


class MainWindow(QMainWindow):
    """BackTimer's window.

    ``library`` and ``settings`` are the values, or functions that read them: given functions,
    the window paints its first frame before calling them (stage 2 of ``startup_stages``).

    Signals:
        settings_changed(object): the ``Settings`` after they changed and were saved (the
            safety note was acknowledged, or the settings dialog saved them).
        session_finished(object, object): the ``Session`` and its ``Summary``, after the finish
            screen is shown.
        closed(): the window closed for good (not hidden to the tray); the app may end.
    """

    settings_changed = Signal(object)
    session_finished = Signal(object, object)
    closed = Signal()

    shortcuts_overlay: ShortcutsOverlay
    handout_actions: HandoutActions

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
        user_sessions: Callable[[Library], UserSessions] | None = None,
        open_log: OpenLog | None = None,
        handout_prompts: HandoutPrompts | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.paths = paths
        self._handout_prompts = handout_prompts
        self._read_library = library if callable(library) else None
        self._library: Library | None = None if callable(library) else library
        self._read_settings = settings if callable(settings) else None
        self._settings: Settings | None = None if callable(settings) else settings
        self._store: UserSessions | None = None
        self._make_store = user_sessions
        self._file_prompts = file_prompts
        self._prompts = prompts
        self.ask_stop = ask_stop
        self.ask_safety = ask_safety
        self.show_safety = show_safety
        # Whether closing the window only hides it (BackTimer runs on in the tray): the
        # reminders' link sets it; ``quit_app`` closes for good either way.
        self.keep_running: Callable[[], bool] = lambda: False
        self._quitting = False
        # Parts built in stage 2, or on first use.
        self._notice_bar: NoticeBar | None = None
        self._start_screen: StartScreen | None = None
        self._library_actions: LibraryActions | None = None
        self._window_actions: WindowActions | None = None
        self._settings_writer: SettingsWriter | None = None
        lazy = self._library is None or self._settings is None
        self._startup = StartUp(self, self._build_ready, [
            lambda: self.run.session_screen,
            lambda: self.run.log_area,
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
        if open_log is None:
            from backtimer.ui.run.session_log import open_history

            open_log = open_history
        self.side = SideWindows(self, paths, settings=lambda: self.settings,
                                cues=lambda: self.cues, settings_saved=self._settings_saved,
                                notify=self.notice_bar_notify, open_log=open_log,
                                sessions=self._session_choices)
        self.run = SessionController(
            self, self.stack, self._central, clock=clock,
            exercises=lambda: self.library.exercises, settings=lambda: self.settings,
            history_file=paths.history_file if paths else None, open_log=open_log,
            levels_path=self._levels_path,
        )
        run = self.run
        run.session_finished.connect(self.session_finished)
        run.counting.connect(self._counting)
        run.step_started.connect(self._cue_link.show_problems)
        run.stop_requested.connect(self.request_stop)
        run.fullscreen_requested.connect(self.toggle_fullscreen)
        run.back_requested.connect(self.show_start)
        run.again_requested.connect(self.start_session)
        run.problem.connect(self.notice_bar_notify)
        run.history_saved.connect(self.side.reload_history)
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
        from backtimer.ui.shell.window_actions import Menus, Triggers, WindowActions
        from backtimer.ui.start.start_screen import StartScreen

        library = self.library
        self._notice_bar = NoticeBar(self._central)
        self._column.insertWidget(0, self._notice_bar)
        start = StartScreen(library, self.store, self.stack,
                            prepare=lambda: self.settings.default_prepare)
        self._start_screen = start
        if self.settings.last_session:
            start.select_id(self.settings.last_session)  # opens on the session last used
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
        self._overlay_held = False
        self.shortcuts_overlay.opened.connect(self._overlay_opened)
        self.shortcuts_overlay.closed.connect(self._overlay_closed)

        start.start_requested.connect(self.start_session)
        start.problem.connect(self.notice_bar_notify)
        start.library_changed.connect(self._library_changed)
        start.list_view.selectionModel().selectionChanged.connect(
            lambda *_: self.library_actions.refresh())
        self._library_actions.library_changed.connect(self._reload_library)
        self._library_actions.exported.connect(
            lambda text: self.notice_bar.notify(text, repeat=True))
        self.stack.currentChanged.connect(self._update_actions)
        run = self.run
        self._window_actions = WindowActions(self, Triggers(
            start=start.request_start,
            pause=lambda: self._session_key(run.adapter.toggle_pause),
            skip=lambda: self._session_key(run.adapter.skip),
            back=lambda: self._session_key(run.adapter.back),
            done=lambda: self._session_key(run.adapter.done),
            stop=self.request_stop,
            finish_back=self.show_start,
            fullscreen=self.toggle_fullscreen,
            shortcuts=self.shortcuts_overlay.toggle,
            safety=lambda: self.show_safety(self),
            quit=self.quit_app,
            settings=self.side.open_settings,
            history=self.side.open_history,
            about=lambda: show_about(self),
        ))
        self._window_actions.fill_menus(
            Menus(self.file_menu, self.session_menu, self.view_menu, self.help_menu),
            self._library_actions,
        )
        self._add_handout_actions(start)
        self._update_actions()
        self._notify_folder_problems()
        return start

    def _add_handout_actions(self, start: StartScreen) -> None:
        """File ▸ Print handout… and Save handout as PDF…, before Settings."""
        from backtimer.ui.handout.handout_actions import HandoutActions, HandoutSource

        self.handout_actions = HandoutActions(self, HandoutSource(
            session=start.selected_session, level=start.level,
            exercises=lambda: self.library.exercises,
            prepare=lambda: self.settings.default_prepare,
        ), self._handout_prompts)
        self.handout_actions.notice.connect(self.notice_bar_notify)
        self.handout_actions.add_to(self.file_menu, before=self.window_actions.settings)

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
            make_store = self._make_store
            if make_store is None:
                from backtimer.store.user_sessions import UserSessions

                make_store = UserSessions
            self._store = make_store(self._library)
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
        """The window's actions (made in stage 2, or now)."""
        self._make_ready()
        assert self._window_actions is not None
        return self._window_actions

    # -- cues (``window_cues``) -----------------------------------------------------------------

    @property
    def cues(self) -> CuesLike | None:
        """The sound, voice and keep-awake parts; ``None`` until ``attach_cues``."""
        return self._cue_link.cues

    def attach_cues(self, cues: CuesLike) -> None:
        """Let ``cues`` hear every runner event and keep the screen awake while counting."""
        self._cue_link.attach(cues, self.run.adapter)

    def _session_choices(self) -> tuple[tuple[str, str], ...]:
        """(id, title) of every session that can run, for the reminders' session chooser."""
        return tuple((entry.id, entry.session.title) for entry in self.library.entries.values()
                     if entry.session is not None)

    def _levels_path(self) -> Path | None:
        """Where the level a person is on in each progression is kept (none for previews)."""
        return self.paths.levels_file if self.paths else None

    def _counting(self, counting: bool) -> None:
        """A session counts (keep the screen on), or stopped counting (it may dim again)."""
        if counting:
            self._cue_link.awake()
        else:
            self._cue_link.release()

    def notice_bar_notify(self, text: str) -> None:
        self.notice_bar.notify(text)

    # -- settings -------------------------------------------------------------------------------

    def apply_settings(self, settings: Settings) -> None:
        """Take new settings (the settings dialog): cues, flash and get-ready follow at once."""
        before = self.settings.default_prepare
        autostart_before = self.settings.autostart
        self._settings = settings
        if self.paths is not None and autostart_before != settings.autostart:
            from backtimer.ui.settings.desktop_page import apply_autostart

            failed = apply_autostart(settings.autostart)
            if failed:
                self.notice_bar.notify(failed)
        if before != settings.default_prepare and self._start_screen is not None:
            self._start_screen.reload()  # the totals include the get-ready time
        self._cue_link.apply_settings(settings)
        self.run.set_reduce_motion(settings.reduce_motion)
        if self.run.running():
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

    # -- screens --------------------------------------------------------------------------------

    def _update_actions(self, *_: object) -> None:
        if not self._ready:
            return
        on_start = self.stack.currentWidget() is self._start_screen
        on_session = self.run.showing_session()
        self.window_actions.follow_screen(on_start=on_start, on_session=on_session,
                                          on_finish=self.run.showing_finish())
        self.library_actions.set_enabled(not on_session)
        self.handout_actions.set_enabled(not on_session)
        if on_session:
            self.run.session_screen.setFocus()
        elif on_start:
            self.start_screen.list_view.setFocus()

    def start_session(self, session: Session) -> bool:
        """Run ``session`` from its first step; the safety note comes first, once ever."""
        self.finish_start_up()
        if not self.settings.safety_acknowledged:
            if not self.ask_safety(self):
                return False
            self._save_settings(self.settings.with_changes(safety_acknowledged=True))
        from backtimer.store.levels import chosen_level

        level = chosen_level(self._levels_path(), session)
        timeline = self.library.timeline(  # at the level picked on the start screen
            session, prepare=self.settings.default_prepare, level=level)
        self.run.start(session, timeline)
        self._remember_last(session)
        return True

    def _remember_last(self, session: Session) -> None:
        """Keep the id of the session just started: the start screen opens on it next time.

        Saved on a worker thread (``settings_writer``): the countdown has begun."""
        if session.id not in self.library.entries or session.id == self.settings.last_session:
            return
        self._settings = self.settings.with_changes(last_session=session.id)
        if self.paths is None:
            return
        if self._settings_writer is None:
            from backtimer.ui.shell.settings_writer import SettingsWriter

            self._settings_writer = SettingsWriter(self.paths.settings_file, self)
            self._settings_writer.failed.connect(self.notice_bar_notify)
        self._settings_writer.save(self._settings)

    def show_start(self) -> None:
        self.run.stop()
        self.run.leave_finish()
        self.stack.setCurrentWidget(self.start_screen)
        if self.run.session is not None:
            self.start_screen.select_id(self.run.session.id)

    def request_stop(self) -> None:
        """Esc or Stop: ask first, the session paused while the question is open."""
        if self._ready and self.shortcuts_overlay.isVisible():
            self.shortcuts_overlay.dismiss()
            return
        if not self.run.running():
            return
        held = self.run.hold()  # the hold must not run on while the person reads the question
        if self.ask_stop(self):
            self.run.stop()
        else:
            self.run.release(held)

    def _session_key(self, call: Callable[[], object]) -> None:
        """A session key (Space, arrows, Enter): with the help open it only closes the help."""
        if self.shortcuts_overlay.isVisible():
            self.shortcuts_overlay.dismiss()
            return
        call()

    def _overlay_opened(self) -> None:
        self._overlay_held = self.run.hold()

    def _overlay_closed(self) -> None:
        held, self._overlay_held = self._overlay_held, False
        self.run.release(held)

    def toggle_fullscreen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()
        self._show_full_screen_look()

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
            fit_to_screen(self, *DEFAULT_SIZE)

    def save_window_state(self) -> None:
        save_geometry(self.paths, bytes(self.saveGeometry().data()))

    def quit_app(self) -> None:
        """Close for good, even when closing would only hide the window to the tray."""
        self._quitting = True
        self.close()

    def hide_to_tray(self) -> None:
        """Hide the window, BackTimer running on (the tray's "Hide window", or closing it with
        ``keep_running``). A running session stops: it must not count on unseen."""
        self.run.stop()
        self._cue_link.release()
        self.save_window_state()
        self.hide()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._quitting and self.keep_running():
            event.ignore()
            self.hide_to_tray()
            return
        self.run.close()  # a running session's entry ends as "stopped", not "in progress"
        self.side.close()
        self._cue_link.release()
        if self._settings_writer is not None:
            self._settings_writer.close()
        self.save_window_state()
        super().closeEvent(event)
        self.closed.emit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.WindowStateChange:
            self._show_full_screen_look()

    def _show_full_screen_look(self) -> None:
        """Full screen is free of distraction: no menu bar (its keys still work), notices
        folded to an icon, and the full-screen button showing that it leaves full screen."""
        full = self.isFullScreen()
        self.menuBar().setVisible(not full)
        self.run.set_full_screen(full)
        if self._ready:
            self.window_actions.fullscreen.setChecked(full)
            self.notice_bar.set_folded(full)


def _import_readers() -> None:
    """Import what ``_load`` uses, on the GUI thread, before the worker thread runs it."""
    import importlib

    for name in ("library", "settings", "user_sessions"):
        importlib.import_module(f"backtimer.store.{name}")


def deferred(window: MainWindow, call: Callable[[], object]) -> None:
    """Run ``call`` once the event loop runs (a session named on the command line)."""
    QTimer.singleShot(0, window, call)
