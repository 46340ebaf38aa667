"""Clocks the runner reads. Only monotonic time: wall-clock changes must never move a count."""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    def now(self) -> float:
        """Seconds on a monotonic scale; only differences between readings mean anything."""
        ...


class MonotonicClock:
    """The real clock, ``time.monotonic``."""

    def now(self) -> float:
        return time.monotonic()


class FakeClock:
    """A clock that moves only when a test moves it, and never backwards (like trio's MockClock)."""

    def __init__(self, start: float = 1000.0) -> None:
        self._now = start

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError(f"a clock cannot go backwards ({seconds} s)")
        self._now += seconds

    def set(self, moment: float) -> None:
        if moment < self._now:
            raise ValueError(f"a clock cannot go backwards (from {self._now} to {moment})")
        self._now = moment
