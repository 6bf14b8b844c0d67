"""The parent's side of the engine process: windows of speech in, settled segments out.

One window is with the engine at a time; while it works, the next one is decoded here, so the
engine rarely waits and at most two windows of audio exist in this process. Windows with no
speech never reach the engine (and if a recording has none, the engine is never started).
Segments pass through hallucination.settle before anyone sees them.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from familyrecord.storage.errors import VaultError
from familyrecord.transcription import hallucination
from familyrecord.transcription.child import options_to_wire, serve
from familyrecord.transcription.engine import EngineSegment, TranscribeOptions, Word
from familyrecord.transcription.windows import Window

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

    from familyrecord.progress import CancelCheck

log = logging.getLogger(__name__)

POLL_S = 0.1


class EngineFailed(VaultError):
    user_message = ("Transcription stopped because of a problem in the speech engine. The recording "
                    "and anything already transcribed are kept; try again.")


class EngineProcess:
    """One spawned engine process and its pipe (see child.py for the messages)."""

    def __init__(self, engine: str, options: TranscribeOptions) -> None:
        ctx = multiprocessing.get_context("spawn")
        self.conn, child_conn = ctx.Pipe(duplex=True)
        self.process: BaseProcess = ctx.Process(target=serve, args=(child_conn, os.getpid()),
                                                name="familyrecord-engine", daemon=True)
        self.process.start()
        child_conn.close()
        self.conn.send(("load", engine, options_to_wire(options)))

    def send(self, window: Window) -> None:
        self.conn.send(("window", window.start))
        self.conn.send_bytes(window.samples.tobytes())

    def messages(self) -> Iterator[tuple[Any, ...]]:
        """What has arrived so far, without waiting."""
        while self.conn.poll(0):
            yield self.recv()

    def recv(self) -> tuple[Any, ...]:
        try:
            return tuple(self.conn.recv())
        except (EOFError, OSError):
            raise EngineFailed("engine pipe closed") from None

    def wait(self, seconds: float) -> None:
        if not self.conn.poll(seconds) and not self.process.is_alive():
            raise EngineFailed("engine process ended")

    def stop(self, finished: bool = False) -> None:
        # A finished engine is told to exit and reaped in the background; anything else
        # (cancel, error) is ended at once.
        if finished and self.process.is_alive():
            with contextlib.suppress(OSError):
                self.conn.send(("end",))
            threading.Thread(target=self.process.join, args=(5.0,), daemon=True).start()
            self.conn.close()
            return
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(1.0)
            if self.process.is_alive():
                self.process.kill()
                self.process.join(1.0)
        self.conn.close()


def engine_error(message: tuple[Any, ...]) -> VaultError:
    if message[0] == "error":
        error = EngineFailed(str(message[1]))
        if message[2]:
            error.user_message = str(message[2])  # the engine's own typed message (bad model …)
        return error
    return EngineFailed(f"unexpected message {message[0]!r}")


def _segment(message: tuple[Any, ...], window: Window) -> EngineSegment:
    _tag, start, end, text, logprob, no_speech, ratio, words = message
    # Keep times inside the window: a model's last timestamp can run a little past the audio.
    end = min(float(end), window.samples_end)
    start = min(max(float(start), window.start), end)
    return EngineSegment(start, end, str(text), float(logprob),
                         tuple(Word(float(a), float(b), str(w)) for a, b, w in words),
                         float(no_speech), float(ratio))


class Feed:
    """Runs the windows of one recording through the engine; `run` returns False on cancel."""

    def __init__(self, windows: Iterator[Window], start_engine: Callable[[], EngineProcess],
                 store: Callable[[list[EngineSegment]], None], reached: Callable[[float], None],
                 cancelled: CancelCheck) -> None:
        self._windows = windows
        self._start_engine = start_engine
        self._store = store
        self._reached = reached
        self._cancelled = cancelled
        self.engine: EngineProcess | None = None
        self._ready = False
        self._queue: deque[Window] = deque()  # decoded, not yet sent, in time order
        self._exhausted = False
        self._in_flight: Window | None = None
        self._pending: list[EngineSegment] = []  # arrived, not yet settled
        self.dropped = 0

    def run(self) -> bool:
        while not self._cancelled():
            self._take_in()
            self._send_next()
            if self._exhausted and not self._queue and self._in_flight is None:
                self._settle(final=True)
                return True
            if not self._exhausted and not any(w.has_speech for w in self._queue):
                self._decode_next()  # the engine works meanwhile
            elif self.engine is not None:
                self.engine.wait(POLL_S)
        return False

    def stop(self, *, finished: bool) -> None:
        if self.engine is not None:
            self.engine.stop(finished=finished)
        if self.dropped:
            log.info("dropped %d segments that looked made up", self.dropped)

    def _decode_next(self) -> None:
        try:
            self._queue.append(next(self._windows))
        except StopIteration:
            self._exhausted = True

    def _send_next(self) -> None:
        while self._queue and self._in_flight is None:
            head = self._queue[0]
            if not head.has_speech:
                self._reached(self._queue.popleft().end)
                continue
            if self.engine is None:
                self.engine = self._start_engine()
            if not self._ready:
                return
            self.engine.send(head)
            self._in_flight = self._queue.popleft()

    def _take_in(self) -> None:
        if self.engine is None:
            return
        arrived = False
        for message in self.engine.messages():
            if message[0] == "segment" and self._in_flight is not None:
                self._pending.append(_segment(message, self._in_flight))
                arrived = True
            elif message[0] == "window_done" and self._in_flight is not None:
                done, self._in_flight = self._in_flight, None
                self._settle(final=False)
                self._reached(done.end)
                arrived = False
            elif message[0] == "ready":
                self._ready = True
            else:
                raise engine_error(message)
        if arrived:
            self._settle(final=False)

    def _settle(self, *, final: bool) -> None:
        kept, used = hallucination.settle(self._pending, final=final)
        self.dropped += used - len(kept)
        del self._pending[:used]
        if kept:
            self._store(kept)
