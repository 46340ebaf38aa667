"""Minutes per week for the last 12 weeks, with the pain trend over it, painted by hand.

Own painting rather than QtCharts: a dozen bars and one line read better with large labels,
soft colours and no chart chrome, and the widget stays cheap to create and easy to test.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, QLocale, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from backtimer.store.streaks import WeekPoint
from backtimer.ui.common.theme import blend, font, minutes_colour, pain_colour, readable_on
from backtimer.ui.common.words import tr

PAIN_MAX = 10.0


def nice_ceiling(value: float) -> tuple[float, float]:
    """A round top for the axis and its step: 37 minutes gives (40, 10), 130 gives (150, 50)."""
    if value <= 0:
        return 30.0, 10.0
    for step in (5, 10, 15, 20, 30, 60, 90, 120, 180, 240, 300, 600):
        if value / step <= 4:
            return math.ceil(value / step) * step, float(step)
    step = 10 ** math.ceil(math.log10(value / 4))
    return math.ceil(value / step) * step, float(step)


class WeeklyChart(QWidget):
    """Bars of minutes per week, this week last and strongest; pain (0-10) as a line.

    Signals: none. Give it data with ``set_weeks``.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._weeks: list[WeekPoint] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(240)
        self.setAccessibleName(tr("Minutes per week, last 12 weeks"))

    def sizeHint(self) -> QSize:
        return QSize(760, 300)

    def set_weeks(self, weeks: Sequence[WeekPoint]) -> None:
        self._weeks = list(weeks)
        total = sum(point.minutes for point in self._weeks)
        self.setToolTip(
            tr("{minutes} minutes in the last {weeks} weeks").format(
                minutes=round(total), weeks=len(self._weeks))
        )
        self.update()

    def weeks(self) -> list[WeekPoint]:
        return list(self._weeks)

    # -- painting ----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        try:
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        back = palette.color(QPalette.ColorRole.Window)
        soft_text = blend(text, back, 0.55)
        grid_colour = blend(text, back, 0.12)
        bar = minutes_colour(self)
        pain = pain_colour(self)
        has_pain = any(point.pain is not None for point in self._weeks)

        label_font = font(13)
        metrics = QFontMetricsF(label_font)
        title_font = font(17, QFont.Weight.DemiBold)

        # Title and legend.
        painter.setFont(title_font)
        painter.setPen(text)
        painter.drawText(
            QRectF(0, 0, self.width(), 28), int(Qt.AlignmentFlag.AlignLeft),
            tr("Minutes per week"),
        )
        # The legend sits beside the title, or under it when the chart is too narrow for both.
        labels = [tr("minutes")] + ([tr("average pain (0–10)")] if has_pain else [])
        legend_width = sum(metrics.horizontalAdvance(label) + 42 for label in labels)
        title_width = QFontMetricsF(title_font).horizontalAdvance(tr("Minutes per week"))
        below = title_width + legend_width + 16 > self.width()
        self._legend(painter, label_font, bar, pain, soft_text, has_pain,
                     32.0 if below else 6.0)

        top = (72.0 if below else 52.0) if self.height() >= 180 else (56.0 if below else 38.0)
        left = metrics.horizontalAdvance("000") + 14
        right = (metrics.horizontalAdvance("10") + 16) if has_pain else 8.0
        bottom = metrics.height() + 14
        plot = QRectF(left, top, self.width() - left - right, self.height() - top - bottom)
        if plot.width() < 40 or plot.height() < 40 or not self._weeks:
            return

        peak = max(point.minutes for point in self._weeks)
        ceiling, step = nice_ceiling(peak)

        # Grid and the minutes axis.
        painter.setFont(label_font)
        lines = round(ceiling / step)
        for i in range(lines + 1):
            value = step * i
            y = plot.bottom() - plot.height() * value / ceiling
            painter.setPen(QPen(grid_colour, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(soft_text)
            painter.drawText(
                QRectF(0, y - 10, left - 10, 20),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                f"{value:g}",
            )
        if has_pain:
            painter.setPen(blend(pain, back, 0.75))
            for level in (0, 5, 10):
                y = plot.bottom() - plot.height() * level / PAIN_MAX
                painter.drawText(
                    QRectF(plot.right() + 8, y - 10, right - 8, 20),
                    int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                    str(level),
                )

        # Bars, with their value above and the week below.
        count = len(self._weeks)
        slot = plot.width() / count
        width = min(56.0, slot * 0.58)
        # Every week labelled when they fit, else every second or third: "This week" is the
        # widest, so it decides (labels never run into one another).
        widest = max(metrics.horizontalAdvance("00 Mmm"),
                     QFontMetricsF(font(13, QFont.Weight.DemiBold)).horizontalAdvance(
                         tr("This week"))) + 8
        label_every = next((n for n in (1, 2, 3, 4) if slot * n >= widest), 6)
        centres: list[float] = []
        for i, point in enumerate(self._weeks):
            centre = plot.left() + slot * (i + 0.5)
            centres.append(centre)
            current = i == count - 1
            height = plot.height() * point.minutes / ceiling
            if point.minutes > 0:
                height = max(height, 3.0)
                colour = bar if current else blend(bar, back, 0.62)
                rect = QRectF(centre - width / 2, plot.bottom() - height, width, height)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(colour)
                painter.drawPath(_top_rounded(rect, min(7.0, width / 3)))
                # The figure sits inside the bar's top when it fits, so the pain line never
                # runs through it; a short bar carries it above.
                inside = rect.height() >= metrics.height() + 10
                painter.setPen(readable_on(colour) if inside else soft_text)
                painter.setFont(font(13, QFont.Weight.DemiBold) if current else label_font)
                label_rect = (
                    QRectF(centre - slot / 2, rect.top() + 4, slot, metrics.height() + 2)
                    if inside
                    else QRectF(centre - slot / 2, rect.top() - 22, slot, 20)
                )
                painter.drawText(
                    label_rect,
                    int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
                    str(round(point.minutes)),
                )
                painter.setFont(label_font)
            if (count - 1 - i) % label_every == 0:
                week_font = font(13, QFont.Weight.DemiBold) if current else label_font
                painter.setFont(week_font)
                painter.setPen(text if current else soft_text)
                label = tr("This week") if current else self._week_label(point.week_start)
                # Centred under its bar, but never past the chart's edge.
                wide = QFontMetricsF(week_font).horizontalAdvance(label) + 4
                x = min(max(centre - wide / 2, 0.0), self.width() - wide)
                painter.drawText(
                    QRectF(x, plot.bottom() + 6, wide, metrics.height() + 4),
                    int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                    label,
                )
                painter.setFont(label_font)

        if has_pain:
            self._pain_line(painter, plot, centres, pain, back)

        if peak <= 0:
            painter.setFont(font(15))
            painter.setPen(soft_text)
            painter.drawText(
                plot, int(Qt.AlignmentFlag.AlignCenter),
                tr("No sessions in these 12 weeks yet"),
            )

    def _pain_line(
        self, painter: QPainter, plot: QRectF, centres: list[float], pain: QColor, back: QColor
    ) -> None:
        points = [
            QPointF(centres[i], plot.bottom() - plot.height() * point.pain / PAIN_MAX)
            for i, point in enumerate(self._weeks)
            if point.pain is not None
        ]
        pen = QPen(pain, 3)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if len(points) > 1:
            path = QPainterPath(points[0])
            for point in points[1:]:
                path.lineTo(point)
            painter.drawPath(path)
        painter.setBrush(back)
        painter.setPen(QPen(pain, 2.5))
        for point in points:
            painter.drawEllipse(point, 5, 5)

    def _legend(
        self, painter: QPainter, label_font: QFont, bar: QColor, pain: QColor,
        soft_text: QColor, has_pain: bool, y: float,
    ) -> None:
        painter.setFont(label_font)
        metrics = QFontMetricsF(label_font)
        entries = [(bar, tr("minutes"), False)]
        if has_pain:
            entries.append((pain, tr("average pain (0–10)"), True))
        x = float(self.width())
        for colour, label, is_line in reversed(entries):
            x -= metrics.horizontalAdvance(label)
            painter.setPen(soft_text)
            painter.drawText(QPointF(x, y + metrics.ascent()), label)
            x -= 20
            centre = QPointF(x + 7, y + metrics.height() / 2)
            if is_line:
                painter.setPen(QPen(pain, 3))
                painter.drawLine(centre - QPointF(7, 0), centre + QPointF(7, 0))
                painter.setBrush(self.palette().color(QPalette.ColorRole.Window))
                painter.setPen(QPen(pain, 2))
                painter.drawEllipse(centre, 4, 4)
            else:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(colour)
                painter.drawRoundedRect(QRectF(centre.x() - 6, centre.y() - 6, 12, 12), 3, 3)
            x -= 22

    def _week_label(self, monday: date) -> str:
        return QLocale().toString(QDate(monday.year, monday.month, monday.day), "d MMM")


class GrowingBars(QWidget):
    """A small drawing of bars growing week by week: the empty history's picture."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedSize(132, 92)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        back = self.palette().color(QPalette.ColorRole.Window)
        colour = minutes_colour(self)
        painter.setPen(Qt.PenStyle.NoPen)
        heights = (0.3, 0.5, 0.72, 1.0)
        for i, share in enumerate(heights):
            painter.setBrush(blend(colour, back, 0.25 + 0.75 * (i + 1) / len(heights)))
            height = (self.height() - 6) * share
            rect = QRectF(6 + i * 32, self.height() - height, 24, height)
            painter.drawPath(_top_rounded(rect, 6))
        painter.end()


def _top_rounded(rect: QRectF, radius: float) -> QPainterPath:
    """A bar with rounded top corners and a square foot on the axis."""
    path = QPainterPath()
    path.moveTo(rect.bottomLeft())
    path.lineTo(rect.left(), rect.top() + radius)
    path.quadTo(rect.topLeft(), QPointF(rect.left() + radius, rect.top()))
    path.lineTo(rect.right() - radius, rect.top())
    path.quadTo(rect.topRight(), QPointF(rect.right(), rect.top() + radius))
    path.lineTo(rect.bottomRight())
    path.closeSubpath()
    return path

