"""The interfaces the window talks to; implementations live beside this module."""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol


class Cue(StrEnum):
    """The distinct sounds, one WAV each (and a soft variant of each)."""

    HOLD = "hold"  # a hold starts
    REST = "rest"  # a rest (or switch, set rest, transition) starts
    HALFWAY = "halfway"  # halfway through a long hold
    COUNTDOWN = "countdown"  # each of the last 3 seconds
    FINISH = "finish"  # the session is over


class SoundPlayer(Protocol):
    @property
    def problem(self) -> str | None:
        """Why sound cannot play here (shown once), or None when it works."""
        ...

    def play(self, cue: Cue) -> None: ...

    def set_volume(self, volume: float) -> None:
        """0.0 to 1.0."""
        ...

    def set_soft(self, soft: bool) -> None:
        """Switch to the low, quiet set."""
        ...


class Voice(Protocol):
    @property
    def problem(self) -> str | None: ...

    def say(self, text: str) -> None:
        """Speak, interrupting whatever is still being said; never blocks."""
        ...

    def set_volume(self, volume: float) -> None: ...

    def set_voice(self, name: str) -> None:
        """The engine's voice to speak with; "" is its default."""
        ...


class ScreenKeeper(Protocol):
    @property
    def problem(self) -> str | None: ...

    def keep_awake(self) -> None:
        """Stop the screen from dimming or locking until ``release``."""
        ...

    def release(self) -> None: ...
