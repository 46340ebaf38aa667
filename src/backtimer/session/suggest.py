"""Did you mean ...?": the likeliest intended word for a mistyped key or exercise id.

``difflib``'s ratio ties often and then picks alphabetically, so ``rets`` got ``sets``. Typing
mistakes are mostly one letter wrong, missing, doubled, or two neighbours swapped; so candidates
are ranked by edit distance with a swap counting as one edit, then (on a tie) by keeping the
same letters (a swap), then by keeping the first letter (rarely the mistyped one), then by
difflib's similarity. ``rets`` is one swap from ``rest`` and one letter from ``sets``; the swap
keeps every letter, so ``rest`` wins.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate ``word`` most likely stands for, or None when none is close enough."""
    best: tuple[float, ...] | None = None
    choice: str | None = None
    lowered = word.lower()
    for candidate in sorted(set(candidates)):
        other = candidate.lower()
        distance = edit_distance(lowered, other)
        ratio = difflib.SequenceMatcher(None, lowered, other).ratio()
        if distance > max(1, len(other) // 3) and ratio < 0.6:
            continue
        rank = (
            float(distance),
            0.0 if sorted(lowered) == sorted(other) else 1.0,
            0.0 if lowered[:1] == other[:1] else 1.0,
            -ratio,
        )
        if best is None or rank < best:
            best, choice = rank, candidate
    return choice


def edit_distance(a: str, b: str) -> int:
    """Edits between ``a`` and ``b``: insert, delete, replace, or swap two neighbours."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]
