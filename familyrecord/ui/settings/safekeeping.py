"""Passphrase and backups: change the passphrase, make a new recovery code, back up, check the
record (and rebuild search when the check finds it out of date), give and check receipts.

Everything here acts at once (it is not a setting to save). The slow parts (Argon2id, copying
the file, checking every attachment) run on a worker thread with their own connection.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from familyrecord.progress import CancelCheck, Progress
from familyrecord.services import Services
from familyrecord.ui.settings.receipts import ReceiptsBox
from familyrecord.ui.start.pages import RecoveryCodePage
from familyrecord.ui.widgets.common import button, named, scrolled
from familyrecord.ui.widgets.errors import error_text
from familyrecord.ui.widgets.passphrase import NewPassphraseFields
from familyrecord.ui.widgets.workers import Task

log = logging.getLogger(__name__)

# Work outlives the dialog: locking closes (and deletes) the dialog, but a backup half-written
# must finish, and a QThread must never be destroyed while it runs.
_unfinished: set[Task] = set()


def _forget(task: Task) -> None:
    _unfinished.discard(task)
    task.deleteLater()


def _words(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class SafekeepingDialog(QDialog):
    """Opened with open(). `must_change_passphrase` is for a record opened with the recovery code."""

    def __init__(self, services: Services, parent: QWidget | None = None, *,
                 must_change_passphrase: bool = False) -> None:
        super().__init__(parent)
        self._services = services
        self.task: Task | None = None
        self._then: Callable[[object], None] | None = None
        self.setWindowTitle(self.tr("Passphrase and backups"))
        self.setAccessibleName(self.tr("Passphrase and backups"))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)
        layout = QVBoxLayout(self)
        # The sections scroll rather than squeeze when a small screen meets 200% text.
        content = QWidget()
        inner = QVBoxLayout(content)
        inner.setContentsMargins(0, 0, 0, 0)
        self.intro = _words(self.tr(
            "You opened your record with the recovery code. Please choose a new passphrase now, so "
            "you can open it with that next time.") if must_change_passphrase else "")
        self.intro.setVisible(must_change_passphrase)
        self.intro.setProperty("fieldError", must_change_passphrase)
        inner.addWidget(self.intro)
        inner.addWidget(self._passphrase_box())
        inner.addWidget(self._recovery_box())
        inner.addWidget(self._backup_box())
        self.receipts = ReceiptsBox(services, self._run, lambda text: self.message.setText(text))
        inner.addWidget(self.receipts)
        inner.addStretch(1)
        area = scrolled(content)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setMinimumHeight(min(content.sizeHint().height(), self.fontMetrics().height() * 16))
        layout.addWidget(area, 1)
        self.progress = named(QProgressBar(), self.tr("Progress"))
        self.progress.setVisible(False)
        layout.addWidget(self.progress)
        self.message = named(_words(""), self.tr("Result"))
        layout.addWidget(self.message)
        row = QHBoxLayout()
        row.addStretch(1)
        self.close_button = button(self.tr("Close"), self, slot=self.reject)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        if must_change_passphrase:
            self.new_passphrase.setFocus()
        self.resize(self.width(), content.sizeHint().height() + self.close_button.sizeHint().height() * 3)

    # ---- building ----------------------------------------------------------------------------

    def _passphrase_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Change your passphrase"))
        self.fields = NewPassphraseFields(first=(self.tr("New passphrase:"), self.tr("New passphrase")),
                                          again=(self.tr("Again:"), self.tr("New passphrase again")))
        self.new_passphrase, self.repeat = self.fields.passphrase, self.fields.repeat
        self.change_button = button(self.tr("Change passphrase"), self, slot=self.change_passphrase)
        self.fields.form.addRow("", self.change_button)
        QVBoxLayout(box).addWidget(self.fields)
        return box

    def _recovery_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Recovery code"))
        column = QVBoxLayout(box)
        column.addWidget(_words(self.tr(
            "Lost the paper with your recovery code? Make a new one. The old code stops working.")))
        self.recovery_button = button(self.tr("Make a new recovery code…"), self,
                                      slot=self.new_recovery_code)
        column.addWidget(self.recovery_button, 0, Qt.AlignmentFlag.AlignLeft)
        return box

    def _backup_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Backups and checks"))
        column = QVBoxLayout(box)
        column.addWidget(_words(self.tr(
            "A backup is an encrypted copy of your whole record: it opens with the same passphrase. "
            "Keep it away from this computer, for example on a USB stick.")))
        row = QHBoxLayout()
        self.backup_button = button(self.tr("Make a backup…"), self, slot=self.choose_backup_place)
        self.check_button = button(self.tr("Check my record"), self, slot=self.check_record)
        self.check_button.setToolTip(self.tr("Checks that nothing in your record has been damaged or "
                                             "changed outside FamilyRecord."))
        # Offered only when a check finds search out of date (the record itself is fine).
        self.repair_button = button(self.tr("Rebuild search"), self, slot=self.repair_search)
        self.repair_button.setToolTip(self.tr("Makes search true to your record again. Nothing in "
                                              "your record is changed."))
        self.repair_button.setVisible(False)
        row.addWidget(self.backup_button)
        row.addWidget(self.check_button)
        row.addWidget(self.repair_button)
        row.addStretch(1)
        column.addLayout(row)
        return box

    # ---- running ------------------------------------------------------------------------------

    def _busy(self, busy: bool) -> None:
        for widget in (self.change_button, self.recovery_button, self.backup_button, self.check_button,
                       self.repair_button):
            widget.setEnabled(not busy)
        self.receipts.set_busy(busy)
        self.progress.setVisible(busy)
        self.progress.setRange(0, 0)

    def _run(self, job: Callable[[Services, Progress, CancelCheck], object],
             done: Callable[[object], None]) -> None:
        """Run `job` on a worker thread with its own handle on the vault."""
        sibling = self._services.sibling()

        def work(progress: Progress, cancelled: CancelCheck) -> object:
            try:
                return job(sibling, progress, cancelled)
            finally:
                sibling.lock()

        self._busy(True)
        self.message.clear()
        task = Task(work)
        # Bound methods, not lambdas: Qt drops these connections if the dialog is deleted first.
        task.progress.connect(self._on_progress)
        task.finished.connect(self._finished)
        task.failed.connect(self._failed)
        for signal in (task.finished, task.failed):
            signal.connect(lambda _result, t=task: _forget(t))
        _unfinished.add(task)
        self._then = done
        self.task = task
        task.start()

    def _finished(self, result: object) -> None:
        self._busy(False)
        if self._then is not None:
            self._then(result)

    def _on_progress(self, done: float, total: float) -> None:
        if total:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * done / total))

    def _failed(self, exc: object) -> None:
        self._busy(False)
        self.message.setText(error_text(exc, os_error=self.tr("That place could not be written to: %1")))

    def change_passphrase(self) -> None:
        new = self.fields.text()
        problem = self.fields.problem()
        if problem is not None:
            self.message.setText(problem)
            return
        self._run(lambda s, _p, _c: s.change_passphrase(new), self._passphrase_changed)

    def _passphrase_changed(self, _result: object) -> None:
        self.fields.clear()
        self.intro.setVisible(False)
        self.message.setText(self.tr("Your passphrase is changed. Use the new one from now on; the old "
                                     "one no longer opens your record."))

    def new_recovery_code(self) -> None:
        self._run(lambda s, _p, _c: s.new_recovery_code(), self._show_code)

    def _show_code(self, code: object) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Your new recovery code"))
        dialog.setAccessibleName(self.tr("Your new recovery code"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        page = RecoveryCodePage(dialog)
        page.set_code(str(code))
        page.confirmed.connect(dialog.accept)
        dialog.finished.connect(lambda _r: page.clear())
        QVBoxLayout(dialog).addWidget(page)
        self.code_dialog = dialog
        self.message.setText(self.tr("A new recovery code was made. The old one no longer works."))
        dialog.open()

    def choose_backup_place(self) -> None:
        suggested = self._services.record_path.with_name(
            self.tr("family-backup-%1.frvault").replace("%1", date.today().isoformat()))
        dialog = QFileDialog(self, self.tr("Where should the backup go?"), str(suggested))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("FamilyRecord files (*.frvault)"))
        dialog.fileSelected.connect(lambda name: self.make_backup(Path(name)))
        dialog.open()

    def make_backup(self, destination: Path) -> None:
        if destination.suffix != ".frvault":
            destination = destination.with_name(destination.name + ".frvault")
        self._run(lambda s, _p, _c: s.backup(destination), self._backed_up)

    def _backed_up(self, written: object) -> None:
        path = Path(str(written))
        self.message.setText(self.tr(
            "Backup saved: %1. It opens with your passphrase. Keep it away from this computer, for "
            "example on a USB stick.").replace("%1", str(path)))

    def check_record(self) -> None:
        self._run(lambda s, progress, _c: s.verify(progress=progress), self._checked)

    def _checked(self, report: object) -> None:
        problems = [self.tr(words) for words in getattr(report, "problems", [])]
        search_ok = bool(getattr(report, "search_ok", True))
        self.repair_button.setVisible(not search_ok)
        if not problems:
            self.message.setText(self.tr(
                "Your record is whole: %1 entries, %2 files and %3 changes in its history were "
                "checked and nothing has been damaged or changed outside FamilyRecord. To prove this "
                "later, make a receipt below and send it to someone you trust.").replace(
                "%1", str(getattr(report, "records", 0))).replace(
                "%2", str(getattr(report, "attachments", 0))).replace(
                "%3", str(getattr(report, "journal_entries", 0))))
            self.receipts.make_button.setFocus()
            return
        if len(problems) == len(getattr(getattr(report, "search", None), "findings", lambda: [])()):
            # Only search is out of date: the record is fine, and search can be rebuilt from it.
            self.message.setText(self.tr(
                "Your record itself is whole, but search is not up to date with it: %1 Choose "
                "\"Rebuild search\" to put that right.").replace("%1", " ".join(problems)))
            self.repair_button.setFocus()
            return
        self.message.setText(self.tr(
            "Something is wrong with your record file. Nothing has been changed by this check. Restore "
            "your latest backup, or ask someone you trust for help. Details: %1").replace(
            "%1", "; ".join(problems)))

    def repair_search(self) -> None:
        self._run(lambda s, _p, _c: s.safekeeping.repair_search(), self._search_repaired)

    def _search_repaired(self, _audit: object) -> None:
        self.repair_button.setVisible(False)
        self.message.setText(self.tr("Search is rebuilt from your record. Nothing in your record was "
                                     "changed."))

    def clear(self) -> None:
        """On lock: forget what was typed (running work finishes on its own)."""
        self.fields.clear()
        self.message.clear()
        self.receipts.clear()
