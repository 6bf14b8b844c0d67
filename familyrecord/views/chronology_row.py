"""One chronology row: how it says its date, what it rests on and who disputes it (no Qt).

Chronologies in family cases mark dates that are not exact ("about March 2024", "before
12 May 2024") and say what each entry rests on, so the reader can tell what the family saw
from what a document says or what someone told them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from enum import StrEnum

from familyrecord.formatting import medium_date, short_date
from familyrecord.records.enums import Basis, DateQualifier, Significance

FAMILY = "The family"

# What a row rests on, in the third person the bundle uses.
EVENT_BASIS: dict[Basis, str] = {
    Basis.UNSPECIFIED: "",
    Basis.SAW: "Seen or heard by the family",
    Basis.QUOTE: "A direct quote",
    Basis.OPINION: "A professional's opinion",
    Basis.DOCUMENT: "A document",
}
MEETING_NOTES = "The family's notes"
MEETING_MINUTES = "Minutes and the family's notes"
LETTER = "The letter or e-mail"
TOLD_BY_PHONE = "Told by phone"
CONTACT_LOG = "The family's contact log"
ARRANGEMENT = "The arrangement"
DEADLINE = "Dates in the record"
ALLOCATION = "The family's record"
DISPUTED_MINUTES = "Minutes the family disputes"
RECORDING = "The family's recording"
OWN_ENTRY = "The family's own entry"


def date_label(on: date, qualifier: DateQualifier) -> str:
    """06/01/2025 when exact; "about March 2024", "before 12 May 2024", "after 3 June 2024"
    when not. An approximate date on the first of a month reads as the month itself (that is
    how people enter "about March")."""
    if qualifier is DateQualifier.EXACT:
        return short_date(on)
    if qualifier is DateQualifier.APPROX:
        return f"about {on:%B %Y}" if on.day == 1 else f"about {medium_date(on)}"
    word = "before" if qualifier is DateQualifier.BEFORE else "after"
    return f"{word} {medium_date(on)}"


def format_timestamp(seconds: float) -> str:
    """01:05 (or 1:02:03 past an hour): a moment in a recording."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60:02d}:{rest % 60:02d}"


class RowKind(StrEnum):
    MEETING = "meeting"
    CORRESPONDENCE = "correspondence"
    CONTACT_SESSION = "contact_session"
    CONTACT_ARRANGEMENT = "contact_arrangement"
    EVENT = "event"
    DEADLINE = "deadline"
    ALLOCATION = "allocation"
    DISPUTED_POINT = "disputed_point"
    TRANSCRIPT = "transcript"
    MANUAL = "manual"


ROW_KIND_LABELS: dict[RowKind, str] = {
    RowKind.MEETING: "Meeting",
    RowKind.CORRESPONDENCE: "Letter, e-mail or call",
    RowKind.CONTACT_SESSION: "Contact session",
    RowKind.CONTACT_ARRANGEMENT: "Contact arrangement",
    RowKind.EVENT: "Event",
    RowKind.DEADLINE: "Deadline",
    RowKind.ALLOCATION: "Social worker change",
    RowKind.DISPUTED_POINT: "Disputed point",
    RowKind.TRANSCRIPT: "Recording (transcript)",
    RowKind.MANUAL: "Added by hand",
}


@dataclass
class ChronologyRow:
    """One line of the chronology. `key` is stable across rebuilds (edits are keyed on it)."""

    key: str
    kind: RowKind
    on: date
    text: str
    people: str = ""
    source_id: str = ""
    source_label: str = ""
    significance: Significance = Significance.NORMAL
    disputed: bool = False
    included: bool = True
    qualifier: DateQualifier = DateQualifier.EXACT
    at: time | None = None
    child_ids: list[str] = field(default_factory=list)
    timestamp: float | None = None
    edited: bool = False
    position: int | None = None
    entry_id: str = ""
    serial: int = 0
    page_ref: str = ""
    # Keys of the rows that show this row's disputes themselves (a meeting whose disputed
    # points each have their own row): counting disputes counts those rows, not this one.
    carried_disputes: tuple[str, ...] = ()
    basis: str = ""  # what the row rests on ("The family's own recording", "A document" …)

    @property
    def manual(self) -> bool:
        return self.kind is RowKind.MANUAL

    @property
    def date_text(self) -> str:
        """06/01/2025, or "about March 2024", "before 12 May 2024" for inexact dates."""
        return date_label(self.on, self.qualifier)

    @property
    def disputed_by(self) -> str:
        """Who disputes the row: every dispute in the record is the family's own."""
        return FAMILY if self.disputed else ""

    @property
    def short_source(self) -> str:
        """The kind of source, for the bundle's narrow column (its page follows it)."""
        if self.kind is RowKind.TRANSCRIPT and self.timestamp is not None:
            return f"Recording at {format_timestamp(self.timestamp)}"
        if self.kind is RowKind.DISPUTED_POINT:
            return "Meeting (disputed point)"
        if self.kind is RowKind.CONTACT_ARRANGEMENT:
            return "Contact plan"
        return self.source_label.split(":", 1)[0]

    @property
    def anchor(self) -> str:
        """The bundle anchor of the place this row comes from ('' when it has none)."""
        if self.kind is RowKind.TRANSCRIPT:
            return f"seg-{self.key.rsplit(':', 1)[-1]}"
        if self.kind is RowKind.DISPUTED_POINT:
            return f"dp-{self.key.rsplit(':', 1)[-1]}"
        if self.kind is RowKind.MANUAL:
            return ""
        return f"rec-{self.source_id}"
