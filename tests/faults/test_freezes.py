"""The app never freezes: not on a speech daemon that hangs, not at start-up under CPU load.

Each test starts the real app (``tests/faults/app_probe.py``: ``backtimer start`` on a tiny
session, quitting by itself once the session is over) as a subprocess, offscreen, with its own
BACKTIMER_HOME and XDG_RUNTIME_DIR, and checks that every step started and the app ended, within
a generous time-out that only a freeze can exceed. What the app starts (a speech-dispatcher
autospawned through libspeechd, its output modules, the speech process) carries the test's own
XDG_RUNTIME_DIR in its environment, and is killed by process id at the end.
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
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PROBE = Path(__file__).with_name("app_probe.py")

# get ready 1 s, hold 1 s, rest 1 s, hold 1 s: four steps, each with words to say
TINY_SESSION = """\
title: Tiny
prepare: 1s
items:
  - exercise: pelvic-tilt
    hold: 1s
    rest: 1s
    reps: 2
"""
TINY_STEPS = 4
# get ready 1 s, hold 1 s: what a start needs to load every cue and keep the screen awake
ONE_HOLD_SESSION = """\
title: One hold
prepare: 1s
items:
  - exercise: pelvic-tilt
    hold: 1s
"""

NOT_ANSWERING = "Spoken cues are off: the speech engine did not answer."


@dataclass
class Outcome:
    lines: list[str]
    returncode: int | None  # None: it had to be killed (frozen)
    stderr: str

    @property
    def steps(self) -> list[int]:
        return [int(line.split()[1]) for line in self.lines if line.startswith("step ")]

    @property
    def finished(self) -> bool:
        return "finished" in self.lines

    @property
    def problems(self) -> list[str]:
        return [line[len("problem "):] for line in self.lines if line.startswith("problem ")]

    def __str__(self) -> str:
        return f"exit {self.returncode}; output {self.lines}; stderr {self.stderr[-2000:]!r}"


def write_home(home: Path, *, voice: bool) -> None:
    """Settings for a run nobody attends: the safety note already read, the voice as asked."""
    config = home / "config"
    config.mkdir(parents=True)
    (config / "settings.yaml").write_text(
        f"safety_acknowledged: true\nvoice: {'true' if voice else 'false'}\n", encoding="utf-8"
    )


def app_environment(
    tmp: Path, runtime: Path, *, voice: bool, engine: str, **extra: str
) -> dict[str, str]:
    home = tmp / "home"
    write_home(home, voice=voice)
    env = {k: v for k, v in os.environ.items() if k not in ("SPEECHD_ADDRESS", "QT_LOGGING_RULES")}
    env.update(
        BACKTIMER_HOME=str(home),
        XDG_RUNTIME_DIR=str(runtime),
        QT_QPA_PLATFORM="offscreen",
        QT_TEXTTOSPEECH_ENGINE=engine,
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO / "src"), str(REPO),
                                                  os.environ.get("PYTHONPATH")])),
        **extra,
    )
    return env


def start_probe(session_file: Path, env: dict[str, str], *flags: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(PROBE), str(session_file), *flags],
        env=env, cwd=str(REPO), stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def finish(child: subprocess.Popen[str], timeout: float) -> Outcome:
    """Wait for the app to end by itself; kill it if it is frozen."""
    try:
        out, err = child.communicate(timeout=timeout)
        code: int | None = child.returncode
    except subprocess.TimeoutExpired:
        child.kill()
        out, err = child.communicate()
        code = None
    return Outcome(out.splitlines(), code, err)


def kill_processes_of(runtime: Path) -> None:
    """Kill every process started with ``runtime`` as XDG_RUNTIME_DIR (a daemon it autospawned)."""
    marker = f"XDG_RUNTIME_DIR={runtime}".encode() + b"\0"
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        if marker in environ + b"\0":
            with contextlib.suppress(OSError):  # it ended by itself meanwhile
                os.kill(int(entry.name), signal.SIGKILL)


@pytest.fixture
def runtime() -> Iterator[Path]:
    """This test's own XDG_RUNTIME_DIR; every process started with it dies after the test.

    A short path under the system's temporary folder: speech-dispatcher's socket goes inside,
    and a Unix socket's path must stay under 108 bytes.
    """
    folder = Path(tempfile.mkdtemp(prefix="bt-run-"))
    yield folder
    if Path("/proc/self/environ").exists():
        kill_processes_of(folder)
    shutil.rmtree(folder, ignore_errors=True)


def speechd_engine_available() -> bool:
    from backtimer.cues.qtlog import quiet_qt_messages

    with quiet_qt_messages():  # loading QtTextToSpeech warns about PipeWire here
        from PySide6.QtTextToSpeech import QTextToSpeech

        return "speechd" in QTextToSpeech.availableEngines()


needs_speechd = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="speech-dispatcher is a Linux daemon"
)


class SilentSocket:
    """A stand-in speech-dispatcher: accepts every connection and never says a word."""

    def __init__(self, path: Path) -> None:
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(str(path))
        self.server.listen(16)
        self.connections: list[socket.socket] = []
        self.closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.closed:
            try:
                connection, _ = self.server.accept()
            except OSError:
                return
            self.connections.append(connection)  # kept open, never answered

    def close(self) -> None:
        self.closed = True
        self.server.close()
        for connection in self.connections:
            connection.close()


@pytest.mark.slow
@needs_speechd
def test_a_speech_daemon_that_never_answers_costs_the_voice_not_the_session(
    tmp_path: Path, runtime: Path
) -> None:
    if not speechd_engine_available():
        pytest.skip("QtTextToSpeech's speechd engine needs libspeechd (speech-dispatcher)")
    listener = SilentSocket(runtime / "speechd.sock")
    try:
        session_file = tmp_path / "tiny.yaml"
        session_file.write_text(TINY_SESSION, encoding="utf-8")
        env = app_environment(
            tmp_path, runtime, voice=True, engine="speechd",
            SPEECHD_ADDRESS=f"unix_socket:{runtime / 'speechd.sock'}",
        )
        outcome = finish(start_probe(session_file, env, "--wait-for-voice-problem"), timeout=40)
    finally:
        listener.close()
    assert listener.connections, "the speech engine never tried the stand-in daemon"
    assert outcome.returncode == 0, str(outcome)
    assert outcome.steps == list(range(TINY_STEPS)), str(outcome)
    assert outcome.finished, str(outcome)
    assert outcome.problems.count(NOT_ANSWERING) == 1, str(outcome)
    notices = [line for line in outcome.lines if line.startswith("notices ")]
    assert notices and notices[-1].count(NOT_ANSWERING) == 1, str(outcome)


@pytest.mark.slow
@needs_speechd
def test_a_session_with_a_real_speech_dispatcher_runs_every_step(
    tmp_path: Path, runtime: Path
) -> None:
    if shutil.which("speech-dispatcher") is None or not speechd_engine_available():
        pytest.skip("needs Debian's speech-dispatcher, espeak-ng, speech-dispatcher-espeak-ng")
    session_file = tmp_path / "tiny.yaml"
    session_file.write_text(TINY_SESSION, encoding="utf-8")
    env = app_environment(tmp_path, runtime, voice=True, engine="speechd")
    outcome = finish(start_probe(session_file, env), timeout=40)
    assert outcome.returncode == 0, str(outcome)
    assert outcome.steps == list(range(TINY_STEPS)), str(outcome)
    assert outcome.finished, str(outcome)
    speech_problems = [p for p in outcome.problems if p.startswith("Spoken cues")]
    assert len(speech_problems) <= 1, str(outcome)  # a daemon that hangs is named once at most


STARTS = 12
AT_ONCE = 4
# Seconds for one start under load (four at once beside two busy loops on two cores); a frozen
# start never ends, so a generous limit still catches it.
START_TIMEOUT = 60.0


@pytest.mark.slow
def test_starts_under_cpu_load_never_freeze(tmp_path: Path, runtime: Path) -> None:
    session_file = tmp_path / "one.yaml"
    session_file.write_text(ONE_HOLD_SESSION, encoding="utf-8")
    env = app_environment(tmp_path, runtime, voice=False, engine="mock")
    # Each of the starts at once gets a home of its own: in one home only one BackTimer runs
    # (a second start hands its request to the first and exits, by design).
    envs = []
    for number in range(AT_ONCE):
        home = tmp_path / f"home-{number}"
        write_home(home, voice=False)
        envs.append({**env, "BACKTIMER_HOME": str(home)})
    burners = [
        subprocess.Popen([sys.executable, "-c", "while True: pass"])
        for _ in range(2)  # two busy loops: both cores of a small laptop
    ]
    outcomes: list[Outcome] = []
    try:
        for _ in range(STARTS // AT_ONCE):
            children = [start_probe(session_file, own) for own in envs]
            outcomes += [finish(child, START_TIMEOUT) for child in children]
    finally:
        for burner in burners:
            burner.kill()
            burner.wait()
    frozen = [str(outcome) for outcome in outcomes if not outcome.finished]
    assert frozen == [], f"{len(frozen)} of {STARTS} starts froze: {frozen[:2]}"
    assert all(outcome.returncode == 0 for outcome in outcomes), [str(o) for o in outcomes]
