"""One item of a session as a card of spin boxes: hold, rest, reps, sets and sides, in place.

An exercise with an easier or harder text also gets a version box (standard, easier, harder).

``ItemsEditor`` shows one card per item and rebuilds them all whenever the list changes shape,
so a card is built for one place and only says, through its signals, what the person asked
for. The limits here are the ones the editor offers (the file format allows a little more; see
loader.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QEvent, QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import QDrag, QFont, QMouseEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from backtimer.session.model import Dose, Exercise, Item, SidesMode, Version
from backtimer.ui.common.figure_thumb import FigureThumb
from backtimer.ui.common.flow_layout import FlowLayout
from backtimer.ui.common.spin_boxes import CheckedSpinBox, DurationSpinBox
from backtimer.ui.common.words import tr, version_words

HOLD_RANGE = (1, 600)
FILL_RANGE = (5, 3600)
PAUSE_RANGE = (0, 600)
REPS_RANGE = (1, 500)
SETS_RANGE = (1, 50)

ITEM_MIME = "application/x-backtimer-item"  # what a dragged card carries: its index
SPIN_WIDTH = 100
MAX_COLUMNS = 5  # fields per row at most; fewer when the card is narrow (``FlowLayout``)
THUMB_SHRINK = 0.6  # the figure beside an item's name shrinks to this part of its size, then drops



def sides_words() -> dict[SidesMode, str]:
    return {
        SidesMode.EACH: tr("each side"),
        SidesMode.ALTERNATE: tr("alternate"),
        SidesMode.NONE: tr("no sides"),
    }


NARROW_CARD = 560  # narrower than this, Duplicate is "Copy" and Remove a cross

class DragHandle(QLabel):
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


class ItemCard(QFrame):
    """One item: its name, its numbers, and (with ``editable``) its move buttons.

    It knows its place (``index`` of ``count``) but not the list it is in: it asks for every
    change through its signals, and the list rebuilds its cards after a move.

    Signals:
        item_edited(int, object): the card's index and its ``Item`` after a number changed.
        problem_changed(object, str): a field's key and its refused value's message ("" once
            the value is accepted).
        move_requested(int, int): move the item at the first index to the second.
        duplicate_requested(int): add a copy of the item at this index below it.
        remove_requested(int): remove the item at this index.
    """

    item_edited = Signal(int, object)
    problem_changed = Signal(object, str)
    move_requested = Signal(int, int)
    duplicate_requested = Signal(int)
    remove_requested = Signal(int)

    def __init__(self, index: int, count: int, item: Item, exercise: Exercise | None, *,
                 editable: bool, parent: QWidget, levels_note: str | None = None) -> None:
        """``levels_note``: the item is one level of a progression, shown but not edited
        (the file keeps every level's dose; an edit here would not be saved), with this note
        saying where the level is chosen."""
        super().__init__(parent)
        self.index = index
        self.count = count
        self.item = item
        self.editable = editable
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("itemCard")
        self.has_sides = exercise.has_sides if exercise is not None else False
        self.fields: list[DoseFields] = []
        self.version_box: QComboBox | None = None
        self.thumb: FigureThumb | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 8)
        layout.setSpacing(4)
        self.header_row = self._header(exercise)
        layout.addLayout(self.header_row)
        if item.stages:
            self.item_fields = DoseFields(self, item.dose, has_sides=False, parts="sets")
            layout.addWidget(self.item_fields)
            for number, stage in enumerate(item.stages, start=1):
                caption = QLabel(tr("Stage {n}: {label}").format(
                    n=number, label=stage.label or tr("(no label)")), self)
                caption.setStyleSheet("font-weight: 600;")
                caption.setWordWrap(True)
                layout.addWidget(caption)
                fields = DoseFields(self, stage, has_sides=self.has_sides, parts="stage")
                self.fields.append(fields)
                layout.addWidget(fields)
        else:
            self.item_fields = DoseFields(self, item.dose, has_sides=self.has_sides, parts="all")
            layout.addWidget(self.item_fields)
        self.levels_label: QLabel | None = None
        if levels_note is not None:
            for fields in (self.item_fields, *self.fields):
                fields.setEnabled(False)
            if self.version_box is not None:
                self.version_box.setEnabled(False)
            self.levels_label = QLabel(levels_note, self)
            self.levels_label.setWordWrap(True)
            self.levels_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            layout.addWidget(self.levels_label)

    def _header(self, exercise: Exercise | None) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(6)
        editable = self.editable
        if editable:
            row.addWidget(DragHandle(self.index, self))
        if exercise is not None and exercise.figure is not None:
            self.thumb = FigureThumb(exercise.figure, self)
            self.thumb.setToolTip(exercise.name)
            row.addWidget(self.thumb)
        name = exercise.name if exercise is not None else self.item.exercise
        title = QLabel(f"{self.index + 1}. {name}", self)
        title.setWordWrap(True)  # a long name wraps in a narrow card, never pushes it wider
        font = QFont(title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        title.setFont(font)
        row.addWidget(title, 1)
        if exercise is not None and (exercise.easier or exercise.harder):
            row.addWidget(self._version_box(exercise))
        if editable:
            last = self.count - 1
            index = self.index
            self.up_button = self._tool("↑", tr("Move up"),
                                        lambda: self.move_requested.emit(index, index - 1))
            self.down_button = self._tool("↓", tr("Move down"),
                                          lambda: self.move_requested.emit(index, index + 1))
            self.duplicate_button = self._tool(tr("Duplicate"), tr("Add a copy below"),
                                               lambda: self.duplicate_requested.emit(index))
            self.remove_button = self._tool(tr("Remove"), tr("Remove from the session"),
                                            lambda: self.remove_requested.emit(index))
            self.up_button.setEnabled(self.index > 0)
            self.down_button.setEnabled(self.index < last)
            for button in (self.up_button, self.down_button, self.duplicate_button,
                           self.remove_button):
                row.addWidget(button)
        return row

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The figure shows while the header has room for it beside everything else; on a
        narrower card it first shrinks (``FigureThumb``), then drops out. Duplicate and Remove
        shorten ("Copy", a cross; the words in the tooltip) on a narrow card, so the card never
        grows wider than the list and hides Remove behind a sideways scroll (seen at 800x500)."""
        super().resizeEvent(event)
        if self.editable:
            narrow = event.size().width() < NARROW_CARD
            self.duplicate_button.setText(tr("Copy") if narrow else tr("Duplicate"))
            self.remove_button.setText("✕" if narrow else tr("Remove"))
        if self.thumb is None:
            return
        row = self.header_row
        others = row.minimumSize().width() - (self.thumb.minimumSizeHint().width()
                                               + row.spacing() if self.thumb.isVisible() else 0)
        margins = self.contentsMargins().left() + self.contentsMargins().right() + 20
        room = event.size().width() - margins - others - row.spacing()
        self.thumb.setVisible(room >= self.thumb.sizeHint().width() * THUMB_SHRINK)

    def _version_box(self, exercise: Exercise) -> QComboBox:
        """Standard, and the easier or harder version where the exercise describes one."""
        box = self.version_box = QComboBox(self)
        for version, words in version_words().items():
            if version is Version.STANDARD or getattr(exercise, version.value):
                box.addItem(words, version.value)
        box.setCurrentIndex(max(0, box.findData(self.item.version.value)))
        tips = [tr("Easier: {how}").format(how=exercise.easier) if exercise.easier else "",
                tr("Harder: {how}").format(how=exercise.harder) if exercise.harder else ""]
        box.setToolTip("\n".join(tip for tip in tips if tip))
        box.setAccessibleName(tr("Version"))
        box.currentIndexChanged.connect(
            lambda _i: self.version_edited(Version(box.currentData())))
        return box

    def version_edited(self, version: Version) -> None:
        self.item = replace(self.item, version=version)
        self.item_edited.emit(self.index, self.item)

    def _tool(self, text: str, tip: str, action: Callable[[], None]) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setAutoRaise(True)
        button.clicked.connect(action)
        return button

    def dose_edited(self, fields: DoseFields, dose: Dose) -> None:
        if fields is self.item_fields:
            self.item = replace(self.item, dose=dose)
        else:
            stages = list(self.item.stages)
            stages[self.fields.index(fields)] = dose
            self.item = replace(self.item, stages=tuple(stages))
        self.item_edited.emit(self.index, self.item)

    def report(self, key: int, message: str) -> None:
        self.problem_changed.emit(key, message)


class DoseFields(QWidget):
    """The spin boxes of one dose, each with a small caption above it, in as many columns as
    the card's width allows (five at most), so none is ever out of sight.

    ``parts`` is "all" for a plain item, "stage" for one stage (hold, rest, reps and sides;
    the item counts the sets) and "sets" for a staged item's own sets and rest between them.
    """

    def __init__(self, card: ItemCard, dose: Dose, *, has_sides: bool, parts: str) -> None:
        super().__init__(card)
        self.card = card
        self.dose = dose
        self.flow = FlowLayout(self, spacing=10, row_spacing=4, max_columns=MAX_COLUMNS)
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
        self._refresh_enabled()
        self._fit_widths()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_widths()

    def _fit_widths(self) -> None:
        """Every box one width, wide enough for its longest words in the font it has now
        (the start screen enlarges the font with the window: "each side" must not be cut)."""
        metrics = self.fontMetrics()
        words = [*sides_words().values(), tr("at your pace"), "10 min 30 s"]
        width = max(SPIN_WIDTH, max(metrics.horizontalAdvance(w) for w in words) + 44)
        for box in (self.hold, self.rest, self.reps, self.fill, self.sets, self.set_rest,
                    self.sides, self.switch):
            if box is not None:
                box.setFixedWidth(width)
        self.flow.invalidate()

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
        cell = QWidget(self)
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        label.setParent(cell)
        widget.setParent(cell)
        column.addWidget(label)
        column.addWidget(widget)
        self.flow.addWidget(cell)

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
