"""A small still picture of an exercise's figure, beside its name in lists and cards.

It is sized from the font (so it grows and shrinks with the start screen's type) and paints a
cached pixmap (``figure_pixmap``): a list of cards scrolls without drawing any figure twice.
The colours come from the palette at paint time, so a theme change shows at the next paint.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QIcon, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from backtimer.session.figure import Figure
from backtimer.ui.common.figure_view import figure_colours, figure_pixmap

LINES = 2.4  # the thumbnail's height in lines of its font
ASPECT = 1.5  # width to height: most exercises are done lying or kneeling, so wider than high
MIN_WIDTH = 30  # pixels: narrower, the figure is a smudge and is not drawn


def thumb_size(widget: QWidget, lines: float = LINES) -> QSize:
    """The size of a thumbnail ``lines`` lines of ``widget``'s font high."""
    height = max(24, round(widget.fontMetrics().height() * lines))
    return QSize(round(height * ASPECT), height)


def figure_icon(figure: Figure, widget: QWidget, size: QSize) -> QIcon:
    """The figure's key pose as an icon for an item view, in ``widget``'s colours."""
    pixmap = figure_pixmap(figure, size, None, figure_colours(widget),
                           ratio=widget.devicePixelRatioF())
    return QIcon(pixmap)


class FigureThumb(QWidget):
    """The key pose of one exercise's figure, a few lines of text high.

    Its width gives way first when its row is short of room (the figure is drawn smaller), so
    it never makes its row wider than the row's words need; the row's owner hides it when it
    would be too small to make out (``MIN_WIDTH``).
    """

    def __init__(self, figure: Figure, parent: QWidget) -> None:
        super().__init__(parent)
        self.figure = figure
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._fit()

    def _fit(self) -> None:
        size = thumb_size(self)
        self.setFixedHeight(size.height())
        self.setMaximumWidth(size.width())
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        return thumb_size(self)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, thumb_size(self).height())

    def pixmap(self) -> QPixmap:
        """The picture painted (cached: the same size and colours give the same pixmap)."""
        return figure_pixmap(self.figure, self.size(), None, figure_colours(self),
                             ratio=self.devicePixelRatioF())

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.width() < MIN_WIDTH:
            return
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self.pixmap())
        painter.end()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit()
        elif event.type() == QEvent.Type.PaletteChange:
            self.update()
