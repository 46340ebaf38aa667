"""One BackTimer per person and home: a second start hands its request to the running window.

Fast tests run the server in this process's event loop and the second start's side on a
thread (it blocks, as it may in its own process); the slow ones start real processes
(``python -m backtimer``, offscreen, sharing one BACKTIMER_HOME).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from backtimer.engine.runner import RunnerState
from backtimer.store.history import HistoryLog
from backtimer.store.instance import (
    InstanceLock,
    Request,
    hand_over,
    instance_key,
    parse_request,
    request_bytes,
    session_argument,
)
from backtimer.store.paths import Paths
from backtimer.store.settings import Settings, save_settings
from backtimer.ui.shell.handover import Handover
from backtimer.ui.shell.instance_server import InstanceServer
from tests.ui.window_kit import make_window, run_for, settle_log, start, write_session

pytestmark = pytest.mark.qt_log_ignore("does not support (propagateSizeHints|raise)")

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def short_dir() -> Iterator[Path]:
    """A folder with a short path: a socket's path must fit in 108 bytes."""
    folder = Path(tempfile.mkdtemp(prefix="bt-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_requests_survive_the_trip_as_one_line() -> None:
    for request in (Request(), Request(session="daily-routine"), Request(minimized=True)):
        line = request_bytes(request)
        assert line.endswith(b"\n") and line.count(b"\n") == 1
        assert parse_request(line.rstrip(b"\n")) == request
    for junk in (b"", b"hello", b"[]", b'{"version": 2}', b'{"version": 1, "session": 5}'):
        assert parse_request(junk) is None


def test_a_file_named_on_the_command_line_is_passed_by_its_full_path(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # and back afterwards: later tests read the repository's files
    assert session_argument("mine.yaml") == str(tmp_path / "mine.yaml")
    assert session_argument("daily-routine") == "daily-routine"


def test_the_key_differs_by_home_and_the_lock_admits_one(paths: Paths, tmp_path: Path) -> None:
    other = Paths(tmp_path / "other" / "config", tmp_path / "other" / "data")
    key = instance_key(paths)
    assert key != instance_key(other)
    assert len(str(key.socket_path)) <= 100
    first, second = InstanceLock(key.lock_path), InstanceLock(key.lock_path)
    assert first.acquire()
    assert not second.acquire()  # held: never waits
    first.release()  # as when the first process ends, even by a crash
    assert second.acquire()
    second.release()


def test_a_second_start_hands_its_request_to_the_server(qtbot: QtBot, short_dir: Path) -> None:
    server = InstanceServer()
    path = short_dir / "bt.sock"
    assert server.listen(path)
    answered: list[bool] = []
    request = Request(session="daily-routine")
    with qtbot.waitSignal(server.requested, timeout=10_000) as heard:
        thread = threading.Thread(target=lambda: answered.append(hand_over(path, request)))
        thread.start()
    qtbot.waitUntil(lambda: bool(answered), timeout=10_000)
    thread.join()
    assert heard.args == [request]
    assert answered == [True]
    server.close()


def test_a_stale_socket_from_a_crash_is_replaced(qtbot: QtBot, short_dir: Path) -> None:
    path = short_dir / "bt.sock"
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(str(path))  # a socket file nobody listens on, as a killed process leaves it
    stale.close()
    assert path.exists()
    server = InstanceServer()
    assert server.listen(path)
    with qtbot.waitSignal(server.requested, timeout=10_000):
        threading.Thread(target=lambda: hand_over(path, Request()), daemon=True).start()
    server.close()


def test_junk_on_the_socket_gets_no_answer_and_no_request(qtbot: QtBot, short_dir: Path) -> None:
    server = InstanceServer()
    path = short_dir / "bt.sock"
    assert server.listen(path)
    heard: list[object] = []
    server.requested.connect(heard.append)
    replies: list[bytes] = []

    def talk() -> None:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.settimeout(10)
            client.connect(str(path))
            client.sendall(b"GET / HTTP/1.0\n")
            with contextlib.suppress(OSError):
                replies.append(client.recv(10))

    thread = threading.Thread(target=talk)
    thread.start()
    qtbot.waitUntil(lambda: bool(replies), timeout=10_000)
    thread.join()
    assert replies == [b""] and heard == []  # hung up on, nothing asked of the window
    server.close()


def test_nobody_listening_means_no_hand_over(short_dir: Path) -> None:
    assert not hand_over(short_dir / "nobody.sock", Request(), wait_seconds=0.3)


# -- the running window's side ----------------------------------------------------------------


class Asked:
    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.titles: list[str] = []

    def __call__(self, _parent: object, title: str) -> bool:
        self.titles.append(title)
        return self.answer


def test_a_request_starts_the_session_at_once_when_none_runs(qtbot: QtBot, paths: Paths) -> None:
    window = make_window(paths)
    qtbot.addWidget(window)
    window.showMinimized()
    asked = Asked(True)
    Handover(window, asked).take(Request(session="side-plank-minute"))
    assert not window.isMinimized()
    assert window.run.session is not None and window.run.session.id == "side-plank-minute"
    assert window.run.showing_session() and asked.titles == []


def test_during_a_session_it_asks_first_and_no_keeps_it_running(
    qtbot: QtBot, paths: Paths
) -> None:
    write_session(paths)
    window = make_window(paths)
    qtbot.addWidget(window)
    start(window)
    run_for(window, 3.0)
    asked = Asked(False)
    Handover(window, asked).take(Request(session="side-plank-minute"))
    assert asked.titles == ["Side plank toward one minute"]
    assert window.run.session is not None and window.run.session.id == "ui-test"
    assert window.run.adapter.state is RunnerState.RUNNING  # resumed after the question
    asked.answer = True
    Handover(window, asked).take(Request(session="side-plank-minute"))
    assert window.run.session is not None and window.run.session.id == "side-plank-minute"
    settle_log(qtbot, window)  # written on the log's worker thread
    with HistoryLog.open(paths.history_file) as log:
        statuses = sorted(entry.status.value for entry in log.entries())
    assert statuses == ["in_progress", "stopped"]  # the first logged as stopped, not lost


def test_a_bad_session_is_said_in_the_window(qtbot: QtBot, paths: Paths) -> None:
    window = make_window(paths)
    qtbot.addWidget(window)
    Handover(window, Asked(True)).take(Request(session="no-such-session"))
    assert window.run.session is None
    assert any("no-such-session" in text for text in window.notice_bar.texts())


@pytest.mark.parametrize("kind", ["good", "broken", "fifo"])
def test_a_session_file_from_a_second_start_is_read_off_the_gui_thread(
        qtbot: QtBot, paths: Paths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        kind: str) -> None:
    """A file of up to 1 MB takes most of a second to parse (more on a slow disk): it is read
    on a worker, the window painting on meanwhile, then started, or its problem said."""
    from backtimer.store import library as library_module

    file = tmp_path / "from the terminal.yaml"
    if kind == "fifo":
        os.mkfifo(file)
    else:
        file.write_text("title: From the terminal\nitems:\n  - {exercise: side-plank, hold: "
                        + ("20s" if kind == "good" else "20 sekunden") + "}\n", "utf-8")
    threads: list[threading.Thread] = []
    real = library_module.read_bytes_limited

    def watched(path: str, limit: int) -> bytes:
        threads.append(threading.current_thread())
        return real(path, limit)

    monkeypatch.setattr(library_module, "read_bytes_limited", watched)
    window = make_window(paths)
    qtbot.addWidget(window)
    handover = Handover(window, Asked(True))
    threads.clear()  # the window's own library was read in the test's thread
    handover.take(Request(session=str(file)))
    qtbot.waitUntil(lambda: not handover.reading)
    assert threads and all(t is not threading.main_thread() for t in threads)
    if kind == "good":
        assert window.run.session is not None and window.run.session.title == "From the terminal"
    else:
        assert window.run.session is None
        [said] = [t for t in window.notice_bar.texts() if str(file) in t]
        assert ("20 sekunden" if kind == "broken" else "pipe (FIFO)") in said


def test_a_login_start_while_running_changes_nothing(qtbot: QtBot, paths: Paths) -> None:
    window = make_window(paths)
    qtbot.addWidget(window)
    window.showMinimized()
    Handover(window, Asked(True)).take(Request(minimized=True))
    assert window.isMinimized()


# -- two real processes -----------------------------------------------------------------------


def app_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(BACKTIMER_HOME=str(home), QT_QPA_PLATFORM="offscreen",
               QT_TEXTTOSPEECH_ENGINE="mock", PYTHONPATH=str(REPO / "src"))
    return env


def backtimer(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "backtimer", *args], env=env, cwd=str(REPO),
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def answering(path: Path) -> bool:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        try:
            probe.connect(str(path))
        except OSError:
            return False
    return True


def logged_sessions(paths: Paths) -> list[str]:
    if not paths.history_file.exists():
        return []
    with HistoryLog.open(paths.history_file, read_only=True) as log:
        return [entry.session_id for entry in log.entries()]


@pytest.fixture
def first_app(paths: Paths, isolated_home: Path) -> Iterator[tuple[dict[str, str], Path]]:
    """The env for this home, with its settings saying the safety note was read; any process
    the test started under it is ended afterwards."""
    save_settings(paths.settings_file, Settings(safety_acknowledged=True, sounds=False,
                                                voice=False))
    env = app_env(isolated_home)
    yield env, instance_key(paths, env).socket_path


def stop(child: subprocess.Popen[str]) -> int | None:
    if child.poll() is None:
        child.send_signal(signal.SIGINT)  # closes the window as its close button would
        try:
            child.wait(timeout=30)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
    return child.returncode


@pytest.mark.slow
def test_second_backtimer_start_hands_over_and_the_first_window_starts_it(
    qtbot: QtBot, paths: Paths, first_app: tuple[dict[str, str], Path]
) -> None:
    env, socket_path = first_app
    first = backtimer(env)
    try:
        qtbot.waitUntil(lambda: answering(socket_path), timeout=60_000)
        second = backtimer(env, "start", "side-plank-minute")
        _out, err = second.communicate(timeout=60)
        assert second.returncode == 0, err
        qtbot.waitUntil(lambda: logged_sessions(paths) == ["side-plank-minute"], timeout=30_000)
        third = backtimer(env)  # plain `backtimer` again: the window comes to the front
        third.communicate(timeout=60)
        assert third.returncode == 0
        assert first.poll() is None  # one window, still running
    finally:
        assert stop(first) == 0
    assert not socket_path.exists()  # closed cleanly: the socket file went with it


@pytest.mark.slow
def test_after_a_crash_the_next_backtimer_cleans_up_and_serves(
    qtbot: QtBot, paths: Paths, first_app: tuple[dict[str, str], Path]
) -> None:
    env, socket_path = first_app
    crashed = backtimer(env)
    qtbot.waitUntil(lambda: answering(socket_path), timeout=60_000)
    crashed.kill()  # no clean-up at all: the socket file stays, the kernel drops the lock
    crashed.communicate()
    assert socket_path.exists() and not answering(socket_path)
    first = backtimer(env)
    try:
        qtbot.waitUntil(lambda: answering(socket_path), timeout=60_000)
        second = backtimer(env, "start", "side-plank-minute")
        _out, err = second.communicate(timeout=60)
        assert second.returncode == 0, err
        qtbot.waitUntil(lambda: logged_sessions(paths) == ["side-plank-minute"], timeout=30_000)
    finally:
        assert stop(first) == 0


@pytest.mark.slow
def test_two_started_at_the_same_instant_make_one_window(
    qtbot: QtBot, paths: Paths, first_app: tuple[dict[str, str], Path]
) -> None:
    env, socket_path = first_app
    both = [backtimer(env), backtimer(env)]
    try:
        qtbot.waitUntil(lambda: any(child.poll() is not None for child in both), timeout=60_000)
        ended = [child for child in both if child.poll() is not None]
        running = [child for child in both if child.poll() is None]
        assert len(ended) == 1 and len(running) == 1  # the lock let one in; the other handed over
        assert ended[0].returncode == 0, ended[0].communicate()[1]
        assert answering(socket_path)
    finally:
        for child in both:
            stop(child)


# -- hostile clients: the running window never waits and never crashes ------------------------

def ticks_while(qtbot: QtBot, action: threading.Thread, until: object) -> int:
    """Run ``action`` and count 10 ms timer ticks on the GUI thread until ``until()``."""
    from PySide6.QtCore import QTimer

    ticks = [0]
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.__setitem__(0, ticks[0] + 1))
    timer.start(10)
    action.start()
    qtbot.waitUntil(until, timeout=20_000)  # type: ignore[arg-type]
    action.join()
    timer.stop()
    return ticks[0]


def connected(path: Path) -> socket.socket:
    """A client socket connected to ``path``, trying again while the backlog is full."""
    import time

    for _ in range(500):
        client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        client.settimeout(10)
        try:
            client.connect(str(path))
            return client
        except BlockingIOError:
            client.close()
            time.sleep(0.01)
    raise AssertionError("the server never accepted")


def test_silent_garbage_huge_and_many_clients_never_stop_a_real_hand_over(
        qtbot: QtBot, short_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from backtimer.ui.shell import instance_server

    monkeypatch.setattr(instance_server, "CLIENT_PATIENCE_MS", 300)
    server = InstanceServer()
    path = short_dir / "bt.sock"
    assert server.listen(path)
    heard: list[object] = []
    server.requested.connect(heard.append)
    done: list[bool] = []
    hung_up: list[bytes] = []

    def hostile() -> None:
        silent = [connected(path) for _ in range(60)]  # many at once, each saying nothing
        with connected(path) as big, contextlib.suppress(OSError):  # 10 MB, no newline
            big.sendall(b"x" * 10_000_000)
        with connected(path) as junk, contextlib.suppress(OSError):
            junk.sendall(bytes(range(256)) * 10 + b"\n")
        for client in silent:  # each is hung up on (patience), none is answered
            with contextlib.suppress(OSError):
                hung_up.append(client.recv(10))
            client.close()
        done.append(hand_over(path, Request(session="daily-routine")))

    ticks = ticks_while(qtbot, threading.Thread(target=hostile), lambda: bool(done))
    assert done == [True] and heard == [Request(session="daily-routine")]
    assert hung_up and set(hung_up) == {b""}
    assert ticks > 0  # the GUI thread went on ticking
    server.close()


def test_a_request_whose_client_hangs_up_during_the_question_does_not_crash(
        qtbot: QtBot, paths: Paths, short_dir: Path) -> None:
    """The window asks "Start another session?" (a local event loop) while the client that
    asked hangs up: its socket goes away outside its own signal; a second request meanwhile is
    told to wait for the open question, not stacked on it."""
    write_session(paths)
    window = make_window(paths)
    qtbot.addWidget(window)
    window.show()
    start(window)
    server = InstanceServer(window)
    path = short_dir / "bt.sock"
    assert server.listen(path)
    asked: list[str] = []

    def ask(_parent: object, title: str) -> bool:
        asked.append(title)
        threading.Thread(target=lambda: hand_over(path, Request(session="stretches")),
                         daemon=True).start()
        qtbot.waitUntil(lambda: any("Answer the open question first" in t
                                    for t in window.notice_bar.texts()), timeout=20_000)
        return False

    handover = Handover(window, ask=ask)
    server.requested.connect(handover.take)
    answered: list[bool] = []
    threading.Thread(target=lambda: answered.append(
        hand_over(path, Request(session="daily-routine"))), daemon=True).start()
    qtbot.waitUntil(lambda: bool(asked) and bool(answered), timeout=20_000)
    assert asked == ["Daily back routine"]  # one question, never two stacked
    assert window.run.session is not None and window.run.session.id == "ui-test"
    assert window.run.adapter.state is RunnerState.RUNNING
    server.close()


def test_a_lock_left_by_a_dead_process_is_taken(short_dir: Path) -> None:
    lock_path = short_dir / "bt.lock"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout
    lock_path.write_text(dead)  # what a killed BackTimer leaves: its pid, no flock
    lock = InstanceLock(lock_path)
    assert lock.acquire()
    assert lock_path.read_text() == f"{os.getpid()}\n"
    lock.release()


def test_something_else_where_the_socket_should_be_is_reported_not_fatal(
        qtbot: QtBot, short_dir: Path) -> None:
    path = short_dir / "bt.sock"
    path.mkdir()
    (path / "x").write_text("not ours")
    server = InstanceServer()
    assert not server.listen(path)  # said by the caller as a warning; the window runs on
    assert (path / "x").read_text() == "not ours"
    server.close()
