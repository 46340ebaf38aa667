"""Issue 14 item 17: the list is sorted by title, opens on the last session used, shows a
customized tag without hiding the title, and a customized session's summary follows its
numbers."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QFontMetrics
from pytestqt.qtbot import QtBot

from backtimer.store.library import Library
from backtimer.store.paths import Paths
from backtimer.store.settings import Settings, load_settings
from backtimer.ui.start.session_card import card_layout, title_font, wrap
from backtimer.ui.start.session_list import SUMMARY_ROLE, TAG_ROLE
from backtimer.ui.start.start_screen import StartScreen
from backtimer.ui.start.version_summary import version_summary
from tests.ui.window_kit import make_window, run_for, start, write_session

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

LATE_IN_THE_ALPHABET = """\
title: zebra stretch
items:
  - exercise: side-plank
    hold: 10s
"""
EARLY = """\
title: Aardvark warm-up
items:
  - exercise: side-plank
    hold: 10s
"""


def test_the_list_is_sorted_by_title_whatever_the_file_names(qtbot: QtBot, paths: Paths) -> None:
    write_session(paths, "a-file", LATE_IN_THE_ALPHABET)
    write_session(paths, "z-file", EARLY)
    window = make_window(paths)
    qtbot.addWidget(window)
    model = window.start_screen.model
    titles = [str(model.data(model.index(row, 0))) for row in range(model.rowCount())]
    assert titles == sorted(titles, key=str.casefold)
    assert titles[0] == "Aardvark warm-up"
    assert titles[-1] == "zebra stretch"  # lower case sorts with its letter, not after Z


def test_the_window_opens_on_the_session_last_used(qtbot: QtBot, paths: Paths) -> None:
    write_session(paths)
    window = make_window(paths, settings=Settings(safety_acknowledged=True,
                                                  last_session="hips-and-core"))
    qtbot.addWidget(window)
    entry = window.start_screen.selected_entry()
    assert entry is not None and entry.id == "hips-and-core"


def test_an_unknown_last_session_opens_on_the_first(qtbot: QtBot, paths: Paths) -> None:
    window = make_window(paths, settings=Settings(safety_acknowledged=True,
                                                  last_session="gone-now"))
    qtbot.addWidget(window)
    assert window.start_screen.list_view.currentIndex().row() == 0


def test_starting_a_session_keeps_it_as_the_last_one(qtbot: QtBot, paths: Paths) -> None:
    write_session(paths)
    window = make_window(paths)
    qtbot.addWidget(window)
    start(window)
    run_for(window, 1)
    assert window.settings.last_session == "ui-test"
    writer = window._settings_writer
    assert writer is not None
    writer.wait()  # saved on the worker thread, not on the GUI's
    assert load_settings(paths.settings_file).settings.last_session == "ui-test"
    window.close()

    again = make_window(paths, settings=load_settings(paths.settings_file).settings)
    qtbot.addWidget(again)
    entry = again.start_screen.selected_entry()
    assert entry is not None and entry.id == "ui-test"


class CountingMetrics(QFontMetrics):
    """Font metrics that count the characters measured (the work a layout does)."""

    def __init__(self) -> None:
        super().__init__(title_font())
        self.measured = 0

    def horizontalAdvance(self, text: str, *args: object) -> int:  # type: ignore[override]
        self.measured += len(text)
        return super().horizontalAdvance(text)


@pytest.mark.parametrize("room", [20, 200, 600])
@pytest.mark.parametrize("title", ["A" * 3000, "Ok " + "\u0301" * 2000 + "x" * 2000],
                         ids=["3000 letters", "combining marks"])
def test_a_title_of_thousands_of_letters_is_wrapped_in_a_line_s_worth_of_measuring(
        qtbot: QtBot, room: int, title: str) -> None:
    """One 3,000-letter word measured one character less at a time, some ten million
    characters per card: the window never opened. Now every letter is still kept, and the
    work grows with the title, not with its square."""
    metrics = CountingMetrics()
    lines = wrap(title, metrics, room, room)
    assert "".join("".join(lines).split()) == "".join(title.split())
    assert metrics.measured < 80 * len(title)


@pytest.mark.parametrize("width", [240, 300, 420, 700])
def test_a_long_title_is_never_cut_and_the_tag_never_covers_it(qtbot: QtBot,
                                                                 width: int) -> None:
    title = "Hip flexibility and spine stability for long afternoons at the desk"
    card = card_layout(width, title, "14:14+", "customized", "A short summary of it.")
    # Every letter is there (wrapped; a word too long for the line broken, never elided).
    assert "".join(card.title_text.split()) == "".join(title.split())
    assert "…" not in card.title_text
    assert not card.tag.intersects(card.title)
    assert card.tag.top() >= card.title.bottom()
    assert card.tag.right() <= width
    assert card.height > card.body.bottom()


def test_the_list_shows_every_title_whole_at_800x500(qtbot: QtBot, paths: Paths) -> None:
    window = make_window(paths, size=(800, 500))
    qtbot.addWidget(window)
    window.show()
    screen = window.start_screen
    qtbot.waitUntil(lambda: screen.list_view.viewport().width() > 0)
    # The list keeps a usable height (it collapsed to a sliver before).
    assert screen.list_view.height() >= 200
    delegate = screen.cards
    for row in range(screen.model.rowCount()):
        index = screen.model.index(row, 0)
        card = delegate.layout_for(index)
        assert card.title_text.replace("\n", " ") == index.data()
        assert "…" not in card.title_text


def test_library_sorting_keeps_ids_reachable(paths: Paths) -> None:
    library = Library(paths)
    from backtimer.ui.start.session_list import rows_for

    rows = rows_for(library)
    assert {row.entry.id for row in rows} == set(library.entries)


def _customize(paths: Paths) -> None:
    """A customized side plank intervals: 15-second holds instead of 10."""
    text = (Path(__file__).resolve().parents[2] / "data/sessions/side-plank-intervals.yaml"
            ).read_text("utf-8")
    assert "hold: 10s" in text
    write_session(paths, "side-plank-intervals",
                  "based_on: side-plank-intervals\n" + text.replace("hold: 10s", "hold: 15s"))


def test_a_customized_summary_follows_its_numbers(qtbot: QtBot, paths: Paths) -> None:
    _customize(paths)
    screen = StartScreen(Library(paths))
    qtbot.addWidget(screen)
    screen.resize(1280, 760)
    row = screen.model.row_of("side-plank-intervals")
    card = str(screen.model.data(screen.model.index(row, 0), SUMMARY_ROLE))
    assert card.startswith("Your version: Side plank: 15 s holds (was 10 s holds);")
    assert "in total (was " in card
    assert screen.model.data(screen.model.index(row, 0), TAG_ROLE) == "customized"
    screen.select_id("side-plank-intervals")
    shown = screen.summary_label.text()
    assert shown.startswith("Your version: Side plank: 15 s holds (was 10 s holds)")
    assert "Ten 10-second side planks" in shown  # the built-in's words stay, after it


def test_the_summary_follows_an_adjustment_as_it_is_typed(qtbot: QtBot, paths: Paths) -> None:
    screen = StartScreen(Library(paths))
    qtbot.addWidget(screen)
    screen.select_id("side-plank-intervals")
    assert "Your version" not in screen.summary_label.text()
    card = screen.panel.items._cards[0]
    assert card.item_fields.reps is not None
    card.item_fields.reps.setValue(6)
    assert screen.summary_label.text().startswith("Your version: Side plank: 6 reps (was 10 reps)")


def test_the_same_numbers_say_nothing_more(paths: Paths) -> None:
    library = Library(paths)
    session = library.entries["daily-routine"].session
    assert session is not None
    assert version_summary(session, session, library.exercises) == ""


def test_the_last_session_is_in_view_when_the_window_opens(qtbot: QtBot, paths: Paths) -> None:
    window = make_window(paths, settings=Settings(safety_acknowledged=True,
                                                  last_session="daily-walk"), size=(800, 500))
    qtbot.addWidget(window)
    window.show()
    view = window.start_screen.list_view
    row = window.start_screen.model.row_of("daily-walk")  # the last card
    assert view.currentIndex().row() == row

    def in_view() -> bool:
        rect = view.visualRect(view.currentIndex())
        return rect.top() >= 0 and rect.bottom() <= view.viewport().height()

    qtbot.waitUntil(in_view)


def test_a_broken_settings_file_is_not_overwritten_by_the_last_session(
        qtbot: QtBot, paths: Paths) -> None:
    write_session(paths)
    paths.settings_file.parent.mkdir(parents=True, exist_ok=True)
    broken = b"volume: [0.5\nsafety_acknowledged: true\n"
    paths.settings_file.write_bytes(broken)
    window = make_window(paths)
    qtbot.addWidget(window)
    start(window)
    writer = window._settings_writer
    assert writer is not None
    writer.wait()
    qtbot.waitUntil(lambda: any("settings" in text.lower()
                                for text in window.notice_bar.texts()))
    assert paths.settings_file.read_bytes() == broken
    assert window.settings.last_session == "ui-test"  # kept for this run
