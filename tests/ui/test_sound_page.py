"""The Sound tab: test the sound, choose the engine's voice, hear the volume as it moves."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject, Qt, Signal
from pytestqt.qtbot import QtBot

from backtimer.store.paths import Paths
from backtimer.store.settings import Settings, load_settings, save_settings
from backtimer.ui.settings.settings_dialog import SettingsDialog
from backtimer.ui.settings.settings_page import PageContext
from backtimer.ui.settings.sound_page import SoundPage

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


class Engine(QObject):
    """Stands in for the cues: records previews and tests; its voices come late, as speech's do."""

    voices_found = Signal(list)

    def __init__(self) -> None:
        super().__init__()
        self.previewed: list[Settings] = []
        self.tested: list[Settings] = []
        self.names: list[str] = []

    def context(self) -> PageContext:
        return PageContext(preview=self.previewed.append, test=self.tested.append,
                           voices=lambda: list(self.names), voices_found=self.voices_found)


def make(qtbot: QtBot, paths: Paths, engine: Engine) -> tuple[SettingsDialog, SoundPage]:
    dialog = SettingsDialog(paths.settings_file, load_settings(paths.settings_file).settings,
                            context=engine.context())
    qtbot.addWidget(dialog)
    return dialog, dialog.page(SoundPage)


def test_the_volume_is_heard_as_it_is_dragged_and_cancel_puts_it_back(
    qtbot: QtBot, paths: Paths
) -> None:
    save_settings(paths.settings_file, Settings(volume=0.5))
    engine = Engine()
    dialog, page = make(qtbot, paths, engine)
    page.volume.setValue(70)
    page.volume.setValue(90)
    assert [s.volume for s in engine.previewed] == [0.7, 0.9]
    dialog.reject()
    assert engine.previewed[-1].volume == 0.5  # the saved volume again
    assert load_settings(paths.settings_file).settings.volume == 0.5


def test_test_sound_plays_as_the_tab_is_set(qtbot: QtBot, paths: Paths) -> None:
    engine = Engine()
    _dialog, page = make(qtbot, paths, engine)
    page.soft_sounds.setChecked(True)
    page.volume.setValue(40)
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    assert len(engine.tested) == 1
    assert engine.tested[0].soft_sounds and engine.tested[0].volume == 0.4
    page.sounds.setChecked(False)
    page.voice.setChecked(False)
    assert not page.test_button.isEnabled()  # nothing would be heard


def test_the_engines_voices_are_offered_when_they_come_and_the_choice_is_saved(
    qtbot: QtBot, paths: Paths
) -> None:
    engine = Engine()
    dialog, page = make(qtbot, paths, engine)
    assert page.voice_name.count() == 1  # the engine's default, until its voices are known
    engine.voices_found.emit(["Alice", "Bob"])
    assert [page.voice_name.itemText(i) for i in range(3)][1:] == ["Alice", "Bob"]
    page.voice_name.setCurrentIndex(2)
    dialog.save()
    assert load_settings(paths.settings_file).settings.voice_name == "Bob"


def test_a_saved_voice_the_engine_lacks_is_kept_and_marked(qtbot: QtBot, paths: Paths) -> None:
    save_settings(paths.settings_file, Settings(voice_name="Carol"))
    engine = Engine()
    engine.names = ["Alice"]
    dialog, page = make(qtbot, paths, engine)
    assert page.voice_name.currentText() == "Carol (not found)"
    dialog.save()
    assert load_settings(paths.settings_file).settings.voice_name == "Carol"


def test_without_cues_there_is_nothing_to_try(qtbot: QtBot, paths: Paths) -> None:
    dialog = SettingsDialog(paths.settings_file, Settings())
    qtbot.addWidget(dialog)
    page = dialog.page(SoundPage)
    assert page.test_button.isHidden()
    page.volume.setValue(10)  # nothing to preview; no error
    dialog.reject()
