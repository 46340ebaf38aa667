"""How a problem quotes a wrong value: short, whatever was written.

One rule for every message that says "expected ..., not X" (a session's fields, a duration,
a reminder in the settings), so that a person reads the same kind of quote everywhere. A list
or a mapping is named by its kind, never by its insides (the YAML reader's internal objects,
and possibly thousands of them); anything else is its ``repr`` (so text shows its quotes), cut
to ``LONGEST`` characters with its last few kept, so a cut text still shows where it ends.
"""

from __future__ import annotations

LONGEST = 40  # characters of a wrong value quoted in a problem
_TAIL = 4  # of a cut value, this many last characters are kept (a text's closing quote)


def shown_value(value: object) -> str:
    """``value`` as a problem quotes it (see the module's docstring)."""
    if isinstance(value, dict):
        return "a set of key: value lines"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    if len(text) <= LONGEST:
        return text
    return text[:LONGEST - _TAIL - 1] + "…" + text[-_TAIL:]
