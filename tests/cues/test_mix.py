"""Mixing cues into the stream: exact when alone, never clipped when they overlap."""

from __future__ import annotations

from array import array

from hypothesis import given
from hypothesis import strategies as st

from backtimer.cues.mix import FULL_SCALE, Placed, render


def test_silence_is_zeros_and_one_sound_is_copied_exactly() -> None:
    assert render([], 100, 50).tolist() == [0] * 50
    sound = Placed(110, array("h", range(1, 21)))
    block = render([sound], 100, 50)
    assert block[:10].tolist() == [0] * 10
    assert block[10:30].tolist() == list(range(1, 21))
    assert block[30:].tolist() == [0] * 20
    later = render([sound], 120, 50)  # the block that holds the sound's second half
    assert later[:10].tolist() == list(range(11, 21))


def test_two_loud_cues_at_once_are_scaled_down_not_clipped() -> None:
    loud = array("h", [30000, -30000] * 50)
    block = render([Placed(0, loud), Placed(0, loud)], 0, 100)
    assert max(block) == FULL_SCALE
    assert min(block) == -FULL_SCALE
    assert block[0] == -block[1]  # the wave keeps its shape


@given(
    st.lists(
        st.tuples(st.integers(0, 60), st.lists(st.integers(-FULL_SCALE, FULL_SCALE), min_size=1,
                                                max_size=40)),
        min_size=1, max_size=5,
    ),
    st.integers(0, 80),
)
def test_the_mix_never_passes_full_scale(sounds: list[tuple[int, list[int]]], start: int) -> None:
    placed = [Placed(at, array("h", samples)) for at, samples in sounds]
    block = render(placed, start, 40)
    assert len(block) == 40
    assert all(-FULL_SCALE <= s <= FULL_SCALE for s in block)
    alone = [p for p in placed if p.position < start + 40 and p.end > start]
    if len(alone) == 1:  # one sound alone is never touched
        sound = alone[0]
        i = max(start, sound.position)
        assert block[i - start] == sound.samples[i - sound.position]

