"""One row of the review queue: the file, what was read from it, where it stands, the person's edits."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from familyrecord.services.intake import IntakeItem
from familyrecord.ui.widgets.errors import tr as tr_error


def tr(text: str) -> str:
    return QCoreApplication.translate("intake", text)


class RowState(StrEnum):
    READING = "reading"  # the file is being opened and read
    PICTURES = "pictures"  # the words in its pictures are being read
    READY = "ready"
    FAILED = "failed"  # could not be read (it can still be kept, with the form filled in)
    ALREADY = "already"  # the same file or e-mail is in the record already
    NOT_READ = "not_read"  # reading was stopped before this file was opened
    SAVING = "saving"
    SAVED = "saved"
    SKIPPED = "skipped"


# Rows the person can still accept or skip.
OPEN_STATES = frozenset({RowState.PICTURES, RowState.READY, RowState.FAILED, RowState.ALREADY})


@dataclass
class ReviewRow:
    path: Path
    item: IntakeItem | None = None
    state: RowState = RowState.READING
    edits: dict[str, object] = field(default_factory=dict)  # only the fields the person changed
    problem: str = ""  # why the last Accept did not save it
    record_id: str = ""  # the entry it became
    pictures_tried: bool = False  # its pictures were read now, or that was stopped

    @property
    def name(self) -> str:
        return self.item.file_name if self.item is not None else self.path.name

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES and self.item is not None

    def settle(self) -> None:
        """The state its item says, once it is read."""
        if self.item is None:
            return
        if not self.item.ok:
            self.state = RowState.FAILED
        elif self.item.already_in:
            self.state = RowState.ALREADY
        else:
            self.state = RowState.READY

    @property
    def pictures_wait(self) -> bool:
        """Pictures of text in it are not read yet: they will be read after saving."""
        return self.item is not None and self.item.ok and bool(self.item.pages_to_read)

    def short_text(self) -> str:
        """Where the row stands, in two or three words (the queue's second line)."""
        if self.problem and self.is_open:
            return tr("Not saved: see why")
        if self.state == RowState.READY and self.pictures_wait:
            return tr("Ready (words read after saving)")
        return {
            RowState.READING: tr("Reading…"),
            RowState.PICTURES: tr("Reading the picture…"),
            RowState.READY: tr("Ready to check"),
            RowState.FAILED: tr("Could not be read"),
            RowState.ALREADY: tr("Already in the record"),
            RowState.NOT_READ: tr("Not read"),
            RowState.SAVING: tr("Saving…"),
            RowState.SAVED: tr("Saved"),
            RowState.SKIPPED: tr("Skipped"),
        }[self.state]

    def state_text(self) -> str:
        """Where the row stands, in a few plain words (shown under its file name)."""
        if self.state == RowState.FAILED and self.item is not None:
            return tr("Could not be read: %1").replace("%1", tr_error(self.item.error))
        text = {
            RowState.READING: tr("Reading…"),
            RowState.PICTURES: tr("Reading the words in the picture…"),
            RowState.READY: tr("Ready to check"),
            RowState.ALREADY: tr("Already in the record"),
            RowState.NOT_READ: tr("Not read: reading was stopped. Add it again to read it."),
            RowState.SAVING: tr("Saving…"),
            RowState.SAVED: tr("Saved"),
            RowState.SKIPPED: tr("Skipped: not saved"),
        }.get(self.state, "")
        if self.state == RowState.READY and self.pictures_wait:
            text = tr("Ready to check. The words in the picture will be read after saving.")
        if self.problem and self.is_open:
            text += "\n" + tr("Not saved: %1").replace("%1", self.problem)
        return text
