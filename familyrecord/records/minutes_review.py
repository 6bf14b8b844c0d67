"""The family's review of a meeting's official minutes against what was said, kept as it goes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from familyrecord.records.enums import Verdict
from familyrecord.records.models import Record, ValidationError


@dataclass(kw_only=True)
class StatementReview:
    """One statement of the minutes and what the family made of it."""

    index: int = 0  # the statement's place in the minutes, from the splitter
    item: str = ""  # its number in the minutes ("2.1"), when it has one
    minutes_text: str = ""
    verdict: Verdict = Verdict.UNMARKED
    account: str = ""  # the family's account, in their words
    recording_text: str = ""  # the passage the family chose as what was said
    recording_start: float | None = None
    recording_end: float | None = None
    correction_asked: str = ""


@dataclass(kw_only=True)
class OmissionReview:
    """Something said in the meeting that the minutes leave out, which the family wants added."""

    recording_text: str = ""
    recording_start: float | None = None
    recording_end: float | None = None
    account: str = ""


@dataclass(kw_only=True)
class MinutesReview(Record):
    KIND: ClassVar[str] = "minutes_review"

    meeting_id: str = ""
    minutes_attachment_id: str = ""  # the minutes as a file in the record, or
    minutes_text: str = ""  # the text they were read as (pasted or extracted)
    statements: list[StatementReview] = field(default_factory=list)
    omissions: list[OmissionReview] = field(default_factory=list)
    letter_id: str = ""  # the request for corrections, once drafted

    def validate(self) -> None:
        if not self.meeting_id:
            raise ValidationError("meeting_id", "A review of minutes belongs to a meeting.")

    def summary(self) -> str:
        marked = sum(1 for s in self.statements if s.verdict is not Verdict.UNMARKED)
        return f"Minutes checked: {marked} of {len(self.statements)} statements"

    def search_text(self) -> str:
        parts = [s.account for s in self.statements] + [o.account for o in self.omissions]
        return "\n".join(p for p in parts if p)
