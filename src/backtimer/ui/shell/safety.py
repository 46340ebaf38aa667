"""The safety note, shown before a person's first session and from Help at any time.

Drawn from the seed articles: check with a doctor or physical therapist first (seeds 000, 002,
004), stop a move that makes the back hurt more (002), and see a professional when pain travels
down into a leg or comes with weakness (001, 004). "A disc problem or pinched nerve" is 000's
"disc injuries, a pinched nerve ... consult your doctor"; "gets worse over time" is 004's "pain
that worsens over time".
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from backtimer.ui.common.icons import svg_pixmap
from backtimer.ui.common.theme import caution_colour, font, muted
from backtimer.ui.common.words import tr

FIT_WIDTH = 660  # the note's width where the screen allows
SCREEN_MARGIN = 40  # kept free around the dialog on a small screen
TITLE_BAR = 30  # the window manager's frame above the dialog
FONT_SCALES = (1.0, 0.9, 0.8, 0.7, 0.62)  # tried in turn until the note fits the screen


def safety_points() -> list[str]:
    return [
        tr("Check with your doctor or physical therapist before you start, especially if your "
           "back pain is new, intense, or from an injury, or you have a disc problem or pinched "
           "nerve."),
        tr("Stop an exercise if it makes your pain worse, or if pain, tingling or numbness "
           "spreads into a leg."),
        tr("See a professional if pain travels down a leg, comes with weakness, does not "
           "go away, or gets worse over time."),
        tr("BackTimer counts time; it is not medical advice."),
    ]


class SafetyDialog(QDialog):
    """The note itself; ``first_time`` adds a choice to go on or not."""

    def __init__(self, parent: QWidget | None, *, first_time: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Before you start"))
        self.setModal(True)
        self._sized: list[tuple[QWidget, int, QFont.Weight]] = []  # for fitting a short screen
        column = self._column = QVBoxLayout(self)
        column.setContentsMargins(36, 32, 36, 28)
        column.setSpacing(14)
        top = QHBoxLayout()
        icon = QLabel(self)
        icon.setPixmap(svg_pixmap("caution", 40, caution_colour(self)))
        title = QLabel(tr("Look after your back"), self)
        self._size(title, 28, QFont.Weight.Bold)
        top.addWidget(icon)
        top.addSpacing(8)
        top.addWidget(title, 1)
        column.addLayout(top)
        column.addSpacing(6)
        for point in safety_points():
            label = QLabel("•  " + point, self)
            self._size(label, 18)
            label.setWordWrap(True)
            column.addWidget(label)
        if first_time:
            later = QLabel(tr("You can read this again any time from Help > Safety note."), self)
            self._size(later, 15)
            later.setStyleSheet(f"color: {muted(self).name()};")
            later.setWordWrap(True)
            column.addSpacing(6)
            column.addWidget(later)
        column.addSpacing(10)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        if first_time:
            cancel = QPushButton(tr("Not now"), self)
            self._size(cancel, 17)
            cancel.clicked.connect(self.reject)
            buttons.addWidget(cancel)
        ok = QPushButton(tr("I understand") if first_time else tr("Close"), self)
        self._size(ok, 17, QFont.Weight.DemiBold)
        ok.setDefault(True)
        ok.clicked.connect(self.accept)
        buttons.addWidget(ok)
        column.addLayout(buttons)
        for button in self.findChildren(QPushButton):
            button.setMinimumHeight(48)
            button.setMinimumWidth(150)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        screen = self.screen()
        self.fit_to(screen.availableGeometry() if screen is not None else None)

    def _size(self, widget: QWidget, pixels: int,
              weight: QFont.Weight = QFont.Weight.Normal) -> None:
        self._sized.append((widget, pixels, weight))
        widget.setFont(font(pixels, weight))

    def fit_to(self, room: QRect | None) -> None:
        """Wrapped lines need their height for the width they get: a dialog sized from its
        size hint alone cut the points mid-line on a 800x500 screen. The type gets smaller
        until the whole note fits ``room``, the screen's free area."""
        width = FIT_WIDTH if room is None else min(FIT_WIDTH, room.width() - SCREEN_MARGIN)
        tall = 10_000 if room is None else room.height() - SCREEN_MARGIN - TITLE_BAR
        height = 0
        for scale in FONT_SCALES:
            for widget, pixels, weight in self._sized:
                widget.setFont(font(max(11, round(pixels * scale)), weight))
            self._column.activate()
            height = self._column.totalHeightForWidth(width)
            if height <= tall:
                break
        self.setMinimumSize(min(width, 520), min(height, tall))
        self.resize(width, min(height, tall))


def ask_safety_first(parent: QWidget) -> bool:
    """Show the note before a first session; True when the person goes on."""
    return SafetyDialog(parent, first_time=True).exec() == QDialog.DialogCode.Accepted


def show_safety_note(parent: QWidget) -> None:
    SafetyDialog(parent, first_time=False).exec()
