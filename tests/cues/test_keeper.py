"""Keep-awake: asks wakepy off the GUI thread, releases on request, and never raises or stalls."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from backtimer.cues.keeper import KeeperSwitch, WakepyKeeper
from tests.cues.fakes import FakeMode

NOTICE = "The screen may dim during exercise"


def test_a_working_mode_is_held_until_release(qtbot: QtBot) -> None:
    modes: list[FakeMode] = []
    parent = QObject()
    keeper = WakepyKeeper(parent, lambda: modes.append(FakeMode()) or modes[-1])
    keeper.keep_awake()
    keeper.keep_awake()  # already awake: no second request
    keeper.wait_idle()
    assert [(m.entered, m.exited) for m in modes] == [(1, 0)]
    assert keeper.active
    keeper.release()
    keeper.wait_idle()
    assert [(m.entered, m.exited) for m in modes] == [(1, 1)]
    assert not keeper.active
    keeper.keep_awake()  # a resumed session asks again, with a fresh mode
    keeper.wait_idle()
    assert len(modes) == 2 and keeper.active
    assert keeper.problem is None
    keeper.close()


def test_a_mode_that_cannot_activate_gives_one_notice(qtbot: QtBot) -> None:
    parent = QObject()
    keeper = WakepyKeeper(parent, lambda: FakeMode(works=False))
    with qtbot.waitSignal(keeper.problem_found) as blocker:
        keeper.keep_awake()
    assert blocker.args[0].startswith(NOTICE)
    keeper.release()
    with qtbot.assertNotEmitted(keeper.problem_found, wait=50):
        keeper.keep_awake()
        keeper.wait_idle()
    assert keeper.problem is not None and keeper.problem.startswith(NOTICE)
    keeper.close()


def test_wakepy_raising_never_reaches_the_window(qtbot: QtBot) -> None:
    def broken() -> FakeMode:
        raise OSError("no session bus")

    parent = QObject()
    keeper = WakepyKeeper(parent, broken)
    with qtbot.waitSignal(keeper.problem_found):
        keeper.keep_awake()
    keeper.release()
    keeper.close()
    keeper.keep_awake()  # after close: still accepted, still harmless


@pytest.mark.skipif(sys.platform != "linux", reason="elsewhere wakepy needs no session bus")
def test_real_wakepy_without_a_session_bus_reports_the_screen_may_dim(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    parent = QObject()
    keeper = WakepyKeeper(parent)
    with qtbot.waitSignal(keeper.problem_found, timeout=10_000) as blocker:
        keeper.keep_awake()
    assert blocker.args[0].startswith(NOTICE)
    keeper.release()
    keeper.close()


def test_the_switch_follows_the_keep_awake_setting(qtbot: QtBot) -> None:
    modes: list[FakeMode] = []
    parent = QObject()
    inner = WakepyKeeper(parent, lambda: modes.append(FakeMode()) or modes[-1])
    switch = KeeperSwitch(inner, enabled=False)
    switch.keep_awake()
    inner.wait_idle()
    assert modes == []
    switch.set_enabled(True)
    switch.keep_awake()
    inner.wait_idle()
    assert inner.active
    switch.set_enabled(False)  # turning the setting off lets the screen dim at once
    inner.wait_idle()
    assert not inner.active
    inner.close()


def test_wakepy_is_loaded_on_the_gui_thread_before_the_worker_runs(qtbot: QtBot) -> None:
    """The worker never loads a native module while the GUI thread may be loading Qt's (issue 9:
    the start-up deadlock between the dynamic loader's lock and the GIL)."""
    import threading

    calls: list[tuple[str, str]] = []

    def preload() -> None:
        calls.append(("preload", threading.current_thread().name))

    def mode() -> FakeMode:
        calls.append(("mode", threading.current_thread().name))
        return FakeMode()

    parent = QObject()
    keeper = WakepyKeeper(parent, mode, preload=preload)
    keeper.keep_awake()
    keeper.wait_idle()
    keeper.release()
    keeper.keep_awake()  # loaded once only
    keeper.wait_idle()
    main = threading.main_thread().name
    assert calls[0] == ("preload", main)
    assert [call[0] for call in calls] == ["preload", "mode", "mode"]
    assert all(thread != main for kind, thread in calls if kind == "mode")
    keeper.close()


def test_the_real_preload_imports_wakepy_and_what_its_linux_activation_loads() -> None:
    from backtimer.cues.keeper import load_wakepy

    load_wakepy()
    assert "wakepy" in sys.modules
    if sys.platform.startswith("linux"):
        assert "jeepney.io.blocking" in sys.modules and "_ctypes" in sys.modules
