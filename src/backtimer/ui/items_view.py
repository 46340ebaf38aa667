"""The exercises of the selected session, one row each: name, dose and time.

Its own class so the lead can swap it for an editable list (quick adjust of holds and reps)
without touching the start screen: the start screen only calls ``show_session``.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from backtimer.session.model import Exercise, Session
from backtimer.session.timeline import StepKind, Timeline
from backtimer.ui.theme import font, muted
from backtimer.ui.words import dose_line, short_seconds, tr


class SessionItemsView(QWidget):
    """Read-only rows for a session's items. ``rows()`` gives their texts (for tests)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._outer = QVBoxLayout(self)
        self._outer.setContentsMargins(0, 0, 0, 0)
        self._outer.addStretch(1)
        self._grid_host: QWidget | None = None
        self._rows: list[tuple[str, str, str]] = []

    def rows(self) -> list[tuple[str, str, str]]:
        """(name, dose, time) for each item shown."""
        return list(self._rows)

    def show_session(self, session: Session | None, timeline: Timeline | None,
                     exercises: Mapping[str, Exercise]) -> None:
        if self._grid_host is not None:
            self._outer.removeWidget(self._grid_host)
            self._grid_host.hide()
            self._grid_host.deleteLater()
            self._grid_host = None
        self._rows = []
        if session is None or timeline is None:
            return
        seconds = [0.0] * len(session.items)
        self_paced = [False] * len(session.items)
        for step in timeline.steps:
            if step.kind in (StepKind.PREPARE, StepKind.TRANSITION):
                continue
            seconds[step.item] += step.seconds or 0.0
            self_paced[step.item] |= step.kind is StepKind.SELF_PACED
        host = QWidget(self)
        grid = QGridLayout(host)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(20)
        grid.setVerticalSpacing(4)
        soft = muted(self).name()
        for number, item in enumerate(session.items):
            exercise = exercises.get(item.exercise)
            name = exercise.name if exercise else item.exercise
            dose = dose_line(item, exercise)
            time = short_seconds(seconds[number]) if seconds[number] else ""
            if self_paced[number]:
                time = tr("your pace") if not time else tr("{t} + your pace").format(t=time)
            self._rows.append((name, dose, time))
            index = QLabel(str(number + 1), host)
            index.setFont(font(16, QFont.Weight.Bold))
            index.setStyleSheet(f"color: {soft};")
            index.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            title = QLabel(name, host)
            title.setFont(font(18, QFont.Weight.DemiBold))
            title.setWordWrap(True)
            detail = QLabel(dose, host)
            detail.setFont(font(15))
            detail.setStyleSheet(f"color: {soft};")
            detail.setWordWrap(True)
            length = QLabel(time, host)
            length.setFont(font(16, QFont.Weight.DemiBold))
            length.setStyleSheet(f"color: {soft};")
            length.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            row = number * 3
            grid.addWidget(index, row, 0, 2, 1)
            grid.addWidget(title, row, 1)
            grid.addWidget(length, row, 2)
            grid.addWidget(detail, row + 1, 1, 1, 2)
            grid.setRowMinimumHeight(row + 2, 14)
        grid.setColumnStretch(1, 1)
        grid.setColumnMinimumWidth(0, 22)
        self._outer.insertWidget(0, host)
        self._grid_host = host
