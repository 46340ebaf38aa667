"""The handout on paper: a PDF (``QPdfWriter``) or a printer (``QPrinter``), A4 or Letter.

The text is laid out by ``QTextDocument`` on the page's printable area; when it runs past two
pages the sizes step down (``handout_text.STYLES``) until it fits, and a handout that still
needs more says so (``Handout.pages``), so a long session is never cut silently.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QSizeF, QUrl
from PySide6.QtGui import (
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
)

from backtimer.session.model import Exercise, Session
from backtimer.ui.handout.handout_text import STYLES, handout_html

MAX_PAGES = 2
PAPERS = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
MARGIN_MM = 15.0
_SCREEN_DPI = 96.0  # QTextDocument's unit without a paint device: pixels at 96 dpi
FIGURE_MM = 26.0  # an item's figure, beside its words
# An exercise's figure as an image (the exercise-figure drawing, when it exists), or None.
Figures = Callable[[str], QImage | None]


@dataclass(frozen=True)
class Handout:
    """A laid-out handout: the document to print, and how many pages it takes."""

    document: QTextDocument
    pages: int


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
    images = _figure_images(session, figures)
    document = QTextDocument()
    for style in STYLES:
        document = QTextDocument()
        document.setDocumentMargin(0)
        document.setIndentWidth(14)
        document.setPageSize(page)
        for url, image in images.values():
            document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(url), image)
        document.setHtml(handout_html(
            session, exercises, prepare=prepare, level=level,
            style=replace(style, figure_mm=FIGURE_MM) if images else style,
            figures={eid: url for eid, (url, _image) in images.items()}))
        if document.pageCount() <= MAX_PAGES:
            break
    return Handout(document, document.pageCount())


def _figure_images(session: Session, figures: Figures | None) -> dict[str, tuple[str, QImage]]:
    """Each exercise of the session that has a figure: its resource URL and image."""
    if figures is None:
        return {}
    found = {}
    ids = {item.exercise for item in session.items}
    ids |= {level.exercise for item in session.items for level in item.levels}
    ids |= {item.exercise for level in session.levels for item in level.items}
    for exercise_id in sorted(ids):
        image = figures(exercise_id)
        if image is not None and not image.isNull():
            found[exercise_id] = (f"figure:{exercise_id}", image)
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
