"""What the window needs from the cue players (sound, voice, keep-awake), as protocols.

``backtimer.cues.factory.create_cues`` builds the real thing; the window only relies on this
shape, so tests can hand it a silent or failing stand-in.
"""

from __future__ import annotations

from typing import Protocol

from backtimer.engine.events import Event
from backtimer.store.settings import Settings


class CueHandler(Protocol):
    def handle(self, event: Event) -> None: ...

    def apply_settings(self, settings: Settings) -> None: ...


class Keeper(Protocol):
    def keep_awake(self) -> None: ...

    def release(self) -> None: ...


class CuesLike(Protocol):
    @property
    def director(self) -> CueHandler: ...

    @property
    def keeper(self) -> Keeper: ...

    def problems(self) -> list[str]: ...
