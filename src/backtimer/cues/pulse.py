"""A PulseAudio playback stream through ``libpulse-simple`` (ctypes), for the cue stream.

Why not ``QAudioSink``: measured (``python -m benchmarks.cues --cpu``), Qt's PulseAudio sink
wakes its thread every 20 ms and its engine thread ~100 times a second whatever is written,
about 1.5 % of a core for a stream that is silent nearly all the time. The simple API wakes
only when it is written to (a blocking write of a whole block), and it can ``flush`` what is
queued, so a pause or skip silences at once even with most of a second written ahead.

Works with PulseAudio and with PipeWire's PulseAudio service (every current Linux desktop);
where ``libpulse-simple.so.0`` or a server is missing, ``open_pulse`` raises ``OSError`` and the
stream falls back to ``QAudioSink``.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from typing import Any

SAMPLE_S16LE = 3  # pa_sample_format_t
PLAYBACK = 1  # pa_stream_direction_t
NO_VALUE = 0xFFFFFFFF  # (uint32_t) -1: "let the server choose"


class _SampleSpec(ctypes.Structure):
    _fields_ = [("format", ctypes.c_int), ("rate", ctypes.c_uint32),
                ("channels", ctypes.c_uint8)]


class _BufferAttr(ctypes.Structure):
    _fields_ = [("maxlength", ctypes.c_uint32), ("tlength", ctypes.c_uint32),
                ("prebuf", ctypes.c_uint32), ("minreq", ctypes.c_uint32),
                ("fragsize", ctypes.c_uint32)]


def _library() -> Any:
    name = ctypes.util.find_library("pulse-simple") or "libpulse-simple.so.0"
    library = ctypes.CDLL(name)
    library.pa_simple_new.restype = ctypes.c_void_p
    library.pa_simple_new.argtypes = [
        ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_char_p,
        ctypes.POINTER(_SampleSpec), ctypes.c_void_p, ctypes.POINTER(_BufferAttr),
        ctypes.POINTER(ctypes.c_int)]
    library.pa_simple_write.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t,
                                        ctypes.POINTER(ctypes.c_int)]
    library.pa_simple_get_latency.restype = ctypes.c_uint64
    library.pa_simple_get_latency.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_int)]
    library.pa_simple_flush.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_int)]
    library.pa_simple_free.argtypes = [ctypes.c_void_p]
    return library


def _message(code: int) -> str:
    try:
        pulse = ctypes.CDLL(ctypes.util.find_library("pulse") or "libpulse.so.0")
        pulse.pa_strerror.restype = ctypes.c_char_p
        text = pulse.pa_strerror(code)
        return text.decode() if isinstance(text, bytes) else f"error {code}"
    except OSError:
        return f"error {code}"


class PulseOutput:
    """One 16-bit mono playback stream. Every call may block briefly on the server: use it
    only from the cue stream's own thread (ctypes releases the GIL while it waits)."""

    def __init__(self, rate: int, name: str, target_seconds: float) -> None:
        self._lib = _library()
        spec = _SampleSpec(SAMPLE_S16LE, rate, 1)
        bytes_per_second = 2 * rate
        # tlength: more than is ever written ahead, so a write never blocks for long; minreq: the
        # server asks for data in big steps (few wake-ups); prebuf: start as soon as a little is
        # there (the first write is a whole block anyway).
        attr = _BufferAttr(NO_VALUE, int(target_seconds * bytes_per_second),
                           bytes_per_second // 20, bytes_per_second // 5, NO_VALUE)
        error = ctypes.c_int(0)
        handle = self._lib.pa_simple_new(None, b"BackTimer", PLAYBACK, None, name.encode(),
                                         ctypes.byref(spec), None, ctypes.byref(attr),
                                         ctypes.byref(error))
        if not handle:
            raise OSError(f"PulseAudio: {_message(error.value)}")
        self._handle: int | None = handle

    def write(self, data: bytes) -> None:
        self._check(self._lib.pa_simple_write(self._open(), data, len(data), self._error()))

    def latency(self) -> float:
        """Seconds until a sample written now is heard (what is queued plus the device's)."""
        error = self._error()
        usec = self._lib.pa_simple_get_latency(self._open(), error)
        if usec == 2**64 - 1:
            raise OSError(f"PulseAudio: {_message(error.contents.value)}")
        return float(usec) / 1e6

    def flush(self) -> None:
        """Drop everything queued and not yet played."""
        self._check(self._lib.pa_simple_flush(self._open(), self._error()))

    def close(self) -> None:
        if self._handle is not None:
            self._lib.pa_simple_free(self._handle)
            self._handle = None

    def _open(self) -> int:
        if self._handle is None:
            raise OSError("PulseAudio: the stream is closed")
        return self._handle

    def _error(self) -> Any:
        return ctypes.pointer(ctypes.c_int(0))

    def _check(self, result: int) -> None:
        if result < 0:
            raise OSError("PulseAudio: the stream broke")
