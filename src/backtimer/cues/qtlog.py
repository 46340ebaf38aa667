"""Keep Qt's start-up chatter about optional system parts out of the terminal (and the tests).

Importing QtMultimedia or QtTextToSpeech, or asking for the audio outputs, makes Qt log
warnings about every optional library it could not find (PipeWire, VA-API, a PulseAudio
server, the speech-dispatcher plug-in). BackTimer checks those parts itself and tells the
person once, in plain words; Qt's raw messages would only alarm whoever reads the terminal.
So the few calls that probe them run inside ``quiet_qt_messages()``, which passes what Qt says
to Python's logging at debug level instead.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

log = logging.getLogger(__name__)


def _to_debug_log(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    log.debug("Qt (%s, %s): %s", kind.name, context.category, message)


@contextmanager
def quiet_qt_messages() -> Iterator[None]:
    """Route Qt's messages to the debug log while the block runs, then restore the handler."""
    previous = qInstallMessageHandler(_to_debug_log)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)
