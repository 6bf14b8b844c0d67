"""What is due and what is late, the family's and the council's, counted in working days.

Read-only: builds `DueList` (Home, `familyrecord due`) and `MissedTimescale` rows (the bundle's case
summary) from the Deadline records. Working days are those of England and Wales
(familyrecord.timescales.workdays); a deadline due today is not late.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from familyrecord.records.enums import DeadlineKind, DeadlineWho
from familyrecord.records.models import Deadline
from familyrecord.storage.record_store import RecordStore
from familyrecord.timescales.propose import describe_due, format_due
from familyrecord.timescales.rules import Rule, default_rules
from familyrecord.timescales.workdays import working_days_between

# What the family can do when the council (or the court) is late, by kind of deadline.
_COUNCIL_LATE: dict[DeadlineKind, str] = {
    DeadlineKind.COMPLAINT_RESPONSE: (
        "Ask the council when you will get an answer. If it stays late, you can ask for the next "
        "stage of the complaint."),
    DeadlineKind.SUBJECT_ACCESS: (
        "Ask the council when you will get your records. If it stays late, you can complain to "
        "the Information Commissioner's Office (ICO)."),
    DeadlineKind.MEETING: (
        "Ask the council when the meeting will be held. Keep a copy of what you send."),
    DeadlineKind.MEETING_RECORD: (
        "Ask for the minutes or plan in writing. Keep a copy of what you send."),
    DeadlineKind.REPORT_BEFORE_MEETING: (
        "Ask for the report before the meeting. If it comes late, you can ask for time to read "
        "it, or for the meeting to be moved."),
}
COUNCIL_LATE_DEFAULT = "Ask the council why it is late, in writing. Keep a copy of what you send."
CHASE_HINT = "FamilyRecord can draft a polite letter to chase it."
COURT_LATE = "Ask your solicitor what the court has said about the timetable."
YOURS_LATE = ("This was your step. If it still matters, do it now and say why it is late. "
              "If you are not sure, ask your solicitor or an advocate.")
UNSAID_LATE = ("Check whose step this was. If it was the council's, ask why it is late, in writing. "
               + CHASE_HINT)


@dataclass(frozen=True)
class DueItem:
    """One deadline as it stands today."""

    deadline: Deadline
    due_on: date
    who: DeadlineWho
    status: str  # "2 working days left", "due today", "late by 6 working days"
    working_days: int  # working days left (negative: late by)
    late: bool
    advice: str  # what to do about it when late ("" otherwise)
    can_chase: bool  # a chase letter makes sense (someone else's step, and late)


@dataclass
class DueList:
    today: date
    late: list[DueItem] = field(default_factory=list)  # oldest first
    upcoming: list[DueItem] = field(default_factory=list)  # soonest first

    def theirs(self) -> list[DueItem]:
        """The council's and the court's steps, late ones first."""
        return [item for item in [*self.late, *self.upcoming]
                if item.who in (DeadlineWho.LOCAL_AUTHORITY, DeadlineWho.COURT)]

    def yours(self) -> list[DueItem]:
        """The family's own steps, and those typed in without saying whose, late ones first."""
        return [item for item in [*self.late, *self.upcoming]
                if item.who in (DeadlineWho.YOU, DeadlineWho.UNSAID)]

    def is_empty(self) -> bool:
        return not self.late and not self.upcoming


@dataclass(frozen=True)
class MissedTimescale:
    """A timescale the local authority missed, for the bundle's case summary."""

    deadline_id: str
    title: str
    due_on: date
    done_on: date | None  # None: still not done
    late_by: int  # working days late (to when it was done, or to today)
    rule_wording: str  # the rule in plain words, "" when the deadline came from no rule
    source: str  # where the timescale comes from, "" when unknown


def advice_for(deadline: Deadline) -> str:
    """What the family can do about this deadline once it is late."""
    if deadline.who is DeadlineWho.YOU:
        return YOURS_LATE
    if deadline.who is DeadlineWho.COURT:
        return COURT_LATE
    if deadline.who is DeadlineWho.UNSAID:
        return UNSAID_LATE
    return f"{_COUNCIL_LATE.get(deadline.deadline_kind, COUNCIL_LATE_DEFAULT)} {CHASE_HINT}"


def due_item(deadline: Deadline, today: date) -> DueItem:
    """How one dated deadline stands on `today`."""
    due = deadline.due_on
    if due is None:
        raise ValueError("a deadline without a date has no standing")
    late = due < today
    chase = late and deadline.who in (DeadlineWho.LOCAL_AUTHORITY, DeadlineWho.UNSAID)
    return DueItem(deadline=deadline, due_on=due, who=deadline.who,
                   status=describe_due(due, today), working_days=working_days_between(today, due),
                   late=late, advice=advice_for(deadline) if late else "", can_chase=chase)


def due_list(deadlines: Iterable[Deadline], today: date, *, days_ahead: int | None = None) -> DueList:
    """Open deadlines (not done, dated): all late ones, and those due within `days_ahead` days
    (every future one when None)."""
    horizon = None if days_ahead is None else today + timedelta(days=days_ahead)
    result = DueList(today=today)
    for deadline in deadlines:
        if deadline.done_on is not None or deadline.due_on is None or deadline.archived:
            continue
        if horizon is not None and deadline.due_on > horizon:
            continue
        item = due_item(deadline, today)
        (result.late if item.late else result.upcoming).append(item)
    result.late.sort(key=lambda item: (item.due_on, item.deadline.title))
    result.upcoming.sort(key=lambda item: (item.due_on, item.deadline.title))
    return result


def due_from_store(records: RecordStore, today: date, *, days_ahead: int | None = None) -> DueList:
    return due_list(records.repo(Deadline).list(newest_first=False), today, days_ahead=days_ahead)


def _rules_by_id() -> dict[str, Rule]:
    return {rule.id: rule for rule in default_rules()}


def missed_by_council(deadlines: Iterable[Deadline], today: date) -> list[MissedTimescale]:
    """The local authority's deadlines done late, or still not done after their date; oldest first.

    A deadline done on its due date, or due today, is not missed.
    """
    rules = _rules_by_id()
    missed: list[MissedTimescale] = []
    for deadline in deadlines:
        if (deadline.who is not DeadlineWho.LOCAL_AUTHORITY or deadline.due_on is None
                or deadline.archived or not deadline.missed(today)):
            continue
        until = deadline.done_on or today
        rule = rules.get(deadline.rule_id)
        missed.append(MissedTimescale(
            deadline_id=deadline.id,
            title=deadline.title,
            due_on=deadline.due_on,
            done_on=deadline.done_on,
            late_by=working_days_between(deadline.due_on, until),
            rule_wording="" if rule is None else rule.wording.format(due=format_due(deadline.due_on)),
            source="" if rule is None else rule.source,
        ))
    missed.sort(key=lambda row: (row.due_on, row.title))
    return missed
