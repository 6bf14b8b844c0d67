"""The deadline verbs (reached as `services.deadlines`): the clocks records start, accepted
deadlines that follow their record, what is due or late, chase letters and the calendar file.

Proposals are only suggestions: nothing is saved until the family accepts them. An accepted deadline
keeps the id of the record that started it and the rule that set its date, so when that record's
date changes the deadline moves with it and says so in its notes.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import TypeVar

from familyrecord.errors import InputError
from familyrecord.export.ics import CalendarItem, calendar_bytes
from familyrecord.formatting import long_date, plural, short_date
from familyrecord.records.enums import (
    Channel,
    DeadlineKind,
    DeadlineWho,
    Direction,
    LetterPurpose,
    MeetingType,
    Role,
)
from familyrecord.records.models import Correspondence, Deadline, Meeting, Person, Record
from familyrecord.storage.record_store import RecordStore
from familyrecord.timescales.from_records import (
    DATE_NAMES,
    clock_dates,
    is_first_lac_review,
    proposals_for,
)
from familyrecord.timescales.propose import Proposal, proposal_for_rule
from familyrecord.timescales.rules import Rule, default_rules
from familyrecord.timescales.workdays import add_working_days, working_days_between
from familyrecord.views.due import DueList, MissedTimescale, due_from_store, missed_by_council

log = logging.getLogger(__name__)

CHASE_REPLY_WORKING_DAYS = 10
LOCAL_PRACTICE_NOTE = "This is local practice: check your local procedures."
# Who at a meeting a chase letter goes to, most fitting first.
_CHASE_ROLES = (Role.CONFERENCE_CHAIR, Role.IRO, Role.SOCIAL_WORKER, Role.TEAM_MANAGER)
CalendarRecord = Meeting | Deadline
R = TypeVar("R", bound=Record)


class DeadlineService:
    def __init__(self, records: RecordStore) -> None:
        self._records = records

    # ---- proposals and accepting them ------------------------------------------------------

    def proposals(self, record: Record) -> list[Proposal]:
        """The deadlines this record (saved or not) proposes, with the rule in plain words.

        Raises `MissingDateError` (an InputError whose user_message says which date is missing)
        when a clock that has rules has no date to count from. [] when it starts no clock.
        """
        return proposals_for(record, first_lac_review=self._is_first_lac_review(record))

    def _is_first_lac_review(self, record: Record) -> bool:
        if not isinstance(record, Meeting) or record.meeting_type is not MeetingType.LAC_REVIEW:
            return False
        return is_first_lac_review(record, self._records.repo(Meeting).list())

    def linked(self, record: Record) -> list[Deadline]:
        """The (not archived) deadlines this record started, soonest first."""
        return [d for d in self._records.repo(Deadline).list(newest_first=False)
                if d.source_record_id == record.id]

    def accept(self, record: Record, proposals: Sequence[Proposal]) -> list[Deadline]:
        """Save the chosen proposals (as given: the family may have edited the date) as Deadlines
        linked to `record`, in one change. A rule already accepted for this record is not added
        again; its existing deadline is returned instead."""
        if not self._records.exists(record.id):
            raise InputError(f"accept for unsaved record {record.id}",
                             user_message="Please save the record before adding its deadlines.")
        accepted: list[Deadline] = []
        with self._records.together():
            existing = {d.rule_id: d for d in self.linked(record) if d.rule_id}
            for proposal in proposals:
                deadline = existing.get(proposal.rule_id)
                if deadline is None:
                    deadline = self._records.save(_deadline_from(proposal, record))
                    existing[proposal.rule_id] = deadline
                accepted.append(deadline)
        return accepted

    def save_accepting(self, record: R, proposals: Sequence[Proposal]) -> tuple[R, list[Deadline]]:
        """Save a record (its accepted deadlines following its date, as `Services.save` does) and
        accept the chosen proposals, as one change: a record form's Save with ticked deadlines."""
        with self._records.together():
            previous = self.saved_version(record)
            saved = self._records.save(record)
            if previous is not None:
                self.follow(saved, previous)
            return saved, self.accept(saved, proposals)

    def saved_version(self, record: Record) -> Record | None:
        """The stored version of a record that can start clocks (None when new or not such a
        record): what `follow` compares with to see which dates changed."""
        if not clock_dates(record) or not self._records.exists(record.id):
            return None
        return self._records.get(record.id)

    def follow(self, record: Record, previous: Record | None = None) -> list[Deadline]:
        """Move the open deadlines this record started to their rule's date for the record's
        dates now, with a note saying why; returns those moved.

        With `previous` (the stored version before an edit) only clocks whose date changed move,
        so a date the family set by hand stays unless its record's date changes. Without it, every
        linked deadline is brought back to its rule's date. Deadlines done, typed by hand (no
        rule), or whose rule FamilyRecord no longer has are left alone.
        """
        now = clock_dates(record)
        before = clock_dates(previous) if previous is not None and type(previous) is type(record) else {}
        changed = {kind for kind, on in now.items()
                   if on is not None and (previous is None or before.get(kind) != on)}
        if not changed:
            return []
        rules = _rules_by_id()
        moved: list[Deadline] = []
        with self._records.together():
            for deadline in self.linked(record):
                if deadline.done_on is not None or not deadline.rule_id:
                    continue
                rule = rules.get(deadline.rule_id)
                if rule is None:
                    log.info("deadline %s names a rule no longer in the table; not moved", deadline.id)
                    continue
                if rule.trigger_kind not in changed:
                    continue
                on = now[rule.trigger_kind]
                assert on is not None  # only dated kinds are in `changed`
                new_due = proposal_for_rule(rule.id, on).due
                if new_due == deadline.due_on:
                    continue
                why = (f"to match {DATE_NAMES[rule.trigger_kind]}, {short_date(on)}" if previous is None
                       else f"because {DATE_NAMES[rule.trigger_kind]} changed to {short_date(on)}")
                note = f"Moved from {short_date(deadline.due_on)} {why}."
                notes = f"{deadline.notes}\n{note}" if deadline.notes else note
                moved.append(self._records.save(replace(deadline, due_on=new_due, notes=notes)))
        return moved

    # ---- what is due --------------------------------------------------------------------------

    def due(self, today: date, *, days_ahead: int | None = None) -> DueList:
        """Open deadlines: every late one, and those due within `days_ahead` days (all when None)."""
        return due_from_store(self._records, today, days_ahead=days_ahead)

    def missed_by_council(self, today: date) -> list[MissedTimescale]:
        """The local authority's timescales missed (done late or still not done), for the bundle."""
        return missed_by_council(self._records.repo(Deadline).list(newest_first=False), today)

    # ---- chasing a late one -----------------------------------------------------------------

    def chase_letter(self, deadline: Deadline, today: date) -> Correspondence:
        """Draft a polite letter chasing a late deadline of the council's and save it as outgoing
        correspondence dated `today`, asking for a reply within 10 working days. The deadline's
        notes say a chase letter was drafted (one change)."""
        stored = self._records.get(deadline.id)
        if not isinstance(stored, Deadline) or stored.due_on is None:
            raise InputError("chase for a record that is not a dated deadline",
                             user_message="Only a deadline with a date can be chased.")
        if stored.done_on is not None:
            raise InputError("chase for a done deadline",
                             user_message="This has been done, so there is nothing to chase.")
        if stored.who is DeadlineWho.YOU:
            raise InputError("chase for the family's own step",
                             user_message="This step is yours, so there is no one to chase.")
        if stored.due_on >= today:
            raise InputError("chase before the due date", user_message=(
                f"This is not late yet: it is due by {short_date(stored.due_on)}."))
        person = self._chase_person(stored)
        reply_by = add_working_days(today, CHASE_REPLY_WORKING_DAYS)
        letter = Correspondence(
            direction=Direction.SENT, channel=Channel.LETTER, dated=today,
            to_name=person.name if person else "", person_id=person.id if person else "",
            subject=f"Chasing: {stored.title} by {short_date(stored.due_on)}",
            body=chase_letter_text(stored, today, reply_by, person.name if person else ""),
            reply_needed_by=reply_by, purpose=LetterPurpose.CHASE, child_ids=list(stored.child_ids))
        note = f"Chase letter drafted on {short_date(today)}."
        with self._records.together():
            saved = self._records.save(letter)
            self._records.save(replace(stored, notes=f"{stored.notes}\n{note}" if stored.notes else note))
        return saved

    def _chase_person(self, deadline: Deadline) -> Person | None:
        """The council's contact on the record that started the deadline, when it names one."""
        if not deadline.source_record_id or not self._records.exists(deadline.source_record_id):
            return None
        source = self._records.get(deadline.source_record_id)
        person_id = ""
        if isinstance(source, Correspondence):
            person_id = source.person_id
        elif isinstance(source, Meeting):
            for role in _CHASE_ROLES:
                person_id = next((a.person_id for a in source.attendees
                                  if a.role is role and a.person_id), "")
                if person_id:
                    break
        if not person_id or not self._records.exists(person_id):
            return None
        person = self._records.get(person_id)
        return person if isinstance(person, Person) else None

    # ---- calendar ---------------------------------------------------------------------------

    def calendar_choices(self, *, date_from: date | None = None, date_to: date | None = None,
                         include_done: bool = False) -> list[CalendarRecord]:
        """Meetings and deadlines that can go on a calendar, in date order (an export dialog's
        list). Done deadlines are left out unless asked for."""
        meetings: list[CalendarRecord] = list(self._records.repo(Meeting).list(
            date_from=date_from, date_to=date_to, newest_first=False))
        deadlines: list[CalendarRecord] = [
            d for d in self._records.repo(Deadline).list(date_from=date_from, date_to=date_to,
                                                         newest_first=False)
            if include_done or d.done_on is None]
        return sorted([*meetings, *deadlines], key=_calendar_sort_key)

    def calendar(self, chosen: Sequence[Record] | None = None, *, date_from: date | None = None,
                 date_to: date | None = None, plain_titles: bool = True,
                 stamp: datetime | None = None) -> bytes:
        """An .ics file of the chosen meetings and deadlines (all of them in the dates given when
        `chosen` is None). Plain titles ("Meeting", "Deadline") unless the family asks for real
        ones. Writing the bytes to a file is the caller's job."""
        records = self.calendar_choices(date_from=date_from, date_to=date_to) if chosen is None \
            else list(chosen)
        return calendar_bytes([_calendar_item(r) for r in records], plain_titles=plain_titles,
                              stamp=stamp)


def _rules_by_id() -> dict[str, Rule]:
    return {rule.id: rule for rule in default_rules()}


def _deadline_from(proposal: Proposal, record: Record) -> Deadline:
    notes = [proposal.wording, f"Source: {proposal.source}."]
    if proposal.local_practice:
        notes.append(LOCAL_PRACTICE_NOTE)
    return Deadline(title=proposal.title, due_on=proposal.due,
                    deadline_kind=DeadlineKind(proposal.deadline_kind), who=DeadlineWho(proposal.who),
                    rule_id=proposal.rule_id, source_record_id=record.id, notes="\n".join(notes),
                    child_ids=list(record.child_ids))


def chase_letter_text(deadline: Deadline, today: date, reply_by: date, to_name: str) -> str:
    """The chase letter, in plain and polite words (the family can edit it before sending)."""
    assert deadline.due_on is not None
    rule = _rules_by_id().get(deadline.rule_id)
    late_by = working_days_between(deadline.due_on, today)
    lines = [f"Dear {to_name or 'Sir or Madam'},", "",
             f"I am writing about something that was due by {long_date(deadline.due_on)}: "
             f"{deadline.title}."]
    if rule is not None:
        lines += ["", f"The timescale: {rule.wording.format(due=long_date(deadline.due_on))}",
                  f"This comes from: {rule.source}."]
        if rule.local_practice:
            lines.append("I understand this is set by local procedures. If yours are different, "
                         "please tell me what they say.")
    lines += ["", "As far as I know, this has not happened yet. "
              + (f"It is now late by {plural(late_by, 'working day')}." if late_by else "It is now late."),
              "", "Please tell me what is happening and when it will be done. I would be grateful "
              f"for a reply within {CHASE_REPLY_WORKING_DAYS} working days, by {long_date(reply_by)}.",
              "", "Thank you for your help.", "", "Yours sincerely,", ""]
    return "\n".join(lines)


def _calendar_sort_key(record: CalendarRecord) -> tuple[date, str]:
    return (record.when() or date.max, record.id)


def _calendar_item(record: Record) -> CalendarItem:
    if isinstance(record, Meeting) and record.starts_at is not None:
        return CalendarItem(record_id=record.id, kind="meeting", title=record.summary(),
                            start=record.starts_at, end=record.ends_at)
    if isinstance(record, Deadline) and record.due_on is not None:
        return CalendarItem(record_id=record.id, kind="deadline", title=record.title,
                            start=record.due_on)
    raise InputError(f"calendar item of kind {record.KIND}",
                     user_message="Only meetings and deadlines with a date can go on the calendar.")
