"""One audio stream kept open for the session, fed by a thread of its own, cues mixed in ahead.

Where PulseAudio (or PipeWire's PulseAudio service) answers, the stream is ``pulse.PulseOutput``
written by a plain thread running ``feed.Feeder``: a few big writes a second, flushed when the
plan changes (see ``feed`` for why and the figures). Elsewhere it is the ``QAudioSink`` below,
which was the first way (its reasons follow) and costs more wake-ups.

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

import ctypes
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
from backtimer.cues.feed import TARGET, Feeder, Shared
from backtimer.cues.mix import Placed, render
from backtimer.cues.plan import CueKey, Planned
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


class _Writer(QObject):
    """Lives on the stream's thread: owns the sink, writes a block every ``WRITE_EVERY_MS``."""

    failed = Signal(str)

    def __init__(self, shared: Shared, module: ModuleType) -> None:
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
            if origin is not None:  # the sink's own volume scales the sounds here
                self._placed += shared.take_due(start, start + count, origin, RATE,
                                                lambda samples: samples)
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


def name_thread(name: bytes) -> None:
    """Give the calling thread a name that ``top -H`` and the benchmarks can find (Linux)."""
    try:
        libc = ctypes.CDLL(None)
        libc.prctl(15, ctypes.c_char_p(name[:15]), 0, 0, 0)  # PR_SET_NAME
    except (OSError, AttributeError):
        pass


class CueStream(QObject):
    """The GUI side of the stream: schedule planned cues, claim late ones, set the volume.

    Signals: ``failed(str)`` once, when the stream cannot open or breaks.
    """

    failed = Signal(str)
    _thread_failed = Signal(str)  # from the PulseAudio thread (queued to this one)
    _no_pulse = Signal(object)  # from the PulseAudio thread: open the QAudioSink instead

    def __init__(self, module: ModuleType, sounds: Mapping[tuple[Cue, bool], array[int]],
                 parent: QObject, *, volume: float = 1.0, soft: bool = False,
                 pulse: bool = True) -> None:
        super().__init__(parent)
        self._shared = Shared()
        self._module = module
        self._all_sounds = dict(sounds)
        self._pulse = pulse
        self.set_volume(volume)
        self.set_soft(soft)
        self._thread: QThread | threading.Thread | None = None
        # This one and any still closing, each with its writer (kept alive from here).
        self._threads: list[tuple[QThread, _Writer]] = []
        self._feeders: list[threading.Thread] = []
        self._broken: str | None = None
        self._thread_failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        self._no_pulse.connect(self._start_sink, Qt.ConnectionType.QueuedConnection)

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
        shared = Shared()
        with self._shared.lock:
            shared.sounds, shared.volume = self._shared.sounds, self._shared.volume
        self._shared = shared
        if not self._pulse:
            self._start_sink(shared)
            return
        thread = threading.Thread(target=self._feed, args=(shared,),
                                  name="backtimer-cue-stream", daemon=True)
        self._thread = thread
        self._feeders.append(thread)
        thread.start()

    def _feed(self, shared: Shared) -> None:
        """The PulseAudio thread: a few big writes a second until closed (see ``feed``)."""
        from backtimer.cues.pulse import PulseOutput

        try:
            output = PulseOutput(RATE, "BackTimer cues", TARGET)
        except OSError as error:
            log.info("no PulseAudio stream (%s); using QAudioSink", error)
            self._no_pulse.emit(shared)
            return
        shared.flushable = True
        name_thread(b"backtimer-cues")
        feeder = Feeder(shared, output, RATE, time.monotonic)
        try:
            while not shared.closing:
                shared.wake.clear()
                sleep = feeder.step()
                shared.wake.wait(sleep)
        except OSError as error:
            if not shared.closing:
                self._thread_failed.emit(f"the stream broke ({error})")
        finally:
            output.close()

    @Slot(object)
    def _start_sink(self, shared: Shared) -> None:
        """The QAudioSink way: a QThread owning the sink, a block every ``WRITE_EVERY_MS``."""
        if shared is not self._shared or shared.closing:
            return
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
        """These cues, and no others, are to come. Already written ones stay (the QAudioSink
        way) or are dropped from the queue when no longer planned (PulseAudio)."""
        shared = self._shared
        with shared.lock:
            found = {p.key: (p.at, p.cue) for p in planned}
            shared.wanted = set(found)
            shared.pending = {key: due for key, due in found.items()
                              if key not in shared.started}
        shared.wake.set()

    def claim(self, key: CueKey, cue: Cue, now: float) -> bool:
        """An event says ``cue`` is due now: True if this stream sounds it.

        Already written, or planned for a moment still ahead: the stream has it. A cue nobody
        could plan (a skip, back, "Done"): the PulseAudio stream flushes its queue and puts it
        at the next sample (tens of ms); the QAudioSink one would sound it only after its whole
        queue (~0.4 s), so there False lets the caller play it at once the old way.
        """
        if not self.open:
            return False
        shared = self._shared
        with shared.lock:
            if key in shared.started:
                return True
            due = shared.pending.get(key)
            if not shared.flushable:
                return due is not None and due[0] > now
            if due is None:
                shared.pending[key] = (now, cue)
                shared.wanted.add(key)
        shared.wake.set()
        return True

    def cancel(self) -> None:
        """Nothing planned is to sound (a pause, a stop): queued cues not yet heard are dropped
        (PulseAudio; the QAudioSink way still plays what it has written)."""
        shared = self._shared
        with shared.lock:
            shared.pending.clear()
            shared.wanted.clear()
        shared.wake.set()

    def set_volume(self, volume: float) -> None:
        """The stream's gain, linear 0 to 1, for cues written from now on."""
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
        shared = self._shared
        with shared.lock:
            shared.closing = True
            shared.pending.clear()
            shared.origin = None
        shared.wake.set()
        if wait_ms > 0:
            for thread, _writer in list(self._threads):
                thread.wait(wait_ms)
            for feeder in self._feeders:
                feeder.join(wait_ms / 1000)
        self._feeders = [feeder for feeder in self._feeders if feeder.is_alive()]

    def _forget(self, thread: QThread) -> None:
        self._threads = [(t, w) for t, w in self._threads if t is not thread]

    def _failed(self, reason: str) -> None:
        if self._broken is not None:
            return
        log.warning("the cue stream does not work: %s", reason)
        self._broken = reason
        self.close()
        self.failed.emit(reason)
