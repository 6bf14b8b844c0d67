"""Adding a recording and transcribing it in the background, with progress, time left and Cancel.

The work runs as a ui.workers.Task on its own thread with its own vault connection
(services.sibling()); the speech engine itself runs in a child process (transcription/jobs.py).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from familyrecord import settings as app_settings
from familyrecord.progress import CancelCheck, Progress
from familyrecord.services import Services
from familyrecord.storage.jobs import Job
from familyrecord.transcription.jobs import RemainingTime
from familyrecord.ui.widgets.common import button, named
from familyrecord.ui.widgets.errors import error_text
from familyrecord.ui.widgets.workers import Task, Work


class _Arrivals(QObject):
    """Tells the GUI thread that new segments were stored (emitted from the worker thread)."""

    arrived = Signal()
    added = Signal(str, str)  # meeting id, attachment id


class JobBar(QWidget):
    """One transcription at a time for the meeting shown. Signals tell the panel what changed."""

    segments_arrived = Signal()
    recording_added = Signal(str, str)  # meeting id, attachment id: the file is in the vault
    job_ended = Signal(str, str)  # state, message for the person

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.task: Task | None = None
        self._remaining = RemainingTime()
        self._arrivals = _Arrivals(self)
        self._arrivals.arrived.connect(self.segments_arrived)
        self._arrivals.added.connect(self.recording_added)
        self.setAccessibleName(self.tr("Transcription progress"))
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.bar = named(QProgressBar(self), self.tr("How much of the recording is transcribed"))
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.remaining = QLabel(self)
        self.remaining.setMinimumWidth(self.remaining.fontMetrics().horizontalAdvance(
            self.tr("about {0} min left").format(999)))
        self.cancel_button = button(self.tr("Cancel"), self, name=self.tr("Cancel transcription"),
                                    slot=self.cancel)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.status, 1)
        row.addWidget(self.bar, 2)
        row.addWidget(self.remaining)
        row.addWidget(self.cancel_button)
        self.setVisible(False)

    @property
    def busy(self) -> bool:
        return self.task is not None and self.task.is_running

    def add_and_transcribe(self, path: Path, meeting_id: str) -> None:
        """Import the file off the GUI thread, queue its transcription and run it."""
        def work(progress: Progress, cancelled: CancelCheck) -> object:
            sibling = self._services.sibling()
            try:
                service = sibling.transcription
                attachment = service.import_recording(path, meeting_id, cancelled=cancelled)
                self._arrivals.added.emit(meeting_id, attachment.id)
                options = service.options_from_settings(app_settings.load())
                job = service.queue(meeting_id, attachment.id, options)
                return service.run(job.id, progress=progress, cancelled=cancelled,
                                   on_segments=lambda _s: self._arrivals.arrived.emit())
            finally:
                sibling.lock()

        self._start(work, self.tr("Adding the recording…"))

    def resume(self, job_id: str) -> None:
        """Carry on with a job that was cancelled, failed or interrupted; stored work is kept."""
        def work(progress: Progress, cancelled: CancelCheck) -> object:
            sibling = self._services.sibling()
            try:
                service = sibling.transcription
                service.retry(job_id)
                return service.run(job_id, progress=progress, cancelled=cancelled,
                                   on_segments=lambda _s: self._arrivals.arrived.emit())
            finally:
                sibling.lock()

        self._start(work, self.tr("Getting the speech engine ready…"))

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.status.setText(self.tr("Stopping…"))
            self.cancel_button.setEnabled(False)

    def _start(self, work: Work, first_status: str) -> None:
        if self.busy:
            return
        self._remaining = RemainingTime()
        self.task = Task(work, self)
        self.task.progress.connect(self._on_progress)
        self.task.finished.connect(self._on_finished)
        self.task.failed.connect(self._on_failed)
        self.task.cancelled.connect(self._on_cancelled)
        self.status.setText(first_status)
        self.bar.setRange(0, 0)  # busy until the first figures arrive
        self.remaining.clear()
        self.cancel_button.setEnabled(True)
        self.setVisible(True)
        self.task.start()

    def _on_progress(self, done: float, total: float) -> None:
        self.status.setText(self.tr("Transcribing…"))
        if total:
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(1000 * min(1.0, done / total)))
        left = self._remaining(float(done), float(total))
        if left is not None:
            minutes = max(1, round(left / 60))
            self.remaining.setText(self.tr("about {0} min left").format(minutes))

    def _ended(self, state: str, message: str) -> None:
        self.task = None
        self.setVisible(False)
        self.job_ended.emit(state, message)

    def _on_finished(self, job: object) -> None:
        assert isinstance(job, Job)
        if job.state == "done":
            self._ended("done", self.tr("The transcript is ready."))
        elif job.state == "cancelled":
            self._on_cancelled()
        else:
            self._ended(job.state, job.error or self.tr("Transcription did not finish."))

    def _on_failed(self, exc: object) -> None:
        message = error_text(exc, otherwise=self.tr(
            "Something went wrong while transcribing. The recording is kept."))
        self._ended("failed", message)

    def _on_cancelled(self) -> None:
        self._ended("cancelled", self.tr("Stopped. What was transcribed so far is kept; you can "
                                         "carry on later."))
