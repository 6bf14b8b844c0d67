"""An .ics calendar of chosen meetings and deadlines, for a phone's calendar.

Privacy first: by default every event is titled only by its kind ("Meeting", "Deadline"), and no
event carries a description, place or people, so a calendar shown on a lock screen or synced to a
cloud says nothing about the case. With `plain_titles=False` the real titles are written. UIDs are
derived from the record id alone, so exporting again updates the same events instead of adding
copies. Returns bytes; writing them to a file is the caller's job.

Known quirk of the icalendar package: a real title containing a literal backslash followed by "N"
reads back with a line break there.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import icalendar

from familyrecord.errors import InputError

PRODID = "-//FamilyRecord//Calendar export//EN"
GENERIC_TITLES: dict[str, str] = {
    "meeting": "Meeting",
    "deadline": "Deadline",
}
GENERIC_TITLE_OTHER = "Appointment"
# Fixed namespace: the same record id gives the same UID in every export, on every machine.
_UID_NAMESPACE = uuid.UUID("6f7c2a52-2f0e-4d55-9a0b-3c1e8d2b7a41")


class CalendarExportError(InputError):
    """The chosen items cannot be written as a calendar."""

    user_message = "FamilyRecord could not make the calendar file from these items."


@dataclass(frozen=True)
class CalendarItem:
    """One meeting or deadline to export. A `date` start makes an all-day event; a naive
    `datetime` is local ("floating") time, an aware one is written in UTC."""

    record_id: str
    kind: str  # "meeting", "deadline" or anything else (titled "Appointment" when plain)
    title: str
    start: date | datetime
    end: date | datetime | None = None


def event_uid(record_id: str) -> str:
    """A stable UID from the record id only (no content)."""
    return f"{uuid.uuid5(_UID_NAMESPACE, record_id)}@familyrecord"


def calendar_bytes(items: Iterable[CalendarItem], *, plain_titles: bool = True,
                   stamp: datetime | None = None) -> bytes:
    """The items as an iCalendar (RFC 5545) file. `stamp` is the DTSTAMP (default: now, UTC)."""
    stamped = (stamp or datetime.now(UTC)).astimezone(UTC)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    seen: set[str] = set()
    for item in items:
        if not item.record_id.strip():
            raise CalendarExportError("calendar item without a record id")
        if item.record_id in seen:
            raise CalendarExportError("the same record was chosen twice")
        seen.add(item.record_id)
        calendar.add_component(_event(item, plain_titles, stamped))
    return bytes(calendar.to_ical())


def _event(item: CalendarItem, plain_titles: bool, stamp: datetime) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", event_uid(item.record_id))
    event.add("dtstamp", stamp)
    event.add("summary", _title(item, plain_titles))
    event.add("class", "PRIVATE")
    start, end = _span(item)
    event.add("dtstart", start)
    if end is not None:
        event.add("dtend", end)
    return event


def _title(item: CalendarItem, plain_titles: bool) -> str:
    generic = GENERIC_TITLES.get(item.kind, GENERIC_TITLE_OTHER)
    if plain_titles:
        return generic
    return " ".join(item.title.split()) or generic


def _span(item: CalendarItem) -> tuple[date | datetime, date | datetime | None]:
    """DTSTART and DTEND: all-day events end the day after their last day (DTEND is exclusive)."""
    start, end = item.start, item.end
    if isinstance(start, datetime):
        if end is not None and not isinstance(end, datetime):
            raise CalendarExportError("a timed item cannot end on a date without a time")
        start, end = _utc_if_aware(start), None if end is None else _utc_if_aware(end)
        if end is not None and (start.tzinfo is None) != (end.tzinfo is None):
            raise CalendarExportError("start and end mix local and zoned times")
        if end is not None and end < start:
            raise CalendarExportError("an item ends before it starts")
        return start, end
    if isinstance(end, datetime):
        raise CalendarExportError("an all-day item cannot end at a time")
    last = start if end is None else end
    if last < start:
        raise CalendarExportError("an item ends before it starts")
    return start, last + timedelta(days=1)


def _utc_if_aware(value: datetime) -> datetime:
    return value if value.tzinfo is None else value.astimezone(UTC)
