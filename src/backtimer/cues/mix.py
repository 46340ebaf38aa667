"""Mixing cue sounds into a stream's next block of samples, never clipping.

Pure Python on ``array('h')`` (16-bit signed mono), no Qt and no numpy: the common cases are
cheap (silence is a block of zeros, one sound alone is a slice copy) and only where two cues
overlap are samples added one by one. When the sum would pass full scale, the block is scaled
down as a whole instead of clipped (a clipped sum crackles; a block a little quieter does not).
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from operator import add

FULL_SCALE = 32767


@dataclass(frozen=True)
class Placed:
    """A sound that starts at ``position`` (a sample index of the stream)."""

    position: int
    samples: array[int]

    @property
    def end(self) -> int:
        return self.position + len(self.samples)


def render(sounds: Sequence[Placed], start: int, count: int) -> array[int]:
    """Samples ``start`` to ``start + count`` of the stream: every sound that overlaps them.

    Only where sounds overlap are samples added (in C, through ``map``); elsewhere a sound is a
    slice copy. An overlap whose sum would pass full scale is scaled down as a whole.
    """
    block = array("h", bytes(2 * count))
    spans = [(max(start, s.position) - start, min(start + count, s.end) - start, s)
             for s in sounds if s.position < start + count and s.end > start]
    edges = sorted({edge for begin, end, _ in spans for edge in (begin, end)})
    for begin, end in pairwise(edges):
        over = [sound for b, e, sound in spans if b <= begin and e >= end]
        if not over:
            continue
        first = start + begin - over[0].position
        if len(over) == 1:
            block[begin:end] = over[0].samples[first:first + end - begin]
            continue
        total = list(over[0].samples[first:first + end - begin])
        for sound in over[1:]:
            offset = start + begin - sound.position
            total = list(map(add, total, sound.samples[offset:offset + end - begin]))
        peak = max(max(total), -min(total))
        if peak > FULL_SCALE:
            factor = FULL_SCALE / peak
            total = [int(v * factor) for v in total]
        block[begin:end] = array("h", total)
    return block
