"""Clocks the runner reads. Only monotonic time: wall-clock changes must never move a count.

A clock gives two readings. ``now()`` is the monotonic clock the count runs on. On Linux and
macOS it stops while the computer is suspended, so a lid closed mid-hold does not show up as a
late tick at all: the hold would simply carry on where it was, with no pause and no word.
``now_counting_sleep()`` is a second monotonic clock that keeps counting through suspend; the
runner compares how far the two moved between two looks to see that the computer slept.

Which clock counts suspend, per platform (``time.monotonic`` is the first reading everywhere):

- Linux: ``time.monotonic`` is ``CLOCK_MONOTONIC``, stopped during suspend; ``CLOCK_BOOTTIME``
  is the same clock plus the time suspended.
- macOS: ``time.monotonic`` is ``mach_absolute_time``, stopped during sleep; there
  ``clock_gettime(CLOCK_MONOTONIC)`` keeps counting while the system is asleep.
- Windows: ``time.monotonic`` (``GetTickCount64`` up to Python 3.12, ``QueryPerformanceCounter``
  after) already counts sleep, so a sleep is a plain late tick and no second clock is needed.
- Anywhere else, or when the clock is refused at run time (an old kernel, a sandbox): None, and
  only late ticks are seen, as before.
"""

from __future__ import annotations

import logging
import sys
import time
from typing import Protocol

log = logging.getLogger(__name__)


class Clock(Protocol):
    def now(self) -> float:
        """Seconds on a monotonic scale; only differences between readings mean anything."""
        ...

    def now_counting_sleep(self) -> float | None:
        """Seconds on a monotonic scale that keeps counting while the computer is suspended.

        None when this platform has no such clock beside ``now()`` (or ``now()`` counts
        suspend itself). Only differences between readings mean anything.
        """
        ...


def sleep_clock_id() -> int | None:
    """The ``clock_gettime`` clock that counts suspend where ``time.monotonic`` does not."""
    if sys.platform == "linux":
        return time.CLOCK_BOOTTIME
    if sys.platform == "darwin":
        return time.CLOCK_MONOTONIC
    return None


PLATFORM_SLEEP_CLOCK = sleep_clock_id()


class MonotonicClock:
    """The real clock: ``time.monotonic``, and the platform's clock that counts suspend.

    ``sleep_clock`` is the ``clock_gettime`` id of that second clock (None: there is none).
    One the kernel refuses is dropped once here, so a tick never meets the error.
    """

    def __init__(self, sleep_clock: int | None = PLATFORM_SLEEP_CLOCK) -> None:
        if sleep_clock is not None:
            try:
                time.clock_gettime(sleep_clock)
            except OSError:  # an old kernel or a sandbox without it
                log.info("clock %s is not available; only late ticks show a sleep", sleep_clock)
                sleep_clock = None
        self._sleep_clock = sleep_clock

    @property
    def sees_sleep(self) -> bool:
        """Whether a suspend is seen even when ``now()`` stopped during it."""
        return self._sleep_clock is not None

    def now(self) -> float:
        return time.monotonic()

    def now_counting_sleep(self) -> float | None:
        if self._sleep_clock is None:
            return None
        return time.clock_gettime(self._sleep_clock)


class FakeClock:
    """A clock that moves only when a test moves it, and never backwards (like trio's MockClock).

    ``advance`` and ``set`` move both readings, as a stalled process or a busy loop would.
    ``suspend`` models a real suspend on Linux or macOS: ``now()`` stands still while the
    reading that counts sleep jumps. With ``counts_sleep=False`` the clock is one of a platform
    without that second reading, where a suspend leaves no trace at all.
    """

    def __init__(self, start: float = 1000.0, *, counts_sleep: bool = True) -> None:
        self._now = start
        self._slept = 0.0
        self._counts_sleep = counts_sleep

    def now(self) -> float:
        return self._now

    def now_counting_sleep(self) -> float | None:
        return self._now + self._slept if self._counts_sleep else None

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError(f"a clock cannot go backwards ({seconds} s)")
        self._now += seconds

    def set(self, moment: float) -> None:
        if moment < self._now:
            raise ValueError(f"a clock cannot go backwards (from {self._now} to {moment})")
        self._now = moment

    def suspend(self, seconds: float) -> None:
        """The computer sleeps for ``seconds``: only the reading that counts sleep moves."""
        if seconds < 0:
            raise ValueError(f"a clock cannot go backwards ({seconds} s)")
        self._slept += seconds
