"""An editable view of a session's items: hold, rest, reps, sets and sides of each, in place.

It is the start screen's "quick adjust" panel (``structure_editable=False``: only the numbers
change) and the middle of the session editor (``structure_editable=True``: items can also be
dragged, moved up and down, duplicated and removed). Either way every edit emits the whole new
session, so a total time can follow as the person types. Each item is an ``ItemCard``
(``item_card``); this module keeps the list of them, its drag and drop, and the total.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QPainter,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from backtimer.session.durations import format_clock
from backtimer.session.model import Dose, Exercise, ExerciseKind, Item, Session, SidesMode
from backtimer.session.timeline import (
    StepKind,
    Timeline,
    TimelineTooLongError,
    compile_session,
    level_count,
    session_at_level,
)
from backtimer.ui.common.words import tr
from backtimer.ui.library.item_card import ITEM_MIME, ItemCard

__all__ = ["ItemsEditor", "new_item"]


def new_item(exercise: Exercise) -> Item:
    """A sensible first dose for an exercise just added to a session; the person adjusts it."""
    sides = SidesMode.EACH if exercise.has_sides else SidesMode.NONE
    if exercise.kind is ExerciseKind.STRETCH:
        return Item(exercise.id, Dose(hold=30.0, rest=5.0, reps=2, sides=sides))
    if exercise.kind in (ExerciseKind.BREATHING, ExerciseKind.CARDIO):
        return Item(exercise.id, Dose(hold=120.0, sides=sides))
    return Item(exercise.id, Dose(hold=10.0, rest=5.0, reps=5, sides=sides))


class ItemsEditor(QWidget):
    """Spin boxes for every item of a session, with the total time underneath.

    Signals:
        session_changed(Session): after every edit, the whole session as it now stands.
        problem_changed(str): a refused value's message, or "" once nothing is refused.
    """

    session_changed = Signal(object)
    problem_changed = Signal(str)

    def __init__(self, exercises: Mapping[str, Exercise], *, structure_editable: bool = False,
                 timeline_of: Callable[[Session], Timeline] | None = None,
                 parent: QWidget | None = None) -> None:
        """``timeline_of`` lays a session out as the window will run it (``Library.timeline``,
        with the person's default get-ready time); without it, the format's defaults apply."""
        super().__init__(parent)
        self.exercises = exercises
        self.timeline_of = timeline_of or (lambda session: compile_session(session, exercises))
        self.structure_editable = structure_editable
        self._base: Session | None = None
        self._items: list[Item] = []
        self._problems: dict[int, str] = {}
        self._cards: list[ItemCard] = []
        self.level = 1  # the progression's level shown (see ``set_level``)
        self.levels_note = tr("This exercise has levels, so its numbers are not changed here.")

        self._list = _CardList(self)
        self._scroll = QScrollArea(self)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setWidget(self._list)
        self.problem_label = QLabel(self)
        self.problem_label.setWordWrap(True)
        self.problem_label.setObjectName("problem")
        self.problem_label.setStyleSheet("color: #b3261e; font-weight: 600;")
        self.problem_label.hide()
        self.total_label = QLabel(self)
        bold = QFont(self.total_label.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        self.total_label.setFont(bold)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._scroll, 1)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.total_label)
        self._update_total()

    # -- the session

    def set_session(self, session: Session) -> None:
        """Show ``session`` for editing (emits nothing: this is not an edit)."""
        self._base = session
        self._items = list(session.items)
        self._rebuild()

    def set_level(self, level: int) -> None:
        """Show the items as done at ``level`` of the session's progression.

        An item with levels (or every item, for a session-wide progression) shows that level's
        numbers, read-only with ``levels_note``: the session file keeps every level's dose, and
        the writer saves those, so an edit of the shown numbers would be silently lost.
        """
        self.level = level
        if self._base is not None:
            self._rebuild()

    def session(self) -> Session | None:
        if self._base is None:
            return None
        return replace(self._base, items=tuple(self._items))

    def amend(self, **changes: object) -> None:
        """Change the session's own fields (title, prepare, transition) and emit the result."""
        if self._base is not None:
            self._base = replace(self._base, **changes)  # type: ignore[arg-type]
            self._changed()

    def has_problem(self) -> bool:
        return bool(self._problems)

    # -- structure (session editor)

    def add_item(self, item: Item) -> None:
        if self._session_levels():
            # Each level of a session-wide progression has its own list of items and the
            # writer saves those: an item added here would be lost, so it is refused, aloud.
            self.problem_label.setText(tr("This session has levels: each level lists its own "
                                          "exercises, so add them in the session's file."))
            self.problem_label.show()
            return
        self._items.append(item)
        self._rebuild()
        self._changed()
        self._scroll.ensureWidgetVisible(self._cards[-1])

    def move_item(self, source: int, target: int) -> None:
        """Move the item at ``source`` so that it ends up at index ``target``."""
        target = max(0, min(target, len(self._items) - 1))
        if source == target or not 0 <= source < len(self._items):
            return
        self._items.insert(target, self._items.pop(source))
        self._rebuild()
        self._changed()

    def duplicate_item(self, index: int) -> None:
        self._items.insert(index + 1, self._items[index])
        self._rebuild()
        self._changed()

    def remove_item(self, index: int) -> None:
        del self._items[index]
        self._rebuild()
        self._changed()

    def card(self, index: int) -> ItemCard:
        """The card of one item (tests and the start screen reach its spin boxes through it)."""
        return self._cards[index]

    # -- internals

    def _rebuild(self) -> None:
        self._problems.clear()
        self._show_problem()
        for card in self._cards:
            # Kept in its parent until deleted: a card unparented with setParent(None) is a
            # top-level window until deleteLater runs, which a modal dialog's loop delays, and
            # it showed as a stray "BackTimer" window.
            card.hide()
            self._list.layout_.removeWidget(card)
            card.deleteLater()
        self._cards = []
        for index, (item, levelled) in enumerate(self._shown_items()):
            card = ItemCard(index, len(self._items), item, self.exercises.get(item.exercise),
                            editable=self.structure_editable and not self._session_levels(),
                            parent=self._list,
                            levels_note=self.levels_note if levelled else None)
            card.item_edited.connect(self._item_edited)
            card.problem_changed.connect(self._set_problem)
            card.move_requested.connect(self.move_item)
            card.duplicate_requested.connect(self.duplicate_item)
            card.remove_requested.connect(self.remove_item)
            self._cards.append(card)
            self._list.layout_.insertWidget(index, card)
        self._list.empty_label.setVisible(not self._items)
        self._update_total()

    def _session_levels(self) -> bool:
        return self._base is not None and bool(self._base.levels)

    def _shown_items(self) -> list[tuple[Item, bool]]:
        """Each card's item, at the level shown, and whether it is a level (read-only)."""
        session = self.session()
        if session is None:
            return []
        level = max(1, min(self.level, level_count(session)))
        if session.levels:
            return [(item, True) for item in session_at_level(session, level).items]
        return [(item.levels[level - 1], True) if item.levels else (item, False)
                for item in self._items]

    def _item_edited(self, index: int, item: Item) -> None:
        self._items[index] = item
        self._changed()

    def _changed(self) -> None:
        self._update_total()
        session = self.session()
        if session is not None:
            self.session_changed.emit(session)

    def _set_problem(self, key: int, message: str) -> None:
        if message:
            self._problems[key] = message
        else:
            self._problems.pop(key, None)
        self._show_problem()

    def _show_problem(self) -> None:
        message = next(reversed(self._problems.values()), "")
        self.problem_label.setText(message)
        self.problem_label.setVisible(bool(message))
        self.problem_changed.emit(message)

    def _update_total(self) -> None:
        session = self.session()
        if session is None or not session.items:
            self.total_label.setText(tr("Total: —"))
            return
        try:
            timeline = self.timeline_of(session)
        except TimelineTooLongError:
            self.total_label.setText(tr("Total: too many steps"))
            return
        text = tr("Total: {time}").format(time=format_clock(timeline.total_seconds))
        if any(step.kind is StepKind.SELF_PACED for step in timeline.steps):
            text += tr(" + reps at your pace")
        self.total_label.setText(text)


class _CardList(QWidget):
    """The column of item cards; it takes drops of a dragged card and draws where it will go."""

    def __init__(self, editor: ItemsEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(2, 2, 2, 2)
        self.layout_.setSpacing(8)
        self.empty_label = QLabel(tr("No exercises yet. Add some from the library."), self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setEnabled(False)
        self.layout_.addWidget(self.empty_label)
        self.layout_.addStretch(1)
        self._drop_gap: int | None = None
        self.setAcceptDrops(editor.structure_editable)

    def gap_at(self, y: int) -> int:
        """The gap between cards (0 = before the first) nearest to height ``y``."""
        cards = self.editor._cards
        return sum(1 for card in cards if card.geometry().center().y() < y)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(ITEM_MIME):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasFormat(ITEM_MIME):
            self._drop_gap = self.gap_at(event.position().toPoint().y())
            self.update()
            event.acceptProposedAction()

    def dragLeaveEvent(self, event: object) -> None:
        self._drop_gap = None
        self.update()

    def dropEvent(self, event: QDropEvent) -> None:
        self._drop_gap = None
        self.update()
        if not event.mimeData().hasFormat(ITEM_MIME):
            return
        source = int(bytes(event.mimeData().data(ITEM_MIME).data()).decode())
        gap = self.gap_at(event.position().toPoint().y())
        event.acceptProposedAction()
        self.editor.move_item(source, gap if gap <= source else gap - 1)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        cards = self.editor._cards
        if self._drop_gap is None or not cards:
            return
        if self._drop_gap < len(cards):
            y = cards[self._drop_gap].geometry().top() - 4
        else:
            y = cards[-1].geometry().bottom() + 4
        painter = QPainter(self)
        painter.fillRect(4, y - 1, self.width() - 8, 3,
                         self.palette().color(QPalette.ColorRole.Highlight))
        painter.end()


