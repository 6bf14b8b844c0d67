"""Reading pictures and scans after saving: the OCR queue run in the background while the app is open.

One reader per open record (`reader_for(services)`), not tied to a window: closing the review
queue leaves it reading. It stops within seconds when the record locks (its cancel check
watches the lock) or the app quits; the pages read so far are kept and the rest are read the
next time it runs.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, Signal

from familyrecord.progress import CancelCheck, Progress
from familyrecord.services import Services
from familyrecord.services.intake import OcrTask
from familyrecord.storage import jobs as job_states
from familyrecord.storage.jobs import Job
from familyrecord.ui.widgets.workers import Task

log = logging.getLogger(__name__)


def tr(text: str) -> str:
    return QCoreApplication.translate("intake", text)


class BackgroundReading(QObject):
    """Runs `services.intake.run_ocr_pending` on a Task. Signals: progress(done, total) in pages
    of the file being read; changed() when it starts or stops."""

    progress = Signal(object, object)
    changed = Signal()

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.task: Task | None = None
        self.pages = (0.0, 0.0)
        self.last_result: list[Job] | None = None
        self.stopped = False
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop_and_wait)

    @property
    def running(self) -> bool:
        return self.task is not None and self.task.is_running

    def waiting(self) -> list[OcrTask]:
        """Files whose words are not read yet (queued, being read, stopped or failed)."""
        if self.services.is_locked:
            return []
        return self.services.intake.ocr_queue()

    def start(self, *, again: bool = False) -> bool:
        """Read every file in the queue; `again` first puts stopped and failed ones back in it.
        False when it is reading already or nothing waits."""
        if self.running or self.services.is_locked:
            return False
        self.services.intake.recover()  # left 'running' by a crash: nothing of ours is running now
        if again:
            for task in self.waiting():
                if task.job.state in (job_states.CANCELLED, job_states.FAILED):
                    self.services.intake.retry_ocr(task.job.id)
        if not any(t.job.state == job_states.QUEUED for t in self.waiting()):
            return False
        sibling = self.services.sibling()
        main = self.services

        def job(progress: Progress, cancelled: CancelCheck) -> list[Job]:
            try:
                return sibling.intake.run_ocr_pending(progress, lambda: cancelled() or main.is_locked)
            finally:
                sibling.lock()

        self.task = Task(job)
        self.task.progress.connect(self._on_progress)
        self.task.finished.connect(self._on_finished)
        self.task.failed.connect(self._on_failed)
        self.task.cancelled.connect(self._on_cancelled)
        self.pages = (0.0, 0.0)
        self.stopped = False
        self.task.start()
        self.changed.emit()
        return True

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def stop_and_wait(self, ms: int = 10000) -> None:
        """Stop and wait for the worker (the app is quitting: its thread must end first)."""
        if self.task is not None and self.task.is_running:
            self.task.cancel()
            self.task.wait(ms)

    def _on_progress(self, done: float, total: float) -> None:
        self.pages = (done, total)
        self.progress.emit(done, total)

    def _ended(self) -> None:
        task, self.task = self.task, None
        if task is not None:
            task.deleteLater()
        self.changed.emit()

    def _on_finished(self, result: list[Job]) -> None:
        self.last_result = result
        # Reading stopped by the lock ends as 'finished' with its job cancelled.
        self.stopped = bool(result) and result[-1].state == job_states.CANCELLED
        self._ended()

    def _on_failed(self, exc: object) -> None:
        log.warning("background reading failed: %s", type(exc).__name__)
        self._ended()

    def _on_cancelled(self) -> None:
        self.stopped = True
        self._ended()

    def summary(self) -> str:
        """Where reading pictures stands, in plain words ("" when nothing waits)."""
        if self.running:
            done, total = self.pages
            text = tr("Reading the words in pictures and scans in the background.")
            if total:
                text += " " + tr("Page %1 of %2.").replace("%1", str(min(int(done) + 1, int(total)))) \
                    .replace("%2", str(int(total)))
            return text
        tasks = self.waiting()
        waiting = sum(1 for t in tasks if t.job.state in (job_states.QUEUED, job_states.RUNNING))
        stopped = sum(1 for t in tasks if t.job.state == job_states.CANCELLED)
        failed = sum(1 for t in tasks if t.job.state == job_states.FAILED)
        parts = []
        if waiting:
            parts.append(counted(waiting, tr("1 file waits to have its words read."),
                                 tr("%1 files wait to have their words read.")))
        if stopped:
            parts.append(counted(stopped, tr("Reading was stopped: 1 file is not read yet."),
                                 tr("Reading was stopped: %1 files are not read yet.")))
        if failed:
            parts.append(counted(failed, tr("The words in 1 file could not be read."),
                                 tr("The words in %1 files could not be read.")))
        return " ".join(parts)


def counted(count: int, one: str, many: str) -> str:
    """The sentence for one thing, or for `count` of them (%1)."""
    return one if count == 1 else many.replace("%1", str(count))


_current: list[BackgroundReading] = []  # the reader of the record open now (one at a time)


def reader_for(services: Services) -> BackgroundReading:
    """The background reader of this open record (made on first use)."""
    for reader in _current:
        if reader.services is services:
            return reader
    for old in _current:
        old.cancel()  # another record's: it stops by itself once its record is locked
    _current[:] = [r for r in _current if r.running]
    reader = BackgroundReading(services)
    _current.append(reader)
    return reader
