"""The window with hostile files in the user's sessions folder (issue 9, items 6, 9-12).

Repair on an entry that is a folder, a link loop or a dangling link explains itself instead
of raising; a dangling link is deleted from the start screen and Undo brings the same link
back; an unlistable folder is reported in the notice bar; importing a FIFO or /dev/zero is
refused with a reason; and the sessions are read on a worker thread, so the window keeps
painting "Loading sessions…" while a slow disk (or a huge file) is read.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from backtimer.engine.clock import FakeClock
from backtimer.store.library import Library
from backtimer.store.paths import Paths
from backtimer.store.settings import Settings
from backtimer.store.user_sessions import UserSessions
from backtimer.ui.library.repair_dialog import RepairDialog
from backtimer.ui.library.session_files import FilePrompts, import_session
from backtimer.ui.shell.main_window import MainWindow
from backtimer.ui.start.loading_screen import LoadingScreen
from backtimer.ui.start.start_screen import StartScreen
from tests.helpers import make_unlistable
from tests.ui.window_kit import Answers, EventCounter, make_window

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

GOOD = "title: Mine\nitems:\n  - {exercise: plank, hold: 20s}\n"


@pytest.fixture
def folder(paths: Paths) -> Path:
    paths.user_sessions_dir.mkdir(parents=True)
    return paths.user_sessions_dir


def odd_entry(folder: Path, kind: str) -> str:
    path = folder / f"{kind}.yaml"
    if kind == "folder":
        path.mkdir()
    elif kind == "loop":
        os.symlink(path.name, path)
    else:
        os.symlink(folder / "nowhere.yaml", path)
    return kind


@pytest.mark.parametrize("kind", ["folder", "loop", "dangling"])
def test_repair_of_an_entry_that_cannot_be_read_says_why_and_offers_no_save(
    qtbot: QtBot, folder: Path, kind: str
) -> None:
    sid = odd_entry(folder, kind)
    store = UserSessions(Library(Paths.from_environment()))
    assert not store.entry(sid).valid
    dialog = RepairDialog(store, sid)  # raised IsADirectoryError / OSError / FileNotFoundError
    qtbot.addWidget(dialog)
    intro = dialog.intro.text()
    assert "cannot be opened for repair" in intro
    assert {"folder": "folder", "loop": "loop", "dangling": "does not exist"}[kind] in intro
    assert not dialog.save_button.isEnabled()
    before = os.path.lexists(folder / f"{sid}.yaml")
    dialog.save()  # even called directly, nothing is written
    assert os.path.lexists(folder / f"{sid}.yaml") == before
    assert (folder / f"{sid}.yaml").is_symlink() == (kind != "folder")


def test_repair_from_the_start_screen_on_a_dangling_link_opens_a_dialog_that_explains(
    qtbot: QtBot, paths: Paths, folder: Path
) -> None:
    sid = odd_entry(folder, "dangling")
    window = make_window(paths)
    qtbot.addWidget(window)
    screen = window.start_screen
    assert screen.select_id(sid)
    screen.repair_button.click()
    assert screen.repair is not None and not screen.repair.save_button.isEnabled()


def test_deleting_a_dangling_link_from_the_start_screen_and_undo(
    qtbot: QtBot, paths: Paths, folder: Path
) -> None:
    sid = odd_entry(folder, "dangling")
    link = folder / f"{sid}.yaml"
    window = make_window(paths)
    qtbot.addWidget(window)
    screen = window.start_screen
    assert screen.select_id(sid)
    screen.delete_button.click()
    assert not os.path.lexists(link)  # "Deleted" removed it
    assert screen.model.row_of(sid) == -1
    screen.undo_button.click()
    assert link.is_symlink() and os.readlink(link) == str(folder / "nowhere.yaml")
    assert screen.model.row_of(sid) != -1


def test_an_unlistable_sessions_folder_is_reported_in_the_window(
    qtbot: QtBot, paths: Paths, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (folder / "mine.yaml").write_text(GOOD)
    make_unlistable(monkeypatch, folder)
    window = make_window(paths)
    qtbot.addWidget(window)
    assert window.start_screen.model.row_of("mine") == -1
    texts = window.notice_bar.texts()
    assert any(str(folder) in text and "Permission denied" in text for text in texts), texts


@pytest.mark.parametrize("source", ["fifo", "/dev/zero"])
def test_importing_a_fifo_or_dev_zero_is_refused_with_a_message(
    qtbot: QtBot, paths: Paths, tmp_path: Path, source: str
) -> None:
    path = Path(source)
    if source == "fifo":
        path = tmp_path / "pipe.yaml"
        os.mkfifo(path)
    errors: list[tuple[str, str]] = []
    prompts = FilePrompts(open_path=lambda parent: path,
                          show_error=lambda parent, title, text, details:
                          errors.append((text, details)),
                          show_info=lambda parent, title, text: None)
    store = UserSessions(Library(paths))
    assert import_session(store, None, prompts) is None
    assert len(errors) == 1
    assert "not a regular file" in errors[0][1]


# -- reading off the GUI thread -----------------------------------------------------------


def test_the_window_keeps_painting_while_the_sessions_are_read(
    qtbot: QtBot, paths: Paths
) -> None:
    """A reader that only returns once the GUI thread has shown it is alive.

    The reader waits for a QTimer on the GUI thread to fire five times and for the loading
    screen to be painted again. Read on the GUI thread (as before), neither can happen and the
    reader gives up (after a guard that is only there to end the old behaviour). Counted,
    not timed.
    """
    alive = threading.Event()
    seen: dict[str, object] = {}
    ticks = [0]

    def slow_library() -> Library:
        seen["thread"] = threading.current_thread()
        seen["alive_in_time"] = alive.wait(timeout=30)
        return Library(paths)

    window = MainWindow(slow_library, lambda: Settings(safety_acknowledged=True), paths,
                        clock=FakeClock(), ask_stop=Answers().ask_stop,
                        ask_safety=Answers().ask_safety, show_safety=Answers().show_safety)
    qtbot.addWidget(window)
    loading = window.stack.currentWidget()
    assert isinstance(loading, LoadingScreen)
    counter = EventCounter()
    loading.installEventFilter(counter)
    timer = QTimer()
    timer.setInterval(1)

    def tick() -> None:
        if alive.is_set():
            return  # the loading screen goes away once the read is back
        ticks[0] += 1
        loading.update()  # asks for a paint, which only a free GUI thread delivers
        if "thread" in seen and ticks[0] >= 5 and counter.count >= 3:
            timer.stop()
            alive.set()

    timer.timeout.connect(tick)
    timer.start()
    window.show()
    qtbot.waitUntil(lambda: isinstance(window.stack.currentWidget(), StartScreen), timeout=60_000)
    timer.stop()
    assert seen["thread"] is not threading.main_thread()
    assert seen["alive_in_time"], "the GUI thread was blocked while the sessions were read"
    assert window.start_screen.model.rowCount() > 0


def test_a_window_that_needs_its_sessions_during_the_read_waits_for_that_read(
    qtbot: QtBot, paths: Paths
) -> None:
    """Starting a session (or anything needing the library) while the worker reads does not
    start a second read: it waits for the one running."""
    release = threading.Event()
    calls: list[str] = []

    def library() -> Library:
        calls.append(threading.current_thread().name)
        release.wait(timeout=30)
        return Library(paths)

    window = MainWindow(library, lambda: Settings(safety_acknowledged=True), paths,
                        clock=FakeClock())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: bool(calls))
    QTimer.singleShot(0, release.set)  # let it finish once the GUI thread waits
    release.set()
    assert window.library.resolve("daily-walk")
    assert len(calls) == 1
    qtbot.waitUntil(lambda: isinstance(window.stack.currentWidget(), StartScreen))


@pytest.mark.parametrize("kind", ["not yaml", "a list", "fifo"])
def test_a_levels_file_that_cannot_be_read_is_said_and_kept(
    qtbot: QtBot, paths: Paths, kind: str
) -> None:
    """It was silent: every progression simply showed level 1 again."""
    paths.config_dir.mkdir(parents=True)
    if kind == "fifo":
        os.mkfifo(paths.levels_file)
    else:
        paths.levels_file.write_text("back-extension: [2\n" if kind == "not yaml" else "- 2\n")
    before = None if kind == "fifo" else paths.levels_file.read_bytes()
    window = make_window(paths)
    qtbot.addWidget(window)
    [said] = [t for t in window.notice_bar.texts() if "levels you chose" in t]
    assert str(paths.levels_file) in said and "kept as it is" in said
    window.close()
    if before is not None:
        assert paths.levels_file.read_bytes() == before


def test_no_levels_notice_when_the_config_folder_itself_is_a_file(
    qtbot: QtBot, paths: Paths
) -> None:
    """One cause, said where it is (the folder), not again for the levels file inside it."""
    paths.config_dir.parent.mkdir(parents=True)
    paths.config_dir.write_text("not a folder\n")
    window = make_window(paths)
    qtbot.addWidget(window)
    texts = window.notice_bar.texts()
    assert any("cannot be shown" in t and "Not a directory" in t for t in texts)
    assert not [t for t in texts if "levels you chose" in t]
