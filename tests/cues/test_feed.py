"""The stream's feeder on a simulated sound server and a fake clock: cues heard at their moment,
few wake-ups, a pause or skip silences what was queued, a stalled server does not shift cues."""

from __future__ import annotations

from array import array

from backtimer.cues.base import Cue
from backtimer.cues.feed import LOW, Feeder, Shared

RATE = 1000  # one sample a millisecond: positions read as times
DEVICE = 0.02  # what the simulated device holds past the queue


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Server:
    """Plays what is written back to back (a gap when it starves); remembers when each sample
    was heard. ``flush`` drops what would be heard after the device's own latency."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.tail = 0.0  # when the last queued sample has played
        self.heard: list[tuple[float, int]] = []  # (moment, sample)
        self.stalled = 0.0

    def write(self, data: bytes) -> None:
        samples = array("h")
        samples.frombytes(data)
        start = max(self.tail, self.clock.now + DEVICE)
        self.heard += [(start + i / RATE, s) for i, s in enumerate(samples)]
        self.tail = start + len(samples) / RATE

    def latency(self) -> float:
        return max(self.tail - self.clock.now, DEVICE)

    def flush(self) -> None:
        cut = self.clock.now + DEVICE
        self.heard = [(t, s) for t, s in self.heard if t < cut]
        self.tail = min(self.tail, cut)

    def stall(self, seconds: float) -> None:
        """The server falls behind: everything not yet heard plays ``seconds`` later."""
        now = self.clock.now
        self.heard = [(t + seconds if t > now else t, s) for t, s in self.heard]
        self.tail += seconds

    def onsets(self) -> list[float]:
        found, last = [], 0
        for t, s in self.heard:
            if s and not last:
                found.append(t)
            last = s
        return found


def make(clock: Clock) -> tuple[Shared, Server, Feeder]:
    shared = Shared()
    shared.sounds = {Cue.HOLD: array("h", [1000] * 100), Cue.COUNTDOWN: array("h", [500] * 50)}
    server = Server(clock)
    return shared, server, Feeder(shared, server, RATE, clock)


def run(clock: Clock, feeder: Feeder, shared: Shared, until: float) -> int:
    """Step the feeder as its thread would (sleeping as told, woken by a plan change)."""
    wakes = 0
    while clock.now < until:
        shared.wake.clear()
        sleep = feeder.step()
        wakes += 1
        clock.now = min(until, clock.now + sleep)
    return wakes


def plan(shared: Shared, cues: dict[tuple[int, int, str, int], tuple[float, Cue]]) -> None:
    with shared.lock:
        shared.wanted = set(cues)
        shared.pending = {k: v for k, v in cues.items() if k not in shared.started}
    shared.wake.set()


def key(n: int) -> tuple[int, int, str, int]:
    return (0, n, "chime", 0)


def test_cues_are_heard_at_their_moments_with_few_wake_ups() -> None:
    clock = Clock()
    shared, server, feeder = make(clock)
    plan(shared, {key(n): (105.0 + 2 * n, Cue.HOLD) for n in range(5)})
    wakes = run(clock, feeder, shared, 120.0)
    onsets = server.onsets()
    assert len(onsets) == 5
    for n, heard in enumerate(onsets):
        assert abs(heard - (105.0 + 2 * n)) <= 0.002
    assert wakes <= 20  # 0.7 writes a second, not 25
    assert feeder.flushes == 0


def test_silence_is_written_in_a_few_big_blocks() -> None:
    clock = Clock()
    shared, server, feeder = make(clock)
    run(clock, feeder, shared, 110.0)
    assert feeder.writes <= 10
    assert server.tail >= clock.now + LOW  # never less than LOW queued
    assert server.onsets() == []


def test_a_pause_silences_a_cue_already_queued() -> None:
    clock = Clock()
    shared, server, feeder = make(clock)
    plan(shared, {key(0): (102.0, Cue.HOLD), key(1): (101.8, Cue.COUNTDOWN)})
    run(clock, feeder, shared, 101.5)
    assert key(0) in shared.started  # written, not yet heard
    with shared.lock:  # the pause
        shared.pending.clear()
        shared.wanted.clear()
    run(clock, feeder, shared, 104.0)
    assert server.onsets() == []
    assert key(0) not in shared.started


def test_a_skip_replaces_queued_cues_and_the_new_chime_is_on_time() -> None:
    clock = Clock()
    shared, server, feeder = make(clock)
    plan(shared, {key(0): (101.7, Cue.HOLD)})
    run(clock, feeder, shared, 101.3)
    plan(shared, {key(9): (101.5, Cue.COUNTDOWN)})  # a new plan: the old chime is off
    run(clock, feeder, shared, 103.0)
    assert [round(t, 3) for t in server.onsets()] == [101.5]


def test_a_ringing_cue_rings_on_through_a_flush() -> None:
    clock = Clock()
    shared, server, feeder = make(clock)
    plan(shared, {key(0): (101.2, Cue.HOLD), key(1): (101.9, Cue.COUNTDOWN)})
    run(clock, feeder, shared, 101.25)  # the chime (100 ms) is ringing
    plan(shared, {key(0): (101.2, Cue.HOLD)})  # the countdown is off
    run(clock, feeder, shared, 103.0)
    loud = [t for t, s in server.heard if s == 1000]
    assert len(loud) >= 99  # whole (a sample may fall at the flush's seam)
    assert not any(s == 500 for _t, s in server.heard)


def test_a_stalled_server_does_not_make_later_cues_late() -> None:
    clock = Clock()
    shared, server, feeder = make(clock)
    plan(shared, {key(0): (101.5, Cue.HOLD), key(1): (104.0, Cue.HOLD)})
    run(clock, feeder, shared, 101.3)
    server.stall(0.15)  # everything queued now plays 150 ms late
    run(clock, feeder, shared, 106.0)
    onsets = server.onsets()
    assert len(onsets) == 2
    assert onsets[0] - 101.5 <= 0.151  # queued before the stall: late by it at most
    assert abs(onsets[1] - 104.0) <= 0.002  # the clock was measured again


def test_a_cue_claimed_late_goes_in_at_once() -> None:
    clock = Clock()
    shared, server, feeder = make(clock)
    run(clock, feeder, shared, 101.0)
    plan(shared, {key(0): (clock.now, Cue.HOLD)})  # due now, unplanned until now
    run(clock, feeder, shared, 102.0)
    onsets = server.onsets()
    assert len(onsets) == 1
    assert onsets[0] - 101.0 <= DEVICE + 0.005  # the device's latency, not the queue's


def test_volume_scales_the_sound_once() -> None:
    clock = Clock()
    shared, server, feeder = make(clock)
    shared.volume = 0.5
    plan(shared, {key(n): (101.0 + n, Cue.HOLD) for n in range(3)})
    run(clock, feeder, shared, 105.0)
    assert {s for _t, s in server.heard if s} == {500}


def test_cues_heard_long_ago_are_forgotten_but_a_late_event_still_finds_its_cue() -> None:
    clock = Clock()
    shared, _server, feeder = make(clock)
    plan(shared, {key(0): (101.0, Cue.HOLD), key(1): (130.0, Cue.HOLD)})
    run(clock, feeder, shared, 103.0)
    assert key(0) in shared.started  # its event, even a late one, finds it written
    run(clock, feeder, shared, 120.0)
    assert key(0) not in shared.started  # a long session does not grow the list
    assert key(1) in shared.pending


class SlowLatency(Server):
    """A server whose latency readings, a few in a row, are preempted: 50 ms pass inside."""

    def __init__(self, clock: Clock) -> None:
        super().__init__(clock)
        self.slow_at: float | None = None
        self.slow = 4

    def latency(self) -> float:
        if self.slow_at is not None and self.clock.now >= self.slow_at and self.slow > 0:
            self.slow -= 1
            self.clock.now += 0.05  # the thread was off the CPU before it read the server
        return super().latency()


def test_a_clock_reading_interrupted_by_the_scheduler_does_not_move_the_cues() -> None:
    clock = Clock()
    shared = Shared()
    shared.sounds = {Cue.HOLD: array("h", [1000] * 100)}
    server = SlowLatency(clock)
    feeder = Feeder(shared, server, RATE, clock)
    run(clock, feeder, shared, 101.0)
    plan(shared, {key(0): (103.0, Cue.HOLD)})
    server.slow_at = 101.9  # the cue is queued already: a bad clock would move it
    run(clock, feeder, shared, 104.0)
    onsets = server.onsets()
    assert len(onsets) == 1
    assert abs(onsets[0] - 103.0) <= 0.002


class CreepingServer(Server):
    """A server whose reported latency creeps, 3 ms a reading, for a while (a clock that
    settles slowly at the start of a stream on a loaded machine)."""

    def __init__(self, clock: Clock) -> None:
        super().__init__(clock)
        self.creep = 0.0
        self.readings = 0

    def latency(self) -> float:
        self.readings += 1
        if 4 <= self.readings <= 12:
            self.stall(0.003)  # everything queued really plays 3 ms later, reading by reading
        return super().latency()


def test_a_clock_that_creeps_write_by_write_still_moves_queued_cues_to_their_moment() -> None:
    clock = Clock()
    shared = Shared()
    shared.sounds = {Cue.HOLD: array("h", [1000] * 100)}
    server = CreepingServer(clock)
    feeder = Feeder(shared, server, RATE, clock)
    plan(shared, {key(n): (101.0 + 0.5 * n, Cue.HOLD) for n in range(12)})
    run(clock, feeder, shared, 108.0)
    onsets = server.onsets()
    assert len(onsets) == 12
    late = [round(t - (101.0 + 0.5 * n), 3) for n, t in enumerate(onsets)]
    assert all(abs(x) <= 0.012 for x in late[6:]), late  # settled: each within the drift limit
