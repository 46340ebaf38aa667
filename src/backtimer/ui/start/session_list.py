"""The library's sessions as an item model, and a delegate that draws each as a calm card.

Sessions that do not validate stay in the list with their first problem, so a person sees why
their file is not offered instead of wondering where it went; they cannot be started.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from backtimer.session.durations import format_clock
from backtimer.session.model import DEFAULT_PREPARE, Session
from backtimer.session.timeline import StepKind, Timeline, level_count
from backtimer.store.levels import load_levels
from backtimer.store.library import Library, Origin, SessionEntry
from backtimer.ui.common.theme import blend, caution_colour, font
from backtimer.ui.common.words import tr

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
TOTAL_ROLE = Qt.ItemDataRole.UserRole + 2
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 3
PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 4
TAG_ROLE = Qt.ItemDataRole.UserRole + 5  # "customized", "yours" or "" (built in)

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class SessionRow:
    """One line of the list, computed once when the library is (re)loaded."""

    entry: SessionEntry
    total: str  # "4:29", "" for a session that cannot be used
    problem: str  # "" for a valid session

    @property
    def session(self) -> Session | None:
        return self.entry.session


def rows_for(library: Library, prepare: float = DEFAULT_PREPARE) -> list[SessionRow]:
    """Every session's line; a progression's total is that of the level the person is on."""
    chosen = load_levels(library.paths.levels_file) if library.paths is not None else {}
    rows: list[SessionRow] = []
    for entry in library.entries.values():
        if entry.session is None:
            message = entry.problems[0].message if entry.problems else tr("cannot be read")
            line = entry.problems[0].line if entry.problems else 0
            problem = tr("Cannot be used (line {n}): {message}").format(n=line, message=message)
            rows.append(SessionRow(entry, "", problem))
            continue
        level = max(1, min(chosen.get(entry.id, 1), level_count(entry.session)))
        timeline = library.timeline(entry.session, prepare=prepare, level=level)
        rows.append(SessionRow(entry, total_text(timeline), ""))
    return rows


def total_text(timeline: Timeline) -> str:
    """A card's total: "4:29", with a "+" when some reps are at the person's own pace."""
    total = format_clock(timeline.total_seconds)
    if any(step.kind is StepKind.SELF_PACED for step in timeline.steps):
        total = tr("{t}+").format(t=total)
    return total


def origin_tag(origin: Origin) -> str:
    """The small word beside a title that says whose the session is (none for built-in)."""
    if origin is Origin.CUSTOMIZED:
        return tr("customized")
    if origin is Origin.USER:
        return tr("yours")
    return ""


class SessionListModel(QAbstractListModel):
    """Read-only list of sessions; ``reload(library)`` refreshes it after the library changes."""

    def __init__(self, library: Library, parent: QWidget | None = None, *,
                 prepare: Callable[[], float] = lambda: DEFAULT_PREPARE) -> None:
        super().__init__(parent)
        self._prepare = prepare
        self._rows = rows_for(library, prepare())

    def reload(self, library: Library) -> None:
        self.beginResetModel()
        self._rows = rows_for(library, self._prepare())
        self.endResetModel()

    def row_at(self, row: int) -> SessionRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def set_total(self, session_id: str, total: str) -> None:
        """Show a new total on one card (the person picked another level)."""
        number = self.row_of(session_id)
        if number >= 0:
            self._rows[number] = replace(self._rows[number], total=total)
            index = self.index(number, 0)
            self.dataChanged.emit(index, index, [TOTAL_ROLE])

    def row_of(self, session_id: str) -> int:
        for number, row in enumerate(self._rows):
            if row.entry.id == session_id:
                return number
        return -1

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flag = Qt.ItemFlag
        return flag.ItemIsEnabled | flag.ItemIsSelectable | flag.ItemNeverHasChildren

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.entry.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.problem or (row.session.summary if row.session else None)
        if role == ENTRY_ROLE:
            return row.entry
        if role == TOTAL_ROLE:
            return row.total
        if role == SUMMARY_ROLE:
            if row.problem:
                return row.problem
            return (row.session.summary if row.session else "") or ""
        if role == PROBLEM_ROLE:
            return row.problem
        if role == TAG_ROLE:
            return origin_tag(row.entry.origin)
        return None


class SessionCardDelegate(QStyledItemDelegate):
    """Title and total time on one line, the summary (or the problem) under it.

    Colours come from ``colours_from`` (the start screen), whose palette is the window's.
    """

    PAD = 18

    def __init__(self, colours_from: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._colours_from = colours_from

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        title = QFontMetrics(font(20, QFont.Weight.DemiBold))
        body = QFontMetrics(font(15))
        return QSize(300, self.PAD * 2 + title.height() + 8 + body.lineSpacing() * 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self._colours_from.palette()
        rect: QRect = option.rect
        state = option.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        hovered = bool(state & QStyle.StateFlag.State_MouseOver)
        window = palette.color(QPalette.ColorRole.Window)
        text = palette.color(QPalette.ColorRole.WindowText)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        card = QRectF(rect).adjusted(4, 4, -4, -4)
        if selected:
            painter.setPen(blend(highlight, window, 0.55))
            painter.setBrush(blend(highlight, window, 0.13))
        elif hovered:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(blend(text, window, 0.05))
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(card, 12, 12)

        inner = card.adjusted(self.PAD, self.PAD - 4, -self.PAD, -self.PAD + 4).toRect()
        problem = index.data(PROBLEM_ROLE)
        title_font = font(20, QFont.Weight.DemiBold)
        painter.setFont(title_font)
        metrics = QFontMetrics(title_font)
        total = str(index.data(TOTAL_ROLE) or "")
        total_width = metrics.horizontalAdvance(total) + 12 if total else 0
        tag = str(index.data(TAG_ROLE) or "")
        tag_font = font(12, QFont.Weight.DemiBold)
        tag_metrics = QFontMetrics(tag_font)
        tag_width = tag_metrics.horizontalAdvance(tag) + 16 if tag else 0
        room = inner.width() - total_width - (tag_width + 10 if tag else 0)
        painter.setPen(text if not problem else blend(text, window, 0.6))
        title = metrics.elidedText(str(index.data()), Qt.TextElideMode.ElideRight, room)
        painter.drawText(QRect(inner.left(), inner.top(), room, metrics.height()),
                         Qt.AlignmentFlag.AlignLeft, title)
        if tag:
            pill = QRectF(inner.left() + metrics.horizontalAdvance(title) + 10,
                          inner.top() + (metrics.height() - tag_metrics.height() - 6) / 2 + 1,
                          tag_width, tag_metrics.height() + 6)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(blend(highlight, window, 0.16))
            painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
            painter.setFont(tag_font)
            painter.setPen(blend(highlight, text, 0.35))
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, tag)
            painter.setFont(title_font)
        if total:
            painter.setPen(blend(text, window, 0.65))
            painter.drawText(QRect(inner.left(), inner.top(), inner.width(), metrics.height()),
                             Qt.AlignmentFlag.AlignRight, total)
        body_font = font(15)
        painter.setFont(body_font)
        painter.setPen(caution_colour() if problem else blend(text, window, 0.62))
        body = QRect(inner.left(), inner.top() + metrics.height() + 6, inner.width(),
                     inner.bottom() - inner.top() - metrics.height() - 6)
        summary = str(index.data(SUMMARY_ROLE) or "")
        body_metrics = QFontMetrics(body_font)
        painter.drawText(body, int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignTop),
                         _two_lines(summary, body_metrics, body.width()))
        painter.restore()


def _two_lines(text: str, metrics: QFontMetrics, width: int) -> str:
    """Cut ``text`` to what fits on two lines, with an ellipsis."""
    words = text.split()
    lines: list[str] = []
    current = ""
    for number, word in enumerate(words):
        trial = f"{current} {word}".strip()
        if metrics.horizontalAdvance(trial) <= width:
            current = trial
            continue
        lines.append(current)
        current = word
        if len(lines) == 2:
            rest = " ".join(words[number:])
            lines[1] = metrics.elidedText(lines[1] + " " + rest, Qt.TextElideMode.ElideRight,
                                          width)
            return "\n".join(lines)
    lines.append(current)
    return "\n".join(line for line in lines if line)
