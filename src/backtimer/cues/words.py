"""The one ``tr`` for the cues' spoken words and problems (context ``Cues``).

The cues sit below the window in the layers and cannot import ``ui.common.words``; this is the
same helper with the same placeholder style (``str.format`` with named fields, filled after
translating).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def tr(text: str) -> str:
    return QCoreApplication.translate("Cues", text)
