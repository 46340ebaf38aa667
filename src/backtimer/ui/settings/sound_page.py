"""Settings tab for what is heard: sounds, their soft variant, the voice and the volume."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSlider, QVBoxLayout, QWidget

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
        self.volume = QSlider(Qt.Orientation.Horizontal, self)
        self.volume.setRange(0, 100)
        self.volume.setSingleStep(5)
        self.volume.setPageStep(10)
        self.volume.setValue(round(settings.volume * 100))
        self.volume_label = QLabel(self)
        self.volume_label.setMinimumWidth(40)

        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.sounds)
        indented = QHBoxLayout()
        indented.addSpacing(24)  # a variant of the sounds above, so it sits under them
        indented.addWidget(self.soft_sounds)
        self.layout_.addLayout(indented)
        self.layout_.addWidget(self.voice)
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
        self.layout_.addStretch(1)

        self.volume.valueChanged.connect(self._update_enabled)
        self.sounds.toggled.connect(self._update_enabled)
        self.voice.toggled.connect(self._update_enabled)
        self._update_enabled()

    def changes(self) -> dict[str, Any]:
        return {
            "sounds": self.sounds.isChecked(),
            "soft_sounds": self.soft_sounds.isChecked(),
            "voice": self.voice.isChecked(),
            "volume": self.volume.value() / 100,
        }

    def _update_enabled(self) -> None:
        self.volume_label.setText(f"{self.volume.value()} %")
        self.soft_sounds.setEnabled(self.sounds.isChecked())
        audible = self.sounds.isChecked() or self.voice.isChecked()
        self.volume.setEnabled(audible)
        self.volume_label.setEnabled(audible)
