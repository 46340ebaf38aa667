"""Pure measuring for the session screen: words that wrap without an orphan, and the largest
text sizes whose lines all sit inside the ring's circle.

Kept apart from the screen so the arithmetic can be read (and tested) without a window.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

NBSP = "\u00a0"
SEPARATOR = " · "


def keep_last_words_together(text: str) -> str:
    """Join each line's last two words with a no-break space, so a line never wraps to leave
    one word alone on its last line ("… arm-leg / raise)" instead of "… / raise)").

    Lines of one or two words are left as they are: binding those would only stop them from
    wrapping at all in a narrow column.
    """
    lines = []
    for line in text.split("\n"):
        if SEPARATOR in line:
            # "rep 2 of 24" is one thing: short parts of a "·" line never break inside, and a
            # line never starts with the "·".
            line = f"{NBSP}· ".join(part.replace(" ", NBSP) if len(part.split()) <= 4 else part
                                  for part in line.split(SEPARATOR))
        words = line.rstrip().rsplit(" ", 1)
        if len(line.split()) >= 3 and len(words) == 2 and words[0].strip():
            line = f"{words[0]}{NBSP}{words[1]}"
        lines.append(line)
    return "\n".join(lines)


@dataclass(frozen=True)
class Line:
    """One line of the ring's stack, measured at its wished-for size."""

    width: float
    height: float


def ring_scale(lines: Sequence[Line], radius: float) -> float:
    """How much to scale the stacked, centred ``lines`` (1 at most) so every corner of every
    line lies within ``radius`` of the centre: the words and digits never touch the ring.

    The lines are stacked top to bottom with no gaps and the stack centred; all sizes scale
    together, so one factor is exact.
    """
    total = sum(line.height for line in lines)
    if radius <= 0 or total <= 0:
        return 1.0
    top = -total / 2
    reach = 0.0
    for line in lines:
        far = max(abs(top), abs(top + line.height))
        reach = max(reach, math.hypot(line.width / 2, far))
        top += line.height
    return min(1.0, radius / reach) if reach > 0 else 1.0
