"""One reminder in the Reminders tab: a time, a session and a remove button on one line, the
seven day boxes below (on one line with the rest, the session's name was cut off).

At least one day stays ticked (unticking the last one ticks it again): a reminder on no day
would be saved and never come, a silent loss.
"""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QTimeEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from backtimer.session.reminders import WEEKDAYS, Reminder
from backtimer.ui.common.words import tr

Choices = tuple[tuple[str, str], ...]  # (session id, title), in the order the list shows them


def day_labels() -> list[str]:
    return [tr("Mon"), tr("Tue"), tr("Wed"), tr("Thu"), tr("Fri"), tr("Sat"), tr("Sun")]


class ReminderRow(QFrame):
    """Edits one reminder; ``reminder()`` is what it shows now.

    Signals:
        remove_requested(): its ✕ was clicked.
    """

    remove_requested = Signal()

    def __init__(self, reminder: Reminder | None, choices: Choices,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        reminder = reminder or Reminder(time(7, 30), WEEKDAYS,
                                        choices[0][0] if choices else "daily-routine")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 6, 8, 6)
        row = QHBoxLayout()
        week = QHBoxLayout()
        column.addLayout(row)
        column.addLayout(week)
        self.time = QTimeEdit(QTime(reminder.at.hour, reminder.at.minute), self)
        self.time.setDisplayFormat("HH:mm")
        self.time.setAccessibleName(tr("Time"))
        row.addWidget(self.time)
        self.days: list[QCheckBox] = []
        for number, label in enumerate(day_labels()):
            box = QCheckBox(label, self)
            box.setChecked(number in reminder.days)
            box.toggled.connect(lambda on, b=box: self._keep_one_day(b, on))
            self.days.append(box)
            week.addWidget(box)
        week.addStretch(1)
        self.session = QComboBox(self)
        self.session.setAccessibleName(tr("Session"))
        for session_id, title in choices:
            self.session.addItem(title, session_id)
        if self.session.findData(reminder.session) < 0:  # a session no longer in the library
            self.session.addItem(tr("{id} (not found)").format(id=reminder.session),
                                 reminder.session)
        self.session.setCurrentIndex(self.session.findData(reminder.session))
        row.addWidget(self.session, 1)
        self.remove = QToolButton(self)
        self.remove.setText("✕")
        self.remove.setToolTip(tr("Remove this reminder"))
        self.remove.setAccessibleName(tr("Remove this reminder"))
        self.remove.clicked.connect(self.remove_requested)
        row.addWidget(self.remove)

    def reminder(self) -> Reminder:
        at = self.time.time()
        days = frozenset(i for i, box in enumerate(self.days) if box.isChecked())
        return Reminder(time(at.hour(), at.minute()), days, str(self.session.currentData()))

    def _keep_one_day(self, box: QCheckBox, on: bool) -> None:
        if not on and not any(b.isChecked() for b in self.days):
            box.setChecked(True)
