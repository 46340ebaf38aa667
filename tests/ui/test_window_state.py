"""The window remembers its size, has its icon and desktop file, and opens from the CLI."""

from __future__ import annotations

import configparser
import os
import threading

import pytest
from pytestqt.qtbot import QtBot

from backtimer.cli import main
from backtimer.resources import resources_dir
from backtimer.store.paths import Paths
from backtimer.ui.shell.geometry import load_geometry
from tests.ui.window_kit import make_window

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def test_the_window_remembers_its_size(qtbot: QtBot, paths: Paths) -> None:
    first = make_window(paths)
    qtbot.addWidget(first)
    first.show()
    first.resize(780, 600)  # the offscreen screen is 800 x 800
    qtbot.waitUntil(lambda: first.size().width() == 780)
    first.close()
    assert (paths.config_dir / "window-geometry").is_file()
    second = make_window(paths, size=None)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (780, 600)


def test_a_damaged_geometry_file_is_ignored(qtbot: QtBot, paths: Paths) -> None:
    paths.config_dir.mkdir(parents=True)
    (paths.config_dir / "window-geometry").write_text("not base64 at all!")
    window = make_window(paths, size=None)
    qtbot.addWidget(window)
    (paths.config_dir / "window-geometry").unlink()
    first_run = make_window(paths, size=None)
    qtbot.addWidget(first_run)
    assert window.size() == first_run.size()  # the default size, as on a first run


@pytest.mark.parametrize("kind", ["fifo", "zero", "huge", "folder"])
def test_a_hostile_geometry_file_never_holds_the_window_back(
        qtbot: QtBot, paths: Paths, kind: str) -> None:
    """A FIFO under its name used to block the window from ever opening, and a link to
    /dev/zero filled the memory: now it opens at the default size, as on a first run."""
    path = paths.config_dir / "window-geometry"
    paths.config_dir.mkdir(parents=True)
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "zero":
        os.symlink("/dev/zero", path)
    elif kind == "huge":
        path.write_bytes(b"A" * 5_000_000)
    else:
        path.mkdir()
    windows = []
    opening = threading.Thread(target=lambda: windows.append(load_geometry(paths)), daemon=True)
    opening.start()
    opening.join(timeout=30)  # a guard only: the old read never returned for a FIFO
    assert windows == [None]
    if kind == "zero":
        return  # no window over a link to a real device: its save must not even be tried
    window = make_window(paths, size=None)
    qtbot.addWidget(window)
    window.close()  # and closing it (which saves the size) does not fail either


def test_the_first_window_opens_within_the_screen_with_room_for_its_title_bar(
        qtbot: QtBot, paths: Paths) -> None:
    window = make_window(paths, size=None)
    qtbot.addWidget(window)
    screen = window.screen()
    assert screen is not None
    area = screen.availableGeometry()
    assert area.width() < 1280 or area.height() < 848  # the default does not fit as it is
    assert window.width() <= area.width() and window.height() + 40 <= area.height()
    assert area.contains(window.geometry())


def test_closing_mid_session_stops_it_so_listeners_hear_the_end(
    qtbot: QtBot, paths: Paths
) -> None:
    window = make_window(paths)
    qtbot.addWidget(window)
    window.show()
    finished: list[object] = []
    window.session_finished.connect(lambda session, summary: finished.append(summary))
    window.start_session(window.library.resolve("side-plank-intervals"))
    window.close()
    assert len(finished) == 1


def test_icon_and_desktop_file_ship_with_the_app() -> None:
    icons = resources_dir() / "icons"
    assert (icons / "backtimer.svg").read_text().lstrip().startswith("<svg")
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.optionxform = str  # type: ignore[assignment,method-assign]
    desktop.read_string(
        (resources_dir() / "desktop" / "io.github.backtimer.BackTimer.desktop").read_text())
    entry = desktop["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Exec"].startswith("backtimer")
    assert entry["Icon"] == "io.github.backtimer.BackTimer"


@pytest.mark.parametrize("ref", ["no-such-session", "missing-file.yaml"])
def test_start_with_a_bad_session_says_why_and_exits_1(
    ref: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["start", ref]) == 1
    err = capsys.readouterr().err
    assert ref in err
    assert "Traceback" not in err
