"""Settings tab for sessions: the get-ready time used when a session sets none."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from backtimer.store.settings import Settings
from backtimer.ui.common.spin_boxes import DurationSpinBox
from backtimer.ui.common.words import tr
from backtimer.ui.settings.settings_page import PageContext, SettingsPage

PREPARE_LIMITS = (0, 300)  # the limits settings.py accepts for default_prepare


class SessionPage(SettingsPage):
    """The get-ready countdown before the first step."""

    def title(self) -> str:
        return tr("Sessions")

    def __init__(self, settings: Settings, context: PageContext,
                 parent: QWidget | None = None) -> None:
        super().__init__(settings, context, parent)
        self.prepare = DurationSpinBox(tr("Get ready"), *PREPARE_LIMITS, fine_below=10,
                                       parent=self)
        self.prepare.setSpecialValueText(tr("none"))
        self.prepare.setValue(round(settings.default_prepare))
        self.prepare.setFixedWidth(120)
        form = QFormLayout(self)
        form.addRow(tr("Get-ready time"), self.prepare)
        hint = QLabel(tr("Used when a session does not set its own."), self)
        hint.setWordWrap(True)
        hint.setEnabled(False)
        form.addRow("", hint)

    def changes(self) -> dict[str, Any]:
        return {"default_prepare": float(self.prepare.value())}
