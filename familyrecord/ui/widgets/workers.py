"""Long work off the GUI thread: a plain function run by a worker QObject on its own QThread.

The function takes `(progress, cancelled)` like the core's long operations. The GUI side keeps
the Task, listens to its signals (all delivered on the GUI thread), and may cancel it: the
cancel flag is an explicit state, never an error string. Every long job in the app runs this
way: unlocking, imports, transcription, the bundle, backups and checks.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from familyrecord.errors import Cancelled
from familyrecord.progress import CancelCheck, Progress
from familyrecord.services import Services
from familyrecord.storage.blobs import ImportCancelled
from familyrecord.ui.widgets.collector import collect_now

log = logging.getLogger(__name__)

Work = Callable[[Progress, CancelCheck], Any]


class _Worker(QObject):
    progress = Signal(object, object)  # object: sizes pass 2 GiB
    done = Signal(object)
    failed = Signal(object)

    def __init__(self, job: Work, cancel: threading.Event) -> None:
        super().__init__()
        self._job = job
        self._cancel = cancel
        self._last = 0.0

    def _progress(self, done: float, total: float) -> None:
        # At most ~20 updates a second: the GUI thread only needs to redraw a bar.
        now = time.monotonic()
        if now - self._last >= 0.05 or (total and done >= total):
            self._last = now
            self.progress.emit(done, total)

    @Slot()
    def run(self) -> None:
        try:
            result = self._job(self._progress, self._cancel.is_set)
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread, which decides
            self.failed.emit(exc)
        else:
            self.done.emit(result)
        finally:
            # Leave the thread's event loop at once, so Task.wait() never waits on the GUI thread.
            QThread.currentThread().quit()


class Task(QObject):
    """One background job. Signals: progress(done, total), finished(result), failed(exc), cancelled()."""

    progress = Signal(object, object)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()

    def __init__(self, job: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()
        self._thread = QThread()
        self._worker = _Worker(job, self._cancel)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progress.connect(self.progress)
        self._worker.done.connect(self._on_done)
        self._worker.failed.connect(self._on_failed)
        self._running = False

    def start(self) -> None:
        # Collect here, on the GUI thread, so the collector does not run on the worker and
        # destroy widgets there (see widgets/collector.py).
        collect_now()
        self._running = True
        self._thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def is_running(self) -> bool:
        return self._running

    def wait(self, ms: int = 30000) -> bool:
        return bool(self._thread.wait(ms))

    def _stop_thread(self) -> None:
        self._running = False
        self._thread.wait()

    def _on_done(self, result: object) -> None:
        self._stop_thread()
        if self._cancel.is_set():
            self.cancelled.emit()
        else:
            self.finished.emit(result)

    def _on_failed(self, exc: object) -> None:
        self._stop_thread()
        if isinstance(exc, Cancelled | ImportCancelled) or self._cancel.is_set():
            self.cancelled.emit()
        else:
            self.failed.emit(exc)


def import_task(services: Services, path: Path, link_to: str | None,
                parent: QObject | None = None) -> Task:
    """Import a file on a worker thread with its own connection (services.sibling())."""
    sibling = services.sibling()

    def job(progress: Progress, cancelled: CancelCheck) -> object:
        try:
            return sibling.import_attachment(path, link_to=link_to, progress=progress,
                                             cancelled=cancelled)
        finally:
            sibling.lock()

    return Task(job, parent)
