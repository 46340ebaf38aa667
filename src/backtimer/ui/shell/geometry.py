"""The window's size and place between runs, in a small file in the config folder.

Not QSettings: its default location ignores BACKTIMER_HOME, and tests must never touch the
real user's files. The file holds Qt's own saveGeometry() bytes, base64-encoded.

It is read on the GUI thread, before the first frame (the window must open at its size, not
jump to it), so it is read like any hostile file (``store.reading``): never a FIFO (which
would block the window from ever opening), never more than ``LIMIT`` bytes (a link to
``/dev/zero`` would fill the memory). Anything odd there is ignored: the default size.
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
LIMIT = 4096  # Qt's geometry is under a hundred bytes


def load_geometry(paths: Paths | None) -> bytes | None:
    if paths is None:
        return None
    from backtimer.store.reading import read_bytes_limited

    try:
        data = read_bytes_limited(paths.config_dir / FILE_NAME, LIMIT)
        return base64.b64decode(data.strip(), validate=True)
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
