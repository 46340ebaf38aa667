"""Icons from the SVGs in resources/icons, tinted to a palette colour so they suit any theme.

The small control icons are drawn in pure black (#000000) in their files; that colour is
replaced by the wanted one before rendering, so one file serves light and dark windows.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from backtimer.resources import resources_dir


@lru_cache(maxsize=32)
def _svg_text(name: str) -> str:
    return (resources_dir() / "icons" / f"{name}.svg").read_text(encoding="utf-8")


def svg_pixmap(name: str, size: int, colour: QColor | None = None) -> QPixmap:
    """Render ``resources/icons/<name>.svg`` at ``size`` px, black parts in ``colour``."""
    text = _svg_text(name)
    if colour is not None:
        text = text.replace("#000000", colour.name())
    renderer = QSvgRenderer(QByteArray(text.encode("utf-8")))
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return QPixmap.fromImage(image)


def tinted_icon(name: str, colour: QColor, size: int = 48) -> QIcon:
    return QIcon(svg_pixmap(name, size, colour))


def app_icon() -> QIcon:
    """The application icon, at the sizes window managers and task bars ask for."""
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        icon.addPixmap(svg_pixmap("backtimer", size))
    return icon
