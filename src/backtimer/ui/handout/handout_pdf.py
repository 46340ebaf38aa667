"""The handout on paper: a PDF (``QPdfWriter``) or a printer (``QPrinter``), A4 or Letter.

The text is laid out by ``QTextDocument`` on the page's printable area; when it runs past two
pages the sizes step down (``handout_text.STYLES``) until it fits, and a handout that still
needs more says so (``Handout.pages``), so a long session is never cut silently.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRect, QRectF, QSizeF
from PySide6.QtGui import (
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPyTextObject,
    QTextCharFormat,
    QTextDocument,
    QTextFormat,
)

from backtimer.session.model import Exercise, Session
from backtimer.ui.handout.handout_text import STYLES, handout_html

MAX_PAGES = 2
PAPERS = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
MARGIN_MM = 15.0
_SCREEN_DPI = 96.0  # QTextDocument's unit without a paint device: pixels at 96 dpi
FIGURE_MM = 26.0  # an item's figure, beside its words


@dataclass(frozen=True)
class FigureDrawing:
    """An exercise's figure as drawing commands rather than pixels: the document draws it with
    the page's own painter, so in a PDF it is lines and curves, sharp at any zoom and small."""

    aspect: float  # height / width
    paint: Callable[[QPainter, QRectF], None]


# An exercise's figure (the exercise-figure drawing, when it exists), or None.
Figures = Callable[[str], FigureDrawing | None]

FIGURE_OBJECT = QTextFormat.ObjectTypes.UserObject.value + 1  # the text's figure characters
FIGURE_ID = QTextFormat.Property.UserProperty.value + 1  # their exercise id


class _FigureObjects(QPyTextObject):
    """Sizes and draws the figure characters: QTextDocument asks it where it lays out the page
    and again, with the printer's painter, where it prints it."""

    def __init__(self, drawings: Mapping[str, FigureDrawing], width: float) -> None:
        super().__init__()
        self._drawings = dict(drawings)
        self._width = width

    def _drawing(self, text_format: QTextFormat) -> FigureDrawing | None:
        return self._drawings.get(str(text_format.property(FIGURE_ID)))

    def intrinsicSize(self, _doc: QTextDocument, _position: int,
                      format: QTextFormat) -> QSizeF:
        drawing = self._drawing(format)
        if drawing is None:
            return QSizeF(0, 0)
        return QSizeF(self._width, self._width * drawing.aspect)

    def drawObject(self, painter: QPainter, rect: QRectF | QRect, _doc: QTextDocument,
                   _position: int, format: QTextFormat) -> None:
        drawing = self._drawing(format)
        if drawing is not None:
            painter.save()
            drawing.paint(painter, QRectF(rect))
            painter.restore()


@dataclass(frozen=True)
class Handout:
    """A laid-out handout: the document to print, and how many pages it takes."""

    document: QTextDocument
    pages: int
    figures: QPyTextObject | None = None  # kept alive as long as the document draws with it


def page_layout(paper: str) -> QPageLayout:
    return QPageLayout(QPageSize(PAPERS[paper]), QPageLayout.Orientation.Portrait,
                       QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                       QPageLayout.Unit.Millimeter)


def lay_out(session: Session, exercises: Mapping[str, Exercise], *, paper: str = "a4",
            prepare: float, level: int = 1, figures: Figures | None = None) -> Handout:
    """The handout at the largest sizes that fit in ``MAX_PAGES`` (or the smallest, if none
    do). ``figures`` gives each exercise's figure, drawn beside its item; without it (or for
    an exercise it has none for) the words take the whole width."""
    area = page_layout(paper).paintRect(QPageLayout.Unit.Point)
    page = QSizeF(area.width() * _SCREEN_DPI / 72, area.height() * _SCREEN_DPI / 72)
    drawings = _figure_drawings(session, figures)
    handler = _FigureObjects(drawings, FIGURE_MM * _SCREEN_DPI / 25.4) if drawings else None
    document = QTextDocument()
    for style in STYLES:
        document = QTextDocument()
        document.setDocumentMargin(0)
        document.setIndentWidth(14)
        document.setPageSize(page)
        if handler is not None:
            document.documentLayout().registerHandler(FIGURE_OBJECT, handler)
        document.setHtml(handout_html(
            session, exercises, prepare=prepare, level=level,
            style=replace(style, figure_mm=FIGURE_MM) if drawings else style,
            figures={eid: f"{FIGURE_URL}{eid}" for eid in drawings}))
        _place_figures(document)
        if document.pageCount() <= MAX_PAGES:
            break
    return Handout(document, document.pageCount(), handler)


FIGURE_URL = "figure:"
_OBJECT_CHARACTER = "\ufffc"


def _place_figures(document: QTextDocument) -> None:
    """Turn each figure's picture placeholder (``<img src='figure:ID'>``) into a figure
    character, which ``_FigureObjects`` sizes and draws."""
    cursor = document.find(_OBJECT_CHARACTER)
    while not cursor.isNull():
        found = cursor.charFormat()
        name = found.toImageFormat().name() if found.isImageFormat() else ""
        if name.startswith(FIGURE_URL):
            figure = QTextCharFormat()
            figure.setObjectType(FIGURE_OBJECT)
            figure.setProperty(FIGURE_ID, name.removeprefix(FIGURE_URL))
            cursor.insertText(_OBJECT_CHARACTER, figure)
        cursor = document.find(_OBJECT_CHARACTER, cursor.position())


def _figure_drawings(session: Session, figures: Figures | None) -> dict[str, FigureDrawing]:
    """Each exercise of the session that has a figure, and its drawing."""
    if figures is None:
        return {}
    found = {}
    ids = {item.exercise for item in session.items}
    ids |= {level.exercise for item in session.items for level in item.levels}
    ids |= {item.exercise for level in session.levels for item in level.items}
    for exercise_id in sorted(ids):
        drawing = figures(exercise_id)
        if drawing is not None:
            found[exercise_id] = drawing
    return found


def print_to(handout: Handout, device: QPagedPaintDevice, paper: str) -> None:
    """Draw the handout on ``device`` (a PDF writer or a printer) with the handout's page."""
    device.setPageLayout(page_layout(paper))
    handout.document.print_(device)


def pdf_bytes(handout: Handout, paper: str, title: str) -> bytes:
    """The handout as the bytes of a PDF file (written to disk by the caller, off the GUI
    thread where there is one)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(title)
    writer.setCreator("BackTimer")
    writer.setResolution(300)
    print_to(handout, writer, paper)
    del writer  # finishes the file
    buffer.close()
    return bytes(data.data())
