"""The handout on paper: a PDF (``QPdfWriter``) or a printer (``QPrinter``), A4 or Letter.

The text is laid out by ``QTextDocument`` on the page's printable area; when it runs past two
pages the sizes step down (``handout_text.STYLES``) until it fits, and a handout that still
needs more says so (``Handout.pages``), so a long session is never cut silently.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QSizeF
from PySide6.QtGui import (
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
            prepare: float, level: int = 1) -> Handout:
    """The handout at the largest sizes that fit in ``MAX_PAGES`` (or the smallest, if none
    do)."""
    area = page_layout(paper).paintRect(QPageLayout.Unit.Point)
    page = QSizeF(area.width() * _SCREEN_DPI / 72, area.height() * _SCREEN_DPI / 72)
    document = QTextDocument()
    for style in STYLES:
        document = QTextDocument()
        document.setDocumentMargin(0)
        document.setIndentWidth(14)
        document.setPageSize(page)
        document.setHtml(handout_html(session, exercises, prepare=prepare, level=level,
                                      style=style))
        if document.pageCount() <= MAX_PAGES:
            break
    return Handout(document, document.pageCount())


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
