"""Duration parsing and formatting for the session format.

Durations are written ``45s``, ``2m``, ``1m30s``, ``1h``, a bare number of seconds, or as a
clock shows them, ``1:30`` (minutes:seconds) or ``1:00:00`` (hours:minutes:seconds). The parser
is strict on purpose: a typo like ``3O s`` must be reported, not read as something else.
"""

from __future__ import annotations

import math
import re

from backtimer.session.shown import shown_value

_UNIT_SECONDS = {"h": 3600, "m": 60, "s": 1}
_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([hms])")
_WHOLE = re.compile(r"^\s*(?:\d+(?:\.\d+)?\s*[hms]\s*)+$")
_CLOCK = re.compile(r"^(?:(\d+):([0-5]\d)|(\d+):([0-5]\d):([0-5]\d))$")


class DurationError(ValueError):
    """A duration that cannot be read; the message says what is expected."""


def parse_duration(value: object) -> float:
    """Return seconds for a duration written in the session format.

    Accepts an int or float (seconds) or a string such as ``"45s"``, ``"2m"``, ``"1m30s"``,
    ``"90"``. Booleans are refused even though Python treats them as ints, because
    ``hold: yes`` is surely a mistake.
    """
    if isinstance(value, bool):
        raise DurationError(
            f"expected a duration like 45s, 2m or 1m30s, not {shown_value(value)}")
    if isinstance(value, int | float):
        try:
            seconds = float(value)
        except OverflowError:  # an int beyond any float, e.g. 400 nines (found by fuzzing)
            digits = len(str(value))
            message = f"expected a finite duration, not a {digits}-digit number"
            raise DurationError(message) from None
    elif isinstance(value, str):
        seconds = _parse_text(value)
    else:
        raise DurationError(
            f"expected a duration like 45s, 2m or 1m30s, not {shown_value(value)}")
    if math.isnan(seconds) or math.isinf(seconds):
        raise DurationError(f"expected a finite duration, not {shown_value(value)}")
    return seconds


def _parse_text(text: str) -> float:
    stripped = text.strip()
    if stripped.startswith("-") and stripped[1:2].isdigit():
        # Read the number so the range check can say "must not be negative" plainly.
        return -_parse_text(stripped[1:])
    if re.fullmatch(r"\d+(?:\.\d+)?", stripped):
        return float(stripped)
    if ":" in stripped:
        return _parse_clock(text, stripped)
    if not _WHOLE.match(stripped):
        raise DurationError(
            f"expected a duration like 45s, 2m or 1m30s, not {shown_value(text)}")
    units_seen: list[str] = []
    total = 0.0
    for number, unit in _PART.findall(stripped):
        if unit in units_seen:
            raise DurationError(f"unit {unit!r} given twice in {shown_value(text)}")
        if units_seen and "hms".index(unit) < "hms".index(units_seen[-1]):
            raise DurationError(
                f"units out of order in {shown_value(text)} (write h, then m, then s)")
        units_seen.append(unit)
        total += float(number) * _UNIT_SECONDS[unit]
    return total


def _parse_clock(text: str, stripped: str) -> float:
    """``M:SS`` or ``H:MM:SS``, as the window's clock shows time (``1:30`` and ``0:30`` alike)."""
    match = _CLOCK.match(stripped)
    if match is None:
        raise DurationError(
            "expected a duration like 45s, 2m, 1m30s or 1:30 (minutes:seconds), not "
            + shown_value(text)
        )
    minutes, seconds, hours, h_minutes, h_seconds = match.groups()
    if minutes is not None:
        return int(minutes) * 60.0 + int(seconds)
    return int(hours) * 3600.0 + int(h_minutes) * 60 + int(h_seconds)


def format_duration(seconds: float) -> str:
    """Write seconds back in the session format, the shortest exact form (``90`` -> ``1m30s``)."""
    if seconds != int(seconds):
        return f"{seconds:g}s"
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(f"{hours}h")
    if minutes:
        parts.append(f"{minutes}m")
    if secs or not parts:
        parts.append(f"{secs}s")
    return "".join(parts)


def shown_seconds(seconds: float) -> int:
    """The whole seconds a countdown shows for ``seconds`` left: rounded up, as a countdown
    reads (0.2 s left still says 1), never below 0. The slack keeps float noise from adding a
    second (3.0000000001 s left reads 3). Every clock and count in the app rounds through here,
    so the digits, the header, the command line and the moments the window wakes agree.
    """
    return max(0, math.ceil(seconds - 1e-9))


def format_clock(seconds: float) -> str:
    """Format a span as ``M:SS``, or ``H:MM:SS`` from an hour, rounding up partial seconds
    (``shown_seconds``): with 0.2 s left the display still says 0:01.
    """
    whole = shown_seconds(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"
