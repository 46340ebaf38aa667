"""Render the application icon's PNG sizes into ``resources/desktop/png/`` (run it after
changing ``resources/icons/backtimer.svg``).

    QT_QPA_PLATFORM=offscreen python tools/make_icons.py [FOLDER]

``backtimer install-desktop`` copies these into the hicolor icon theme beside the SVG; they
ship pre-rendered so installing needs no Qt and no display. Rendered with QSvgRenderer, the
same renderer the window uses for its own icon.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from backtimer.store.desktop_files import ICON_SIZES

ROOT = Path(__file__).resolve().parent.parent


def render(svg: bytes, size: int) -> QImage:
    renderer = QSvgRenderer(QByteArray(svg))
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def main(folder: Path) -> None:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    svg = (ROOT / "resources" / "icons" / "backtimer.svg").read_bytes()
    folder.mkdir(parents=True, exist_ok=True)
    for size in ICON_SIZES:
        target = folder / f"{size}.png"
        if not render(svg, size).save(str(target), "PNG"):
            raise SystemExit(f"could not write {target}")
        print(target)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "resources" / "desktop" / "png")
