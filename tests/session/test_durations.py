from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backtimer.session.durations import (
    DurationError,
    format_clock,
    format_duration,
    parse_duration,
)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("45s", 45), ("2m", 120), ("1m30s", 90), ("90", 90), (30, 30), (1.5, 1.5),
     ("1h", 3600), ("1h2m3s", 3723), (" 10s ", 10), ("0.5s", 0.5), ("1m 30s", 90)],
)
def test_reads_every_written_form(text: object, seconds: float) -> None:
    assert parse_duration(text) == seconds


def test_negative_durations_read_as_negative_so_the_range_check_can_say_so() -> None:
    assert parse_duration("-5s") == -5


@pytest.mark.parametrize(
    "bad", ["", "abc", "10x", "30s2m", "1m1m", "--5s", "5 s s", True, None, [1], "1e3", "nan"]
)
def test_refuses_what_is_not_a_duration(bad: object) -> None:
    with pytest.raises(DurationError):
        parse_duration(bad)


@given(st.integers(min_value=0, max_value=10 * 3600))
def test_formatting_reads_back_to_the_same_seconds(seconds: int) -> None:
    assert parse_duration(format_duration(seconds)) == seconds


@given(
    st.integers(min_value=0, max_value=9), st.integers(min_value=0, max_value=59),
    st.integers(min_value=0, max_value=59),
)
def test_hours_minutes_seconds_add_up(h: int, m: int, s: int) -> None:
    text = (f"{h}h" if h else "") + (f"{m}m" if m else "") + f"{s}s"
    assert parse_duration(text) == h * 3600 + m * 60 + s


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(0, "0:00"), (0.2, "0:01"), (9.99, "0:10"), (269, "4:29"), (3600, "1:00:00"),
     (3661, "1:01:01")],
)
def test_clock_format_rounds_up_like_a_countdown(seconds: float, shown: str) -> None:
    assert format_clock(seconds) == shown
