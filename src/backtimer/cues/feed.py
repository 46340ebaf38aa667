"""What the cue stream's thread writes, and when: big blocks, seldom, cues at their samples.

Pure logic on an ``Output`` (``pulse.PulseOutput`` in the app, a fake in tests) and a clock,
no Qt. Why this shape (issue 16, measured with ``python -m benchmarks.cues --cpu``):

- **Few wake-ups.** About ``AHEAD`` seconds are written ahead and the thread sleeps until only
  ``LOW`` is left: 0.7 writes a second instead of 25, and nothing else runs in between (the
  thread waits on ``Shared.wake``, set when the plan changes). Silence, nearly all of a
  session, is written from one preallocated zero block; each cue's sound is scaled to the
  volume once, not per block.
- **Prompt changes though a lot is queued.** When the plan drops a cue already written but
  not yet heard (pause, skip, back), or a cue is due sooner than what is queued (a session's
  first chime, a late claim), the queue is flushed and written again from what plays now; a
  sound already ringing goes on.
- **On time after a stall.** The stream's clock (the moment sample 0 played, ``origin``) is
  measured again after every write from the server's own latency, so an underrun or a server
  that fell behind shifts only the cues already queued: when that shift passes ``DRIFT``,
  they are flushed and placed again.
"""

from __future__ import annotations

import statistics
import threading
from array import array
from collections import deque
from collections.abc import Callable
from typing import Protocol

from backtimer.cues.base import Cue
from backtimer.cues.mix import Placed, render
from backtimer.cues.plan import CueKey, sample_position

# Each wake of the writer costs ~1 ms of CPU (PulseAudio round trips, the mix): 1.8 s ahead
# topped up at 0.4 s left is 0.7 wakes a second (0.9 s at 0.5 s was 2.5; the thread's share of
# a core went from 0.21 % to 0.09 %). The server's buffer stays within PulseAudio's default
# 2 s, so a write never waits for room.
AHEAD = 1.8  # seconds written ahead of what plays
LOW = 0.4  # top up when less than this is queued (a thread starved this long still plays on)
TARGET = 2.0  # the server's target buffer: more than is ever written ahead
HEARD = 0.03  # a sample due this soon is in the device already: a flush cannot stop it
LATE = 0.015  # a cue that can still start within this of its moment is not worth a flush
DRIFT = 0.008  # queued cues are placed again when the clock moved this much since they were
ORIGIN_SAMPLES = 3  # recent clock estimates whose median is used
MIN_SLEEP = 0.02
MEASURE_WITHIN = 0.002  # a clock estimate whose reading took longer is not trusted
FORGET = 10.0  # a written cue is remembered this long after it played (its event comes after)


class Output(Protocol):
    def write(self, data: bytes) -> None: ...

    def latency(self) -> float: ...

    def flush(self) -> None: ...


class Shared:
    """What the GUI thread and the stream's thread both read and write, under one lock."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.wake = threading.Event()  # the plan changed (or closing): the thread looks now
        self.pending: dict[CueKey, tuple[float, Cue]] = {}  # planned, not yet written
        self.wanted: set[CueKey] = set()  # every cue of the latest plan, written or not
        # written into the stream: key -> (sample position, moment, cue); they will sound
        self.started: dict[CueKey, tuple[int, float, Cue]] = {}
        self.sounds: dict[Cue, array[int]] = {}
        self.volume = 1.0
        self.origin: float | None = None
        self.closing = False
        self.flushable = False  # the stream can drop its queue (PulseAudio): late cues go in

    def take_due(self, start: int, end: int, origin: float, rate: int,
                 sound: Callable[[array[int]], array[int]]) -> list[Placed]:
        """Move every pending cue that starts before sample ``end`` into the stream: placed at
        its sample (``sound`` makes the samples to write), remembered as started. A cue whose
        moment is already behind the stream (before ``start``) sounds now, whole. Call it with
        ``lock`` held; both streams (PulseAudio's and QAudioSink's) write through it.
        """
        placed: list[Placed] = []
        for key, (at, cue) in list(self.pending.items()):
            position = sample_position(at, origin, rate)
            if position >= end or cue not in self.sounds:
                continue
            position = max(position, start)
            placed.append(Placed(position, sound(self.sounds[cue])))
            del self.pending[key]
            self.started[key] = (position, at, cue)
        return placed


def scaled(samples: array[int], volume: float) -> array[int]:
    """The sound at ``volume`` (linear 0-1), computed once per sound and volume."""
    if volume >= 1.0:
        return samples
    return array("h", [int(s * volume) for s in samples])


class Feeder:
    """Writes the stream ahead; ``step`` does one round and says how long to sleep."""

    def __init__(self, shared: Shared, output: Output, rate: int,
                 clock: Callable[[], float]) -> None:
        self._shared = shared
        self._out = output
        self._rate = rate
        self._clock = clock
        self.written = 0  # the next sample to be written
        self.flushes = 0
        self.writes = 0
        self._placed: list[Placed] = []
        self._estimates: deque[float] = deque(maxlen=ORIGIN_SAMPLES)
        self._silence = bytes(2 * round(rate * (AHEAD + 0.1)))
        self._scaled: dict[tuple[int, float], array[int]] = {}

    @property
    def origin(self) -> float | None:
        return statistics.median(self._estimates) if self._estimates else None

    def step(self) -> float:
        """Flush if the plan or the clock asks for it, top up the queue; seconds to sleep."""
        origin = self.origin
        if origin is None:  # the first write: silence, then the clock is known
            self._write_until(self._clock() + AHEAD, origin=None)
            return 0.0
        # Measure the clock at every wake, not only after a write: a stall shows at once.
        self._measure()
        now = self._clock()
        origin = self.origin or origin
        played = sample_position(now, origin, self._rate)  # kept till heard: a flush may rewind
        self._placed = [sound for sound in self._placed if sound.end > played]
        self._forget(played - round(FORGET * self._rate))
        flushed = self._needs_flush(now, origin)
        if flushed:
            self._flush(origin)
        queued = self.written / self._rate + origin - now
        if flushed or queued < LOW + MIN_SLEEP:  # (a wake a little early still writes)
            self._write_until(now + AHEAD, origin)
        origin = self.origin or origin
        return max(MIN_SLEEP, self.written / self._rate + origin - self._clock() - LOW)

    def _needs_flush(self, now: float, origin: float) -> bool:
        rate = self._rate
        heard = sample_position(now + HEARD, origin, rate)
        shared = self._shared
        with shared.lock:
            unheard = [key for key, (position, _at, _cue) in shared.started.items()
                       if position >= heard]
            if any(key not in shared.wanted for key in unheard):
                return True  # a pause, a skip: a queued cue must not sound
            late = self.written - round(LATE * rate)
            if any(sample_position(at, origin, rate) < late and cue in shared.sounds
                   for at, cue in shared.pending.values()):
                return True  # due before the end of what is queued
            # The clock moved since a queued cue was placed (however slowly, write by write):
            # a cue that can still be put at its own moment is put there again.
            drift = round(DRIFT * rate)
            for key in unheard:
                position, at, _cue = shared.started[key]
                intended = sample_position(at, origin, rate)
                if intended >= heard and abs(intended - position) > drift:
                    return True
        return False

    def _forget(self, before: int) -> None:
        """Written cues heard long ago: their events came, nobody asks for them again."""
        shared = self._shared
        with shared.lock:
            old = [key for key, (position, _at, _cue) in shared.started.items()
                   if position < before]
            for key in old:
                del shared.started[key]

    def _flush(self, origin: float) -> None:
        """Drop what is queued; write again from the sample that plays next."""
        self._out.flush()
        self.flushes += 1
        now = self._clock()
        rewind = sample_position(now + self._out.latency(), origin, self._rate)
        rewind = max(0, min(rewind, self.written))
        self.written = rewind
        self._placed = [sound for sound in self._placed if sound.position < rewind]
        shared = self._shared
        with shared.lock:
            for key, (position, at, cue) in list(shared.started.items()):
                if position >= rewind:
                    del shared.started[key]
                    if key in shared.wanted:
                        shared.pending[key] = (at, cue)

    def _write_until(self, end: float, origin: float | None) -> None:
        start = self.written
        count = (round((end - origin) * self._rate) - start if origin is not None
                 else round(AHEAD * self._rate))
        if count <= 0:
            return
        if origin is not None:
            self._place(start, count, origin)
        if any(s.position < start + count and s.end > start for s in self._placed):
            data = render(self._placed, start, count).tobytes()
        else:
            data = self._silence[:2 * count] if 2 * count <= len(self._silence) else bytes(
                2 * count)
        self._out.write(data)
        self.writes += 1
        self.written = start + count
        self._measure()
        with self._shared.lock:
            self._shared.origin = self.origin

    def _measure(self) -> None:
        """One estimate of ``origin``: the next sample to be written plays after the latency.

        The clock is read on both sides of the latency: a thread preempted in between (a
        loaded machine) would pair a stale moment with a fresh latency and put every cue
        early, so such a reading is dropped (unless there is no other).
        """
        before = self._clock()
        latency = self._out.latency()
        after = self._clock()
        if after - before > MEASURE_WITHIN and self._estimates:
            return
        self._estimates.append((before + after) / 2 + latency - self.written / self._rate)

    def _place(self, start: int, count: int, origin: float) -> None:
        """Put every pending cue that starts before ``start + count`` into the stream."""
        shared = self._shared
        with shared.lock:
            volume = shared.volume
            self._placed += shared.take_due(start, start + count, origin, self._rate,
                                            lambda samples: self._sound(samples, volume))

    def _sound(self, samples: array[int], volume: float) -> array[int]:
        key = (id(samples), volume)
        found = self._scaled.get(key)
        if found is None:
            self._scaled = {k: v for k, v in self._scaled.items() if k[1] == volume}
            found = self._scaled[key] = scaled(samples, volume)
        return found
