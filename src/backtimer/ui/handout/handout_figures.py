"""Each exercise's figure as a picture for the printed handout.

The handout's text is laid out by ``QTextDocument``, which takes pictures as images; each
figure is drawn once into an image at print resolution (sharp at 300 dpi), in colours for white
paper whatever the screen's theme, so a handout printed from a dark window still reads. It is a
``QImage`` (not a ``QPixmap``), so ``backtimer handout`` draws it without a display.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from backtimer.session.figure import figure_bounds, key_pose
from backtimer.session.model import Exercise
from backtimer.ui.common.figure_view import FigureColours, paint_figure
from backtimer.ui.handout.handout_pdf import FIGURE_MM, Figures

DPI = 300
MAX_ASPECT = 1.0  # a standing figure is drawn no taller than its picture is wide
MIN_ASPECT = 0.45  # nor a lying one's flatter than this

# Ink on white paper: dark body, grey far limbs, the worked parts in the light theme's green.
PAPER_COLOURS = FigureColours(
    body=QColor("#202020"),
    far=QColor("#8a8a8a"),
    work=QColor("#1a8a4f"),
    floor=QColor("#9a9a9a"),
    mat=QColor("#b9dcc8"),
    prop=QColor("#8a4a1c"),
)


def figure_image(exercise: Exercise) -> QImage | None:
    """The exercise's key pose on a white ground, ``FIGURE_MM`` wide at ``DPI``; None when
    the exercise has no figure."""
    figure = exercise.figure
    if figure is None:
        return None
    left, bottom, right, top = figure_bounds(figure)
    aspect = (top - bottom + 0.75) / max(0.1, right - left + 0.6)
    aspect = max(MIN_ASPECT, min(MAX_ASPECT, aspect))
    width = round(FIGURE_MM / 25.4 * DPI)
    image = QImage(width, round(width * aspect), QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    paint_figure(painter, QRectF(image.rect()), figure, key_pose(figure), PAPER_COLOURS)
    painter.end()
    return image


def figures_of(exercises: Mapping[str, Exercise]) -> Figures:
    """The handout's ``figures``: an exercise id's figure image, or None."""

    def figure(exercise_id: str) -> QImage | None:
        exercise = exercises.get(exercise_id)
        return figure_image(exercise) if exercise is not None else None

    return figure
