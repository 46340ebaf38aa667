"""The finish screen's level suggestion for a progression: "Try level 4 next time?".

It only words what ``session.progression.suggest`` returns and offers it: the level changes
when the person clicks Move up (or Move down), never by itself; Stay closes it. Easing off
(pain up by 2 or more, or "too hard") comes with the safety note's advice.

Signals:
    accepted(int): the person took the suggested level.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from backtimer.session.model import Session
from backtimer.session.progression import Move, Reason, Suggestion
from backtimer.session.timeline import level_count, level_label
from backtimer.ui.common.theme import caution_colour, font, muted
from backtimer.ui.common.words import tr


def level_name(session: Session, level: int) -> str:
    """ "level 4 (2 x 40 s on / 3 s off)", or "level 4" when the level has no label."""
    label = level_label(session, level)
    if label:
        return tr("level {n} ({label})").format(n=level, label=label)
    return tr("level {n}").format(n=level)


def suggestion_text(session: Session, now: int, suggestion: Suggestion) -> str:
    """The sentence for a suggestion; "" when there is nothing to say."""
    target = level_name(session, suggestion.level)
    if suggestion.move is Move.UP:
        return tr("Two good sessions in a row at level {now}. Try {target} next time?").format(
            now=now, target=target)
    why = {
        Reason.PAIN_UP: tr("Your pain went up by 2 or more."),
        Reason.TOO_HARD: tr("That felt too hard."),
    }
    if suggestion.move is Move.DOWN:
        return why[suggestion.reason] + " " + tr("Try {target} next time?").format(target=target)
    if suggestion.reason is Reason.AT_BOTTOM:
        return tr("This is the first level: go gently, or rest until it feels easier.")
    if suggestion.reason is Reason.AT_TOP:
        return tr("Two good sessions in a row at the last level of {count}: well done.").format(
            count=level_count(session))
    return ""


def safety_advice() -> str:
    """The safety note's advice on pain (the note itself lives with the window)."""
    from backtimer.ui.shell.safety import safety_points

    return "  ".join(safety_points()[1:3])


class LevelSuggestion(QWidget):
    accepted = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.suggestion: Suggestion | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        self.text = QLabel(self)
        self.text.setFont(font(17, QFont.Weight.DemiBold))
        self.text.setWordWrap(True)
        self.safety = QLabel(self)
        self.safety.setFont(font(15))
        self.safety.setWordWrap(True)
        column.addWidget(self.text)
        column.addWidget(self.safety)
        row = QHBoxLayout()
        row.setSpacing(10)
        self.move_button = QPushButton(self)
        self.stay_button = QPushButton(tr("Stay"), self)
        self.stay_button.setToolTip(tr("Keep your level as it is"))
        for button in (self.move_button, self.stay_button):
            button.setFont(font(16))
            button.setMinimumHeight(38)
            row.addWidget(button)
        row.addStretch(1)
        column.addLayout(row)
        self.move_button.clicked.connect(self._accept)
        self.stay_button.clicked.connect(self.hide)
        self.hide()

    def offer(self, session: Session, level: int, suggestion: Suggestion) -> bool:
        """Show the suggestion after a session at ``level``; False (hidden) when there is
        nothing to suggest."""
        words = suggestion_text(session, level, suggestion)
        self.suggestion = suggestion
        if not words:
            self.hide()
            return False
        self.text.setText(words)
        self.safety.setText(safety_advice())
        self.safety.setVisible(suggestion.show_safety)
        self.safety.setStyleSheet(f"color: {caution_colour(self).name()};")
        self.text.setStyleSheet(f"color: {muted(self, 0.85).name()};")
        moves = suggestion.move is not Move.STAY
        self.move_button.setText(tr("Move up") if suggestion.move is Move.UP
                                 else tr("Move down"))
        self.move_button.setVisible(moves)
        self.stay_button.setVisible(moves)
        self.show()
        return True

    def _accept(self) -> None:
        suggestion = self.suggestion
        self.hide()
        if suggestion is not None and suggestion.move is not Move.STAY:
            self.accepted.emit(suggestion.level)
