"""The .ics calendar export: dates survive a round trip, plain titles give nothing away."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from familyrecord.errors import InputError
from familyrecord.export.ics import CalendarExportError, CalendarItem, calendar_bytes, event_uid

STAMP = datetime(2024, 11, 1, 9, 0, tzinfo=UTC)
ITEMS = [
    CalendarItem(record_id="a1b2c3", kind="meeting", title="Review conference about Jordan",
                 start=datetime(2024, 11, 19, 10, 30), end=datetime(2024, 11, 19, 12, 0)),
    CalendarItem(record_id="d4e5f6", kind="deadline", title="Core group due (Ms Okafor)",
                 start=date(2024, 12, 3)),
    CalendarItem(record_id="g7h8i9", kind="contact", title="Contact at Westfield family centre",
                 start=date(2024, 12, 23), end=date(2024, 12, 24)),
]


def _events(data: bytes) -> dict[str, icalendar.cal.Component]:
    calendar = icalendar.Calendar.from_ical(data)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_round_trip_keeps_dates_and_uses_plain_titles() -> None:
    data = calendar_bytes(ITEMS, stamp=STAMP)
    events = _events(data)
    assert len(events) == 3
    meeting = events[event_uid("a1b2c3")]
    assert meeting.decoded("DTSTART") == datetime(2024, 11, 19, 10, 30)
    assert meeting.decoded("DTEND") == datetime(2024, 11, 19, 12, 0)
    assert str(meeting["SUMMARY"]) == "Meeting"
    deadline = events[event_uid("d4e5f6")]
    assert deadline.decoded("DTSTART") == date(2024, 12, 3)
    assert deadline.decoded("DTEND") == date(2024, 12, 4)  # DTEND is exclusive for all-day events
    assert str(deadline["SUMMARY"]) == "Deadline"
    contact = events[event_uid("g7h8i9")]
    assert contact.decoded("DTSTART") == date(2024, 12, 23)
    assert contact.decoded("DTEND") == date(2024, 12, 25)
    assert str(contact["SUMMARY"]) == "Appointment"
    assert meeting.decoded("DTSTAMP") == STAMP


def test_plain_titles_carry_no_given_text() -> None:
    data = calendar_bytes(ITEMS, stamp=STAMP)
    for word in (b"Jordan", b"Okafor", b"Westfield", b"conference", b"Core", b"a1b2c3"):
        assert word.lower() not in data.lower()
    for event in _events(data).values():
        assert set(event) <= {"UID", "DTSTAMP", "SUMMARY", "CLASS", "DTSTART", "DTEND"}


def test_real_titles_when_asked() -> None:
    events = _events(calendar_bytes(ITEMS, plain_titles=False, stamp=STAMP))
    assert str(events[event_uid("a1b2c3")]["SUMMARY"]) == "Review conference about Jordan"
    assert str(events[event_uid("d4e5f6")]["SUMMARY"]) == "Core group due (Ms Okafor)"


def test_uids_depend_only_on_the_record_id() -> None:
    renamed = CalendarItem(record_id="a1b2c3", kind="meeting", title="Something else",
                           start=date(2025, 1, 2))
    first = set(_events(calendar_bytes(ITEMS[:1], stamp=STAMP)))
    second = set(_events(calendar_bytes([renamed], stamp=STAMP)))
    assert first == second == {event_uid("a1b2c3")}
    assert event_uid("a1b2c3") != event_uid("a1b2c4")
    assert event_uid("a1b2c3").endswith("@familyrecord")


def test_zoned_times_are_written_in_utc() -> None:
    london = ZoneInfo("Europe/London")
    item = CalendarItem(record_id="z", kind="meeting", title="x",
                        start=datetime(2024, 7, 1, 10, 0, tzinfo=london))
    (event,) = _events(calendar_bytes([item], stamp=STAMP)).values()
    assert event.decoded("DTSTART") == datetime(2024, 7, 1, 9, 0, tzinfo=UTC)  # BST is UTC+1


def test_empty_selection_is_a_valid_calendar() -> None:
    calendar = icalendar.Calendar.from_ical(calendar_bytes([], stamp=STAMP))
    assert str(calendar["VERSION"]) == "2.0"
    assert calendar.walk("VEVENT") == []


@pytest.mark.parametrize("items", [
    [CalendarItem(record_id="a", kind="meeting", title="x", start=date(2024, 5, 2),
                  end=date(2024, 5, 1))],
    [CalendarItem(record_id="a", kind="meeting", title="x", start=datetime(2024, 5, 2, 10),
                  end=datetime(2024, 5, 2, 9))],
    [CalendarItem(record_id="a", kind="meeting", title="x", start=datetime(2024, 5, 2, 10),
                  end=date(2024, 5, 3))],
    [CalendarItem(record_id="a", kind="meeting", title="x", start=date(2024, 5, 2),
                  end=datetime(2024, 5, 3, 10))],
    [CalendarItem(record_id="a", kind="meeting", title="x", start=datetime(2024, 5, 2, 10),
                  end=datetime(2024, 5, 2, 11, tzinfo=UTC))],
    [CalendarItem(record_id=" ", kind="meeting", title="x", start=date(2024, 5, 2))],
    [CalendarItem(record_id="a", kind="meeting", title="x", start=date(2024, 5, 2)),
     CalendarItem(record_id="a", kind="deadline", title="y", start=date(2024, 5, 3))],
])
def test_impossible_items_are_refused_plainly(items: list[CalendarItem]) -> None:
    with pytest.raises(CalendarExportError) as caught:
        calendar_bytes(items, stamp=STAMP)
    assert isinstance(caught.value, InputError)
    assert caught.value.user_message


titles = st.text(alphabet=st.characters(exclude_categories=["Cs"]), min_size=1, max_size=60)


@given(titles, st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 30)),
       st.sampled_from(["meeting", "deadline", "other"]))
def test_any_title_round_trips_or_stays_out(title: str, day: date, kind: str) -> None:
    assume("\\N" not in title)  # icalendar writes a literal backslash-N as an escaped line break
    item = CalendarItem(record_id="rec-1", kind=kind, title=title, start=day)
    plain = _events(calendar_bytes([item], stamp=STAMP))[event_uid("rec-1")]
    assert str(plain["SUMMARY"]) in {"Meeting", "Deadline", "Appointment"}
    assert plain.decoded("DTSTART") == day
    real = _events(calendar_bytes([item], plain_titles=False, stamp=STAMP))[event_uid("rec-1")]
    assert str(real["SUMMARY"]) == (" ".join(title.split()) or str(plain["SUMMARY"]))
