"""Every rule of the timescales table, started by saving a real record through the services.

Expected dates are worked out by hand (the working days counted are written beside each case) and
differ from the timescales module's own tests, so both the arithmetic and the record mapping are
checked. Bank holidays used: 2025: 1 Jan, 18 and 21 Apr, 5 and 26 May, 25 Aug, 25 and 26 Dec;
2026: 1 Jan, 3 and 6 Apr.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

import pytest

from familyrecord.errors import InputError
from familyrecord.records.enums import Direction, EventType, LetterPurpose, MeetingType
from familyrecord.records.models import Child, Correspondence, Event, Meeting, Record
from familyrecord.services import Services
from familyrecord.timescales import MissingDateError, default_rules
from familyrecord.timescales.from_records import clock_starts, is_first_lac_review


def meeting(kind: MeetingType, on: date, minutes: date | None = None) -> Meeting:
    return Meeting(meeting_type=kind, starts_at=datetime(on.year, on.month, on.day, 10, 0),
                   minutes_received_on=minutes)


def letter(direction: Direction, purpose: LetterPurpose, on: date) -> Correspondence:
    return Correspondence(direction=direction, purpose=purpose, dated=on, subject="A letter")


def event(kind: EventType, on: date) -> Event:
    return Event(event_type=kind, occurred_on=on, title="Something happened")


SENT, RECEIVED = Direction.SENT, Direction.RECEIVED


@dataclass
class Case:
    rule_id: str
    subtype: str
    record: Callable[[], Record]
    expected: date
    earlier: list[Callable[[], Record]] = field(default_factory=list)


CASES = [
    # Mon 7 Apr 2025 + 15: 8-11 (4), 14-17 (8), skip 18 and 21 Apr, 22-25 (12), 28-30 (15)
    Case("icpc_after_strategy_discussion", "strategy_discussion",
         lambda: meeting(MeetingType.STRATEGY_DISCUSSION, date(2025, 4, 7)), date(2025, 4, 30)),
    # Thu 24 Apr 2025 + 10: 25 (1), 28 Apr-2 May (6), skip 5 May, 6-9 May (10)
    Case("first_core_group_after_icpc", "icpc",
         lambda: meeting(MeetingType.ICPC, date(2025, 4, 24)), date(2025, 5, 9)),
    # 31 Mar 2025 + 3 months: no 31 June, so Monday 30 June
    Case("first_review_conference", "icpc",
         lambda: meeting(MeetingType.ICPC, date(2025, 3, 31)), date(2025, 6, 30)),
    # 28 Aug 2025 + 6 months is Saturday 28 Feb 2026: held by the Friday before
    Case("next_review_conference", "rcpc",
         lambda: meeting(MeetingType.RCPC, date(2025, 8, 28)), date(2026, 2, 27)),
    # 2 working days before Tue 7 Jan 2025: Mon 6 Jan, Fri 3 Jan
    Case("reports_before_conference", "icpc",
         lambda: meeting(MeetingType.ICPC, date(2025, 1, 7)), date(2025, 1, 3)),
    # before Wed 23 Apr 2025: Tue 22, (Easter Monday, Good Friday), Thu 17 Apr
    Case("reports_before_conference", "rcpc",
         lambda: meeting(MeetingType.RCPC, date(2025, 4, 23)), date(2025, 4, 17)),
    # Tue 23 Dec 2025 + 5: 24 (1), skip 25, 26, 29-31 (4), skip 1 Jan, Fri 2 Jan (5)
    Case("conference_outline_plan_sent", "icpc",
         lambda: meeting(MeetingType.ICPC, date(2025, 12, 23)), date(2026, 1, 2)),
    # Thu 1 May 2025 + 5: 2 May (1), skip 5 May, 6-9 May (5)
    Case("conference_outline_plan_sent", "rcpc",
         lambda: meeting(MeetingType.RCPC, date(2025, 5, 1)), date(2025, 5, 9)),
    # Mon 1 Dec 2025 + 15: three plain weeks, Mon 22 Dec
    Case("conference_record_sent", "icpc",
         lambda: meeting(MeetingType.ICPC, date(2025, 12, 1)), date(2025, 12, 22)),
    # Mon 18 Aug 2025 + 15: 19-22 (4), skip 25 Aug, 26-29 (8), 1-5 Sep (13), 8-9 (15)
    Case("conference_record_sent", "rcpc",
         lambda: meeting(MeetingType.RCPC, date(2025, 8, 18)), date(2025, 9, 9)),
    # minutes came Fri 19 Dec 2025 + 10: 22-24 (3), 29-31 (6), skip 1 Jan, 2 (7), 5-7 Jan (10)
    Case("comments_on_conference_record", "icpc",
         lambda: meeting(MeetingType.ICPC, date(2025, 12, 1), minutes=date(2025, 12, 19)),
         date(2026, 1, 7)),
    # minutes came Thu 2 Apr 2026 + 10: skip Good Friday and Easter Monday, 7-10 (4), 13-17 (9),
    # Mon 20 Apr (10)
    Case("comments_on_conference_record", "rcpc",
         lambda: meeting(MeetingType.RCPC, date(2026, 3, 19), minutes=date(2026, 4, 2)),
         date(2026, 4, 20)),
    # came into care Fri 19 Dec 2025 + 20: 22-24 (3), 29-31 (6), 2 Jan (7), 5-9 (12),
    # 12-16 (17), 19-21 Jan (20)
    Case("first_child_in_care_review", "came_into_care",
         lambda: event(EventType.CAME_INTO_CARE, date(2025, 12, 19)), date(2026, 1, 21)),
    # first review Fri 31 Oct 2025 + 3 months is Saturday 31 Jan 2026: held by Fri 30 Jan
    Case("second_child_in_care_review", "lac_review_first",
         lambda: meeting(MeetingType.LAC_REVIEW, date(2025, 10, 31)), date(2026, 1, 30)),
    # a later review Fri 30 Jan 2026 + 6 months: Thursday 30 July 2026
    Case("next_child_in_care_review", "lac_review",
         lambda: meeting(MeetingType.LAC_REVIEW, date(2026, 1, 30)), date(2026, 7, 30),
         earlier=[lambda: meeting(MeetingType.LAC_REVIEW, date(2025, 10, 31))]),
    # Wed 16 Apr 2025 + 10: 17 (1), skip 18 and 21, 22-25 (5), 28 Apr-2 May (10)
    Case("complaint_stage_1_response", "complaint_stage_1",
         lambda: letter(SENT, LetterPurpose.COMPLAINT_STAGE_1, date(2025, 4, 16)), date(2025, 5, 2)),
    # Mon 1 Dec 2025 + 25: 2-22 Dec (15), 23, 24 (17), 29-31 (20), 2 Jan (21), 5-8 Jan (25)
    Case("complaint_stage_2_response", "complaint_stage_2",
         lambda: letter(SENT, LetterPurpose.COMPLAINT_STAGE_2, date(2025, 12, 1)), date(2026, 1, 8)),
    # Mon 4 Aug 2025 + 30: 5-8 (4), 11-15 (9), 18-22 (14), skip 25 Aug, 26-29 (18), 1-5 Sep (23),
    # 8-12 (28), 15-16 Sep (30)
    Case("complaint_review_panel", "complaint_stage_3",
         lambda: letter(SENT, LetterPurpose.COMPLAINT_STAGE_3, date(2025, 8, 4)), date(2025, 9, 16)),
    # Fri 4 Apr 2025 + 20: 7-11 (5), 14-17 (9), skip 18, 21, 22-25 (13), 28 Apr-2 May (18), skip
    # 5 May, 6-7 May (20)
    Case("ask_for_stage_2", "complaint_stage_1_response",
         lambda: letter(RECEIVED, LetterPurpose.COMPLAINT_STAGE_1_RESPONSE, date(2025, 4, 4)),
         date(2025, 5, 7)),
    # Mon 2 Mar 2026 + 20: four plain weeks
    Case("ask_for_review_panel", "complaint_stage_2_response",
         lambda: letter(RECEIVED, LetterPurpose.COMPLAINT_STAGE_2_RESPONSE, date(2026, 3, 2)),
         date(2026, 3, 30)),
    # 31 Mar 2025 + 12 months
    Case("ombudsman_after_complaints", "complaint_final_response",
         lambda: letter(RECEIVED, LetterPurpose.COMPLAINT_FINAL_RESPONSE, date(2025, 3, 31)),
         date(2026, 3, 31)),
    # 31 Jan 2025 + 1 month: no 31 Feb, so Friday 28 Feb
    Case("subject_access_response", "subject_access_request",
         lambda: letter(SENT, LetterPurpose.SUBJECT_ACCESS_REQUEST, date(2025, 1, 31)),
         date(2025, 2, 28)),
    # 26 Nov 2025 + 1 month is Boxing Day: then the weekend, so Monday 29 Dec
    Case("subject_access_response", "subject_access_request",
         lambda: letter(SENT, LetterPurpose.SUBJECT_ACCESS_REQUEST, date(2025, 11, 26)),
         date(2025, 12, 29)),
    # 26 weeks beginning with Wed 1 Oct 2025 end on Tuesday 31 Mar 2026
    Case("care_proceedings_26_weeks", "care_application_issued",
         lambda: event(EventType.CARE_APPLICATION_ISSUED, date(2025, 10, 1)), date(2026, 3, 31)),
    # Mon 23 Feb 2026 + 6 weeks is Easter Monday; Good Friday before it: Thursday 2 Apr
    Case("pre_proceedings_review", "plo",
         lambda: meeting(MeetingType.PLO, date(2026, 2, 23)), date(2026, 4, 2)),
]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule_id}-{c.subtype}" for c in CASES])
def test_saving_the_starting_record_proposes_the_hand_worked_date(services: Services,
                                                                  case: Case) -> None:
    for make in case.earlier:
        services.save(make())
    saved = services.save(case.record())
    by_rule = {p.rule_id: p for p in services.deadlines.proposals(saved)}
    assert by_rule[case.rule_id].due == case.expected
    assert f"{case.expected.day} " in by_rule[case.rule_id].wording  # the wording names the date


def test_every_rule_and_subtype_has_a_record_case() -> None:
    covered = {(case.rule_id, case.subtype) for case in CASES}
    in_table = {(rule.id, subtype) for rule in default_rules() for subtype in rule.trigger_subtypes}
    assert covered == in_table


def test_a_first_lac_review_proposes_the_second_not_the_six_monthly(services: Services) -> None:
    first = services.save(meeting(MeetingType.LAC_REVIEW, date(2025, 10, 31)))
    assert [p.rule_id for p in services.deadlines.proposals(first)] == ["second_child_in_care_review"]
    later = services.save(meeting(MeetingType.LAC_REVIEW, date(2026, 1, 30)))
    assert [p.rule_id for p in services.deadlines.proposals(later)] == ["next_child_in_care_review"]
    # The first stays the first once a later one exists.
    assert [p.rule_id for p in services.deadlines.proposals(first)] == ["second_child_in_care_review"]


def test_first_lac_review_is_per_child(services: Services) -> None:
    amy, ben = services.save(Child(name="Amy")), services.save(Child(name="Ben"))
    amys = meeting(MeetingType.LAC_REVIEW, date(2025, 10, 31))
    amys.child_ids = [amy.id]
    amys = services.save(amys)
    bens = meeting(MeetingType.LAC_REVIEW, date(2026, 1, 30))
    bens.child_ids = [ben.id]
    assert is_first_lac_review(bens, [amys])
    both = meeting(MeetingType.LAC_REVIEW, date(2026, 1, 30))
    both.child_ids = [amy.id, ben.id]
    assert not is_first_lac_review(both, [amys])
    untagged = meeting(MeetingType.LAC_REVIEW, date(2026, 1, 30))
    assert not is_first_lac_review(untagged, [amys])  # no child named: any earlier review counts
    assert not is_first_lac_review(meeting(MeetingType.ICPC, date(2026, 1, 30)), [])


def test_records_that_start_no_clock_propose_nothing(services: Services) -> None:
    core_group = services.save(meeting(MeetingType.CORE_GROUP, date(2025, 5, 1)))
    plain_letter = services.save(letter(SENT, LetterPurpose.NONE, date(2025, 5, 1)))
    visit = services.save(event(EventType.VISIT, date(2025, 5, 1)))
    for record in (core_group, plain_letter, visit, services.save(Child(name="Amy"))):
        assert services.deadlines.proposals(record) == []


def test_minutes_not_yet_arrived_start_nothing_of_their_own() -> None:
    starts = clock_starts(meeting(MeetingType.ICPC, date(2025, 5, 1)))
    assert [s.trigger.kind for s in starts] == ["meeting"]
    with_minutes = clock_starts(meeting(MeetingType.ICPC, date(2025, 5, 1), minutes=date(2025, 5, 20)))
    assert [(s.trigger.kind, s.on) for s in with_minutes] == [
        ("meeting", date(2025, 5, 1)), ("minutes_received", date(2025, 5, 20))]


@pytest.mark.parametrize(("record", "message"), [
    (Meeting(meeting_type=MeetingType.STRATEGY_DISCUSSION),
     "This meeting has no date, so FamilyRecord cannot work out when the next step is due."),
    (Correspondence(direction=SENT, purpose=LetterPurpose.COMPLAINT_STAGE_1, subject="Complaint"),
     "This letter or e-mail has no date, so FamilyRecord cannot work out when the next step is due."),
    (Event(event_type=EventType.CAME_INTO_CARE, title="Came into care"),
     "This event has no date, so FamilyRecord cannot work out when the next step is due."),
])
def test_no_date_says_why_instead_of_guessing(services: Services, record: Record,
                                              message: str) -> None:
    with pytest.raises(MissingDateError) as caught:
        services.deadlines.proposals(record)
    assert isinstance(caught.value, InputError)
    assert caught.value.user_message == message
