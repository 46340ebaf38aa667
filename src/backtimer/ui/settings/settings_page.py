"""One tab of the Settings dialog: the widgets for a group of settings and what they change.

Each page is its own module (sessions, sound, screen, and whatever later features add), so a
feature brings its settings as one page and one line in ``settings_dialog.PAGES``, without
touching the others. A page reads its fields from the ``Settings`` it is built with and says
what the person changed through ``changes()``; the dialog saves all pages at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QWidget

from backtimer.store.settings import Settings


@dataclass(frozen=True)
class PageContext:
    """What a page may need besides the settings: what this computer can do, and the cues.

    ``preview`` applies settings to the cues at once, before Save (the volume as it is
    dragged); Cancel previews the saved settings again. ``test`` plays a chime and a spoken line
    as the given settings would. ``voices`` lists the speech engine's voices known so far and
    ``voices_found`` (a signal) brings them when the engine gets ready. Each may be None (no
    cues: the tab then offers nothing to try).
    """

    voice_available: bool = True
    preview: Callable[[Settings], None] | None = None
    test: Callable[[Settings], None] | None = None
    voices: Callable[[], list[str]] | None = None
    voices_found: Any = None
    sessions: tuple[tuple[str, str], ...] = ()  # (id, title) of every usable session


class SettingsPage(QWidget):
    """A tab of settings. Subclasses name the tab in ``title`` and return their fields in
    ``changes``."""

    def __init__(self, settings: Settings, context: PageContext,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.original = settings
        self.context = context

    def title(self) -> str:
        """The tab's name (translated when asked, not at import)."""
        return ""

    def changes(self) -> dict[str, Any]:
        """The settings this page shows, by field name, as the person has set them."""
        return {}
