"""The built-in library read once per test process, not once per window a test builds.

Every ``Library`` reads the shipped exercises and sessions again (50-90 ms), and the window
tests build hundreds of windows, all from the same bytes. The loader is a pure function of its
inputs, so the same result is handed back for the same inputs: the same file name and bytes,
and for a session the very same exercise objects (the shipped ones, from this cache, plus any a
test's own files added, which make a new entry). Anything else, including every file that is
not shipped, is read for real; the loader's own tests call it directly and never come here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from backtimer.session import loader
from backtimer.session.model import Exercise, Session

_exercises: dict[tuple[str, bytes], tuple[dict[str, Exercise], list[Any]]] = {}
# Each entry keeps the exercises it was read with, so their ids stay theirs while it exists.
_sessions: dict[tuple[object, ...], tuple[tuple[Exercise, ...], Session]] = {}


def load_exercises(path: str, data: bytes, *, shipped: bool = False
                   ) -> tuple[dict[str, Exercise], list[Any]]:
    if not shipped:
        return loader.load_exercises(path, data)
    key = (path, data)
    if key not in _exercises:
        _exercises[key] = loader.load_exercises(path, data, shipped=True)
    exercises, problems = _exercises[key]
    return dict(exercises), list(problems)  # the library adds to its dict


def load_session(path: str, data: bytes, exercises: Mapping[str, Exercise], *,
                 session_id: str | None = None, shipped: bool = False) -> Session:
    if not shipped:
        return loader.load_session(path, data, exercises, session_id=session_id)
    used = tuple(exercises.values())
    key = (path, data, session_id, tuple(exercises), tuple(map(id, used)))
    if key not in _sessions:  # a session with problems raises here, every time
        _sessions[key] = (used, loader.load_session(path, data, exercises,
                                                    session_id=session_id, shipped=True))
    return _sessions[key][1]
