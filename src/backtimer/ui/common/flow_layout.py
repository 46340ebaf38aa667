"""A layout that places equal-width cells in as many columns as fit, wrapping to new rows.

The quick-adjust fields (hold, rest, reps, sets, sides…) sat in a fixed five-column grid, which
on an 800-pixel window pushed the last ones out of sight behind a horizontal scroll bar. Here
the columns follow the width (down to one), and the height is given for the width, so the
scroll area around the cards always knows how tall they are.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    """Cells of one width (the widest cell's hint, or ``cell_width``), left to right in rows."""

    def __init__(self, parent: QWidget | None = None, *, spacing: int = 10,
                 row_spacing: int = 4, cell_width: int = 0, max_columns: int = 0) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._row_spacing = row_spacing
        self._cell_width = cell_width
        self._max_columns = max_columns  # 0: as many as fit
        self.setContentsMargins(0, 0, 0, 0)

    # -- QLayout's interface (Qt calls these) -----------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), place=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, place=True)

    def sizeHint(self) -> QSize:
        columns = len(self._items) if not self._max_columns else min(len(self._items),
                                                                     self._max_columns)
        width = columns * self.cell_width() + max(0, columns - 1) * self._spacing
        margins = self.contentsMargins()
        width += margins.left() + margins.right()
        return QSize(width, self.heightForWidth(width))

    def minimumSize(self) -> QSize:
        """One cell: the height for the width given comes from ``heightForWidth`` (a minimum
        height of the one-column stack would keep the layout that tall at every width)."""
        margins = self.contentsMargins()
        height = max((item.sizeHint().height() for item in self._visible()), default=0)
        return QSize(self.cell_width() + margins.left() + margins.right(),
                     height + margins.top() + margins.bottom())

    # -- the arrangement ---------------------------------------------------------------------------

    def cell_width(self) -> int:
        widest = max((item.sizeHint().width() for item in self._visible()), default=0)
        return max(self._cell_width, widest)

    def columns_for(self, width: int) -> int:
        """How many cells fit side by side in ``width`` pixels (at least one)."""
        margins = self.contentsMargins()
        room = width - margins.left() - margins.right()
        cell = max(1, self.cell_width())
        columns = max(1, (room + self._spacing) // (cell + self._spacing))
        return min(columns, self._max_columns) if self._max_columns else columns

    def _visible(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _arrange(self, rect: QRect, *, place: bool) -> int:
        margins = self.contentsMargins()
        items = self._visible()
        columns = self.columns_for(rect.width())
        cell = self.cell_width()
        top = rect.y() + margins.top()
        y = top
        for start in range(0, len(items), columns):
            row = items[start:start + columns]
            height = max(item.sizeHint().height() for item in row)
            if place:
                for column, item in enumerate(row):
                    x = rect.x() + margins.left() + column * (cell + self._spacing)
                    item.setGeometry(QRect(QPoint(x, y), QSize(cell, height)))
            y += height + self._row_spacing
        if items:
            y -= self._row_spacing
        return y - top + margins.top() + margins.bottom()
