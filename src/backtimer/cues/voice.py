"""Spoken cues through QtTextToSpeech, in a process of its own, watched with time-outs.

Why it is shaped like this (measured on these machines):
- with the ``speechd`` engine, making a QTextToSpeech blocks about 2 s while speech-dispatcher
  spawns, and forever when the daemon accepts but never answers (in ``spd_open``); ``say()``
  can block the same way mid-session (in ``spd_execute_command``). PySide6 keeps the GIL
  through those calls, so not even another thread of this process could keep the count going.
  So the engine lives in ``backtimer.cues.speaker``, a child process: the GUI thread only
  starts it (``QProcess``, asynchronous) and writes lines to it, and never waits for an answer;
- every step the child must take has a deadline: being up, having made its engine, answering
  each phrase. A voice that misses one is ended and dropped for the rest of the app's life,
  reported once (``problem_found``); the session's count never depended on it;
- importing ``PySide6.QtTextToSpeech`` fails without ``libpulse.so.0``, and the Linux wheel
  has only the ``speechd`` and ``mock`` engines, ``speechd`` needing a speech-dispatcher: the
  child reports either, and the voice stays silent with a ``problem``. Tests pass
  ``engine="mock"`` (or set ``QT_TEXTTOSPEECH_ENGINE``, which the child inherits).

Signals: ``problem_found(str)`` once, when speech turns out not to work; ``word_spoken(str)``
for each word the engine says it is saying (the ``mock`` engine does; tests listen to it);
``voices_found(list)`` with the engine's voice names once it is ready (Settings lists them).
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Sequence
from enum import Enum, auto
from pathlib import Path

from PySide6.QtCore import (
    QByteArray,
    QObject,
    QProcess,
    QProcessEnvironment,
    QTimer,
    Signal,
)

from backtimer.cues.words import tr

log = logging.getLogger(__name__)

ENGINE_VARIABLE = "QT_TEXTTOSPEECH_ENGINE"

START_TIMEOUT_MS = 20_000  # Python and QtCore up in the child (a second or two on a busy laptop)
ENGINE_TIMEOUT_MS = 15_000  # the engine made: speech-dispatcher spawns in ~2 s; a loaded
# machine (benchmarks.cues --voice --load) took over 6 s twice in three runs
ANSWER_TIMEOUT_MS = 3_000  # each phrase handed over: milliseconds when the daemon is well



def speaker_command(engine: str | None) -> list[str]:
    """The child's command line: this Python, running ``backtimer.cues.speaker``."""
    return [sys.executable, "-m", "backtimer.cues.speaker", engine or ""]


class _Phase(Enum):
    IDLE = auto()  # not asked to speak yet
    STARTING = auto()  # the process was started; waiting for {"started"}
    MAKING = auto()  # the child is making its engine; waiting for {"ready"}
    READY = auto()  # speaking
    OFF = auto()  # dropped (a problem) or closed: silent for good


class QtVoice(QObject):
    """Speaks short phrases, each interrupting the last; silent (with a ``problem``) where it can't.

    ``engine`` names a QtTextToSpeech engine; None takes ``$QT_TEXTTOSPEECH_ENGINE`` or else
    Qt's default. ``command`` and the time-outs exist for tests (a child that never answers).
    No method ever waits for the child.
    """

    problem_found = Signal(str)
    word_spoken = Signal(str)
    voices_found = Signal(list)

    def __init__(
        self,
        parent: QObject,
        engine: str | None = None,
        volume: float = 0.8,
        *,
        command: Sequence[str] | None = None,
        start_timeout_ms: int = START_TIMEOUT_MS,
        engine_timeout_ms: int = ENGINE_TIMEOUT_MS,
        answer_timeout_ms: int = ANSWER_TIMEOUT_MS,
    ) -> None:
        super().__init__(parent)
        engine_name = engine if engine is not None else os.environ.get(ENGINE_VARIABLE)
        self._command = list(command) if command is not None else speaker_command(engine_name)
        self._timeouts = (start_timeout_ms, engine_timeout_ms, answer_timeout_ms)
        self._volume = volume
        self._voice_name = ""
        self._voices: list[str] = []
        self._problem: str | None = None
        self._phase = _Phase.IDLE
        self._pending = ""  # the latest phrase asked for before the engine was ready
        self._unanswered = 0  # phrases sent that the child has not answered yet
        self._process: QProcess | None = None
        self._dying: list[QProcess] = []  # killed, not yet reaped by the event loop
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.timeout.connect(self._too_slow)

    @property
    def problem(self) -> str | None:
        return self._problem

    @property
    def prepared(self) -> bool:
        """True once the engine was asked for (the child started, or found missing)."""
        return self._phase is not _Phase.IDLE

    @property
    def ready(self) -> bool:
        """True while the engine works and phrases go to it."""
        return self._phase is _Phase.READY

    def prepare(self) -> None:
        """Start the speech process; returns at once (the factory calls it after start-up)."""
        if self._phase is not _Phase.IDLE:
            return
        process = QProcess(self)
        process.setProcessChannelMode(QProcess.ProcessChannelMode.ForwardedErrorChannel)
        process.setProcessEnvironment(_child_environment())
        process.readyReadStandardOutput.connect(self._read)
        process.errorOccurred.connect(self._process_error)
        process.finished.connect(self._process_ended)
        self._process = process
        self._phase = _Phase.STARTING
        self._deadline.start(self._timeouts[0])
        process.start(self._command[0], self._command[1:])

    def say(self, text: str) -> None:
        self.prepare()
        if self._phase is _Phase.READY:
            self._say_now(text)
        elif self._phase is not _Phase.OFF:
            self._pending = text  # only the latest: each phrase interrupts the one before

    def set_volume(self, volume: float) -> None:
        self._volume = min(1.0, max(0.0, volume))
        if self._phase is _Phase.READY:
            self._send({"volume": self._volume})

    @property
    def voices(self) -> list[str]:
        """The engine's voice names (empty until the engine is ready, or without speech)."""
        return list(self._voices)

    def set_voice(self, name: str) -> None:
        """Speak with the engine's voice ``name`` ("" or one it lacks: its default)."""
        self._voice_name = name
        if self._phase is _Phase.READY:
            self._send({"voice": name})

    def stop(self) -> None:
        self._pending = ""
        if self._phase is _Phase.READY:
            self._send({"stop": True})

    def close(self) -> None:
        """End the speech process without waiting on it (call when the app quits)."""
        self._phase = _Phase.OFF
        self._end_process(at_exit=True)

    # -- the child's answers ---------------------------------------------------------------

    def _read(self) -> None:
        process = self._process
        if process is None:
            return
        while process.canReadLine():
            raw = bytes(process.readLine().data()).decode("utf-8", "replace")
            try:
                message = json.loads(raw)
            except ValueError:
                log.debug("speech process said %r", raw)
                continue
            if isinstance(message, dict):
                self._answer(message)
            if self._phase is _Phase.OFF:
                return

    def _answer(self, message: dict[str, object]) -> None:
        if "word" in message and isinstance(message["word"], str):
            self.word_spoken.emit(message["word"])
        elif isinstance(voices := message.get("voices"), list):
            self._voices = [str(name) for name in voices]
            self.voices_found.emit(self.voices)
        elif message.get("started") and self._phase is _Phase.STARTING:
            self._phase = _Phase.MAKING
            self._deadline.start(self._timeouts[1])
        elif message.get("ready") and self._phase is _Phase.MAKING:
            self._phase = _Phase.READY
            self._deadline.stop()
            self._send({"volume": self._volume})
            if self._voice_name:
                self._send({"voice": self._voice_name})
            pending, self._pending = self._pending, ""
            if pending:
                self._say_now(pending)
        elif message.get("said") and self._unanswered:
            self._unanswered -= 1
            if self._unanswered:
                self._deadline.start(self._timeouts[2])
            else:
                self._deadline.stop()
        elif "problem" in message:
            self._problem_in_child(str(message["problem"]), str(message.get("detail", "")))

    def _problem_in_child(self, kind: str, detail: str) -> None:
        log.info("speech does not work here: %s (%s)", kind, detail)
        if kind == "import":
            text = tr("Spoken cues are off: speech could not be loaded ({error}).").format(
                error=detail
            )
        elif kind == "failed":
            text = tr("Spoken cues are off: the speech engine stopped working.")
        else:
            text = tr("Spoken cues are off: no speech engine is available.")
        self._give_up(text)

    def _too_slow(self) -> None:
        log.warning("the speech process did not answer in time (%s); going on without it",
                    self._phase.name.lower())
        self._give_up(tr("Spoken cues are off: the speech engine did not answer."))

    def _process_error(self, error: QProcess.ProcessError) -> None:
        if self._phase is _Phase.OFF:
            return
        if error is QProcess.ProcessError.FailedToStart:
            log.warning("the speech process could not start: %s", self._command)
            self._give_up(tr("Spoken cues are off: no speech engine is available."))
        elif error in (QProcess.ProcessError.Crashed, QProcess.ProcessError.WriteError):
            self._give_up(tr("Spoken cues are off: the speech engine stopped working."))

    def _process_ended(self, *_: object) -> None:
        if self._phase is not _Phase.OFF:
            self._give_up(tr("Spoken cues are off: the speech engine stopped working."))

    # -- helpers ---------------------------------------------------------------------------

    def _say_now(self, text: str) -> None:
        self._send({"say": text})
        self._unanswered += 1
        if not self._deadline.isActive():
            self._deadline.start(self._timeouts[2])

    def _send(self, message: dict[str, object]) -> None:
        if self._process is not None:
            line = json.dumps(message) + "\n"
            self._process.write(QByteArray(line.encode("utf-8")))  # buffered: never blocks

    def _give_up(self, problem: str) -> None:
        """Silent from now on; say why once."""
        if self._phase is _Phase.OFF:
            return
        self._phase = _Phase.OFF
        self._pending = ""
        self._end_process()
        if self._problem is None:
            self._problem = problem
            self.problem_found.emit(problem)

    def _end_process(self, *, at_exit: bool = False) -> None:
        """Kill the child; mid-session without waiting, at exit waiting at most a second."""
        self._deadline.stop()
        process, self._process = self._process, None
        if process is not None:
            for signal in (
                process.readyReadStandardOutput, process.errorOccurred, process.finished
            ):
                signal.disconnect()
            process.finished.connect(self._reaped)
            self._dying.append(process)
            process.kill()  # SIGKILL: ends even a process stuck inside the speech library
        if at_exit:
            for dying in list(self._dying):
                dying.waitForFinished(1000)  # a killed process ends in microseconds

    def _reaped(self) -> None:
        """A killed (or ending) child has been reaped: let its QProcess go."""
        for process in list(self._dying):
            if process.state() is QProcess.ProcessState.NotRunning:
                self._dying.remove(process)
                process.deleteLater()


def _child_environment() -> QProcessEnvironment:
    """This environment, with this ``backtimer`` package first on the child's import path."""
    environment = QProcessEnvironment.systemEnvironment()
    source = str(Path(__file__).resolve().parents[2])
    existing = environment.value("PYTHONPATH")
    environment.insert("PYTHONPATH", os.pathsep.join([source, existing]) if existing else source)
    return environment
