"""Settings tab for what is heard: sounds, their soft variant, the voice, its choice, the volume.

What is set here can be heard before it is saved: the volume applies as the slider moves (the
dialog's Cancel puts the saved volume back), and "Test sound" plays a chime and says a line as
the tab is set now. The voices are the speech engine's own; they may come a moment after the
tab opens (the engine starts in a process of its own), and the list fills in then.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from backtimer.store.settings import Settings
from backtimer.ui.common.words import tr
from backtimer.ui.settings.settings_page import PageContext, SettingsPage


class SoundPage(SettingsPage):
    """Sounds and voice; the volume is greyed out when nothing would be heard."""

    def title(self) -> str:
        return tr("Sound and voice")

    def __init__(self, settings: Settings, context: PageContext,
                 parent: QWidget | None = None) -> None:
        super().__init__(settings, context, parent)
        self.sounds = QCheckBox(tr("Play a sound at every change of step"), self)
        self.sounds.setChecked(settings.sounds)
        self.soft_sounds = QCheckBox(tr("Soft, low sounds (for early mornings)"), self)
        self.soft_sounds.setChecked(settings.soft_sounds)
        self.voice = QCheckBox(tr("Speak what comes next"), self)
        self.voice.setChecked(settings.voice)
        self.voice_name = QComboBox(self)
        self.voice_name.setAccessibleName(tr("Voice"))
        self._fill_voices(context.voices() if context.voices is not None else [])
        if context.voices_found is not None:
            context.voices_found.connect(self._fill_voices)
        self.volume = QSlider(Qt.Orientation.Horizontal, self)
        self.volume.setRange(0, 100)
        self.volume.setSingleStep(5)
        self.volume.setPageStep(10)
        self.volume.setValue(round(settings.volume * 100))
        self.volume.setAccessibleName(tr("Volume"))
        self.volume_label = QLabel(self)
        self.volume_label.setMinimumWidth(40)
        self.test_button = QPushButton(tr("Test sound"), self)
        self.test_button.setToolTip(tr("Play a chime and say a line as set here"))
        self.test_button.setVisible(context.test is not None)

        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.sounds)
        indented = QHBoxLayout()
        indented.addSpacing(24)  # a variant of the sounds above, so it sits under them
        indented.addWidget(self.soft_sounds)
        self.layout_.addLayout(indented)
        self.layout_.addWidget(self.voice)
        voice_row = QHBoxLayout()
        voice_row.addSpacing(24)
        self.voice_label = QLabel(tr("Voice"), self)
        self.voice_label.setBuddy(self.voice_name)
        voice_row.addWidget(self.voice_label)
        voice_row.addWidget(self.voice_name, 1)
        self.layout_.addLayout(voice_row)
        self.voice_note: QLabel | None = None
        if not context.voice_available:
            self.voice_note = QLabel(tr("No speech engine was found on this computer; "
                                        "the voice stays silent."), self)
            self.voice_note.setWordWrap(True)
            self.voice_note.setEnabled(False)
            self.layout_.addWidget(self.voice_note)
        volume_row = QHBoxLayout()
        volume_row.addWidget(QLabel(tr("Volume"), self))
        volume_row.addWidget(self.volume, 1)
        volume_row.addWidget(self.volume_label)
        self.layout_.addLayout(volume_row)
        test_row = QHBoxLayout()
        test_row.addStretch(1)
        test_row.addWidget(self.test_button)
        self.layout_.addLayout(test_row)
        self.layout_.addStretch(1)

        self.volume.valueChanged.connect(self._update_enabled)
        self.volume.valueChanged.connect(self._preview)
        self.sounds.toggled.connect(self._update_enabled)
        self.voice.toggled.connect(self._update_enabled)
        self.test_button.clicked.connect(self._test)
        self._update_enabled()

    def changes(self) -> dict[str, Any]:
        return {
            "sounds": self.sounds.isChecked(),
            "soft_sounds": self.soft_sounds.isChecked(),
            "voice": self.voice.isChecked(),
            "voice_name": str(self.voice_name.currentData() or ""),
            "volume": self.volume.value() / 100,
        }

    def _as_set(self) -> Settings:
        return self.original.with_changes(**self.changes())

    def _preview(self) -> None:
        """The volume is heard as it is dragged (Cancel puts the saved one back)."""
        if self.context.preview is not None:
            self.context.preview(self._as_set())

    def _test(self) -> None:
        if self.context.test is not None:
            self.context.test(self._as_set())

    def _fill_voices(self, names: list[str]) -> None:
        """The engine's voices, the default first; a saved voice it lacks stays, marked so."""
        current = str(self.voice_name.currentData() or "") if self.voice_name.count() else (
            self.original.voice_name)
        self.voice_name.clear()
        self.voice_name.addItem(tr("The speech engine's default"), "")
        for name in names:
            self.voice_name.addItem(name, name)
        if current and current not in names:
            self.voice_name.addItem(tr("{name} (not found)").format(name=current), current)
        self.voice_name.setCurrentIndex(max(0, self.voice_name.findData(current)))

    def _update_enabled(self) -> None:
        self.volume_label.setText(f"{self.volume.value()} %")
        self.soft_sounds.setEnabled(self.sounds.isChecked())
        self.voice_name.setEnabled(self.voice.isChecked() and self.context.voice_available)
        self.voice_label.setEnabled(self.voice_name.isEnabled())
        audible = self.sounds.isChecked() or self.voice.isChecked()
        self.volume.setEnabled(audible)
        self.volume_label.setEnabled(audible)
        self.test_button.setEnabled(audible)
