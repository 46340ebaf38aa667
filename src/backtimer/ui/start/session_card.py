"""How one session is drawn in the start screen's list: a calm card laid out for its width.

The title is never cut: it wraps onto as many lines as it needs beside the total time, and the
card grows to fit. The "customized" or "yours" tag sits at the start of the line under the
title, so it can never cover the title however narrow the list is; the summary (or a broken
file's problem) follows it, at most two lines. ``card_layout`` works out where everything goes
from the width alone, so the height the list asks for and what is painted always agree, and
tests can check it without painting.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from backtimer.ui.common.theme import blend, caution_colour, font
from backtimer.ui.start.session_list import PROBLEM_ROLE, SUMMARY_ROLE, TAG_ROLE, TOTAL_ROLE

AnyIndex = QModelIndex | QPersistentModelIndex

PAD = 18  # inside the card
MARGIN = 4  # around the card
TITLE_PX, TAG_PX, BODY_PX = 20, 12, 15
GAP = 6  # between the title and the line under it
TAG_GAP = 8  # between the tag and the summary


def title_font(scale: float = 1.0) -> QFont:
    return font(max(17, round(TITLE_PX * scale)), QFont.Weight.DemiBold)


def tag_font(scale: float = 1.0) -> QFont:
    return font(max(11, round(TAG_PX * scale)), QFont.Weight.DemiBold)


def body_font(scale: float = 1.0) -> QFont:
    return font(max(13, round(BODY_PX * scale)))


@dataclass(frozen=True)
class CardLayout:
    """Where a card's parts go, relative to the top left of the item's rectangle."""

    height: int
    title: QRect
    title_text: str  # with line breaks where it wraps
    total: QRect
    tag: QRect  # empty without a tag
    body: QRect
    body_text: str  # at most two lines (the first after the tag), with breaks


def card_layout(width: int, title: str, total: str, tag: str, summary: str,
                scale: float = 1.0) -> CardLayout:
    """Lay out a card ``width`` pixels wide (the list's viewport), its type at ``scale``."""
    inner_left = MARGIN + PAD
    inner_width = max(40, width - 2 * (MARGIN + PAD))
    top = MARGIN + PAD - 4
    title_metrics = QFontMetrics(title_font(scale))
    total_width = title_metrics.horizontalAdvance(total) + 12 if total else 0
    title_width = max(20, inner_width - total_width)
    title_lines = wrap(title, title_metrics, title_width, title_width)
    title_height = title_metrics.lineSpacing() * len(title_lines)
    title_rect = QRect(inner_left, top, title_width, title_height)
    total_rect = QRect(inner_left + inner_width - total_width, top, total_width,
                       title_metrics.height()) if total else QRect()

    line_top = top + title_height + GAP
    body_metrics = QFontMetrics(body_font(scale))
    tag_rect = QRect()
    first_width = inner_width
    if tag:
        tag_metrics = QFontMetrics(tag_font(scale))
        tag_width = tag_metrics.horizontalAdvance(tag) + 16
        tag_height = tag_metrics.height() + 6
        tag_rect = QRect(inner_left, line_top + (body_metrics.height() - tag_height) // 2,
                         tag_width, tag_height)
        first_width = max(0, inner_width - tag_width - TAG_GAP)
    body_lines = wrap(summary, body_metrics, first_width, inner_width, limit=2)
    body_rect = QRect(inner_left, line_top, inner_width, body_metrics.lineSpacing() * 2)
    height = line_top + body_metrics.lineSpacing() * 2 + PAD - 4 + MARGIN
    return CardLayout(height, title_rect, "\n".join(title_lines), total_rect, tag_rect,
                      body_rect, "\n".join(body_lines))


def wrap(text: str, metrics: QFontMetrics, first: int, rest: int,
         limit: int | None = None) -> list[str]:
    """``text`` broken into lines, the first ``first`` pixels wide and the others ``rest``.

    With a ``limit``, the last line allowed ends in an ellipsis when more text follows. Without
    one every character is kept: a word wider than the line is broken inside it. When not even
    one word fits on a narrower first line (beside the tag), the text starts on the next line.
    """
    words = text.split()
    lines: list[str] = []
    current = ""
    number = 0
    while number < len(words):
        room = first if not lines else rest
        trial = f"{current} {words[number]}".strip()
        if _fits(trial, metrics, room):
            current = trial
            number += 1
            continue
        if current:
            lines.append(current)
            current = ""
        elif not lines and first < rest:
            lines.append("")
        elif limit is None:
            head = _longest_fit(words[number], metrics, room)
            lines.append(head)
            words[number] = words[number][len(head):]
        else:
            lines.append(words[number])  # too wide alone: elided just below
            number += 1
        if limit is not None and len(lines) >= limit:
            last_room = first if len(lines) == 1 else rest
            remainder = " ".join([lines[-1], *words[number:]]).strip()
            lines[-1] = metrics.elidedText(remainder, Qt.TextElideMode.ElideRight, last_room)
            return lines
    if current:
        lines.append(current)
    return lines or [""]


def _fits(text: str, metrics: QFontMetrics, room: int) -> bool:
    """Whether ``text`` fits in ``room`` pixels, without measuring far past the line: when a
    start of it already overflows, so does the whole (a long word costs one line's worth)."""
    start = text[:2 * room + 2]
    if len(start) < len(text) and metrics.horizontalAdvance(start) > room:
        return False
    return metrics.horizontalAdvance(text) <= room


def _longest_fit(word: str, metrics: QFontMetrics, room: int) -> str:
    """The longest start of ``word`` that fits in ``room`` pixels (at least one character).

    Doubling, then halving: trying one character less at a time measured a 3,000-letter
    title some ten million characters' worth per card, and the window never opened.
    """
    fits, too_long = 1, 2  # word[:fits] is kept; word[:too_long] does not fit (or is all)
    while too_long <= len(word) and metrics.horizontalAdvance(word[:too_long]) <= room:
        fits, too_long = too_long, too_long * 2  # doubling: never measure far past the line
    too_long = min(too_long, len(word) + 1)
    while too_long - fits > 1:
        middle = (fits + too_long) // 2
        if metrics.horizontalAdvance(word[:middle]) <= room:
            fits = middle
        else:
            too_long = middle
    return word[:fits]


class SessionCardDelegate(QStyledItemDelegate):
    """Draws each row as a card from ``card_layout``; colours come from ``colours_from``
    (the start screen), whose palette is the window's."""

    def __init__(self, colours_from: QWidget, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._colours_from = colours_from
        self._view = view
        self.scale = 1.0  # the type's size (the start screen follows the window's size)

    def layout_for(self, index: AnyIndex, width: int | None = None) -> CardLayout:
        if width is None:
            width = self._view.viewport().width()
        return card_layout(width, str(index.data() or ""), str(index.data(TOTAL_ROLE) or ""),
                           str(index.data(TAG_ROLE) or ""),
                           str(index.data(SUMMARY_ROLE) or ""), self.scale)

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        width = self._view.viewport().width()
        return QSize(width, self.layout_for(index, width).height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self._colours_from.palette()
        rect: QRect = option.rect
        state = option.state
        window = palette.color(QPalette.ColorRole.Window)
        text = palette.color(QPalette.ColorRole.WindowText)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        card = QRectF(rect).adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
        if state & QStyle.StateFlag.State_Selected:
            painter.setPen(blend(highlight, window, 0.55))
            painter.setBrush(blend(highlight, window, 0.13))
        elif state & QStyle.StateFlag.State_MouseOver:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(blend(text, window, 0.05))
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(card, 12, 12)

        parts = self.layout_for(index, rect.width())
        painter.translate(rect.topLeft())
        problem = bool(index.data(PROBLEM_ROLE))
        painter.setFont(title_font(self.scale))
        painter.setPen(text if not problem else blend(text, window, 0.6))
        painter.drawText(parts.title, int(Qt.AlignmentFlag.AlignLeft), parts.title_text)
        if not parts.total.isNull():
            painter.setPen(blend(text, window, 0.65))
            painter.drawText(parts.total, int(Qt.AlignmentFlag.AlignRight),
                             str(index.data(TOTAL_ROLE)))
        if not parts.tag.isNull():
            pill = QRectF(parts.tag)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(blend(highlight, window, 0.16))
            painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
            painter.setFont(tag_font(self.scale))
            painter.setPen(blend(highlight, text, 0.35))
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, str(index.data(TAG_ROLE)))
        painter.setFont(body_font(self.scale))
        painter.setPen(caution_colour() if problem else blend(text, window, 0.62))
        lines = parts.body_text.split("\n")
        metrics = QFontMetrics(body_font(self.scale))
        y = parts.body.top()
        for number, line in enumerate(lines):
            indent = parts.tag.width() + TAG_GAP if number == 0 and not parts.tag.isNull() else 0
            painter.drawText(QRect(parts.body.left() + indent, y, parts.body.width() - indent,
                                   metrics.height()), int(Qt.AlignmentFlag.AlignLeft), line)
            y += metrics.lineSpacing()
        painter.restore()
