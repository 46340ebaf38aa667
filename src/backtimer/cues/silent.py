"""The silent player: it accepts every call, does nothing, and says why in ``problem``.

The window always gets a player; when the cue sounds are missing it gets this one, so no
caller ever has to check whether sound exists before using it. (The voice and the keeper
need no stand-in: ``QtVoice`` and ``WakepyKeeper`` go quiet themselves and say why.)
"""

from __future__ import annotations

from backtimer.cues.base import Cue


class SilentPlayer:
    def __init__(self, problem: str | None = None) -> None:
        self._problem = problem

    @property
    def problem(self) -> str | None:
        return self._problem

    def play(self, cue: Cue) -> None:
        pass

    def set_volume(self, volume: float) -> None:
        pass

    def set_soft(self, soft: bool) -> None:
        pass
