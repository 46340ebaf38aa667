"""Issue 14 item 3 for the start screen: the selections that add parts (a customized session's
longer summary and Reset button, a progression's level box, a broken file's problem) fit from
800x500 (less a title bar) to 4K, with nothing clipped or overlapping."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from backtimer.store.paths import Paths
from backtimer.ui.start.start_screen import LIST_MIN_WIDTH
from tests.ui import size_check
from tests.ui.test_screen_sizes import SIZE_IDS, SIZES, check, window
from tests.ui.window_kit import write_session

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

ROOT = Path(__file__).resolve().parents[2]  # the repository: the test may run anywhere
BROKEN = "title: Broken on purpose\nitems:\n  - exercise: side-plank\n    hold: 10s\n    reeps: 3\n"


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.parametrize("selected", ["side-plank-intervals", "side-plank-progression",
                                      "broken", "hips-and-core"])
def test_start_screen_selections(qtbot: QtBot, paths: Paths, size: tuple[int, int],
                                 selected: str) -> None:
    text = (ROOT / "data/sessions/side-plank-intervals.yaml").read_text("utf-8")
    write_session(paths, "side-plank-intervals",
                  "based_on: side-plank-intervals\n" + text.replace("hold: 10s", "hold: 15s"))
    write_session(paths, "broken", BROKEN)
    built = window(qtbot, paths)
    assert built.start_screen.select_id(selected)
    check(qtbot, built, size)
    screen = built.start_screen
    assert screen.list_view.height() >= 150  # the list never collapses
    found = size_check.problems(screen)
    assert not found, size_check.report(found)


@pytest.mark.parametrize("size", [(784, 452), (800, 500), (1280, 800)], ids=str)
def test_every_quick_adjust_field_is_in_view_without_scrolling_sideways(
        qtbot: QtBot, paths: Paths, size: tuple[int, int]) -> None:
    built = window(qtbot, paths)
    assert built.start_screen.select_id("daily-routine")
    check(qtbot, built, size)
    items = built.start_screen.panel.items
    viewport = items._scroll.viewport()
    assert not items._scroll.horizontalScrollBar().isVisible()
    for card in items._cards:
        for fields in (card.item_fields, *card.fields):
            for box in (fields.hold, fields.rest, fields.reps, fields.sets, fields.sides):
                if box is None:
                    continue
                right = box.mapTo(viewport, box.rect().topRight()).x()
                assert right <= viewport.width(), f"{card.index}: a field is out of view"


@pytest.mark.parametrize("size", [(784, 452), (800, 500)], ids=str)
def test_a_long_selection_never_squeezes_the_list_into_broken_words(
        qtbot: QtBot, paths: Paths, size: tuple[int, int]) -> None:
    """Under a window manager at 800x500, "14:14 in total · 8 exercises · some reps at your
    own pace" once widened the details until the list broke "flexibil-ity" mid-word."""
    built = window(qtbot, paths)
    assert built.start_screen.select_id("hips-and-core")
    check(qtbot, built, size)
    screen = built.start_screen
    assert screen.list_view.width() >= LIST_MIN_WIDTH
    for row in range(screen.model.rowCount()):
        index = screen.model.index(row, 0)
        words = set(str(index.data()).split())
        for line in screen.cards.layout_for(index).title_text.split("\n"):
            assert set(line.split()) <= words, f"a word of {index.data()!r} is broken"
