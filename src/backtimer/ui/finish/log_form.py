"""The finish screen's short log form: pain before and after (0-10), how it felt, and a note.

Everything is optional and one click skips it all: after a session a person should not have to
fill in a form. Pain is picked on a row of big numbered buttons, not a spin box, because a
single click (or a tap on a touch screen) is all it should take; clicking the chosen number
again clears it. How it felt (too easy, about right, too hard) is one click the same way; the
progression rule (``session.progression``) reads it from the history to suggest a level.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from backtimer.session.progression import Feeling
from backtimer.ui.common.words import tr

PAIN_LEVELS = range(11)
NOTE_MAX = 500
FORM_WIDTH = 720  # wide enough for the scales and a one-line note, narrow enough to read
BUTTON_SIZE = 40


def pain_colour(level: int) -> QColor:
    """Calm green at 0 through amber to a muted red at 10: the scale reads at a glance."""
    stops = (QColor("#2e8b78"), QColor("#c98a1c"), QColor("#c4473a"))
    low, high, share = (0, 1, level / 5) if level <= 5 else (1, 2, (level - 5) / 5)
    a, b = stops[low], stops[high]
    return QColor(
        round(a.red() + (b.red() - a.red()) * share),
        round(a.green() + (b.green() - a.green()) * share),
        round(a.blue() + (b.blue() - a.blue()) * share),
    )


class PainScale(QWidget):
    """A row of eleven buttons, 0 to 10; at most one is chosen.

    Signals: ``changed(object)`` with the chosen level, or None when cleared.
    """

    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value: int | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        self._group = QButtonGroup(self)
        self._group.setExclusive(False)  # so a second click on the chosen level clears it
        for level in PAIN_LEVELS:
            button = QPushButton(str(level), self)
            button.setCheckable(True)
            button.setFixedSize(BUTTON_SIZE, BUTTON_SIZE)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.setFont(_font(16, QFont.Weight.DemiBold))
            button.setAccessibleName(tr("Pain {level} of 10").format(level=level))
            colour = pain_colour(level).name()
            button.setStyleSheet(
                f"QPushButton {{ border-radius: {BUTTON_SIZE // 2}px;"
                " border: 1px solid palette(mid); background: palette(base); }"
                f"QPushButton:checked {{ background: {colour}; color: white;"
                f" border: 2px solid {colour}; }}"
                f"QPushButton:hover:!checked {{ border: 2px solid {colour}; }}"
            )
            self._group.addButton(button, level)
            row.addWidget(button)
        row.addStretch(1)
        self._group.buttonClicked.connect(self._clicked)

    def value(self) -> int | None:
        return self._value

    def set_value(self, level: int | None) -> None:
        if level is not None and level not in PAIN_LEVELS:
            raise ValueError(f"pain is from 0 to 10, not {level}")
        self._value = level
        for button in self._group.buttons():
            button.setChecked(self._group.id(button) == level)

    def button(self, level: int) -> QAbstractButton:
        found = self._group.button(level)
        assert found is not None
        return found

    def _clicked(self, button: QAbstractButton) -> None:
        level = self._group.id(button)
        self.set_value(None if level == self._value else level)
        self.changed.emit(self._value)


class FeelChoice(QWidget):
    """Three buttons, too easy / about right / too hard; at most one is chosen.

    Signals: ``changed(object)`` with the chosen ``Feeling``, or None when cleared.
    """

    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value: Feeling | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        self._buttons: dict[Feeling, QPushButton] = {}
        words = {Feeling.TOO_EASY: tr("Too easy"),
                 Feeling.ABOUT_RIGHT: tr("About right"),
                 Feeling.TOO_HARD: tr("Too hard")}
        for feeling, text in words.items():
            button = QPushButton(text, self)
            button.setCheckable(True)
            button.setMinimumHeight(BUTTON_SIZE)
            button.setFont(_font(16))
            button.clicked.connect(lambda _checked=False, f=feeling: self._clicked(f))
            self._buttons[feeling] = button
            row.addWidget(button)
        row.addStretch(1)

    def value(self) -> Feeling | None:
        return self._value

    def set_value(self, feeling: Feeling | None) -> None:
        self._value = feeling
        for choice, button in self._buttons.items():
            button.setChecked(choice is feeling)

    def button(self, feeling: Feeling) -> QPushButton:
        return self._buttons[feeling]

    def _clicked(self, feeling: Feeling) -> None:
        self.set_value(None if feeling is self._value else feeling)
        self.changed.emit(self._value)


class LogForm(QWidget):
    """Pain before, pain now, how it felt, and a note, with Save and Skip.

    Signals: ``submitted(object, object, str)``: pain before (int or None), pain after (int or
    None) and the note, when Save is pressed; ``skipped()`` when Skip is pressed (or Escape).
    Hand the submitted values, with ``feel()``, to ``SessionRecorder.set_feedback``.
    """

    submitted = Signal(object, object, str)
    skipped = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaximumWidth(FORM_WIDTH)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)

        head = QHBoxLayout()
        head.setSpacing(12)
        heading = QLabel(tr("How is your back?"), self)
        heading.setFont(_font(20, QFont.Weight.DemiBold))
        head.addWidget(heading)
        hint = QLabel(tr("0 is no pain, 10 the worst you can imagine. All optional."), self)
        hint.setFont(_font(14))
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        head.addWidget(hint, 1, Qt.AlignmentFlag.AlignBottom)
        column.addLayout(head)

        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(8)
        self.before = PainScale(self)
        self.after = PainScale(self)
        for row, (text, scale) in enumerate(
            ((tr("Before the session"), self.before), (tr("Now"), self.after))
        ):
            label = QLabel(text, self)
            label.setFont(_font(16))
            label.setBuddy(scale.button(0))
            grid.addWidget(label, row, 0)
            grid.addWidget(scale, row, 1)
        self.feel_choice = FeelChoice(self)
        feel_label = QLabel(tr("How it felt"), self)
        feel_label.setFont(_font(16))
        feel_label.setBuddy(self.feel_choice.button(Feeling.TOO_EASY))
        grid.addWidget(feel_label, 2, 0)
        grid.addWidget(self.feel_choice, 2, 1)
        column.addLayout(grid)

        # The note and the two buttons share one line, so the form stays short.
        last = QHBoxLayout()
        last.setSpacing(10)
        self.note = QLineEdit(self)
        self.note.setMaxLength(NOTE_MAX)
        self.note.setFont(_font(16))
        self.note.setMinimumHeight(40)
        self.note.setPlaceholderText(tr("A note for yourself or your therapist"))
        self.note.setClearButtonEnabled(True)
        self.note.returnPressed.connect(self._save)
        last.addWidget(self.note, 1)
        self.skip_button = QPushButton(tr("Skip"), self)
        self.skip_button.setFont(_font(16))
        self.skip_button.setMinimumHeight(40)
        self.skip_button.setToolTip(tr("Log the session without these answers"))
        self.skip_button.clicked.connect(self.skipped.emit)
        self.save_button = QPushButton(tr("Save"), self)
        self.save_button.setFont(_font(16, QFont.Weight.DemiBold))
        self.save_button.setMinimumHeight(40)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self._save)
        for button in (self.skip_button, self.save_button):
            button.setMinimumWidth(84)
            last.addWidget(button)
        column.addLayout(last)

        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.skipped.emit)

    def values(self) -> tuple[int | None, int | None, str]:
        return self.before.value(), self.after.value(), self.note.text().strip()

    def feel(self) -> Feeling | None:
        """How it felt, when one of the three was clicked."""
        return self.feel_choice.value()

    def reset(self) -> None:
        """Clear the answers, ready for the next session."""
        self.feel_choice.set_value(None)
        self.before.set_value(None)
        self.after.set_value(None)
        self.note.clear()

    def _save(self) -> None:
        before, after, note = self.values()
        self.submitted.emit(before, after, note)


def _font(pixels: int, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
    result = QFont()
    result.setPixelSize(pixels)
    result.setWeight(weight)
    return result
