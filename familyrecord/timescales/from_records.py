"""Which clocks a record starts, and the date each counts from.

A meeting starts the clock of its type on its day (a child's first child-in-care review is its own
subtype, "lac_review_first", because the second review follows it sooner). A conference's minutes
start the family's clock for corrections on the day they arrived. A letter or e-mail with a purpose
(a complaint, a records request, a reply to a complaint) starts a clock on its date, as does an event
such as a child coming into care. Nothing here touches storage: the caller says whether a LAC review
is the first (see `is_first_lac_review`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from familyrecord.records.enums import LetterPurpose, MeetingType
from familyrecord.records.models import Correspondence, Event, Meeting, Record
from familyrecord.timescales.propose import Proposal, Trigger, propose

FIRST_LAC_REVIEW = "lac_review_first"
# Conferences whose record (minutes) the family may correct within a time limit.
_MINUTES_CLOCKS = frozenset({MeetingType.ICPC, MeetingType.RCPC})

# How a note names the date that changed, per trigger kind ("because the meeting's date changed").
DATE_NAMES: dict[str, str] = {
    "meeting": "the meeting's date",
    "minutes_received": "the date the minutes arrived",
    "correspondence_sent": "the letter's date",
    "correspondence_received": "the letter's date",
    "event": "the date of the event",
}


@dataclass(frozen=True)
class ClockStart:
    """One clock a record starts: the trigger and the date it counts from (None: not filled in)."""

    trigger: Trigger
    on: date | None


def _day(value: date | datetime | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def clock_starts(record: Record, *, first_lac_review: bool = False) -> list[ClockStart]:
    """The clocks `record` starts, in a fixed order; [] for records that start none.

    `first_lac_review` marks a LAC review meeting as the child's first one.
    """
    if isinstance(record, Meeting):
        subtype = str(record.meeting_type.value)
        if record.meeting_type is MeetingType.LAC_REVIEW and first_lac_review:
            subtype = FIRST_LAC_REVIEW
        starts = [ClockStart(Trigger("meeting", subtype), _day(record.starts_at))]
        # Minutes not yet arrived start nothing: a missing date here is normal, not a problem.
        if record.meeting_type in _MINUTES_CLOCKS and record.minutes_received_on is not None:
            starts.append(ClockStart(Trigger("minutes_received", str(record.meeting_type.value)),
                                     record.minutes_received_on))
        return starts
    if isinstance(record, Correspondence):
        if record.purpose is LetterPurpose.NONE:
            return []
        kind = f"correspondence_{record.direction.value}"
        return [ClockStart(Trigger(kind, str(record.purpose.value)), record.dated)]
    if isinstance(record, Event):
        return [ClockStart(Trigger("event", str(record.event_type.value)), record.occurred_on)]
    return []


def clock_dates(record: Record) -> dict[str, date | None]:
    """The date each trigger kind counts from for this record ({} when it starts no clocks).

    Used to move accepted deadlines: a deadline's rule names its trigger kind, and this gives that
    kind's date now. Both letter kinds count from the letter's date, so a letter whose direction
    was corrected still moves its deadlines.
    """
    if isinstance(record, Meeting):
        return {"meeting": _day(record.starts_at), "minutes_received": record.minutes_received_on}
    if isinstance(record, Correspondence):
        return {"correspondence_sent": record.dated, "correspondence_received": record.dated}
    if isinstance(record, Event):
        return {"event": record.occurred_on}
    return {}


def is_first_lac_review(meeting: Meeting, meetings: Iterable[Meeting]) -> bool:
    """True when `meeting` is a LAC review and no LAC review before it concerns any of its children.

    A review naming no child is compared with every LAC review in the record (a family with one
    child often leaves the child out). Undated reviews are not counted as earlier.
    """
    if meeting.meeting_type is not MeetingType.LAC_REVIEW or meeting.starts_at is None:
        return False
    children = set(meeting.child_ids)
    for other in meetings:
        if (other.id == meeting.id or other.meeting_type is not MeetingType.LAC_REVIEW
                or other.starts_at is None or other.starts_at >= meeting.starts_at):
            continue
        if not children or not other.child_ids or children & set(other.child_ids):
            return False
    return True


def proposals_for(record: Record, *, first_lac_review: bool = False) -> list[Proposal]:
    """Every deadline the record proposes, clock by clock.

    Raises `MissingDateError` (with its plain message) when a clock that has rules has no date.
    """
    proposals: list[Proposal] = []
    for start in clock_starts(record, first_lac_review=first_lac_review):
        proposals.extend(propose(start.trigger, start.on))
    return proposals
