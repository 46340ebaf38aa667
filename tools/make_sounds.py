"""Generate BackTimer's cue sounds into ``resources/sounds/`` (run it after changing a sound).

    python tools/make_sounds.py [FOLDER]

Pure standard library (``wave`` + ``math``) and deterministic: the same script always writes the
same bytes, so a test can check that the committed WAVs are exactly what this script makes.

Two sets with the same shapes:
- the normal set: bell-like tones (a sine with a few inharmonic partials, each decaying at its
  own rate, the high ones faster), clear but not harsh;
- the soft set (``soft-*.wav``) for quiet mornings: an octave lower, at about half the level,
  with a slower attack and fewer high partials, so it sounds like a muffled chime.

Every sound starts with a short fade-in and ends with a fade-out to silence, so there is no
click; all are mono 16-bit at 22050 Hz and under a second long, except the finish.
"""

from __future__ import annotations

import math
import struct
import sys
import wave
from dataclasses import dataclass
from pathlib import Path

RATE = 22050
CUES = ("hold", "rest", "halfway", "countdown", "finish")

# Musical notes (Hz) used below.
C5, D5, E5, F5, G5, A5, C6, D6 = 523.25, 587.33, 659.26, 698.46, 783.99, 880.0, 1046.5, 1174.66


@dataclass(frozen=True)
class Note:
    start: float  # seconds from the start of the sound
    freq: float  # fundamental, Hz
    length: float  # seconds this note rings (its decay fits inside)
    gain: float = 1.0


@dataclass(frozen=True)
class Timbre:
    """How a note sounds: partials as (frequency ratio, amplitude, decay rate per second)."""

    partials: tuple[tuple[float, float, float], ...]
    attack: float  # seconds of fade-in
    peak: float  # the loudest sample, as a fraction of full scale


BELL = Timbre(
    partials=((1.0, 1.0, 5.0), (2.0, 0.35, 8.0), (3.01, 0.15, 12.0), (4.17, 0.08, 18.0)),
    attack=0.006,
    peak=0.70,
)
SOFT = Timbre(partials=((1.0, 1.0, 4.0), (2.0, 0.15, 7.0)), attack=0.025, peak=0.32)

# Each cue's notes in the normal set; the soft set plays the same notes an octave lower.
SHAPES: dict[str, tuple[float, tuple[Note, ...]]] = {
    # name: (total seconds, notes)
    "hold": (0.60, (Note(0.0, E5, 0.18, 0.8), Note(0.14, A5, 0.46))),  # rising: go
    "rest": (0.70, (Note(0.0, A5, 0.20, 0.55), Note(0.16, D5, 0.54))),  # falling: let go
    "halfway": (0.45, (Note(0.0, F5, 0.18), Note(0.20, F5, 0.25))),  # a double tap
    "countdown": (0.16, (Note(0.0, D6, 0.16),)),  # a short pip
    "finish": (  # a rising arpeggio that rings out
        1.80,
        (Note(0.0, C5, 0.5, 0.7), Note(0.15, E5, 0.5, 0.7), Note(0.30, G5, 0.6, 0.75),
         Note(0.45, C6, 1.35)),
    ),
}
FADE_OUT = 0.02  # seconds


def render(cue: str, soft: bool = False) -> list[float]:
    """The samples of one sound, each from -1 to 1."""
    length, notes = SHAPES[cue]
    timbre = SOFT if soft else BELL
    octave = 0.5 if soft else 1.0
    total = round(length * RATE)
    samples = [0.0] * total
    for note in notes:
        first = round(note.start * RATE)
        count = min(round(note.length * RATE), total - first)
        for i in range(count):
            t = i / RATE
            value = sum(
                amp * math.exp(-decay * t) * math.sin(2 * math.pi * note.freq * octave * ratio * t)
                for ratio, amp, decay in timbre.partials
            )
            # Each note fades in (no click) and out at its own end (no cut-off ring).
            value *= min(1.0, t / timbre.attack) * min(1.0, (count - 1 - i) / (FADE_OUT * RATE))
            samples[first + i] += note.gain * value
    loudest = max(abs(s) for s in samples) or 1.0
    scale = timbre.peak / loudest
    fade = round(FADE_OUT * RATE)
    for i in range(total):
        envelope = min(1.0, (total - 1 - i) / fade)
        samples[i] *= scale * envelope
    return samples


def wav_bytes_frames(samples: list[float]) -> bytes:
    return b"".join(struct.pack("<h", round(s * 32767)) for s in samples)


def file_name(cue: str, soft: bool) -> str:
    return f"soft-{cue}.wav" if soft else f"{cue}.wav"


def write_all(folder: Path) -> list[Path]:
    """Write every sound of both sets into ``folder``; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for soft in (False, True):
        for cue in CUES:
            path = folder / file_name(cue, soft)
            with wave.open(str(path), "wb") as out:
                out.setnchannels(1)
                out.setsampwidth(2)
                out.setframerate(RATE)
                out.writeframes(wav_bytes_frames(render(cue, soft)))
            written.append(path)
    return written


def main(argv: list[str]) -> int:
    default = Path(__file__).resolve().parents[1] / "resources" / "sounds"
    folder = Path(argv[0]) if argv else default
    for path in write_all(folder):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
