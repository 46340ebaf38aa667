"""The library's sessions as an item model, sorted by title (``session_card`` draws each).

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
    Qt,
)
from PySide6.QtWidgets import QWidget

from backtimer.session.durations import format_clock
from backtimer.session.model import DEFAULT_PREPARE, Session
from backtimer.session.timeline import StepKind, Timeline, level_count
from backtimer.store.levels import load_levels
from backtimer.store.library import Library, Origin, SessionEntry
from backtimer.ui.common.words import tr
from backtimer.ui.start.version_summary import version_summary

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
    changes: str = ""  # a customized session's "Your version: … (was …)", before its summary

    @property
    def session(self) -> Session | None:
        return self.entry.session


def rows_for(library: Library, prepare: float = DEFAULT_PREPARE) -> list[SessionRow]:
    """Every session's line, sorted by title (what a person scans for, whatever the file is
    called); a progression's total is that of the level the person is on."""
    chosen = load_levels(library.paths.levels_file) if library.paths is not None else {}
    rows: list[SessionRow] = []
    for entry in sorted(library.entries.values(), key=title_order):
        if entry.session is None:
            message = entry.problems[0].message if entry.problems else tr("cannot be read")
            line = entry.problems[0].line if entry.problems else 0
            problem = tr("Cannot be used (line {n}): {message}").format(n=line, message=message)
            rows.append(SessionRow(entry, "", problem))
            continue
        level = max(1, min(chosen.get(entry.id, 1), level_count(entry.session)))
        timeline = library.timeline(entry.session, prepare=prepare, level=level)
        total = total_text(timeline)
        changes = ""
        if entry.original is not None:
            was = total_text(library.timeline(
                entry.original, prepare=prepare,
                level=min(level, level_count(entry.original))))
            changes = version_summary(entry.session, entry.original, library.exercises,
                                      (total, was))
        rows.append(SessionRow(entry, total, "", changes))
    return rows


def title_order(entry: SessionEntry) -> tuple[str, str]:
    """The list's order: by title, ignoring case and accents' case, then by id (stable)."""
    return (entry.title.casefold(), entry.id)


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
            if row.problem:
                return row.problem
            # The id the command line takes (``backtimer start ID``), under the summary.
            summary = (row.session.summary if row.session else "") or ""
            command = tr("Command line: backtimer start {id}").format(id=row.entry.id)
            return f"{summary}\n\n{command}" if summary else command
        if role == ENTRY_ROLE:
            return row.entry
        if role == TOTAL_ROLE:
            return row.total
        if role == SUMMARY_ROLE:
            if row.problem:
                return row.problem
            summary = (row.session.summary if row.session else "") or ""
            return f"{row.changes} {summary}".strip()
        if role == PROBLEM_ROLE:
            return row.problem
        if role == TAG_ROLE:
            return origin_tag(row.entry.origin)
        return None
