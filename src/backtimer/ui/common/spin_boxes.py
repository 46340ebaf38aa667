"""Spin boxes for durations and counts that refuse out-of-range values and say why.

A plain QSpinBox silently swallows a keystroke that would leave its range, or clamps a value
set from code. Here typed text that is out of range stays visible as "not yet acceptable", a
``problem_changed`` signal says what the limits are, and leaving the field puts the previous
value back and says so (``reverted``, and a tip by the field): the value is refused, never
quietly changed into a different one. The problem clears as soon as the field holds a value it
accepts again (typed, stepped with the arrows, or put back), so a stale message never blocks
Start or Save.
"""

from __future__ import annotations

import math
import re

from PySide6.QtCore import QPoint, Signal
from PySide6.QtGui import QKeyEvent, QValidator
from PySide6.QtWidgets import QSpinBox, QToolTip, QWidget

from backtimer.session.durations import DurationError, parse_duration
from backtimer.ui.common.words import duration_text, tr

_CLOCK = re.compile(r"^\s*(\d+):([0-5]?\d)\s*$")
_WORDS = re.compile(r"\s*(min|sec|m|s|h)\b", re.IGNORECASE)



def parse_typed_duration(text: str) -> float | None:
    """Seconds from what a person types: ``90``, ``1:30``, ``1m30s``, ``1 min 30 s``."""
    clock = _CLOCK.match(text)
    if clock:
        return int(clock.group(1)) * 60 + int(clock.group(2))
    compact = _WORDS.sub(lambda m: m.group(1)[0].lower(), text).replace(" ", "")
    try:
        return parse_duration(compact)
    except DurationError:
        return None


class CheckedSpinBox(QSpinBox):
    """A whole-number spin box that reports typed values it refuses.

    Signals:
        problem_changed(str): a message when the typed text is refused, "" when it is fine.
        reverted(str): a refused entry was left and the previous value is back; what was
            refused and what the value is now (also shown as a tip by the field).
    """

    problem_changed = Signal(str)
    reverted = Signal(str)

    def __init__(self, name: str, low: int, high: int, parent: QWidget | None = None) -> None:
        self._problem = ""  # before setRange, which already calls validate()
        super().__init__(parent)
        self.name = name
        self.setRange(low, high)
        self.setAccelerated(True)
        self._before_edit = self.value()
        self._editing = False
        self.editingFinished.connect(self._finish_edit)
        # Only what the person types is judged; text the box sets itself never is.
        self._typed = ""
        self.lineEdit().textEdited.connect(self._judge_typed)
        # A value set from code ends any refusal before it (while the person types, Qt also
        # emits this for the last good value on Enter: the typed text is judged then).
        self.valueChanged.connect(self._value_set)

    def parse(self, text: str) -> float | None:
        body = text.strip()
        return int(body) if body.isdigit() else None

    def describe(self, value: int) -> str:
        return str(value)

    def limits_message(self, typed: str) -> str:
        return tr("{name} must be from {low} to {high}; {typed!r} was not accepted.").format(
            name=self.name, low=self.describe(self.minimum()),
            high=self.describe(self.maximum()), typed=typed.strip(),
        )

    def check(self, text: str) -> str:
        """Why ``text`` cannot be the value, or "" when it can."""
        if (text == self.specialValueText() and text) or not text.strip():
            return ""
        value = self.parse(text)
        if value is None:
            return tr("{name}: {typed!r} is not a value I can read.").format(
                name=self.name, typed=text.strip())
        if value != int(value) or not self.minimum() <= value <= self.maximum():
            return self.limits_message(text)
        return ""

    def validate(self, text: str, pos: int) -> QValidator.State:  # type: ignore[override]
        if not text.strip() or self.check(text):
            return QValidator.State.Intermediate
        return QValidator.State.Acceptable

    def valueFromText(self, text: str) -> int:
        if text == self.specialValueText() and text:
            return self.minimum()
        value = self.parse(text)
        return self.value() if value is None else int(value)

    def textFromValue(self, value: int) -> str:
        return self.describe(value)

    def fixup(self, text: str) -> str:
        # Nothing to correct: leaving the field with refused text restores the previous value.
        return text

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._editing:
            self._editing = True
            self._before_edit = self.value()
        super().keyPressEvent(event)

    def _value_set(self, _value: int) -> None:
        if not self._editing:
            self._set_problem("")

    def _judge_typed(self, text: str) -> None:
        self._typed = text
        self._set_problem(self.check(text))

    def stepBy(self, steps: int) -> None:
        super().stepBy(steps)
        self._settle()

    def _settle(self) -> None:
        """The arrows replaced what was typed: show the value, and any refusal is over."""
        self.lineEdit().setText(self.textFromValue(self.value()))
        self.selectAll()
        self._editing = False
        self._set_problem("")

    def _finish_edit(self) -> None:
        if self._problem and self._editing:
            # With keyboard tracking, "600" passed through an acceptable "60" on the way; the
            # whole entry is refused, so the value from before it comes back, with a word.
            typed = self._typed  # Qt may have put the last good value in the field by now
            self.setValue(self._before_edit)
            self.lineEdit().setText(self.textFromValue(self.value()))
            self._set_problem("")
            self._say_reverted(typed)
        self._editing = False

    def _say_reverted(self, typed: str) -> None:
        message = tr("{name} must be from {low} to {high}: {typed!r} was not accepted, "
                     "so it is back to {value}.").format(
            name=self.name, low=self.describe(self.minimum()),
            high=self.describe(self.maximum()), typed=typed.strip(),
            value=self.describe(self.value()))
        if self.isVisible():
            QToolTip.showText(self.mapToGlobal(QPoint(0, self.height())), message, self)
        self.reverted.emit(message)

    def _set_problem(self, message: str) -> None:
        if message != self._problem:
            self._problem = message
            self.problem_changed.emit(message)

    @property
    def problem(self) -> str:
        return self._problem


class DurationSpinBox(CheckedSpinBox):
    """Whole seconds, shown as ``1 min 30 s`` and typed as ``90``, ``1:30`` or ``1m30s``.

    The arrows move in ``step`` seconds and land on multiples of it (1 s, 5 s, 10 s ...), with
    ``fine_below`` seconds stepped one by one, where a second matters (a 2 s rest).
    """

    def __init__(self, name: str, low: int, high: int, *, step: int = 5, fine_below: int = 0,
                 parent: QWidget | None = None) -> None:
        super().__init__(name, low, high, parent)
        self.step = step
        self.fine_below = fine_below
        self.setSingleStep(step)

    def parse(self, text: str) -> float | None:
        return parse_typed_duration(text)

    def describe(self, value: int) -> str:
        return duration_text(value)

    def stepBy(self, steps: int) -> None:
        value = self.value()
        for _ in range(abs(steps)):
            value = self._next(value, up=steps > 0)
        self.setValue(max(self.minimum(), min(self.maximum(), value)))
        self._settle()

    def _next(self, value: int, *, up: bool) -> int:
        if up:
            if value < self.fine_below:
                return value + 1
            return (value // self.step + 1) * self.step
        if value <= self.fine_below:
            return value - 1
        lower = math.ceil(value / self.step - 1) * self.step
        return max(lower, self.fine_below)
