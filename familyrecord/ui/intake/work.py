"""The review queue's work, one task at a time of each kind: opening the files dropped or chosen
(fast: pictures not read), reading the words in the rows' pictures now (OCR, seconds a page), and
saving the rows the person accepted."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from familyrecord.services import Services
from familyrecord.services.intake import IntakeItem
from familyrecord.ui.intake.reading import Arrivals, accept_task, pictures_task, reading_task
from familyrecord.ui.intake.rows import ReviewRow, RowState
from familyrecord.ui.widgets.errors import error_text
from familyrecord.ui.widgets.workers import Task

Accepted = tuple[int, IntakeItem, dict[str, object]]


class FilesQueue(QObject):
    """Opens batches of paths in turn. Signals: found(files of the batch now read), read(position
    among them, item), progress(done, total) in files, ended(outcome, error): outcome is "done",
    "stopped" or "failed" (error then holds why)."""

    found = Signal(object)
    read = Signal(int, object)
    progress = Signal(object, object)
    ended = Signal(str, object)

    def __init__(self, services: Services, own_addresses: Sequence[str],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._own = tuple(own_addresses)
        self._waiting: list[list[Path]] = []
        self.task: Task | None = None
        self._arrivals = Arrivals(self)
        self._arrivals.found.connect(self.found)
        self._arrivals.read.connect(self.read)

    @property
    def busy(self) -> bool:
        return self.task is not None

    def add(self, paths: Sequence[Path]) -> None:
        self._waiting.append(list(paths))
        self._next()

    def _next(self) -> None:
        if self.task is not None or not self._waiting:
            return
        self.task = reading_task(self._services, self._waiting.pop(0), self._own, self._arrivals, self)
        self.task.progress.connect(self.progress)
        self.task.finished.connect(lambda _count: self._end("done", None))
        self.task.failed.connect(lambda exc: self._end("failed", exc))
        self.task.cancelled.connect(lambda: self._end("stopped", None))
        self.task.start()

    def _end(self, outcome: str, exc: object) -> None:
        task, self.task = self.task, None
        if task is not None:
            task.deleteLater()
        self.ended.emit(outcome, exc)
        self._next()

    def stop(self) -> None:
        """Stop now; the batches not started are dropped."""
        self._waiting.clear()
        if self.task is not None:
            self.task.cancel()

    def shutdown(self) -> None:
        self.stop()
        if self.task is not None and self.task.is_running:
            self.task.wait()


class PicturesQueue(QObject):
    """Reads the pictures of one row after another. Signals: started(row), progress(row, done,
    total) in pages, ended(row, the item read again, or None when stopped: the row keeps its own)."""

    started = Signal(int)
    progress = Signal(int, object, object)
    ended = Signal(int, object)

    def __init__(self, services: Services, own_addresses: Sequence[str],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._own = tuple(own_addresses)
        self.task: Task | None = None
        self.row = -1
        self._item: IntakeItem | None = None
        self.stopped = False  # the person stopped it: start no more until asked again

    @property
    def busy(self) -> bool:
        return self.task is not None

    def next(self, rows: Sequence[ReviewRow]) -> None:
        """Start on the first open row whose pictures are not read yet (if none is being read)."""
        if self.task is not None or self.stopped:
            return
        index = next((i for i, row in enumerate(rows) if row.is_open and row.pictures_wait
                      and not row.pictures_tried and row.state != RowState.PICTURES), -1)
        if index < 0:
            return
        item = rows[index].item
        assert item is not None
        self.row, self._item = index, item
        self.task = pictures_task(self._services, item, self._own, self)
        self.task.progress.connect(lambda done, total: self.progress.emit(self.row, done, total))
        self.task.finished.connect(self._end)
        self.task.failed.connect(self._failed)
        self.task.cancelled.connect(lambda: self._end(None))
        self.task.start()
        self.started.emit(index)

    def _failed(self, exc: object) -> None:
        message = error_text(exc, os_error=self.tr("The file could not be opened: %1"))
        self._end(replace(self._item, error=message) if self._item is not None else None)

    def _end(self, item: IntakeItem | None) -> None:
        task, self.task = self.task, None
        row, self.row, self._item = self.row, -1, None
        if task is not None:
            task.deleteLater()
        self.ended.emit(row, item)

    def leave(self, index: int) -> None:
        """The row was accepted or skipped: reading its pictures now is no use (after saving, they are)."""
        if index == self.row and self.task is not None:
            self.task.cancel()

    def stop(self) -> None:
        self.stopped = True
        if self.task is not None:
            self.task.cancel()

    def shutdown(self) -> None:
        """Stop and wait (the window is closing)."""
        self.stop()
        if self.task is not None and self.task.is_running:
            self.task.wait()


class SaveQueue(QObject):
    """Saves accepted rows on a worker, a batch at a time. Signals: saved(row, record),
    refused(row, error or None), failed(exc) for anything but a UserError (a bug), idle() when
    nothing is left to save."""

    saved = Signal(int, object)
    refused = Signal(int, object)
    failed = Signal(object)
    idle = Signal()

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._waiting: list[Accepted] = []
        self.task: Task | None = None
        self._arrivals = Arrivals(self)
        self._arrivals.saved.connect(self.saved)
        self._arrivals.refused.connect(self.refused)

    @property
    def busy(self) -> bool:
        return self.task is not None or bool(self._waiting)

    def add(self, accepted: Sequence[Accepted]) -> None:
        self._waiting += accepted
        self._next()

    def _next(self) -> None:
        if self.task is not None:
            return
        if not self._waiting:
            self.idle.emit()
            return
        batch, self._waiting = self._waiting, []
        self.task = accept_task(self._services, batch, self._arrivals, self)
        self.task.finished.connect(self._end)
        self.task.failed.connect(self._failed)
        self.task.cancelled.connect(self._end)
        self.task.start()

    def _end(self, *_result: object) -> None:
        task, self.task = self.task, None
        if task is not None:
            task.deleteLater()
        self._next()

    def _failed(self, exc: object) -> None:
        self.failed.emit(exc)
        self._end()

    def shutdown(self) -> None:
        """Save no more (the one being saved ends whole) and wait."""
        self._waiting.clear()
        if self.task is not None:
            self.task.cancel()
            if self.task.is_running:
                self.task.wait()
