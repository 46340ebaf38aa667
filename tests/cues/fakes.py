"""Recording stand-ins for the player, the voice, the keeper and wakepy's modes."""

from __future__ import annotations

from types import TracebackType

from backtimer.cues.base import Cue


class RecordingPlayer:
    def __init__(self) -> None:
        self.played: list[Cue] = []
        self.volume: float | None = None
        self.soft: bool | None = None

    @property
    def problem(self) -> str | None:
        return None

    def play(self, cue: Cue) -> None:
        self.played.append(cue)

    def set_volume(self, volume: float) -> None:
        self.volume = volume

    def set_soft(self, soft: bool) -> None:
        self.soft = soft


class RecordingVoice:
    def __init__(self) -> None:
        self.said: list[str] = []
        self.volume: float | None = None
        self.voice_name = ""

    @property
    def problem(self) -> str | None:
        return None

    def say(self, text: str) -> None:
        self.said.append(text)

    def set_volume(self, volume: float) -> None:
        self.volume = volume

    def set_voice(self, name: str) -> None:
        self.voice_name = name


class SilentKeeper:
    """A keeper that does nothing and has no problem (the factory always builds a real one)."""

    @property
    def problem(self) -> str | None:
        return None

    def keep_awake(self) -> None:
        pass

    def release(self) -> None:
        pass


class FakeMode:
    """A wakepy mode that works (or not) and counts how it is used."""

    def __init__(self, works: bool = True) -> None:
        self.works = works
        self.active = False
        self.entered = 0
        self.exited = 0

    def __enter__(self) -> FakeMode:
        self.entered += 1
        self.active = self.works
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exception: BaseException | None,
        traceback: TracebackType | None,
        /,
    ) -> bool:
        self.exited += 1
        self.active = False
        return True
