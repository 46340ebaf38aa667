"""The window's size and place between runs, in a small file in the config folder.

Not QSettings: its default location ignores BACKTIMER_HOME, and tests must never touch the
real user's files. The file holds Qt's own saveGeometry() bytes, base64-encoded.
"""

from __future__ import annotations

import base64
import binascii
import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from backtimer.store.paths import Paths

log = logging.getLogger(__name__)

FILE_NAME = "window-geometry"


def load_geometry(paths: Paths | None) -> bytes | None:
    if paths is None:
        return None
    try:
        text = (paths.config_dir / FILE_NAME).read_text(encoding="ascii")
        return base64.b64decode(text.strip(), validate=True)
    except (OSError, ValueError, binascii.Error):
        return None


def save_geometry(paths: Paths | None, data: bytes) -> None:
    if paths is None:
        return
    from backtimer.store.atomic import write_atomic  # not needed for the first frame

    try:
        write_atomic(paths.config_dir / FILE_NAME, base64.b64encode(data) + b"\n")
    except OSError as error:
        log.warning("could not remember the window's size: %s", error)
