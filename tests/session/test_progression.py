"""The level suggestion rule: two good sessions up, pain or "too hard" down, never automatic."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backtimer.session.progression import (
    Feeling,
    Move,
    Outcome,
    Reason,
    Suggestion,
    suggest,
)

EASY, RIGHT, HARD = Feeling.TOO_EASY, Feeling.ABOUT_RIGHT, Feeling.TOO_HARD


def good(level: int = 3, feeling: Feeling = RIGHT) -> Outcome:
    return Outcome(level, feeling, pain_before=3, pain_after=3)


def test_two_good_sessions_in_a_row_suggest_the_next_level() -> None:
    for first, second in ((EASY, EASY), (RIGHT, RIGHT), (EASY, RIGHT), (RIGHT, EASY)):
        found = suggest(3, 7, [good(feeling=first), good(feeling=second)])
        assert found == Suggestion(4, Move.UP, Reason.READY, show_safety=False)


def test_one_good_session_is_not_enough() -> None:
    assert suggest(3, 7, [good()]) == Suggestion(3, Move.STAY, Reason.NOT_YET)
    assert suggest(3, 7, []).move is Move.STAY


def test_the_two_must_be_in_a_row_and_at_this_level() -> None:
    interrupted = [good(), Outcome(3, HARD, 3, 3), good()]
    assert suggest(3, 7, interrupted).move is Move.STAY
    # The earlier good session was at the level below: it does not count for this one.
    assert suggest(3, 7, [good(level=2), good(level=3)]).move is Move.STAY
    # A session with no answer about how it felt never counts as good.
    assert suggest(3, 7, [good(), Outcome(3, None, 3, 3)]).move is Move.STAY


def test_pain_higher_after_blocks_moving_up() -> None:
    assert suggest(3, 7, [good(), Outcome(3, EASY, 3, 4)]).move is Move.STAY
    # Lower pain after is fine; a pain scale left empty is no evidence against.
    assert suggest(3, 7, [good(), Outcome(3, EASY, 4, 2)]).move is Move.UP
    assert suggest(3, 7, [good(), Outcome(3, EASY)]).move is Move.UP


def test_pain_up_by_two_suggests_the_level_below_with_the_safety_advice() -> None:
    found = suggest(3, 7, [good(), Outcome(3, EASY, pain_before=2, pain_after=4)])
    assert found == Suggestion(2, Move.DOWN, Reason.PAIN_UP, show_safety=True)
    # Up by one only blocks moving up; it does not move down.
    assert suggest(3, 7, [Outcome(3, RIGHT, 2, 3)]).move is Move.STAY


def test_too_hard_suggests_the_level_below_even_after_good_sessions() -> None:
    found = suggest(5, 7, [good(5), good(5), Outcome(5, HARD, 2, 2)])
    assert found == Suggestion(4, Move.DOWN, Reason.TOO_HARD, show_safety=True)


def test_the_ends_of_the_ladder() -> None:
    assert suggest(7, 7, [good(7), good(7)]) == Suggestion(7, Move.STAY, Reason.AT_TOP)
    at_bottom = suggest(1, 7, [Outcome(1, HARD)])
    assert at_bottom == Suggestion(1, Move.STAY, Reason.AT_BOTTOM, show_safety=True)


def test_a_level_outside_the_progression_is_refused() -> None:
    with pytest.raises(ValueError):
        suggest(0, 7, [])
    with pytest.raises(ValueError):
        suggest(8, 7, [])


OUTCOMES = st.builds(
    Outcome,
    level=st.integers(1, 7),
    feeling=st.one_of(st.none(), st.sampled_from(list(Feeling))),
    pain_before=st.one_of(st.none(), st.integers(0, 10)),
    pain_after=st.one_of(st.none(), st.integers(0, 10)),
)


@given(st.integers(1, 7), st.lists(OUTCOMES, max_size=6))
def test_never_more_than_one_step_and_always_a_real_level(level: int, history: list[Outcome]
                                                          ) -> None:
    # The rule only suggests: one step at most, within the ladder, and the input is untouched.
    before = list(history)
    found = suggest(level, 7, history)
    assert history == before
    assert 1 <= found.level <= 7 and abs(found.level - level) <= 1
    assert (found.move is Move.UP) == (found.level == level + 1)
    assert (found.move is Move.DOWN) == (found.level == level - 1)
    if found.move is Move.DOWN:
        assert found.show_safety
