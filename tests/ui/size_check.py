"""Find what a person would see broken in a window at some size: clipped text, overlaps, spill.

``problems(top)`` walks the visible widgets of a shown top-level widget and reports:

- ``clipped``: a label, button, check box, radio button, tool button, tab or input field whose
  text needs more room than its rectangle gives it, for its font and word-wrap (the "Bac /
  Paus / Ski / Sto" buttons of a squeezed window). A widget that shows a shortened text on
  purpose marks itself with the property ``elided`` set to True; it counts as clipped unless it
  also carries a tooltip with the whole text.
- ``overlap``: two visible siblings laid out by the same layout whose rectangles intersect
  (overlays placed by hand, outside any layout, are exempt: covering is their job).
- ``outside``: a widget reaching beyond its parent's rectangle, so part of it is cut off
  (except inside a scroll area's viewport, where the content is meant to be larger).

It measures geometry and font metrics only, so it runs offscreen and needs no pixels.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QTabBar,
    QToolButton,
    QWidget,
)

SLACK = 1  # pixels of rounding that a person cannot see


@dataclass(frozen=True)
class Problem:
    """One thing wrong: its kind, the widget (class, object name and text) and the figures."""

    kind: str
    widget: str
    detail: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.widget}: {self.detail}"


def describe(widget: QWidget) -> str:
    """A widget as a person finds it in a failure message: class, name, text."""
    name = widget.objectName()
    text = _text(widget)
    parts = [type(widget).__name__]
    if name:
        parts.append(f"#{name}")
    if text:
        short = text if len(text) <= 40 else text[:37] + "..."
        parts.append(repr(short))
    return " ".join(parts)


def problems(top: QWidget) -> list[Problem]:
    """Everything clipped, overlapping or spilling in ``top`` as it is laid out now."""
    found: list[Problem] = []
    for widget in _visible_widgets(top):
        found.extend(_clipped(widget))
        found.extend(_outside(widget))
    for parent in [top, *_visible_widgets(top)]:
        found.extend(_overlaps(parent))
    return found


def _visible_widgets(top: QWidget) -> list[QWidget]:
    out: list[QWidget] = []
    for child in top.findChildren(QWidget):
        if child.isWindow() or not child.isVisibleTo(top):
            continue
        if child.width() <= 0 or child.height() <= 0:
            continue
        out.append(child)
    return out


def _text(widget: QWidget) -> str:
    if isinstance(widget, QLabel):
        return widget.text()
    if isinstance(widget, QAbstractButton):
        return widget.text()
    if isinstance(widget, QLineEdit):
        return widget.text()
    return ""


def _plain(text: str) -> str:
    """A button's text as drawn: the mnemonic '&' is not shown ('&&' is one '&')."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _clipped(widget: QWidget) -> list[Problem]:
    if widget.property("elided") and not widget.toolTip():
        return [Problem("clipped", describe(widget), "shows a shortened text with no tooltip")]
    if isinstance(widget, QLabel):
        return _label_clipped(widget)
    if isinstance(widget, (QCheckBox, QRadioButton)):
        return _fits(widget, widget.sizeHint().width(), widget.fontMetrics().height())
    if isinstance(widget, (QPushButton, QToolButton)):
        return _button_clipped(widget)
    if isinstance(widget, QTabBar):
        return _tabs_clipped(widget)
    if isinstance(widget, (QLineEdit, QAbstractSpinBox, QComboBox)):
        # An input's text is cut at the top and bottom when the field is flatter than a line.
        return _fits(widget, 0, widget.fontMetrics().height())
    return []


def _fits(widget: QWidget, width: int, height: int, room: QRect | None = None) -> list[Problem]:
    room = room or widget.rect()
    if width > room.width() + SLACK or height > room.height() + SLACK:
        return [Problem("clipped", describe(widget),
                        f"needs {width}x{height}, has {room.width()}x{room.height()}")]
    return []


def _label_clipped(label: QLabel) -> list[Problem]:
    text = label.text()
    if not text or (label.pixmap() is not None and not label.pixmap().isNull()):
        return []
    room = label.contentsRect()
    indent = max(label.indent(), 0) if label.indent() > 0 else 0
    margin = label.margin()
    room = room.adjusted(margin + indent, margin, -margin, -margin)
    if room.width() <= 0 or room.height() <= 0:
        return [Problem("clipped", describe(label), f"no room ({room.width()}x{room.height()})")]
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text))
    if rich:
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(label.font())
        doc.setHtml(text)
        if label.wordWrap():
            doc.setTextWidth(room.width())
            width = round(doc.idealWidth())
        else:
            width = round(doc.idealWidth())
        height = round(doc.size().height())
        return _fits(label, width, height, room)
    metrics: QFontMetrics = label.fontMetrics()
    if not label.wordWrap() and "\n" not in text:
        return _line_clipped(label, metrics, text, room)
    flags = int(label.alignment().value)
    if label.wordWrap():
        flags |= int(Qt.TextFlag.TextWordWrap.value)
    bounds = metrics.boundingRect(QRect(0, 0, room.width(), 100000), flags, text)
    return _fits(label, bounds.width(), bounds.height(), room)


def _line_clipped(label: QLabel, metrics: QFontMetrics, text: str,
                  room: QRect) -> list[Problem]:
    """One line of text: its advance must fit the width, and its ink (not the font's whole
    line height, which big digits never fill) must stay inside the label."""
    width = metrics.horizontalAdvance(text)
    align = label.alignment()
    height = metrics.height()
    if align & Qt.AlignmentFlag.AlignTop:
        top = room.top()
    elif align & Qt.AlignmentFlag.AlignBottom:
        top = room.bottom() + 1 - height
    else:
        top = room.top() + (room.height() - height) // 2
    ink = metrics.tightBoundingRect(text).translated(0, top + metrics.ascent())
    whole = label.rect()
    if (width > room.width() + SLACK or ink.top() < whole.top() - SLACK
            or ink.bottom() > whole.bottom() + SLACK):
        return [Problem("clipped", describe(label),
                        f"needs {width} wide, ink {ink.top()}..{ink.bottom()}; "
                        f"has {room.width()} wide, 0..{whole.height() - 1}")]
    return []


def _button_clipped(button: QAbstractButton) -> list[Problem]:
    text = _plain(button.text())
    if isinstance(button, QToolButton) and (
            button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly or not text):
        return []
    if not text:
        return []
    metrics = button.fontMetrics()
    width = max(metrics.horizontalAdvance(line) for line in text.split("\n"))
    lines = text.count("\n") + 1
    # One line needs its ink's height; more need their full line spacing.
    height = (metrics.tightBoundingRect(text).height() if lines == 1
              else metrics.height() * lines)
    if not button.icon().isNull():
        width += button.iconSize().width() + 4
        height = max(height, button.iconSize().height())
    option = QStyleOptionButton()
    option.initFrom(button)
    frame = button.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, option, button)
    room = button.rect().adjusted(frame + 1, frame, -frame - 1, -frame)
    return _fits(button, width, height, room)


def _tabs_clipped(bar: QTabBar) -> list[Problem]:
    found: list[Problem] = []
    metrics = bar.fontMetrics()
    for index in range(bar.count()):
        text = _plain(bar.tabText(index))
        rect = bar.tabRect(index)
        if rect.width() < metrics.horizontalAdvance(text) + 4:
            found.append(Problem("clipped", f"tab {text!r}",
                                 f"needs {metrics.horizontalAdvance(text)}, has {rect.width()}"))
    return found


def _outside(widget: QWidget) -> list[Problem]:
    parent = widget.parentWidget()
    if parent is None or widget.isWindow():
        return []
    grand = parent.parentWidget()
    if isinstance(grand, QAbstractScrollArea) and grand.viewport() is parent:
        return []  # scrolled content is larger than its viewport on purpose
    rect = widget.geometry()
    room = parent.rect().adjusted(-SLACK, -SLACK, SLACK, SLACK)
    if room.contains(rect):
        return []
    return [Problem("outside", describe(widget),
                    f"{_rect(rect)} reaches out of {describe(parent)} {_rect(parent.rect())}")]


def _laid_out(layout: QLayout | None) -> list[QWidget]:
    """The widgets placed by ``layout`` and the layouts nested in it."""
    if layout is None:
        return []
    out: list[QWidget] = []
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None:
            continue
        widget, inner = item.widget(), item.layout()
        if widget is not None:
            out.append(widget)
        elif inner is not None:
            out.extend(_laid_out(inner))
    return out


def _overlaps(parent: QWidget) -> list[Problem]:
    children = [w for w in _laid_out(parent.layout())
                if w.isVisibleTo(parent) and w.width() > 0 and w.height() > 0]
    found: list[Problem] = []
    for i, first in enumerate(children):
        for second in children[i + 1:]:
            common = first.geometry().intersected(second.geometry())
            if common.width() > SLACK and common.height() > SLACK:
                found.append(Problem(
                    "overlap", describe(first),
                    f"{_rect(first.geometry())} covers {describe(second)} "
                    f"{_rect(second.geometry())}"))
    return found


def _rect(rect: QRect) -> str:
    return f"{rect.width()}x{rect.height()}+{rect.x()}+{rect.y()}"


def report(found: list[Problem]) -> str:
    """The problems one per line, for an assertion message."""
    return "\n".join(str(problem) for problem in found)
