"""The Reminders tab: add, edit and remove any number of reminders; the first one added turns
on "keep running in the tray"; what is saved is what a new start reads."""

from __future__ import annotations

from datetime import time

import pytest
from PySide6.QtCore import Qt, QTime
from pytestqt.qtbot import QtBot

from backtimer.session.reminders import WEEKDAYS, Reminder
from backtimer.store.paths import Paths
from backtimer.store.settings import Settings, load_settings, save_settings
from backtimer.ui.settings.reminders_page import RemindersPage
from backtimer.ui.settings.settings_dialog import SettingsDialog

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
SESSIONS = (("daily-routine", "Daily back routine"), ("stretches", "Hip and hamstring stretches"))


def make_dialog(qtbot: QtBot, paths: Paths) -> SettingsDialog:
    dialog = SettingsDialog(paths.settings_file, load_settings(paths.settings_file).settings,
                            sessions=SESSIONS)
    qtbot.addWidget(dialog)
    return dialog


def test_reminders_are_added_edited_and_saved(qtbot: QtBot, paths: Paths) -> None:
    dialog = make_dialog(qtbot, paths)
    page = dialog.page(RemindersPage)
    assert dialog.tabs.tabText(dialog.tabs.indexOf(page)) == "Reminders"
    assert not page.rows and not page.keep_in_tray.isChecked()
    first = page.add()
    assert page.keep_in_tray.isChecked()  # reminders need BackTimer running
    second = page.add()
    second.time.setTime(QTime(18, 15))
    second.days[5].setChecked(True)
    second.days[6].setChecked(True)
    for day in range(5):
        second.days[day].setChecked(False)  # weekends only
    second.session.setCurrentIndex(second.session.findData("stretches"))
    third = page.add()
    qtbot.mouseClick(third.remove, Qt.MouseButton.LeftButton)
    assert page.rows == [first, second]
    with qtbot.waitSignal(dialog.settings_saved):
        dialog.save()
    saved = load_settings(paths.settings_file).settings
    assert saved.reminders == (Reminder(time(7, 30), WEEKDAYS, "daily-routine"),
                               Reminder(time(18, 15), frozenset({5, 6}), "stretches"))
    assert saved.keep_in_tray
    again = make_dialog(qtbot, paths)
    assert [row.reminder() for row in again.page(RemindersPage).rows] == list(saved.reminders)


def test_the_last_day_cannot_be_unticked(qtbot: QtBot, paths: Paths) -> None:
    dialog = make_dialog(qtbot, paths)
    row = dialog.page(RemindersPage).add()
    for box in row.days:
        box.setChecked(False)
    assert row.reminder().days == frozenset({4})  # Friday, the last one left, stays


def test_a_choice_not_to_keep_running_is_kept(qtbot: QtBot, paths: Paths) -> None:
    save_settings(paths.settings_file, Settings(reminders=(
        Reminder(time(7, 0), WEEKDAYS, "gone-session"),)))
    dialog = make_dialog(qtbot, paths)
    page = dialog.page(RemindersPage)
    assert not page.keep_in_tray.isChecked()  # the person's earlier choice
    page.add()
    assert not page.keep_in_tray.isChecked()
    [old, _new] = page.rows
    assert old.session.currentText() == "gone-session (not found)"
    assert dialog.settings().reminders[0].session == "gone-session"  # kept, not lost


def test_a_file_with_a_wrong_reminder_is_not_saved_over_and_the_dialog_says_which_line(
        qtbot: QtBot, paths: Paths) -> None:
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    text = ("volume: 0.5\nreminders:\n  - {time: \"07:30\", days: daily, session: daily-routine}\n"
            "  - {time: \"7.30\", days: daily, session: stretches}\n")
    paths.settings_file.write_text(text)
    dialog = make_dialog(qtbot, paths)
    assert len(dialog.page(RemindersPage).rows) == 1  # the good one is shown
    dialog.page(RemindersPage).add()
    dialog.save()
    assert paths.settings_file.read_text() == text  # the typo'd reminder is not dropped
    shown = dialog.message.text()
    assert "line 4" in shown and "saving would drop it" in shown
