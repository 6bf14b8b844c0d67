"""The export wizard: options, chronology preview, then the bundle made on a worker thread.

The last page shows the confidentiality reminder (it must be ticked before saving), progress
with a Cancel button, and any Practice Direction 27A warnings. It ends with
`finished_export(path, ok)`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from familyrecord.errors import UserError
from familyrecord.export.options import (
    CONFIDENTIALITY_REMINDER,
    REDACTION_NOTE,
    BundleResult,
    ExportOptions,
)
from familyrecord.progress import CancelCheck, Progress
from familyrecord.services import Services
from familyrecord.ui.export.pages import OptionsPage, PreviewPage, tr
from familyrecord.ui.widgets.errors import error_text
from familyrecord.ui.widgets.workers import Task

log = logging.getLogger(__name__)


def bundle_job(services: Services, options: ExportOptions,
               destination: Path) -> Callable[[Progress, CancelCheck], BundleResult]:
    """The bundle made on a worker thread with its own handle on the vault (services.sibling())."""
    def job(progress: Progress, cancelled: CancelCheck) -> BundleResult:
        sibling = services.sibling()
        try:
            return sibling.exports.bundle(options, destination, progress=progress, cancelled=cancelled)
        finally:
            sibling.lock()

    return job


class SavePage(QWizardPage):
    def __init__(self, wizard: ExportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(tr("Save the bundle"))
        layout = QVBoxLayout(self)
        reminder = QLabel(tr(CONFIDENTIALITY_REMINDER))
        reminder.setWordWrap(True)
        reminder.setAccessibleName(tr("Confidentiality reminder"))
        layout.addWidget(reminder)
        self.understood = QCheckBox(tr("I understand, and will share it only with my solicitor, "
                                       "advocate or the court"))
        self.understood.setAccessibleName(tr("I understand the bundle is confidential"))
        self.understood.toggled.connect(self._changed)
        layout.addWidget(self.understood)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setAccessibleName(tr("About this bundle"))
        layout.addWidget(self.note)
        where = QHBoxLayout()
        self.path = QLineEdit()
        self.path.setAccessibleName(tr("Where to save the bundle"))
        self.path.setPlaceholderText(tr("Choose where to save it"))
        self.path.textChanged.connect(self._changed)
        browse = QPushButton(tr("Choose…"))
        browse.setAccessibleName(tr("Choose where to save the bundle"))
        browse.clicked.connect(self._browse)
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        layout.addLayout(where)
        buttons = QHBoxLayout()
        self.make_button = QPushButton(tr("Make the bundle"))
        self.make_button.setAccessibleName(tr("Make the bundle"))
        self.make_button.setEnabled(False)
        self.make_button.clicked.connect(wizard.start_export)
        self.cancel_button = QPushButton(tr("Stop"))
        self.cancel_button.setAccessibleName(tr("Stop making the bundle"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(wizard.cancel_export)
        buttons.addWidget(self.make_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(tr("Progress"))
        layout.addWidget(self.progress)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(tr("What happened"))
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.done = False

    def initializePage(self) -> None:
        options = self._wizard.options_page.options()
        notes = []
        if options.redact_names:
            notes.append(tr(REDACTION_NOTE))
        if options.password:
            notes.append(tr("Tell your solicitor the password separately (for example by phone), "
                            "never in the same e-mail as the bundle."))
        self.note.setText("\n\n".join(notes))

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, tr("Save the bundle"), tr("bundle.pdf"),
                                                tr("PDF files (*.pdf)"))
        if chosen:
            self.path.setText(chosen if chosen.lower().endswith(".pdf") else chosen + ".pdf")

    def _changed(self) -> None:
        self.make_button.setEnabled(self.understood.isChecked() and bool(self.path.text().strip()))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.done


class ExportWizard(QWizard):
    """Makes a bundle PDF. Emits finished_export(path, ok) when it has finished or failed."""

    finished_export = Signal(str, bool)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._task: Task | None = None
        self.setWindowTitle(tr("Make a bundle for your solicitor"))
        self.setAccessibleName(tr("Make a bundle"))
        self.options_page = OptionsPage(services)
        self.preview_page = PreviewPage(services, self.options_page)
        self.save_page = SavePage(self)
        for page in (self.options_page, self.preview_page, self.save_page):
            self.addPage(page)

    @property
    def running(self) -> bool:
        return self._task is not None

    def start_export(self) -> None:
        if self.running:
            return
        page = self.save_page
        destination = Path(page.path.text().strip()).expanduser()
        options = self.options_page.options()
        page.status.setText(tr("Making the bundle…"))
        page.make_button.setEnabled(False)
        page.cancel_button.setEnabled(True)
        page.progress.setRange(0, 0)  # busy until the first figures arrive
        task = Task(bundle_job(self._services, options, destination), self)
        task.progress.connect(self._progress)
        task.finished.connect(self._done)
        task.failed.connect(self._failed)
        task.cancelled.connect(self._cancelled)
        self._task = task
        task.start()

    def cancel_export(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.save_page.status.setText(tr("Stopping…"))

    def _progress(self, done: float, total: float) -> None:
        if total > 0:
            self.save_page.progress.setRange(0, 1000)
            self.save_page.progress.setValue(int(1000 * min(1.0, done / total)))

    def _finish_task(self) -> None:
        if self._task is not None:
            self._task.deleteLater()
        self._task = None
        self.save_page.cancel_button.setEnabled(False)
        self.save_page._changed()

    def _done(self, result: BundleResult) -> None:
        self._finish_task()
        page = self.save_page
        page.progress.setRange(0, 1)
        page.progress.setValue(1)
        lines = [tr("Saved: {path} ({pages} pages).").format(path=result.path, pages=result.pages)]
        lines += [tr(w) for w in result.warnings]
        lines += [tr("Not included: {name} ({reason}).").format(name=n, reason=r)
                  for n, r in result.not_included]
        page.status.setText("\n".join(lines))
        page.done = True
        page.completeChanged.emit()
        self.finished_export.emit(str(result.path), True)

    def _failed(self, exc: object) -> None:
        self._finish_task()
        if not isinstance(exc, UserError):
            # Shown, not raised: a bundle that cannot be made must never close the window.
            log.warning("bundle failed: %s", type(exc).__name__)
        self.save_page.progress.setRange(0, 1)
        self.save_page.status.setText(error_text(exc, otherwise=tr(
            "The bundle could not be made ({kind}).").format(kind=type(exc).__name__)))
        self.finished_export.emit(self.save_page.path.text(), False)

    def _cancelled(self) -> None:
        self._finish_task()
        self.save_page.progress.setRange(0, 1)
        self.save_page.progress.setValue(0)
        self.save_page.status.setText(tr("Stopped. No bundle was saved."))
        self.finished_export.emit(self.save_page.path.text(), False)

    def done(self, result: int) -> None:
        """Closing the wizard stops a running export first (never leave a thread behind)."""
        if self._task is not None:
            self._task.cancel()
            self._task.wait()
        super().done(result)
