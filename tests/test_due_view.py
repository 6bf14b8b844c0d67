"""What is due and what is late, in working days, and what to do about a late one."""

from __future__ import annotations

from datetime import date

from familyrecord.records.enums import DeadlineKind, DeadlineWho
from familyrecord.records.models import Deadline
from familyrecord.services import Services
from familyrecord.views.due import (
    CHASE_HINT,
    COURT_LATE,
    YOURS_LATE,
    due_item,
    due_list,
)

TODAY = date(2024, 12, 11)  # Wed 11 Dec 2024


def _deadline(title: str, due: date, who: DeadlineWho = DeadlineWho.LOCAL_AUTHORITY,
              kind: DeadlineKind = DeadlineKind.OTHER, done: date | None = None) -> Deadline:
    return Deadline(title=title, due_on=due, who=who, deadline_kind=kind, done_on=done)


def test_standing_in_working_days() -> None:
    cases = [
        (date(2024, 12, 3), "late by 6 working days", -6, True),  # 4-6 (3), 9-11 (6)
        (date(2024, 12, 10), "late by 1 working day", -1, True),
        (TODAY, "due today", 0, False),
        (date(2024, 12, 12), "due tomorrow", 1, False),
        (date(2024, 12, 13), "2 working days left", 2, False),
        (date(2024, 12, 27), "10 working days left", 10, False),  # Christmas and Boxing Day skipped
    ]
    for due, status, working_days, late in cases:
        item = due_item(_deadline("Core group", due), TODAY)
        assert (item.status, item.working_days, item.late) == (status, working_days, late), due


def test_late_ones_oldest_first_then_upcoming_soonest_first() -> None:
    listing = due_list([
        _deadline("Later", date(2025, 1, 9)),
        _deadline("Core group", date(2024, 12, 3)),
        _deadline("Done already", date(2024, 12, 1), done=date(2024, 12, 1)),
        _deadline("Minutes", date(2024, 12, 10)),
        _deadline("Reply", date(2024, 12, 13), who=DeadlineWho.YOU),
    ], TODAY)
    assert [i.deadline.title for i in listing.late] == ["Core group", "Minutes"]
    assert [i.deadline.title for i in listing.upcoming] == ["Reply", "Later"]
    assert [i.deadline.title for i in listing.yours()] == ["Reply"]
    assert [i.deadline.title for i in listing.theirs()] == ["Core group", "Minutes", "Later"]
    assert not listing.is_empty()


def test_days_ahead_limits_upcoming_but_never_late() -> None:
    listing = due_list([_deadline("Late", date(2024, 10, 1)), _deadline("Soon", date(2024, 12, 18)),
                        _deadline("Far", date(2025, 3, 1))], TODAY, days_ahead=14)
    assert [i.deadline.title for i in listing.late] == ["Late"]
    assert [i.deadline.title for i in listing.upcoming] == ["Soon"]


def test_advice_for_a_late_one_depends_on_whose_step_it_is() -> None:
    complaint = due_item(_deadline("Complaint reply", date(2024, 12, 2),
                                   kind=DeadlineKind.COMPLAINT_RESPONSE), TODAY)
    assert complaint.can_chase
    assert complaint.advice.startswith("Ask the council when you will get an answer.")
    assert complaint.advice.endswith(CHASE_HINT)
    records = due_item(_deadline("Records", date(2024, 12, 2), kind=DeadlineKind.SUBJECT_ACCESS), TODAY)
    assert "Information Commissioner's Office (ICO)" in records.advice
    mine = due_item(_deadline("My comments", date(2024, 12, 2), who=DeadlineWho.YOU), TODAY)
    assert (mine.advice, mine.can_chase) == (YOURS_LATE, False)
    court = due_item(_deadline("26 weeks", date(2024, 12, 2), who=DeadlineWho.COURT), TODAY)
    assert (court.advice, court.can_chase) == (COURT_LATE, False)
    upcoming = due_item(_deadline("Core group", date(2024, 12, 20)), TODAY)
    assert (upcoming.advice, upcoming.can_chase) == ("", False)


def test_due_from_the_record(services: Services) -> None:
    services.save(_deadline("Core group", date(2024, 12, 3)))
    services.save(_deadline("Review", date(2025, 2, 19)))
    archived = services.save(_deadline("Put away", date(2024, 12, 1)))
    services.archive(archived)
    listing = services.deadlines.due(TODAY)
    assert [(i.deadline.title, i.status) for i in listing.late] == [
        ("Core group", "late by 6 working days")]
    assert [(i.deadline.title, i.status) for i in listing.upcoming] == [
        ("Review", "47 working days left")]
    assert services.deadlines.due(TODAY, days_ahead=30).upcoming == []
