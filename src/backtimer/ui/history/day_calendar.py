"""A calendar of the last months: one square a day, filled by the minutes done that day.

Why a calendar beside the weekly bars: the weekly goal is counted in days, and a grid of days
(weeks as columns, Monday to Sunday down) shows at a glance which days were done and where the
gaps are. Four shades of the minutes colour, with a legend that names their minutes; a day with
a session too short to count (see ``store.history.COUNTED_SECONDS``) is an outlined square,
so it is seen but not mistaken for a day done. Painted by hand like the weekly chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QDate, QEvent, QLocale, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from backtimer.store.history import DayTotal
from backtimer.store.streaks import CALENDAR_WEEKS, calendar_start
from backtimer.ui.common.theme import blend, font, is_dark, minutes_colour
from backtimer.ui.common.words import tr

# The shades' lower bounds in minutes: 1-9, 10-19, 20-29, 30 and more.
LEVELS = (1, 10, 20, 30)
_SHARES = (0.32, 0.55, 0.78, 1.0)  # how much of the minutes colour each shade has
_SHARES_DARK = (0.45, 0.65, 0.83, 1.0)  # on a dark background the faint ones need more
_GAP = 3.0


def level_of(minutes: float) -> int:
    """0 for no minutes, else 1 to 4 by ``LEVELS``."""
    return sum(1 for bound in LEVELS if minutes >= bound) if minutes > 0 else 0


class DayCalendar(QWidget):
    """The last ``CALENDAR_WEEKS`` weeks, a column a week, this week on the right.

    Signals: none. Give it data with ``set_days``; ``shade(day)`` says how a day is drawn
    (0: empty, 1-4: done, -1: a session that did not count), for tests.
    """

    def __init__(self, parent: QWidget | None = None, weeks: int = CALENDAR_WEEKS) -> None:
        super().__init__(parent)
        self.weeks = weeks
        self.today = date.today()
        self._days: dict[date, DayTotal] = {}
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(round(self._left() + weeks * 11), 150)
        self.setAccessibleName(tr("Days done, last {weeks} weeks").format(weeks=weeks))

    def sizeHint(self) -> QSize:
        return QSize(int(self._left() + self.weeks * 18 + 8), 230)

    def set_days(self, totals: Sequence[DayTotal], today: date) -> None:
        self.today = today
        self._days = {total.day: total for total in totals}
        done = sum(1 for total in totals if total.counted and total.day >= self.first_day())
        self.setToolTip("")
        self.setAccessibleDescription(
            tr("{days} days done in the last {weeks} weeks").format(days=done, weeks=self.weeks))
        self.update()

    def first_day(self) -> date:
        return calendar_start(self.today, self.weeks)

    def shade(self, day: date) -> int:
        total = self._days.get(day)
        if total is None or total.minutes <= 0:
            return 0
        return level_of(total.minutes) if total.counted else -1

    # -- geometry ----------------------------------------------------------------------------

    def _left(self) -> float:
        return QFontMetricsF(font(12)).horizontalAdvance("Wed") + 8

    def _cell(self) -> tuple[float, float, float]:
        """The square's side and the grid's top-left corner."""
        label = QFontMetricsF(font(12)).height()
        top = 30 + label + 4  # the title, then the month names
        bottom = label + 14  # the legend
        side = min((self.width() - self._left()) / self.weeks,
                   (self.height() - top - bottom) / 7) - _GAP
        return max(side, 6.0), self._left(), top

    def _rect(self, day: date, cell: tuple[float, float, float] | None = None,
              first: date | None = None) -> QRectF:
        """The square of ``day``; ``cell`` and ``first`` (``_cell()``, ``first_day()``) when
        the caller has them already: worked out for each of 119 squares, the font metrics
        were a third of the History's paint."""
        side, left, top = cell or self._cell()
        offset = (day - (first or self.first_day())).days
        column, row = divmod(offset, 7)
        return QRectF(left + column * (side + _GAP), top + row * (side + _GAP), side, side)

    # -- painting ----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        try:
            self._paint(painter)
        finally:
            painter.end()

    def _colours(self) -> tuple[QColor, QColor, QColor, list[QColor]]:
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        back = palette.color(QPalette.ColorRole.Window)
        done = minutes_colour(self)
        shares = _SHARES_DARK if is_dark(palette) else _SHARES
        return text, back, blend(text, back, 0.10), [blend(done, back, s) for s in shares]

    def _paint(self, painter: QPainter) -> None:
        text, back, empty, shades = self._colours()
        soft = blend(text, back, 0.6)
        label_font = font(12)
        metrics = QFontMetricsF(label_font)
        painter.setFont(font(17, QFont.Weight.DemiBold))
        painter.setPen(text)
        painter.drawText(QRectF(0, 0, self.width(), 28), int(Qt.AlignmentFlag.AlignLeft),
                         tr("Days done"))
        cell = self._cell()
        side, left, top = cell
        painter.setFont(label_font)
        painter.setPen(soft)
        for row, name in ((0, tr("Mon")), (2, tr("Wed")), (4, tr("Fri"))):
            y = top + row * (side + _GAP)
            painter.drawText(QRectF(0, y, left - 6, side),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                             name)
        first = self.first_day()
        last_label = -99.0
        for week in range(self.weeks):
            monday = first + timedelta(weeks=week)
            sunday = monday + timedelta(days=6)
            x = left + week * (side + _GAP)
            if (week == 0 or sunday.month != monday.month or monday.day == 1) and \
                    x - last_label > metrics.horizontalAdvance("Mmm") + 4:
                shown = sunday if week else monday
                name = QLocale().toString(QDate(shown.year, shown.month, 1), "MMM")
                painter.setPen(soft)
                painter.drawText(QPointF(x, top - 6), name)
                last_label = x
            for row in range(7):
                day = monday + timedelta(days=row)
                if day > self.today:
                    break
                rect = self._rect(day, cell, first)
                shade = self.shade(day)
                painter.setPen(Qt.PenStyle.NoPen)
                if shade == -1:
                    painter.setBrush(empty)
                    painter.drawRoundedRect(rect, 3, 3)
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.setPen(QPen(shades[1], 1.5))
                    painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 3, 3)
                else:
                    painter.setBrush(shades[shade - 1] if shade else empty)
                    painter.drawRoundedRect(rect, 3, 3)
                if day == self.today:
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.setPen(QPen(text, 1.5))
                    painter.drawRoundedRect(rect.adjusted(-1.5, -1.5, 1.5, 1.5), 4, 4)
        self._legend(painter, label_font, soft, empty, shades, top + 7 * (side + _GAP) + 6)

    def _legend(self, painter: QPainter, label_font: QFont, soft: QColor, empty: QColor,
                shades: list[QColor], y: float) -> None:
        """"min: [ ] 0 [#] 1–9 ... 30+" under the grid, so each shade names its minutes."""
        metrics = QFontMetricsF(label_font)
        box = min(12.0, metrics.height() - 2)
        entries = [(empty, "0")] + [
            (shades[i], f"{LEVELS[i]}–{LEVELS[i + 1] - 1}" if i + 1 < len(LEVELS)
             else f"{LEVELS[i]}+") for i in range(len(LEVELS))]
        gap = 10.0
        needed = sum(box + 4 + metrics.horizontalAdvance(label) + gap for _, label in entries)
        if self._left() + needed > self.width():  # narrow: closer, and under the day names
            gap = 6.0
            needed = sum(box + 4 + metrics.horizontalAdvance(label) + gap
                         for _, label in entries)
        prefix = metrics.horizontalAdvance(tr("min")) + 6
        x = min(self._left(), max(prefix, self.width() - needed))
        painter.setPen(soft)
        painter.drawText(QPointF(x - prefix,
                                 y + metrics.ascent()), tr("min"))
        for colour, label in entries:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(QRectF(x, y + (metrics.height() - box) / 2, box, box), 3, 3)
            x += box + 4
            painter.setPen(soft)
            painter.drawText(QPointF(x, y + metrics.ascent()), label)
            x += metrics.horizontalAdvance(label) + gap

    # -- a day's figures under the pointer ---------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            day = self.day_at(QPointF(event.pos()))
            if day is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.day_text(day), self)
            return True
        return super().event(event)

    def day_at(self, point: QPointF) -> date | None:
        first, cell = self.first_day(), self._cell()
        for offset in range(self.weeks * 7):
            day = first + timedelta(days=offset)
            if day <= self.today and self._rect(day, cell, first).contains(point):
                return day
        return None

    def day_text(self, day: date) -> str:
        when = QLocale().toString(QDate(day.year, day.month, day.day), "ddd d MMM")
        total = self._days.get(day)
        if total is None or total.minutes <= 0:
            return tr("{day}: no session").format(day=when)
        minutes = max(1, round(total.minutes))
        if not total.counted:
            return tr("{day}: {minutes} min, too short to count").format(day=when,
                                                                         minutes=minutes)
        return tr("{day}: {minutes} min").format(day=when, minutes=minutes)
