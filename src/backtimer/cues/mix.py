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
    """Samples ``start`` to ``start + count`` of the stream: every sound that overlaps them."""
    inside = [sound for sound in sounds if sound.position < start + count and sound.end > start]
    if not inside:
        return array("h", bytes(2 * count))
    if len(inside) == 1:
        sound = inside[0]
        block = array("h", bytes(2 * count))
        begin = max(start, sound.position)
        end = min(start + count, sound.end)
        offset = sound.position
        block[begin - start:end - start] = sound.samples[begin - offset:end - offset]
        return block
    total = [0] * count
    for sound in inside:
        begin = max(start, sound.position)
        end = min(start + count, sound.end)
        offset = begin - sound.position
        samples = sound.samples
        for i in range(begin - start, end - start):
            total[i] += samples[offset + i - (begin - start)]
    peak = max(max(total), -min(total))
    if peak > FULL_SCALE:
        factor = FULL_SCALE / peak
        total = [int(s * factor) for s in total]
    return array("h", total)
