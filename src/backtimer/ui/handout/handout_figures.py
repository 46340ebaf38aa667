"""Each exercise's figure as a drawing for the printed handout.

The figure is drawn by the same ``paint_figure`` as on screen, straight onto the page's painter
(see ``handout_pdf.FigureDrawing``): in a PDF it is vector lines, sharp at any zoom and a
fraction of a picture's size. It is in colours for white paper whatever the screen's theme, so
a handout printed from a dark window still reads, and it needs no display.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter

from backtimer.session.figure import Figure, figure_bounds, key_pose
from backtimer.session.model import Exercise
from backtimer.ui.common.figure_view import FigureColours, paint_figure
from backtimer.ui.handout.handout_pdf import FigureDrawing, Figures

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


def figure_drawing(exercise: Exercise) -> FigureDrawing | None:
    """The exercise's key pose as a drawing; None when the exercise has no figure."""
    figure = exercise.figure
    if figure is None:
        return None
    left, bottom, right, top = figure_bounds(figure)
    aspect = (top - bottom + 0.75) / max(0.1, right - left + 0.6)
    return FigureDrawing(max(MIN_ASPECT, min(MAX_ASPECT, aspect)), _painter_of(figure))


def _painter_of(figure: Figure) -> Callable[[QPainter, QRectF], None]:
    def paint(painter: QPainter, rect: QRectF) -> None:
        paint_figure(painter, rect, figure, key_pose(figure), PAPER_COLOURS)

    return paint


def figures_of(exercises: Mapping[str, Exercise]) -> Figures:
    """The handout's ``figures``: an exercise id's figure drawing, or None."""

    def figure(exercise_id: str) -> FigureDrawing | None:
        exercise = exercises.get(exercise_id)
        return figure_drawing(exercise) if exercise is not None else None

    return figure
