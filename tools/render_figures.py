"""Render every exercise's figure (its key poses for the left side, and the right side) to a PNG.

    python tools/render_figures.py [OUT.png] [--dark] [--no-names]

The gallery in the README (``docs/figures.png``). ``--no-names`` leaves the names out, to check
that each figure is recognisable on its own. Runs offscreen; a figure is drawn by the same
``paint_figure`` the session screen uses.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QApplication, QWidget

from backtimer.session.figure import figure_at_pose, figure_for_side
from backtimer.store.library import Library
from backtimer.ui.common.figure_view import figure_colours, paint_figure
from backtimer.ui.common.theme import font

CELL = (230, 165)
NAME_WIDTH = 250
COLUMNS = 2  # exercises side by side
POSES = 3  # cells per exercise: up to two poses of the left side, then the right side's key pose
# (an exercise without sides is never mirrored in the app: it shows up to three of its poses)


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    out = Path(args[0]) if args else Path(__file__).resolve().parent.parent / "docs/figures.png"
    names = "--no-names" not in argv
    app = QApplication.instance() or QApplication([])
    if "--dark" in argv:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from render_screens import dark_palette

        app.setPalette(dark_palette())
    widget = QWidget()  # only for the palette the figure's colours come from
    colours = figure_colours(widget)
    exercises = [e for e in Library(None).exercises.values() if e.figure is not None]
    label = NAME_WIDTH if names else 0
    block = label + POSES * CELL[0] + 30
    rows = (len(exercises) + COLUMNS - 1) // COLUMNS
    image = QImage(block * COLUMNS + 20, rows * (CELL[1] + 10) + 20,
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(widget.palette().window().color())
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    for index, exercise in enumerate(exercises):
        figure = exercise.figure
        assert figure is not None
        x = 10 + (index % COLUMNS) * block
        y = 10 + (index // COLUMNS) * (CELL[1] + 10)
        if names:
            painter.setPen(widget.palette().windowText().color())
            painter.setFont(font(18, QFont.Weight.DemiBold))
            painter.drawText(QRectF(x, y, label - 10, CELL[1]),
                             Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap,
                             exercise.name)
        sided = exercise.has_sides
        count = len(figure.poses)
        shown_poses = range(max(1, count - (POSES - 2 if sided else POSES - 1)), count + 1)
        # Each cell's arrows show the move from the first pose into that cell's pose.
        cells = [(figure, n, False) for n in shown_poses]
        if sided or len(cells) < POSES:
            cells.append((figure_for_side(figure, "right"), count, True))
        for column, (shown, number, flipped) in enumerate(cells):
            # A figure with fewer cells is centred in its row, so no cell looks missing.
            offset = (POSES - len(cells)) * CELL[0] / 2
            cell = QRectF(x + label + offset + column * CELL[0], y,
                          CELL[0] - 12, CELL[1])
            painter.fillRect(cell, QColor(colours.mat.red(), colours.mat.green(),
                                          colours.mat.blue(), 40))
            paint_figure(painter, cell.adjusted(6, 6, -6, -6), shown, shown.poses[number - 1],
                         colours, flipped=flipped, arrows=figure_at_pose(shown, number))
    painter.end()
    out.parent.mkdir(parents=True, exist_ok=True)
    image.save(str(out))
    print(f"{len(exercises)} figures -> {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
