"""Settings ▸ Desktop: "Start BackTimer when I log in" writes and removes the autostart entry."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from backtimer.store.autostart import autostart_file
from backtimer.store.paths import Paths
from backtimer.store.settings import Settings, load_settings
from backtimer.ui.settings.desktop_page import DesktopPage
from backtimer.ui.settings.settings_dialog import SettingsDialog
from backtimer.ui.settings.settings_page import PageContext
from tests.ui.window_kit import make_window

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def save_desktop_tab(qtbot: QtBot, paths: Paths, *, on: bool) -> None:
    window = make_window(paths, settings=load_settings(paths.settings_file).settings
                         .with_changes(safety_acknowledged=True))
    qtbot.addWidget(window)
    dialog = window.side.open_settings()
    assert isinstance(dialog, SettingsDialog)
    page = dialog.page(DesktopPage)
    assert page.autostart.isEnabled()
    page.autostart.setChecked(on)
    dialog.save()
    assert window.settings.autostart is on


def test_ticking_start_at_login_writes_the_entry_and_unticking_removes_it(
    qtbot: QtBot, paths: Paths
) -> None:
    entry = autostart_file()
    save_desktop_tab(qtbot, paths, on=True)
    assert entry.is_file() and "--minimized" in entry.read_text()
    assert load_settings(paths.settings_file).settings.autostart
    save_desktop_tab(qtbot, paths, on=False)
    assert not entry.exists()


def test_a_folder_it_cannot_write_is_said_in_the_window(
    qtbot: QtBot, paths: Paths, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(blocker))
    window = make_window(paths)
    qtbot.addWidget(window)
    dialog = window.side.open_settings()
    assert dialog is not None
    dialog.page(DesktopPage).autostart.setChecked(True)
    dialog.save()
    assert any("start at login" in text for text in window.notice_bar.texts())


def test_where_it_is_not_supported_the_box_is_off_and_says_so(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    page = DesktopPage(Settings(autostart=True), PageContext())
    qtbot.addWidget(page)
    assert not page.autostart.isEnabled() and not page.autostart.isChecked()
    assert "not supported" in page.hint.text()
    assert page.changes() == {}
