"""Chasing a late deadline, the timescales the council missed, and the .ics calendar."""

from __future__ import annotations

from datetime import UTC, date, datetime

import icalendar
import pytest

from familyrecord.errors import InputError
from familyrecord.export.ics import event_uid
from familyrecord.records.enums import (
    Channel,
    DeadlineWho,
    Direction,
    LetterPurpose,
    MeetingType,
    Role,
)
from familyrecord.records.models import Attendee, Correspondence, Deadline, Meeting, Person
from familyrecord.services import Services

TODAY = date(2024, 12, 11)  # Wed 11 Dec 2024


def _sar(services: Services, person: Person | None = None) -> Deadline:
    """A subject access request sent Mon 4 Nov 2024: the answer was due Wed 4 Dec 2024."""
    request = services.save(Correspondence(
        direction=Direction.SENT, purpose=LetterPurpose.SUBJECT_ACCESS_REQUEST,
        dated=date(2024, 11, 4), subject="My records", person_id=person.id if person else ""))
    _saved, deadlines = services.deadlines.save_accepting(request, services.deadlines.proposals(request))
    (deadline,) = deadlines
    assert deadline.due_on == date(2024, 12, 4)
    return deadline


def test_chase_letter_is_saved_as_outgoing_correspondence(services: Services) -> None:
    officer = services.save(Person(name="Ms Data Officer", role=Role.OTHER))
    deadline = _sar(services, officer)
    letter = services.deadlines.chase_letter(deadline, TODAY)
    stored = services.get(letter.id)
    assert isinstance(stored, Correspondence)
    assert stored.direction is Direction.SENT and stored.channel is Channel.LETTER
    assert stored.purpose is LetterPurpose.CHASE
    assert stored.dated == TODAY
    assert stored.replies_to_id == ""
    # Wed 11 Dec 2024 + 10 working days: 12, 13 (2), 16-20 (7), 23, 24 (9), skip 25, 26, 27 (10)
    assert stored.reply_needed_by == date(2024, 12, 27)
    assert stored.person_id == officer.id and stored.to_name == "Ms Data Officer"
    assert stored.subject == "Chasing: Answer to your subject access request due by 04/12/2024"
    body = stored.body
    assert body.startswith("Dear Ms Data Officer,\n")
    assert "due by Wednesday 4 December 2024: Answer to your subject access request due." in body
    assert "UK GDPR Article 12(3)" in body
    assert "It is now late by 5 working days." in body  # 5, 6, 9, 10, 11 Dec
    assert "within 10 working days, by Friday 27 December 2024." in body
    assert "local procedures" not in body
    chased = services.get(deadline.id)
    assert isinstance(chased, Deadline)
    assert chased.notes.splitlines()[-1] == "Chase letter drafted on 11/12/2024."


def test_chase_letter_goes_to_the_conference_chair(services: Services) -> None:
    chair = services.save(Person(name="Mr Chair", role=Role.CONFERENCE_CHAIR))
    worker = services.save(Person(name="Ms Worker", role=Role.SOCIAL_WORKER))
    meeting = services.save(Meeting(
        meeting_type=MeetingType.ICPC, starts_at=datetime(2024, 11, 19, 10, 0),
        attendees=[Attendee(person_id=worker.id, name="Ms Worker", role=Role.SOCIAL_WORKER),
                   Attendee(person_id=chair.id, name="Mr Chair", role=Role.CONFERENCE_CHAIR)]))
    accepted = services.deadlines.accept(meeting, services.deadlines.proposals(meeting))
    record = next(d for d in accepted if d.rule_id == "conference_record_sent")
    letter = services.deadlines.chase_letter(record, date(2024, 12, 12))
    assert letter.person_id == chair.id
    assert "If yours are different, please tell me what they say." in letter.body


@pytest.mark.parametrize(("change", "today", "message"), [
    ({"who": DeadlineWho.YOU}, TODAY, "This step is yours, so there is no one to chase."),
    ({}, date(2024, 12, 4), "This is not late yet: it is due by 04/12/2024."),
    ({"done_on": date(2024, 12, 5)}, TODAY, "This has been done, so there is nothing to chase."),
])
def test_chase_letter_refuses_what_cannot_be_chased(services: Services, change: dict[str, object],
                                                    today: date, message: str) -> None:
    deadline = _sar(services)
    for key, value in change.items():
        setattr(deadline, key, value)
    deadline = services.save(deadline)
    with pytest.raises(InputError) as caught:
        services.deadlines.chase_letter(deadline, today)
    assert caught.value.user_message == message
    assert [c.purpose for c in services.list_records(Correspondence)] == [
        LetterPurpose.SUBJECT_ACCESS_REQUEST]


def test_missed_by_council_lists_late_and_still_open_ones(services: Services) -> None:
    sar = _sar(services)  # due Wed 4 Dec, still open on 11 Dec: 5 working days late
    meeting = services.save(Meeting(meeting_type=MeetingType.ICPC,
                                    starts_at=datetime(2024, 11, 19, 10, 0)))
    by_rule = {d.rule_id: d for d in services.deadlines.accept(
        meeting, services.deadlines.proposals(meeting))}
    # outline plan due Tue 26 Nov, came Fri 29 Nov: 3 working days late
    services.save(_done(by_rule["conference_outline_plan_sent"], date(2024, 11, 29)))
    # report due Fri 15 Nov, came that day: on time
    services.save(_done(by_rule["reports_before_conference"], date(2024, 11, 15)))
    # the family's own late step is not the council's
    services.save(Deadline(title="Send my comments", due_on=date(2024, 11, 1), who=DeadlineWho.YOU))
    missed = services.deadlines.missed_by_council(TODAY)
    assert [(m.title, m.due_on, m.done_on, m.late_by) for m in missed] == [
        ("Conference decisions and outline plan due to you", date(2024, 11, 26), date(2024, 11, 29), 3),
        ("First core group meeting due", date(2024, 12, 3), None, 6),
        ("Answer to your subject access request due", date(2024, 12, 4), None, 5),
        ("Conference record (minutes) due to you", date(2024, 12, 10), None, 1),
    ]  # the first review conference (due 19 Feb 2025) is not late yet
    assert missed[2].deadline_id == sar.id
    assert missed[2].rule_wording.startswith(
        "The council must answer your subject access request within one month of getting it: "
        "by Wed 4 Dec 2024.")
    assert missed[2].source == "UK GDPR Article 12(3); ICO guidance on the right of access"


def _done(deadline: Deadline, on: date) -> Deadline:
    deadline.done_on = on
    return deadline


def _events(data: bytes) -> dict[str, icalendar.cal.Component]:
    return {str(e["UID"]): e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}


def test_calendar_parses_back_with_dates_and_plain_titles(services: Services) -> None:
    meeting = services.save(Meeting(
        meeting_type=MeetingType.STRATEGY_DISCUSSION, title="Strategy discussion about Jordan Reyes",
        starts_at=datetime(2024, 12, 16, 14, 0), ends_at=datetime(2024, 12, 16, 15, 0),
        place="Riverside Family Centre"))
    (icpc,) = services.deadlines.accept(meeting, services.deadlines.proposals(meeting))
    stamp = datetime(2024, 12, 1, 9, 0, tzinfo=UTC)
    data = services.deadlines.calendar(plain_titles=True, stamp=stamp)
    events = _events(data)
    assert set(events) == {event_uid(meeting.id), event_uid(icpc.id)}
    on_meeting, on_deadline = events[event_uid(meeting.id)], events[event_uid(icpc.id)]
    assert str(on_meeting["SUMMARY"]) == "Meeting"
    assert on_meeting.decoded("DTSTART") == datetime(2024, 12, 16, 14, 0)
    assert on_meeting.decoded("DTEND") == datetime(2024, 12, 16, 15, 0)
    assert str(on_deadline["SUMMARY"]) == "Deadline"
    # Mon 16 Dec 2024 + 15 working days, skipping 25, 26 Dec and 1 Jan: Thu 9 Jan 2025
    assert on_deadline.decoded("DTSTART") == date(2025, 1, 9)
    for private in (b"Jordan", b"Reyes", b"Riverside", b"Initial child protection", b"Strategy"):
        assert private not in data
    real = _events(services.deadlines.calendar([icpc], plain_titles=False, stamp=stamp))
    assert [str(e["SUMMARY"]) for e in real.values()] == ["Initial child protection conference due"]


def test_calendar_choices_filter_dates_and_done(services: Services) -> None:
    early = services.save(Deadline(title="Early", due_on=date(2024, 11, 1)))
    inside = services.save(Deadline(title="Inside", due_on=date(2024, 12, 2)))
    done = services.save(Deadline(title="Done", due_on=date(2024, 12, 3), done_on=date(2024, 12, 1)))
    meeting = services.save(Meeting(meeting_type=MeetingType.CIN, starts_at=datetime(2024, 12, 2, 9)))
    chosen = services.deadlines.calendar_choices(date_from=date(2024, 12, 1), date_to=date(2024, 12, 31))
    assert {r.id for r in chosen} == {inside.id, meeting.id}
    with_done = services.deadlines.calendar_choices(date_from=date(2024, 12, 1), include_done=True)
    assert {r.id for r in with_done} == {inside.id, meeting.id, done.id}
    assert early.id in {r.id for r in services.deadlines.calendar_choices()}


def test_calendar_refuses_other_records(services: Services) -> None:
    letter = services.save(Correspondence(dated=date(2024, 12, 2), subject="A letter"))
    with pytest.raises(InputError) as caught:
        services.deadlines.calendar([letter])
    assert caught.value.user_message == "Only meetings and deadlines with a date can go on the calendar."
