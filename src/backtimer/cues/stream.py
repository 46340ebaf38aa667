"""One audio stream kept open for the session, fed by a writer thread, cues mixed in ahead.

Why (measured with ``benchmarks/cues.py`` on a real PulseAudio): a QSoundEffect per cue opens
its stream when it first plays (the first chime after a silence came 40-60 ms late), plays one
sound at a time (a new cue cut the one ringing) and starts when the GUI thread gets to it (a
busy or stalled event loop made every cue late). Here the stream never closes during a session,
its samples are written by a thread of its own (a QThread with its own event loop, owning the
``QAudioSink``), and every cue is placed at the sample that plays at its due moment, known ahead
from the runner's deadlines (``plan``). The writer keeps about ``BUFFER_MS`` of sound queued in
the server; a cue is put into the stream when the block that holds its sample is written.

The stream's clock: after every write, the next sample to be written plays when what is queued
in the server has played (``bufferSize - bytesFree``); that gives the moment sample 0 played on
the monotonic clock (``origin``), kept as the median of recent estimates.

Thread rules: the GUI thread only calls ``schedule``, ``claim``, ``set_volume``, ``close``,
which take a lock and never wait on the audio system; the writer thread owns every Qt
multimedia object and never touches a GUI object.

Signals: ``failed(str)`` (queued to the GUI thread) when the stream cannot open or breaks; the
director then plays each cue the old way.
"""

from __future__ import annotations

import logging
import statistics
import threading
import time
import wave
from array import array
from collections import deque
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot

from backtimer.cues.base import Cue
from backtimer.cues.mix import Placed, render
from backtimer.cues.plan import CueKey, Planned, sample_position
from backtimer.cues.qtlog import quiet_qt_messages

log = logging.getLogger(__name__)

RATE = 22050  # the cue WAVs' rate (``tools/make_sounds.py``)
BUFFER_MS = 400  # queued in the server: how long the writer thread may starve without a gap
WRITE_EVERY_MS = 40  # the writer's wake-ups: 25 a second while a session is on
OPEN_LEAD = 0.6  # a session starting while the stream opens begins this much ahead
PLAYING_LEAD = 0.45  # ... and this much when it already plays (the buffer and a margin)
ORIGIN_SAMPLES = 7  # recent clock estimates whose median is used
# What the sound server holds past the stream's own buffer before a sample is heard: Qt does
# not report it. PulseAudio's null sink measured 20-25 ms whatever the buffer (40 or 80 ms;
# ``benchmarks/cues.py``), so cues are placed that much earlier.
SERVER_LATENCY = 0.022


def read_wav(path: Path) -> array[int]:
    """A 16-bit mono WAV's samples (the cue sounds are all such files, at ``RATE``)."""
    with wave.open(str(path)) as wav:
        if wav.getsampwidth() != 2 or wav.getnchannels() != 1 or wav.getframerate() != RATE:
            raise ValueError(f"{path.name}: not 16-bit mono at {RATE} Hz")
        samples = array("h")
        samples.frombytes(wav.readframes(wav.getnframes()))
    return samples


class _Shared:
    """What both threads read and write, under one lock."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.pending: dict[CueKey, tuple[float, Cue]] = {}  # not yet written
        self.started: set[CueKey] = set()  # written into the stream (they will sound)
        self.sounds: dict[Cue, array[int]] = {}
        self.volume = 1.0
        self.origin: float | None = None
        self.closing = False


class _Writer(QObject):
    """Lives on the stream's thread: owns the sink, writes a block every ``WRITE_EVERY_MS``."""

    failed = Signal(str)

    def __init__(self, shared: _Shared, module: ModuleType) -> None:
        super().__init__()
        self._shared = shared
        self._module = module
        self._sink: Any = None
        self._device: Any = None
        self._timer: QTimer | None = None
        self._written = 0  # samples written so far
        self._placed: list[Placed] = []
        self._estimates: deque[float] = deque(maxlen=ORIGIN_SAMPLES)
        self._volume = -1.0

    @Slot()
    def open(self) -> None:
        module = self._module
        audio_format = module.QAudioFormat()
        audio_format.setSampleRate(RATE)
        audio_format.setChannelCount(1)
        audio_format.setSampleFormat(module.QAudioFormat.SampleFormat.Int16)
        with quiet_qt_messages():  # Qt's chatter about a missing server (see ``qtlog``)
            device = module.QMediaDevices.defaultAudioOutput()
        if device.isNull() or not device.isFormatSupported(audio_format):
            self.failed.emit("no output for 16-bit mono")
            self._close()
            return
        self._sink = module.QAudioSink(device, audio_format, self)
        self._sink.setBufferSize(2 * RATE * BUFFER_MS // 1000)
        self._device = self._sink.start()
        if self._device is None or self._sink.error() != module.QtAudio.Error.NoError:
            self.failed.emit(f"the stream did not open ({self._sink.error().name})")
            self._close()
            return
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._write)
        self._timer.start(WRITE_EVERY_MS)
        self._write()

    @Slot()
    def _write(self) -> None:
        shared = self._shared
        if shared.closing:
            self._close()
            return
        sink = self._sink
        if sink.error() not in (self._module.QtAudio.Error.NoError,
                                self._module.QtAudio.Error.UnderrunError):
            self.failed.emit(f"the stream broke ({sink.error().name})")
            self._close()
            return
        volume = shared.volume
        if volume != self._volume:
            self._volume = volume
            sink.setVolume(volume)
        count = sink.bytesFree() // 2
        if count <= 0:
            return
        start = self._written
        with shared.lock:
            origin = shared.origin
            if origin is not None:
                for key, (at, cue) in list(shared.pending.items()):
                    position = sample_position(at, origin, RATE)
                    if position < start + count and cue in shared.sounds:
                        # A cue whose moment is already behind the stream sounds now, whole.
                        self._placed.append(Placed(max(position, start), shared.sounds[cue]))
                        del shared.pending[key]
                        shared.started.add(key)
        self._placed = [sound for sound in self._placed if sound.end > start]
        block = render(self._placed, start, count)
        written = self._device.write(block.tobytes()) // 2
        self._written += max(0, written)
        queued = (sink.bufferSize() - sink.bytesFree()) / 2
        self._estimates.append(
            time.monotonic() + queued / RATE + SERVER_LATENCY - self._written / RATE)
        with shared.lock:
            shared.origin = statistics.median(self._estimates)

    def _close(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        if self._sink is not None:
            self._sink.stop()
            self._sink.deleteLater()
            self._sink = None
        thread = QThread.currentThread()
        if thread is not None:
            thread.quit()


class CueStream(QObject):
    """The GUI side of the stream: schedule planned cues, claim late ones, set the volume.

    Signals: ``failed(str)`` once, when the stream cannot open or breaks.
    """

    failed = Signal(str)

    def __init__(self, module: ModuleType, sounds: Mapping[tuple[Cue, bool], array[int]],
                 parent: QObject, *, volume: float = 1.0, soft: bool = False) -> None:
        super().__init__(parent)
        self._shared = _Shared()
        self._module = module
        self._all_sounds = dict(sounds)
        self.set_volume(volume)
        self.set_soft(soft)
        self._thread: QThread | None = None
        # This one and any still closing, each with its writer (kept alive from here).
        self._threads: list[tuple[QThread, _Writer]] = []
        self._broken: str | None = None

    @property
    def problem(self) -> str | None:
        return self._broken

    @property
    def open(self) -> bool:
        return self._thread is not None and self._broken is None

    @property
    def playing(self) -> bool:
        """Samples are flowing and their moments are known: cues can be placed ahead."""
        with self._shared.lock:
            return self.open and self._shared.origin is not None

    def lead(self) -> float:
        """How far ahead a session should start so its first chime is on time (0: no stream)."""
        if not self.open:
            return 0.0
        return PLAYING_LEAD if self.playing else OPEN_LEAD

    def start(self) -> None:
        """Open the stream on its own thread; returns at once. Each opening starts afresh."""
        if self._thread is not None or self._broken is not None:
            return
        shared = _Shared()
        with self._shared.lock:
            shared.sounds, shared.volume = self._shared.sounds, self._shared.volume
        self._shared = shared
        thread = QThread(self)
        thread.setObjectName("backtimer-cue-stream")
        writer = _Writer(shared, self._module)
        writer.moveToThread(thread)
        writer.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        thread.started.connect(writer.open)
        thread.finished.connect(writer.deleteLater)
        thread.finished.connect(thread.deleteLater)
        self._thread = thread
        self._threads.append((thread, writer))
        thread.finished.connect(lambda: self._forget(thread))
        thread.start(QThread.Priority.TimeCriticalPriority)

    def schedule(self, planned: Iterable[Planned]) -> None:
        """These cues, and no others, are to come; those already written stay as they are."""
        with self._shared.lock:
            started = self._shared.started
            self._shared.pending = {p.key: (p.at, p.cue) for p in planned if p.key not in started}

    def claim(self, key: CueKey, cue: Cue, now: float) -> bool:
        """An event says ``cue`` is due now: True if this stream sounds it (it was planned).

        Already written, or planned for a moment still ahead: the stream has it. A cue nobody
        could plan (a skip, back, "Done") is not put in: it would sound only after the whole
        queue (~0.4 s), so False lets the caller play it at once the old way.
        """
        del cue
        if not self.open:
            return False
        with self._shared.lock:
            if key in self._shared.started:
                return True
            due = self._shared.pending.get(key)
            return due is not None and due[0] > now

    def cancel(self) -> None:
        """Nothing planned is to sound (a pause, a stop)."""
        with self._shared.lock:
            self._shared.pending.clear()

    def set_volume(self, volume: float) -> None:
        """The stream's gain, linear 0 to 1; the writer applies it to the sink (live)."""
        with self._shared.lock:
            self._shared.volume = min(1.0, max(0.0, volume))

    def set_soft(self, soft: bool) -> None:
        """Use the low, quiet set (cues already written keep their sound)."""
        with self._shared.lock:
            self._shared.sounds = {
                cue: samples for (cue, is_soft), samples in self._all_sounds.items()
                if is_soft == soft
            }

    def close(self, wait_ms: int = 0) -> None:
        """Stop writing; the thread ends itself. ``wait_ms`` > 0 waits for it (at quit only)."""
        self._thread = None
        with self._shared.lock:
            self._shared.closing = True
            self._shared.pending.clear()
            self._shared.origin = None
        if wait_ms > 0:
            for thread, _writer in list(self._threads):
                thread.wait(wait_ms)

    def _forget(self, thread: QThread) -> None:
        self._threads = [(t, w) for t, w in self._threads if t is not thread]

    def _failed(self, reason: str) -> None:
        if self._broken is not None:
            return
        log.warning("the cue stream does not work: %s", reason)
        self._broken = reason
        self.close()
        self.failed.emit(reason)
