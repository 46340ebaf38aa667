"""Start-up in stages: a light first frame, then the sessions, then the parts a session needs.

The window is given its library and settings as functions (as the app does); it must paint
before reading them, fill the list right after, and build the session screen and the deferred
parts (the app's cues) only after that, unless a session starts first.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from backtimer import app as app_module
from backtimer.cues import factory
from backtimer.engine.clock import FakeClock
from backtimer.store.library import Library
from backtimer.store.paths import Paths
from backtimer.store.settings import Settings, save_settings
from backtimer.ui.run.session_screen import SessionScreen
from backtimer.ui.shell.main_window import MainWindow
from backtimer.ui.start.loading_screen import LoadingScreen
from backtimer.ui.start.start_screen import StartScreen
from tests.ui.window_kit import UI_SESSION_ID, Answers, FakeCues, write_session

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


class Reads:
    """The library and settings readers, counting their calls."""

    def __init__(self, paths: Paths) -> None:
        self.paths = paths
        self.calls: list[str] = []

    def library(self) -> Library:
        self.calls.append("library")
        return Library(self.paths)

    def settings(self) -> Settings:
        self.calls.append("settings")
        return Settings(safety_acknowledged=True)


def lazy_window(paths: Paths, reads: Reads) -> MainWindow:
    answers = Answers()
    return MainWindow(reads.library, reads.settings, paths, clock=FakeClock(),
                      ask_stop=answers.ask_stop, ask_safety=answers.ask_safety,
                      show_safety=answers.show_safety)


def test_the_first_frame_comes_before_the_library_and_the_sessions_right_after(
    qtbot: QtBot, paths: Paths
) -> None:
    reads = Reads(paths)
    window = lazy_window(paths, reads)
    qtbot.addWidget(window)
    assert reads.calls == []  # nothing read before the window is painted
    assert isinstance(window.stack.currentWidget(), LoadingScreen)
    assert [a.text() for a in window.menuBar().actions()] == [
        "&File", "&Session", "&View", "&Help"]
    window.show()
    qtbot.waitUntil(lambda: isinstance(window.stack.currentWidget(), StartScreen))
    assert reads.calls == ["settings", "library"]
    screen = window.start_screen
    assert screen.model.rowCount() > 0
    assert screen.selected_entry() is not None  # the first session is selected
    stack = window.stack
    assert not any(isinstance(stack.widget(i), LoadingScreen) for i in range(stack.count()))
    assert window.window_actions.quit in window.file_menu.actions()


def test_the_session_parts_and_deferred_calls_come_after_the_sessions(
    qtbot: QtBot, paths: Paths
) -> None:
    reads = Reads(paths)
    window = lazy_window(paths, reads)
    qtbot.addWidget(window)
    cues = FakeCues()
    window.defer(lambda: window.attach_cues(cues))
    assert window.findChildren(SessionScreen) == []
    assert window.cues is None
    window.show()
    qtbot.waitUntil(lambda: window.cues is cues)
    assert len(window.findChildren(SessionScreen)) == 1  # built while the person chooses
    assert isinstance(window.stack.currentWidget(), StartScreen)
    assert not window.windowIcon().isNull()


def test_a_session_started_before_the_window_is_painted_has_every_part(
    qtbot: QtBot, paths: Paths
) -> None:
    write_session(paths)
    reads = Reads(paths)
    window = lazy_window(paths, reads)
    qtbot.addWidget(window)
    cues = FakeCues()
    window.defer(lambda: window.attach_cues(cues))
    assert window.start_session(window.library.resolve(UI_SESSION_ID))
    assert window.cues is cues  # the deferred parts ran before the first step
    assert window.stack.currentWidget() is window.run.session_screen
    assert cues.director.events  # and heard the session start


def test_closing_before_the_sessions_are_read_reads_nothing(qtbot: QtBot, paths: Paths) -> None:
    reads = Reads(paths)
    window = lazy_window(paths, reads)
    qtbot.addWidget(window)
    window.close()
    assert reads.calls == []
    assert (paths.config_dir / "window-geometry").is_file()


def _run_app(monkeypatch: pytest.MonkeyPatch, ref: str | None,
             done: Callable[[MainWindow], bool]) -> tuple[int, list[MainWindow]]:
    """``run_app`` with fake cues, closing its window once ``done(window)`` is true."""
    monkeypatch.setattr(factory, "create_cues", lambda *args, **kwargs: FakeCues())
    seen: list[MainWindow] = []
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    running = [True]

    def poll() -> None:
        if not running[0]:
            return
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)
                   and w.isVisible()]
        if windows and done(windows[0]):
            seen.append(windows[0])
            windows[0].close()
            return
        QTimer.singleShot(10, qapp, poll)

    QTimer.singleShot(0, qapp, poll)
    guard = QTimer(qapp)  # so that a broken start cannot hang the tests
    guard.setSingleShot(True)
    guard.timeout.connect(qapp.quit)
    guard.start(20_000)
    style, name = qapp.style().name(), qapp.applicationName()
    try:
        return app_module.run_app(ref), seen
    finally:
        running[0] = False
        guard.stop()
        guard.deleteLater()
        qapp.setStyle(style)
        qapp.setApplicationName(name)


def test_the_app_opens_on_its_sessions(
    qtbot: QtBot, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, seen = _run_app(monkeypatch, None, lambda w: w.cues is not None)
    assert code == 0
    assert seen, "the window never finished starting"
    window = seen[0]
    qtbot.addWidget(window)
    assert window.start_screen.model.rowCount() > 0
    assert isinstance(window.cues, FakeCues)
    assert window.cues.closed == 1  # at quit: the screen may dim, the speech process ends


def test_backtimer_start_opens_straight_into_the_session(
    qtbot: QtBot, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_session(paths)
    save_settings(paths.settings_file, Settings(safety_acknowledged=True))
    code, seen = _run_app(monkeypatch, UI_SESSION_ID, lambda w: w.run.session is not None)
    assert code == 0
    assert seen, "the session never started"
    window = seen[0]
    qtbot.addWidget(window)
    assert window.run.session is not None and window.run.session.id == UI_SESSION_ID
    assert isinstance(window.cues, FakeCues)
    assert window.cues.director.events  # the cues heard it from its first step
