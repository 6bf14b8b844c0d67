"""The one table of record types: what each is called, where it lives in the app, its list columns.

Storage (decoding rows, search), the app's lists and navigation, the chronology and the bundle are
all driven from this table, so a new record type costs its dataclass, its entry here and its form.
Words here are English; the UI translates them (context "records"), so they are marked with `N_`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from familyrecord.records.kinship import LetterboxItem, LifeStoryItem, MoneyEntry, SupportItem
from familyrecord.records.minutes_review import MinutesReview
from familyrecord.records.models import (
    Child,
    ChronologyEntry,
    ContactArrangement,
    ContactSession,
    Correspondence,
    Deadline,
    Event,
    Meeting,
    Person,
    Record,
)


def N_(text: str) -> str:  # the usual name for "translate later"
    """Mark English text that the UI translates (QCoreApplication.translate("records", text))."""
    return text


@dataclass(frozen=True)
class Column:
    """One column of a record list. `value` gives the raw value (text, date, enum, bool, number):
    the UI formats and translates it and sorts by it."""

    title: str
    value: Callable[[Any], object]
    with_time: bool = False
    # Narrow windows drop columns with the highest number first; 0 columns always stay.
    drop_order: int = 0


@dataclass(frozen=True)
class RecordType:
    cls: type[Record]
    label: str  # singular, for buttons and headings
    plural: str  # the list's title
    area: str  # navigation area id, or "" for types not listed on their own
    columns: tuple[Column, ...] = ()
    add_label: str = ""
    empty_text: str = ""
    new_title: str = ""
    in_chronology: bool = True
    # Which part of the bundle prints records of this type ("" for none).
    bundle_section: str = ""

    @property
    def kind(self) -> str:
        return self.cls.KIND


_TYPES: dict[str, RecordType] = {}


def register(record_type: RecordType) -> RecordType:
    """Add (or replace) a record type. Called below for the built-in types."""
    if not record_type.kind:
        raise ValueError(f"{record_type.cls.__name__} has no KIND")
    _TYPES[record_type.kind] = record_type
    return record_type


def unregister(kind: str) -> None:
    """Remove a record type (tests that register throwaway types clean up with this)."""
    _TYPES.pop(kind, None)


def record_types() -> Iterator[RecordType]:
    """Every registered type, in registration order."""
    return iter(tuple(_TYPES.values()))


def by_kind(kind: str) -> RecordType:
    return _TYPES[kind]


def find_kind(kind: str) -> RecordType | None:
    return _TYPES.get(kind)


def by_class(cls: type[Record]) -> RecordType:
    return _TYPES[cls.KIND]


def class_for(kind: str) -> type[Record]:
    return _TYPES[kind].cls


def kind_label(kind: str) -> str:
    """The English singular name of a kind ("Letter or message"), or the kind itself."""
    found = _TYPES.get(kind)
    return found.label if found else kind


def in_area(area: str) -> list[RecordType]:
    return [t for t in _TYPES.values() if t.area == area]


def _open_actions(meeting: Meeting) -> int:
    return sum(1 for a in meeting.actions if not a.done)


register(RecordType(
    Meeting, N_("Meeting"), N_("Meetings"), "meetings",
    (Column(N_("Date"), lambda r: r.starts_at, with_time=True),
     Column(N_("Kind"), lambda r: r.meeting_type, drop_order=2),
     Column(N_("Title"), lambda r: r.title),
     Column(N_("Where"), lambda r: r.place, drop_order=3),
     Column(N_("Open actions"), _open_actions, drop_order=1)),
    N_("Add a meeting"),
    N_("No meetings yet. Add your first meeting with \"Add a meeting\": the date is enough to "
       "start, and you can fill in the rest later."),
    N_("New meeting"), bundle_section="meetings"))
register(RecordType(
    Correspondence, N_("Letter or message"), N_("Letters and messages"), "correspondence",
    (Column(N_("Date"), lambda r: r.dated),
     Column(N_("Received or sent"), lambda r: r.direction, drop_order=2),
     Column(N_("How"), lambda r: r.channel, drop_order=4),
     Column(N_("From"), lambda r: r.from_name, drop_order=1),
     Column(N_("To"), lambda r: r.to_name, drop_order=3),
     Column(N_("Subject"), lambda r: r.subject),
     Column(N_("Reply needed by"), lambda r: r.reply_needed_by, drop_order=1)),
    N_("Add a letter or message"),
    N_("No letters or messages yet. Add one with \"Add a letter or message\"; you can attach the "
       "letter itself as a file."),
    N_("New letter or message"), bundle_section="correspondence"))
register(RecordType(
    ContactSession, N_("Contact session"), N_("Contact sessions"), "contact",
    (Column(N_("Date"), lambda r: r.session_date),
     Column(N_("With"), lambda r: r.with_whom),
     Column(N_("What happened"), lambda r: r.status),
     Column(N_("Supervisor"), lambda r: r.supervisor, drop_order=1)),
    N_("Log a contact session"),
    N_("No contact sessions yet. Log each visit: whether it happened, the times, and how the "
       "child was."),
    N_("New contact session"), bundle_section="contact"))
register(RecordType(
    ContactArrangement, N_("Contact arrangement"), N_("Arrangements"), "contact",
    (Column(N_("With"), lambda r: r.with_whom),
     Column(N_("When"), lambda r: r.schedule),
     Column(N_("Where"), lambda r: r.place, drop_order=2),
     Column(N_("Supervised"), lambda r: r.supervised, drop_order=1)),
    N_("Add an arrangement"),
    N_("No contact arrangements yet. Add what the order or agreement says: who, when, where, "
       "supervised or not."),
    N_("New contact arrangement"), bundle_section="contact"))
register(RecordType(
    Person, N_("Person"), N_("People"), "people",
    (Column(N_("Name"), lambda r: r.name),
     Column(N_("Role"), lambda r: r.role),
     Column(N_("Organisation"), lambda r: r.organisation, drop_order=1),
     Column(N_("From"), lambda r: r.allocated_from),
     Column(N_("Until"), lambda r: r.allocated_to)),
    N_("Add a person"),
    N_("No people yet. Add the professionals and family members in your case, with their role."),
    N_("New person")))
register(RecordType(
    Child, N_("Child"), N_("Children"), "people",
    (Column(N_("Name"), lambda r: r.name),
     Column(N_("Date of birth"), lambda r: r.date_of_birth)),
    N_("Add a child"), N_("No children yet. Add the children the case is about."), N_("New child"),
    in_chronology=False))
register(RecordType(
    Event, N_("Event"), N_("Events"), "events",
    (Column(N_("Date"), lambda r: r.occurred_on),
     Column(N_("What happened"), lambda r: r.title),
     Column(N_("Kind"), lambda r: r.event_type, drop_order=1)),
    N_("Add an event"),
    N_("No events yet. Add anything dated that is not a meeting or a letter: a visit, a phone "
       "call, a court hearing."),
    N_("New event"), bundle_section="events"))
register(RecordType(
    Deadline, N_("Deadline"), N_("Deadlines"), "events",
    (Column(N_("Due by"), lambda r: r.due_on),
     Column(N_("What is due"), lambda r: r.title),
     Column(N_("Kind"), lambda r: r.deadline_kind, drop_order=2),
     Column(N_("Done"), lambda r: r.done_on, drop_order=1)),
    N_("Add a deadline"),
    N_("No deadlines yet. Add anything that is due by a date: a reply, a complaint response, "
       "a report."),
    N_("New deadline")))
register(RecordType(
    LetterboxItem, N_("Letterbox item"), N_("Letterbox contact"), "contact",
    (Column(N_("Date"), lambda r: r.dated),
     Column(N_("Sent or received"), lambda r: r.direction),
     Column(N_("What"), lambda r: r.item_kind, drop_order=2),
     Column(N_("From"), lambda r: r.from_name, drop_order=1),
     Column(N_("To"), lambda r: r.to_name, drop_order=1),
     Column(N_("Passed on"), lambda r: r.passed_on)),
    N_("Add a letterbox item"),
    N_("No letterbox contact yet. Add each letter, card or photo sent or received through the "
       "letterbox service, and whether it was passed on."),
    N_("New letterbox item"), in_chronology=False, bundle_section="contact"))
register(RecordType(
    SupportItem, N_("Support promised"), N_("Support plan"), "support",
    (Column(N_("What was promised"), lambda r: r.what),
     Column(N_("By whom"), lambda r: r.provider, drop_order=1),
     Column(N_("Promised on"), lambda r: r.promised_on, drop_order=2),
     Column(N_("Due by"), lambda r: r.due_on),
     Column(N_("Now"), lambda r: r.status)),
    N_("Add something promised"),
    N_("Nothing from a support plan yet. Add each thing you were promised (help, money, "
       "training, a service), who promised it and when, then record what happened."),
    N_("New support item"), in_chronology=False))
register(RecordType(
    MoneyEntry, N_("Money entry"), N_("Money"), "support",
    (Column(N_("Date"), lambda r: r.on),
     Column(N_("What"), lambda r: r.money_kind),
     Column(N_("Due or received"), lambda r: r.entry_type),
     Column(N_("Amount (pence)"), lambda r: r.amount_pence),
     Column(N_("Paid by"), lambda r: r.payer, drop_order=1)),
    N_("Add money due or received"),
    N_("No money entries yet. Add allowances and payments that were due, and what arrived: "
       "FamilyRecord works out what is still owed."),
    N_("New money entry"), in_chronology=False))
register(RecordType(
    LifeStoryItem, N_("Life-story item"), N_("Life story"), "people",
    (Column(N_("Date"), lambda r: r.dated),
     Column(N_("What it is"), lambda r: r.title),
     Column(N_("In bundles"), lambda r: r.include_in_bundle, drop_order=1)),
    N_("Add to the life story"),
    N_("Nothing in the life-story folder yet. Add photos, drawings and certificates for the "
       "children. They stay out of bundles unless you choose."),
    N_("New life-story item"), in_chronology=False))
# Reached from its meeting ("Compare with the minutes"), not listed on its own.
register(RecordType(MinutesReview, N_("Minutes check"), N_("Minutes checks"), "", in_chronology=False))
register(RecordType(ChronologyEntry, N_("Chronology"), N_("Chronology"), ""))
