"""A hand-counted contact fixture for the GUI tests of ui/contact (a plain module).

Weekly on Tuesdays 16:00-17:30 from 7 January 2025 to 25 March 2025: twelve sessions. What
happened, counted by hand:

    January:  7 happened, 14 happened, 21 late (20 min), 28 cancelled by the council (2 hours' notice)
    February: 4 happened, 11 no-show, 18 cancelled by the family (48 hours), 25 happened
    March:    4 cancelled by the council (30 hours), 11 happened, 18 not answered, 25 not answered

Today is 20 March 2025, so 18 March is still to answer and 25 March is coming up.
"""

from __future__ import annotations

from datetime import date, time

from familyrecord.records.enums import CancelledBy, SessionStatus
from familyrecord.records.models import ContactArrangement
from familyrecord.services import Services

TODAY = date(2025, 3, 20)

# By hand, from the table above.
HAPPENED, LATE, CANCELLED, NO_SHOW, TO_ANSWER, COMING_UP = 5, 1, 3, 1, 1, 1
WAITING = TO_ANSWER + COMING_UP  # still planned
BY_COUNCIL, BY_FAMILY = 2, 1
ANSWERED = HAPPENED + LATE + CANCELLED + NO_SHOW  # 10
SHARE_PERCENT = 60  # (5 + 1) of 10 took place
# Per month (Jan, Feb, Mar) for each series of the chart.
MONTHS = ["Jan 2025", "Feb 2025", "Mar 2025"]
SERIES = {
    "Happened": [2, 2, 1],
    "Happened, but late": [1, 0, 0],
    "Cancelled by the council": [1, 0, 1],
    "Cancelled by us (the family)": [0, 1, 0],
    "Did not happen (no-show)": [0, 1, 0],
}
WELLBEING = {date(2025, 1, 7): "Happy, played with Nan", date(2025, 2, 4): "Quiet at first, then fine"}


def weekly_arrangement(services: Services) -> ContactArrangement:
    """Set the schedule up and answer ten of its sessions as in the table above."""
    arrangement = ContactArrangement(
        with_whom="Nan", repeat_rule="FREQ=WEEKLY;BYDAY=TU", starts_on=date(2025, 1, 7),
        ends_on=date(2025, 3, 25), session_start=time(16, 0), session_end=time(17, 30))
    services.kinship.change_schedule(arrangement, today=date(2025, 1, 1), until=date(2025, 3, 31))
    saved = services.kinship.arrangements()[0]
    by_day = {s.session_date: s.id for s in services.kinship.sessions_of(saved.id)}
    assert len(by_day) == 12, sorted(d for d in by_day if d)

    def answer(day: date, outcome: SessionStatus, *, late_minutes: int | None = None,
               cancelled_by: CancelledBy = CancelledBy.NOT_CANCELLED,
               notice_hours: float | None = None) -> None:
        services.kinship.confirm(by_day[day], outcome, late_minutes=late_minutes,
                                 cancelled_by=cancelled_by, notice_hours=notice_hours,
                                 wellbeing=WELLBEING.get(day))

    answer(date(2025, 1, 7), SessionStatus.HAPPENED)
    answer(date(2025, 1, 14), SessionStatus.HAPPENED)
    answer(date(2025, 1, 21), SessionStatus.LATE, late_minutes=20)
    answer(date(2025, 1, 28), SessionStatus.CANCELLED, cancelled_by=CancelledBy.COUNCIL, notice_hours=2)
    answer(date(2025, 2, 4), SessionStatus.HAPPENED)
    answer(date(2025, 2, 11), SessionStatus.NO_SHOW)
    answer(date(2025, 2, 18), SessionStatus.CANCELLED, cancelled_by=CancelledBy.FAMILY, notice_hours=48)
    answer(date(2025, 2, 25), SessionStatus.HAPPENED)
    answer(date(2025, 3, 4), SessionStatus.CANCELLED, cancelled_by=CancelledBy.COUNCIL, notice_hours=30)
    answer(date(2025, 3, 11), SessionStatus.HAPPENED)
    return saved
