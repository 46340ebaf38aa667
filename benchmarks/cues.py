"""Cues heard on time: a session in the real window, its sound recorded from a real sound server.

    python -m benchmarks.cues [--smoke] [--load] [--stalls] [--voice]
    python -m benchmarks.cues --stream [--smoke]   # the stream's own threads: CPU, wake-ups

It starts a PulseAudio of its own (a private ``XDG_RUNTIME_DIR``, never the user's server) with
one null sink, records that sink's monitor with ``parec`` and runs, in a child process, the
window as ``backtimer`` builds it (offscreen; the audio is real) through a ~20 s session of
4 s holds and 2 s rests: a chime at every step, three countdown pips before each 4 s step ends,
the finish. The child reports the moments every cue is due, computed from the runner's own
schedule (its start plus the planned durations; the monotonic clock, as the runner reads it);
the parent finds the onsets in the recording (a jump of the 1 ms peak level over a threshold),
puts the recording on the same clock (each chunk's arrival time minus the audio before it; the
earliest such estimate wins, since data can only arrive after it was played) and matches every
due cue to the first onset near it.

``--load`` runs two busy processes beside it (a loaded machine); ``--stalls`` freezes the
window's event loop for 300 ms at random moments (as ``benchmarks.drift`` does); ``--voice``
turns the spoken cues on too (their onsets then show as extra sounds).

Last line: ``cues: E expected, H heard, onset error median M ms, p99 P ms, max X ms, cut C``.
The median is signed (below zero: the cues come early); p99 and max are of the error's size,
early or late.
"""

from __future__ import annotations

import array
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.common import REPO, child_env, median, report, thread_figures, thread_rates

RATE = 44100
FRAME = RATE // 1000  # 1 ms of samples: the resolution of the onset search
ONSET_LEVEL = 600  # of 32767: well under any cue at the default volume, far over silence
SILENT_LEVEL = 60  # where a cue's tail is taken to have ended
RISE = 2.5  # an onset: the level jumps to this many times what it was 3 to 30 ms before
EARLY = 0.050  # an onset this much before its due moment still counts as that cue's
LATE_LIMIT = 2.0  # later than this (or after the next cue is due) a cue counts as lost
START_AFTER_MS = 2500  # the sounds load 400 ms after start-up; let them settle
STALL_SECONDS = 0.3
FULL_SCALE = 32767  # a sample at (or past) it is clipped
SPEECH_WAIT = 3.0  # a phrase not heard this long after it was asked counts as not heard
SPEECH_GAP_MS = 400  # speech has ended after this long quiet
CHIMES = ("hold", "rest", "finish")  # a phrase follows one of these by design
SPEECH_LEVEL = 300  # the voice's own recording: over this, it speaks
SOUNDS = REPO / "resources" / "sounds"


@dataclass(frozen=True)
class Due:
    at: float  # monotonic seconds
    cue: str
    length: float  # seconds of the cue's sound


# -- the child: the window running a session -----------------------------------------------------


STREAM_THREADS = ("backtimer-cues", "threaded-ml", "backtimer-cue-s", "QPulseAudioEngi")


def stream_line(rates: dict[str, list[float]]) -> str:
    parts = [f"{name} {cpu:.2f}% of a core, {wakes:.0f} wake-ups/s"
             for name, (cpu, wakes) in rates.items() if name in STREAM_THREADS]
    return "; ".join(parts) or "no stream thread found"


def run_stream_child(argv: list[str]) -> int:
    """The stream alone (no window), silence and a chime every 2 s: its threads' CPU, per way."""
    from PySide6.QtCore import QCoreApplication, QObject, QTimer

    from backtimer.cues.base import Cue
    from backtimer.cues.plan import Planned
    from backtimer.cues.sound import import_multimedia, sound_file
    from backtimer.cues.stream import CueStream, read_wav

    seconds = 5.0 if "--smoke" in argv else 15.0
    app = QCoreApplication(sys.argv[:1])
    module = import_multimedia()
    sounds = {(cue, soft): read_wav(sound_file(SOUNDS, cue, soft))
              for cue in Cue for soft in (False, True)}
    results: dict[str, Any] = {}
    ways = iter([("pulse", True), ("qaudiosink", False)])
    parent = QObject()

    def next_way() -> None:
        way = next(ways, None)
        if way is None:
            app.quit()
            return
        name, pulse = way
        stream = CueStream(module, sounds, parent, pulse=pulse)
        stream.start()
        marks: dict[str, Any] = {}

        def begin() -> None:
            now = time.monotonic()
            stream.schedule([Planned((0, i, "chime", 0), now + 1 + 2.0 * i, Cue.HOLD)
                             for i in range(int(seconds / 2))])
            marks.update(wall=now, cpu=time.process_time(), threads=thread_figures())

        def end() -> None:
            wall = time.monotonic() - marks["wall"]
            rates = thread_rates(marks["threads"], thread_figures(), wall)
            results[name] = {"process_percent": 100 * (time.process_time() - marks["cpu"]) / wall,
                             "threads": {k: v for k, v in rates.items() if v[1] > 0.5},
                             "problem": stream.problem}
            stream.close(wait_ms=2000)
            QTimer.singleShot(500, next_way)

        QTimer.singleShot(1500, begin)
        QTimer.singleShot(int(1500 + seconds * 1000), end)

    QTimer.singleShot(0, next_way)
    QTimer.singleShot(120_000, app.quit)
    app.exec()
    report(results)
    return 0


def session_yaml(exercise: str, smoke: bool) -> str:
    if smoke:
        return ("title: Cue benchmark\nprepare: 2s\nitems:\n"
                f"  - {{exercise: {exercise}, hold: 4s, rest: 2s, reps: 1}}\n")
    return ("title: Cue benchmark\nprepare: 4s\nitems:\n"
            f"  - {{exercise: {exercise}, hold: 4s, rest: 2s, reps: 3}}\n")


def due_cues(timeline: Any, started: float) -> list[Due]:
    """Every sound the director should make, at the moment the runner's schedule puts it."""
    from backtimer.cues.base import Cue
    from backtimer.cues.plan import cue_for_step, wants_countdown
    from backtimer.engine.runner import COUNTDOWN_SECONDS, HALFWAY_MIN_SECONDS
    from backtimer.session.timeline import StepKind

    lengths = {cue.value: wav_seconds(SOUNDS / f"{cue.value}.wav") for cue in Cue}
    found: list[Due] = []
    at = started
    for step in timeline.steps:
        seconds = step.seconds or 0.0
        chime = cue_for_step(step).value
        found.append(Due(at, chime, lengths[chime]))
        if step.kind is StepKind.HOLD and seconds >= HALFWAY_MIN_SECONDS:
            found.append(Due(at + seconds / 2, "halfway", lengths["halfway"]))
        if wants_countdown(step):
            for left in COUNTDOWN_SECONDS:
                if seconds > left:
                    found.append(Due(at + seconds - left, "countdown", lengths["countdown"]))
        at += seconds
    found.append(Due(at, "finish", lengths["finish"]))
    return sorted(found, key=lambda due: due.at)


def run_child(argv: list[str]) -> int:
    import random

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from backtimer.cues.factory import create_cues
    from backtimer.engine.clock import MonotonicClock
    from backtimer.engine.events import SessionFinished, SessionStarted
    from backtimer.store.library import Library
    from backtimer.store.paths import Paths
    from backtimer.store.settings import Settings, save_settings
    from backtimer.ui.shell.main_window import MainWindow

    smoke, stalls, voice = "--smoke" in argv, "--stalls" in argv, "--voice" in argv
    app = QApplication(sys.argv[:1])
    paths = Paths.from_environment()
    settings = Settings(safety_acknowledged=True, voice=voice)
    save_settings(paths.settings_file, settings)
    library = Library(paths)
    plain = sorted(e.id for e in library.exercises.values() if not e.has_sides)
    folder = Path(tempfile.mkdtemp(prefix="cues-"))
    (folder / "cues.yaml").write_text(session_yaml(plain[0], smoke), encoding="utf-8")
    session = library.resolve(str(folder / "cues.yaml"))
    timeline = library.timeline(session)
    window = MainWindow(library, settings, paths, clock=MonotonicClock())
    cues = create_cues(settings, window, exercises=library.exercises)
    window.attach_cues(cues)
    window.show()
    said: list[tuple[float, str]] = []
    speak = cues.voice.say

    def say(text: str) -> None:  # when the app hands a phrase to the speech engine
        said.append((time.monotonic(), text))
        speak(text)

    cues.voice.say = say  # type: ignore[method-assign]
    moments: dict[str, float] = {}
    threads: dict[str, dict[tuple[str, str], tuple[float, int]]] = {}
    stalled: list[tuple[float, float]] = []
    rng = random.Random(16)

    def stall() -> None:
        if "finished" in moments:
            return
        began = time.monotonic()
        time.sleep(STALL_SECONDS)
        stalled.append((began, time.monotonic()))
        QTimer.singleShot(int(rng.uniform(1.0, 3.0) * 1000), window, stall)

    def on_started(event: SessionStarted) -> None:
        # The adapter emits its signals before it hands the event to the cue director, so this
        # is the moment the runner started, before any cue was played.
        moments["started"] = time.monotonic()
        runner = window.run.adapter.runner  # the runner's own reading of the clock at the start
        began = getattr(runner, "_segment_start", None)
        if isinstance(began, float):
            moments["started"] = began
        threads["started"] = thread_figures()

    def on_event(event: object) -> None:
        if isinstance(event, SessionFinished):
            moments["finished"] = time.monotonic()
            threads["finished"] = thread_figures()
            QTimer.singleShot(3000, app.quit)  # the finish chime rings for ~2 s

    def start() -> None:
        window.start_session(session)
        if stalls:
            QTimer.singleShot(int(rng.uniform(1.0, 3.0) * 1000), window, stall)

    window.run.adapter.session_started.connect(on_started)
    window.run.adapter.add_listener(on_event)
    QTimer.singleShot(START_AFTER_MS, window, start)
    QTimer.singleShot(120_000, app.quit)  # a safety net: never hang the parent
    app.exec()
    problems = cues.problems()
    cues.close()
    if "started" not in moments:
        print("the session did not start", file=sys.stderr)
        return 1
    due = due_cues(timeline, moments["started"])
    rates = {}
    if "finished" in threads:
        rates = thread_rates(threads["started"], threads["finished"],
                             moments["finished"] - moments["started"])
    report({"due": [[d.at, d.cue, d.length] for d in due], "problems": problems,
            "stalls": stalled, "finished": moments.get("finished"), "threads": rates,
            "said": said})
    return 0


# -- the parent: sound server, recorder, analysis ------------------------------------------------


def wav_seconds(path: Path) -> float:
    with wave.open(str(path)) as wav:
        return float(wav.getnframes() / wav.getframerate())


class Recorder:
    """``parec`` on the sink's monitor, read on a thread that notes when each chunk arrives."""

    def __init__(self, env: dict[str, str], sink: str = "rec") -> None:
        self.process = subprocess.Popen(
            ["parec", "-d", f"{sink}.monitor", "--raw", "--format=s16le", f"--rate={RATE}",
             "--channels=1", "--latency-msec=10"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.data = bytearray()
        self.start: float | None = None  # the monotonic moment of the first sample
        self.estimates: list[float] = []
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        stream = self.process.stdout
        while chunk := os.read(stream.fileno(), 8192):
            now = time.monotonic()
            self.data += chunk
            # The chunk's last sample was played no later than now: so the first one was played
            # no later than now minus the audio before it. The earliest such bound is closest.
            estimate = now - (len(self.data) // 2) / RATE
            self.estimates.append(estimate)
            if self.start is None or estimate < self.start:
                self.start = estimate

    def stop(self) -> tuple[array.array[int], float]:
        self.process.terminate()
        self.process.wait(timeout=5)
        self.thread.join(timeout=5)
        samples = array.array("h")
        samples.frombytes(bytes(self.data[: len(self.data) // 2 * 2]))
        if sys.byteorder != "little":
            samples.byteswap()
        assert self.start is not None, "parec recorded nothing"
        return samples, self.start


class SoundServer:
    """A private PulseAudio with one null sink ``rec``; killed by its PID."""

    def __init__(self) -> None:
        self.folder = tempfile.mkdtemp(prefix="bench-pulse-")
        self.env = dict(os.environ)
        self.env.update({
            "XDG_RUNTIME_DIR": self.folder,
            "PULSE_RUNTIME_PATH": os.path.join(self.folder, "pulse"),
            "PULSE_SERVER": "unix:" + os.path.join(self.folder, "pulse", "native"),
            "PULSE_STATE_PATH": os.path.join(self.folder, "state"),
            "PULSE_CONFIG_PATH": os.path.join(self.folder, "config"),
        })
        # Not on the desktop's session bus: a PulseAudio already running there (the user's, or
        # CI's own) would make this one think a server is running and refuse to start.
        self.env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        self.pid: int | None = None
        subprocess.run(
            # Real-time and high priority, as a desktop's server gets them through rtkit (here
            # as root; a user without the rights gets a warning and a normal priority).
            ["pulseaudio", "-n", "--daemonize=yes", "--exit-idle-time=-1", "--log-target=stderr",
             "--realtime=yes", "--high-priority=yes",
             "-L", "module-null-sink sink_name=rec",
             "-L", "module-null-sink sink_name=speech",
             "-L", "module-native-protocol-unix auth-anonymous=1"],
            env=self.env, check=True, timeout=20, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE)
        pid_file = Path(self.folder) / "pulse" / "pid"
        for _ in range(100):
            if pid_file.is_file() and pid_file.read_text().strip():
                self.pid = int(pid_file.read_text().strip())
                break
            time.sleep(0.05)
        if self.pid is None:
            raise RuntimeError("the private PulseAudio did not start")

    def close(self) -> None:
        if self.pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGTERM)
            self.pid = None
        shutil.rmtree(self.folder, ignore_errors=True)


class SpeechServer:
    """A speech-dispatcher of the benchmark's own, speaking into the null sink ``speech``
    (``PULSE_SINK``), so the voice is recorded apart from the cues and put beside them."""

    def __init__(self, env: dict[str, str]) -> None:
        folder = Path(env["XDG_RUNTIME_DIR"]) / "speech-dispatcher"
        folder.mkdir(parents=True, exist_ok=True)
        self.socket = folder / "speechd.sock"
        speech_env = dict(env, PULSE_SINK="speech")
        self.pid_file = folder / "pid"
        subprocess.run(
            ["speech-dispatcher", "-d", "-t", "0", "-c", "unix_socket", "-S", str(self.socket),
             "-P", str(self.pid_file), "-L", str(folder)],
            env=speech_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=20,
            check=False)
        for _ in range(100):
            if self.socket.exists() and self.pid_file.is_file():
                break
            time.sleep(0.05)
        # Once warm (its espeak-ng module loaded), as a desktop's daemon is; the app's engine
        # would otherwise meet a cold start inside its own time-outs on a loaded machine.
        if shutil.which("spd-say"):
            subprocess.run(["spd-say", "-w", "-i", "-100", "ready"],
                           env=dict(env, SPEECHD_ADDRESS=f"unix_socket:{self.socket}"),
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=30,
                           check=False)

    def close(self) -> None:
        """Ended by the PID it wrote (it ends its speech modules itself)."""
        with contextlib.suppress(OSError, ValueError):
            os.kill(int(self.pid_file.read_text().strip()), signal.SIGTERM)


def peaks(samples: array.array[int]) -> list[int]:
    """The loudest sample of every frame (44 samples: about a millisecond)."""
    found = []
    for start in range(0, len(samples) - FRAME + 1, FRAME):
        frame = samples[start:start + FRAME]
        found.append(max(max(frame), -min(frame)))
    return found


def onsets(samples: array.array[int], level: list[int]) -> list[int]:
    """Sample indices where a sound begins: the level jumps over the threshold and its past."""
    found: list[int] = []
    last = -10**9
    for i, peak in enumerate(level):
        if peak < ONSET_LEVEL or i - last < 60:
            continue
        before = max(level[max(0, i - 30):max(0, i - 3)], default=0)
        if peak > RISE * before:
            floor = max(ONSET_LEVEL, 2 * before)
            start = i * FRAME
            first = next((s for s in range(max(0, start - FRAME), start + FRAME)
                          if abs(samples[s]) >= floor), start)
            found.append(first)
            last = i
    return found


def sounding_until(level: list[int], onset: int) -> int:
    """The frame where the sound begun at frame ``onset`` falls silent for 10 frames."""
    quiet = 0
    for i in range(onset, len(level)):
        quiet = quiet + 1 if level[i] < SILENT_LEVEL else 0
        if quiet >= 10:
            return i - 9
    return len(level)


def wav_peaks(name: str) -> list[int]:
    """The cue's own sound, as 1 ms peaks (the WAVs are 22.05 kHz mono)."""
    with wave.open(str(SOUNDS / f"{name}.wav")) as wav:
        rate = wav.getframerate()
        data = array.array("h")
        data.frombytes(wav.readframes(wav.getnframes()))
    step = rate // 1000
    return [max(abs(min(data[i:i + step])), max(data[i:i + step]))
            for i in range(0, len(data) - step + 1, step)]


def audible(name: str, level: list[int], frame: int) -> float:
    """Seconds the cue's own sound stays over the silence level at the volume it was heard.

    The volume setting scales a decaying tail under the silence level before the file ends, so
    a whole sound must not count as cut: its gain is the recorded peak of its first 100 ms over
    the file's, and it should ring until its file, so scaled, falls silent.
    """
    own = wav_peaks(name)
    heard = max(level[frame:frame + 100], default=0)
    gain = heard / max(max(own[:100]), 1)
    loud = [i for i, peak in enumerate(own) if peak * gain >= SILENT_LEVEL]
    return (loud[-1] + 1) / 1000 if loud else 0.0


def analyse(samples: array.array[int], start: float, due: list[Due]) -> dict[str, Any]:
    """Match every due cue to the first onset near it; time, loss and cuts of each."""
    level = peaks(samples)
    found = onsets(samples, level)
    heard = [start + s / RATE for s in found]
    matched: list[tuple[Due, float, int]] = []  # the cue, its onset, the onset's frame
    used: set[int] = set()
    lost: list[str] = []
    for n, d in enumerate(due):
        limit = d.at + LATE_LIMIT
        if n + 1 < len(due):
            limit = min(limit, due[n + 1].at - EARLY)
        match = next((k for k, t in enumerate(heard)
                      if k not in used and d.at - EARLY <= t < limit), None)
        if match is None:
            lost.append(f"{d.cue}@{d.at - due[0].at:.2f}s")
            continue
        used.add(match)
        matched.append((d, heard[match], found[match] // FRAME))
    late = [f"{d.cue}@{d.at - due[0].at:.2f}s {1000 * (onset - d.at):+.0f} ms"
            for d, onset, _ in matched if abs(onset - d.at) > 0.02]
    cut: list[str] = []
    for n, (d, onset, frame) in enumerate(matched):
        # A cue is cut when it falls silent well before its sound ends or the next cue begins.
        gap = matched[n + 1][1] - onset if n + 1 < len(matched) else 10.0
        should_ring = min(audible(d.cue, level, frame) * 0.9, gap - 0.03)
        if (sounding_until(level, frame) - frame) * FRAME / RATE < should_ring:
            cut.append(f"{d.cue}@{d.at - due[0].at:.2f}s")
    inside = {k for k, t in enumerate(heard)  # the later notes of a cue's own sound
              if any(0 < t - onset < d.length for d, onset, _ in matched)}
    beeps = [(onset, onset + d.length, d.cue) for d, onset, _ in matched]
    errors_ms = sorted((onset - d.at) * 1000 for d, onset, _ in matched)
    # The median keeps its sign (below zero: early, as a steady bias shows); p99 and max are of
    # how far off a cue was, early or late, which is what "within 20 ms" asks.
    sizes = sorted(abs(e) for e in errors_ms)
    p99 = sizes[min(len(sizes) - 1, int(0.99 * len(sizes)))] if sizes else 0.0
    return {
        "expected": len(due), "heard": len(matched), "extra": len(set(range(len(heard))) -
                                                                   used - inside),
        "median_ms": median(errors_ms), "p99_ms": p99,
        "max_ms": sizes[-1] if sizes else float("nan"),
        "min_ms": min(errors_ms) if errors_ms else float("nan"),
        "cut": len(cut), "cut_cues": cut, "lost": lost, "off_cues": late,
        "errors_ms": [round(e, 1) for e in errors_ms], "recorded_s": len(samples) / RATE,
        "full_scale": sum(1 for v in samples if v >= FULL_SCALE or v <= -FULL_SCALE),
        "beeps": beeps,
        "level": level, "start": start,
        "beep_peak": max((max(level[f:f + 300], default=0) for _d, _o, f in matched), default=0),
    }


def speech(figures: dict[str, Any], said: list[tuple[float, str]], cues: array.array[int],
           cues_start: float, spoken: tuple[array.array[int], float] | None) -> dict[str, Any]:
    """Each phrase the app handed to the speech engine: when it was heard (recorded from the
    voice's own sink), how long it spoke, which beeps it overlapped, and whether the voice and
    the cues mixed (as a desktop's one sink would) pass full scale."""
    found: dict[str, Any] = {"said": len(said), "heard": 0, "delay_ms": [], "overlaps": [],
                             "tails": [],
                             "overlap_ms": 0.0, "peak": 0, "clipped": 0, "mixed_clipped": 0}
    if spoken is None:
        return found
    voice, start = spoken
    level = peaks(voice)
    spans = []
    for n, (asked, words) in enumerate(said):
        until = said[n + 1][0] if n + 1 < len(said) else asked + SPEECH_WAIT
        first = max(0, round((asked - start) * 1000))
        last = min(len(level), round((until - start) * 1000))
        frame = next((i for i in range(first, last) if level[i] >= SPEECH_LEVEL), None)
        if frame is None:
            continue
        onset = start + frame / 1000
        end = onset + (speaking_until(level, frame) - frame) / 1000
        spans.append((onset, end))
        found["delay_ms"].append((onset - asked) * 1000)
        for begin, finish, cue in figures["beeps"]:
            shared = min(end, finish) - max(onset, begin)
            if shared <= 0.005:
                continue
            if begin <= asked and cue in CHIMES:  # the chime it follows, still ringing out
                found["tails"].append(
                    f"'{words}' over the {cue} chime's tail, {shared * 1000:.0f} ms")
            else:  # a beep that began while it spoke: the placement failed
                found["overlaps"].append(f"'{words}' over a {cue} beep, {shared * 1000:.0f} ms")
                found["overlap_ms"] += shared * 1000
    found["heard"] = len(spans)
    found["delay_ms"].sort()
    found["peak"] = max(level, default=0)
    found["clipped"] = sum(1 for v in voice if v >= FULL_SCALE or v <= -FULL_SCALE)
    shift = round((start - cues_start) * RATE)  # the voice's sample 0 in the cues' recording
    found["mixed_clipped"] = sum(
        1 for i, v in enumerate(voice)
        if 0 <= i + shift < len(cues) and abs(v + cues[i + shift]) >= FULL_SCALE)
    return found


def speaking_until(level: list[int], onset: int) -> int:
    """The frame where speech begun at ``onset`` ends: quiet for ``SPEECH_GAP_MS`` (words and
    sentences have short pauses inside)."""
    quiet = 0
    for i in range(onset, len(level)):
        quiet = quiet + 1 if level[i] < SILENT_LEVEL else 0
        if quiet >= SPEECH_GAP_MS:
            return i - SPEECH_GAP_MS + 1
    return len(level)


def busy() -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", "while True: pass"])


def run(argv: list[str]) -> dict[str, Any]:
    """Start the server and the recorder, run the child, analyse; everything stopped after."""
    missing = [tool for tool in ("pulseaudio", "parec") if shutil.which(tool) is None]
    if missing:
        print(f"cues: skipped ({', '.join(missing)} not installed)")
        return {"skipped": True}
    server: SoundServer | None = None
    recorder: Recorder | None = None
    voice: Recorder | None = None
    speaker: SpeechServer | None = None
    load: list[subprocess.Popen[bytes]] = []
    try:
        server = SoundServer()
        recorder = Recorder(server.env)
        if "--voice" in argv and shutil.which("speech-dispatcher"):
            speaker = SpeechServer(server.env)
            voice = Recorder(server.env, "speech")
        if "--load" in argv:
            load = [busy(), busy()]
        with tempfile.TemporaryDirectory(prefix="backtimer-bench-") as home:
            env = child_env(home)
            for key in ("XDG_RUNTIME_DIR", "PULSE_RUNTIME_PATH", "PULSE_SERVER"):
                env[key] = server.env[key]
            if speaker is not None:
                env["SPEECHD_ADDRESS"] = f"unix_socket:{speaker.socket}"
            done = subprocess.run(
                [sys.executable, "-m", "benchmarks.cues", "--child", *argv],
                cwd=REPO, env=env, capture_output=True, text=True, timeout=180, check=False)
        for process in load:
            process.kill()
            process.wait()
        load = []
        estimates = recorder.estimates
        samples, start = recorder.stop()
        recorder = None
        spoken: tuple[array.array[int], float] | None = None
        if voice is not None:
            spoken = voice.stop()
            voice = None
        result = None
        for line in done.stdout.splitlines():
            if line.startswith("BENCH-RESULT "):
                result = json.loads(line[len("BENCH-RESULT "):])
        if done.returncode != 0 or result is None:
            raise RuntimeError(f"the cue child failed ({done.returncode}):\n{done.stderr[-3000:]}")
        due = [Due(*item) for item in result["due"]]
        keep = os.environ.get("BACKTIMER_BENCH_KEEP")
        if keep:  # the recording and the schedule, to look at: a .raw and a .json
            Path(keep + ".raw").write_bytes(samples.tobytes())
            Path(keep + ".json").write_text(json.dumps({"start": start, "due": result["due"],
                                                        "estimates": estimates}))
        figures = analyse(samples, start, due)
        figures["problems"] = result["problems"]
        figures["warnings"] = [line for line in done.stderr.splitlines() if "speech" in line]
        figures["stalls"] = len(result["stalls"])
        figures["load"] = "--load" in argv
        figures["threads"] = result.get("threads", {})
        figures["voice"] = "--voice" in argv
        figures["speech"] = speech(figures, [tuple(x) for x in result.get("said", [])],
                                   samples, start, spoken)
        del figures["level"], figures["beeps"]
        return figures
    finally:
        for process in load:
            process.kill()
            process.wait()
        for left in (recorder, voice):
            if left is not None:
                left.process.kill()
        if speaker is not None:
            speaker.close()
        if server is not None:
            server.close()


def run_stream(argv: list[str]) -> int:
    """``--stream``: the stream alone on the private server, PulseAudio's way and Qt's."""
    if shutil.which("pulseaudio") is None:
        print("stream: skipped (pulseaudio not installed)")
        return 0
    server = SoundServer()
    try:
        with tempfile.TemporaryDirectory(prefix="backtimer-bench-") as home:
            env = child_env(home)
            for key in ("XDG_RUNTIME_DIR", "PULSE_RUNTIME_PATH", "PULSE_SERVER"):
                env[key] = server.env[key]
            done = subprocess.run(
                [sys.executable, "-m", "benchmarks.cues", "--child", *argv],
                cwd=REPO, env=env, capture_output=True, text=True, timeout=180, check=False)
    finally:
        server.close()
    result = next((json.loads(line[len("BENCH-RESULT "):]) for line in done.stdout.splitlines()
                   if line.startswith("BENCH-RESULT ")), None)
    if done.returncode != 0 or result is None:
        raise RuntimeError(f"the stream child failed ({done.returncode}):\n{done.stderr[-3000:]}")
    for way, figures in result.items():
        problem = f" (did not play: {figures['problem']})" if figures["problem"] else ""
        print(f"stream, {way}: process {figures['process_percent']:.2f}% of a core; "
              f"{stream_line(figures['threads'])}{problem}")
    report(result)
    return 0


def summary(figures: dict[str, Any]) -> str:
    return (f"cues: {figures['expected']} expected, {figures['heard']} heard, onset error median "
            f"{figures['median_ms']:.1f} ms, p99 {figures['p99_ms']:.1f} ms, max "
            f"{figures['max_ms']:.1f} ms, cut {figures['cut']}")


def main(argv: list[str]) -> int:
    if "--child" in argv:
        return run_stream_child(argv) if "--stream" in argv else run_child(argv)
    if "--stream" in argv:
        return run_stream(argv)
    figures = run(argv)
    if figures.get("skipped"):
        report(figures)
        return 0
    what = ", ".join(name for name, on in (("CPU loaded by two busy processes", figures["load"]),
                                            (f"{figures['stalls']} stalls of 300 ms",
                                             figures["stalls"] > 0)) if on) or "quiet"
    print(f"recorded {figures['recorded_s']:.1f} s from a private PulseAudio null sink ({what})")
    if figures["problems"]:
        print(f"the window reported: {figures['problems']}")
        for line in figures["warnings"]:
            print(f"  log: {line[-200:]}")
    print(f"onset errors (ms): {figures['errors_ms']}")
    if figures["lost"]:
        print(f"lost: {', '.join(figures['lost'])}")
    if figures["off_cues"]:
        print(f"more than 20 ms off: {', '.join(figures['off_cues'])}")
    if figures["cut_cues"]:
        print(f"cut short: {', '.join(figures['cut_cues'])}")
    print(f"extra sounds (not a due cue): {figures['extra']}")
    if figures["threads"]:
        print(f"stream while counting: {stream_line(figures['threads'])}")
    if figures["voice"]:
        talk = figures["speech"]
        for overlap in talk["overlaps"] + talk["tails"]:
            print(f"  {overlap}")
        delays = talk["delay_ms"]
        print(f"speech: {talk['said']} said, {talk['heard']} heard, onset after asked median "
              f"{median(delays):.0f} ms, max {max(delays, default=float('nan')):.0f} ms, "
              f"{len(talk['overlaps'])} overlapping a beep ({talk['overlap_ms']:.0f} ms), "
              f"{len(talk['tails'])} over the tail of the chime before, "
              f"peak {talk['peak']} (beeps {figures['beep_peak']}), clipped: voice "
              f"{talk['clipped']}, cues {figures['full_scale']}, mixed {talk['mixed_clipped']} "
              "samples")
    report(figures)
    print(summary(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
