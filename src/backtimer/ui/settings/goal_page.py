"""Settings tab for the weekly goal: on how many days a week the person means to exercise.

Back exercises help when they are done most days, so the goal is counted in days, not
minutes; the History shows this week's progress toward it ("3 of 4 days") and the weeks in a
row it was met. 1 to 7 days, 4 by default (``Settings.weekly_goal``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QLabel, QSpinBox, QWidget

from backtimer.store.settings import Settings
from backtimer.ui.common.words import tr
from backtimer.ui.settings.settings_page import PageContext, SettingsPage

GOAL_LIMITS = (1, 7)  # the limits settings.py accepts for weekly_goal


class GoalPage(SettingsPage):
    """Days a week to aim for."""

    def title(self) -> str:
        return tr("Goal")

    def __init__(self, settings: Settings, context: PageContext,
                 parent: QWidget | None = None) -> None:
        super().__init__(settings, context, parent)
        self.days = QSpinBox(self)
        self.days.setRange(*GOAL_LIMITS)
        self.days.setValue(settings.weekly_goal)
        self.days.setSuffix(tr(" days a week"))
        self.days.setMinimumWidth(170)
        form = QFormLayout(self)
        form.addRow(tr("Weekly goal"), self.days)
        hint = QLabel(tr("The history shows this week's progress toward it and how many weeks "
                         "in a row you met it. A day counts when you finish a session or "
                         "exercise for at least 5 minutes."), self)
        hint.setWordWrap(True)
        hint.setEnabled(False)
        form.addRow("", hint)

    def changes(self) -> dict[str, Any]:
        return {"weekly_goal": self.days.value()}
