"""The History's editor of one entry's answers: pain before and after, and the note.

What was noted on the finish screen can be put right later (a forgotten pain score, a note to
add). A small card under the table rather than a dialog: the row stays in sight while it is
edited, Enter saves and Esc cancels. Pain is a spin box from "–" (not given) to 10.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from backtimer.ui.common.theme import font
from backtimer.ui.common.words import tr
from backtimer.ui.finish.log_form import NOTE_MAX

NOT_GIVEN = -1


class FeedbackEditor(QFrame):
    """Pain before, pain after and a note for one entry.

    Signals: ``save_asked(str uid, object before, object after, str note)`` (pain as int or
    None), ``cancelled()``.
    """

    save_asked = Signal(str, object, object, str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.uid = ""
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 10, 16, 10)
        row.setSpacing(8)
        self.before = self._pain_box()
        self.after = self._pain_box()
        self.note = QLineEdit(self)
        self.note.setMaxLength(NOTE_MAX)
        self.note.setPlaceholderText(tr("A note (optional)"))
        self.note.setFont(font(15))
        self.note.returnPressed.connect(self.save)
        self.save_button = QPushButton(tr("Save"), self)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        cancel = QPushButton(tr("Cancel"), self)
        cancel.clicked.connect(self.cancel)
        for text, box in ((tr("Pain before"), self.before), (tr("after"), self.after)):
            label = QLabel(text, self)
            label.setFont(font(14))
            label.setBuddy(box)
            row.addWidget(label)
            row.addWidget(box)
        row.addSpacing(6)
        row.addWidget(self.note, 1)
        for button in (self.save_button, cancel):
            button.setFont(font(14, QFont.Weight.DemiBold if button is self.save_button
                                else QFont.Weight.Normal))
            row.addWidget(button)
        self.hide()

    def _pain_box(self) -> QSpinBox:
        box = QSpinBox(self)
        box.setRange(NOT_GIVEN, 10)
        box.setSpecialValueText("–")
        box.setFont(font(15))
        box.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.setToolTip(tr("0 (no pain) to 10; – when not given"))
        return box

    def edit(self, uid: str, before: int | None, after: int | None, note: str) -> None:
        self.uid = uid
        self.before.setValue(NOT_GIVEN if before is None else before)
        self.after.setValue(NOT_GIVEN if after is None else after)
        self.note.setText(note)
        self.show()
        self.before.setFocus()

    def save(self) -> None:
        if self.isVisible():
            self.save_asked.emit(self.uid, _pain(self.before), _pain(self.after),
                                 self.note.text().strip())
            self.hide()

    def cancel(self) -> None:
        self.hide()
        self.cancelled.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.save()
            return
        super().keyPressEvent(event)


def _pain(box: QSpinBox) -> int | None:
    return None if box.value() == NOT_GIVEN else box.value()
