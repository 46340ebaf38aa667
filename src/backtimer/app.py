"""Composition root: paths, settings, library, cues and the window, built once, in order.

Nothing else creates folders or reads the environment; every part gets what it needs from here.

Start-up is measured against a bare PySide6 window (BENCHMARKS.md), so this module imports
only what the first frame needs: the settings, the library and the cues are handed to the
window as functions that it calls after its first frame is painted. ``backtimer start ID``
is the exception: the session must exist before any window opens, so it reads them first.
"""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime, tzinfo
    from pathlib import Path

    from backtimer.cues.factory import Cues
    from backtimer.session.model import Session
    from backtimer.store.app_state import LoadedState
    from backtimer.store.history import HistoryLog
    from backtimer.store.instance import InstanceKey, InstanceLock
    from backtimer.store.library import Library
    from backtimer.store.paths import Paths
    from backtimer.store.settings import LoadedSettings, Settings
    from backtimer.store.user_sessions import UserSessions
    from backtimer.ui.shell.cues_port import CuesLike
    from backtimer.ui.shell.main_window import MainWindow
    from backtimer.ui.shell.reminder_link import ReminderLink
    from backtimer.ui.shell.state_keeper import StateKeeper

    _CUES_FIT: type[CuesLike] = Cues  # mypy checks that the real cues give the window all it uses

log = logging.getLogger(__name__)

# Fusion everywhere, given as an argument: ``QApplication.setStyle`` returns the style, and
# wrapping it makes PySide6 build the QStyle class with all its enums (~4 ms) before the first
# frame.
STYLE_ARGS = ["-style", "Fusion"]


def read_settings(paths: Paths, loads: list[LoadedSettings] | None = None) -> Settings:
    """The settings file, its problems logged; what was read is added to ``loads``.

    A broken value, or a broken file, never stops the app: the store uses what it can read,
    and the window shows what was wrong (``_show_problems``, once the window can show it).
    """
    from backtimer.store.settings import load_settings

    loaded = load_settings(paths.settings_file)
    if loaded.unreadable is not None:
        log.warning("%s (the file is kept and not written to)", loaded.unreadable)
    for problem in loaded.problems:
        log.warning("%s", problem)
    if loads is not None:
        loads.append(loaded)
    return loaded.settings


def read_settings_and_state(paths: Paths, loads: list[LoadedSettings],
                            states: list[LoadedState]) -> Settings:
    """The settings (``read_settings``) and what the app remembers (``state.json``), read
    together, on the start-up worker thread: ``state.json`` is a user file like the settings,
    and a slow disk or a hostile file under its name must not hold the first frames. The state
    as read is added to ``states`` for ``keep_state``."""
    from backtimer.store.app_state import load_state

    settings = read_settings(paths, loads)
    states.append(load_state(paths.state_file))
    return settings


def tidy_config(paths: Paths) -> None:
    """Remove the temporary files that saves killed midway left in the user's folders (the
    settings and sessions in the config folders, ``state.json`` in the data folder)."""
    from backtimer.store.atomic import remove_stale_temporaries

    for folder in (paths.config_dir, paths.user_sessions_dir, paths.data_dir):
        for removed in remove_stale_temporaries(folder):
            log.info("removed a stale temporary file: %s", removed)


def tidy_in_background(paths: Paths) -> None:
    """``tidy_config`` on a thread of its own: listing folders and deleting files is disk work,
    which the GUI thread never waits for. Nothing waits for it either (it is only tidying)."""
    import threading

    threading.Thread(target=tidy_config, args=(paths,), name="backtimer-tidy",
                     daemon=True).start()


def read_library(paths: Paths) -> Library:
    from backtimer.store.library import Library

    return Library(paths)


def make_user_sessions(library: Library) -> UserSessions:
    """The user's sessions over ``library`` (the window calls this once the library is read)."""
    from backtimer.store.user_sessions import UserSessions

    return UserSessions(library)


def open_log(path: Path) -> HistoryLog:
    """The history log, opened when a session first starts: never waiting on a lock, so a log
    another program holds fails at once and the entry is written again later."""
    from backtimer.store.history import HistoryLog

    return HistoryLog.open(path, busy_timeout=0)


def _resolve(library: Library, ref: str) -> Session | None:
    """The session named on the command line, or None after printing why it cannot run."""
    from backtimer.session.problems import ProblemsError
    from backtimer.store.library import UnknownSessionError

    try:
        return library.resolve(ref)
    except UnknownSessionError as error:
        print(f"backtimer: {error.args[0]}", file=sys.stderr)
    except ProblemsError as error:
        for problem in error.problems:
            print(str(problem), file=sys.stderr)
    return None


def _show_problems(window: MainWindow, loads: list[LoadedSettings]) -> None:
    """The settings problems in the window's notice strip (each text is shown once)."""
    from backtimer.ui.settings.settings_words import settings_notices

    for loaded in loads:
        for text in settings_notices(loaded):
            window.notice_bar_notify(text)


def _attach_cues(window: MainWindow) -> None:
    """The sound, voice and keep-awake parts (QtMultimedia and friends: after the first frame)."""
    from backtimer.cues.factory import create_cues

    window.attach_cues(create_cues(window.settings, window, exercises=window.library.exercises))


def keep_state(window: MainWindow, paths: Paths,
               loaded: LoadedState | None = None) -> StateKeeper:
    """What the app remembers between runs (``state.json``): the last folder of the file
    dialogs now, the reminders shown once reminders attach. ``loaded`` is the file as the
    start-up worker read it (``read_settings_and_state``); read here only when not given. A
    file that cannot be read is said once in the window and kept as it is."""
    from backtimer.ui.common.file_folder import last_folder

    keeper = _state_keeper(window, paths, loaded)
    folder = last_folder()
    folder.restore(keeper.state.last_folder)
    folder.on_change = keeper.remember_folder
    return keeper


def _state_keeper(window: MainWindow, paths: Paths,
                  loaded: LoadedState | None = None) -> StateKeeper:
    """The keeper of ``state.json`` for ``window``, its trouble said once in the window."""
    from backtimer.ui.shell.state_keeper import StateKeeper

    keeper = StateKeeper(paths.state_file, window, loaded=loaded)
    keeper.trouble.connect(window.notice_bar_notify)
    keeper.say_trouble()
    return keeper


def attach_reminders(window: MainWindow, paths: Paths, *,
                     now: Callable[[], datetime] | None = None,
                     zone: tzinfo | None = None, to_tray: bool = False,
                     state: StateKeeper | None = None) -> ReminderLink:
    """Reminders: their clock, the notification thread, the tray (when the desktop has one),
    and the link that ties them to the window. Called once the window's start-up is done.
    ``state`` keeps which reminders were shown between runs (read from ``paths`` when not
    given), so a restart the same day does not show one again.

    ``now`` and ``zone`` are the wall clock and the time zone (the system's unless given).
    ``to_tray``: started at login (``--minimized``): with a tray and BackTimer kept running
    there, the window goes to the tray instead of the task bar.
    """
    from datetime import datetime

    from PySide6.QtWidgets import QApplication

    from backtimer.cues.desktop_notes import DesktopNotes
    from backtimer.store.history import session_done_on
    from backtimer.store.local_zone import local_zone
    from backtimer.ui.common.icons import app_icon
    from backtimer.ui.shell.reminder_clock import ReminderClock
    from backtimer.ui.shell.reminder_link import ReminderLink
    from backtimer.ui.shell.tray import Tray, TrayCalls, tray_available

    place = zone or local_zone()
    keeper = state if state is not None else _state_keeper(window, paths)
    wall = now or (lambda: datetime.now(place))
    clock = ReminderClock(
        window.settings.reminders, place, wall, window, shown=keeper.state.shown,
        remember=lambda shown: keeper.remember_shown(shown, wall().astimezone(place).date()))
    history = paths.history_file
    link: ReminderLink | None = None

    def linked() -> ReminderLink:
        assert link is not None
        return link

    notes = DesktopNotes(
        "BackTimer", on_action=lambda key, action: linked().heard_action(key, action),
        on_failed=lambda key, reason: linked().heard_failure(key, reason),
        on_shown=lambda key: linked().heard_shown(key))
    tray = None
    if tray_available():
        tray = Tray(app_icon(), TrayCalls(
            start=lambda: linked().start_today(), toggle_window=lambda: linked().toggle_window(),
            quit=window.quit_app, message_clicked=lambda: linked().tray_message_clicked(),
            refresh=lambda: linked().refresh()), window)
        app = QApplication.instance()
        if isinstance(app, QApplication):  # the window may hide to the tray: quit on close only
            app.setQuitOnLastWindowClosed(False)
            window.closed.connect(app.quit)
    link = ReminderLink(window, clock, notes, tray, zone=place,
                        done_today=lambda session, day: session_done_on(history, session, day))
    link.begin()
    if to_tray and tray is not None and window.keep_running():
        window.hide_to_tray()
    return link


def stop_on_interrupt(window: MainWindow) -> Callable[[], None]:
    """Make Ctrl+C in the terminal close the window the way its close button does.

    Python runs a signal handler only between bytecodes, and while Qt's event loop waits in C
    none run: Ctrl+C did nothing until the next event, then ended the process with a
    traceback, and the session stayed "in progress" in the log. Here the handler only asks the
    window to close (its close path logs a running session as stopped and quits the loop).
    The signal wakes the loop through ``signal.set_wakeup_fd``: the C-level handler writes a
    byte into a socket pair that a QSocketNotifier watches, so the loop wakes at once and only
    then (a timer waking it five times a second did the same at ~5 wake-ups a second, all day).
    Returns a function that puts the previous handler back.
    """
    import signal
    import socket

    from PySide6.QtCore import QSocketNotifier, QTimer
    from PySide6.QtWidgets import QApplication

    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, window)

    def drain() -> None:  # entering Python here is what lets the handler run
        try:
            while reader.recv(64):
                pass
        except OSError:  # nothing more to read
            pass

    notifier.activated.connect(drain)

    def close() -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None and modal is not window:  # a question open: answer it "no"
            modal.close()
            QTimer.singleShot(0, window, close)
            return
        window.quit_app()  # for good, even when closing would only hide it to the tray

    def handle(_signum: int, _frame: object) -> None:
        QTimer.singleShot(0, window, close)

    previous_fd = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    previous = signal.signal(signal.SIGINT, handle)

    def restore() -> None:
        signal.signal(signal.SIGINT, previous)
        signal.set_wakeup_fd(previous_fd)
        notifier.setEnabled(False)
        notifier.deleteLater()
        reader.close()
        writer.close()

    return restore


def claim_instance(paths: Paths, session_ref: str | None, *,
                   minimized: bool) -> tuple[InstanceLock | None, InstanceKey | None, int | None]:
    """Become the one BackTimer for this person and home, or hand the request to it.

    Returns the lock held (None when no lock could be had: BackTimer then runs on without
    one, as before this existed), the socket's key, and an exit code when this process must
    end here (the running window took the request, or it did not answer).
    """
    from backtimer.store.instance import (
        InstanceLock,
        Request,
        hand_over,
        instance_key,
        session_argument,
    )

    key = instance_key(paths)
    lock = InstanceLock(key.lock_path)
    try:
        first = lock.acquire()
    except OSError as error:
        log.warning("cannot tell whether BackTimer already runs (%s); going on", error)
        return None, None, None
    if first:
        return lock, key, None
    request = Request(session=session_argument(session_ref) if session_ref else None,
                      minimized=minimized)
    if hand_over(key.socket_path, request):
        return None, None, 0
    print("backtimer: BackTimer is already running but did not answer within 10 seconds; "
          "close it (or end the stuck process) and try again.", file=sys.stderr)
    return None, None, 1


def serve_instance(window: MainWindow, key: InstanceKey, *, minimized: bool) -> None:
    """Listen for second starts once the first frame is up (QtNetwork is not on its path)."""
    def listen() -> None:
        from backtimer.ui.shell.handover import Handover
        from backtimer.ui.shell.instance_server import InstanceServer

        server = InstanceServer(window)
        handover = Handover(window)
        server.requested.connect(lambda request: handover.take(request))
        if not server.listen(key.socket_path):
            log.warning("cannot listen at %s: a second BackTimer will not find this one",
                        key.socket_path)

    if minimized:  # a minimized window may never paint
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, window, listen)
    else:
        from backtimer.ui.shell.startup_stages import PaintWatch

        PaintWatch(window, listen)


def run_app(session_ref: str | None, *, minimized: bool = False) -> int:
    """Open the window (and start ``session_ref`` at once when given); returns the exit code.

    When BackTimer already runs for this person (and ``BACKTIMER_HOME``), the request goes to
    that window instead (``claim_instance``) and this process ends.
    """
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    from backtimer.store.paths import Paths

    paths = Paths.from_environment()
    loads: list[LoadedSettings] = []  # the settings as read, for the window's notices
    states: list[LoadedState] = []  # state.json as read, for keep_state
    chosen: tuple[Library, Settings, Session] | None = None
    if session_ref is not None:  # read before any window opens: nothing to freeze yet
        settings = read_settings_and_state(paths, loads, states)
        library = read_library(paths)
        session = _resolve(library, session_ref)
        if session is None:
            return 1
        chosen = library, settings, session
    lock, key, exit_code = claim_instance(paths, session_ref, minimized=minimized)
    if exit_code is not None:
        return exit_code
    try:
        return _run_window(paths, loads, states, chosen, key, minimized=minimized)
    finally:
        if lock is not None:
            lock.release()


def _run_window(paths: Paths, loads: list[LoadedSettings], states: list[LoadedState],
                chosen: tuple[Library, Settings, Session] | None,
                key: InstanceKey | None, *, minimized: bool) -> int:
    """The window and its event loop, in the process that holds the instance lock; ``chosen``
    is the library, settings and session named on the command line, read already. The window
    reads the settings and ``state.json`` (into ``states``) on its start-up worker thread."""
    from PySide6.QtWidgets import QApplication

    from backtimer.store.desktop_entry import APP_ID
    from backtimer.ui.shell.main_window import MainWindow, deferred

    QApplication.setApplicationName("BackTimer")
    QApplication.setDesktopFileName(APP_ID)  # the installed .desktop file (install-desktop)
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1] + STYLE_ARGS)
    else:
        assert isinstance(app, QApplication)
        app.setStyle("Fusion")
    if chosen is None:
        window = MainWindow(lambda: read_library(paths),
                            lambda: read_settings_and_state(paths, loads, states),
                            paths, user_sessions=make_user_sessions,
                            open_log=open_log)
    else:
        window = MainWindow(chosen[0], chosen[1], paths, user_sessions=make_user_sessions,
                            open_log=open_log)
    window.defer(lambda: _show_problems(window, loads))
    window.defer(lambda: tidy_in_background(paths))
    window.defer(lambda: _attach_cues(window))
    links: list[ReminderLink] = []  # kept for the life of the window
    kept: list[StateKeeper] = []
    window.defer(lambda: kept.append(keep_state(window, paths, states[-1] if states else None)))
    window.defer(lambda: links.append(attach_reminders(window, paths, to_tray=minimized,
                                                       state=kept[0] if kept else None)))
    window.defer(lambda: app.setWindowIcon(window.windowIcon()))
    if key is not None:
        serve_instance(window, key, minimized=minimized)
    if minimized:
        window.showMinimized()
    else:
        window.show()
    if chosen is not None:
        session = chosen[2]
        window.start_screen.select_id(session.id)
        deferred(window, lambda: window.start_session(session))
    restore_interrupt = stop_on_interrupt(window)
    try:
        return app.exec()
    finally:
        restore_interrupt()
        if window.cues is not None:
            window.cues.close()
        for link in links:
            link.close()
        for keeper in kept:
            keeper.close()  # the last saves are small: let them land


def write_handout(ref: str, output: str, *, paper: str, level: int) -> int:
    """``backtimer handout``: the session's printable handout as a PDF file; the exit code.

    Qt lays the text out, so a QGuiApplication is made, on the offscreen platform: the
    command needs no display and opens no window.
    """
    from pathlib import Path

    from backtimer.session.timeline import LevelError
    from backtimer.store.atomic import write_atomic
    from backtimer.store.paths import Paths

    paths = Paths.from_environment()
    settings = read_settings(paths)
    library = read_library(paths)
    session = _resolve(library, ref)
    if session is None:
        return 1
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        _app = QGuiApplication(["backtimer", "-platform", "offscreen"])  # kept alive till done
    from backtimer.ui.handout.handout_figures import figures_of
    from backtimer.ui.handout.handout_pdf import MAX_PAGES, lay_out, pdf_bytes

    try:
        handout = lay_out(session, library.exercises, paper=paper,
                          prepare=settings.default_prepare, level=level,
                          figures=figures_of(library.exercises))
    except LevelError as error:
        print(f"backtimer handout: {error}", file=sys.stderr)
        return 1
    try:
        write_atomic(Path(output), pdf_bytes(handout, paper, session.title))
    except OSError as error:
        print(f"backtimer handout: could not write {output}: {error.strerror or error}",
              file=sys.stderr)
        return 1
    pages = "1 page" if handout.pages == 1 else f"{handout.pages} pages"
    print(f"Wrote the handout for {session.title!r} to {output} ({pages}, {paper.upper()}).")
    if handout.pages > MAX_PAGES:
        print(f"backtimer handout: the session is too long for {MAX_PAGES} pages even in the "
              f"smallest type; it takes {handout.pages}.", file=sys.stderr)
    return 0
