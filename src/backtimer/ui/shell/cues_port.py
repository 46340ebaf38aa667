"""What the window needs from the cue players (sound, voice, keep-awake), as protocols.

``backtimer.cues.factory.create_cues`` builds the real thing; the window only relies on this
shape, so tests can hand it a silent or failing stand-in. The shape is complete: the window
never probes its cues for anything this protocol does not name (``app`` has mypy check that
the real ``Cues`` fits it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from backtimer.engine.events import Event
from backtimer.store.settings import Settings


class CueHandler(Protocol):
    def handle(self, event: Event) -> None: ...

    def apply_settings(self, settings: Settings) -> None:
        """Take these settings now (also while Settings is open: the volume as it is dragged)."""
        ...

    def start_lead(self) -> float:
        """Seconds ahead of now a session should start so its first sound is on time."""
        ...


class Keeper(Protocol):
    def keep_awake(self) -> None: ...

    def release(self) -> None: ...


class ProblemHook(Protocol):
    """Where the window hangs its notice bar for problems found after start-up (a Qt signal)."""

    def connect(self, slot: Callable[[Any], object], /) -> object: ...


class CuesLike(Protocol):
    @property
    def director(self) -> CueHandler: ...

    @property
    def keeper(self) -> Keeper: ...

    @property
    def problem_found(self) -> ProblemHook:
        """Carries each problem found after start-up (sound loaded, speech engine made), once."""
        ...

    @property
    def voice_available(self) -> bool:
        """Whether speech works here, so settings can say why the voice switch is off."""
        ...

    @property
    def voices_found(self) -> ProblemHook:
        """Carries the speech engine's voice names (a list) once it is ready."""
        ...

    def voice_names(self) -> list[str]:
        """The speech engine's voices known so far (Settings offers them)."""
        ...

    def test(self, settings: Settings) -> None:
        """Play a chime and say a line as ``settings`` would (Settings' "Test sound")."""
        ...

    def problems(self) -> list[str]:
        """What does not work here, in plain words; the window shows each once."""
        ...

    def close(self) -> None:
        """At quit: let the screen dim again and end the speech process."""
        ...
