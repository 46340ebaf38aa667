"""A table header whose sort arrow points the way the rows run: down when the newest is first.

QHeaderView draws descending order (largest, newest first) as ``SortUp``, an arrow pointing up,
in most styles; people read an up arrow as "smallest first" and took the History table's
newest-first order for oldest-first. This header swaps the two before the style draws them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QStyleOptionHeader, QWidget

Arrow = QStyleOptionHeader.SortIndicator


class SortHeader(QHeaderView):
    """A horizontal header drawing descending order with a down arrow, ascending with up."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(True)
        self.setHighlightSections(True)

    def initStyleOptionForIndex(self, option: QStyleOptionHeader, logicalIndex: int) -> None:
        super().initStyleOptionForIndex(option, logicalIndex)
        option.sortIndicator = self.arrow(logicalIndex)

    def arrow(self, section: int) -> Arrow:
        """The arrow shown on ``section``: none unless it is the sort column."""
        if not self.isSortIndicatorShown() or self.sortIndicatorSection() != section:
            return Arrow.None_
        if self.sortIndicatorOrder() is Qt.SortOrder.DescendingOrder:
            return Arrow.SortDown
        return Arrow.SortUp
