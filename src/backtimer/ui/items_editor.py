"""An editable view of a session's items: hold, rest, reps, sets and sides of each, in place.

It is the start screen's "quick adjust" panel (``structure_editable=False``: only the numbers
change) and the middle of the session editor (``structure_editable=True``: items can also be
dragged, moved up and down, duplicated and removed). Either way every edit emits the whole new
session, so a total time can follow as the person types.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import (
    QDrag,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from backtimer.session.durations import format_clock
from backtimer.session.model import Dose, Exercise, ExerciseKind, Item, Session, SidesMode
from backtimer.session.timeline import StepKind, TimelineTooLongError, compile_session
from backtimer.ui.spin_boxes import CheckedSpinBox, DurationSpinBox

# The limits the editor offers (the file format itself allows a little more; see loader.py).
HOLD_RANGE = (1, 600)
FILL_RANGE = (5, 3600)
PAUSE_RANGE = (0, 600)
REPS_RANGE = (1, 500)
SETS_RANGE = (1, 50)

ITEM_MIME = "application/x-backtimer-item"
SPIN_WIDTH = 100
COLUMNS = 5  # fields per row; more wrap to a second row so a card stays narrow


def tr(text: str) -> str:
    return QCoreApplication.translate("ItemsEditor", text)


def new_item(exercise: Exercise) -> Item:
    """A sensible first dose for an exercise just added to a session; the person adjusts it."""
    sides = SidesMode.EACH if exercise.has_sides else SidesMode.NONE
    if exercise.kind is ExerciseKind.STRETCH:
        return Item(exercise.id, Dose(hold=30.0, rest=5.0, reps=2, sides=sides))
    if exercise.kind in (ExerciseKind.BREATHING, ExerciseKind.CARDIO):
        return Item(exercise.id, Dose(hold=120.0, sides=sides))
    return Item(exercise.id, Dose(hold=10.0, rest=5.0, reps=5, sides=sides))


def sides_words() -> dict[SidesMode, str]:
    return {
        SidesMode.EACH: tr("each side"),
        SidesMode.ALTERNATE: tr("alternate"),
        SidesMode.NONE: tr("no sides"),
    }


class ItemsEditor(QWidget):
    """Spin boxes for every item of a session, with the total time underneath.

    Signals:
        session_changed(Session): after every edit, the whole session as it now stands.
        problem_changed(str): a refused value's message, or "" once nothing is refused.
    """

    session_changed = Signal(object)
    problem_changed = Signal(str)

    def __init__(self, exercises: Mapping[str, Exercise], *, structure_editable: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.exercises = exercises
        self.structure_editable = structure_editable
        self._base: Session | None = None
        self._items: list[Item] = []
        self._problems: dict[int, str] = {}
        self._cards: list[_ItemCard] = []

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

    def card(self, index: int) -> _ItemCard:
        """The card of one item (tests and the start screen reach its spin boxes through it)."""
        return self._cards[index]

    # -- internals

    def _rebuild(self) -> None:
        self._problems.clear()
        self._show_problem()
        for card in self._cards:
            card.setParent(None)
            card.deleteLater()
        self._cards = []
        for index, item in enumerate(self._items):
            card = _ItemCard(self, index, item)
            self._cards.append(card)
            self._list.layout_.insertWidget(index, card)
        self._list.empty_label.setVisible(not self._items)
        self._update_total()

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
            timeline = compile_session(session, self.exercises)
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


class _DragHandle(QLabel):
    """The grip at a card's left: pressing and moving it drags the card to another place."""

    def __init__(self, index: int, parent: QWidget) -> None:
        super().__init__("⠿", parent)
        self.index = index
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setToolTip(tr("Drag to move this exercise"))
        self._press: QPoint | None = None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position().toPoint()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None:
            return
        distance = (event.position().toPoint() - self._press).manhattanLength()
        if distance < QApplication.startDragDistance():
            return
        self._press = None
        mime = QMimeData()
        mime.setData(ITEM_MIME, str(self.index).encode())
        drag = QDrag(self)
        drag.setMimeData(mime)
        card = self.parentWidget()
        if card is not None:
            drag.setPixmap(card.grab())
        drag.exec(Qt.DropAction.MoveAction)


class _ItemCard(QFrame):
    """One item: its name, its numbers, and (in the session editor) its move buttons."""

    def __init__(self, editor: ItemsEditor, index: int, item: Item) -> None:
        super().__init__(editor._list)
        self.editor = editor
        self.index = index
        self.item = item
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("itemCard")
        exercise = editor.exercises.get(item.exercise)
        self.has_sides = exercise.has_sides if exercise is not None else False
        self.fields: list[_DoseFields] = []

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 8)
        layout.setSpacing(4)
        layout.addLayout(self._header(exercise))
        if item.stages:
            self.item_fields = _DoseFields(self, item.dose, has_sides=False, parts="sets")
            layout.addWidget(self.item_fields)
            for number, stage in enumerate(item.stages, start=1):
                caption = QLabel(tr("Stage {n}: {label}").format(
                    n=number, label=stage.label or tr("(no label)")), self)
                caption.setStyleSheet("font-weight: 600;")
                layout.addWidget(caption)
                fields = _DoseFields(self, stage, has_sides=self.has_sides, parts="stage")
                self.fields.append(fields)
                layout.addWidget(fields)
        else:
            self.item_fields = _DoseFields(self, item.dose, has_sides=self.has_sides, parts="all")
            layout.addWidget(self.item_fields)

    def _header(self, exercise: Exercise | None) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(6)
        editable = self.editor.structure_editable
        if editable:
            row.addWidget(_DragHandle(self.index, self))
        name = exercise.name if exercise is not None else self.item.exercise
        title = QLabel(f"{self.index + 1}. {name}", self)
        font = QFont(title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        title.setFont(font)
        row.addWidget(title, 1)
        if editable:
            last = len(self.editor._items) - 1
            self.up_button = self._tool("↑", tr("Move up"),
                                        lambda: self.editor.move_item(self.index, self.index - 1))
            self.down_button = self._tool("↓", tr("Move down"),
                                          lambda: self.editor.move_item(self.index,
                                                                        self.index + 1))
            self.duplicate_button = self._tool(tr("Duplicate"), tr("Add a copy below"),
                                               lambda: self.editor.duplicate_item(self.index))
            self.remove_button = self._tool(tr("Remove"), tr("Remove from the session"),
                                            lambda: self.editor.remove_item(self.index))
            self.up_button.setEnabled(self.index > 0)
            self.down_button.setEnabled(self.index < last)
            for button in (self.up_button, self.down_button, self.duplicate_button,
                           self.remove_button):
                row.addWidget(button)
        return row

    def _tool(self, text: str, tip: str, action: Callable[[], None]) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setAutoRaise(True)
        button.clicked.connect(action)
        return button

    def dose_edited(self, fields: _DoseFields, dose: Dose) -> None:
        if fields is self.item_fields:
            self.item = replace(self.item, dose=dose)
        else:
            stages = list(self.item.stages)
            stages[self.fields.index(fields)] = dose
            self.item = replace(self.item, stages=tuple(stages))
        self.editor._item_edited(self.index, self.item)

    def report(self, key: int, message: str) -> None:
        self.editor._set_problem(key, message)


class _DoseFields(QWidget):
    """The spin boxes of one dose in a row, each with a small caption above it.

    ``parts`` is "all" for a plain item, "stage" for one stage (hold, rest, reps and sides;
    the item counts the sets) and "sets" for a staged item's own sets and rest between them.
    """

    def __init__(self, card: _ItemCard, dose: Dose, *, has_sides: bool, parts: str) -> None:
        super().__init__(card)
        self.card = card
        self.dose = dose
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(1)
        self._column = 0
        self.hold: DurationSpinBox | None = None
        self.rest: DurationSpinBox | None = None
        self.reps: CheckedSpinBox | None = None
        self.fill: DurationSpinBox | None = None
        self.sets: CheckedSpinBox | None = None
        self.set_rest: DurationSpinBox | None = None
        self.sides: QComboBox | None = None
        self.switch: DurationSpinBox | None = None

        if parts in ("all", "stage"):
            self._timing_fields(dose)
        if parts in ("all", "sets"):
            self.sets = self._count(tr("Sets"), dose.sets, SETS_RANGE, "sets")
            self.set_rest = self._duration(tr("Set rest"), dose.effective_set_rest,
                                           PAUSE_RANGE, "set_rest", fine_below=10)
        if has_sides and parts in ("all", "stage"):
            self._sides_fields(dose)
        self.grid.setColumnStretch(COLUMNS, 1)
        self._refresh_enabled()

    def _timing_fields(self, dose: Dose) -> None:
        if dose.hold is None:
            self._add(tr("Hold"), QLabel(tr("at your pace"), self))
        else:
            self.hold = self._duration(tr("Hold"), dose.hold, HOLD_RANGE, "hold", step=5)
            self.rest = self._duration(tr("Rest"), dose.rest, PAUSE_RANGE, "rest", fine_below=10)
        if dose.fill is not None:
            self.fill = self._duration(tr("For"), dose.fill, FILL_RANGE, "fill", step=15)
            self.fill.setToolTip(tr("Repeat the hold, with its rests, until this time is filled"))
        else:
            self.reps = self._count(tr("Reps"), dose.reps, REPS_RANGE, "reps")

    def _sides_fields(self, dose: Dose) -> None:
        sides = self.sides = QComboBox(self)
        for mode, words in sides_words().items():
            sides.addItem(words, mode.value)
        sides.setCurrentIndex(sides.findData(dose.sides.value))
        sides.currentIndexChanged.connect(
            lambda _i: self._edit("sides", SidesMode(sides.currentData())))
        self.sides.setFixedWidth(SPIN_WIDTH)
        self.sides.setToolTip(tr("Each side: all reps on the left, then on the right. "
                                 "Alternate: left, right, left, ..."))
        self._add(tr("Sides"), self.sides)
        self.switch = self._duration(tr("Switch"), dose.switch, PAUSE_RANGE, "switch",
                                     fine_below=10)
        self.switch.setToolTip(tr("Time to change sides"))

    def _add(self, caption: str, widget: QWidget) -> None:
        label = QLabel(caption, self)
        label.setBuddy(widget)
        small = QFont(label.font())
        small.setPointSizeF(small.pointSizeF() * 0.9)
        label.setFont(small)
        label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        row, column = divmod(self._column, COLUMNS)
        if row:
            label.setContentsMargins(0, 4, 0, 0)
        self.grid.addWidget(label, 2 * row, column)
        self.grid.addWidget(widget, 2 * row + 1, column)
        self._column += 1

    def _duration(self, caption: str, seconds: float, limits: tuple[int, int], key: str, *,
                  step: int = 5, fine_below: int = 0) -> DurationSpinBox:
        low, high = limits
        # A file may hold a longer value than the editor offers; show it rather than clamp it.
        box = DurationSpinBox(caption, low, max(high, round(seconds)), step=step,
                              fine_below=fine_below, parent=self)
        if low == 0:
            box.setSpecialValueText(tr("none"))
        self._prepare(box, caption, round(seconds), key)
        return box

    def _count(self, caption: str, value: int, limits: tuple[int, int],
               key: str) -> CheckedSpinBox:
        box = CheckedSpinBox(caption, limits[0], limits[1], parent=self)
        self._prepare(box, caption, value, key)
        return box

    def _prepare(self, box: CheckedSpinBox, caption: str, value: int, key: str) -> None:
        box.setFixedWidth(SPIN_WIDTH)
        box.setValue(value)
        box.valueChanged.connect(lambda number: self._edit(key, number))
        box.problem_changed.connect(lambda message: self.card.report(id(box), message))
        self._add(caption, box)

    def _edit(self, key: str, value: object) -> None:
        if key in ("hold", "rest", "fill", "set_rest", "switch"):
            value = float(value)  # type: ignore[arg-type]
        self.dose = replace(self.dose, **{key: value})  # type: ignore[arg-type]
        if key == "rest" and self.dose.set_rest is None and self.set_rest is not None:
            # The rest between sets follows the rest between reps until it is set on its own.
            self.set_rest.blockSignals(True)
            self.set_rest.setValue(round(self.dose.rest))
            self.set_rest.blockSignals(False)
        self._refresh_enabled()
        self.card.dose_edited(self, self.dose)

    def _refresh_enabled(self) -> None:
        if self.set_rest is not None:
            self.set_rest.setEnabled(self.dose.sets > 1)
        if self.switch is not None:
            self.switch.setEnabled(self.dose.sides is SidesMode.EACH)
        if self.rest is not None:
            self.rest.setEnabled(self.dose.fill is not None or self.dose.reps > 1
                                 or self.dose.sides is SidesMode.ALTERNATE)
