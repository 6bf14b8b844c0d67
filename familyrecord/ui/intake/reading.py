"""The review queue's work off the GUI thread, each on a widgets.workers.Task with its own vault
connection (services.sibling()): reading files (fast: pictures not read), reading one item's
pictures (OCR: seconds a page), and saving what the person accepted."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from familyrecord.errors import UserError
from familyrecord.progress import CancelCheck, Progress
from familyrecord.services import Services
from familyrecord.services.intake import IntakeItem
from familyrecord.ui.widgets.workers import Task

BATCH = 4  # files read per call: rows fill in as they are read, not all at the end


class Arrivals(QObject):
    """What a worker tells the GUI thread as it goes (queued: delivered on the GUI thread, in order)."""

    found = Signal(object)  # list[Path]: the files a reading will bring, in order
    read = Signal(int, object)  # (position among them, IntakeItem)
    saved = Signal(int, object)  # (row, Correspondence)
    refused = Signal(int, object)  # (row, the UserError; None when saving was stopped first)


def reading_task(services: Services, paths: Sequence[Path], own_addresses: Sequence[str],
                 arrivals: Arrivals, parent: QObject | None = None) -> Task:
    """Open the files (folders: the letters inside), one item each, pictures not read yet.
    Stopped: the files not reached yet get no item. Result: how many were read."""
    sibling = services.sibling()

    def job(progress: Progress, cancelled: CancelCheck) -> int:
        try:
            files = sibling.intake.expand(paths)
            arrivals.found.emit(files)
            done = 0
            while done < len(files) and not cancelled():
                batch = files[done:done + BATCH]
                for number, item in enumerate(sibling.intake.read(batch, own_addresses=own_addresses,
                                                                   ocr=False)):
                    arrivals.read.emit(done + number, item)
                done += len(batch)
                progress(done, len(files))
            return done
        finally:
            sibling.lock()

    return Task(job, parent)


def pictures_task(services: Services, item: IntakeItem, own_addresses: Sequence[str],
                  parent: QObject | None = None) -> Task:
    """Read the words in the item's pictures now (OCR in its own process); the result is the item
    read again with new suggestions. A stop keeps the pages read so far."""
    sibling = services.sibling()
    sibling.intake.own_addresses = tuple(own_addresses)

    def job(progress: Progress, cancelled: CancelCheck) -> IntakeItem:
        try:
            return sibling.intake.read_pictures(item, progress=progress, cancelled=cancelled)
        finally:
            sibling.lock()

    return Task(job, parent)


def accept_task(services: Services, accepted: Sequence[tuple[int, IntakeItem, dict[str, object]]],
                arrivals: Arrivals, parent: QObject | None = None) -> Task:
    """Save each (row, item, the person's edits) as an entry, each in one unit of work; one that
    cannot be saved says why and the others go on. Result: how many were saved."""
    sibling = services.sibling()

    def job(_progress: Progress, cancelled: CancelCheck) -> int:
        saved = 0
        try:
            for row, item, edits in accepted:
                if cancelled():
                    arrivals.refused.emit(row, None)
                    continue
                try:
                    record = sibling.intake.accept(item, edits)
                except UserError as exc:
                    arrivals.refused.emit(row, exc)
                else:
                    saved += 1
                    arrivals.saved.emit(row, record)
            return saved
        finally:
            sibling.lock()

    return Task(job, parent)
