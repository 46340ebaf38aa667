"""The settings dialog, opened from the File menu, changes what the window does at once."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from backtimer.session.timeline import StepKind
from backtimer.store.paths import Paths
from backtimer.store.settings import Settings, load_settings
from backtimer.ui.main_window import MainWindow
from tests.ui.window_kit import FakeCues, make_window, start, write_session

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

NO_PREPARE = """\
title: No get-ready of its own
items:
  - exercise: pelvic-tilt
    hold: 5s
"""
OWN_PREPARE = NO_PREPARE.replace("items:", "prepare: 7s\nitems:")


def save_settings_dialog(window: MainWindow, **changes: object) -> Settings:
    window.action_settings.trigger()
    dialog = window.settings_dialog
    assert dialog is not None and dialog.isVisible()
    if "prepare" in changes:
        dialog.prepare.setValue(int(changes["prepare"]))  # type: ignore[call-overload]
    if "volume" in changes:
        dialog.volume.setValue(int(changes["volume"]))  # type: ignore[call-overload]
    if "voice" in changes:
        dialog.voice.setChecked(bool(changes["voice"]))
    if "flash" in changes:
        dialog.flash.setChecked(bool(changes["flash"]))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert not dialog.isVisible()
    return window.settings


def first_step_seconds(window: MainWindow) -> tuple[StepKind, float | None]:
    timeline = window.adapter.timeline
    assert timeline is not None
    return timeline.steps[0].kind, timeline.steps[0].seconds


def test_settings_reach_the_cues_the_window_and_the_file(qtbot: QtBot, paths: Paths) -> None:
    cues = FakeCues()
    window = make_window(paths, cues=cues)
    qtbot.addWidget(window)
    window.show()
    changed: list[Settings] = []
    window.settings_changed.connect(changed.append)
    settings = save_settings_dialog(window, volume=40, voice=False, flash=False)
    assert cues.director.settings == [settings]  # applied once, at once
    assert settings.volume == 0.4 and not settings.voice and not settings.flash
    assert changed == [settings]
    assert load_settings(paths.settings_file).settings == settings
    assert settings.safety_acknowledged  # what the dialog does not show is kept


def test_the_default_get_ready_time_changes_the_next_session(qtbot: QtBot, paths: Paths) -> None:
    write_session(paths, "no-prepare", NO_PREPARE)
    write_session(paths, "own-prepare", OWN_PREPARE)
    window = make_window(paths, settings=Settings(safety_acknowledged=True, default_prepare=5.0))
    qtbot.addWidget(window)
    window.show()
    start(window, "no-prepare")
    assert first_step_seconds(window) == (StepKind.PREPARE, 5.0)
    window.show_start()
    assert window.start_screen.select_id("no-prepare")
    assert window.start_screen.total_label.text().startswith("0:10 in total")

    save_settings_dialog(window, prepare=12)
    assert window.library.default_prepare == 12.0
    assert window.start_screen.total_label.text().startswith("0:17 in total")  # at once
    window.start_screen.start_button.click()
    assert first_step_seconds(window) == (StepKind.PREPARE, 12.0)
    window.show_start()
    start(window, "own-prepare")
    assert first_step_seconds(window) == (StepKind.PREPARE, 7.0)  # a session's own wins


def test_a_window_starts_with_the_saved_get_ready_time(qtbot: QtBot, paths: Paths) -> None:
    write_session(paths, "no-prepare", NO_PREPARE)
    window = make_window(paths, settings=Settings(safety_acknowledged=True, default_prepare=20.0))
    qtbot.addWidget(window)
    start(window, "no-prepare")
    assert first_step_seconds(window) == (StepKind.PREPARE, 20.0)
