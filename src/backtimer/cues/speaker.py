"""The speech process: owns the QTextToSpeech engine, so a speech engine that hangs hangs only here.

Run as ``python -m backtimer.cues.speaker [ENGINE]`` by ``backtimer.cues.voice.QtVoice``; never
imported by the app itself.

Why a process of its own (measured on these machines): with the ``speechd`` engine, making a
QTextToSpeech blocks in ``spd_open`` for about 2 s while speech-dispatcher spawns, and forever
when the daemon accepts but never answers; ``say()`` can block the same way in
``spd_execute_command``. PySide6 holds the GIL through both calls, so moving the engine to a
thread would still stop every Python thread of the app. Here it stops only this process; the
window watches the answers with time-outs and ends it.

One JSON object a line, both ways. In (from the window):
    {"say": TEXT}  speak, interrupting what is still being said; answered by {"said": true}
    {"volume": V}  0.0 to 1.0
    {"stop": true} stop speaking
    {"voice": NAME} speak with the engine's voice of that name ("" or unknown: the default)
Out (to the window):
    {"started": true}          Python and QtCore are up; making the engine comes next
    {"ready": true}            the engine works
    {"voices": [NAME, ...]}    the engine's voices for its language (right after "ready")
    {"problem": KIND, "detail": TEXT}  KIND is "import", "no-engine" or "failed"; then it ends
    {"said": true}             a ``say`` returned
    {"word": WORD}             the engine is saying WORD (engines that tell: ``mock`` does)
End of input ends the process. On Linux it also ends with the app (``PR_SET_PDEATHSIG``), even
while stuck inside the speech library.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from typing import Any

from PySide6.QtCore import QCoreApplication, QLoggingCategory, QObject, Qt, Signal

from backtimer.cues.qtlog import QUIET_RULES


def send(**message: Any) -> None:
    """One line to the window; a window that went away ends this process."""
    try:
        sys.stdout.write(json.dumps(message) + "\n")
        sys.stdout.flush()
    except (BrokenPipeError, ValueError, OSError):
        raise SystemExit(0) from None


def die_with_parent() -> None:
    """Linux: the kernel ends this process when the app ends, even mid-call in libspeechd."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        import signal

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
        if os.getppid() == 1:  # the app ended before the line above ran
            raise SystemExit(0)
    except (OSError, AttributeError):
        pass


class Commands(QObject):
    """Reads the window's lines on a thread of its own and hands them to the main thread."""

    line = Signal(str)
    ended = Signal()

    def start(self) -> None:
        threading.Thread(target=self._read, name="speaker-input", daemon=True).start()

    def _read(self) -> None:
        for raw in sys.stdin:
            self.line.emit(raw)
        self.ended.emit()


def main(argv: list[str]) -> int:
    die_with_parent()
    # Qt's chatter about optional parts (PipeWire, the speech-dispatcher plug-in) would reach the
    # app's terminal through the shared stderr; what matters goes to the window as a "problem".
    QLoggingCategory.setFilterRules(QUIET_RULES)
    app = QCoreApplication(sys.argv[:1])
    engine_name = argv[0] if argv else ""
    send(started=True)
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError as error:
        send(problem="import", detail=str(error))
        return 0
    engines = list(QTextToSpeech.availableEngines())
    if not engines or (engine_name and engine_name not in engines):
        send(problem="no-engine", detail=", ".join(engines))
        return 0
    speech = QTextToSpeech(engine_name) if engine_name else QTextToSpeech()  # may block
    if speech.state() == QTextToSpeech.State.Error:
        send(problem="no-engine", detail=speech.errorString())
        return 0

    def failed(*_: object) -> None:
        send(problem="failed", detail=speech.errorString())
        app.exit(0)

    def command(raw: str) -> None:
        try:
            message = json.loads(raw)
        except ValueError:
            return
        if not isinstance(message, dict):
            return
        if isinstance(message.get("voice"), str):
            wanted = [v for v in speech.availableVoices() if v.name() == message["voice"]]
            if wanted:
                speech.setVoice(wanted[0])
        if isinstance(message.get("volume"), (int, float)):
            speech.setVolume(min(1.0, max(0.0, float(message["volume"]))))
        if isinstance(message.get("say"), str):
            speech.say(message["say"])  # may block: the window's time-out ends this process
            send(said=True)
        if message.get("stop"):
            speech.stop()

    speech.errorOccurred.connect(failed)
    speech.sayingWord.connect(lambda word, *_: send(word=word))
    commands = Commands()
    queued = Qt.ConnectionType.QueuedConnection  # run on this (the engine's) thread
    commands.line.connect(command, queued)
    commands.ended.connect(app.quit, queued)
    commands.start()
    send(ready=True)
    send(voices=[voice.name() for voice in speech.availableVoices()])
    return app.exec()


if __name__ == "__main__":
    code = main(sys.argv[1:])
    sys.stdout.flush()
    # Not a normal exit: the engine's destructor talks to speech-dispatcher, and may hang there.
    os._exit(code)
