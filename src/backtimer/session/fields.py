"""Reading typed fields out of a located mapping, collecting every problem on the way.

Validation keeps going after the first problem so that one ``backtimer check`` run shows a
person everything to fix in a file, each with its line and the field's name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from backtimer.session.durations import DurationError, format_duration, parse_duration
from backtimer.session.problems import Problem
from backtimer.session.shown import shown_value
from backtimer.session.suggest import closest
from backtimer.session.yamltext import Located

T = TypeVar("T")

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class _Missing:
    pass


MISSING: Any = _Missing()


class FieldReader:
    """Reads one mapping's fields; problems go to a shared list, tagged with file and line."""

    def __init__(
        self,
        path: str,
        located: Located,
        problems: list[Problem],
        *,
        what: str,
        prefix: str = "",
    ) -> None:
        self.path = path
        self.line = located.line
        self.problems = problems
        self.prefix = prefix
        self.ok = True
        if isinstance(located.value, dict):
            self.entries: dict[str, Located] = located.value
            if not self.entries:
                # An empty mapping must be reported here: callers skip it, and a skipped item
                # with no problem would leave a session with nothing in it (found by fuzzing).
                self.report(f"expected {what}, found an empty {{}}", line=located.line)
        else:
            self.entries = {}
            self.report(f"expected {what} (a set of key: value lines)", line=located.line)

    def field_name(self, key: str) -> str:
        return f"{self.prefix}{key}"

    def report(self, message: str, *, key: str | None = None, line: int | None = None) -> None:
        self.ok = False
        if line is None:
            line = self.entries[key].line if key is not None and key in self.entries else self.line
        name = self.field_name(key) if key is not None else (self.prefix.rstrip(".") or None)
        self.problems.append(Problem(self.path, line, message, field=name))

    def reject_unknown(self, allowed: Iterable[str]) -> None:
        allowed_set = set(allowed)
        for key, entry in self.entries.items():
            if key not in allowed_set:
                hint = _closest(key, allowed_set)
                suffix = f" (did you mean {hint!r}?)" if hint else ""
                known = ", ".join(sorted(allowed_set))
                self.report(f"unknown key{suffix}; known keys: {known}", key=key, line=entry.line)

    def has(self, key: str) -> bool:
        return key in self.entries

    def get(self, key: str, convert: Callable[[Any], T], *, default: Any = MISSING) -> T:
        """Convert one field; a missing required field or a failed conversion is reported.

        A key written with no value (``hold:`` or ``hold: ~``) is reported too: read as absent,
        an empty ``hold`` silently made a timed item wait for "Done".
        """
        if key in self.entries and self.entries[key].value is None:
            hint = " (an item without 'hold' is done at your own pace)" if key == "hold" else ""
            self.report(f"has no value; give one, or leave the key out{hint}", key=key)
            return MISSING  # type: ignore[no-any-return]
        if key not in self.entries:
            if default is MISSING:
                self.report("this field is required", key=key)
                return MISSING  # type: ignore[no-any-return]
            return default  # type: ignore[no-any-return]
        try:
            return convert(self.entries[key].value)
        except (ValueError, TypeError) as error:
            self.report(str(error), key=key)
            return MISSING  # type: ignore[no-any-return]

    def located(self, key: str) -> Located | None:
        return self.entries.get(key)


def _closest(key: str, allowed: set[str]) -> str | None:
    return closest(key, allowed)


def text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise TypeError(f"expected some text, not {shown_value(value)}")
    return value.strip()


def text_lines(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (text(value),)
    if not isinstance(value, list) or not value:
        raise TypeError(f"expected a list of lines, not {shown_value(value)}")
    return tuple(text(item.value) for item in value)


def boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, not {shown_value(value)}")
    return value


def identifier(value: Any) -> str:
    if not isinstance(value, str) or not ID_PATTERN.match(value):
        raise ValueError(f"expected an id in lowercase-with-dashes, not {shown_value(value)}")
    return value


def choice(options: Iterable[str]) -> Callable[[Any], str]:
    names = list(options)

    def convert(value: Any) -> str:
        if value not in names:
            raise ValueError(f"expected one of {', '.join(names)}, not {shown_value(value)}")
        return str(value)

    return convert


def count(low: int, high: int) -> Callable[[Any], int]:
    def convert(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"expected a whole number, not {shown_value(value)}")
        if not low <= value <= high:
            raise ValueError(f"must be from {low} to {high}, not {value}")
        return value

    return convert


def duration(*, low: float, high: float, zero_ok: bool) -> Callable[[Any], float]:
    def convert(value: Any) -> float:
        try:
            seconds = parse_duration(value)
        except DurationError as error:
            raise ValueError(str(error)) from None
        if seconds < 0:
            raise ValueError(f"must not be negative, not {value!r}")
        if seconds == 0 and not zero_ok:
            raise ValueError("must be longer than zero")
        if 0 < seconds < low:
            raise ValueError(f"must be at least {low:g} seconds, not {value!r}")
        if seconds > high:
            raise ValueError(f"is too long ({value!r}; at most {format_duration(high)})")
        return seconds

    return convert


