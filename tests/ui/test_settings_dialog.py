"""The settings dialog saves what it shows, reloads it, and reports a failed save."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from backtimer.store import atomic
from backtimer.store.paths import Paths
from backtimer.store.settings import Settings, load_settings, save_settings
from backtimer.ui.settings.goal_page import GoalPage
from backtimer.ui.settings.screen_page import ScreenPage
from backtimer.ui.settings.session_page import SessionPage
from backtimer.ui.settings.settings_dialog import SettingsDialog
from backtimer.ui.settings.sound_page import SoundPage

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def make_dialog(qtbot: QtBot, paths: Paths, **kwargs: bool) -> SettingsDialog:
    dialog = SettingsDialog(paths.settings_file, load_settings(paths.settings_file).settings,
                            **kwargs)
    qtbot.addWidget(dialog)
    return dialog


def test_the_dialog_shows_the_saved_settings(qtbot: QtBot, paths: Paths) -> None:
    save_settings(paths.settings_file, Settings().with_changes(
        default_prepare=15.0, sounds=False, volume=0.3, voice=False, flash=False))
    dialog = make_dialog(qtbot, paths)
    sound, screen = dialog.page(SoundPage), dialog.page(ScreenPage)
    assert dialog.page(SessionPage).prepare.text() == "15 s"
    assert not sound.sounds.isChecked() and not sound.soft_sounds.isEnabled()
    assert not sound.voice.isChecked() and not screen.flash.isChecked()
    assert sound.volume.value() == 30 and not sound.volume.isEnabled()  # nothing to hear
    assert dialog.page(ScreenPage).keep_awake.isChecked()


def test_changes_are_saved_and_reload(qtbot: QtBot, paths: Paths) -> None:
    save_settings(paths.settings_file, Settings().with_changes(safety_acknowledged=True))
    dialog = make_dialog(qtbot, paths)
    dialog.page(SessionPage).prepare.setValue(20)
    dialog.page(SoundPage).soft_sounds.setChecked(True)
    dialog.page(SoundPage).voice.setChecked(False)
    dialog.page(SoundPage).volume.setValue(45)
    assert dialog.page(SoundPage).volume_label.text() == "45 %"
    dialog.page(ScreenPage).keep_awake.setChecked(False)
    with qtbot.waitSignal(dialog.settings_saved) as signal:
        dialog.save()
    expected = Settings().with_changes(default_prepare=20.0, soft_sounds=True, voice=False,
                                       volume=0.45, keep_awake=False, safety_acknowledged=True)
    assert signal.args[0] == expected
    assert load_settings(paths.settings_file).settings == expected  # a new start reads them
    reopened = make_dialog(qtbot, paths)
    assert reopened.settings() == expected


def test_cancel_changes_nothing(qtbot: QtBot, paths: Paths) -> None:
    dialog = make_dialog(qtbot, paths)
    dialog.page(SoundPage).sounds.setChecked(False)
    dialog.reject()
    assert not paths.settings_file.exists()


def test_a_failed_save_is_reported_and_the_old_file_kept(
    qtbot: QtBot, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_settings(paths.settings_file, Settings().with_changes(volume=0.5))
    before = paths.settings_file.read_bytes()
    dialog = make_dialog(qtbot, paths)
    dialog.show()

    def crash(source: str, target: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic, "_replace", crash)
    dialog.page(SoundPage).volume.setValue(90)
    emitted: list[object] = []
    dialog.settings_saved.connect(emitted.append)
    dialog.save()
    assert emitted == [] and dialog.isVisible()
    assert dialog.message.text() == (
        "Could not save the settings: the disk is full. Your previous settings are kept.")
    assert paths.settings_file.read_bytes() == before


def test_a_missing_voice_is_explained(qtbot: QtBot, paths: Paths) -> None:
    dialog = make_dialog(qtbot, paths, voice_available=False)
    assert "No speech engine" in dialog.page(SoundPage).voice_note.text()


def test_the_weekly_goal_has_its_tab_and_is_saved(qtbot: QtBot, paths: Paths) -> None:
    dialog = make_dialog(qtbot, paths)
    goal = dialog.page(GoalPage)
    assert goal.days.value() == 4  # the default
    assert (goal.days.minimum(), goal.days.maximum()) == (1, 7)
    goal.days.setValue(5)
    with qtbot.waitSignal(dialog.settings_saved):
        dialog.save()
    assert load_settings(paths.settings_file).settings.weekly_goal == 5
    assert make_dialog(qtbot, paths).page(GoalPage).days.text() == "5 days a week"
