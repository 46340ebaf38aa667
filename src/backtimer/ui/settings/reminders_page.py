"""Settings tab for reminders: any number of them (time, days, session), and whether
BackTimer keeps running in the tray when the window is closed.

Reminders only come while BackTimer runs, so adding the first reminder ticks "keep running in
the tray" (unless the person already chose): with it, closing the window does not silence
them. The person can untick it again; it is saved as shown.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from backtimer.session.reminders import Reminder
from backtimer.store.settings import Settings
from backtimer.store.settings_reminders import MAX_REMINDERS
from backtimer.ui.common.words import tr
from backtimer.ui.settings.reminder_row import ReminderRow
from backtimer.ui.settings.settings_page import PageContext, SettingsPage


class RemindersPage(SettingsPage):
    """The reminders, one row each, with Add; the keep-in-tray choice below."""

    def title(self) -> str:
        return tr("Reminders")

    def __init__(self, settings: Settings, context: PageContext,
                 parent: QWidget | None = None) -> None:
        super().__init__(settings, context, parent)
        self.rows: list[ReminderRow] = []
        layout = QVBoxLayout(self)
        intro = QLabel(tr("A reminder comes as a desktop notification at its time; click it "
                          "to start the session. None comes once that session is done that "
                          "day."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.empty = QLabel(tr("No reminders yet."), self)
        self.empty.setEnabled(False)
        layout.addWidget(self.empty)
        self.list = QWidget(self)
        self.list_layout = QVBoxLayout(self.list)
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        self.list_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.list)
        scroll.viewport().setAutoFillBackground(False)  # the tab's own background, not a box
        self.list.setAutoFillBackground(False)
        layout.addWidget(scroll, 1)
        self.add_button = QPushButton(tr("Add reminder"), self)
        self.add_button.clicked.connect(lambda: self.add())
        layout.addWidget(self.add_button)
        self.keep_in_tray = QCheckBox(
            tr("Keep running in the tray when the window is closed"), self)
        self.keep_in_tray.setChecked(settings.keep_in_tray)
        self.keep_in_tray.toggled.connect(self._chosen)
        self._tray_chosen = settings.keep_in_tray or bool(settings.reminders)
        layout.addWidget(self.keep_in_tray)
        for reminder in settings.reminders:
            self.add(reminder)
        self._update()

    def add(self, reminder: Reminder | None = None) -> ReminderRow:
        """A new row (07:30 on weekdays, the first session, unless ``reminder`` is given)."""
        row = ReminderRow(reminder, self.context.sessions, self.list)
        row.remove_requested.connect(lambda: self.remove(row))
        self.list_layout.insertWidget(len(self.rows), row)
        self.rows.append(row)
        if reminder is None and not self._tray_chosen:  # the first reminder, added now
            self.keep_in_tray.setChecked(True)
            self._tray_chosen = True
        self._update()
        return row

    def remove(self, row: ReminderRow) -> None:
        self.rows.remove(row)
        self.list_layout.removeWidget(row)
        row.deleteLater()
        self._update()

    def changes(self) -> dict[str, Any]:
        reminders = []
        for row in self.rows:
            reminder = row.reminder()
            if reminder not in reminders:
                reminders.append(reminder)
        return {"reminders": tuple(reminders), "keep_in_tray": self.keep_in_tray.isChecked()}

    def _chosen(self, _on: bool) -> None:
        self._tray_chosen = True

    def _update(self) -> None:
        self.empty.setVisible(not self.rows)
        self.add_button.setEnabled(len(self.rows) < MAX_REMINDERS)
