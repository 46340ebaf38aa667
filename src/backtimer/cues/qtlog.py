"""Keep Qt's start-up chatter about optional system parts out of the terminal (and the tests).

Importing QtMultimedia, or asking for the audio outputs, makes Qt log warnings about every
optional library it could not find (PipeWire, VA-API, a PulseAudio server). BackTimer checks
those parts itself and tells the person once, in plain words; Qt's raw messages would only
alarm whoever reads the terminal. So the few calls that probe them run inside
``quiet_qt_messages()``, which switches those messages off with Qt's logging rules.

Why rules and not a message handler: those messages are raised while the dynamic loader is
loading Qt's libraries and plug-ins, with the loader's lock held and (inside calls PySide6 runs
without the GIL) without the GIL. A Python message handler then needs the GIL; if another thread
holds it while waiting for the loader's lock (importing a native module such as ``_ctypes``),
both wait for ever: that froze one start in three under CPU load. Logging rules are applied by
Qt itself, in C++, and never call into Python.

Rules given in ``QT_LOGGING_RULES`` (or ``QT_LOGGING_CONF``) still win over these, so a developer
can see everything again.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QLoggingCategory

QUIET_RULES = "*.debug=false\n*.info=false\n*.warning=false"


@contextmanager
def quiet_qt_messages() -> Iterator[None]:
    """Drop Qt's debug, info and warning messages while the block runs (criticals still show)."""
    QLoggingCategory.setFilterRules(QUIET_RULES)
    try:
        yield
    finally:
        QLoggingCategory.setFilterRules("")
