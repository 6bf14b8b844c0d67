"""Plain dataclasses for every record type, with validation.

Records know nothing of storage: the vault serialises them with `records.codec`.
Every record has a stable `id`, the children it concerns, and an `archived` flag
(archive, not delete, is the normal way to put something away).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import ClassVar

from familyrecord.errors import InputError
from familyrecord.records.enums import (
    Basis,
    CancelledBy,
    Channel,
    DateQualifier,
    DeadlineKind,
    DeadlineWho,
    Direction,
    EventType,
    LetterPurpose,
    MeetingType,
    Role,
    SessionStatus,
    Significance,
)


class ValidationError(InputError, ValueError):
    """A record is missing something it needs, or holds something impossible.

    `field_name` names the field so a form can point at it.
    """

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message, user_message=message)
        self.field_name = field_name
        self.message = message


def new_id() -> str:
    return uuid.uuid4().hex


def _require(value: str, field_name: str, label: str) -> None:
    if not value.strip():
        raise ValidationError(field_name, f"Please fill in {label}.")


def _order(first: date | datetime | time | None, second: date | datetime | time | None,
           field_name: str, message: str) -> None:
    if first is not None and second is not None and second < first:  # type: ignore[operator]
        raise ValidationError(field_name, message)


@dataclass(kw_only=True)
class Record:
    """Fields every record shares. Subclasses set KIND, a stable name used in the vault."""

    KIND: ClassVar[str] = ""

    id: str = field(default_factory=new_id)
    child_ids: list[str] = field(default_factory=list)
    archived: bool = False
    created_at: datetime | None = None
    updated_at: datetime | None = None

    def validate(self) -> None:
        """Raise ValidationError when the record cannot be saved as it is."""

    def when(self) -> date | None:
        """The date this record belongs to in the chronology (None: undated)."""
        return None

    def summary(self) -> str:
        """One line saying what this record is."""
        raise NotImplementedError

    def search_text(self) -> str:
        """All the words a search should find this record by."""
        return self.summary()


@dataclass(kw_only=True)
class Person(Record):
    KIND: ClassVar[str] = "person"

    name: str = ""
    role: Role = Role.OTHER
    organisation: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    notes: str = ""
    allocated_from: date | None = None
    allocated_to: date | None = None

    def validate(self) -> None:
        _require(self.name, "name", "the person's name")
        _order(self.allocated_from, self.allocated_to, "allocated_to",
               "The end of the allocation cannot be before its start.")

    def when(self) -> date | None:
        return self.allocated_from

    def summary(self) -> str:
        return f"{self.name} ({self.organisation})" if self.organisation else self.name

    def search_text(self) -> str:
        return "\n".join([self.name, self.organisation, self.email, self.phone, self.notes])


@dataclass(kw_only=True)
class Child(Record):
    KIND: ClassVar[str] = "child"

    name: str = ""
    date_of_birth: date | None = None
    notes: str = ""
    # "About me": what the child would want a new worker to know.
    school: str = ""
    health: str = ""
    what_matters: str = ""
    likes: str = ""
    worries: str = ""

    def validate(self) -> None:
        _require(self.name, "name", "the child's name")
        if self.date_of_birth is not None and self.date_of_birth > date.today():
            raise ValidationError("date_of_birth", "The date of birth cannot be in the future.")

    def summary(self) -> str:
        return self.name

    def search_text(self) -> str:
        return "\n".join([self.name, self.notes, self.school, self.health, self.what_matters,
                          self.likes, self.worries])


@dataclass(kw_only=True)
class Attendee:
    person_id: str = ""
    name: str = ""
    role: Role = Role.OTHER
    present: bool = True


@dataclass(kw_only=True)
class Action:
    """Something someone promised to do (the council's commitments included)."""

    id: str = field(default_factory=new_id)
    description: str = ""
    owner_person_id: str = ""
    owner_name: str = ""
    due_on: date | None = None
    done: bool = False
    done_on: date | None = None


@dataclass(kw_only=True)
class DisputedPoint:
    """A point in the minutes or a report the family disagrees with, tracked until answered."""

    id: str = field(default_factory=new_id)
    text: str = ""
    family_account: str = ""
    raised_on: date | None = None
    response: str = ""
    resolved: bool = False
    reached_court_bundle: bool = False
    # From a comparison of the minutes with the recording: what each says, and where.
    minutes_wording: str = ""
    recording_wording: str = ""
    recording_at: float | None = None  # seconds into the meeting's recording
    correction_asked: str = ""


@dataclass(kw_only=True)
class Meeting(Record):
    KIND: ClassVar[str] = "meeting"

    meeting_type: MeetingType = MeetingType.OTHER
    title: str = ""
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    place: str = ""
    attendees: list[Attendee] = field(default_factory=list)
    agenda: str = ""
    reports_received_on: date | None = None
    recording_announced: bool | None = None
    own_notes: str = ""
    decisions: list[str] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    minutes_received_on: date | None = None
    minutes_attachment_id: str = ""
    disputed_points: list[DisputedPoint] = field(default_factory=list)
    significance: Significance = Significance.NORMAL

    def validate(self) -> None:
        if self.starts_at is None:
            raise ValidationError("starts_at", "Please give the date and time of the meeting.")
        _order(self.starts_at, self.ends_at, "ends_at", "The meeting cannot end before it starts.")
        for action in self.actions:
            _require(action.description, "actions", "what the action is")
        for point in self.disputed_points:
            _require(point.text, "disputed_points", "the point you disagree with")

    def when(self) -> date | None:
        return self.starts_at.date() if self.starts_at else None

    def summary(self) -> str:
        from familyrecord.records.enums import MEETING_TYPE_LABELS

        return self.title or MEETING_TYPE_LABELS[self.meeting_type]

    def search_text(self) -> str:
        parts = [self.summary(), self.place, self.agenda, self.own_notes, *self.decisions]
        parts += [a.name for a in self.attendees]
        parts += [f"{a.description} {a.owner_name}" for a in self.actions]
        parts += [f"{p.text} {p.family_account} {p.response}" for p in self.disputed_points]
        return "\n".join(parts)


@dataclass(kw_only=True)
class Correspondence(Record):
    KIND: ClassVar[str] = "correspondence"

    direction: Direction = Direction.RECEIVED
    channel: Channel = Channel.LETTER
    dated: date | None = None
    from_name: str = ""
    to_name: str = ""
    person_id: str = ""
    subject: str = ""
    body: str = ""
    reply_needed_by: date | None = None
    replied_on: date | None = None
    significance: Significance = Significance.NORMAL
    purpose: LetterPurpose = LetterPurpose.NONE
    # E-mails: the addresses as written, and what links a thread together.
    from_address: str = ""
    to_addresses: str = ""
    message_id: str = ""
    in_reply_to: str = ""
    replies_to_id: str = ""  # the record this one answers

    def validate(self) -> None:
        if self.dated is None:
            raise ValidationError("dated", "Please give the date it was sent or received.")
        _require(self.subject, "subject", "a subject or a few words about it")
        _order(self.dated, self.reply_needed_by, "reply_needed_by",
               "The reply date cannot be before the letter's date.")

    def when(self) -> date | None:
        return self.dated

    def reply_overdue(self, today: date) -> bool:
        return (self.reply_needed_by is not None and self.replied_on is None
                and self.reply_needed_by < today)

    def summary(self) -> str:
        return self.subject

    def search_text(self) -> str:
        return "\n".join([self.subject, self.from_name, self.to_name, self.from_address,
                          self.to_addresses, self.body])


@dataclass(kw_only=True)
class ContactArrangement(Record):
    KIND: ClassVar[str] = "contact_arrangement"

    with_whom: str = ""
    schedule: str = ""
    place: str = ""
    supervised: bool = False
    supervisor: str = ""
    terms: str = ""
    starts_on: date | None = None
    ends_on: date | None = None
    review_on: date | None = None
    # The schedule as a rule sessions are planned from: an RFC 5545 RRULE such as
    # "FREQ=WEEKLY;BYDAY=TU" starting on `starts_on`, with the times of day and dates skipped.
    repeat_rule: str = ""
    session_start: time | None = None
    session_end: time | None = None
    skipped_dates: list[date] = field(default_factory=list)

    def validate(self) -> None:
        _require(self.with_whom, "with_whom", "who the contact is with")
        _order(self.starts_on, self.ends_on, "ends_on",
               "The arrangement cannot end before it starts.")
        _order(self.session_start, self.session_end, "session_end",
               "A session cannot end before it starts.")
        if self.repeat_rule and self.starts_on is None:
            raise ValidationError("starts_on", "Please give the date the contact starts, so the "
                                               "sessions can be planned from it.")

    def when(self) -> date | None:
        return self.starts_on

    def summary(self) -> str:
        return f"Contact with {self.with_whom}" + (f": {self.schedule}" if self.schedule else "")

    def search_text(self) -> str:
        return "\n".join([self.with_whom, self.schedule, self.place, self.supervisor, self.terms])


@dataclass(kw_only=True)
class ContactSession(Record):
    KIND: ClassVar[str] = "contact_session"

    arrangement_id: str = ""
    with_whom: str = ""
    session_date: date | None = None
    planned_start: time | None = None
    planned_end: time | None = None
    actual_start: time | None = None
    actual_end: time | None = None
    status: SessionStatus = SessionStatus.PLANNED
    cancelled_by: CancelledBy = CancelledBy.NOT_CANCELLED
    notice_given: str = ""
    supervisor: str = ""
    notes: str = ""
    child_wellbeing: str = ""
    expenses_pence: int = 0
    late_minutes: int | None = None
    notice_hours: float | None = None  # how much notice a cancellation came with
    from_schedule: bool = False  # planned by the arrangement's schedule, not typed in

    def validate(self) -> None:
        if self.session_date is None:
            raise ValidationError("session_date", "Please give the date of the contact session.")
        _order(self.planned_start, self.planned_end, "planned_end",
               "The planned end cannot be before the planned start.")
        _order(self.actual_start, self.actual_end, "actual_end",
               "The actual end cannot be before the actual start.")
        if self.status is SessionStatus.CANCELLED and self.cancelled_by is CancelledBy.NOT_CANCELLED:
            raise ValidationError("cancelled_by", "Please say who cancelled the session.")
        if self.expenses_pence < 0:
            raise ValidationError("expenses_pence", "Expenses cannot be negative.")
        if self.late_minutes is not None and self.late_minutes < 0:
            raise ValidationError("late_minutes", "Minutes late cannot be negative.")
        if self.notice_hours is not None and self.notice_hours < 0:
            raise ValidationError("notice_hours", "Notice cannot be negative.")

    def when(self) -> date | None:
        return self.session_date

    def summary(self) -> str:
        from familyrecord.records.enums import SESSION_STATUS_LABELS

        who = self.with_whom or "contact"
        return f"Contact session with {who}: {SESSION_STATUS_LABELS[self.status].lower()}"

    def search_text(self) -> str:
        return "\n".join([self.summary(), self.supervisor, self.notes, self.child_wellbeing,
                          self.notice_given])


@dataclass(kw_only=True)
class Event(Record):
    KIND: ClassVar[str] = "event"

    event_type: EventType = EventType.OTHER
    occurred_on: date | None = None
    date_qualifier: DateQualifier = DateQualifier.EXACT
    title: str = ""
    description: str = ""
    people: str = ""
    basis: Basis = Basis.UNSPECIFIED
    significance: Significance = Significance.NORMAL

    def validate(self) -> None:
        if self.occurred_on is None:
            raise ValidationError("occurred_on", "Please give the date (an approximate one is fine).")
        _require(self.title, "title", "what happened, in a few words")

    def when(self) -> date | None:
        return self.occurred_on

    def summary(self) -> str:
        return self.title

    def search_text(self) -> str:
        return "\n".join([self.title, self.description, self.people])


@dataclass(kw_only=True)
class Deadline(Record):
    KIND: ClassVar[str] = "deadline"

    deadline_kind: DeadlineKind = DeadlineKind.OTHER
    title: str = ""
    due_on: date | None = None
    source_record_id: str = ""
    done_on: date | None = None
    notes: str = ""
    who: DeadlineWho = DeadlineWho.UNSAID
    rule_id: str = ""  # the timescale rule that proposed it (it moves with its record's date)

    def validate(self) -> None:
        _require(self.title, "title", "what is due")
        if self.due_on is None:
            raise ValidationError("due_on", "Please give the date it is due by.")

    def when(self) -> date | None:
        return self.due_on

    def missed(self, today: date) -> bool:
        assert self.due_on is not None
        finished = self.done_on or today
        return finished > self.due_on

    def summary(self) -> str:
        return self.title

    def search_text(self) -> str:
        return "\n".join([self.title, self.notes])


@dataclass(kw_only=True)
class ChronologyEntry(Record):
    """The family's own hand on the chronology.

    With `overrides` empty this is a row added by hand. With `overrides` set to the key of a
    row built from another record (its id, or id plus a part such as a transcript segment),
    it holds the family's changes to that row: a reworded summary, its place among rows of
    the same day, whether it is left out of exports. The source record itself is never changed.
    """

    KIND: ClassVar[str] = "chronology_entry"

    overrides: str = ""
    occurred_on: date | None = None
    date_qualifier: DateQualifier = DateQualifier.EXACT
    text: str = ""
    people: str = ""
    significance: Significance | None = None
    disputed: bool | None = None
    excluded: bool = False
    position: int | None = None

    def validate(self) -> None:
        if self.overrides:
            return
        if self.occurred_on is None:
            raise ValidationError("occurred_on", "Please give the date (an approximate one is fine).")
        _require(self.text, "text", "what happened, in a sentence or two")

    def when(self) -> date | None:
        return None if self.overrides else self.occurred_on

    def summary(self) -> str:
        if self.overrides:
            return self.text or "Change to a chronology row"
        return self.text

    def search_text(self) -> str:
        return "\n".join([self.text, self.people])
