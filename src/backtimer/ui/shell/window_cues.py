"""The main window's link to its cues: sound, voice and keeping the screen awake.

Cues are a nicety, so nothing they do may stop a session: every call into them is guarded and
logged, and what they report as missing (no sound device, no speech, the screen may dim) is
shown once in the notice bar rather than raised.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from backtimer.store.settings import Settings
    from backtimer.ui.run.adapter import RunnerAdapter
    from backtimer.ui.shell.cues_port import CuesLike

log = logging.getLogger(__name__)


def guard(call: Callable[[], object]) -> None:
    """Cue and keep-awake calls must never stop a session."""
    try:
        call()
    except Exception:
        log.exception("a cue call failed; the session goes on")


class CueLink:
    """Holds the window's cues (``None`` until ``attach``) and calls them safely.

    ``notify`` shows one line in the window's notice bar. A plain object, no signals.
    """

    def __init__(self, notify: Callable[[str], None]) -> None:
        self.notify = notify
        self.cues: CuesLike | None = None

    def attach(self, cues: CuesLike, adapter: RunnerAdapter) -> None:
        """Let ``cues`` hear every runner event and keep the screen awake while counting."""
        self.cues = cues
        adapter.add_listener(cues.director.handle)
        adapter.start_lead = lambda: self.lead(cues)
        cues.problem_found.connect(self.notify)  # a part that fails after start-up
        self.show_problems()

    @staticmethod
    def lead(cues: CuesLike) -> float:
        """The cues' start lead; 0 when asking them fails (the session starts at once)."""
        try:
            return max(0.0, min(1.0, float(cues.director.start_lead())))
        except Exception:
            log.exception("a cue call failed; the session goes on")
            return 0.0

    def apply_settings(self, settings: Settings) -> None:
        if self.cues is not None:
            cues = self.cues
            guard(lambda: cues.director.apply_settings(settings))

    def awake(self, *_: object) -> None:
        """A session counts: keep the screen on (and say if that cannot be done)."""
        if self.cues is not None:
            guard(self.cues.keeper.keep_awake)
        self.show_problems()

    def release(self, *_: object) -> None:
        """Nothing counts any more: the screen may dim again."""
        if self.cues is not None:
            guard(self.cues.keeper.release)

    def show_problems(self) -> None:
        """Show each cue problem once (no sound device, no speech, the screen may dim)."""
        if self.cues is None:
            return
        try:
            problems = list(self.cues.problems())
        except Exception:
            log.exception("could not ask the cues for their problems")
            return
        for problem in problems:
            self.notify(problem)
