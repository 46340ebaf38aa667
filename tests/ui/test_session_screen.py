"""A whole session through the window on a fake clock: what the person sees at each moment."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from backtimer.engine.events import StepStarted
from backtimer.engine.runner import RunnerState
from backtimer.session.timeline import StepKind
from backtimer.store.paths import Paths
from backtimer.store.settings import Settings
from backtimer.ui.common.theme import step_colour
from backtimer.ui.run.adapter import FRAME_SECONDS
from backtimer.ui.run.fitting import NBSP
from backtimer.ui.shell.main_window import MainWindow
from tests.ui.window_kit import (
    UI_TIMED_SECONDS,
    EventCounter,
    clock_of,
    make_window,
    run_for,
    start,
    write_session,
)

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def window(qtbot: QtBot, paths: Paths) -> MainWindow:
    write_session(paths)
    result = make_window(paths)
    qtbot.addWidget(result)
    result.show()
    qtbot.waitExposed(result)
    return result


def shown(window: MainWindow) -> dict[str, str]:
    screen = window.run.session_screen
    texts = {
        "kind": screen.kind_label.text(),
        "name": screen.name_label.text(),
        "side": screen.side_label.text(),
        "digits": screen.digits.text(),
        "counts": screen.counts_label.text(),
        "next": screen.next_label.text(),
    }
    # Words kept together on a line are joined by no-break spaces; read them as spaces.
    return {key: text.replace(NBSP, " ") for key, text in texts.items()}


def test_the_session_reads_right_at_chosen_moments(window: MainWindow) -> None:
    start(window)
    screen = window.run.session_screen
    assert window.stack.currentWidget() is screen
    assert shown(window) | {"next": ""} == {
        "kind": "GET READY", "name": "Side plank", "side": "", "digits": "5", "counts": "",
        "next": "",
    }
    assert shown(window)["next"] == "Then: hold 5 s · left side · rep 1 of 2"

    run_for(window, 5.0 + 1.5)  # 1.5 s into the first hold
    assert shown(window) | {"next": ""} == {
        "kind": "HOLD", "name": "Side plank", "side": "LEFT SIDE", "digits": "4",
        "counts": "rep 1 of 2", "next": "",
    }
    assert shown(window)["next"] == "Then: rest 2 s"
    assert screen.ring.fraction == pytest.approx(0.3, abs=0.01)

    run_for(window, 3.5 + 1.0)  # 1 s into the rest
    assert (shown(window)["kind"], shown(window)["digits"]) == ("REST", "1")
    assert shown(window)["counts"] == "1 of 2 reps done"

    run_for(window, 1.0 + 5.0 + 0.5)  # into the switch
    assert shown(window)["kind"] == "SWITCH SIDES"
    assert shown(window)["side"] == "TO THE RIGHT SIDE"

    run_for(window, 2.5 + 0.5)
    assert (shown(window)["kind"], shown(window)["side"]) == ("HOLD", "RIGHT SIDE")


def test_digits_take_at_least_a_third_of_the_window(window: MainWindow, qtbot: QtBot) -> None:
    start(window)
    run_for(window, 6.0)
    for width, height in ((1280, 800), (1024, 768), (1920, 1080), (800, 600)):
        window.resize(width, height)
        qtbot.waitUntil(lambda h=height: window.height() == h)
        digits = window.run.session_screen.digits
        qtbot.waitUntil(lambda d=digits: d.font().pixelSize() >= window.height() / 3)
        # The label is cut to the figures' own height: 0.86 of the font's pixel size.
        qtbot.waitUntil(lambda d=digits: d.height() >= 0.85 * d.font().pixelSize())
        # The track holds the digits, whatever the size.
        track = window.run.session_screen.ring.track_rect()
        assert track.width() >= digits.sizeHint().width() * 0.9


def test_progress_bars_follow_the_session(window: MainWindow) -> None:
    start(window)
    screen = window.run.session_screen
    assert screen.time_left_label.text() == "0:44 left"
    run_for(window, 11.0)
    assert screen.time_left_label.text() == "0:33 left"
    assert screen.session_bar.fraction == pytest.approx(11.0 / UI_TIMED_SECONDS, abs=0.01)


def test_own_pace_step_shows_target_and_waits_for_done(window: MainWindow) -> None:
    start(window)
    screen = window.run.session_screen
    run_for(window, 5 + 12 + 3 + 12 + 4 + 0.5)
    assert shown(window)["kind"] == "YOUR PACE"
    assert shown(window)["digits"] == "8"
    assert shown(window)["side"] == "REPS"
    assert screen.done_button.isVisible()
    run_for(window, 120.0)  # it waits, however long it takes
    assert shown(window)["kind"] == "YOUR PACE"
    screen.done_button.click()
    assert shown(window)["kind"] == "NEXT UP"
    assert not screen.done_button.isVisible()


def test_caution_shows_while_next_up_and_while_it_runs(window: MainWindow) -> None:
    start(window)
    screen = window.run.session_screen
    assert not screen.caution_box.isVisible()  # side plank has none
    run_for(window, 5 + 12 + 3 + 12 + 4 + 0.5)
    window.run.adapter.done()  # the own-pace cat curl; next up: hamstring stretch
    assert shown(window)["kind"] == "NEXT UP"
    assert screen.caution_box.isVisible()
    assert "tingling" in screen.caution_label.text()
    run_for(window, 4.5)
    assert shown(window)["kind"] == "STRETCH"  # a stretch's step word
    assert screen.caution_box.isVisible()


def test_pause_resume_skip_and_back_buttons(window: MainWindow) -> None:
    start(window)
    screen = window.run.session_screen
    run_for(window, 1.0)
    screen.pause_button.click()
    assert window.run.adapter.state is RunnerState.PAUSED
    assert shown(window)["kind"] == "PAUSED"
    assert screen.pause_button.text() == "Resume"
    run_for(window, 30.0)
    assert shown(window)["digits"] == "4"  # paused time is not counted
    screen.pause_button.click()
    assert window.run.adapter.state is RunnerState.RUNNING
    assert shown(window)["kind"] == "GET READY"
    screen.skip_button.click()
    assert shown(window)["kind"] == "HOLD"
    run_for(window, 3.0)
    screen.back_button.click()  # restarts this hold
    assert (shown(window)["kind"], shown(window)["digits"]) == ("HOLD", "5")
    screen.back_button.click()  # right at its start: back to the step before
    assert shown(window)["kind"] == "GET READY"


def test_the_sleep_reason_stays_while_paused_and_goes_on_resume(
    window: MainWindow, qtbot: QtBot
) -> None:
    start(window)
    screen = window.run.session_screen
    run_for(window, 5.0 + 1.5)  # 1.5 s into the first hold
    assert screen.time_left_label.text().endswith(" left")

    clock_of(window).suspend(600.0)  # a real suspend: only boot time moves
    run_for(window, 0.25)  # the first tick on waking sees it
    assert window.run.adapter.state is RunnerState.PAUSED
    assert screen.time_left_label.text() == "Paused: the computer was asleep"
    assert shown(window)["kind"] == "PAUSED"

    # The window keeps drawing and ticking while paused; the reason must not be overwritten.
    run_for(window, 5.0)
    window.run.adapter.tick()
    screen.repaint()
    qtbot.wait(20)
    assert screen.time_left_label.text() == "Paused: the computer was asleep"
    assert screen.time_left_label.isVisible()
    assert shown(window)["digits"] == "4"  # the hold kept its time

    screen.pause_button.click()  # Resume
    assert window.run.adapter.state is RunnerState.RUNNING
    assert screen.time_left_label.text().endswith(" left")
    assert shown(window)["kind"] == "HOLD"


def test_a_pause_by_the_person_shows_the_time_left(window: MainWindow) -> None:
    start(window)
    screen = window.run.session_screen
    run_for(window, 1.0)
    screen.pause_button.click()
    run_for(window, 3.0)
    assert screen.time_left_label.text().endswith(" left")


def test_the_session_runs_to_the_finish_screen(window: MainWindow) -> None:
    start(window)
    run_for(window, 40.0)
    window.run.adapter.done()
    run_for(window, 10.0)
    finish = window.run.finish_screen
    assert window.stack.currentWidget() is finish
    assert finish.headline.text() == "Well done"
    assert finish.time_text == "0:43"  # 39 s timed (44 less the 5 s get-ready), 4 s own pace
    timeline = window.run.adapter.timeline
    assert timeline is not None
    total = len(timeline.steps)
    assert finish.done_text == f"{total} of {total}"
    assert finish.skipped_text == "0"
    finish.back_button.click()
    assert window.stack.currentWidget() is window.start_screen


def test_every_step_change_flashes_unless_turned_off(qtbot: QtBot, paths: Paths) -> None:
    write_session(paths)
    window = make_window(paths)
    qtbot.addWidget(window)
    start(window)
    run_for(window, 6.0)
    assert window.run.flash_overlay.flashes == 2  # the prepare, then the first hold
    quiet = make_window(paths, settings=Settings(safety_acknowledged=True, flash=False))
    qtbot.addWidget(quiet)
    start(quiet)
    run_for(quiet, 6.0)
    assert quiet.run.flash_overlay.flashes == 0


def run_like_the_timers(window: MainWindow, seconds: float) -> None:
    """``seconds`` on the fake clock, woken when the adapter's timer would wake it, painting
    each time."""
    clock = clock_of(window)
    adapter = window.run.adapter
    end = clock.now() + seconds
    while clock.now() < end - 1e-9 and adapter.wake_ms is not None:
        clock.set(min(clock.now() + adapter.wake_ms / 1000, end))
        adapter.tick()
        QApplication.processEvents()


def into_the_first_hold(qtbot: QtBot, paths: Paths) -> MainWindow:
    """A shown window (no flash) counting, 0.2 s into the first 5 s hold, its frames drawn."""
    write_session(paths)
    window = make_window(paths, settings=Settings(safety_acknowledged=True, flash=False))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    start(window)
    run_like_the_timers(window, 5.2)
    qtbot.wait(50)
    return window


def test_only_what_changed_is_repainted(qtbot: QtBot, paths: Paths) -> None:
    """Over 10 s of counting: digits and the session's bar once a second, the track three frames
    a second, and the screen and window beneath them only when a step changes."""
    window = into_the_first_hold(qtbot, paths)
    screen = window.run.session_screen
    counters = {name: EventCounter() for name in ("digits", "ring", "bar", "screen", "window")}
    for name, widget in (("digits", screen.digits), ("ring", screen.ring),
                         ("bar", screen.session_bar), ("screen", screen), ("window", window)):
        widget.installEventFilter(counters[name])
    starts: list[object] = []
    window.run.adapter.add_listener(
        lambda e: starts.append(e) if isinstance(e, StepStarted) else None
    )
    run_like_the_timers(window, 10.0)  # the rest of the hold, a 2 s rest, most of a hold
    paints = {name: counter.count for name, counter in counters.items()}
    assert len(starts) == 2
    # 10 whole seconds go by, plus a repaint for each new step (its text and colour).
    assert paints["digits"] <= 10 + 2 * len(starts), paints
    # Three frames a second (it was ~30, then 10, then 4): each wake-up costs ~1 ms of CPU. The
    # digits sit on the track, so their change once a second repaints it beneath them too.
    assert 25 <= paints["ring"] <= 10 * (3 + 1) + 2 * len(starts), paints
    # The whole session's bar moves with its time left: once a second, not at every frame.
    assert 5 <= paints["bar"] <= 10 + 2 * len(starts), paints
    # Nothing beneath the track, bar and digits is repainted by their frames.
    assert paints["screen"] <= 2 * len(starts), paints
    assert paints["window"] <= 2 * len(starts), paints


def test_the_countdown_lays_nothing_out(qtbot: QtBot, paths: Paths) -> None:
    """A second going by changes the digits and the time left, and repaints them alone: the
    window is not laid out again (it was, every second, up to the main window)."""
    window = into_the_first_hold(qtbot, paths)
    screen = window.run.session_screen
    layouts = QEvent.Type.LayoutRequest
    counters = {name: EventCounter(layouts) for name in ("ring", "screen", "window")}
    for name, widget in (("ring", screen.ring), ("screen", screen), ("window", window)):
        widget.installEventFilter(counters[name])
    seconds_before = screen.digits.text(), screen.time_left_label.text()
    run_like_the_timers(window, 4.5)  # four whole seconds of the same hold
    assert (screen.digits.text(), screen.time_left_label.text()) != seconds_before
    assert {name: counter.count for name, counter in counters.items()} == {
        "ring": 0, "screen": 0, "window": 0}
    # Still whole on screen: the texts fit their labels.
    for label in (screen.digits, screen.time_left_label):
        assert label.fontMetrics().horizontalAdvance(label.text()) <= label.contentsRect().width()


def test_a_longer_header_widens_its_label(window: MainWindow, qtbot: QtBot) -> None:
    """The time left's label is as wide as its countdown; the sleep's reason, longer, gets the
    room it needs (never cut), and the countdown's width comes back at the next step."""
    start(window)
    screen = window.run.session_screen
    label = screen.time_left_label
    run_for(window, 5.0 + 1.5)
    qtbot.wait(20)
    counting_width = label.width()
    clock_of(window).suspend(600.0)
    run_for(window, 0.25)
    qtbot.wait(20)
    assert label.text() == "Paused: the computer was asleep"
    assert label.fontMetrics().horizontalAdvance(label.text()) <= label.contentsRect().width()
    screen.pause_button.click()  # Resume
    run_for(window, 5.0)  # into the rest: a new step
    qtbot.wait(20)
    assert label.text().endswith(" left")
    assert label.width() <= counting_width + 2


def test_the_collector_leaves_start_up_alone_only_while_counting(window: MainWindow) -> None:
    """While a session counts, the garbage collector's rounds skip what start-up built (they
    were ~10% of the CPU); when it ends, everything is the collector's again."""
    start(window)
    assert gc.get_freeze_count() > 0
    run_for(window, 6.0)
    window.run.adapter.stop()
    assert gc.get_freeze_count() == 0


def test_the_window_follows_a_theme_change(window: MainWindow) -> None:
    start_button = window.start_screen.start_button
    light = start_button.styleSheet()
    dark_palette = QPalette(window.palette())
    dark_palette.setColor(QPalette.ColorRole.Window, "#1e2024")
    dark_palette.setColor(QPalette.ColorRole.WindowText, "#e8e9eb")
    window.setPalette(dark_palette)
    assert start_button.styleSheet() != light
    assert window.run.session_screen.pause_button.styleSheet() != light


def test_step_colours_read_on_light_and_dark(window: MainWindow) -> None:
    light = step_colour(StepKind.HOLD, window)
    dark_palette = QPalette(window.palette())
    dark_palette.setColor(QPalette.ColorRole.Window, "#1e2024")
    dark_palette.setColor(QPalette.ColorRole.WindowText, "#e8e9eb")
    window.setPalette(dark_palette)
    dark = step_colour(StepKind.HOLD, window)
    assert dark.lightness() > light.lightness()
    start(window)
    run_for(window, 6.0)
    kind = window.run.session_screen.kind_label
    assert kind.palette().color(QPalette.ColorRole.WindowText) == dark


def test_the_flash_is_a_frame_that_fades_in_a_few_paints(qtbot: QtBot, paths: Paths) -> None:
    """A step change flashes the window's edges and fades on the session's own frames: no
    wake-up of its own, and the window beneath is not repainted each step."""
    write_session(paths)
    window = make_window(paths)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    start(window)
    overlay = window.run.flash_overlay
    run_like_the_timers(window, 1.0)  # the get-ready's flash fades on its frames
    assert not overlay.active
    qtbot.wait(20)
    screen_paints, strip_paints = EventCounter(), EventCounter()
    window.run.session_screen.installEventFilter(screen_paints)
    for strip in overlay.strips:
        strip.installEventFilter(strip_paints)
    run_like_the_timers(window, 4.0)  # the get-ready ends: the hold's flash
    assert overlay.active and overlay.flashes == 2
    hold = step_colour(StepKind.HOLD, window)
    top = overlay.strips[0]
    assert top.isVisible() and top.geometry().top() == 0
    assert top.width() == window.centralWidget().width()
    assert 8 <= top.height() <= 40  # a frame along the edges, not a wash over the window
    assert top.colour.hue() == pytest.approx(hold.hue(), abs=12)
    strengths = [overlay.strength]
    wakes = []
    adapter = window.run.adapter
    while overlay.active:
        wakes.append(adapter.wake_ms)
        run_like_the_timers(window, (adapter.wake_ms or 0) / 1000)
        QApplication.processEvents()
        strengths.append(overlay.strength)
    assert not top.isVisible()
    assert strengths == sorted(strengths, reverse=True) and len(set(strengths)) == 4  # fades
    # The session's frames, nothing between them.
    assert len(wakes) == 3 and all(abs(ms - 1000 * FRAME_SECONDS) <= 1 for ms in wakes)
    assert strip_paints.count <= 4 * 6  # four strips, a handful of steps
    assert screen_paints.count <= 4  # the step's new texts, and the frame going away


def test_a_flash_whose_frames_stop_ends_by_itself(qtbot: QtBot, paths: Paths) -> None:
    """Paused just after a step change, no frame comes to fade the flash: it ends anyway."""
    write_session(paths)
    window = make_window(paths)
    qtbot.addWidget(window)
    window.show()
    start(window)
    run_for(window, 5.0)  # the hold's flash
    overlay = window.run.flash_overlay
    assert overlay.active
    window.run.session_screen.pause_button.click()
    qtbot.waitUntil(lambda: not overlay.active, timeout=3000)
    assert not any(strip.isVisible() for strip in overlay.strips)


def test_the_easier_version_is_shown_during_the_step(window: MainWindow) -> None:
    # Issue 12: 001 "Start with the modified side plank"; the easier version must reach the
    # screen, not only the library.
    start(window)
    run_for(window, 5.0 + 1.0)
    text = window.run.session_screen.how_label.text()
    assert "Easier: Knees and hips bent to 45 degrees" in text


def test_a_stage_label_leads_the_line_under_the_exercise_name_not_the_title(
    qtbot: QtBot, paths: Paths
) -> None:
    """A stage's label can be a sentence (the back extension's pillow check): as part of the
    big title it ran past the title's space and was cut mid-line at 1280x800."""
    window = make_window(paths)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    start(window, "back-extension")
    run_for(window, 307)  # get ready, then the 5-minute lie: now up on the elbows
    screen = window.run.session_screen
    assert screen.name_label.text() == "Back extension"
    assert screen.counts_label.text().startswith("Up on your elbows")
    assert "without a pillow" in screen.counts_label.text()


def test_unit_the_countdown_reads_the_same_remembered_per_second() -> None:
    """The remembered countdown texts are those made afresh: seconds alone under a minute,
    rounded up (0.2 s left still reads 1), M:SS from a minute, H:MM:SS from an hour."""
    from backtimer.session.durations import format_clock
    from backtimer.ui.common.words import countdown_text

    def fresh(remaining: float) -> str:
        text = format_clock(remaining)
        return str(int(text[2:])) if text.startswith("0:") else text

    values = [-1.0, 0.0, 1e-10, 0.2, 0.9999999, 1.0, 1.0000001, 9.05, 59.0, 59.5, 60.0,
              60.0000001, 61.0, 599.99, 3599.2, 3600.0, 3600.5, 36000.0]
    values += [i / 10 for i in range(0, 1300)]
    for remaining in values * 2:  # the second round is remembered
        assert countdown_text(remaining) == fresh(remaining), remaining
    assert countdown_text(0.2) == "1" and countdown_text(75) == "1:15"
