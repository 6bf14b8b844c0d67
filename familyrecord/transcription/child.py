"""The engine's own process: the model runs here, so the app stays fluid and cancel is instant.

The parent sends ("load", engine, options) and the child answers ("ready",). Then, for each
window of speech, the parent sends ("window", offset_s) followed by the window's samples as
raw float32 bytes; the child answers ("segment", start, end, text, avg_logprob,
no_speech_prob, compression_ratio, words) as each segment finishes, times counted from the
start of the recording, then ("window_done", offset_s). ("end",) lets it exit; a failure is
("error", kind, user_message). Only one window is here at a time, so memory does not grow with
the recording. It never opens the vault and never writes a file; the audio and text exist
only in the two processes' memory and the pipe between them. Cancel is the parent terminating
this process.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import asdict
from multiprocessing.connection import Connection
from typing import Any

import numpy as np

from familyrecord.storage.errors import VaultError
from familyrecord.transcription.engine import Engine, TranscribeOptions, load_engine


def _exit_with_parent(parent_pid: int) -> None:
    # If the app is killed, this process must not run on, holding memory and the CPU.
    while True:
        time.sleep(0.5)
        if os.getppid() != parent_pid:
            os._exit(0)


def options_to_wire(options: TranscribeOptions) -> dict[str, Any]:
    return asdict(options)


def _plain_progress_lock() -> None:
    # tqdm (used inside faster-whisper) makes a multiprocessing lock, i.e. a named semaphore,
    # which a terminated engine would leak; a thread lock is all this one process needs.
    try:
        from tqdm import tqdm
    except ImportError:
        return
    tqdm.set_lock(threading.RLock())


def _transcribe_window(conn: Connection, engine: Engine, options: TranscribeOptions,
                       offset: float) -> None:
    audio = np.frombuffer(conn.recv_bytes(), dtype=np.float32)
    for seg in engine.transcribe(audio, options):
        words = [(w.start + offset, w.end + offset, w.text) for w in seg.words]
        conn.send(("segment", seg.start + offset, seg.end + offset, seg.text, seg.avg_logprob,
                   seg.no_speech_prob, seg.compression_ratio, words))
    conn.send(("window_done", offset))


def serve(conn: Connection, parent_pid: int) -> None:
    threading.Thread(target=_exit_with_parent, args=(parent_pid,), daemon=True).start()
    _plain_progress_lock()
    try:
        _kind, engine_name, wire = conn.recv()
        options = TranscribeOptions(**wire)
        engine = load_engine(engine_name, options)
        conn.send(("ready",))
        while (message := conn.recv())[0] == "window":
            _transcribe_window(conn, engine, options, float(message[1]))
        conn.close()
        # Nothing to tidy (no files, no vault): skip the interpreter's slow teardown of the model.
        os._exit(0)
    except VaultError as exc:
        conn.send(("error", type(exc).__name__, exc.user_message))
    except (BrokenPipeError, EOFError, KeyboardInterrupt):
        return
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which marks the job failed
        conn.send(("error", type(exc).__name__, ""))
    finally:
        conn.close()
