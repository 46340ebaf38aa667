"""Silent stand-ins: they accept every call and do nothing, and say why in ``problem``.

The window always gets a player, a voice and a keeper; when the real one cannot work here it
gets one of these, so no caller ever has to check whether sound exists before using it.
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


class SilentVoice:
    def __init__(self, problem: str | None = None) -> None:
        self._problem = problem

    @property
    def problem(self) -> str | None:
        return self._problem

    def say(self, text: str) -> None:
        pass

    def set_volume(self, volume: float) -> None:
        pass


class SilentKeeper:
    def __init__(self, problem: str | None = None) -> None:
        self._problem = problem

    @property
    def problem(self) -> str | None:
        return self._problem

    def keep_awake(self) -> None:
        pass

    def release(self) -> None:
        pass
