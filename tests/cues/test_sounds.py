"""The cue sounds: the committed WAVs are what tools/make_sounds.py makes, and they sound apart.

Pure Python (no numpy): the dominant pitch comes from a Goertzel scan, coarse then fine.
"""

from __future__ import annotations

import functools
import importlib.util
import itertools
import math
import struct
import sys
import wave
from pathlib import Path
from types import ModuleType

import pytest

from backtimer.cues.base import Cue
from backtimer.cues.sound import sound_file
from backtimer.resources import resources_dir

TOOL = Path(__file__).resolve().parents[2] / "tools" / "make_sounds.py"


def load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_sounds", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_sounds"] = module  # dataclasses look their module up while being made
    spec.loader.exec_module(module)
    return module


def shipped_folder() -> Path:
    return Path(str(resources_dir() / "sounds"))


def read(path: Path) -> tuple[int, list[float]]:
    with wave.open(str(path), "rb") as wav:
        assert wav.getnchannels() == 1
        assert wav.getsampwidth() == 2
        rate = wav.getframerate()
        frames = wav.readframes(wav.getnframes())
    values = struct.unpack(f"<{len(frames) // 2}h", frames)
    return rate, [v / 32768 for v in values]


def power_at(samples: list[float], rate: int, freq: float) -> float:
    """Goertzel: the signal's power at one frequency."""
    coefficient = 2 * math.cos(2 * math.pi * freq / rate)
    previous = before = 0.0
    for sample in samples:
        previous, before = sample + coefficient * previous - before, previous
    return previous * previous + before * before - coefficient * previous * before


def dominant_frequency(samples: list[float], rate: int) -> float:
    """The pitch of the note a sound ends on (the one that rings, and that people remember)."""
    end = len(samples) - round(0.03 * rate)  # before the fade-out
    window = samples[max(0, end - round(0.12 * rate)) : end]
    coarse = max(range(150, 2500, 20), key=lambda f: power_at(window, rate, f))
    fine = [coarse + step / 2 for step in range(-40, 41)]
    return max(fine, key=lambda f: power_at(window, rate, f))


@functools.cache
def pitch(cue: Cue, soft: bool) -> float:
    rate, samples = read(sound_file(shipped_folder(), cue, soft))
    return dominant_frequency(samples, rate)


def rms(samples: list[float]) -> float:
    return math.sqrt(sum(s * s for s in samples) / len(samples))


ALL = [(cue, soft) for soft in (False, True) for cue in Cue]


def test_the_committed_sounds_are_exactly_what_the_script_makes(tmp_path: Path) -> None:
    written = load_tool().write_all(tmp_path)
    assert {p.name for p in written} == {sound_file(tmp_path, c, s).name for c, s in ALL}
    for path in written:
        shipped = shipped_folder() / path.name
        assert shipped.read_bytes() == path.read_bytes(), f"run tools/make_sounds.py ({path.name})"


@pytest.mark.parametrize(("cue", "soft"), ALL)
def test_each_sound_is_short_unclipped_and_fades_in_and_out(cue: Cue, soft: bool) -> None:
    rate, samples = read(sound_file(shipped_folder(), cue, soft))
    assert rate in (22050, 44100)
    seconds = len(samples) / rate
    assert 0.08 <= seconds < (2.5 if cue is Cue.FINISH else 1.0)
    assert max(abs(s) for s in samples) < 0.95  # headroom: never clipped
    peak = max(abs(s) for s in samples)
    edge = rate // 500  # two milliseconds
    # A click is a jump from silence: each sound starts at zero and swells over a few ms...
    assert abs(samples[0]) < 0.01
    assert max(abs(s) for s in samples[:edge]) < 0.5 * peak
    # ...and fades out to silence instead of being cut off.
    assert max(abs(s) for s in samples[-edge:]) < 0.02 * peak


@pytest.mark.parametrize("soft", [False, True])
def test_the_cues_of_a_set_have_different_pitches(soft: bool) -> None:
    pitches = {cue: pitch(cue, soft) for cue in Cue}
    ordered = sorted(pitches.values())
    gaps = [b / a for a, b in itertools.pairwise(ordered)]
    assert min(gaps) > 1.05, pitches  # at least about a semitone apart


@pytest.mark.parametrize("cue", list(Cue))
def test_the_soft_set_is_lower_and_quieter(cue: Cue) -> None:
    _, normal = read(sound_file(shipped_folder(), cue, False))
    _, soft = read(sound_file(shipped_folder(), cue, True))
    assert pitch(cue, True) < 0.75 * pitch(cue, False)
    assert max(abs(s) for s in soft) < 0.6 * max(abs(s) for s in normal)
    assert rms(soft) < rms(normal)
