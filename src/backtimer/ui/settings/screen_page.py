"""Settings tab for the screen: the flash at each step, keeping it awake, reduced motion."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget

from backtimer.store.settings import Settings
from backtimer.ui.common.words import tr
from backtimer.ui.settings.settings_page import PageContext, SettingsPage


class ScreenPage(SettingsPage):
    """What the window does on its own: flash, stay awake, move."""

    def title(self) -> str:
        return tr("Screen")

    def __init__(self, settings: Settings, context: PageContext,
                 parent: QWidget | None = None) -> None:
        super().__init__(settings, context, parent)
        self.flash = QCheckBox(tr("Flash the window when the step changes"), self)
        self.flash.setChecked(settings.flash)
        self.keep_awake = QCheckBox(tr("Keep the screen awake during a session"), self)
        self.keep_awake.setChecked(settings.keep_awake)
        self.reduce_motion = QCheckBox(tr("Reduce motion: exercise figures stay still"), self)
        self.reduce_motion.setChecked(settings.reduce_motion)
        layout = QVBoxLayout(self)
        layout.addWidget(self.flash)
        layout.addWidget(self.keep_awake)
        layout.addWidget(self.reduce_motion)
        layout.addStretch(1)

    def changes(self) -> dict[str, Any]:
        return {
            "flash": self.flash.isChecked(),
            "keep_awake": self.keep_awake.isChecked(),
            "reduce_motion": self.reduce_motion.isChecked(),
        }
